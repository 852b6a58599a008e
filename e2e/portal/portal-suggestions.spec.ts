import { describe, expect, it } from 'vitest';
import { screenshot } from '../fixtures/browser.ts';
import { portalJourney, setPasswordFromMail } from '../fixtures/portal.ts';
import { PortalPage } from '../pages/PortalPage.ts';

const CONTACT = { name: 'Sofía Ríos', email: 'srios@cimatic.test', password: 'Clave de Sofía 31' };

// Issue 19, deflection: as the customer types the subject of a new ticket, public articles that
// match are suggested; opening one is counted (a ticket avoided unless one follows within the hour).
describe('portal: a customer typing a subject sees a suggested article', () => {
  const spec = portalJourney(async (journey, sink) => {
    await journey.admin.post('/kb/articles', {
      title: 'La impresora fiscal no imprime la factura',
      slug: 'impresora-no-imprime',
      body: 'Revise que la impresora esté encendida y conectada.',
      visibility: 'public',
    });
    await journey.admin.post('/kb/articles', {
      title: 'Impresora: procedimiento interno de reemplazo',
      slug: 'reemplazo-impresora',
      body: 'Solo agentes.',
      visibility: 'internal',
    });
    const organization = await journey.admin.post<{ id: string }>('/organizations', { name: 'Cimatic Ríos' });
    const contact = await journey.admin.post<{ id: string }>('/contacts', {
      name: CONTACT.name,
      emails: [{ email: CONTACT.email }],
      organizationId: organization.id,
      organizationRole: 'member',
    });
    await journey.admin.post(`/contacts/${contact.id}/invite`);
    await setPasswordFromMail(journey, sink, CONTACT.email, CONTACT.password);
  });

  it('typing "no imprime" suggests the public article (never the internal one); opening it is counted', async () => {
    const customer = await spec.open();
    const portal = new PortalPage(customer.page);
    const { page, text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    await portal.openNav(text.portal.nav.newTicket);
    await portal.heading(text.portal.newTicket.title).waitFor();
    await page
      .getByRole('textbox', { name: text.portal.newTicket.subject })
      .pressSequentially('La impresora no imprime');
    const suggestions = page.getByRole('list', { name: text.portal.suggestions.title });
    const suggested = suggestions.getByRole('link', { name: 'La impresora fiscal no imprime la factura' });
    await suggested.waitFor();
    expect(await page.getByText('procedimiento interno').count()).toBe(0);
    await screenshot(page, 'portal-suggested-article');

    const [article] = await Promise.all([customer.context.waitForEvent('page'), suggested.click()]);
    await article.getByRole('heading', { level: 1, name: 'La impresora fiscal no imprime la factura' }).waitFor();
    await expect
      .poll(
        async () => (await spec.journey.admin.get<{ suggestionsOpened: number }>('/kb/deflection')).suggestionsOpened,
      )
      .toBe(1);
    expect(customer.pageErrors).toEqual([]);
  });
});

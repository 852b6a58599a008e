import { afterAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, type GraphCall, startFakeGraphApi } from '../../src/testing/fake-graph-api.ts';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const es = catalogs.es;
const words = es.whatsapp.habits;
const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_wolk%40thread.v2/0';

// Seed 000: a new customer gets a message from the support WhatsApp with our contact channels, and a
// customer without a headset gets the session's Teams link on their phone. Both one click on the ticket.
describe('an agent welcomes a new customer by WhatsApp and sends the Teams link of their training (seed 000)', () => {
  let graph: FakeGraphApi;
  let ticket: Ticket;
  afterAll(() => graph?.close());

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      graph = await startFakeGraphApi({ accessToken: 'EAAG-wolk-habitos' });
      graph.templates.push(
        {
          name: 'bienvenida_soporte',
          language: 'es',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [
            {
              type: 'BODY',
              text: 'Hola {{1}}, le saluda Soporte Wolk. Guarde este número; también nos encuentra en soporte@wolk.example y en la central 4000-1234.',
            },
          ],
        },
        {
          name: 'enlace_sesion',
          language: 'es',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hola {{1}}, su sesión es el {{2}}. Entre desde el celular: {{3}}' }],
        },
      );
      const admin = journey.admin;
      await admin.post('/whatsapp/numbers', {
        phoneNumberId: '106540352242922',
        businessAccountId: '102290129340398',
        displayNumber: '+506 4000 1234',
        accessToken: graph.accessToken,
        appSecret: 'secreto-de-la-app-wolk',
        verifyToken: 'token-de-verificacion',
        graphBaseUrl: graph.baseUrl,
        graphVersion: 'v23.0',
        welcomeTemplate: { name: 'bienvenida_soporte', language: 'es' },
        sessionTemplate: { name: 'enlace_sesion', language: 'es' },
      });
      const contact = await admin.post<{ id: string }>('/contacts', {
        name: 'Lucía Vargas',
        phones: [{ phone: '+506 8777 1000', whatsapp: true }],
      });
      ticket = await admin.createTicket({
        subject: 'Cliente nuevo: configuración del sistema',
        body: 'Compró el sistema; hay que configurarlo y capacitarla.',
        channel: 'phone',
        requester: { id: contact.id },
      });
      await admin.post(`/tickets/${ticket.id}/messages`, {
        kind: 'activity',
        body: 'Se agenda la capacitación de facturación; no tiene headset.',
        channel: 'teams',
        activity: {
          contactPerson: 'Lucía Vargas',
          medium: 'teams',
          reason: 'Capacitación de facturación',
          scheduledSession: {
            title: 'Capacitación de facturación',
            startsAt: '2027-01-12T15:00:00.000Z',
            endsAt: '2027-01-12T16:00:00.000Z',
          },
        },
      });
    },
  });

  /** The next message Graph accepted after `before` calls. */
  async function sentByGraph(before: number): Promise<GraphCall> {
    let call: GraphCall | undefined;
    await expect
      .poll(
        () => {
          call = graph
            .callsTo('messages')
            .slice(before)
            .find((c) => c.status === 200);
          return call !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    return call as GraphCall;
  }

  it('"Enviar bienvenida" sends the approved welcome template (she never wrote) and the ticket shows it', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    const before = graph.callsTo('messages').length;
    await spec.page.getByRole('button', { name: words.welcome }).click();
    await spec.page.getByText(words.welcomeQueued).waitFor();
    const call = await sentByGraph(before);
    expect(call.body).toMatchObject({
      to: '50687771000',
      type: 'template',
      template: {
        name: 'bienvenida_soporte',
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Lucía Vargas' }] }],
      },
    });
    const reply = page.messages('reply').filter({ hasText: 'le saluda Soporte Wolk' });
    await reply.getByText('Hola Lucía Vargas, le saluda Soporte Wolk.', { exact: false }).waitFor();
    await screenshot(spec.page, 'whatsapp-welcome-sent');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('"Enviar enlace por WhatsApp" on the session sends its Teams link and time, and keeps the link on the session', async () => {
    const page = new TicketPage(spec.page);
    const before = graph.callsTo('messages').length;
    const activity = page.messages('activity').filter({ hasText: 'Capacitación de facturación' });
    await activity.getByRole('button', { name: words.sessionLink }).click();
    const dialog = spec.page.getByRole('dialog', { name: words.sessionLinkTitle });
    const link = dialog.getByLabel(fieldLabel(words.joinUrl));
    await link.waitFor();
    await link.fill(TEAMS);
    await dialog.getByRole('button', { name: words.send, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const call = await sentByGraph(before);
    const when = 'martes, 12 de enero de 2027, 09:00';
    expect(call.body).toMatchObject({
      type: 'template',
      template: {
        name: 'enlace_sesion',
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía Vargas' },
              { type: 'text', text: when },
              { type: 'text', text: TEAMS },
            ],
          },
        ],
      },
    });
    await page
      .messages('reply')
      .getByText(`Hola Lucía Vargas, su sesión es el ${when}. Entre desde el celular: ${TEAMS}`)
      .waitFor();
    const stored = activity.getByRole('link', { name: words.joinLink });
    expect(await stored.getAttribute('href')).toBe(TEAMS);
    await screenshot(spec.page, 'whatsapp-session-link-sent');
    expect(spec.session.pageErrors).toEqual([]);
  });
});

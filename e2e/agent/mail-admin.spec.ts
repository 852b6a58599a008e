import { describe, expect, it } from 'vitest';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { MailAdminPage } from '../pages/MailAdminPage.ts';

type Mailbox = { address: string; departmentId: string | null; language: string; smtpUrl: string | null };
type Department = { id: string; name: string };

describe('an admin sets up soporte@ with its own SMTP server, checks failed mail and previews the acknowledgement', () => {
  let department: Department;

  const spec = consoleJourney({
    seed: async (journey) => {
      const { items } = await journey.admin.get<{ items: Department[] }>('/departments');
      department = items[0] as Department;
    },
  });

  it('adds the mailbox, sees the SMTP password masked, edits it without losing the password', async () => {
    const admin = new MailAdminPage(spec.page);
    const words = admin.text.mail.mailboxes;
    await admin.gotoMailboxes();
    await admin.addMailbox({
      address: 'soporte@cimatic.test',
      department: department.name,
      smtpUrl: 'smtp://envios:clave-secreta@smtp.cimatic.test:587',
    });
    const row = admin.mailboxRow('soporte@cimatic.test');
    await row.getByText('smtp://envios:****@smtp.cimatic.test:587').waitFor();
    expect(await spec.page.getByText('clave-secreta').count()).toBe(0);

    const dialog = await admin.editMailbox('soporte@cimatic.test');
    expect(await admin.field(dialog, words.smtpUrl).inputValue()).toBe('smtp://envios:****@smtp.cimatic.test:587');
    await admin.field(dialog, words.language).click();
    await spec.page.getByRole('option', { name: admin.text.language.en, exact: true }).click();
    await dialog.getByRole('button', { name: admin.text.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const { items } = await spec.admin.get<{ items: Mailbox[] }>('/mailboxes');
    expect(items).toEqual([
      expect.objectContaining({
        address: 'soporte@cimatic.test',
        departmentId: department.id,
        language: 'en',
        smtpUrl: 'smtp://envios:****@smtp.cimatic.test:587',
      }),
    ]);
  });

  it('shows that no mail failed, in and out', async () => {
    const admin = new MailAdminPage(spec.page);
    await admin.gotoFailedMail();
    await admin.panel.getByText(admin.text.mail.failed.inboundEmpty).waitFor();
    await admin.panel.getByText(admin.text.mail.failed.outgoingEmpty).waitFor();
  });

  it('previews the Spanish acknowledgement with an example ticket', async () => {
    const admin = new MailAdminPage(spec.page);
    await admin.gotoTemplates();
    await admin.chooseTemplate(admin.text.notifications.templates.acknowledgement, 'es');
    await admin.panel.getByRole('button', { name: admin.text.mail.templates.preview, exact: true }).click();
    await admin.preview.getByText(/La referencia de su ticket es OP10044/).waitFor();
    await admin.preview.getByText(/\[OP10044\]/).waitFor();
    expect(spec.session.pageErrors).toEqual([]);
  });
});

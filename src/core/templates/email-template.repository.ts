import type { Db } from '../../db/database.ts';
import type { Locale } from '../shared/actor.ts';
import type { EmailTemplate, TemplateKey } from './default-templates.ts';

/** Admins' edits of the mail templates; a template never edited is read from the defaults. */
export function emailTemplateRepository(db: Db) {
  return {
    async list(): Promise<EmailTemplate[]> {
      const rows = await db.selectFrom('email_templates').selectAll().execute();
      return rows.map((row) => ({
        key: row.key as TemplateKey,
        locale: row.locale as Locale,
        subject: row.subject,
        text: row.text,
        html: row.html,
      }));
    },

    async save(template: EmailTemplate, now: string): Promise<void> {
      await db
        .insertInto('email_templates')
        .values({ ...template, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['key', 'locale']).doUpdateSet({
            subject: template.subject,
            text: template.text,
            html: template.html,
            updated_at: now,
          }),
        )
        .execute();
    },
  };
}

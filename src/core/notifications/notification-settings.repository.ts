import type { Db } from '../../db/database.ts';
import type { Locale } from '../shared/actor.ts';
import { newId } from '../shared/ids.ts';
import type { TemplateKey } from '../templates/default-templates.ts';
import { DEFAULT_SCOPE, type MatrixEntry, type NoticeEvent, type RecipientKind } from './notification-matrix.ts';

export type NoticeChannels = 'console' | 'email' | 'both' | 'none';

/** The matrix, the agents' preferences and the people both name. */
export function notificationSettingsRepository(db: Db) {
  return {
    async hasScope(scope: string): Promise<boolean> {
      const row = await db
        .selectFrom('notification_matrix_scopes')
        .select('scope')
        .where('scope', '=', scope)
        .executeTakeFirst();
      return row !== undefined;
    },

    async entries(scope: string): Promise<MatrixEntry[]> {
      const rows = await db
        .selectFrom('notification_matrix')
        .select(['event', 'recipient', 'agent_id', 'template'])
        .where('scope', '=', scope)
        .orderBy('event')
        .orderBy('recipient')
        .orderBy('agent_id')
        .execute();
      return rows.map((r) => ({
        event: r.event as NoticeEvent,
        recipient: r.recipient as RecipientKind,
        agentId: r.agent_id,
        template: r.template as TemplateKey,
      }));
    },

    /** The matrix a department follows: its own, or the default one. */
    async effectiveEntries(departmentId: string | null): Promise<MatrixEntry[]> {
      const own = departmentId !== null && (await this.hasScope(departmentId));
      return this.entries(own ? (departmentId as string) : DEFAULT_SCOPE);
    },

    async replace(scope: string, entries: MatrixEntry[], now: string): Promise<void> {
      await db.deleteFrom('notification_matrix').where('scope', '=', scope).execute();
      const exists = await this.hasScope(scope);
      if (exists) {
        await db
          .updateTable('notification_matrix_scopes')
          .set({ updated_at: now })
          .where('scope', '=', scope)
          .execute();
      } else {
        await db.insertInto('notification_matrix_scopes').values({ scope, updated_at: now }).execute();
      }
      if (entries.length === 0) return;
      await db
        .insertInto('notification_matrix')
        .values(
          entries.map((e) => ({
            id: newId(),
            scope,
            event: e.event,
            recipient: e.recipient,
            agent_id: e.agentId,
            template: e.template,
          })),
        )
        .execute();
    },

    /** Drops a department's own matrix (the scope row cascades to its entries). */
    async removeScope(scope: string): Promise<boolean> {
      await db.deleteFrom('notification_matrix').where('scope', '=', scope).execute();
      const result = await db.deleteFrom('notification_matrix_scopes').where('scope', '=', scope).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async preferences(agentId: string): Promise<Map<string, NoticeChannels>> {
      const rows = await db
        .selectFrom('agent_notification_preferences')
        .select(['event', 'channels'])
        .where('agent_id', '=', agentId)
        .execute();
      return new Map(rows.map((r) => [r.event, r.channels]));
    },

    /** Every agent's choices, by event; agents without a row for an event use the default. */
    async preferencesByEvent(): Promise<Map<string, Map<string, NoticeChannels>>> {
      const rows = await db.selectFrom('agent_notification_preferences').selectAll().execute();
      const byEvent = new Map<string, Map<string, NoticeChannels>>();
      for (const row of rows) {
        const choices = byEvent.get(row.event) ?? new Map<string, NoticeChannels>();
        choices.set(row.agent_id, row.channels);
        byEvent.set(row.event, choices);
      }
      return byEvent;
    },

    async savePreferences(agentId: string, choices: { event: string; channels: NoticeChannels }[]): Promise<void> {
      await db.deleteFrom('agent_notification_preferences').where('agent_id', '=', agentId).execute();
      if (choices.length === 0) return;
      await db
        .insertInto('agent_notification_preferences')
        .values(choices.map((c) => ({ agent_id: agentId, event: c.event, channels: c.channels })))
        .execute();
    },

    async activeAgentIds(): Promise<Set<string>> {
      const rows = await db.selectFrom('agents').select('id').where('active', '=', 1).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Active agents by name, for seeding the matrices the seeds describe with people's names. */
    async agentIdsByName(names: string[]): Promise<Map<string, string>> {
      if (names.length === 0) return new Map();
      const rows = await db
        .selectFrom('agents')
        .select(['id', 'name'])
        .where('name', 'in', names)
        .where('active', '=', 1)
        .execute();
      return new Map(rows.map((r) => [r.name, r.id]));
    },

    async departmentIdByName(name: string): Promise<string | undefined> {
      const row = await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirst();
      return row?.id;
    },

    async departmentExists(id: string): Promise<boolean> {
      const row = await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    /** The department's supervisors (and admins who belong to it). */
    async supervisorsOf(departmentId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('agents')
        .innerJoin('agent_departments', 'agent_departments.agent_id', 'agents.id')
        .select('agents.id')
        .where('agents.role', 'in', ['supervisor', 'admin'])
        .where('agent_departments.department_id', '=', departmentId)
        .where('agents.active', '=', 1)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Active agents whose initials or email local part a note may mention (`@ACC`, `@araceli.cruz`). */
    async mentionable(): Promise<{ id: string; initials: string; email: string }[]> {
      return db.selectFrom('agents').select(['id', 'initials', 'email']).where('active', '=', 1).execute();
    },

    async contactMailTarget(contactId: string): Promise<{ email: string | null; locale: Locale } | undefined> {
      const row = await db.selectFrom('contacts').select(['locale']).where('id', '=', contactId).executeTakeFirst();
      if (!row) return undefined;
      const email = await db
        .selectFrom('contact_emails')
        .select('email')
        .where('contact_id', '=', contactId)
        .orderBy('is_primary', 'desc')
        .orderBy('email')
        .executeTakeFirst();
      return { email: email?.email ?? null, locale: row.locale };
    },

    async mailboxLanguage(departmentId: string | null): Promise<string | undefined> {
      if (!departmentId) return undefined;
      const row = await db
        .selectFrom('mailboxes')
        .select('language')
        .where('department_id', '=', departmentId)
        .orderBy('address')
        .executeTakeFirst();
      return row?.language;
    },

    /** True when an agent sent the ticket's customer a reply at or after `since`. */
    async agentRepliedSince(ticketId: string, since: string): Promise<boolean> {
      const row = await db
        .selectFrom('messages')
        .select('id')
        .where('ticket_id', '=', ticketId)
        .where('kind', '=', 'reply')
        .where('author_kind', '=', 'agent')
        .where('created_at', '>=', since)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async messageOf(messageId: string) {
      return db
        .selectFrom('messages')
        .select(['id', 'ticket_id', 'kind', 'author_agent_id', 'body_text'])
        .where('id', '=', messageId)
        .executeTakeFirst();
    },
  };
}

/**
 * The language of mail to a customer: the contact's own when it is not the Spanish default,
 * else the language of the department's mailbox (soporte@ in Spanish, support@ in English).
 */
export function customerLocale(contactLocale: Locale | undefined, mailboxLanguage: string | undefined): Locale {
  if (contactLocale && contactLocale !== 'es') return contactLocale;
  return mailboxLanguage === 'en' ? 'en' : 'es';
}

import type { Db } from '../../db/database.ts';

/** The organizations' contacts a timesheet may go to, and the timesheets sent (0051). */
export function timesheetRepository(db: Db) {
  return {
    async organization(id: string) {
      return db.selectFrom('organizations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** Every address of the organization's current contacts, with the contact's role and language. */
    async addresses(organizationId: string) {
      const rows = await db
        .selectFrom('contact_emails')
        .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
        .select([
          'contact_emails.email',
          'contacts.name',
          'contacts.org_role',
          'contacts.locale',
          'contact_emails.is_primary',
        ])
        .where('contacts.organization_id', '=', organizationId)
        .where('contacts.merged_into_id', 'is', null)
        .orderBy('contacts.name')
        .orderBy('contact_emails.email')
        .execute();
      return rows.map((r) => ({
        email: r.email,
        name: r.name,
        role: r.org_role,
        locale: r.locale,
        primary: Number(r.is_primary) === 1,
      }));
    },

    async insertSend(send: {
      id: string;
      organizationId: string;
      month: string;
      timeZone: string;
      recipients: string[];
      sentBy: string;
      outboxId: string;
      now: string;
    }) {
      await db
        .insertInto('timesheet_sends')
        .values({
          id: send.id,
          organization_id: send.organizationId,
          month: send.month,
          time_zone: send.timeZone,
          recipients: JSON.stringify(send.recipients),
          sent_by: send.sentBy,
          outbox_id: send.outboxId,
          created_at: send.now,
        })
        .execute();
    },

    async findSend(id: string) {
      const row = await db.selectFrom('timesheet_sends').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          organizationId: row.organization_id,
          month: row.month,
          recipients: JSON.parse(row.recipients) as string[],
          sentBy: row.sent_by,
        }
      );
    },

    /** The newest first, with who sent each and its mail's state in the outbox. */
    async sends(organizationId: string) {
      const rows = await db
        .selectFrom('timesheet_sends')
        .leftJoin('agents', 'agents.id', 'timesheet_sends.sent_by')
        .leftJoin('outbox', 'outbox.id', 'timesheet_sends.outbox_id')
        .select([
          'timesheet_sends.id',
          'timesheet_sends.organization_id',
          'timesheet_sends.month',
          'timesheet_sends.recipients',
          'timesheet_sends.created_at',
          'agents.id as agent_id',
          'agents.name as agent_name',
          'outbox.status',
        ])
        .where('timesheet_sends.organization_id', '=', organizationId)
        .orderBy('timesheet_sends.created_at', 'desc')
        .orderBy('timesheet_sends.id', 'desc')
        .limit(100)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        organizationId: r.organization_id,
        month: r.month,
        recipients: JSON.parse(r.recipients) as string[],
        sentBy: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
        createdAt: new Date(r.created_at).toISOString(),
        // A sent row may be pruned from the outbox one day: it left.
        delivery: r.status ?? ('sent' as const),
      }));
    },
  };
}

import { sql } from 'kysely';
import { dialectOf } from '../../db/create-db.ts';
import type { CustomFieldKind, Db, StatusCategory } from '../../db/database.ts';

export interface TicketStatus {
  id: string;
  name: string;
  /** The stable role a rule finds it by, whatever its name (`backlog`, `queued`); most have none. */
  key?: string | null;
  customerLabel: string | null;
  category: StatusCategory;
  position: number;
  active: boolean;
}

export interface NamedItem {
  id: string;
  name: string;
  position: number;
  active: boolean;
  /** Customers may choose it when opening a ticket in the portal. */
  customerVisible: boolean;
}

export interface TicketType extends NamedItem {
  /** The stable role a rule finds it by, whatever its name (`support`, `change`); most have none. */
  key?: string | null;
  barredStatusIds: string[];
}

export interface CustomField {
  id: string;
  typeId: string;
  key: string;
  label: string;
  kind: CustomFieldKind;
  options: string[];
  required: boolean;
  position: number;
}

export interface Vocabulary {
  statuses: TicketStatus[];
  types: TicketType[];
  categories: NamedItem[];
  fields: CustomField[];
}

type ListTable = 'ticket_types' | 'ticket_categories';

const NUMBER_PREFIX_KEY = 'tickets.number_prefix';

/** Statuses, types, categories, custom fields and the number format: the configurable words of tickets. */
export function ticketVocabularyRepository(db: Db) {
  const dialect = dialectOf(db);

  return {
    async load(): Promise<Vocabulary> {
      const [statuses, types, barred, categories, fields] = await Promise.all([
        db.selectFrom('ticket_statuses').selectAll().orderBy('position').execute(),
        db.selectFrom('ticket_types').selectAll().orderBy('position').execute(),
        db.selectFrom('ticket_type_barred_statuses').selectAll().execute(),
        db.selectFrom('ticket_categories').selectAll().orderBy('position').execute(),
        db.selectFrom('custom_fields').selectAll().orderBy('position').execute(),
      ]);
      return {
        statuses: statuses.map((s) => ({
          id: s.id,
          name: s.name,
          key: s.key ?? null,
          customerLabel: s.customer_label,
          category: s.category,
          position: s.position,
          active: s.active === 1,
        })),
        types: types.map((t) => ({
          id: t.id,
          name: t.name,
          key: t.key ?? null,
          position: t.position,
          active: t.active === 1,
          customerVisible: t.customer_visible === 1,
          barredStatusIds: barred.filter((b) => b.type_id === t.id).map((b) => b.status_id),
        })),
        categories: categories.map((c) => ({
          id: c.id,
          name: c.name,
          position: c.position,
          active: c.active === 1,
          customerVisible: c.customer_visible === 1,
        })),
        fields: fields.map((f) => ({
          id: f.id,
          typeId: f.type_id,
          key: f.key,
          label: f.label,
          kind: f.kind,
          options: JSON.parse(f.options) as string[],
          required: f.required === 1,
          position: f.position,
        })),
      };
    },

    async countStatuses(): Promise<number> {
      const row = await db
        .selectFrom('ticket_statuses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async insertStatus(s: TicketStatus & { nameKey: string }, now: string) {
      await db
        .insertInto('ticket_statuses')
        .values({
          id: s.id,
          name: s.name,
          name_key: s.nameKey,
          key: s.key ?? null,
          customer_label: s.customerLabel,
          category: s.category,
          position: s.position,
          active: s.active ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },

    async updateStatus(id: string, s: Partial<TicketStatus> & { nameKey?: string }, now: string) {
      await db
        .updateTable('ticket_statuses')
        .set({
          ...(s.name !== undefined && { name: s.name, name_key: s.nameKey }),
          ...(s.customerLabel !== undefined && { customer_label: s.customerLabel }),
          ...(s.category !== undefined && { category: s.category }),
          ...(s.position !== undefined && { position: s.position }),
          ...(s.active !== undefined && { active: s.active ? 1 : 0 }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async insertNamed(table: ListTable, item: NamedItem & { nameKey: string }, now: string) {
      await db
        .insertInto(table)
        .values({
          id: item.id,
          name: item.name,
          name_key: item.nameKey,
          position: item.position,
          active: item.active ? 1 : 0,
          customer_visible: item.customerVisible ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },

    async updateNamed(table: ListTable, id: string, item: Partial<NamedItem> & { nameKey?: string }, now: string) {
      await db
        .updateTable(table)
        .set({
          ...(item.name !== undefined && { name: item.name, name_key: item.nameKey }),
          ...(item.position !== undefined && { position: item.position }),
          ...(item.active !== undefined && { active: item.active ? 1 : 0 }),
          ...(item.customerVisible !== undefined && { customer_visible: item.customerVisible ? 1 : 0 }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Gives a seeded type its stable role (the account-limit rule's `support`, `change`). */
    async setTypeKey(id: string, key: string) {
      await db.updateTable('ticket_types').set({ key }).where('id', '=', id).execute();
    },

    async setBarredStatuses(typeId: string, statusIds: string[]) {
      await db.deleteFrom('ticket_type_barred_statuses').where('type_id', '=', typeId).execute();
      if (statusIds.length === 0) return;
      await db
        .insertInto('ticket_type_barred_statuses')
        .values([...new Set(statusIds)].map((status_id) => ({ type_id: typeId, status_id })))
        .execute();
    },

    async insertField(field: CustomField, now: string) {
      await db
        .insertInto('custom_fields')
        .values({
          id: field.id,
          type_id: field.typeId,
          key: field.key,
          label: field.label,
          kind: field.kind,
          options: JSON.stringify(field.options),
          required: field.required ? 1 : 0,
          position: field.position,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },

    async updateField(id: string, field: Partial<Omit<CustomField, 'id' | 'typeId' | 'key'>>, now: string) {
      await db
        .updateTable('custom_fields')
        .set({
          ...(field.label !== undefined && { label: field.label }),
          ...(field.kind !== undefined && { kind: field.kind }),
          ...(field.options !== undefined && { options: JSON.stringify(field.options) }),
          ...(field.required !== undefined && { required: field.required ? 1 : 0 }),
          ...(field.position !== undefined && { position: field.position }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async deleteField(id: string) {
      await db.deleteFrom('custom_fields').where('id', '=', id).execute();
    },

    async numberPrefix(): Promise<string | undefined> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', NUMBER_PREFIX_KEY)
        .executeTakeFirst();
      return row?.value;
    },

    async setNumberPrefix(prefix: string, now: string) {
      await db
        .insertInto('settings')
        .values({ key: NUMBER_PREFIX_KEY, value: prefix, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: prefix, updated_at: now }))
        .execute();
    },

    /** The number the next ticket will get (PostgreSQL: the sequence; SQLite: the counter row). */
    async peekNextNumber(): Promise<number | undefined> {
      if (dialect === 'postgres') {
        const row = await sql<{
          last_value: number;
          is_called: boolean;
        }>`select last_value, is_called from ticket_number_seq`.execute(db);
        const seq = row.rows[0];
        return seq && (seq.is_called ? Number(seq.last_value) + 1 : Number(seq.last_value));
      }
      const row = await db
        .selectFrom('ticket_counters')
        .select('next_value')
        .where('name', '=', 'ticket')
        .executeTakeFirst();
      return row && Number(row.next_value);
    },

    async setNextNumber(next: number) {
      if (dialect === 'postgres') {
        await sql`select setval('ticket_number_seq', ${next}, false)`.execute(db);
        return;
      }
      await db
        .insertInto('ticket_counters')
        .values({ name: 'ticket', next_value: next })
        .onConflict((oc) => oc.column('name').doUpdateSet({ next_value: next }))
        .execute();
    },

    /**
     * Takes the next ticket number. PostgreSQL's sequence never blocks concurrent creators (a
     * rolled-back creation leaves a gap, which is allowed); SQLite has a single writer.
     */
    async takeNextNumber(): Promise<number> {
      if (dialect === 'postgres') {
        const row = await sql<{ n: number }>`select nextval('ticket_number_seq') as n`.execute(db);
        return Number(row.rows[0]?.n);
      }
      const row = await sql<{ n: number }>`update ticket_counters set next_value = next_value + 1
        where name = 'ticket' returning next_value - 1 as n`.execute(db);
      const taken = row.rows[0];
      if (!taken) throw new Error('ticket counter missing: run the ticket defaults first');
      return Number(taken.n);
    },

    /** The highest number already used with a prefix, so the counter is never set below it. */
    async highestNumber(prefix: string): Promise<number | null> {
      const rows = await db
        .selectFrom('tickets')
        .select('number')
        .where('number', 'like', `${prefix}%`)
        .orderBy(sql`length(number)`, 'desc')
        .orderBy('number', 'desc')
        .limit(1)
        .execute();
      const digits = rows[0]?.number.slice(prefix.length);
      return digits && /^\d+$/.test(digits) ? Number(digits) : null;
    },
  };
}

import type { Selectable } from 'kysely';
import type { BusinessCalendarsTable, Db } from '../../db/database.ts';
import type { BusinessCalendar, Holiday, WeeklyRange } from './business-hours.ts';

export interface StoredCalendar extends BusinessCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  departmentIds: string[];
}

function toCalendar(row: Selectable<BusinessCalendarsTable>, departmentIds: string[]): StoredCalendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    ranges: JSON.parse(row.ranges) as WeeklyRange[],
    holidays: JSON.parse(row.holidays) as Holiday[],
    isDefault: Number(row.is_default) === 1,
    departmentIds,
  };
}

export function calendarRepository(db: Db) {
  async function departmentsOf(calendarId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('department_calendars')
      .select('department_id')
      .where('calendar_id', '=', calendarId)
      .execute();
    return rows.map((r) => r.department_id).sort();
  }

  return {
    async list(): Promise<StoredCalendar[]> {
      const rows = await db.selectFrom('business_calendars').selectAll().orderBy('name').execute();
      return Promise.all(rows.map(async (row) => toCalendar(row, await departmentsOf(row.id))));
    },

    async find(id: string): Promise<StoredCalendar | undefined> {
      const row = await db.selectFrom('business_calendars').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCalendar(row, await departmentsOf(row.id));
    },

    /** The calendar of a department, else the default one. */
    async forDepartment(departmentId: string | null): Promise<StoredCalendar | undefined> {
      if (departmentId) {
        const row = await db
          .selectFrom('department_calendars')
          .innerJoin('business_calendars', 'business_calendars.id', 'department_calendars.calendar_id')
          .selectAll('business_calendars')
          .where('department_calendars.department_id', '=', departmentId)
          .executeTakeFirst();
        if (row) return toCalendar(row, [departmentId]);
      }
      const fallback = await db
        .selectFrom('business_calendars')
        .selectAll()
        .where('is_default', '=', 1)
        .executeTakeFirst();
      return fallback && toCalendar(fallback, []);
    },

    async departmentTimeZone(departmentId: string | null): Promise<string | undefined> {
      if (!departmentId) return undefined;
      const row = await db
        .selectFrom('departments')
        .select('time_zone')
        .where('id', '=', departmentId)
        .executeTakeFirst();
      return row?.time_zone;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('business_calendars')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async save(calendar: Omit<StoredCalendar, 'departmentIds'> & { departmentIds?: string[] }, now: string) {
      const values = {
        name: calendar.name,
        time_zone: calendar.timeZone,
        ranges: JSON.stringify(calendar.ranges),
        holidays: JSON.stringify(calendar.holidays),
        is_default: calendar.isDefault ? 1 : 0,
        updated_at: now,
      };
      if (calendar.isDefault) {
        await db.updateTable('business_calendars').set({ is_default: 0 }).where('id', '!=', calendar.id).execute();
      }
      const existing = await db
        .selectFrom('business_calendars')
        .select('id')
        .where('id', '=', calendar.id)
        .executeTakeFirst();
      if (existing) await db.updateTable('business_calendars').set(values).where('id', '=', calendar.id).execute();
      else
        await db
          .insertInto('business_calendars')
          .values({ id: calendar.id, ...values, created_at: now })
          .execute();
      if (calendar.departmentIds) {
        await db.deleteFrom('department_calendars').where('calendar_id', '=', calendar.id).execute();
        for (const departmentId of calendar.departmentIds) {
          await db.deleteFrom('department_calendars').where('department_id', '=', departmentId).execute();
          await db
            .insertInto('department_calendars')
            .values({ department_id: departmentId, calendar_id: calendar.id })
            .execute();
        }
      }
    },

    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('business_calendars').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

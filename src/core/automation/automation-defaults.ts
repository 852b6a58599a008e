import type { Db } from '../../db/database.ts';
import { DEFAULT_CALENDAR } from '../calendars/business-hours.ts';
import { calendarRepository } from '../calendars/calendar.repository.ts';
import { newId } from '../shared/ids.ts';
import { slaRepository } from '../sla/sla.repository.ts';
import { DEFAULT_POLICIES } from '../sla/sla-policy.ts';
import { automationRepository } from './automation.repository.ts';
import { DEFAULT_RULES } from './rules.ts';

/** The office calendar, the seeds' SLA policies and rules, on an install that has none yet; idempotent. */
export async function ensureAutomationDefaults(db: Db, now: string): Promise<void> {
  const calendars = calendarRepository(db);
  if ((await calendars.count()) === 0) {
    await calendars.save({ id: newId(), name: 'Horario de oficina', isDefault: true, ...DEFAULT_CALENDAR }, now);
  }
  const sla = slaRepository(db);
  if ((await sla.countPolicies()) === 0) {
    for (const [position, policy] of DEFAULT_POLICIES.entries()) {
      await sla.savePolicy({ ...policy, id: newId(), position }, now);
    }
  }
  const rules = automationRepository(db);
  if ((await rules.countRules()) === 0) {
    const positions = { trigger: 0, time: 0 };
    for (const rule of DEFAULT_RULES) {
      await rules.saveRule({ ...rule, id: newId(), position: positions[rule.kind]++ }, now);
    }
  }
}

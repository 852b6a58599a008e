import type { Db } from '../../db/database.ts';
import { settingsRepository } from './settings.repository.ts';
import { DEFAULT_DUE_LEAD_MINUTES } from './settings-limits.ts';

export const DUE_LEAD_KEY = 'tickets.due_lead_minutes';

/** How long before a due date its assignee is warned, in business minutes (issue 12, "Fecha límite"). */
export async function readDueLeadMinutes(db: Db): Promise<number> {
  const stored = Number(await settingsRepository(db).get(DUE_LEAD_KEY));
  return Number.isSafeInteger(stored) && stored >= 0 ? stored : DEFAULT_DUE_LEAD_MINUTES;
}

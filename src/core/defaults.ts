import type { Db } from '../db/database.ts';
import { ensureAutomationDefaults } from './automation/automation-defaults.ts';
import { ensureContractDefaults } from './contracts/contract-defaults.ts';
import { ensureDefaultMatrix } from './notifications/notification.service.ts';
import { ensureTicketDefaults } from './tickets/ticket-settings.service.ts';
import { ensureDefaultViews } from './views/view.service.ts';

/** What every install needs before the first ticket (statuses, types, numbering, views); idempotent. */
export async function ensureDefaults(db: Db, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ensureTicketDefaults(trx, now);
    await ensureDefaultViews(trx, now);
    await ensureAutomationDefaults(trx, now);
    await ensureDefaultMatrix(trx, now);
    await ensureContractDefaults(trx, now);
  });
}

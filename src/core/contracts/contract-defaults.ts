import type { Db } from '../../db/database.ts';
import { newId } from '../shared/ids.ts';
import { foldKey } from '../shared/text.ts';

/** The stable key of the triage status of mail from customers without a contract in force. */
export const NO_CONTRACT_STATUS_KEY = 'no_contract';
const NO_CONTRACT_STATUS = { name: 'SIN CONTRATO', customerLabel: 'Recibido' };

/**
 * Adds the "SIN CONTRATO" status (category `new`: nothing is lost, agents triage it) to installs
 * that lack it, new and existing alike; an admin may rename it, the key stays.
 */
export async function ensureContractDefaults(db: Db, now: string): Promise<void> {
  const existing = await db
    .selectFrom('ticket_statuses')
    .select(['id', 'key'])
    .where((eb) =>
      eb.or([eb('key', '=', NO_CONTRACT_STATUS_KEY), eb('name_key', '=', foldKey(NO_CONTRACT_STATUS.name))]),
    )
    .executeTakeFirst();
  if (existing) {
    if (existing.key === null) {
      await db
        .updateTable('ticket_statuses')
        .set({ key: NO_CONTRACT_STATUS_KEY })
        .where('id', '=', existing.id)
        .execute();
    }
    return;
  }
  const last = await db
    .selectFrom('ticket_statuses')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  await db
    .insertInto('ticket_statuses')
    .values({
      id: newId(),
      name: NO_CONTRACT_STATUS.name,
      name_key: foldKey(NO_CONTRACT_STATUS.name),
      key: NO_CONTRACT_STATUS_KEY,
      customer_label: NO_CONTRACT_STATUS.customerLabel,
      category: 'new',
      position: Number(last?.position ?? -1) + 1,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { DEMO_TRANSFERS, demoTransferRule } from '../../core/demo/demo-data.ts';
import type { DialectName } from '../database.ts';

/**
 * Issue 12: the demo's transfer triggers used to fire on a single word ("ventas"), so "reporte de
 * ventas del día" left support for sales. Installs seeded before the fix still hold those rules:
 * each one still exactly as the demo wrote it takes the whole-intent conditions; a rule an admin
 * has changed is theirs and stays as it is.
 */
const FIRST_DEMO_WORDS: Record<string, string[]> = {
  Ventas: ['venta', 'ventas', 'cotización', 'cotizaciones', 'cotizar'],
  Consultoría: ['consultoría', 'consultorías', 'asesoría'],
  Desarrollo: ['desarrollo', 'desarrollos', 'personalización', 'personalizaciones'],
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await upgradeDemoTransfers(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function upgradeDemoTransfers(db: Kysely<any>): Promise<number> {
  let upgraded = 0;
  for (const transfer of DEMO_TRANSFERS) {
    const rule = demoTransferRule(transfer);
    const stored = (await db
      .selectFrom('automation_rules')
      .select(['id', 'conditions'])
      .where('name', '=', rule.name)
      .executeTakeFirst()) as { id: string; conditions: string } | undefined;
    const first = { all: [{ field: 'text', op: 'contains_any', value: FIRST_DEMO_WORDS[transfer.department] }] };
    if (!stored || !isDeepStrictEqual(JSON.parse(stored.conditions), first)) continue;
    await db
      .updateTable('automation_rules')
      .set({ conditions: JSON.stringify(rule.conditions) })
      .where('id', '=', stored.id)
      .execute();
    upgraded++;
  }
  return upgraded;
}

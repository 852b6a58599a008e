import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db, DialectName } from './database.ts';
import * as accounts from './migrations/0001-accounts.ts';
import * as tickets from './migrations/0002-tickets.ts';
import * as jobs from './migrations/0003-jobs.ts';
import * as email from './migrations/0004-email.ts';
import * as automation from './migrations/0005-automation.ts';
import * as benchIndexes from './migrations/0006-bench-indexes.ts';
import * as notificationMatrix from './migrations/0007-notification-matrix.ts';
import * as mailboxSmtp from './migrations/0008-mailbox-smtp.ts';
import * as settings from './migrations/0009-settings.ts';
import * as searchTerms from './migrations/0010-search-terms.ts';
import * as countIndexes from './migrations/0011-count-indexes.ts';
import * as accountLimits from './migrations/0012-account-limits.ts';
import * as viewLayouts from './migrations/0016-view-layouts.ts';
import * as inboundSafety from './migrations/0017-inbound-safety.ts';
import * as apiSecurity from './migrations/0018-api-security.ts';
import * as contracts from './migrations/0019-contracts.ts';
import * as portalAccounts from './migrations/0020-portal-accounts.ts';
import * as portalTickets from './migrations/0021-portal-tickets.ts';
import * as satisfaction from './migrations/0022-satisfaction.ts';
import * as deliveryReports from './migrations/0023-delivery-reports.ts';
import * as whatsapp from './migrations/0024-whatsapp.ts';
import * as payments from './migrations/0025-payments.ts';
import * as dueDateNotices from './migrations/0028-due-date-notices.ts';
import * as knowledgeBase from './migrations/0029-knowledge-base.ts';
import * as playbooks from './migrations/0032-playbooks.ts';
import * as protocols from './migrations/0033-protocols.ts';
import * as outboxDueIndex from './migrations/0037-outbox-due-index.ts';
import * as receiptReadings from './migrations/0042-receipt-readings.ts';
import * as statusHistoryRefs from './migrations/0045-status-history-refs.ts';
import * as demoTransferIntents from './migrations/0046-demo-transfer-intents.ts';
import * as followUpIndex from './migrations/0047-follow-up-index.ts';
import * as protocolStepSets from './migrations/0049-protocol-step-sets.ts';
import * as whatsappResilience from './migrations/0050-whatsapp-resilience.ts';
import * as reportMail from './migrations/0051-report-mail.ts';
import * as redSpells from './migrations/0052-red-spells.ts';
import * as reportIndexes from './migrations/0053-report-indexes.ts';
import * as openOrderIndexes from './migrations/0054-open-order-indexes.ts';
import * as flagAndSlaStateIndexes from './migrations/0055-flag-and-sla-state-indexes.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema of its own time
type MigrationModule = { up(db: Kysely<any>, dialect: DialectName): Promise<void> };

/** Every migration in order; the key is stored in the migrations table and never changes. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-accounts': accounts,
  '0002-tickets': tickets,
  '0003-jobs': jobs,
  '0004-email': email,
  '0005-automation': automation,
  '0006-bench-indexes': benchIndexes,
  '0007-notification-matrix': notificationMatrix,
  '0008-mailbox-smtp': mailboxSmtp,
  '0009-settings': settings,
  '0010-search-terms': searchTerms,
  '0011-count-indexes': countIndexes,
  '0012-account-limits': accountLimits,
  '0016-view-layouts': viewLayouts,
  '0017-inbound-safety': inboundSafety,
  '0018-api-security': apiSecurity,
  '0019-contracts': contracts,
  '0020-portal-accounts': portalAccounts,
  '0021-portal-tickets': portalTickets,
  '0022-satisfaction': satisfaction,
  '0023-delivery-reports': deliveryReports,
  '0024-whatsapp': whatsapp,
  '0025-payments': payments,
  '0028-due-date-notices': dueDateNotices,
  '0029-knowledge-base': knowledgeBase,
  '0032-playbooks': playbooks,
  '0033-protocols': protocols,
  '0037-outbox-due-index': outboxDueIndex,
  '0042-receipt-readings': receiptReadings,
  '0045-status-history-refs': statusHistoryRefs,
  '0046-demo-transfer-intents': demoTransferIntents,
  '0047-follow-up-index': followUpIndex,
  '0049-protocol-step-sets': protocolStepSets,
  '0050-whatsapp-resilience': whatsappResilience,
  '0051-report-mail': reportMail,
  '0052-red-spells': redSpells,
  '0053-report-indexes': reportIndexes,
  '0054-open-order-indexes': openOrderIndexes,
  '0055-flag-and-sla-state-indexes': flagAndSlaStateIndexes,
};

function provider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      const entries = Object.entries(MIGRATIONS).map(([name, module]): [string, Migration] => [
        name,
        { up: (db) => module.up(db, dialect) },
      ]);
      return Object.fromEntries(entries);
    },
  };
}

async function migrator(db: Db, dialect: DialectName): Promise<Migrator> {
  // Kysely looks for its tables in every schema unless told which one; several Tiquete schemas
  // may share a PostgreSQL database (tests, tenants), so name the one in use.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: provider(dialect),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    migrationTableSchema: schema,
    // Each migration stands alone; work developed side by side may land with a lower number after
    // a higher one has run somewhere, and must still apply.
    allowUnorderedMigrations: true,
  });
}

/** Applies pending migrations; returns the names it applied. Safe to call on every start. */
export async function migrateToLatest(db: Db, dialect: DialectName): Promise<string[]> {
  const { error, results } = await (await migrator(db, dialect)).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db, dialect: DialectName): Promise<string[]> {
  // Read from the migrations table itself: Kysely's getMigrations() looks through every schema's
  // catalog, which fails while another schema sharing the database is dropped (/readyz asks often).
  const table =
    dialect === 'postgres'
      ? sql<{ found: string | null }>`select to_regclass('schema_migrations')::text as found`
      : sql<{
          found: string | null;
        }>`select name as found from sqlite_master where type = 'table' and name = 'schema_migrations'`;
  const exists = (await table.execute(db)).rows[0]?.found;
  const applied = exists
    ? new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((r) => r.name))
    : new Set<string>();
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
}

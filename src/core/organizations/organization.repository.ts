import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Db, OrganizationsTable } from '../../db/database.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';

export type AccountTier = 'general' | 'special';

export interface Organization {
  id: string;
  name: string;
  /** The customer code the team uses, e.g. `ID Wolk 1234` (002). */
  code: string | null;
  taxId: string | null;
  /** 003: general accounts get one change at a time; special ones, what was agreed. */
  tier: AccountTier;
  accountLeaderId: string | null;
  domains: string[];
  notes: string;
  tags: string[];
  /** false: none of its contacts may sign in to the customer portal. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The folded forms stored beside an organization for uniqueness and search. */
export interface OrganizationKeys {
  nameKey: string;
  searchName: string;
  codeKey: string | null;
  taxIdKey: string | null;
}

export interface OrganizationRef {
  id: string;
  name: string;
}

export interface OrganizationSuggestion {
  id: string;
  name: string;
  code: string | null;
  tier: AccountTier;
}

export type OrganizationChanges = Partial<
  Pick<Organization, 'name' | 'code' | 'taxId' | 'tier' | 'accountLeaderId' | 'notes' | 'tags' | 'active'>
>;

export interface OrganizationFilter {
  /** Folded text matched inside the name or the code. */
  text?: string;
  /** Raw lower-case text matched inside a domain. */
  domainText?: string;
  /** Letters and digits matched inside the tax id. */
  taxIdText?: string;
  tier?: AccountTier;
  tag?: string;
}

function toOrganization(row: Selectable<OrganizationsTable>, domains: string[]): Organization {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    taxId: row.tax_id,
    tier: row.tier,
    accountLeaderId: row.account_leader_id,
    domains,
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `%text%` for LIKE, with the wildcard characters of `text` taken literally (see `likeEscaped`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
export function likeEscaped(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape ${'\\'}`;
}

export function organizationRepository(db: Db) {
  async function domainsOf(ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('organization_domains')
      .select(['organization_id', 'domain'])
      .where('organization_id', 'in', ids)
      .execute();
    // Sorted here, not by SQL, so both engines give the same order whatever their collation.
    for (const row of rows) map.get(row.organization_id)?.push(row.domain);
    for (const domains of map.values()) domains.sort();
    return map;
  }

  async function hydrate(rows: Selectable<OrganizationsTable>[]): Promise<Organization[]> {
    const domains = await domainsOf(rows.map((r) => r.id));
    return rows.map((row) => toOrganization(row, domains.get(row.id) ?? []));
  }

  async function findBy(column: 'id' | 'name_key' | 'code_key' | 'tax_id_key', value: string) {
    const row = await db.selectFrom('organizations').selectAll().where(column, '=', value).executeTakeFirst();
    return row && (await hydrate([row]))[0];
  }

  return {
    find: (id: string): Promise<Organization | undefined> => findBy('id', id),
    findByNameKey: (key: string): Promise<Organization | undefined> => findBy('name_key', key),
    findByCodeKey: (key: string): Promise<Organization | undefined> => findBy('code_key', key),
    findByTaxIdKey: (key: string): Promise<Organization | undefined> => findBy('tax_id_key', key),

    async existingRef(id: string): Promise<OrganizationRef | undefined> {
      return db.selectFrom('organizations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** Which organization holds each of `domains` already. */
    async domainOwners(domains: string[]): Promise<Map<string, OrganizationRef>> {
      if (domains.length === 0) return new Map();
      const rows = await db
        .selectFrom('organization_domains')
        .innerJoin('organizations', 'organizations.id', 'organization_domains.organization_id')
        .select(['organization_domains.domain', 'organizations.id', 'organizations.name'])
        .where('organization_domains.domain', 'in', domains)
        .execute();
      return new Map(rows.map((r) => [r.domain, { id: r.id, name: r.name }]));
    },

    async list(opts: { after?: string; limit: number } & OrganizationFilter): Promise<Organization[]> {
      let query = db.selectFrom('organizations').selectAll().orderBy('id').limit(opts.limit);
      if (opts.after) query = query.where('id', '>', opts.after);
      if (opts.tier) query = query.where('tier', '=', opts.tier);
      if (opts.tag) query = query.where(likeEscaped('tags', containsPattern(JSON.stringify(opts.tag))));
      const { text, domainText, taxIdText } = opts;
      if (text || domainText || taxIdText) {
        query = query.where((eb) =>
          eb.or([
            ...(text ? [eb('search_name', 'like', `%${text}%`), eb('code_key', 'like', `%${text}%`)] : []),
            ...(taxIdText ? [likeEscaped('tax_id_key', containsPattern(taxIdText))] : []),
            ...(domainText
              ? [
                  eb.exists(
                    eb
                      .selectFrom('organization_domains')
                      .select('organization_domains.domain')
                      .whereRef('organization_domains.organization_id', '=', 'organizations.id')
                      .where(likeEscaped('organization_domains.domain', containsPattern(domainText))),
                  ),
                ]
              : []),
          ]),
        );
      }
      return hydrate(await query.execute());
    },

    /**
     * Organizations whose folded name or code contains `text` (letters, digits and spaces only,
     * so no LIKE wildcard can appear), names starting with it first.
     */
    async suggest(text: string, limit: number): Promise<OrganizationSuggestion[]> {
      const rank = sql<number>`case
        when search_name like ${`${text}%`} then 0
        when code_key like ${`${text}%`} then 1
        when search_name like ${`% ${text}%`} then 2
        else 3 end`;
      const rows = await db
        .selectFrom('organizations')
        .select(['id', 'name', 'code', 'tier'])
        .where((eb) => eb.or([eb('search_name', 'like', `%${text}%`), eb('code_key', 'like', `%${text}%`)]))
        .orderBy(rank)
        .orderBy('search_name')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows;
    },

    async insert(organization: Organization, keys: OrganizationKeys): Promise<void> {
      await db.insertInto('organizations').values(toRow(organization, keys)).execute();
      await this.setDomains(organization.id, organization.domains);
    },

    /**
     * Inserts unless an organization with the same name key exists (committed or being committed
     * by a concurrent transaction, which PostgreSQL waits for); tells whether it inserted.
     */
    async insertIfNameFree(organization: Organization, keys: OrganizationKeys): Promise<boolean> {
      const inserted = await db
        .insertInto('organizations')
        .values(toRow(organization, keys))
        .onConflict((oc) => oc.column('name_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await this.setDomains(organization.id, organization.domains);
      return true;
    },

    async update(id: string, changes: OrganizationChanges, keys: Partial<OrganizationKeys>, now: string) {
      await db
        .updateTable('organizations')
        .set({
          ...(changes.name !== undefined && {
            name: changes.name,
            name_key: keys.nameKey,
            search_name: keys.searchName,
          }),
          ...(changes.code !== undefined && { code: changes.code, code_key: keys.codeKey ?? null }),
          ...(changes.taxId !== undefined && { tax_id: changes.taxId, tax_id_key: keys.taxIdKey ?? null }),
          ...(changes.tier !== undefined && { tier: changes.tier }),
          ...(changes.accountLeaderId !== undefined && { account_leader_id: changes.accountLeaderId }),
          ...(changes.notes !== undefined && { notes: changes.notes }),
          ...(changes.tags !== undefined && { tags: JSON.stringify(changes.tags) }),
          ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async setDomains(id: string, domains: string[]): Promise<void> {
      await db.deleteFrom('organization_domains').where('organization_id', '=', id).execute();
      if (domains.length === 0) return;
      await db
        .insertInto('organization_domains')
        .values([...new Set(domains)].map((domain) => ({ domain, organization_id: id })))
        .execute();
    },

    /** Tickets not yet solved, for the side panel. */
    async openTicketCount(id: string): Promise<number> {
      const row = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', id)
        .where(statusCategoryIn(UNSOLVED_CATEGORIES))
        .where('merged_into_id', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async contactCount(id: string): Promise<number> {
      const row = await db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', id)
        .where('merged_into_id', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

function toRow(organization: Organization, keys: OrganizationKeys) {
  return {
    id: organization.id,
    name: organization.name,
    name_key: keys.nameKey,
    search_name: keys.searchName,
    code: organization.code,
    code_key: keys.codeKey,
    tax_id: organization.taxId,
    tax_id_key: keys.taxIdKey,
    tier: organization.tier,
    account_leader_id: organization.accountLeaderId,
    notes: organization.notes,
    tags: JSON.stringify(organization.tags),
    active: organization.active ? 1 : 0,
    created_at: organization.createdAt,
    updated_at: organization.updatedAt,
  };
}

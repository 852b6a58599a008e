import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { assertMayChangeCustomer } from '../contacts/customer-access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { decodeCursor, type Page, toPage } from '../shared/pagination.ts';
import { foldKey } from '../shared/text.ts';
import {
  assertAccountLeader,
  assertUnique,
  cleanCode,
  cleanDomains,
  cleanName,
  cleanTags,
  cleanTaxId,
  createOrganization,
  emitOrganization,
  indexOrganization,
  type OrganizationInput,
} from './organization.commands.ts';
import {
  type AccountTier,
  type Organization,
  type OrganizationChanges,
  type OrganizationKeys,
  type OrganizationSuggestion,
  organizationRepository,
} from './organization.repository.ts';
import { organizationNameKey } from './organization-name.ts';
import { retryOnUniqueViolation } from './unique-violation.ts';

export type { OrganizationInput } from './organization.commands.ts';
export type { AccountTier, Organization, OrganizationSuggestion } from './organization.repository.ts';

/** What the side panel shows about an organization. */
export interface OrganizationDetail extends Organization {
  accountLeader: { id: string; name: string; email: string } | null;
  /** Tickets not yet solved (003: general accounts get one change at a time). */
  openTicketCount: number;
  contactCount: number;
}

export type OrganizationUpdate = Partial<OrganizationInput> & { active?: boolean };

export interface OrganizationListOptions {
  cursor?: string;
  limit: number;
  q?: string;
  tier?: AccountTier;
  tag?: string;
}

export const AUTOCOMPLETE_LIMIT = 20;

export function createOrganizationService(deps: CoreDeps) {
  async function detail(db: Db, organization: Organization): Promise<OrganizationDetail> {
    const organizations = organizationRepository(db);
    const [leader, openTicketCount, contactCount] = await Promise.all([
      organization.accountLeaderId ? agentRepository(db).find(organization.accountLeaderId) : undefined,
      organizations.openTicketCount(organization.id),
      organizations.contactCount(organization.id),
    ]);
    return {
      ...organization,
      accountLeader: leader ? { id: leader.id, name: leader.name, email: leader.email } : null,
      openTicketCount,
      contactCount,
    };
  }

  async function load(db: Db, id: string): Promise<Organization> {
    const organization = await organizationRepository(db).find(id);
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id });
    return organization;
  }

  return {
    async create(actor: Actor, input: OrganizationInput): Promise<OrganizationDetail> {
      assertCan(actor, 'organizations.write');
      return retryOnUniqueViolation(() =>
        inTransaction(deps, async ({ trx, now, emit }) =>
          detail(trx, await createOrganization(trx, now, input, emit, actor)),
        ),
      );
    },

    async update(actor: Actor, id: string, input: OrganizationUpdate): Promise<OrganizationDetail> {
      assertCan(actor, 'organizations.write');
      return retryOnUniqueViolation(() =>
        inTransaction(deps, async ({ trx, now, emit }) => {
          const organizations = organizationRepository(trx);
          const current = await load(trx, id);
          await assertMayChangeCustomer(trx, actor, { organizationId: id });
          const changes: OrganizationChanges = {};
          const keys: Partial<OrganizationKeys> = {};
          if (input.name !== undefined) {
            changes.name = cleanName(input.name);
            keys.nameKey = organizationNameKey(changes.name);
            keys.searchName = foldKey(changes.name);
          }
          const code = input.code === undefined ? undefined : cleanCode(input.code);
          if (code !== undefined) {
            changes.code = code?.value ?? null;
            keys.codeKey = code?.key ?? null;
          }
          // A country alone re-checks the stored tax id against that country's format.
          const rawTaxId = input.taxId !== undefined ? input.taxId : input.taxIdCountry ? current.taxId : undefined;
          if (input.taxIdCountry && rawTaxId === null) {
            throw new AppError('VALIDATION_FAILED', 'taxIdCountry needs a taxId to check', { field: 'taxIdCountry' });
          }
          const taxId = rawTaxId === undefined ? undefined : cleanTaxId(rawTaxId, input.taxIdCountry);
          if (taxId !== undefined) {
            changes.taxId = taxId?.value ?? null;
            keys.taxIdKey = taxId?.key ?? null;
          }
          const domains = input.domains === undefined ? undefined : cleanDomains(input.domains);
          if (input.tier !== undefined) changes.tier = input.tier;
          if (input.accountLeaderId !== undefined) {
            if (input.accountLeaderId !== current.accountLeaderId)
              await assertAccountLeader(trx, input.accountLeaderId);
            changes.accountLeaderId = input.accountLeaderId;
          }
          if (input.notes !== undefined) changes.notes = input.notes.trim();
          if (input.tags !== undefined) changes.tags = cleanTags(input.tags);
          // Issue 15: an inactive organization's contacts cannot sign in to the portal.
          if (input.active !== undefined) changes.active = input.active;
          await assertUnique(trx, { self: id, nameKey: keys.nameKey, code, taxId, domains });

          const changed = (Object.keys(changes) as (keyof OrganizationChanges)[]).filter(
            (field) => JSON.stringify(changes[field]) !== JSON.stringify(current[field]),
          );
          const domainsChanged = domains !== undefined && JSON.stringify(domains) !== JSON.stringify(current.domains);
          if (changed.length === 0 && !domainsChanged) return detail(trx, current);

          await organizations.update(id, changes, keys, now);
          if (domains !== undefined && domainsChanged) await organizations.setDomains(id, domains);
          const updated = await load(trx, id);
          await indexOrganization(trx, updated);
          emitOrganization(emit, 'organization.updated', updated, actor, {
            changed: domainsChanged ? [...changed, 'domains'] : changed,
          });
          return detail(trx, updated);
        }),
      );
    },

    async get(actor: Actor, id: string): Promise<OrganizationDetail> {
      assertCan(actor, 'organizations.read');
      return detail(deps.db, await load(deps.db, id));
    },

    async list(actor: Actor, opts: OrganizationListOptions): Promise<Page<Organization>> {
      assertCan(actor, 'organizations.read');
      const q = opts.q?.trim();
      const taxIdText = q?.toUpperCase().replace(/[^\p{L}\p{N}&]/gu, '');
      const rows = await organizationRepository(deps.db).list({
        after: decodeCursor(opts.cursor),
        limit: opts.limit + 1,
        tier: opts.tier,
        tag: opts.tag === undefined ? undefined : (cleanTags([opts.tag])[0] ?? ''),
        ...(q && {
          text: foldKey(q) || undefined,
          domainText: q.toLowerCase(),
          taxIdText: taxIdText && taxIdText.length >= 3 ? taxIdText : undefined,
        }),
      });
      return toPage(rows, opts.limit, (o) => o.id);
    },

    /** Type-ahead for "is this organization registered already?" (001): accent-insensitive, prefixes first. */
    async autocomplete(actor: Actor, q: string): Promise<OrganizationSuggestion[]> {
      assertCan(actor, 'organizations.read');
      const text = foldKey(q);
      if (!text) return [];
      return organizationRepository(deps.db).suggest(text, AUTOCOMPLETE_LIMIT);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

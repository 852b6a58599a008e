import type { Db } from '../../db/database.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { searchIndexRepository } from '../search/search-index.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { foldKey } from '../shared/text.ts';
import { domainCandidates, normalizeDomain } from './email-domain.ts';
import {
  type AccountTier,
  type Organization,
  type OrganizationKeys,
  type OrganizationRef,
  organizationRepository,
} from './organization.repository.ts';
import { organizationNameKey } from './organization-name.ts';
import { normalizeTaxId } from './tax-id.ts';

export interface OrganizationInput {
  name: string;
  code?: string | null;
  taxId?: string | null;
  /** ISO 3166 alpha-2 of the tax id: `CR` and `MX` are format-checked, others stored as written. */
  taxIdCountry?: string | null;
  domains?: string[];
  tier?: AccountTier;
  accountLeaderId?: string | null;
  notes?: string;
  tags?: string[];
}

type Emit = UnitOfWork['emit'];

/**
 * Creates an organization inside the caller's transaction: every field checked, every uniqueness
 * rule answered with the organization that already holds the value.
 */
export async function createOrganization(
  trx: Db,
  now: string,
  input: OrganizationInput,
  emit: Emit,
  actor: Actor,
): Promise<Organization> {
  const name = cleanName(input.name);
  const code = cleanCode(input.code);
  const taxId = cleanTaxId(input.taxId, input.taxIdCountry);
  const domains = cleanDomains(input.domains ?? []);
  const keys: OrganizationKeys = {
    nameKey: organizationNameKey(name),
    searchName: foldKey(name),
    codeKey: code?.key ?? null,
    taxIdKey: taxId?.key ?? null,
  };
  await assertUnique(trx, { nameKey: keys.nameKey, code, taxId, domains });
  await assertAccountLeader(trx, input.accountLeaderId);
  const organization: Organization = {
    id: newId(),
    name,
    code: code?.value ?? null,
    taxId: taxId?.value ?? null,
    tier: input.tier ?? 'general',
    accountLeaderId: input.accountLeaderId ?? null,
    domains,
    notes: input.notes?.trim() ?? '',
    tags: cleanTags(input.tags ?? []),
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  await organizationRepository(trx).insert(organization, keys);
  await indexOrganization(trx, organization);
  emitOrganization(emit, 'organization.created', organization, actor, { name: organization.name });
  return organization;
}

/**
 * The organization named `name` (ignoring case, accents, punctuation and legal forms), created
 * when there is none: 001's "start typing to see whether the organization exists (no repeats)"
 * when an agent registers a contact on the fly. Safe against a concurrent creation of the same name.
 */
export async function findOrCreateOrganizationByName(
  trx: Db,
  now: string,
  name: string,
  emit: Emit,
  actor: Actor,
): Promise<{ organization: Organization; created: boolean }> {
  const clean = cleanName(name);
  const keys: OrganizationKeys = {
    nameKey: organizationNameKey(clean),
    searchName: foldKey(clean),
    codeKey: null,
    taxIdKey: null,
  };
  const organizations = organizationRepository(trx);
  const existing = await organizations.findByNameKey(keys.nameKey);
  if (existing) return { organization: existing, created: false };
  const organization: Organization = {
    id: newId(),
    name: clean,
    code: null,
    taxId: null,
    tier: 'general',
    accountLeaderId: null,
    domains: [],
    notes: '',
    tags: [],
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await organizations.insertIfNameFree(organization, keys))) {
    const winner = await organizations.findByNameKey(keys.nameKey);
    if (winner) return { organization: winner, created: false };
    throw new AppError('CONFLICT', `The organization "${clean}" is being created by someone else; try again`);
  }
  await indexOrganization(trx, organization);
  emitOrganization(emit, 'organization.created', organization, actor, { name: organization.name });
  return { organization, created: true };
}

/** The organization an email address joins by its domain (the most specific one that matches). */
export async function organizationForEmail(db: Db, email: string): Promise<OrganizationRef | undefined> {
  const candidates = domainCandidates(email);
  const owners = await organizationRepository(db).domainOwners(candidates);
  for (const domain of candidates) {
    const owner = owners.get(domain);
    if (owner) return owner;
  }
  return undefined;
}

export function emitOrganization(
  emit: Emit,
  type: 'organization.created' | 'organization.updated',
  organization: Organization,
  actor: Actor,
  data: Record<string, unknown>,
): void {
  emit({ type, organizationId: organization.id, actor, data: { organizationId: organization.id, ...data } });
}

// Staff search finds organizations by code, tax id and domain; customers never see these documents.
export async function indexOrganization(trx: Db, organization: Organization): Promise<void> {
  await searchIndexRepository(trx).upsert({
    kind: 'organization',
    ref_id: organization.id,
    ticket_id: null,
    organization_id: organization.id,
    visibility: 'internal',
    title: organization.name,
    // The folded code too: PostgreSQL's parser reads "CIM-9" as "cim" and the number "-9".
    body: [
      organization.code,
      organization.code && foldKey(organization.code),
      organization.taxId,
      ...organization.domains,
      ...organization.tags,
    ]
      .filter(Boolean)
      .join(' '),
  });
}

export function cleanName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!foldKey(name)) {
    throw new AppError('VALIDATION_FAILED', 'The name must have at least one letter or digit', { field: 'name' });
  }
  return name;
}

export function cleanCode(raw: string | null | undefined): { value: string; key: string } | null {
  const value = raw?.trim().replace(/\s+/g, ' ');
  if (!value) return null;
  const key = foldKey(value);
  if (!key) {
    throw new AppError('VALIDATION_FAILED', 'The customer code must have at least one letter or digit', {
      field: 'code',
    });
  }
  return { value, key };
}

export function cleanTaxId(raw: string | null | undefined, country: string | null | undefined) {
  const value = raw?.trim();
  return value ? normalizeTaxId(value, country) : null;
}

export function cleanDomains(raw: string[]): string[] {
  return [...new Set(raw.map(normalizeDomain))].sort();
}

export function cleanTags(raw: string[]): string[] {
  return [...new Set(raw.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))].sort();
}

/** Answers 409 with the organization that already holds the name, code, tax id or a domain. */
export async function assertUnique(
  trx: Db,
  wanted: {
    self?: string;
    nameKey?: string;
    code?: { value: string; key: string } | null;
    taxId?: { value: string; key: string } | null;
    domains?: string[];
  },
): Promise<void> {
  const organizations = organizationRepository(trx);
  const other = (o: Organization | undefined) => (o && o.id !== wanted.self ? o : undefined);
  const sameName = wanted.nameKey === undefined ? undefined : other(await organizations.findByNameKey(wanted.nameKey));
  if (sameName) {
    throw new AppError('ORGANIZATION_EXISTS', `The organization "${sameName.name}" already exists`, {
      field: 'name',
      existing: sameName,
      existingName: sameName.name,
    });
  }
  const sameCode = wanted.code ? other(await organizations.findByCodeKey(wanted.code.key)) : undefined;
  if (sameCode && wanted.code) {
    throw new AppError(
      'ORGANIZATION_CODE_TAKEN',
      `The customer code ${wanted.code.value} already belongs to "${sameCode.name}"`,
      { field: 'code', code: wanted.code.value, existing: sameCode, organizationName: sameCode.name },
    );
  }
  const sameTaxId = wanted.taxId ? other(await organizations.findByTaxIdKey(wanted.taxId.key)) : undefined;
  if (sameTaxId && wanted.taxId) {
    throw new AppError('TAX_ID_TAKEN', `The tax id ${wanted.taxId.value} already belongs to "${sameTaxId.name}"`, {
      field: 'taxId',
      taxId: wanted.taxId.value,
      existing: sameTaxId,
      organizationName: sameTaxId.name,
    });
  }
  const owners = await organizations.domainOwners(wanted.domains ?? []);
  for (const [domain, owner] of owners) {
    if (owner.id === wanted.self) continue;
    throw new AppError('DOMAIN_TAKEN', `The domain ${domain} already belongs to "${owner.name}"`, {
      field: 'domains',
      domain,
      organization: owner,
      organizationName: owner.name,
    });
  }
}

/** The account leader must be an active agent (003: the leader classifies and answers for the account). */
export async function assertAccountLeader(trx: Db, agentId: string | null | undefined): Promise<void> {
  if (!agentId) return;
  const agent = await agentRepository(trx).find(agentId);
  if (!agent?.active) {
    throw new AppError('REFERENCE_NOT_FOUND', `No active agent has the id ${agentId}`, {
      field: 'accountLeaderId',
      id: agentId,
    });
  }
}

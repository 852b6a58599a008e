import { assertCan } from '../accounts/access.policy.ts';
import { normalizePhone } from '../contacts/phone.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { type TemplateRef, type WhatsappNumber, whatsappNumberRepository } from './whatsapp-number.repository.ts';

export type { WhatsappNumber } from './whatsapp-number.repository.ts';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v23.0';

export interface NewWhatsappNumber {
  phoneNumberId: string;
  businessAccountId: string;
  displayNumber: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  departmentId?: string | null;
  graphBaseUrl?: string;
  graphVersion?: string;
  welcomeText?: string | null;
  welcomeTemplate?: TemplateRef | null;
  sessionTemplate?: TemplateRef | null;
}

/** An edit: absent fields stay, and so does every secret not typed again. */
export type WhatsappNumberChanges = Partial<NewWhatsappNumber>;

/** Graph object ids (phone number, business account) are decimal digits. */
function graphId(value: string, field: string): string {
  const id = value.trim();
  if (!/^\d{1,40}$/.test(id))
    throw new AppError('VALIDATION_FAILED', `${field} must be a Graph API id (digits)`, { field });
  return id;
}

function baseUrl(value: string): string {
  const url = value.trim().replace(/\/+$/, '');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash) {
    throw new AppError('VALIDATION_FAILED', 'The Graph API base URL must look like https://graph.facebook.com', {
      field: 'graphBaseUrl',
    });
  }
  return url;
}

function version(value: string): string {
  const v = value.trim();
  if (!/^v\d{1,3}\.\d{1,3}$/.test(v)) {
    throw new AppError('VALIDATION_FAILED', 'The Graph API version must look like v23.0', { field: 'graphVersion' });
  }
  return v;
}

/** Blank is "none" (the default welcome; no template, so outside the window the send is refused). */
function optionalText(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function optionalTemplate(value: TemplateRef | null | undefined, field: string): TemplateRef | null {
  const name = value?.name.trim();
  if (!value || !name) return null;
  const language = value.language.trim();
  // Meta's template names: lower case letters, digits and underscores.
  if (!/^[a-z0-9_]{1,512}$/.test(name) || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} needs a template name (a-z, 0-9, _) and a language code (es, es_MX)`,
      {
        field,
      },
    );
  }
  return { name, language };
}

function secret(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', `${field} must not be empty`, { field });
  return text;
}

/** The WhatsApp Business numbers (Administración → WhatsApp); admins only. */
export function createWhatsappNumberService(deps: CoreDeps & { secrets: SecretBox }) {
  const repo = (db = deps.db) => whatsappNumberRepository(db, deps.secrets);

  async function checkDepartment(departmentId: string | null | undefined) {
    if (departmentId && !(await departmentRepository(deps.db).find(departmentId))) {
      throw new AppError('REFERENCE_NOT_FOUND', `departmentId refers to ${departmentId}, which does not exist`, {
        field: 'departmentId',
        id: departmentId,
      });
    }
  }

  return {
    async list(actor: Actor): Promise<WhatsappNumber[]> {
      assertCan(actor, 'whatsapp.manage');
      return repo().list();
    },

    async create(actor: Actor, input: NewWhatsappNumber): Promise<WhatsappNumber> {
      assertCan(actor, 'whatsapp.manage');
      await checkDepartment(input.departmentId);
      const phoneNumberId = graphId(input.phoneNumberId, 'phoneNumberId');
      const fields = {
        phoneNumberId,
        businessAccountId: graphId(input.businessAccountId, 'businessAccountId'),
        displayNumber: normalizePhone(input.displayNumber),
        accessToken: secret(input.accessToken, 'accessToken'),
        appSecret: secret(input.appSecret, 'appSecret'),
        verifyToken: secret(input.verifyToken, 'verifyToken'),
        departmentId: input.departmentId ?? null,
        graphBaseUrl: baseUrl(input.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL),
        graphVersion: version(input.graphVersion ?? DEFAULT_GRAPH_VERSION),
        welcomeText: optionalText(input.welcomeText),
        welcomeTemplate: optionalTemplate(input.welcomeTemplate, 'welcomeTemplate'),
        sessionTemplate: optionalTemplate(input.sessionTemplate, 'sessionTemplate'),
      };
      return inTransaction(deps, async ({ trx, now }) => {
        const numbers = repo(trx);
        if (await numbers.findByPhoneNumberId(phoneNumberId)) {
          throw new AppError('CONFLICT', `The phone number id ${phoneNumberId} is configured already`, {
            field: 'phoneNumberId',
          });
        }
        const number: WhatsappNumber = {
          id: newId(),
          ...fields,
          secretsUnreadable: false,
          createdAt: now,
          updatedAt: now,
        };
        await numbers.insert(number);
        return number;
      });
    },

    async update(actor: Actor, id: string, changes: WhatsappNumberChanges): Promise<WhatsappNumber> {
      assertCan(actor, 'whatsapp.manage');
      // Checked before the transaction: on SQLite its one connection is busy inside it.
      await checkDepartment(changes.departmentId);
      const secrets = {
        ...(changes.accessToken !== undefined && { accessToken: secret(changes.accessToken, 'accessToken') }),
        ...(changes.appSecret !== undefined && { appSecret: secret(changes.appSecret, 'appSecret') }),
        ...(changes.verifyToken !== undefined && { verifyToken: secret(changes.verifyToken, 'verifyToken') }),
      };
      return inTransaction(deps, async ({ trx, now }) => {
        const numbers = repo(trx);
        const current = await numbers.find(id);
        if (!current) throw new AppError('NOT_FOUND', 'No such WhatsApp number', { id });
        const phoneNumberId =
          changes.phoneNumberId === undefined ? current.phoneNumberId : graphId(changes.phoneNumberId, 'phoneNumberId');
        const other =
          phoneNumberId === current.phoneNumberId ? undefined : await numbers.findByPhoneNumberId(phoneNumberId);
        if (other) {
          throw new AppError('CONFLICT', `The phone number id ${phoneNumberId} is configured already`, {
            field: 'phoneNumberId',
          });
        }
        const next: WhatsappNumber = {
          ...current,
          ...secrets,
          phoneNumberId,
          businessAccountId:
            changes.businessAccountId === undefined
              ? current.businessAccountId
              : graphId(changes.businessAccountId, 'businessAccountId'),
          displayNumber:
            changes.displayNumber === undefined ? current.displayNumber : normalizePhone(changes.displayNumber),
          departmentId: changes.departmentId === undefined ? current.departmentId : changes.departmentId,
          graphBaseUrl: changes.graphBaseUrl === undefined ? current.graphBaseUrl : baseUrl(changes.graphBaseUrl),
          graphVersion: changes.graphVersion === undefined ? current.graphVersion : version(changes.graphVersion),
          welcomeText: changes.welcomeText === undefined ? current.welcomeText : optionalText(changes.welcomeText),
          welcomeTemplate:
            changes.welcomeTemplate === undefined
              ? current.welcomeTemplate
              : optionalTemplate(changes.welcomeTemplate, 'welcomeTemplate'),
          sessionTemplate:
            changes.sessionTemplate === undefined
              ? current.sessionTemplate
              : optionalTemplate(changes.sessionTemplate, 'sessionTemplate'),
          // Readable again only once every secret sealed with the old key was typed again.
          secretsUnreadable: current.secretsUnreadable && Object.keys(secrets).length < 3,
          updatedAt: now,
        };
        await numbers.update(next, secrets);
        return next;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      assertCan(actor, 'whatsapp.manage');
      if (!(await repo().remove(id))) throw new AppError('NOT_FOUND', 'No such WhatsApp number', { id });
    },

    /** Every number, secrets in clear: the webhook checks signatures and the sender calls Graph with them. */
    all: () => repo().list(),
    find: (id: string) => repo().find(id),
    findByPhoneNumberId: (phoneNumberId: string) => repo().findByPhoneNumberId(phoneNumberId),
  };
}

export type WhatsappNumberService = ReturnType<typeof createWhatsappNumberService>;

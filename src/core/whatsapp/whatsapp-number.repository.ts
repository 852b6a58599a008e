import type { Selectable } from 'kysely';
import type { Db, WhatsappNumbersTable } from '../../db/database.ts';
import { type SecretBox, UnreadableSecretError } from '../shared/secret-box.ts';

/** A WhatsApp Business number and its Graph API access; the secrets are in clear only in memory. */
export interface WhatsappNumber {
  id: string;
  phoneNumberId: string;
  businessAccountId: string;
  /** E.164, e.g. +50640001234. */
  displayNumber: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  departmentId: string | null;
  /** https://graph.facebook.com, or a proxy's (and the tests' fake) base URL. */
  graphBaseUrl: string;
  graphVersion: string;
  /** Seed 000: what a new customer gets from this number (our contact channels); null: the default text. */
  welcomeText: string | null;
  /** The approved templates sent outside the 24-hour window: the welcome, and a session's link. */
  welcomeTemplate: TemplateRef | null;
  sessionTemplate: TemplateRef | null;
  /** The secrets were sealed with another SESSION_SECRET: they read as '' until entered again. */
  secretsUnreadable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An approved message template by name and language code. */
export interface TemplateRef {
  name: string;
  language: string;
}

function templateRef(json: string | null): TemplateRef | null {
  if (!json) return null;
  const value = JSON.parse(json) as Partial<TemplateRef>;
  return typeof value.name === 'string' && typeof value.language === 'string'
    ? { name: value.name, language: value.language }
    : null;
}

const templateJson = (ref: TemplateRef | null) =>
  ref ? JSON.stringify({ name: ref.name, language: ref.language }) : null;

const SECRETS = ['access_token', 'app_secret', 'verify_token'] as const;
type SecretColumn = (typeof SECRETS)[number];

function toNumber(row: Selectable<WhatsappNumbersTable>, box: SecretBox): WhatsappNumber {
  let unreadable = false;
  const open = (column: SecretColumn) => {
    try {
      return box.open(row[column]);
    } catch (error) {
      if (!(error instanceof UnreadableSecretError)) throw error;
      unreadable = true;
      return '';
    }
  };
  return {
    id: row.id,
    phoneNumberId: row.phone_number_id,
    businessAccountId: row.business_account_id,
    displayNumber: row.display_number,
    accessToken: open('access_token'),
    appSecret: open('app_secret'),
    verifyToken: open('verify_token'),
    departmentId: row.department_id,
    graphBaseUrl: row.graph_base_url,
    graphVersion: row.graph_version,
    welcomeText: row.welcome_text,
    welcomeTemplate: templateRef(row.welcome_template),
    sessionTemplate: templateRef(row.session_template),
    secretsUnreadable: unreadable,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function whatsappNumberRepository(db: Db, box: SecretBox) {
  return {
    async list(): Promise<WhatsappNumber[]> {
      const rows = await db.selectFrom('whatsapp_numbers').selectAll().orderBy('display_number').execute();
      return rows.map((row) => toNumber(row, box));
    },
    async find(id: string): Promise<WhatsappNumber | undefined> {
      const row = await db.selectFrom('whatsapp_numbers').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toNumber(row, box) : undefined;
    },
    async findByPhoneNumberId(phoneNumberId: string): Promise<WhatsappNumber | undefined> {
      const row = await db
        .selectFrom('whatsapp_numbers')
        .selectAll()
        .where('phone_number_id', '=', phoneNumberId)
        .executeTakeFirst();
      return row ? toNumber(row, box) : undefined;
    },
    async insert(number: WhatsappNumber): Promise<void> {
      await db
        .insertInto('whatsapp_numbers')
        .values({
          id: number.id,
          phone_number_id: number.phoneNumberId,
          business_account_id: number.businessAccountId,
          display_number: number.displayNumber,
          access_token: box.seal(number.accessToken),
          app_secret: box.seal(number.appSecret),
          verify_token: box.seal(number.verifyToken),
          department_id: number.departmentId,
          graph_base_url: number.graphBaseUrl,
          graph_version: number.graphVersion,
          welcome_text: number.welcomeText,
          welcome_template: templateJson(number.welcomeTemplate),
          session_template: templateJson(number.sessionTemplate),
          created_at: number.createdAt,
          updated_at: number.updatedAt,
        })
        .execute();
    },
    /** `secrets` are the ones the admin typed again; the others stay as stored (sealed). */
    async update(
      number: WhatsappNumber,
      secrets: Partial<Pick<WhatsappNumber, 'accessToken' | 'appSecret' | 'verifyToken'>>,
    ): Promise<void> {
      await db
        .updateTable('whatsapp_numbers')
        .set({
          phone_number_id: number.phoneNumberId,
          business_account_id: number.businessAccountId,
          display_number: number.displayNumber,
          department_id: number.departmentId,
          graph_base_url: number.graphBaseUrl,
          graph_version: number.graphVersion,
          welcome_text: number.welcomeText,
          welcome_template: templateJson(number.welcomeTemplate),
          session_template: templateJson(number.sessionTemplate),
          updated_at: number.updatedAt,
          ...(secrets.accessToken !== undefined && { access_token: box.seal(secrets.accessToken) }),
          ...(secrets.appSecret !== undefined && { app_secret: box.seal(secrets.appSecret) }),
          ...(secrets.verifyToken !== undefined && { verify_token: box.seal(secrets.verifyToken) }),
        })
        .where('id', '=', number.id)
        .execute();
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('whatsapp_numbers').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

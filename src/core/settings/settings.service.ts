import { assertCan } from '../accounts/access.policy.ts';
import { rewatchDueDates } from '../automation/due-dates.ts';
import {
  type ContractSettings,
  type ContractSettingsChanges,
  readContractSettings,
  writeContractSettings,
} from '../contracts/contract-settings.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { DUE_LEAD_KEY, readDueLeadMinutes } from './due-lead.ts';
import { settingsRepository } from './settings.repository.ts';
import { MAX_ATTACHMENT_LIMIT_BYTES, MAX_DUE_LEAD_MINUTES } from './settings-limits.ts';

const ATTACHMENT_LIMIT_KEY = 'attachments.limit_bytes';

export { MAX_ATTACHMENT_LIMIT_BYTES } from './settings-limits.ts';

/** What the install's configuration says when no admin has changed a setting (ATTACHMENT_LIMIT_BYTES). */
export interface SettingDefaults {
  attachmentLimitBytes: number;
}

export interface AppSettings extends ContractSettings {
  /** The limit in force: the admin's value, else the configured default. */
  attachmentLimitBytes: number;
  /** The configured default, which applies again when the admin's value is removed. */
  attachmentLimitDefaultBytes: number;
  attachmentLimitMaxBytes: number;
  /** A due date counts as approaching this many business minutes before it. */
  dueDateLeadMinutes: number;
}

export interface SettingsChanges extends ContractSettingsChanges {
  /** A new limit in bytes, or null to go back to the configured default. */
  attachmentLimitBytes?: number | null;
  dueDateLeadMinutes?: number;
}

function parseLimit(raw: string | undefined): number | undefined {
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function assertLimit(value: number): void {
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_ATTACHMENT_LIMIT_BYTES) {
    const field = 'body.attachmentLimitBytes';
    const problem = `must be a whole number of bytes from 1 to ${MAX_ATTACHMENT_LIMIT_BYTES}`;
    throw new AppError('VALIDATION_FAILED', `${field} ${problem}`, {
      errors: [{ field, problem }],
      min: 1,
      max: MAX_ATTACHMENT_LIMIT_BYTES,
    });
  }
}

/** Settings admins change at runtime; each overrides the configured default while it is set. */
export function createSettingsService(deps: CoreDeps) {
  async function current(defaults: SettingDefaults): Promise<AppSettings> {
    const stored = parseLimit(await settingsRepository(deps.db).get(ATTACHMENT_LIMIT_KEY));
    return {
      ...(await readContractSettings(deps.db)),
      attachmentLimitBytes: stored ?? defaults.attachmentLimitBytes,
      attachmentLimitDefaultBytes: defaults.attachmentLimitBytes,
      attachmentLimitMaxBytes: MAX_ATTACHMENT_LIMIT_BYTES,
      dueDateLeadMinutes: await readDueLeadMinutes(deps.db),
    };
  }

  return {
    async read(actor: Actor, defaults: SettingDefaults): Promise<AppSettings> {
      assertCan(actor, 'settings.manage');
      return current(defaults);
    },

    async update(actor: Actor, changes: SettingsChanges, defaults: SettingDefaults): Promise<AppSettings> {
      assertCan(actor, 'settings.manage');
      const { attachmentLimitBytes: limit, dueDateLeadMinutes: lead, ...contracts } = changes;
      if (limit !== undefined && limit !== null) assertLimit(limit);
      if (lead !== undefined && (!Number.isSafeInteger(lead) || lead < 0 || lead > MAX_DUE_LEAD_MINUTES)) {
        const field = 'body.dueDateLeadMinutes';
        const problem = `must be a whole number of minutes from 0 to ${MAX_DUE_LEAD_MINUTES}`;
        throw new AppError('VALIDATION_FAILED', `${field} ${problem}`, {
          errors: [{ field, problem }],
          min: 0,
          max: MAX_DUE_LEAD_MINUTES,
        });
      }
      await inTransaction(deps, async ({ trx, now }) => {
        await writeContractSettings(trx, contracts, now);
        const settings = settingsRepository(trx);
        if (limit === null) await settings.remove(ATTACHMENT_LIMIT_KEY);
        else if (limit !== undefined) await settings.put(ATTACHMENT_LIMIT_KEY, String(limit), now);
        if (lead !== undefined) {
          await settings.put(DUE_LEAD_KEY, String(lead), now);
          await rewatchDueDates(trx);
        }
      });
      return current(defaults);
    },

    /**
     * The attachment limit in force, read on every upload (one primary-key read) so that every
     * instance applies an admin's change at once.
     */
    async attachmentLimitBytes(defaults: SettingDefaults): Promise<number> {
      return (await current(defaults)).attachmentLimitBytes;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

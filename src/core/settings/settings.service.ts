import { assertCan } from '../accounts/access.policy.ts';
import {
  type ContractSettings,
  type ContractSettingsChanges,
  readContractSettings,
  writeContractSettings,
} from '../contracts/contract-settings.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { settingsRepository } from './settings.repository.ts';
import { MAX_ATTACHMENT_LIMIT_BYTES } from './settings-limits.ts';

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
}

export interface SettingsChanges extends ContractSettingsChanges {
  /** A new limit in bytes, or null to go back to the configured default. */
  attachmentLimitBytes?: number | null;
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
    };
  }

  return {
    async read(actor: Actor, defaults: SettingDefaults): Promise<AppSettings> {
      assertCan(actor, 'settings.manage');
      return current(defaults);
    },

    async update(actor: Actor, changes: SettingsChanges, defaults: SettingDefaults): Promise<AppSettings> {
      assertCan(actor, 'settings.manage');
      const { attachmentLimitBytes: limit, ...contracts } = changes;
      if (limit !== undefined && limit !== null) assertLimit(limit);
      await inTransaction(deps, async ({ trx, now }) => {
        await writeContractSettings(trx, contracts, now);
        const settings = settingsRepository(trx);
        if (limit === null) await settings.remove(ATTACHMENT_LIMIT_KEY);
        else if (limit !== undefined) await settings.put(ATTACHMENT_LIMIT_KEY, String(limit), now);
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

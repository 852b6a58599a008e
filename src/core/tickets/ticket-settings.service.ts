import type { CustomFieldKind, Db, StatusCategory } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { noSettingsCache } from '../settings/settings-cache.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { foldKey } from '../shared/text.ts';
import {
  type CustomField,
  type NamedItem,
  type TicketStatus,
  type TicketType,
  ticketVocabularyRepository,
  type Vocabulary,
} from './ticket-vocabulary.repository.ts';
import {
  DEFAULT_BARRED,
  DEFAULT_CATEGORIES,
  DEFAULT_NUMBER_FORMAT,
  DEFAULT_STATUSES,
  DEFAULT_TYPE_KEYS,
  DEFAULT_TYPES,
} from './ticket-vocabulary.ts';

export type { CustomField, NamedItem, TicketStatus, TicketType, Vocabulary } from './ticket-vocabulary.repository.ts';

export interface NumberFormat {
  prefix: string;
  nextNumber: number;
}

/** Finds a status, type or category by id or by name (case and accents ignored). */
export function findByIdOrName<T extends { id: string; name: string }>(items: T[], idOrName: string): T | undefined {
  const key = foldKey(idOrName);
  return items.find((item) => item.id === idOrName) ?? items.find((item) => foldKey(item.name) === key);
}

/** Creates the seeds' statuses, types, categories and number format on an empty database. */
export async function ensureTicketDefaults(db: Db, now: string): Promise<void> {
  const repo = ticketVocabularyRepository(db);
  if ((await repo.countStatuses()) > 0) return;
  const statusIds = new Map<string, string>();
  for (const [position, s] of DEFAULT_STATUSES.entries()) {
    const id = newId();
    statusIds.set(s.name, id);
    await repo.insertStatus({ id, ...s, nameKey: foldKey(s.name), position, active: true }, now);
  }
  for (const [position, name] of DEFAULT_TYPES.entries()) {
    const id = newId();
    await repo.insertNamed(
      'ticket_types',
      { id, name, nameKey: foldKey(name), position, active: true, customerVisible: false },
      now,
    );
    const key = DEFAULT_TYPE_KEYS[name];
    if (key) await repo.setTypeKey(id, key);
    const barred = DEFAULT_BARRED.filter((b) => b.type === name).map((b) => statusIds.get(b.status) as string);
    await repo.setBarredStatuses(id, barred);
  }
  for (const [position, name] of DEFAULT_CATEGORIES.entries()) {
    await repo.insertNamed(
      'ticket_categories',
      { id: newId(), name, nameKey: foldKey(name), position, active: true, customerVisible: false },
      now,
    );
  }
  await repo.setNumberPrefix(DEFAULT_NUMBER_FORMAT.prefix, now);
  await repo.setNextNumber(DEFAULT_NUMBER_FORMAT.start);
}

export function createTicketSettingsService(deps: CoreDeps) {
  const cache = deps.cache ?? noSettingsCache;

  function vocabulary(): Promise<Vocabulary> {
    return cache.get('vocabulary', () => ticketVocabularyRepository(deps.db).load());
  }

  async function write<T>(actor: Actor, work: (db: Db, now: string) => Promise<T>): Promise<T> {
    assertCan(actor, 'ticket_settings.manage');
    try {
      return await inTransaction(deps, ({ trx, now }) => work(trx, now));
    } finally {
      cache.changed();
    }
  }

  async function assertUniqueName(items: { id: string; name: string }[], name: string, exceptId?: string) {
    const clash = items.find((item) => foldKey(item.name) === foldKey(name) && item.id !== exceptId);
    if (clash) throw new AppError('NAME_TAKEN', `"${clash.name}" already exists`, { field: 'name', existing: clash });
  }

  function requireItem<T>(item: T | undefined, what: string, id: string): T {
    if (!item) throw new AppError('NOT_FOUND', `${what} not found`, { id });
    return item;
  }

  return {
    vocabulary,

    async read(actor: Actor): Promise<Vocabulary & { numberFormat: NumberFormat }> {
      assertCan(actor, 'tickets.read');
      return { ...(await vocabulary()), numberFormat: await this.numberFormat() };
    },

    async numberFormat(): Promise<NumberFormat> {
      const repo = ticketVocabularyRepository(deps.db);
      return {
        prefix: (await repo.numberPrefix()) ?? DEFAULT_NUMBER_FORMAT.prefix,
        nextNumber: (await repo.peekNextNumber()) ?? DEFAULT_NUMBER_FORMAT.start,
      };
    },

    /** Changes the prefix and the next number; never below a number already given with that prefix. */
    async setNumberFormat(actor: Actor, format: NumberFormat): Promise<NumberFormat> {
      if (!/^[A-Z]{0,10}$/.test(format.prefix)) {
        throw new AppError('VALIDATION_FAILED', 'The prefix must be 0 to 10 capital letters (A-Z)', {
          field: 'prefix',
        });
      }
      await write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const highest = await repo.highestNumber(format.prefix);
        if (highest !== null && format.nextNumber <= highest) {
          throw new AppError('NUMBER_IN_USE', `${format.prefix}${highest} already exists; choose a number above it`, {
            field: 'nextNumber',
            highest,
          });
        }
        await repo.setNumberPrefix(format.prefix, now);
        await repo.setNextNumber(format.nextNumber);
      });
      return this.numberFormat();
    },

    async createStatus(
      actor: Actor,
      input: { name: string; category: StatusCategory; customerLabel?: string | null; position?: number },
    ): Promise<TicketStatus> {
      return write(actor, async (db, now) => {
        const { statuses } = await ticketVocabularyRepository(db).load();
        await assertUniqueName(statuses, input.name);
        const status: TicketStatus = {
          id: newId(),
          name: input.name.trim(),
          category: input.category,
          customerLabel: input.customerLabel ?? null,
          position: input.position ?? statuses.length,
          active: true,
        };
        await ticketVocabularyRepository(db).insertStatus({ ...status, nameKey: foldKey(status.name) }, now);
        return status;
      });
    },

    async updateStatus(actor: Actor, id: string, changes: Partial<Omit<TicketStatus, 'id'>>): Promise<TicketStatus> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { statuses } = await repo.load();
        requireItem(
          statuses.find((s) => s.id === id),
          'Status',
          id,
        );
        if (changes.name !== undefined) await assertUniqueName(statuses, changes.name, id);
        const name = changes.name?.trim();
        await repo.updateStatus(id, { ...changes, name, nameKey: name && foldKey(name) }, now);
        return requireItem(
          (await repo.load()).statuses.find((s) => s.id === id),
          'Status',
          id,
        );
      });
    },

    async createType(
      actor: Actor,
      input: { name: string; barredStatusIds?: string[]; position?: number; customerVisible?: boolean },
    ) {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { types, statuses } = await repo.load();
        await assertUniqueName(types, input.name);
        assertStatusIds(statuses, input.barredStatusIds ?? []);
        const type: TicketType = {
          id: newId(),
          name: input.name.trim(),
          position: input.position ?? types.length,
          active: true,
          customerVisible: input.customerVisible ?? false,
          barredStatusIds: input.barredStatusIds ?? [],
        };
        await repo.insertNamed('ticket_types', { ...type, nameKey: foldKey(type.name) }, now);
        await repo.setBarredStatuses(type.id, type.barredStatusIds);
        return type;
      });
    },

    async updateType(actor: Actor, id: string, changes: Partial<Omit<TicketType, 'id'>>): Promise<TicketType> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { types, statuses } = await repo.load();
        requireItem(
          types.find((t) => t.id === id),
          'Type',
          id,
        );
        if (changes.name !== undefined) await assertUniqueName(types, changes.name, id);
        const name = changes.name?.trim();
        await repo.updateNamed('ticket_types', id, { ...changes, name, nameKey: name && foldKey(name) }, now);
        if (changes.barredStatusIds) {
          assertStatusIds(statuses, changes.barredStatusIds);
          await repo.setBarredStatuses(id, changes.barredStatusIds);
        }
        return requireItem(
          (await repo.load()).types.find((t) => t.id === id),
          'Type',
          id,
        );
      });
    },

    async createCategory(
      actor: Actor,
      input: { name: string; position?: number; customerVisible?: boolean },
    ): Promise<NamedItem> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { categories } = await repo.load();
        await assertUniqueName(categories, input.name);
        const category = {
          id: newId(),
          name: input.name.trim(),
          position: input.position ?? categories.length,
          active: true,
          customerVisible: input.customerVisible ?? false,
        };
        await repo.insertNamed('ticket_categories', { ...category, nameKey: foldKey(category.name) }, now);
        return category;
      });
    },

    async updateCategory(actor: Actor, id: string, changes: Partial<Omit<NamedItem, 'id'>>): Promise<NamedItem> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { categories } = await repo.load();
        requireItem(
          categories.find((c) => c.id === id),
          'Category',
          id,
        );
        if (changes.name !== undefined) await assertUniqueName(categories, changes.name, id);
        const name = changes.name?.trim();
        await repo.updateNamed('ticket_categories', id, { ...changes, name, nameKey: name && foldKey(name) }, now);
        return requireItem(
          (await repo.load()).categories.find((c) => c.id === id),
          'Category',
          id,
        );
      });
    },

    async createField(
      actor: Actor,
      typeId: string,
      input: {
        key: string;
        label: string;
        kind: CustomFieldKind;
        options?: string[];
        required?: boolean;
        position?: number;
      },
    ): Promise<CustomField> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const { types, fields } = await repo.load();
        requireItem(
          types.find((t) => t.id === typeId),
          'Type',
          typeId,
        );
        if (fields.some((f) => f.typeId === typeId && f.key === input.key)) {
          throw new AppError('NAME_TAKEN', `The type already has a field "${input.key}"`, { field: 'key' });
        }
        assertOptions(input.kind, input.options ?? []);
        const field: CustomField = {
          id: newId(),
          typeId,
          key: input.key,
          label: input.label.trim(),
          kind: input.kind,
          options: input.options ?? [],
          required: input.required ?? false,
          position: input.position ?? fields.filter((f) => f.typeId === typeId).length,
        };
        await repo.insertField(field, now);
        return field;
      });
    },

    async updateField(
      actor: Actor,
      id: string,
      changes: Partial<Pick<CustomField, 'label' | 'kind' | 'options' | 'required' | 'position'>>,
    ): Promise<CustomField> {
      return write(actor, async (db, now) => {
        const repo = ticketVocabularyRepository(db);
        const current = requireItem(
          (await repo.load()).fields.find((f) => f.id === id),
          'Field',
          id,
        );
        assertOptions(changes.kind ?? current.kind, changes.options ?? current.options);
        await repo.updateField(id, changes, now);
        return requireItem(
          (await repo.load()).fields.find((f) => f.id === id),
          'Field',
          id,
        );
      });
    },

    async deleteField(actor: Actor, id: string): Promise<void> {
      await write(actor, async (db) => {
        const repo = ticketVocabularyRepository(db);
        requireItem(
          (await repo.load()).fields.find((f) => f.id === id),
          'Field',
          id,
        );
        await repo.deleteField(id);
      });
    },
  };
}

export type TicketSettingsService = ReturnType<typeof createTicketSettingsService>;

function assertStatusIds(statuses: TicketStatus[], ids: string[]) {
  const missing = ids.filter((id) => !statuses.some((s) => s.id === id));
  if (missing.length > 0) {
    throw new AppError('REFERENCE_NOT_FOUND', `Unknown status: ${missing.join(', ')}`, {
      field: 'barredStatusIds',
      missing,
    });
  }
}

function assertOptions(kind: CustomFieldKind, options: string[]) {
  const needsOptions = kind === 'select' || kind === 'multi_select';
  if (needsOptions && options.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'A select field needs at least one option', { field: 'options' });
  }
}

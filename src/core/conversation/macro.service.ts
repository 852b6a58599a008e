import type { Db } from '../../db/database.ts';
import { assertCan, canActInDepartment } from '../accounts/access.policy.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { seedDefaultMacros } from './default-macros.ts';
import { type Macro, type MacroActions, type MacroChanges, macroRepository } from './macro.repository.ts';
import { firstNameOf, renderTemplate, unknownPlaceholders } from './macro-template.ts';
import { participantsRepository } from './participants.repository.ts';

export type { Macro, MacroActions } from './macro.repository.ts';

export const MAX_MACRO_BODY = 20_000;

export interface NewMacro {
  name: string;
  body: string;
  actions?: MacroActions;
  /** Shared macros are for the whole team (admins and supervisors create them); the default is personal. */
  shared?: boolean;
  departmentId?: string | null;
}

export type MacroUpdate = Partial<NewMacro>;

export interface RenderedMacro {
  body: string;
  actions: MacroActions;
}

/** Personal macros are their owner's; shared ones everyone's, or their department's when they have one. */
function canUse(actor: Actor, macro: Macro): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'agent') return false;
  if (macro.ownerId !== null) return macro.ownerId === actor.id;
  return macro.departmentId === null || canActInDepartment(actor, macro.departmentId);
}

function assertCanChange(actor: Actor, macro: { ownerId: string | null }): void {
  if (macro.ownerId === null) assertCan(actor, 'macros.manage');
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('VALIDATION_FAILED', 'The name must not be empty', { field: 'name' });
  return trimmed;
}

function checkBody(body: string): string {
  if (!body.trim()) throw new AppError('VALIDATION_FAILED', 'The text must not be empty', { field: 'body' });
  if (body.length > MAX_MACRO_BODY) {
    throw new AppError('VALIDATION_FAILED', `The text is longer than ${MAX_MACRO_BODY} characters`, { field: 'body' });
  }
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) {
    const list = unknown.map((name) => `{{${name}}}`).join(', ');
    throw new AppError('MACRO_UNKNOWN_PLACEHOLDER', `The macro uses unknown placeholders: ${list}`, {
      field: 'body',
      placeholders: unknown,
      list,
    });
  }
  return body;
}

/** Drops empty values and repeated tags, so what is stored is what applying means. */
function cleanActions(actions: MacroActions): MacroActions {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const tags = (values: string[] | undefined) => {
    const cleaned = [...new Set((values ?? []).map((t) => t.trim()).filter(Boolean))];
    return cleaned.length > 0 ? cleaned : undefined;
  };
  const result: MacroActions = {
    status: text(actions.status),
    type: text(actions.type),
    priority: text(actions.priority),
    tagsAdd: tags(actions.tagsAdd),
    tagsRemove: tags(actions.tagsRemove),
    flag: actions.flag,
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as MacroActions;
}

async function assertDepartment(trx: Db, departmentId: string | null | undefined): Promise<void> {
  if (!departmentId) return;
  if (!(await departmentRepository(trx).find(departmentId))) {
    throw new AppError('REFERENCE_NOT_FOUND', 'The department does not exist', {
      field: 'departmentId',
      id: departmentId,
    });
  }
}

export function createMacroService(deps: CoreDeps) {
  async function visible(db: Db, actor: Actor, id: string): Promise<Macro> {
    const macro = await macroRepository(db).find(id);
    if (!macro || !canUse(actor, macro)) throw new AppError('MACRO_NOT_FOUND', 'Macro not found', { id });
    return macro;
  }

  return {
    /** The macros the agent may use: shared ones (of their departments) and their own, by name. */
    async list(actor: Actor, opts: { departmentId?: string } = {}): Promise<Page<Macro>> {
      assertCan(actor, 'macros.read');
      const agentId = actor.kind === 'agent' ? actor.id : null;
      const departmentIds = actor.kind === 'agent' && actor.role === 'agent' ? actor.departmentIds : 'all';
      let items = await macroRepository(deps.db).listVisible({ agentId, departmentIds });
      if (opts.departmentId) {
        items = items.filter((m) => m.departmentId === null || m.departmentId === opts.departmentId);
      }
      return { items, nextCursor: null };
    },

    async get(actor: Actor, id: string): Promise<Macro> {
      assertCan(actor, 'macros.read');
      return visible(deps.db, actor, id);
    },

    async create(actor: Actor, input: NewMacro): Promise<Macro> {
      assertCan(actor, 'macros.read');
      const shared = input.shared ?? actor.kind !== 'agent';
      if (shared) assertCan(actor, 'macros.manage');
      if (!shared && actor.kind !== 'agent') {
        throw new AppError('VALIDATION_FAILED', 'Only agents own personal macros', { field: 'shared' });
      }
      const name = cleanName(input.name);
      const body = checkBody(input.body);
      return inTransaction(deps, async ({ trx, now, emit }) => {
        await assertDepartment(trx, input.departmentId);
        const macro: Macro = {
          id: newId(),
          name,
          body,
          actions: cleanActions(input.actions ?? {}),
          scope: shared ? 'shared' : 'personal',
          ownerId: shared || actor.kind !== 'agent' ? null : actor.id,
          departmentId: input.departmentId ?? null,
          createdAt: now,
          updatedAt: now,
        };
        await macroRepository(trx).insert(macro);
        emit({ type: 'macro.created', actor, data: { macroId: macro.id, scope: macro.scope } });
        return macro;
      });
    },

    async update(actor: Actor, id: string, changes: MacroUpdate): Promise<Macro> {
      assertCan(actor, 'macros.read');
      const name = changes.name === undefined ? undefined : cleanName(changes.name);
      const body = changes.body === undefined ? undefined : checkBody(changes.body);
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const current = await visible(trx, actor, id);
        assertCanChange(actor, current);
        const repoChanges: MacroChanges = { name, body };
        if (changes.actions !== undefined) repoChanges.actions = cleanActions(changes.actions);
        if (changes.departmentId !== undefined) {
          await assertDepartment(trx, changes.departmentId);
          repoChanges.departmentId = changes.departmentId;
        }
        if (changes.shared !== undefined && changes.shared !== (current.ownerId === null)) {
          // Sharing a personal macro, or taking a shared one back, is a team decision.
          assertCan(actor, 'macros.manage');
          if (changes.shared) repoChanges.ownerId = null;
          else if (actor.kind === 'agent') repoChanges.ownerId = actor.id;
          else throw new AppError('VALIDATION_FAILED', 'Only agents own personal macros', { field: 'shared' });
        }
        const macros = macroRepository(trx);
        await macros.update(id, repoChanges, now);
        emit({ type: 'macro.updated', actor, data: { macroId: id } });
        return (await macros.find(id)) as Macro;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      assertCan(actor, 'macros.read');
      await inTransaction(deps, async ({ trx, now, emit }) => {
        const current = await visible(trx, actor, id);
        assertCanChange(actor, current);
        await macroRepository(trx).deactivate(id, now);
        emit({ type: 'macro.deleted', actor, data: { macroId: id } });
      });
    },

    /** The macro's text for one ticket, placeholders filled (missing values as empty text), and its actions. */
    async render(actor: Actor, id: string, ticketIdOrNumber: string): Promise<RenderedMacro> {
      assertCan(actor, 'macros.read');
      const macro = await visible(deps.db, actor, id);
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const people = participantsRepository(deps.db);
      const [contact, organization, agent] = await Promise.all([
        people.contact(ticket.requesterId),
        ticket.organizationId ? people.organization(ticket.organizationId) : undefined,
        actor.kind === 'agent' ? people.agent(actor.id) : undefined,
      ]);
      const body = renderTemplate(macro.body, {
        'contact.name': contact?.name,
        'contact.first_name': firstNameOf(contact?.name),
        'agent.name': agent?.name,
        'agent.first_name': firstNameOf(agent?.name),
        'organization.name': organization?.name,
        'organization.code': organization?.code,
        'ticket.number': ticket.number,
        'ticket.subject': ticket.subject,
      });
      return { body, actions: macro.actions };
    },

    /** Adds the seeds' canned scripts as shared macros (idempotent by name). */
    async seedDefaults(actor: Actor): Promise<number> {
      assertCan(actor, 'macros.manage');
      return inTransaction(deps, ({ trx, now }) => seedDefaultMacros(trx, now));
    },
  };
}

export type MacroService = ReturnType<typeof createMacroService>;

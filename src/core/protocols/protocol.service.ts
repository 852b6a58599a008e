import type { Db } from '../../db/database.ts';
import { assertCan, can, canActInDepartment } from '../accounts/access.policy.ts';
import { ensureKeyedMacros } from '../conversation/default-macros.ts';
import { macroRepository } from '../conversation/macro.repository.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { kbRepository } from '../kb/kb.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { ticketVocabularyRepository } from '../tickets/ticket-vocabulary.repository.ts';
import { PAYMENT_PROTOCOL } from './default-protocols.ts';
import { type AppliedProtocol, type Protocol, protocolRepository } from './protocol.repository.ts';
import { resolveStepSets, type StepSetsInput, ticketChangesOf } from './step-sets.ts';

export interface NewProtocol {
  title: string;
  scenario: string;
  observations?: string | null;
  departmentId?: string | null;
  articleId?: string | null;
  /** Each step may send a script and may set a ticket field when ticked. */
  steps: { text: string; macroId?: string | null; sets?: StepSetsInput | null }[];
  /** The scripts (shared macros) the procedure uses. */
  scriptMacroIds?: string[];
}

const VIA = 'api';

/** A protocol of a department is that department's (supervisors see all); one without is everyone's. */
function canUseProtocol(actor: Actor, protocol: Pick<Protocol, 'departmentId'>): boolean {
  return protocol.departmentId === null || canActInDepartment(actor, protocol.departmentId);
}

function required(value: string, field: string, max: number): string {
  const text = value.trim();
  if (!text || text.length > max) {
    throw new AppError('VALIDATION_FAILED', `${field} needs 1 to ${max} characters`, { field });
  }
  return text;
}

/** Scripts a protocol sends must be shared macros everyone applying it can use. */
async function sharedMacro(db: Db, id: string, field: string): Promise<{ id: string; name: string }> {
  const macro = await macroRepository(db).find(id);
  if (macro?.scope !== 'shared') {
    throw new AppError('REFERENCE_NOT_FOUND', 'The script is not a shared macro', { field, id });
  }
  return { id: macro.id, name: macro.name };
}

const stepLabel = (applied: AppliedProtocol, position: number) =>
  `${applied.title}: ${position}. ${applied.steps.find((s) => s.position === position)?.text ?? ''}`;

export function createProtocolService(deps: CoreDeps & { tickets: TicketService }) {
  async function visibleProtocol(db: Db, actor: Actor, id: string): Promise<Protocol> {
    const protocol = await protocolRepository(db).find(id);
    if (!protocol || !canUseProtocol(actor, protocol)) {
      throw new AppError('PROTOCOL_NOT_FOUND', 'Protocol not found', { field: 'protocolId', id });
    }
    return protocol;
  }

  /** Checks and stores a protocol: a new one, or a rewrite of `id` (its applied copies keep their steps). */
  async function write(actor: Actor, input: NewProtocol, id: string | undefined): Promise<Protocol> {
    const title = required(input.title, 'title', 300);
    const scenario = required(input.scenario, 'scenario', 5000);
    if (input.steps.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'A protocol needs at least one step', { field: 'steps' });
    }
    const texts = input.steps.map((step, index) => required(step.text, `steps[${index}].text`, 2000));
    return inTransaction(deps, async ({ trx, now }) => {
      const protocols = protocolRepository(trx);
      const existing = id === undefined ? undefined : await visibleProtocol(trx, actor, id);
      if (await protocols.titleTaken(title, existing?.id)) {
        throw new AppError('NAME_TAKEN', 'A protocol with that title exists', { field: 'title' });
      }
      if (input.departmentId && !(await departmentRepository(trx).find(input.departmentId))) {
        throw new AppError('REFERENCE_NOT_FOUND', 'The department does not exist', { field: 'departmentId' });
      }
      if (input.articleId && !(await kbRepository(trx).findArticle(input.articleId))) {
        throw new AppError('REFERENCE_NOT_FOUND', 'The article does not exist', { field: 'articleId' });
      }
      const steps = [];
      const vocabulary = input.steps.some((step) => step.sets) ? await ticketVocabularyRepository(trx).load() : null;
      for (const [index, step] of input.steps.entries()) {
        const macro = step.macroId ? await sharedMacro(trx, step.macroId, `steps[${index}].macroId`) : null;
        steps.push({
          position: index + 1,
          text: texts[index] as string,
          macroId: macro?.id ?? null,
          macroName: macro?.name ?? null,
          sets: step.sets && vocabulary ? resolveStepSets(vocabulary, step.sets, `steps[${index}].sets`) : null,
        });
      }
      const scripts = [];
      for (const macroId of new Set(input.scriptMacroIds ?? [])) {
        const macro = await sharedMacro(trx, macroId, 'scriptMacroIds');
        scripts.push({ macroId: macro.id, name: macro.name });
      }
      const protocol: Protocol = {
        id: existing?.id ?? newId(),
        title,
        scenario,
        observations: input.observations?.trim() || null,
        departmentId: input.departmentId ?? null,
        articleId: input.articleId ?? null,
        steps,
        scripts,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (existing) await protocols.replace(protocol);
      else await protocols.insert(protocol);
      return protocol;
    });
  }

  const service = {
    /** Those who manage protocols (they see every department's) also get how often each was applied. */
    async list(actor: Actor): Promise<Page<Protocol & { timesApplied?: number }>> {
      assertCan(actor, 'work.read');
      const protocols = protocolRepository(deps.db);
      const visible = (await protocols.list()).filter((protocol) => canUseProtocol(actor, protocol));
      if (!can(actor, 'protocols.manage')) return { items: visible, nextCursor: null };
      const counts = await protocols.timesApplied();
      return {
        items: visible.map((protocol) => ({ ...protocol, timesApplied: counts.get(protocol.id) ?? 0 })),
        nextCursor: null,
      };
    },

    async get(actor: Actor, id: string): Promise<Protocol> {
      assertCan(actor, 'work.read');
      return visibleProtocol(deps.db, actor, id);
    },

    async create(actor: Actor, input: NewProtocol): Promise<Protocol> {
      assertCan(actor, 'protocols.manage');
      return write(actor, input, undefined);
    },

    /** Rewrites a protocol; tickets it was applied on keep the checklist they were given. */
    async update(actor: Actor, id: string, input: NewProtocol): Promise<Protocol> {
      assertCan(actor, 'protocols.manage');
      return write(actor, input, id);
    },

    /** The seeds' protocols (002's payment procedure), with the scripts they send; kept if already there. */
    async seedDefaults(actor: Actor): Promise<void> {
      assertCan(actor, 'protocols.manage');
      const ids = await inTransaction(deps, async ({ trx, now }) => {
        await ensureKeyedMacros(trx, now, 'payment.');
        const macros = macroRepository(trx);
        const byKey = new Map<string, string>();
        for (const key of PAYMENT_PROTOCOL.scriptKeys) {
          const macro = await macros.findByKey(key);
          if (macro?.active) byKey.set(key, macro.id);
        }
        return byKey;
      });
      if (await protocolRepository(deps.db).titleTaken(PAYMENT_PROTOCOL.title)) return;
      await service.create(actor, {
        title: PAYMENT_PROTOCOL.title,
        scenario: PAYMENT_PROTOCOL.scenario,
        observations: PAYMENT_PROTOCOL.observations,
        steps: PAYMENT_PROTOCOL.steps.map((step) => ({
          text: step.text,
          macroId: 'macroKey' in step ? (ids.get(step.macroKey) ?? null) : null,
        })),
        scriptMacroIds: PAYMENT_PROTOCOL.scriptKeys.flatMap((key) => ids.get(key) ?? []),
      });
    },

    async listApplied(actor: Actor, ticketIdOrNumber: string): Promise<Page<AppliedProtocol>> {
      assertCan(actor, 'work.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return { items: await protocolRepository(deps.db).listApplied(ticket.id), nextCursor: null };
    },

    /** "Aplicar protocolo": its steps become the ticket's checklist, as they are written today. */
    async apply(actor: Actor, ticketIdOrNumber: string, protocolId: string): Promise<AppliedProtocol> {
      assertCan(actor, 'work.write');
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const protocol = await visibleProtocol(trx, actor, protocolId);
        const id = newId();
        const protocols = protocolRepository(trx);
        await protocols.insertApplied({
          id,
          ticketId: ticket.id,
          protocolId: protocol.id,
          title: protocol.title,
          appliedById: actor.kind === 'agent' ? actor.id : null,
          appliedByName: null,
          appliedAt: now,
          completedAt: null,
          steps: protocol.steps.map((step) => ({
            ...step,
            doneAt: null,
            doneById: null,
            doneByName: null,
          })),
        });
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({
          ticketId: ticket.id,
          actor,
          via: VIA,
          now,
          changes: [{ field: 'protocol', from: null, to: protocol.title }],
        });
        emit({
          type: 'protocol.applied',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, appliedId: id, protocolId: protocol.id },
        });
        return (await protocols.findApplied(ticket.id, id)) as AppliedProtocol;
      });
    },

    /**
     * Ticks (or unticks) a step; the history keeps who and when, and the last tick completes the
     * protocol. A step that sets a ticket field changes the ticket as any edit does (access, rules,
     * history) in the same transaction, so a refused change leaves the step unticked; unticking
     * leaves the field as it is (the agent may have changed it since).
     */
    async tick(
      actor: Actor,
      ticketIdOrNumber: string,
      appliedId: string,
      position: number,
      done: boolean,
    ): Promise<AppliedProtocol> {
      assertCan(actor, 'work.write');
      return inTransaction(deps, async (uow) => {
        const { trx, now, emit } = uow;
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const protocols = protocolRepository(trx);
        const applied = await protocols.findApplied(ticket.id, appliedId);
        if (!applied)
          throw new AppError('PROTOCOL_NOT_FOUND', 'Protocol not applied on this ticket', { id: appliedId });
        const step = applied.steps.find((s) => s.position === position);
        if (!step) throw new AppError('PROTOCOL_STEP_NOT_FOUND', 'No such step', { step: position });
        if ((step.doneAt !== null) === done) return applied;
        await protocols.setStep(
          applied.id,
          position,
          done ? { by: actor.kind === 'agent' ? actor.id : null, at: now } : null,
        );
        const allDone = applied.steps.every((s) => (s.position === position ? done : s.doneAt !== null));
        const changes = [
          done
            ? { field: 'protocol_step', from: null, to: stepLabel(applied, position) }
            : { field: 'protocol_step', from: stepLabel(applied, position), to: null },
        ];
        if (allDone !== (applied.completedAt !== null)) {
          await protocols.setCompleted(applied.id, allDone ? now : null);
          changes.push(
            allDone
              ? { field: 'protocol_completed', from: null, to: applied.title }
              : { field: 'protocol_completed', from: applied.title, to: null },
          );
        }
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({ ticketId: ticket.id, actor, via: VIA, now, changes });
        if (done && step.sets) {
          assertCan(actor, 'tickets.write');
          await deps.tickets.changeWithin(uow, actor, ticket.id, ticketChangesOf(step.sets));
        }
        emit({
          type: 'protocol.step_ticked',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, appliedId, step: position, done },
        });
        return (await protocols.findApplied(ticket.id, appliedId)) as AppliedProtocol;
      });
    },
  };
  return service;
}

export type ProtocolService = ReturnType<typeof createProtocolService>;

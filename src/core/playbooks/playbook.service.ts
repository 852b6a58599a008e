import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { type Contact, contactRepository } from '../contacts/contact.repository.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { organizationRepository } from '../organizations/organization.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { canSeeTicket } from '../tickets/ticket.policy.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { type TaskRecord, taskRepository } from '../work/task.repository.ts';
import { type Task, withTime } from '../work/task.service.ts';
import { WORK_VIA } from '../work/work-shared.ts';
import { type Playbook, type PlaybookRun, playbookRepository } from './playbook.repository.ts';
import { normalizeSteps, type PlaybookStepInput } from './playbook-steps.ts';

export interface NewPlaybook {
  name: string;
  description?: string | null;
  departmentId?: string | null;
  steps: PlaybookStepInput[];
}

export interface StartPlaybook {
  playbookId: string;
  /**
   * Who the follow-ups are with, the onboarding ticket's requester. 000: "hacerlos con el dueño";
   * another person only when the owner says so. Default: the organization's owner.
   */
  contactId?: string;
  /** Optional steps left out (000: the migration, when the customer does not take it). */
  skipSteps?: number[];
}

/** A playbook started for an organization: its onboarding ticket and how far its tasks are. */
export interface PlaybookProgress {
  id: string;
  playbookId: string;
  playbookName: string;
  ticketId: string;
  ticketNumber: string;
  createdAt: string;
  done: number;
  total: number;
  tasks: Task[];
}

const MAX_NAME = 200;
// 000: follow-ups go to the owner first, then whoever the organization has put in charge.
const ROLE_ORDER: Contact['organizationRole'][] = ['owner', 'admin', 'main_contact', 'member'];

async function followUpContact(db: Db, organizationId: string, contactId: string | undefined): Promise<Contact> {
  const contacts = contactRepository(db);
  if (contactId) {
    const contact = await contacts.find(contactId);
    if (!contact || contact.organizationId !== organizationId) {
      throw new AppError('REFERENCE_NOT_FOUND', 'The contact is not one of this organization', {
        field: 'contactId',
        id: contactId,
      });
    }
    return contact;
  }
  const all = await contacts.list({ organizationId, limit: 200 });
  const rank = (contact: Contact) => ROLE_ORDER.indexOf(contact.organizationRole);
  const chosen = all.filter((c) => !c.mergedIntoId).sort((a, b) => rank(a) - rank(b))[0];
  if (!chosen) throw new AppError('PLAYBOOK_NO_CONTACT', 'The organization has no contacts', { organizationId });
  return chosen;
}

export function createPlaybookService(deps: CoreDeps & { tickets: TicketService }) {
  const findPlaybook = async (db: Db, id: string): Promise<Playbook> => {
    const playbook = await playbookRepository(db).find(id);
    if (!playbook) throw new AppError('PLAYBOOK_NOT_FOUND', 'Playbook not found', { field: 'playbookId', id });
    return playbook;
  };

  /** Creates (no id) or rewrites a playbook, checking name, steps (no cycle) and department first. */
  const write = async (input: NewPlaybook, id: string | undefined): Promise<Playbook> => {
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME) {
      throw new AppError('VALIDATION_FAILED', `The name needs 1 to ${MAX_NAME} characters`, { field: 'name' });
    }
    const steps = normalizeSteps(input.steps);
    return deps.db.transaction().execute(async (trx) => {
      const playbooks = playbookRepository(trx);
      const existing = id ? await findPlaybook(trx, id) : undefined;
      if (await playbooks.nameTaken(name, id)) {
        throw new AppError('NAME_TAKEN', 'A playbook with that name exists', { field: 'name' });
      }
      if (input.departmentId && !(await departmentRepository(trx).find(input.departmentId))) {
        throw new AppError('REFERENCE_NOT_FOUND', 'The department does not exist', { field: 'departmentId' });
      }
      const now = deps.clock.now().toISOString();
      const playbook: Playbook = {
        id: existing?.id ?? newId(),
        name,
        description: input.description?.trim() || null,
        departmentId: input.departmentId ?? null,
        steps,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (existing) await playbooks.replace(playbook);
      else await playbooks.insert(playbook);
      return playbook;
    });
  };

  return {
    async list(actor: Actor): Promise<Page<Playbook>> {
      assertCan(actor, 'work.read');
      return { items: await playbookRepository(deps.db).list(), nextCursor: null };
    },

    async create(actor: Actor, input: NewPlaybook): Promise<Playbook> {
      assertCan(actor, 'playbooks.manage');
      return write(input, undefined);
    },

    /** Rewrites a playbook (name, steps, owners, dependencies); runs already started keep their tasks. */
    async update(actor: Actor, id: string, input: NewPlaybook): Promise<Playbook> {
      assertCan(actor, 'playbooks.manage');
      return write(input, id);
    },

    /**
     * Starts a playbook for an organization: an onboarding ticket (requested by the person the
     * follow-ups are with) holding one task per step, each waiting for the steps it depends on.
     */
    async start(actor: Actor, organizationId: string, input: StartPlaybook): Promise<PlaybookProgress> {
      assertCan(actor, 'work.write');
      const playbook = await findPlaybook(deps.db, input.playbookId);
      const organization = await organizationRepository(deps.db).find(organizationId);
      if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id: organizationId });
      const skipped = new Set(input.skipSteps ?? []);
      for (const position of skipped) {
        if (!playbook.steps.some((step) => step.position === position && step.optional)) {
          throw new AppError('VALIDATION_FAILED', `Step ${position} is not an optional step of the playbook`, {
            field: 'skipSteps',
          });
        }
      }
      const contact = await followUpContact(deps.db, organization.id, input.contactId);
      const starter = actor.kind === 'agent' ? actor.id : null;
      const leader = organization.accountLeaderId;
      const ownerOf = (owner: 'starter' | 'account_leader') => (owner === 'account_leader' && leader) || starter;
      const steps = playbook.steps.filter((step) => !skipped.has(step.position));
      const followers = leader && steps.some((s) => s.owner === 'account_leader') ? [leader] : [];
      const runId = newId();
      const ticket = await deps.tickets.create(
        actor,
        {
          subject: `${playbook.name}: ${organization.name}`,
          body: [playbook.description, ...steps.map((s) => `${s.position}. ${s.title}`)].filter(Boolean).join('\n'),
          requester: { id: contact.id },
          departmentId: playbook.departmentId,
          assigneeId: starter,
          followerIds: followers.filter((id) => id !== starter),
          channel: 'internal',
        },
        {
          acknowledge: false,
          within: async (uow, created) => {
            await playbookRepository(uow.trx).insertRun({
              id: runId,
              playbookId: playbook.id,
              organizationId: organization.id,
              ticketId: created.id,
              startedBy: starter,
              createdAt: uow.now,
            });
            const tasks = taskRepository(uow.trx);
            const taskOf = new Map<number, string>();
            for (const step of steps) {
              const task: TaskRecord = {
                id: newId(),
                ticketId: created.id,
                title: step.title,
                assigneeId: ownerOf(step.owner),
                status: 'open',
                dueAt: null,
                completedAt: null,
                createdAt: uow.now,
                updatedAt: uow.now,
                playbookRunId: runId,
                playbookPosition: step.position,
              };
              await tasks.insert(task);
              taskOf.set(step.position, task.id);
            }
            // A dependency on a step left out holds nothing back (no migration: training at once).
            for (const step of steps) {
              for (const other of step.dependsOn) {
                const dependsOnId = taskOf.get(other);
                if (dependsOnId) await tasks.addDependency(taskOf.get(step.position) as string, dependsOnId);
              }
            }
            await ticketHistoryRepository(uow.trx).record({
              ticketId: created.id,
              actor,
              via: WORK_VIA,
              now: uow.now,
              changes: [
                { field: 'playbook', from: null, to: playbook.name },
                ...steps.map((step) => ({ field: 'task', from: null, to: step.title })),
              ],
            });
            uow.emit({
              type: 'playbook.started',
              ticketId: created.id,
              organizationId: organization.id,
              actor,
              data: { ticketId: created.id, playbookId: playbook.id, runId },
            });
          },
        },
      );
      const [progress] = await progressOf(deps.db, actor, organization.id, runId);
      if (!progress) throw new AppError('TICKET_NOT_FOUND', 'The onboarding ticket is not visible', { id: ticket.id });
      return progress;
    },

    /** The organization's playbooks and their tasks, newest first; only those whose ticket the caller may open. */
    async progress(actor: Actor, organizationId: string): Promise<Page<PlaybookProgress>> {
      assertCan(actor, 'work.read');
      if (!(await organizationRepository(deps.db).existingRef(organizationId))) {
        throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id: organizationId });
      }
      return { items: await progressOf(deps.db, actor, organizationId), nextCursor: null };
    },
  };
}

async function progressOf(db: Db, actor: Actor, organizationId: string, onlyRun?: string): Promise<PlaybookProgress[]> {
  const runs = (await playbookRepository(db).runsOf(organizationId)).filter((run) => !onlyRun || run.id === onlyRun);
  const refs = ticketRefRepository(db);
  const visible: (PlaybookRun & { ticketNumber: string })[] = [];
  for (const run of runs) {
    const ticket = await refs.find(run.ticketId);
    if (ticket && canSeeTicket(actor, ticket)) visible.push({ ...run, ticketNumber: ticket.number });
  }
  const repository = taskRepository(db);
  const tasks = await repository.listForRun(visible.map((run) => run.id));
  const waiting = await repository.waitingFor(tasks.map((task) => task.id));
  return visible.map((run) => {
    const own = tasks.filter((task) => task.playbookRunId === run.id);
    return {
      id: run.id,
      playbookId: run.playbookId,
      playbookName: run.playbookName,
      ticketId: run.ticketId,
      ticketNumber: run.ticketNumber,
      createdAt: run.createdAt,
      done: own.filter((task) => task.status === 'done').length,
      total: own.length,
      tasks: own.map((task) => withTime(task, undefined, waiting.get(task.id))),
    };
  });
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;

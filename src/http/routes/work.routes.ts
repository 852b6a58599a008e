import { Type } from 'typebox';
import { pageOf } from '../../core/shared/pagination.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  CreateReminderBody,
  CreateTaskBody,
  CreateTimeEntryBody,
  PlannerSessionQuery,
  PlannerTaskQuery,
  PlannerTaskSchema,
  ReminderListQuery,
  ReminderSchema,
  ScheduledSessionSchema,
  TaskParams,
  TaskSchema,
  TicketParams,
  TimeEntryParams,
  TimeEntrySchema,
  TimeSheetSchema,
  UpdateReminderBody,
  UpdateTaskBody,
} from '../schemas/conversation.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['work'];

/** `a,b, c` → ['a', 'b', 'c']; absent or empty → undefined (no filter). */
function list(value: string | undefined): string[] | undefined {
  const values = value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values && values.length > 0 ? values : undefined;
}

export function workRoutes(app: TypedApp, deps: RouteDeps) {
  const { timeEntries, tasks, reminders, planner } = deps.services;

  // Time entries (001 "Billing", 003 time per person with initials)
  app.get(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: 'Time logged on a ticket, with totals per agent and per task',
        params: TicketParams,
        response: { 200: TimeSheetSchema, ...errorResponses },
      },
    },
    async (request) => timeEntries.list(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/time-entries',
    {
      config: { access: 'work.write', idempotent: true },
      schema: {
        tags,
        summary: 'Log time on a ticket ("00:30" or minutes; today in the agent\'s time zone by default)',
        params: TicketParams,
        body: CreateTimeEntryBody,
        response: { 201: TimeEntrySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await timeEntries.add(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/tickets/:id/time-entries/:entryId',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Remove a time entry',
        params: TimeEntryParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await timeEntries.remove(signedIn(request.auth).actor, request.params.id, request.params.entryId);
      return reply.status(204).send(null);
    },
  );

  // Tasks (003: one per ticket, time logged on it)
  app.get(
    '/api/v1/tickets/:id/tasks',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: "A ticket's tasks with the time logged on each",
        params: TicketParams,
        response: { 200: PageOf(TaskSchema), ...errorResponses },
      },
    },
    async (request) => tasks.list(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/tasks',
    {
      config: { access: 'work.write', idempotent: true },
      schema: {
        tags,
        summary: "Add a task to a ticket (titled with the ticket's number and subject by default)",
        params: TicketParams,
        body: CreateTaskBody,
        response: { 201: TaskSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.create(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/tasks/:taskId',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Change a task (title, assignee, open/done, due date)',
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: TaskSchema, ...errorResponses },
      },
    },
    async (request) => tasks.update(signedIn(request.auth).actor, request.params.taskId, request.body),
  );

  // The planner (000, Wolk: "el planner de los procesos"): every task across tickets, sessions beside them
  app.get(
    '/api/v1/tasks',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary:
          'Tasks across the tickets the caller may open, by due time (undated last), filtered by assignee, ' +
          'state (open, done, overdue), due range and organization',
        querystring: PlannerTaskQuery,
        response: { 200: PageOf(PlannerTaskSchema), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return planner.tasks(signedIn(request.auth).actor, {
        assigneeId: list(q.assigneeId),
        organizationId: list(q.organizationId),
        departmentId: list(q.departmentId),
        state: q.state,
        dueFrom: q.dueFrom,
        dueTo: q.dueTo,
        limit: q.limit,
        cursor: q.cursor,
      });
    },
  );

  app.get(
    '/api/v1/sessions',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary:
          'Scheduled sessions between from and to on the tickets the caller may open; assigneeId keeps those ' +
          'the agents organize or are invited to',
        querystring: PlannerSessionQuery,
        response: { 200: PageOf(ScheduledSessionSchema), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return planner.sessions(signedIn(request.auth).actor, {
        assigneeId: list(q.assigneeId),
        organizationId: list(q.organizationId),
        departmentId: list(q.departmentId),
        from: q.from,
        to: q.to,
      });
    },
  );

  // Reminders (001 "Follow up")
  app.get(
    '/api/v1/tickets/:id/reminders',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: "A ticket's reminders",
        params: TicketParams,
        response: { 200: PageOf(ReminderSchema), ...errorResponses },
      },
    },
    async (request) => reminders.listForTicket(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/reminders',
    {
      config: { access: 'work.write', idempotent: true },
      schema: {
        tags,
        summary: 'Remind an agent (the caller by default) about a ticket at a time',
        params: TicketParams,
        body: CreateReminderBody,
        response: { 201: ReminderSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reminders.create(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/reminders',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: "The caller's pending reminders; ?due=true for those whose time has come",
        querystring: ReminderListQuery,
        response: { 200: PageOf(ReminderSchema), ...errorResponses },
      },
    },
    async (request) =>
      pageOf((await reminders.mine(signedIn(request.auth).actor, { due: request.query.due })).items, request.query),
  );

  app.patch(
    '/api/v1/reminders/:id',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Dismiss a reminder, or move it to another time',
        params: IdParams,
        body: UpdateReminderBody,
        response: { 200: ReminderSchema, ...errorResponses },
      },
    },
    async (request) => reminders.update(signedIn(request.auth).actor, request.params.id, request.body),
  );
}

import { Type } from 'typebox';
import type { Rule } from '../../core/automation/rules.ts';
import type { SlaPolicy } from '../../core/sla/sla-policy.ts';
import { signedIn } from '../plugins/auth.ts';
import {
  AccountLimitBody,
  AccountLimitsSchema,
  CalendarBody,
  CalendarSchema,
  KeywordSchema,
  KeywordsBody,
  MarkReadBody,
  NotificationListQuery,
  NotificationSchema,
  RuleSchema,
  SlaPolicyBody,
  SlaPolicySchema,
  TestRuleBody,
  TestRuleResult,
  TicketSlaSchema,
  TimeRuleBody,
  TriggerBody,
} from '../schemas/automation.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['automation'];
const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });
const NoContent = { 204: Type.Null(), ...errorResponses };

type TriggerInput = {
  name: string;
  position?: number;
  active?: boolean;
  events: Rule['events'];
  conditions?: object;
  actions: object[];
};
type TimeInput = { name: string; position?: number; active?: boolean; conditions?: object; schedule: Rule['schedule'] };

const trigger = (body: TriggerInput) => ({
  kind: 'trigger' as const,
  name: body.name,
  position: body.position,
  active: body.active ?? true,
  events: body.events,
  conditions: (body.conditions ?? {}) as Rule['conditions'],
  actions: body.actions as Rule['actions'],
  schedule: null,
});

const timeRule = (body: TimeInput) => ({
  kind: 'time' as const,
  name: body.name,
  position: body.position,
  active: body.active ?? false,
  events: [],
  conditions: (body.conditions ?? {}) as Rule['conditions'],
  actions: [],
  schedule: body.schedule,
});

type PolicyInput = Omit<
  SlaPolicy,
  'id' | 'position' | 'active' | 'conditions' | 'calendarId' | 'pauseWhenWaiting' | 'warningShare'
> & {
  position?: number;
  active?: boolean;
  conditions?: object;
  calendarId?: string | null;
  pauseWhenWaiting?: boolean;
  warningShare?: number;
};

const policy = (body: PolicyInput) => ({
  name: body.name,
  position: body.position,
  active: body.active ?? true,
  conditions: (body.conditions ?? {}) as SlaPolicy['conditions'],
  targets: body.targets,
  calendarId: body.calendarId ?? null,
  pauseWhenWaiting: body.pauseWhenWaiting ?? true,
  warningShare: body.warningShare ?? 0.75,
});

/** Admin screens of issue 7 (calendars, SLA policies, triggers, time rules, Anexo A) and the agents' bell. */
export function automationRoutes(app: TypedApp, deps: RouteDeps) {
  const automation = deps.services.automation;
  const notifications = deps.services.notifications;
  const actor = (request: { auth: Parameters<typeof signedIn>[0] }) => signedIn(request.auth).actor;

  app.get(
    '/api/v1/automation/triggers',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: 'Triggers, in the order they run',
        response: { 200: Items(RuleSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await automation.listRules(actor(request), 'trigger') }),
  );
  app.post(
    '/api/v1/automation/triggers',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Create a trigger; an unknown field, operator or a bad regex is refused naming it (422)',
        body: TriggerBody,
        response: { 201: RuleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await automation.createRule(actor(request), trigger(request.body))),
  );
  app.put(
    '/api/v1/automation/triggers/:id',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Replace a trigger',
        params: IdParams,
        body: TriggerBody,
        response: { 200: RuleSchema, ...errorResponses },
      },
    },
    async (request) => automation.updateRule(actor(request), request.params.id, trigger(request.body)),
  );
  app.post(
    '/api/v1/automation/triggers/test',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Test a trigger against a ticket: would it match now, and what it would do (nothing changes)',
        body: TestRuleBody,
        response: { 200: TestRuleResult, ...errorResponses },
      },
    },
    async (request) =>
      automation.testRule(actor(request), {
        rule: trigger(request.body.rule),
        ticket: request.body.ticket,
        event: request.body.event,
      }),
  );

  app.get(
    '/api/v1/automation/time-rules',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: 'Time rules (checked every minute)',
        response: { 200: Items(RuleSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await automation.listRules(actor(request), 'time') }),
  );
  app.post(
    '/api/v1/automation/time-rules',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Create a time rule (off unless active is true)',
        body: TimeRuleBody,
        response: { 201: RuleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await automation.createRule(actor(request), timeRule(request.body))),
  );
  app.put(
    '/api/v1/automation/time-rules/:id',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Replace a time rule',
        params: IdParams,
        body: TimeRuleBody,
        response: { 200: RuleSchema, ...errorResponses },
      },
    },
    async (request) => automation.updateRule(actor(request), request.params.id, timeRule(request.body)),
  );
  app.delete(
    '/api/v1/automation/rules/:id',
    {
      config: { access: 'automation.manage' },
      schema: { tags, summary: 'Delete a trigger or time rule', params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await automation.removeRule(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/automation/sla-policies',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: 'SLA policies; the first that matches a ticket applies',
        response: { 200: Items(SlaPolicySchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await automation.listPolicies(actor(request)) }),
  );
  app.post(
    '/api/v1/automation/sla-policies',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Create an SLA policy',
        body: SlaPolicyBody,
        response: { 201: SlaPolicySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await automation.createPolicy(actor(request), policy(request.body))),
  );
  app.put(
    '/api/v1/automation/sla-policies/:id',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Replace an SLA policy',
        params: IdParams,
        body: SlaPolicyBody,
        response: { 200: SlaPolicySchema, ...errorResponses },
      },
    },
    async (request) => automation.updatePolicy(actor(request), request.params.id, policy(request.body)),
  );
  app.delete(
    '/api/v1/automation/sla-policies/:id',
    {
      config: { access: 'automation.manage' },
      schema: { tags, summary: 'Delete an SLA policy', params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await automation.removePolicy(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/automation/calendars',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: 'Business-hours calendars',
        response: { 200: Items(CalendarSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await automation.listCalendars(actor(request)) }),
  );
  app.post(
    '/api/v1/automation/calendars',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Create a calendar; an impossible one is refused naming the part (422)',
        body: CalendarBody,
        response: { 201: CalendarSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await automation.saveCalendar(actor(request), {
          ...request.body,
          holidays: request.body.holidays ?? [],
          isDefault: request.body.isDefault ?? false,
          departmentIds: request.body.departmentIds ?? [],
        }),
      ),
  );
  app.put(
    '/api/v1/automation/calendars/:id',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Replace a calendar',
        params: IdParams,
        body: CalendarBody,
        response: { 200: CalendarSchema, ...errorResponses },
      },
    },
    async (request) =>
      automation.saveCalendar(actor(request), {
        ...request.body,
        id: request.params.id,
        holidays: request.body.holidays ?? [],
        isDefault: request.body.isDefault ?? false,
        departmentIds: request.body.departmentIds ?? [],
      }),
  );
  app.delete(
    '/api/v1/automation/calendars/:id',
    {
      config: { access: 'automation.manage' },
      schema: { tags, summary: 'Delete a calendar', params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await automation.removeCalendar(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/automation/keywords',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: 'The Anexo A table: module code → consultant and/or department',
        response: { 200: Items(KeywordSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await automation.keywords(actor(request)) }),
  );
  app.put(
    '/api/v1/automation/keywords',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: 'Replace the keyword table from rows or from CSV text (keyword,agent[,department])',
        body: KeywordsBody,
        response: { 200: Items(KeywordSchema), ...errorResponses },
      },
    },
    async (request) => ({
      items:
        request.body.csv !== undefined
          ? await automation.importKeywordsCsv(actor(request), request.body.csv)
          : await automation.replaceKeywords(actor(request), request.body.rows ?? []),
    }),
  );

  app.get(
    '/api/v1/tickets/:id/sla',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: "A ticket's SLA targets: policy, started, due, warning time and state (a ticket not yours: 404)",
        params: IdParams,
        response: { 200: TicketSlaSchema, ...errorResponses },
      },
    },
    async (request) => automation.ticketSla(actor(request), request.params.id),
  );

  app.get(
    '/api/v1/automation/account-limits/:id',
    {
      config: { access: 'automation.read' },
      schema: {
        tags,
        summary: "An organization's limits of tickets in work per type, with its tickets in work and in BACKLOG",
        params: IdParams,
        response: { 200: AccountLimitsSchema, ...errorResponses },
      },
    },
    async (request) => automation.accountLimits(actor(request), request.params.id),
  );
  app.put(
    '/api/v1/automation/account-limits/:id',
    {
      config: { access: 'automation.manage' },
      schema: {
        tags,
        summary: "An organization's limit of tickets in work per type (null: back to the default)",
        params: IdParams,
        body: AccountLimitBody,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await automation.setAccountLimit(actor(request), request.params.id, request.body.type, request.body.maxInWork);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'notifications.own' },
      schema: {
        tags,
        summary: 'My console notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
        response: {
          200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      notifications.list(actor(request), {
        unreadOnly: request.query.unread,
        before: request.query.before,
        limit: request.query.limit ?? 50,
      }),
  );
  app.post(
    '/api/v1/notifications/read',
    {
      config: { access: 'notifications.own' },
      schema: {
        tags,
        summary: 'Mark notifications (or all) as read',
        body: MarkReadBody,
        response: { 200: Type.Object({ updated: Type.Integer(), unread: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => notifications.markRead(actor(request), request.body.ids),
  );
}

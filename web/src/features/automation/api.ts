import type { Static } from 'typebox';
import type {
  AccountLimitBody,
  AccountLimitsSchema,
  CalendarBody,
  CalendarSchema,
  KeywordSchema,
  KeywordsBody,
  RuleSchema,
  SlaPolicyBody,
  SlaPolicySchema,
  TestRuleResult,
  TimeRuleBody,
  TriggerBody,
} from '../../../../src/http/schemas/automation.ts';
import { api } from '../../app/api.ts';

// Shapes from the server's own schemas (type-only: nothing of the server reaches the bundle).
export type Calendar = Static<typeof CalendarSchema>;
export type CalendarInput = Static<typeof CalendarBody>;
export type SlaPolicy = Static<typeof SlaPolicySchema>;
export type SlaPolicyInput = Static<typeof SlaPolicyBody>;
export type Rule = Static<typeof RuleSchema>;
export type TriggerInput = Static<typeof TriggerBody>;
export type TimeRuleInput = Static<typeof TimeRuleBody>;
export type TestResult = Static<typeof TestRuleResult>;
export type KeywordRoute = Static<typeof KeywordSchema>;
export type KeywordRow = NonNullable<Static<typeof KeywordsBody>['rows']>[number];
export type TriggerEvent = Rule['events'][number];
export type SlaTargets = SlaPolicy['targets'];
export type SlaMetric = keyof SlaTargets;
export type SlaDuration = NonNullable<SlaTargets[SlaMetric]>;
export type Schedule = NonNullable<Rule['schedule']>;
export type AccountLimits = Static<typeof AccountLimitsSchema>;
export type AccountLimit = AccountLimits['items'][number];
export type AccountLimitInput = Static<typeof AccountLimitBody>;

const base = '/automation';
const one = (path: string, id: string) => `${base}/${path}/${encodeURIComponent(id)}`;

export const automationKeys = {
  calendars: ['automation', 'calendars'] as const,
  policies: ['automation', 'sla-policies'] as const,
  triggers: ['automation', 'triggers'] as const,
  timeRules: ['automation', 'time-rules'] as const,
  keywords: ['automation', 'keywords'] as const,
  accountLimits: (organizationId: string) => ['automation', 'account-limits', organizationId] as const,
};

type Items<T> = { items: T[] };

export const fetchCalendars = (signal?: AbortSignal) =>
  api<Items<Calendar>>(`${base}/calendars`, { signal }).then((r) => r.items);
export const createCalendar = (body: CalendarInput) => api<Calendar>(`${base}/calendars`, { method: 'POST', body });
export const updateCalendar = (id: string, body: CalendarInput) =>
  api<Calendar>(one('calendars', id), { method: 'PUT', body });
export const deleteCalendar = (id: string) => api<void>(one('calendars', id), { method: 'DELETE' });

export const fetchPolicies = (signal?: AbortSignal) =>
  api<Items<SlaPolicy>>(`${base}/sla-policies`, { signal }).then((r) => r.items);
export const createPolicy = (body: SlaPolicyInput) => api<SlaPolicy>(`${base}/sla-policies`, { method: 'POST', body });
export const updatePolicy = (id: string, body: SlaPolicyInput) =>
  api<SlaPolicy>(one('sla-policies', id), { method: 'PUT', body });
export const deletePolicy = (id: string) => api<void>(one('sla-policies', id), { method: 'DELETE' });

export const fetchTriggers = (signal?: AbortSignal) =>
  api<Items<Rule>>(`${base}/triggers`, { signal }).then((r) => r.items);
export const createTrigger = (body: TriggerInput) => api<Rule>(`${base}/triggers`, { method: 'POST', body });
export const updateTrigger = (id: string, body: TriggerInput) =>
  api<Rule>(one('triggers', id), { method: 'PUT', body });
export const testTrigger = (body: { rule: TriggerInput; ticket: string; event?: TriggerEvent }) =>
  api<TestResult>(`${base}/triggers/test`, { method: 'POST', body });

export const fetchTimeRules = (signal?: AbortSignal) =>
  api<Items<Rule>>(`${base}/time-rules`, { signal }).then((r) => r.items);
export const createTimeRule = (body: TimeRuleInput) => api<Rule>(`${base}/time-rules`, { method: 'POST', body });
export const updateTimeRule = (id: string, body: TimeRuleInput) =>
  api<Rule>(one('time-rules', id), { method: 'PUT', body });

/** Triggers and time rules share one delete. */
export const deleteRule = (id: string) => api<void>(one('rules', id), { method: 'DELETE' });

export const fetchKeywords = (signal?: AbortSignal) =>
  api<Items<KeywordRoute>>(`${base}/keywords`, { signal }).then((r) => r.items);
export const replaceKeywords = (rows: KeywordRow[]) =>
  api<Items<KeywordRoute>>(`${base}/keywords`, { method: 'PUT', body: { rows } }).then((r) => r.items);

export const fetchAccountLimits = (organizationId: string, signal?: AbortSignal) =>
  api<AccountLimits>(one('account-limits', organizationId), { signal });
/** `maxInWork: null` drops the organization's own limit, so the general-account default applies again. */
export const setAccountLimit = ({ organizationId, ...body }: AccountLimitInput & { organizationId: string }) =>
  api<void>(one('account-limits', organizationId), { method: 'PUT', body });

import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../testing/for-each-dialect.ts';
import { multipartBody } from '../testing/multipart.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../testing/test-app.ts';
import { createTicketFixture } from '../testing/ticket-fixtures.ts';

/** What exists in department B, which the outsider (a plain agent of department A) must not reach. */
interface Fixture {
  ticketId: string;
  messageId: string;
  attachmentId: string;
  paymentId: string;
  taskId: string;
  timeEntryId: string;
  reminderId: string;
  contactId: string;
  /** A contact without tickets, to merge B's customer into. */
  spareContactId: string;
  organizationId: string;
  departmentId: string;
  agentId: string;
  tokenId: string;
  subscriptionId: string;
  contactEmail: string;
}

type Ref = (f: Fixture) => string;
type Body = (f: Fixture) => unknown;

/**
 * Every route's rule for a caller who should not get in. Anonymous callers always get 401 except
 * on `public` routes. The outsider:
 * - `staff`: may call it (every staff role may), and the answer never shows department B's data;
 * - `forbidden`: needs a role the outsider lacks: 403;
 * - `ticket`: reaches one of B's tickets or a part of one (message, attachment, task, time,
 *   reminder): 404, as if it did not exist;
 * - `customer`: changes a customer with tickets in B: 403 CUSTOMER_OUTSIDE_DEPARTMENTS
 *   (customers are readable by all staff; see customer-access.policy.ts);
 * - `own`: acts on the caller's own things; another agent's is 404.
 * - `portal`: a portal route (signed-in contacts only): every agent gets 403.
 * Every route but the public and portal ones also refuses a signed-in contact with 403.
 */
type Rule =
  | { kind: 'public' }
  | {
      kind: 'staff' | 'forbidden' | 'ticket' | 'customer' | 'own' | 'portal';
      path?: Ref;
      body?: Body;
      /** Ends the caller's session, so it runs on a session of its own. */
      ownSession?: boolean;
    };

const MARKER = 'zq7secretoB';
const at = (template: string, values: Record<string, Ref>): Ref => {
  return (f) => template.replace(/:(\w+)/g, (_, name: string) => values[name]?.(f) ?? 'x');
};
const ticket = (suffix = ''): Ref => at(`/api/v1/tickets/:id${suffix}`, { id: (f) => f.ticketId });

const RULES: Record<string, Rule> = {
  'GET /healthz': { kind: 'public' },
  'GET /readyz': { kind: 'public' },
  'GET /metrics': { kind: 'public' },
  'GET /api/openapi.json': { kind: 'public' },
  'GET /': { kind: 'public' },
  'POST /api/v1/auth/login': { kind: 'public' },
  // The survey link's token is the credential (satisfaction.routes.test.ts checks forged ones).
  'GET /api/v1/satisfaction/:token': { kind: 'public' },
  'GET /webhooks/whatsapp': { kind: 'public' },
  'POST /webhooks/whatsapp': { kind: 'public' },
  'POST /api/v1/satisfaction/:token': { kind: 'public' },
  'POST /api/v1/auth/logout': { kind: 'staff', ownSession: true },
  'GET /api/v1/auth/session': { kind: 'staff' },
  'PATCH /api/v1/auth/me': { kind: 'staff', body: () => ({ locale: 'es' }) },
  'POST /api/v1/auth/me/password': { kind: 'staff' },
  'POST /api/v1/auth/tokens': { kind: 'staff' },
  'GET /api/v1/auth/tokens': { kind: 'staff' },
  'DELETE /api/v1/auth/tokens/:id': { kind: 'own', path: at('/api/v1/auth/tokens/:id', { id: (f) => f.tokenId }) },
  'GET /api/v1/agents': { kind: 'staff' },
  'POST /api/v1/agents': { kind: 'forbidden' },
  'GET /api/v1/agents/:id': { kind: 'staff', path: at('/api/v1/agents/:id', { id: (f) => f.agentId }) },
  'PATCH /api/v1/agents/:id': { kind: 'forbidden' },
  'GET /api/v1/departments': { kind: 'staff' },
  'POST /api/v1/departments': { kind: 'forbidden' },
  'GET /api/v1/departments/:id': {
    kind: 'staff',
    path: at('/api/v1/departments/:id', { id: (f) => f.departmentId }),
  },
  'PATCH /api/v1/departments/:id': { kind: 'forbidden' },
  'GET /api/v1/tickets/:id/messages': { kind: 'ticket', path: ticket('/messages') },
  'GET /api/v1/tickets/:id/messages/:messageId': {
    kind: 'ticket',
    path: at('/api/v1/tickets/:id/messages/:m', { id: (f) => f.ticketId, m: (f) => f.messageId }),
  },
  'POST /api/v1/tickets/:id/messages/:messageId/retry': {
    kind: 'ticket',
    path: at('/api/v1/tickets/:id/messages/:m/retry', { id: (f) => f.ticketId, m: (f) => f.messageId }),
  },
  'POST /api/v1/tickets/:id/messages': {
    kind: 'ticket',
    path: ticket('/messages'),
    body: () => ({ kind: 'note', body: 'x' }),
  },
  'GET /api/v1/tickets/:id/sessions': { kind: 'ticket', path: ticket('/sessions') },
  'GET /api/v1/agenda': { kind: 'staff' },
  'GET /api/v1/tasks': { kind: 'staff' },
  'GET /api/v1/sessions': { kind: 'staff' },
  'GET /api/v1/attachments/:id': {
    kind: 'ticket',
    path: at('/api/v1/attachments/:id', { id: (f) => f.attachmentId }),
  },
  'GET /api/v1/macros': { kind: 'staff' },
  'POST /api/v1/macros': { kind: 'staff' },
  'GET /api/v1/macros/:id': { kind: 'staff' },
  'PATCH /api/v1/macros/:id': { kind: 'staff' },
  'DELETE /api/v1/macros/:id': { kind: 'staff' },
  'GET /api/v1/kb/categories': { kind: 'staff' },
  'POST /api/v1/kb/categories': { kind: 'staff' },
  'PATCH /api/v1/kb/categories/:id': { kind: 'staff' },
  'DELETE /api/v1/kb/categories/:id': { kind: 'staff' },
  'GET /api/v1/kb/articles': { kind: 'staff' },
  'POST /api/v1/kb/articles': { kind: 'staff' },
  'GET /api/v1/kb/articles/:id': { kind: 'staff' },
  'PATCH /api/v1/kb/articles/:id': { kind: 'staff' },
  'DELETE /api/v1/kb/articles/:id': { kind: 'staff' },
  'GET /api/v1/kb/articles/:id/revisions': { kind: 'staff' },
  'GET /api/v1/kb/articles/:id/revisions/:number': { kind: 'staff', path: () => '/api/v1/kb/articles/x/revisions/1' },
  'POST /api/v1/kb/articles/:id/revisions/:number/restore': {
    kind: 'staff',
    path: () => '/api/v1/kb/articles/x/revisions/1/restore',
  },
  'GET /api/v1/kb/deflection': { kind: 'staff' },
  'POST /api/v1/kb/preview': { kind: 'staff' },
  'POST /api/v1/kb/articles/:id/attachments': { kind: 'staff' },
  // Public: a public article's images show in the help centre; internal ones answer 404 (kb-images.routes.test.ts).
  'GET /api/v1/kb/attachments/:id': { kind: 'public' },
  'GET /api/v1/help/categories': { kind: 'public' },
  'GET /api/v1/help/articles': { kind: 'public' },
  'GET /api/v1/help/articles/:slug': { kind: 'public' },
  'POST /api/v1/help/articles/:slug/feedback': { kind: 'public' },
  'GET /api/v1/portal/kb/suggestions': { kind: 'portal' },
  'POST /api/v1/portal/kb/suggestions/opened': { kind: 'portal' },
  'GET /api/v1/tickets/:id/payments': { kind: 'ticket', path: ticket('/payments') },
  'POST /api/v1/tickets/:id/payments': {
    kind: 'ticket',
    path: ticket('/payments'),
    body: (f) => ({
      amount: '1.00',
      currency: 'USD',
      date: '2026-01-01',
      payerName: 'Intruso',
      receiptAttachmentId: f.attachmentId,
    }),
  },
  'GET /api/v1/payments/:id': { kind: 'ticket', path: at('/api/v1/payments/:id', { id: (f) => f.paymentId }) },
  'POST /api/v1/payments/:id/send-to-accounting': {
    kind: 'ticket',
    path: at('/api/v1/payments/:id/send-to-accounting', { id: (f) => f.paymentId }),
  },
  'POST /api/v1/payments/:id/verify': {
    kind: 'ticket',
    path: at('/api/v1/payments/:id/verify', { id: (f) => f.paymentId }),
  },
  'POST /api/v1/payments/:id/apply': {
    kind: 'ticket',
    path: at('/api/v1/payments/:id/apply', { id: (f) => f.paymentId }),
  },
  'POST /api/v1/tickets/:id/receipt-readings': {
    kind: 'ticket',
    path: ticket('/receipt-readings'),
    body: (f) => ({ attachmentId: f.attachmentId }),
  },
  'GET /api/v1/tickets/:id/receipt-readings/:attachmentId': {
    kind: 'ticket',
    path: at('/api/v1/tickets/:id/receipt-readings/:attachmentId', {
      id: (f) => f.ticketId,
      attachmentId: (f) => f.attachmentId,
    }),
  },
  'POST /api/v1/macros/:id/render': { kind: 'staff', body: (f) => ({ ticketId: f.ticketId }) },
  'GET /api/v1/mailboxes': { kind: 'forbidden' },
  'POST /api/v1/mailboxes': { kind: 'forbidden' },
  'PATCH /api/v1/mailboxes/:id': { kind: 'forbidden' },
  'GET /api/v1/whatsapp/numbers': { kind: 'forbidden' },
  'GET /api/v1/tickets/:id/whatsapp': { kind: 'ticket', path: ticket('/whatsapp') },
  'GET /api/v1/tickets/:id/whatsapp/templates': { kind: 'ticket', path: ticket('/whatsapp/templates') },
  'POST /api/v1/whatsapp/numbers': { kind: 'forbidden' },
  'PATCH /api/v1/whatsapp/numbers/:id': { kind: 'forbidden' },
  'DELETE /api/v1/whatsapp/numbers/:id': { kind: 'forbidden' },
  'POST /api/v1/tickets/:id/whatsapp/welcome': { kind: 'ticket', path: ticket('/whatsapp/welcome') },
  'POST /api/v1/tickets/:id/sessions/:sessionId/whatsapp': {
    kind: 'ticket',
    path: ticket('/sessions/x/whatsapp'),
    body: () => ({}),
  },
  'GET /api/v1/whatsapp/webhooks/failed': { kind: 'forbidden' },
  'POST /api/v1/whatsapp/webhooks/failed/retry': { kind: 'forbidden', body: () => ({}) },
  'GET /api/v1/mail/failed': { kind: 'forbidden' },
  // Whether mail can leave at all (no addresses, no secrets): every agent's ticket page warns by it.
  'GET /api/v1/mail/outbound-status': { kind: 'staff' },
  'POST /api/v1/mail/failed/reprocess': { kind: 'forbidden' },
  'POST /api/v1/mail/failed/resend': { kind: 'forbidden' },
  'GET /api/v1/email-templates': { kind: 'forbidden' },
  'PUT /api/v1/email-templates/:key/:locale': { kind: 'forbidden' },
  'POST /api/v1/email-templates/:key/:locale/preview': { kind: 'forbidden' },
  'GET /api/v1/tickets/:id/time-entries': { kind: 'ticket', path: ticket('/time-entries') },
  'POST /api/v1/tickets/:id/time-entries': {
    kind: 'ticket',
    path: ticket('/time-entries'),
    body: () => ({ description: 'x', duration: 30 }),
  },
  'DELETE /api/v1/tickets/:id/time-entries/:entryId': {
    kind: 'ticket',
    path: at('/api/v1/tickets/:id/time-entries/:e', { id: (f) => f.ticketId, e: (f) => f.timeEntryId }),
  },
  'GET /api/v1/tickets/:id/tasks': { kind: 'ticket', path: ticket('/tasks') },
  'POST /api/v1/tickets/:id/tasks': { kind: 'ticket', path: ticket('/tasks'), body: () => ({ title: 'x' }) },
  'PATCH /api/v1/tasks/:taskId': {
    kind: 'ticket',
    path: at('/api/v1/tasks/:id', { id: (f) => f.taskId }),
    body: () => ({ title: 'x' }),
  },
  'GET /api/v1/tickets/:id/reminders': { kind: 'ticket', path: ticket('/reminders') },
  'POST /api/v1/tickets/:id/reminders': {
    kind: 'ticket',
    path: ticket('/reminders'),
    body: () => ({ remindAt: '2030-01-01T00:00:00Z' }),
  },
  'GET /api/v1/reminders': { kind: 'staff' },
  'PATCH /api/v1/reminders/:id': {
    kind: 'ticket',
    path: at('/api/v1/reminders/:id', { id: (f) => f.reminderId }),
    body: () => ({ status: 'dismissed' }),
  },
  'GET /api/v1/organizations': { kind: 'staff' },
  'GET /api/v1/organizations/autocomplete': { kind: 'staff' },
  'POST /api/v1/organizations': { kind: 'staff' },
  'GET /api/v1/organizations/:id': {
    kind: 'staff',
    path: at('/api/v1/organizations/:id', { id: (f) => f.organizationId }),
  },
  'PATCH /api/v1/organizations/:id': {
    kind: 'customer',
    path: at('/api/v1/organizations/:id', { id: (f) => f.organizationId }),
    body: () => ({ notes: 'x' }),
  },
  'GET /api/v1/organizations/:id/contracts': {
    kind: 'staff',
    path: at('/api/v1/organizations/:id/contracts', { id: (f) => f.organizationId }),
  },
  'POST /api/v1/organizations/:id/contracts': {
    kind: 'forbidden',
    path: at('/api/v1/organizations/:id/contracts', { id: (f) => f.organizationId }),
  },
  'GET /api/v1/contracts': { kind: 'staff' },
  'GET /api/v1/protocols': { kind: 'staff' },
  'POST /api/v1/protocols': { kind: 'forbidden' },
  'GET /api/v1/protocols/:id': { kind: 'staff' },
  'PUT /api/v1/protocols/:id': { kind: 'forbidden' },
  'GET /api/v1/tickets/:id/protocols': { kind: 'ticket', path: ticket('/protocols') },
  'POST /api/v1/tickets/:id/protocols': {
    kind: 'ticket',
    path: ticket('/protocols'),
    body: () => ({ protocolId: 'x' }),
  },
  'PATCH /api/v1/tickets/:id/protocols/:appliedId/steps/:step': {
    kind: 'ticket',
    path: ticket('/protocols/x/steps/1'),
    body: () => ({ done: true }),
  },
  'GET /api/v1/playbooks': { kind: 'staff' },
  'POST /api/v1/playbooks': { kind: 'forbidden' },
  'PUT /api/v1/playbooks/:id': { kind: 'forbidden' },
  // Runs show only those whose onboarding ticket the caller may open.
  'GET /api/v1/organizations/:id/playbooks': {
    kind: 'staff',
    path: at('/api/v1/organizations/:id/playbooks', { id: (f) => f.organizationId }),
  },
  'POST /api/v1/organizations/:id/playbooks': {
    kind: 'staff',
    path: at('/api/v1/organizations/:id/playbooks', { id: (f) => f.organizationId }),
    body: () => ({ playbookId: 'x' }),
  },
  // The timesheet carries B's ticket numbers, subjects and time descriptions if anything leaks.
  'GET /api/v1/reports/dashboard': { kind: 'staff' },
  'GET /api/v1/reports/:name': { kind: 'staff', path: () => '/api/v1/reports/time' },
  'GET /api/v1/reports/subscriptions': { kind: 'staff' },
  'POST /api/v1/reports/subscriptions': { kind: 'staff', body: () => ({}) },
  'PATCH /api/v1/reports/subscriptions/:id': {
    kind: 'own',
    path: at('/api/v1/reports/subscriptions/:id', { id: (f) => f.subscriptionId }),
    body: () => ({ frequency: 'daily' }),
  },
  'DELETE /api/v1/reports/subscriptions/:id': {
    kind: 'own',
    path: at('/api/v1/reports/subscriptions/:id', { id: (f) => f.subscriptionId }),
  },
  // B's time is not the outsider's to send: their timesheet of B's organization is empty (400).
  'GET /api/v1/reports/timesheets/recipients': {
    kind: 'staff',
    path: (f) => `/api/v1/reports/timesheets/recipients?organizationId=${f.organizationId}`,
  },
  'GET /api/v1/reports/timesheets': {
    kind: 'staff',
    path: (f) => `/api/v1/reports/timesheets?organizationId=${f.organizationId}`,
  },
  'POST /api/v1/reports/timesheets': {
    kind: 'staff',
    body: (f) => ({
      organizationId: f.organizationId,
      month: new Date().toISOString().slice(0, 7),
      to: [f.contactEmail],
    }),
  },
  'GET /api/v1/contracts/:id': { kind: 'staff' },
  'PATCH /api/v1/contracts/:id': { kind: 'forbidden' },
  'POST /api/v1/contracts/:id/extend': { kind: 'forbidden' },
  'GET /api/v1/settings': { kind: 'forbidden' },
  'PUT /api/v1/settings': { kind: 'forbidden' },
  'GET /api/v1/contacts': { kind: 'staff' },
  'POST /api/v1/contacts': { kind: 'staff' },
  'GET /api/v1/contacts/:id': { kind: 'staff', path: at('/api/v1/contacts/:id', { id: (f) => f.contactId }) },
  'PATCH /api/v1/contacts/:id': {
    kind: 'customer',
    path: at('/api/v1/contacts/:id', { id: (f) => f.contactId }),
    body: () => ({ emails: [{ email: 'otro@example.net', primary: true }] }),
  },
  'POST /api/v1/contacts/:id/invite': {
    kind: 'customer',
    path: at('/api/v1/contacts/:id/invite', { id: (f) => f.contactId }),
  },
  'GET /api/v1/contacts/:id/portal-access': {
    kind: 'staff',
    path: at('/api/v1/contacts/:id/portal-access', { id: (f) => f.contactId }),
  },
  'PATCH /api/v1/contacts/:id/portal-access': {
    kind: 'customer',
    path: at('/api/v1/contacts/:id/portal-access', { id: (f) => f.contactId }),
    body: () => ({ active: false }),
  },
  'POST /api/v1/contacts/:id/merge': {
    kind: 'customer',
    path: at('/api/v1/contacts/:id/merge', { id: (f) => f.contactId }),
    body: (f) => ({ sourceId: f.spareContactId }),
  },
  'GET /api/v1/ticket-settings': { kind: 'staff' },
  'PUT /api/v1/ticket-settings/number-format': { kind: 'forbidden' },
  'POST /api/v1/ticket-settings/statuses': { kind: 'forbidden' },
  'PATCH /api/v1/ticket-settings/statuses/:id': { kind: 'forbidden' },
  'POST /api/v1/ticket-settings/types': { kind: 'forbidden' },
  'PATCH /api/v1/ticket-settings/types/:id': { kind: 'forbidden' },
  'POST /api/v1/ticket-settings/types/:id/fields': { kind: 'forbidden' },
  'PATCH /api/v1/ticket-settings/fields/:id': { kind: 'forbidden' },
  'DELETE /api/v1/ticket-settings/fields/:id': { kind: 'forbidden' },
  'POST /api/v1/ticket-settings/categories': { kind: 'forbidden' },
  'PATCH /api/v1/ticket-settings/categories/:id': { kind: 'forbidden' },
  'GET /api/v1/tickets': { kind: 'staff' },
  'GET /api/v1/tickets/count': { kind: 'staff' },
  'POST /api/v1/tickets': { kind: 'staff' },
  'POST /api/v1/tickets/bulk': {
    kind: 'staff',
    body: (f) => ({ ids: [f.ticketId], changes: { flag: 'red' } }),
  },
  'GET /api/v1/tickets/:id': { kind: 'ticket', path: ticket() },
  'PATCH /api/v1/tickets/:id': { kind: 'ticket', path: ticket(), body: () => ({ subject: 'x' }) },
  'GET /api/v1/tickets/:id/history': { kind: 'ticket', path: ticket('/history') },
  'GET /api/v1/tickets/:id/satisfaction': { kind: 'ticket', path: ticket('/satisfaction') },
  'GET /api/v1/tickets/:id/page': { kind: 'ticket', path: ticket('/page') },
  'GET /api/v1/tickets/:id/links': { kind: 'ticket', path: ticket('/links') },
  'POST /api/v1/tickets/:id/take': { kind: 'ticket', path: ticket('/take') },
  'POST /api/v1/tickets/:id/dispatch': {
    kind: 'ticket',
    path: ticket('/dispatch'),
    body: (f) => ({ assigneeId: f.agentId }),
  },
  'POST /api/v1/tickets/:id/merge': { kind: 'ticket', path: ticket('/merge'), body: (f) => ({ targetId: f.ticketId }) },
  'POST /api/v1/tickets/:id/split': {
    kind: 'ticket',
    path: ticket('/split'),
    body: () => ({ subject: 'x', body: 'y' }),
  },
  'GET /api/v1/tickets/:id/sla': { kind: 'ticket', path: ticket('/sla') },
  'GET /api/v1/views': { kind: 'staff' },
  'GET /api/v1/views/:id/tickets': { kind: 'staff' },
  'POST /api/v1/views': { kind: 'staff' },
  'PATCH /api/v1/views/:id': { kind: 'staff' },
  'DELETE /api/v1/views/:id': { kind: 'staff' },
  'GET /api/v1/views/:id/layout': { kind: 'staff' },
  'PUT /api/v1/views/:id/layout': { kind: 'staff' },
  'DELETE /api/v1/views/:id/layout': { kind: 'staff' },
  'GET /api/v1/search': { kind: 'staff', path: () => `/api/v1/search?q=${MARKER}` },
  'GET /api/v1/automation/triggers': { kind: 'staff' },
  'POST /api/v1/automation/triggers': { kind: 'forbidden' },
  'PUT /api/v1/automation/triggers/:id': { kind: 'forbidden' },
  'POST /api/v1/automation/triggers/test': { kind: 'forbidden' },
  'GET /api/v1/automation/time-rules': { kind: 'staff' },
  'POST /api/v1/automation/time-rules': { kind: 'forbidden' },
  'PUT /api/v1/automation/time-rules/:id': { kind: 'forbidden' },
  'DELETE /api/v1/automation/rules/:id': { kind: 'forbidden' },
  'GET /api/v1/automation/sla-policies': { kind: 'staff' },
  'POST /api/v1/automation/sla-policies': { kind: 'forbidden' },
  'PUT /api/v1/automation/sla-policies/:id': { kind: 'forbidden' },
  'DELETE /api/v1/automation/sla-policies/:id': { kind: 'forbidden' },
  'GET /api/v1/automation/calendars': { kind: 'staff' },
  'POST /api/v1/automation/calendars': { kind: 'forbidden' },
  'PUT /api/v1/automation/calendars/:id': { kind: 'forbidden' },
  'DELETE /api/v1/automation/calendars/:id': { kind: 'forbidden' },
  'GET /api/v1/automation/keywords': { kind: 'staff' },
  'PUT /api/v1/automation/keywords': { kind: 'forbidden' },
  'GET /api/v1/automation/account-limits/:id': {
    kind: 'staff',
    path: at('/api/v1/automation/account-limits/:id', { id: (f) => f.organizationId }),
  },
  'PUT /api/v1/automation/account-limits/:id': { kind: 'forbidden' },
  'GET /api/v1/notifications': { kind: 'staff' },
  'POST /api/v1/notifications/read': { kind: 'staff' },
  'GET /api/v1/notification-matrix/options': { kind: 'forbidden' },
  'GET /api/v1/departments/:id/notification-matrix': { kind: 'forbidden' },
  'PUT /api/v1/departments/:id/notification-matrix': { kind: 'forbidden' },
  'DELETE /api/v1/departments/:id/notification-matrix': { kind: 'forbidden' },
  'GET /api/v1/auth/me/notification-preferences': { kind: 'staff' },
  'PUT /api/v1/auth/me/notification-preferences': { kind: 'staff' },
  'GET /api/v1/live': { kind: 'staff' },
  'GET /api/v1/portal/ticket-options': { kind: 'portal' },
  'GET /api/v1/portal/tickets': { kind: 'portal' },
  'POST /api/v1/portal/tickets': { kind: 'portal' },
  'GET /api/v1/portal/tickets/:id': {
    kind: 'portal',
    path: at('/api/v1/portal/tickets/:id', { id: (f) => f.ticketId }),
  },
  'GET /api/v1/portal/tickets/:id/messages': {
    kind: 'portal',
    path: at('/api/v1/portal/tickets/:id/messages', { id: (f) => f.ticketId }),
  },
  'POST /api/v1/portal/tickets/:id/messages': {
    kind: 'portal',
    path: at('/api/v1/portal/tickets/:id/messages', { id: (f) => f.ticketId }),
  },
  'POST /api/v1/portal/tickets/:id/reopen': {
    kind: 'portal',
    path: at('/api/v1/portal/tickets/:id/reopen', { id: (f) => f.ticketId }),
  },
  'GET /api/v1/portal/tickets/:id/survey': {
    kind: 'portal',
    path: at('/api/v1/portal/tickets/:id/survey', { id: (f) => f.ticketId }),
  },
  'GET /api/v1/portal/attachments/:id': {
    kind: 'portal',
    path: at('/api/v1/portal/attachments/:id', { id: (f) => f.attachmentId }),
  },
  'POST /api/v1/portal/auth/login': { kind: 'public' },
  'POST /api/v1/portal/auth/forgot': { kind: 'public' },
  'POST /api/v1/portal/auth/set-password': { kind: 'public' },
  'POST /api/v1/portal/auth/logout': { kind: 'portal', ownSession: true },
  'GET /api/v1/portal/auth/me': { kind: 'portal' },
  'POST /api/v1/portal/auth/password': {
    kind: 'portal',
    body: () => ({ currentPassword: 'x', newPassword: 'una clave larga' }),
  },
  'GET /api/v1/portal/users': { kind: 'portal' },
  'POST /api/v1/portal/users': { kind: 'portal', body: () => ({ name: 'x', email: 'x@example.com' }) },
  'PATCH /api/v1/portal/users/:id': {
    kind: 'portal',
    path: at('/api/v1/portal/users/:id', { id: (f) => f.contactId }),
    body: () => ({ active: false }),
  },
  'POST /api/v1/portal/users/:id/invite': {
    kind: 'portal',
    path: at('/api/v1/portal/users/:id/invite', { id: (f) => f.contactId }),
  },
};

/** HEAD answers like GET; the table names GET only. */
const ruleKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;

forEachDialect('access matrix (every registered route)', (ctx) => {
  let t: TestApp;
  let outsider: Session;
  let fixture: Fixture;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const a = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    const b = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    outsider = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [a.id] })).email);
    const bruno = await t.login((await t.createAgent({ name: 'Bruno Solís', departmentIds: [b.id] })).email);
    const supervisor = await t.signedIn('supervisor');
    const ticketB = await createTicketFixture(ctx.database.db, { departmentId: b.id, subject: `Factura ${MARKER}` });
    const upload = multipartBody([
      { name: 'kind', value: 'note' },
      { name: 'body', value: `Nota interna ${MARKER}` },
      { name: 'file', filename: 'factura.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') },
    ]);
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketB.id}/messages`,
      payload: upload.payload,
      headers: { cookie: bruno.cookie, 'x-csrf-token': bruno.csrfToken, 'content-type': upload.contentType },
    });
    expect(note.statusCode, note.body).toBe(201);
    const created = async (response: Promise<LightMyRequestResponse>) => {
      const r = await response;
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const task = await created(t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/tasks`, { title: MARKER }));
    const entry = await created(
      t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/time-entries`, { description: MARKER, duration: 30 }),
    );
    const reminder = await created(
      t.as(supervisor, 'POST', `/api/v1/tickets/${ticketB.id}/reminders`, {
        remindAt: '2020-01-01T00:00:00Z',
        note: MARKER,
        agentId: bruno.agent.id,
      }),
    );
    const token = await created(t.as(bruno, 'POST', '/api/v1/auth/tokens', { name: 'integración' }));
    const subscription = await created(t.as(bruno, 'POST', '/api/v1/reports/subscriptions', {}));
    const payment = await created(
      t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/payments`, {
        amount: '100.00',
        currency: 'USD',
        date: '2026-01-01',
        payerName: 'Pagador B',
        receiptAttachmentId: note.json().attachments[0].id,
      }),
    );
    const spare = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Contacto suelto',
      emails: [{ email: `${unique('suelto')}@example.com` }],
    });
    fixture = {
      ticketId: ticketB.id,
      messageId: note.json().id,
      attachmentId: note.json().attachments[0].id,
      paymentId: payment.id,
      taskId: task.id,
      timeEntryId: entry.id,
      reminderId: reminder.id,
      contactId: ticketB.contact.id,
      spareContactId: spare.id,
      organizationId: ticketB.organizationId as string,
      departmentId: b.id,
      agentId: bruno.agent.id,
      tokenId: token.apiToken.id,
      subscriptionId: subscription.id,
      contactEmail: ticketB.contact.email,
    };
  });
  afterEach(() => t.close());

  it('has a rule for every route, and no rule for a route that is gone', () => {
    const registered = [...new Set(t.app.accessRules.map((r) => ruleKey(r.method, r.url)))].sort();
    expect(
      registered.filter((key) => !RULES[key]),
      'routes without a rule in the access matrix',
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((key) => !registered.includes(key)),
      'rules for routes that are gone',
    ).toEqual([]);
  });

  it('refuses anonymous callers and agents of another department on every route', async () => {
    const checked: string[] = [];
    for (const route of t.app.accessRules) {
      if (route.url.includes('*')) continue; // static files
      const rule = RULES[ruleKey(route.method, route.url)];
      if (!rule || rule.kind === 'public') continue;
      const url = rule.path?.(fixture) ?? route.url.replace(/:(\w+)/g, 'x');
      const method = route.method as 'GET';
      const payload = rule.body?.(fixture) as Record<string, unknown> | undefined;

      const anonymous = await t.app.inject({ method, url, payload });
      expect(anonymous.statusCode, `anonymous ${route.method} ${url}: ${anonymous.body}`).toBe(401);

      const caller = rule.ownSession ? await t.login(outsider.agent.email) : outsider;
      const response = await t.app.inject({
        method,
        url,
        payload,
        headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken },
      });
      const what = `outsider ${route.method} ${url} (${rule.kind}): ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect(response.statusCode, what).toBeLessThan(500);
      expect(response.body, what).not.toContain(MARKER);
      if (rule.kind === 'forbidden' || rule.kind === 'portal') expect(response.statusCode, what).toBe(403);
      if (rule.kind === 'ticket' || rule.kind === 'own') expect(response.statusCode, what).toBe(404);
      if (rule.kind === 'customer') {
        expect(response.statusCode, what).toBe(403);
        expect(response.json().error.code, what).toBe('CUSTOMER_OUTSIDE_DEPARTMENTS');
      }
      if (rule.kind === 'staff') expect([401, 403], what).not.toContain(response.statusCode);
      checked.push(`${route.method} ${route.url} → ${rule.kind}: ${response.statusCode}`);
    }
    console.log(`access matrix [${ctx.dialect}]: ${checked.length} route checks\n${checked.join('\n')}`);
    expect(checked.length).toBeGreaterThan(150);
  });

  it('refuses a signed-in contact (a customer in the portal) on every staff route: 403, never data', async () => {
    const contact = await t.createPortalContact();
    const portal = await t.portalLogin(contact.emails[0]?.email ?? '');
    const checked: string[] = [];
    for (const route of t.app.accessRules) {
      if (route.url.includes('*')) continue; // static files
      const rule = RULES[ruleKey(route.method, route.url)];
      if (!rule || rule.kind === 'public') continue;
      const url = rule.path?.(fixture) ?? route.url.replace(/:(\w+)/g, 'x');
      const caller = rule.ownSession ? await t.portalLogin(contact.emails[0]?.email ?? '') : portal;
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: rule.body?.(fixture) as Record<string, unknown> | undefined,
        headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken },
      });
      const what = `contact ${route.method} ${url} (${rule.kind}): ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect(response.statusCode, what).toBeLessThan(500);
      expect(response.body, what).not.toContain(MARKER);
      if (rule.kind !== 'portal') expect(response.statusCode, what).toBe(403);
      checked.push(`${route.method} ${route.url} → ${rule.kind}: ${response.statusCode}`);
    }
    console.log(`access matrix, contact [${ctx.dialect}]: ${checked.length} route checks`);
    expect(checked.length).toBeGreaterThan(150);
  });
});

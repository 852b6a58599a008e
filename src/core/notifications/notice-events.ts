// No imports: the console shares this list (web/src/features/notifications).

/** What can happen to a ticket that somebody may want to hear about. */
export const NOTICE_EVENTS = [
  'ticket_created',
  'ticket_assigned',
  'customer_replied',
  'status_changed',
  'flag_set',
  'flag_green',
  'ticket_solved',
  'ticket_closed',
  'sla_warning',
  'sla_breach',
  'due_date',
  'mentioned',
  'reminder_due',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

import { api } from '../../app/api.ts';

export type Frequency = 'daily' | 'weekly' | 'monthly';
export type SummaryAttachment = 'none' | 'csv' | 'xlsx';

export interface ReportSubscription {
  id: string;
  frequency: Frequency;
  attachment: SummaryAttachment;
  departmentIds: string[];
  createdAt: string;
}

export interface TimesheetSend {
  id: string;
  month: string;
  recipients: string[];
  sentBy: { id: string; name: string } | null;
  createdAt: string;
  delivery: 'pending' | 'sent' | 'failed';
}

export const mailKeys = {
  subscriptions: ['report-subscriptions'] as const,
  recipients: (organizationId: string) => ['timesheet', 'recipients', organizationId] as const,
  sends: (organizationId: string) => ['timesheet', 'sends', organizationId] as const,
};

export async function fetchSubscriptions(signal?: AbortSignal): Promise<ReportSubscription[]> {
  const page = await api<{ items: ReportSubscription[] }>('/reports/subscriptions', signal ? { signal } : {});
  return page.items;
}

export function subscribe(input: { frequency: Frequency; attachment: SummaryAttachment; departmentIds: string[] }) {
  return api<ReportSubscription>('/reports/subscriptions', { method: 'POST', body: input });
}

export function unsubscribe(id: string) {
  return api<null>(`/reports/subscriptions/${id}`, { method: 'DELETE' });
}

export async function fetchTimesheetRecipients(organizationId: string, signal?: AbortSignal): Promise<string[]> {
  const page = await api<{ items: { email: string }[] }>('/reports/timesheets/recipients', {
    query: { organizationId },
    ...(signal ? { signal } : {}),
  });
  return page.items.map((r) => r.email);
}

export async function fetchTimesheetSends(organizationId: string, signal?: AbortSignal): Promise<TimesheetSend[]> {
  const page = await api<{ items: TimesheetSend[] }>('/reports/timesheets', {
    query: { organizationId },
    ...(signal ? { signal } : {}),
  });
  return page.items;
}

export function sendTimesheet(input: { organizationId: string; month: string; to: string[] }) {
  return api<TimesheetSend>('/reports/timesheets', { method: 'POST', body: input });
}

import { DateTime } from 'luxon';
import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { agentActor } from '../accounts/auth.service.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps, UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { escapeHtml, type OutgoingMail } from '../templates/email-template.service.ts';
import type { ReportService } from './report.service.ts';
import type { ReportName } from './report.ts';
import { reportCsv, reportXlsx } from './report-export.ts';
import { dmy, mailTable, reportMail, reportRowsTable, reportSummaryTable } from './report-mail.ts';
import {
  type Frequency,
  type ReportSubscription,
  reportSubscriptionRepository,
  type SummaryAttachment,
} from './report-subscription.repository.ts';

/** The recurring job that queues the summaries whose period just ended, and the mail it queues. */
export const REPORT_SUBSCRIPTIONS_JOB = 'reports.subscriptions@1';
export const REPORT_SUMMARY_EMAIL = 'email.report_summary@1';

export interface SubscriptionInput {
  frequency?: Frequency;
  attachment?: SummaryAttachment;
  departmentIds?: string[];
}

/** The figures of the summary, in this order: what supervisors of the seed teams watch (issue 17). */
const SUMMARY_REPORTS: ReportName[] = [
  'volume',
  'first-reply',
  'resolution',
  'sla-compliance',
  'staleness',
  'satisfaction',
  'time',
];
/** The dashboard's counts the summary opens with. */
const NOW_COUNTS = ['open', 'unassigned', 'stale', 'breachingWithinHour'] as const;
/** The tables shown in the mail and attached as files when asked (the others are their totals). */
const ATTACHED_REPORTS: ReportName[] = ['volume', 'sla-compliance'];

/**
 * The last whole period before `now` in `timeZone` (yesterday, last Monday–Sunday, last month):
 * its local days and the instant it ended.
 */
export function lastPeriod(frequency: Frequency, timeZone: string, now: Date) {
  const unit = frequency === 'daily' ? 'day' : frequency === 'weekly' ? 'week' : 'month';
  const end = DateTime.fromJSDate(now, { zone: timeZone }).startOf(unit);
  const start = end.minus({ [`${unit}s`]: 1 });
  return {
    from: start.toISODate() as string,
    to: end.minus({ days: 1 }).toISODate() as string,
    endedAt: end.toUTC().toISO() as string,
  };
}

/**
 * Reports by mail (issue 17): a staff member subscribes to a daily, weekly or monthly summary of
 * the figures they may see. A recurring job queues each period's mail once its last day is over
 * in the subscriber's zone; the mail is composed when sent, as the subscriber, so it never holds
 * figures of departments they cannot see (not even ones they have lost since subscribing).
 */
export function createReportSubscriptionService(
  deps: CoreDeps & {
    reports: ReportService;
    sender: () => Promise<{ address: string; name: string }>;
  },
) {
  const repo = reportSubscriptionRepository(deps.db);

  function ownerOnly(actor: Actor): Extract<Actor, { kind: 'agent' }> {
    assertCan(actor, 'reports.read');
    if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only staff subscribe to reports');
    return actor;
  }

  /** An agent narrows to their own departments; supervisors and admins see them all. */
  async function checkDepartments(actor: Extract<Actor, { kind: 'agent' }>, ids: string[]) {
    const known = new Set((await repo.departmentNames(ids)).map((d) => d.id));
    for (const id of ids) {
      if (!known.has(id))
        throw new AppError('DEPARTMENT_NOT_FOUND', 'No such department', { field: 'departmentIds', id });
      if (actor.role === 'agent' && !actor.departmentIds.includes(id)) {
        throw new AppError('FORBIDDEN', 'You may only subscribe to your own departments', {
          field: 'departmentIds',
          id,
        });
      }
    }
  }

  async function own(actor: Extract<Actor, { kind: 'agent' }>, id: string): Promise<ReportSubscription> {
    const subscription = await repo.find(id);
    // Another's subscription is as absent as a missing one: its existence is not told.
    if (!subscription || subscription.agentId !== actor.id)
      throw new AppError('NOT_FOUND', 'No such subscription', { id });
    return subscription;
  }

  async function compose(item: { id: string; payload: Record<string, unknown> }): Promise<OutgoingMail | null> {
    const { subscriptionId, from, to } = item.payload as { subscriptionId?: string; from?: string; to?: string };
    if (!subscriptionId || !from || !to) return null;
    const subscription = await repo.find(subscriptionId);
    const agent = subscription && (await agentRepository(deps.db).find(subscription.agentId));
    // Unsubscribed or gone since it was queued: nothing to send.
    if (!subscription || !agent?.active) return null;
    const actor = agentActor(agent);
    const locale = agent.locale;
    const query = {
      from,
      to,
      tz: agent.timeZone,
      ...(subscription.departmentIds.length > 0 && { departmentId: subscription.departmentIds }),
    };
    const reports = [];
    for (const name of SUMMARY_REPORTS) reports.push(await deps.reports.run(actor, name, query));
    const departments = (await repo.departmentNames(subscription.departmentIds)).map((d) => d.name);
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, unknown>) =>
      translate(locale, key, params);
    const period = t('reports.mail.period', { from: dmy(from), to: dmy(to), zone: agent.timeZone });
    const scope =
      departments.length > 0
        ? t('reports.mail.departments', { names: departments.join(', ') })
        : t('reports.mail.allDepartments');
    const html: string[] = [
      `<h2>${escapeHtml(t(`reports.mail.heading.${subscription.frequency}`))}</h2>`,
      `<p>${escapeHtml(t('reports.mail.greeting', { name: agent.name }))}</p>`,
      `<p>${escapeHtml(period)}<br>${escapeHtml(scope)}</p>`,
    ];
    const text: string[] = [
      t(`reports.mail.heading.${subscription.frequency}`),
      '',
      t('reports.mail.greeting', { name: agent.name }),
      period,
      scope,
      '',
    ];
    // The dashboard as it stands when the mail leaves: what is open and red now.
    const board = await deps.reports.dashboard(actor, { tz: agent.timeZone, departmentId: query.departmentId });
    const now = mailTable(
      [t('reports.mail.now'), ''],
      [
        ...NOW_COUNTS.map((key) => [t(`reports.dashboard.${key}`), String(board.counts[key])]),
        [t('reports.dashboard.csat30'), board.csat30.goodShare === null ? '—' : `${board.csat30.goodShare} %`],
      ],
    );
    html.push(now.html);
    text.push(now.text, '');
    for (const report of reports) {
      const summary = reportSummaryTable(report, locale);
      html.push(summary.html);
      text.push(summary.text, '');
    }
    // The day-by-day counts and the compliance per target, as the console's tables show them.
    for (const report of reports.filter((r) => ATTACHED_REPORTS.includes(r.report) && r.rows.length > 0)) {
      const table = reportRowsTable(report, locale);
      html.push(`<h3>${escapeHtml(t(`reports.title.${report.report}`))}</h3>`, table.html);
      text.push(t(`reports.title.${report.report}`), table.text, '');
    }
    html.push(`<p style="color:#57606a;font-size:12px">${escapeHtml(t('reports.mail.footer'))}</p>`);
    text.push(t('reports.mail.footer'));
    const attachments: OutgoingMail['attachments'] = [];
    if (subscription.attachment !== 'none') {
      for (const report of reports.filter((r) => ATTACHED_REPORTS.includes(r.report))) {
        const filename = `${report.report}-${from}-${to}.${subscription.attachment}`;
        attachments.push(
          subscription.attachment === 'csv'
            ? { filename, contentType: 'text/csv; charset=utf-8', content: Buffer.from(reportCsv(report, locale)) }
            : {
                filename,
                contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                content: await reportXlsx(report, locale),
              },
        );
      }
    }
    return reportMail({
      outboxId: item.id,
      from: await deps.sender(),
      to: [agent.email],
      subject: t(`reports.mail.subject.${subscription.frequency}`, { period: `${dmy(from)} – ${dmy(to)}` }),
      html: html.join('\n'),
      text: text.join('\n'),
      attachments,
    });
  }

  return {
    async list(actor: Actor): Promise<ReportSubscription[]> {
      return repo.listFor(ownerOnly(actor).id);
    },

    async create(actor: Actor, input: SubscriptionInput): Promise<ReportSubscription> {
      const agent = ownerOnly(actor);
      const departmentIds = [...new Set(input.departmentIds ?? [])].sort();
      await checkDepartments(agent, departmentIds);
      const now = deps.clock.now().toISOString();
      const subscription: ReportSubscription = {
        id: newId(),
        agentId: agent.id,
        frequency: input.frequency ?? 'weekly',
        attachment: input.attachment ?? 'none',
        departmentIds,
        createdAt: now,
        updatedAt: now,
      };
      await repo.insert(subscription);
      return subscription;
    },

    async update(actor: Actor, id: string, input: SubscriptionInput): Promise<ReportSubscription> {
      const agent = ownerOnly(actor);
      const current = await own(agent, id);
      const departmentIds = input.departmentIds && [...new Set(input.departmentIds)].sort();
      if (departmentIds) await checkDepartments(agent, departmentIds);
      const updated: ReportSubscription = {
        ...current,
        frequency: input.frequency ?? current.frequency,
        attachment: input.attachment ?? current.attachment,
        departmentIds: departmentIds ?? current.departmentIds,
        updatedAt: deps.clock.now().toISOString(),
      };
      await repo.update(updated);
      return updated;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await own(ownerOnly(actor), id);
      await repo.remove(id);
    },

    /**
     * The job: queues the mail of every subscription whose last period ended after it was made and
     * was not mailed yet. The send row's key (subscription, period) makes a second run, or a second
     * instance racing this one, queue nothing: its transaction fails and finds the row next time.
     */
    async queueDue(uow: UnitOfWork): Promise<number> {
      const inTrx = reportSubscriptionRepository(uow.trx);
      const now = new Date(uow.now);
      let queued = 0;
      for (const subscription of await inTrx.active()) {
        const period = lastPeriod(subscription.frequency, subscription.timeZone, now);
        if (Date.parse(period.endedAt) <= Date.parse(subscription.createdAt)) continue;
        if (await inTrx.wasSent(subscription.id, period.from)) continue;
        const outboxId = await outboxRepository(uow.trx).add({
          type: REPORT_SUMMARY_EMAIL,
          payload: { subscriptionId: subscription.id, from: period.from, to: period.to },
          now: uow.now,
        });
        await inTrx.recordSend({ subscriptionId: subscription.id, ...period, outboxId, now: uow.now });
        queued++;
      }
      return queued;
    },

    compose,
  };
}

export type ReportSubscriptionService = ReturnType<typeof createReportSubscriptionService>;

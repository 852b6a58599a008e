import { DateTime } from 'luxon';
import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { agentActor } from '../accounts/auth.service.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { escapeHtml, type OutgoingMail } from '../templates/email-template.service.ts';
import { formatDuration } from '../work/duration.ts';
import type { ReportService } from './report.service.ts';
import { reportXlsx } from './report-export.ts';
import { dmy, mailTable, reportMail } from './report-mail.ts';
import { timesheetRepository } from './timesheet.repository.ts';

export const TIMESHEET_EMAIL = 'email.timesheet@1';

export interface TimesheetRecipient {
  email: string;
  name: string;
}

export interface TimesheetSend {
  id: string;
  organizationId: string;
  month: string;
  recipients: string[];
  sentBy: { id: string; name: string } | null;
  createdAt: string;
  /** The mail's state in the outbox: queued, sent, or given up on. */
  delivery: 'pending' | 'sent' | 'failed';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthDays(month: string) {
  if (!MONTH.test(month)) throw new AppError('VALIDATION_FAILED', 'month must be YYYY-MM', { field: 'month' });
  const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return { from: first.toISODate() as string, to: first.endOf('month').toISODate() as string };
}

/**
 * 003 (OpenPyme): the month's timesheet of one organization, mailed to its main contact(s) from
 * the reports page, as a table (initials, description, h:mm, date) with the workbook attached,
 * and recorded (who sent it, when, to whom). Only addresses of that organization's own contacts
 * are accepted: a timesheet never leaves for another customer.
 */
export function createTimesheetMailService(
  deps: CoreDeps & { reports: ReportService; sender: () => Promise<{ address: string; name: string }> },
) {
  const repo = timesheetRepository(deps.db);

  async function organizationOrFail(id: string) {
    const organization = await repo.organization(id);
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id });
    return organization;
  }

  function staff(actor: Actor): Extract<Actor, { kind: 'agent' }> {
    assertCan(actor, 'reports.read');
    if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only staff send timesheets');
    return actor;
  }

  async function timesheet(actor: Actor, organizationId: string, month: string) {
    const days = monthDays(month);
    return deps.reports.run(actor, 'time', { ...days, organizationId: [organizationId] });
  }

  return {
    /** Whom the timesheet goes to unless the agent changes it: the main contacts (else the owners). */
    async recipients(actor: Actor, organizationId: string): Promise<TimesheetRecipient[]> {
      staff(actor);
      await organizationOrFail(organizationId);
      const addresses = (await repo.addresses(organizationId)).filter((a) => a.primary);
      const main = addresses.filter((a) => a.role === 'main_contact');
      const chosen = main.length > 0 ? main : addresses.filter((a) => a.role === 'owner');
      return chosen.map((a) => ({ email: a.email, name: a.name }));
    },

    async send(actor: Actor, input: { organizationId: string; month: string; to: string[] }): Promise<TimesheetSend> {
      const agent = staff(actor);
      await organizationOrFail(input.organizationId);
      const to = [...new Set(input.to.map((a) => a.trim().toLowerCase()).filter(Boolean))];
      if (to.length === 0) throw new AppError('VALIDATION_FAILED', 'Name at least one recipient', { field: 'to' });
      const allowed = new Set((await repo.addresses(input.organizationId)).map((a) => a.email.toLowerCase()));
      const stranger = to.find((address) => !allowed.has(address));
      if (stranger) {
        throw new AppError('VALIDATION_FAILED', 'A timesheet goes only to contacts of its organization', {
          field: 'to',
          address: stranger,
        });
      }
      const report = await timesheet(actor, input.organizationId, input.month);
      if (report.rows.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'No time was logged for this organization in that month', {
          field: 'month',
        });
      }
      const id = newId();
      const createdAt = await inTransaction(deps, async (uow) => {
        const outboxId = await outboxRepository(uow.trx).add({
          type: TIMESHEET_EMAIL,
          payload: { timesheetSendId: id },
          now: uow.now,
        });
        await timesheetRepository(uow.trx).insertSend({
          id,
          organizationId: input.organizationId,
          month: input.month,
          timeZone: report.range.timeZone,
          recipients: to,
          sentBy: agent.id,
          outboxId,
          now: uow.now,
        });
        return uow.now;
      });
      const me = await agentRepository(deps.db).find(agent.id);
      return {
        id,
        organizationId: input.organizationId,
        month: input.month,
        recipients: to,
        sentBy: me ? { id: me.id, name: me.name } : null,
        createdAt,
        delivery: 'pending',
      };
    },

    /** The organization's timesheets sent so far, newest first: who sent which month, when, to whom. */
    async sends(actor: Actor, organizationId: string): Promise<TimesheetSend[]> {
      staff(actor);
      await organizationOrFail(organizationId);
      return repo.sends(organizationId);
    },

    /** The mail, composed when it leaves: the month's entries as the sender sees them. */
    async compose(item: { id: string; payload: Record<string, unknown> }): Promise<OutgoingMail | null> {
      const sendId = item.payload.timesheetSendId;
      if (typeof sendId !== 'string') return null;
      const send = await repo.findSend(sendId);
      const sender = send?.sentBy ? await agentRepository(deps.db).find(send.sentBy) : undefined;
      if (!send || !sender) return null;
      const organization = await organizationOrFail(send.organizationId);
      const recipients = send.recipients;
      // The customer's language: the first recipient's, Spanish unless they chose English.
      const first = (await repo.addresses(send.organizationId)).find((a) => a.email.toLowerCase() === recipients[0]);
      const locale: Locale = first?.locale === 'en' ? 'en' : 'es';
      const report = await timesheet(agentActor(sender), send.organizationId, send.month);
      const t = (key: Parameters<typeof translate>[1], params?: Record<string, unknown>) =>
        translate(locale, key, params);
      const monthName = DateTime.fromISO(`${send.month}-01`).setLocale(locale).toFormat('LLLL yyyy');
      const people = (report.breakdowns.byAgent ?? []).map((p) => `${p.initials} — ${p.agent}`);
      const table = mailTable(
        [t('reports.column.description'), t('reports.column.minutes'), t('reports.column.date')],
        report.rows.map((r) => [String(r.description), formatDuration(Number(r.minutes)), dmy(String(r.date))]),
      );
      const total = t('reports.timesheet.total', { total: formatDuration(Number(report.summary.minutes ?? 0)) });
      const heading = t('reports.timesheet.heading', { organization: organization.name, month: monthName });
      const intro = t('reports.timesheet.intro', { month: monthName });
      const html = [
        `<h2>${escapeHtml(heading)}</h2>`,
        `<p>${escapeHtml(intro)}</p>`,
        `<p>${people.map(escapeHtml).join('<br>')}</p>`,
        table.html,
        `<p><strong>${escapeHtml(total)}</strong></p>`,
        `<p>${escapeHtml(t('reports.timesheet.attached'))}</p>`,
      ].join('\n');
      const text = [
        heading,
        '',
        intro,
        '',
        ...people,
        '',
        table.text,
        '',
        total,
        '',
        t('reports.timesheet.attached'),
      ].join('\n');
      return reportMail({
        outboxId: item.id,
        from: await deps.sender(),
        to: recipients,
        subject: t('reports.timesheet.subject', { organization: organization.name, month: monthName }),
        html,
        text,
        attachments: [
          {
            filename: `${t('reports.timesheet.file')}-${send.month}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content: await reportXlsx(report, locale),
          },
        ],
      });
    },
  };
}

export type TimesheetMailService = ReturnType<typeof createTimesheetMailService>;

import type { Db } from '../db/database.ts';
import { createAgentService } from './accounts/agent.service.ts';
import { createAuthService } from './accounts/auth.service.ts';
import { createChangeOwnPassword } from './accounts/change-own-password.ts';
import { argon2Hasher, type PasswordHasher } from './accounts/password.ts';
import { createPasswordReset } from './accounts/reset-password.ts';
import { type AuthSettings, createSessionKeeper } from './accounts/session-keeper.ts';
import { createAutomationService } from './automation/automation.service.ts';
import { createContactService } from './contacts/contact.service.ts';
import { createContractService } from './contracts/contract.service.ts';
import { createInboundService } from './conversation/inbound.service.ts';
import { createMacroService } from './conversation/macro.service.ts';
import { createMessageService } from './conversation/message.service.ts';
import { createScheduledSessionService } from './conversation/scheduled-session.service.ts';
import { createDepartmentService } from './departments/department.service.ts';
import { createIdempotencyService } from './idempotency/idempotency.service.ts';
import { createHelpCentreService } from './kb/help-centre.service.ts';
import { createKbService } from './kb/kb.service.ts';
import { createKbImageService } from './kb/kb-image.service.ts';
import { chainHooks, noticeHooks } from './notifications/notice.ts';
import { createNotificationService } from './notifications/notification.service.ts';
import { createOrganizationService } from './organizations/organization.service.ts';
import { createPaymentService } from './payments/payment.service.ts';
import { createReceiptReadingService } from './payments/receipt-reading.service.ts';
import { createPlaybookService } from './playbooks/playbook.service.ts';
import { createPortalAccessService } from './portal/portal-access.service.ts';
import { createPortalAuthService } from './portal/portal-auth.service.ts';
import { createPortalTicketService } from './portal/portal-tickets.service.ts';
import { createPortalUserService } from './portal/portal-users.service.ts';
import { createProtocolService } from './protocols/protocol.service.ts';
import { createReportService } from './reports/report.service.ts';
import { createReportSubscriptionService } from './reports/report-subscription.service.ts';
import { createTimesheetMailService } from './reports/timesheet-mail.service.ts';
import { createSatisfactionService } from './satisfaction/satisfaction.service.ts';
import { createSearchService } from './search/search.service.ts';
import { createSettingsService } from './settings/settings.service.ts';
import { createSettingsCache, type SettingsCache } from './settings/settings-cache.ts';
import type { Clock } from './shared/clock.ts';
import type { CoreDeps } from './shared/core-deps.ts';
import { createEventBus, type EventBus } from './shared/domain-events.ts';
import { createSecretBox } from './shared/secret-box.ts';
import { createEmailTemplateService } from './templates/email-template.service.ts';
import { createTicketService } from './tickets/ticket.service.ts';
import { createTicketSettingsService } from './tickets/ticket-settings.service.ts';
import { createViewService } from './views/view.service.ts';
import { createViewLayoutService } from './views/view-layout.service.ts';
import { createWhatsappHabitService } from './whatsapp/whatsapp-habits.service.ts';
import { createWhatsappInboundService } from './whatsapp/whatsapp-inbound.service.ts';
import { createWhatsappNumberService } from './whatsapp/whatsapp-number.service.ts';
import { createWhatsappWebhookService } from './whatsapp/whatsapp-webhook.service.ts';
import { createPlannerService } from './work/planner.service.ts';
import { createReminderService } from './work/reminder.service.ts';
import { createTaskService } from './work/task.service.ts';
import { createTimeEntryService } from './work/time-entry.service.ts';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  passwords?: PasswordHasher;
  auth?: Partial<AuthSettings>;
  /** SESSION_SECRET, from which the key of stored secrets is derived; without it none can be stored. */
  secretKey?: string;
  /** PUBLIC_URL: survey links point there (signed with SESSION_SECRET); without both (CLI, bench) none are made. */
  publicUrl?: string;
  /** Defaults to a cache of its own, which caches only once a server attaches it to the live relay. */
  cache?: SettingsCache;
}

/** Every domain service, wired to one database, clock and event bus. Routes, the CLI and jobs share it. */
export function createServices(deps: ServiceDeps) {
  const passwords = deps.passwords ?? argon2Hasher;
  const base: CoreDeps = {
    db: deps.db,
    clock: deps.clock,
    events: deps.events ?? createEventBus(),
    cache: deps.cache ?? createSettingsCache(),
  };
  const secrets = createSecretBox(deps.secretKey ?? null);
  const automation = createAutomationService(base);
  // Notices run after automation in each write, so they see the ticket its rules left.
  const core: CoreDeps = { ...base, hooks: chainHooks(automation.hooks, noticeHooks()) };
  const ticketSettings = createTicketSettingsService(core);
  const tickets = createTicketService({ ...core, settings: ticketSettings });
  automation.bind(tickets);
  const sessions = createSessionKeeper({ ...core, passwords, settings: deps.auth });
  const satisfaction = createSatisfactionService({
    ...core,
    links: deps.publicUrl && deps.secretKey ? { publicUrl: deps.publicUrl, secret: deps.secretKey } : undefined,
  });
  const messages = createMessageService(core);
  const search = createSearchService({ ...core, tickets });
  const macros = createMacroService(core);
  const whatsappNumbers = createWhatsappNumberService({ ...core, secrets });
  const whatsapp = createWhatsappInboundService({ ...core, tickets, settings: ticketSettings, secrets });
  const helpCentre = createHelpCentreService(core);
  const reports = createReportService(core);
  const emailTemplates = createEmailTemplateService({ ...core, secrets, surveyLinks: satisfaction.mailLinks });
  // Reports by mail come from the install's own address, as portal invitations do.
  const reportMail = { ...core, reports, sender: () => emailTemplates.defaultSender() };
  return {
    events: core.events,
    settingsCache: base.cache as SettingsCache,
    agents: createAgentService({ ...core, passwords }),
    departments: createDepartmentService(core),
    organizations: createOrganizationService(core),
    contacts: createContactService(core),
    messages,
    macros,
    scheduledSessions: createScheduledSessionService(core),
    timeEntries: createTimeEntryService(core),
    reports,
    reportSubscriptions: createReportSubscriptionService(reportMail),
    timesheets: createTimesheetMailService(reportMail),
    tasks: createTaskService(core),
    playbooks: createPlaybookService({ ...core, tickets }),
    planner: createPlannerService(core),
    protocols: createProtocolService({ ...core, tickets }),
    reminders: createReminderService(core),
    auth: createAuthService({ ...core, sessions }),
    portalAuth: createPortalAuthService({ ...core, passwords, sessions }),
    portalAccess: createPortalAccessService({ ...core, passwords, secrets }),
    portalUsers: createPortalUserService({ ...core, secrets }),
    changeOwnPassword: createChangeOwnPassword({ ...core, passwords }),
    resetPassword: createPasswordReset({ ...core, passwords }),
    ticketSettings,
    tickets,
    views: createViewService({ ...core, tickets }),
    viewLayouts: createViewLayoutService(core),
    search,
    portalTickets: createPortalTicketService({
      ...core,
      tickets,
      messages,
      search,
      settings: ticketSettings,
      helpCentre,
    }),
    kb: createKbService(core),
    kbImages: createKbImageService(core),
    helpCentre,
    inbound: createInboundService({ ...core, tickets, settings: ticketSettings, secrets }),
    emailTemplates,
    satisfaction,
    automation,
    notifications: createNotificationService(core),
    settings: createSettingsService(core),
    contracts: createContractService({ ...core, tickets }),
    payments: createPaymentService({ ...core, tickets, messages, macros, publicUrl: deps.publicUrl }),
    // Its OCR worker starts with the first receipt read and ends when idle (buildApp's onClose ends it too).
    receiptReadings: createReceiptReadingService(core),
    idempotency: createIdempotencyService(core),
    whatsappNumbers,
    whatsapp,
    whatsappHabits: createWhatsappHabitService({ ...core, whatsapp, whatsappNumbers }),
    whatsappWebhookQueue: createWhatsappWebhookService(core),
  };
}

export type Services = ReturnType<typeof createServices>;

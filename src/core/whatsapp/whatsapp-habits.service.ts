import { assertCan } from '../accounts/access.policy.ts';
import { calendarForTicket } from '../conditions/ticket-context.ts';
import { contactRepository } from '../contacts/contact.repository.ts';
import { scheduledSessionRepository } from '../conversation/scheduled-session.repository.ts';
import { joinUrlOf, type ScheduledSession } from '../conversation/scheduled-session.service.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { TicketRef } from '../tickets/ticket-ref.repository.ts';
import type { WhatsappInboundService } from './whatsapp-inbound.service.ts';
import type { WhatsappNumber, WhatsappNumberService } from './whatsapp-number.service.ts';

/** Who a one-click WhatsApp message goes to, from which number, and whether free text may go now. */
export interface HabitTarget {
  ticket: TicketRef;
  customerName: string;
  locale: Locale;
  number: WhatsappNumber;
  windowOpen: boolean;
  /** The zone the customer reads times in: the ticket's department calendar's. */
  timeZone: string;
}

/**
 * Seed 000's WhatsApp habits (welcome a new customer from the support number; send a session's
 * Teams or Skype link to a customer without a headset): the checks and facts they rest on. The
 * message itself goes as an ordinary WhatsApp reply on the ticket (outbox, retries, ticks).
 */
export function createWhatsappHabitService(
  deps: CoreDeps & { whatsapp: WhatsappInboundService; whatsappNumbers: WhatsappNumberService },
) {
  async function target(actor: Actor, ticketIdOrNumber: string): Promise<HabitTarget> {
    assertCan(actor, 'messages.write');
    const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
    const state = await deps.whatsapp.composerState(actor, ticket.id);
    const contact = await contactRepository(deps.db).find(ticket.requesterId);
    if (!state.available || !contact) {
      throw new AppError('CONTACT_HAS_NO_WHATSAPP', 'The requester has no WhatsApp number', {
        contactId: ticket.requesterId,
      });
    }
    const numberId = await deps.whatsapp.replyNumberOf(actor, ticket.id);
    const number = numberId ? await deps.whatsappNumbers.find(numberId) : undefined;
    if (!number) throw new AppError('WHATSAPP_NOT_CONFIGURED', 'No WhatsApp number is configured to send from', {});
    const calendar = await calendarForTicket(deps.db, ticket.departmentId);
    return {
      ticket,
      customerName: contact.name,
      locale: contact.locale,
      number,
      windowOpen: state.windowOpen,
      timeZone: calendar.timeZone,
    };
  }

  return {
    target,

    /**
     * A session of the ticket whose link goes by WhatsApp: a link typed now is kept on the session
     * (it is what the customer was sent); without one, the session must have one already. `ticket`
     * comes from `target`, which checked the actor may write on it.
     */
    async sessionToSend(
      ticket: TicketRef,
      sessionId: string,
      joinUrl: string | undefined,
    ): Promise<ScheduledSession & { joinUrl: string }> {
      const sessions = scheduledSessionRepository(deps.db);
      const session = await sessions.find(sessionId);
      if (!session || session.ticketId !== ticket.id) {
        throw new AppError('NOT_FOUND', 'No such session on this ticket', { sessionId });
      }
      if (session.cancelledAt) {
        throw new AppError('VALIDATION_FAILED', 'The session was cancelled', { field: 'sessionId' });
      }
      const link = joinUrl?.trim() ? joinUrlOf(joinUrl, 'joinUrl') : session.joinUrl;
      if (!link) throw new AppError('SESSION_HAS_NO_LINK', 'The session has no Teams or Skype link', { sessionId });
      if (link !== session.joinUrl) await sessions.setJoinUrl(session.id, link);
      return { ...session, joinUrl: link };
    },
  };
}

export type WhatsappHabitService = ReturnType<typeof createWhatsappHabitService>;

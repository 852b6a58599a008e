import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newSecret } from '../shared/ids.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { type TicketRecord, ticketRepository } from '../tickets/ticket.repository.ts';
import { type TicketChange, ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { type Satisfaction, type SurveyRecord, satisfactionRepository } from './satisfaction.repository.ts';
import { type Rating, surveyToken, surveyTokenHash, surveyUrl } from './survey-token.ts';

/** Where survey links point and what signs them (PUBLIC_URL and SESSION_SECRET). */
export interface SurveyLinkSettings {
  publicUrl: string;
  secret: string;
}

/** What the public survey page may know: the ticket's number and subject, and the answer so far. */
export interface PublicSurvey {
  ticket: { number: string; subject: string };
  rating: Rating | null;
  comment: string | null;
  ratedAt: string | null;
  /** False once the ticket is closed: the answer can no longer change. */
  open: boolean;
  /** The choice the page shows selected: the link's `?rating=`, else the saved answer. */
  choice: Rating | null;
}

export const COMMENT_MAX = 2000;

function publicView(ticket: TicketRecord, survey: SurveyRecord, choice?: Rating): PublicSurvey {
  return {
    ticket: { number: ticket.number, subject: ticket.subject },
    rating: survey.rating,
    comment: survey.comment,
    ratedAt: survey.ratedAt,
    open: ticket.statusCategory !== 'closed',
    choice: choice ?? survey.rating,
  };
}

export function createSatisfactionService(deps: CoreDeps & { links?: SurveyLinkSettings }) {
  function settings(): SurveyLinkSettings {
    // Only a server (which has PUBLIC_URL and SESSION_SECRET) hands out or checks links.
    if (!deps.links) throw new Error('satisfaction surveys need the public URL and the session secret');
    return deps.links;
  }

  /** The ticket's survey for its current requester, created (or re-bound) in the caller's transaction. */
  async function ensureSurvey(uow: UnitOfWork, ticket: TicketRecord): Promise<string> {
    const { secret } = settings();
    const repo = satisfactionRepository(uow.trx);
    const existing = await repo.byTicket(ticket.id);
    if (existing?.contactId === ticket.requesterId) return surveyToken(secret, existing);
    const fresh = { ticketId: ticket.id, contactId: ticket.requesterId, nonce: newSecret(16) };
    const token = surveyToken(secret, fresh);
    const tokenHash = surveyTokenHash(token);
    if (existing) {
      await repo.rebind({ ...fresh, tokenHash });
      return token;
    }
    if (await repo.insert({ ...fresh, tokenHash, now: uow.now })) return token;
    // Another transaction created it meanwhile: its link is the one.
    const winner = (await repo.byTicket(ticket.id)) as SurveyRecord;
    return surveyToken(secret, winner);
  }

  /**
   * The survey and ticket a token stands for. Unknown or forged: 404. Issued to someone who is no
   * longer the requester, or for a ticket merged into another: 410 (the link was real, but is void).
   */
  async function resolve(uow: { trx: CoreDeps['db'] }, token: string) {
    const survey = token ? await satisfactionRepository(uow.trx).byTokenHash(surveyTokenHash(token)) : undefined;
    if (!survey || surveyToken(settings().secret, survey) !== token) {
      throw new AppError('SURVEY_NOT_FOUND', 'This survey link is not valid');
    }
    const ticket = await ticketRepository(uow.trx).find(survey.ticketId);
    if (!ticket || ticket.mergedIntoId !== null || ticket.requesterId !== survey.contactId) {
      throw new AppError('SURVEY_EXPIRED', 'This survey link is no longer valid for its ticket');
    }
    return { survey, ticket };
  }

  return {
    /** The survey page's data (public: the token is the only credential). */
    async view(token: string, choice?: Rating): Promise<PublicSurvey> {
      const { survey, ticket } = await resolve({ trx: deps.db }, token);
      return publicView(ticket, survey, choice);
    },

    /**
     * Stores or changes the requester's answer until the ticket closes. Each change is kept, shows
     * in the ticket's history and runs the triggers of `satisfaction_rated`; the same answer again
     * changes nothing.
     */
    async rate(token: string, input: { rating: Rating; comment?: string | null }): Promise<PublicSurvey> {
      const comment = input.comment?.trim() || null;
      if (comment && comment.length > COMMENT_MAX) {
        throw new AppError('VALIDATION_FAILED', `comment: at most ${COMMENT_MAX} characters`, { field: 'comment' });
      }
      return inTransaction(deps, async (uow) => {
        const { survey, ticket } = await resolve(uow, token);
        if (ticket.statusCategory === 'closed') {
          throw new AppError('SURVEY_CLOSED', 'The ticket is closed: its rating can no longer change', {
            number: ticket.number,
          });
        }
        if (survey.rating === input.rating && survey.comment === comment) return publicView(ticket, survey);
        const repo = satisfactionRepository(uow.trx);
        await repo.saveRating({
          ticketId: ticket.id,
          contactId: survey.contactId,
          rating: input.rating,
          comment,
          now: uow.now,
        });
        const actor = await requesterActor(uow, survey.contactId);
        const changes: TicketChange[] = [{ field: 'satisfaction', from: survey.rating, to: input.rating }];
        if (survey.comment !== comment)
          changes.push({ field: 'satisfaction_comment', from: survey.comment, to: comment });
        await ticketHistoryRepository(uow.trx).record({
          ticketId: ticket.id,
          actor,
          via: 'survey',
          now: uow.now,
          changes,
        });
        uow.emit({
          type: 'ticket.satisfaction_rated',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { number: ticket.number, rating: input.rating },
        });
        await deps.hooks?.afterTicketWrite(uow, { kind: 'satisfaction_rated', ticketId: ticket.id, actor, changes });
        return publicView(ticket, (await repo.byTicket(ticket.id)) as SurveyRecord);
      });
    },

    /**
     * The survey token of a solved (or closed) ticket for its signed-in requester, for the portal
     * to link or to post to `/api/v1/satisfaction/{token}`: the same token the solved mail carried.
     */
    async tokenFor(actor: Actor, ticketIdOrNumber: string): Promise<string> {
      const ref = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return inTransaction(deps, async (uow) => {
        const ticket = (await ticketRepository(uow.trx).find(ref.id)) as TicketRecord;
        if (actor.kind !== 'contact' || actor.id !== ticket.requesterId) {
          throw new AppError('FORBIDDEN', 'Only the requester rates the ticket');
        }
        if (ticket.statusCategory !== 'solved' && ticket.statusCategory !== 'closed') {
          throw new AppError('SURVEY_NOT_YET', 'The ticket is not solved yet', { number: ticket.number });
        }
        return ensureSurvey(uow, ticket);
      });
    },

    /** The solved mail's two links (one per answer, in the mail's language), or null without a public URL. */
    async mailLinks(ticketId: string, lang: Locale): Promise<{ good: string; bad: string } | null> {
      if (!deps.links) return null;
      const { publicUrl } = deps.links;
      return inTransaction(deps, async (uow) => {
        const ticket = await ticketRepository(uow.trx).find(ticketId);
        if (!ticket) return null;
        const token = await ensureSurvey(uow, ticket);
        return {
          good: surveyUrl(publicUrl, token, { rating: 'good', lang }),
          bad: surveyUrl(publicUrl, token, { rating: 'bad', lang }),
        };
      });
    },

    /** Every answer the requester gave on a ticket, oldest first (what reports count). */
    async history(actor: Actor, ticketIdOrNumber: string) {
      const ref = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return satisfactionRepository(deps.db).ratings(ref.id);
    },
  };
}

/** The requester as the actor of their answer: the history names them. */
async function requesterActor(uow: UnitOfWork, contactId: string): Promise<Actor> {
  const contact = await satisfactionRepository(uow.trx).contact(contactId);
  return {
    kind: 'contact',
    id: contactId,
    organizationId: contact?.organizationId ?? null,
    organizationRole: contact?.organizationRole ?? 'member',
    locale: contact?.locale ?? 'es',
  };
}

export type { Satisfaction };
export type SatisfactionService = ReturnType<typeof createSatisfactionService>;

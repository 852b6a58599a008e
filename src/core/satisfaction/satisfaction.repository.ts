import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { Rating } from './survey-token.ts';

export interface SurveyRecord {
  ticketId: string;
  contactId: string;
  nonce: string;
  rating: Rating | null;
  comment: string | null;
  ratedAt: string | null;
}

/** The ticket's rating as the console and the ticket JSON show it. */
export interface Satisfaction {
  rating: Rating;
  comment: string | null;
  ratedAt: string;
}

type Row = {
  ticket_id: string;
  contact_id: string;
  nonce: string;
  rating: Rating | null;
  comment: string | null;
  rated_at: string | null;
};

function toRecord(row: Row): SurveyRecord {
  return {
    ticketId: row.ticket_id,
    contactId: row.contact_id,
    nonce: row.nonce,
    rating: row.rating,
    comment: row.comment,
    ratedAt: row.rated_at === null ? null : new Date(row.rated_at).toISOString(),
  };
}

const COLUMNS = ['ticket_id', 'contact_id', 'nonce', 'rating', 'comment', 'rated_at'] as const;

// Read by the rules of every ticket write (a survey's rating is a condition).
const surveyOfTicket = preparedQuery((db, p: { ticketId: string }) =>
  db.selectFrom('satisfaction_surveys').select(COLUMNS).where('ticket_id', '=', p.ticketId),
);

export function satisfactionRepository(db: Db) {
  return {
    async byTicket(ticketId: string): Promise<SurveyRecord | undefined> {
      const [row] = (await surveyOfTicket(db, { ticketId })).rows;
      return row ? toRecord(row) : undefined;
    },

    async byTokenHash(tokenHash: string): Promise<SurveyRecord | undefined> {
      const row = await db
        .selectFrom('satisfaction_surveys')
        .select(COLUMNS)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** The first survey of a ticket; false when another transaction created it first. */
    async insert(input: { ticketId: string; contactId: string; nonce: string; tokenHash: string; now: string }) {
      const row = await db
        .insertInto('satisfaction_surveys')
        .values({
          ticket_id: input.ticketId,
          contact_id: input.contactId,
          nonce: input.nonce,
          token_hash: input.tokenHash,
          rating: null,
          comment: null,
          rated_at: null,
          created_at: input.now,
        })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .returning('ticket_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A new requester gets a new link; the old one stops working. The rating stays the ticket's. */
    async rebind(input: { ticketId: string; contactId: string; nonce: string; tokenHash: string }) {
      await db
        .updateTable('satisfaction_surveys')
        .set({ contact_id: input.contactId, nonce: input.nonce, token_hash: input.tokenHash })
        .where('ticket_id', '=', input.ticketId)
        .execute();
    },

    async saveRating(input: {
      ticketId: string;
      contactId: string;
      rating: Rating;
      comment: string | null;
      now: string;
    }) {
      await db
        .updateTable('satisfaction_surveys')
        .set({ rating: input.rating, comment: input.comment, rated_at: input.now })
        .where('ticket_id', '=', input.ticketId)
        .execute();
      await db
        .insertInto('satisfaction_ratings')
        .values({
          ticket_id: input.ticketId,
          contact_id: input.contactId,
          rating: input.rating,
          comment: input.comment,
          created_at: input.now,
        })
        .execute();
    },

    /** Every answer of a ticket, oldest first (reports). */
    async ratings(ticketId: string) {
      const rows = await db
        .selectFrom('satisfaction_ratings')
        .select(['rating', 'comment', 'contact_id', 'created_at'])
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        rating: r.rating,
        comment: r.comment,
        contactId: r.contact_id,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    /** Who answers: the contact's organization, role and language (the answer's actor). */
    async contact(contactId: string) {
      const row = await db
        .selectFrom('contacts')
        .select(['organization_id', 'org_role', 'locale'])
        .where('id', '=', contactId)
        .executeTakeFirst();
      return row
        ? { organizationId: row.organization_id, organizationRole: row.org_role, locale: row.locale }
        : undefined;
    },

    async current(ticketId: string): Promise<Satisfaction | null> {
      const survey = await this.byTicket(ticketId);
      return survey?.rating && survey.ratedAt
        ? { rating: survey.rating, comment: survey.comment, ratedAt: survey.ratedAt }
        : null;
    },
  };
}

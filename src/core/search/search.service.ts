import { assertMayReadTickets } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { canSeeInternal } from '../tickets/ticket.policy.ts';
import type { TicketListItem, TicketService } from '../tickets/ticket.service.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { searchIndexRepository } from './search-index.repository.ts';

export interface SearchResults {
  tickets: (TicketListItem & { excerpt: string | null })[];
  contacts: { id: string; name: string; excerpt: string }[];
  organizations: { id: string; name: string; excerpt: string }[];
}

const TICKET_NUMBER = /^[A-Za-z]{0,10}\d{2,}$/;
// Enough candidates that permission filtering still leaves a full page for an agent who sees one
// department of seven; only their ids are checked, and only the page shown is loaded in full.
const CANDIDATES = 150;
/** Customers whose name matched and whose tickets are listed (a common surname matches many). */
const REQUESTERS = 10;

/**
 * One search box over ticket numbers, subjects, message bodies (notes only for staff), contacts and
 * organizations (staff only), accent-insensitive with Spanish stems, ranked, and filtered by what
 * the actor may see.
 */
export function createSearchService(deps: CoreDeps & { tickets: TicketService }) {
  /**
   * Tickets matching `query` by number or words, best first, with a message excerpt where one
   * matched; not yet filtered by who may see them (notes' words only for staff).
   */
  async function ticketHits(actor: Actor, query: string) {
    const staff = canSeeInternal(actor);
    const hits = await searchIndexRepository(deps.db).search(query, { includeInternal: staff, limit: CANDIDATES });
    const ticketIds: string[] = [];
    const excerpts = new Map<string, string>();
    const trimmed = query.trim();
    if (TICKET_NUMBER.test(trimmed)) {
      const exact = await ticketRefRepository(deps.db).find(trimmed);
      if (exact) ticketIds.push(exact.id);
    }
    for (const hit of hits) {
      if (!hit.ticketId || ticketIds.includes(hit.ticketId)) continue;
      ticketIds.push(hit.ticketId);
      if (hit.kind === 'message') excerpts.set(hit.ticketId, hit.excerpt);
    }
    // A customer's name ("solis") finds their tickets too, after those whose own text matched.
    const requesters = hits.filter((h) => h.kind === 'contact').slice(0, REQUESTERS);
    const requested = await ticketRefRepository(deps.db).idsOfRequesters(
      requesters.map((h) => h.refId),
      CANDIDATES,
    );
    for (const id of requested) if (!ticketIds.includes(id)) ticketIds.push(id);
    return { hits, ticketIds, excerpts };
  }

  return {
    async search(actor: Actor, query: string, opts: { limit: number }): Promise<SearchResults> {
      assertMayReadTickets(actor);
      const staff = canSeeInternal(actor);
      const { hits, ticketIds, excerpts } = await ticketHits(actor, query);
      // Permission is checked on the ids alone; only the page that is shown is loaded in full.
      const visible = await deps.tickets.firstVisible(actor, ticketIds, opts.limit);
      const people = (kind: 'contact' | 'organization') =>
        staff
          ? hits
              .filter((h) => h.kind === kind)
              .slice(0, opts.limit)
              .map((h) => ({ id: h.refId, name: h.title, excerpt: h.excerpt }))
          : [];
      return {
        tickets: visible.map((t) => ({ ...t, excerpt: excerpts.get(t.id) ?? null })),
        contacts: people('contact'),
        organizations: people('organization'),
      };
    },

    /** The ids of the tickets matching `query` (before filtering by visibility), for a list to filter on. */
    async ticketIds(actor: Actor, query: string): Promise<string[]> {
      assertMayReadTickets(actor);
      return (await ticketHits(actor, query)).ticketIds;
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

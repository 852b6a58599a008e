import { assertEntitled } from '../contracts/entitlement.ts';
import type { AttachmentStore } from '../conversation/attachment-storage.ts';
import type { NewAttachment } from '../conversation/message.commands.ts';
import type { AttachmentContent, MessageService } from '../conversation/message.service.ts';
import type { HelpCentreService } from '../kb/help-centre.service.ts';
import type { SearchService } from '../search/search.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import type { Page } from '../shared/pagination.ts';
import type { CustomFieldValues } from '../tickets/custom-fields.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import type { TicketSettingsService, Vocabulary } from '../tickets/ticket-settings.service.ts';
import { findByIdOrName } from '../tickets/ticket-settings.service.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import type { ContactActor } from './portal.policy.ts';
import {
  customerLabel,
  PORTAL_PRIORITIES,
  type PortalMessage,
  type PortalTicket,
  presentPortalMessage,
  presentPortalTicket,
} from './portal-ticket.ts';

export type PortalPriority = (typeof PORTAL_PRIORITIES)[number];
export type PortalSort = 'updated' | 'created' | 'number';

export interface PortalListQuery {
  /** true: closed tickets too (Mis actividades shows the open ones by default). */
  closed?: boolean;
  /** A customer-facing status label. */
  status?: string;
  /** Words or a ticket number. */
  q?: string;
  sort?: PortalSort;
  cursor?: string;
  limit: number;
}

export interface NewPortalTicket {
  subject: string;
  description: string;
  priority?: PortalPriority;
  type?: string;
  category?: string;
  customFields?: CustomFieldValues;
  attachments?: NewAttachment[];
}

export interface PortalReply {
  body: string;
  /** "Considere esta solicitud como resuelta": the reply also moves the ticket to solved. */
  solved?: boolean;
  attachments?: NewAttachment[];
}

/** What the new-ticket form and the status filter offer a customer. */
export interface PortalOptions {
  priorities: PortalPriority[];
  statuses: string[];
  types: {
    id: string;
    name: string;
    fields: { key: string; label: string; kind: string; options: string[]; required: boolean }[];
  }[];
  categories: { id: string; name: string }[];
}

/** Portal routes are for customers; staff use the console's routes. */
function assertContact(actor: Actor): asserts actor is ContactActor {
  if (actor.kind !== 'contact') throw new AppError('FORBIDDEN', 'The portal is for customers');
}

/** A type or category a customer may choose; any other answers as if it did not exist. */
function customerChoice(items: Vocabulary['types'] | Vocabulary['categories'], value: string, field: string) {
  const item = findByIdOrName(items, value);
  if (!item?.active || !item.customerVisible) {
    throw new AppError('REFERENCE_NOT_FOUND', `${field} "${value}" does not exist`, { field, value });
  }
  return item;
}

/**
 * The customer portal's tickets. Who may see which ticket is decided once, by the ticket policy
 * (`canSeeTicket` / `visibleTo`) that every call below goes through with the contact as actor;
 * this service only narrows what is shown to the customer-safe shapes of portal-ticket.ts.
 */
export function createPortalTicketService(
  deps: CoreDeps & {
    tickets: TicketService;
    messages: MessageService;
    search: SearchService;
    settings: TicketSettingsService;
    helpCentre: HelpCentreService;
  },
) {
  async function present(actor: ContactActor, ticketId: string): Promise<PortalTicket> {
    const [item] = await deps.tickets.listByIds(actor, [ticketId]);
    if (!item) throw new AppError('TICKET_NOT_FOUND', `Ticket ${ticketId} not found`, { id: ticketId });
    return presentPortalTicket(item, await deps.settings.vocabulary(), actor.id);
  }

  async function statusOf(category: 'open' | 'solved') {
    const statuses = (await deps.settings.vocabulary()).statuses.filter((s) => s.active && s.category === category);
    // A status with a rule's role (backlog, queued) is a place rules put tickets, not where a customer does.
    const status = statuses.find((s) => !s.key) ?? statuses[0];
    if (!status) throw new AppError('UNPROCESSABLE', `No active ${category} status`);
    return status;
  }

  return {
    async options(actor: Actor): Promise<PortalOptions> {
      assertContact(actor);
      const vocabulary = await deps.settings.vocabulary();
      return {
        priorities: [...PORTAL_PRIORITIES],
        statuses: [...new Set(vocabulary.statuses.filter((s) => s.active).map(customerLabel))],
        types: vocabulary.types
          .filter((t) => t.active && t.customerVisible)
          .map((t) => ({
            id: t.id,
            name: t.name,
            fields: vocabulary.fields
              .filter((f) => f.typeId === t.id)
              .map((f) => ({ key: f.key, label: f.label, kind: f.kind, options: f.options, required: f.required })),
          })),
        categories: vocabulary.categories
          .filter((c) => c.active && c.customerVisible)
          .map((c) => ({ id: c.id, name: c.name })),
      };
    },

    /** "Mis actividades": the tickets the contact may see, not closed unless asked. */
    async list(actor: Actor, query: PortalListQuery): Promise<Page<PortalTicket>> {
      assertContact(actor);
      const vocabulary = await deps.settings.vocabulary();
      const statusId = query.status
        ? vocabulary.statuses.filter((s) => customerLabel(s) === query.status).map((s) => s.id)
        : undefined;
      const id = query.q?.trim() ? await deps.search.ticketIds(actor, query.q) : undefined;
      const page = await deps.tickets.list(actor, {
        query: {
          id,
          statusId,
          statusCategory: query.closed ? undefined : [...UNSOLVED_CATEGORIES, 'solved'],
        },
        sort: query.sort ?? 'updated',
        cursor: query.cursor,
        limit: query.limit,
      });
      return {
        items: page.items.map((t) => presentPortalTicket(t, vocabulary, actor.id)),
        nextCursor: page.nextCursor,
      };
    },

    async get(actor: Actor, idOrNumber: string): Promise<PortalTicket> {
      assertContact(actor);
      const ref = await loadVisibleTicket(deps.db, actor, idOrNumber);
      return present(actor, ref.id);
    },

    /** The public conversation: replies only (never notes or activities), oldest first. */
    async messages(
      actor: Actor,
      idOrNumber: string,
      opts: { limit: number; cursor?: string },
    ): Promise<Page<PortalMessage>> {
      assertContact(actor);
      const page = await deps.messages.list(actor, idOrNumber, opts);
      return { items: page.items.map(presentPortalMessage), nextCursor: page.nextCursor };
    },

    /** A file of a public reply on a ticket the contact may see; anything else is 404. */
    async openAttachment(actor: Actor, attachmentId: string, store: AttachmentStore): Promise<AttachmentContent> {
      assertContact(actor);
      return deps.messages.openAttachment(actor, attachmentId, store);
    },

    /** "Nuevo ticket": the contact is the requester; the acknowledgement mail is queued. */
    async create(actor: Actor, input: NewPortalTicket, store: AttachmentStore): Promise<PortalTicket> {
      assertContact(actor);
      // Under contract_required only an organization with a contract in force may open tickets
      // (seed 004); CONTRACT_REQUIRED tells the customer why and how to renew.
      await assertEntitled(deps.db, deps.clock.now(), actor.organizationId, null);
      const vocabulary = await deps.settings.vocabulary();
      const type = input.type ? customerChoice(vocabulary.types, input.type, 'type') : undefined;
      const category = input.category ? customerChoice(vocabulary.categories, input.category, 'category') : undefined;
      const ticket = await deps.tickets.createForContact(
        actor,
        {
          subject: input.subject,
          body: input.description,
          priority: input.priority ?? 'normal',
          type: type?.id,
          category: category?.id,
          customFields: input.customFields,
          attachments: input.attachments,
        },
        { store },
      );
      // The suggestions the customer opened before did not avoid this ticket (deflection counts).
      await deps.helpCentre.ticketCreated(actor.id, ticket.id);
      return present(actor, ticket.id);
    },

    /**
     * A customer's reply, and with `solved` the move to solved, in one transaction: both or
     * neither. A closed ticket takes no reply (409): the customer opens a new one.
     */
    async reply(
      actor: Actor,
      idOrNumber: string,
      input: PortalReply,
      store: AttachmentStore,
    ): Promise<{ message: PortalMessage; ticket: PortalTicket }> {
      assertContact(actor);
      const solved = input.solved ? await statusOf('solved') : undefined;
      const { message, ticketId } = await inTransaction(deps, async (uow) => {
        const ref = await loadVisibleTicket(uow.trx, actor, idOrNumber);
        if (ref.statusCategory === 'closed') {
          throw new AppError('TICKET_CLOSED', `Ticket ${ref.number} is closed`, { number: ref.number });
        }
        const added = await deps.messages.addWithin(
          uow,
          actor,
          ref.id,
          { kind: 'reply', body: input.body, attachments: input.attachments, via: 'portal' },
          { store },
        );
        if (solved) await deps.tickets.changeWithin(uow, actor, ref.id, { status: solved.id });
        return { message: added, ticketId: ref.id };
      });
      return { message: presentPortalMessage(message), ticket: await present(actor, ticketId) };
    },

    /** "Reabrir": a solved ticket goes back to work; any other answers 409 and stays as it is. */
    async reopen(actor: Actor, idOrNumber: string): Promise<PortalTicket> {
      assertContact(actor);
      const open = await statusOf('open');
      const ticketId = await inTransaction(deps, async (uow) => {
        const ref = await loadVisibleTicket(uow.trx, actor, idOrNumber);
        if (ref.statusCategory !== 'solved') {
          throw new AppError('TICKET_NOT_SOLVED', `Ticket ${ref.number} is not solved`, { number: ref.number });
        }
        await deps.tickets.changeWithin(uow, actor, ref.id, { status: open.id });
        return ref.id;
      });
      return present(actor, ticketId);
    },
  };
}

export type PortalTicketService = ReturnType<typeof createPortalTicketService>;

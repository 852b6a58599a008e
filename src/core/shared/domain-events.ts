import type { Actor } from './actor.ts';

/**
 * Something that happened in the domain, published after its transaction commits. Live updates,
 * notifications and automations listen to these; none of them runs inside the write.
 */
export interface DomainEvent {
  /** Past tense, dotted: `ticket.created`, `ticket.updated`, `message.added`. */
  type: string;
  ticketId?: string;
  /** The organization the subject belongs to, so customer-facing listeners can filter. */
  organizationId?: string | null;
  actor: Actor;
  at: string;
  data: Record<string, unknown>;
}

export type EventListener = (event: DomainEvent) => void | Promise<void>;

export interface EventBus {
  publish(event: DomainEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

/** In-process bus; a listener's failure is reported to `onError` and never reaches the writer. */
export function createEventBus(onError: (error: unknown, event: DomainEvent) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          const result = listener(event);
          if (result instanceof Promise) result.catch((error: unknown) => onError(error, event));
        } catch (error) {
          onError(error, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PresenceViewer } from '../api-types.ts';
import { LiveConnection, type LiveStatus, type PresenceState } from './live-connection.ts';

const LiveContext = createContext<LiveConnection | null>(null);

// Events arrive in bursts (a bulk change is one event per ticket); refresh once per burst.
const REFRESH_DELAY_MS = 250;

/** The query-key prefixes a ticket event can make stale (see each feature's query keys). */
const TICKET_KEYS = [['tickets'], ['ticket'], ['views'], ['search'], ['report']] as const;
const CUSTOMER_KEYS = [['contacts'], ['contact'], ['organizations'], ['organization']] as const;

/**
 * Keeps the signed-in console live: every event the server pushes marks the matching cached
 * data stale, so open queues, counts and ticket pages refetch without a reload.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connection] = useState(() => new LiveConnection());

  useEffect(() => {
    let timer: number | undefined;
    let pending = new Set<'tickets' | 'customers'>();
    const flush = () => {
      const groups = pending;
      pending = new Set();
      const keys = [...(groups.has('tickets') ? TICKET_KEYS : []), ...(groups.has('customers') ? CUSTOMER_KEYS : [])];
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey: [...queryKey] });
    };
    const schedule = (group: 'tickets' | 'customers') => {
      pending.add(group);
      window.clearTimeout(timer);
      timer = window.setTimeout(flush, REFRESH_DELAY_MS);
    };
    const offEvent = connection.onEvent((event) => {
      // The server sends an agent only their own notifications; the bell refreshes at once.
      if (event.type.startsWith('notification.')) {
        void queryClient.invalidateQueries({ queryKey: ['notifications'] });
        return;
      }
      if (event.type.startsWith('contact.') || event.type.startsWith('organization.')) schedule('customers');
      else schedule('tickets');
    });
    const offReconnect = connection.onReconnect(() => {
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      schedule('tickets');
      schedule('customers');
    });
    connection.start();
    return () => {
      offEvent();
      offReconnect();
      window.clearTimeout(timer);
      connection.stop();
    };
  }, [connection, queryClient]);

  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

function useConnection(): LiveConnection | null {
  return useContext(LiveContext);
}

export function useLiveStatus(): LiveStatus {
  const connection = useConnection();
  return useSyncExternalStore(
    (notify) => connection?.onStatus(notify) ?? (() => {}),
    () => connection?.status ?? 'offline',
  );
}

const NO_VIEWERS: PresenceViewer[] = [];

/**
 * Announces this agent on the ticket (repeated while the page is open, withdrawn when it closes)
 * and returns the other agents on it. `state` is 'typing' while the agent writes.
 */
export function useTicketPresence(
  ticketId: string | undefined,
  state: PresenceState,
  selfId: string,
): PresenceViewer[] {
  const connection = useConnection();

  useEffect(() => {
    if (!connection || !ticketId) return;
    connection.setPresence(ticketId, state);
  }, [connection, ticketId, state]);

  useEffect(() => {
    if (!connection || !ticketId) return;
    return () => connection.setPresence(null);
  }, [connection, ticketId]);

  const viewers = useSyncExternalStore(
    (notify) =>
      connection?.onPresence((changed) => {
        if (changed === ticketId) notify();
      }) ?? (() => {}),
    () => (connection && ticketId ? connection.viewersOf(ticketId) : NO_VIEWERS),
  );
  return useMemo(() => viewers.filter((viewer) => viewer.agentId !== selfId), [viewers, selfId]);
}

import type { LiveMessage, PresenceViewer } from '../api-types.ts';

export type LiveStatus = 'connecting' | 'open' | 'offline';
export type PresenceState = 'viewing' | 'typing';

type Listener<T> = (value: T) => void;

// The server forgets a presence not repeated for 60 s; repeating every 20 s keeps it alive.
const PRESENCE_REPEAT_MS = 20_000;
const NO_VIEWERS: PresenceViewer[] = [];
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 15_000];

function liveUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/api/v1/live`;
}

/**
 * One WebSocket per signed-in console: domain events in (to refresh what is on screen) and
 * presence both ways (who else is on this ticket). Reconnects by itself; after a reconnect, or
 * when the server says it had a gap, the caller refreshes everything, since events were missed.
 */
export class LiveConnection {
  private socket: WebSocket | null = null;
  private retries = 0;
  private retryTimer: number | undefined;
  private repeatTimer: number | undefined;
  private stopped = false;
  private presence: { ticketId: string | null; state: PresenceState } = { ticketId: null, state: 'viewing' };
  private viewers = new Map<string, PresenceViewer[]>();

  status: LiveStatus = 'connecting';
  private statusListeners = new Set<Listener<LiveStatus>>();
  private eventListeners = new Set<Listener<Extract<LiveMessage, { type: 'event' }>['event']>>();
  private presenceListeners = new Set<Listener<string>>();
  private reconnectListeners = new Set<() => void>();

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.repeatTimer);
    this.socket?.close(1000, 'signed out');
    this.socket = null;
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onEvent(listener: Listener<Extract<LiveMessage, { type: 'event' }>['event']>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called with the ticket id whose viewers changed. */
  onPresence(listener: Listener<string>): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  viewersOf(ticketId: string): PresenceViewer[] {
    return this.viewers.get(ticketId) ?? NO_VIEWERS;
  }

  /** Where this agent is and what they do there; `null` when they leave ticket pages. */
  setPresence(ticketId: string | null, state: PresenceState = 'viewing'): void {
    const changed = ticketId !== this.presence.ticketId || state !== this.presence.state;
    if (ticketId !== this.presence.ticketId && this.presence.ticketId) {
      this.viewers.delete(this.presence.ticketId);
    }
    this.presence = { ticketId, state };
    if (changed) this.sendPresence();
  }

  private sendPresence(): void {
    const { ticketId, state } = this.presence;
    this.send({ type: 'presence', ticketId, state });
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private open(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(liveUrl());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    const reconnecting = this.retries > 0;
    socket.addEventListener('open', () => {
      this.retries = 0;
      this.setStatus('open');
      if (this.presence.ticketId) this.sendPresence();
      window.clearInterval(this.repeatTimer);
      this.repeatTimer = window.setInterval(() => {
        if (this.presence.ticketId) this.sendPresence();
      }, PRESENCE_REPEAT_MS);
      if (reconnecting) for (const listener of this.reconnectListeners) listener();
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      window.clearInterval(this.repeatTimer);
      if (!this.stopped) this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    this.setStatus(this.retries === 0 ? 'connecting' : 'offline');
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)] ?? 15_000;
    this.retries += 1;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      if (!this.stopped) this.open();
    }, delay);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: LiveMessage;
    try {
      message = JSON.parse(data) as LiveMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      for (const listener of this.eventListeners) listener(message.event);
    } else if (message.type === 'presence') {
      this.viewers.set(message.ticketId, message.viewers);
      for (const listener of this.presenceListeners) listener(message.ticketId);
    } else if (message.type === 'gap') {
      // Same as after a reconnect of our own: events may have been missed.
      for (const listener of this.reconnectListeners) listener();
    }
  }
}

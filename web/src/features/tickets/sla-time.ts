/**
 * The SLA clock as an agent reads it: how long is left (or how long ago it ran out), in hours and
 * minutes, and which state to colour it by. The server recomputes the state when a ticket changes
 * and once a minute; between those the due time may already have passed, so a past due time
 * reads as breached here too.
 */

export type SlaDisplayState = 'ok' | 'warning' | 'breached' | 'met' | 'paused';

const STATES: readonly SlaDisplayState[] = ['ok', 'warning', 'breached', 'met', 'paused'];

export type SlaClock = {
  state: SlaDisplayState;
  /** Whole minutes until the due time; negative once it has passed; null with no due time. */
  minutesLeft: number | null;
};

/** `{ slaState: 'ok', slaDueAt: <in 80 min> }` → `{ state: 'ok', minutesLeft: 80 }`; null when the ticket has no SLA. */
export function slaClock(
  ticket: { slaState?: string | null; slaDueAt?: string | null },
  now: number = Date.now(),
): SlaClock | null {
  const stored = STATES.find((s) => s === ticket.slaState);
  if (!stored) return null;
  if (!ticket.slaDueAt || stored === 'met' || stored === 'paused') return { state: stored, minutesLeft: null };
  const ms = Date.parse(ticket.slaDueAt) - now;
  // Floor toward the past: 59 s left is "0 min" left, and 1 s late is already "1 min" late.
  const minutesLeft = ms >= 0 ? Math.floor(ms / 60_000) : -Math.ceil(-ms / 60_000);
  return { state: ms < 0 ? 'breached' : stored, minutesLeft };
}

/** 80 → `{ days: 0, hours: 1, minutes: 20 }`, for "1 h 20 min"; days from 48 h on, minutes dropped then. */
export function splitDuration(totalMinutes: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(totalMinutes);
  if (abs >= 48 * 60) {
    return { days: Math.floor(abs / 1440), hours: Math.floor((abs % 1440) / 60), minutes: 0 };
  }
  return { days: 0, hours: Math.floor(abs / 60), minutes: abs % 60 };
}

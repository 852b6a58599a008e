/**
 * Works through stored items one at a time until none is pending (inbound mail, WhatsApp webhooks:
 * stored before they are acknowledged, processed after). Concurrent `drain()` calls share one run,
 * and a call during a run makes it take one more pass, so an item stored meanwhile is not missed.
 */
export function createPendingDrainer(source: {
  pending(limit: number): Promise<{ id: string }[]>;
  processOne(id: string): Promise<void>;
}) {
  let running: Promise<number> | null = null;
  let again = false;

  async function drainPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await source.pending(50);
      if (batch.length === 0) return total;
      for (const row of batch) {
        await source.processOne(row.id);
        total++;
      }
    }
  }

  return {
    /** Processes every pending item; resolves with how many it processed. */
    drain(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let total = 0;
        do {
          again = false;
          total += await drainPending();
        } while (again);
        return total;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    async idle(): Promise<void> {
      await running;
    },
  };
}

/**
 * Runs `work` now and then, one run at a time: a call while a run is going joins it, `start`
 * repeats it every `intervalMs` after the previous run ends, `stop` waits for the run in hand.
 */
export function createPollLoop(work: () => Promise<number>) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  function run(): Promise<number> {
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    run,
    start(intervalMs: number) {
      const tick = () => {
        run()
          .catch(() => {})
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

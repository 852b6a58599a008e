/**
 * Runs `work` now and then, one run at a time: a call while a run is going joins it, `start`
 * repeats it every `intervalMs` after the previous run ends (at once when `full` says the run
 * left more to do, so a backlog drains at the work's own pace), `stop` waits for the run in hand.
 */
export function createPollLoop(work: () => Promise<number>, full: (handled: number) => boolean = () => false) {
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
        let handled = 0;
        run()
          .then((n) => {
            handled = n;
          })
          .catch(() => {})
          .finally(() => {
            if (timer) timer = setTimeout(tick, full(handled) ? 0 : intervalMs);
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

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPollLoop } from './poll-loop.ts';

describe('poll loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the interval after a run that left nothing, and goes again at once after a full one', async () => {
    // A backlog of 12 handled 5 at a time, then nothing.
    const backlog = [5, 5, 2, 0, 0];
    let runs = 0;
    const loop = createPollLoop(
      async () => {
        runs++;
        return backlog.shift() ?? 0;
      },
      (handled) => handled >= 5,
    );
    loop.start(1000);
    await vi.advanceTimersByTimeAsync(990);
    expect(runs).toBe(0);
    // The first run at 1 s finds a full batch, and so does the second: the third follows at once.
    await vi.advanceTimersByTimeAsync(20);
    expect(runs).toBe(3);
    // The third handled 2 (not full): the next waits the whole interval.
    await vi.advanceTimersByTimeAsync(980);
    expect(runs).toBe(3);
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toBe(4);
    await loop.stop();
  });

  it('keeps polling after a run that failed', async () => {
    let runs = 0;
    const loop = createPollLoop(async () => {
      runs++;
      throw new Error('database is away');
    });
    loop.start(100);
    await vi.advanceTimersByTimeAsync(350);
    expect(runs).toBe(3);
    await loop.stop();
  });
});

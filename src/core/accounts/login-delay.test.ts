import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_SETTINGS, loginDelayMs } from './session-keeper.ts';

describe('the wait before a sign-in is checked', () => {
  const delay = (account: number, ip: number) => loginDelayMs({ account, ip }, DEFAULT_AUTH_SETTINGS);

  it('costs nothing for a few typos of the account or an office sharing an address', () => {
    expect(delay(3, 10)).toBe(0);
  });

  it('grows by a step per further failure of the account and of the address', () => {
    expect(delay(4, 0)).toBe(500);
    expect(delay(6, 0)).toBe(1500);
    expect(delay(4, 12)).toBe(1500);
  });

  it('never exceeds the cap, so the owner still gets in after a stranger’s many failures', () => {
    expect(delay(1000, 1000)).toBe(DEFAULT_AUTH_SETTINGS.loginDelayMaxMs);
  });
});

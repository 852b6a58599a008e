import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import { findCycle, normalizeSteps } from './playbook-steps.ts';

describe('playbook steps', () => {
  it('finds no cycle in an order where each step waits for earlier ones', () => {
    expect(
      findCycle([
        { position: 1, dependsOn: [] },
        { position: 2, dependsOn: [1] },
        { position: 3, dependsOn: [1, 2] },
      ]),
    ).toBeNull();
  });

  it('names the steps of a cycle through three steps', () => {
    expect(
      findCycle([
        { position: 1, dependsOn: [3] },
        { position: 2, dependsOn: [1] },
        { position: 3, dependsOn: [2] },
      ]),
    ).toEqual([1, 3, 2, 1]);
  });

  it('refuses a step that waits for itself or for a step that does not exist', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AppError ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(() => normalizeSteps([{ title: 'Migración', dependsOn: [1] }]))).toBe('VALIDATION_FAILED');
    expect(code(() => normalizeSteps([{ title: 'Migración', dependsOn: [2] }]))).toBe('VALIDATION_FAILED');
    expect(code(() => normalizeSteps([]))).toBe('VALIDATION_FAILED');
  });
});

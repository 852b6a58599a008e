import { AppError } from '../shared/app-error.ts';

export const PLAYBOOK_OWNERS = ['starter', 'account_leader'] as const;
export type PlaybookOwner = (typeof PLAYBOOK_OWNERS)[number];

export interface PlaybookStepInput {
  title: string;
  description?: string | null;
  /** Who the task goes to: who starts the playbook (default) or the organization's account leader. */
  owner?: PlaybookOwner;
  /** May be left out when starting (000: the migration, only if the customer takes it). */
  optional?: boolean;
  /** Step numbers (1-based) this one waits for. */
  dependsOn?: number[];
}

export interface PlaybookStep {
  position: number;
  title: string;
  description: string | null;
  owner: PlaybookOwner;
  optional: boolean;
  dependsOn: number[];
}

const MAX_TITLE = 300;

/**
 * The steps as stored: numbered from 1, titles trimmed, dependencies on existing other steps, and
 * no cycle (a task that waits, through others, for itself could never start). Throws
 * VALIDATION_FAILED or PLAYBOOK_CYCLE naming the steps.
 */
export function normalizeSteps(input: PlaybookStepInput[]): PlaybookStep[] {
  if (input.length === 0)
    throw new AppError('VALIDATION_FAILED', 'A playbook needs at least one step', { field: 'steps' });
  const steps = input.map((step, index): PlaybookStep => {
    const position = index + 1;
    const field = `steps[${index}]`;
    const title = step.title.trim();
    if (!title || title.length > MAX_TITLE) {
      throw new AppError('VALIDATION_FAILED', `Step ${position} needs a title of 1 to ${MAX_TITLE} characters`, {
        field: `${field}.title`,
      });
    }
    const dependsOn = [...new Set(step.dependsOn ?? [])].sort((a, b) => a - b);
    for (const other of dependsOn) {
      if (!Number.isInteger(other) || other < 1 || other > input.length || other === position) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Step ${position} depends on step ${other}, which is not another step`,
          {
            field: `${field}.dependsOn`,
          },
        );
      }
    }
    return {
      position,
      title,
      description: step.description?.trim() || null,
      owner: step.owner ?? 'starter',
      optional: step.optional ?? false,
      dependsOn,
    };
  });
  const cycle = findCycle(steps);
  if (cycle) {
    const named = cycle.map((position) => `${position}. ${steps[position - 1]?.title}`).join(' → ');
    throw new AppError('PLAYBOOK_CYCLE', `The dependencies form a cycle: ${named}`, { field: 'steps', cycle: named });
  }
  return steps;
}

/** A cycle among the steps' dependencies as the positions walked (first repeated at the end), or null. */
export function findCycle(steps: Pick<PlaybookStep, 'position' | 'dependsOn'>[]): number[] | null {
  const byPosition = new Map(steps.map((step) => [step.position, step]));
  const state = new Map<number, 'visiting' | 'done'>();
  const path: number[] = [];
  const visit = (position: number): number[] | null => {
    if (state.get(position) === 'done') return null;
    if (state.get(position) === 'visiting') return [...path.slice(path.indexOf(position)), position];
    state.set(position, 'visiting');
    path.push(position);
    for (const next of byPosition.get(position)?.dependsOn ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(position, 'done');
    return null;
  };
  for (const step of steps) {
    const found = visit(step.position);
    if (found) return found;
  }
  return null;
}

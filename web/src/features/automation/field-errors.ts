import { isApiError } from '../../app/api.ts';

/**
 * Where the server says a rule, policy or calendar is wrong: `details.field` is a path such as
 * `ranges[2].start`, `actions[0].url` or `conditions.all[1].value`, and `details.named` the culprit
 * ready to quote (` («8h»)`), so a form can show the message under the very control.
 */
export type FieldProblem = { field: string; named: string };

export function fieldProblem(error: unknown): FieldProblem | null {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return null;
  const { field, named } = error.details as { field?: unknown; named?: unknown };
  if (typeof field !== 'string') return null;
  return { field, named: typeof named === 'string' ? named : '' };
}

/** True when the problem is at `path` itself, or at one of the `also` paths (a whole row, a whole list). */
export function problemAt(problem: FieldProblem | null, path: string, ...also: string[]): boolean {
  return problem !== null && (problem.field === path || also.includes(problem.field));
}

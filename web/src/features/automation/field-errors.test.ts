import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.ts';
import { fieldProblem, problemAt } from './field-errors.ts';

describe('where a refused rule or calendar is wrong', () => {
  it('reads the field path and the quoted culprit the server sends', () => {
    const error = new ApiError(422, 'CALENDAR_INVALID', 'El calendario no es válido', {
      field: 'ranges[5].start',
      value: '9h',
      named: ' («9h»)',
    });
    const problem = fieldProblem(error);
    expect(problem).toEqual({ field: 'ranges[5].start', named: ' («9h»)' });
    expect(problemAt(problem, 'ranges[5].start')).toBe(true);
    expect(problemAt(problem, 'ranges[5].end')).toBe(false);
    expect(problemAt(problem, 'ranges[5].end', 'ranges[5].start')).toBe(true);
  });

  it('has nothing to place when the error names no field', () => {
    expect(fieldProblem(new ApiError(400, 'VALIDATION_FAILED', 'x', { errors: [] }))).toBeNull();
    expect(fieldProblem(new Error('network'))).toBeNull();
    expect(problemAt(null, 'name')).toBe(false);
  });
});

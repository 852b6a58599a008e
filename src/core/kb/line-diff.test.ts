import { expect, it } from 'vitest';
import { lineDiff } from './line-diff.ts';

it('shows the lines a revision removed and added, keeping the ones in common', () => {
  expect(lineDiff('uno\ndos\ntres', 'uno\nDOS\ntres\ncuatro')).toEqual([
    { op: 'same', text: 'uno' },
    { op: 'removed', text: 'dos' },
    { op: 'added', text: 'DOS' },
    { op: 'same', text: 'tres' },
    { op: 'added', text: 'cuatro' },
  ]);
  expect(lineDiff('igual', 'igual')).toEqual([{ op: 'same', text: 'igual' }]);
});

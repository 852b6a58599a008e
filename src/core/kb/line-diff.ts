export type DiffLine = { op: 'same' | 'added' | 'removed'; text: string };

/**
 * The lines of `after` against `before` (longest common subsequence): what a revision added and
 * removed. Articles are short, so the quadratic table is cheap; past MAX_CELLS the whole text is
 * shown as replaced instead.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const removed = (text: string): DiffLine => ({ op: 'removed', text });
  const added = (text: string): DiffLine => ({ op: 'added', text });
  if (a.length * b.length > MAX_CELLS) return [...a.map(removed), ...b.map(added)];
  // common(i, j): length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const table = new Int32Array((a.length + 1) * width);
  const common = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? common(i + 1, j + 1) + 1 : Math.max(common(i + 1, j), common(i, j + 1));
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i] ?? '';
    const right = b[j] ?? '';
    if (i < a.length && j < b.length && left === right) {
      lines.push({ op: 'same', text: left });
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && common(i + 1, j) >= common(i, j + 1))) {
      lines.push(removed(left));
      i++;
    } else {
      lines.push(added(right));
      j++;
    }
  }
  return lines;
}

const MAX_CELLS = 4_000_000;

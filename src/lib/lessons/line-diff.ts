/** One row of a side-by-side view: a line of each text, or a gap on one side. */
export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left: string | null;
  right: string | null;
}

/** Beyond this many line pairs the texts are shown unaligned rather than block the page. */
const MAX_CELLS = 250_000;

/**
 * Aligns two texts line by line (longest common subsequence) for a side-by-side view: a run of
 * lines only on the left next to a run only on the right becomes `changed` rows.
 */
export function sideBySide(left: string, right: string): DiffRow[] {
  const a = left.split('\n');
  const b = right.split('\n');
  if (a.length * b.length > MAX_CELLS) return pairRuns(a, b);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    rows.push(...pairRuns(removed, added));
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      rows.push({ kind: 'same', left: a[i++]!, right: b[j++]! });
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      removed.push(a[i++]!);
    else added.push(b[j++]!);
  }
  flush();
  return rows;
}

function pairRuns(removed: string[], added: string[]): DiffRow[] {
  return Array.from({ length: Math.max(removed.length, added.length) }, (_, k) => {
    const left = removed[k] ?? null;
    const right = added[k] ?? null;
    const kind = left === null ? 'added' : right === null ? 'removed' : 'changed';
    return { kind, left, right };
  });
}

/**
 * Windowing for long tables of equal-height rows: only the rows near the scrolled-to part of a
 * box are built, and empty gaps stand in for the others so the box keeps its full scroll height.
 * Building and laying out 1,000 table rows took most of the Runs page's opening time.
 */

/** Rows `start` (inclusive) to `end` (exclusive) of a list. */
export interface RowRange {
  start: number;
  end: number;
}

export interface WindowInput {
  /** Rows in the list. */
  count: number;
  /** Height of one row in px; every row has it. */
  rowHeight: number;
  /** How far the box is scrolled, in px from the first row's top. */
  scrollTop: number;
  /** Height of the box's visible part, in px. */
  viewportHeight: number;
  /** Rows built beyond each edge, so Tab and short scrolls land on built rows. */
  overscan: number;
}

/** The rows to build: those that show at `scrollTop`, plus `overscan` on each side. */
export function visibleRange(input: WindowInput): RowRange {
  const { count, overscan } = input;
  if (count <= 0) return { start: 0, end: 0 };
  const rowHeight = Math.max(1, input.rowHeight);
  const viewportHeight = Math.max(0, input.viewportHeight);
  // A box scrolled past its end (the list just got shorter) shows the last rows.
  const maxTop = Math.max(0, count * rowHeight - viewportHeight);
  const top = Math.min(Math.max(0, input.scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewportHeight) / rowHeight);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(count, Math.max(last, first + 1) + overscan),
  };
}

/** A row to build, or a gap standing for `rows` rows that are not built. */
export type WindowItem =
  { kind: 'row'; index: number } | { kind: 'gap'; rows: number; key: string };

/**
 * The rows of `range` in list order, with gaps for the rows left out. `pinned` (the row holding
 * keyboard focus) is built wherever it is: removing a focused element drops focus to the page,
 * and the next Tab would start again from its top.
 */
export function windowItems(count: number, range: RowRange, pinned = -1): WindowItem[] {
  const start = Math.max(0, Math.min(range.start, count));
  const end = Math.max(start, Math.min(range.end, count));
  const indices: number[] = [];
  if (pinned >= 0 && pinned < start) indices.push(pinned);
  for (let i = start; i < end; i++) indices.push(i);
  if (pinned >= end && pinned < count) indices.push(pinned);

  const items: WindowItem[] = [];
  let next = 0;
  for (const index of indices) {
    // A gap is named after the row it precedes, so no gap's key is reused for another place.
    if (index > next) items.push({ kind: 'gap', rows: index - next, key: `gap before ${index}` });
    items.push({ kind: 'row', index });
    next = index + 1;
  }
  if (count > next) items.push({ kind: 'gap', rows: count - next, key: 'gap at end' });
  return items;
}

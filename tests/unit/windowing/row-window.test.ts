import { describe, expect, it } from 'vitest';
import { visibleRange, windowItems, type WindowItem } from '../../../src/lib/windowing/row-window';

const box = { count: 1000, rowHeight: 40, viewportHeight: 400, overscan: 5 };

describe('visibleRange', () => {
  it('builds the rows in view and the overscan below them at the top', () => {
    expect(visibleRange({ ...box, scrollTop: 0 })).toEqual({ start: 0, end: 15 });
  });

  it('adds overscan on both sides once scrolled', () => {
    // Rows 250..259 show at 10,000 px; a row cut by the top edge still counts.
    expect(visibleRange({ ...box, scrollTop: 10_000 })).toEqual({ start: 245, end: 265 });
    expect(visibleRange({ ...box, scrollTop: 10_020 })).toEqual({ start: 245, end: 266 });
  });

  it('ends at the last row when scrolled to the bottom', () => {
    expect(visibleRange({ ...box, scrollTop: 1000 * 40 - 400 })).toEqual({ start: 985, end: 1000 });
  });

  it('shows the last rows when the box is scrolled past a list that got shorter', () => {
    expect(visibleRange({ ...box, count: 20, scrollTop: 30_000 })).toEqual({ start: 5, end: 20 });
  });

  it('builds every row of a list shorter than the box', () => {
    expect(visibleRange({ ...box, count: 7, scrollTop: 0 })).toEqual({ start: 0, end: 7 });
  });

  it('builds nothing for an empty list', () => {
    expect(visibleRange({ ...box, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('still builds a row before the box has a height', () => {
    expect(visibleRange({ ...box, viewportHeight: 0, overscan: 0, scrollTop: 80 })).toEqual({
      start: 2,
      end: 3,
    });
  });
});

/** Items as a string, e.g. "gap3 3 4 gap5", to read the layout at a glance. */
const show = (items: WindowItem[]) =>
  items.map((i) => (i.kind === 'row' ? `${i.index}` : `gap${i.rows}`)).join(' ');

describe('windowItems', () => {
  it('puts gaps above and below the built rows, together as tall as the rows left out', () => {
    expect(show(windowItems(10, { start: 3, end: 5 }))).toBe('gap3 3 4 gap5');
  });

  it('has no gaps when every row is built', () => {
    expect(show(windowItems(3, { start: 0, end: 3 }))).toBe('0 1 2');
  });

  it('keeps a focused row above the window in its place', () => {
    expect(show(windowItems(10, { start: 6, end: 8 }, 1))).toBe('gap1 1 gap4 6 7 gap2');
  });

  it('keeps a focused row below the window in its place', () => {
    expect(show(windowItems(10, { start: 0, end: 2 }, 9))).toBe('0 1 gap7 9');
  });

  it('does not repeat a focused row inside the window, nor one past the list', () => {
    expect(show(windowItems(10, { start: 2, end: 4 }, 3))).toBe('gap2 2 3 gap6');
    expect(show(windowItems(10, { start: 2, end: 4 }, 12))).toBe('gap2 2 3 gap6');
  });

  it('clips a range longer than the list', () => {
    expect(show(windowItems(4, { start: 2, end: 9 }))).toBe('gap2 2 3');
  });

  it('gives every gap a key of its own', () => {
    const keys = windowItems(10, { start: 6, end: 8 }, 1).flatMap((i) =>
      i.kind === 'gap' ? [i.key] : [],
    );
    expect(new Set(keys).size).toBe(3);
  });
});

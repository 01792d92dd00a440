import { describe, expect, it } from 'vitest';
import {
  copyPath,
  isWithin,
  movedPath,
  treeKey,
  visibleItems,
} from '../../../src/lib/project/tree-model';

const entries = [
  { path: 'README.md', kind: 'file' as const },
  { path: 'src', kind: 'dir' as const },
  { path: 'src/features.js', kind: 'file' as const },
  { path: 'src/lib/util.js', kind: 'file' as const },
  { path: 'tests/file10.test.js', kind: 'file' as const },
  { path: 'tests/file9.test.js', kind: 'file' as const },
  { path: 'empty', kind: 'dir' as const },
];

describe('visibleItems', () => {
  it('lists folders first, then files, and hides what is in closed folders', () => {
    expect(visibleItems(entries, new Set()).map((i) => i.path)).toEqual([
      'empty',
      'src',
      'tests',
      'README.md',
    ]);
  });

  it('shows the children of open folders, one level deeper, folders implied by file paths too', () => {
    const items = visibleItems(entries, new Set(['src', 'src/lib', 'tests']));
    expect(items.map((i) => `${i.depth}:${i.path}`)).toEqual([
      '0:empty',
      '0:src',
      '1:src/lib',
      '2:src/lib/util.js',
      '1:src/features.js',
      '0:tests',
      '1:tests/file9.test.js',
      '1:tests/file10.test.js',
      '0:README.md',
    ]);
    expect(items.find((i) => i.path === 'src')?.expanded).toBe(true);
    expect(items.find((i) => i.path === 'empty')?.expanded).toBe(false);
  });

  it('draws 2,000 files in one folder quickly', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      path: `data/f${i}.js`,
      kind: 'file' as const,
    }));
    const started = performance.now();
    const items = visibleItems(many, new Set(['data']));
    expect(items).toHaveLength(2001);
    expect(items[2]?.name).toBe('f1.js');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('treeKey', () => {
  const items = visibleItems(entries, new Set(['src']));

  it('moves the selection with the arrow keys, Home and End, staying inside the list', () => {
    expect(treeKey(items, undefined, 'ArrowDown')).toEqual({ type: 'select', path: 'empty' });
    expect(treeKey(items, 'empty', 'ArrowDown')).toEqual({ type: 'select', path: 'src' });
    expect(treeKey(items, 'empty', 'ArrowUp')).toEqual({ type: 'select', path: 'empty' });
    expect(treeKey(items, 'src', 'End')).toEqual({ type: 'select', path: 'README.md' });
    expect(treeKey(items, 'README.md', 'ArrowDown')).toEqual({
      type: 'select',
      path: 'README.md',
    });
  });

  it('opens and closes folders with Right and Left, and Left on a child goes to its folder', () => {
    expect(treeKey(items, 'tests', 'ArrowRight')).toEqual({ type: 'expand', path: 'tests' });
    expect(treeKey(items, 'src', 'ArrowRight')).toEqual({ type: 'select', path: 'src/lib' });
    expect(treeKey(items, 'src', 'ArrowLeft')).toEqual({ type: 'collapse', path: 'src' });
    expect(treeKey(items, 'src/features.js', 'ArrowLeft')).toEqual({
      type: 'select',
      path: 'src',
    });
  });

  it('Enter opens a file or toggles a folder; F2 renames; Delete deletes', () => {
    expect(treeKey(items, 'README.md', 'Enter')).toEqual({ type: 'open', path: 'README.md' });
    expect(treeKey(items, 'src', 'Enter')).toEqual({ type: 'collapse', path: 'src' });
    expect(treeKey(items, 'tests', 'Enter')).toEqual({ type: 'expand', path: 'tests' });
    expect(treeKey(items, 'src', 'F2')).toEqual({ type: 'rename', path: 'src' });
    expect(treeKey(items, 'README.md', 'Delete')).toEqual({ type: 'delete', path: 'README.md' });
  });

  it('leaves other keys (typing, Tab) to the page', () => {
    expect(treeKey(items, 'src', 'a')).toBeUndefined();
    expect(treeKey(items, 'src', 'Tab')).toBeUndefined();
    expect(treeKey([], undefined, 'ArrowDown')).toBeUndefined();
  });
});

describe('movedPath and isWithin', () => {
  it('follows a renamed folder into its files, and leaves look-alike names alone', () => {
    expect(movedPath('src/a.js', 'src', 'lib')).toBe('lib/a.js');
    expect(movedPath('src', 'src', 'lib')).toBe('lib');
    expect(movedPath('src-old/a.js', 'src', 'lib')).toBeUndefined();
    expect(isWithin('src/a.js', 'src')).toBe(true);
    expect(isWithin('src-old/a.js', 'src')).toBe(false);
  });
});

describe('copyPath', () => {
  it('names a copy beside the file, never over an existing one', () => {
    const taken = new Set(['src/a.mine.js']);
    expect(copyPath('src/a.js', () => false)).toBe('src/a.mine.js');
    expect(copyPath('src/a.js', (p) => taken.has(p))).toBe('src/a.mine-2.js');
    expect(copyPath('Dockerfile', () => false)).toBe('Dockerfile.mine');
  });
});

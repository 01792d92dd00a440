import { describe, expect, it } from 'vitest';
import {
  forgetProject,
  readDrafts,
  readTabs,
  textHash,
  writeDrafts,
  writeTabs,
  type DraftStorage,
} from '../../../src/lib/project/drafts';

function memory(limit = Infinity): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > limit) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

describe('drafts', () => {
  it('keeps unsaved text per project through a reload', () => {
    const storage = memory();
    expect(writeDrafts(storage, 'p1', { 'a.js': { text: 'x = 1', base: textHash('') } })).toBe(
      true,
    );
    expect(readDrafts(storage, 'p1')).toEqual({ 'a.js': { text: 'x = 1', base: textHash('') } });
    expect(readDrafts(storage, 'p2')).toEqual({});
    writeDrafts(storage, 'p1', {});
    expect(storage.map.size).toBe(0);
  });

  it('says so when storage refuses, and skips malformed entries instead of throwing', () => {
    expect(writeDrafts(memory(10), 'p', { a: { text: 'long text here', base: '0:0' } })).toBe(
      false,
    );
    expect(writeDrafts(undefined, 'p', {})).toBe(false);
    const storage = memory();
    storage.setItem('labbook:project-drafts:p', '{"a":{"text":1},"b":{"text":"t","base":"h"}');
    expect(readDrafts(storage, 'p')).toEqual({});
    storage.setItem('labbook:project-drafts:p', '{"a":{"text":1},"b":{"text":"t","base":"h"}}');
    expect(readDrafts(storage, 'p')).toEqual({ b: { text: 't', base: 'h' } });
  });

  it('remembers open tabs, and forgets a deleted project', () => {
    const storage = memory();
    writeTabs(storage, 'p', { paths: ['a.js', 'b.md'], active: 'b.md' });
    expect(readTabs(storage, 'p')).toEqual({ paths: ['a.js', 'b.md'], active: 'b.md' });
    storage.setItem('labbook:project-tabs:q', '{"paths":[1,"x"],"active":3}');
    expect(readTabs(storage, 'q')).toEqual({ paths: ['x'], active: undefined });
    forgetProject(storage, 'p');
    expect(readTabs(storage, 'p')).toEqual({ paths: [], active: undefined });
  });

  it('tells versions apart by hash, including same-length edits', () => {
    expect(textHash('abc')).toBe(textHash('abc'));
    expect(textHash('abc')).not.toBe(textHash('abd'));
    expect(textHash('')).not.toBe(textHash('a'));
  });
});

import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_MAX_BYTES,
  MIN_BUDGET_BYTES,
  boundedUnzip,
  importBudget,
} from '../../../src/lib/store/workspace-unzip';
import { jsonTooDeep } from '../../../src/lib/store/json-depth';

const LIMITS = { maxTotalBytes: 1e8, maxEntries: 100 };

describe('bounded unzip', () => {
  it('reads what fflate writes, stored, deflated and empty, exactly as unzipSync does', () => {
    const random = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251);
    const zip = zipSync({
      'manifest.json': strToU8('{"a":1}'),
      'blobs/stored.bin': [random, { level: 0 }],
      'blobs/deflated.bin': [new Uint8Array(40_000).fill(3), { level: 9 }],
      'empty.txt': new Uint8Array(0),
      'folder/': new Uint8Array(0),
    });
    const result = boundedUnzip(zip, LIMITS);
    expect(result).toEqual({
      ok: true,
      files: unzipSync(zip, { filter: (f) => !f.name.endsWith('/') }),
      folders: ['folder/'],
      sizes: {
        'manifest.json': 7,
        'blobs/stored.bin': 20_000,
        'blobs/deflated.bin': 40_000,
        'empty.txt': 0,
      },
    });
  });

  it('never inflates skipped prefixes', () => {
    const zip = zipSync({ 'exports/mlruns.zip': new Uint8Array(10), 'a.json': strToU8('[]') });
    const result = boundedUnzip(zip, { ...LIMITS, skip: ['exports/'] });
    expect(result.ok && Object.keys(result.files)).toEqual(['a.json']);
  });

  it('budgets what the storage has free, within a floor and a ceiling', () => {
    expect(importBudget()).toBe(ABSOLUTE_MAX_BYTES);
    expect(importBudget({ usage: 0, quota: 1e12 })).toBe(ABSOLUTE_MAX_BYTES);
    expect(importBudget({ usage: 9.9e8, quota: 1e9 })).toBe(MIN_BUDGET_BYTES);
    expect(importBudget({ usage: 2e8, quota: 6e8 })).toBe(4e8);
  });
});

describe('JSON depth', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTooDeep('[[1],{"a":[2]}]', 3)).toBeUndefined();
    expect(jsonTooDeep('[[[["x"]]]]', 3)).toBe(3);
    expect(jsonTooDeep('["[[[[", "\\"[[[["]', 1)).toBeUndefined();
  });
});

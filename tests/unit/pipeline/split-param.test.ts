import { describe, expect, it } from 'vitest';
import { parseSplitParam, splitParam } from '../../../src/lib/pipeline/split-param';

describe('the split param a pipeline run records', () => {
  it('reads back what it writes, so monitoring can replay the split', () => {
    for (const split of ['course', { test_size: 0.3 }, { test_size: 0.25 }] as const)
      expect(parseSplitParam(splitParam(split))).toEqual(split);
  });

  it('names no split for values it never writes', () => {
    for (const value of [undefined, '', 'test_size', 'test_size 0', 'test_size 1.5', 'random'])
      expect(parseSplitParam(value)).toBeNull();
  });
});

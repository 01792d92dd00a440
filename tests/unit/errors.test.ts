import { describe, expect, it } from 'vitest';
import { LabbookError } from '../../src/lib/errors';
import { ProjectError } from '../../src/lib/project/errors';
import { StoreError } from '../../src/lib/store/errors';
import { SqlError } from '../../src/lib/data/sql/database';
import { TrainError } from '../../src/lib/train/errors';
import { LabError } from '../../src/lib/lab/errors';
import { fromFilter } from '../../src/lib/data/docstore/query';
import { kFold } from '../../src/lib/train/cv';

describe('LabbookError', () => {
  it('carries code, message and cause, and sets details only when given', () => {
    const cause = new Error('low level');
    const e = new LabbookError('x-code', 'What happened. The fix.', { cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.message, e.cause]).toEqual(['x-code', 'What happened. The fix.', cause]);
    expect(Object.hasOwn(e, 'details')).toBe(false);
    const d = new LabbookError('y', 'm', { details: { row: 3 } });
    expect(d.details).toEqual({ row: 3 });
  });

  it('is the base of the domain errors, which keep their names and codes', () => {
    const errors = [
      new ProjectError('bad-path', 'm', 'a/b'),
      new StoreError('quota', 'm'),
      new SqlError('near "x": syntax error', 'x', 0),
      new TrainError('singular', 'm'),
    ];
    for (const e of errors) expect(e).toBeInstanceOf(LabbookError);
    expect(errors.map((e) => [e.name, e.code])).toEqual([
      ['ProjectError', 'bad-path'],
      ['StoreError', 'quota'],
      ['SqlError', 'sql-error'],
      ['TrainError', 'singular'],
    ]);
    // Cells show `name: message`; the lab's refusals read as they always did.
    expect(new LabError('not-deployed', 'm').name).toBe('Error');
  });

  it('replaces the bare errors with coded ones', () => {
    expect(() => fromFilter({ $nope: 1 })).toThrow(
      expect.objectContaining({ code: 'unknown-operator' }),
    );
    expect(() => kFold(3, 5)).toThrow(expect.objectContaining({ code: 'bad-folds' }));
  });
});

import { describe, expect, it } from 'vitest';
import type { WorkflowRun } from '../../../src/lib/ci/run-types';
import { keepFinished } from '../../../src/state/ci-runs';

const run = (id: string, status: WorkflowRun['status']) => ({ id, status }) as WorkflowRun;

describe('the CI panel keeps the runs it shows once they finished', () => {
  it('a finished run keeps its object; a running one, a new one and a re-run are the fresh read', () => {
    const shown = [run('b', 'running'), run('a', 'success')];
    const fresh = [run('c', 'queued'), run('b', 'success'), run('a', 'success')];
    const next = keepFinished(shown, fresh);
    expect(next.map((r) => [r.id, r.status])).toEqual([
      ['c', 'queued'],
      ['b', 'success'],
      ['a', 'success'],
    ]);
    expect(next[2]).toBe(shown[1]);
    expect(next[1]).toBe(fresh[1]);
    expect(next[0]).toBe(fresh[0]);
    // A run gone from the store (deleted with its project) is gone from the list.
    expect(keepFinished(shown, [fresh[0]!])).toEqual([fresh[0]]);
  });
});

import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, dexieCiRunPort, dexieRegistryPort, openStore } from '../../../src/lib/store';
import type { WorkflowRun } from '../../../src/lib/ci/run-types';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const run = (id: string, status: WorkflowRun['status'], createdAt: number): WorkflowRun => ({
  id,
  projectId: 'p',
  file: '.github/workflows/ci.yml',
  workflow: 'ci',
  event: { name: 'push', branch: 'main', sha: 'a'.repeat(40) },
  status,
  createdAt,
  durationMs: 10,
  jobs: [],
  reports: [],
  artifacts: [],
  vouched: [{ name: 'diabetes', version: 2 }],
  rerunOf: null,
});

describe('CI runs in IndexedDB', () => {
  it('stores runs, finds those vouching for a version, and the registry port gates champion on them', async () => {
    const db = await openStore();
    const port = dexieCiRunPort(db);
    await port.putRun(run('r1', 'failure', 1));
    await port.putRun(run('r2', 'success', 2));
    expect((await port.runs('p')).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(await port.run('r1')).toEqual(run('r1', 'failure', 1));
    expect((await port.runsVouching('diabetes', 2)).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(await port.runsVouching('diabetes', 1)).toEqual([]);
    const gate = dexieRegistryPort(db).aliasGate!;
    const version = { name: 'diabetes', version: 2 } as Parameters<typeof gate>[0];
    expect(await gate(version, 'champion')).toBeNull(); // the latest run is green
    await port.putRun(run('r3', 'failure', 3));
    expect(await gate(version, 'champion')).toMatch(/its workflow "ci" \(run r3\) is failure/);
    expect(await port.protection('p')).toEqual({ branch: 'main', requiredWorkflows: [] });
    await port.setProtection('p', { branch: 'main', requiredWorkflows: ['ci'] });
    expect(await port.protection('p')).toEqual({ branch: 'main', requiredWorkflows: ['ci'] });
    db.close();
  });
});

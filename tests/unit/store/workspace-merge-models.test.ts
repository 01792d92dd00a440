import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  dexieCiRunPort,
  exportWorkspace,
  importWorkspace,
  openStore,
  type LabbookDB,
} from '../../../src/lib/store';
import type { CiRunRow } from '../../../src/lib/store/schema';
import { planNumbers } from '../../../src/lib/store/workspace-merge-models';
import { remapVersionPointers } from '../../../src/lib/store/workspace-merge-pointers';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

/** A workspace file made in "another browser": the rows written, exported, then wiped. */
async function otherBrowser(fill: (db: LabbookDB) => Promise<unknown>): Promise<Uint8Array> {
  const db = await openStore();
  await fill(db);
  const bytes = await exportWorkspace(db);
  await Promise.all(db.tables.map((t) => t.clear()));
  db.close();
  return bytes;
}

const version = (name: string, n: number, runId: string, extra: Record<string, unknown> = {}) => ({
  name,
  version: n,
  runId,
  source: `runs:/${runId}/model`,
  artifactPath: 'model/model.json',
  description: '',
  tags: {},
  createdAt: n,
  tests: null,
  ...extra,
});
const model = (name: string, aliases: Record<string, number>, updatedAt = 1) => ({
  name,
  description: '',
  tags: {},
  aliases,
  createdAt: 1,
  updatedAt,
});
const request = (id: string, endpoint: string, v: number, extra: Record<string, unknown> = {}) => ({
  id,
  endpoint,
  at: 1,
  version: v,
  variant: 'single',
  ...extra,
});
const ciRun = (id: string, vouched: { name: string; version: number }[], uri: string) => ({
  id,
  projectId: 'p',
  createdAt: 1,
  status: 'success',
  vouched,
  vouchedKeys: vouched.map((v) => `${v.name}@${v.version}`),
  jobs: [
    {
      key: 'train',
      outputs: { 'model-uri': uri },
      steps: [{ name: 'train', outputs: { 'model-uri': uri, note: 'kept as written' } }],
    },
  ],
});

/** This browser: diabetes v1 and v2 from its own runs, champion at 2. */
async function thisBrowser(): Promise<LabbookDB> {
  const db = await openStore();
  await db.modelVersions.bulkPut([
    version('diabetes', 1, 'mine-1'),
    version('diabetes', 2, 'mine-2'),
  ]);
  await db.models.put(model('diabetes', { champion: 2 }));
  return db;
}

describe('merging model versions', () => {
  it('renumbers a version that differs and moves every pointer of the file to it', async () => {
    const bytes = await otherBrowser(async (db) => {
      // Shares v1 with this browser (same run); its v2 is another run.
      const report = { at: 5, passed: true, results: [] };
      await db.modelVersions.bulkPut([
        version('diabetes', 1, 'mine-1'),
        version('diabetes', 2, 'theirs-2', { tests: report }),
      ]);
      await db.models.put(model('diabetes', { champion: 2, challenger: 2, old: 1 }, 9));
      await db.endpoints.bulkPut([
        {
          name: 'api',
          model: 'diabetes',
          deployment: { strategy: 'canary', stable: 1, canary: 2, percent: 10 },
          faults: { 2: { latencyMs: 50, errorRate: 0 } },
        },
        { name: 'solo', model: 'diabetes', deployment: { strategy: 'single', version: 2 } },
      ]);
      await db.deploymentEvents.put({
        id: 'e1',
        endpoint: 'api',
        at: 1,
        kind: 'deploy',
        from: { strategy: 'single', version: 1 },
        to: { strategy: 'canary', stable: 1, canary: 2, percent: 10 },
      });
      await db.requests.bulkPut([
        request('r1', 'api', 2),
        request('r2', 'api', 1),
        request('r3', 'student', 2, { model: 'diabetes' }),
      ]);
      await db.datasetNames.put({
        name: 'api-predictions',
        versionId: 'v-1',
        parents: ['v-0'],
        transform: {
          kind: 'predictions',
          description: 'Scored by diabetes v2 (endpoint "api"), not diabetes v21',
          params: { endpoint: 'api', model: 'diabetes', version: 2, source: 'v-0' },
        },
        createdAt: 1,
      });
      // Only the fields a merge reads: a full WorkflowRun would hide them.
      const run = ciRun('ci-1', [{ name: 'diabetes', version: 2 }], 'models:/diabetes/2');
      await db.ciRuns.put(run as unknown as CiRunRow);
    });
    const db = await thisBrowser();
    const report = await importWorkspace(db, bytes, { mode: 'merge' });

    expect(report.versions).toEqual([{ model: 'diabetes', version: 2, keptAs: 3 }]);
    const versions = await db.modelVersions.toArray();
    expect(versions.map((v) => [v.version, v.runId])).toEqual([
      [1, 'mine-1'],
      [2, 'mine-2'],
      [3, 'theirs-2'],
    ]);
    // The model-test report is on the version's row: it moved with it.
    expect(versions[2]!.tests).toEqual({ at: 5, passed: true, results: [] });
    expect(versions[1]!.tests).toBeNull();

    // Aliases: this browser's champion stays; the file's challenger follows its version.
    expect((await db.models.get('diabetes'))?.aliases).toEqual({
      champion: 2,
      challenger: 3,
      old: 1,
    });
    expect(report.aliases).toEqual([{ model: 'diabetes', alias: 'champion', kept: 2, theirs: 3 }]);

    expect(await db.endpoints.get('api')).toMatchObject({
      deployment: { strategy: 'canary', stable: 1, canary: 3 },
      faults: { 3: { latencyMs: 50, errorRate: 0 } },
    });
    expect((await db.endpoints.get('api'))!.faults).not.toHaveProperty('2');
    expect(await db.endpoints.get('solo')).toMatchObject({ deployment: { version: 3 } });
    expect(await db.deploymentEvents.get('e1')).toMatchObject({
      from: { version: 1 },
      to: { stable: 1, canary: 3 },
    });
    expect((await db.requests.toArray()).map((r) => [r.id, r.version])).toEqual([
      ['r1', 3],
      ['r2', 1],
      ['r3', 3],
    ]);
    const lineage = await db.datasetNames.get(['api-predictions', 'v-1']);
    expect(lineage?.transform).toMatchObject({
      description: 'Scored by diabetes v3 (endpoint "api"), not diabetes v21',
      params: { model: 'diabetes', version: 3 },
    });
    const runs = dexieCiRunPort(db);
    expect((await runs.runsVouching('diabetes', 3)).map((r) => r.id)).toEqual(['ci-1']);
    expect(await runs.runsVouching('diabetes', 2)).toEqual([]);
    const ci = await db.ciRuns.get('ci-1');
    expect(ci?.jobs[0]).toMatchObject({
      outputs: { 'model-uri': 'models:/diabetes/3' },
      steps: [{ outputs: { 'model-uri': 'models:/diabetes/3', note: 'kept as written' } }],
    });

    // Merging the same file again changes nothing and reports nothing new.
    const again = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(again.versions).toEqual([]);
    expect(await db.modelVersions.count()).toBe(3);
    expect(again.tables.modelVersions).toEqual({ added: 0, updated: 0, skipped: 2 });
    db.close();
  });

  it('meets the same version under another number as one, and follows it there', async () => {
    // The file's v3 is this browser's v2 (same run); its v2 is a run this browser lacks.
    const bytes = await otherBrowser(async (db) => {
      await db.modelVersions.bulkPut([
        version('diabetes', 1, 'mine-1'),
        version('diabetes', 2, 'theirs-2'),
        version('diabetes', 3, 'mine-2', { tags: { reviewed: 'yes' }, description: 'from them' }),
      ]);
      await db.models.put(model('diabetes', { champion: 3 }));
      await db.requests.put({ ...request('r1', 'api', 3), model: 'diabetes' });
    });
    const db = await thisBrowser();
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    const versions = await db.modelVersions.toArray();
    expect(versions.map((v) => [v.version, v.runId])).toEqual([
      [1, 'mine-1'],
      [2, 'mine-2'],
      [3, 'theirs-2'],
    ]);
    // One version: this browser's row, with the file's tag and notes (it had none).
    expect(versions[1]).toMatchObject({ tags: { reviewed: 'yes' }, description: 'from them' });
    expect(report.versions).toEqual([{ model: 'diabetes', version: 2, keptAs: 3 }]);
    expect(report.aliases).toEqual([]);
    expect((await db.models.get('diabetes'))?.aliases).toEqual({ champion: 2 });
    expect((await db.requests.get('r1'))?.version).toBe(2);
    db.close();
  });

  it('keeps a version whose number is free here, and other models untouched', async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.modelVersions.bulkPut([
        version('diabetes', 4, 'theirs-4'),
        version('iris', 2, 'theirs-iris'),
      ]);
      await db.models.put(model('iris', { champion: 2 }));
    });
    const db = await thisBrowser();
    await db.modelVersions.put(version('iris', 2, 'mine-iris'));
    await db.models.put(model('iris', {}, 5));
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(report.versions).toEqual([{ model: 'iris', version: 2, keptAs: 3 }]);
    expect((await db.modelVersions.get(['diabetes', 4]))?.runId).toBe('theirs-4');
    // An alias only the file has follows its version; this browser's newer notes stay.
    expect(await db.models.get('iris')).toMatchObject({ aliases: { champion: 3 }, updatedAt: 5 });
    db.close();
  });

  it('rolls back every renumbered version and pointer when a later table fails', async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.modelVersions.put(version('diabetes', 2, 'theirs-2'));
      await db.requests.put({ ...request('r1', 'api', 2), model: 'diabetes' });
      await db.documents.put({ table: 't', docId: 1, doc: { theirs: true } });
      await db.projects.bulkPut([
        { id: 'p1', name: 'twin', createdAt: 1, updatedAt: 1 },
        { id: 'p2', name: 'twin-2', createdAt: 1, updatedAt: 1 },
      ]);
    });
    // Two projects of one name: only a hand-edited file holds them, and it fails on the projects
    // table, after models, versions, requests and documents were written.
    const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(bytes);
    files['tables/projects.json'] = strToU8(
      strFromU8(files['tables/projects.json']!).replace('"twin-2"', '"twin"'),
    );
    const { files: _, ...manifest } = JSON.parse(strFromU8(files['manifest.json']!));
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const db = await thisBrowser();
    await db.documents.put({ table: 't', docId: 1, doc: { mine: true } });
    await expect(importWorkspace(db, zipSync(files), { mode: 'merge' })).rejects.toMatchObject({
      code: 'constraint',
    });
    expect(await db.modelVersions.count()).toBe(2);
    expect(await db.requests.count()).toBe(0);
    expect(await db.documents.toArray()).toEqual([{ table: 't', docId: 1, doc: { mine: true } }]);
    db.close();
  });
});

describe('the numbering plan', () => {
  const v = (n: number, runId: string) => version('m', n, runId);
  it('matches by run and source, keeps free numbers, renumbers clashes past every number', () => {
    const plan = planNumbers(
      [v(1, 'a'), v(2, 'b'), v(3, 'x')],
      [v(1, 'a'), v(2, 'y'), v(4, 'x'), v(3, 'z'), v(7, 'w')],
    );
    expect([...plan]).toEqual([
      [1, 1],
      [4, 3],
      [7, 7],
      [2, 8],
      [3, 9],
    ]);
  });

  it('tells apart two registrations of one run under other artifact paths', () => {
    const other = { ...v(1, 'a'), source: 'runs:/a/other-model' };
    expect(planNumbers([v(1, 'a')], [other]).get(1)).toBe(2);
  });
});

describe('pointer remapping', () => {
  it('changes nothing when no number moves', () => {
    const tables = { requests: [request('r', 'api', 2)] };
    expect(remapVersionPointers(tables, new Map([['m', new Map([[2, 2]])]]))).toBe(tables);
  });

  it('keeps "__proto__" an alias and a fault key, never a prototype', () => {
    const aliases = JSON.parse('{"__proto__": 1}') as Record<string, number>;
    const out = remapVersionPointers(
      { models: [model('m', aliases)] },
      new Map([['m', new Map([[1, 2]])]]),
    );
    const moved = (out.models![0] as { aliases: Record<string, number> }).aliases;
    expect(Object.getPrototypeOf(moved)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(moved, '__proto__')?.value).toBe(2);
  });

  it('leaves rows of an endpoint the file does not describe as they are', () => {
    const tables = { requests: [request('r', 'gone', 2)] };
    const out = remapVersionPointers(tables, new Map([['m', new Map([[2, 3]])]]));
    expect(out.requests).toEqual(tables.requests);
  });
});

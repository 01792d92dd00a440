import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { strToU8 } from 'fflate';
import { afterEach, describe, expect } from 'vitest';
import {
  DB_NAME,
  exportWorkspace,
  getCellSources,
  importWorkspace,
  inspectWorkspaceFile,
  openStore,
  saveCellSource,
} from '../../src/lib/store';
import type { LabbookDB } from '../../src/lib/store';
import { hostile } from './hostile';
import { cell, declareSize, workspaceZip } from './workspace-zips';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

/** A workspace with one saved edit, to prove a refused import changes nothing. */
async function withEdit(): Promise<LabbookDB> {
  const db = await openStore();
  await saveCellSource(db, 'l', 'mine', 'my work');
  return db;
}

async function refusedAndUntouched(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const db = await withEdit();
  try {
    const inspection = inspectWorkspaceFile(bytes);
    expect(inspection.ok).toBe(false);
    expect(inspection.problems.map((p) => p.message).join('\n')).toMatch(reason);
    for (const mode of ['merge', 'replace'] as const)
      await expect(importWorkspace(db, bytes, { mode })).rejects.toMatchObject({
        code: 'invalid-import',
      });
    expect(await getCellSources(db, 'l')).toEqual(new Map([['mine', 'my work']]));
  } finally {
    db.close();
  }
}

describe('workspace files', () => {
  hostile(
    'workspace-file',
    'a small zip whose entry expands to far more than it declares (zip bomb)',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      const bomb = workspaceZip({}, { 'tables/cells.json': new Uint8Array(40 * 1024 ** 2) });
      expect(bomb.length).toBeLessThan(1024 ** 2);
      await refusedAndUntouched(
        declareSize(bomb, 'tables/cells.json', 1000),
        /"tables\/cells\.json" declares 1\.0 KB but expands to more/,
      );
    },
  );

  hostile(
    'workspace-file',
    'a zip entry that declares 3 GB',
    { guards: 'availability' },
    async () => {
      const zip = declareSize(workspaceZip({ cells: [] }), 'tables/cells.json', 3_000_000_000);
      await refusedAndUntouched(zip, /"tables\/cells\.json" expands to 3\.0 GB, more than the/);
    },
  );

  hostile(
    'workspace-file',
    'an honest zip larger than the storage budget',
    { guards: 'availability', timeout: 30_000 },
    () => {
      const zip = workspaceZip({}, { 'blobs/big.bin': new Uint8Array(20 * 1024 ** 2) });
      const inspection = inspectWorkspaceFile(zip, {
        maxTotalBytes: 10 * 1024 ** 2,
        maxEntries: 100,
      });
      expect(inspection.problems[0]?.message).toMatch(
        /"blobs\/big\.bin" expands to 21\.0 MB, more than the 10\.5 MB left of this import's budget/,
      );
    },
  );

  hostile(
    'workspace-file',
    'a zip with 25,000 entries',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      const extra = Object.fromEntries(
        Array.from({ length: 25_000 }, (_, i) => [`blobs/x/${i}.bin`, new Uint8Array(0)]),
      );
      await refusedAndUntouched(workspaceZip({}, extra), /25,001 entries; .* at most 20,000/);
    },
  );

  hostile('workspace-file', 'a path traversal entry name', { guards: 'security' }, async () => {
    const zip = workspaceZip({ cells: [] }, { '../../evil.js': strToU8('alert(1)') });
    await refusedAndUntouched(zip, /"\.\.\/\.\.\/evil\.js" points outside the workspace/);
  });

  hostile('workspace-file', 'the same entry twice', { guards: 'data' }, async () => {
    const one = workspaceZip({ cells: [cell('first')] });
    // fflate will not write a name twice, so rename a second entry to the first's name.
    const two = workspaceZip({ cells: [cell('first')], cellz: [cell('second')] });
    const patched = two.slice();
    const from = strToU8('tables/cellz.json');
    for (let i = 0; i < patched.length - from.length; i++)
      if (from.every((b, j) => patched[i + j] === b)) patched[i + 11] = 's'.charCodeAt(0);
    expect(inspectWorkspaceFile(one).ok).toBe(true);
    await refusedAndUntouched(patched, /holds "tables\/cells\.json" twice/);
  });

  hostile(
    'workspace-file',
    'a manifest that lies about how many rows a table holds',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({ cells: [cell('a')] }, {}, { cells: 5 });
      await refusedAndUntouched(
        zip,
        /manifest\.json says tables\/cells\.json holds 5 rows, but it holds 1/,
      );
    },
  );

  hostile(
    'workspace-file',
    'a manifest that names a table the Labbook does not have',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({ lessons: [] });
      await refusedAndUntouched(zip, /table "lessons" that the Labbook does not have/);
    },
  );

  hostile(
    'workspace-file',
    'a table file the manifest does not list',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({ cells: [cell('a')] }, {}, {});
      await refusedAndUntouched(zip, /tables\/cells\.json is in the zip but not in manifest\.json/);
    },
  );

  hostile('workspace-file', 'JSON nested 100,000 deep', { guards: 'availability' }, async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const zip = workspaceZip(
      {},
      { 'tables/settings.json': strToU8(`[{"key":"k","value":${deep}}]`) },
      { settings: 1 },
    );
    await refusedAndUntouched(zip, /tables\/settings\.json nests deeper than 256 levels/);
  });

  hostile('workspace-file', 'a text file renamed .zip', { guards: 'clarity' }, async () => {
    await refusedAndUntouched(strToU8('just some notes\n'.repeat(100)), /it is not a zip file/);
  });

  hostile('workspace-file', 'a truncated export', { guards: 'clarity' }, async () => {
    const db = await withEdit();
    const bytes = await exportWorkspace(db);
    db.close();
    await Dexie.delete(DB_NAME);
    await refusedAndUntouched(
      bytes.subarray(0, bytes.length - 30),
      /not a zip file|damaged|cut short/,
    );
  });

  hostile(
    'workspace-file',
    'merging a file from a browser whose experiments share names with this one',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({
        experiments: [{ id: 'theirs', name: 'lesson-07', createdAt: 1 }],
        runs: [{ id: 'r2', experimentId: 'theirs', startTime: 2 }],
      });
      const db = await withEdit();
      try {
        await db.experiments.put({ id: 'mine', name: 'lesson-07', createdAt: 1 });
        await db.runs.put({ id: 'r1', experimentId: 'mine', startTime: 1 });
        await importWorkspace(db, zip, { mode: 'merge' });
        expect((await db.runs.toArray()).map((r) => r.experimentId)).toEqual(['mine', 'mine']);
        expect(await db.experiments.count()).toBe(1);
      } finally {
        db.close();
      }
    },
  );

  hostile(
    'workspace-file',
    'merging an older file over newer edits',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({ cells: [{ ...cell('old'), cellId: 'mine' }] });
      const db = await withEdit();
      try {
        await importWorkspace(db, zip, { mode: 'merge' });
        const sources = await getCellSources(db, 'l');
        expect(sources.get('mine')).toBe('my work');
        expect(sources.get('scratch~mine~1')).toMatch(/\nold$/);
      } finally {
        db.close();
      }
    },
  );

  hostile(
    'workspace-file',
    'a file with two experiments of one name',
    { guards: 'clarity' },
    async () => {
      const zip = workspaceZip({
        experiments: [
          { id: 'a', name: 'same', createdAt: 1 },
          { id: 'b', name: 'same', createdAt: 1 },
        ],
      });
      const db = await withEdit();
      try {
        const error = await importWorkspace(db, zip, { mode: 'replace' }).catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: 'constraint',
          message: expect.stringMatching(/^tables\/experiments\.json: .*name "same"/),
        });
        // All or nothing: the replace was rolled back.
        expect(await getCellSources(db, 'l')).toEqual(new Map([['mine', 'my work']]));
      } finally {
        db.close();
      }
    },
  );
});

describe('merging what two browsers numbered alike', () => {
  const version = (n: number, runId: string) => ({
    name: 'diabetes',
    version: n,
    runId,
    source: `runs:/${runId}/model`,
    createdAt: 1,
    tests: null,
  });

  hostile(
    'workspace-file',
    'merging a file whose model has a version number this browser also used, for another run',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({
        modelVersions: [version(1, 'shared'), version(2, 'their-run')],
        models: [{ name: 'diabetes', aliases: { champion: 2 }, updatedAt: 9e12 }],
        endpoints: [
          { name: 'api', model: 'diabetes', deployment: { strategy: 'single', version: 2 } },
        ],
        requests: [{ id: 'r1', endpoint: 'api', at: 1, version: 2 }],
      });
      const db = await withEdit();
      try {
        await db.modelVersions.bulkPut([version(1, 'shared'), version(2, 'my-run')]);
        await db.models.put({ name: 'diabetes', aliases: { champion: 1 }, updatedAt: 1 });
        const report = await importWorkspace(db, zip, { mode: 'merge' });
        expect((await db.modelVersions.toArray()).map((v) => [v.version, v.runId])).toEqual([
          [1, 'shared'],
          [2, 'my-run'],
          [3, 'their-run'],
        ]);
        expect(await db.endpoints.get('api')).toMatchObject({ deployment: { version: 3 } });
        expect((await db.requests.get('r1'))?.version).toBe(3);
        expect((await db.models.get('diabetes'))?.aliases).toEqual({ champion: 1 });
        expect(report.versions).toEqual([{ model: 'diabetes', version: 2, keptAs: 3 }]);
        expect(report.aliases).toEqual([
          { model: 'diabetes', alias: 'champion', kept: 1, theirs: 3 },
        ]);
      } finally {
        db.close();
      }
    },
  );

  hostile(
    'workspace-file',
    'a model alias that points at a text, not a version number',
    { guards: 'clarity' },
    async () => {
      const zip = workspaceZip({ models: [{ name: 'diabetes', aliases: { champion: '2' } }] });
      await refusedAndUntouched(
        zip,
        /tables\/models\.json, row 0, field "aliases\.champion": .*expected number/,
      );
    },
  );

  hostile(
    'workspace-file',
    'merging a model whose alias is named "__proto__", onto a version renumbered',
    { guards: 'data' },
    async () => {
      const models = `[{"name":"diabetes","aliases":{"__proto__":2},"updatedAt":1}]`;
      const zip = workspaceZip(
        { modelVersions: [version(2, 'their-run')] },
        { 'tables/models.json': strToU8(models) },
        { modelVersions: 1, models: 1 },
      );
      const db = await withEdit();
      try {
        await db.modelVersions.put(version(2, 'my-run'));
        await db.models.put({ name: 'diabetes', aliases: { champion: 2 }, updatedAt: 2 });
        await importWorkspace(db, zip, { mode: 'merge' });
        const aliases = (await db.models.get('diabetes'))!.aliases as Record<string, number>;
        expect(Object.getPrototypeOf(aliases)).toBe(Object.prototype);
        expect(Object.entries(aliases)).toEqual([
          ['champion', 2],
          ['__proto__', 3],
        ]);
      } finally {
        db.close();
      }
    },
  );

  hostile(
    'workspace-file',
    'merging a file whose NoSQL table has a document under an id this browser used for another one',
    { guards: 'data' },
    async () => {
      const zip = workspaceZip({
        documents: [
          { table: 'patients', docId: 1, doc: { name: 'Bob' }, updatedAt: 9e12 },
          { table: 'patients', docId: 2, doc: { name: 'Cy' } },
        ],
      });
      const db = await withEdit();
      try {
        // No time: written before documents carried one.
        await db.documents.bulkPut([
          { table: 'patients', docId: 1, doc: { name: 'Ann' } },
          { table: 'patients', docId: 2, doc: { name: 'Cy' } },
        ]);
        const report = await importWorkspace(db, zip, { mode: 'merge' });
        await importWorkspace(db, zip, { mode: 'merge' });
        expect((await db.documents.toArray()).map((d) => [d.docId, d.doc])).toEqual([
          [1, { name: 'Ann' }],
          [2, { name: 'Cy' }],
          [3, { name: 'Bob' }],
        ]);
        expect(report.documents).toEqual([{ table: 'patients', docId: 1, keptAs: 3 }]);
      } finally {
        db.close();
      }
    },
  );

  const block = (fields: Record<string, unknown>) => ({
    runId: 'r',
    key: 'loss',
    block: 0,
    steps: [0, 1],
    values: [1, 0.5],
    timestamps: [1, 2],
    ...fields,
  });

  hostile(
    'workspace-file',
    'a metric history block whose columns differ in length, repeat a step or hold another block’s step',
    { guards: 'data' },
    async () => {
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ values: [1] })] }),
        /tables\/metricBlocks\.json, row 0, field "values": values holds 1 entries for 2 steps/,
      );
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ steps: [1, 1] })] }),
        /field "steps\.1": steps must ascend without repeats; 1 follows 1/,
      );
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ steps: [0, 1000] })] }),
        /field "steps\.1": step 1000 belongs in block 1, not 0/,
      );
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ steps: [], values: [], timestamps: [] })] }),
        /field "steps": a block holds at least one step/,
      );
    },
  );

  hostile(
    'workspace-file',
    'an old export whose metric point has a step that is not a number, or a value that is NaN by name',
    { guards: 'clarity' },
    async () => {
      const points = (fields: Record<string, unknown>) =>
        workspaceZip({
          metricPoints: [{ runId: 'r', key: 'loss', step: 0, value: 1, timestamp: 1, ...fields }],
        });
      // Named in the file the student has (metricPoints), not the table its rows would become.
      await refusedAndUntouched(
        points({ step: 'one' }),
        /tables\/metricPoints\.json, row 0, field "step": .*expected number/,
      );
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ values: [1, { $number: 'NaN' }] })] }),
        /tables\/metricBlocks\.json, row 0, field "values\.1": expected a number \(Infinity allowed, NaN not\)/,
      );
      await refusedAndUntouched(
        workspaceZip({ metricBlocks: [block({ values: [1, { $number: '1e999', x: 1 }] })] }),
        /field "values\.1": expected a number/,
      );
    },
  );
});

import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  exportWorkspace,
  importWorkspace,
  openStore,
  toStoreError,
  type LabbookDB,
  saveDocuments,
  writeSetting,
} from '../../../src/lib/store';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

/** A workspace file made in "another browser": the rows written, exported, then wiped. */
async function otherBrowser(fill: (db: LabbookDB) => Promise<unknown>): Promise<Uint8Array> {
  const db = await openStore();
  await fill(db);
  const bytes = await exportWorkspace(db);
  await Promise.all(db.tables.map((t) => t.clear()));
  return Object.assign(bytes, { db });
}

const run = (id: string, experimentId: string) => ({ id, experimentId, startTime: 1, name: id });

describe('merging a workspace file', () => {
  it('keeps the newer of two settings', async () => {
    const bytes = await otherBrowser((db) =>
      db.settings.put({ key: 'author', value: 'file, older', updatedAt: 1 }),
    );
    const db = await openStore();
    await writeSetting(db, 'author', 'mine, newer');
    await importWorkspace(db, bytes, { mode: 'merge' });
    expect((await db.settings.get('author'))?.value).toBe('mine, newer');
    db.close();
  });

  it("keeps both documents under one id, the file's under the next free id, newer or not", async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.documents.bulkPut([
        { table: 'patients', docId: 1, doc: { v: 'file, newer' }, updatedAt: 9e12 },
        { table: 'patients', docId: 2, doc: { same: [1, { a: 2, b: 3 }] }, updatedAt: 1 },
        { table: 'patients', docId: 4, doc: { v: 'only in file' } },
        { table: 'visits', docId: 1, doc: { v: 'another table' } },
      ]);
    });
    const db = await openStore();
    await saveDocuments(db, 'patients', {
      put: [
        { docId: 1, doc: { v: 'mine, older' } },
        // Equal as JSON, keys in another order: one document.
        { docId: 2, doc: { same: [1, { b: 3, a: 2 }] } },
      ],
      delete: [],
    });
    // Written before documents carried a time: kept like any other.
    await db.documents.put({ table: 'visits', docId: 1, doc: { v: 'mine, no time' } });

    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    const docs = (await db.documents.toArray()).map((r) => [r.table, r.docId, r.doc]);
    expect(docs).toEqual([
      ['patients', 1, { v: 'mine, older' }],
      ['patients', 2, { same: [1, { b: 3, a: 2 }] }],
      ['patients', 4, { v: 'only in file' }],
      ['patients', 5, { v: 'file, newer' }],
      ['visits', 1, { v: 'mine, no time' }],
      ['visits', 2, { v: 'another table' }],
    ]);
    expect(report.documents).toEqual([
      { table: 'patients', docId: 1, keptAs: 5 },
      { table: 'visits', docId: 1, keptAs: 2 },
    ]);
    expect(report.tables.documents).toEqual({ added: 3, updated: 0, skipped: 1 });

    // The same file again: every document is here already, under one id or another.
    const again = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(again.documents).toEqual([]);
    expect(await db.documents.count()).toBe(6);
    db.close();
  });

  it("moves the file's CI runs and project settings to a project it copies", async () => {
    const project = { id: 'p-1', name: 'taxi', createdAt: 1, updatedAt: 1 };
    const file = (text: string) => ({
      projectId: 'p-1',
      path: 'train.js',
      kind: 'file' as const,
      bytes: new TextEncoder().encode(text),
      mode: 0o100644,
      mtimeMs: 1,
    });
    const ciRun = (id: string) => ({
      id,
      projectId: 'p-1',
      createdAt: 1,
      vouched: [],
      vouchedKeys: [],
    });
    const bytes = await otherBrowser(async (db) => {
      await db.projects.put(project);
      await db.projectFiles.put(file('theirs'));
      await db.ciRuns.put(ciRun('ci-theirs') as never);
      await db.settings.put({ key: 'ci.protection.p-1', value: 'theirs', updatedAt: 9e12 });
    });
    const db = await openStore();
    await db.projects.put(project);
    await db.projectFiles.put(file('mine'));
    await db.ciRuns.put(ciRun('ci-mine') as never);
    await db.settings.put({ key: 'ci.protection.p-1', value: 'mine', updatedAt: 1 });
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    const copy = report.projects[0]!.keptAs.id;
    expect(copy).not.toBe('p-1');
    expect((await db.ciRuns.toArray()).map((r) => [r.id, r.projectId])).toEqual([
      ['ci-mine', 'p-1'],
      ['ci-theirs', copy],
    ]);
    expect((await db.settings.get('ci.protection.p-1'))?.value).toBe('mine');
    expect((await db.settings.get(`ci.protection.${copy}`))?.value).toBe('theirs');
    db.close();
  });

  it('merges experiments by name and moves the file runs to the local experiment', async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.experiments.put({ id: 'theirs', name: 'lesson-07', createdAt: 1 });
      await db.runs.put(run('run-b', 'theirs'));
    });
    const db = await openStore();
    await db.experiments.put({ id: 'mine', name: 'lesson-07', createdAt: 2 });
    await db.runs.put(run('run-a', 'mine'));

    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(await db.experiments.toArray()).toMatchObject([{ id: 'mine', name: 'lesson-07' }]);
    expect((await db.runs.toArray()).map((r) => [r.id, r.experimentId])).toEqual([
      ['run-a', 'mine'],
      ['run-b', 'mine'],
    ]);
    expect(report.tables.runs).toEqual({ added: 1, updated: 0, skipped: 0 });
    db.close();
  });

  it('keeps the newer cell edit and the older one as a scratch cell, once', async () => {
    const bytes = await otherBrowser((db) =>
      db.cells.put({ lessonId: 'l', cellId: 'c', source: 'old from file', updatedAt: 1_000 }),
    );
    const db = await openStore();
    await db.cells.put({ lessonId: 'l', cellId: 'c', source: 'my newer edit', updatedAt: 2_000 });

    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    await importWorkspace(db, bytes, { mode: 'merge' });
    const rows = await db.cells.toArray();
    expect(rows.find((r) => r.cellId === 'c')?.source).toBe('my newer edit');
    const copies = rows.filter((r) => r.cellId !== 'c');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ cellId: 'scratch~c~1' });
    expect(copies[0]!.source).toMatch(/from the imported file.*\nold from file$/);
    expect(report.conflicts).toEqual([{ lessonId: 'l', cellId: 'c', keptAs: 'scratch~c~1' }]);
    db.close();
  });

  it("carries the student's note cells, and keeps both versions of a note as notes", async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.cells.put({ lessonId: 'l', cellId: 'note~c~1', source: '# file', updatedAt: 1_000 });
      await db.cells.put({
        lessonId: 'l',
        cellId: 'note~c~2',
        source: 'only in file',
        updatedAt: 1,
      });
    });
    const db = await openStore();
    await db.cells.put({ lessonId: 'l', cellId: 'note~c~1', source: '# mine', updatedAt: 2_000 });
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    const rows = await db.cells.toArray();
    expect(rows.find((r) => r.cellId === 'note~c~1')?.source).toBe('# mine');
    expect(rows.find((r) => r.cellId === 'note~c~2')?.source).toBe('only in file');
    expect(report.conflicts).toEqual([{ lessonId: 'l', cellId: 'note~c~1', keptAs: 'note~c~3' }]);
    const copy = rows.find((r) => r.cellId === 'note~c~3')!.source;
    expect(copy).toMatch(/^> The other version of this note, from the imported file.*\n\n# file$/);
    db.close();
  });

  it("takes the file's newer edit and keeps this browser's older one", async () => {
    const bytes = await otherBrowser((db) =>
      db.cells.put({ lessonId: 'l', cellId: 'c', source: 'newer in file', updatedAt: 3_000 }),
    );
    const db = await openStore();
    await db.cells.put({ lessonId: 'l', cellId: 'c', source: 'older here', updatedAt: 1_000 });
    await importWorkspace(db, bytes, { mode: 'merge' });
    const rows = await db.cells.toArray();
    expect(rows.find((r) => r.cellId === 'c')?.source).toBe('newer in file');
    expect(rows.find((r) => r.cellId === 'scratch~c~1')?.source).toMatch(/\nolder here$/);
    db.close();
  });

  it('never un-passes an exercise and never takes an older row', async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.exercises.put({
        lessonId: 'l',
        exerciseId: 'e',
        status: 'failed',
        attempts: 5,
        lastMessage: 'no',
        passedAt: null,
        updatedAt: 9_000,
      });
      await db.progress.put({ lessonId: 'l', visitedAt: 1 });
    });
    const db = await openStore();
    await db.exercises.put({
      lessonId: 'l',
      exerciseId: 'e',
      status: 'passed',
      attempts: 2,
      lastMessage: 'yes',
      passedAt: 4_000,
      updatedAt: 4_000,
    });
    await db.progress.put({ lessonId: 'l', visitedAt: 5_000 });
    await importWorkspace(db, bytes, { mode: 'merge' });
    expect(await db.exercises.get(['l', 'e'])).toMatchObject({ attempts: 5, passedAt: 4_000 });
    expect(await db.progress.get('l')).toEqual({ lessonId: 'l', visitedAt: 5_000 });
    db.close();
  });
});

describe('storage errors', () => {
  it('names the table and key of a unique-key clash instead of blaming private mode', async () => {
    const bytes = await otherBrowser(async (db) => {
      await db.experiments.put({ id: 'a', name: 'x', createdAt: 1 });
      await db.experiments.put({ id: 'b', name: 'y', createdAt: 1 });
    });
    // Two experiments of one name: only a hand-edited file can hold them.
    const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(bytes);
    files['tables/experiments.json'] = strToU8(
      strFromU8(files['tables/experiments.json']!).replace('"y"', '"x"'),
    );
    // Without the file listing (as an export before format 2), so the hashes do not refuse it first.
    const { files: _, ...manifest } = JSON.parse(strFromU8(files['manifest.json']!));
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const db = await openStore();
    const error = await importWorkspace(db, zipSync(files), { mode: 'replace' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'constraint',
      message: expect.stringMatching(/tables\/experiments\.json: .*name "x", which must be unique/),
    });
    db.close();
  });

  it('says what failed when it is not a known storage condition', () => {
    const error = toStoreError(Object.assign(new Error('boom'), { name: 'DataCloneError' }));
    expect(error.code).toBe('failed');
    expect(error.message).toContain('DataCloneError: boom');
    expect(toStoreError({ name: 'MissingAPIError' }).code).toBe('unavailable');
  });
});

import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  DB_NAME,
  StoreError,
  clearWorkspace,
  declareSchema,
  describeStorage,
  exportWorkspace,
  getCellSources,
  getExerciseResults,
  importWorkspace,
  inspectWorkspaceFile,
  listProgress,
  openDatabase,
  openStore,
  recordExerciseResult,
  resetCell,
  saveCellSource,
} from '../../../src/lib/store';
import { strToU8, zipSync } from 'fflate';

const fixture = JSON.parse(readFileSync('tests/fixtures/store/workspace-v1.json', 'utf8'));

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('the store', () => {
  it('keeps the database name that every release must reuse', () => {
    expect(DB_NAME).toBe('mlops-labbook');
  });

  it('migrates a version-1 database without losing any edit', async () => {
    const v1 = new Dexie(DB_NAME);
    declareSchema(v1, 1);
    await v1.open();
    await v1.table('cells').bulkPut(fixture.tables.cells);
    await v1.table('progress').bulkPut(fixture.tables.progress);
    v1.close();

    const db = await openStore();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await getCellSources(db, 'how-this-notebook-works')).toEqual(
      new Map([['first-value', '// my edit\n1 + 1']]),
    );
    const exercises = await getExerciseResults(db, 'how-this-notebook-works');
    expect(exercises).toMatchObject([
      { exerciseId: 'longest-trip', status: 'passed', passedAt: 1700000002000 },
    ]);
    expect(await listProgress(db)).toEqual([
      { lessonId: 'how-this-notebook-works', visitedAt: 1700000002000, exercisesPassed: 1 },
      { lessonId: 'ml-lifecycle', visitedAt: 1700000003000, exercisesPassed: 0 },
    ]);
    db.close();
  });

  it('saves, resets and counts attempts', async () => {
    const db = await openStore();
    await saveCellSource(db, 'l', 'c', 'x = 1');
    await resetCell(db, 'l', 'c');
    expect((await getCellSources(db, 'l')).size).toBe(0);
    await recordExerciseResult(db, 'l', 'e', { pass: false, message: 'no' });
    const row = await recordExerciseResult(db, 'l', 'e', { pass: true, message: 'yes' });
    expect(row).toMatchObject({ attempts: 2, status: 'passed', lastMessage: 'yes' });
    db.close();
  });

  it('turns a full quota into a clear StoreError and keeps what was saved', async () => {
    const db = await openStore();
    await saveCellSource(db, 'l', 'kept', 'safe');
    db.close();
    const full = openDatabase();
    full.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
          };
        },
      }),
    });
    await full.open();
    const error = await saveCellSource(full, 'l', 'new', 'lost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'quota',
      message: expect.stringContaining('storage is full'),
    });
    full.close();
    const again = await openStore();
    expect(await getCellSources(again, 'l')).toEqual(new Map([['kept', 'safe']]));
    again.close();
  });

  it('round-trips the workspace through an export file', async () => {
    const db = await openStore();
    await saveCellSource(db, 'l', 'c', 'edited');
    await recordExerciseResult(db, 'l', 'e', { pass: true, message: 'ok' });
    const bytes = await exportWorkspace(db);
    const before = await getExerciseResults(db, 'l');
    await clearWorkspace(db);
    expect((await getCellSources(db, 'l')).size).toBe(0);

    const report = await importWorkspace(db, bytes, { mode: 'replace' });
    expect(report.tables.cells).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'edited']]));
    expect(await getExerciseResults(db, 'l')).toEqual(before);
    db.close();
  });

  it('upgrades an export made by an older version', async () => {
    const manifest = {
      format: 'mlops-labbook-workspace',
      formatVersion: 1,
      schemaVersion: 1,
      appVersion: 'old',
      exportedAt: '2026-01-01T00:00:00Z',
      tables: { cells: 2, progress: 2 },
    };
    const bytes = zipSync({
      'manifest.json': strToU8(JSON.stringify(manifest)),
      'tables/cells.json': strToU8(JSON.stringify(fixture.tables.cells)),
      'tables/progress.json': strToU8(JSON.stringify(fixture.tables.progress)),
    });
    const db = await openStore();
    await importWorkspace(db, bytes, { mode: 'merge' });
    expect(await getExerciseResults(db, 'how-this-notebook-works')).toHaveLength(1);
    db.close();
  });

  it.each([
    ['not a zip', strToU8('hello'), 'not a zip file'],
    ['no manifest', zipSync({ 'a.txt': strToU8('x') }), 'no manifest.json'],
    [
      'another format',
      zipSync({ 'manifest.json': strToU8('{"format":"other"}') }),
      'not a Labbook workspace export',
    ],
    [
      'a newer version',
      zipSync({
        'manifest.json': strToU8(
          JSON.stringify({
            format: 'mlops-labbook-workspace',
            formatVersion: 1,
            schemaVersion: 99,
            appVersion: 'x',
            exportedAt: 'x',
            tables: {},
          }),
        ),
      }),
      'newer Labbook',
    ],
    [
      'a bad row',
      zipSync({
        'manifest.json': strToU8(
          JSON.stringify({
            format: 'mlops-labbook-workspace',
            formatVersion: 1,
            schemaVersion: 2,
            appVersion: 'x',
            exportedAt: 'x',
            tables: { cells: 1 },
          }),
        ),
        'tables/cells.json': strToU8(
          JSON.stringify([{ lessonId: 'l', cellId: 'c', source: 5, updatedAt: 1 }]),
        ),
      }),
      'tables/cells.json, row 0, field "source"',
    ],
  ])('refuses %s with a clear reason', (_name, bytes, reason) => {
    const inspection = inspectWorkspaceFile(bytes);
    expect(inspection.ok).toBe(false);
    expect(inspection.problems.map((p) => p.message).join('\n')).toContain(reason);
  });

  it('tells the student to export when storage may be evicted', () => {
    expect(
      describeStorage({
        supported: true,
        persisted: false,
        usage: 12_300_000,
        quota: 2_100_000_000,
      }),
    ).toBe(
      'Saved in this browser (12.3 MB of 2.1 GB). The browser may clear this storage when space runs low: export your workspace to keep a copy.',
    );
  });
});

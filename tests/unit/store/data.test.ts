import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  DB_NAME,
  deleteDatasetName,
  deleteDatasetVersion,
  getDatasetVersion,
  exportWorkspace,
  getDatasetBytes,
  importWorkspace,
  inspectWorkspaceFile,
  listDatasetVersions,
  loadDocuments,
  loadSqlDatabase,
  openStore,
  putDatasetVersion,
  saveDocuments,
  saveSqlDatabase,
  type DatasetMeta,
} from '../../../src/lib/store';
import { strFromU8, unzipSync, zipSync } from 'fflate';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const meta = (id: string, name: string, createdAt: number): DatasetMeta => ({
  id,
  name,
  rowCount: 3,
  schema: [{ name: 'x', type: 'float' }],
  parents: [],
  transform: { kind: 'import', description: 'test' },
  createdAt,
});

function pattern(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) % 251;
  return bytes;
}

describe('data in the store', () => {
  it('stores a data version over several chunks and reads the same bytes back', async () => {
    const db = await openStore();
    // Small chunks here: fake-indexeddb clones values byte by byte.
    const bytes = pattern(2500);
    const row = await putDatasetVersion(db, meta('v-a', 'taxi', 1), bytes, 1000);
    expect(row.chunkCount).toBe(3);
    expect(CHUNK_BYTES).toBe(16 * 1024 * 1024);
    expect(await getDatasetBytes(db, 'v-a')).toEqual(bytes);
    await deleteDatasetVersion(db, 'v-a');
    expect(await listDatasetVersions(db)).toEqual([]);
    expect(await db.datasetChunks.count()).toBe(0);
    db.close();
  });

  it('stores chunks given already cut as they are, and copies a chunk that is a view', async () => {
    const db = await openStore();
    const bytes = pattern(2500);
    const view = pattern(1200).subarray(100, 1100);
    const chunks = [bytes.slice(0, 1200), view, bytes.slice(1200)];
    const written: number[] = [];
    const row = await putDatasetVersion(db, meta('v-c', 'taxi', 1), chunks, 1000, () =>
      written.push(1),
    );
    expect(row).toMatchObject({ chunkCount: 3, byteLength: 3500 });
    expect(written).toEqual([1]);
    const stored = await db.datasetChunks.where('versionId').equals('v-c').sortBy('index');
    expect(stored.map((c) => c.bytes.buffer.byteLength)).toEqual([1200, 1000, 1300]);
    const expected = new Uint8Array(3500);
    expected.set(chunks[0]!, 0);
    expected.set(view, 1200);
    expected.set(chunks[2]!, 2200);
    expect(await getDatasetBytes(db, 'v-c')).toEqual(expected);
    db.close();
  });

  it('makes the next chunk while one is written, never holding more than two unstored', async () => {
    const db = await openStore();
    const log: string[] = [];
    db.datasetChunks.hook('creating', function (_key, row) {
      this.onsuccess = () => log.push(`stored ${row.index}`);
    });
    function* made(): Generator<Uint8Array> {
      for (let i = 0; i < 4; i++) {
        log.push(`made ${i}`);
        yield pattern(100 + i);
      }
    }
    const row = await putDatasetVersion(db, meta('v-p', 'taxi', 1), made(), 1000);
    expect(row).toMatchObject({ chunkCount: 4, byteLength: 406 });
    // Chunk 1 is made before chunk 0 is stored: its encoding overlaps the write.
    expect(log.indexOf('made 1')).toBeLessThan(log.indexOf('stored 0'));
    // Chunk k + 1 is made only once chunk k - 1 is stored: two held at most.
    for (let k = 1; k < 3; k++)
      expect(log.indexOf(`stored ${k - 1}`)).toBeLessThan(log.indexOf(`made ${k + 1}`));
    db.close();
  });

  it('lists versions newest first, by dataset name', async () => {
    const db = await openStore();
    await putDatasetVersion(db, meta('v-1', 'taxi', 1), pattern(10));
    await putDatasetVersion(db, meta('v-2', 'taxi', 2), pattern(10));
    await putDatasetVersion(db, meta('v-3', 'diabetes', 3), pattern(10));
    expect((await listDatasetVersions(db, 'taxi')).map((v) => v.id)).toEqual(['v-2', 'v-1']);
    expect((await listDatasetVersions(db)).map((v) => v.id)).toEqual(['v-3', 'v-2', 'v-1']);
    db.close();
  });

  it('keeps every name of equal content, stores it once and deletes it with its last name', async () => {
    const db = await openStore();
    await putDatasetVersion(db, meta('v-same', 'a', 1), pattern(2500), 1000);
    await putDatasetVersion(db, meta('v-same', 'b', 2), pattern(2500), 1000);
    expect((await listDatasetVersions(db)).map((v) => [v.name, v.id])).toEqual([
      ['b', 'v-same'],
      ['a', 'v-same'],
    ]);
    expect(await db.datasetChunks.count()).toBe(3);
    expect(await getDatasetVersion(db, 'v-same', 'a')).toMatchObject({ name: 'a', createdAt: 1 });
    expect(await getDatasetVersion(db, 'v-same')).toMatchObject({ name: 'b' });

    const file = await exportWorkspace(db);
    expect(await deleteDatasetName(db, 'a', 'v-same')).toEqual({ contentDeleted: false });
    expect((await listDatasetVersions(db)).map((v) => v.name)).toEqual(['b']);
    expect(await getDatasetBytes(db, 'v-same')).toEqual(pattern(2500));
    expect(await deleteDatasetName(db, 'b', 'v-same')).toEqual({ contentDeleted: true });
    expect(await db.datasetChunks.count()).toBe(0);
    expect(await db.datasets.count()).toBe(0);

    await importWorkspace(db, file, { mode: 'merge' });
    expect((await listDatasetVersions(db)).map((v) => v.name)).toEqual(['b', 'a']);
    expect(await getDatasetBytes(db, 'v-same')).toEqual(pattern(2500));
    db.close();
  });

  it('exports data, SQL databases and documents and imports them back byte for byte', async () => {
    const db = await openStore();
    const bytes = pattern(5000);
    await putDatasetVersion(db, meta('v-a', 'taxi', 1), bytes);
    await saveSqlDatabase(db, 'diabetes', pattern(777));
    await saveDocuments(db, 'patients', {
      put: [
        { docId: 1, doc: { name: 'Ann', age: 50 } },
        { docId: 2, doc: { name: 'Bo', age: 61 } },
      ],
      delete: [],
    });
    await saveDocuments(db, 'patients', { put: [], delete: [1] });
    const file = await exportWorkspace(db);
    expect(Object.keys(unzipSync(file))).toContain('blobs/datasetChunks/0.bin');

    await db.delete();
    const fresh = await openStore();
    await importWorkspace(fresh, file, { mode: 'replace' });
    expect(await getDatasetBytes(fresh, 'v-a')).toEqual(bytes);
    expect(await loadSqlDatabase(fresh, 'diabetes')).toEqual(pattern(777));
    expect(await loadDocuments(fresh, 'patients')).toEqual([
      { table: 'patients', docId: 2, doc: { name: 'Bo', age: 61 } },
    ]);
    fresh.close();
  });

  it('refuses an export whose data file is missing, naming the file and the row', async () => {
    const db = await openStore();
    await putDatasetVersion(db, meta('v-a', 'taxi', 1), pattern(10));
    const files = unzipSync(await exportWorkspace(db));
    delete files['blobs/datasetChunks/0.bin'];
    const inspection = inspectWorkspaceFile(zipSync(files));
    expect(inspection.ok).toBe(false);
    expect(inspection.problems[0]!.message).toBe(
      'tables/datasetChunks.json, row 0: its data file blobs/datasetChunks/0.bin is missing from the zip.',
    );
    expect(strFromU8(files['tables/datasetChunks.json']!)).toContain('"bytesFile"');
    db.close();
  });
});

describe('tracking in the store', () => {
  it('keeps runs, metric histories and artifacts, and exports them', async () => {
    const { Tracker } = await import('../../../src/lib/tracking');
    const { dexieTrackingPort } = await import('../../../src/lib/store');
    const db = await openStore();
    const tracker = new Tracker(dexieTrackingPort(db));
    await tracker.setExperiment('diabetes');
    const run = await tracker.startRun({ name: 'ols' });
    await tracker.logParams({ model: 'ols' });
    await tracker.logMetric('mse', 3000, 0);
    await tracker.logMetric('mse', 2868.55, 1);
    await tracker.logArtifact('notes.txt', 'hello');
    await tracker.endRun();
    const file = await exportWorkspace(db);
    await db.delete();
    const fresh = await openStore();
    await importWorkspace(fresh, file, { mode: 'replace' });
    const again = new Tracker(dexieTrackingPort(fresh));
    await again.setExperiment('diabetes');
    const [found] = await again.searchRuns('metrics.mse < 2900');
    expect(found).toMatchObject({ id: run.id, status: 'FINISHED', params: { model: 'ols' } });
    expect((await again.metricHistory(run.id, 'mse')).map((p) => p.value)).toEqual([3000, 2868.55]);
    expect(
      new TextDecoder().decode(await dexieTrackingPort(fresh).artifact(run.id, 'notes.txt')),
    ).toBe('hello');
    fresh.close();
  });

  it('stores metric points and the run summary together or not at all', async () => {
    const { dexieTrackingPort } = await import('../../../src/lib/store');
    const db = await openStore();
    const port = dexieTrackingPort(db);
    const point = { runId: 'r1', key: 'mse', step: 0, value: 1, timestamp: 0 };
    // A run the database cannot store (a function is not cloneable) fails the whole write.
    const unstorable = { id: 'r1', experimentId: 'e', startTime: 0, oops: () => 0 };
    await expect(
      port.appendMetrics([point], unstorable as unknown as Parameters<typeof port.putRun>[0]),
    ).rejects.toThrow();
    expect(await port.metricHistory('r1', 'mse')).toEqual([]);
    db.close();
  });
});

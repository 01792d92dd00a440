import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  exportWorkspace,
  importWorkspace,
  openStore,
  type LabbookDB,
} from '../../../src/lib/store';
import { dexieProjectPort } from '../../../src/lib/store/project-port';
import {
  SNAPSHOT_DB_NAME,
  listSnapshots,
  openSnapshots,
  restoreSnapshot,
  takeSnapshot,
} from '../../../src/lib/store/snapshots';
import { DIR_MODE, FILE_MODE, type ProjectFileRow } from '../../../src/lib/project/types';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
  await Dexie.delete(SNAPSHOT_DB_NAME);
});

const text = (s: string) => new TextEncoder().encode(s);
// A Git object is zlib-deflated bytes: not UTF-8, with NULs and high bytes.
const GIT_OBJECT = new Uint8Array([0x78, 0x01, 0x00, 0xff, 0x9c, 0x4b, 0xca, 0xc9, 0x4f, 0x52]);

function file(projectId: string, path: string, bytes: Uint8Array, mtimeMs = 1): ProjectFileRow {
  return { projectId, path, kind: 'file', bytes, mode: FILE_MODE, mtimeMs };
}
function dir(projectId: string, path: string): ProjectFileRow {
  return { projectId, path, kind: 'dir', mode: DIR_MODE, mtimeMs: 1 };
}

/** A project with a source file, an empty folder and Git objects under .git/. */
async function putProject(db: LabbookDB, id: string, name: string, source: string, at = 1) {
  await db.projects.put({ id, name, createdAt: 1, updatedAt: at });
  await db.projectFiles.bulkPut([
    dir(id, 'src'),
    file(id, 'src/features.js', text(source), at),
    dir(id, 'empty'),
    dir(id, '.git'),
    dir(id, '.git/objects'),
    file(id, '.git/objects/ab', GIT_OBJECT),
    file(id, '.git/HEAD', text('ref: refs/heads/main\n')),
  ]);
}

const rowsOf = async (db: LabbookDB, id: string) =>
  (await db.projectFiles.where('projectId').equals(id).sortBy('path')).map((r) => ({
    path: r.path,
    kind: r.kind,
    bytes: r.bytes && [...r.bytes],
  }));

/** Exported in "another browser", then wiped: the file and what it held. */
async function exported(fill: (db: LabbookDB) => Promise<unknown>) {
  const db = await openStore();
  await fill(db);
  const bytes = await exportWorkspace(db);
  const rows = await rowsOf(db, 'p1');
  await Promise.all(db.tables.map((t) => t.clear()));
  db.close();
  return { bytes, rows };
}

describe('projects in the workspace file', () => {
  it('round-trip with Git object bytes and empty folders (replace)', async () => {
    const { bytes, rows } = await exported((db) => putProject(db, 'p1', 'taxi', 'export {}'));
    const db = await openStore();
    await importWorkspace(db, bytes, { mode: 'replace' });
    expect(await rowsOf(db, 'p1')).toEqual(rows);
    expect(rows.find((r) => r.path === '.git/objects/ab')?.bytes).toEqual([...GIT_OBJECT]);
    expect(rows.some((r) => r.path === 'empty' && r.kind === 'dir')).toBe(true);
    db.close();
  });

  it('merge into an empty workspace adds the project unchanged', async () => {
    const { bytes, rows } = await exported((db) => putProject(db, 'p1', 'taxi', 'export {}'));
    const db = await openStore();
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(await rowsOf(db, 'p1')).toEqual(rows);
    expect(report.projects).toEqual([]);
    db.close();
  });

  it('merge keeps both sides of a project changed in both: the file one as <name>-imported', async () => {
    const { bytes, rows } = await exported((db) =>
      putProject(db, 'p1', 'taxi', 'export const theirs = 1;', 9e12),
    );
    const db = await openStore();
    await putProject(db, 'p1', 'taxi', 'export const mine = 1;');
    const mine = await rowsOf(db, 'p1');
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(await rowsOf(db, 'p1')).toEqual(mine);
    expect(report.projects).toMatchObject([
      {
        id: 'p1',
        name: 'taxi',
        keptAs: { name: 'taxi-imported' },
        why: 'same project, different files',
      },
    ]);
    const copy = report.projects[0]!.keptAs.id;
    expect(copy).not.toBe('p1');
    expect(await rowsOf(db, copy)).toEqual(rows);
    expect((await db.projects.get(copy))?.name).toBe('taxi-imported');
    db.close();
  });

  it('merge renames a different project whose name is taken, and meets identical ones', async () => {
    const { bytes } = await exported(async (db) => {
      await putProject(db, 'p1', 'taxi', 'same');
      await putProject(db, 'p2', 'shared-name', 'theirs');
    });
    const db = await openStore();
    await putProject(db, 'p1', 'taxi', 'same');
    await putProject(db, 'p9', 'shared-name', 'mine');
    const report = await importWorkspace(db, bytes, { mode: 'merge' });
    expect(report.projects).toEqual([
      {
        id: 'p2',
        name: 'shared-name',
        keptAs: { id: 'p2', name: 'shared-name-imported' },
        why: 'name taken',
      },
    ]);
    expect((await db.projects.toArray()).map((p) => p.name).sort()).toEqual([
      'shared-name',
      'shared-name-imported',
      'taxi',
    ]);
    expect(await db.projectFiles.where('projectId').equals('p1').count()).toBe(7);
    db.close();
  });

  it('come back from a rolling snapshot restore, bytes and empty folders included', async () => {
    const [db, snaps] = [await openStore(), openSnapshots()];
    await putProject(db, 'p1', 'taxi', 'v1');
    const rows = await rowsOf(db, 'p1');
    await takeSnapshot(db, snaps, 'automatic', { budget: 1e7 });
    const [snapshot] = await listSnapshots(snaps);
    await dexieProjectPort(db).deleteProject('p1');
    await restoreSnapshot(db, snaps, snapshot!.id!, { budget: 1e7 });
    expect(await rowsOf(db, 'p1')).toEqual(rows);
    db.close();
    snaps.close();
  });
});

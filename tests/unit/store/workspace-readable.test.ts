import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import Dexie from 'dexie';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTable, fromArquero } from '../../../src/lib/data/columnar';
import {
  DB_NAME,
  exportWorkspace,
  getCellSources,
  importWorkspace,
  openStore,
  putDatasetVersion,
  verifyWorkspaceFile,
  type LabbookDB,
} from '../../../src/lib/store';
import { safeSegment } from '../../../src/lib/store/workspace-readable';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** A workspace with lesson cells, a scratch cell and a note, a project with `.git`, a dataset. */
async function workspace(): Promise<LabbookDB> {
  const db = await openStore();
  await db.cells.bulkPut([
    {
      lessonId: '03-data',
      cellId: 'load',
      source: 'const t = await lab.data.load("x");',
      updatedAt: 1,
    },
    { lessonId: '03-data', cellId: 'scratch~load~1', source: 'console.log(```)', updatedAt: 2 },
    { lessonId: '03-data', cellId: 'note~load~1', source: 'My *note*.', updatedAt: 3 },
    { lessonId: '../../x', cellId: '../../y', source: '1 + 1', updatedAt: 4 },
  ]);
  await db.projects.put({ id: 'p1', name: 'taxi-api', createdAt: 1, updatedAt: 1 });
  const file = (path: string, text: string) => ({
    projectId: 'p1',
    path,
    kind: 'file' as const,
    bytes: strToU8(text),
    mode: 0o100644,
    mtimeMs: 1,
  });
  await db.projectFiles.bulkPut([
    file('src/features.js', 'export const km = 1;\n'),
    { projectId: 'p1', path: 'src', kind: 'dir', mode: 0o40000, mtimeMs: 1 },
    file('.git/HEAD', 'ref: refs/heads/main\n'),
  ]);
  const table = fromArquero(aq.table({ x: [1.5, 2, NaN], name: ['a', 'b,c', 'd'] }), 'trips');
  await putDatasetVersion(
    db,
    {
      id: 'v-0123456789abcdef',
      name: 'trips',
      rowCount: 3,
      schema: [{ name: 'x', type: 'float' }],
      parents: [],
      transform: { kind: 'import', description: 'test' },
      createdAt: 5,
    },
    encodeTable(table),
  );
  return db;
}

describe('the workspace export, readable', () => {
  it('writes each lesson as Markdown, projects as files, datasets as CSV, under safe names', async () => {
    const db = await workspace();
    const files = unzipSync(await exportWorkspace(db));
    const lesson = strFromU8(files['readable/lessons/03-data.md']!);
    expect(lesson).toContain('```js\nconst t = await lab.data.load("x");\n```');
    // A cell holding ``` is fenced with four, so its code cannot end the fence.
    expect(lesson).toContain('````js\nconsole.log(```)\n````');
    expect(lesson).toContain('My *note*.');
    expect(lesson.indexOf('load("x")')).toBeLessThan(lesson.indexOf('console.log'));
    // A lesson named ../../x stays inside readable/lessons/.
    expect(strFromU8(files['readable/lessons/.._.._x.md']!)).toContain('1 + 1');
    expect(Object.keys(files).every((p) => !p.split('/').includes('..'))).toBe(true);
    expect(strFromU8(files['readable/projects/taxi-api/src/features.js']!)).toBe(
      'export const km = 1;\n',
    );
    expect(Object.keys(files).some((p) => p.startsWith('readable/projects/taxi-api/.git'))).toBe(
      false,
    );
    expect(strFromU8(files['readable/datasets/trips@v-0123456789.csv']!)).toBe(
      'x,name\n1.5,a\n2,"b,c"\n,d\n',
    );
    expect(strFromU8(files['readable/README.md']!)).toMatch(/lessons\/<lesson>\.md/);
    expect([safeSegment('..'), safeSegment('.'), safeSegment('a/b')]).toEqual(['_..', '_.', 'a_b']);
  });

  it('lists every file in the manifest with its size and SHA-256, and the real appVersion', async () => {
    const db = await workspace();
    const files = unzipSync(
      await exportWorkspace(db, undefined, { 'exports/x.zip': strToU8('x') }),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.appVersion).toBe(version);
    expect(manifest.formatVersion).toBe(2);
    const listed = manifest.files as { path: string; bytes: number; sha256: string }[];
    expect(listed.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    for (const f of listed) {
      expect(f.bytes, f.path).toBe(files[f.path]!.byteLength);
      expect(f.sha256, f.path).toBe(createHash('sha256').update(files[f.path]!).digest('hex'));
    }
  });

  it('imports back from the tables (the readable copies are never read)', async () => {
    const db = await workspace();
    const bytes = await exportWorkspace(db);
    await db.cells.clear();
    await importWorkspace(db, bytes, { mode: 'replace' });
    expect((await getCellSources(db, '03-data')).get('load')).toMatch(/lab\.data\.load/);
    expect((await verifyWorkspaceFile(bytes)).ok).toBe(true);
  });

  it('refuses a file whose content no longer matches the SHA-256 its manifest lists, naming it', async () => {
    const db = await workspace();
    const files = unzipSync(await exportWorkspace(db));
    const cells = strFromU8(files['tables/cells.json']!);
    // The same length, so only the hash can tell.
    files['tables/cells.json'] = strToU8(cells.replace('1 + 1', '1 - 1'));
    const inspection = await verifyWorkspaceFile(zipSync(files));
    expect(inspection.ok).toBe(false);
    expect(inspection.problems.map((p) => p.file)).toEqual(['tables/cells.json']);
    expect(inspection.problems[0]!.message).toMatch(
      /manifest\.json says tables\/cells\.json has SHA-256 .*changed or damaged/,
    );
    await expect(importWorkspace(db, zipSync(files), { mode: 'merge' })).rejects.toThrow(
      /tables\/cells\.json/,
    );
  });

  it('refuses a file added after export, or one the listing names but the zip lacks', async () => {
    const db = await workspace();
    const files = unzipSync(await exportWorkspace(db));
    const added = { ...files, 'readable/extra.md': strToU8('hi') };
    const { 'readable/README.md': _, ...removed } = files;
    const [a, b] = await Promise.all([
      verifyWorkspaceFile(zipSync(added)),
      verifyWorkspaceFile(zipSync(removed)),
    ]);
    expect(a.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^readable\/extra\.md is in the zip but not in manifest\.json/),
    ]);
    expect(b.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^manifest\.json lists readable\/README\.md, but the zip does not hold it/,
      ),
    ]);
  });
});

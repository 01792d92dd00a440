import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect } from 'vitest';
import {
  DB_NAME,
  exportWorkspace,
  getCellSources,
  importWorkspace,
  openStore,
  saveCellSource,
  verifyWorkspaceFile,
  type LabbookDB,
} from '../../src/lib/store';
import { API_LOG } from '../../src/lib/serving/endpoint';
import { conformance } from '../unit/serving/openapi-tools';
import { rows, servingFixture } from '../unit/serving/fixture';
import { hostile } from './hostile';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

/** A workspace with one saved edit, exported; and the database, to prove a refusal changes nothing. */
async function exported(): Promise<{ db: LabbookDB; files: Record<string, Uint8Array> }> {
  const db = await openStore();
  await saveCellSource(db, 'l', 'mine', 'my work');
  return { db, files: unzipSync(await exportWorkspace(db)) };
}

/** Refused by the check and by both import modes, with `reason`, and the workspace untouched. */
async function refused(db: LabbookDB, bytes: Uint8Array, reason: RegExp, file: string) {
  const inspection = await verifyWorkspaceFile(bytes);
  expect(inspection.ok).toBe(false);
  expect(inspection.problems.map((p) => p.file)).toContain(file);
  expect(inspection.problems.map((p) => p.message).join('\n')).toMatch(reason);
  for (const mode of ['merge', 'replace'] as const)
    await expect(importWorkspace(db, bytes, { mode })).rejects.toMatchObject({
      code: 'invalid-import',
    });
  expect(await getCellSources(db, 'l')).toEqual(new Map([['mine', 'my work']]));
}

describe('exports: hostile workspace files', () => {
  hostile(
    'workspace-file',
    "a manifest that lies about a file's SHA-256 (the file edited, its size kept)",
    { guards: 'data' },
    async () => {
      const { db, files } = await exported();
      files['tables/cells.json'] = strToU8(
        strFromU8(files['tables/cells.json']!).replace('my work', 'my w0rk'),
      );
      await refused(
        db,
        zipSync(files),
        /tables\/cells\.json has SHA-256 .* hashes to/,
        'tables/cells.json',
      );
    },
  );

  hostile(
    'workspace-file',
    'a manifest whose listed SHA-256 is not a hash at all',
    { guards: 'clarity' },
    async () => {
      const { db, files } = await exported();
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      manifest.files[0].sha256 = '../../etc/passwd';
      files['manifest.json'] = strToU8(JSON.stringify(manifest));
      await refused(
        db,
        zipSync(files),
        /field "files\.0\.sha256": a SHA-256 is 64 lowercase hex/,
        'manifest.json',
      );
    },
  );

  hostile(
    'workspace-file',
    'a readable copy swapped for a larger one (never inflated, its size still checked)',
    { guards: 'data' },
    async () => {
      const { db, files } = await exported();
      files['readable/README.md'] = new Uint8Array(5_000_000);
      await refused(
        db,
        zipSync(files),
        /says readable\/README\.md holds \d+ bytes, but it holds 5000000/,
        'readable/README.md',
      );
    },
  );

  hostile(
    'workspace-file',
    'a file slipped into the zip after export',
    { guards: 'data' },
    async () => {
      const { db, files } = await exported();
      files['readable/lessons/evil.md'] = strToU8('# run me');
      await refused(
        db,
        zipSync(files),
        /readable\/lessons\/evil\.md is in the zip but not in manifest\.json/,
        'readable/lessons/evil.md',
      );
    },
  );

  hostile(
    'workspace-file',
    'a lesson, cell, project and file named ../../x in an export',
    { guards: 'security' },
    async () => {
      const db = await openStore();
      await db.cells.put({ lessonId: '../../x', cellId: '../../y', source: '1', updatedAt: 1 });
      await db.projects.put({ id: '../p', name: '../../proj', createdAt: 1, updatedAt: 1 });
      await db.projectFiles.put({
        projectId: '../p',
        path: '../../../etc/cron.d/x',
        kind: 'file',
        bytes: strToU8('boom'),
        mode: 0o100644,
        mtimeMs: 1,
      });
      const bytes = await exportWorkspace(db);
      const names = Object.keys(unzipSync(bytes));
      expect(names.filter((n) => n.split('/').includes('..'))).toEqual([]);
      expect(names).toContain('readable/lessons/.._.._x.md');
      expect(names).toContain('readable/projects/.._.._proj/_../_../_../etc/cron.d/x');
      // And the file imports back whole.
      await db.cells.clear();
      await importWorkspace(db, bytes, { mode: 'replace' });
      expect(await getCellSources(db, '../../x')).toEqual(new Map([['../../y', '1']]));
    },
  );

  hostile(
    'workspace-file',
    'a cell whose code holds ``` and Markdown headings (it must stay inside its fence)',
    { guards: 'clarity' },
    async () => {
      const db = await openStore();
      const code = '// ```\n# not a heading\n`````\nconst x = 1;';
      await saveCellSource(db, 'l', 'c', code);
      const files = unzipSync(await exportWorkspace(db));
      const md = strFromU8(files['readable/lessons/l.md']!);
      expect(md).toContain(`\`\`\`\`\`\`js\n${code}\n\`\`\`\`\`\``);
    },
  );

  hostile(
    'workspace-file',
    'a data version whose stored bytes are not a table (the export still completes)',
    { guards: 'availability' },
    async () => {
      const db = await openStore();
      await db.datasets.put({
        id: 'v1',
        rowCount: 1,
        schema: [],
        createdAt: 1,
        byteLength: 3,
        chunkCount: 1,
      });
      await db.datasetNames.put({
        name: 'x',
        versionId: 'v1',
        parents: [],
        transform: { kind: 'import', description: '' },
        createdAt: 1,
      });
      await db.datasetChunks.put({ versionId: 'v1', index: 0, bytes: strToU8('bad') });
      const files = unzipSync(await exportWorkspace(db));
      expect(strFromU8(files['readable/README.md']!)).toMatch(
        /`x` \(version v1\): no CSV copy, its stored bytes do not decode/,
      );
      expect((await verifyWorkspaceFile(zipSync(files))).ok).toBe(true);
    },
  );
});

describe('exports: hostile requests and the request log', () => {
  hostile(
    'api-request',
    'a burst of requests to unknown routes and wrong methods: all logged in the API log, no endpoint log started',
    { guards: 'clarity' },
    async () => {
      const f = await servingFixture();
      await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
      for (let i = 0; i < 20; i++) await f.call('GET', `v1/models/typo-${i}/health`);
      await f.call('PATCH', 'v1/models/toy/predict', rows[0]);
      await f.call('GET', 'v1/%E0%A4%A');
      await f.router.flush();
      const api = await f.port.requests(API_LOG);
      expect(api.map((r) => r.status)).toEqual([...Array(20).fill(404), 405, 404]);
      expect(await f.port.requests('typo-0')).toEqual([]);
    },
  );

  hostile(
    'api-body',
    'hostile bodies to every POST route are answered only with statuses the OpenAPI document declares',
    { guards: 'clarity' },
    async () => {
      const f = await servingFixture();
      await f.registry.setAlias('toy', 'champion', 1);
      await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
      const doc = (await f.call('GET', 'v1/openapi.json')).body as Record<string, unknown>;
      const bodies = [
        '',
        'null',
        '[]',
        '{"a":',
        '{"__proto__":{"x":1}}',
        '"x"',
        '1e999',
        '[{"a":1}]',
      ];
      const paths = ['predict', 'invocations', 'jobs', 'labels'].map((p) => `v1/models/toy/${p}`);
      const answers = [];
      for (const path of [...paths, 'v1/webhooks/x'])
        for (const body of bodies) {
          const res = await f.call('POST', path, body);
          answers.push({ method: 'POST', path: `/${path}`, status: res.status, body: res.body });
        }
      expect(await conformance(doc, answers)).toEqual([]);
    },
  );
});

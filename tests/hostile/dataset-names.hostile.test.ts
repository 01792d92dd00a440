import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect } from 'vitest';
import { DataCatalog, DataCatalogError } from '../../src/lib/data/catalog';
import type { ColumnarTable } from '../../src/lib/data/columnar';
import {
  DB_NAME,
  dexieDataPort,
  exportWorkspace,
  importWorkspace,
  openStore,
} from '../../src/lib/store';
import { hostile } from './hostile';

/** Dataset names, as the Data page's import, lab.data.save and the pipelines give them. */
const table = (values: number[]): ColumnarTable => ({
  rowCount: values.length,
  columns: [{ name: 'x', type: 'float', values: Float64Array.from(values) }],
});
const imported = { transform: { kind: 'import' as const, description: 'a CSV' } };

async function catalogOnDisk() {
  const db = await openStore();
  const catalog = new DataCatalog({
    port: dexieDataPort(db),
    openShipped: () => Promise.reject(new Error('no shipped files here')),
  });
  return { db, catalog };
}

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('dataset names', () => {
  hostile(
    'names',
    'identical content imported as "a", then as "b", then "a" deleted',
    { guards: 'data' },
    async () => {
      const { db, catalog } = await catalogOnDisk();
      const a = await catalog.save('a', table([1, 2, 3]), imported);
      await catalog.save('b', table([1, 2, 3]), imported);
      expect((await catalog.versions()).map((v) => v.name).sort()).toEqual(['a', 'b']);
      expect((await catalog.load('a')).table.rowCount).toBe(3);
      await catalog.remove('a');
      expect((await catalog.load('b')).version.id).toBe(a.id);
      expect((await catalog.load('b')).table.rowCount).toBe(3);
      db.close();
    },
  );

  hostile(
    'names',
    'two names of one content, through a workspace export and import',
    { guards: 'data' },
    async () => {
      const { db, catalog } = await catalogOnDisk();
      await catalog.save('a', table([1, 2]), imported);
      await catalog.save('b', table([1, 2]), imported);
      const file = await exportWorkspace(db);
      await db.delete();
      const again = await catalogOnDisk();
      await importWorkspace(again.db, file, { mode: 'replace' });
      expect((await again.catalog.versions()).map((v) => v.name).sort()).toEqual(['a', 'b']);
      expect((await again.catalog.load('a')).table.rowCount).toBe(2);
      again.db.close();
    },
  );

  for (const [what, name] of [
    ['a name with "@" (the name@id separator)', 'taxi@2016'],
    ['a name with a space', 'my data'],
    ['an empty name', ''],
    ['a name of 10,000 characters', 'x'.repeat(10_000)],
    ['a name that is a version id', 'v-0123456789ab'],
    ['a name with a path', '../../etc/passwd'],
  ] as const)
    hostile('names', `a dataset saved under ${what}`, { guards: 'clarity' }, async () => {
      const { db, catalog } = await catalogOnDisk();
      const error = await catalog.save(name, table([1]), imported).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataCatalogError);
      expect((error as DataCatalogError).code).toBe('invalid-name');
      expect((error as Error).message).toMatch(/^(Dataset names|".*" looks like a version id)/);
      expect((error as Error).message.length).toBeLessThan(300);
      expect(await catalog.versions()).toEqual([]);
      db.close();
    });

  hostile(
    'names',
    'a name that starts like a version id ("v-shaped")',
    { guards: 'data' },
    async () => {
      const { db, catalog } = await catalogOnDisk();
      const saved = await catalog.save('v-shaped', table([1, 2]), imported);
      expect((await catalog.load('v-shaped')).version.id).toBe(saved.id);
      db.close();
    },
  );

  hostile(
    'names',
    'names that are JavaScript object keys ("constructor", "toString") and differ by case',
    { guards: 'data' },
    async () => {
      const { db, catalog } = await catalogOnDisk();
      for (const [i, name] of ['constructor', 'toString', 'Taxi', 'taxi'].entries())
        await catalog.save(name, table([i]), imported);
      expect((await catalog.versions()).map((v) => v.name).sort()).toEqual([
        'Taxi',
        'constructor',
        'taxi',
        'toString',
      ]);
      const [column] = (await catalog.load('taxi')).table.columns;
      expect(Array.from((column as { values: Float64Array }).values)).toEqual([3]);
      db.close();
    },
  );
});

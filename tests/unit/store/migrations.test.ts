import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { BINARY_TABLES, TABLE_NAMES } from '../../../src/lib/store/schema';
import {
  CURRENT_VERSION,
  DB_NAME,
  SCHEMA,
  declareSchema,
  dexieDataPort,
  importWorkspace,
  openStore,
  type LabbookDB,
} from '../../../src/lib/store';
import { DataCatalog } from '../../../src/lib/data/catalog';

/**
 * Every released database version, upgraded to the current code: as a database left in the
 * browser, and as a workspace export made at that version. Each fixture holds representative
 * rows of every table its version had; nothing may be lost.
 */
interface Fixture {
  version: number;
  tables: Record<string, unknown[]>;
  /** Tables a migration changes, as they must read afterwards. */
  upgraded: Record<string, unknown[]>;
}

const RELEASED = SCHEMA.map((v) => v.version);

function fixture(version: number): Fixture {
  const text = readFileSync(`tests/fixtures/store/workspace-v${version}.json`, 'utf8');
  // Binary fields are written { "$bytes": [...] } in the fixtures.
  return JSON.parse(text, (_key, value) =>
    value && typeof value === 'object' && Array.isArray(value.$bytes)
      ? Uint8Array.from(value.$bytes)
      : value,
  );
}

/** The tables a database of `version` has, from the schema history (`null` drops one). */
function tablesAt(version: number): string[] {
  const tables = new Set<string>();
  for (const v of SCHEMA.filter((s) => s.version <= version))
    for (const [name, spec] of Object.entries(v.stores))
      if (spec === null) tables.delete(name);
      else tables.add(name);
  return [...tables];
}

const sorted = (rows: unknown[]) =>
  [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

async function expectNothingLost(db: LabbookDB, f: Fixture) {
  for (const name of TABLE_NAMES) {
    const expected = f.upgraded[name] ?? f.tables[name] ?? [];
    expect(sorted(await db[name].toArray()), `table ${name}`).toEqual(sorted(expected));
  }
}

function exportMadeAt(f: Fixture): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, rows] of Object.entries(f.tables)) {
    const binary = (BINARY_TABLES as readonly string[]).includes(name);
    const written = rows.map((row, i) => {
      const { bytes, ...rest } = row as { bytes?: Uint8Array };
      if (!binary || !bytes) return row;
      files[`blobs/${name}/${i}.bin`] = bytes;
      return { ...rest, bytesFile: `blobs/${name}/${i}.bin` };
    });
    files[`tables/${name}.json`] = strToU8(JSON.stringify(written));
  }
  const manifest = {
    format: 'mlops-labbook-workspace',
    formatVersion: 1,
    schemaVersion: f.version,
    appVersion: `made at v${f.version}`,
    exportedAt: '2026-01-01T00:00:00Z',
    tables: Object.fromEntries(Object.entries(f.tables).map(([n, rows]) => [n, rows.length])),
  };
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('migrations from every released schema', () => {
  it('has a fixture for every version, with rows for every table that version had', () => {
    expect(RELEASED).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].slice(0, CURRENT_VERSION));
    for (const version of RELEASED) {
      const f = fixture(version);
      expect(f.version).toBe(version);
      for (const table of tablesAt(version))
        expect(f.tables[table]?.length, `v${version} ${table}`).toBeGreaterThan(0);
    }
  });

  it.each(RELEASED)('opens a version-%i database with every row kept', async (version) => {
    const f = fixture(version);
    const old = new Dexie(DB_NAME);
    declareSchema(old, version);
    await old.open();
    for (const [name, rows] of Object.entries(f.tables)) await old.table(name).bulkPut(rows);
    old.close();

    const db = await openStore();
    expect(db.verno).toBe(CURRENT_VERSION);
    await expectNothingLost(db, f);
    db.close();
  });

  it.each(RELEASED)('imports a workspace exported at version %i with every row kept', async (v) => {
    const f = fixture(v);
    const db = await openStore();
    await importWorkspace(db, exportMadeAt(f), { mode: 'replace' });
    await expectNothingLost(db, f);
    db.close();
  });

  it('serves upgraded data versions by every name, with their bytes', async () => {
    const f = fixture(4);
    const old = new Dexie(DB_NAME);
    declareSchema(old, 4);
    await old.open();
    for (const [name, rows] of Object.entries(f.tables)) await old.table(name).bulkPut(rows);
    old.close();

    const db = await openStore();
    const port = dexieDataPort(db);
    const catalog = new DataCatalog({ port, openShipped: () => Promise.reject(new Error('none')) });
    expect(await catalog.resolve('taxi-clean')).toMatchObject({
      id: 'v-fedcba987654',
      parents: ['v-0123456789ab'],
      transform: { kind: 'filter' },
    });
    expect(await port.bytes('v-0123456789ab')).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    db.close();
  });

  it('drops the never-read outputs table at version 9, and nothing else', async () => {
    const f = fixture(7);
    expect(f.tables.outputs).toHaveLength(2);
    const old = new Dexie(DB_NAME);
    declareSchema(old, 7);
    await old.open();
    for (const [name, rows] of Object.entries(f.tables)) await old.table(name).bulkPut(rows);
    old.close();

    const db = await openStore();
    expect(db.tables.map((t) => t.name)).not.toContain('outputs');
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
    await expectNothingLost(db, f);
    db.close();
  });

  it('imports an export made before version 9, its outputs rows left out and counted', async () => {
    const f = fixture(7);
    const db = await openStore();
    for (const mode of ['replace', 'merge'] as const) {
      const report = await importWorkspace(db, exportMadeAt(f), { mode });
      expect(report.ignored).toEqual({ outputs: 2 });
      expect(report.tables.outputs).toBeUndefined();
    }
    await expectNothingLost(db, f);
    // A current export naming a table the Labbook does not have is still refused.
    const current = { ...fixture(9), version: CURRENT_VERSION };
    current.tables = { ...current.tables, outputs: f.tables.outputs! };
    await expect(importWorkspace(db, exportMadeAt(current), { mode: 'replace' })).rejects.toThrow(
      'lists a table "outputs" that the Labbook does not have',
    );
    db.close();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DataCatalog,
  DataCatalogError,
  hashTable,
  memoryDataPort,
  openShippedStream,
} from '../../../../src/lib/data/catalog';
import { lineageLayout } from '../../../../src/lib/data/catalog/lineage';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';

function catalog() {
  const opened: string[] = [];
  const c = new DataCatalog({
    port: memoryDataPort(),
    openShipped: async (file) => {
      opened.push(file);
      return openShippedStream(new Response(readFileSync(`datasets/${file}`)), file);
    },
  });
  return { catalog: c, opened };
}

const table = (values: number[], name = 'x'): ColumnarTable => ({
  rowCount: values.length,
  columns: [{ name, type: 'float', values: Float64Array.from(values) }],
});

describe('content ids', () => {
  it('gives the same id to the same content and a different one to any change', async () => {
    const id = await hashTable(table([1, 2, 3]));
    expect(id).toMatch(/^v-[0-9a-f]{12}$/);
    expect(await hashTable(table([1, 2, 3]))).toBe(id);
    expect(await hashTable(table([1, 2, 4]))).not.toBe(id);
    expect(await hashTable(table([1, 3, 2]))).not.toBe(id);
    expect(await hashTable(table([1, 2, 3], 'y'))).not.toBe(id);
    expect(await hashTable(table([1, 2, 3, NaN]))).not.toBe(id);
    expect(await hashTable(table([0, NaN]))).toBe(await hashTable(table([-0, -NaN])));
  });

  it('hashes a category by its values, not by its dictionary order', async () => {
    const a: ColumnarTable = {
      rowCount: 3,
      columns: [
        { name: 'c', type: 'category', codes: Uint32Array.of(0, 1, 0), dictionary: ['N', 'Y'] },
      ],
    };
    const b: ColumnarTable = {
      rowCount: 3,
      columns: [
        { name: 'c', type: 'category', codes: Uint32Array.of(1, 0, 1), dictionary: ['Y', 'N'] },
      ],
    };
    expect(await hashTable(a)).toBe(await hashTable(b));
  });

  it('hashes text the same whether it is stored as a category or as strings', async () => {
    // What a shipped table becomes after lab.data.load (arquero) and lab.data.save.
    const category: ColumnarTable = {
      rowCount: 2,
      columns: [
        { name: 'c', type: 'category', codes: Uint32Array.of(0, 1), dictionary: ['N', 'Y'] },
      ],
    };
    const strings: ColumnarTable = {
      rowCount: 2,
      columns: [{ name: 'c', type: 'string', values: ['N', 'Y'] }],
    };
    expect(await hashTable(category)).toBe(await hashTable(strings));
  });
});

describe('the data catalogue', () => {
  it('stores a shipped dataset on first use and reads it from storage afterwards', async () => {
    const { catalog: c, opened } = catalog();
    const first = await c.load('diabetes');
    expect(first.version).toMatchObject({ name: 'diabetes', rowCount: 442, parents: [] });
    expect(first.version.transform.kind).toBe('shipped');
    expect(first.version.schema.map((s) => s.name)).toContain('target');
    const again = await c.load('diabetes');
    expect(again.version.id).toBe(first.version.id);
    expect(opened).toEqual(['diabetes/diabetes.csv']);
  });

  it('loads the gzipped taxi sample', async () => {
    const { catalog: c } = catalog();
    const { version } = await c.load('nyc-taxi');
    expect(version.rowCount).toBe(100_000);
    expect(version.schema.map((s) => s.name)).toEqual([
      'id',
      'vendor_id',
      'pickup_datetime',
      'dropoff_datetime',
      'passenger_count',
      'pickup_longitude',
      'pickup_latitude',
      'dropoff_longitude',
      'dropoff_latitude',
      'store_and_fwd_flag',
      'trip_duration',
    ]);
  }, 60_000);

  it('saves derived versions with their parents, by name, by id and by name@id', async () => {
    const { catalog: c } = catalog();
    const base = await c.save('t', table([1, 2, 3]), {
      transform: { kind: 'import', description: 'test' },
    });
    const derived = await c.save('t', table([2, 3]), {
      parents: [base.id],
      transform: { kind: 'filter', description: 'x > 1' },
    });
    expect((await c.load('t')).version.id).toBe(derived.id);
    expect((await c.load(base.id)).table.rowCount).toBe(3);
    expect((await c.load(`t@${base.id}`)).version.parents).toEqual([]);
    expect((await c.versions('t')).map((v) => v.id)).toContain(base.id);
    const same = await c.save('t', table([2, 3]), {
      parents: [base.id],
      transform: { kind: 'filter', description: 'again' },
    });
    expect(same).toEqual(derived);
  });

  it('keeps both names when equal content is saved under a second name', async () => {
    const { catalog: c } = catalog();
    const imported = { transform: { kind: 'import' as const, description: 'same file' } };
    const a = await c.save('a', table([1, 2, 3]), imported);
    const b = await c.save('b', table([1, 2, 3]), imported);
    expect(b.id).toBe(a.id);
    expect((await c.versions()).map((v) => v.name).sort()).toEqual(['a', 'b']);
    expect(await c.names()).toEqual(expect.arrayContaining(['a', 'b']));
    expect((await c.load('a')).version).toMatchObject({ id: a.id, name: 'a' });
    expect((await c.load('b')).version).toMatchObject({ id: a.id, name: 'b' });
    expect((await c.load(`b@${a.id}`)).table.rowCount).toBe(3);

    await c.remove('a');
    expect((await c.versions()).map((v) => v.name)).toEqual(['b']);
    expect((await c.load('b')).table.rowCount).toBe(3);
    await expect(c.load(`a@${a.id}`)).rejects.toThrow(/No version .* of dataset "a"/);
    await c.remove('b');
    await expect(c.load(a.id)).rejects.toThrow(/No version/);
    await expect(c.remove('b')).rejects.toThrow('No stored dataset "b" to remove.');
  });

  it('makes a name point at the content saved last, even content it had before', async () => {
    const { catalog: c } = catalog();
    const t = { transform: { kind: 'derive' as const, description: '' } };
    const x = await c.save('n', table([1]), t);
    await c.save('n', table([2]), t);
    await c.save('n', table([1]), t);
    expect((await c.load('n')).version.id).toBe(x.id);
    expect(await c.versions('n')).toHaveLength(2);
  });

  it('records a copy saved from its own source as the same version, not its own parent', async () => {
    const { catalog: c } = catalog();
    const raw = await c.save('raw', table([1, 2, 3]), {
      transform: { kind: 'import', description: '' },
    });
    const copy = await c.save('copy', table([1, 2, 3]), {
      parents: [raw.id],
      transform: { kind: 'derive', description: 'an unchanged copy' },
    });
    expect(copy).toMatchObject({ id: raw.id, parents: [] });
    const clean = await c.save('clean', table([1, 2]), {
      parents: [copy.id],
      transform: { kind: 'filter', description: '' },
    });
    const layout = lineageLayout(await c.versions(), clean.id);
    expect(layout.nodes.map((n) => [n.names, n.layer])).toEqual([
      [['raw', 'copy'], 0],
      [['clean'], 1],
    ]);
    expect(layout.edges).toEqual([{ from: raw.id, to: clean.id }]);
  });

  it('keeps a version stored under a pre-schema-5 id (category header) one version', async () => {
    const port = memoryDataPort();
    const c = new DataCatalog({ port, openShipped: () => Promise.reject(new Error('none')) });
    const stored: ColumnarTable = {
      rowCount: 3,
      columns: [
        { name: 'flag', type: 'category', codes: Uint32Array.of(0, 1, 0), dictionary: ['N', 'Y'] },
        { name: 'x', type: 'float', values: Float64Array.of(1, 2, 3) },
      ],
    };
    // The id as versions before schema 5 computed it: the header named the stored type.
    const oldId = await hashTable(stored, (column) => column.type);
    expect(oldId).not.toBe(await hashTable(stored));
    await port.put(
      {
        id: oldId,
        name: 'raw',
        rowCount: 3,
        schema: [
          { name: 'flag', type: 'category' },
          { name: 'x', type: 'float' },
        ],
        parents: [],
        transform: { kind: 'shipped', description: '' },
        createdAt: 1,
      },
      new Uint8Array(),
    );
    const asStrings: ColumnarTable = {
      rowCount: 3,
      columns: [
        { name: 'flag', type: 'string', values: ['N', 'Y', 'N'] },
        { name: 'x', type: 'float', values: Float64Array.of(1, 2, 3) },
      ],
    };
    const copy = await c.save('copy', asStrings, {
      parents: [oldId],
      transform: { kind: 'derive', description: 'an unchanged copy' },
    });
    expect(copy).toMatchObject({ id: oldId, parents: [] });
  });

  it('says a shipped file could not be fetched with a coded error', async () => {
    const error = await openShippedStream(new Response('', { status: 404 }), 'x/y.csv').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataCatalogError);
    expect(error).toMatchObject({ code: 'shipped-unavailable' });
    expect((error as Error).message).toMatch(
      /^The shipped dataset file datasets\/x\/y.csv could not be loaded \(HTTP 404\)/,
    );
  });

  it('says which datasets exist when a name is unknown', async () => {
    const { catalog: c } = catalog();
    const error = await c.load('diabetis').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataCatalogError);
    expect((error as Error).message).toBe(
      'No dataset "diabetis". Datasets here: diabetes, diabetes-split, nyc-taxi. Import a CSV on the Data page, or save a table with lab.data.save(name, table).',
    );
    await expect(c.load('v-000000000000')).rejects.toThrow(/No version v-000000000000/);
  });
});

describe('lineage layout', () => {
  it('puts parents left of children and keeps unrelated versions out', async () => {
    const v = (id: string, parents: string[], createdAt: number) => ({
      id,
      name: 'd',
      rowCount: 1,
      schema: [],
      parents,
      transform: { kind: 'derive' as const, description: '' },
      createdAt,
    });
    const versions = [
      v('a', [], 1),
      v('b', ['a'], 2),
      v('c', ['a'], 3),
      v('d', ['b', 'c'], 4),
      v('z', [], 5),
    ];
    const layout = lineageLayout(versions, 'b');
    const at = Object.fromEntries(layout.nodes.map((n) => [n.version.id, [n.layer, n.row]]));
    expect(at).toEqual({ a: [0, 0], b: [1, 0], d: [2, 0] });
    expect(layout.edges).toEqual([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'd' },
    ]);
    expect(lineageLayout(versions, 'd').nodes.map((n) => n.layer)).toEqual([0, 1, 1, 2]);
  });
});

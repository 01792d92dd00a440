import { describe, expect, it } from 'vitest';
import {
  DocumentStore,
  memoryDocPort,
  where,
  type DocStorePort,
} from '../../../../src/lib/data/docstore';

describe('document store (the TinyDB exercise)', () => {
  it('inserts, searches, updates and removes like the TinyDB tutorial', async () => {
    const db = new DocumentStore(memoryDocPort());
    const table = await db.table();
    expect(table.insert({ type: 'apple', count: 7 })).toBe(1);
    expect(table.insert({ type: 'peach', count: 3 })).toBe(2);
    expect(table.all()).toEqual([
      { type: 'apple', count: 7, doc_id: 1 },
      { type: 'peach', count: 3, doc_id: 2 },
    ]);
    expect(table.search(where('type').eq('peach'))).toEqual([
      { type: 'peach', count: 3, doc_id: 2 },
    ]);
    expect(table.search(where('count').gt(5)).map((d) => d.type)).toEqual(['apple']);
    expect(table.update({ count: 10 }, where('type').eq('apple'))).toEqual([1]);
    expect(table.get(1)).toEqual({ type: 'apple', count: 10, doc_id: 1 });
    expect(table.remove(where('count').lt(5))).toEqual([2]);
    expect(table.all().map((d) => d.type)).toEqual(['apple']);
    // Within a session ids are not reused.
    expect(table.insert({ type: 'pear', count: 1 })).toBe(3);
  });

  it('queries nested fields, regexes, lists and combinations', async () => {
    const table = await new DocumentStore(memoryDocPort()).table('patients');
    table.insertMultiple([
      { name: 'Ann', age: 64, visit: { bmi: 31.2 }, tags: ['diabetic', 'smoker'] },
      { name: 'Bob', age: 41, visit: { bmi: 24.9 }, tags: ['smoker'] },
      { name: 'Cleo', age: 70, tags: [] },
    ]);
    const names = (docs: Record<string, unknown>[]) => docs.map((d) => d.name);
    expect(names(table.search(where('visit.bmi').gte(30)))).toEqual(['Ann']);
    expect(names(table.search(where('visit').field('bmi').exists().not()))).toEqual(['Cleo']);
    expect(names(table.search(where('name').matches('[AB].*')))).toEqual(['Ann', 'Bob']);
    expect(names(table.search(where('name').search(/ob/)))).toEqual(['Bob']);
    expect(names(table.search(where('tags').any(['diabetic'])))).toEqual(['Ann']);
    expect(names(table.search(where('tags').all(['smoker', 'diabetic'])))).toEqual(['Ann']);
    expect(
      names(
        table.search(
          where('age')
            .gt(60)
            .and(where('tags').any(['smoker'])),
        ),
      ),
    ).toEqual(['Ann']);
    expect(names(table.search(where('age').lt(50).or(where('age').gt(65))))).toEqual([
      'Bob',
      'Cleo',
    ]);
    expect(names(table.search(where('name').oneOf(['Bob', 'Zoe'])))).toEqual(['Bob']);
  });

  it('accepts MongoDB-style filters, compiled to the same queries', async () => {
    const table = await new DocumentStore(memoryDocPort()).table();
    table.insertMultiple([
      { sex: 2, age: 64 },
      { sex: 1, age: 41 },
      { sex: 2, age: 30 },
    ]);
    expect(table.count({ sex: 2, age: { $gt: 40 } })).toBe(1);
    expect(table.count({ $or: [{ age: { $lt: 35 } }, { sex: 1 }] })).toBe(2);
    expect(table.count({ age: { $in: [30, 41] } })).toBe(2);
    expect(table.count({ missing: { $exists: false } })).toBe(3);
    expect(() => table.count({ age: { $gtx: 1 } })).toThrow(/Unknown operator \$gtx on "age"/);
  });

  it('persists through its port in order; a reload numbers on from the highest id, as TinyDB', async () => {
    const calls: string[] = [];
    const inner = memoryDocPort();
    const port: DocStorePort = {
      load: (t) => inner.load(t),
      save: async (t, changes) => {
        calls.push(`${t}: put ${changes.put.map((p) => p.docId)} delete ${changes.delete}`);
        await inner.save(t, changes);
      },
    };
    const table = await new DocumentStore(port).table('t');
    table.insert({ a: 1 });
    table.insert({ a: 2 });
    table.update({ a: 3 }, [1]);
    table.remove([2]);
    await table.flush();
    expect(calls).toEqual([
      't: put 1 delete ',
      't: put 2 delete ',
      't: put 1 delete ',
      't: put  delete 2',
    ]);
    const reloaded = await new DocumentStore(port).table('t');
    expect(reloaded.all()).toEqual([{ a: 3, doc_id: 1 }]);
    expect(reloaded.insert({ a: 4 })).toBe(2);
  });

  it('refuses what JSON cannot hold, naming the field, and keeps stored copies private', async () => {
    const table = await new DocumentStore(memoryDocPort()).table();
    expect(() => table.insert({ a: { b: () => 1 } })).toThrow(
      'document.a.b is a function; documents hold only JSON values (objects, arrays, strings, numbers, booleans, null).',
    );
    expect(() => table.insert({ when: new Date() })).toThrow(/document.when is a Date/);
    expect(() => table.insert({ x: [1, undefined] })).toThrow(/document.x\[1\] is undefined/);
    const doc = { list: [1] };
    table.insert(doc);
    doc.list.push(2);
    table.all()[0]!.list = [];
    expect(table.get(1)).toEqual({ list: [1], doc_id: 1 });
  });
});

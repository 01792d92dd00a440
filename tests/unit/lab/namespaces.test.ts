import { beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { LabMemberDoc } from '../../../src/lib/lab';
import { labCompletions } from '../../../src/lib/lab/help';
import { LAB_DOCS } from '../../../src/lib/lab/docs';
import { useNodeServices } from './node-services';

let kernel: KernelRuntime;
async function value(source: string): Promise<string> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as
    (Output & { text?: string; message?: string }) | undefined;
  if (status !== 'ok') throw new Error(`cell failed: ${last?.message}`);
  return last?.text ?? (last ? JSON.stringify(last) : '');
}

beforeEach(async () => {
  useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
});

describe('lab.data in a cell', () => {
  it('loads, saves a derived version with its parent, and diffs the two', async () => {
    await value("const d = await lab.data.load('diabetes');");
    expect(await value('d.numRows()')).toBe('442');
    await value(
      "const old = d.filter((r) => r.age > 60);\nconst v = await lab.data.save('diabetes-over-60', old, { from: d, transform: 'filter', description: 'age > 60' });",
    );
    expect(await value('v.parents[0] === lab.data.versionOf(d).id')).toBe('true');
    expect(await value("(await lab.data.diff('diabetes', 'diabetes-over-60')).rows.removed")).toBe(
      String(442 - Number(await value('old.numRows()'))),
    );
    expect(await value("(await lab.data.summary('diabetes')).numRows()")).toBe('11');
  });

  it('validates with a suite written in the cell', async () => {
    const report = await value(
      "const r = await lab.data.validate('diabetes', lab.data.suite('d').expectColumnValuesToBeInSet('sex', [1, 2]).expectColumnValuesToBeBetween('bmi', 20, 40));\n[r.success, r.results[1].result.unexpected_count].join(' ')",
    );
    expect(report).toBe('false 22');
  });
});

describe('lab.sql and lab.nosql in a cell', () => {
  it("opens the course's diabetes.db and keeps changes across opens", async () => {
    await value("const db = await lab.sql.open('diabetes');");
    expect(await value("(await db.query('SELECT COUNT(*) AS n FROM test')).get('n', 0)")).toBe(
      '89',
    );
    expect(await value("(await db.run('DELETE FROM test WHERE age < 30')).changes > 0")).toBe(
      'true',
    );
    await value("const again = await lab.sql.open('diabetes');");
    expect(
      await value(
        "(await again.query('SELECT COUNT(*) AS n FROM test WHERE age < 30')).get('n', 0)",
      ),
    ).toBe('0');
  });

  it('stores documents and queries them TinyDB-style', async () => {
    await value(
      "const patients = await lab.nosql.table('patients');\npatients.insert({ name: 'Ann', age: 64 });\npatients.insert({ name: 'Bob', age: 41 });",
    );
    expect(await value("patients.search(lab.nosql.where('age').gt(60)).map((p) => p.name)")).toBe(
      '["Ann"]',
    );
  });
});

describe('lab API documentation', () => {
  it('completes namespaces and their members', () => {
    expect(labCompletions().map((c) => c.label)).toEqual(
      expect.arrayContaining(['help', 'data', 'sql', 'nosql']),
    );
    expect(labCompletions('sql').map((c) => c.label)).toContain('open');
    expect(labCompletions('nope')).toEqual([]);
  });
});

describe('lab.bigdata in a cell', () => {
  it('explains a lazy plan, then gives the same answer in parts as in one part', async () => {
    await value('const file = await lab.bigdata.taxiFile({ copies: 2 });');
    expect(await value('file.size > 2e6')).toBe('true');
    await value(
      "const q = lab.bigdata.scan(file).filter('passenger_count', '>', 0).groupCount('pickup_datetime', 'hour');",
    );
    expect(await value('q.explain()')).toContain('+- Filter: passenger_count > 0');
    await value(
      'const many = await q.collect({ parts: 5 });\nconst one = await q.collect({ parts: 1 });',
    );
    expect(await value('JSON.stringify(many.objects()) === JSON.stringify(one.objects())')).toBe(
      'true',
    );
    expect(await value('many.numRows()')).toBe('24');
    expect(await value("many.rollup({ n: aq.op.sum('count') }).get('n', 0)")).toBe(
      await value(
        "(await lab.data.load('nyc-taxi')).slice(0, 9999).filter((d) => d.passenger_count > 0).numRows() * 2",
      ),
    );
    await value(
      "const d5 = await lab.bigdata.scan(file).describe('trip_duration').collect({ parts: 5 });",
    );
    await value(
      "const d1 = await lab.bigdata.scan(file).describe('trip_duration').collect({ parts: 1 });",
    );
    expect(
      await value("Math.abs(d5.get('std', 0) - d1.get('std', 0)) / d1.get('std', 0) < 1e-12"),
    ).toBe('true');
  }, 60_000);
});

describe('lab.ml in a cell', () => {
  it('names the column and row of a value a model cannot use, typed column or not', async () => {
    await value(
      'const good = aq.table({ x: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([2, 4, 6, 8]) });',
    );
    await expect(
      value('lab.ml.fit(good.derive({ x: (d) => d.x === 3 ? NaN : d.x }), { target: "y" })'),
    ).rejects.toThrow('Column "x", row 3: NaN is not a number');
    await expect(
      value('lab.ml.fit(aq.table({ x: Float64Array.from([1, NaN]), y: [1, 2] }), { target: "y" })'),
    ).rejects.toThrow('Column "x", row 2: NaN is not a number');
    await expect(
      value('lab.ml.fit(aq.table({ x: [1, 2], y: [1, null] }), { target: "y" })'),
    ).rejects.toThrow('Column "y", row 2: null is not a number');
    await expect(value('lab.ml.fit(good, { target: "z" })')).rejects.toThrow('No column "z"');
  });

  it('predicts the same with and without standardised features for least squares', async () => {
    await value(
      "const d = await lab.data.load('diabetes');\nconst a = lab.ml.fit(d, { target: 'target' });\nconst b = lab.ml.fit(d, { target: 'target', scale: true });",
    );
    expect(
      await value('Math.max(...a.predict(d).map((v, i) => Math.abs(v - b.predict(d)[i])))  < 1e-9'),
    ).toBe('true');
    expect(await value("b.state.scaler.kind + ' ' + b.state.scaler.mean.length")).toBe(
      'standard-scaler 10',
    );
  });
});

describe('lab.help() and the editor’s completions', () => {
  it('document every member of every namespace, and nothing that is not there', async () => {
    const members = JSON.parse(
      await value(
        "JSON.stringify(Object.fromEntries(Object.entries(lab).filter(([, v]) => v && typeof v === 'object').map(([k, v]) => [k, Object.keys(v).sort()])))",
      ),
    ) as Record<string, string[]>;
    // Docs of a returned object's methods (`db.query` after `lab.sql.open`) are not members.
    const documented = Object.fromEntries(
      Object.entries(LAB_DOCS).map(([k, d]) => [
        k,
        Object.entries(d.members as Record<string, LabMemberDoc>)
          .filter(([, m]) => !m.of)
          .map(([name]) => name)
          .sort(),
      ]),
    );
    expect(members).toEqual(documented);
    expect(labCompletions('sql').map((c) => c.label)).toEqual(['open', 'reset']);
  });
});

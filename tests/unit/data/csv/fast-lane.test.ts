import { describe, expect, it } from 'vitest';
import { hashTable } from '../../../../src/lib/data/catalog';
import { parseCsvStream, type CsvImportOptions } from '../../../../src/lib/data/csv';
import { parseFor } from '../../../../src/lib/data/csv/builder';
import { floatAt, integerAt, valueAt } from '../../../../src/lib/data/csv/fast-fields';
import { RowAssembler } from '../../../../src/lib/data/csv/rows';
import { CsvTokenizer } from '../../../../src/lib/data/csv/tokenizer';
import { chunksOf, values } from './helpers';

/** Every row field by field, as before the line lane: the reference the fast lane must match. */
function slowParse(text: string, options: CsvImportOptions = {}) {
  const rows = new RowAssembler(options);
  const tokenizer = new CsvTokenizer((f, line) => rows.add(f, line), options.delimiter);
  tokenizer.push(text.startsWith('\uFEFF') ? text.slice(1) : text);
  tokenizer.finish();
  return { table: rows.finish(), ...rows.report() };
}

async function bothLanes(text: string, options: CsvImportOptions = {}, chunk = 7) {
  const fast = await parseCsvStream(chunksOf(text, chunk), options);
  const slow = slowParse(text, options);
  expect(fast.table.columns.map((c) => [c.name, c.type])).toEqual(
    slow.table.columns.map((c) => [c.name, c.type]),
  );
  fast.table.columns.forEach((c, j) => {
    // Object.is: -0 and NaN must come out as they did.
    const a = values(c);
    const b = values(slow.table.columns[j]);
    for (let i = 0; i < b.length; i++)
      expect(Object.is(a[i], b[i]), `${c.name}[${i}]: ${String(a[i])} vs ${String(b[i])}`).toBe(
        true,
      );
  });
  expect(fast.problems).toEqual(slow.problems);
  expect(fast.promotions).toEqual(slow.promotions);
  expect(await hashTable(fast.table)).toBe(await hashTable(slow.table));
  return fast;
}

let seed = 5;
// 32-bit LCG, high bits: a float product would lose the low bits and cycle early.
const rand = (n: number) => (
  (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0),
  Math.floor((seed / 2 ** 32) * n)
);

describe('number fast paths', () => {
  it(
    'give the double Number() gives, or leave the text to the general parser',
    { timeout: 60_000 },
    () => {
      const alphabet = ['0', '0', '7', '9', '1', '.', '-', '+', 'e', '5'];
      const samples = [
        '-74.015380859375000',
        '40.711505889892578',
        '9007199254740993',
        '9007199254740992.5',
        '0.1',
        '-0',
        '-0.0',
        '+.5',
        '5.',
        '.',
        '-',
        '1e5',
        '1.0000000000000000000000001',
        '0.00000000000000000000000123',
        '123456789012345678901234567890',
        '2.2250738585072011e-308',
      ];
      // Decimals like the taxi coordinates, 1 to 20 digits after the point.
      for (let i = 0; i < 20_000; i++)
        samples.push(
          `${['', '-', '+'][rand(3)]}${rand(1000)}.${Array.from({ length: 1 + rand(20) }, () => rand(10)).join('')}`,
        );
      // Too long for the exact path, then something that is not a digit: never read as a number.
      for (let i = 0; i < 2_000; i++)
        samples.push(
          `${rand(1000)}.${Array.from({ length: 16 + rand(8) }, () => rand(10)).join('')}${alphabet[rand(alphabet.length)]}`,
        );
      for (let i = 0; i < 20_000; i++)
        samples.push(Array.from({ length: 1 + rand(24) }, () => alphabet[rand(10)]).join(''));
      for (const s of samples) {
        for (const [type, fast] of [
          ['float', floatAt],
          ['integer', integerAt],
        ] as const) {
          const v = fast(`x,${s},y`, 2, 2 + s.length);
          if (v !== undefined) expect(Object.is(v, parseFor(type, s)), `${type} ${s}`).toBe(true);
          expect(Object.is(valueAt(type, `,${s}`, 1, 1 + s.length), parseFor(type, s)), s).toBe(
            true,
          );
        }
      }
    },
  );

  it('reads the common forms themselves', () => {
    expect(floatAt('-74.015380859375000', 0, 19)).toBe(-74.015380859375);
    expect(integerAt('-549', 0, 4)).toBe(-549);
    expect(integerAt('1234567890123456', 0, 16)).toBeUndefined();
    expect(floatAt('1e5', 0, 3)).toBeUndefined();
    expect(floatAt('40.711505889892578', 0, 18)).toBe(40.711505889892578);
    expect(floatAt('40.711505889892578e1', 0, 20)).toBeUndefined();
    expect(floatAt('40.711505889892578.5', 0, 20)).toBeUndefined();
    expect(valueAt('datetime', '2016-02-29 23:59:59', 0, 19)).toBe(
      Date.UTC(2016, 1, 29, 23, 59, 59),
    );
    expect(valueAt('datetime', '2015-02-29', 0, 10)).toBeNull();
    expect(valueAt('float', 'NA', 0, 2)).toBeNaN();
    expect(valueAt('integer', '', 0, 0)).toBeNaN();
  });
});

describe(
  'the line lane builds the same table as the field-by-field tokenizer',
  { timeout: 60_000 },
  () => {
    const header = 'id,n,x,when,flag,label\n';
    const row = (i: number) =>
      [
        `id${i}`,
        rand(20) === 0 ? '' : String(rand(2000) - 1000),
        [
          `${rand(2) ? '-' : ''}${rand(200)}.${String(rand(1e9)).padStart(9, '0')}${rand(1e8)}`,
          `${rand(100)}.${rand(100)}`,
          `-0.${rand(10)}`,
          '',
          'NA',
        ][rand(5)],
        [
          `2016-0${1 + rand(9)}-${10 + rand(18)} ${10 + rand(13)}:${10 + rand(49)}:${10 + rand(49)}`,
          `2016-0${1 + rand(9)}-${10 + rand(18)}`,
          `2016-0${1 + rand(9)}-${10 + rand(18)} ${10 + rand(13)}:${10 + rand(49)}`,
          '',
        ][rand(4)],
        rand(2) ? 'Y' : 'N',
        ['café', 'naïve ☕', 'plain', '日本'][rand(4)],
      ].join(',');
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));

    it('on LF and CRLF files, with a BOM, multibyte text, dates with and without seconds', async () => {
      const body = rows(3000);
      for (const eol of ['\n', '\r\n']) {
        const text = `\uFEFF${header.replace('\n', eol)}${body.join(eol)}${eol}`;
        const result = await bothLanes(text, { inferRows: 50 }, 4096);
        expect(result.table.rowCount).toBe(3000);
        expect(result.table.columns.map((c) => c.type)).toEqual([
          'string',
          'integer',
          'float',
          'datetime',
          'category',
          'category',
        ]);
        expect(values(result.table.columns[5]).slice(0, 1)[0]).toMatch(
          /^(café|naïve ☕|plain|日本)$/,
        );
      }
    });

    it('with exponents, quoted numbers, quoted line breaks and lone CRs among plain lines', async () => {
      const body = rows(2000);
      body[1500] = body[1500]!.replace(/^id\d+,[^,]*,[^,]*/, 'id1500,"42","1.5e-3"');
      body[1600] = body[1600]!.replace(/^id\d+/, '"id\n1600"');
      body[1700] = body[1700]!.replace(/^id\d+,[^,]*,[^,]*/, 'id1700,-7,2.5E+10');
      body[1800] = `${body[1800]}\r${row(1800)}`;
      const result = await bothLanes(`${header}${body.join('\n')}`, { inferRows: 100 }, 513);
      expect(result.table.rowCount).toBe(2001);
      expect(values(result.table.columns[1])[1500]).toBe(42);
    });

    it('with promotions, bad rows and wrong field counts after inference', async () => {
      const body = rows(2000);
      body[1200] = body[1200]!.replace(/^id\d+,[^,]*/, 'id1200,3.25');
      body[1300] = body[1300]!.replace(/,[YN],/, ',maybe,');
      body[1400] = 'id1400,1,2';
      // Several, so some fall inside a chunk, not across its end.
      for (let i = 1450; i < 1460; i++) body[i] = `${body[i]},extra`;
      body[1500] = body[1500]!.replace(/2016-0\d-\d\d/, '2016-02-30');
      const text = `${header}${body.join('\n')}\n\n`;
      const result = await bothLanes(text, { inferRows: 100, onError: 'skip' }, 1000);
      expect(result.promotions.map((p) => [p.column, p.to, p.line])).toEqual([
        ['n', 'float', 1202],
        ['when', 'string', 1502],
      ]);
      expect(result.problems.map((p) => p.line)).toEqual([
        1402,
        ...Array.from({ length: 10 }, (_, i) => 1452 + i),
      ]);
      const typed = { types: { n: 'integer' as const }, inferRows: 100 };
      const error = await parseCsvStream(chunksOf(text, 999), typed).catch((e: unknown) => e);
      expect(String(error)).toContain(
        'line 1202 (data row 1201), column "n": "3.25" is not a valid integer',
      );
    });

    it('with other delimiters and column names like __proto__', async () => {
      const text = `__proto__;constructor\n${Array.from({ length: 500 }, (_, i) => `${i};${i / 4}`).join('\n')}`;
      const result = await bothLanes(text, { delimiter: ';', inferRows: 10 }, 64);
      expect(result.table.columns.map((c) => [c.name, c.type])).toEqual([
        ['__proto__', 'integer'],
        ['constructor', 'float'],
      ]);
    });
  },
);

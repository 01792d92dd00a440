import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABBOOK_RULES, TEST_GLOBALS, CELL_GLOBALS } from '../../../../src/lib/project/lint';

const docs = readFileSync('docs/lint-rules.md', 'utf8');

describe('docs/lint-rules.md', () => {
  it('has a row per Labbook rule, with its why and course check', () => {
    for (const rule of LABBOOK_RULES) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${rule.id}\``));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(rule.why);
      expect(row).toContain(rule.course);
      const level =
        (Array.isArray(rule.setting) ? rule.setting[0] : rule.setting) === 'warn'
          ? 'warning'
          : 'error';
      expect(row!.split('|').map((cell) => cell.trim())[2]).toBe(level);
    }
  });

  it('lists no rule the table does not have', () => {
    const rows = docs.match(/^\| `[a-z-]+`/gm)!.map((r) => r.slice(3, -1));
    expect(rows.sort()).toEqual(LABBOOK_RULES.map((r) => r.id).sort());
  });

  it('names every global a cell and a test file get', () => {
    for (const name of [...TEST_GLOBALS, ...CELL_GLOBALS]) expect(docs).toContain(`\`${name}\``);
  });
});

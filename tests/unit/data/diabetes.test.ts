import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../datasets/diabetes/', import.meta.url);
const card = readFileSync(new URL('README.md', dir), 'utf8');

/** `| \`file\` | rows | \`sha256\` |` rows of the card's Files table. */
const files = [...card.matchAll(/^\| `([\w.-]+\.csv)` +\| (\d+) +\| `([0-9a-f]{64})` \|$/gm)].map(
  (m) => ({ name: m[1] ?? '', rows: Number(m[2]), sha256: m[3] ?? '' }),
);

describe('datasets/diabetes matches its card', () => {
  it('lists both files', () => {
    expect(files.map((f) => f.name).sort()).toEqual(['diabetes-course-split.csv', 'diabetes.csv']);
  });

  for (const f of files) {
    it(`${f.name}: sha256 and row count`, () => {
      const bytes = readFileSync(new URL(f.name, dir));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      const lines = bytes.toString('utf8').trimEnd().split('\n');
      expect(lines.length - 1).toBe(f.rows);
    });
  }

  it('the split has 353 train and 89 test rows', () => {
    const rows = readFileSync(new URL('diabetes-course-split.csv', dir), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1);
    const count = (s: string): number => rows.filter((r) => r.endsWith(`,${s}`)).length;
    expect([count('train'), count('test')]).toEqual([353, 89]);
    rows.forEach((r, i) => expect(r.startsWith(`${i},`)).toBe(true));
  });
});

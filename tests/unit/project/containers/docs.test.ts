import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTAINER_RULES, INSTRUCTION_IN_LABBOOK } from '../../../../src/lib/project/containers';

const docs = readFileSync('docs/containers.md', 'utf8');
/** Table rows as trimmed cells (Prettier pads them), `\|` read back as `|`. */
const rows = docs
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|')),
  );
const row = (first: string) => rows.find((r) => r[0] === `\`${first}\``);

describe('docs/containers.md', () => {
  it('has a row per rule with its severity, why, course form and Labbook counterpart', () => {
    for (const rule of Object.values(CONTAINER_RULES))
      expect(row(rule.id), rule.id).toEqual([
        `\`${rule.id}\``,
        rule.severity,
        rule.why,
        rule.course,
        rule.labbook,
      ]);
    const listed = rows
      .map((r) => r[0]!.slice(1, -1))
      .filter((id) => /^(docker|compose)\//.test(id));
    expect(listed.sort()).toEqual(Object.keys(CONTAINER_RULES).sort());
  });

  it('maps every instruction the Labbook explains', () => {
    for (const [keyword, labbook] of Object.entries(INSTRUCTION_IN_LABBOOK))
      expect(row(keyword), keyword).toEqual([`\`${keyword}\``, labbook]);
  });
});

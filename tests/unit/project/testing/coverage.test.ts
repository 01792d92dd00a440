import { describe, expect, test } from 'vitest';
import { runProjectTests } from '../../../../src/lib/project/testing';

// Every construct whose body the instrumenter wraps or prefixes must still mean the same.
const MODULE = [
  'export function classify(x) {',
  "  if (x < 0) return 'negative';",
  "  else if (x === 0) return 'zero';",
  '  for (let i = 0; i < 1; i++) x += 0;',
  '  switch (x) {',
  "    case 1: return 'one';",
  '    default:',
  '      label: for (const y of [1]) { if (y) continue label; }',
  '  }',
  '  const f = (n) => ({ n });',
  "  return f(x).n > 10 ? 'big' : 'small';",
  '}',
  'export default class Box { static made = 0; static { Box.made = 1; } }',
].join('\n');

const SUITE = [
  "import Box, { classify } from './m.js';",
  "test('same answers', () => {",
  "  expect([-1, 0, 1, 5, 50].map(classify)).to.deep.equal(['negative', 'zero', 'one', 'small', 'big']);",
  '  expect(Box.made).to.equal(1);',
  '});',
].join('\n');

describe('coverage instrumentation', () => {
  test('keeps the meaning of if/else, loops, switch, labels, arrows and static blocks', async () => {
    const plain = await runProjectTests({ 'm.js': MODULE, 'm.test.js': SUITE });
    const covered = await runProjectTests(
      { 'm.js': MODULE, 'm.test.js': SUITE },
      { coverage: true },
    );
    expect(plain.summary.passed).toBe(1);
    expect(covered.summary.passed).toBe(1);
    // Lines 2, 3, 4, 5, 6, 8, 10, 11, 13 start statements; line 7 (`default:`) does not.
    expect(covered.coverage).toEqual([{ file: 'm.js', covered: 9, total: 9, uncovered: [] }]);
  });

  test('a module with a syntax error is reported by the loader, not broken by the instrumenter', async () => {
    const report = await runProjectTests(
      { 'm.js': 'export const x = ;', 'm.test.js': "import './m.js';\ntest('x', () => {});" },
      { coverage: true },
    );
    expect(report.files[0]!.error!.message).toMatch(/m\.js:1:18: SyntaxError/);
  });
});

import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { toCodeMirror } from '../../../../src/components/project/lint-extension';
import type { LintDiagnostic } from '../../../../src/lib/project/lint';

const doc = Text.of(['const a = 1;', 'if (a == null) {}']);
const at = (
  line: number,
  column: number,
  endLine = line,
  endColumn = column + 1,
): LintDiagnostic => ({
  path: 'a.js',
  line,
  column,
  endLine,
  endColumn,
  severity: 'error',
  ruleId: 'eqeqeq',
  message: 'm',
});

describe("ESLint's places as CodeMirror offsets", () => {
  it('turns 1-based line/column into offsets, the end exclusive', () => {
    const d = toCodeMirror(doc, at(2, 7, 2, 9));
    expect(doc.sliceString(d.from, d.to)).toBe('==');
    expect(d).toMatchObject({ severity: 'error', source: 'eqeqeq', message: 'm' });
  });

  it('keeps places past the end of a line or of the document inside the document', () => {
    expect(toCodeMirror(doc, at(1, 99))).toMatchObject({ from: 12, to: 12 });
    expect(toCodeMirror(doc, at(9, 1))).toMatchObject({ from: doc.length, to: doc.length });
  });

  it("offers ESLint's fix or suggestion as an action named for what it does", () => {
    const fix = { from: 19, to: 21, text: '===', title: "Use '===' instead of '=='." };
    expect(toCodeMirror(doc, { ...at(2, 7, 2, 9), fix }).actions?.map((a) => a.name)).toEqual([
      "Use '===' instead of '=='",
    ]);
    expect(toCodeMirror(doc, at(2, 7)).actions).toEqual([]);
  });
});

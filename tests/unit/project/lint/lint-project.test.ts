import { describe, expect, it } from 'vitest';
import { lintKindOf, lintProject } from '../../../../src/lib/project/lint';

describe('lintProject', () => {
  it('lints JavaScript files by kind, with the project config, and sums up', () => {
    const report = lintProject([
      { path: 'README.md', text: 'x == null' },
      { path: 'src/features.js', text: 'export const f = (x) => x == null;\nconst unused = 1;\n' },
      { path: 'src/features.test.js', text: "test('f', () => expect(1).toBe(1));\n" },
      { path: 'src/ok.js', text: 'export const ok = 1;\n' },
      { path: 'eslint.config.json', text: '{"rules": {"no-unused-var": "off"}}' },
      { path: '.git/hooks/pre-commit.js', text: 'syntax error (' },
    ]);
    expect(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['eslint.config.json', [null]],
      ['src/features.js', ['eqeqeq', 'no-unused-vars']],
    ]);
    expect(report.summary).toEqual({ linted: 3, errors: 2, warnings: 1, fixable: 2 });
  });

  it('in strict mode, a disable comment does not pass a file', () => {
    const files = [{ path: 'a.js', text: '/* eslint-disable */\nexport const r = eval("1");\n' }];
    expect(lintProject(files).summary.errors).toBe(0);
    expect(lintProject(files, { strict: true }).summary.errors).toBe(1);
  });

  it('knows which files are tests, modules or neither', () => {
    expect(
      ['a.test.js', 'b.spec.mjs', 'src/c.js', 'd.json', 'node_modules/x/i.js'].map(lintKindOf),
    ).toEqual(['test', 'test', 'module', null, null]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintSource, parseLintConfig } from '../../../../src/lib/project/lint';

const lint = (text: string, kind: 'module' | 'test' | 'cell' = 'module', extra = {}) =>
  lintSource(text, { path: 'src/features.js', kind, ...extra });
const rules = (text: string, kind: 'module' | 'test' | 'cell' = 'module', extra = {}) =>
  lint(text, kind, extra).map((d) => d.ruleId);

describe('lintSource', () => {
  it('reports an unused variable with its place, as a warning', () => {
    expect(lint('export const a = 1;\nconst unused = 2;\n')).toEqual([
      expect.objectContaining({
        path: 'src/features.js',
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 13,
        severity: 'warning',
        ruleId: 'no-unused-vars',
        message: "'unused' is assigned a value but never used.",
      }),
    ]);
  });

  it('reports `x == null` (eqeqeq) with a fix to ===', () => {
    const text = 'export const f = (x) => (x == null ? 0 : x);\n';
    const [d] = lint(text);
    expect(d).toMatchObject({ ruleId: 'eqeqeq', severity: 'error', line: 1, column: 28 });
    expect(text.slice(0, d!.fix!.from) + d!.fix!.text + text.slice(d!.fix!.to)).toContain(
      'x === null',
    );
  });

  it('gives test files the runner globals, and modules the worker globals only', () => {
    const test = "describe('f', () => { it('works', () => { expect(1).toBe(1); }); });\n";
    expect(rules(test, 'test')).toEqual([]);
    expect(rules(test, 'module')).toEqual(['no-undef', 'no-undef', 'no-undef']);
    expect(rules('export const w = self.postMessage;\n')).toEqual([]);
    // Project modules run in workers: `document` would fail there.
    expect(lint('export const d = document.title;\n')[0]?.message).toBe(
      "'document' is not defined.",
    );
  });

  it('turns a syntax error into one diagnostic at its place', () => {
    expect(lint('export const a = (1;\n')).toEqual([
      {
        path: 'src/features.js',
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 20,
        severity: 'error',
        ruleId: null,
        message: 'Syntax error: Unexpected token ;',
      },
    ]);
  });

  describe('cells share one scope', () => {
    it('does not call a top-level name unused or a top-level let const (later cells use them)', () => {
      expect(rules('const model = 1;\nlet count = 0;\nfunction helper() {}\n', 'cell')).toEqual([]);
    });

    it('still reports unused names inside functions', () => {
      expect(
        rules('function f() { const inner = 1; let y = 2; return y; }\nf();\n', 'cell'),
      ).toEqual(['no-unused-vars', 'prefer-const']);
    });

    it('knows what other cells declared, and only that', () => {
      expect(rules('model.predict(1);\n', 'cell', { knownGlobals: ['model'] })).toEqual([]);
      expect(rules('model.predict(1);\n', 'cell')).toEqual(['no-undef']);
      expect(rules('model = 2;\n', 'cell', { knownGlobals: ['model'] })).toEqual([]);
    });

    it('accepts top-level await, imports of bundled libraries, the kernel names and a last bare expression', () => {
      const cell =
        "import * as tfjs from '@tensorflow/tfjs';\nconst t = await lab.data.load('taxi');\nconsole.log(aq, Plot, tf, tfjs);\nt\n";
      expect(rules(cell, 'cell')).toEqual([]);
      expect(rules('const t = 1;\nt;\n', 'module')).toEqual(['no-unused-expressions']);
    });
  });

  describe('inline config comments', () => {
    const text = '/* eslint-disable */\nexport const r = eval("1");\n';
    it('are honoured by default, like ESLint', () => {
      expect(rules(text)).toEqual([]);
    });
    it('have no effect in strict mode, and say so', () => {
      expect(rules(text, 'module', { strict: true })).toEqual([null, 'no-eval']);
    });
    it('have no effect when the project sets noInlineConfig', () => {
      const { config } = parseLintConfig('{"noInlineConfig": true}');
      expect(rules('/* eslint no-eval: off */\n' + text.slice(21), 'module', { config })).toEqual([
        null,
        'no-eval',
      ]);
    });
  });

  it("applies a project's rule settings over the Labbook's", () => {
    const { config } = parseLintConfig('{"rules": {"eqeqeq": "off", "no-console": "warn"}}');
    expect(
      rules('export const f = (x) => x == 1;\nconsole.log(f);\n', 'module', { config }),
    ).toEqual(['no-console']);
  });
});

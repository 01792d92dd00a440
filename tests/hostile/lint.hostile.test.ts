import { describe, expect } from 'vitest';
import {
  declaredByCells,
  lintProject,
  lintSource,
  lintStoredProject,
  parseLintConfig,
} from '../../src/lib/project/lint';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { FILE_MODE } from '../../src/lib/project/types';
import { hostile } from './hostile';

const lint = (text: string, extra = {}) =>
  lintSource(text, { path: 'src/a.js', kind: 'module', ...extra });

describe('the linter', () => {
  hostile('lint', 'a 2 MB file', { guards: 'availability' }, () => {
    const text = 'export const a = [1, 2, 3];\n'.repeat(75_000);
    expect(text.length).toBeGreaterThan(2_000_000);
    const started = performance.now();
    expect(lint(text)).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        ruleId: null,
        message: expect.stringMatching(
          /^Not linted: 2\.1 million characters .*Split the file into modules\.$/,
        ),
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  hostile('lint', '10,000-deep nesting', { guards: 'availability' }, () => {
    const text =
      'export const a = 1;\nexport const x = ' + '['.repeat(10_000) + ']'.repeat(10_000) + ';\n';
    const [d, ...rest] = lint(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: 2, severity: 'error', ruleId: null });
    expect(d!.message).toMatch(/^Too deeply nested to lint: brackets reach 10000 levels here/);
    // The linter is still there for the next file.
    expect(lint('const unused = 1;\n').map((x) => x.ruleId)).toEqual(['no-unused-vars']);
  });

  hostile(
    'lint',
    '10,000-deep nesting in another cell of the lesson',
    { guards: 'availability' },
    () => {
      const deep = 'x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000);
      expect(declaredByCells([deep, 'const model = 1;'])).toEqual(['model']);
    },
  );

  hostile('lint', 'a syntax error', { guards: 'clarity' }, () => {
    expect(lint('export function f( {\n  return 1;\n}\n')).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        ruleId: null,
        message: "Syntax error: Unexpected keyword 'return'",
      }),
    ]);
  });

  hostile('lint', 'a file of NUL bytes', { guards: 'clarity' }, async () => {
    expect(lint('\0'.repeat(1000))).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        message: "Syntax error: Unexpected character '\\u0000'",
      }),
    ]);
    // Stored as bytes in a project: still one diagnostic, no crash.
    const port = new MemoryProjectStorage();
    await port.writeFiles('p', {
      put: [
        {
          projectId: 'p',
          path: 'nul.js',
          kind: 'file',
          bytes: new Uint8Array(1000),
          mode: FILE_MODE,
          mtimeMs: 0,
        },
        {
          projectId: 'p',
          path: 'latin1.js',
          kind: 'file',
          bytes: new Uint8Array([0xe9, 0x3d]),
          mode: FILE_MODE,
          mtimeMs: 0,
        },
      ],
    });
    const report = await lintStoredProject(port, 'p');
    expect(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.message)])).toEqual([
      ['latin1.js', ['Not linted: the file is not UTF-8 text. Save it again as UTF-8.']],
      ['nul.js', ["Syntax error: Unexpected character '\\u0000'"]],
    ]);
  });

  hostile(
    'lint',
    '/* eslint-disable */ where a check requires clean lint',
    { guards: 'clarity' },
    () => {
      const files = [
        { path: 'src/a.js', text: '/* eslint-disable */\nexport const r = eval("1");\n' },
      ];
      // Allowed while the student works, as in ESLint …
      expect(lintProject(files).summary.errors).toBe(0);
      // … but a check in strict mode still sees the problem, and says the comment had no effect.
      const strict = lintProject(files, { strict: true }).files[0]!.diagnostics;
      expect(strict.map((d) => d.ruleId)).toEqual([null, 'no-eval']);
      expect(strict[0]!.message).toMatch(/has no effect/);
    },
  );

  hostile(
    'lint',
    '/* eslint no-eval: off */ where a check requires clean lint',
    { guards: 'clarity' },
    () => {
      const text = '/* eslint no-eval: off */\nexport const r = eval("1");\n';
      expect(lint(text)).toEqual([]);
      expect(lint(text, { strict: true }).map((d) => d.ruleId)).toEqual([null, 'no-eval']);
      const { config } = parseLintConfig('{"noInlineConfig": true}');
      expect(lint(text, { config }).map((d) => d.ruleId)).toEqual([null, 'no-eval']);
    },
  );

  hostile('lint', 'a config file with unknown rules', { guards: 'clarity' }, () => {
    const text =
      '{\n  "rules": {\n    "eqeqe": "off",\n    "no-such-rule-at-all": "warn",\n    "no-console": "warn"\n  }\n}\n';
    const report = lintProject([
      { path: 'eslint.config.json', text },
      { path: 'a.js', text: 'console.log(1 == 2);\n' },
    ]);
    expect(report.files[0]!.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      expect.stringMatching(
        /^3:5 Unknown rule "eqeqe" in eslint.config.json. Did you mean "eqeqeq"\?/,
      ),
      expect.stringMatching(
        /^4:5 Unknown rule "no-such-rule-at-all" in eslint.config.json. Only ESLint's core rules/,
      ),
    ]);
    // The known rule still applies, the unknown ones change nothing.
    expect(report.files[1]!.diagnostics.map((d) => d.ruleId)).toEqual(['no-console', 'eqeqeq']);
  });

  hostile('lint', 'a config file that is not JSON or not an object', { guards: 'clarity' }, () => {
    expect(parseLintConfig('rules: off').problems[0]!.message).toMatch(
      /^eslint.config.json is not valid JSON/,
    );
    expect(parseLintConfig('null').problems[0]!.message).toMatch(/must hold one object/);
    expect(parseLintConfig('{"rules": {"__proto__": "off"}}').problems[0]!.message).toMatch(
      /^Unknown rule "__proto__"/,
    );
  });
});

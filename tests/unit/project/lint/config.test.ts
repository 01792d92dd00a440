import { describe, expect, it } from 'vitest';
import { parseLintConfig } from '../../../../src/lib/project/lint';

const messages = (text: string) => parseLintConfig(text).problems.map((p) => p.message);

describe('eslint.config.json', () => {
  it('reads rules, globals and noInlineConfig', () => {
    expect(
      parseLintConfig(
        '{"rules": {"no-console": "warn", "eqeqeq": ["error", "smart"]}, "globals": {"DEBUG": "readonly"}, "noInlineConfig": true}',
      ),
    ).toEqual({
      config: {
        rules: { 'no-console': 'warn', eqeqeq: ['error', 'smart'] },
        globals: { DEBUG: 'readonly' },
        noInlineConfig: true,
      },
      problems: [],
    });
  });

  it('names an unknown rule, where it is, and the rule meant', () => {
    const text = '{\n  "rules": {\n    "no-consol": "off",\n    "eqeqeq": "off"\n  }\n}';
    const { config, problems } = parseLintConfig(text);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'eslint.config.json',
        line: 3,
        column: 5,
        severity: 'error',
        message: expect.stringMatching(
          /^Unknown rule "no-consol" in eslint.config.json. Did you mean "no-console"\?/,
        ),
      }),
    ]);
    // The valid rule still applies.
    expect(config.rules).toEqual({ eqeqeq: 'off' });
  });

  it('names an unknown field with the fields there are', () => {
    expect(messages('{"rule": {}}')).toEqual([
      'Unknown field "rule" in eslint.config.json. Did you mean "rules"? The fields are rules, globals, noInlineConfig.',
    ]);
  });

  it('gives the line and column of broken JSON', () => {
    const [problem] = parseLintConfig('{\n  "rules": {,}\n}').problems;
    expect(problem).toMatchObject({ line: 2, column: 13 });
    expect(problem!.message).toMatch(/^eslint.config.json is not valid JSON: /);
  });

  it("passes on ESLint's own words for bad rule options", () => {
    expect(messages('{"rules": {"eqeqeq": ["error", "sometimes"]}}')).toEqual([
      'Rule "eqeqeq": Value "sometimes" should be equal to one of the allowed values. The rule\'s options are at https://eslint.org/docs/latest/rules/eqeqeq.',
    ]);
    expect(messages('{"rules": {"eqeqeq": "on"}}')).toEqual([
      'Rule "eqeqeq": the setting must be "off", "warn" or "error", or a list starting with one, e.g. ["error", "always"]; got "on".',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(messages('[]')).toEqual([
      'eslint.config.json must hold one object, e.g. {"rules": {"no-console": "off"}}.',
    ]);
    expect(messages('{"globals": {"x": true}, "noInlineConfig": "yes"}')).toEqual([
      'Global "x": the value must be "readonly", "writable" or "off"; got true.',
      '"noInlineConfig" must be true or false.',
    ]);
  });
});

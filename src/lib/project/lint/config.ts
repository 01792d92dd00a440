import { Linter } from 'eslint-linter-browserify';
import { didYouMean } from '../../lessons/errors';
import { CORE_RULE_IDS } from './rules';
import { wholeFileDiagnostic } from './file-diagnostics';
import type { LintDiagnostic, ProjectLintConfig, RuleSetting } from './types';

/** The project file that changes the rule set (docs/lint-rules.md). */
export const LINT_CONFIG_PATH = 'eslint.config.json';

const FIELDS = ['rules', 'globals', 'noInlineConfig'];
const SEVERITIES = ['off', 'warn', 'error'];
const GLOBAL_VALUES = ['readonly', 'writable', 'off'];

export const EMPTY_CONFIG: ProjectLintConfig = { rules: {}, globals: {}, noInlineConfig: false };

export interface ConfigResult {
  /** What could be used: a bad entry is left out, the rest still applies. */
  config: ProjectLintConfig;
  problems: LintDiagnostic[];
}

/** 1-based line and column of `"key"` in the text (its first occurrence), or 1:1. */
function place(text: string, key: string): { line: number; column: number } {
  const at = text.indexOf(JSON.stringify(key));
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function jsonPlace(text: string, error: Error): { line: number; column: number } {
  const pos = /position (\d+)/.exec(error.message);
  if (!pos) return { line: 1, column: 1 };
  const before = text.slice(0, Number(pos[1])).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const probe = new Linter();

/** ESLint's own check of a rule's options, as a sentence, or undefined when they are fine. */
function optionsProblem(rule: string, setting: RuleSetting): string | undefined {
  try {
    probe.verify('', [{ rules: { [rule]: setting } as Linter.RulesRecord }]);
    return undefined;
  } catch (error) {
    // ESLint says `Key "rules": Key "eqeqeq":` and then one line per schema branch tried.
    const why = (error as Error).message.replace(/^Key "rules": Key "[^"]+":\s*/, '');
    return `${why.split('\n')[0]!.trim()} The rule's options are at https://eslint.org/docs/latest/rules/${rule}.`;
  }
}

/**
 * Reads a project's `eslint.config.json`. Every problem names the field and the fix; the config
 * keeps what is valid, so one typo does not switch the project's other settings off.
 */
export function parseLintConfig(text: string, path = LINT_CONFIG_PATH): ConfigResult {
  const problems: LintDiagnostic[] = [];
  const problem = (message: string, at = { line: 1, column: 1 }) =>
    problems.push(wholeFileDiagnostic(path, 'error', message, at.line, at.column));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problem(
      `${path} is not valid JSON: ${(error as Error).message}. It holds one object, e.g. {"rules": {"no-console": "off"}}.`,
      jsonPlace(text, error as Error),
    );
    return { config: EMPTY_CONFIG, problems };
  }
  if (!isObject(raw)) {
    problem(`${path} must hold one object, e.g. {"rules": {"no-console": "off"}}.`);
    return { config: EMPTY_CONFIG, problems };
  }
  for (const key of Object.keys(raw))
    if (!FIELDS.includes(key))
      problem(
        `Unknown field "${key}" in ${path}.${didYouMean(key, FIELDS)} The fields are ${FIELDS.join(', ')}.`,
        place(text, key),
      );
  const config: ProjectLintConfig = { rules: {}, globals: {}, noInlineConfig: false };
  readRules(raw.rules, text, config, problem);
  readGlobals(raw.globals, text, config, problem);
  if (raw.noInlineConfig !== undefined) {
    if (typeof raw.noInlineConfig === 'boolean') config.noInlineConfig = raw.noInlineConfig;
    else problem('"noInlineConfig" must be true or false.', place(text, 'noInlineConfig'));
  }
  return { config, problems };
}

type Problem = (message: string, at?: { line: number; column: number }) => void;

function readRules(value: unknown, text: string, config: ProjectLintConfig, problem: Problem) {
  if (value === undefined) return;
  if (!isObject(value)) {
    problem(
      '"rules" must be an object of rule names, e.g. {"no-console": "off"}.',
      place(text, 'rules'),
    );
    return;
  }
  for (const [rule, setting] of Object.entries(value)) {
    const at = place(text, rule);
    if (!CORE_RULE_IDS.includes(rule)) {
      problem(
        `Unknown rule "${rule}" in ${LINT_CONFIG_PATH}.${didYouMean(rule, CORE_RULE_IDS)} Only ESLint's core rules are available (docs/lint-rules.md).`,
        at,
      );
      continue;
    }
    const severity = Array.isArray(setting) ? setting[0] : setting;
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
      problem(
        `Rule "${rule}": the setting must be "off", "warn" or "error", or a list starting with one, e.g. ["error", "always"]; got ${JSON.stringify(setting)}.`,
        at,
      );
      continue;
    }
    const bad = optionsProblem(rule, setting as RuleSetting);
    if (bad) problem(`Rule "${rule}": ${bad}`, at);
    else config.rules[rule] = setting as RuleSetting;
  }
}

function readGlobals(value: unknown, text: string, config: ProjectLintConfig, problem: Problem) {
  if (value === undefined) return;
  if (!isObject(value)) {
    problem('"globals" must be an object, e.g. {"myGlobal": "readonly"}.', place(text, 'globals'));
    return;
  }
  for (const [name, setting] of Object.entries(value)) {
    if (typeof setting === 'string' && GLOBAL_VALUES.includes(setting))
      config.globals[name] = setting as 'readonly' | 'writable' | 'off';
    else
      problem(
        `Global "${name}": the value must be "readonly", "writable" or "off"; got ${JSON.stringify(setting)}.`,
        place(text, name),
      );
  }
}

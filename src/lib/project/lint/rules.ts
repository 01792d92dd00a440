import js from '@eslint/js';
import type { LintKind, RuleSetting } from './types';

/** One rule the Labbook adds to ESLint's recommended set, with why a student should meet it. */
export interface LabbookRule {
  id: string;
  setting: RuleSetting;
  /** One line: the bug or the habit it protects against. */
  why: string;
  /** The nearest flake8/pylint check of the course, if there is one. */
  course: string;
  /** Kinds it does not apply to (with the reason in docs/lint-rules.md). */
  except?: LintKind[];
}

/**
 * The rules beyond ESLint's recommended set. docs/lint-rules.md lists the same table (a unit test
 * keeps them in step), so a student can read why each diagnostic is there.
 */
export const LABBOOK_RULES: readonly LabbookRule[] = [
  {
    id: 'eqeqeq',
    setting: ['error', 'always'],
    why: '`==` converts types first (`0 == ""` is true); `===` compares what you wrote, `x === null` included.',
    course: 'flake8 E711/E712 (comparison to None/True: use `is`)',
  },
  {
    id: 'no-var',
    setting: 'warn',
    why: '`var` belongs to the whole function and exists before its line; `let`/`const` live in their block.',
    course: 'none (Python has one kind of variable)',
  },
  {
    id: 'prefer-const',
    setting: 'warn',
    why: 'A name that is never reassigned should be `const`, so the reader knows it never changes.',
    course: 'none',
  },
  {
    id: 'no-eval',
    setting: 'error',
    why: '`eval` runs a string as code: unreadable, untestable and a door for injected input.',
    course: 'pylint W0123 eval-used',
  },
  {
    id: 'no-implied-eval',
    setting: 'error',
    why: '`setTimeout("code")` is `eval` in disguise.',
    course: 'pylint W0123 eval-used',
  },
  {
    id: 'no-new-func',
    setting: 'error',
    why: '`new Function("code")` is `eval` in disguise.',
    course: 'pylint W0122 exec-used',
  },
  {
    id: 'no-throw-literal',
    setting: 'error',
    why: 'Throw an `Error`, not a string: only an Error carries a message and a stack trace.',
    course: 'pylint E0702 raising-bad-type',
  },
  {
    id: 'no-shadow',
    setting: 'warn',
    why: 'An inner name that hides an outer one makes the reader guess which one is meant.',
    course: 'pylint W0621 redefined-outer-name',
  },
  {
    id: 'no-unused-expressions',
    setting: 'warn',
    why: 'A statement that computes a value and drops it is usually a missing call or assignment.',
    course: 'pylint W0104 pointless-statement',
    // A cell's last expression is its displayed value, so a lone `table` line is not pointless.
    except: ['cell'],
  },
  {
    id: 'complexity',
    setting: ['warn', 10],
    why: 'A function with more than 10 paths through it is hard to test; split it.',
    course: 'flake8 C901 (`--max-complexity 10`), pylint R0912 too-many-branches',
  },
  {
    id: 'max-depth',
    setting: ['warn', 4],
    why: 'Blocks nested more than 4 deep hide the logic; return early or extract a function.',
    course: 'pylint R1702 too-many-nested-blocks',
  },
  {
    id: 'max-params',
    setting: ['warn', 5],
    why: 'More than 5 parameters are hard to pass in the right order; pass an options object.',
    course: 'pylint R0913 too-many-arguments',
  },
];

/**
 * ESLint's recommended rules, kept as they are except for three a student meets every few
 * minutes while a cell is half written: warnings there, not errors.
 */
const SOFTENED = { 'no-unused-vars': 'warn', 'no-empty': 'warn', 'no-useless-escape': 'warn' };

/** Every core rule name ESLint knows (for "did you mean" in a project's config). */
export const CORE_RULE_IDS: readonly string[] = Object.keys(js.configs.all.rules);

/** The rule set for one kind of file, before a project's own settings. */
export function rulesFor(kind: LintKind): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {
    ...(js.configs.recommended.rules as Record<string, RuleSetting>),
    ...(SOFTENED as Record<string, RuleSetting>),
  };
  for (const rule of LABBOOK_RULES) if (!rule.except?.includes(kind)) rules[rule.id] = rule.setting;
  return rules;
}

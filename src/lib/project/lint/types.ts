/** What a file is to the linter: a project module, a project test file, or a notebook cell. */
export type LintKind = 'module' | 'test' | 'cell';

export type LintSeverity = 'error' | 'warning';

/** A replacement ESLint offers for a diagnostic (its autofix, or else its first suggestion). */
export interface LintFix {
  /** Offsets into the linted text. */
  from: number;
  to: number;
  text: string;
  /** What the fix does, e.g. "Use '===' instead of '=='." */
  title: string;
}

/** One problem, 1-based line and column like an editor shows them; the end is exclusive. */
export interface LintDiagnostic {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: LintSeverity;
  /** The ESLint rule, or null for a parse error, a config problem or a file too deep to read. */
  ruleId: string | null;
  message: string;
  fix?: LintFix;
}

/** A rule's setting as ESLint takes it: a severity alone, or a severity with its options. */
export type RuleSetting = 'off' | 'warn' | 'error' | ['off' | 'warn' | 'error', ...unknown[]];

/** A project's `eslint.config.json` once checked (see docs/lint-rules.md). */
export interface ProjectLintConfig {
  rules: Record<string, RuleSetting>;
  globals: Record<string, 'readonly' | 'writable' | 'off'>;
  /** `/* eslint-disable *\/` and `/* eslint rule: off *\/` comments have no effect. */
  noInlineConfig: boolean;
}

export interface LintOptions {
  /** Shown in every diagnostic; also picks test globals for `*.test.js`. */
  path: string;
  kind: LintKind;
  /** Names the code may use without declaring them: for a cell, what other cells declare. */
  knownGlobals?: readonly string[];
  /** The project's checked config; absent: the Labbook's rule set as it is. */
  config?: ProjectLintConfig;
  /**
   * Ignore inline config comments whatever the project says: a check that requires clean lint
   * must not be passed with a disable comment.
   */
  strict?: boolean;
}

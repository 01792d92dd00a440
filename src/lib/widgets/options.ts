/**
 * Option values of the built-in widgets, apart from their zod schemas so that widget components
 * can import them without pulling the schema library into the page's first load.
 */

/** CRISP-ML(Q) phases, in order (ids used by `lifecycle-explorer`). */
export const CRISP_PHASES = [
  'business-data-understanding',
  'data-engineering',
  'model-engineering',
  'evaluation',
  'deployment',
  'monitoring',
] as const;
export type CrispPhase = (typeof CRISP_PHASES)[number];

/** Practices the `maturity-levels` widget lets a student tick. */
export const MATURITY_PRACTICES = [
  'versioned-code',
  'automated-pipeline',
  'data-validation',
  'continuous-training',
  'metadata-store',
  'monitoring',
  'feature-store',
  'pipeline-ci',
  'pipeline-cd',
] as const;
export type MaturityPractice = (typeof MATURITY_PRACTICES)[number];

/** Notebook shortcut groups shown by `keyboard-shortcuts`. */
export const SHORTCUT_GROUPS = ['run', 'edit', 'navigate'] as const;

import { test, type TestOptions } from 'vitest';

/**
 * The standing hostile suite: one case per hostile input a user (or a careless cell) can send
 * through one of the Labbook's input surfaces. Every new input surface gets cases here.
 *
 * A case passes when the Labbook handled the input: a clear, located error (or the right
 * answer), nothing acknowledged that was not stored, and no other input affected. `guards` says
 * what a failure would cost; `npm run reliability` turns the results into docs/RELIABILITY.md,
 * where a failed `data` case counts as data lost.
 */
export const SURFACES = {
  csv: 'CSV files',
  'workspace-file': 'workspace files (export / import / merge)',
  'pack-file': 'course pack files',
  'lesson-file': 'lesson files',
  'api-body': 'prediction API bodies',
  'api-request': 'prediction API methods, headers and origins',
  'cell-code': 'code run in cells',
  'exercise-check': 'exercise checks, hidden setup and answer keys, against cells that cheat',
  'cell-output': 'cell outputs and artifacts',
  names: 'names of runs, tags, params, artifacts, columns and datasets',
  storage: 'storage quota and the database',
  worker: 'worker crashes and runaway memory',
  'offline-copy': 'the offline (precached) copy of the site',
  'project-page': 'project files in the Project page (names, contents, sizes, other tabs)',
  'project-files': 'project files, names, zips and lesson starter projects',
  lint: 'project files, cells and eslint.config.json given to the linter',
  'project-code': 'project modules and test files',
  'python-export': 'names and values written into an exported Python project',
  git: 'Git in projects: ref names, messages, authors, objects, merges, .gitignore',
  'course-notes': "course.yaml, and the student's own Markdown note cells",
  'lesson-modules': 'project modules as cells and lesson checks load them (p.importFresh, p.docs)',
  'lesson-testing': 'mutants and replaced files given to lab.test (lesson 18)',
  'student-api': "students' own APIs: api.js declarations, handlers and the requests sent to them",
  'lesson-git': 'Git from cells (p.git) and the checks that read the commit graph and tags',
  'app-form':
    'form pages declared with lab.app.form: names, schemas, labels and what their endpoint answers',
  workflows: 'CI workflow files, their expressions, matrices, commands and steps',
  containers: 'Dockerfiles, compose.yaml and the MLmodel pins of registered versions',
  gbdt: 'boosted-tree training rows, parameters and saved tree files',
  grading:
    'submission files and grading packs on the Gradebook page, and the student code grading reruns',
  training: 'training data and network settings given to the MLP trainers (fused and TF.js)',
} as const;

export type Surface = keyof typeof SURFACES;

/** What a failure of the case would cost the student. */
export type Guards = 'data' | 'security' | 'availability' | 'clarity';

export interface HostileOptions {
  guards: Guards;
  timeout?: number;
}

/** The name a case is reported under: `[surface/guards] what is sent`. */
export function caseName(surface: Surface, guards: Guards, name: string): string {
  return `[${surface}/${guards}] ${name}`;
}

const NAME = /^\[([a-z-]+)\/([a-z]+)\] (.*)$/;

/** Reads a case's name back: undefined for a test that is not a hostile case. */
export function parseCaseName(
  full: string,
): { surface: Surface; guards: Guards; name: string } | undefined {
  const match = NAME.exec(full);
  if (!match || !(match[1]! in SURFACES)) return undefined;
  return { surface: match[1] as Surface, guards: match[2] as Guards, name: match[3]! };
}

/**
 * Declares a case the Labbook does not handle yet, with why: reported as a known gap (vitest
 * lists it as todo), so the report never counts as handled what is not.
 */
export function knownGap(surface: Surface, name: string, options: HostileOptions, why: string) {
  test.todo(`${caseName(surface, options.guards, name)} (known gap: ${why})`);
}

/** Declares one hostile case. */
export function hostile(
  surface: Surface,
  name: string,
  options: HostileOptions,
  fn: () => unknown | Promise<unknown>,
): void {
  const testOptions: TestOptions = options.timeout ? { timeout: options.timeout } : {};
  test(caseName(surface, options.guards, name), testOptions, async () => {
    await fn();
  });
}

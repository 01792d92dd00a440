import { ProjectError } from '../errors';
import { normalizePath } from '../paths';
import type { TestReport, TestSummary } from './types';

/**
 * A deliberately broken copy of one file: `find` → `replace` (the text must occur exactly once,
 * so the mutant is the one its author meant), or the whole `text`. An `equivalent` mutant is a
 * refactoring that keeps the behaviour: a suite that fails on it tests how the code is written,
 * not what it does (mutation testing's tools call the opposite a false alarm).
 */
export interface Mutant {
  name: string;
  file: string;
  find?: string;
  replace?: string;
  text?: string;
  equivalent?: boolean;
}

/** caught/survived for a real mutant; kept/false-alarm for an equivalent one. */
export type MutantStatus = 'caught' | 'survived' | 'kept' | 'false-alarm';

export interface MutantResult {
  name: string;
  file: string;
  equivalent: boolean;
  status: MutantStatus;
  passed: number;
  failed: number;
}

export interface MutationReport {
  /** The suite on the project as stored; mutants run only when it passes. */
  baseline: TestSummary;
  /** Tests ran on the project as stored and none failed, so the mutants ran. */
  baselinePassed: boolean;
  mutants: MutantResult[];
  /** Real (non-equivalent) mutants, and how many of them the suite caught. */
  total: number;
  caught: number;
  falseAlarms: number;
}

const MAX_MUTANTS = 50;
const MAX_NAME = 200;

const bad = (why: string) =>
  new ProjectError(
    'bad-option',
    `lab.test.mutate(mutants): ${why} For example: [{ name: 'radius in miles', file: 'src/features.js', find: '6371', replace: '3959' }].`,
  );

/** Checks the shape of what a cell passed, naming the mutant and field at fault. */
export function checkMutants(value: unknown): Mutant[] {
  if (!Array.isArray(value) || value.length === 0) throw bad('give a non-empty list of mutants.');
  if (value.length > MAX_MUTANTS) throw bad(`at most ${MAX_MUTANTS} mutants per call.`);
  return value.map((raw, i) => {
    const at = `mutant ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw bad(`${at} must be an object.`);
    const { name, file, find, replace, text, equivalent, ...rest } = raw as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length)
      throw bad(
        `${at} has an unknown field "${unknown[0]}"; the fields are name, file, find, replace, text and equivalent.`,
      );
    if (typeof name !== 'string' || !name.trim()) throw bad(`${at} needs a name (text).`);
    if (name.length > MAX_NAME) throw bad(`${at}: a name of at most ${MAX_NAME} characters.`);
    if (typeof file !== 'string') throw bad(`${at} ("${name}") needs the file it changes.`);
    const isText = text !== undefined;
    if (
      isText
        ? typeof text !== 'string' || find !== undefined || replace !== undefined
        : typeof find !== 'string' || !find || typeof replace !== 'string'
    )
      throw bad(`${at} ("${name}") needs either find and replace (both text), or text.`);
    if (equivalent !== undefined && typeof equivalent !== 'boolean')
      throw bad(`${at} ("${name}"): equivalent must be true or false.`);
    let path: string;
    try {
      path = normalizePath(file);
    } catch (error) {
      throw bad(`${at} ("${name}"): ${(error as Error).message}`);
    }
    return {
      name,
      file: path,
      ...(isText ? { text: text as string } : { find: find as string, replace: replace as string }),
      equivalent: equivalent === true,
    };
  });
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** The mutated file's text; refuses a `find` that is absent or ambiguous in the file. */
export function mutatedText(files: Readonly<Record<string, string>>, mutant: Mutant): string {
  if (mutant.text !== undefined) return mutant.text;
  const original = Object.hasOwn(files, mutant.file) ? files[mutant.file] : undefined;
  if (original === undefined)
    throw new ProjectError(
      'mutant-mismatch',
      `Mutant "${mutant.name}": the project has no file ${mutant.file}.`,
      mutant.file,
    );
  const times = count(original, mutant.find!);
  if (times !== 1)
    throw new ProjectError(
      'mutant-mismatch',
      `Mutant "${mutant.name}": ${mutant.file} contains the text to replace ${times === 0 ? 'nowhere' : `${times} times`}; it must occur exactly once. Has the file changed?`,
      mutant.file,
    );
  const mutated = original.replace(mutant.find!, () => mutant.replace!);
  if (mutated === original)
    throw new ProjectError(
      'mutant-mismatch',
      `Mutant "${mutant.name}": replacing leaves ${mutant.file} as it was, so there is nothing to catch.`,
      mutant.file,
    );
  return mutated;
}

/**
 * Failing tests, plus files that failed as a whole after some tests passed (the watchdog stopped
 * a stuck hook, or the worker crashed): the summary counts a file's error only when it has no
 * tests, and a mutant must never pass as "survived" on half a run.
 */
function failures(report: TestReport): number {
  const brokenFiles = report.files.filter((f) => f.error && f.tests.length > 0).length;
  return report.summary.failed + report.summary.timedOut + brokenFiles;
}

function verdictOf(report: TestReport, what: string): number {
  if (report.cancelled)
    throw new ProjectError(
      'cancelled',
      `The test run for ${what} was cancelled before it finished (another run started): no verdict. Run again.`,
    );
  return failures(report);
}

/**
 * Runs the suite on the project, then once per mutant with that one file replaced. A mutant is
 * caught when at least one test fails or times out. Every mutant is applied before any runs, so
 * a stale one is reported before minutes of testing.
 */
export async function runMutants(
  files: Readonly<Record<string, string>>,
  mutants: readonly Mutant[],
  run: (replace?: Record<string, string>) => Promise<TestReport>,
): Promise<MutationReport> {
  const replaced = mutants.map((m) => ({ [m.file]: mutatedText(files, m) }));
  const first = await run();
  const baseline = first.summary;
  const results: MutantResult[] = [];
  const baselinePassed = baseline.total > 0 && verdictOf(first, 'the project as stored') === 0;
  if (baselinePassed)
    for (const [i, mutant] of mutants.entries()) {
      const report = await run(replaced[i]);
      const failed = verdictOf(report, `mutant "${mutant.name}"`);
      const { summary } = report;
      const status: MutantStatus = mutant.equivalent
        ? failed
          ? 'false-alarm'
          : 'kept'
        : failed
          ? 'caught'
          : 'survived';
      results.push({
        name: mutant.name,
        file: mutant.file,
        equivalent: mutant.equivalent === true,
        status,
        passed: summary.passed,
        failed,
      });
    }
  const real = results.filter((r) => !r.equivalent);
  return {
    baseline,
    baselinePassed,
    mutants: results,
    total: mutants.filter((m) => !m.equivalent).length,
    caught: real.filter((r) => r.status === 'caught').length,
    falseAlarms: results.filter((r) => r.status === 'false-alarm').length,
  };
}

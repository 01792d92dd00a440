import type { z } from 'zod';
import { didYouMean } from '../lessons/errors';
import { ACTIONS, actionName } from './actions';
import { parseRun } from './commands';
import { parseCron } from './cron';
import { orderJobs } from './dag';
import { CiError, type CiErrorCode, type CiProblem } from './errors';
import { parseCondition, parseTemplate } from './expression-parse';
import { expandMatrix } from './matrix';
import { EVENTS, KEYS, workflowSchema, type Workflow } from './schema';
import { parseWorkflowSource, type WorkflowSource } from './workflow-source';

const WORKFLOWS_DIR = '.github/workflows/';
export const isWorkflowPath = (path: string) =>
  path.startsWith(WORKFLOWS_DIR) &&
  /\.ya?ml$/.test(path) &&
  !path.slice(WORKFLOWS_DIR.length).includes('/');

export type ParsedWorkflow =
  { ok: true; workflow: Workflow } | { ok: false; problems: CiProblem[] };

/**
 * Reads one workflow file: YAML with positions, the schema, then what a schema cannot see —
 * `needs` naming real jobs without a loop, known actions and inputs, commands, expressions,
 * cron lines and matrix sizes. Every problem names `file:line:column` and says the fix.
 */
export function parseWorkflow(text: string, file: string): ParsedWorkflow {
  const source = parseWorkflowSource(text, file);
  if (source.problems.length) return { ok: false, problems: source.problems };
  const at = (
    code: CiErrorCode,
    path: readonly PropertyKey[],
    message: string,
    key?: string,
  ): CiProblem => ({
    file,
    code,
    message,
    ...(key === undefined ? source.at(path) : source.keyAt(path, key)),
  });
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value))
    return {
      ok: false,
      problems: [
        at(
          'bad-field',
          [],
          'A workflow is a mapping with `on:` and `jobs:`. See docs/ci.md for an example.',
        ),
      ],
    };
  const parsed = workflowSchema.safeParse(source.value);
  if (!parsed.success)
    return {
      ok: false,
      problems: dedupe(parsed.error.issues.flatMap((i) => schemaProblems(i, source, at))),
    };
  const raw = parsed.data;
  const workflow: Workflow = {
    ...raw,
    file,
    name: raw.name ?? file.slice(WORKFLOWS_DIR.length).replace(/\.ya?ml$/, ''),
    on:
      typeof raw.on === 'string'
        ? { [raw.on]: null }
        : Array.isArray(raw.on)
          ? Object.fromEntries(raw.on.map((e) => [e, null]))
          : raw.on,
    jobs: Object.fromEntries(
      Object.entries(raw.jobs).map(([id, job]) => [
        id,
        { ...job, needs: job.needs === undefined ? [] : [job.needs].flat() },
      ]),
    ),
  };
  const problems = semanticProblems(workflow, at);
  return problems.length ? { ok: false, problems } : { ok: true, workflow };
}

type At = (
  code: CiErrorCode,
  path: readonly PropertyKey[],
  message: string,
  key?: string,
) => CiProblem;

function keysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return KEYS.workflow;
  if (path.length === 1 && path[0] === 'on') return KEYS.on;
  if (path.length === 2 && path[0] === 'on') return KEYS.filter;
  if (path.length === 2 && path[0] === 'jobs') return KEYS.job;
  if (path.length === 3 && path[2] === 'strategy') return KEYS.strategy;
  if (path.length === 4 && path[2] === 'steps') return KEYS.step;
  return [];
}

const where = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '') || 'the workflow';

function schemaProblems(issue: z.core.$ZodIssue, source: WorkflowSource, at: At): CiProblem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(path);
    return issue.keys.map((key) =>
      at(
        'unknown-key',
        path,
        `Unknown key "${key}" in ${where(path)}.${didYouMean(key, known)}${known.length ? ` Expected one of: ${known.join(', ')}.` : ''}`,
        key,
      ),
    );
  }
  if (issue.code === 'invalid_union') {
    // `on:` is a word, a list or a mapping: explain from the branch that fits the value's shape.
    const branches = issue.errors.filter((e) => e.length > 0);
    const best =
      branches.find((e) => e.some((i) => i.code === 'unrecognized_keys' || i.path.length > 0)) ??
      branches.at(-1);
    if (best && best.length)
      return best.flatMap((i) =>
        schemaProblems({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, source, at),
      );
  }
  const parent = path.slice(0, -1);
  const last = path.at(-1);
  const value = parent.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
    source.value,
  );
  if (
    issue.code === 'invalid_type' &&
    last !== undefined &&
    value &&
    typeof value === 'object' &&
    !Object.hasOwn(value, last)
  )
    return [
      at(
        'missing-field',
        parent,
        `${where(parent)} needs "${String(last)}".${last === 'on' ? ` Say when the workflow runs, e.g. on: push. The events are: ${EVENTS.join(', ')}.` : ''}${last === 'steps' ? ' List the steps the job runs.' : ''}`,
      ),
    ];
  if (issue.code === 'invalid_value' && path[0] === 'on')
    return [
      at(
        'unknown-key',
        path,
        `"${String(issue.input)}" is not an event.${didYouMean(String(issue.input), KEYS.on)} The events are: ${EVENTS.join(', ')}.`,
      ),
    ];
  return [at('bad-field', path, `${where(path)}: ${issue.message}.`)];
}

function dedupe(problems: CiProblem[]): CiProblem[] {
  const seen = new Set<string>();
  return problems.filter(
    (p) =>
      !seen.has(`${p.line}:${p.column}:${p.message}`) &&
      !!seen.add(`${p.line}:${p.column}:${p.message}`),
  );
}

function semanticProblems(workflow: Workflow, at: At): CiProblem[] {
  const problems: CiProblem[] = [];
  const guard = (path: PropertyKey[], work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof CiError)) throw error;
      problems.push(at(error.code, path, error.message));
    }
  };
  const ordered = orderJobs(
    Object.fromEntries(Object.entries(workflow.jobs).map(([id, j]) => [id, j.needs])),
  );
  if ('problems' in ordered)
    for (const p of ordered.problems)
      problems.push(
        at(p.kind === 'cycle' ? 'needs-cycle' : 'unknown-job', ['jobs', p.job, 'needs'], p.message),
      );
  for (const [i, s] of (workflow.on.schedule ?? []).entries())
    guard(['on', 'schedule', i, 'cron'], () => parseCron(s.cron));
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const base = ['jobs', id];
    if (job.if !== undefined) guard([...base, 'if'], () => parseCondition(job.if!));
    if (job.strategy)
      guard([...base, 'strategy', 'matrix'], () => expandMatrix(job.strategy!.matrix, id));
    for (const [k, v] of Object.entries(job.outputs ?? {}))
      guard([...base, 'outputs', k], () => parseTemplate(v));
    for (const [k, v] of Object.entries(job.env ?? {}))
      guard([...base, 'env', k], () => parseTemplate(String(v)));
    job.steps.forEach((step, i) => {
      const path = [...base, 'steps', i];
      if (step.if !== undefined) guard([...path, 'if'], () => parseCondition(step.if!));
      for (const [k, v] of Object.entries(step.with ?? {}))
        guard([...path, 'with', k], () => parseTemplate(String(v)));
      if (step.run !== undefined)
        guard([...path, 'run'], () => {
          parseTemplate(step.run!);
          parseRun(step.run!);
        });
      if (step.uses !== undefined)
        problems.push(...usesProblems(step.uses, step.with ?? {}, path, at));
    });
  }
  return problems;
}

function usesProblems(
  uses: string,
  given: Record<string, unknown>,
  path: PropertyKey[],
  at: At,
): CiProblem[] {
  const name = actionName(uses);
  const all = Object.keys(ACTIONS).map((a) => `labbook/${a}@v1`);
  if (!name)
    return [
      at(
        'unknown-action',
        [...path, 'uses'],
        `Unknown action "${uses}".${didYouMean(uses, all)} The actions are: ${all.join(', ')}. A Labbook workflow cannot fetch actions from GitHub.`,
      ),
    ];
  const spec = ACTIONS[name]!;
  const known = Object.keys(spec.inputs);
  const problems = Object.keys(given)
    .filter((k) => !Object.hasOwn(spec.inputs, k))
    .map((k) =>
      at(
        'unknown-input',
        [...path, 'with'],
        `${uses} has no input "${k}".${didYouMean(k, known)} Its inputs: ${known.join(', ') || 'none'}.`,
        k,
      ),
    );
  for (const [k, input] of Object.entries(spec.inputs))
    if (input.required && !Object.hasOwn(given, k))
      problems.push(
        at(
          'missing-input',
          [...path, 'uses'],
          `${uses} needs the input "${k}" (${input.description}). Add it under with:.`,
        ),
      );
  return problems;
}

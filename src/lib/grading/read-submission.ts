import { z } from 'zod';
import { jsonTooDeep } from '../store/json-depth';
import { formatPath } from '../lessons/errors';
import { GradingError } from './errors';
import { hashMatches } from './submission';
import { SUBMISSION_FORMAT, SUBMISSION_FORMAT_VERSION, type Submission } from './types';

/** A notebook's code and clipped outputs fit well within this; anything larger is not ours. */
export const MAX_SUBMISSION_BYTES = 8 * 1024 * 1024;
const MAX_DEPTH = 64;
const text = (max: number) => z.string().max(max);

const outputSchema = z.object({ type: z.string().max(20) }).loose();
const schema = z
  .object({
    format: z.literal(SUBMISSION_FORMAT),
    formatVersion: z.literal(SUBMISSION_FORMAT_VERSION),
    lesson: z.object({ id: text(200), title: text(500), version: text(200) }),
    student: z.object({ name: text(200), id: text(200) }),
    submittedAt: text(40),
    startedAt: z.number().nullable(),
    cells: z
      .array(
        z.object({
          id: text(200),
          kind: z.enum(['code', 'exercise', 'scratch']),
          anchor: text(200).optional(),
          source: text(1_000_000),
        }),
      )
      .max(2000),
    exercises: z
      .array(
        z.object({
          id: text(200),
          source: text(1_000_000),
          outputs: z.array(outputSchema).max(100),
          check: z.object({ pass: z.boolean(), message: text(100_000) }).nullable(),
          attempts: z.number().int().min(0),
          solutionShown: z.boolean(),
          checkedAt: z.number().nullable(),
        }),
      )
      .max(500),
    runs: z.object({
      total: z.number().int().min(0),
      shown: z
        .array(
          z.object({
            name: text(500),
            status: text(40),
            startTime: z.number(),
            metrics: z.record(z.string().max(500), z.number()),
          }),
        )
        .max(200),
    }),
    hash: text(100),
  })
  .strict();

export interface ReadSubmission {
  submission: Submission;
  /** False when the file was changed after the Labbook wrote it. */
  hashOk: boolean;
}

/**
 * Reads one submission file: bounded in size and depth before parsing, then checked field by
 * field. Every refusal names the file, the field and the fix.
 */
export async function readSubmission(
  bytes: Uint8Array,
  file: string,
): Promise<ReadSubmission | GradingError> {
  const fail = (code: GradingError['code'], why: string) =>
    new GradingError(code, `${file}: ${why}`, file);
  if (bytes.byteLength > MAX_SUBMISSION_BYTES)
    return fail(
      'too-large',
      `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; a submission is at most ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB. Ask the student to submit again from the lesson page (outputs are shortened there).`,
    );
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(
      'not-json',
      'the file is not UTF-8 text. Is it a submission (.submission.json) from the Submit button?',
    );
  }
  const deep = jsonTooDeep(source, MAX_DEPTH);
  if (deep !== undefined)
    return fail(
      'too-deep',
      `the JSON nests more than ${MAX_DEPTH} levels deep (at character ${deep + 1}); no submission does. The file was not made by the Submit button.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    return fail(
      'not-json',
      `the file is not valid JSON (${(error as Error).message}). Ask the student to download the submission again from the lesson page.`,
    );
  }
  const head = json as { format?: unknown; formatVersion?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== SUBMISSION_FORMAT)
    return fail(
      'not-a-submission',
      `this is not a Labbook submission (no "format": "${SUBMISSION_FORMAT}"). Import the .submission.json files students download with Submit.`,
    );
  if (typeof head.formatVersion === 'number' && head.formatVersion > SUBMISSION_FORMAT_VERSION)
    return fail(
      'newer-format',
      `the submission was made by a newer Labbook (format ${head.formatVersion}; this one reads ${SUBMISSION_FORMAT_VERSION}). Reload this page to get the newest Labbook, then import it again.`,
    );
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(
      'bad-field',
      `the field "${formatPath(issue.path) || '(top level)'}" is wrong: ${issue.message}. The file was edited or damaged; ask the student to submit again.`,
    );
  }
  const submission = parsed.data as Submission;
  return { submission, hashOk: await hashMatches(submission) };
}

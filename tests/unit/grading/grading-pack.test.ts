import { describe, expect, it } from 'vitest';
import { formatLessonError, parseLesson } from '../../../src/lib/lessons';
import { parseGradingPack } from '../../../src/lib/grading/grading-pack';
import { lessonOne, PACK, PACK_FILE } from './fixtures';

const parse = (source: string, file = PACK_FILE) => parseGradingPack(source, file, [lessonOne()]);
const errors = (source: string, file = PACK_FILE) => {
  const result = parse(source, file);
  return result.ok ? [] : result.errors.map(formatLessonError);
};

describe('grading packs', () => {
  it('reads hidden checks per exercise with their line and hint', () => {
    const result = parse(PACK);
    expect(result.ok && result.pack).toMatchObject({
      lessonId: 'how-this-notebook-works',
      checks: [
        {
          exerciseId: 'longest-trip',
          line: 5,
          hint: 'longest should be a whole number of minutes.',
        },
        { exerciseId: 'rush-hour', line: 9 },
      ],
    });
  });

  it('names the file, line and fix for a misspelt exercise, a missing for= and bad JavaScript', () => {
    expect(errors('```js hidden-check for=longest-trp\nreturn true;\n```\n')).toEqual([
      expect.stringMatching(
        /^grading\/how-this-notebook-works\.md:1:20 error GRADING_PACK_UNKNOWN_EXERCISE: .*"longest-trp".*Did you mean "longest-trip"\?/,
      ),
    ]);
    expect(errors('\n```js hidden-check\nreturn true;\n```\n')).toEqual([
      expect.stringMatching(/:2:1 error GRADING_PACK_OPTIONS: A hidden check names its exercise/),
    ]);
    expect(errors('```js hidden-check for=rush-hour\nreturn (;\n```\n')).toEqual([
      expect.stringMatching(/:2:9 error LESSON_SYNTAX_ERROR: This hidden check is not valid/),
    ]);
    expect(errors('```js hidden-check for=rush-hour points=2\nreturn 1;\n```\n')).toEqual([
      expect.stringMatching(/:1:34 error LESSON_UNKNOWN_OPTION: Unknown option "points"/),
    ]);
  });

  it('refuses other fences in a pack, and a file named after no lesson', () => {
    expect(errors('```js check for=rush-hour\nreturn 1;\n```\n')).toEqual([
      expect.stringMatching(
        /:1:1 error GRADING_PACK_FENCE: A grading pack holds only hidden checks/,
      ),
    ]);
    expect(errors(PACK, 'grading/how-this-notebok-works.md')).toEqual([
      expect.stringMatching(
        /:1:1 error GRADING_PACK_UNKNOWN_LESSON: .*Did you mean "how-this-notebook-works"\?/,
      ),
    ]);
  });

  it('refuses a hidden check in lesson.md, which students download', () => {
    const lesson =
      '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n\n' +
      '```js exercise id=e title="E"\nconst v = 1;\n```\n\n```js check for=e\nreturn v === 2;\n```\n\n' +
      '```js solution for=e\nconst v = 2;\n```\n\n```js hidden-check for=e\nreturn true;\n```\n';
    const result = parseLesson(lesson, 'lessons/01-a/lesson.md');
    expect(result.ok ? [] : result.errors.map(formatLessonError)).toEqual([
      expect.stringMatching(/:21:1 error LESSON_HIDDEN_CHECK_IN_LESSON: .*grading pack/),
    ]);
  });

  it('reads points= on exercises, 1 by default, and refuses what is not a number of points', () => {
    const lesson = (opts: string) =>
      parseLesson(
        '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n\n' +
          `\`\`\`js exercise id=e title="E"${opts}\nconst v = 1;\n\`\`\`\n\n\`\`\`js check for=e\nreturn v === 2;\n\`\`\`\n\n\`\`\`js solution for=e\nconst v = 2;\n\`\`\`\n`,
        'lessons/01-a/lesson.md',
      );
    const points = (opts: string) => {
      const r = lesson(opts);
      return r.ok
        ? r.lesson.blocks.find((b) => b.kind === 'exercise')
        : r.errors.map(formatLessonError);
    };
    expect(points('')).toMatchObject({ points: 1 });
    expect(points(' points=2.5')).toMatchObject({ points: 2.5 });
    expect(points(' points=0')).toMatchObject({ points: 0 });
    expect(points(' points=ten')).toEqual([
      expect.stringMatching(
        /:9:31 error LESSON_BAD_POINTS: points="ten" is not a number of points/,
      ),
    ]);
  });
});

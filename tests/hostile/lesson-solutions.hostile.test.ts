import { describe, expect } from 'vitest';
import { formatLessonError, parseLesson, type Block } from '../../src/lib/lessons';
import { hostile } from './hostile';

const FILE = 'lessons/01-a/lesson.md';
const HEAD = '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n';
const fence = (info: string, body: string) => `\n\`\`\`${info}\n${body}\n\`\`\`\n`;
const EXERCISE =
  fence('js exercise id=mean-age title="T"', 'const v = 1;') +
  fence('js check for=mean-age', 'return v === 2;');
const SOLUTION = fence('js solution for=mean-age', 'const v = 2;');

function parse(body: string) {
  const result = parseLesson(HEAD + body, FILE);
  return result.ok
    ? { errors: [], exercise: result.lesson.blocks.find((b) => b.kind === 'exercise') }
    : { errors: result.errors.map(formatLessonError), exercise: undefined };
}
const hintsOf = (body: string) =>
  (parse(body).exercise as Extract<Block, { kind: 'exercise' }> | undefined)?.hints.join('') ?? '';

describe('lesson solutions and hints', () => {
  hostile('lesson-file', 'a solution for a misspelt exercise id', { guards: 'clarity' }, () => {
    expect(parse(EXERCISE + SOLUTION + fence('js solution for=mean-ag', '1')).errors).toEqual([
      expect.stringMatching(
        /^lessons\/01-a\/lesson\.md:21:1 error LESSON_SOLUTION_UNKNOWN_EXERCISE: .*"mean-ag".*Did you mean "mean-age"\?/,
      ),
    ]);
  });

  hostile('lesson-file', 'two solutions for one exercise', { guards: 'clarity' }, () => {
    expect(parse(EXERCISE + SOLUTION + SOLUTION).errors).toEqual([
      expect.stringMatching(/:21:1 error LESSON_DUPLICATE_SOLUTION: .*line 17/),
    ]);
  });

  hostile('lesson-file', 'a solution that is not JavaScript', { guards: 'clarity' }, () => {
    expect(parse(EXERCISE + fence('js solution for=mean-age', 'const v = ;')).errors).toEqual([
      expect.stringMatching(/:18:11 error LESSON_SYNTAX_ERROR: This solution is not valid/),
    ]);
  });

  hostile('lesson-file', 'script and an onerror image in hints', { guards: 'security' }, () => {
    const html = hintsOf(
      EXERCISE.replace('for=mean-age', 'for=mean-age hint="<img src=x onerror=alert(1)>"') +
        SOLUTION +
        fence('md hint for=mean-age', '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>'),
    );
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  hostile('lesson-file', 'a javascript: link in a hint', { guards: 'security' }, () => {
    const html = hintsOf(
      EXERCISE + SOLUTION + fence('md hint for=mean-age', '[x](javascript:alert(1))'),
    );
    expect(html).not.toMatch(/href="javascript:/i);
  });

  hostile('lesson-file', 'for=__proto__ and id=constructor', { guards: 'clarity' }, () => {
    expect(parse(EXERCISE + SOLUTION + fence('js solution for=__proto__', '1')).errors).toEqual([
      expect.stringMatching(/LESSON_SOLUTION_UNKNOWN_EXERCISE: This solution is for "__proto__"/),
    ]);
    const own = EXERCISE + SOLUTION;
    expect(parse(own.replaceAll('mean-age', 'constructor')).errors).toEqual([]);
  });

  hostile('lesson-file', 'solution-after of a billion or minus one', { guards: 'clarity' }, () => {
    for (const value of ['1000000000', '-1', '2.5', '""'])
      expect(
        parse(EXERCISE.replace('title="T"', `title="T" solution-after=${value}`) + SOLUTION).errors,
      ).toEqual([expect.stringMatching(/:9:\d+ error LESSON_BAD_SOLUTION_AFTER: /)]);
  });

  hostile('lesson-file', '10,000 hint fences for one exercise', { guards: 'availability' }, () => {
    const started = performance.now();
    const many = fence('md hint for=mean-age', 'Look again.').repeat(10_000);
    expect(parse(EXERCISE + SOLUTION + many).exercise).toMatchObject({
      hints: expect.arrayContaining(['<p>Look again.</p>\n']),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

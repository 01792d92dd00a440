import { describe, expect } from 'vitest';
import { formatLessonError, parseLesson } from '../../src/lib/lessons';
import { hostile } from './hostile';

const FILE = 'lessons/01-a/lesson.md';
const HEAD = '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n';

function errors(source: string): string[] {
  const result = parseLesson(source, FILE);
  return result.ok ? [] : result.errors.map(formatLessonError);
}

describe('lesson files', () => {
  hostile('lesson-file', 'a misspelt frontmatter field', { guards: 'clarity' }, () => {
    expect(errors(HEAD.replace('title:', 'titel:'))).toContainEqual(
      expect.stringMatching(/^lessons\/01-a\/lesson\.md:3:1 .*"titel"\. Did you mean "title"\?/),
    );
  });

  hostile('lesson-file', 'a misspelt fence kind', { guards: 'clarity' }, () => {
    expect(errors(`${HEAD}\n\`\`\`js exercize id=x\n1\n\`\`\`\n`)).toEqual([
      expect.stringMatching(/:9:7 .*"exercize".*Did you mean "exercise"\?/),
    ]);
  });

  hostile('lesson-file', 'frontmatter that is not YAML', { guards: 'clarity' }, () => {
    expect(errors('---\nid: [unclosed\n---\n')).toContainEqual(expect.stringMatching(/:\d+:\d+ /));
  });

  hostile('lesson-file', 'a file of 100,000 backticks', { guards: 'availability' }, () => {
    expect(() => parseLesson('`'.repeat(100_000), FILE)).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { indexModule, lessonsPlugin, loadLessons } from '../../../scripts/vite/lessons-plugin';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (h: unknown): Hook =>
  (typeof h === 'function' ? h : (h as { handler: Hook }).handler) as Hook;

function plugin(dir: string) {
  const p = lessonsPlugin({ dir });
  const watched: string[] = [];
  const context = {
    addWatchFile: (file: string) => watched.push(file),
    error: (message: string) => {
      throw new Error(message);
    },
  };
  return {
    watched,
    resolve: (id: string) => hook(p.resolveId).call(context, id, undefined, {}),
    load: (id: string) => hook(p.load).call(context, id) as string,
  };
}

describe('lessons Vite plugin', () => {
  it('resolves virtual:lessons and one virtual module per lesson', () => {
    const p = plugin('tests/fixtures/lessons/valid');
    expect(p.resolve('virtual:lessons')).toBe('\0virtual:lessons');
    expect(p.resolve('virtual:lessons/every-block')).toBe('\0virtual:lessons/every-block');
    expect(p.resolve('./other')).toBeUndefined();
  });

  it('serves the ordered index with a lazy import per lesson, and each lesson as a chunk', () => {
    const p = plugin('tests/fixtures/lessons/valid');
    const index = p.load('\0virtual:lessons');
    expect(index).toContain('export const lessonIndex = [{"id":"every-block"');
    expect(index).toContain(
      'case "every-block": return (await import("virtual:lessons/every-block")).default;',
    );
    const chunk = p.load('\0virtual:lessons/every-block');
    const lesson = JSON.parse(JSON.parse(/JSON\.parse\((.*)\);$/.exec(chunk)![1]!));
    expect(lesson.meta.id).toBe('every-block');
    expect(lesson.blocks.length).toBeGreaterThan(5);
    expect(p.watched.some((f) => f.endsWith('01-every-block/lesson.md'))).toBe(true);
  });

  it('fails with every formatted error when a lesson is invalid', () => {
    expect(() => plugin('tests/fixtures/lessons/cross').load('\0virtual:lessons')).toThrow(
      /3 lesson error\(s\):\n.*02-beta\/lesson\.md:2:1 error LESSON_DUPLICATE_LESSON_ID/s,
    );
  });

  it('orders the index by lessons/course.yaml', () => {
    const source = indexModule(loadLessons('lessons'));
    expect(source.indexOf('"how-this-notebook-works"')).toBeLessThan(
      source.indexOf('"ml-lifecycle"'),
    );
  });
});

describe('lessons Vite plugin and course.yaml', () => {
  const configured = (command: 'serve' | 'build') => {
    const p = lessonsPlugin({ dir: 'tests/fixtures/lessons/course' });
    hook(p.configResolved).call({}, { command });
    const context = {
      addWatchFile: () => undefined,
      error: (m: string) => {
        throw new Error(m);
      },
    };
    return (id: string) => hook(p.load).call(context, id) as string | undefined;
  };
  const index = (load: (id: string) => string | undefined) => {
    const source = load('\0virtual:lessons')!;
    const ids = [...source.matchAll(/"id":"([a-z-]+)"/g)].map((m) => m[1]);
    const course = JSON.parse(/export const course = (.*);/.exec(source)![1]!) as {
      parts: { lessons: string[] }[];
      hidden: string[];
      drafts: string[];
    };
    return { ids, course };
  };

  it('builds without drafts; hidden lessons are built (reachable by link) and marked hidden', () => {
    const load = configured('build');
    const { ids, course } = index(load);
    expect(ids).toEqual(['last', 'intro', 'answers']);
    expect(course.parts.map((p) => p.lessons)).toEqual([['last'], ['intro', 'answers']]);
    expect(course.hidden).toEqual(['answers']);
    expect(course.drafts).toEqual([]);
    expect(load('\0virtual:lessons/answers')).toContain('Answers');
    expect(() => load('\0virtual:lessons/wip')).toThrow(/no lesson with the id "wip"/);
  });

  it('serves drafts in npm run dev, marked as drafts', () => {
    const { ids, course } = index(configured('serve'));
    expect(ids).toEqual(['last', 'wip', 'intro', 'answers']);
    expect(course.drafts).toEqual(['wip']);
  });
});

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { checkAll } from '../../src/lib/lessons/check-all';
import { formatLessonError } from '../../src/lib/lessons/errors';
import type { Lesson } from '../../src/lib/lessons/types';

const INDEX = 'virtual:lessons';
const ONE = 'virtual:lessons/';

export function readLessonFiles(dir: string): { file: string; source: string }[] {
  const root = resolve(dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'lesson.md')))
    .map((entry) => {
      const path = join(root, entry.name, 'lesson.md');
      return { file: relative(process.cwd(), path), source: readFileSync(path, 'utf8') };
    });
}

/** Parses lessons at build/dev time; one lazily loaded chunk per lesson; errors fail the build. */
export function lessonsPlugin(options: { dir: string }): Plugin {
  let cache: Lesson[] | undefined;
  const load = (): Lesson[] => {
    if (cache) return cache;
    const { lessons, errors } = checkAll(readLessonFiles(options.dir));
    if (errors.length > 0) {
      throw new Error(`Invalid lessons:\n${errors.map(formatLessonError).join('\n')}`);
    }
    return (cache = lessons);
  };
  const invalidate = (server: ViteDevServer, file: string) => {
    if (!resolve(file).startsWith(resolve(options.dir))) return;
    cache = undefined;
    for (const id of server.moduleGraph.idToModuleMap.keys()) {
      if (id.startsWith('\0' + INDEX)) {
        const module = server.moduleGraph.getModuleById(id);
        if (module) server.moduleGraph.invalidateModule(module);
      }
    }
    server.ws.send({ type: 'full-reload' });
  };
  return {
    name: 'labbook-lessons',
    resolveId(id) {
      return id === INDEX || id.startsWith(ONE) ? '\0' + id : undefined;
    },
    load(id) {
      if (id === '\0' + INDEX) {
        const lessons = load();
        const cases = lessons
          .map(
            (l) =>
              `    case ${JSON.stringify(l.meta.id)}: return (await import(${JSON.stringify(ONE + l.meta.id)})).default;`,
          )
          .join('\n');
        return [
          `export const lessonIndex = ${JSON.stringify(lessons.map((l) => l.meta))};`,
          'export async function loadLesson(id) {',
          '  switch (id) {',
          cases,
          '    default: throw new Error(`there is no lesson with id "${id}"`);',
          '  }',
          '}',
        ].join('\n');
      }
      if (id.startsWith('\0' + ONE)) {
        const lessonId = id.slice(ONE.length + 1);
        const lesson = load().find((l) => l.meta.id === lessonId);
        if (!lesson) throw new Error(`No lesson with id "${lessonId}".`);
        return `export default ${JSON.stringify(lesson)};`;
      }
      return undefined;
    },
    configureServer(server) {
      server.watcher.add(resolve(options.dir));
      for (const event of ['add', 'change', 'unlink'] as const) {
        server.watcher.on(event, (file) => invalidate(server, file));
      }
    },
  };
}

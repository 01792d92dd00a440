import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lessonsPlugin } from '../../../scripts/vite/lessons-plugin';
import { LESSONS_UPDATE_EVENT, type LessonsUpdate } from '../../../src/lib/lessons/hot-update';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (h: unknown): Hook =>
  (typeof h === 'function' ? h : (h as { handler: Hook }).handler) as Hook;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The plugin as `npm run dev` runs it, with a fake dev server that records what it sends. */
function devServer() {
  dir = mkdtempSync(join(tmpdir(), 'labbook-hot-'));
  cpSync('tests/fixtures/lessons/valid', dir, { recursive: true });
  const p = lessonsPlugin({ dir });
  hook(p.configResolved).call({}, { command: 'serve' });
  const handlers: Record<string, (file: string) => void> = {};
  const sent: { type: string; event?: string; data?: unknown }[] = [];
  const server = {
    environments: {},
    watcher: {
      add: () => undefined,
      on: (e: string, f: (file: string) => void) => (handlers[e] = f),
    },
    middlewares: { use: () => undefined },
    ws: { send: (message: (typeof sent)[number]) => sent.push(message) },
  };
  hook(p.configureServer).call({}, server);
  const context = {
    addWatchFile: () => undefined,
    error: (m: string) => {
      throw new Error(m);
    },
  };
  hook(p.load).call(context, '\0virtual:lessons');
  const file = join(dir, '01-every-block/lesson.md');
  const hotUpdate = (path: string) => hook(p.hotUpdate).call({}, { file: path });
  return { sent, file, change: () => handlers.change!(file), hotUpdate };
}

describe('lessons plugin in npm run dev', () => {
  it('sends a saved lesson to the page to update in place, not a full reload', () => {
    const { sent, file, change } = devServer();
    writeFileSync(file, readFileSync(file, 'utf8').replace('# Hello', '# Hello again'));
    change();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'custom', event: LESSONS_UPDATE_EVENT });
    const update = sent[0]!.data as LessonsUpdate;
    expect(update.lessons.map((l) => l.meta.id)).toEqual(['every-block']);
    const html = update.lessons[0]!.blocks.map((b) => (b.kind === 'markdown' ? b.html : '')).join(
      '',
    );
    expect(html).toContain('Hello again');
  });

  it("keeps Vite's own update away from lesson files (it would re-mount the page and its kernel)", () => {
    const { file, hotUpdate } = devServer();
    expect(hotUpdate(file)).toEqual([]);
    expect(hotUpdate(join(process.cwd(), 'src/App.svelte'))).toBeUndefined();
  });

  it('reloads the page for a lesson error, so the overlay shows it', () => {
    const { sent, file, change } = devServer();
    writeFileSync(file, 'no frontmatter');
    change();
    expect(sent).toEqual([{ type: 'full-reload' }]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll, formatLessonError } from '../../../src/lib/lessons';
import { SEED_LIMITS, seedHash } from '../../../src/lib/lessons/seed';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';

const HEAD = '---\nid: taxi\ntitle: Taxi\nsummary: A.\nobjectives: [a]\nminutes: 5\n';
const text = (s: string) => new TextEncoder().encode(s);
const lesson = (extra = '') => `${HEAD}${extra}---\nBody.\n`;

describe('a lesson seed (project/ beside lesson.md)', () => {
  const root = mkdtempSync(join(tmpdir(), 'seed-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is read from disk, nested, and bundled as sorted text with a name and a hash', () => {
    const dir = join(root, 'ok', '04-taxi');
    mkdirSync(join(dir, 'project', 'src', 'empty'), { recursive: true });
    writeFileSync(join(dir, 'lesson.md'), lesson('project:\n  name: taxi-start\n'));
    writeFileSync(join(dir, 'project', 'src', 'features.js'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'project', 'README.md'), '# Taxi\n');
    const { lessons, errors } = checkAll(readLessonFiles(join(root, 'ok')));
    expect(errors).toEqual([]);
    expect(lessons[0]!.seed).toEqual({
      name: 'taxi-start',
      hash: seedHash([
        { path: 'README.md', text: '# Taxi\n' },
        { path: 'src/features.js', text: 'export const a = 1;\n' },
      ]),
      files: [
        { path: 'README.md', text: '# Taxi\n' },
        { path: 'src/features.js', text: 'export const a = 1;\n' },
      ],
    });
  });

  it('defaults the project name to the folder slug; a lesson without project/ has no seed', () => {
    const { lessons } = checkAll([
      { file: 'lessons/04-taxi/lesson.md', source: lesson(), project: [] },
      { file: 'lessons/05-other/lesson.md', source: lesson().replace('id: taxi', 'id: other') },
    ]);
    expect(lessons[0]!.seed?.name).toBe('taxi');
    expect(lessons[1]!.seed).toBeUndefined();
  });

  it('changes its hash when a path or a text changes, and only then', () => {
    const a = [{ path: 'a.js', text: 'x' }];
    expect(seedHash(a)).toBe(seedHash([{ path: 'a.js', text: 'x' }]));
    expect(seedHash(a)).not.toBe(seedHash([{ path: 'b.js', text: 'x' }]));
    expect(seedHash(a)).not.toBe(seedHash([{ path: 'a.js', text: 'y' }]));
    expect(seedHash([{ path: 'ab', text: '' }])).not.toBe(seedHash([{ path: 'a', text: 'b' }]));
  });

  it('names the file of a bad path, binary content or an oversized file', () => {
    const { errors } = checkAll([
      {
        file: 'lessons/04-taxi/lesson.md',
        source: lesson(),
        project: [
          { path: '.git/config', bytes: text('[core]') },
          { path: 'bad:name.js', bytes: text('') },
          { path: 'logo.png', bytes: new Uint8Array([0x89, 0xff, 0xfe]) },
          { path: 'big.js', bytes: new Uint8Array(SEED_LIMITS.fileBytes + 1) },
        ],
      },
    ]);
    expect(errors.map(formatLessonError)).toEqual([
      expect.stringMatching(
        /^lessons\/04-taxi\/project\/\.git\/config:1:1 error LESSON_SEED_BAD_PATH: ".git\/config" is inside \.git/,
      ),
      expect.stringMatching(
        /^lessons\/04-taxi\/project\/bad:name\.js:1:1 error LESSON_SEED_BAD_PATH: "bad:name\.js" contains ":"/,
      ),
      expect.stringMatching(/^lessons\/04-taxi\/project\/logo\.png:1:1 error LESSON_SEED_NOT_TEXT/),
      expect.stringMatching(/^lessons\/04-taxi\/project\/big\.js:1:1 error LESSON_SEED_TOO_LARGE/),
    ]);
  });

  it('refuses frontmatter project: without a project/ folder, and a bad project name', () => {
    const missing = checkAll([
      { file: 'lessons/04-taxi/lesson.md', source: lesson('project:\n  name: taxi\n') },
    ]);
    expect(missing.errors).toMatchObject([{ code: 'LESSON_SEED_MISSING' }]);
    const bad = checkAll([
      {
        file: 'lessons/04-taxi/lesson.md',
        source: lesson('project:\n  name: "<b>x</b>"\n'),
        project: [],
      },
    ]);
    expect(bad.errors).toMatchObject([
      { code: 'LESSON_BAD_FIELD', line: 8, message: expect.stringContaining('project.name') },
    ]);
  });

  it('fails npm run lessons:check with the offending file named', () => {
    const dir = join(root, 'bad', '04-taxi');
    mkdirSync(join(dir, 'project', 'src'), { recursive: true });
    writeFileSync(join(dir, 'lesson.md'), lesson());
    writeFileSync(join(dir, 'project', 'src', 'what?.js'), '');
    const result = spawnSync('npx', ['tsx', 'scripts/lessons-check.ts', join(root, 'bad')], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /04-taxi\/project\/src\/what\?\.js:1:1 error LESSON_SEED_BAD_PATH: "what\?\.js" contains "\?"/,
    );
  }, 30_000);
});

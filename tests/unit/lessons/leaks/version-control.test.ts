import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { ensureLessonProject } from '../../../../src/lib/project/seed';
import { shippedLesson } from './shipped';

// Each case replays the lesson's Git work; on a shared machine that can pass 5 s.
vi.setConfig({ testTimeout: 60_000 });

let session: LessonSession | undefined;
afterEach(() => {
  session?.close();
  vi.restoreAllMocks();
});

/** The lesson open with its starter project active, as the lesson page opens it. */
async function open(): Promise<LessonSession> {
  const lesson = shippedLesson('version-control');
  session = await openLessonSession(lesson);
  const { projects } = session.services;
  const { project } = await ensureLessonProject(projects.port, lesson.meta.id, lesson.seed!);
  projects.setActive(project.id);
  return session;
}

const AUTHOR =
  "await p.git.setAuthor({ name: 'Ada', email: 'ada@example.org' }); await p.git.init();";

describe('lesson 17, "Version control for ML": the checks read the repository, not claims', () => {
  it('first commit: a non-conventional message, committed data, or deleted data all fail', async () => {
    const s = await open();
    await s.runAll('first-commit');
    const plain = await s.attempt(
      'first-commit',
      `${AUTHOR} await p.git.add('.'); await p.git.commit('initial files');`,
    );
    expect(plain.pass).toBe(false);
    expect(plain.message).toMatch(/not a Conventional Commits feat message/);
  });

  it('first commit: un-ignoring data/ to commit it fails, and so does deleting the data', async () => {
    let s = await open();
    await s.runAll('first-commit');
    const unignored = await s.attempt(
      'first-commit',
      `${AUTHOR} await p.write('.gitignore', 'models/\\n'); await p.git.add('.'); await p.git.commit('feat: everything');`,
    );
    expect(unignored.pass).toBe(false);
    expect(unignored.message).toMatch(/data\/trips-2016-02-sample\.csv is committed on main/);
    // Taking it out with git rm --cached, as the message says, passes.
    const fixed = await s.attempt(
      'first-commit',
      "await p.write('.gitignore', 'data/\\nmodels/\\n'); await p.git.rm('data'); await p.git.add('.'); await p.git.commit('chore: stop tracking data');",
    );
    expect(fixed).toMatchObject({ pass: true });
    s.close();
    s = await open();
    await s.runAll('first-commit');
    const deleted = await s.attempt(
      'first-commit',
      `${AUTHOR} await p.remove('data'); await p.remove('models'); await p.git.add('.'); await p.git.commit('feat: start');`,
    );
    expect(deleted.pass).toBe(false);
    expect(deleted.message).toMatch(/Keep the files under data\/ and models\//);
  });

  it('GitHub Flow: a commit on main, or a feature branch not merged, fail', async () => {
    let s = await open();
    await s.runAll('github-flow');
    const edit = (name: string) =>
      `await p.write('src/features.js', (await p.read('src/features.js')) + '\\nexport function ${name}() { return 1; }\\n'); await p.git.add('src/features.js');`;
    const onMain = await s.attempt('github-flow', `${edit('f')} await p.git.commit('feat: f');`);
    expect(onMain.message).toMatch(/There is no branch named feature\//);
    s.close();
    s = await open();
    await s.runAll('github-flow');
    const unmerged = await s.attempt(
      'github-flow',
      `await p.git.branch('feature/g'); await p.git.checkout('feature/g'); ${edit('g')} await p.git.commit('feat: g'); await p.git.checkout('main');`,
    );
    expect(unmerged.message).toMatch(/not on main yet/);
    s.close();
    s = await open();
    await s.runAll('github-flow');
    const notFeat = await s.attempt(
      'github-flow',
      `await p.git.branch('feature/h'); await p.git.checkout('feature/h'); ${edit('h')} await p.git.commit('wip'); await p.git.checkout('main'); await p.git.merge('feature/h');`,
    );
    expect(notFeat.message).toMatch(/has no feat: commit that changes src\/features\.js/);
  });

  it('GitHub Flow: committing on main and cutting the branch after, or a fast-forward, fail', async () => {
    const edit = (name: string) =>
      `await p.write('src/features.js', (await p.read('src/features.js')) + '\\nexport function ${name}() { return 1; }\\n'); await p.git.add('src/features.js');`;
    let s = await open();
    await s.runAll('github-flow');
    const cutAfter = await s.attempt(
      'github-flow',
      `${edit('f')} await p.git.commit('feat: f'); await p.git.branch('feature/f');`,
    );
    expect(cutAfter.pass).toBe(false);
    expect(cutAfter.message).toMatch(/reached main without a merge commit/);
    s.close();
    s = await open();
    await s.runAll('github-flow');
    const fastForward = await s.attempt(
      'github-flow',
      `await p.git.branch('feature/g'); await p.git.checkout('feature/g'); ${edit('g')} await p.git.commit('feat: g'); await p.git.checkout('main'); const r = await p.git.merge('feature/g'); if (r.kind !== 'fast-forward') throw new Error(r.kind);`,
    );
    expect(fastForward.pass).toBe(false);
    expect(fastForward.message).toMatch(/reached main without a merge commit/);
    // The same branch joined with a merge commit, as a pull request does, passes.
    const pullRequest = await s.attempt(
      'github-flow',
      `await p.git.checkout('feature/g'); ${edit('g2')} await p.git.commit('feat: g2'); await p.git.checkout('main'); await p.git.merge('feature/g', { noFastForward: true });`,
    );
    expect(pullRequest).toMatchObject({ pass: true });
  });

  it('conflict: keeping one side, dropping the branch’s other change, or no merge commit fail', async () => {
    const s = await open();
    await s.runAll('resolve-conflict');
    const noMerge = await s.attempt(
      'resolve-conflict',
      "await p.write('config.yml', (await p.read('config.yml')).replace(/\\]/, ', x]')); await p.git.add('config.yml'); await p.git.commit('feat: x');",
    );
    expect(noMerge.message).toMatch(/main has no merge commit/);
    const oursOnly = await s.attempt(
      'resolve-conflict',
      "await p.git.merge('feature/airport-flag'); const t = await p.read('config.yml'); await p.write('config.yml', t.replace(/^<<<<<<< .*\\n([\\s\\S]*?)^=======\\n[\\s\\S]*?^>>>>>>> .*\\n/m, '$1')); await p.git.add('config.yml'); await p.git.commit('Merge');",
    );
    expect(oursOnly.pass).toBe(false);
    expect(oursOnly.message).toMatch(/drops a feature/);
    expect(oursOnly.message).not.toMatch(/is_airport|crosses_borough|is_night/);
  });

  it('conflict: both features but the branch’s epochs change undone fails', async () => {
    const s = await open();
    await s.runAll('resolve-conflict');
    const solution = s.exercise('resolve-conflict').solution;
    const undone = solution.replace(
      "await p.git.add('config.yml');",
      "await p.write('config.yml', (await p.read('config.yml')).replace(/epochs: \\d+/, 'epochs: 20')); await p.git.add('config.yml');",
    );
    expect(undone).not.toBe(solution);
    const result = await s.attempt('resolve-conflict', undone);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/loses a change made on feature\/airport-flag, in config\.yml/);
  });

  it('release: v1.0.0 on a commit before the merge fails', async () => {
    const s = await open();
    await s.runAll('release-tag');
    const early = await s.attempt(
      'release-tag',
      "await p.git.tag('v1.0.0', 'too early', (await p.git.log('main')).at(-1).oid);",
    );
    expect(early.pass).toBe(false);
    expect(early.message).toMatch(/does not include the merge/);
  });

  it('semver: guessing one bump for all, or patching the check’s git, fails; no version is named', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // every change drawn is the first kind: MAJOR
    const s = await open();
    await s.runAll('semver-bumps');
    const guess = (part: string) =>
      `const [M, m, q] = [1, 0, 0]; let i = 0; for (const c of newCommits) { i += 1; await p.git.tag(${part}, 'guess', c.oid); }`;
    const patches = await s.attempt('semver-bumps', guess('`v1.0.${i}`'));
    expect(patches.pass).toBe(false);
    expect(patches.message).toMatch(/Not every tag after v1\.0\.0/);
    expect(patches.message).not.toMatch(/v[2-9]\.\d/);
    await s.run(
      'x',
      "for (const t of await p.git.tags()) if (t.name !== 'v1.0.0') await p.git.deleteTag(t.name);",
    );
    const minors = await s.attempt('semver-bumps', guess('`v1.${i}.0`'));
    expect(minors.pass).toBe(false);
    await s.run(
      'x',
      "for (const t of await p.git.tags()) if (t.name !== 'v1.0.0') await p.git.deleteTag(t.name);",
    );
    // A cell that rewrites what p.git answers does not change what the check reads.
    const forged = await s.attempt(
      'semver-bumps',
      "const proto = Object.getPrototypeOf(p.git); try { proto.tags = async () => []; } catch {} try { Object.defineProperty(Object.getPrototypeOf(p), 'git', { get: () => ({ tags: async () => [], log: async () => [] }) }); } catch {}",
    );
    expect(forged.pass).toBe(false);
    expect(forged.message).toMatch(/have no version tag yet/);
    const solved = await s.attempt('semver-bumps', s.exercise('semver-bumps').solution);
    expect(solved).toMatchObject({ pass: true });
  });
});

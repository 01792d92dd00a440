import type { GitAuthor } from '../project/git/author';
import { createGitService, type GitService } from '../project/git/service';
import { GitError } from '../project/git/errors';
import type { MergeOptions } from '../project/git/merge';
import { unwrap, type Settled } from '../project/git/settled';
import { labServices } from './services';

let current: { port: unknown; service: GitService } | undefined;

/** One Git service per storage, as the project worker has: the same operations, one queue. */
function service(): GitService {
  const { port, git } = labServices().projects;
  if (current?.port !== port) current = { port, service: createGitService(port, git) };
  return current.service;
}

const call = async <T>(result: Promise<Settled<T>>): Promise<T> => unwrap(await result);

/** As `git` says "not a git repository": before init, every command but init is refused. */
async function needRepo(projectId: string): Promise<void> {
  if (await labServices().projects.port.getFile(projectId, '.git/HEAD')) return;
  throw new GitError(
    'no-repo',
    'This project has no Git repository yet. Create it with await p.git.init() (git init), or Create repository in the Git panel.',
  );
}

/**
 * A project's Git repository as a cell uses it: the Git panel's operations (the same service,
 * over the kernel's project storage), named as the git CLI names them. Failures throw GitErrors
 * that say what to do.
 */
export class ProjectGit {
  constructor(readonly projectId: string) {}

  /** `git init` (branch main); a project that has a repository is left alone. */
  init() {
    return call(service().init(this.projectId));
  }
  /** `git status`: the changed, new, deleted and ignored files, with their state in words. */
  async status() {
    const overview = await this.inRepo((s) => s.overview(this.projectId));
    if (!overview.hasRepo) return [];
    return overview.files.map(({ path, state, label }) => ({ path, state, label }));
  }
  /** `git add`: stages files; `'.'` stages every change .gitignore does not exclude. */
  async add(...paths: string[]) {
    const named = paths.flat();
    const all = named.includes('.') ? await this.inRepo((s) => s.stageAll(this.projectId)) : [];
    const rest = named.filter((p) => p !== '.' && !all.includes(p));
    await this.inRepo((s) => s.stage(this.projectId, rest));
    return [...all, ...rest];
  }
  /** `git restore --staged`: takes files out of the next commit; their edits stay. */
  reset(...paths: string[]) {
    return this.inRepo((s) => s.unstage(this.projectId, paths.flat()));
  }
  /** `git rm -r --cached`: stops tracking files (a folder too) from the next commit; they stay on disk. */
  rm(...paths: string[]) {
    return this.inRepo((s) => s.untrack(this.projectId, paths.flat()));
  }
  /** `git commit -m`: the staged changes, with your author; warns on a non-conventional message. */
  commit(message: string) {
    if (message != null && typeof message !== 'string')
      throw new GitError(
        'empty-message',
        `A commit message is text, such as 'fix: drop duplicate rows'; got ${typeof message}.`,
      );
    return this.inRepo((s) => s.commit(this.projectId, message ?? ''));
  }
  /**
   * `git log --all`, or `git log <ref>` (what a branch, tag or commit reaches): commits newest
   * first, with parents, author, message and refs.
   */
  async log(ref?: string, limit = 1000) {
    return (await this.inRepo((s) => s.log(this.projectId, limit, ref))).entries;
  }
  /** `git branch`: the current branch and all of them. */
  async branches() {
    const overview = await this.inRepo((s) => s.overview(this.projectId));
    return overview.hasRepo ? overview.branches : { current: undefined, all: [] };
  }
  /** `git branch <name> [from]`: a new branch; you stay where you are. */
  branch(name: string, from?: string) {
    return this.inRepo((s) => s.createBranch(this.projectId, name, from));
  }
  deleteBranch(name: string) {
    return this.inRepo((s) => s.deleteBranch(this.projectId, name));
  }
  /** `git switch <branch>`: refused while changes are uncommitted. */
  checkout(branch: string) {
    return this.inRepo((s) => s.checkout(this.projectId, branch));
  }
  /** `git merge <branch>` into the current branch: fast-forward, merge commit, or conflicts;
   * `{ noFastForward: true }` is `git merge --no-ff` (always a merge commit, as a pull request). */
  merge(branch: string, options?: MergeOptions) {
    return this.inRepo((s) => s.merge(this.projectId, branch, options));
  }
  /** `git merge --abort`. */
  abort() {
    return this.inRepo((s) => s.abort(this.projectId));
  }
  /** `git tag -a <name> -m <message> [ref]`: an annotated release tag, vMAJOR.MINOR.PATCH. */
  tag(name: string, message: string, ref?: string) {
    return this.inRepo((s) => s.tag(this.projectId, name, String(message ?? ''), ref));
  }
  /** `git tag -d <name>`: for a wrong tag you have not published. */
  deleteTag(name: string) {
    return this.inRepo((s) => s.deleteTag(this.projectId, name));
  }
  /** `git tag -n`: every tag with the commit it names and its message. */
  async tags() {
    const overview = await this.inRepo((s) => s.overview(this.projectId));
    return overview.hasRepo ? overview.tags : [];
  }
  /** `git ls-tree -r --name-only <ref>`: the files a commit holds. */
  files(ref = 'HEAD') {
    return this.inRepo((s) => s.filesAt(this.projectId, ref));
  }
  /** `git show <ref>:<path>`: a file's text in a commit, or null if it has none. */
  show(ref: string, path: string) {
    return this.inRepo((s) => s.readAt(this.projectId, ref, path));
  }
  /** `git diff --name-status <from> <to>`: the files that differ between two commits. */
  diff(from: string, to: string) {
    return this.inRepo((s) => s.diffCommits(this.projectId, from, to));
  }
  /** The author your commits carry (Settings → Git author), or undefined. */
  author() {
    return call(service().author());
  }
  /** `git config user.name / user.email`: set once, used by every commit and tag. */
  setAuthor(author: GitAuthor) {
    return call(service().setAuthor(author));
  }
  private async inRepo<T>(work: (git: GitService) => Promise<Settled<T>>): Promise<T> {
    await needRepo(this.projectId);
    return unwrap(await work(service()));
  }
  toString(): string {
    return 'Git repository';
  }
}

// A cell gets these objects; a check reads the repository through the same classes. Frozen, so
// a cell cannot rewrite what `p.git.log()` or `p.git.tags()` answer for the check.
Object.freeze(ProjectGit.prototype);

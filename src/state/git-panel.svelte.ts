import type { ProjectGit } from '../bridges/project-bridge';
import { checkConventionalCommit } from '../lib/project/git/conventional-commit';
import type { FileDiff } from '../lib/project/git/diff';
import type { FileStatus } from '../lib/project/git/status';
import type { MergeOptions } from '../lib/project/git/merge';

type Overview = Awaited<ReturnType<ProjectGit['overview']>>;
type Log = Awaited<ReturnType<ProjectGit['log']>>;

/**
 * The Git panel of one project: what the worker last reported, the commit message being typed,
 * and one action at a time. Every action refreshes from the worker, so the panel never shows a
 * state that was not stored.
 */
export class GitPanelState {
  overview = $state.raw<Overview | null>(null);
  history = $state.raw<Log | null>(null);
  diff = $state.raw<FileDiff | null>(null);
  message = $state('');
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);

  readonly warnings = $derived(
    this.message.trim() ? checkConventionalCommit(this.message).warnings : [],
  );
  readonly files = $derived<FileStatus[]>(this.overview?.hasRepo ? this.overview.files : []);
  readonly staged = $derived(this.files.filter((f) => f.staged));
  readonly changes = $derived(this.files.filter((f) => f.unstaged && f.state !== 'ignored'));
  readonly ignored = $derived(this.files.filter((f) => f.state === 'ignored'));

  /** Called after every action: a checkout, merge or revert changes the files an editor shows. */
  onChanged: () => void = () => undefined;
  /** Called after a commit or merge: a new commit on a branch is a push, which starts CI. */
  onCommitted: () => void = () => undefined;

  constructor(
    private readonly git: ProjectGit,
    readonly projectId: string,
  ) {}

  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /**
   * Runs one action after those already asked for (a click during a refresh waits, it is not
   * dropped), then reloads; a refusal is shown, never thrown at the page.
   */
  #act(work: () => Promise<unknown>, done?: (result: unknown) => string | null) {
    this.#pending++;
    this.busy = true;
    const run = async () => {
      this.error = null;
      this.notice = null;
      try {
        const result = await work();
        this.notice = done?.(result) ?? null;
      } catch (error) {
        this.error = (error as Error).message;
      } finally {
        await this.#load();
        this.busy = --this.#pending > 0;
        this.onChanged();
      }
    };
    return (this.#queue = this.#queue.then(run));
  }

  async #load() {
    try {
      this.overview = await this.git.overview(this.projectId);
      this.history = this.overview.hasRepo ? await this.git.log(this.projectId, 1000) : null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  refresh = () => this.#act(async () => undefined);
  init = () =>
    this.#act(
      () => this.git.init(this.projectId),
      () => 'Repository created on branch main.',
    );
  stage = (path: string) => this.#act(() => this.git.stage(this.projectId, [path]));
  unstage = (path: string) => this.#act(() => this.git.unstage(this.projectId, [path]));
  stageAll = () =>
    this.#act(() =>
      this.git.stage(
        this.projectId,
        this.changes.map((f) => f.path),
      ),
    );

  commit = () =>
    this.#act(
      async () => {
        const result = await this.git.commit(this.projectId, this.message);
        this.message = '';
        this.onCommitted();
        return result;
      },
      (r) => `Committed ${(r as { oid: string }).oid.slice(0, 7)}.`,
    );

  checkout = (branch: string) =>
    this.#act(
      () => this.git.checkout(this.projectId, branch),
      () => `Switched to ${branch}.`,
    );
  createBranch = (name: string) =>
    this.#act(
      () => this.git.createBranch(this.projectId, name),
      () => `Branch ${name} created.`,
    );
  deleteBranch = (name: string) =>
    this.#act(
      () => this.git.deleteBranch(this.projectId, name),
      () => `Branch ${name} deleted.`,
    );
  merge = (branch: string, options?: MergeOptions) =>
    this.#act(
      () => this.git.merge(this.projectId, branch, options),
      (r) => {
        const result = r as Awaited<ReturnType<ProjectGit['merge']>>;
        if (result.kind === 'conflicts') return null; // the conflict banner says it
        if (result.kind !== 'up-to-date') this.onCommitted();
        return result.kind === 'up-to-date'
          ? `Already up to date with ${branch}.`
          : `Merged ${branch} (${result.kind}).`;
      },
    );
  abort = () =>
    this.#act(
      () => this.git.abort(this.projectId),
      () => 'Aborted: the files are back as they were.',
    );
  revert = (oid: string) =>
    this.#act(
      () => this.git.revert(this.projectId, oid),
      () => `Reverted ${oid.slice(0, 7)}.`,
    );
  tag = (name: string, message: string) =>
    this.#act(
      () => this.git.tag(this.projectId, name, message),
      () => `Tagged ${name}.`,
    );

  showDiff = (path: string, from: 'HEAD' | 'index', to: 'index' | 'workdir') =>
    this.#act(async () => {
      this.diff = await this.git.diffFile(this.projectId, path, from, to);
    });
  closeDiff = () => (this.diff = null);

  /** The repository (working tree + .git) as zip bytes; the component saves them. */
  exportZip = () => this.git.exportZip(this.projectId);

  /** The author from settings ('' when unset), for the author form. */
  author = $state({ name: '', email: '' });
  loadAuthor = async () => {
    const stored = await this.git.author().catch(() => undefined);
    this.author = { name: stored?.name ?? '', email: stored?.email ?? '' };
  };
  saveAuthor = () =>
    this.#act(
      () => this.git.setAuthor({ ...this.author }),
      () => 'Git author saved.',
    );
}

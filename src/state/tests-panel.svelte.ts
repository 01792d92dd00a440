import type { SuperviseOptions } from '../lib/project/testing/supervise';
import { summarize } from '../lib/project/testing/summary';
import { isTestFile } from '../lib/project/testing/test-files';
import type { FileResult, TestReport, TestResult } from '../lib/project/testing/types';

/** What the panel needs from the bridge (ProjectTestBridge), so a test can hand it a fake. */
export interface TestRunner {
  run(
    files: Readonly<Record<string, string>>,
    options?: Omit<SuperviseOptions, 'signal'>,
  ): Promise<TestReport>;
  cancel(): void;
}

/**
 * The Tests panel of a project: runs all tests or one file in the watched worker, shows results
 * as they arrive, keeps the last report, and reruns on save when asked to.
 */
export class TestsPanelState {
  report = $state.raw<TestReport | null>(null);
  /** Results of the run going on, per file, as the worker reports them. */
  live = $state.raw<TestResult[]>([]);
  running = $state(false);
  error = $state<string | null>(null);
  coverage = $state(false);
  runOnSaveEnabled = $state(true);
  #runs = 0;

  constructor(
    private readonly runner: TestRunner,
    /** The project's text files now (saved content), by path. */
    private readonly files: () => Promise<Record<string, string>>,
  ) {}

  /** Runs every test file, or only `paths`. A run already going is cancelled first. */
  async run(paths?: string[]): Promise<void> {
    const run = ++this.#runs;
    this.running = true;
    this.error = null;
    this.live = [];
    try {
      const report = await this.runner.run(await this.files(), {
        ...(paths ? { files: paths } : {}),
        coverage: this.coverage,
        onEvent: (event) => {
          if (run === this.#runs && event.type === 'test-end')
            this.live = [...this.live, event.result];
        },
      });
      if (run === this.#runs) this.report = report;
    } catch (error) {
      if (run === this.#runs) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (run === this.#runs) this.running = false;
    }
  }

  runFile(path: string): Promise<void> {
    return this.run([path]);
  }

  cancel(): void {
    this.runner.cancel();
  }

  /** The page calls this after a file is saved: a test file reruns alone, any other file reruns all. */
  runOnSave(path: string): Promise<void> | undefined {
    if (!this.runOnSaveEnabled) return undefined;
    return isTestFile(path) ? this.runFile(path) : this.run();
  }

  /** The files to show: the finished report, or the live results grouped while a run goes on. */
  get shown(): FileResult[] {
    if (!this.running && this.report) return this.report.files;
    const files = this.live.map((t) => t.file).filter((f, i, all) => all.indexOf(f) === i);
    return files.map((file) => {
      const tests = this.live.filter((t) => t.file === file);
      const failed = tests.some((t) => t.status === 'failed' || t.status === 'timed-out');
      return { file, tests, durationMs: 0, status: failed ? 'failed' : 'passed' };
    });
  }

  get summary() {
    return this.running || !this.report ? summarize(this.shown) : this.report.summary;
  }
}

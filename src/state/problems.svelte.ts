import { withFile, type ProjectLintReport } from '../lib/project/lint/lint-project';
import type { LintDiagnostic } from '../lib/project/lint/types';
import { lintBridge, type LintBridge } from '../bridges/lint-bridge';

/** The Problems panel's state: the project's last lint, kept current by the editor as it lints. */
export class ProblemsState {
  report = $state<ProjectLintReport | null>(null);
  running = $state(false);
  error = $state<string | null>(null);

  constructor(
    readonly projectId: string,
    private readonly bridge: LintBridge = lintBridge(),
  ) {}

  /** Lints every JavaScript file of the project as saved, in the lint worker. */
  async lintProject(): Promise<void> {
    this.running = true;
    try {
      this.report = await this.bridge.lintProject(this.projectId);
      this.error = null;
    } catch (error) {
      // The last report stays: it is still what the student last saw, and the message says why.
      this.error = `Linting the project failed: ${(error as Error).message}`;
    } finally {
      this.running = false;
    }
  }

  /** One file's diagnostics as the editor found them (unsaved edits included). */
  updateFile(path: string, diagnostics: LintDiagnostic[]): void {
    if (this.report) this.report = withFile(this.report, path, diagnostics);
  }
}

import type { NotebookKernel } from '../lib/notebook/notebook-ports';

/**
 * A lesson's hidden setup in one kernel: started when the lesson loads (while the student reads),
 * awaited by the first run, run once per kernel. A failed setup is tried again by the next run;
 * a lost kernel needs it again (`forget`).
 */
export class HiddenSetup {
  #done: Promise<void> | undefined;

  constructor(
    private readonly kernel: NotebookKernel,
    private readonly sources: () => string[],
  ) {}

  ensure(): Promise<void> {
    const setup = (this.#done ??= this.#run());
    setup.catch(() => {
      if (this.#done === setup) this.#done = undefined;
    });
    return setup;
  }

  forget(): void {
    this.#done = undefined;
  }

  async #run(): Promise<void> {
    for (const [i, source] of this.sources().entries()) {
      const result = await this.kernel.runSetup(`setup-${i + 1}`, source, () => {});
      if (result.status === 'error') {
        const first = result.outputs.find((o) => o.type === 'error');
        const why = first && first.type === 'error' ? first.message : 'unknown error';
        throw new Error(`The lesson's setup code failed: ${why}. Restart the kernel to retry.`);
      }
    }
  }
}

import { dataBridge } from '../bridges/data-bridge';
import { downloadBlob, downloadName } from '../lib/pwa/download';

/**
 * "Export as a Python project" on the Runs and Models pages: the data worker builds the zip
 * (the rows as CSV, the generated files), the page only hands it out as a download.
 */
export class PythonExport {
  busy = $state(false);
  error = $state<string | null>(null);
  saved = $state<string | null>(null);
  /** Ends the export when the button goes away (the page was left). */
  #leaving = new AbortController();

  async download(ref: string): Promise<void> {
    this.busy = true;
    this.error = null;
    this.saved = null;
    try {
      const { name, bytes } = await dataBridge().exportPython(ref, this.#leaving.signal);
      const url = URL.createObjectURL(downloadBlob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = downloadName(name);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.saved = downloadName(name);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    this.#leaving.abort();
    this.#leaving = new AbortController();
  }
}

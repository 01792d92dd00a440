import { DataBridge } from '../bridges/data-bridge';
import { downloadBlob, downloadName } from '../lib/pwa/download';

/**
 * "Export as a Python project" on the Runs and Models pages: the data worker builds the zip
 * (the rows as CSV, the generated files), the page only hands it out as a download.
 */
export class PythonExport {
  busy = $state(false);
  error = $state<string | null>(null);
  saved = $state<string | null>(null);
  #bridge: DataBridge | null = null;

  async download(ref: string): Promise<void> {
    this.busy = true;
    this.error = null;
    this.saved = null;
    try {
      this.#bridge ??= new DataBridge();
      const { name, bytes } = await this.#bridge.exportPython(ref);
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
    this.#bridge?.dispose();
    this.#bridge = null;
  }
}

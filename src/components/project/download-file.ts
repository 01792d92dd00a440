import { downloadBlob } from '../../lib/pwa/download';

/** Hands bytes made in a worker to the browser as a file download. */
export function downloadFile(bytes: Uint8Array, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(downloadBlob([bytes as Uint8Array<ArrayBuffer>]));
  link.download = fileName;
  link.click();
  // The click only starts the download; the URL must live until the browser has read it.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

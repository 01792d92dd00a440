/**
 * Files the Labbook hands to the student (artifacts, exports) are always downloaded, never opened:
 * a blob: URL has the Labbook's origin, so an HTML or SVG file opened from one (a middle click,
 * "Open in new tab", a browser that ignores `download`) would run its script with the student's
 * whole workspace in reach. A blob typed `application/octet-stream` is never rendered, only saved.
 */
const DOWNLOAD_TYPE = 'application/octet-stream';

export function downloadBlob(parts: BlobPart[]): Blob {
  return new Blob(parts, { type: DOWNLOAD_TYPE });
}

/** The file name to save an artifact path as: its last segment, with no path or control chars. */
export function downloadName(path: string): string {
  // eslint-disable-next-line no-control-regex
  const last = (path.split(/[/\\]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f:*?"<>|]+/g, '-');
  return last.replace(/^\.+/, '') || 'artifact';
}

/**
 * The URL an image artifact is previewed from (in an `<img>`, where no script runs). An SVG gets
 * a data: URL, not a blob: one: opened on its own (the image's "Open in new tab") a blob: SVG is a
 * document on the Labbook's origin and runs its script, a data: one has no origin to reach.
 */
export function imagePreviewUrl(bytes: Uint8Array, mime: string): string {
  if (mime !== 'image/svg+xml') {
    return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${mime};base64,${btoa(binary)}`;
}

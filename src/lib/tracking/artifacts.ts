/**
 * What an artifact is, from its path: MLflow's artifact store keeps files, and the run page decides
 * how to show one (text, an image) from its type, so the type is recorded when it is logged.
 */
const MIME_BY_EXTENSION: Record<string, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The type of an artifact: from the path's extension, else from what the content is. */
export function mimeOf(path: string, content: Uint8Array | string | object): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  const known = extension ? MIME_BY_EXTENSION[extension] : undefined;
  if (known) return known;
  if (content instanceof Uint8Array) return 'application/octet-stream';
  return typeof content === 'string' ? 'text/plain' : 'application/json';
}

/** Types the run page shows as a picture: rendered by <img>, where no script in them runs. */
export const isImage = (mime: string) => /^image\/(svg\+xml|png|jpeg|gif|webp)$/.test(mime);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What logFigure needs of a Plot figure: an element's tag and markup (a DOM or linkedom node). */
export interface FigureLike {
  tagName: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<FigureLike>;
}

/**
 * A standalone SVG file of an Observable Plot figure. Plot returns an <svg>, or a <figure> (HTML)
 * when it has a title, caption or legend; an image file can hold only the SVG, so a figure gives
 * its chart: the <svg> whose class is the figure's without "-figure". The namespace is added
 * because a browser shows an SVG file without it as broken.
 */
export function figureSvg(figure: FigureLike | string, where = 'logFigure'): string {
  let svg: string | undefined;
  if (typeof figure === 'string') svg = /^\s*<svg[\s>]/i.test(figure) ? figure.trim() : undefined;
  else if (figure.tagName.toLowerCase() === 'svg') svg = figure.outerHTML;
  else if (figure.tagName.toLowerCase() === 'figure') {
    const chartClass = (figure.getAttribute('class') ?? '').replace(/-figure$/, '');
    const svgs = Array.from(figure.querySelectorAll('svg'));
    svg = (svgs.find((s) => s.getAttribute('class') === chartClass) ?? svgs.at(-1))?.outerHTML;
  }
  if (!svg)
    throw new TypeError(
      `${where}: expected an Observable Plot chart (an <svg> or <figure> from Plot.plot or mark.plot()) or SVG text; got ${typeof figure === 'string' ? `text starting "${figure.slice(0, 20)}"` : `a <${figure.tagName.toLowerCase()}> element`}. Pass the value Plot.plot(...) returns.`,
    );
  return /^<svg[^>]*\sxmlns=/i.test(svg) ? svg : svg.replace(/^<svg/i, `<svg xmlns="${SVG_NS}"`);
}

/**
 * Predictions as CSV, one row per test example (its index in the test set): the actual value, the prediction and the residual
 * (actual − predicted). At most `limit` rows, so a million-row test set logs a bounded file.
 */
export function predictionsCsv(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  limit = 1000,
): string {
  const n = Math.min(actual.length, predicted.length, limit);
  const lines = ['test_row,actual,predicted,residual'];
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    lines.push(`${i},${a},${p},${a - p}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The features ranked by importance, largest first, with their shares. */
export function rankedImportances(
  names: readonly string[],
  importances: readonly number[],
): { feature: string; importance: number }[] {
  return names
    .map((feature, i) => ({ feature, importance: importances[i] ?? 0 }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal bar chart of gain importances as a standalone SVG file: the run page previews SVG
 * artifacts as images, and it needs no DOM, so a worker can draw it.
 */
export function importanceSvg(names: readonly string[], importances: readonly number[]): string {
  const rows = rankedImportances(names, importances);
  const label = Math.min(220, 12 + 7 * Math.max(8, ...rows.map((r) => r.feature.length)));
  const bar = 320;
  const rowHeight = 20;
  const top = 28;
  const width = label + bar + 70;
  const height = top + rows.length * rowHeight + 10;
  const max = Math.max(...rows.map((r) => r.importance), 1e-12);
  const bars = rows.map((r, i) => {
    const y = top + i * rowHeight;
    const w = (r.importance / max) * bar;
    return (
      `<text x="${label - 6}" y="${y + 14}" text-anchor="end">${escape(r.feature)}</text>` +
      `<rect x="${label}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="#4269d0"/>` +
      `<text x="${(label + w + 4).toFixed(1)}" y="${y + 14}">${(r.importance * 100).toFixed(1)} %</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="8" y="18" font-weight="bold">Feature importance (share of split gain)</text>` +
    bars.join('') +
    `</svg>`
  );
}

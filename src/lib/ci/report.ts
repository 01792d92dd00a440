/** CML-style report pieces: a metrics table and a chart, both plain Markdown text. */

type Metrics = Record<string, Partial<Record<string, number>>>;

const cell = (v: number | undefined) =>
  v === undefined ? '—' : Number(v.toPrecision(4)).toString();
const escape = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);

/** Metrics by split (`{ train: { rmse }, test: { rmse } }`) as a Markdown table, a row per metric. */
export function markdownTable(metrics: Metrics): string {
  const splits = Object.keys(metrics);
  const names = [...new Set(splits.flatMap((s) => Object.keys(metrics[s]!)))].sort();
  return [
    `| metric | ${splits.map(escape).join(' | ')} |`,
    `| --- | ${splits.map(() => '---:').join(' | ')} |`,
    ...names.map(
      (m) => `| ${escape(m)} | ${splits.map((s) => cell(metrics[s]![m])).join(' | ')} |`,
    ),
  ].join('\n');
}

/**
 * A horizontal bar chart per metric, test against baseline, as an inline SVG image: CML posts a
 * plot image with its report, and a data: URI keeps the report one self-contained text.
 */
export function barChart(title: string, metrics: Metrics): string {
  const rows = Object.keys(metrics.test ?? {})
    .sort()
    .flatMap((m) =>
      (['test', 'baseline'] as const).flatMap((s) => {
        const v = metrics[s]?.[m];
        return v === undefined || !Number.isFinite(v) ? [] : [{ label: `${m} ${s}`, v }];
      }),
    );
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => Math.abs(r.v)), 1e-12);
  const bars = rows
    .map((r, i) => {
      const y = 24 + i * 22;
      const w = Math.round((Math.abs(r.v) / max) * 260);
      return `<text x="0" y="${y + 13}" font-size="12">${xml(r.label)}</text><rect x="130" y="${y}" width="${w}" height="16" fill="${r.label.endsWith('test') ? '#2563eb' : '#9ca3af'}"/><text x="${136 + w}" y="${y + 13}" font-size="12">${cell(r.v)}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="460" height="${32 + rows.length * 22}" font-family="sans-serif"><text x="0" y="14" font-size="13" font-weight="bold">${xml(title)}</text>${bars}</svg>`;
  return `![${escape(title)}](data:image/svg+xml;base64,${base64(svg)})`;
}

const xml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
const base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

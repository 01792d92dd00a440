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
 * A horizontal bar chart per metric, test against baseline, drawn in block characters inside a
 * code block: CML posts a plot with its report, and text keeps the report one Markdown string
 * that any renderer shows (an SVG data: image would be refused by the page's Markdown sanitiser).
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
  const width = Math.max(...rows.map((r) => r.label.length));
  const bars = rows.map(
    (r) =>
      `${r.label.padEnd(width)} ${'█'.repeat(Math.max(1, Math.round((Math.abs(r.v) / max) * 30)))} ${cell(r.v)}`,
  );
  return [`**${escape(title)}**`, '', '```text', ...bars, '```'].join('\n');
}

import type { Run } from '../tracking/types';
import type { ModelVersion, RegisteredModel } from './types';

/** Table cells: pipes and line breaks would break the Markdown table. */
const cell = (v: unknown) =>
  String(v)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
/** Six significant digits without trailing zeros: 32.1 stays 32.1, 2900.1936 → 2900.19. */
const num = (v: number) => String(Number(v.toPrecision(6)));

function table(head: string[], rows: unknown[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/**
 * A model card (Mitchell et al., 2019) written from what the registry and the tracking store
 * know, so it is never out of date: nothing in it is typed by hand except the descriptions.
 */
export function modelCardMarkdown(
  model: RegisteredModel,
  version: ModelVersion,
  run: Run | undefined,
): string {
  const aliases = Object.entries(model.aliases)
    .filter(([, v]) => v === version.version)
    .map(([a]) => a);
  const lines = [
    `# Model card: ${model.name}, version ${version.version}`,
    '',
    '## Model details',
    '',
    `- URI: \`models:/${model.name}/${version.version}\`${aliases.map((a) => `, \`models:/${model.name}@${a}\``).join('')}`,
    `- Registered: ${iso(version.createdAt)}`,
    `- Aliases: ${aliases.length ? aliases.join(', ') : 'none'}`,
    `- Source: \`${version.source}\` (run ${run ? `"${run.name}", ` : ''}${version.runId}${run ? `, ${run.status.toLowerCase()}` : ', no longer in the tracking store'})`,
    ...Object.entries({ ...model.tags, ...version.tags }).map(([k, v]) => `- Tag ${k}: ${v}`),
    '',
    '## Intended use',
    '',
    model.description ||
      '_No description: add one with lab.registry.updateModel(name, { description })._',
    '',
    ...(version.description ? ['## Version notes', '', version.description, ''] : []),
    '## Training data',
    '',
    version.datasetVersion
      ? `Data version \`${version.datasetVersion}\` (its lineage is on the Data page).`
      : '_Not recorded: tag the run with `dataset.version` or pass `datasetVersion` when registering._',
    '',
  ];
  if (run && Object.keys(run.params).length > 0)
    lines.push(
      '## Parameters',
      '',
      ...table(['parameter', 'value'], Object.entries(run.params)),
      '',
    );
  if (run && Object.keys(run.metrics).length > 0)
    lines.push(
      '## Metrics',
      '',
      ...table(
        ['metric', 'value'],
        Object.entries(run.metrics).map(([k, m]) => [k, num(m.value)]),
      ),
      '',
    );
  lines.push(
    '## Inputs and output',
    '',
    ...table(
      ['column', 'type', 'role'],
      [
        ...version.signature.inputs.map((c) => [c.name, c.type, 'input']),
        ...version.signature.outputs.map((c) => [c.name, c.type, 'output']),
      ],
    ),
    '',
  );
  if (version.inputExample.length > 0) {
    const names = version.signature.inputs.map((c) => c.name);
    lines.push(
      '### Input example',
      '',
      ...table(
        names,
        version.inputExample.map((r) =>
          names.map((n) => (typeof r[n] === 'number' ? num(r[n]) : r[n])),
        ),
      ),
      '',
    );
  }
  lines.push('## Tests', '');
  if (!version.tests)
    lines.push('_Not tested yet: the version cannot become champion until its tests pass._', '');
  else
    lines.push(
      `Run ${iso(version.tests.at)}: ${version.tests.passed ? 'every required test passed' : '**required tests failed**'}.`,
      '',
      ...table(
        ['test', 'kind', 'required', 'result', 'details'],
        version.tests.results.map((r) => [
          r.name,
          r.kind,
          r.required ? 'yes' : 'no',
          r.passed ? 'pass' : 'FAIL',
          r.message,
        ]),
      ),
      '',
    );
  lines.push(
    '## Caveats',
    '',
    'Metrics describe the evaluation data above only. Watch the served model for drift: data that',
    'moves away from the training data makes these numbers stale.',
    '',
  );
  return lines.join('\n');
}

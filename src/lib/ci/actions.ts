import { parsePipelineConfig, runPipeline } from '../pipeline';
import { primaryVersion } from '../serving/deployment';
import { lintProject } from '../project/lint';
import { runProjectTests } from '../project/testing';
import { parse as parseYaml } from 'yaml';
import { CiError } from './errors';
import { barChart, markdownTable } from './report';
import type { StepContext } from './services';

export interface ActionInput {
  description: string;
  required?: boolean;
}

/** One `labbook/<name>@v1` action: its inputs and the library code it calls. */
export interface ActionSpec {
  description: string;
  inputs: Record<string, ActionInput>;
  run(inputs: Readonly<Record<string, string>>, ctx: StepContext): Promise<void>;
}

const fail = (message: string) => new CiError('step-failed', message);
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined)
    throw fail(
      `This step needs ${what}, which the Labbook did not give this run. Run the workflow from the Project page.`,
    );
  return value;
};
const flag = (v: string | undefined) => v === 'true';
/** Names and `name@v-…` ids are short; a longer `--dataset` is no reference to one. */
const MAX_DATASET_REF = 200;

async function textFile(ctx: StepContext, path: string): Promise<string> {
  const files = await ctx.services.files();
  if (!Object.hasOwn(files, path))
    throw fail(`No file "${path}" in the project at this commit. Commit it, or fix the path.`);
  return files[path]!;
}

export const ACTIONS: Record<string, ActionSpec> = {
  checkout: {
    description: 'Reads the files of the commit the run is for (every job does so anyway).',
    inputs: {},
    async run(_, ctx) {
      ctx.log(`${Object.keys(await ctx.services.files()).length} files checked out.`);
    },
  },
  lint: {
    description: "Lints every JavaScript file with the project's eslint.config.json (lintProject).",
    inputs: { strict: { description: '"true" ignores eslint-disable comments.' } },
    async run(inputs, ctx) {
      const files = Object.entries(await ctx.services.files()).map(([path, text]) => ({
        path,
        text,
      }));
      const report = lintProject(files, { strict: flag(inputs.strict) });
      for (const file of report.files)
        for (const d of file.diagnostics)
          ctx.log(
            `${file.path}:${d.line}:${d.column} ${d.severity} ${d.ruleId ?? ''} ${d.message}`,
          );
      const { linted, errors, warnings } = report.summary;
      ctx.log(`${linted} files linted: ${errors} errors, ${warnings} warnings.`);
      ctx.setOutput('errors', String(errors));
      ctx.setOutput('warnings', String(warnings));
      if (errors > 0)
        throw fail(`Lint found ${errors} errors (listed above). Fix them, then push again.`);
    },
  },
  test: {
    description: "Runs the project's test files (runProjectTests, the Tests panel's runner).",
    inputs: { files: { description: 'Test files to run, separated by spaces (default: all).' } },
    async run(inputs, ctx) {
      const files = await ctx.services.files();
      const only = inputs.files?.split(/\s+/).filter(Boolean);
      const run = ctx.services.runTests ?? runProjectTests;
      const report = await run(files, only?.length ? { files: only } : {}, ctx.signal);
      for (const file of report.files)
        for (const t of file.tests)
          ctx.log(
            `${t.status === 'passed' ? '✓' : t.status === 'skipped' ? '-' : '✗'} ${file.file} › ${t.path.join(' › ')}${t.error ? ` — ${t.error.message}` : ''}`,
          );
      const s = report.summary;
      ctx.log(
        `${s.passed} passed, ${s.failed} failed, ${s.timedOut} timed out, ${s.skipped} skipped.`,
      );
      ctx.setOutput('passed', String(s.passed));
      ctx.setOutput('failed', String(s.failed + s.timedOut));
      ctx.artifact('test-report.json', JSON.stringify(report.summary));
      const broken = report.files.filter((f) => f.error);
      for (const f of broken) ctx.log(`✗ ${f.file}: ${f.error!.message}`);
      if (s.total === 0 && !broken.length)
        throw fail('No tests ran. Add a *.test.js file, or fix the files: input.');
      if (s.failed + s.timedOut > 0 || broken.length)
        throw fail(`${s.failed + s.timedOut + broken.length} tests failed (listed above).`);
    },
  },
  'pipeline-run': {
    description: 'Runs a pipeline config as one tracked run (runPipeline, as lab.pipeline.run).',
    inputs: {
      config: { description: 'The pipeline config file, e.g. config.yml.', required: true },
      dataset: {
        description:
          "Train on this dataset (a name or version id) instead of the config's: continuous training on the recent data an alert sends.",
      },
    },
    async run(inputs, ctx) {
      const services = need(ctx.services.pipeline, 'the data catalog, tracking and registry');
      const config = parsePipelineConfig(await textFile(ctx, inputs.config!), inputs.config);
      if (inputs.dataset) {
        // A dataset ref comes from an event payload: quote it short, never whole, in the log.
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        if (inputs.dataset.length > MAX_DATASET_REF || /[\u0000-\u001f]/.test(inputs.dataset))
          throw fail(
            `--dataset: ${JSON.stringify(inputs.dataset.slice(0, 40))}… is not a dataset name or version id (at most ${MAX_DATASET_REF} characters, no control characters).`,
          );
        ctx.log(`data: ${inputs.dataset} instead of ${config.data.dataset} (--dataset).`);
        config.data = { ...config.data, dataset: inputs.dataset };
      }
      const { source, reuseVersion } = ctx.services;
      const result = await runPipeline(config, services, {
        file: inputs.config!,
        ...(source ? { source: { ...source } } : {}),
        ...(reuseVersion ? { reuseVersion } : {}),
        tags: { ci: 'true' },
        // A cancelled or timed-out step stops its pipeline too, not only its report.
        signal: ctx.signal,
        onStep: (e) => ctx.log(`${e.step}: ${e.status}${e.detail ? ` — ${e.detail}` : ''}`),
      });
      ctx.setOutput('run-id', result.runId);
      for (const [metric, value] of Object.entries(result.metrics.test))
        ctx.setOutput(metric, String(value));
      if (result.version) {
        ctx.setOutput('model-uri', `models:/${result.version.name}/${result.version.version}`);
        ctx.vouchFor(result.version);
      }
      ctx.artifact('metrics.json', JSON.stringify(result.metrics));
      ctx.report(
        `### Pipeline ${inputs.config}\n\n${markdownTable(result.metrics)}\n\n${barChart('Test vs baseline', result.metrics)}`,
      );
      if (result.aliasRefused) ctx.log(`Alias refused: ${result.aliasRefused}`);
    },
  },
  'model-test': {
    description:
      'Runs behavioural model tests on a registered version and attaches the report (the champion gate reads it).',
    inputs: {
      model: { description: 'The version, e.g. models:/diabetes/3.', required: true },
      tests: { description: 'A YAML file of model tests.', required: true },
    },
    async run(inputs, ctx) {
      const registry = need(ctx.services.registry, 'the model registry');
      let tests: unknown;
      try {
        tests = parseYaml(await textFile(ctx, inputs.tests!), { maxAliasCount: 100 });
      } catch (error) {
        throw fail(`${inputs.tests} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      }
      const report = await registry.testVersion(inputs.model!, tests);
      for (const r of report.results) ctx.log(`${r.passed ? '✓' : '✗'} ${r.name}: ${r.message}`);
      const version = await registry.resolve(inputs.model!);
      ctx.vouchFor(version);
      ctx.setOutput('passed', String(report.passed));
      if (!report.passed) throw fail(`The model tests of ${inputs.model} failed (listed above).`);
    },
  },
  register: {
    description: "Registers a run's model as the next version, optionally pointing an alias at it.",
    inputs: {
      run: { description: 'The run id (or runs:/<id>/model).', required: true },
      name: { description: 'The registered model name.', required: true },
      alias: { description: 'An alias to set, e.g. champion (gated by tests and CI).' },
    },
    async run(inputs, ctx) {
      const registry = need(ctx.services.registry, 'the model registry');
      const run = inputs.run!;
      // A cell's workflow run again registers the same model: the earlier version is kept.
      const reused = await ctx.services.reuseVersion?.(
        run.startsWith('runs:/') ? run : `runs:/${run}/model`,
        inputs.name!,
      );
      const version = reused ?? (await registry.registerModel(run, inputs.name!));
      ctx.vouchFor(version);
      ctx.log(`Registered models:/${version.name}/${version.version}.`);
      ctx.setOutput('version', String(version.version));
      if (inputs.alias) {
        await registry.setAlias(version.name, inputs.alias, version.version);
        ctx.log(`Alias "${inputs.alias}" → version ${version.version}.`);
      }
    },
  },
  alias: {
    description: 'Points an alias at a registered version (champion asks the model tests and CI).',
    inputs: {
      model: { description: 'The version, e.g. models:/diabetes/3.', required: true },
      alias: { description: 'The alias, e.g. champion.', required: true },
    },
    async run(inputs, ctx) {
      const registry = need(ctx.services.registry, 'the model registry');
      const version = await registry.resolve(inputs.model!);
      await registry.setAlias(version.name, inputs.alias!, version.version);
      ctx.log(`Alias "${inputs.alias}" of ${version.name} → version ${version.version}.`);
    },
  },
  deploy: {
    description:
      'Deploys a registered version on an endpoint (DeploymentControl, as lab.serving.deploy).',
    inputs: {
      endpoint: { description: 'The endpoint name.', required: true },
      model: { description: 'The registered model name.', required: true },
      version: { description: 'The version number.', required: true },
      canary: {
        description:
          'Deploy the version as a canary with this share of traffic (%), beside the version the endpoint serves now.',
      },
    },
    async run(inputs, ctx) {
      const serving = need(ctx.services.serving, 'the serving control');
      const version = Number(inputs.version);
      if (!Number.isInteger(version) || version < 1)
        throw fail(`version: "${inputs.version}" is not a version number (1, 2, …).`);
      if (inputs.canary === undefined) {
        const endpoint = await serving.deploy(
          inputs.endpoint!,
          { model: inputs.model!, strategy: 'single', version },
          'CI',
        );
        ctx.log(`Endpoint "${endpoint.name}" serves ${inputs.model} version ${version}.`);
        return;
      }
      const percent = Number(inputs.canary);
      if (!Number.isFinite(percent) || percent <= 0 || percent >= 100)
        throw fail(`--canary: "${inputs.canary}" is not a share between 0 and 100 (e.g. 10).`);
      const before = await serving.endpoint(inputs.endpoint!);
      const stable = primaryVersion(before.deployment);
      if (before.model !== inputs.model || stable === null)
        throw fail(
          `A canary runs beside the version an endpoint already serves, of the same model; "${before.name}" serves ${stable === null ? 'nothing' : `${before.model} version ${stable}`}. Deploy ${inputs.model} on it first (without --canary).`,
        );
      if (stable === version)
        throw fail(
          `"${before.name}" already serves version ${version}: a canary needs a new version.`,
        );
      await serving.deploy(
        before.name,
        { model: inputs.model!, strategy: 'canary', stable, canary: version, percent },
        'CI canary',
      );
      ctx.log(
        `Endpoint "${before.name}": canary ${inputs.model} version ${version} at ${percent} % beside version ${stable}.`,
      );
    },
  },
  'cml-report': {
    description:
      'Posts a Markdown report (a file of the project, or text) onto the run and its commit.',
    inputs: {
      file: { description: 'A Markdown file of the project.' },
      body: { description: 'Markdown text, e.g. with ${{ }} metrics.' },
    },
    async run(inputs, ctx) {
      if (!inputs.file && !inputs.body) throw fail('Give the report a file: or a body: input.');
      const markdown = inputs.body ?? (await textFile(ctx, inputs.file!));
      ctx.report(markdown);
      ctx.log(`Report posted (${markdown.length} characters).`);
    },
  },
};

/** `labbook/lint@v1` → 'lint'; also `actions/checkout@v4`, which every job does anyway. */
export function actionName(uses: string): string | undefined {
  if (/^actions\/checkout@v\d+$/.test(uses)) return 'checkout';
  const m = /^labbook\/([a-z-]+)@v1$/.exec(uses);
  return m && Object.hasOwn(ACTIONS, m[1]!) ? m[1] : undefined;
}

import { pathToFileURL } from 'node:url';
import { createCiService } from '../../src/lib/ci/ci-service';
import { filesAtCommit } from '../../src/lib/ci/commit-files';
import { ciAliasGate } from '../../src/lib/ci/gates';
import { memoryCiRunPort } from '../../src/lib/ci/run-port';
import { commit } from '../../src/lib/project/git/commit';
import { initRepo } from '../../src/lib/project/git/init';
import { openRepo } from '../../src/lib/project/git/repo';
import { stage } from '../../src/lib/project/git/stage';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { ModelRegistry, memoryRegistryPort } from '../../src/lib/registry';
import { useNodeServices } from '../lesson-runner/node-services';
import type { BenchResult } from './report';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The course's lint → test → train (diabetes) → gate workflow, as a student would commit it. */
export const FILES: Record<string, string> = {
  'src/features.js':
    'export function bmiBand(bmi) {\n  return bmi > 0.05 ? "high" : "normal";\n}\n',
  'src/features.test.js':
    "import { bmiBand } from './features.js';\ntest('bands', () => {\n  expect(bmiBand(0.1)).to.equal('high');\n  expect(bmiBand(0)).to.equal('normal');\n});\n",
  'config.yml':
    'name: diabetes-ci\nrandom_state: 42\ndata: { dataset: diabetes, split: course }\nfeatures:\n  target: target\n  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]\nmodel: { kind: linear }\nmetrics: [rmse, r2]\nregister: { name: diabetes-ci }\n',
  'model-tests.yml':
    '- { kind: minimum, name: progression in range, expect: { min: -100, max: 500 } }\n- { kind: directional, name: bmi raises progression, feature: bmi, delta: 0.05, expect: increase }\n',
  '.github/workflows/ci.yml': `name: ci
on: push
jobs:
  lint:
    steps:
      - uses: labbook/lint@v1
  test:
    needs: lint
    steps:
      - run: labbook test
  train:
    needs: test
    outputs:
      model: \${{ steps.p.outputs.model-uri }}
    steps:
      - id: p
        run: labbook pipeline run config.yml
  gate:
    needs: train
    steps:
      - run: labbook model test \${{ needs.train.outputs.model }} --tests model-tests.yml
      - run: labbook alias \${{ needs.train.outputs.model }} champion
`,
};

export async function benchCi(): Promise<BenchResult[]> {
  const storage = new MemoryProjectStorage();
  const repo = openRepo(storage, 'bench');
  await initRepo(repo);
  for (const [path, text] of Object.entries(FILES)) {
    const dir = path.split('/').slice(0, -1);
    for (let i = 1; i <= dir.length; i++)
      await repo.fs.promises.mkdir(`/${dir.slice(0, i).join('/')}`).catch(() => undefined);
    await repo.fs.promises.writeFile(`/${path}`, text);
    await stage(repo, path);
  }
  const { oid } = await commit(repo, {
    message: 'feat: ci',
    author: { name: 'Bench', email: 'bench@example.org' },
  });
  const node = useNodeServices();
  const runs = memoryCiRunPort();
  const port = memoryRegistryPort(ciAliasGate(runs));
  const ci = createCiService({
    port: runs,
    filesAt: (_, sha) => filesAtCommit(repo, sha),
    services: {
      registry: new ModelRegistry(port, node.tracking),
      pipeline: { catalog: node.catalog, tracking: node.tracking, registry: port },
    },
  });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const [run] = await (await ci.push('bench', 'main', oid)).finished;
    times.push(performance.now() - started);
    if (run?.status !== 'success')
      throw new Error(
        `The bench workflow did not pass: ${JSON.stringify(run?.jobs.map((j) => [j.key, j.status, j.error]))}`,
      );
  }
  return [
    {
      name: 'lint → test → train (diabetes) → gate workflow, first run',
      value: times[0]!,
      unit: 'ms',
      target: { max: 5000 },
      note: 'includes loading the diabetes dataset',
    },
    {
      name: 'lint → test → train (diabetes) → gate workflow',
      value: median(times.slice(1)),
      unit: 'ms',
      target: { max: 5000 },
      note: `Node, median of ${RUNS - 1} runs after the first; champion set each time`,
    },
  ];
}

// `--json`: one JSON line for `npm run bench`, which runs this in a process of its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchCi();
  if (process.argv[2] === '--json') console.log(JSON.stringify(results));
  else for (const r of results) console.log(`- ${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
}

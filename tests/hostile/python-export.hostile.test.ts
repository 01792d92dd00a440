import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import type { ColumnarTable } from '../../src/lib/data/columnar';
import { ExportError } from '../../src/lib/export/python/errors';
import { gatherExport } from '../../src/lib/export/python/gather';
import { pyIdentifiers, pyValue } from '../../src/lib/export/python/py';
import { debianPython, exportedProject, run } from '../unit/export/python-harness';
import { useNodeServices } from '../unit/lab/node-services';
import { hostile } from './hostile';

/** Column names that are Python keywords, not identifiers, or code if pasted unquoted. */
const NAMES = [
  'class',
  '1st',
  'a-b',
  '"; import os; os.system("echo owned") #',
  'prix (€)',
  'é',
  '__init__',
  'json',
  'model_x',
  'datetime',
  "it's",
  'a\nb',
];

let python: string;
beforeAll(() => {
  python = debianPython();
});

/** Python's own verdict: every file parses, and nothing ran while it did. */
function assertParses(dir: string, files: string[]) {
  const script = `import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding="utf-8").read(), f)\nprint("parsed", len(sys.argv) - 1)`;
  const r = spawnSync(python, ['-c', script, ...files.map((f) => join(dir, f))], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe(`parsed ${files.length}`);
}

const PY_FILES = [
  'app.py',
  'train.py',
  'src/features.py',
  'src/pipeline.py',
  'tests/test_api.py',
  'tests/test_model.py',
  'tests/test_data.py',
  'tests/test_random.py',
];

describe('python export of hostile names', () => {
  let project: Awaited<ReturnType<typeof exportedProject>>;
  beforeAll(async () => {
    const services = useNodeServices();
    const n = 60;
    const table: ColumnarTable = {
      columns: [
        ...NAMES.map((name, j) => ({
          name,
          type: 'float' as const,
          values: Float64Array.from({ length: n }, (_, i) => ((i * (j + 3)) % 17) + j),
        })),
        {
          name: 'y',
          type: 'float' as const,
          values: Float64Array.from({ length: n }, (_, i) => i % 17),
        },
      ],
      rowCount: n,
    };
    await services.catalog.save('hostile-names', table, {
      transform: { kind: 'import', description: 'hostile' },
    });
    const yaml = `
name: "quote \\" and\\nnewline'; import os #"
random_state: 7
data:
  dataset: hostile-names
  split: { test_size: 0.25 }
  validate:
    - expectation_type: expect_column_values_to_not_be_null
      kwargs: { column: "\\"; import os; os.system(\\"echo owned\\") #" }
features:
  target: y
  passthrough: ${JSON.stringify(NAMES)}
model:
  kind: ridge
  alpha: 0.5
metrics: [rmse]
`;
    project = await exportedProject(yaml, services);
  }, 300_000);

  hostile(
    'python-export',
    'column names class, 1st, a-b, "; import os, unicode, a newline',
    { guards: 'security', timeout: 300_000 },
    () => {
      assertParses(project.dir, PY_FILES);
      const app = readFileSync(join(project.dir, 'app.py'), 'utf8');
      // Each real name is only ever a string literal (an alias), never an identifier.
      for (const name of NAMES) expect(app).toContain(`alias=${JSON.stringify(name)}`);
      expect(app).not.toMatch(/^\s*import os/m);
    },
  );

  hostile(
    'python-export',
    'a config name with a quote, a newline and code in YAML and Python strings',
    { guards: 'security', timeout: 300_000 },
    () => {
      const r = spawnSync(
        python,
        [
          '-c',
          'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["name"])',
          join(project.dir, 'params.yaml'),
        ],
        { encoding: 'utf8' },
      );
      expect(r.stdout).toBe(`quote " and\nnewline'; import os #\n`);
      assertParses(project.dir, PY_FILES);
    },
  );

  hostile(
    'python-export',
    'the exported project with hostile names trains, tests and serves every name',
    { guards: 'data', timeout: 600_000 },
    () => {
      run(python, ['train.py'], project.dir);
      const out = run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], project.dir);
      expect(out).toMatch(/\d+ passed/);
      expect(out).not.toMatch(/failed|error|owned/);
    },
  );
});

hostile(
  'python-export',
  'identifiers derived from any name are valid, distinct and not keywords',
  { guards: 'security' },
  () => {
    const names = [...NAMES, 'class', 'class_', '', '_', '__', 'None', 'def', '١٢', 'a b', 'a-b'];
    const ids = pyIdentifiers(names);
    expect(new Set(ids).size).toBe(names.length);
    const check = `import keyword, sys\nids = ${pyValue(ids)}\nbad = [i for i in ids if not i.isidentifier() or keyword.iskeyword(i) or i.startswith("_")]\nprint(bad)`;
    expect(run(python, ['-c', check], '.').trim()).toBe('[]');
  },
);

hostile(
  'python-export',
  'a run id that does not exist, or an empty reference',
  { guards: 'clarity' },
  async () => {
    const services = useNodeServices();
    await expect(gatherExport(services, 'no-such-run')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/no run "no-such-run".*Runs page/),
    });
    await expect(gatherExport(services, '  ')).rejects.toBeInstanceOf(ExportError);
    await expect(gatherExport(services, 'models:/nothing/1')).rejects.toThrow(/nothing/);
  },
);

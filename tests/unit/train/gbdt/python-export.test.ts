import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debianPython, exportedProject, run } from '../../export/python-harness';

const DIABETES_GBDT = `
name: diabetes-gbdt
random_state: 42
data: { dataset: diabetes, split: course }
features:
  target: target
  scale: [bmi, bp]
  passthrough: [age, sex, tc, ldl, hdl, tch, ltg, glu]
model: { kind: gbdt, max_iter: 80, learning_rate: 0.05, max_leaf_nodes: 15, l2_regularization: 1 }
metrics: [rmse, mae]
register: { name: diabetes-trees }
`;

describe('boosted trees, exported as a Python project', () => {
  it('train.py fits HistGradientBoostingRegressor with the same parameters to the same test metrics, and pytest passes', async () => {
    const python = debianPython();
    const project = await exportedProject(DIABETES_GBDT);
    const pipeline = readFileSync(join(project.dir, 'src/pipeline.py'), 'utf8');
    expect(pipeline).toContain('HistGradientBoostingRegressor(**o');
    run(python, ['train.py'], project.dir);
    const py = JSON.parse(readFileSync(join(project.dir, 'metrics.json'), 'utf8')) as {
      test: Record<string, number>;
    };
    for (const [name, value] of Object.entries(project.result.metrics.test))
      expect(
        Math.abs(py.test[name]! - value!),
        `test ${name}: python ${py.test[name]}, labbook ${value}`,
      ).toBeLessThanOrEqual(1e-6);
    const out = run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], project.dir);
    expect(out).not.toMatch(/failed|error|skipped/);
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { parsePipelineConfig, runPipeline } from '../../../../src/lib/pipeline';
import { ModelRegistry, tfjsLayersFiles } from '../../../../src/lib/registry';
import { TrainingCancelled } from '../../../../src/lib/train/mlp';
import { trainGbdtHere } from '../../../../src/lib/train/gbdt/trainer';
import { useNodeServices } from '../../lab/node-services';

const DIABETES_GBDT = `
name: diabetes-gbdt
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: gbdt
  max_iter: 60
  learning_rate: 0.05
  max_leaf_nodes: 15
  early_stopping: true
  n_iter_no_change: 5
metrics: [mse, rmse, r2]
register:
  name: diabetes-trees
`;

function services() {
  const { catalog, tracking, registry } = useNodeServices();
  return { catalog, tracking, registry };
}

describe('gbdt as a pipeline model kind', () => {
  it('trains, tracks (params, a loss per round, importances), registers, and loads back predicting the same', async () => {
    const s = services();
    const first = await runPipeline(DIABETES_GBDT, s);
    const again = await runPipeline(DIABETES_GBDT, s);
    // Seeded: the same trees (only the rounds' timings differ).
    expect(again.model.model.gbdt!.trees).toEqual(first.model.model.gbdt!.trees);
    expect(again.metrics).toEqual(first.metrics);
    expect(first.metrics.test.mse).toBeLessThan(first.metrics.baseline.mse! * 0.7);
    const trees = first.model.model.gbdt!;
    expect(trees.format).toBe('mlops-labbook-gbdt');

    const run = (await s.tracking.run(first.runId))!;
    expect(run.params).toMatchObject({
      model: 'gbdt',
      max_iter: '60',
      learning_rate: '0.05',
      max_leaf_nodes: '15',
      max_depth: 'None',
      l2_regularization: '0',
      early_stopping: 'true',
    });
    const losses = await s.tracking.metricHistory(first.runId, 'val_loss');
    expect(losses.map((p) => p.step)).toEqual(trees.history.map((h) => h.iteration));
    expect(run.metrics.n_iter!.value).toBe(trees.trees.length);

    const artifacts = (await s.tracking.artifacts(first.runId)).map((a) => a.path);
    expect(artifacts).toEqual(
      expect.arrayContaining(['feature_importances.json', 'feature_importances.svg']),
    );
    const ranked = JSON.parse(
      new TextDecoder().decode(
        (await s.tracking.artifact(first.runId, 'feature_importances.json'))!,
      ),
    ) as { feature: string; importance: number }[];
    expect(ranked.map((r) => r.feature).sort()).toEqual([...first.model.design].sort());
    expect(ranked.reduce((t, r) => t + r.importance, 0)).toBeCloseTo(1, 9);
    // On diabetes, the course's strongest predictors lead.
    expect(['bmi', 'ltg']).toContain(ranked[0]!.feature);

    // The registered version, loaded from its stored JSON, predicts what training predicted.
    const registry = new ModelRegistry(s.registry, s.tracking);
    const predictor = await registry.loadPredictor('models:/diabetes-trees/1');
    const version = await registry.getVersion('diabetes-trees', 1);
    const stored = JSON.parse(JSON.stringify(first.model));
    const viaRegistry = predictor.predict(version.inputExample);
    const { predictorOf } = await import('../../../../src/lib/registry/flavors');
    expect(predictorOf(stored, 'model').predict(version.inputExample)).toEqual(viaRegistry);
    // Its own flavor in the MLmodel, beside the Labbook's.
    const manifest = await registry.manifest('models:/diabetes-trees/1');
    expect(manifest).toContain('mlops_labbook_gbdt:');
    expect(manifest).toContain('trees_format: mlops-labbook-gbdt@1');
    expect(manifest).toContain('trees_path: model.gbdt');
    // No TF.js Layers file of trees (it would be an empty linear layer).
    expect(() => tfjsLayersFiles(stored, 'diabetes-trees v1')).toThrow(
      /boosted trees, which TensorFlow\.js Layers cannot hold/,
    );
  }, 60_000);

  it('config: did-you-mean for a misspelt parameter or kind, gbdt parameters refused on other kinds', () => {
    const fails = (yaml: string) => {
      try {
        parsePipelineConfig(yaml);
      } catch (error) {
        return (error as Error).message;
      }
      return 'parsed';
    };
    expect(fails(DIABETES_GBDT.replace('max_iter: 60', 'max_iters: 60'))).toMatch(
      /line 12, model: .*"max_iters".* Did you mean "max_iter"\?/,
    );
    expect(fails(DIABETES_GBDT.replace('kind: gbdt', 'kind: gbtd'))).toMatch(
      /Did you mean "gbdt"\?/,
    );
    expect(fails(DIABETES_GBDT.replace('kind: gbdt', 'kind: ridge'))).toMatch(
      /model\.max_iter: max_iter, max_leaf_nodes, early_stopping, n_iter_no_change are for kind gbdt only/,
    );
    expect(fails(DIABETES_GBDT.replace('max_leaf_nodes: 15', 'max_bins: 300'))).toMatch(
      /model\.max_bins: .*255/,
    );
    expect(fails(DIABETES_GBDT.replace('max_leaf_nodes: 15', 'max_leaf_nodes: null'))).toBe(
      'parsed',
    );
  });

  it('a stop request cancels training with TrainingCancelled and nothing registered', async () => {
    const s = services();
    const controller = new AbortController();
    controller.abort();
    await expect(
      runPipeline(DIABETES_GBDT, {
        ...s,
        fitGbdt: (x, y, p, o, onIteration) =>
          trainGbdtHere(x, y, p, o, onIteration, controller.signal),
      }),
    ).rejects.toBeInstanceOf(TrainingCancelled);
    expect(await s.registry.models()).toEqual([]);
    const [run] = await s.tracking.runs();
    expect(run!.status).toBe('KILLED');
  });
});

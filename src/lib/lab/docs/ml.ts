import type { LabNamespaceDoc } from './types';

export const mlDocs: LabNamespaceDoc = {
  doc: 'Models in cells: splits, baselines, least squares, ridge, lasso, evaluation.',
  members: {
    courseSplit: {
      signature: 'const { train, test } = await lab.ml.courseSplit()',
      doc: "The course's diabetes split: 353 training and 89 test patients.",
    },
    split: {
      signature: 'lab.ml.split(table, { testSize: 0.3, seed: 42 })',
      doc: 'A seeded random train/test split: the same seed gives the same split.',
    },
    fit: {
      signature: "lab.ml.fit(train, { target: 'target', model: 'ridge', alpha: 1, scale: true })",
      doc: 'Fits mean, median, linear, ridge or lasso; preprocessing is fitted on train only.',
    },
    fitMlp: {
      signature:
        "const mlp = await lab.ml.fitMlp(train, { target: 'target', hidden: [32, 16], epochs: 50, seed: 7 })",
      doc: "Trains an MLP in its own worker — the fused trainer for dense relu/tanh/sigmoid/linear layers with adam or sgd, TF.js otherwise (activation elu/selu, optimizer rmsprop, a backend named, or trainer: 'tfjs'); the run is tagged trainer: fused|tfjs. The cell shows the loss per epoch as it arrives; each epoch’s loss goes to the active run (stoppable from its run page).",
    },
    fitGbdt: {
      signature:
        "const trees = await lab.ml.fitGbdt(train, { target: 'target', max_iter: 200, learning_rate: 0.1, max_leaf_nodes: 31, seed: 7 })",
      doc: "Histogram gradient-boosted trees (scikit-learn's HistGradientBoostingRegressor, same parameter names: max_iter, learning_rate, max_leaf_nodes, max_depth, min_samples_leaf, l2_regularization, max_bins, early_stopping, validation_fraction, n_iter_no_change, tol) trained in their own worker; the cell shows the loss per round as it arrives, and each round's loss goes to the active run.",
    },
    load: {
      signature: 'lab.ml.load(json)',
      doc: 'A model from its JSON (weights + preprocessing).',
    },
    metrics: {
      signature: 'lab.ml.metrics.rmse(yTrue, yPred)',
      doc: 'The metrics used everywhere: mse, rmse, mae, r2, rmsle, mape.',
    },
  },
};

export const trackingDocs: LabNamespaceDoc = {
  doc: "Experiment tracking in MLflow's style: experiments, runs, params, metrics, artifacts.",
  members: {
    energy: {
      signature: 'await lab.tracking.energy(run.id, { watts: 30, gramsPerKwh: 440 })',
      doc: "A run's energy and CO₂e estimate: duration × device power × grid intensity (assumptions editable).",
    },
    setExperiment: {
      signature: "await lab.tracking.setExperiment('diabetes')",
      doc: 'Selects (or creates) an experiment.',
    },
    startRun: {
      signature: "await lab.tracking.startRun({ name: 'ridge' })",
      doc: 'Starts a run (nested if one is active).',
    },
    logParams: {
      signature: 'await lab.tracking.logParams({ alpha: 1 })',
      doc: "Logs parameters; they cannot change within a run. Names follow MLflow's rules (letters, digits, _ - . space /); a batch with one bad name logs nothing.",
    },
    logMetric: {
      signature: "await lab.tracking.logMetric('rmse', 0.5, step)",
      doc: 'Logs a metric value, with an optional whole-number step (MLflow stores steps as integers).',
    },
    logMetrics: {
      signature: 'await lab.tracking.logMetrics({ mse, r2 })',
      doc: 'Logs several metrics at once: all of them, or none if one name or the step is refused.',
    },
    logParam: {
      signature: "await lab.tracking.logParam('alpha', 1)",
      doc: 'Logs one parameter.',
    },
    setTag: {
      signature: "await lab.tracking.setTag('model', 'ridge')",
      doc: 'Sets one tag on the active run.',
    },
    activeRun: {
      signature: 'lab.tracking.activeRun',
      doc: 'The run being tracked now, or null.',
    },
    getRun: {
      signature: 'await lab.tracking.getRun(run.id)',
      doc: 'One run: status, times, params, last metric values, tags.',
    },
    deleteRun: {
      signature: 'await lab.tracking.deleteRun(run.id)',
      doc: 'Hides a run from searches and the Runs page (restorable, as in MLflow).',
    },
    restoreRun: {
      signature: 'await lab.tracking.restoreRun(run.id)',
      doc: 'Brings a deleted run back.',
    },
    setTags: {
      signature: "await lab.tracking.setTags({ model: 'ridge' })",
      doc: 'Sets tags on the active run (values up to 8,000 characters; longer text belongs in an artifact).',
    },
    logModel: {
      signature: 'await lab.tracking.logModel(model)',
      doc: "Stores the model's JSON as an artifact.",
    },
    logArtifact: {
      signature: "await lab.tracking.logArtifact('report.json', object, mime?)",
      doc: 'Stores a file with the run, at a relative path inside it (no ".."); its type comes from the extension (.json, .csv, .svg, .png…) unless given.',
    },
    logFigure: {
      signature: "await lab.tracking.logFigure('residuals.svg', Plot.plot({ … }))",
      doc: 'Stores an Observable Plot chart as an SVG file; the run page shows it.',
    },
    logTable: {
      signature: "await lab.tracking.logTable('predictions.csv', table)",
      doc: 'Stores an arquero table as CSV (at most 100,000 rows unless { limit } says more).',
    },
    logInput: {
      signature: "await lab.tracking.logInput(lab.data.versionOf(table) ?? 'diabetes')",
      doc: 'Records the data version the run used (tag dataset.version): the run page links to it.',
    },
    endRun: {
      signature: 'await lab.tracking.endRun()',
      doc: "Ends the active run ('FINISHED', or pass 'FAILED').",
    },
    searchRuns: {
      signature:
        "await lab.tracking.searchRuns(\"metrics.mse < 3000 and params.model = 'ridge'\", ['metrics.mse ASC'])",
      doc: 'Runs of the experiment matching an MLflow filter, as a table.',
    },
    findRuns: {
      signature: 'await lab.tracking.findRuns(filter)',
      doc: 'Matching runs of every experiment, as objects.',
    },
    metricHistory: {
      signature: "await lab.tracking.metricHistory(runId, 'loss')",
      doc: "A metric's values over steps.",
    },
  },
};

export const registryDocs: LabNamespaceDoc = {
  doc: "A model registry in MLflow's style: versions, aliases, model tests, model cards.",
  members: {
    registerModel: {
      signature:
        "await lab.registry.registerModel(`runs:/${run.id}/model`, 'diabetes', { inputExample: test.slice(0, 5) })",
      doc: "Files a run's logged model as the next version of a registered model.",
    },
    loadModel: {
      signature: "await lab.registry.loadModel('models:/diabetes@champion')",
      doc: 'A model by URI (models:/name/3, models:/name@alias, runs:/id/model): predict, evaluate.',
    },
    models: { signature: 'await lab.registry.models()', doc: 'Registered models as a table.' },
    versions: {
      signature: "await lab.registry.versions('diabetes')",
      doc: 'Versions of a model with their aliases, runs, data versions and test status.',
    },
    getModel: {
      signature: "await lab.registry.getModel('diabetes')",
      doc: 'A registered model: description, tags, aliases.',
    },
    getVersion: {
      signature: "await lab.registry.getVersion('models:/diabetes/2')",
      doc: 'One version: run, signature, input example, tests.',
    },
    setAlias: {
      signature: "await lab.registry.setAlias('diabetes', 'champion', 2)",
      doc: 'Points an alias at a version; champion is refused until required tests pass.',
    },
    deleteAlias: {
      signature: "await lab.registry.deleteAlias('diabetes', 'challenger')",
      doc: 'Removes an alias.',
    },
    updateModel: {
      signature: "await lab.registry.updateModel('diabetes', { description, tags })",
      doc: "The model's description (its card's intended use) and tags.",
    },
    updateVersion: {
      signature: "await lab.registry.updateVersion('diabetes', 2, { description, tags })",
      doc: 'Version notes and tags.',
    },
    deleteVersionTag: {
      signature: "await lab.registry.deleteVersionTag('diabetes', 2, 'reviewed')",
      doc: 'Removes one tag from a version.',
    },
    testModel: {
      signature:
        "await lab.registry.testModel('models:/diabetes/2', [{ kind: 'directional', name, feature: 'bmi', delta: 0.01, expect: 'increase' }])",
      doc: 'Runs minimum, invariance and directional tests and attaches the report ({ attach: false } only reports).',
    },
    testsTable: {
      signature: 'lab.registry.testsTable(report)',
      doc: 'A test report as a table, one row per test.',
    },
    modelCard: {
      signature: "await lab.registry.modelCard('models:/diabetes@champion')",
      doc: "The version's model card, written from the registry and its run.",
    },
    manifest: {
      signature: "await lab.registry.manifest('models:/diabetes/2')",
      doc: "The version's MLmodel as YAML: flavor, signature, input example and the TF.js and preprocessing versions it is pinned to (docs/containers.md).",
    },
  },
};

export const pipelineDocs: LabNamespaceDoc = {
  doc: 'Training pipelines as YAML configs: load → validate → split → features → train → evaluate → register.',
  members: {
    run: {
      signature: 'const result = await lab.pipeline.run(yaml, { show: true })',
      doc: 'Runs a config as one tracked run; returns metrics, the fitted pipeline and its run id. A register step with alias: champion lists register.tests, run on the new version before the alias moves.',
    },
    parse: {
      signature: 'lab.pipeline.parse(yaml)',
      doc: 'Checks a config without running it; errors name the line and field.',
    },
    rescore: {
      signature: 'const { test, trees, config } = await lab.pipeline.rescore(runId)',
      doc: "Scores a finished run's stored model again on the test rows of its own config and data version: a logged metric, checked.",
    },
    sweep: {
      signature:
        "await lab.pipeline.sweep(yaml, { grid: { 'model.alpha': [0.1, 1, 10] } } | { random: { 'model.alpha': { min: 0.001, max: 10, log: true } }, trials: 8 })",
      doc: 'Grid or random search, one tracked run per trial, queued across workers; returns a table.',
    },
    importances: {
      signature: 'lab.pipeline.importances(result.model)',
      doc: 'A gbdt model’s feature importances (share of split gain) as a bar chart; null for other kinds.',
    },
    dag: {
      signature: "lab.pipeline.dag(result.steps, 'My pipeline')",
      doc: 'The steps drawn as a graph, each with its status (done, cached, failed, skipped).',
    },
    stepsTable: {
      signature: 'lab.pipeline.stepsTable(result.steps)',
      doc: 'Each step with its status and what it did.',
    },
    metricsTable: {
      signature: 'lab.pipeline.metricsTable(result)',
      doc: "Train and test metrics beside the mean baseline's.",
    },
  },
};

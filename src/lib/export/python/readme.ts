import type { ExportSource } from './source';

/** The project's README: how to run it, and what each file maps to in the Labbook. */
export function readmeMd(source: ExportSource, tolerance: string): string {
  const c = source.config;
  const name = source.version ? `${source.version.name} version ${source.version.version}` : c.name;
  const metrics = Object.entries(source.testMetrics)
    .map(([k, v]) => `| test ${k} | ${v} |`)
    .join('\n');
  return `# ${name.replace(/[\r\n]+/g, ' ')} — exported from MLOps Labbook

Labbook run \`${source.runId}\`, data version \`${source.dataVersion}\`, Labbook ${source.appVersion}.
A ${c.model.kind} model on the ${c.features.recipe} feature recipe, as a Python project.

## Run it (Debian 12 or any Python ≥ 3.9)

\`\`\`sh
sudo apt-get install -y python3-pandas python3-sklearn python3-fastapi python3-pytest python3-httpx python3-yaml python3-uvicorn
# or: python3 -m pip install -r requirements.txt
python3 train.py          # trains, writes model/model.pkl and metrics.json
python3 -m pytest -q      # data expectations, model tests, API contract, same metrics
python3 -m uvicorn app:app --port 8000
\`\`\`

## Same rows, same split

\`data/train.csv\` and \`data/test.csv\` are the exact rows of the Labbook's data version on each
side of the run's split (the split is exported, not recomputed). Everything learned from data —
the recipe's abnormal days and rare-point bounds, cleaning quantiles, scaling, one-hot
categories, the model — is refitted here on \`data/train.csv\` alone, as the Labbook did.
Cross-validation folds come from the Labbook's own seeded generator, reproduced in
\`src/labbook_random.py\` (\`tests/test_random.py\` checks its draws against the Labbook's).

The Labbook's test metrics (\`labbook/metrics.json\`):

| metric | Labbook |
| --- | --- |
${metrics}

\`tests/test_train.py\` asserts that \`train.py\` reproduces them: ${tolerance}

## What each file is in the Labbook

| file | Labbook |
| --- | --- |
| \`params.yaml\` | the run's pipeline config (\`config.yaml\` artifact), defaults filled in |
| \`labbook/config.yaml\` | the config exactly as the run tracked it |
| \`src/features.py\` | the feature recipe (src/lib/features) |
| \`src/pipeline.py\`, \`train.py\` | the pipeline's features → train → evaluate steps (src/lib/pipeline) |
| \`src/metrics.py\` | the metrics (src/lib/metrics) |
| \`src/labbook_random.py\` | the seeded generator and k-fold split |
| \`app.py\` | the prediction API (\`<site>/api/v1/models/…\`); its request model is the version's signature |
| \`tests/test_data.py\` | the config's \`data.validate\` expectations |
| \`tests/test_model.py\` | the model tests of \`register.tests\` |
| \`tests/test_api.py\` | the Labbook's contract requests, with the status codes the Labbook answers |
| \`dvc.yaml\`, \`MLproject\` | the pipeline's stages for DVC; \`mlflow run .\` |
| \`model/MLmodel\`, \`model/input_example.json\` | the version's signature and input example |

\`model/model.pkl\` (written by \`train.py\`) pickles a dict: the recipe's fitted state, the
scikit-learn pipeline and the params; \`pipeline.load()\` and \`pipeline.predict()\` read it.
`;
}

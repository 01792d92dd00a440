import { stringify } from 'yaml';

/** Debian 12's packages, the versions the export is checked against in CI. */
export const REQUIREMENTS_TXT = `# The versions Debian 12 ships (python3-pandas python3-sklearn python3-fastapi python3-pytest
# python3-httpx python3-yaml; python3-pyflakes lints), which this project is tested with.
numpy>=1.24
pandas>=1.5
scikit-learn>=1.2
fastapi>=0.92
pydantic>=1.10
httpx>=0.23
pytest>=7.2
PyYAML>=6.0
uvicorn>=0.17
pyflakes>=2.5
`;

/** `dvc.yaml`: the pipeline's stages, each with what it reads and writes. */
export function dvcYaml(): string {
  return stringify({
    stages: {
      validate: {
        cmd: 'python3 -m pytest -q tests/test_data.py',
        deps: ['data/train.csv', 'data/test.csv', 'tests/test_data.py'],
      },
      train: {
        cmd: 'python3 train.py',
        deps: ['data/train.csv', 'data/test.csv', 'src/features.py', 'src/pipeline.py', 'train.py'],
        params: ['random_state', 'features', 'model'],
        outs: ['model/model.pkl'],
        metrics: [{ 'metrics.json': { cache: false } }],
      },
      test: {
        cmd: 'python3 -m pytest -q',
        deps: ['model/model.pkl', 'app.py', 'tests'],
      },
    },
  });
}

/** An MLflow `MLproject`: `mlflow run .` trains with the system's Python. */
export function mlproject(name: string): string {
  return stringify({
    name,
    entry_points: {
      main: { command: 'python3 train.py' },
      test: { command: 'python3 -m pytest -q' },
    },
  });
}

export const DOCKERFILE = `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \\
      python3-pandas python3-sklearn python3-fastapi python3-pytest python3-httpx python3-yaml \\
      python3-uvicorn && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN python3 train.py
EXPOSE 8000
CMD ["python3", "-m", "uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
`;

export const CI_YML = `name: ci
on: [push, pull_request]
jobs:
  ci:
    runs-on: ubuntu-latest
    container: debian:bookworm
    steps:
      - uses: actions/checkout@v4
      - name: Install Debian's Python packages
        run: >-
          apt-get update && apt-get install -y --no-install-recommends
          python3-pandas python3-sklearn python3-fastapi python3-pytest python3-httpx
          python3-yaml python3-pyflakes
      - name: Lint
        run: python3 -m pyflakes app.py train.py src tests
      - name: Train
        run: python3 train.py
      - name: Test
        run: python3 -m pytest -q
`;

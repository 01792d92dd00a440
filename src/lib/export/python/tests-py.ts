import type { Expectation } from '../../data/validation/schema';
import type { ModelTest } from '../../registry/model-tests';
import type { ContractCase } from './contract-cases';
import { pyValue } from './py';

export const CONFTEST_PY = `import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import pipeline  # noqa: E402


@pytest.fixture(scope="session")
def trained():
    """The trained model; trains it first when train.py has not run."""
    if not pipeline.MODEL_FILE.exists():
        import train

        train.main()
    return pipeline.load()
`;

/** `tests/test_data.py`: one test per expectation the run validated its data version with. */
export function testDataPy(expectations: readonly Expectation[]): string {
  return `"""The data expectations of the Labbook run, on the exported rows (train and test together)."""
import pandas as pd
import pytest

import features
import pipeline
${expectations.length ? 'from expectations import check\n' : ''}
from conftest import ROOT

EXPECTATIONS = ${pyValue(expectations)}


@pytest.fixture(scope="module")
def table():
    parts = [features.read_rows(ROOT / "data" / f"{name}.csv") for name in ("train", "test")]
    return pd.concat(parts, ignore_index=True)


def test_rows_carry_the_inputs_and_target(table):
    params = pipeline.load_params()
    needed = [c["name"] for c in features.INPUTS] + [params["features"]["target"]]
    assert len(table) > 0
    assert [c for c in needed if c not in table.columns] == []
${
  expectations.length
    ? `

@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=[e["expectation_type"] for e in EXPECTATIONS])
def test_expectation(table, expectation):
    assert check(table, expectation["expectation_type"], expectation["kwargs"]), expectation
`
    : ''
}`;
}

/** `tests/test_model.py`: the version's model tests (minimum, invariance, directional). */
export function testModelPy(tests: readonly ModelTest[], example: readonly object[]): string {
  return `"""The model tests attached to the version, as the Labbook's registry runs them."""
import numpy as np
import pandas as pd
${tests.length ? 'import pytest\n' : ''}
import pipeline

MODEL_TESTS = ${pyValue(tests)}
INPUT_EXAMPLE = ${pyValue(example)}


def predict(saved, rows):
    return pipeline.predict(saved, pd.DataFrame(rows))


${
  tests.length
    ? `@pytest.mark.parametrize("test", MODEL_TESTS, ids=[t["name"] for t in MODEL_TESTS])
def test_model(trained, test):
    rows = test.get("rows") or INPUT_EXAMPLE
    before = predict(trained, rows)
    if test["kind"] == "minimum":
        lo = test["expect"].get("min", -np.inf)
        hi = test["expect"].get("max", np.inf)
        assert np.all((before >= lo) & (before <= hi)), before
    elif test["kind"] == "invariance":
        feature = test["feature"]
        moves = test.get("deltas") or test.get("values")
        for move in moves:
            moved = [{**r, feature: r[feature] + move if test.get("deltas") else move} for r in rows]
            change = np.abs(predict(trained, moved) - before)
            assert np.all(change <= test.get("tolerance", 1e-6)), change
    else:
        feature, delta = test["feature"], test["delta"]
        after = predict(trained, [{**r, feature: r[feature] + delta} for r in rows])
        assert np.all(after > before if test["expect"] == "increase" else after < before)


`
    : ''
}def test_predictions_are_finite(trained):
    assert np.all(np.isfinite(predict(trained, INPUT_EXAMPLE)))
`;
}

/** `tests/test_api.py`: the Labbook's contract requests, with the statuses the Labbook answers. */
export function testApiPy(
  cases: readonly ContractCase[],
  modelName: string,
  course: boolean,
): string {
  return `"""The API answers the Labbook's contract requests with the Labbook's status codes."""
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

import app

CASES = ${pyValue(cases)}
MODEL_NAME = ${pyValue(modelName)}


@pytest.fixture(scope="module")
def client(trained):
    return TestClient(app.app)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_contract(client, case):
    path = f"/v1/models/{quote(MODEL_NAME, safe='')}/{case['route']}"
    response = client.post(path, content=case["body"].encode("utf-8"), headers={"content-type": case["contentType"]})
    assert response.status_code == case["status"], response.text


def test_health(client):
    assert client.get("/v1/health").json()["status"] == "ok"
${
  course
    ? `

def test_course_routes(client):
    patient = client.get("/diabetes/patients/randomtest").json()
    answer = client.post("/diabetes/predict", json=patient["x"])
    assert answer.status_code == 200, answer.text
`
    : ''
}`;
}

/** `tests/test_random.py`: the Python generator draws what the Labbook's drew at export. */
export function testRandomPy(
  seed: number,
  draws: readonly number[],
  folds: readonly number[][],
): string {
  return `"""The Labbook's seeded generator, reproduced: same draws, same folds."""
import labbook_random

SEED = ${pyValue(seed)}
LABBOOK_DRAWS = ${pyValue(draws)}
# The Labbook's test rows of each fold of 10 rows in 3 folds.
LABBOOK_FOLDS = ${pyValue(folds)}


def test_draws():
    raw = labbook_random.sfc32(SEED)
    assert [raw() for _ in LABBOOK_DRAWS] == LABBOOK_DRAWS


def test_folds():
    assert [sorted(test.tolist()) for _, test in labbook_random.kfold(10, 3, SEED)] == LABBOOK_FOLDS
`;
}

/** `tests/test_train.py`: training reproduces the Labbook's test metrics within the tolerance. */
export const TEST_TRAIN_PY = `"""python3 train.py reproduces the Labbook's test metrics (labbook/metrics.json)."""
import json

import pytest

import train
from conftest import ROOT


def test_metrics_match_the_labbook():
    train.main()
    ours = json.loads((ROOT / "metrics.json").read_text(encoding="utf-8"))
    labbook = json.loads((ROOT / "labbook" / "metrics.json").read_text(encoding="utf-8"))
    tolerance = labbook["tolerance"]
    for name, expected in labbook["test"].items():
        assert ours["test"][name] == pytest.approx(
            expected, abs=tolerance["abs"], rel=tolerance["rel"]
        ), name
`;

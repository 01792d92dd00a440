import { GBDT_DEFAULTS } from '../../train/gbdt/params';
import { pyValue } from './py';

/**
 * `src/pipeline.py` (the steps, importable by the API and the tests) and `train.py` (the
 * command). Everything the run chose is read from params.yaml, so no name or value from the
 * Labbook is ever part of the code.
 */
export const PIPELINE_PY = `"""The Labbook pipeline's steps in scikit-learn: features, cleaning, model, metrics."""
import json
import pickle
from pathlib import Path

import numpy as np
import yaml
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Lasso, LinearRegression, Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import features
import labbook_random
from metrics import METRICS

ROOT = Path(__file__).resolve().parent.parent
MODEL_FILE = ROOT / "model" / "model.pkl"
# The Labbook's MLP defaults (src/lib/train/mlp.ts) and its Lasso solver settings.
MLP_DEFAULTS = {"hidden": [32, 16], "epochs": 20, "batch_size": 256, "learning_rate": 0.01}
# The Labbook's boosted-trees defaults (src/lib/train/gbdt/params.ts): sklearn's names and values,
# early stopping off unless params.yaml turns it on.
GBDT_DEFAULTS = ${pyValue(GBDT_DEFAULTS)}
LASSO_TOL = 1e-4
LASSO_MAX_ITER = 1000


def load_params(path=ROOT / "params.yaml"):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def forward(params, y):
    return np.log1p(y) if params["features"]["target_transform"] == "log1p" else y


def inverse(params, y):
    return np.expm1(y) if params["features"]["target_transform"] == "log1p" else y


def clean_mask(columns, clean):
    """Rows inside the [lo, hi] quantiles of every named column (numpy's linear method)."""
    n = len(next(iter(columns.values())))
    mask = np.ones(n, dtype=bool)
    for name in clean["columns"]:
        col = columns[name]
        lo, hi = np.quantile(col[np.isfinite(col)], clean["quantiles"])
        mask &= (col >= lo) & (col <= hi)
    return mask


def categories(values):
    """The Labbook's one-hot categories: distinct values, sorted."""
    return sorted(set(values.tolist()))


def make_model(params, alpha=None):
    m = params["model"]
    kind = m["kind"]
    if kind == "linear":
        return LinearRegression()
    if kind == "ridge":
        return Ridge(alpha=m.get("alpha", 1.0) if alpha is None else alpha)
    if kind == "lasso":
        return Lasso(
            alpha=m.get("alpha", 1.0) if alpha is None else alpha,
            tol=LASSO_TOL,
            max_iter=LASSO_MAX_ITER,
            selection="cyclic",
        )
    if kind in ("mean", "median"):
        return DummyRegressor(strategy=kind)
    if kind == "mlp":
        o = {**MLP_DEFAULTS, **{k: m[k] for k in MLP_DEFAULTS if m.get(k) is not None}}
        # The Labbook's MLP standardises every input column itself.
        return Pipeline(
            [
                ("standardise", StandardScaler()),
                (
                    "mlp",
                    MLPRegressor(
                        hidden_layer_sizes=tuple(o["hidden"]),
                        activation="relu",
                        solver="adam",
                        learning_rate_init=o["learning_rate"],
                        batch_size=o["batch_size"],
                        max_iter=o["epochs"],
                        random_state=params["random_state"],
                        alpha=0.0,  # TF.js adds no weight penalty
                    ),
                ),
            ]
        )
    if kind == "gbdt":
        o = {**GBDT_DEFAULTS, **{k: m[k] for k in GBDT_DEFAULTS if k in m}}
        return HistGradientBoostingRegressor(**o, random_state=params["random_state"])
    raise ValueError(f"params.yaml model.kind {kind!r} is not one this project knows")


def make_pipeline(params, train_features):
    f = params["features"]
    steps = []
    if f["scale"]:
        steps.append(("scale", StandardScaler(), list(f["scale"])))
    if f["passthrough"]:
        steps.append(("passthrough", "passthrough", list(f["passthrough"])))
    if f["onehot"]:
        cats = [categories(train_features[c]) for c in f["onehot"]]
        steps.append(
            ("onehot", OneHotEncoder(categories=cats, handle_unknown="ignore"), list(f["onehot"]))
        )
    if not steps:
        steps.append(("none", "drop", []))
    columns = ColumnTransformer(steps, remainder="drop", sparse_threshold=0)
    return Pipeline([("columns", columns), ("model", make_model(params))])


def prepare(params, train_rows, test_rows):
    """Fits the recipe on training rows, applies it to both, cleans training rows only."""
    target = params["features"]["target"]
    state = features.fit(train_rows)
    x_train = features.transform(train_rows, state)
    x_test = features.transform(test_rows, state)
    y_train_raw = train_rows[target].to_numpy("float64")
    y_test_raw = test_rows[target].to_numpy("float64")
    y_train = forward(params, y_train_raw)
    clean = params["features"].get("clean")
    if clean:
        columns = {c: x_train[c].to_numpy("float64") for c in x_train.columns}
        columns[target] = y_train
        keep = clean_mask(columns, clean)
        x_train, y_train, y_train_raw = x_train[keep], y_train[keep], y_train_raw[keep]
    return state, x_train, y_train, y_train_raw, x_test, y_test_raw


def fit(params, x_train, y_train):
    pipe = make_pipeline(params, x_train)
    grid = (params["model"].get("grid") or {}).get("alpha")
    if not grid:
        return pipe.fit(x_train, y_train), None
    folds = labbook_random.kfold(len(x_train), params["model"]["folds"], params["random_state"])
    search = GridSearchCV(
        pipe,
        {"model__alpha": list(grid)},
        cv=folds,
        scoring="neg_mean_squared_error",
        refit=True,
    )
    search.fit(x_train, y_train)
    return search.best_estimator_, search.best_params_["model__alpha"]


def score(params, y_true, y_pred):
    return {name: METRICS[name](y_true, y_pred) for name in params["metrics"]}


def save(state, pipe, params):
    MODEL_FILE.parent.mkdir(exist_ok=True)
    with open(MODEL_FILE, "wb") as f:
        pickle.dump({"state": state, "pipeline": pipe, "params": params}, f)


def load():
    with open(MODEL_FILE, "rb") as f:
        return pickle.load(f)


def predict(saved, frame):
    """Predictions in the target's own units, from raw input columns."""
    x = features.transform(features.parse_inputs(frame), saved["state"])
    return inverse(saved["params"], saved["pipeline"].predict(x))


def write_metrics(metrics, path=ROOT / "metrics.json"):
    Path(path).write_text(json.dumps(metrics, indent=2) + "\\n", encoding="utf-8")
`;

export const TRAIN_PY = `"""Trains the exported Labbook pipeline on data/train.csv and scores it on data/test.csv.

    python3 train.py

Writes model/model.pkl and metrics.json, and prints the test metrics beside the Labbook's.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))

import features  # noqa: E402
import pipeline  # noqa: E402


def main():
    params = pipeline.load_params()
    train_rows = features.read_rows(ROOT / "data" / "train.csv")
    test_rows = features.read_rows(ROOT / "data" / "test.csv")
    state, x_train, y_train, y_train_raw, x_test, y_test_raw = pipeline.prepare(
        params, train_rows, test_rows
    )
    pipe, best_alpha = pipeline.fit(params, x_train, y_train)
    metrics = {
        "rows": {"train": len(x_train), "test": len(x_test)},
        "best_alpha": best_alpha,
        "train": pipeline.score(params, y_train_raw, pipeline.inverse(params, pipe.predict(x_train))),
        "test": pipeline.score(params, y_test_raw, pipeline.inverse(params, pipe.predict(x_test))),
    }
    pipeline.save(state, pipe, params)
    pipeline.write_metrics(metrics)
    labbook = json.loads((ROOT / "labbook" / "metrics.json").read_text(encoding="utf-8"))
    print(f"{'metric':<10} {'python':>22} {'labbook':>22}")
    for name, value in metrics["test"].items():
        print(f"test {name:<5} {value:>22.15g} {labbook['test'].get(name, float('nan')):>22.15g}")
    if best_alpha is not None:
        print(f"best alpha {best_alpha} (labbook {labbook.get('best_alpha')})")


if __name__ == "__main__":
    main()
`;

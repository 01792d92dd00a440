"""Regression metrics vs scikit-learn -> tests/fixtures/reference/metrics.json."""

import numpy as np
from sklearn import metrics as skm

from _common import write_fixture

rng = np.random.default_rng(20261123)
cases = []


def add(name, y_true, y_pred, allow_log=None):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    expected = {
        "mse": skm.mean_squared_error(y_true, y_pred),
        "rmse": skm.mean_squared_error(y_true, y_pred, squared=False),
        "mae": skm.mean_absolute_error(y_true, y_pred),
        "mape": skm.mean_absolute_percentage_error(y_true, y_pred),
    }
    if len(y_true) >= 2:
        expected["r2"] = skm.r2_score(y_true, y_pred)
    if (y_true >= 0).all() and (y_pred >= 0).all():
        expected["rmsle"] = np.sqrt(skm.mean_squared_log_error(y_true, y_pred))
    cases.append({"name": name, "yTrue": y_true, "yPred": y_pred, "expected": expected})


add("tiny", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
add("single row", [2.0], [3.5])
add("perfect", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
add("constant target, perfect", [4.0, 4.0, 4.0], [4.0, 4.0, 4.0])
add("constant target, miss", [4.0, 4.0, 4.0], [4.0, 5.0, 3.0])
add("zero targets (mape eps)", [0.0, 1.0, 0.0, 2.0], [0.1, 1.0, 0.0, 2.5])
add("non-negative counts", [0, 1, 5, 10, 3], [0.5, 1, 4, 12, 0])
y = rng.normal(100, 15, 1000)
add("normal n=1000", y, y + rng.normal(0, 5, 1000))
y = rng.lognormal(2, 1, 5000)
add("lognormal n=5000", y, y * rng.uniform(0.7, 1.3, 5000))
y = rng.normal(0, 1e-3, 200)
add("small scale", y, y + rng.normal(0, 1e-4, 200))
y = rng.normal(1e6, 1e3, 300)
add("large offset", y, y + rng.normal(0, 10, 300))
add("worse than mean", [1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0])

write_fixture("metrics.json", "metrics.py", cases)

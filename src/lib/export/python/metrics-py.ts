/** `src/metrics.py`: the Labbook's metrics (src/lib/metrics), the same formulas in numpy. */
export const METRICS_PY = `"""The Labbook's regression metrics (scikit-learn 1.2's definitions), in numpy."""
import numpy as np

MAPE_EPSILON = 2.220446049250313e-16


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def rmse(y_true, y_pred):
    return float(np.sqrt(mse(y_true, y_pred)))


def mae(y_true, y_pred):
    return float(np.mean(np.abs(y_true - y_pred)))


def r2(y_true, y_pred):
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - np.mean(y_true)) ** 2))
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1 - ss_res / ss_tot


def rmsle(y_true, y_pred):
    if np.any(y_true < 0) or np.any(y_pred < 0):
        raise ValueError("rmsle is only defined for values >= 0; use rmse/mae or clip at 0")
    return float(np.sqrt(np.mean((np.log1p(y_true) - np.log1p(y_pred)) ** 2)))


def mape(y_true, y_pred):
    return float(np.mean(np.abs(y_true - y_pred) / np.maximum(np.abs(y_true), MAPE_EPSILON)))


METRICS = {"mse": mse, "rmse": rmse, "mae": mae, "r2": r2, "rmsle": rmsle, "mape": mape}
`;

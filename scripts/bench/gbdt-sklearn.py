"""scikit-learn's HistGradientBoostingRegressor on rows the Labbook wrote, for the gbdt unit test
and bench: the same rows, the same parameters, timed in the same run.

Reads <dir>/meta.json ({trainRows, testRows, cols, params, seed}) and raw little-endian float64
files x_train.f64, y_train.f64, x_test.f64; writes the test predictions to pred.f64 (and, with
early stopping, the validation rows it held out to val.u32) and prints
{seconds, n_iter, sklearn, threads} as JSON.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_info

folder = sys.argv[1]
with open(f"{folder}/meta.json") as f:
    meta = json.load(f)
cols = meta["cols"]
x_train = np.fromfile(f"{folder}/x_train.f64", dtype="<f8").reshape(meta["trainRows"], cols)
y_train = np.fromfile(f"{folder}/y_train.f64", dtype="<f8")
x_test = np.fromfile(f"{folder}/x_test.f64", dtype="<f8").reshape(meta["testRows"], cols)

model = HistGradientBoostingRegressor(random_state=meta["seed"], **meta["params"])
start = time.perf_counter()
model.fit(x_train, y_train)
seconds = time.perf_counter() - start
model.predict(x_test).astype("<f8").tofile(f"{folder}/pred.f64")
if meta["params"].get("early_stopping"):
    # The rows sklearn 1.2 held out, drawn as its fit draws them: one seed from random_state,
    # then train_test_split. The Labbook can then hold out the same rows (validationRows).
    seed = check_random_state(meta["seed"]).randint(np.iinfo(np.uint32).max, dtype="u8")
    _, val = train_test_split(
        np.arange(len(y_train)), test_size=meta["params"].get("validation_fraction", 0.1), random_state=seed
    )
    np.sort(val).astype("<u4").tofile(f"{folder}/val.u32")
threads = max((p.get("num_threads", 1) for p in threadpool_info() if p.get("user_api") == "openmp"), default=1)
print(json.dumps({"seconds": seconds, "n_iter": int(model.n_iter_), "sklearn": sklearn.__version__, "threads": threads}))

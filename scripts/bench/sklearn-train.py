"""Reference for the training benchmark: scikit-learn on the same rows, the same features.

Reads the shipped 100k-row taxi sample, tiles it to the full file's 1,458,644 rows exactly as the
browser side does, standardises six raw features and fits on log1p(trip_duration):
SGDRegressor for one epoch, and MLPRegressor for one epoch with the Labbook MLP's settings: the
same layers (6→32→16→1, relu), batch 256, Adam at learning rate 0.01, no L2 penalty (TF.js adds
none), on all the rows (the browser side holds none out for validation in this bench).
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDRegressor
from sklearn.neural_network import MLPRegressor

FEATURES = ["vendor_id", "passenger_count", "pickup_longitude", "pickup_latitude",
            "dropoff_longitude", "dropoff_latitude"]
path, rows = sys.argv[1], int(sys.argv[2])
sample = pd.read_csv(path, usecols=FEATURES + ["trip_duration"])
index = np.arange(rows) % len(sample)
x = sample[FEATURES].to_numpy(dtype=np.float64)[index]
y = np.log1p(sample["trip_duration"].to_numpy(dtype=np.float64))[index]
x = (x - x.mean(axis=0)) / x.std(axis=0)

warnings.simplefilter("ignore", ConvergenceWarning)
start = time.perf_counter()
SGDRegressor(max_iter=1, tol=None, random_state=42).fit(x, y)
sgd = time.perf_counter() - start
start = time.perf_counter()
MLPRegressor(hidden_layer_sizes=(32, 16), activation="relu", solver="adam", alpha=0.0,
             learning_rate_init=0.01, batch_size=256, max_iter=1, shuffle=True,
             random_state=42).fit(x, y)
mlp = time.perf_counter() - start
print(json.dumps({"rows": rows, "sgdSeconds": sgd, "mlpSeconds": mlp, "sklearn": sklearn.__version__}))

"""Reference for the duckdb bench: the same group-by in pandas, on the same file, timed alone."""
import json
import sys
import time

import pandas as pd

frame = pd.read_csv(sys.argv[1])
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    result = (
        frame.groupby(["vendor_id", "passenger_count"])["trip_duration"]
        .agg(["count", "mean"])
        .reset_index()
    )
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "groups": len(result), "pandas": pd.__version__}))

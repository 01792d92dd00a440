"""Reference for the import benchmark: pandas.read_csv of the same file, time and peak memory."""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
start = time.perf_counter()
frame = pd.read_csv(path, parse_dates=["pickup_datetime", "dropoff_datetime"])
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peakMB": peak_mb, "rows": len(frame), "pandas": pd.__version__}))

"""Reference for the drift benchmark: the same tests with scipy/numpy/pandas on the same columns.

Reads the columns drift.ts wrote (raw little-endian float64, uint8 category codes, meta.json) and
times, median of `runs` after one warm-up: scipy.stats.ks_2samp and a numpy PSI (reference deciles, numpy 'linear'
quantiles, open-ended outer bins, evidently's zero filling) on each numeric column, and
pandas value_counts + scipy.stats.chisquare (evidently's chisquare stattest) on each categorical
column. Category codes are turned into Python strings before timing, as the JS side's are.
Prints JSON: seconds per part and the statistics, so drift.ts can check both sides agree.
"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import scipy
from scipy import stats

folder, runs = sys.argv[1], int(sys.argv[2])
meta = json.load(open(f"{folder}/meta.json"))


def load(name, side):
    return np.fromfile(f"{folder}/{name}.{side}.f64", dtype="<f8")


def load_codes(name, side, dictionary):
    codes = np.fromfile(f"{folder}/{name}.{side}.u8", dtype=np.uint8)
    return pd.Series(np.array(dictionary, dtype=object)[codes])


numeric = [(c, load(c, "ref"), load(c, "cur")) for c in meta["numeric"]]
categorical = [
    (c["name"], load_codes(c["name"], "ref", c["dictionary"]), load_codes(c["name"], "cur", c["dictionary"]))
    for c in meta["categorical"]
]


def fill_zeros(shares):
    nonzero = shares[shares != 0]
    fill = nonzero.min() / 1e6 if nonzero.min() <= 0.0001 else 0.0001
    return np.where(shares == 0, fill, shares)


def psi(ref, cur, bins=10):
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)))
    cuts = edges[1:-1] if len(edges) > 1 else edges[:0]
    share = lambda x: fill_zeros(np.bincount(np.searchsorted(cuts, x, side="right"), minlength=len(cuts) + 1) / len(x))
    r, c = share(ref), share(cur)
    return float(np.sum((c - r) * np.log(c / r)))


def chi_square(ref, cur):
    ref_counts, cur_counts = ref.value_counts(), cur.value_counts()
    keys = ref_counts.index.union(cur_counts.index)
    f_exp = ref_counts.reindex(keys, fill_value=0).to_numpy() * (len(cur) / len(ref))
    f_obs = cur_counts.reindex(keys, fill_value=0).to_numpy()
    return stats.chisquare(f_obs, f_exp)


def run():
    out = {"ks": {}, "psi": {}, "chi": {}}
    t0 = time.perf_counter()
    for name, ref, cur in numeric:
        r = stats.ks_2samp(ref, cur)
        out["ks"][name] = [float(r.statistic), float(r.pvalue)]
    t1 = time.perf_counter()
    for name, ref, cur in numeric:
        out["psi"][name] = psi(ref, cur)
    t2 = time.perf_counter()
    for name, ref, cur in categorical:
        r = chi_square(ref, cur)
        out["chi"][name] = [float(r.statistic), float(r.pvalue)]
    t3 = time.perf_counter()
    return out, {"ks": t1 - t0, "psi": t2 - t1, "chi": t3 - t2, "total": t3 - t0}


run()  # warm-up, as on the JS side (first-call costs are not what is measured)
results = [run() for _ in range(runs)]
seconds = {k: statistics.median(r[1][k] for r in results) for k in results[0][1]}
print(json.dumps({
    "seconds": seconds,
    "values": results[0][0],
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__},
}))

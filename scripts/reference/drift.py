"""PSI, Wasserstein, Jensen-Shannon, two-proportion z-test and multiple-testing corrections
-> drift.json.

Reference definitions (numpy/scipy, written independently of the TypeScript):
  PSI numeric: edges = unique(np.quantile(ref, linspace(0, 1, bins + 1))); a value's bin is
    np.searchsorted(edges[1:-1], x, side='right'); shares = counts / n; zero shares filled with
    evidently's feel_zeroes rule; PSI = sum((cur - ref) * ln(cur / ref)).
  Wasserstein: scipy.stats.wasserstein_distance; normalised by max(np.std(ref) (ddof=0), 0.001).
  Jensen-Shannon numeric: edges = np.histogram_bin_edges(concat(ref, cur), bins) ('sturges' or
    an int), shares = np.histogram(x, edges)[0] / n, feel_zeroes, scipy.spatial.distance.jensenshannon.
  z-test: pooled two-proportion z, p = 2 * norm.sf(|z|) (statsmodels proportions_ztest by hand).
  Bonferroni / Benjamini-Hochberg: statsmodels multipletests semantics, by hand.
"""

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

from _common import write_fixture

rng = np.random.default_rng(2024)


def feel_zeroes(p):
    p = p.copy()
    nz = p[p != 0]
    fill = nz.min() / 10**6 if nz.min() <= 0.0001 else 0.0001
    np.place(p, p == 0, fill)
    return p


def psi_numeric(ref, cur, bins=10):
    ref = np.asarray(ref, float)
    cur = np.asarray(cur, float)
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)))
    cuts = edges[1:-1]
    k = len(cuts) + 1
    r = np.bincount(np.searchsorted(cuts, ref, side="right"), minlength=k) / len(ref)
    c = np.bincount(np.searchsorted(cuts, cur, side="right"), minlength=k) / len(cur)
    r, c = feel_zeroes(r), feel_zeroes(c)
    return {"value": np.sum((c - r) * np.log(c / r)), "edges": edges, "referenceShares": r, "currentShares": c}


def shares_categorical(ref, cur):
    ref = pd.Series(ref).dropna()
    cur = pd.Series(cur).dropna()
    keys = list(dict.fromkeys(list(ref) + list(cur)))
    rc, cc = ref.value_counts(), cur.value_counts()
    r = np.array([rc.get(k, 0) / len(ref) for k in keys])
    c = np.array([cc.get(k, 0) / len(cur) for k in keys])
    return keys, feel_zeroes(r), feel_zeroes(c)


def psi_categorical(ref, cur):
    keys, r, c = shares_categorical(ref, cur)
    return {"value": np.sum((c - r) * np.log(c / r)), "categories": keys, "referenceShares": r, "currentShares": c}


def js_numeric(ref, cur, bins="sturges", base=None):
    ref = np.asarray(ref, float)
    cur = np.asarray(cur, float)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=bins)
    r = feel_zeroes(np.histogram(ref, edges)[0] / len(ref))
    c = feel_zeroes(np.histogram(cur, edges)[0] / len(cur))
    return {"distance": distance.jensenshannon(r, c, base=base), "edges": edges, "referenceShares": r, "currentShares": c}


def js_categorical(ref, cur, base=None):
    keys, r, c = shares_categorical(ref, cur)
    return {"distance": distance.jensenshannon(r, c, base=base), "categories": keys}


def wasserstein(ref, cur):
    w = stats.wasserstein_distance(ref, cur)
    return {"distance": w, "normalized": w / max(np.std(np.asarray(ref, float)), 0.001)}


def r(x, d=4):
    return np.round(x, d)


numeric = [
    ("same normal 2000/1500", r(rng.normal(size=2000)), r(rng.normal(size=1500))),
    ("shifted normal 5000/5000", r(rng.normal(size=5000)), r(rng.normal(0.3, 1.2, 5000))),
    ("current outside reference range", r(rng.uniform(0, 1, 800)), r(rng.uniform(0.5, 2, 600))),
    ("zero-inflated (duplicate edges)", np.where(rng.uniform(size=1000) < 0.6, 0.0, r(rng.exponential(1, 1000))), np.where(rng.uniform(size=700) < 0.4, 0.0, r(rng.exponential(1.3, 700)))),
    ("few distinct values", rng.integers(0, 3, 300).astype(float), rng.integers(0, 4, 250).astype(float)),
    ("identical samples", r(rng.normal(size=100)), None),
    ("disjoint", r(rng.uniform(0, 1, 200)), r(rng.uniform(5, 6, 150))),
    ("small 5/4", [1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 2.5, 7.0, 1.0]),
    ("lognormal 20000/20000", r(rng.lognormal(0, 1, 20000), 3), r(rng.lognormal(0.05, 1, 20000), 3)),
]
numeric_cases = []
for name, a, b in numeric:
    a = np.asarray(a, float)
    b = a.copy() if b is None else np.asarray(b, float)
    numeric_cases.append({
        "name": name, "reference": a, "current": b,
        "psi": psi_numeric(a, b), "psi5": psi_numeric(a, b, bins=5),
        "wasserstein": wasserstein(a, b),
        "js": js_numeric(a, b), "js30base2": js_numeric(a, b, bins=30, base=2),
    })


def draw(cats, probs, n):
    return list(rng.choice(cats, size=n, p=probs))


categorical = [
    ("same", draw(["a", "b", "c"], [0.5, 0.3, 0.2], 400), draw(["a", "b", "c"], [0.5, 0.3, 0.2], 500)),
    ("shifted", draw(["a", "b", "c"], [0.5, 0.3, 0.2], 400), draw(["a", "b", "c"], [0.2, 0.3, 0.5], 500)),
    ("new and missing categories", draw(["a", "b", "c"], [0.5, 0.3, 0.2], 300), draw(["a", "b", "d"], [0.5, 0.3, 0.2], 300)),
    ("with missing values", ["x", "y", None, "x", "x"], ["y", "y", None, None, "x"]),
]
categorical_cases = [
    {"name": n, "reference": a, "current": b, "psi": psi_categorical(a, b), "js": js_categorical(a, b), "js2": js_categorical(a, b, base=2)}
    for n, a, b in categorical
]

z_cases = []
for s1, n1, s2, n2 in [(45, 100, 56, 100), (10, 1000, 30, 1000), (500, 1000, 500, 1000), (0, 50, 3, 40), (1, 3, 2, 7), (4000, 10000, 4500, 10000), (20000, 100000, 21500, 100000)]:
    p1, p2, p = s1 / n1, s2 / n2, (s1 + s2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2))
    z_cases.append({"s1": s1, "n1": n1, "s2": s2, "n2": n2, "z": z, "pvalue": 2 * stats.norm.sf(abs(z))})


def bh(p):
    p = np.asarray(p, float)
    order = np.argsort(p, kind="mergesort")
    ps = p[order]
    m = len(p)
    raw = ps / (np.arange(1, m + 1) / m)
    adj = np.minimum.accumulate(raw[::-1])[::-1]
    adj[adj > 1] = 1
    out = np.empty(m)
    out[order] = adj
    return out


mt_cases = []
for p in [[0.01, 0.04, 0.03, 0.2], [0.5], [0.001, 0.001, 0.5, 0.9, 0.02], list(rng.uniform(size=30) ** 3), [0.0, 1.0, 0.05, 0.05]]:
    mt_cases.append({"p": p, "bonferroni": np.minimum(1, np.asarray(p) * len(p)), "bh": bh(p)})

write_fixture("drift.json", "drift.py", [{"numeric": numeric_cases, "categorical": categorical_cases, "ztest": z_cases, "multitest": mt_cases}])

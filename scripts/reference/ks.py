"""Two-sample KS vs scipy.stats.ks_2samp and the Kolmogorov tails it uses.

Writes tests/fixtures/reference/ks-2samp.json (samples small enough to store),
ks-2samp-large.json (max(n1, n2) > 10000 -> 'asymp'; values rounded to 3 decimals, so with ties)
and kolmogorov.json (kstwo.sf and smirnov on a grid that visits every branch of scipy's _kolmogn).
"""

import numpy as np
from scipy import special, stats

from _common import write_fixture

rng = np.random.default_rng(7)


def ks_case(name, a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    res = stats.ks_2samp(a, b, alternative="two-sided", method="auto")
    method = "exact" if max(len(a), len(b)) <= 10000 else "asymp"
    return {"name": name, "a": a, "b": b, "statistic": res.statistic, "pvalue": res.pvalue,
            "method": method}


small = [
    ks_case("n=1 vs 1, different", [0.0], [1.0]),
    ks_case("n=1 vs 1, equal", [2.0], [2.0]),
    ks_case("5 vs 5 normal", rng.normal(size=5), rng.normal(size=5)),
    ks_case("identical samples", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
    ks_case("disjoint 6 vs 6", np.arange(6.0), np.arange(6.0) + 10),
    ks_case("disjoint 7 vs 4", np.arange(7.0), np.arange(4.0) + 100),
    ks_case("ties, integers 0..3", rng.integers(0, 4, 12), rng.integers(0, 4, 9)),
    ks_case("ties across samples", [1, 1, 2, 2, 3], [1, 2, 2, 3, 3, 3]),
    ks_case("7 vs 13", rng.normal(size=7), rng.normal(0.5, 1, 13)),
    ks_case("50 vs 37 shifted", rng.normal(size=50), rng.normal(0.8, 1, 37)),
    ks_case("100 vs 80 same", rng.normal(size=100), rng.normal(size=80)),
    ks_case("100 vs 100 scale", rng.normal(size=100), rng.normal(0, 1.5, 100)),
    ks_case("1000 vs 800", rng.normal(size=1000), rng.normal(0.05, 1, 800)),
    ks_case("1000 vs 1000 strong shift", rng.normal(size=1000), rng.normal(0.5, 1, 1000)),
    ks_case("3000 vs 3000 tiny shift", np.round(rng.normal(size=3000), 3), np.round(rng.normal(0.02, 1, 3000), 3)),
    ks_case("2000 vs 1500 exponential", rng.exponential(1, 2000), rng.exponential(1.1, 1500)),
    ks_case("9999 vs 3 (exact, lopsided)", np.round(rng.normal(size=9999), 3), [0.1, 0.2, 0.3]),
    ks_case("unequal gcd 1: 997 vs 1009", rng.uniform(size=997), rng.uniform(size=1009) ** 1.1),
]
write_fixture("ks-2samp.json", "ks.py", small)

large = [
    ks_case("12000 vs 9000 same", np.round(rng.normal(size=12000), 3), np.round(rng.normal(size=9000), 3)),
    ks_case("10001 vs 10001 shift (en = 5000.5 -> 5000)", np.round(rng.normal(size=10001), 3),
            np.round(rng.normal(0.03, 1, 10001), 3)),
    ks_case("15000 vs 3", np.round(rng.normal(size=15000), 3), [0.5, 1.5, 2.5]),
    ks_case("10050 vs 60 shift", np.round(rng.normal(size=10050), 3), np.round(rng.normal(0.3, 1, 60), 3)),
    ks_case("11000 vs 400 strong shift", np.round(rng.normal(size=11000), 3), np.round(rng.normal(1.0, 1, 400), 3)),
]
write_fixture("ks-2samp-large.json", "ks.py", large)

grid = []
for n in [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 300, 1000, 5000, 20000, 100000, 100001, 500000, 2000000]:
    ds = set()
    for c in [0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.87, 0.9, 1.0, 1.1, 1.2, 1.4, 1.5, 1.8, 2.0, 2.5, 3.0, 4.0, 6.0, 10.0, 20.0]:
        ds.add(c / np.sqrt(n))
    ds.update([0.75 / n, 1.0 / n, 1.5 / n, 0.3, 0.5, 0.55, 0.8, 0.99, 1 - 1.0 / n, 1 - 0.5 / n])
    for d in sorted(ds):
        if 0 < d < 1:
            grid.append({"fn": "kstwo.sf", "n": n, "d": d, "expected": stats.kstwo.sf(d, n)})
            if n >= 1:
                grid.append({"fn": "smirnov", "n": n, "d": d, "expected": special.smirnov(n, d)})
write_fixture("kolmogorov.json", "ks.py", grid)

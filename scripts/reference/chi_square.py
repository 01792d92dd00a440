"""Chi-squared tests and the incomplete gamma they need -> chi-square.json, gamma.json.

Categorical drift follows evidently's chisquare stattest: over the union of categories,
f_obs = current counts, f_exp = reference counts * (n_current / n_reference),
scipy.stats.chisquare(f_obs, f_exp). The contingency test is scipy.stats.chi2_contingency on the
2 x k table [reference counts, current counts] with correction=False.
"""

import warnings

import numpy as np
import pandas as pd
from scipy import special, stats

from _common import write_fixture

rng = np.random.default_rng(11)

# --- special functions ----------------------------------------------------------------------
gamma_cases = []
for a in [0.5, 1.0, 1.5, 2.5, 5.0, 10.0, 14.5, 15.0, 20.0, 50.0, 100.0, 1000.0, 1e4, 1e5, 1e6]:
    for f in [1e-3, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 1.5, 2.0, 5.0, 10.0]:
        x = a * f
        gamma_cases.append({"fn": "gammaincc", "a": a, "x": x, "expected": special.gammaincc(a, x)})
        gamma_cases.append({"fn": "gammainc", "a": a, "x": x, "expected": special.gammainc(a, x)})
    gamma_cases.append({"fn": "gammaincc", "a": a, "x": a + 1, "expected": special.gammaincc(a, a + 1)})
for k in [1, 2, 3, 4, 7, 10, 29, 100, 999, 10000, 250000]:
    for x in [0.001, 0.5, k * 0.5, k - 1.0, float(k), k + 3 * np.sqrt(2 * k), k * 2.0, k * 5.0 + 50, 300.0, 700.0, 1400.0]:
        if x > 0:
            gamma_cases.append({"fn": "chi2.sf", "a": k, "x": x, "expected": stats.chi2.sf(x, k)})
for z in [0.0, 1e-8, 0.1, 0.5, 1.0, 1.96, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0, 37.0]:
    gamma_cases.append({"fn": "norm2sf", "a": 0, "x": z, "expected": 2 * stats.norm.sf(abs(z))})
for x in [1e-300, 1e-5, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 10.0, 14.99, 15.0, 30.0, 171.5, 1e4, 1e8]:
    gamma_cases.append({"fn": "lgamma", "a": 0, "x": x, "expected": special.gammaln(x)})
write_fixture("gamma.json", "chi_square.py", gamma_cases)


# --- tests ------------------------------------------------------------------------------------
def drift_case(name, reference, current):
    ref = pd.Series(reference).dropna()
    cur = pd.Series(current).dropna()
    keys = list(dict.fromkeys(list(ref) + list(cur)))  # reference order, then new in current
    ref_counts = ref.value_counts()
    cur_counts = cur.value_counts()
    k_norm = len(cur) / len(ref)
    f_exp = np.array([float(ref_counts.get(key, 0)) * k_norm for key in keys])
    f_obs = np.array([float(cur_counts.get(key, 0)) for key in keys])
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")
        gof = stats.chisquare(f_obs, f_exp)
    table = np.array([[ref_counts.get(k, 0) for k in keys], [cur_counts.get(k, 0) for k in keys]])
    ct = stats.chi2_contingency(table, correction=False)
    return {
        "name": name,
        "reference": list(reference),
        "current": list(current),
        "categories": keys,
        "gof": {"statistic": gof.statistic, "pvalue": gof.pvalue, "f_obs": f_obs, "f_exp": f_exp},
        "contingency": {"statistic": ct[0], "pvalue": ct[1], "dof": ct[2], "table": table},
    }


def draw(cats, probs, n):
    return list(rng.choice(cats, size=n, p=probs))


cases = [
    drift_case("same distribution", draw(["a", "b", "c"], [0.5, 0.3, 0.2], 500), draw(["a", "b", "c"], [0.5, 0.3, 0.2], 400)),
    drift_case("shifted shares", draw(["a", "b", "c"], [0.5, 0.3, 0.2], 1000), draw(["a", "b", "c"], [0.3, 0.3, 0.4], 800)),
    drift_case("tiny p-value", draw(["x", "y"], [0.9, 0.1], 20000), draw(["x", "y"], [0.5, 0.5], 20000)),
    drift_case("category missing in current", draw(["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], 300), draw(["a", "b", "c"], [0.4, 0.35, 0.25], 300)),
    drift_case("new category in current", draw(["a", "b"], [0.6, 0.4], 200), draw(["a", "b", "new"], [0.5, 0.3, 0.2], 150)),
    drift_case("many categories", draw([f"c{i}" for i in range(40)], list(np.ones(40) / 40), 5000), draw([f"c{i}" for i in range(40)], list(np.linspace(1, 2, 40) / np.linspace(1, 2, 40).sum()), 4000)),
    drift_case("single category", ["only"] * 10, ["only"] * 7),
    drift_case("numbers as categories", [1, 2, 2, 3, 3, 3, 1, 2], [3, 3, 3, 3, 2, 1, 1, 2, 2]),
    drift_case("with missing values", ["a", None, "b", "a", "b", "b", None], ["a", "a", "a", "b", None]),
]

plain = []
for obs, exp in [([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]), ([10, 20, 30], [20, 20, 20]), ([5, 0, 7], [4.0, 4.0, 4.0])]:
    r = stats.chisquare(obs, exp)
    plain.append({"observed": obs, "expected": exp, "statistic": r.statistic, "pvalue": r.pvalue})

tables = []
for t in [[[10, 20, 30], [15, 25, 5]], [[100, 1], [90, 11]], [[3, 4, 5, 6], [6, 5, 4, 3], [1, 2, 9, 1]], [[1200, 800, 30], [1100, 850, 90]]]:
    r = stats.chi2_contingency(np.array(t), correction=False)
    tables.append({"table": t, "statistic": r[0], "pvalue": r[1], "dof": r[2], "expected": r[3]})

write_fixture("chi-square.json", "chi_square.py", [{"drift": cases, "chisquare": plain, "contingency": tables}])

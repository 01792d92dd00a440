"""Jensen-Shannon distance as evidently's `jensenshannon` stattest computes it for a numeric
column -> js-evidently.json: Sturges bins over both samples (np.histogram_bin_edges(concat,
'sturges')), shares NOT smoothed, scipy.spatial.distance.jensenshannon with the natural log.
Sparse tails (empty bins on one side) are where it differs from the smoothed variant.
"""

import numpy as np
from scipy.spatial import distance

from _common import write_fixture

rng = np.random.default_rng(77)


def js(ref, cur):
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    return distance.jensenshannon(r, c)


cases = []
for name, ref, cur in [
    ("normal shifted", rng.normal(0, 1, 800), rng.normal(0.3, 1, 600)),
    ("heavy tail", rng.standard_t(2, 900), rng.normal(0, 1, 700)),
    ("sparse tail", np.concatenate([rng.normal(0, 1, 600), [40.0]]), rng.normal(0, 1.2, 500)),
    ("integers", rng.integers(0, 30, 900).astype(float), rng.integers(3, 33, 700).astype(float)),
    ("identical", np.arange(500, dtype=float), np.arange(500, dtype=float)),
]:
    cases.append({"name": name, "reference": ref, "current": cur, "distance": js(ref, cur)})

write_fixture("js-evidently.json", "js_evidently.py", cases)

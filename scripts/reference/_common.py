"""Shared helpers for the reference-fixture scripts (run with Debian's /usr/bin/python3)."""

import json
import math
import os
import platform

import numpy as np
import scipy
import sklearn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "tests", "fixtures", "reference")


def clean(value):
    """JSON-safe: numpy -> Python, non-finite floats -> the strings 'Infinity', '-Infinity', 'NaN'."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return value


def write_fixture(name, generator, cases):
    os.makedirs(OUT_DIR, exist_ok=True)
    doc = {
        "generator": f"scripts/reference/{generator}",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "sklearn": sklearn.__version__,
        },
        "cases": clean(cases),
    }
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) // 1024} KiB, {len(cases)} cases)")

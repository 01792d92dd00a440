/**
 * `tests/expectations.py`: the Labbook's expectation kinds (src/lib/data/validation/evaluate.ts)
 * in pandas, with its `mostly` rule, so the suite the run validated with runs under pytest.
 */
export const EXPECTATIONS_PY = `"""The Labbook's Great-Expectations-style checks, in pandas."""
import re

import numpy as np
import pandas as pd

TYPES = {
    "float": lambda s: pd.api.types.is_float_dtype(s),
    "integer": lambda s: pd.api.types.is_numeric_dtype(s)
    and bool(np.all(np.mod(s.dropna().to_numpy("float64"), 1) == 0)),
    "boolean": lambda s: pd.api.types.is_bool_dtype(s),
    "datetime": lambda s: pd.api.types.is_datetime64_any_dtype(s),
    "category": lambda s: pd.api.types.is_object_dtype(s),
    "string": lambda s: pd.api.types.is_object_dtype(s),
}


def _within(v, lo, hi, strict_lo=False, strict_hi=False):
    if lo is not None and (v <= lo if strict_lo else v < lo):
        return False
    if hi is not None and (v >= hi if strict_hi else v > hi):
        return False
    return True


def _mostly(series, passes, mostly):
    present = series.dropna()
    if len(present) == 0:
        return True
    ok = sum(1 for v in present if passes(v))
    return ok / len(present) >= (1 if mostly is None else mostly) - 1e-12


def check(table, expectation_type, kwargs):
    """True when the table meets the expectation, as the Labbook judges it."""
    k = kwargs
    if expectation_type == "expect_table_row_count_to_be_between":
        return _within(len(table), k.get("min_value"), k.get("max_value"))
    if expectation_type == "expect_table_columns_to_match_set":
        actual, wanted = list(table.columns), set(k["column_set"])
        if k.get("exact_match") is False:
            return wanted <= set(actual)
        return len(actual) == len(wanted) and set(actual) == wanted
    if expectation_type == "expect_column_to_exist":
        return k["column"] in table.columns
    col = table[k["column"]]
    mostly = k.get("mostly")
    if expectation_type == "expect_column_values_to_be_of_type":
        return TYPES[k["type_"]](col)
    if expectation_type == "expect_column_values_to_not_be_null":
        n = len(col)
        return n == 0 or 1 - col.isna().sum() / n >= (1 if mostly is None else mostly) - 1e-12
    if expectation_type == "expect_column_values_to_be_between":
        lo, hi = k.get("min_value"), k.get("max_value")
        strict = (k.get("strict_min", False), k.get("strict_max", False))
        return _mostly(col, lambda v: _within(v, lo, hi, *strict), mostly)
    if expectation_type == "expect_column_values_to_be_in_set":
        allowed = set(k["value_set"])
        return _mostly(col, lambda v: v in allowed, mostly)
    if expectation_type == "expect_column_values_to_match_regex":
        pattern = re.compile(k["regex"])
        return _mostly(col, lambda v: pattern.search(str(v)) is not None, mostly)
    if expectation_type == "expect_column_values_to_be_unique":
        counts = col.dropna().value_counts()
        return _mostly(col, lambda v: counts[v] == 1, mostly)
    values = np.sort(col.dropna().to_numpy("float64"))
    if expectation_type == "expect_column_mean_to_be_between":
        return len(values) > 0 and _within(values.mean(), k.get("min_value"), k.get("max_value"))
    if expectation_type == "expect_column_stdev_to_be_between":
        return len(values) > 1 and _within(
            values.std(ddof=1), k.get("min_value"), k.get("max_value")
        )
    if expectation_type == "expect_column_quantile_values_to_be_between":
        q = k["quantile_ranges"]
        observed = np.quantile(values, q["quantiles"])
        return all(_within(v, lo, hi) for v, (lo, hi) in zip(observed, q["value_ranges"]))
    raise ValueError(f"unknown expectation {expectation_type!r}")
`;

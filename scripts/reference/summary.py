"""Summary statistics vs pandas describe() -> tests/fixtures/reference/summary.json."""

import pandas as pd

from _common import write_fixture

cases = []


def describe(name, frame):
    columns = {}
    for col in frame.columns:
        s = frame[col]
        entry = {"count": int(s.count()), "missing": int(s.isna().sum())}
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            d = s.describe()
            entry.update(
                mean=d["mean"], std=d["std"], min=d["min"], q25=d["25%"],
                median=d["50%"], q75=d["75%"], max=d["max"],
            )
        else:
            counts = s.value_counts()
            entry.update(unique=int(s.nunique()), top=str(counts.index[0]), freq=int(counts.iloc[0]))
        columns[col] = entry
    cases.append({"name": name, "columns": columns})


describe("diabetes", pd.read_csv("datasets/diabetes/diabetes.csv"))
describe(
    "mixed with missing values",
    pd.DataFrame(
        {
            "x": [1.5, None, 3.0, 10.0, -2.0, 4.25],
            "c": ["a", "b", None, "a", "a", "b"],
        }
    ),
)
write_fixture("summary.json", "summary.py", cases)

"""Expected numbers for validation tests, from pandas -> tests/fixtures/reference/validation.json."""

import pandas as pd

from _common import write_fixture

d = pd.read_csv("datasets/diabetes/diabetes.csv")
bmi = d["bmi"]
cases = [
    {
        "name": "diabetes",
        "rows": len(d),
        "bmi_outside_20_40": int(((bmi < 20) | (bmi > 40)).sum()),
        "bmi_first_outside_rows": [int(i) for i in d.index[(bmi < 20) | (bmi > 40)][:10]],
        "bmi_mean": bmi.mean(),
        "bmi_std": bmi.std(),
        "bmi_quantiles": [bmi.quantile(q) for q in (0.05, 0.5, 0.95)],
        "age_duplicates": int(d["age"].duplicated(keep=False).sum()),
        "target_over_300": int((d["target"] > 300).sum()),
    }
]
write_fixture("validation.json", "validation.py", cases)

"""The course's diabetes.db built with pandas + sqlite3 -> tests/fixtures/reference/diabetes-sql.json."""

import sqlite3

import pandas as pd

from _common import write_fixture

data = pd.read_csv("datasets/diabetes/diabetes.csv")
split = pd.read_csv("datasets/diabetes/diabetes-course-split.csv")
con = sqlite3.connect(":memory:")
data[split["split"] == "train"].to_sql("train", con, index=False)
data[split["split"] == "test"].to_sql("test", con, index=False)
queries = {
    "counts": "SELECT (SELECT COUNT(*) FROM train), (SELECT COUNT(*) FROM test)",
    "avg_target": "SELECT AVG(target) FROM train UNION ALL SELECT AVG(target) FROM test",
    "by_sex": "SELECT sex, COUNT(*), AVG(bmi) FROM train GROUP BY sex ORDER BY sex",
    "old_heavy": "SELECT COUNT(*) FROM test WHERE age > 60 AND bmi > 30",
}
cases = [
    {"name": name, "sql": sql, "rows": [list(r) for r in con.execute(sql).fetchall()]}
    for name, sql in queries.items()
]
write_fixture("diabetes-sql.json", "diabetes_sql.py", cases)

"""Predictions from a TF.js export's files alone, with numpy: a second, independent reader.

Usage: python3 tfjs_preprocessing.py <export dir> <rows.json>
Reads preprocessing.json, model.json and weights.bin from the export folder and the raw request
rows (a JSON list of objects), and prints the predictions as a JSON list. Nothing here knows the
Labbook's code: every step follows preprocessing.json's `steps` and `ops`.
"""

import json
import math
import sys
from datetime import datetime, timezone

import numpy as np


def wall_time(text):
    """A datetime as written (no offset: wall time); with an offset, converted to UTC."""
    t = datetime.fromisoformat(text.replace(" ", "T"))
    return t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t


def feature(spec, row, done):
    op = spec["op"]
    if op == "input":
        return float(row[spec["input"]])
    if op in ("weekday", "month", "hour"):
        t = wall_time(row[spec["input"]])
        return float({"weekday": t.weekday(), "month": t.month, "hour": t.hour}[op])
    if op == "date_in":
        return 1.0 if wall_time(row[spec["input"]]).strftime("%Y-%m-%d") in spec["dates"] else 0.0
    if op == "haversine_km":
        f, t = spec["from"], spec["to"]
        p1, p2 = np.radians(float(row[f["latitude"]])), np.radians(float(row[t["latitude"]]))
        dl = np.radians(float(row[t["longitude"]]) - float(row[f["longitude"]]))
        h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        return float(2 * spec["radius_km"] * np.arcsin(np.sqrt(h)))
    if op == "log1p":
        return math.log1p(done[spec["of"]])
    if op == "in_windows":
        wd, hr = done[spec["weekday"]], done[spec["hour"]]
        hit = any(wd in w["weekdays"] and w["hours"][0] <= hr <= w["hours"][1] for w in spec["windows"])
        return 1.0 if hit else 0.0
    if op == "outside_box":
        b = spec["bounds"]
        x, y = float(row[spec["longitude"]]), float(row[spec["latitude"]])
        out = x < b["longitude"][0] or x > b["longitude"][1] or y < b["latitude"][0] or y > b["latitude"][1]
        return 1.0 if out else 0.0
    if op == "equals":
        return 1.0 if row[spec["input"]] == spec["value"] else 0.0
    if op == "min":
        return min(float(row[spec["input"]]), spec["max"])
    raise ValueError(f"unknown op {op!r}")


def as_text(v):
    """A feature value written as a one-hot category is: 3, not 3.0."""
    return str(int(v)) if float(v).is_integer() else repr(v)


def main(folder, rows_file):
    with open(f"{folder}/preprocessing.json") as f:
        pre = json.load(f)
    with open(f"{folder}/model.json") as f:
        model = json.load(f)
    weights = np.fromfile(f"{folder}/weights.bin", dtype="<f4").astype(np.float64)
    with open(rows_file) as f:
        rows = json.load(f)
    design = []
    for row in rows:
        done = {}
        for spec in pre["features"]:
            done[spec["name"]] = feature(spec, row, done)
        design.append(
            [
                done[c["feature"]] if "feature" in c else float(as_text(done[c["one_hot_of"]]) == c["category"])
                for c in pre["design"]
            ]
        )
    x = np.array(design, dtype=np.float64)
    x = (x - np.array([c["mean"] for c in pre["design"]])) / np.array([c["scale"] for c in pre["design"]])
    if pre["model_scaler"]:
        x = (x - np.array(pre["model_scaler"]["mean"])) / np.array(pre["model_scaler"]["scale"])
    at = 0
    for layer in model["modelTopology"]["config"]["layers"]:
        units = layer["config"]["units"]
        kernel = weights[at : at + x.shape[1] * units].reshape(x.shape[1], units)
        at += kernel.size
        bias = weights[at : at + units]
        at += units
        x = x @ kernel + bias
        if layer["config"]["activation"] == "relu":
            x = np.maximum(x, 0)
    y = x[:, 0]
    if pre["target"]["inverse"] == "expm1":
        y = np.expm1(y)
    print(json.dumps(y.tolist()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

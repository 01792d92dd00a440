import type { PipelineConfig } from '../../pipeline/config';
import type { PipelineModelState } from '../../train/pipeline-model';
import { TAXI_FEATURES } from '../../features/taxi';
import { pyValue } from './py';

/**
 * `src/features.py`: the run's feature recipe in pandas/numpy, operation for operation as
 * src/lib/features computes it (same quantile method, same day keys, same haversine), so the
 * features — and the metrics — agree to floating-point rounding.
 */
export function featuresPy(config: PipelineConfig, model: PipelineModelState): string {
  const inputs = model.inputs.map((c) => ({ name: c.name, type: c.type }));
  const head = `"""The Labbook's "${model.recipe.kind}" feature recipe in pandas/numpy.

Parts learned from data are fitted on the training rows only (fit), then applied to any rows
(transform): training, test, and every request the API serves.
"""
${model.recipe.kind === 'taxi' ? 'import numpy as np\n' : ''}import pandas as pd

RECIPE = ${pyValue(model.recipe.kind)}
# The raw columns a request carries, with MLflow's column types.
INPUTS = ${pyValue(inputs)}


def read_rows(path):
    """The exported CSV as the Labbook stored it: empty cells missing, datetimes parsed."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    return parse_inputs(frame)


def parse_inputs(frame):
    frame = frame.copy()
    for column in INPUTS:
        if column["type"] == "datetime" and column["name"] in frame:
            values = pd.to_datetime(frame[column["name"]], utc=True)
            frame[column["name"]] = values.dt.tz_localize(None)
        elif column["type"] == "string" and column["name"] in frame:
            frame[column["name"]] = frame[column["name"]].astype(object)
    return frame
`;
  return model.recipe.kind === 'taxi'
    ? head + taxiPart(config)
    : head + columnsPart(model.recipe.columns);
}

function columnsPart(columns: string[]): string {
  return `
# The "columns" recipe passes these numeric columns through unchanged.
COLUMNS = ${pyValue(columns)}


def fit(train):
    return {"columns": list(COLUMNS)}


def transform(frame, state):
    return pd.DataFrame(
        {name: pd.to_numeric(frame[name]).astype("float64") for name in state["columns"]},
        index=frame.index,
    )
`;
}

function taxiPart(config: PipelineConfig): string {
  const f = config.features;
  return `
FEATURES = ${pyValue([...TAXI_FEATURES])}
# A day is abnormal below this share of the mean daily trip count (the course's 6,300 of 8,014).
ABNORMAL_SHARE = ${pyValue(f.abnormal_share ?? 0.786)}
# Tail share on each side of the coordinates for "rare" pickup and dropoff points.
RARE_QUANTILE = ${pyValue(f.rare_quantile ?? 0.01)}
EARTH_RADIUS_KM = 6371.0
RAD = np.pi / 180


def day_key(times):
    return times.dt.strftime("%Y-%m-%d")


def fit(train):
    counts = day_key(train["pickup_datetime"]).value_counts()
    mean_daily = counts.sum() / max(1, len(counts))
    threshold = ABNORMAL_SHARE * mean_daily

    def bounds(a, b):
        both = np.concatenate([train[a].to_numpy("float64"), train[b].to_numpy("float64")])
        lo, hi = np.quantile(both[np.isfinite(both)], [RARE_QUANTILE, 1 - RARE_QUANTILE])
        return [float(lo), float(hi)]

    return {
        "abnormal_days": sorted(day for day, n in counts.items() if n < threshold),
        "rare_bounds": {
            "latitude": bounds("pickup_latitude", "dropoff_latitude"),
            "longitude": bounds("pickup_longitude", "dropoff_longitude"),
        },
    }


def haversine_km(lon1, lat1, lon2, lat2):
    d_lat = (lat2 - lat1) * RAD
    d_lon = (lon2 - lon1) * RAD
    h = np.sin(d_lat / 2) ** 2 + np.cos(lat1 * RAD) * np.cos(lat2 * RAD) * np.sin(d_lon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


def transform(frame, state):
    t = frame["pickup_datetime"]
    weekday = t.dt.weekday.to_numpy("float64")  # Monday = 0
    hour = t.dt.hour.to_numpy("float64")
    p_lon, p_lat, d_lon, d_lat = (
        frame[c].to_numpy("float64")
        for c in ["pickup_longitude", "pickup_latitude", "dropoff_longitude", "dropoff_latitude"]
    )
    km = haversine_km(p_lon, p_lat, d_lon, d_lat)
    lat = state["rare_bounds"]["latitude"]
    lon = state["rare_bounds"]["longitude"]

    def rare(x, y):
        return (x < lon[0]) | (x > lon[1]) | (y < lat[0]) | (y > lat[1])

    weekdays = weekday <= 4
    # Mon-Fri 8-19 h and Sat 13-20 h; Mon-Fri 2-5 h and Sat-Sun 4-7 h (hours inclusive).
    high_traffic = (weekdays & (hour >= 8) & (hour <= 19)) | (
        (weekday == 5) & (hour >= 13) & (hour <= 20)
    )
    high_speed = (weekdays & (hour >= 2) & (hour <= 5)) | (
        (weekday >= 5) & (hour >= 4) & (hour <= 7)
    )
    out = {
        "weekday": weekday,
        "month": t.dt.month.to_numpy("float64"),
        "hour": hour,
        "abnormal_period": day_key(t).isin(state["abnormal_days"]).to_numpy("float64"),
        "distance_haversine": km,
        "log_distance_haversine": np.log1p(km),
        "is_high_traffic_trip": high_traffic.astype("float64"),
        "is_high_speed_trip": high_speed.astype("float64"),
        "is_rare_pickup_point": rare(p_lon, p_lat).astype("float64"),
        "is_rare_dropoff_point": rare(d_lon, d_lat).astype("float64"),
        "vendor_2": (frame["vendor_id"].to_numpy("float64") == 2).astype("float64"),
        "store_and_fwd": (frame["store_and_fwd_flag"] == "Y").to_numpy("float64"),
        "passenger_count": np.minimum(frame["passenger_count"].to_numpy("float64"), 6),
        "pickup_longitude": p_lon,
        "pickup_latitude": p_lat,
        "dropoff_longitude": d_lon,
        "dropoff_latitude": d_lat,
    }
    return pd.DataFrame({name: out[name] for name in FEATURES}, index=frame.index)
`;
}

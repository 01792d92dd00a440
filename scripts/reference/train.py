"""Linear models vs scikit-learn on the course's diabetes split -> tests/fixtures/reference/train.json."""

import numpy as np
import pandas as pd
from sklearn.linear_model import Lasso, LinearRegression, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from _common import write_fixture

data = pd.read_csv("datasets/diabetes/diabetes.csv")
split = pd.read_csv("datasets/diabetes/diabetes-course-split.csv")["split"]
features = [c for c in data.columns if c != "target"]
X_train, y_train = data[split == "train"][features].to_numpy(float), data[split == "train"]["target"].to_numpy(float)
X_test, y_test = data[split == "test"][features].to_numpy(float), data[split == "test"]["target"].to_numpy(float)
scaler = StandardScaler().fit(X_train)
Xs_train = scaler.transform(X_train)

cases = []
ols = LinearRegression().fit(X_train, y_train)
cases.append({
    "name": "ols",
    "coef": ols.coef_, "intercept": ols.intercept_,
    "train_mse": mean_squared_error(y_train, ols.predict(X_train)),
    "test_mse": mean_squared_error(y_test, ols.predict(X_test)),
})
cases.append({"name": "scaler", "mean": scaler.mean_, "scale": scaler.scale_})
for alpha in [0.01, 0.1, 1.0, 10.0]:
    for scaled in [False, True]:
        X = Xs_train if scaled else X_train
        r = Ridge(alpha=alpha).fit(X, y_train)
        cases.append({"name": f"ridge alpha={alpha} scaled={scaled}", "model": "ridge", "alpha": alpha, "scaled": scaled, "coef": r.coef_, "intercept": r.intercept_})
        l = Lasso(alpha=alpha).fit(X, y_train)
        cases.append({"name": f"lasso alpha={alpha} scaled={scaled}", "model": "lasso", "alpha": alpha, "scaled": scaled, "coef": l.coef_, "intercept": l.intercept_, "n_iter": l.n_iter_})
for model, cls in [("ridge", Ridge), ("lasso", Lasso)]:
    grid = GridSearchCV(cls(), {"alpha": [0.01, 0.1, 1.0, 10.0]}, cv=KFold(5, shuffle=False), scoring="neg_mean_squared_error").fit(Xs_train, y_train)
    cases.append({"name": f"grid {model}", "model": model, "mean_test_score": grid.cv_results_["mean_test_score"], "best_alpha": grid.best_params_["alpha"]})
enc = OneHotEncoder(handle_unknown="ignore").fit(np.array([["b"], ["a"], ["c"], ["a"]]))
cases.append({"name": "onehot", "categories": [str(c) for c in enc.categories_[0]], "transform": enc.transform(np.array([["c"], ["a"], ["z"]])).toarray()})
write_fixture("train.json", "train.py", cases)

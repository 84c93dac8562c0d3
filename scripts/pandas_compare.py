#!/usr/bin/env python3
"""The analyst's notebook we must beat: read a survey export with pandas and compute
the figures `planwright survey` prints (NPS with its parts, rating means and top-2-box,
choice counts, multi-choice counts split on ┋). Prints the seconds it took.

    python3 scripts/pandas_compare.py EXPORT.csv
"""
import sys
import time

import pandas as pd

start = time.perf_counter()
df = pd.read_csv(sys.argv[1])
figures = {}
SCALE = {"非常不满意": 1, "不满意": 2, "一般": 3, "满意": 4, "非常满意": 5}
text = pd.api.types.is_string_dtype
for col in df.columns:
    s = df[col].dropna()
    if "推荐" in col:
        n = len(s)
        p, d = (s >= 9).sum() / n, (s <= 6).sum() / n
        figures[col] = {"nps": round((p - d) * 100, 1), "moe95": round(1.96 * ((p + d - (p - d) ** 2) / n) ** 0.5 * 100, 1)}
    elif text(s) and s.isin(SCALE.keys()).all():
        v = s.map(SCALE)
        figures[col] = {"mean": round(v.mean(), 2), "top2": round((v >= 4).mean() * 100, 1)}
    elif text(s) and s.str.contains("┋", regex=False).any():
        figures[col] = s.str.split("┋").explode().value_counts().to_dict()
    elif not text(s) and s.between(1, 5).all() and s.nunique() <= 5:
        figures[col] = {"mean": round(s.mean(), 2), "top2": round((s >= 4).mean() * 100, 1)}
    elif s.nunique() <= 40:
        figures[col] = s.value_counts().to_dict()
    else:
        figures[col] = {"answered": int(s.count())}
elapsed = time.perf_counter() - start
print(f"pandas {pd.__version__}: {len(df)} rows × {len(df.columns)} columns, figures for {len(figures)} columns in {elapsed:.2f} s")

#!/usr/bin/env python3
"""NumPy reference values for Orrery's indexing, updates and sorting.

Writes packages/core/test/fixtures/indexing/indexing.json. Run from anywhere:

    python3 packages/core/scripts/indexing/make-fixtures.py

Arrays are encoded as {"shape", "dtype", "data"} with NaN/inf as strings (JSON has no NaN).
Index specs are encoded as: an int; {"slice": [start, stop, step]} (null parts allowed);
{"new": true}; "..."; or an array (int32 or bool).
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(20240611)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "indexing", "indexing.json")


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def enc(a):
    a = np.asarray(a)
    dtype = {"f": "float64", "i": "int32", "u": "int32", "b": "bool"}[a.dtype.kind]
    return {"shape": list(a.shape), "dtype": dtype, "data": [num(v) for v in a.ravel()]}


def enc_spec(sp):
    if sp is None:
        return {"new": True}
    if sp is Ellipsis:
        return "..."
    if isinstance(sp, int):
        return sp
    if isinstance(sp, slice):
        return {"slice": [sp.start, sp.stop, sp.step]}
    return enc(np.asarray(sp))


def arange(shape, dtype=np.float64):
    return np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)


I = lambda *v: np.array(v, dtype=np.int32)  # noqa: E731

x1 = arange((10,))
x3 = arange((3, 4, 5))
x4 = arange((2, 3, 4, 5))
mask2 = rng.random((3, 4)) < 0.5

index_cases = [
    ("int", x3, (1,)),
    ("neg int", x3, (-1, 2)),
    ("slices", x3, (slice(1, 3), slice(None), slice(0, 5, 2))),
    ("neg step", x1, (slice(None, None, -1),)),
    ("neg step bounds", x1, (slice(8, 1, -3),)),
    ("neg start stop", x1, (slice(-7, -1, 2),)),
    ("empty slice", x1, (slice(5, 2),)),
    ("empty neg", x1, (slice(2, 5, -1),)),
    ("big step", x1, (slice(1, None, 20),)),
    ("newaxis", x3, (None, 0, None, slice(None), 1)),
    ("ellipsis", x4, (Ellipsis, 1)),
    ("ellipsis mid", x4, (0, Ellipsis, slice(None, None, -2))),
    ("ellipsis newaxis", x3, (Ellipsis, None)),
    ("int array", x3, (I(2, 0, -1),)),
    ("int array 2d", x3, (slice(None), I([[0, 3], [-2, 1]]))),
    ("two arrays adjacent", x3, (slice(None), I(0, 3, 1), I(4, 0, 2))),
    ("two arrays broadcast", x3, (I([[0], [2]]), I(1, 3))),
    ("arrays separated", x3, (I(0, 2), slice(None), I(1, 4))),
    ("array and int adjacent", x3, (slice(None), 2, I(0, -1))),
    ("array and int separated", x3, (0, slice(None), I(1, 2, 3))),
    ("array with newaxis", x3, (I(0, 1), None, I(2, 3))),
    ("array after slice", x4, (slice(None), slice(1, None), I(0, 3), I(1, 2))),
    ("array neg step mix", x4, (I(1, 0), slice(None, None, -1), Ellipsis, I(4, 0))),
    ("scalar array", x3, (np.array(1, dtype=np.int32), slice(None), 0)),
    ("bool mask", x3, (mask2,)),
    ("bool mask axis", x3, (slice(None), Ellipsis, rng.random(5) < 0.5)),
    ("bool mask 1d", x1, (x1 > 4.5,)),
]

fixtures = {"index": [], "take": [], "takeAlongAxis": [], "addAt": [], "set": [], "sort": [], "searchsorted": [], "unique": []}

for name, x, spec in index_cases:
    fixtures["index"].append({"name": name, "x": enc(x), "specs": [enc_spec(s) for s in spec], "expected": enc(x[spec])})

for name, x, idx, axis in [
    ("flat", x3, I(0, 59, -1, 7), None),
    ("axis0", x3, I([1, 0], [2, 2]), 0),
    ("axis1 neg", x3, I(-1, 0, 3), 1),
    ("last axis", x3, I([[4, 0], [1, -2]]), -1),
    ("scalar index", x3, np.array(2, dtype=np.int32), 2),
]:
    fixtures["take"].append({"name": name, "x": enc(x), "indices": enc(idx), "axis": axis, "expected": enc(np.take(x, idx, axis=axis))})

for name, x, idx, axis in [
    ("axis1", rng.normal(size=(3, 4)), rng.integers(0, 4, size=(3, 6)).astype(np.int32), 1),
    ("axis0", rng.normal(size=(3, 4)), rng.integers(-3, 3, size=(2, 4)).astype(np.int32), 0),
    ("broadcast", rng.normal(size=(1, 5)), rng.integers(0, 5, size=(3, 2)).astype(np.int32), 1),
    ("3d", rng.normal(size=(2, 3, 4)), rng.integers(0, 3, size=(2, 5, 4)).astype(np.int32), 1),
    ("flat", rng.normal(size=(2, 3)), I(5, 0, 3, 3), None),
]:
    fixtures["takeAlongAxis"].append({"name": name, "x": enc(x), "indices": enc(idx), "axis": axis, "expected": enc(np.take_along_axis(x, idx, axis=axis))})

# Updates: np.add.at accumulates duplicates; fancy assignment takes the last duplicate.
upd_cases = [
    ("dup 1d", x1, (I(0, 3, 3, -1, 0),), rng.normal(size=5)),
    ("rows", x3, (I(2, 0, 2),), rng.normal(size=(3, 4, 5))),
    ("scalar broadcast", x3, (slice(None), I(1, 1)), 2.5),
    ("two arrays", x3, (I(0, 2, 0), slice(None), I(4, 4, 4)), rng.normal(size=(3, 4))),
    ("basic slice", x3, (slice(None, None, -1), 1, slice(1, 4)), rng.normal(size=(3, 3))),
    ("int", x3, (1, 2), rng.normal(size=(5,))),
    ("newaxis ellipsis", x3, (Ellipsis, None, 3), rng.normal(size=(3, 4, 1))),
    ("mask", x3, (mask2,), 7.0),
    ("whole", x1, (Ellipsis,), rng.normal(size=(10,))),
]
for name, x, spec, v in upd_cases:
    added = x.copy()
    np.add.at(added, spec, v)
    setx = x.copy()
    setx[spec] = v
    common = {"name": name, "x": enc(x), "specs": [enc_spec(s) for s in spec], "values": enc(np.asarray(v, dtype=np.float64))}
    fixtures["addAt"].append({**common, "expected": enc(added)})
    fixtures["set"].append({**common, "expected": enc(setx)})

with_nan = rng.normal(size=(3, 7))
with_nan[0, 2] = np.nan
with_nan[1, [0, 5]] = np.nan
with_nan[2, 3] = np.inf
with_nan[2, 4] = -np.inf
ties = rng.integers(0, 3, size=(4, 6)).astype(np.float64)
for name, x, axis in [
    ("nan last axis", with_nan, -1),
    ("nan axis0", with_nan, 0),
    ("ties stable", ties, 1),
    ("ties axis0", ties, 0),
    ("ints", rng.integers(-5, 5, size=(9,)).astype(np.int32), 0),
    ("flat", with_nan, None),
]:
    fixtures["sort"].append(
        {
            "name": name,
            "x": enc(x),
            "axis": axis,
            "sorted": enc(np.sort(x, axis=axis)),
            "argsort": enc(np.argsort(x, axis=axis, kind="stable").astype(np.int32)),
        }
    )

keys = [ties[0], ties[1]]
fixtures["lexsort"] = [{"keys": [enc(k) for k in keys], "expected": enc(np.lexsort(keys).astype(np.int32))}]

a_sorted = np.array([0.0, 1.0, 1.0, 1.0, 2.5, 4.0, np.nan, np.nan])
v_search = np.array([[-1.0, 0.0, 1.0, 1.5], [2.5, 4.0, 9.0, np.nan]])
for side in ("left", "right"):
    fixtures["searchsorted"].append({"a": enc(a_sorted), "v": enc(v_search), "side": side, "expected": enc(np.searchsorted(a_sorted, v_search, side=side).astype(np.int32))})
ints_sorted = np.array([1, 3, 3, 7], dtype=np.int32)
fixtures["searchsorted"].append({"a": enc(ints_sorted), "v": enc(np.array([0, 3, 4, 8], dtype=np.int32)), "side": "left", "expected": enc(np.searchsorted(ints_sorted, [0, 3, 4, 8]).astype(np.int32))})

for name, x in [
    ("floats nan", np.array([3.0, 1.0, np.nan, 3.0, -2.0, np.nan, 1.0])),
    ("2d ints", rng.integers(0, 4, size=(3, 4)).astype(np.int32)),
]:
    vals, idx, inv, counts = np.unique(x, return_index=True, return_inverse=True, return_counts=True)
    fixtures["unique"].append(
        {"name": name, "x": enc(x), "values": enc(vals), "index": enc(idx.astype(np.int32)), "inverse": enc(inv.reshape(-1).astype(np.int32)), "counts": enc(counts.astype(np.int32))}
    )

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(fixtures, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {os.path.relpath(OUT)}: " + ", ".join(f"{k} {len(v)}" for k, v in fixtures.items()))

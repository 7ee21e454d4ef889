#!/usr/bin/env python3
"""Reference values for the linear-algebra tests (NumPy / SciPy).

Writes packages/core/test/fixtures/linalg/linalg.json. Run from anywhere:
    python3 packages/core/scripts/linalg/make-fixtures.py
Every array is stored as {"shape": [...], "dtype": "...", "data": [flat row-major values]}.
"""
import json
import os

import numpy as np
import scipy.linalg as sla

rng = np.random.default_rng(20240611)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "linalg", "linalg.json")


def enc(x):
    x = np.asarray(x)
    dtype = "int32" if x.dtype.kind in "iu" else "float64"
    vals = x.astype(np.int64 if dtype == "int32" else np.float64).ravel().tolist()
    return {"shape": list(x.shape), "dtype": dtype, "data": vals}


def randn(*shape):
    return rng.standard_normal(shape)


def spd(*shape):
    n = shape[-1]
    a = randn(*shape)
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


def dot_general_ref(x, y, contracting, batch):
    (lc, rc), (lb, rb) = contracting, batch
    lf = [i for i in range(x.ndim) if i not in lc and i not in lb]
    rf = [i for i in range(y.ndim) if i not in rc and i not in rb]
    xt = np.transpose(x, lb + lf + lc)
    yt = np.transpose(y, rb + rc + rf)
    bs = [x.shape[d] for d in lb]
    m = [x.shape[d] for d in lf]
    n = [y.shape[d] for d in rf]
    k = int(np.prod([x.shape[d] for d in lc]))
    xr = xt.reshape(int(np.prod(bs)), int(np.prod(m)), k)
    yr = yt.reshape(int(np.prod(bs)), k, int(np.prod(n)))
    return np.matmul(xr, yr).reshape(bs + m + n)


fx = {}

# dot_general: (lhs shape, rhs shape, contracting, batch, dtype)
dg = [
    ((3, 4), (4, 5), ([1], [0]), ([], []), "float64"),
    ((4, 3), (4, 5), ([0], [0]), ([], []), "float64"),
    ((3, 4), (5, 4), ([1], [1]), ([], []), "float64"),
    ((2, 3, 4), (2, 4, 5), ([2], [1]), ([0], [0]), "float64"),
    ((3, 2, 4), (4, 5, 2), ([2], [0]), ([1], [2]), "float64"),
    ((2, 3, 4, 5), (5, 4, 6), ([2, 3], [1, 0]), ([], []), "float64"),
    ((4,), (4,), ([0], [0]), ([], []), "float64"),
    ((3,), (2,), ([], []), ([], []), "float64"),
    ((2, 3, 4), (4, 2, 6, 3), ([1], [3]), ([0], [1]), "float64"),
    ((3, 4), (4, 2), ([1], [0]), ([], []), "int32"),
    ((0, 3), (3, 2), ([1], [0]), ([], []), "float64"),
    ((3, 0), (0, 2), ([1], [0]), ([], []), "float64"),
]
fx["dot_general"] = []
for ls, rs, c, b, dt in dg:
    if dt == "int32":
        x = rng.integers(-5, 6, ls).astype(np.int32)
        y = rng.integers(-5, 6, rs).astype(np.int32)
    else:
        x, y = randn(*ls), randn(*rs)
    fx["dot_general"].append({
        "lhs": enc(x), "rhs": enc(y), "contracting": [c[0], c[1]], "batch": [b[0], b[1]],
        "out": enc(dot_general_ref(x, y, (c[0], c[1]), (b[0], b[1]))),
    })

mm = [((3, 4), (4, 5)), ((4,), (4,)), ((4,), (4, 3)), ((3, 4), (4,)), ((2, 3, 4), (4, 5)),
      ((2, 1, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 3)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)), ((1, 1), (1, 1))]
fx["matmul"] = []
for ls, rs in mm:
    x, y = randn(*ls), randn(*rs)
    fx["matmul"].append({"a": enc(x), "b": enc(y), "out": enc(np.matmul(x, y))})

fx["dot"] = []
for ls, rs in [((3, 4), (4, 5)), ((4,), (4,)), ((2, 3, 4), (5, 4, 2)), ((3,), (2, 3, 4)), ((), (3,)), ((3, 4), ())]:
    x, y = randn(*ls), randn(*rs)
    fx["dot"].append({"a": enc(x), "b": enc(y), "out": enc(np.dot(x, y))})

es = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),
    ("ij->ji", [(3, 4)]),
    ("ii->i", [(4, 4)]),
    ("ii", [(4, 4)]),
    ("ij->", [(3, 4)]),
    ("i,i->", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,jk", [(2, 3, 4), (4, 5)]),
    ("ij...,j->i...", [(3, 4, 2), (4,)]),
    ("ijk,ikl,lm->jm", [(2, 3, 4), (2, 4, 5), (5, 3)]),
    ("i,i,i->i", [(4,), (4,), (4,)]),
    ("iij->j", [(3, 3, 2)]),
    ("ab,cd->abcd", [(2, 3), (2, 2)]),
    ("ijk->kij", [(2, 3, 4)]),
    ("ij,ij->i", [(3, 4), (3, 4)]),
    ("i...->...", [(3, 2, 2)]),
    ("ba,ac,cb", [(3, 4), (4, 2), (2, 3)]),
]
fx["einsum"] = []
for sub, shapes in es:
    ops = [randn(*s) for s in shapes]
    fx["einsum"].append({"subscripts": sub, "operands": [enc(o) for o in ops], "out": enc(np.einsum(sub, *ops))})

fx["cholesky"] = []
for shape in [(1, 1), (3, 3), (5, 5), (2, 4, 4), (2, 3, 2, 2)]:
    a = spd(*shape)
    fx["cholesky"].append({"a": enc(a), "out": enc(np.linalg.cholesky(a))})

fx["solve"] = []
for ash, bsh in [((3, 3), (3,)), ((4, 4), (4, 2)), ((2, 3, 3), (2, 3, 2)), ((2, 3, 3), (3, 1)), ((1, 1), (1,))]:
    a, b = randn(*ash) + 2 * np.eye(ash[-1]), randn(*bsh)
    fx["solve"].append({"a": enc(a), "b": enc(b), "out": enc(np.linalg.solve(a, b))})

fx["inv"] = []
for shape in [(1, 1), (3, 3), (2, 4, 4)]:
    a = randn(*shape)
    fx["inv"].append({"a": enc(a), "out": enc(np.linalg.inv(a))})

fx["slogdet"] = []
for shape in [(1, 1), (3, 3), (4, 4), (2, 3, 3), (3, 2, 2)]:
    a = randn(*shape)
    s, l = np.linalg.slogdet(a)
    fx["slogdet"].append({"a": enc(a), "sign": enc(s), "logabsdet": enc(l), "det": enc(np.linalg.det(a))})

fx["lu"] = []
for shape in [(3, 3), (4, 4), (2, 3, 3), (4, 3), (3, 5)]:
    a = randn(*shape)
    lus, pivs, perms = [], [], []
    for mat in a.reshape(-1, *shape[-2:]):
        lu_, piv = sla.lu_factor(mat)
        perm = np.arange(shape[-2])
        for i, p in enumerate(piv):
            perm[[i, p]] = perm[[p, i]]
        lus.append(lu_); pivs.append(piv); perms.append(perm)
    lead = shape[:-2]
    fx["lu"].append({
        "a": enc(a),
        "lu": enc(np.array(lus).reshape(shape)),
        "pivots": enc(np.array(pivs).reshape(*lead, min(shape[-2:]))),
        "permutation": enc(np.array(perms).reshape(*lead, shape[-2])),
    })

fx["triangular_solve"] = []
for left in [True, False]:
    for lower in [True, False]:
        for trans in [False, True]:
            for unit in [False, True]:
                m, n = 4, 3
                a = randn(m, m) + 4 * np.eye(m)  # the other triangle is garbage: must not be read
                b = randn(m, n) if left else randn(n, m)
                tri = np.tril(a) if lower else np.triu(a)
                if unit:
                    tri = tri - np.diag(np.diag(tri)) + np.eye(m)
                op = tri.T if trans else tri
                x = np.linalg.solve(op, b) if left else np.linalg.solve(op.T, b.T).T
                fx["triangular_solve"].append({
                    "a": enc(a), "b": enc(b), "leftSide": left, "lower": lower, "transposeA": trans,
                    "unitDiagonal": unit, "out": enc(x),
                })
# a batched case
a = randn(2, 3, 3) + 3 * np.eye(3)
b = randn(2, 3, 2)
x = np.stack([sla.solve_triangular(a[i], b[i], lower=True) for i in range(2)])
fx["triangular_solve"].append({"a": enc(a), "b": enc(b), "leftSide": True, "lower": True, "transposeA": False,
                               "unitDiagonal": False, "out": enc(x)})

fx["trace"] = []
for shape, off in [((3, 3), 0), ((3, 4), 1), ((4, 3), -1), ((2, 3, 3), 0)]:
    a = randn(*shape)
    fx["trace"].append({"a": enc(a), "offset": off,
                        "trace": enc(np.trace(a, offset=off, axis1=-2, axis2=-1)),
                        "diagonal": enc(np.diagonal(a, offset=off, axis1=-2, axis2=-1))})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(fx, f, separators=(",", ":"))
print("wrote", os.path.normpath(OUT))

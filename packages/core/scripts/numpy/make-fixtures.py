#!/usr/bin/env python3
"""NumPy reference values for Orrery's `np` namespace (array semantics).

Writes packages/core/test/fixtures/numpy/{broadcasting,elementwise,reductions,shape,creation}.json.
Run from anywhere (Python 3, NumPy >= 2; no other dependencies):

    python3 packages/core/scripts/numpy/make-fixtures.py

Arrays are encoded as {"shape", "dtype", "data"} with NaN/inf as the strings "NaN", "Infinity",
"-Infinity" (JSON has no NaN). NumPy int64 results are written as int32 (Orrery has no int64;
every integer value here fits). A plain JSON number argument stands for a Python scalar, which
NumPy 2 (NEP 50) treats as weakly typed, like a JS number in Orrery.

Each case is {"fn", "args", "kwargs", "expected"} (expected: an array or a list of arrays) and the
tests dispatch on "fn" with Orrery's spelling of the call.
"""
import json
import warnings
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "numpy")
rng = np.random.default_rng(20240612)


def num(v):
    if isinstance(v, (bool, np.bool_)):
        return 1 if v else 0
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return int(v) if v.is_integer() and abs(v) < 2**53 and not (v == 0 and math.copysign(1, v) < 0) else v


DT = {"f8": "float64", "f4": "float32", "i4": "int32", "i8": "int32", "u4": "uint32", "b1": "bool"}


def enc(a):
    a = np.asarray(a)
    key = a.dtype.kind + str(a.dtype.itemsize)
    if key == "i8":
        assert a.size == 0 or (a.min() >= -(2**31) and a.max() < 2**31), "int64 value does not fit int32"
    return {"shape": list(a.shape), "dtype": DT[key], "data": [num(v) for v in a.ravel()]}


def arg(x):
    if x is None:
        return None
    if type(x) in (int, float):
        return num(x)  # a Python scalar: weak (np.float64 scalars are rank-0 arrays)
    if isinstance(x, (list, tuple)):
        return [enc(np.asarray(a)) for a in x]
    return enc(x)


def case(fn, args, expected, **kwargs):
    out = {"fn": fn, "args": [arg(a) for a in args], "kwargs": kwargs}
    out["expected"] = [enc(e) for e in expected] if isinstance(expected, (list, tuple)) else enc(expected)
    return out


def write(name, obj):
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def randn(shape, dtype=np.float64):
    return rng.standard_normal(shape).astype(dtype)


def randi(shape, lo=-9, hi=10):
    return rng.integers(lo, hi, size=shape).astype(np.int32)


np.seterr(all="ignore")
warnings.simplefilter("ignore", RuntimeWarning)

# ---------------------------------------------------------------------------------------------
# Broadcasting of binary ops.
shape_pairs = [
    ((), ()), ((), (3,)), ((4,), ()), ((3,), (3,)), ((1,), (5,)), ((2, 3), (3,)), ((2, 3), (1, 3)),
    ((2, 1), (1, 3)), ((3, 1), (3,)), ((2, 3, 4), (4,)), ((2, 3, 4), (3, 1)), ((2, 1, 4), (1, 3, 1)),
    ((1, 1, 1), (2, 3)), ((5, 1, 3), (4, 1)), ((0,), ()), ((0,), (1,)), ((0, 3), (3,)), ((2, 0), (2, 1)),
    ((1, 0), (4, 1)), ((0,), (0,)), ((), (2, 0, 3)), ((3, 1, 1, 2), (1, 4, 1)), ((1,), ()), ((1, 1), (1,)),
]
bops = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
        "maximum": np.maximum, "less": np.less, "equal": np.equal}
broadcasting = []
for i, (sa, sb) in enumerate(shape_pairs):
    fn = list(bops)[i % len(bops)]
    a = np.round(randn(sa) * 4, 1)
    b = np.round(randn(sb) * 4, 1) + 0.05
    broadcasting.append(case(fn, [a, b], bops[fn](a, b)))
    broadcasting.append(case("add", [b, a], np.add(b, a)))
    ia, ib = randi(sa), randi(sb)
    broadcasting.append(case("multiply", [ia, ib], np.multiply(ia, ib)))
# weak scalars and mixed dtypes
x = randn((2, 3))
xi = randi((2, 3))
xf32 = randn((2, 3), np.float32)
broadcasting += [
    case("add", [x, 2], x + 2),
    case("add", [xi, 2], xi + 2),
    case("add", [xi, 2.5], xi + 2.5),
    case("multiply", [xf32, 1.5], xf32 * 1.5),
    case("subtract", [3, xi], 3 - xi),
    case("add", [xi, x], xi + x),
    # int32 + float32 is float32 in JAX's lattice but float64 in NumPy's: see promotion.test.ts.
    case("add", [xf32, x], xf32 + x),
    case("add", [np.array([True, False, True]), np.array([True, True, False])], np.array([True, False, True]) + np.array([True, True, False])),
    case("multiply", [np.array([True, False]), np.array([[True], [False]])], np.multiply(np.array([True, False]), np.array([[True], [False]]))),
    case("add", [np.array([True, False]), 1], np.array([True, False]) + 1),
    case("add", [np.array([True, False]), 0.5], np.array([True, False]) + 0.5),
]
write("broadcasting", {"cases": broadcasting})

# ---------------------------------------------------------------------------------------------
# Elementwise functions.
SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan]
unary_domains = {
    "negative": (np.negative, -10, 10), "abs": (np.abs, -10, 10), "absolute": (np.absolute, -10, 10),
    "sign": (np.sign, -10, 10), "exp": (np.exp, -700, 700), "exp2": (np.exp2, -1000, 1000),
    "expm1": (np.expm1, -5, 5), "log": (np.log, 0, 1e6), "log1p": (np.log1p, -1, 10),
    "log2": (np.log2, 0, 1e6), "log10": (np.log10, 0, 1e6), "sqrt": (np.sqrt, 0, 1e6),
    "cbrt": (np.cbrt, -1e6, 1e6), "square": (np.square, -1e3, 1e3), "reciprocal": (np.reciprocal, -10, 10),
    "sin": (np.sin, -10, 10), "cos": (np.cos, -10, 10), "tan": (np.tan, -1.5, 1.5),
    "arcsin": (np.arcsin, -1, 1), "arccos": (np.arccos, -1, 1), "arctan": (np.arctan, -100, 100),
    "sinh": (np.sinh, -20, 20), "cosh": (np.cosh, -20, 20), "tanh": (np.tanh, -20, 20),
    "arcsinh": (np.arcsinh, -100, 100), "arccosh": (np.arccosh, 1, 100), "arctanh": (np.arctanh, -1, 1),
    "deg2rad": (np.deg2rad, -720, 720), "rad2deg": (np.rad2deg, -10, 10),
    "floor": (np.floor, -10, 10), "ceil": (np.ceil, -10, 10), "trunc": (np.trunc, -10, 10),
    "rint": (np.rint, -10, 10), "isnan": (np.isnan, -10, 10), "isinf": (np.isinf, -10, 10),
    "isfinite": (np.isfinite, -10, 10), "rsqrt": (lambda v: 1 / np.sqrt(v), 0, 100),
    "logicalNot": (np.logical_not, -2, 2), "positive": (np.positive, -10, 10),
}
extra = {
    "log": [1.0, 1e-300, 5e-324, 2.0, -1.0], "log2": [1.0, 8.0, 0.5, 2.0**-1074, 3.0],
    "log10": [1.0, 1000.0, 0.001, 1e-300], "log1p": [-1.0, 1e-10, -1e-10, 1e-300],
    "expm1": [1e-10, -1e-10, 1e-300, 50.0], "exp": [709.7, 710.0, -745.0, -746.0],
    "arcsin": [1.0, -1.0, 1.5], "arccos": [1.0, -1.0, 1.5], "arctanh": [1.0, -1.0, 2.0, 1e-20],
    "arccosh": [1.0, 0.5], "sqrt": [-1.0, 1e-300, 4.0], "cbrt": [-8.0, 27.0, -1e-300],
    "rint": [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 4.5, 0.49999999999999994, 4503599627370495.5],
    "floor": [-0.5, 0.5, -1.0, 4503599627370495.5], "ceil": [-0.5, 0.5, -1.0], "trunc": [-1.7, 1.7, -0.2],
    "sign": [-1e-300], "reciprocal": [1e-310, -4.0], "tan": [np.pi / 4],
    "sinh": [1e-10, 710.0], "cosh": [710.0], "tanh": [1e-10, -1e-10],
}
elementwise = []
for fn, (f, lo, hi) in unary_domains.items():
    vals = rng.uniform(lo, hi, 24)
    if fn in ("log", "log2", "log10", "sqrt"):
        vals = np.exp(rng.uniform(-20, math.log(hi), 24))
    x = np.array(list(vals) + SPECIAL + extra.get(fn, []), dtype=np.float64)
    elementwise.append(case(fn, [x], f(x)))
# integer and bool inputs of the dtype-preserving unary functions
xi = np.array([-7, -3, -1, 0, 1, 2, 5, 2147483647, -2147483647], dtype=np.int32)
for fn, f in [("negative", np.negative), ("abs", np.abs), ("sign", np.sign), ("square", np.square),
              ("floor", np.floor), ("ceil", np.ceil), ("trunc", np.trunc), ("rint", np.rint),
              ("isnan", np.isnan), ("isinf", np.isinf), ("isfinite", np.isfinite), ("logicalNot", np.logical_not)]:
    v = xi[:-2] if fn == "square" else xi
    # NumPy's floor/ceil/trunc/rint of int32 give float64 in NumPy < 2.1 but int in JAX and
    # NumPy >= 2.1 (dtype kept); Orrery keeps the dtype.
    r = f(v)
    if fn in ("floor", "ceil", "trunc", "rint"):
        r = v.copy()
    elementwise.append(case(fn, [v], r))
for fn, f in [("exp", np.exp), ("sqrt", np.sqrt), ("sin", np.sin), ("log", np.log), ("reciprocal", lambda v: 1.0 / v)]:
    v = np.array([1, 2, 3, 4, 9], dtype=np.int32)
    elementwise.append(case(fn, [v], f(v)))
b = np.array([True, False, True, False])
elementwise.append(case("logicalNot", [b], np.logical_not(b)))
elementwise.append(case("abs", [b], np.abs(b)))

# round with decimals (NumPy: multiply, rint, divide)
xr = np.array([0.5, 1.5, 2.5, -0.5, -2.5, 2.675, 1.005, -1.235, 123.456, 0.125, 0.375, np.nan, np.inf, -0.0])
for d in [0, 1, 2, -1]:
    elementwise.append(case("round", [xr], np.round(xr, d), decimals=d))
xri = np.array([15, -25, 1, 25, 35, -15, 149, 150, 250, 2147483600, -2147483600], dtype=np.int32)
for d in [0, 2, -1, -2]:
    elementwise.append(case("round", [xri], np.round(xri, d), decimals=d))

# binary functions on float pairs (broadcast [k,1] against [m]) and special values
bin_funcs = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
    "trueDivide": np.true_divide, "power": np.power, "maximum": np.maximum, "minimum": np.minimum,
    "arctan2": np.arctan2, "floorDivide": np.floor_divide, "mod": np.mod, "remainder": np.remainder,
    "fmod": np.fmod, "hypot": np.hypot, "logaddexp": np.logaddexp, "equal": np.equal,
    "notEqual": np.not_equal, "less": np.less, "lessEqual": np.less_equal, "greater": np.greater,
    "greaterEqual": np.greater_equal, "logicalAnd": np.logical_and, "logicalOr": np.logical_or,
    "logicalXor": np.logical_xor,
}
sv = np.array([0.0, -0.0, 1.0, -1.0, 2.5, -2.5, np.inf, -np.inf, np.nan], dtype=np.float64)
for fn, f in bin_funcs.items():
    a = np.round(rng.uniform(-10, 10, (6, 1)), 2)
    c = np.round(rng.uniform(-10, 10, (5,)), 2)
    if fn == "power":
        a = np.abs(a) + 0.1
    c[0] = 0.0 if fn not in ("divide", "trueDivide", "floorDivide", "mod", "remainder", "fmod") else c[0]
    elementwise.append(case(fn, [a, c], f(a, c)))
    # pow(±1, NaN/±inf) is 1 in C and NumPy, NaN in JS's Math.pow: a separate case below.
    svx = sv[np.abs(sv) != 1.0] if fn == "power" else sv
    elementwise.append(case(fn, [svx[:, None], sv[None, :]], f(svx[:, None], sv[None, :])))

# sign conventions of floor division and remainders
num_ = np.array([7.0, -7.0, 7.0, -7.0, 7.5, -7.5, 1.0, 1.0, -1.0, 0.3, 6.0, -6.0, 1e300, 5e-324])
den = np.array([2.0, 2.0, -2.0, -2.0, 2.0, -2.0, 0.1, -0.1, 0.1, 0.1, 3.0, 3.0, 1e-300, 1.0])
for fn, f in [("floorDivide", np.floor_divide), ("mod", np.mod), ("fmod", np.fmod)]:
    elementwise.append(case(fn, [num_, den], f(num_, den)))
ni = np.array([7, -7, 7, -7, 6, -6, 0, 1, -1, 2147483647, -2147483647], dtype=np.int32)
di = np.array([2, 2, -2, -2, 3, 3, 5, -5, 5, 2, -3], dtype=np.int32)
for fn, f in [("floorDivide", np.floor_divide), ("mod", np.mod), ("fmod", np.fmod), ("remainder", np.remainder)]:
    elementwise.append(case(fn, [ni, di], f(ni, di)))
elementwise.append(case("floorDivide", [ni, 2], np.floor_divide(ni, 2)))
elementwise.append(case("mod", [ni, -3], np.mod(ni, -3)))

# power: negative bases, integer exponents, integer dtypes
pb = np.array([-2.0, -2.0, -2.0, -0.5, -8.0, 0.0, -0.0, 0.0, 1.0, -1.0, -1.0, 10.0, 2.0, np.nan, -3.0, 0.5, 0.5])
pe = np.array([3.0, 2.0, -3.0, -2.0, 1 / 3, -1.0, -1.0, 0.0, 7.5, 3.0, 0.5, 308.0, -1074.0, 0.0, -np.inf, np.inf, -np.inf])
elementwise.append(case("power", [pb, pe], np.power(pb, pe)))
pb1 = np.array([1.0, 1.0, 1.0, -1.0, -1.0])
pe1 = np.array([np.nan, np.inf, -np.inf, np.inf, -np.inf])
elementwise.append(case("power", [pb1, pe1], np.power(pb1, pe1), edge="pow(+-1, nan/inf)"))
elementwise.append(case("power", [np.array([-3, -2, 0, 1, 2, 3, 7], dtype=np.int32), np.array([3, 2, 5, 9, 10, 0, 4], dtype=np.int32)],
                        np.power(np.array([-3, -2, 0, 1, 2, 3, 7], dtype=np.int32), np.array([3, 2, 5, 9, 10, 0, 4], dtype=np.int32))))
elementwise.append(case("power", [np.array([-3, -2, 2, 5], dtype=np.int32), 2], np.power(np.array([-3, -2, 2, 5], dtype=np.int32), 2)))
elementwise.append(case("power", [np.array([-3.0, -2.0, 2.0, 5.0]), 3], np.power(np.array([-3.0, -2.0, 2.0, 5.0]), 3)))
elementwise.append(case("power", [np.array([4, 9], dtype=np.int32), 0.5], np.power(np.array([4, 9], dtype=np.int32), 0.5)))

# arctan2 quadrants and signed zeros
ys = np.array([1.0, 1.0, -1.0, -1.0, 0.0, -0.0, 0.0, -0.0, 1.0, -1.0, np.inf, np.inf, -np.inf, 0.0, 3.0])
xs = np.array([1.0, -1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 0.0, 0.0, np.inf, -np.inf, np.inf, -0.0, -4.0])
elementwise.append(case("arctan2", [ys, xs], np.arctan2(ys, xs)))

# hypot, logaddexp with infinities
hx = np.array([3.0, 1e300, 1e-300, 0.0, np.inf, -np.inf, np.inf, np.nan, 5e-324, -3.0])
hy = np.array([4.0, 1e300, 1e-300, 0.0, np.nan, 1.0, np.inf, np.nan, 5e-324, -4.0])
elementwise.append(case("hypot", [hx, hy], np.hypot(hx, hy)))
lx = np.array([0.0, np.inf, -np.inf, -np.inf, np.inf, -np.inf, 1000.0, -1000.0, 1.0, np.nan, 3.0, 1e-20])
ly = np.array([0.0, -np.inf, np.inf, -np.inf, np.inf, 5.0, 1000.0, -1001.0, 700.0, 1.0, np.nan, -1e-20])
elementwise.append(case("logaddexp", [lx, ly], np.logaddexp(lx, ly)))

# integer bitwise and logical functions
ia = np.array([[5, -3, 0, 12]], dtype=np.int32).T
ib = np.array([3, 6, -1], dtype=np.int32)
for fn, f in [("bitwiseAnd", np.bitwise_and), ("bitwiseOr", np.bitwise_or), ("bitwiseXor", np.bitwise_xor),
              ("logicalAnd", np.logical_and), ("logicalOr", np.logical_or), ("logicalXor", np.logical_xor),
              ("maximum", np.maximum), ("minimum", np.minimum), ("add", np.add), ("subtract", np.subtract)]:
    elementwise.append(case(fn, [ia, ib], f(ia, ib)))
ba = np.array([[True], [False]])
bb = np.array([True, False, True])
for fn, f in [("bitwiseAnd", np.bitwise_and), ("bitwiseOr", np.bitwise_or), ("bitwiseXor", np.bitwise_xor),
              ("logicalAnd", np.logical_and), ("logicalOr", np.logical_or), ("logicalXor", np.logical_xor),
              ("equal", np.equal), ("less", np.less), ("maximum", np.maximum), ("minimum", np.minimum),
              ("add", np.add), ("multiply", np.multiply)]:
    elementwise.append(case(fn, [ba, bb], f(ba, bb)))

# clip and where
xc = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf])
elementwise.append(case("clip", [xc, 0, 1], np.clip(xc, 0, 1)))
elementwise.append(case("clip", [xc, -0.5, 1.5], np.clip(xc, -0.5, 1.5)))
elementwise.append(case("clip", [xc, None, 0.25], np.clip(xc, None, 0.25)))
elementwise.append(case("clip", [xc, -1.5, None], np.clip(xc, -1.5, None)))
lo = np.array([[0.0], [-2.0]])
hi = np.array([1.0, 0.5, 3.0, 0.0, 0.0, 9.0, 1.0, 1.0])
elementwise.append(case("clip", [xc, lo, hi], np.clip(xc, lo, hi)))
xci = np.array([-5, 0, 3, 10], dtype=np.int32)
elementwise.append(case("clip", [xci, 0, 4], np.clip(xci, 0, 4)))
cond = rng.random((3, 4)) < 0.5
wx = randn((3, 4))
wy = randn((4,))
elementwise.append(case("where", [cond, wx, wy], np.where(cond, wx, wy)))
elementwise.append(case("where", [cond[:, :1], 1, wy], np.where(cond[:, :1], 1, wy)))
elementwise.append(case("where", [np.array([1.0, 0.0, np.nan, -2.0]), np.array([1, 2, 3, 4], dtype=np.int32), 0],
                        np.where(np.array([1.0, 0.0, np.nan, -2.0]), np.array([1, 2, 3, 4], dtype=np.int32), 0)))
elementwise.append(case("where", [np.array([True, False]), np.array([1, 2], dtype=np.int32), 0.5],
                        np.where(np.array([True, False]), np.array([1, 2], dtype=np.int32), 0.5)))
write("elementwise", {"cases": elementwise})

# ---------------------------------------------------------------------------------------------
# Reductions.
reductions = []
x3 = randn((2, 3, 4))
xi3 = randi((2, 3, 4))
axes_list = [None, 0, 1, 2, -1, -2, (0, 2), (-1, 0), (0, 1, 2)]
red = {"sum": np.sum, "mean": np.mean, "prod": np.prod, "max": np.max, "min": np.min, "any": np.any, "all": np.all}
for fn, f in red.items():
    for ax in axes_list:
        for kd in (False, True):
            src = (np.abs(x3) + 0.5) if fn == "prod" else x3
            if fn in ("any", "all"):
                src = (xi3 > -3).astype(np.int32) * xi3 if fn == "all" else (xi3 > 7).astype(np.int32)
            axj = list(ax) if isinstance(ax, tuple) else ax
            reductions.append(case(fn, [src], f(src, axis=ax, keepdims=kd), axis=axj, keepdims=kd))
    if fn not in ("mean",):
        reductions.append(case(fn, [xi3], f(xi3, axis=1), axis=1))
for fn in ("sum", "mean", "prod", "any", "all"):
    for s in [(0,), (0, 3), (2, 0)]:
        z = np.zeros(s)
        for ax in [None, 0, -1]:
            reductions.append(case(fn, [z], red[fn](z, axis=ax), axis=ax))
bb = rng.random((3, 5)) < 0.4
for fn in ("sum", "prod", "any", "all", "max", "min", "mean"):
    reductions.append(case(fn, [bb], red[fn](bb, axis=0), axis=0))
    reductions.append(case(fn, [bb], red[fn](bb)))
xn = np.array([[1.0, np.nan, 3.0], [2.0, 5.0, -np.inf], [np.inf, 1.0, 0.0]])
for fn in ("sum", "mean", "max", "min", "prod"):
    reductions.append(case(fn, [xn], red[fn](xn, axis=1), axis=1))
    reductions.append(case(fn, [xn], red[fn](xn, axis=0), axis=0))
reductions.append(case("sum", [np.float64(2.5)], np.sum(np.float64(2.5))))
reductions.append(case("max", [np.float64(2.5)], np.max(np.float64(2.5))))
# argmax/argmin: ties (first wins), NaN (first NaN wins), keepdims, negative axes
ties = np.array([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [-1.0, 5.0, -1.0, 5.0]])
nans = np.array([[1.0, np.nan, 3.0, np.nan], [np.nan, 2.0, 9.0, 0.0], [4.0, 4.0, 1.0, 1.0]])
infs = np.array([[-np.inf, -np.inf, 1.0], [np.inf, 0.0, np.inf]])
for fn, f in [("argmax", np.argmax), ("argmin", np.argmin)]:
    for src in (ties, nans, infs, x3, xi3, bb):
        for ax in [None, 0, -1] + ([1] if src.ndim == 3 else []):
            for kd in (False, True):
                reductions.append(case(fn, [src], f(src, axis=ax, keepdims=kd), axis=ax, keepdims=kd))
# var/std with ddof
for fn, f in [("var", np.var), ("std", np.std)]:
    for ax in [None, 0, -1, (0, 2)]:
        for ddof in (0, 1, 2):
            for kd in (False, True):
                axj = list(ax) if isinstance(ax, tuple) else ax
                reductions.append(case(fn, [x3], f(x3, axis=ax, ddof=ddof, keepdims=kd), axis=axj, ddof=ddof, keepdims=kd))
    reductions.append(case(fn, [xi3], f(xi3, axis=1), axis=1))
    reductions.append(case(fn, [np.array([1.0, 2.0])], f(np.array([1.0, 2.0]), ddof=2), ddof=2))
    reductions.append(case(fn, [xn], f(xn, axis=1), axis=1))
# cumulative
cum = {"cumsum": np.cumsum, "cumprod": np.cumprod, "cummax": np.maximum.accumulate, "cummin": np.minimum.accumulate}
c3 = np.round(randn((2, 3, 4)) * 2, 1)
for fn, f in cum.items():
    for ax in [None, 0, 1, 2, -1, -3]:
        if ax is None:
            exp_ = f(c3.ravel()) if fn in ("cummax", "cummin") else f(c3)
        else:
            exp_ = f(c3, axis=ax)
        reductions.append(case(fn, [c3], exp_, axis=ax))
    ex = xi3 % 3 + 1 if fn == "cumprod" else xi3
    reductions.append(case(fn, [ex], f(ex, axis=-1), axis=-1))
    cn = np.array([1.0, np.nan, 2.0, -np.inf, 3.0])
    reductions.append(case(fn, [cn], f(cn, axis=0), axis=0))
    z = np.zeros((0, 3))
    reductions.append(case(fn, [z], f(z, axis=0), axis=0))
reductions.append(case("cumsum", [bb], np.cumsum(bb, axis=1), axis=1))
reductions.append(case("cumprod", [bb], np.cumprod(bb, axis=0), axis=0))
reductions.append(case("cummax", [bb], np.maximum.accumulate(bb, axis=1), axis=1))
reductions.append(case("cummin", [bb], np.minimum.accumulate(bb, axis=1), axis=1))
write("reductions", {"cases": reductions})

# ---------------------------------------------------------------------------------------------
# Shape ops.
shape = []
a = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
ai = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
for s in [[24], [4, 6], [-1], [2, -1], [-1, 4], [3, -1, 2], [1, 24, 1], [2, 3, 2, 2], [-1, 1]]:
    shape.append(case("reshape", [a], a.reshape(s), shape=s))
shape.append(case("reshape", [np.zeros((0, 3))], np.zeros((0, 3)).reshape(3, 0), shape=[3, 0]))
shape.append(case("reshape", [np.float64(5.0)], np.float64(5.0).reshape(1, 1), shape=[1, 1]))
shape.append(case("reshape", [np.array([7.0])], np.array([7.0]).reshape(()), shape=[]))
for ax in [None, [0, 1, 2], [2, 0, 1], [1, 0, 2], [-1, 0, 1], [0, -1, -2]]:
    shape.append(case("transpose", [a], np.transpose(a, ax), axes=ax))
shape.append(case("transpose", [np.arange(5.0)], np.transpose(np.arange(5.0))))
for src, dst in [(0, -1), (-1, 0), (1, 2), (2, 0), (-2, -3), (0, 0)]:
    shape.append(case("moveaxis", [a], np.moveaxis(a, src, dst), source=src, destination=dst))
for i, j in [(0, 1), (0, 2), (-1, 0), (1, -2), (2, 2)]:
    shape.append(case("swapaxes", [a], np.swapaxes(a, i, j), axis1=i, axis2=j))
b2 = np.arange(6.0).reshape(2, 3)
for ax in [0, 1, 2, -1, -3, [0, 1], [0, -1], [1, 3], [-1, -2]]:
    shape.append(case("expandDims", [b2], np.expand_dims(b2, tuple(ax) if isinstance(ax, list) else ax), axis=ax))
shape.append(case("expandDims", [np.float64(3.0)], np.expand_dims(np.float64(3.0), 0), axis=0))
sq = np.arange(6.0).reshape(1, 2, 1, 3, 1)
for ax in [None, 0, 2, -1, [0, 4], [0, 2, -1]]:
    shape.append(case("squeeze", [sq], np.squeeze(sq, tuple(ax) if isinstance(ax, list) else ax), axis=ax))
shape.append(case("squeeze", [np.ones((1, 1))], np.squeeze(np.ones((1, 1)))))
p, q, r = np.arange(6.0).reshape(2, 3), np.arange(100.0, 103.0).reshape(1, 3), np.arange(200.0, 204.0).reshape(2, 2)
shape.append(case("concatenate", [[p, q]], np.concatenate([p, q]), axis=0))
shape.append(case("concatenate", [[p, r]], np.concatenate([p, r], axis=1), axis=1))
shape.append(case("concatenate", [[p, r, p]], np.concatenate([p, r, p], axis=-1), axis=-1))
shape.append(case("concatenate", [[p, np.zeros((0, 3))]], np.concatenate([p, np.zeros((0, 3))]), axis=0))
shape.append(case("concatenate", [[np.arange(3, dtype=np.int32), np.arange(2.0)]], np.concatenate([np.arange(3, dtype=np.int32), np.arange(2.0)]), axis=0))
shape.append(case("concatenate", [[np.arange(3, dtype=np.int32), np.array([True, False])]], np.concatenate([np.arange(3, dtype=np.int32), np.array([True, False])]), axis=0))
s1, s2, s3 = np.arange(6.0).reshape(2, 3), -np.arange(6.0).reshape(2, 3), np.full((2, 3), 7.0)
for ax in [0, 1, 2, -1, -3]:
    shape.append(case("stack", [[s1, s2, s3]], np.stack([s1, s2, s3], axis=ax), axis=ax))
shape.append(case("stack", [[np.float64(1.0), np.float64(2.0)]], np.stack([np.float64(1.0), np.float64(2.0)]), axis=0))
v1, v2 = np.arange(3.0), np.arange(10.0, 13.0)
shape.append(case("vstack", [[v1, v2]], np.vstack([v1, v2])))
shape.append(case("vstack", [[p, v1]], np.vstack([p, v1])))
shape.append(case("vstack", [[np.float64(1.0), np.float64(2.0)]], np.vstack([np.float64(1.0), np.float64(2.0)])))
shape.append(case("hstack", [[v1, v2, np.arange(2.0)]], np.hstack([v1, v2, np.arange(2.0)])))
shape.append(case("hstack", [[p, r]], np.hstack([p, r])))
shape.append(case("hstack", [[np.float64(1.0), np.float64(2.0)]], np.hstack([np.float64(1.0), np.float64(2.0)])))
sp = np.arange(36.0).reshape(6, 6)
for ios, ax in [(2, 0), (3, 1), (6, 0), (1, 0), ([1, 4], 0), ([2, 3], 1), ([-2], 0), ([0, 10], 1), ([4, 2], 0), ([], 0), ([3, -1], -1)]:
    shape.append(case("split", [sp], np.split(sp, ios, axis=ax), indicesOrSections=ios, axis=ax))
t = np.arange(6.0).reshape(2, 3)
for reps in [2, [2], [2, 1], [1, 3], [2, 2], [2, 1, 2], [0, 2], [1]]:
    shape.append(case("tile", [t], np.tile(t, reps), reps=reps))
shape.append(case("tile", [np.arange(3.0)], np.tile(np.arange(3.0), [2, 2]), reps=[2, 2]))
shape.append(case("tile", [np.float64(4.0)], np.tile(np.float64(4.0), 3), reps=3))
for reps, ax in [(2, None), (3, 0), (2, 1), (2, -1), (0, 1), (1, None)]:
    shape.append(case("repeat", [t], np.repeat(t, reps, axis=ax), repeats=reps, axis=ax))
shape.append(case("repeat", [np.float64(2.0)], np.repeat(np.float64(2.0), 3), repeats=3, axis=None))
for ax in [None, 0, 1, 2, -1, [0, 2], [-1, -2]]:
    shape.append(case("flip", [a], np.flip(a, tuple(ax) if isinstance(ax, list) else ax), axis=ax))
shape.append(case("flip", [ai], np.flip(ai, 1), axis=1))
shape.append(case("ravel", [a], np.ravel(a)))
shape.append(case("atleast1d", [np.float64(3.0)], np.atleast_1d(np.float64(3.0))))
shape.append(case("atleast2d", [np.arange(3.0)], np.atleast_2d(np.arange(3.0))))
shape.append(case("broadcastTo", [np.arange(3.0)], np.broadcast_to(np.arange(3.0), (2, 3)), shape=[2, 3]))
shape.append(case("broadcastTo", [np.arange(3.0).reshape(3, 1)], np.broadcast_to(np.arange(3.0).reshape(3, 1), (2, 3, 4)), shape=[2, 3, 4]))
shape.append(case("broadcastTo", [np.float64(1.5)], np.broadcast_to(np.float64(1.5), (0, 2)), shape=[0, 2]))
pa = np.arange(1.0, 4.0)
pb = np.arange(12.0).reshape(3, 4)
for x, width in [(pa, 2), (pa, [1, 2]), (pa, [7, 8]), (pb, 1), (pb, [[1, 0], [2, 3]]), (pb, [2, 1]), (pb, [[1], [4]]), (pb, [[0, 0], [5, 9]])]:
    for mode in ["constant", "edge", "reflect", "symmetric", "wrap"]:
        shape.append(case("pad", [x], np.pad(x, width, mode=mode), padWidth=width, mode=mode))
shape.append(case("pad", [pb], np.pad(pb, 2, constant_values=-1.5), padWidth=2, mode="constant", constantValues=-1.5))
shape.append(case("pad", [np.arange(6, dtype=np.int32).reshape(2, 3)], np.pad(np.arange(6, dtype=np.int32).reshape(2, 3), [1, 2], constant_values=7), padWidth=[1, 2], mode="constant", constantValues=7))
shape.append(case("pad", [np.array([5.0])], np.pad(np.array([5.0]), [3, 2], mode="reflect"), padWidth=[3, 2], mode="reflect"))
shape.append(case("pad", [np.zeros((0, 2))], np.pad(np.zeros((0, 2)), 1), padWidth=1, mode="constant"))
tm = np.arange(1.0, 13.0).reshape(3, 4)
tm[0, 3], tm[0, 1], tm[2, 0] = np.inf, np.nan, -np.inf
tb = np.arange(24.0).reshape(2, 3, 4)
for fn, f in [("tril", np.tril), ("triu", np.triu)]:
    for x in [tm, tb, tm.T.copy(), np.arange(1.0, 4.0), np.arange(12, dtype=np.int32).reshape(4, 3), np.ones((3, 3), dtype=bool), np.zeros((0, 3))]:
        for k in [0, 1, -1, 2, -5, 7]:
            shape.append(case(fn, [x], f(x, k), k=k))
write("shape", {"cases": shape})

# ---------------------------------------------------------------------------------------------
# Creation.
creation = []
for args in [(5,), (0,), (-3,), (2, 9), (9, 2), (9, 2, -2), (0, 10, 3), (-5, 5, 4), (0, 1, 0.1), (1, 2, 0.25),
             (0.5, 3), (1, 1.3, 0.1), (-1, 1, 0.3), (10, 0, -1.5), (0, 5.5), (0.1, 0.9, 0.2), (1e-3, 2e-3, 1e-4)]:
    creation.append(case("arange", [], np.arange(*args), params=list(args)))
for start, stop, n, ep in [(0, 1, 5, True), (0, 1, 5, False), (-1, 1, 7, True), (2, -3, 4, True), (0, 1, 1, True),
                           (0, 1, 1, False), (0, 1, 0, True), (0, 1, 50, True), (1e-3, 7.5, 13, False), (0.1, 0.3, 3, True)]:
    creation.append(case("linspace", [], np.linspace(start, stop, n, endpoint=ep), start=start, stop=stop, num=n, endpoint=ep))
for start, stop, n, ep, base in [(-2, 0, 3, True, 10.0), (0, 3, 4, True, 2.0), (0, 1, 5, False, 10.0), (1, -1, 6, True, np.e),
                                 (0, 10, 11, True, 10.0)]:
    creation.append(case("logspace", [], np.logspace(start, stop, n, endpoint=ep, base=base), start=start, stop=stop, num=n, endpoint=ep, base=base))
for n, m, k in [(3, None, 0), (3, 4, 1), (4, 3, -1), (3, 3, 3), (3, 3, -5), (2, 5, 2), (0, None, 0), (1, None, 0)]:
    creation.append(case("eye", [], np.eye(n, m, k), n=n, m=m, k=k))
creation.append(case("eye", [], np.eye(3, 3, 1, dtype=np.int32), n=3, m=3, k=1, dtype="int32"))
for n, m, k in [(3, None, 0), (2, 3, 1), (4, 2, -1), (3, 5, -3), (3, 3, 5), (0, 2, 0), (1, 1, -1)]:
    creation.append(case("tri", [], np.tri(n, m, k), n=n, m=m, k=k))
creation.append(case("tri", [], np.tri(3, 4, 1, dtype=np.int32), n=3, m=4, k=1, dtype="int32"))
creation.append(case("full", [], np.full((2, 3), 7), shape=[2, 3], value=7))
creation.append(case("full", [], np.full((2,), 2.5), shape=[2], value=2.5))
creation.append(case("full", [], np.full((), 1.5), shape=[], value=1.5))
creation.append(case("full", [], np.full((3,), 4, dtype=np.float64), shape=[3], value=4, dtype="float64"))
creation.append(case("full", [np.array([1.0, 2.0])], np.full((2, 2), np.array([1.0, 2.0])), shape=[2, 2]))
creation.append(case("zeros", [], np.zeros((2, 3)), shape=[2, 3]))
creation.append(case("ones", [], np.ones((3,), dtype=np.int32), shape=[3], dtype="int32"))
creation.append(case("identity", [], np.identity(3), n=3))
write("creation", {"cases": creation})

"""Reference potentials and gradients of the seed models for @orrery/ppl's tests.

Each model's potential energy in unconstrained space is written out by hand with mpmath
(50 digits): the log densities of the priors and likelihoods, the inverse transforms of
bijectTo (exp for positive, affine-sigmoid for intervals) and their log-Jacobians. Gradients
are mpmath's high-precision numerical derivatives. Every log density is cross-checked
against scipy.stats at float64. Run:  python3 packages/ppl/scripts/make-fixtures.py
Writes packages/ppl/test/fixtures/seed-models.json.
"""

import json
import math
import os

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 50
PI = mp.pi


def norm_lp(x, mu, s):
    return -((x - mu) ** 2) / (2 * s**2) - mp.log(s) - mp.log(2 * PI) / 2


def halfnorm_lp(x, s):
    return mp.log(2) + norm_lp(x, 0, s)


def sigmoid(u):
    return 1 / (1 + mp.exp(-u))


def check(a, b):
    assert abs(float(a) - float(b)) <= 1e-9 * (1 + abs(float(b))), (a, b)


# Data (shared): a short straight-line data set.
x = [0.5, 1.3, 2.1, 3.7, 4.4, 5.9]
y = [1.1, 2.0, 2.2, 4.9, 5.1, 7.3]
yerr = [0.3, 0.4, 0.35, 0.5, 0.3, 0.45]
xerr = [0.2, 0.1, 0.3, 0.25, 0.15, 0.2]


def linear(z):
    m, b = z
    lp = norm_lp(m, 0, 10) + norm_lp(b, 0, 10)
    for xi, yi, si in zip(x, y, yerr):
        lp += norm_lp(yi, m * xi + b, si)
    return -lp


def reparam(z):
    # theta ~ Uniform(-pi/2, pi/2) (unconstrained u), b_perp ~ Normal(0, 1)
    u, b_perp = z
    s = sigmoid(u)
    theta = -PI / 2 + PI * s
    lp = -mp.log(PI) + mp.log(PI) + mp.log(s) + mp.log(1 - s)  # prior + log|d theta/du|
    lp += norm_lp(b_perp, 0, 1)
    m = mp.tan(theta)
    b = b_perp / mp.cos(theta)
    for xi, yi, si in zip(x, y, yerr):
        lp += norm_lp(yi, m * xi + b, si)
    return -lp


def xerrors(z):
    # m, b ~ Normal(0, 10); log_sigma: sigma ~ HalfNormal(1) (unconstrained log);
    # x_true[i] ~ Normal(0, 10); x_obs ~ Normal(x_true, xerr); y ~ Normal(m x_true + b, sqrt(yerr^2 + sigma^2))
    m, b, ls = z[0], z[1], z[2]
    xt = z[3:]
    sigma = mp.exp(ls)
    lp = norm_lp(m, 0, 10) + norm_lp(b, 0, 10) + halfnorm_lp(sigma, 1) + ls
    for xti, xi, yi, sx, sy in zip(xt, x, y, xerr, yerr):
        lp += norm_lp(xti, 0, 10) + norm_lp(xi, xti, sx) + norm_lp(yi, m * xti + b, mp.sqrt(sy**2 + sigma**2))
    return -lp


y_out = [1.1, 2.0, 6.5, 4.9, 5.1, 1.0]


def outliers(z):
    # m, b ~ Normal(0, 10); q ~ Uniform(0, 1) (sigmoid); mu_bg ~ Normal(0, 10); sigma_bg ~ HalfNormal(10) (exp)
    m, b, uq, mu_bg, lsb = z
    q = sigmoid(uq)
    sb = mp.exp(lsb)
    lp = norm_lp(m, 0, 10) + norm_lp(b, 0, 10) + mp.log(q) + mp.log(1 - q) + norm_lp(mu_bg, 0, 10) + halfnorm_lp(sb, 10) + lsb
    for xi, yi, si in zip(x, y_out, yerr):
        fg = mp.log(1 - q) + norm_lp(yi, m * xi + b, si)
        bg = mp.log(q) + norm_lp(yi, mu_bg, mp.sqrt(si**2 + sb**2))
        lp += mp.log(mp.exp(fg) + mp.exp(bg))
    return -lp


L = 1350.0
plx, plx_err = 1.6, 0.3


def gaia(z):
    # r ~ TransformedDistribution(Chi2(6), AffineTransform(0, L/2)): support real (identity transform)
    (r,) = z
    xx = 2 * r / L
    lp = 2 * mp.log(xx) - xx / 2 - mp.log(16) + mp.log(2 / mp.mpf(L))  # chi2(6) pdf x^2 e^{-x/2}/16, Jacobian 2/L
    lp += norm_lp(plx, 1000 / r, plx_err)
    return -lp


def grad(f, z):
    out = []
    for i in range(len(z)):
        def fi(t, i=i):
            zz = list(z)
            zz[i] = t
            return f(zz)
        out.append(mp.diff(fi, z[i]))
    return out


# SciPy cross-checks of the building blocks.
check(norm_lp(mp.mpf(1.3), 0.2, 0.7), stats.norm.logpdf(1.3, 0.2, 0.7))
check(halfnorm_lp(mp.mpf(1.3), 0.7), stats.halfnorm.logpdf(1.3, scale=0.7))
check(-mp.log(PI), stats.uniform.logpdf(0.1, -math.pi / 2, math.pi))
rr = 900.0
check(2 * mp.log(2 * rr / L) - rr / L - mp.log(16) + mp.log(2 / mp.mpf(L)), stats.chi2.logpdf(2 * rr / L, 6) + math.log(2 / L))
check(2 * mp.log(rr) - rr / L - mp.log(2 * mp.mpf(L) ** 3), stats.chi2.logpdf(2 * rr / L, 6) + math.log(2 / L))

models = {
    "linear": (linear, [[1.0, 0.5], [1.2, -0.3], [0.8, 0.9]]),
    "reparam": (reparam, [[0.3, 0.2], [-0.5, 1.1], [1.2, -0.4]]),
    "xerrors": (xerrors, [[1.0, 0.5, -1.0, 0.4, 1.2, 2.0, 3.6, 4.5, 6.0], [1.1, 0.2, 0.3, 0.6, 1.0, 2.3, 3.5, 4.2, 5.8]]),
    "outliers": (outliers, [[1.0, 0.5, -1.0, 3.0, 1.0], [1.2, -0.1, 0.5, 2.0, 0.3]]),
    "gaia": (gaia, [[600.0], [900.0], [1500.0]]),
}

out = {
    "data": {"x": x, "y": y, "yerr": yerr, "xerr": xerr, "y_out": y_out, "L": L, "plx": plx, "plx_err": plx_err},
    "models": {},
}
for name, (f, points) in models.items():
    cases = []
    for p in points:
        z = [mp.mpf(v) for v in p]
        cases.append({"z": p, "potential": float(f(z)), "grad": [float(g) for g in grad(f, z)]})
    out["models"][name] = cases

path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "seed-models.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote", os.path.normpath(path))

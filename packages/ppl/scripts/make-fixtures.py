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


# HR diagram (examples/hr-diagram), 3 clusters x 5 stars. mu0 ~ Normal(10, 3); sigma0 ~ HalfNormal(2),
# sigma_ms ~ HalfNormal(0.5) (both exp); mu_c ~ Normal(mu0, sigma0); m_cs ~ Normal(mu_c + 1 + 5 colour_cs, sigma_ms);
# N_cs ~ Poisson(10^(-0.4 (m_cs - 25))). Synthetic data from a fixed NumPy seed (faint stars: a few hundred
# to a few thousand photons).
HR_C, HR_S = 3, 5
_rng = np.random.default_rng(7)
hr_colour = [[round(float(c), 3) for c in row] for row in _rng.uniform(0.3, 1.2, (HR_C, HR_S))]
_mu_true = [12.0, 13.5, 11.2]
hr_m_true = [[_mu_true[c] + 1 + 5 * hr_colour[c][s] + 0.3 * float(_rng.normal()) for s in range(HR_S)] for c in range(HR_C)]
hr_counts = [[int(_rng.poisson(10 ** (-0.4 * (m - 25)))) for m in row] for row in hr_m_true]


def poisson_lp(k, lam):
    return k * mp.log(lam) - lam - mp.loggamma(k + 1)


def hr(z):
    mu0, ls0, lsm = z[0], z[1], z[2]
    mu = z[3 : 3 + HR_C]
    m = z[3 + HR_C :]
    s0, sm = mp.exp(ls0), mp.exp(lsm)
    lp = norm_lp(mu0, 10, 3) + halfnorm_lp(s0, 2) + ls0 + halfnorm_lp(sm, mp.mpf("0.5")) + lsm
    for c in range(HR_C):
        lp += norm_lp(mu[c], mu0, s0)
        for s in range(HR_S):
            mcs = m[c * HR_S + s]
            lp += norm_lp(mcs, mu[c] + 1 + 5 * mp.mpf(hr_colour[c][s]), sm)
            lp += poisson_lp(hr_counts[c][s], mp.power(10, -mp.mpf("0.4") * (mcs - 25)))
    return -lp


# M67-style membership mixture, 6 stars. d_c ~ Normal(900, 100); sigma_c ~ HalfNormal(30) (exp);
# mu_c ~ Normal(0, 20) x 2; sigma_mu ~ HalfNormal(1) (exp); f ~ Uniform(0, 1) (sigmoid); r_i > 0 (exp) with
# log[ f N(r_i | d_c, sigma_c) N(pm_i | mu_c, sigma_mu^2 + e_i^2) + (1 - f) p_BJ(r_i) N2(pm_i | mu_f, S_f + diag(e_i^2)) ],
# p_BJ(r) = r^2 e^{-r/L} / (2 L^3); parallax_i ~ Normal(1000 / r_i, s_i).
M67_L = 1350.0
m67_plx = [1.16, 1.10, 0.45, 1.21, 2.30, 0.20]
m67_plx_err = [0.03, 0.05, 0.08, 0.12, 0.04, 0.2]
m67_pm = [[-10.9, -2.9], [-11.2, -3.1], [-3.0, -5.2], [-10.5, -2.4], [4.1, -8.0], [-9.0, 1.5]]
m67_pm_err = [[0.03, 0.03], [0.06, 0.05], [0.09, 0.08], [0.13, 0.12], [0.04, 0.05], [0.22, 0.2]]
m67_field_mean = [-2.2, -3.8]
m67_field_cov = [[30.25, 3.7125], [3.7125, 20.25]]


def n2_lp(x, mu, S):
    a, b, c = S[0][0], S[0][1], S[1][1]
    det = a * c - b * b
    dx, dy = x[0] - mu[0], x[1] - mu[1]
    return -(c * dx * dx - 2 * b * dx * dy + a * dy * dy) / (2 * det) - mp.log(det) / 2 - mp.log(2 * PI)


def bj_lp(r, L):
    return 2 * mp.log(r) - r / L - mp.log(2 * mp.mpf(L) ** 3)


def m67(z):
    d_c, lsc, mc0, mc1, lsmu, uf = z[:6]
    u = z[6:]
    sc, smu, f = mp.exp(lsc), mp.exp(lsmu), sigmoid(uf)
    lp = norm_lp(d_c, 900, 100) + halfnorm_lp(sc, 30) + lsc + norm_lp(mc0, 0, 20) + norm_lp(mc1, 0, 20)
    lp += halfnorm_lp(smu, 1) + lsmu + mp.log(f) + mp.log(1 - f)
    for i, ui in enumerate(u):
        r = mp.exp(ui)
        (pa, pd), (ea, ed) = m67_pm[i], m67_pm_err[i]
        member = mp.log(f) + norm_lp(r, d_c, sc) + norm_lp(pa, mc0, mp.sqrt(smu**2 + ea**2)) + norm_lp(pd, mc1, mp.sqrt(smu**2 + ed**2))
        S = [[m67_field_cov[0][0] + ea**2, m67_field_cov[0][1]], [m67_field_cov[1][0], m67_field_cov[1][1] + ed**2]]
        field = mp.log(1 - f) + bj_lp(r, M67_L) + n2_lp([pa, pd], m67_field_mean, S)
        lp += mp.log(mp.exp(member) + mp.exp(field)) + ui  # mixture + log|dr/du|
        lp += norm_lp(m67_plx[i], 1000 / r, m67_plx_err[i])
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
check(bj_lp(mp.mpf(rr), M67_L), stats.gamma.logpdf(rr, 3, scale=M67_L))
check(poisson_lp(437, mp.mpf(401.5)), stats.poisson.logpmf(437, 401.5))
_S = [[30.5, 3.7], [3.7, 20.1]]
check(n2_lp([mp.mpf(-3.0), mp.mpf(-5.2)], m67_field_mean, _S), stats.multivariate_normal.logpdf([-3.0, -5.2], m67_field_mean, _S))

models = {
    "linear": (linear, [[1.0, 0.5], [1.2, -0.3], [0.8, 0.9]]),
    "reparam": (reparam, [[0.3, 0.2], [-0.5, 1.1], [1.2, -0.4]]),
    "xerrors": (xerrors, [[1.0, 0.5, -1.0, 0.4, 1.2, 2.0, 3.6, 4.5, 6.0], [1.1, 0.2, 0.3, 0.6, 1.0, 2.3, 3.5, 4.2, 5.8]]),
    "outliers": (outliers, [[1.0, 0.5, -1.0, 3.0, 1.0], [1.2, -0.1, 0.5, 2.0, 0.3]]),
    "gaia": (gaia, [[600.0], [900.0], [1500.0]]),
    "hr": (
        hr,
        [
            [12.0, 0.4, -1.2, 12.1, 13.4, 11.3] + [round(m, 2) for row in hr_m_true for m in row],
            [11.5, -0.3, -0.8, 11.8, 13.7, 11.0] + [round(m + 0.05 * (k % 3 - 1), 2) for k, m in enumerate(v for row in hr_m_true for v in row)],
            [13.0, 1.0, -1.6, 12.3, 13.2, 11.5] + [round(m - 0.03, 2) for row in hr_m_true for m in row],
        ],
    ),
    "m67": (
        m67,
        [
            [870.0, 2.3, -10.9, -2.9, -1.6, -1.7] + [round(math.log(v), 3) for v in [862.0, 905.0, 2200.0, 830.0, 435.0, 3100.0]],
            [910.0, 3.0, -10.5, -3.2, -0.5, 0.2] + [round(math.log(v), 3) for v in [880.0, 950.0, 1800.0, 900.0, 450.0, 1500.0]],
            [850.0, 1.5, -11.3, -2.5, -2.5, -2.5] + [6.75, 6.8, 7.8, 6.7, 6.1, 8.5],
        ],
    ),
}

out = {
    "data": {"x": x, "y": y, "yerr": yerr, "xerr": xerr, "y_out": y_out, "L": L, "plx": plx, "plx_err": plx_err,
             "hr_colour": hr_colour, "hr_counts": hr_counts,
             "m67_L": M67_L, "m67_plx": m67_plx, "m67_plx_err": m67_plx_err, "m67_pm": m67_pm, "m67_pm_err": m67_pm_err,
             "m67_field_mean": m67_field_mean, "m67_field_cov": m67_field_cov},
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

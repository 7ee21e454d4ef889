#!/usr/bin/env python3
"""Reference values for @orrery/distributions, from SciPy.

Writes test/fixtures/distributions.json: for every case, the constructor (as the TypeScript
tests build it), log densities at points that include extreme values, the mean and variance,
and quantiles (continuous) or the probability mass function (discrete) for the
Kolmogorov-Smirnov / frequency checks of the samplers.

Run from packages/distributions:  python3 scripts/make-fixtures.py
Needs only Python 3, NumPy and SciPy.
"""
import json
import os

import numpy as np
from scipy import special as sp
from scipy import stats

P_GRID = np.linspace(0.005, 0.995, 199)
cases = []


def f(v):
    v = float(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def fl(a):
    return [f(v) for v in np.ravel(a)]


def cont(name, args, dist, xs, ks=True, moments=True, grad=True, cdf=False):
    xs = np.asarray(xs, dtype=float)
    c = {"name": name, "args": args, "kind": "continuous", "x": fl(xs), "logProb": fl(dist.logpdf(xs)), "grad": grad}
    if cdf:
        c["cdf"] = fl(dist.cdf(xs))
    if moments:
        c["mean"] = f(dist.mean())
        c["variance"] = f(dist.var())
    if ks:
        c["quantiles"] = fl(dist.ppf(P_GRID))
        c["pGrid"] = fl(P_GRID)
    cases.append(c)


def disc(name, args, dist, xs, support_max=None, grad=True, cdf=False):
    xs = np.asarray(xs, dtype=float)
    c = {"name": name, "args": args, "kind": "discrete", "x": fl(xs), "logProb": fl(dist.logpmf(xs)), "grad": grad}
    if cdf:
        c["cdf"] = fl(dist.cdf(xs))
    c["mean"] = f(dist.mean())
    c["variance"] = f(dist.var())
    hi = support_max if support_max is not None else int(dist.ppf(0.9999))
    ks = np.arange(0, hi + 1)
    c["pmfSupport"] = fl(ks)
    c["pmf"] = fl(dist.pmf(ks))
    cases.append(c)


z = np.array([-30.0, -5.0, -1.0, 0.0, 0.3, 2.0, 8.0, 40.0])
# ---- continuous ----
for loc, scale in [(0.0, 1.0), (-3.0, 0.01), (1e3, 250.0), (2.0, 1e-8), (0.5, 1e6)]:
    cont("Normal", [loc, scale], stats.norm(loc, scale), loc + scale * z)
for scale in [1.0, 1e-6, 1e5, 3.0]:
    cont("HalfNormal", [scale], stats.halfnorm(scale=scale), scale * np.array([1e-12, 0.01, 0.5, 1.0, 3.0, 20.0]))
for loc, scale in [(0.0, 1.0), (-2.0, 0.1), (5.0, 2.5), (0.0, 1e-4)]:
    cont("LogNormal", [loc, scale], stats.lognorm(s=scale, scale=np.exp(loc)), np.exp(loc + scale * np.array([-8.0, -1.0, 0.0, 0.7, 3.0, 10.0])))
for lo, hi in [(0.0, 1.0), (-5.0, 3.0), (1e-6, 2e-6), (-1e6, 1e6)]:
    cont("Uniform", [lo, hi], stats.uniform(lo, hi - lo), lo + (hi - lo) * np.array([0.0, 1e-9, 0.3, 0.999, 1.0]))
for rate in [1.0, 1e-4, 50.0, 1e6]:
    cont("Exponential", [rate], stats.expon(scale=1 / rate), np.array([0.0, 1e-8, 0.3, 2.0, 40.0]) / rate)
for a, r in [(2.0, 1.0), (0.05, 3.0), (1.0, 0.5), (150.0, 2.0), (1e4, 1e4), (0.5, 1e-3)]:
    d = stats.gamma(a, scale=1 / r)
    cont("Gamma", [a, r], d, d.ppf([1e-9, 0.01, 0.3, 0.5, 0.9, 0.999999]))
for df in [1.0, 6.0, 0.2, 300.0]:
    d = stats.chi2(df)
    cont("Chi2", [df], d, d.ppf([1e-9, 0.01, 0.5, 0.9, 0.999999]))
for a, r in [(3.0, 2.0), (0.5, 1.0), (50.0, 0.1), (2.5, 1e3)]:
    d = stats.invgamma(a, scale=r)
    cont("InverseGamma", [a, r], d, d.ppf([1e-9, 0.01, 0.5, 0.9, 0.999]))
for a, b in [(2.0, 3.0), (0.5, 0.5), (1.0, 1.0), (0.01, 5.0), (200.0, 1e3), (5.0, 0.2)]:
    d = stats.beta(a, b)
    cont("Beta", [a, b], d, np.clip(d.ppf([1e-6, 0.01, 0.3, 0.5, 0.8, 0.999]), 1e-300, 1 - 1e-16), cdf=True)
for df, loc, scale in [(3.0, 0.0, 1.0), (1.0, 2.0, 0.5), (0.5, 0.0, 2.0), (30.0, -1.0, 1e-3), (1e5, 0.0, 1.0), (2.5, 1e3, 1e2)]:
    cont("StudentT", [df, loc, scale], stats.t(df, loc, scale), loc + scale * z, cdf=True)
for loc, scale in [(0.0, 1.0), (-2.0, 1e-3), (5.0, 1e4)]:
    cont("Cauchy", [loc, scale], stats.cauchy(loc, scale), loc + scale * z, moments=False)
for scale in [1.0, 1e-3, 1e4]:
    cont("HalfCauchy", [scale], stats.halfcauchy(scale=scale), scale * np.array([0.0, 1e-6, 0.5, 1.0, 30.0, 1e6]), moments=False)
for loc, scale in [(0.0, 1.0), (3.0, 1e-3), (-1e3, 50.0)]:
    cont("Laplace", [loc, scale], stats.laplace(loc, scale), loc + scale * z)
for loc, scale in [(0.0, 1.0), (3.0, 1e-3), (-1e3, 50.0)]:
    cont("Logistic", [loc, scale], stats.logistic(loc, scale), loc + scale * z)
for loc, scale in [(0.0, 1.0), (3.0, 1e-3), (-1e3, 50.0)]:
    cont("Gumbel", [loc, scale], stats.gumbel_r(loc, scale), loc + scale * np.array([-3.0, -1.0, 0.0, 0.3, 2.0, 8.0, 40.0]))
for scale, k in [(1.0, 1.0), (2.0, 0.5), (0.5, 5.0), (1e3, 1.5)]:
    d = stats.weibull_min(k, scale=scale)
    cont("Weibull", [scale, k], d, d.ppf([1e-9, 0.01, 0.5, 0.9, 0.99999]))
for scale, alpha in [(1.0, 3.0), (2.0, 0.5), (1e-3, 10.0), (5.0, 2.5)]:
    d = stats.pareto(alpha, scale=scale)
    cont("Pareto", [scale, alpha], d, d.ppf([0.0, 0.01, 0.5, 0.9, 0.99999]))
for loc, scale, lo, hi in [(0.0, 1.0, 0.0, np.inf), (0.0, 1.0, -1.0, 2.0), (1.0, 2.0, -np.inf, 0.5), (0.0, 1.0, 8.0, np.inf), (0.0, 1.0, -np.inf, -30.0), (3.0, 0.5, 2.9, 3.1)]:
    a, b = (lo - loc) / scale, (hi - loc) / scale
    d = stats.truncnorm(a, b, loc=loc, scale=scale)
    pts = d.ppf([0.001, 0.1, 0.5, 0.9, 0.999])
    cont("TruncatedNormal", [loc, scale, {"low": f(lo), "high": f(hi)}], d, pts)
# DoublyTruncatedPowerLaw: p(x) = x^alpha / Z on [low, high]; reference in extended precision.
for alpha, lo, hi in [(-2.0, 1.0, 10.0), (-1.0, 0.5, 20.0), (0.0, 1.0, 3.0), (1.5, 0.1, 2.0), (-3.5, 1e-2, 1e3), (-1.0 + 1e-9, 1.0, 5.0)]:
    x = np.geomspace(lo, hi, 6)
    aL = np.longdouble(alpha)
    lL, hL = np.longdouble(lo), np.longdouble(hi)
    b = aL + 1
    if abs(alpha + 1) < 1e-12:
        logZ = np.log(np.log(hL / lL))
    else:
        # (h^b − l^b)/b = l^b expm1(b log(h/l))/b, without cancellation for b near 0
        logZ = np.log(np.abs(lL**b * np.expm1(b * np.log(hL / lL)) / b))
    lp = aL * np.log(x.astype(np.longdouble)) - logZ

    def mom(m):
        bb = aL + 1 + m
        if abs(float(bb)) < 1e-12:
            return np.log(hL / lL)
        return lL**bb * np.expm1(bb * np.log(hL / lL)) / bb

    Z = mom(0)
    mean = mom(1) / Z
    var = mom(2) / Z - mean**2
    if abs(alpha + 1) < 1e-12:
        q = lL * np.exp(P_GRID.astype(np.longdouble) * np.log(hL / lL))
    else:
        q = (lL**b + P_GRID.astype(np.longdouble) * (hL**b - lL**b)) ** (1 / b)
    cases.append({"name": "DoublyTruncatedPowerLaw", "args": [alpha, lo, hi], "kind": "continuous", "x": fl(x), "logProb": fl(lp.astype(float)),
                  "mean": f(mean), "variance": f(var), "quantiles": fl(q.astype(float)), "pGrid": fl(P_GRID), "grad": True})

for loc, scale, k in [(0.0, 1.0, 1.0), (1.0, 2.0, 0.5), (-3.0, 0.01, 3.0), (100.0, 50.0, 1.2), (0.0, 1e-3, 20.0)]:
    cont("AsymmetricLaplace", [loc, scale, k], stats.laplace_asymmetric(k, loc, scale), loc + scale * z, cdf=True)
for loc, scale, a in [(0.0, 1.0, 0.0), (0.0, 1.0, 3.0), (1.0, 2.0, -5.0), (-3.0, 0.01, 50.0), (10.0, 100.0, 0.5)]:
    cont("SkewNormal", [loc, scale, a], stats.skewnorm(a, loc, scale), loc + scale * z)
# VonMises: exact log densities in extended precision (mpmath); the KS reference is the CDF of the
# draws wrapped into [-pi, pi), by quadrature of the density on a fine grid.
import mpmath as mp

mp.mp.dps = 40
for loc, kappa in [(0.0, 1.0), (1.0, 4.0), (-2.0, 0.01), (0.5, 50.0), (3.0, 1e3), (-1.0, 1e-6)]:
    xs = np.array([-np.pi, -2.0, -0.5, 0.0, 0.4, loc, 1.5, 3.0, np.pi - 1e-9])
    lp = [float(mp.mpf(kappa) * mp.cos(mp.mpf(float(x)) - mp.mpf(loc)) - mp.log(2 * mp.pi * mp.besseli(0, mp.mpf(kappa)))) for x in xs]
    grid = np.linspace(-np.pi, np.pi, 400001)
    dens = np.exp(kappa * (np.cos(grid - loc) - 1)) / (2 * np.pi * sp.i0e(kappa))
    F = np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) / 2 * np.diff(grid))])
    F /= F[-1]
    q = np.interp(P_GRID, F, grid)
    cases.append({"name": "VonMises", "args": [loc, kappa], "kind": "continuous", "x": fl(xs), "logProb": fl(lp),
                  "circularMean": f(loc), "circularVariance": f(1 - sp.i1e(kappa) / sp.i0e(kappa)),
                  "quantiles": fl(q), "pGrid": fl(P_GRID), "grad": True})

# ---- discrete ----
for p in [0.3, 1e-6, 0.999999]:
    disc("Bernoulli", [p], stats.bernoulli(p), [0, 1])
for lg in [0.0, -20.0, 15.0]:
    disc("BernoulliLogits", [{"logits": lg}], stats.bernoulli(sp.expit(lg)), [0, 1])
    # SciPy's log(1 - expit(l)) cancels for large l: the exact values are −softplus(∓l).
    cases[-1]["logProb"] = fl([-np.logaddexp(0.0, lg), -np.logaddexp(0.0, -lg)])
for n, p in [(10, 0.3), (1, 0.5), (1000, 1e-3), (50, 0.999), (0, 0.4)]:
    disc("Binomial", [n, p], stats.binom(n, p), np.unique(np.clip([0, 1, n // 3, n // 2, n], 0, n)), support_max=n, cdf=True)
for n, lg in [(10, 0.5), (100, -4.0)]:
    disc("BinomialLogits", [n, {"logits": lg}], stats.binom(n, sp.expit(lg)), [0, 1, 3, n], support_max=n, cdf=True)
for rate in [3.0, 1e-4, 500.0, 0.5]:
    d = stats.poisson(rate)
    disc("Poisson", [rate], d, np.unique(np.floor([0, 1, rate, 2 * rate + 5, 10 * rate + 30])))
for log_rate in [np.log(3.0), np.log(1e-4), np.log(500.0), -0.7, 7.0]:
    rate = float(np.exp(log_rate))
    disc("PoissonLogRate", [float(log_rate)], stats.poisson(rate), np.unique(np.floor([0, 1, rate, 2 * rate + 5, 10 * rate + 30])))
for probs in [[0.2, 0.3, 0.5], [1e-9, 1 - 2e-9, 1e-9], [0.25, 0.25, 0.25, 0.25]]:
    pr = np.array(probs)
    cases.append({"name": "Categorical", "args": [probs], "kind": "discrete", "x": fl(np.arange(len(pr))), "logProb": fl(np.log(pr)),
                  "pmfSupport": fl(np.arange(len(pr))), "pmf": fl(pr), "grad": True})
for a, b, n in [(2.0, 3.0, 10), (0.5, 0.5, 1), (20.0, 1.0, 50)]:
    disc("BetaBinomial", [a, b, n], stats.betabinom(n, a, b), [0, 1, n // 2, n], support_max=n)
for r, p in [(5.0, 0.5), (0.7, 0.2), (30.0, 0.9)]:
    # NumPyro's (totalCount, probs): successes with probability `probs` before r failures = SciPy nbinom(r, 1 - p).
    disc("NegativeBinomial", [r, p], stats.nbinom(r, 1 - p), [0, 1, 5, 40], cdf=True)
for m, c in [(4.0, 2.0), (0.5, 100.0), (50.0, 0.3)]:
    disc("NegativeBinomial2", [m, c], stats.nbinom(c, c / (c + m)), [0, 1, 5, 40, 400], cdf=True)
for a, r in [(2.0, 0.5), (10.0, 3.0)]:
    disc("GammaPoisson", [a, r], stats.nbinom(a, r / (1 + r)), [0, 1, 5, 40], cdf=True)
for p in [0.25, 0.9, 1e-3]:
    disc("Geometric", [p], stats.geom(p, loc=-1), [0, 1, 5, 100])
for lo, hi in [(1, 6), (-3, 3), (0, 0)]:
    disc("DiscreteUniform", [lo, hi], stats.randint(lo, hi + 1), np.arange(lo, hi + 1))
    cases[-1]["pmfSupport"] = fl(np.arange(lo, hi + 1))
    cases[-1]["pmf"] = fl(stats.randint(lo, hi + 1).pmf(np.arange(lo, hi + 1)))
for gate, rate in [(0.3, 2.0), (0.05, 10.0)]:
    base = stats.poisson(rate)
    ks = np.arange(0, 40)
    pmf = (1 - gate) * base.pmf(ks)
    pmf[0] += gate
    xs = np.array([0, 1, 3, 20])
    lp = np.log(pmf[xs.astype(int)])
    mean = (1 - gate) * rate
    var = (1 - gate) * (rate + rate**2) - mean**2
    cases.append({"name": "ZeroInflatedPoisson", "args": [gate, rate], "kind": "discrete", "x": fl(xs), "logProb": fl(lp), "mean": f(mean), "variance": f(var),
                  "pmfSupport": fl(ks), "pmf": fl(pmf), "grad": True})

# ---- multivariate ----
mv = []
rng = np.random.default_rng(0)
for n in [1, 3]:
    A = rng.normal(size=(n, n))
    cov = A @ A.T + n * np.eye(n)
    loc = rng.normal(size=n)
    xs = loc + rng.normal(size=(4, n)) * 3
    mv.append({"name": "MultivariateNormal", "loc": fl(loc), "cov": cov.tolist(), "x": xs.tolist(),
               "logProb": fl(stats.multivariate_normal(loc, cov).logpdf(xs).reshape(-1))})
    for df in [3.0, 50.0]:
        L = np.linalg.cholesky(cov)
        mv.append({"name": "MultivariateStudentT", "df": df, "loc": fl(loc), "cov": cov.tolist(), "scaleTril": L.tolist(), "x": xs.tolist(),
                   "logProb": fl(stats.multivariate_t(loc, cov, df=df).logpdf(xs).reshape(-1))})
for alpha in [[1.0, 2.0, 3.0], [0.1, 0.5, 5.0, 20.0]]:
    al = np.array(alpha)
    xs = rng.dirichlet(al, size=4)
    xs = np.clip(xs, 1e-12, None)
    xs = xs / xs.sum(-1, keepdims=True)
    mv.append({"name": "Dirichlet", "concentration": alpha, "x": xs.tolist(), "logProb": fl([stats.dirichlet(al).logpdf(x) for x in xs]),
               "mean": fl(stats.dirichlet(al).mean()), "variance": fl(stats.dirichlet(al).var())})
for n, probs in [(10, [0.2, 0.3, 0.5]), (3, [0.1, 0.9])]:
    pr = np.array(probs)
    xs = rng.multinomial(n, pr, size=4)
    mv.append({"name": "Multinomial", "totalCount": n, "probs": probs, "x": xs.tolist(), "logProb": fl(stats.multinomial(n, pr).logpmf(xs))})

# ---- matrix-valued: LKJCholesky, LKJ, Wishart, WishartCholesky ----
# LKJ has no SciPy density: the log density is the direct formula of Lewandowski, Kurowicka & Joe
# (2009), det(C)^(eta - 1) / c_D with c_D from their product of beta functions (not NumPyro's
# multigammaln form, which the TypeScript follows), checked against the Beta(eta, eta) law of the
# correlation for D = 2. For the KS check: each off-diagonal correlation is
# 2 Beta(eta + (D - 2)/2, eta + (D - 2)/2) - 1.
matrix = []


def lkj_log_c(D, eta):
    return sum((2 * eta - 2 + D - k) * (D - k) * np.log(2) + (D - k) * sp.betaln(eta + (D - k - 1) / 2, eta + (D - k - 1) / 2) for k in range(1, D))


def random_corr_cholesky(D, size):
    out = []
    for _ in range(size):
        A = rng.normal(size=(D, D + 2))
        S = A @ A.T
        dd = np.sqrt(np.diag(S))
        out.append(np.linalg.cholesky(S / np.outer(dd, dd)))
    return np.array(out)


for D, eta in [(2, 1.0), (2, 3.5), (3, 0.5), (4, 2.0), (5, 10.0)]:
    Ls = random_corr_cholesky(D, 3)
    logc = lkj_log_c(D, eta)
    exps = np.array([2 * eta - 2 + D - 1 - i for i in range(D)])
    lpL = [float(np.sum(exps[1:] * np.log(np.diag(L)[1:])) - logc) for L in Ls]
    Cs = np.einsum("nij,nkj->nik", Ls, Ls)
    lpC = [float((eta - 1) * np.linalg.slogdet(Cm)[1] - logc) for Cm in Cs]
    if D == 2:
        for Cm, lc in zip(Cs, lpC):
            r = Cm[1, 0]
            assert abs(lc - (stats.beta(eta, eta).logpdf((r + 1) / 2) - np.log(2))) < 1e-12
    m = eta + (D - 2) / 2
    marg = stats.beta(m, m)
    matrix.append({"name": "LKJCholesky", "dimension": D, "concentration": eta, "x": Ls.tolist(), "logProb": fl(lpL),
                   "corrX": Cs.tolist(), "corrLogProb": fl(lpC), "offDiagQuantiles": fl(2 * marg.ppf(P_GRID) - 1), "pGrid": fl(P_GRID),
                   "offDiagVariance": f(4 * marg.var())})

for df, p in [(3.0, 2), (5.5, 3), (40.0, 4), (2.2, 1)]:
    A = rng.normal(size=(p, p))
    S = A @ A.T + p * np.eye(p)
    W = stats.wishart(df, S)
    Ws = W.rvs(size=3, random_state=1).reshape(3, p, p)
    Ls = np.linalg.cholesky(Ws)
    lpW = [float(W.logpdf(x)) for x in Ws]
    # d(L L^T)/dL over the lower-triangular entries: 2^p prod_i L_ii^(p - i), i from 0
    lpL = [lw + p * np.log(2) + float(np.sum((p - np.arange(p)) * np.log(np.diag(L)))) for lw, L in zip(lpW, Ls)]
    mean = df * S
    var = df * (S**2 + np.outer(np.diag(S), np.diag(S)))
    matrix.append({"name": "Wishart", "df": df, "scaleMatrix": S.tolist(), "x": Ws.tolist(), "logProb": fl(lpW), "cholX": Ls.tolist(), "cholLogProb": fl(lpL),
                   "mean": mean.tolist(), "variance": var.tolist(), "w00Quantiles": fl(S[0, 0] * stats.chi2(df).ppf(P_GRID)), "pGrid": fl(P_GRID)})

out = {"generator": "packages/distributions/scripts/make-fixtures.py", "scipy": __import__("scipy").__version__, "numpy": np.__version__,
       "cases": cases, "multivariate": mv, "matrix": matrix}
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "test", "fixtures", "distributions.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
print(f"wrote {len(cases)} univariate, {len(mv)} multivariate and {len(matrix)} matrix cases to {os.path.relpath(path)}")

"""Reference fixtures for @orrery/diagnostics that come from Python's ecosystem.

    python3 packages/diagnostics/scripts/make-fixtures.py

Reads the draw sets that make-fixtures.R wrote (test/fixtures/posterior.json) and writes
test/fixtures/numpy.json with, for each set:

* NumPyro's legacy diagnostics (``numpyro.diagnostics.effective_sample_size`` and
  ``split_gelman_rubin``, the columns ``n_eff`` and ``r_hat`` of ``print_summary``) and NumPyro's
  ``hpdi``;
* exact (rational arithmetic) raw-scale R-hat, ESS and MCSE for the ill-conditioned
  "large_scale" set, where every double-precision implementation rounds differently;
* ArviZ's HDI (``arviz.stats.stats._hdi``), equal-tailed intervals (``np.quantile``, linear),
  and E-BFMI (``arviz.bfmi``).

NumPyro and ArviZ are not installed here, so these are small NumPy re-implementations written
from reading their sources (numpyro/diagnostics.py, arviz/stats/{stats,diagnostics}.py).
Non-finite numbers are written as null (NaN) and "Inf"/"-Inf".
"""

import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "test", "fixtures")


def load_num(v):
    if v is None:
        return math.nan
    if v == "Inf":
        return math.inf
    if v == "-Inf":
        return -math.inf
    return float(v)


def dump_num(v):
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return v


# ---- NumPyro (legacy) --------------------------------------------------------------------
def chain_variance_stats(x):
    C, N = x.shape[:2]
    chain_var = x.var(axis=1, ddof=1)
    var_within = chain_var.mean(axis=0)
    var_estimator = var_within * (N - 1) / N
    if C > 1:
        var_estimator = var_estimator + x.mean(axis=1).var(axis=0, ddof=1)
    else:
        var_within = var_estimator
    return var_within, var_estimator


def gelman_rubin(x):
    var_within, var_estimator = chain_variance_stats(x)
    return np.sqrt(var_estimator / var_within)


def split_gelman_rubin(x):
    half = x.shape[1] // 2
    return gelman_rubin(np.concatenate([x[:, :half], x[:, -half:]], axis=0))


def autocorrelation(x):
    # along the last axis, biased (divided by N), via zero-padded FFT
    n = x.shape[-1]
    centered = x - x.mean(axis=-1, keepdims=True)
    f = np.fft.rfft(centered, n=2 * n, axis=-1)
    ac = np.fft.irfft(f * np.conjugate(f), n=2 * n, axis=-1)[..., :n]
    return ac / ac[..., :1]


def effective_sample_size(x):
    gamma = autocorrelation(x) * x.var(axis=-1, keepdims=True)
    var_within, var_estimator = chain_variance_stats(x)
    rho = 1.0 - (var_within - gamma.mean(axis=0)) / var_estimator
    rho[0] = 1.0
    pairs = rho[:-1:2] + rho[1::2]
    pairs = np.concatenate([pairs[:1], np.minimum.accumulate(np.clip(pairs[1:], 0, None))])
    tau = -1.0 + 2.0 * pairs.sum()
    return x.shape[0] * x.shape[1] / tau


def hpdi(x, prob):
    s = np.sort(x)
    mass = s.shape[0]
    k = int(prob * mass)
    widths = s[k:] - s[: mass - k]
    i = int(np.argmin(widths))
    return s[i], s[i + k]


# ---- ArviZ -------------------------------------------------------------------------------
def arviz_hdi(x, prob):
    s = np.sort(x.ravel())
    n = len(s)
    k = int(np.floor(prob * n))
    widths = np.subtract(s[k:], s[: n - k], dtype=np.float64)
    i = int(np.argmin(widths))
    return s[i], s[i + k]


def bfmi(energy):
    e = np.atleast_2d(energy)
    return np.square(np.diff(e, axis=1)).mean(axis=1) / np.var(e, axis=1)


# ---- exact rational arithmetic, for an ill-conditioned draw set ----------------------------
# "large_scale" draws are 1e6 + N(0, 1e-3): any double-precision mean is off by up to half an
# ulp of 1e6 (~6e-11), which moves the raw-scale R-hat and ESS by 1e-9 to 1e-6 relative.
# R's posterior, NumPy and Orrery all round differently there, so these references are exact.
def exact_stats(chs):
    from fractions import Fraction as Fr

    m, n = len(chs), len(chs[0])
    means = [sum(Fr(v) for v in ch) / n for ch in chs]
    cen = [[Fr(v) - mu for v in ch] for ch, mu in zip(chs, means)]
    cache = {}

    def acm(k):
        if k not in cache:
            cache[k] = sum(sum(y[i] * y[i + k] for i in range(n - k)) for y in cen) / (n * m)
        return cache[k]

    gm = sum(means) / m
    var_means = sum((mu - gm) ** 2 for mu in means) / (m - 1) if m > 1 else None
    within = sum(sum(v * v for v in y) / (n - 1) for y in cen) / m
    rhat = math.sqrt(float((n * var_means / within + n - 1) / n)) if m > 1 else math.nan
    mean_var = acm(0) * n / (n - 1)
    var_plus = mean_var * (n - 1) / n + (var_means if m > 1 else 0)
    rho = [Fr(0)] * n
    t, re = 0, Fr(1)
    rho[0] = re
    ro = 1 - (mean_var - acm(1)) / var_plus
    rho[1] = ro
    while t < n - 5 and re + ro > 0:
        t += 2
        re = 1 - (mean_var - acm(t)) / var_plus
        ro = 1 - (mean_var - acm(t + 1)) / var_plus
        if re + ro >= 0:
            rho[t], rho[t + 1] = re, ro
    max_t = t
    if re > 0:
        rho[max_t] = re
    t = 0
    while t <= max_t - 4:
        t += 2
        if rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]:
            rho[t] = (rho[t - 2] + rho[t - 1]) / 2
            rho[t + 1] = rho[t]
    total = rho[0] if max_t == 0 else sum(rho[:max_t])
    tau = -1 + 2 * total + rho[max_t]
    tau = max(tau, Fr(1) / Fr(math.log10(m * n)))
    return rhat, float(m * n / tau)


def exact_large_scale(case):
    c, d = case["chains"], case["draws"]
    x = [load_num(v) for v in case["data"]]
    chs = [x[i * d:(i + 1) * d] for i in range(c)]
    h = d // 2
    split = [ch[:h] for ch in chs] + [ch[d - h:] for ch in chs]
    rhat_split, ess_split = exact_stats(split)
    rhat_nosplit, ess_nosplit = exact_stats(chs)
    from fractions import Fraction as Fr

    allx = [Fr(v) for v in x]
    mu = sum(allx) / len(allx)
    var = sum((v - mu) ** 2 for v in allx) / (len(allx) - 1)
    return {
        "rhat_basic": rhat_split, "rhat_basic_nosplit": rhat_nosplit,
        "ess_basic": ess_split, "ess_basic_nosplit": ess_nosplit, "ess_mean": ess_split,
        "mcse_mean": math.sqrt(float(var)) / math.sqrt(ess_split),
    }


def main():
    with open(os.path.join(FIX, "posterior.json")) as f:
        post = json.load(f)
    hdi_probs = [0.5, 0.8, 0.9, 0.94, 0.95, 0.99]
    eti_probs = [0.5, 0.9, 0.94, 0.95]
    out = {"generator": f"NumPy {np.__version__}", "hdi_probs": hdi_probs, "eti_probs": eti_probs,
           "cases": {}}
    with np.errstate(all="ignore"):
        for name, case in post["cases"].items():
            c, d = case["chains"], case["draws"]
            x = np.array([load_num(v) for v in case["data"]]).reshape(c, d)
            res = {}
            res["n_eff"] = dump_num(effective_sample_size(x)) if d >= 2 else None
            res["split_r_hat"] = dump_num(split_gelman_rubin(x)) if d >= 4 else None
            res["r_hat_nosplit"] = dump_num(gelman_rubin(x)) if c >= 2 else None
            finite = not np.isnan(x).any()
            res["hdi"] = [[dump_num(v) for v in arviz_hdi(x, p)] if finite else None for p in hdi_probs]
            res["hpdi"] = [[dump_num(v) for v in hpdi(x.ravel(), p)] if finite else None for p in hdi_probs]
            res["eti"] = [
                [dump_num(v) for v in np.quantile(x.ravel(), [(1 - p) / 2, (1 + p) / 2])] if finite else None
                for p in eti_probs
            ]
            res["median"] = dump_num(np.median(x))
            res["std"] = dump_num(x.std(ddof=1))
            res["bfmi"] = [dump_num(v) for v in bfmi(x)] if d >= 2 else None
            out["cases"][name] = res
    out["exact"] = {"large_scale": exact_large_scale(post["cases"]["large_scale"])}
    with open(os.path.join(FIX, "numpy.json"), "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
    print("wrote", os.path.join(FIX, "numpy.json"))


if __name__ == "__main__":
    main()

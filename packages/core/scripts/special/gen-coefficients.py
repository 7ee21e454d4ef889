#!/usr/bin/env python3
"""Generate the coefficient tables used by packages/core/src/special/scalar/.

Run from anywhere:  python3 packages/core/scripts/special/gen-coefficients.py
Writes packages/core/src/special/scalar/coefficients.ts (do not edit that file by hand).

Everything is computed from first principles with mpmath at 80 significant digits:

* LGAMMA_SERIES: s_k = (-1)^k (zeta(k) - 1) / k, the Taylor coefficients of
  lgamma(2 + z) - (1 - euler_gamma) z  (Abramowitz & Stegun 6.1.33 with the zeta(k)=1 part summed
  into log1p). Converges like 4^-k for |z| <= 1/2.
* DIGAMMA_ROOT_*: the positive zero x0 of digamma as a hi+lo pair, and the Taylor coefficients
  psi^(n)(x0)/n! = (-1)^(n+1) zeta(n+1, x0) of digamma about it (avoids the cancellation of
  the recurrence near the zero).
* ERFCX_CHEB: Chebyshev expansions of erfcx(x) = exp(x^2) erfc(x) on [k, k+1], k = 0..11.
* EXP2_64_HI / EXP2_64_LO: 2^(j/64), j = 0..63, as double-double pairs (hi the nearest double,
  lo the nearest double to the rest) for the table-driven exp in backend/cpu/exp.ts.
* TEMME_D: coefficients d[k][n] of the uniform asymptotic expansion of the incomplete gamma
  function (Temme 1979; DLMF 8.12.8): c_k(eta) = sum_n d[k][n] eta^n with
  c_0 = 1/(lambda-1) - 1/eta and c_k = (1/eta) c_{k-1}'(eta) + (-1)^k g_k/(lambda-1),
  g_k the Stirling coefficients of Gamma*(a) = sum g_k a^-k.
"""
import os
import mpmath as mp

mp.mp.dps = 80
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "special", "scalar", "coefficients.ts"))


def r(x):
    """Shortest repr of the double nearest to the mpf x."""
    return repr(float(x))


# ---------------------------------------------------------------- power series helpers (lists)
def ps_mul(a, b, n):
    out = [mp.mpf(0)] * n
    for i, ai in enumerate(a[:n]):
        if ai == 0:
            continue
        for j, bj in enumerate(b[: n - i]):
            out[i + j] += ai * bj
    return out


def ps_inv(a, n):
    # 1/a for a[0] != 0
    out = [mp.mpf(0)] * n
    out[0] = 1 / a[0]
    for k in range(1, n):
        s = mp.fsum(a[j] * out[k - j] for j in range(1, min(k, len(a) - 1) + 1))
        out[k] = -s / a[0]
    return out


def ps_sqrt(a, n):
    # sqrt(a) with a[0] = 1
    out = [mp.mpf(0)] * n
    out[0] = mp.sqrt(a[0])
    for k in range(1, n):
        s = mp.fsum(out[j] * out[k - j] for j in range(1, k))
        ak = a[k] if k < len(a) else 0
        out[k] = (ak - s) / (2 * out[0])
    return out


def ps_compose(f, g, n):
    # f(g(x)) with g[0] = 0
    out = [mp.mpf(0)] * n
    powg = [mp.mpf(1)] + [mp.mpf(0)] * (n - 1)
    for k in range(len(f)):
        if k > 0:
            powg = ps_mul(powg, g, n)
        if f[k] != 0:
            for i in range(n):
                out[i] += f[k] * powg[i]
    return out


def ps_revert(f, n):
    # inverse series of f(x) = x + f2 x^2 + ... : returns g with f(g(y)) = y
    g = [mp.mpf(0), mp.mpf(1)] + [mp.mpf(0)] * (n - 2)
    for k in range(2, n):
        comp = ps_compose(f, g, k + 1)
        g[k] = -comp[k]
    return g


# ---------------------------------------------------------------- lgamma series
LGAMMA_TERMS = 42
lgamma_series = [((-1) ** k) * (mp.zeta(k) - 1) / k for k in range(2, LGAMMA_TERMS + 2)]

# ---------------------------------------------------------------- digamma about its zero
x0 = mp.findroot(mp.digamma, 1.46)
x0_hi = float(x0)
x0_lo = float(x0 - mp.mpf(x0_hi))
DIG_TERMS = 36
digamma_root = [((-1) ** (n + 1)) * mp.zeta(n + 1, x0) for n in range(1, DIG_TERMS + 1)]


# ---------------------------------------------------------------- erfcx Chebyshev pieces
def erfcx(x):
    return mp.exp(x * x) * mp.erfc(x)


def cheb(f, a, b, n):
    nodes = [mp.cos(mp.pi * (j + mp.mpf(1) / 2) / n) for j in range(n)]
    fv = [f((b - a) / 2 * t + (a + b) / 2) for t in nodes]
    c = []
    for k in range(n):
        s = mp.fsum(fv[j] * mp.cos(mp.pi * k * (j + mp.mpf(1) / 2) / n) for j in range(n))
        c.append(2 * s / n)
    c[0] /= 2
    return c


erfcx_pieces = []
for k in range(12):
    c = cheb(erfcx, mp.mpf(k), mp.mpf(k + 1), 44)
    deg = max(i for i in range(len(c)) if abs(c[i]) > mp.mpf("1e-19") * abs(c[0]))
    erfcx_pieces.append(c[: deg + 1])

# ---------------------------------------------------------------- Temme coefficients
K = 25  # number of c_k
NETA = 25  # terms in eta kept per c_k
M = NETA + 2 * K + 4  # order needed for c_0
# eta as a series in u = lambda - 1:  eta = u * sqrt(2 (u - log(1+u)) / u^2)
gser = [2 * ((-1) ** j) / mp.mpf(j + 2) for j in range(M + 2)]
sq = ps_sqrt(gser, M + 2)
eta_of_u = [mp.mpf(0)] + sq[: M + 1]
u_of_eta = ps_revert(eta_of_u, M + 2)  # u = eta + ...
# 1/u = (1/eta) * 1/(u/eta); u/eta = u_of_eta[1:]
inv = ps_inv(u_of_eta[1:], M + 1)  # coefficients of eta^(n-1) in 1/u
# 1/u = sum_n inv[n] eta^(n-1): Laurent, inv[0] = 1 is the 1/eta term
regular_inv_u = inv[1:]  # coefficient of eta^m for m >= 0

# Stirling coefficients g_k of Gamma*(a) = exp(sum B_{2j}/(2j(2j-1)) a^{1-2j})
NG = K + 2
lser = [mp.mpf(0)] * (NG + 1)
for j in range(1, NG):
    if 2 * j - 1 <= NG:
        lser[2 * j - 1] = mp.bernoulli(2 * j) / (2 * j * (2 * j - 1))
# exp of a series with zero constant term
gk = [mp.mpf(0)] * (NG + 1)
gk[0] = mp.mpf(1)
for n in range(1, NG + 1):
    gk[n] = mp.fsum(k * lser[k] * gk[n - k] for k in range(1, n + 1)) / n
assert abs(gk[1] - mp.mpf(1) / 12) < 1e-50 and abs(gk[3] + mp.mpf(139) / 51840) < 1e-50

c_prev = [regular_inv_u[m] for m in range(M)]  # c_0 = 1/u - 1/eta
temme = [c_prev[:NETA]]
length = M
for k in range(1, K):
    # (1/eta) d/deta c_{k-1} : term n d_n eta^(n-2); pole d_1/eta cancels with (-1)^k g_k/eta
    d1 = c_prev[1]
    pole = d1 + ((-1) ** k) * gk[k]
    assert abs(pole) < mp.mpf(10) ** (-40) * max(1, abs(d1)), (k, pole)
    new = []
    for m in range(length - 2):
        n = m + 2
        new.append(n * c_prev[n] + ((-1) ** k) * gk[k] * regular_inv_u[m])
    length -= 2
    c_prev = new
    temme.append(c_prev[:NETA])


# ---------------------------------------------------------------- emit
def arr(xs, per_line=3, indent="  "):
    items = [r(x) for x in xs]
    lines = []
    for i in range(0, len(items), per_line):
        lines.append(indent + ", ".join(items[i : i + per_line]) + ",")
    return "\n".join(lines)


parts = []
parts.append(
    "// Generated by packages/core/scripts/special/gen-coefficients.py (mpmath, 80 digits).\n"
    "// Do not edit by hand: change the script and re-run it.\n"
)
parts.append(
    "/** Taylor coefficients s_k = (-1)^k (zeta(k) - 1)/k, k = 2, 3, ... of\n"
    " * lgamma(2 + z) - (1 - euler_gamma) z. Index 0 holds k = 2. */\n"
    "export const LGAMMA_SERIES: readonly number[] = [\n" + arr(lgamma_series) + "\n];\n"
)
parts.append(
    "/** Positive zero of digamma, x0 = DIGAMMA_ROOT_HI + DIGAMMA_ROOT_LO. */\n"
    f"export const DIGAMMA_ROOT_HI = {repr(x0_hi)};\n"
    f"export const DIGAMMA_ROOT_LO = {repr(x0_lo)};\n"
    "/** Taylor coefficients of digamma about its zero: index n-1 holds (-1)^(n+1) zeta(n+1, x0). */\n"
    "export const DIGAMMA_ROOT_SERIES: readonly number[] = [\n" + arr(digamma_root) + "\n];\n"
)
parts.append(
    "/** Chebyshev coefficients of erfcx on [k, k+1] (index k), in t = 2(x - k) - 1;\n"
    " * f = sum_j c_j T_j(t) (c_0 not halved). */\n"
    "export const ERFCX_CHEB: readonly (readonly number[])[] = [\n"
    + "\n".join("  [\n" + arr(p, 3, "    ") + "\n  ]," for p in erfcx_pieces)
    + "\n];\n"
)
parts.append(
    "/** Temme's uniform asymptotic expansion of Q(a, x): TEMME_D[k][n] is the coefficient of\n"
    " * eta^n in c_k(eta) (DLMF 8.12.8). */\n"
    "export const TEMME_D: readonly (readonly number[])[] = [\n"
    + "\n".join("  [\n" + arr(p, 3, "    ") + "\n  ]," for p in temme)
    + "\n];\n"
)
exp2_64 = [mp.mpf(2) ** (mp.mpf(j) / 64) for j in range(64)]
exp2_64_hi = [mp.mpf(float(v)) for v in exp2_64]
exp2_64_lo = [v - h for v, h in zip(exp2_64, exp2_64_hi)]
parts.append(
    "/** 2^(j/64) for j = 0..63 as hi + lo: hi the nearest double, lo the nearest double to the rest. */\n"
    "export const EXP2_64_HI: readonly number[] = [\n" + arr(exp2_64_hi) + "\n];\n"
    "export const EXP2_64_LO: readonly number[] = [\n" + arr(exp2_64_lo) + "\n];\n"
)
with open(OUT, "w") as f:
    f.write("\n".join(parts))
print("wrote", OUT)

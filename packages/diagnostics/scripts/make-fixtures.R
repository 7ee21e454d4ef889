# Reference fixtures for @orrery/diagnostics from R's `posterior` package.
#
#   apt-get install -y r-base-core r-cran-posterior
#   Rscript packages/diagnostics/scripts/make-fixtures.R
#
# Writes packages/diagnostics/test/fixtures/posterior.json: for each draw set (fixed seeds) the
# draws themselves (chains x draws, chain-major) and what posterior computes for them.
# Numbers are written with 17 significant digits so that they round-trip exactly; NA/NaN is
# written as null and +-Inf as the strings "Inf"/"-Inf".
suppressPackageStartupMessages(library(posterior))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- file.path(dirname(normalizePath(script)), "..", "test", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# ---- a minimal JSON writer with exact numbers ------------------------------------------
num <- function(v) {
  vapply(v, function(z) {
    if (is.na(z)) "null"
    else if (is.infinite(z)) if (z > 0) "\"Inf\"" else "\"-Inf\""
    else sprintf("%.17g", z)
  }, "")
}
json <- function(x) {
  if (is.list(x)) {
    nm <- names(x)
    inner <- vapply(seq_along(x), function(i) json(x[[i]]), "")
    if (is.null(nm)) paste0("[", paste(inner, collapse = ","), "]")
    else paste0("{", paste0("\"", nm, "\":", inner, collapse = ","), "}")
  } else if (is.character(x)) {
    if (length(x) == 1) paste0("\"", x, "\"") else paste0("[", paste0("\"", x, "\"", collapse = ","), "]")
  } else {
    v <- num(as.numeric(x))
    if (length(x) == 1 && is.null(attr(x, "array"))) v else paste0("[", paste(v, collapse = ","), "]")
  }
}
vec <- function(x) { x <- as.numeric(x); attr(x, "array") <- TRUE; x }

# ---- draw sets -----------------------------------------------------------------------------
ar1 <- function(n, phi, sd = 1) {
  x <- numeric(n); x[1] <- rnorm(1, 0, sd / sqrt(1 - phi^2))
  for (i in 2:n) x[i] <- phi * x[i - 1] + rnorm(1, 0, sd)
  x
}
mk <- function(chains, draws, gen) {
  m <- matrix(0, nrow = draws, ncol = chains)   # posterior's layout: iterations x chains
  for (c in seq_len(chains)) m[, c] <- gen(c, draws)
  m
}

sets <- list()
set.seed(20240101); sets$normal_iid <- mk(4, 1000, function(c, n) rnorm(n))
set.seed(20240102); sets$ar1 <- mk(4, 1000, function(c, n) ar1(n, 0.9))
set.seed(20240103); sets$ar1_strong <- mk(4, 500, function(c, n) ar1(n, 0.98))
set.seed(20240104); sets$antithetic <- mk(4, 500, function(c, n) ar1(n, -0.6))
set.seed(20240105); sets$heavy_tailed <- mk(4, 1000, function(c, n) rt(n, df = 1.5))
set.seed(20240106); sets$shifted_chain <- mk(4, 400, function(c, n) rnorm(n, if (c == 4) 1.5 else 0))
set.seed(20240107); sets$short_4x10 <- mk(4, 10, function(c, n) rnorm(n))
set.seed(20240108); sets$odd_3x101 <- mk(3, 101, function(c, n) ar1(n, 0.5))
sets$constant <- mk(4, 100, function(c, n) rep(2.3, n))
set.seed(20240109); sets$one_constant_chain <- mk(4, 100, function(c, n) if (c == 2) rep(0.7, n) else rnorm(n))
sets$constant_per_chain <- mk(3, 50, function(c, n) rep(c * 0.5, n))
set.seed(20240110); sets$many_chains_16x50 <- mk(16, 50, function(c, n) ar1(n, 0.3))
set.seed(20240111); sets$single_chain <- mk(1, 1000, function(c, n) ar1(n, 0.7))
set.seed(20240112); sets$discrete_ties <- mk(4, 200, function(c, n) rpois(n, 3))
set.seed(20240113); sets$binary <- mk(2, 300, function(c, n) rbinom(n, 1, 0.2))
set.seed(20240114); sets$skewed_lognormal <- mk(4, 250, function(c, n) exp(rnorm(n, 0, 1.2)))
set.seed(20240115); sets$tiny_2x5 <- mk(2, 5, function(c, n) rnorm(n))
set.seed(20240116); sets$tiny_2x4 <- mk(2, 4, function(c, n) rnorm(n))
set.seed(20240117); sets$with_inf <- local({ m <- mk(2, 50, function(c, n) rnorm(n)); m[7, 1] <- Inf; m })
set.seed(20240118); sets$with_nan <- local({ m <- mk(2, 50, function(c, n) rnorm(n)); m[3, 2] <- NaN; m })
set.seed(20240119); sets$large_scale <- mk(4, 300, function(c, n) 1e6 + rnorm(n, 0, 1e-3))

probs <- c(0, 0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975, 1)
sq <- function(f) tryCatch(suppressWarnings(f()), error = function(e) NA_real_)

cases <- list()
for (name in names(sets)) {
  x <- sets[[name]]
  q <- suppressWarnings(quantile2(x, probs = probs, names = FALSE))
  res <- list(
    mean = mean(x), median = median(x), sd = sd(x), mad = mad(x),
    rhat = sq(function() rhat(x)),
    rhat_basic = sq(function() rhat_basic(x)),
    rhat_basic_nosplit = sq(function() rhat_basic(x, split = FALSE)),
    ess_bulk = sq(function() ess_bulk(x)),
    ess_tail = sq(function() ess_tail(x)),
    ess_basic = sq(function() ess_basic(x)),
    ess_basic_nosplit = sq(function() ess_basic(x, split = FALSE)),
    ess_mean = sq(function() ess_mean(x)),
    # posterior 1.4.0 (the installed version): ESS of |x - mean(x)|
    ess_sd = sq(function() ess_sd(x)),
    # posterior >= 1.6.1 and ArviZ: ESS of (x - mean(x))^2, via ess_mean exactly as upstream does
    ess_sd_squared = sq(function() ess_mean((x - mean(x))^2)),
    ess_median = sq(function() ess_median(x)),
    ess_quantile = vec(sapply(probs, function(p) sq(function() ess_quantile(x, p, names = FALSE)))),
    mcse_mean = sq(function() mcse_mean(x)),
    mcse_sd = sq(function() mcse_sd(x)),
    mcse_median = sq(function() mcse_median(x)),
    mcse_quantile = vec(sapply(probs, function(p) sq(function() mcse_quantile(x, p, names = FALSE)))),
    quantile2 = vec(q)
  )
  cases[[name]] <- list(
    chains = ncol(x), draws = nrow(x),
    # chain-major: chain 1's draws, then chain 2's, ...
    data = vec(as.numeric(x)),
    results = res
  )
}

# summarise_draws on a small multi-variable draws_array, default columns plus mcse
set.seed(20240120)
arr <- array(0, dim = c(200, 3, 2), dimnames = list(NULL, NULL, c("mu", "tau")))
for (c in 1:3) { arr[, c, 1] <- ar1(200, 0.5); arr[, c, 2] <- exp(rnorm(200)) }
da <- as_draws_array(arr)
sm <- summarise_draws(da, "mean", "median", "sd", "mad", "quantile2", "rhat", "ess_bulk", "ess_tail",
                      "mcse_mean", "mcse_sd")
summ <- list(
  variables = sm$variable, chains = 3, draws = 200,
  data = list(mu = vec(as.numeric(arr[, , 1])), tau = vec(as.numeric(arr[, , 2]))),
  columns = setdiff(names(sm), "variable"),
  rows = lapply(seq_len(nrow(sm)), function(i) { r <- as.list(sm[i, -1]); lapply(r, as.numeric) })
)

# autocovariance / autocorrelation of one sequence (first chain of ar1)
acseq <- sets$ar1[1:200, 1]
auto <- list(x = vec(acseq), autocovariance = vec(autocovariance(acseq)),
             autocorrelation = vec(autocorrelation(acseq)))

# qnorm / qbeta spot values (used internally by z_scale and mcse_quantile)
ps <- c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.0125, 0.02425, 0.1, 0.3, 0.425, 0.5, 0.575, 0.9, 0.975, 0.999, 1 - 1e-10)
special <- list(qnorm_p = vec(ps), qnorm = vec(qnorm(ps)),
  qbeta = lapply(list(c(0.1586553, 3.5, 40), c(0.8413447, 3.5, 40), c(0.1586553, 200.2, 201.7),
                      c(0.8413447, 1000.5, 30.25), c(0.5, 1, 1), c(0.1586553, 1.01, 2.2)),
                 function(a) vec(c(a, qbeta(a[1], a[2], a[3])))))

# stats::quantile of every type, on a few sets (ties, skew, a short set)
qtypes <- lapply(c("discrete_ties", "skewed_lognormal", "short_4x10", "tiny_2x5"), function(name) {
  list(name = name, values = lapply(1:9, function(t) vec(quantile(sets[[name]], probs, type = t, names = FALSE))))
})
names(qtypes) <- c("discrete_ties", "skewed_lognormal", "short_4x10", "tiny_2x5")

out <- list(
  generator = paste0("R ", R.version$major, ".", R.version$minor, ", posterior ", as.character(packageVersion("posterior"))),
  probs = vec(probs), cases = cases, quantile_types = qtypes, summarise_draws = summ, autocovariance = auto, special = special
)
writeLines(json(out), file.path(out_dir, "posterior.json"))
cat("wrote", file.path(out_dir, "posterior.json"), "\n")

# Run one Stan program with rstan for bench/vs-stan (called by stan-runner.ts; not meant to be run alone).
#   Rscript run_stan.R <model.stan> <input.json> <output.json> <boost_dir>
# input.json: { data_file, seed, chains, warmup, samples, adapt_delta, max_treedepth,
#               points: [[unconstrained]], init: null | { site: value } (every chain),
#               draws_file: null | path, summary: bool }
# The data are data_file (the JSON the TypeScript side writes from the same arrays it samples on).
# The compiled model is cached next to the .stan file (auto_write); the time of the compile that
# made it is kept in <model>.compile.json.
# Draws (when draws_file is given) are written as little-endian float64, parameter-major:
# value of parameter p, chain c, draw i at ((p * chains + c) * samples + i); the names in
# output.json's draw_names, in Stan's order (generated quantities included, lp__ left out).
# With summary = true, output.json has posterior::summarise_draws' mean, sd, mcse_mean, mcse_sd,
# rhat, ess_bulk and ess_tail of every quantity.
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
stan_file <- args[1]; in_file <- args[2]; out_file <- args[3]; boost_dir <- args[4]
rstan_options(auto_write = TRUE)
rstan_options(boost_lib = boost_dir)
input <- fromJSON(in_file, simplifyVector = TRUE)
stan_data <- fromJSON(input$data_file, simplifyVector = TRUE)

rds_file <- sub("\\.stan$", ".rds", stan_file)
compile_record <- sub("\\.stan$", ".compile.json", stan_file)
t0 <- Sys.time()
sm <- stan_model(file = stan_file, model_name = sub("\\.stan$", "", basename(stan_file)))
load_s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
compiled_now <- load_s > 5
if (compiled_now) write_json(list(compile_s = load_s, at = format(Sys.time())), compile_record, auto_unbox = TRUE, digits = NA)
compile_s <- if (file.exists(compile_record)) fromJSON(compile_record)$compile_s else NA

init <- if (is.null(input$init)) "random" else rep(list(input$init), input$chains)
max_td <- if (is.null(input$max_treedepth)) 10 else input$max_treedepth
fit <- sampling(sm, data = stan_data, chains = input$chains, cores = 1, iter = input$warmup + input$samples,
                warmup = input$warmup, seed = input$seed, refresh = 0,
                control = list(adapt_delta = input$adapt_delta, max_treedepth = max_td),
                init = init, init_r = 2)
el <- get_elapsed_time(fit)
sp_w <- get_sampler_params(fit, inc_warmup = TRUE)
sp <- get_sampler_params(fit, inc_warmup = FALSE)
W <- input$warmup
leap_warm <- sum(sapply(sp_w, function(s) sum(s[seq_len(W), "n_leapfrog__"])))
leap_samp <- sum(sapply(sp, function(s) sum(s[, "n_leapfrog__"])))
step <- sapply(sp, function(s) s[1, "stepsize__"])
depth <- mean(unlist(lapply(sp, function(s) s[, "treedepth__"])))
divergent <- sum(sapply(sp, function(s) sum(s[, "divergent__"])))
accept <- mean(unlist(lapply(sp, function(s) s[, "accept_stat__"])))

arr <- extract(fit, permuted = FALSE, inc_warmup = FALSE)  # [iter, chain, param]
pars <- dimnames(arr)$parameters
pars <- pars[pars != "lp__"]
arr <- arr[, , pars, drop = FALSE]
if (!is.null(input$draws_file)) {
  con <- file(input$draws_file, "wb")
  writeBin(as.vector(arr), con, size = 8, endian = "little")  # column-major: draw, then chain, then parameter
  close(con)
}
da <- posterior::as_draws_array(arr)
ref <- if (isTRUE(input$summary)) {
  posterior::summarise_draws(da, "mean", "sd", "mcse_mean", "mcse_sd", "rhat", "ess_bulk", "ess_tail")
} else {
  posterior::summarise_draws(da, "ess_bulk", "rhat")
}

lp <- c()
pts <- input$points
if (length(pts) > 0) {
  if (!is.matrix(pts)) pts <- matrix(pts, nrow = 1)
  for (i in seq_len(nrow(pts))) lp <- c(lp, log_prob(fit, pts[i, ], adjust_transform = TRUE))
}
col <- function(name) setNames(as.list(ref[[name]]), ref$variable)
out <- list(
  rstan = as.character(packageVersion("rstan")),
  posterior = as.character(packageVersion("posterior")),
  compile_s = compile_s, compiled_now = compiled_now, load_s = load_s,
  warmup_s = I(as.numeric(el[, "warmup"])), sample_s = I(as.numeric(el[, "sample"])),
  leapfrog_warmup = leap_warm, leapfrog_sample = leap_samp,
  step_size = I(as.numeric(step)), mean_tree_depth = depth, divergences = divergent, mean_accept = accept,
  upars_dim = get_num_upars(fit),
  log_prob = I(sprintf("%.17g", lp)),  # strings: jsonlite writes at most 15 significant digits
  draw_names = I(pars), chains = dim(arr)[2], draws_per_chain = dim(arr)[1],
  posterior_ess_bulk = col("ess_bulk"),
  posterior_rhat = col("rhat")
)
if (isTRUE(input$summary)) {
  out$summary <- lapply(setNames(seq_len(nrow(ref)), ref$variable), function(i) {
    list(mean = ref$mean[i], sd = ref$sd[i], mcse_mean = ref$mcse_mean[i], mcse_sd = ref$mcse_sd[i],
         rhat = ref$rhat[i], ess_bulk = ref$ess_bulk[i], ess_tail = ref$ess_tail[i])
  })
}
write_json(out, out_file, auto_unbox = TRUE, digits = NA)

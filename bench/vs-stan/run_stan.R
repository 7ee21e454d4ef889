# Run one Stan program with rstan for bench/vs-stan (called by main.ts; not meant to be run alone).
#   Rscript run_stan.R <model.stan> <input.json> <output.json> <boost_dir>
# input.json: { data_file, model, seed, chains, warmup, samples, adapt_delta, points: [[unconstrained]] };
# the data are data_file's entry `model` (the JSON file main.ts writes once and both sides read).
# The compiled model is cached next to the .stan file (auto_write); the time of the compile that
# made it is kept in <model>.compile.json.
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
stan_file <- args[1]; in_file <- args[2]; out_file <- args[3]; boost_dir <- args[4]
rstan_options(auto_write = TRUE)
rstan_options(boost_lib = boost_dir)
input <- fromJSON(in_file, simplifyVector = TRUE)
stan_data <- fromJSON(input$data_file, simplifyVector = TRUE)[[input$model]]

rds_file <- sub("\\.stan$", ".rds", stan_file)
compile_record <- sub("\\.stan$", ".compile.json", stan_file)
t0 <- Sys.time()
sm <- stan_model(file = stan_file, model_name = sub("\\.stan$", "", basename(stan_file)))
load_s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
compiled_now <- load_s > 5
if (compiled_now) write_json(list(compile_s = load_s, at = format(Sys.time())), compile_record, auto_unbox = TRUE, digits = NA)
compile_s <- if (file.exists(compile_record)) fromJSON(compile_record)$compile_s else NA

fit <- sampling(sm, data = stan_data, chains = input$chains, cores = 1, iter = input$warmup + input$samples,
                warmup = input$warmup, seed = input$seed, refresh = 0,
                control = list(adapt_delta = input$adapt_delta, max_treedepth = 10),
                init = "random", init_r = 2)
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
draws <- list()
for (p in pars) draws[[p]] <- t(arr[, , p])  # chains x iterations
ref <- posterior::summarise_draws(posterior::as_draws_array(arr[, , pars, drop = FALSE]), "ess_bulk", "rhat")

lp <- c()
pts <- input$points
if (length(pts) > 0) {
  if (!is.matrix(pts)) pts <- matrix(pts, nrow = 1)
  for (i in seq_len(nrow(pts))) lp <- c(lp, log_prob(fit, pts[i, ], adjust_transform = TRUE))
}
out <- list(
  rstan = as.character(packageVersion("rstan")),
  compile_s = compile_s, compiled_now = compiled_now, load_s = load_s,
  warmup_s = as.numeric(el[, "warmup"]), sample_s = as.numeric(el[, "sample"]),
  leapfrog_warmup = leap_warm, leapfrog_sample = leap_samp,
  step_size = as.numeric(step), mean_tree_depth = depth, divergences = divergent, mean_accept = accept,
  upars_dim = get_num_upars(fit),
  log_prob = lp,
  posterior_ess_bulk = setNames(as.list(ref$ess_bulk), ref$variable),
  posterior_rhat = setNames(as.list(ref$rhat), ref$variable),
  draws = draws
)
write_json(out, out_file, auto_unbox = TRUE, digits = NA, matrix = "rowmajor")

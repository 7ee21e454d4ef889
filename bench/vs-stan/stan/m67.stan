// examples/m67-cluster: open-cluster membership over N stars. Cluster parameters d_c, sigma_c,
// mu_c (proper motion), sigma_mu, f; one true distance r_i > 0 per star (flat base measure)
// with the two-component factor
//   log[ f N(r_i | d_c, sigma_c) N(pm_i | mu_c, sigma_mu^2 + e_i^2)
//        + (1 - f) EDSD(r_i | L) N2(pm_i | field) ],
// where the field's proper-motion term log_pm_field is data (fixed beforehand, as in Orrery),
// and observed parallaxes parallax_i ~ Normal(1000 / r_i, parallax_error_i).
// Vectorised by hand (every constant kept) so that Stan's gradient is as fast as it gets.
data {
  int<lower=1> N;
  vector[N] parallax;
  vector<lower=0>[N] parallax_error;
  vector[N] pmra;
  vector<lower=0>[N] pmra_error;
  vector[N] pmdec;
  vector<lower=0>[N] pmdec_error;
  vector[N] log_pm_field;
  real<lower=0> L;
}
transformed data {
  real half_log_2pi = 0.5 * log(2 * pi());
  vector[N] pmra_err2 = square(pmra_error);
  vector[N] pmdec_err2 = square(pmdec_error);
  // EDSD r^2 e^(-r/L) / (2 L^3) up to its r-dependent part, plus the field's proper motions.
  vector[N] field_const = log_pm_field - log(2 * L ^ 3);
}
parameters {
  real d_c;
  real<lower=0> sigma_c;
  vector[2] mu_c;
  real<lower=0> sigma_mu;
  real<lower=0, upper=1> f;
  vector<lower=0>[N] r;
}
model {
  target += normal_lpdf(d_c | 900, 100);
  target += normal_lpdf(sigma_c | 0, 30) + log(2);
  target += normal_lpdf(mu_c | 0, 20);
  target += normal_lpdf(sigma_mu | 0, 1) + log(2);
  target += uniform_lpdf(f | 0, 1);
  {
    real s2 = square(sigma_mu);
    vector[N] var_ra = s2 + pmra_err2;
    vector[N] var_dec = s2 + pmdec_err2;
    vector[N] member = log(f) - 3 * half_log_2pi - log(sigma_c)
                       - 0.5 * square((r - d_c) / sigma_c)
                       - 0.5 * (square(pmra - mu_c[1]) ./ var_ra + log(var_ra))
                       - 0.5 * (square(pmdec - mu_c[2]) ./ var_dec + log(var_dec));
    vector[N] field = log1m(f) + field_const + 2 * log(r) - r / L;
    for (i in 1:N) target += log_sum_exp(member[i], field[i]);
  }
  target += normal_lpdf(parallax | 1000 ./ r, parallax_error);
}

// examples/hr-diagram: stars in C clusters on the HR diagram observed as Poisson photon counts.
// mu_c ~ Normal(mu0, sigma0); apparent magnitudes m_cs ~ Normal(mu_c + M_ms(colour_cs), sigma_ms)
// with the main sequence M_ms = 1 + 5 (B-V); counts_cs ~ Poisson(10^(-0.4 (m_cs - ZP))).
// Parameters in the order of the Orrery model's sites; m as an array of vectors so that its
// unconstrained layout is row-major [c][s], as Orrery's.
data {
  int<lower=1> C;
  int<lower=1> S;
  real ZP;
  vector[S] colour[C];
  int<lower=0> counts[C, S];
}
parameters {
  real mu0;
  real<lower=0> sigma0;
  real<lower=0> sigma_ms;
  vector[C] mu;
  vector[S] m[C];
}
model {
  target += normal_lpdf(mu0 | 10, 3);
  target += normal_lpdf(sigma0 | 0, 2) + log(2);     // half-normal, normalised
  target += normal_lpdf(sigma_ms | 0, 0.5) + log(2);
  target += normal_lpdf(mu | mu0, sigma0);
  for (c in 1:C) {
    target += normal_lpdf(m[c] | mu[c] + 1 + 5 * colour[c], sigma_ms);
    // log rate = log(10^(-0.4 (m - ZP))) = -0.4 log(10) (m - ZP); poisson_log_lpmf keeps -lgamma(n + 1).
    target += poisson_log_lpmf(counts[c] | -0.4 * log(10) * (m[c] - ZP));
  }
}
generated quantities {
  vector[S] M[C];
  for (c in 1:C) M[c] = m[c] - mu[c];
}

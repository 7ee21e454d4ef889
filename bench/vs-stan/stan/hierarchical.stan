// Eight-schools-like, non-centred, J groups: theta_j = mu + tau * eta_j, y_j ~ Normal(theta_j, sigma_j).
data {
  int<lower=1> J;
  vector[J] y;
  vector<lower=0>[J] sigma;
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[J] eta;
}
model {
  target += normal_lpdf(mu | 0, 5);
  target += cauchy_lpdf(tau | 0, 5) + log(2);  // half-Cauchy, normalised
  target += normal_lpdf(eta | 0, 1);
  target += normal_lpdf(y | mu + tau * eta, sigma);
}
generated quantities {
  vector[J] theta = mu + tau * eta;
}

// examples/linear-regression, x-errors variant: a latent true abscissa per point,
// x_obs ~ Normal(x_true, xerr), y ~ Normal(tan(theta) x_true + b_perp / cos(theta), yerr).
data {
  int<lower=1> N;
  vector[N] x_obs;
  vector[N] xerr;
  vector[N] yerr;
  vector[N] y;
}
parameters {
  real<lower=-pi() / 2, upper=pi() / 2> theta;
  real b_perp;
  vector[N] x_true;
}
model {
  target += uniform_lpdf(theta | -pi() / 2, pi() / 2);
  target += normal_lpdf(b_perp | 0, 1);
  target += normal_lpdf(x_true | 0, 10.0);
  target += normal_lpdf(x_obs | x_true, xerr);
  target += normal_lpdf(y | tan(theta) * x_true + b_perp / cos(theta), yerr);
}
generated quantities {
  real m = tan(theta);
  real b = b_perp / cos(theta);
}

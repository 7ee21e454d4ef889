// The example's line fit: slope as an angle theta, intercept as the perpendicular offset b_perp.
data {
  int<lower=1> N;
  vector[N] x;
  vector[N] yerr;
  vector[N] y;
}
parameters {
  real<lower=-pi() / 2, upper=pi() / 2> theta;
  real b_perp;
}
model {
  target += uniform_lpdf(theta | -pi() / 2, pi() / 2);
  target += normal_lpdf(b_perp | 0, 1);
  target += normal_lpdf(y | tan(theta) * x + b_perp / cos(theta), yerr);
}
generated quantities {
  real m = tan(theta);
  real b = b_perp / cos(theta);
}

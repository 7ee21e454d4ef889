// Plain straight line: y ~ Normal(m x + b, yerr), m, b ~ Normal(0, 10).
data {
  int<lower=1> N;
  vector[N] x;
  vector[N] yerr;
  vector[N] y;
}
parameters {
  real m;
  real b;
}
model {
  target += normal_lpdf(m | 0, 10);
  target += normal_lpdf(b | 0, 10);
  target += normal_lpdf(y | m * x + b, yerr);
}

// examples/outliers: Hogg, Bovy & Lang's mixture with the example's priors. A point is on the
// line, Normal(m x + b, yerr), with probability 1 - Q, and otherwise from the broad outlier
// component Normal(Y_out, sqrt(V_out + yerr^2)).
data {
  int<lower=1> N;
  vector[N] x;
  vector[N] yerr;
  vector[N] y;
}
parameters {
  real m;
  real b;
  real<lower=0, upper=1> Q;
  real Y_out;
  real<lower=0> V_out;
}
model {
  target += normal_lpdf(m | 0, 5.0);
  target += normal_lpdf(b | 0, 10.0);
  target += uniform_lpdf(Q | 0, 1);
  target += normal_lpdf(Y_out | 0, 10.0);
  target += lognormal_lpdf(V_out | log(10), 1.5);
  for (i in 1:N) {
    target += log_mix(Q,
                      normal_lpdf(y[i] | Y_out, sqrt(V_out + square(yerr[i]))),
                      normal_lpdf(y[i] | m * x[i] + b, yerr[i]));
  }
}

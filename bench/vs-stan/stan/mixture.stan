// Hogg, Bovy & Lang's outlier mixture: a fraction Q of good points on the line, the rest drawn
// from a broad Normal(Y_out, sqrt(V_out + yerr^2)).
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
  target += normal_lpdf(b | 0, 5.0);
  target += uniform_lpdf(Q | 0, 1);
  target += normal_lpdf(Y_out | 0, 10.0);
  // 2.0, not 2: rstan 2.21's lognormal_lpdf computes 1 / sigma in integer arithmetic for an
  // integer sigma and drops the quadratic term (stan-dev/math#1893, fixed in later Stan).
  target += lognormal_lpdf(V_out | 0, 2.0);
  for (i in 1:N) {
    target += log_mix(Q,
                      normal_lpdf(y[i] | m * x[i] + b, yerr[i]),
                      normal_lpdf(y[i] | Y_out, sqrt(V_out + square(yerr[i]))));
  }
}

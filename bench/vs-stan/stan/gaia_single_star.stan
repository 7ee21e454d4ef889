// examples/gaia-single-star: the distance r (pc) of one star from its parallax (mas) under the
// Bailer-Jones EDSD prior r^2 exp(-r/L) / (2 L^3), written as Orrery writes it: (L/2) chi^2_6,
// i.e. chi_square_lpdf(2 r / L | 6) + log(2 / L) (the affine map's log-Jacobian).
data {
  real parallax;
  real<lower=0> parallax_err;
  real<lower=0> L;
}
parameters {
  real<lower=0> r;
}
model {
  target += chi_square_lpdf(2 * r / L | 6.0) + log(2 / L);
  target += normal_lpdf(parallax | 1000 / r, parallax_err);
}
generated quantities {
  real true_parallax = 1000 / r;
}

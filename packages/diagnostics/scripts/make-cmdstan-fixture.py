"""Writes test/fixtures/cmdstan/demo-{1,2}.csv: two chains in CmdStan's CSV layout (configuration
comments, sampler columns, save_warmup = 1 with warmup rows before "# Adaptation terminated",
step size and inverse metric comments, a 2 x 3 matrix `a` flattened column-major as Stan writes
it, a `nan`, and the elapsed-time footer). Values are synthetic but predictable:
a[r, c] = 10 r + c + i / 100 + chain for draw i, so a reader's placement can be checked.

    python3 packages/diagnostics/scripts/make-cmdstan-fixture.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures", "cmdstan")


def file(chain):
    lines = [
        "# stan_version_major = 2", "# stan_version_minor = 33", "# stan_version_patch = 1",
        "# model = demo_model", "# start_datetime = 2024-01-01 00:00:00 UTC",
        "# method = sample (Default)", "#   sample", "#     num_samples = 5",
        "#     num_warmup = 3", "#     save_warmup = 1", "#     thin = 1 (Default)",
        "#     adapt", "#       engaged = 1 (Default)", "#     algorithm = hmc (Default)",
        "#       hmc", "#         engine = nuts (Default)", "#           nuts",
        "#             max_depth = 10 (Default)", "#         metric = diag_e (Default)",
        f"# id = {chain} (Default)", "# data", "#   file = demo.data.json",
        "# random", "#   seed = 1234", "# output", f"#   file = output_{chain}.csv",
        "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,"
        "mu,a.1.1,a.2.1,a.1.2,a.2.2,a.1.3,a.2.3,y_rep.1,y_rep.2",
    ]

    def row(i):
        vals = [-7.1 - 0.1 * i - chain, 0.9 - 0.01 * i, 0.8 + 0.01 * chain, 2, 3,
                1 if (i == 2 and chain == 2) else 0, 7.5 + 0.2 * i, round(random.gauss(0, 1), 6)]
        for c in range(1, 4):
            for r in range(1, 3):
                vals.append(10 * r + c + i / 100 + chain)
        vals += [i, "nan" if (i == 1 and chain == 1) else -i]
        return ",".join(str(v) for v in vals)

    lines += [row(i) for i in range(3)]
    lines += ["# Adaptation terminated", "# Step size = 0.81234",
              "# Diagonal elements of inverse mass matrix:", "# 0.512, 1.25, 0.97, 1, 1, 1, 1"]
    lines += [row(10 + i) for i in range(5)]
    lines += ["# ", "#  Elapsed Time: 0.012 seconds (Warm-up)", "#                0.034 seconds (Sampling)",
              "#                0.046 seconds (Total)", "# "]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    random.seed(7)
    os.makedirs(OUT, exist_ok=True)
    for c in (1, 2):
        with open(os.path.join(OUT, f"demo-{c}.csv"), "w") as f:
            f.write(file(c))

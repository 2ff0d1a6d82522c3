# Reference values for tests/test_power.py: smallest detectable d_z for a paired t test.
# Run: Rscript tests/reference/power_reference.R   (R 4.2.2, package stats only)
# type = "paired", sd = 1 makes delta the standardized mean of the differences, i.e. d_z.
# tol = 1e-10: the default uniroot tolerance (eps^0.25 ~ 1.2e-4) is too coarse for a 1e-4 test.
options(digits = 10)
delta <- function(n, ...) {
  power.t.test(n = n, type = "paired", sd = 1, tol = 1e-10, ...)$delta
}
for (n in c(5, 10, 12, 30)) {
  cat(sprintf("n=%d two.sided=%.10f strict=%.10f one.sided=%.10f alpha.01.power.9=%.10f\n", n,
              delta(n, sig.level = 0.05, power = 0.8),
              delta(n, sig.level = 0.05, power = 0.8, strict = TRUE),
              delta(n, sig.level = 0.05, power = 0.8, alternative = "one.sided"),
              delta(n, sig.level = 0.01, power = 0.9)))
}

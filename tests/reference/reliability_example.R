# Reference values for tests/test_reliability.py's checks at the example study's size: 48 complete
# baseline respondents x 28 items (CYRM-28 total of the simulated example study, items only, rows
# in pseudonym order). R 4.2.2, psych 2.2.9. Run from the repository root (under a minute):
#     Rscript tests/reference/reliability_example.R [write]
# With "write" it (re)writes tests/data/reliability_example_boot_r.csv, R's omega for each of the
# 1000 bootstrap resamples. The resamples are those sweval draws for the config's seed 20231015
# (pingouin.compute_bootci), written with the item data by tests/data/reliability_example_generate.py to
# tests/data/reliability_example_boot_idx.csv
# (one resample per line, 1-based row numbers); the test checks that sweval still draws them.
suppressPackageStartupMessages(library(psych))
options(digits = 10)
x <- read.csv("tests/data/reliability_example_pre.csv")
idx <- as.matrix(read.csv("tests/data/reliability_example_boot_idx.csv", header = FALSE))
f6 <- function(v) formatC(v, digits = 6, format = "f")

# point estimates: raw alpha, alpha if item deleted (psych::alpha), omega of the raw sum from the
# one-factor ML model (psych::fa), as sweval's omega_total
a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
ml_omega <- function(r, s) {
  f <- suppressWarnings(suppressMessages(psych::fa(r, nfactors = 1, n.obs = nrow(x), fm = "ml")))
  lam <- as.vector(f$loadings) * s; psi <- f$uniquenesses * s^2
  sum(lam)^2 / (sum(lam)^2 + sum(psi))
}
om <- ml_omega(cor(x), apply(x, 2, sd))
cat(sprintf("R_EXAMPLE = dict(n=%d, alpha=%s, omega=%s,\n", nrow(x), f6(a$total$raw_alpha), f6(om)))
cat(sprintf("    alpha_drop=[%s])\n", paste(formatC(a$alpha.drop$raw_alpha, digits = 8, format = "f"), collapse = ", ")))

# bootstrap: each resample's correlation matrix smoothed by psych::cor.smooth when it is not
# positive definite (psych's own rule: smallest eigenvalue below machine epsilon), then the same
# ML omega. psych::fa on the raw resample fails ("L-BFGS-B needs finite values of 'fn'") for the
# singular ones, which is why they are smoothed.
boot <- t(apply(idx, 1, function(i) {
  y <- x[i, ]
  r <- cor(y)
  singular <- min(eigen(r, symmetric = TRUE, only.values = TRUE)$values) < .Machine$double.eps
  s <- apply(y, 2, sd)
  if (any(s == 0)) return(c(NA, singular))
  v <- tryCatch(ml_omega(suppressWarnings(psych::cor.smooth(r)), s), error = function(e) NA)
  c(v, singular)
}))
ok <- !is.na(boot[, 1])
cat(sprintf("R_EXAMPLE_BOOT = dict(n_boot=%d, n_singular=%d, n_failed=%d, omega_ci=(%s, %s))\n",
            nrow(idx), sum(boot[, 2] == 1), sum(!ok),
            f6(quantile(boot[ok, 1], 0.025, type = 7)), f6(quantile(boot[ok, 1], 0.975, type = 7))))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) && args[1] == "write")
  write.csv(data.frame(omega = ifelse(ok, formatC(boot[, 1], digits = 10, format = "f"), ""),
                       singular = boot[, 2] == 1),
            "tests/data/reliability_example_boot_r.csv", row.names = FALSE, quote = FALSE)

# psych::cor.smooth itself, on the correlation matrix of 4 items answered by 3 respondents
# (rank 2): the smoothed matrix, row by row
z <- matrix(c(1, 2, 3, 4,  2, 1, 4, 3,  3, 3, 1, 2), nrow = 3, byrow = TRUE)
sm <- suppressWarnings(psych::cor.smooth(cor(z)))
cat(sprintf("R_COR_SMOOTH = [%s]\n", paste(formatC(as.vector(t(sm)), digits = 12, format = "f"), collapse = ", ")))
cat(sprintf("R_COR_SMOOTH_EIGEN = [%s]\n", paste(formatC(eigen(sm)$values, digits = 14, format = "e"), collapse = ", ")))

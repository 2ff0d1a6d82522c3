# Reference values for tests/test_reliability.py (R 4.2.2, psych 2.2.9, psychTools 2.2.9,
# lavaan 0.6-14, boot 1.3-28.1). Run from the repository root (about 1.5 minutes, mostly the omega
# bootstrap):
#     Rscript tests/reference/reliability_bfi.R
# It writes tests/data/reliability_bfi.csv (the item data the tests read, so the tests need no R)
# and prints four blocks pasted into the test file: R_SCALES (alpha, Feldt CI, standardized
# alpha, mean r, omega by psych::fa ml and lavaan), R_ITEMS (item statistics), R_SMALL (small
# samples, Heywood cases) and R_BOOT (an independent percentile bootstrap).
#
# Data: psychTools::bfi, 2800 respondents x 25 Big-Five items on 1-6 (public, item-level, with
# missing values). psych itself no longer ships bfi; psychTools does. Reverse keys from
# psychTools::bfi.keys (A1 C4 C5 E1 E2 O2 O5), reversed as 7 - x and kept under their own names.
# "wave" is the gender column (1 = "male", 2 = "female"), so the per-wave split is tested too.
suppressPackageStartupMessages({library(psych); library(psychTools); library(lavaan)})
data(bfi, package = "psychTools")
items <- bfi[, 1:25]
for (v in c("A1", "C4", "C5", "E1", "E2", "O2", "O5")) items[[v]] <- 7 - items[[v]]
wave <- ifelse(bfi$gender == 1, "male", "female")
out <- data.frame(participant_id = rownames(bfi), wave = wave, items, check.names = FALSE)
write.csv(out, "tests/data/reliability_bfi.csv", row.names = FALSE, na = "")

scales <- list(
  A = c("A1", "A2", "A3", "A4", "A5"), C = c("C1", "C2", "C3", "C4", "C5"),
  E = c("E1", "E2", "E3", "E4", "E5"), N = c("N1", "N2", "N3", "N4", "N5"),
  O = c("O1", "O2", "O3", "O4", "O5"),
  C3items = c("C1", "C2", "C3"),  # just-identified one-factor model
  E2items = c("E1", "E2")         # two-item scale: Spearman-Brown
)
f6 <- function(x) ifelse(is.na(x), "nan", formatC(x, digits = 6, format = "f"))
cat("# scale, wave, n, alpha, feldt_low, feldt_high, std_alpha(=spearman_brown), average_r,",
    "omega_fa_ml_raw, omega_fa_ml_std, omega_lavaan_raw, psych_omega_tot\n")
for (s in names(scales)) for (w in c("male", "female")) {
  x <- na.omit(items[wave == w, scales[[s]]])  # listwise, as sweval
  k <- ncol(x); n <- nrow(x)
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  ci <- psych::alpha.ci(a$total$raw_alpha, n.obs = n, n.var = k, p.val = 0.05, digits = 10)
  om_raw <- om_std <- om_lav <- om_psych <- NA_real_
  if (k >= 3) {
    f <- psych::fa(x, nfactors = 1, fm = "ml")
    lam <- as.vector(f$loadings); psi <- f$uniquenesses; s_d <- apply(x, 2, sd)
    om_std <- sum(lam)^2 / (sum(lam)^2 + sum(psi))
    om_raw <- sum(lam * s_d)^2 / (sum(lam * s_d)^2 + sum(psi * s_d^2))
    model <- paste("f =~", paste(colnames(x), collapse = " + "))
    fit <- lavaan::cfa(model, data = x, std.lv = TRUE, estimator = "ML")
    pe <- lavaan::parameterEstimates(fit)
    l <- pe$est[pe$op == "=~"]; th <- pe$est[pe$op == "~~" & pe$lhs == pe$rhs & pe$lhs != "f"]
    om_lav <- sum(l)^2 / (sum(l)^2 + sum(th))
    om_psych <- suppressMessages(suppressWarnings(
      psych::omega(x, nfactors = 1, plot = FALSE)))$omega.tot
  }
  cat(sprintf('("%s", "%s"): dict(n=%d, alpha=%s, feldt=(%s, %s), sb=%s, r=%s, omega=%s, omega_std=%s, omega_lavaan=%s, psych_omega_tot=%s),\n',
              s, w, n, f6(a$total$raw_alpha), f6(unlist(ci$lower.ci)), f6(unlist(ci$upper.ci)),
              f6(a$total$std.alpha), f6(a$total$average_r), f6(om_raw), f6(om_std), f6(om_lav),
              f6(om_psych)))
}
cat("\n# item statistics (scale, wave): mean, sd, r.drop (item-rest r), raw_alpha if dropped\n")
for (s in c("A", "C", "E", "N", "O", "E2items")) for (w in c("male", "female")) {
  x <- na.omit(items[wave == w, scales[[s]]])
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  drop <- if (ncol(x) > 2) f6(a$alpha.drop$raw_alpha) else rep("nan", ncol(x))
  cat(sprintf('("%s", "%s"): dict(mean=[%s], sd=[%s], r_drop=[%s], alpha_drop=[%s]),\n', s, w,
              paste(f6(a$item.stats$mean), collapse = ", "), paste(f6(a$item.stats$sd), collapse = ", "),
              paste(f6(a$item.stats$r.drop), collapse = ", "), paste(drop, collapse = ", ")))
}

cat("\n# small samples (first rows of the csv, listwise): alpha, fa-ml raw omega, min uniqueness\n")
cat("# (at n = 10-15 the ML one-factor fit often ends in a Heywood case; C rows 1-12 has two\n")
cat("# local minima, and psych's start finds the lower one)\n")
small <- list(c("A", 1, 10), c("C", 1, 10), c("C", 1, 12), c("E", 101, 110), c("N", 1, 10),
              c("O", 101, 115), c("O", 201, 230), c("N", 101, 130))
for (case in small) {
  rows <- as.integer(case[2]):as.integer(case[3])
  x <- na.omit(items[rows, scales[[case[1]]]])
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  f <- suppressWarnings(suppressMessages(psych::fa(x, nfactors = 1, fm = "ml")))
  lam <- as.vector(f$loadings); psi <- f$uniquenesses; s_d <- apply(x, 2, sd)
  om <- sum(lam * s_d)^2 / (sum(lam * s_d)^2 + sum(psi * s_d^2))
  cat(sprintf('("%s", %s, %s): dict(n=%d, alpha=%s, omega=%s, min_uniqueness=%s),\n', case[1], case[2],
              case[3], nrow(x), f6(a$total$raw_alpha), f6(om), f6(min(psi))))
}

cat("\n# percentile bootstrap (boot::boot, case resampling, quantile type 7) for scale N, wave male:\n")
cat("# an independent bootstrap of the same statistics; its quantiles differ from sweval's only by\n")
cat("# Monte Carlo error (different random numbers)\n")
x <- na.omit(items[wave == "male", scales$N])
set.seed(20240611)
raw_alpha <- function(d, i) { v <- cov(d[i, ]); k <- ncol(v); k / (k - 1) * (1 - sum(diag(v)) / sum(v)) }
ml_omega <- function(d, i) {
  f <- suppressWarnings(suppressMessages(psych::fa(d[i, ], nfactors = 1, fm = "ml")))
  lam <- as.vector(f$loadings) * apply(d[i, ], 2, sd); psi <- f$uniquenesses * apply(d[i, ], 2, var)
  sum(lam)^2 / (sum(lam)^2 + sum(psi))
}
ba <- boot::boot(x, raw_alpha, R = 20000)
bo <- boot::boot(x, ml_omega, R = 5000)
cat(sprintf('R_BOOT = dict(alpha=(%s, %s), alpha_sd=%s, n_alpha=20000, omega=(%s, %s), omega_sd=%s, n_omega=5000)\n',
            f6(quantile(ba$t, 0.025)), f6(quantile(ba$t, 0.975)), f6(sd(ba$t)),
            f6(quantile(bo$t, 0.025)), f6(quantile(bo$t, 0.975)), f6(sd(bo$t))))

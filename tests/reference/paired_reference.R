# Reference values for tests/test_paired.py, computed with tools nobody on this project wrote.
# Run: Rscript tests/reference/paired_reference.R
# R 4.2.2; stats, coin 1.4.2, effectsize 0.8.3, BayesFactor (ttestBF), MASS, psychTools.
# effectsize 0.8.3 has no repeated_measures_d(), so d_av, g_av and d_rm are computed here by their
# formulas (Lakens 2013): d_av = mean(d)/sqrt((sd_pre^2+sd_post^2)/2), g_av = J*d_av with
# J = 1 - 3/(4(n-1)-1), d_rm = d_z*sqrt(2(1-r)).
suppressPackageStartupMessages({library(coin); library(effectsize); library(BayesFactor)})
options(digits = 10)

# exact sign-flip test of sum(d): every one of the 2^n sign patterns is checked (chunked over the
# patterns of the first half so memory stays small)
sign_flip_exact <- function(d) {
  a <- abs(d); n <- length(a); h <- n %/% 2
  pat <- function(k) as.matrix(expand.grid(rep(list(c(-1, 1)), k)))
  A <- if (h > 0) pat(h) %*% a[seq_len(h)] else 0
  B <- pat(n - h) %*% a[(h + 1):n]
  Tobs <- abs(sum(d)); tol <- 1e-9 * sum(a)
  sum(vapply(A, function(s) sum(abs(s + B) >= Tobs - tol), numeric(1))) / 2^n
}

# Rouder et al. (2009) eq. 1 by integrate(), as a cross-check of BayesFactor::ttestBF
jzs_bf10 <- function(t, n, r = sqrt(2) / 2) {
  nu <- n - 1
  f <- function(g) (1 + n * g)^(-1 / 2) * (1 + t^2 / ((1 + n * g) * nu))^(-(nu + 1) / 2) *
    r / sqrt(2 * pi) * g^(-3 / 2) * exp(-r^2 / (2 * g))
  integrate(f, 0, Inf, rel.tol = 1e-10)$value / (1 + t^2 / nu)^(-(nu + 1) / 2)
}

report <- function(name, pre, post) {
  d <- post - pre; n <- length(d)
  tt <- t.test(post, pre, paired = TRUE)
  sw <- shapiro.test(d)
  V <- suppressWarnings(wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE))
  wx <- wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon")
  dz <- cohens_d(post, pre, paired = TRUE, ci = 0.95)
  # rank_biserial on the differences, not (post, pre, paired = TRUE): in effectsize 0.8.3 the
  # two-vector form counts non-zero *post values* for the CI's standard error instead of non-zero
  # differences, so the two calls disagree when a difference is zero (anorexia: upper 0.3475 vs
  # 0.3550). The one-sample form uses the m non-zero differences, as the point estimate does.
  rb <- rank_biserial(d, ci = 0.95)
  r <- cor(pre, post)
  dav <- mean(d) / sqrt((sd(pre)^2 + sd(post)^2) / 2)
  J <- 1 - 3 / (4 * (n - 1) - 1)
  bf <- extractBF(ttestBF(x = post, y = pre, paired = TRUE, rscale = "medium"))$bf
  out <- c(n = n, t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value,
           mean_diff = unname(tt$estimate), ci_low = tt$conf.int[1], ci_high = tt$conf.int[2],
           shapiro_w = unname(sw$statistic), shapiro_p = sw$p.value,
           V = unname(V$statistic), wilcoxon_p_normal_cc = V$p.value,
           wilcoxon_p_exact = pvalue(wx), perm_p = sign_flip_exact(d),
           d_z = dz$Cohens_d, d_z_ci_low = dz$CI_low, d_z_ci_high = dz$CI_high,
           d_av = dav, g_av = J * dav, d_rm = dz$Cohens_d * sqrt(2 * (1 - r)), r = r,
           rank_biserial = rb$r_rank_biserial, rb_ci_low = rb$CI_low, rb_ci_high = rb$CI_high,
           bf10_BayesFactor = bf, bf10_integrate = jzs_bf10(unname(tt$statistic), n))
  cat("##", name, "\n"); print(out); cat("\n")
}

# 1. Student's sleep data (datasets::sleep): pre = group 1, post = group 2
report("sleep", sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2])

# 2. MASS::shoes (Box, Hunter & Hunter 1978): pre = material A, post = material B; tied |d|
report("shoes", MASS::shoes$A, MASS::shoes$B)

# 3. psychTools::msqR, study FILM, film 2, the 12 lowest ids; anxiety sum of afraid, scared,
#    nervous, tense, jittery (items 0-3): pre = time 1, post = time 2. Integer scores: ties and
#    two zero differences.
data(msqR, package = "psychTools")
x <- subset(msqR, study == "FILM" & film == 2)
x$anx <- rowSums(x[c("afraid", "scared", "nervous", "tense", "jittery")])
w <- reshape(x[c("id", "time", "anx")], idvar = "id", timevar = "time", direction = "wide")
w <- head(w[order(w$id), ], 12)
cat("msqR ids:", w$id, "\npre:", w$anx.1, "\npost:", w$anx.2, "\nfollow:", w$anx.3, "\n")
report("msqR_film2_anxiety", w$anx.1, w$anx.2)

# 4. MASS::anorexia, control group (n = 26): pre = Prewt, post = Postwt; one zero difference, a tie
cont <- subset(MASS::anorexia, Treat == "Cont")
cat("anorexia Cont pre:", cont$Prewt, "\npost:", cont$Postwt, "\n")
report("anorexia_cont", cont$Prewt, cont$Postwt)

# Holm across four made-up p values, one NA (p.adjust ignores NA in m)
print(p.adjust(c(0.01, 0.04, NA, 0.03, 0.2), method = "holm"))

# msqR again, post -> follow-up (time 2 -> time 3): all differences <= 0, two zeros
report("msqR_film2_anxiety_post_follow", w$anx.2, w$anx.3)

# Holm within a contrast across the family {msqR anxiety, sleep} (tests/test_paired.py builds a
# long table with these two scales under one pair of wave names)
p_anx <- t.test(w$anx.2, w$anx.1, paired = TRUE)$p.value
p_sleep <- t.test(sleep$extra[sleep$group == 2], sleep$extra[sleep$group == 1], paired = TRUE)$p.value
cat("holm(anxiety, sleep):", format(p.adjust(c(p_anx, p_sleep), method = "holm"), digits = 10), "\n")

# BF10 at extreme t: BayesFactor::ttest.tstat switches to an approximation for large t ("t is
# large; approximation invoked", off by up to 2% at t = 50), so the reference there is
# integrate() of Rouder et al. (2009) eq. 1 (jzs_bf10 above, tighter tolerance)
for (a in list(c(2, 10), c(3, 50), c(10, 50), c(100, 50), c(10, 0))) {
  nu <- a[1] - 1; t <- a[2]; n <- a[1]; r <- sqrt(2) / 2
  f <- function(g) exp(-0.5 * log1p(n * g) - (nu + 1) / 2 * log1p(t^2 / ((1 + n * g) * nu)) +
                         (nu + 1) / 2 * log1p(t^2 / nu) + log(r) - 0.5 * log(2 * pi) -
                         1.5 * log(g) - r^2 / (2 * g))
  cat("bf10 n =", n, "t =", t, ":", format(integrate(f, 0, Inf, rel.tol = 1e-12,
                                                      subdivisions = 1000L)$value, digits = 12), "\n")
}

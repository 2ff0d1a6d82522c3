# Reference values for the exact Wilcoxon signed-rank and sign-flip tests of sweval.paired
# (tests/test_paired_exact.py). R 4.2.2, coin 1.4.2. Run from the repository root:
#     Rscript tests/reference/paired_exact.R
# It writes tests/data/paired_exact.csv (the pairs the tests read, so the tests need no R) and
# prints one line per data set, pasted into the test file as R_EXACT.
#
# Zero handling as docs/conventions.md documents for sweval: zero differences are dropped before
# ranking (Wilcoxon's method), so the Wilcoxon reference is
# coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon"), on the
# differences rounded to 10 decimals: R ranks raw floats, so in tenths 1.5 - 1.3 = 0.19999999999999996
# and 0.2 would be two ranks, not a tie (sweval judges ties at 9 significant digits). The raw-float
# coin p is printed too (wilcoxon_p_raw_floats): it differs only for mean88.
# The sign-flip reference is coin's exact symmetry test of the paired two-sample problem:
# symmetry_test(y ~ wave | pair, distribution = exact(fact = f), teststat = "scalar"), whose
# statistic is the sum of the post values within pairs, so its permutations (swapping pre and
# post in a pair) are the 2^n sign flips of d and its two-sided p is P(|T*| >= |T|) of
# T = sum(d); f makes the responses integers (10 for tenths, 27 for prorated sums of 28 items
# with one missing). Data sets up to 30 pairs are also enumerated by brute force here (all 2^n
# sign patterns, meet in the middle), independently of coin, for both tests.
suppressPackageStartupMessages(library(coin))
options(digits = 12)
set.seed(20240617)

make <- list()
# sums of ten 1-5 items (integers); change -4..6: ties and zero differences
pre <- sample(18:42, 29, TRUE); make$likert29 <- list(pre = pre, post = pre + sample(-4:6, 29, TRUE), fact = 1)
pre <- sample(15:48, 88, TRUE); make$likert88 <- list(pre = pre, post = pre + sample(-5:6, 88, TRUE), fact = 1)
# item means of ten items: multiples of 0.1
pre <- sample(10:50, 88, TRUE) / 10
make$mean88 <- list(pre = pre, post = pre + sample(-8:10, 88, TRUE) / 10, fact = 10)
# sums of 28 items, some prorated (27 of 28 answered: sum x 28/27): differences are multiples of 1/27
pre <- sample(60:120, 40, TRUE); post <- pre + sample(-6:9, 40, TRUE)
i <- sample(40, 8); pre[i] <- pre[i] * 28 / 27
j <- sample(40, 6); post[j] <- post[j] * 28 / 27
make$prorated40 <- list(pre = pre, post = post, fact = 27)
# continuous, not on any grid: only brute force (coin's exact test needs integer scores)
pre <- rnorm(25, 50, 10); make$real25 <- list(pre = pre, post = pre + rnorm(25, 1.5, 4), fact = NA)
# a large group: 540 pairs, at least 500 non-zero differences, ties
pre <- sample(20:45, 540, TRUE); make$likert540 <- list(pre = pre, post = pre + sample(-6:7, 540, TRUE), fact = 1)
# tests/reference/paired_asymptotic.R's differences (normal approximations there), exactly here
make$sin300 <- list(pre = rep(0, 300), post = round(sin(1:300) * 10 + 1.5), fact = 1)

rows <- do.call(rbind, lapply(names(make), function(k)
  data.frame(dataset = k, pair = seq_along(make[[k]]$pre),
             pre = sprintf("%.17g", make[[k]]$pre), post = sprintf("%.17g", make[[k]]$post))))
write.csv(rows, "tests/data/paired_exact.csv", row.names = FALSE, quote = FALSE)

# brute force over all 2^n sign patterns of the weights w: two-sided P(|sum s w| >= |obs|)
brute <- function(w, obs) {
  n <- length(w); h <- n %/% 2
  pat <- function(k) as.matrix(expand.grid(rep(list(c(-1, 1)), k)))
  A <- if (h > 0) as.vector(pat(h) %*% w[seq_len(h)]) else 0
  B <- sort(as.vector(pat(n - h) %*% w[(h + 1):n]))
  thr <- abs(obs) - 1e-9 * sum(w)
  sum(vapply(A, function(a) sum(B >= thr - a) + sum(B <= -thr - a), numeric(1))) / 2^n
}

for (k in names(make)) {
  x <- make[[k]]; n <- length(x$pre); d <- round(x$post - x$pre, 10); zero <- rep(0, n)
  nz <- d[d != 0]
  V <- suppressWarnings(wilcox.test(d, exact = FALSE))$statistic
  wx <- pvalue(wilcoxsign_test(d ~ zero, distribution = "exact", zero.method = "Wilcoxon"))
  wraw <- pvalue(wilcoxsign_test(x$post ~ x$pre, distribution = "exact", zero.method = "Wilcoxon"))
  dat <- data.frame(y = c(x$pre, x$post), wave = factor(rep(c("pre", "post"), each = n), levels = c("pre", "post")),
                    pair = factor(rep(seq_len(n), 2)))
  sf <- if (!is.na(x$fact)) pvalue(symmetry_test(y ~ wave | pair, data = dat, teststat = "scalar",
                                                  distribution = exact(fact = x$fact))) else NA
  wb <- sb <- NA
  if (n <= 30) {
    r <- rank(abs(nz))
    wb <- brute(r, sum(r[nz > 0]) - sum(r[nz < 0]))
    sb <- brute(abs(d), sum(d))
  }
  cat(sprintf('"%s": {"n": %d, "n_zero": %d, "V": %s, "wilcoxon_p": %s, "perm_p": %s, "wilcoxon_p_brute": %s, "perm_p_brute": %s, "wilcoxon_p_raw_floats": %s},\n',
              k, n, sum(d == 0), format(unname(V)), format(wx, digits = 12), format(sf, digits = 12),
              format(wb, digits = 12), format(sb, digits = 12), format(wraw, digits = 12)))
}

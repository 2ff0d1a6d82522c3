# Reference values for the large-n (normal approximation) branch of sweval.paired.
# (Reached beyond the exact limits of docs/conventions.md section 4, or forced by them in the tests;
# the exact p values of the same 300 differences are in tests/reference/paired_exact.R, "sin300".)
# Rscript tests/reference/paired_asymptotic.R   (R 4.2, package stats only)
d <- round(sin(1:300) * 10 + 1.5)          # 300 paired differences with ties and zeros
wt <- wilcox.test(d, exact = FALSE, correct = FALSE)   # zeros dropped, tie-corrected variance
cat(sprintf("wilcoxon V = %.1f p = %.10g\n", wt$statistic, wt$p.value))
z <- abs(sum(d)) / sqrt(sum(d^2))            # sign-flip randomisation distribution, normal approximation
cat(sprintf("signflip p = %.10g\n", 2 * pnorm(-z)))

# Reference values for test_paired.py's check of what pingouin's paired effect sizes are.
# Run: Rscript tests/reference/paired_pingouin.R   (R 4.2.2, effectsize 0.8.3)
# pingouin.compute_effsize(x, y, paired=True, eftype="cohen") divides the mean difference by the
# pooled SD of the two waves, which with equal n is d_av; effectsize gives the same number from
# cohens_d(post, pre) *unpaired* (pooled SD), and d_z from cohens_d(..., paired = TRUE).
# Its "hedges" multiplies by J at the independent-samples df 2n - 2, J = 1 - 3/(4 df - 1);
# the project's g_av uses df = n - 1 (Lakens 2013). Both corrections are printed.
suppressPackageStartupMessages(library(effectsize))
options(digits = 12)
pre <- sleep$extra[sleep$group == 1]; post <- sleep$extra[sleep$group == 2]; n <- length(pre)
d_av <- cohens_d(post, pre, paired = FALSE, pooled_sd = TRUE)$Cohens_d
d_z <- cohens_d(post, pre, paired = TRUE)$Cohens_d
J <- function(df) 1 - 3 / (4 * df - 1)
print(c(d_av_effectsize_pooled = d_av, d_z_effectsize_paired = d_z,
        g_J_df_2n_minus_2 = J(2 * n - 2) * d_av, g_av_J_df_n_minus_1 = J(n - 1) * d_av))

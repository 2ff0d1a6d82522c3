# Reference values for tests/test_comparison.py, and the data files it reads.
# Run from the repository root: Rscript tests/reference/comparison_reference.R [write]
#   with "write" it (re)writes tests/data/comparison_anorexia.csv and comparison_orthodont.csv
# R 4.2: stats (lm), car (Anova, type III), effectsize (eta_squared, partial), emmeans, nlme (lme,
# REML). Arm coding: factor levels c("comparison", "group"), so every arm coefficient is
# group - comparison.
# Data 1: MASS::anorexia, weight (lb) before and after treatment; CBT -> "group" (29), Cont ->
#   "comparison" (26), FT -> "" (no arm: the pipeline must leave these girls out). Waves pre, post.
#   To test missing data, the post weight of the 2nd CBT and the 3rd Cont girl is set missing.
# Data 2: nlme::Orthodont, distance (mm) at ages 8 10 12 14 (waves age08 ... age14); Female ->
#   "group" (11), Male -> "comparison" (16). Unbalanced on purpose: age12 of M03 and age14 of F02
#   and F05 are set missing.
suppressPackageStartupMessages({library(nlme); library(car); library(effectsize); library(emmeans)})
options(digits = 10)

an <- MASS::anorexia
an$participant_id <- sprintf("a%02d", seq_len(nrow(an)))
an$arm <- c(CBT = "group", Cont = "comparison", FT = "")[as.character(an$Treat)]
an$Postwt[an$participant_id %in% c(an$participant_id[an$arm == "group"][2],
                                   an$participant_id[an$arm == "comparison"][3])] <- NA
anorexia <- rbind(
  data.frame(participant_id = an$participant_id, arm = an$arm, wave = "pre", scale = "weight", score = an$Prewt),
  data.frame(participant_id = an$participant_id, arm = an$arm, wave = "post", scale = "weight", score = an$Postwt))

ot <- as.data.frame(nlme::Orthodont)
ot$participant_id <- as.character(ot$Subject)
ot$arm <- ifelse(ot$Sex == "Female", "group", "comparison")
ot$wave <- sprintf("age%02d", ot$age)
ot$distance[(ot$participant_id == "M03" & ot$age == 12) | (ot$participant_id %in% c("F02", "F05") & ot$age == 14)] <- NA
orthodont <- data.frame(participant_id = ot$participant_id, arm = ot$arm, wave = ot$wave,
                        scale = "distance", score = ot$distance)
orthodont <- orthodont[order(orthodont$participant_id, orthodont$wave), ]

args <- commandArgs(trailingOnly = TRUE)
if (length(args) && args[1] == "write") {
  write.csv(anorexia, "tests/data/comparison_anorexia.csv", row.names = FALSE, na = "")
  write.csv(orthodont, "tests/data/comparison_orthodont.csv", row.names = FALSE, na = "")
}

ancova <- function(long, pre, post, label) {
  w <- merge(subset(long, wave == pre, c(participant_id, arm, score)),
             subset(long, wave == post, c(participant_id, score)), by = "participant_id",
             suffixes = c(".pre", ".post"))
  w <- subset(w, arm %in% c("group", "comparison") & !is.na(score.pre) & !is.na(score.post))
  w$arm <- factor(w$arm, levels = c("comparison", "group"))
  m <- lm(score.post ~ score.pre + arm, data = w)
  cat("##", label, "ANCOVA", pre, "->", post, ": n =", table(w$arm), "(comparison, group)\n")
  print(summary(m)$coefficients)
  print(confint(m))
  a3 <- car::Anova(m, type = 3)
  print(a3)
  cat("partial eta squared:\n")
  print(as.data.frame(effectsize::eta_squared(a3, partial = TRUE, ci = NULL))[, 1:2])
  cat("adjusted means (emmeans, at the mean pre score):\n")
  emm <- summary(emmeans::emmeans(m, "arm"))
  print(data.frame(arm = emm$arm, emmean = emm$emmean, SE = emm$SE))
  # homogeneity of regression slopes: the pre x arm term (highest order: type II = III = sequential)
  slopes <- anova(lm(score.post ~ score.pre * arm, data = w))
  cat("pre x arm (homogeneity of slopes): F =", slopes["score.pre:arm", "F value"],
      " p =", slopes["score.pre:arm", "Pr(>F)"], "\n")
  cat("\n")
}

interaction_lme <- function(long, waves, label) {
  d <- subset(long, arm %in% c("group", "comparison") & !is.na(score))
  d$wave <- factor(d$wave, levels = waves)
  d$arm <- factor(d$arm, levels = c("comparison", "group"))
  m <- lme(score ~ wave * arm, random = ~ 1 | participant_id, data = d, method = "REML")
  cat("##", label, "lme score ~ wave * arm: n_obs =", nrow(d), " n_participants =",
      length(unique(d$participant_id)), " logLik =", logLik(m), "\n")
  print(summary(m)$tTable)
  print(intervals(m, which = "fixed")$fixed)
  vc <- VarCorr(m)
  cat("var_participant =", as.numeric(vc[1, 1]), " var_residual =", as.numeric(vc[2, 1]), "\n\n")
}

ancova(anorexia, "pre", "post", "anorexia")
interaction_lme(anorexia, c("pre", "post"), "anorexia")
ancova(orthodont, "age08", "age14", "orthodont")
interaction_lme(orthodont, c("age08", "age10", "age12", "age14"), "orthodont")

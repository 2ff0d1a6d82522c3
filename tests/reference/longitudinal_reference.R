# Reference values for tests/test_longitudinal.py, and the data file it reads.
# Run: Rscript tests/reference/longitudinal_reference.R [write]
#   with "write" it (re)writes tests/data/longitudinal_msqr_film2.csv
# R 4.2.2: stats (friedman.test), nlme (lme, REML), psychTools (msqR data).
# Data: psychTools::msqR, study FILM, film 2 (31 participants, times 1-3 renamed pre, post,
# follow); scales anxiety = afraid+scared+nervous+tense+jittery and energy = active+energetic+
# lively+full.of.pep+vigorous (items 0-3). To test unbalanced data, five observations are set
# missing: anxiety follow of the 3 lowest ids, anxiety post of the 4th, energy pre of the 5th.
suppressPackageStartupMessages(library(nlme))
options(digits = 10)
data(msqR, package = "psychTools")
x <- subset(msqR, study == "FILM" & film == 2)
scales <- list(anxiety = c("afraid", "scared", "nervous", "tense", "jittery"),
               energy = c("active", "energetic", "lively", "full.of.pep", "vigorous"))
waves <- c("pre", "post", "follow")
long <- do.call(rbind, lapply(names(scales), function(s)
  data.frame(participant_id = sprintf("m%03d", x$id), wave = waves[x$time], scale = s,
             score = rowSums(x[scales[[s]]]))))
ids <- sort(unique(long$participant_id))
drop <- (long$scale == "anxiety" & long$wave == "follow" & long$participant_id %in% ids[1:3]) |
  (long$scale == "anxiety" & long$wave == "post" & long$participant_id == ids[4]) |
  (long$scale == "energy" & long$wave == "pre" & long$participant_id == ids[5])
long$score[drop] <- NA
long <- long[order(long$scale, long$participant_id, match(long$wave, waves)), ]
args <- commandArgs(trailingOnly = TRUE)
if (length(args) && args[1] == "write")
  write.csv(long, "tests/data/longitudinal_msqr_film2.csv", row.names = FALSE, na = "")

for (s in names(scales)) {
  d <- subset(long, scale == s & !is.na(score))
  d$wave <- factor(d$wave, levels = waves)
  m <- lme(score ~ wave, random = ~ 1 | participant_id, data = d, method = "REML")
  cat("##", s, "lme: n_obs =", nrow(d), " n_participants =", length(unique(d$participant_id)),
      " logLik =", logLik(m), "\n")
  print(summary(m)$tTable)
  print(intervals(m, which = "fixed")$fixed)
  vc <- VarCorr(m)
  cat("var_participant =", as.numeric(vc[1, 1]), " var_residual =", as.numeric(vc[2, 1]), "\n")
  # complete cases for Friedman
  w <- reshape(subset(long, scale == s)[c("participant_id", "wave", "score")],
               idvar = "participant_id", timevar = "wave", direction = "wide")
  w <- w[complete.cases(w), ]
  ft <- friedman.test(as.matrix(w[paste0("score.", waves)]))
  n <- nrow(w); k <- length(waves)
  # Kendall's W from the tie-corrected Friedman statistic: W = chi2 / (n (k - 1))
  cat("##", s, "friedman: n =", n, " chi2 =", ft$statistic, " df =", ft$parameter,
      " p =", ft$p.value, " W =", ft$statistic / (n * (k - 1)), "\n\n")
}

# two conditions (k = 2) on the sleep data, one tied row (participant 5: -0.1, -0.1)
ft2 <- friedman.test(cbind(sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2]))
cat("## sleep friedman k=2: chi2 =", ft2$statistic, " p =", ft2$p.value, "\n")

# A fit on the boundary (participant variance 0) for test_random_intercept_fit_boundary: 12
# simulated children (no child effect), pre/post/follow coded 0/1/2, four observations missing.
# lme4 (REML, bobyqa to 2e-12) reports a singular fit: variance 0, fixed effects and SEs of OLS.
suppressPackageStartupMessages(library(lme4))
b <- data.frame(
  child = c(0, 0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10,
            10, 11, 11, 11),
  wave = c(0, 1, 1, 2, 0, 1, 2, 0, 1, 2, 0, 2, 0, 1, 2, 0, 1, 2, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2,
           0, 1, 2),
  y = c(21.1, 22.1, 21.0, 20.6, 24.4, 20.4, 19.9, 19.1, 23.1, 19.7, 19.8, 22.0, 18.1, 24.6, 21.1,
        21.9, 21.7, 23.9, 19.8, 21.3, 22.8, 21.0, 22.3, 23.1, 18.2, 23.3, 22.3, 20.1, 20.4, 19.1,
        22.7, 19.3))
b$wave <- factor(b$wave); b$child <- factor(b$child)
mb <- lmer(y ~ wave + (1 | child), data = b, REML = TRUE,
           control = lmerControl(optimizer = "bobyqa",
                                 optCtrl = list(rhobeg = 2e-4, rhoend = 2e-12)))
cat("## boundary lmer: fixef =", fixef(mb), " se =", sqrt(diag(as.matrix(vcov(mb)))),
    " var =", as.data.frame(VarCorr(mb))$vcov, " singular =", isSingular(mb), "\n")

# The study's other contrast (post -> follow) from the same lme fit: L = (0, -1, 1),
# estimate L b, SE sqrt(L V L'), t on the fit's within df; and the primary-analysis checks of
# tests/test_primary.py: the paired t of each contrast on complete pairs (t.test(paired = TRUE)),
# Holm across the two scales within a contrast (p.adjust) for the paired t and for the lme t.
cat("## contrasts and primary analysis\n")
p_paired <- p_lme <- list()
for (s in names(scales)) {
  d <- subset(long, scale == s & !is.na(score))
  d$wave <- factor(d$wave, levels = waves)
  m <- lme(score ~ wave, random = ~ 1 | participant_id, data = d, method = "REML")
  L <- c(0, -1, 1); V <- vcov(m); df <- summary(m)$tTable["wavefollow", "DF"]
  est <- sum(L * fixef(m)); se <- sqrt(drop(t(L) %*% V %*% L))
  cat("##", s, "lme post->follow: estimate =", est, " se =", se, " df =", df,
      " p =", 2 * pt(-abs(est / se), df), "\n")
  w <- reshape(subset(long, scale == s)[c("participant_id", "wave", "score")],
               idvar = "participant_id", timevar = "wave", direction = "wide")
  for (pair in list(c("pre", "post"), c("pre", "follow"), c("post", "follow"))) {
    a <- w[[paste0("score.", pair[1])]]; b <- w[[paste0("score.", pair[2])]]
    ok <- !is.na(a) & !is.na(b)
    tt <- t.test(b[ok], a[ok], paired = TRUE)
    key <- paste(pair, collapse = "->")
    p_paired[[key]] <- c(p_paired[[key]], tt$p.value)
    cat("##", s, "paired", key, ": n =", sum(ok), " mean_diff =", unname(tt$estimate),
        " t =", unname(tt$statistic), " df =", unname(tt$parameter), " p =", tt$p.value, "\n")
  }
  tl <- summary(m)$tTable
  p_lme[["pre->post"]] <- c(p_lme[["pre->post"]], tl["wavepost", "p-value"])
  p_lme[["pre->follow"]] <- c(p_lme[["pre->follow"]], tl["wavefollow", "p-value"])
  p_lme[["post->follow"]] <- c(p_lme[["post->follow"]], 2 * pt(-abs(est / se), df))
}
for (key in names(p_paired)) {
  cat("## Holm (anxiety, energy)", key, ": paired =", p.adjust(p_paired[[key]], "holm"),
      " lme =", p.adjust(p_lme[[key]], "holm"), "\n")
}

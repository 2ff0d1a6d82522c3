# Reference values for tests/test_change.py: Jacobson & Truax (1991) reliable change, computed in R
# from the formulas, with r_xx from psych::alpha and SD_pre from the whole "baseline" sample.
# Run: Rscript tests/reference/change_reference.R   (R 4.2.2, psych, psychTools)
#   S_diff = SD_pre * sqrt(2) * sqrt(1 - r_xx); RCI = (post - pre) / S_diff; |RCI| > 1.96
#   c = (SD_dys * M_fun + SD_fun * M_dys) / (SD_dys + SD_fun)
suppressPackageStartupMessages(library(psych))
options(digits = 10)
data(msqR, package = "psychTools")
items <- c("afraid", "scared", "nervous", "tense", "jittery")
film <- subset(msqR, study == "FILM")
t1 <- film[film$time == 1, ]
# "baseline survey": every FILM participant at time 1 (all films, before any film was shown),
# complete cases on the five items (listwise)
t1 <- t1[complete.cases(t1[items]), ]
r_xx <- psych::alpha(t1[items], warnings = FALSE)$total$raw_alpha
sd_pre <- sd(rowSums(t1[items]))
cat("baseline n =", nrow(t1), " r_xx (raw alpha) =", r_xx, " sd_pre =", sd_pre, "\n")

x <- subset(film, film == 2)
x$anx <- rowSums(x[items])
w <- reshape(x[c("id", "time", "anx")], idvar = "id", timevar = "time", direction = "wide")
w <- head(w[order(w$id), ], 12)
sdiff <- sd_pre * sqrt(2) * sqrt(1 - r_xx)
rci <- (w$anx.2 - w$anx.1) / sdiff
# anxiety: lower is better, so a positive RCI above 1.96 is a reliable deterioration
cat_lower <- ifelse(abs(rci) <= 1.96, "none", ifelse(rci < 0, "improve", "deteriorate"))
cat_higher <- ifelse(abs(rci) <= 1.96, "none", ifelse(rci > 0, "improve", "deteriorate"))
cat("S_diff =", sdiff, "\n")
print(data.frame(id = w$id, pre = w$anx.1, post = w$anx.2, rci = rci, cat_lower, cat_higher))

# time 2 -> time 3 with made-up norms (test values, not published): dysfunctional M 8 SD 3,
# functional M 2 SD 2; lower is better
c_cut <- (3 * 2 + 2 * 8) / (3 + 2)
rci23 <- (w$anx.3 - w$anx.2) / sdiff
rc <- ifelse(abs(rci23) <= 1.96, "none", ifelse(rci23 < 0, "improve", "deteriorate"))
clin <- ifelse(rc == "deteriorate", "deteriorated", ifelse(rc == "none", "unchanged",
          ifelse(w$anx.3 < c_cut & !(w$anx.2 < c_cut), "recovered", "improved")))
cat("c =", c_cut, "\n")
print(data.frame(id = w$id, post = w$anx.2, follow = w$anx.3, rci = rci23, rc, clin))

# Reference values for tests/test_baseline.py, computed with R tools the project did not write.
# Run from the repository root:  Rscript tests/reference/baseline_reference.R
# Data: tests/data/baseline_*.csv (written by tests/data/baseline_generate.py, seeded).
# R 4.2.2; effectsize 0.8.3; coin; psych; sandwich 3.0-2; lmtest; car.
suppressMessages({
  library(effectsize); library(coin); library(psych); library(sandwich); library(lmtest); library(car)
})
out <- function(name, x) cat(sprintf("%-40s %s\n", name, paste(formatC(x, digits = 12, format = "g"), collapse = " ")))

scores <- read.csv("tests/data/baseline_scores.csv", fileEncoding = "UTF-8", stringsAsFactors = FALSE)
bg <- read.csv("tests/data/baseline_background.csv", fileEncoding = "UTF-8", stringsAsFactors = FALSE)
grp <- read.csv("tests/data/baseline_group.csv", fileEncoding = "UTF-8", stringsAsFactors = FALSE)
pre <- scores[scores$wave == "pre", ]
tot <- pre[pre$scale == "total", ]
d <- merge(tot, bg, by = "participant_id")
d <- d[!is.na(d$score), ]

cat("## level_distribution: Wilson interval = prop.test(correct = FALSE)\n")
lev <- tot$level[!is.na(tot$level) & tot$level != ""]
for (l in c("low", "medium", "high")) {
  k <- sum(lev == l); out(paste0("level_", l, " n share ci"), c(k, k / length(lev), prop.test(k, length(lev), correct = FALSE)$conf.int))
}

cat("## score_descriptives: psych::describe(type = 2) skew, quantile type 7\n")
for (s in unique(pre$scale)) {
  x <- pre$score[pre$scale == s]; x <- x[!is.na(x)]
  ds <- psych::describe(x, type = 2)
  out(paste0("desc_", s, " n mean sd min q1 med q3 max skew"),
      c(ds$n, ds$mean, ds$sd, quantile(x, c(0, .25, .5, .75, 1), type = 7), ds$skew))
  out(paste0("desc_", s, " item_mean_mean"), mean(pre$item_mean[pre$scale == s], na.rm = TRUE))
}

cat("## factor rule: Shapiro-Wilk p per category\n")
for (v in c("gender", "self_rated_grades")) {
  for (c in unique(d[[v]])) out(paste0("shapiro_", v, "_", c), shapiro.test(d$score[d[[v]] == c])$p.value)
}

cat("## gender: Welch t (男 first) and effectsize::hedges_g (pooled SD)\n")
x <- d$score[d$gender == "男"]; y <- d$score[d$gender == "女"]
tt <- t.test(x, y, var.equal = FALSE)
g <- hedges_g(x, y)
out("gender t df p", c(tt$statistic, tt$parameter, tt$p.value))
out("gender hedges_g ci", c(g$Hedges_g, g$CI_low, g$CI_high))

cat("## single_parent: Mann-Whitney (否 first): coin exact, wilcox.test, effectsize::rank_biserial\n")
x <- d$score[d$single_parent == "否"]; y <- d$score[d$single_parent == "是"]
wt <- suppressWarnings(wilcox.test(x, y))
dd <- data.frame(s = c(x, y), g = factor(rep(c("a", "b"), c(length(x), length(y)))))
ce <- coin::wilcox_test(s ~ g, data = dd, distribution = "exact")
rb <- rank_biserial(x, y)
out("single_parent W p_normal_cc", c(wt$statistic, wt$p.value))
out("single_parent p_coin_exact", pvalue(ce))
out("single_parent rank_biserial ci", c(rb$r_rank_biserial, rb$CI_low, rb$CI_high))

cat("## ethnicity without the single '其他' child: kruskal.test, rank_epsilon_squared\n")
e <- d[d$ethnicity != "其他", ]
kt <- kruskal.test(score ~ factor(ethnicity), data = e)
out("ethnicity H df p", c(kt$statistic, kt$parameter, kt$p.value))
out("ethnicity epsilon_squared", rank_epsilon_squared(score ~ factor(ethnicity), data = e, ci = NULL)$rank_epsilon_squared)

cat("## community_activities: kruskal.test, rank_epsilon_squared\n")
ca <- d[!is.na(d$community_activities) & d$community_activities != "", ]
kt <- kruskal.test(score ~ factor(community_activities), data = ca)
out("community H df p", c(kt$statistic, kt$parameter, kt$p.value))
out("community epsilon_squared", rank_epsilon_squared(score ~ factor(community_activities), data = ca, ci = NULL)$rank_epsilon_squared)

cat("## self_rated_grades: oneway.test(var.equal = FALSE), F_to_omega2 two-sided\n")
ow <- oneway.test(score ~ factor(self_rated_grades), data = d, var.equal = FALSE)
om <- F_to_omega2(ow$statistic, ow$parameter[1], ow$parameter[2], alternative = "two.sided")
out("grades F df1 df2 p", c(ow$statistic, ow$parameter, ow$p.value))
out("grades omega2 ci", c(om$Omega2_partial, om$CI_low, om$CI_high))

cat("## numeric: cor.test(method = 'spearman', exact = FALSE); CI by formula (Bonett & Wright 2000 SE)\n")
for (v in c("age", "years_since_relocation")) {
  ok <- !is.na(d[[v]])
  ct <- cor.test(d[[v]][ok], d$score[ok], method = "spearman", exact = FALSE)
  r <- unname(ct$estimate); n <- sum(ok); se <- sqrt((1 + r^2 / 2) / (n - 3))
  out(paste(v, "n rho S p ci"), c(n, r, ct$statistic, ct$p.value, tanh(atanh(r) + c(-1, 1) * qnorm(.975) * se)))
}

cat("## Holm over the 7 raw p-values in factor_tests order\n")
# gender, single_parent (coin exact), ethnicity, grades, community, age, years
p <- c(tt$p.value, pvalue(ce), kruskal.test(score ~ factor(ethnicity), data = e)$p.value, ow$p.value,
       kruskal.test(score ~ factor(community_activities), data = ca)$p.value,
       cor.test(d$age, d$score, method = "spearman", exact = FALSE)$p.value,
       cor.test(d$years_since_relocation, d$score, method = "spearman", exact = FALSE)$p.value)
out("holm", p.adjust(p, "holm"))

cat("## small exact cases: Spearman n = 8 without ties (cor.test exact), Mann-Whitney 6 vs 5 without ties\n")
sx <- c(3.1, 1.2, 5.5, 4.0, 2.2, 7.1, 6.3, 0.4); sy <- c(2, 1, 7, 3, 5, 8, 4, 6)
ct <- cor.test(sx, sy, method = "spearman")
out("spearman8 rho S p", c(ct$estimate, ct$statistic, ct$p.value))
mx <- c(12.1, 15.3, 9.8, 20.4, 17.2, 11.0); my <- c(8.1, 10.2, 7.7, 13.9, 6.5)
wt <- wilcox.test(mx, my, exact = TRUE)
out("mw_small W p_exact", c(wt$statistic, wt$p.value))
cat("## Spearman n = 7 with ties: all 7! orderings, 2 x smaller tail\n")
perms <- function(v) if (length(v) == 1) matrix(v, 1) else do.call(rbind, lapply(seq_along(v), function(i) cbind(v[i], perms(v[-i]))))
tx <- c(1, 2, 2, 3, 5, 5, 6); ty <- c(2.5, 2.0, 3.1, 3.1, 4.2, 3.9, 4.8)
rx <- rank(tx); ry <- rank(ty); r0 <- cor(rx, ry)
P <- perms(ry); rs <- apply(P, 1, function(p) cor(rx, p))
out("spearman7ties rho p", c(r0, min(1, 2 * min(mean(rs >= r0 - 1e-9), mean(rs <= r0 + 1e-9)))))

cat("## factor_regression: lm, sandwich::vcovHC(type = 'HC3'), lmtest::coeftest/coefci, car::vif\n")
vars <- c("gender", "single_parent", "ethnicity", "self_rated_grades", "community_activities", "age", "years_since_relocation")
r <- d[complete.cases(d[, c("score", vars)]) & d$community_activities != "", ]
r <- r[r$ethnicity != "其他", ]
r$gender <- factor(r$gender, levels = c("男", "女")); r$single_parent <- factor(r$single_parent, levels = c("否", "是"))
r$ethnicity <- factor(r$ethnicity, levels = c("汉族", "苗族", "布依族"))
r$self_rated_grades <- factor(r$self_rated_grades, levels = c("较差", "中等", "较好"))
r$community_activities <- factor(r$community_activities, levels = c("从不", "偶尔", "经常"))
m <- lm(score ~ gender + single_parent + ethnicity + self_rated_grades + community_activities + age + years_since_relocation, data = r)
V <- vcovHC(m, type = "HC3")
ctab <- coeftest(m, vcov. = V); ci <- coefci(m, vcov. = V)
out("reg n", nrow(r))
for (i in seq_len(nrow(ctab))) out(paste("reg", rownames(ctab)[i], "b se t p lo hi"), c(ctab[i, ], ci[i, ]))
X <- model.matrix(m)[, -1]
out("reg vif", sapply(seq_len(ncol(X)), function(j) 1 / (1 - summary(lm(X[, j] ~ X[, -j]))$r.squared)))
gv <- car::vif(m)
out("reg gvif", gv[, 1]); out("reg gvif_adj", gv[, 3])
sm <- summary(m)
b <- coef(m)[-1]; Vb <- V[-1, -1]; Fw <- drop(t(b) %*% solve(Vb) %*% b) / length(b)
wt <- waldtest(m, . ~ 1, vcov = V, test = "F")
out("reg r2 adj_r2 F_robust p (matrix)", c(sm$r.squared, sm$adj.r.squared, Fw, pf(Fw, length(b), m$df.residual, lower.tail = FALSE)))
out("reg waldtest F p", c(wt$F[2], wt$`Pr(>F)`[2]))
out("reg beta", coef(m)[-1] * apply(X, 2, sd) / sd(r$score))

cat("## selection_check: group vs others\n")
ing <- tot$participant_id %in% grp$participant_id[grp$in_group %in% c(TRUE, "True")]
a <- tot$score[ing & !is.na(tot$score)]; o <- tot$score[!ing & !is.na(tot$score)]
tt <- t.test(a, o, var.equal = FALSE); g <- hedges_g(a, o)
out("sel t df p", c(tt$statistic, tt$parameter, tt$p.value))
out("sel hedges_g ci", c(g$Hedges_g, g$CI_low, g$CI_high))
dd <- data.frame(s = c(a, o), g = factor(rep(c("a", "b"), c(length(a), length(o)))))
rb <- rank_biserial(a, o)
out("sel U p_coin_exact", c(suppressWarnings(wilcox.test(a, o))$statistic, pvalue(coin::wilcox_test(s ~ g, data = dd, distribution = "exact"))))
out("sel rank_biserial ci", c(rb$r_rank_biserial, rb$CI_low, rb$CI_high))

cat("## factor_categories and Holm within the 'community' level\n")
out("grades mean by category (较差 中等 较好)", tapply(d$score, factor(d$self_rated_grades, levels = c("较差", "中等", "较好")), mean))
out("grades sd by category", tapply(d$score, factor(d$self_rated_grades, levels = c("较差", "中等", "较好")), sd))
out("holm community (community_activities, years)", p.adjust(p[c(5, 7)], "holm"))

cat("## Mann-Whitney at the exact/normal boundary: x = (0:99) %% 17, y = (0:99) %% 13 + 2 (many ties)\n")
x <- (0:99) %% 17; y <- (0:99) %% 13 + 2
dd <- data.frame(s = c(x, y), g = factor(rep(1:2, c(100, 100))))
out("mw200 p_coin_exact", pvalue(coin::wilcox_test(s ~ g, data = dd, distribution = "exact")))
x <- (0:119) %% 17
wt <- wilcox.test(x, y, exact = FALSE)
out("mw220 W p_normal_cc", c(wt$statistic, wt$p.value))

cat("## factor_regression sized to the data: at most 1 df per 10 children, predictors in the priority order\n")
cat("## single_parent, community_activities, ethnicity, gender, age, self_rated_grades, years_since_relocation:\n")
cat("## single_parent (1 df) and community_activities (2) enter, ethnicity (2) does not fit (1 left), gender (1) enters,\n")
cat("## nothing is left for the rest. The model sweval fits, in R: lm() with HC3 (sandwich/lmtest).\n")
s <- d[complete.cases(d[, c("score", "single_parent", "community_activities", "gender")]) & d$community_activities != "", ]
s$single_parent <- factor(s$single_parent, levels = c("否", "是"))
s$community_activities <- factor(s$community_activities, levels = c("从不", "偶尔", "经常"))
s$gender <- factor(s$gender, levels = c("男", "女"))
out("sized n max_df", c(nrow(s), floor(nrow(s) / 10)))
ms <- lm(score ~ single_parent + community_activities + gender, data = s)
Vs <- vcovHC(ms, type = "HC3")
cs <- coeftest(ms, vcov. = Vs); cis <- coefci(ms, vcov. = Vs)
for (i in seq_len(nrow(cs))) out(paste("sized", rownames(cs)[i], "b se t p lo hi"), c(cs[i, ], cis[i, ]))
ws <- waldtest(ms, . ~ 1, vcov = Vs, test = "F")
out("sized r2 adj_r2 waldF p", c(summary(ms)$r.squared, summary(ms)$adj.r.squared, ws$F[2], ws$`Pr(>F)`[2]))
out("sized gvif_adj", car::vif(ms)[, 3])

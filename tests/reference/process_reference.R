# Reference values for tests/test_process.py, computed with R tools the project did not write.
# Run from the repository root:  Rscript tests/reference/process_reference.R
# Data: tests/data/process_*.csv (written by tests/data/process_generate.py, seeded).
# R 4.2.2; lme4, nlme (mixed model); stats (t.test, lm, cor.test).
suppressMessages({ library(lme4); library(nlme) })
out <- function(name, x) cat(sprintf("%-44s %s\n", name, paste(formatC(x, digits = 12, format = "g"), collapse = " ")))
att <- read.csv("tests/data/process_attendance.csv", stringsAsFactors = FALSE)
fb <- read.csv("tests/data/process_feedback.csv", stringsAsFactors = FALSE)
goals <- read.csv("tests/data/process_goals.csv", stringsAsFactors = FALSE)
gas <- read.csv("tests/data/process_goals_gas.csv", stringsAsFactors = FALSE)
chg <- read.csv("tests/data/process_change.csv", stringsAsFactors = FALSE)

cat("## attendance: present per session (NaN and missing records count as absent), per child\n")
out("present by session 1..7", tapply(att$attended %in% 1, att$session, sum))
out("attended by child G01..G10", tapply(att$attended %in% 1, att$participant_id, sum))

cat("## feedback_summary: t.test(x)$conf.int per session x item (session, item sorted)\n")
fb <- fb[order(fb$session, fb$item), ]
for (s in sort(unique(fb$session))) for (it in sort(unique(fb$item))) {
  x <- fb$value[fb$session == s & fb$item == it]; x <- x[!is.na(x)]
  out(paste("fb", s, it, "n mean sd lo hi"), c(length(x), mean(x), sd(x), t.test(x)$conf.int))
}

cat("## feedback_trend: lmer(value ~ session + (1 | child), REML); Wald z p; nlme::lme as a cross-check\n")
perms <- function(v) if (length(v) == 1) matrix(v, 1) else do.call(rbind, lapply(seq_along(v), function(i) cbind(v[i], perms(v[-i]))))
exact_rho_p <- function(x, y) {  # 2 x smaller tail over all orderings of y's mid-ranks
  rx <- rank(x); ry <- rank(y); r0 <- cor(rx, ry); rs <- apply(perms(ry), 1, function(p) cor(rx, p))
  c(r0, min(1, 2 * min(mean(rs >= r0 - 1e-9), mean(rs <= r0 + 1e-9))))
}
d <- fb[!is.na(fb$value), ]
for (it in sort(unique(d$item))) {
  di <- d[d$item == it, ]
  m <- lmer(value ~ session + (1 | participant_id), data = di, REML = TRUE)
  b <- fixef(m)[2]; se <- sqrt(vcov(m)[2, 2]); vc <- as.data.frame(VarCorr(m))$vcov
  out(paste("lmer", it, "slope se p lo hi var_child var_res"),
      c(b, se, 2 * pnorm(-abs(b / se)), b + c(-1, 1) * qnorm(.975) * se, vc))
  l <- lme(value ~ session, random = ~ 1 | participant_id, data = di, method = "REML")
  out(paste("nlme", it, "slope se"), summary(l)$tTable[2, 1:2])
  means <- tapply(di$value, di$session, mean); s <- as.numeric(names(means))
  lm1 <- lm(means ~ s)
  out(paste("ols_means", it, "slope se p lo hi"), c(coef(summary(lm1))[2, c(1, 2, 4)], confint(lm1)[2, ]))
  out(paste("rho_means", it, "rho p_exact"), exact_rho_p(s, means))
}

cat("## goal attainment: 1-5 (threshold 4) and GAS -2..2 (threshold 0); Kiresuk-Sherman T, rho = .3\n")
for (s in sort(unique(goals$session))) {
  x <- goals$rating[goals$session == s]; x <- x[!is.na(x)]
  out(paste("goals", s, "n mean sd pomp share"), c(length(x), mean(x), sd(x), (mean(x) - 1) / 4 * 100, mean(x >= 4)))
  g <- gas$rating[gas$session == s]; g <- g[!is.na(g)]; k <- length(g)
  out(paste("gas", s, "mean share T"), c(mean(g), mean(g >= 0), 50 + 10 * sum(g) / sqrt((1 - .3) * k + .3 * k^2)))
}

cat("## attendance_change_link: cor.test (t approximation with ties) and exact over distinct orderings\n")
msperm <- function(v) {  # distinct orderings of a multiset
  if (length(v) <= 1) return(matrix(v, 1))
  do.call(rbind, lapply(unique(v), function(x) cbind(x, msperm(v[-match(x, v)]))))
}
dose <- tapply(att$attended %in% 1, att$participant_id, sum)
ch <- chg[chg$scale == "total" & chg$contrast == "pre->post", ]
ch <- ch[match(names(dose), ch$participant_id), ]
x <- as.numeric(dose); y <- ch$change
ct <- suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE))
rx <- rank(x); ry <- rank(y); r0 <- cor(rx, ry)
P <- msperm(rx); rs <- apply(P, 1, function(p) cor(p, ry))
n <- length(x); se <- sqrt((1 + r0^2 / 2) / (n - 3))
out("link n rho p_t orderings", c(n, ct$estimate, ct$p.value, nrow(P)))
out("link p_exact", min(1, 2 * min(mean(rs >= r0 - 1e-9), mean(rs <= r0 + 1e-9))))
out("link ci (Bonett-Wright)", tanh(atanh(r0) + c(-1, 1) * qnorm(.975) * se))

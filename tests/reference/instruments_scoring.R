# Reference values for tests/test_instrument_scoring.py: scoring and reliability of the shipped
# codebooks rses, gses, chs and pssm, by psych::scoreItems (R 4.2.2, psych 2.2.9).
# Run from the repository root:
#     Rscript tests/reference/instruments_scoring.R
# For each instrument it simulates item codes (seeded), writes them to
# tests/data/instrument_scoring/<instrument>.csv (the data the tests read, so the tests need no
# R), writes psych's scale scores to tests/data/instrument_scoring/<instrument>_psych.csv, and
# prints the reliability block pasted into the test file as R_RELIABILITY.
#
# The keys below are written here from the instruments' literature, independently of the YAML
# codebooks, so the test also checks the codebooks' reverse keys and scale membership:
# RSES items 2 5 6 8 9 reversed (1-4); GSES none (1-4); CHS none, agency 1 3 5, pathways 2 4 6
# (1-6); PSSM items 3 6 9 12 16 reversed (1-5).
#
# Data: the first four respondents have known answers (H1 every item at the minimum code, H2 every
# item at the maximum, H3 the best answer on every item: maximum on positively worded items,
# minimum on reverse-keyed ones, H4 item 1 missing and every other item at the middle code rounded
# down); the others answer from a one-factor model (reverse-keyed items load negatively), 12 of
# them with one item missing and 3 with three items missing (below the 80% rule for 10- and 6-item
# scales, prorated for the 18-item PSSM).
#
# psych::scoreItems(keys, items, totals = FALSE, impute = "none", min, max) gives each
# respondent's mean of the answered items after reversing (max + min - x); sweval's prorated sum is
# that mean x the number of items, and is missing where fewer than 80% are answered (the
# codebooks' min_answered_share), which the test applies to psych's value. Reliability is on the
# complete cases (sweval is listwise): psych::alpha's raw_alpha, std.alpha (the Spearman-Brown
# value of the average inter-item r) and average_r of the reverse-keyed items, and scoreItems'
# alpha of the raw items with the keys (equal to raw_alpha). scoreItems' av.r is printed too but
# is not the mean inter-item correlation: it is raw alpha turned back into an r,
# alpha / (k - (k - 1) alpha).
suppressPackageStartupMessages(library(psych))
set.seed(20240618)

instruments <- list(
  rses = list(k = 10, min = 1, max = 4, reverse = c(2, 5, 6, 8, 9), scales = list(total = 1:10)),
  gses = list(k = 10, min = 1, max = 4, reverse = integer(0), scales = list(total = 1:10)),
  chs  = list(k = 6,  min = 1, max = 6, reverse = integer(0),
              scales = list(total = 1:6, agency = c(1, 3, 5), pathways = c(2, 4, 6))),
  pssm = list(k = 18, min = 1, max = 5, reverse = c(3, 6, 9, 12, 16), scales = list(total = 1:18))
)
f6 <- function(x) formatC(x, digits = 6, format = "f")

for (name in names(instruments)) {
  ins <- instruments[[name]]; k <- ins$k; lo <- ins$min; hi <- ins$max
  ids <- sprintf("%s_%02d", name, 1:k)
  sgn <- ifelse(1:k %in% ins$reverse, -1, 1)
  n <- 150
  theta <- rnorm(n)
  load <- runif(k, 0.5, 0.9)
  mid <- (lo + hi) / 2; spread <- (hi - lo) / 3.5
  x <- sapply(1:k, function(j) pmin(hi, pmax(lo, round(mid + spread * (sgn[j] * load[j] * theta + rnorm(n, 0, 0.7))))))
  x[1, ] <- lo                              # H1
  x[2, ] <- hi                              # H2
  x[3, ] <- ifelse(sgn < 0, lo, hi)         # H3
  x[4, ] <- floor(mid); x[4, 1] <- NA       # H4
  one <- sample(5:n, 15)
  for (r in one[1:12]) x[r, sample(k, 1)] <- NA
  for (r in one[13:15]) x[r, sample(k, 3)] <- NA
  colnames(x) <- ids
  pid <- c("H1", "H2", "H3", "H4", sprintf("S%03d", 5:n))
  out <- data.frame(participant_id = pid, wave = "pre", x, check.names = FALSE)
  write.csv(out, sprintf("tests/data/instrument_scoring/%s.csv", name), row.names = FALSE, na = "")

  keys <- lapply(ins$scales, function(items) ifelse(items %in% ins$reverse, paste0("-", ids[items]), ids[items]))
  sc <- scoreItems(keys, as.data.frame(x), totals = FALSE, impute = "none", min = lo, max = hi)
  scores <- do.call(rbind, lapply(names(ins$scales), function(s) {
    items <- ins$scales[[s]]
    data.frame(participant_id = pid, scale = s, psych_item_mean = sprintf("%.10f", sc$scores[, s]),
               n_answered = rowSums(!is.na(x[, items, drop = FALSE])), n_items = length(items))
  }))
  write.csv(scores, sprintf("tests/data/instrument_scoring/%s_psych.csv", name), row.names = FALSE, quote = FALSE)

  keyed <- x; for (j in ins$reverse) keyed[, j] <- hi + lo - x[, j]
  for (s in names(ins$scales)) {
    items <- ins$scales[[s]]
    cc <- na.omit(as.data.frame(x[, items, drop = FALSE]))
    sc_cc <- scoreItems(keys[s], cc, totals = FALSE, impute = "none", min = lo, max = hi)
    a <- psych::alpha(na.omit(as.data.frame(keyed[, items, drop = FALSE])), check.keys = FALSE, warnings = FALSE)
    cat(sprintf('("%s", "%s"): {"n": %d, "alpha": %s, "scoreitems_alpha": %s, "std_alpha": %s, "average_r": %s, "scoreitems_av_r": %s},\n',
                name, s, nrow(cc), f6(a$total$raw_alpha), f6(sc_cc$alpha[1, 1]), f6(a$total$std.alpha),
                f6(a$total$average_r), f6(sc_cc$av.r[1, 1])))
  }
}

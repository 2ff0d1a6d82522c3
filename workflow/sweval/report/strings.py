"""Every label of the report in English and Chinese; figures and tables take their text from here."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "report_title": {"en": "Evaluation report", "zh": "评估报告"},
    "contents": {"en": "Contents", "zh": "目录"},
    "simulated_note": {"en": "The data of this example study are SIMULATED; no real child took part.",
                       "zh": "本示例研究的数据均为模拟数据，没有真实儿童参与。"},
    "generated": {"en": "Generated", "zh": "生成时间"},
    # sections
    "data_quality": {"en": "Data quality", "zh": "数据质量"},
    "baseline": {"en": "Baseline needs assessment", "zh": "基线需求评估"},
    "reliability": {"en": "Measurement and reliability", "zh": "测量与信度"},
    "outcomes": {"en": "Outcomes and individual change", "zh": "成效与个体变化"},
    "process": {"en": "Process evaluation", "zh": "过程评估"},
    "provenance": {"en": "Provenance", "zh": "数据来源与可重复性"},
    # data quality
    "rows_accounting": {"en": "Every raw row accounted for", "zh": "原始数据行核对"},
    "quality_events": {"en": "Cleaning events by action and reason", "zh": "数据清理记录（按处理方式和原因）"},
    "wave_matching": {"en": "Who was measured at which wave (group members)", "zh": "各测量时点的参与情况（小组成员）"},
    "flags": {"en": "Flagged responses (kept)", "zh": "被标记的问卷（保留）"},
    "source_file": {"en": "Source file", "zh": "来源文件"},
    "rows_in": {"en": "Rows in", "zh": "原始行数"},
    "rows_kept": {"en": "Kept", "zh": "保留"},
    "rows_excluded": {"en": "Excluded", "zh": "剔除"},
    "action": {"en": "Action", "zh": "处理"},
    "reason": {"en": "Reason", "zh": "原因"},
    "events": {"en": "Events", "zh": "次数"},
    # baseline
    "levels": {"en": "Resilience levels at baseline", "zh": "基线抗逆力水平分布"},
    "level_rule": {"en": "Level rule", "zh": "水平划分规则"},
    "level": {"en": "Level", "zh": "水平"},
    "low": {"en": "low", "zh": "低"}, "medium": {"en": "medium", "zh": "中"}, "high": {"en": "high", "zh": "高"},
    "children": {"en": "Children", "zh": "儿童人数"},
    "share": {"en": "Share", "zh": "比例"},
    "profile": {"en": "Profile of scales and sub-groups (baseline)", "zh": "各维度得分概况（基线）"},
    "factors": {"en": "Factors associated with resilience", "zh": "抗逆力的影响因素"},
    "factor_plot": {"en": "Total score by factor category", "zh": "不同类别儿童的抗逆力总分"},
    "regression": {"en": "Multiple regression of the total score (HC3 robust SE)", "zh": "抗逆力总分的多元回归（HC3稳健标准误）"},
    "selection": {"en": "Selection check: the group against the other respondents", "zh": "入组检查：小组成员与其他儿童比较"},
    "family": {"en": "family", "zh": "家庭"}, "school": {"en": "school", "zh": "学校"},
    "community": {"en": "community", "zh": "社区"}, "demographic": {"en": "demographic", "zh": "人口学"},
    # reliability
    "reliability_table": {"en": "Internal consistency per scale and wave", "zh": "各维度各时点的内部一致性"},
    "item_rest": {"en": "Corrected item-total correlations (baseline)", "zh": "校正的题总相关（基线）"},
    # outcomes
    "paired_table": {"en": "Paired comparisons", "zh": "配对比较"},
    "forest": {"en": "Effect sizes d_z with 95% CI", "zh": "效应量 d_z 及其95%置信区间"},
    "trajectories": {"en": "Each child's total score across waves", "zh": "每名儿童各时点的抗逆力总分"},
    "jacobson": {"en": "Individual change (Jacobson plot)", "zh": "个体变化（Jacobson图）"},
    "rci_summary": {"en": "Reliable change (RCI, |RCI| > 1.96)", "zh": "可靠变化（RCI，|RCI| > 1.96）"},
    "power": {"en": "Sensitivity: smallest d_z detectable", "zh": "敏感性分析：可检测的最小效应量"},
    "longitudinal": {"en": "All waves: mixed model and Friedman test", "zh": "多时点分析：混合模型与Friedman检验"},
    "findings": {"en": "Findings in plain words", "zh": "主要发现"},
    "limitations": {"en": "Limitations: what this design can and cannot show", "zh": "研究局限：本设计能说明什么、不能说明什么"},
    "group_mean": {"en": "group mean", "zh": "小组均值"},
    "score": {"en": "Score", "zh": "得分"},
    "wave": {"en": "Wave", "zh": "测量时点"},
    "scale": {"en": "Scale", "zh": "维度"},
    "contrast": {"en": "Contrast", "zh": "比较"},
    "pre": {"en": "pre-test", "zh": "前测"}, "post": {"en": "post-test", "zh": "后测"},
    "followup": {"en": "follow-up", "zh": "追踪测"},
    "no_change_line": {"en": "no change", "zh": "无变化"},
    "rci_band": {"en": "no reliable change band", "zh": "无可靠变化区间"},
    "reliable improvement": {"en": "reliable improvement", "zh": "可靠改善"},
    "no reliable change": {"en": "no reliable change", "zh": "无可靠变化"},
    "reliable deterioration": {"en": "reliable deterioration", "zh": "可靠恶化"},
    # process
    "attendance": {"en": "Attendance per child and session", "zh": "每名儿童各次活动出勤"},
    "attendance_rate": {"en": "Attendance rate per session", "zh": "各次活动出勤率"},
    "session": {"en": "Session", "zh": "活动次数"},
    "child": {"en": "Child", "zh": "儿童"},
    "feedback": {"en": "After-session feedback (mean, 95% CI)", "zh": "活动后反馈（均值及95%置信区间）"},
    "feedback_trend": {"en": "Trend of feedback across sessions", "zh": "反馈随活动次数的变化趋势"},
    "goals": {"en": "Worker's goal-attainment rating per session", "zh": "社工对每次活动目标达成的评分"},
    "link": {"en": "Attendance and change", "zh": "出勤与变化的关系"},
    "rating": {"en": "Rating", "zh": "评分"},
    "present": {"en": "present", "zh": "出席"}, "absent": {"en": "absent", "zh": "缺席"},
    "excused": {"en": "excused", "zh": "请假"}, "not_recorded": {"en": "not recorded", "zh": "未记录"},
    # table headings and notes
    "variable": {"en": "Variable", "zh": "变量"},
    "category": {"en": "Category", "zh": "类别"},
    "test": {"en": "Test", "zh": "检验"},
    "statistic": {"en": "Statistic", "zh": "统计量"},
    "effect_size": {"en": "Effect size", "zh": "效应量"},
    "effect_type": {"en": "Type", "zh": "类型"},
    "term": {"en": "Term", "zh": "项"},
    "group": {"en": "Group", "zh": "小组成员"},
    "others": {"en": "Other respondents", "zh": "其他儿童"},
    "missing": {"en": "missing", "zh": "缺失"},
    "flag_fast": {"en": "Too fast", "zh": "作答过快"},
    "flag_straightline": {"en": "Straight-lining", "zh": "连续相同作答"},
    "flag_incomplete": {"en": "Incomplete", "zh": "未答完"},
    "balanced": {"en": "Balanced", "zh": "核对一致"},
    "yes": {"en": "yes", "zh": "是"}, "no": {"en": "NO", "zh": "否"},
    "measured": {"en": "Measured", "zh": "已测"},
    "note": {"en": "Note", "zh": "说明"},
    "items_k": {"en": "Items", "zh": "题数"},
    "mean_r": {"en": "Mean inter-item r", "zh": "平均题间相关"},
    "item": {"en": "Item", "zh": "题目"},
    "alpha_if_deleted": {"en": "α if deleted", "zh": "删除该题后α"},
    "item_rest_r": {"en": "r (item-rest)", "zh": "校正题总相关"},
    "item_table": {"en": "Item statistics (baseline)", "zh": "题目统计（基线）"},
    "descriptives_waves": {"en": "Descriptive statistics of the group per wave", "zh": "小组成员各时点描述统计"},
    "mean_diff": {"en": "Mean difference [95% CI]", "zh": "均值差 [95% CI]"},
    "min_detectable": {"en": "Smallest d_z detectable", "zh": "可检测的最小 d_z"},
    "pairs": {"en": "Pairs", "zh": "配对数"},
    "improved_n": {"en": "Reliably improved", "zh": "可靠改善"},
    "unchanged_n": {"en": "No reliable change", "zh": "无可靠变化"},
    "deteriorated_n": {"en": "Reliably deteriorated", "zh": "可靠恶化"},
    "analysis": {"en": "Analysis", "zh": "分析"},
    "estimate": {"en": "Estimate [95% CI]", "zh": "估计值 [95% CI]"},
    "mixed_model": {"en": "Mixed model", "zh": "混合模型"},
    "friedman": {"en": "Friedman test", "zh": "Friedman检验"},
    "slope": {"en": "Slope per session [95% CI]", "zh": "每次活动的斜率 [95% CI]"},
    "method": {"en": "Method", "zh": "方法"},
    "sessions_attended": {"en": "Sessions attended", "zh": "出勤次数"},
    "present_n": {"en": "Present", "zh": "出席人数"},
    "absent_n": {"en": "Absent", "zh": "缺席人数"},
    "excused_n": {"en": "Excused", "zh": "请假人数"},
    "expected_n": {"en": "Expected", "zh": "应到人数"},
    "rate": {"en": "Rate", "zh": "出勤率"},
    "topic": {"en": "Topic", "zh": "主题"},
    "mean_rating": {"en": "Mean rating", "zh": "平均评分"},
    "attained": {"en": "Attained", "zh": "达成"},
    "model_fit": {"en": "Model fit", "zh": "模型拟合"},
    "reference_categories": {"en": "Reference categories", "zh": "参照类别"},
    "small_cell_note": {"en": "Cells describing fewer than 3 children are shown as '< 3' without their statistics.",
                        "zh": "少于3名儿童的单元格显示为“< 3”，不显示其统计量。"},
    "qq": {"en": "Normality of the pre→post differences (Q-Q plot)", "zh": "前后测差值的正态性（Q-Q图）"},
    "theoretical_quantiles": {"en": "Normal quantiles", "zh": "正态分位数"},
    "observed_differences": {"en": "Observed differences", "zh": "观测差值"},
    "subscale_trajectories": {"en": "Subscales across waves", "zh": "各分量表各时点得分"},
    "item_reliability": {"en": "Item-level reliability (baseline)", "zh": "题目层面的信度（基线）"},
    "alpha_ci": {"en": "α with 95% CI per scale and wave", "zh": "各维度各时点的α及95%置信区间"},
    "two_item_note": {"en": "Two-item sub-groups: read the Spearman-Brown coefficient; α is not meaningful for two items.",
                      "zh": "两题的子维度应参考Spearman-Brown系数，α对两题不适用。"},
    "wilcoxon_note": {"en": "Wilcoxon", "zh": "Wilcoxon检验"},
    "holm_note": {"en": "Holm across {family} within each contrast; other scales unadjusted (exploratory).",
                  "zh": "Holm校正在每个比较内针对{family}进行；其他维度未校正（探索性）。"},
    "not_shown_small": {"en": "not shown (n < 3)", "zh": "不显示（n < 3）"},
    # numbered captions and figure notes (HTML and Word report; sweval/report/outputs.py numbers them)
    "table_label": {"en": "Table {n}.", "zh": "表{n}"},
    "figure_label": {"en": "Figure {n}.", "zh": "图{n}"},
    "inputs_table": {"en": "Input files and their SHA-256", "zh": "输入文件及其SHA-256校验值"},
    "packages_table": {"en": "Software versions", "zh": "软件版本"},
    "each_child": {"en": "each child", "zh": "每名儿童"},
    "fig_note_levels": {"en": "Bars: number of children at each level; above each bar, the number and its share of the "
                              "children with a score.",
                        "zh": "柱形为各水平的儿童人数；柱上标注人数及其占有得分儿童的比例。"},
    "fig_note_factors": {"en": "Points: mean score of the children in the category; whiskers: ±1 SD (not a confidence "
                               "interval). Categories with fewer than 3 children are listed without a point.",
                         "zh": "点为该类别儿童得分的均值；误差线为 ±1 个标准差（不是置信区间）。少于3名儿童的类别只列出名称，不画点。"},
    "fig_note_item_rest": {"en": "Bars: corrected item-total correlation (item with the sum of the other items); bars "
                                 "below .30 (dashed line) are orange. Points: α if the item is deleted; solid line: α "
                                 "of the whole scale.",
                           "zh": "条形为校正的题总相关（该题与其余题目之和的相关）；低于 .30（虚线）的条形为橙色。点为删除该题后的α；实线为整个维度的α。"},
    "fig_note_trajectories": {"en": "Grey lines: each child of the group; thick blue line: the group mean at each wave.",
                              "zh": "灰线为每名小组成员；蓝色粗线为各时点的小组均值。"},
    "fig_note_forest": {"en": "Points: d_z (mean change divided by the SD of the changes); whiskers: 95% confidence "
                              "interval (noncentral t). Right of 0: scores went up. Scales in bold are the outcome "
                              "family that Holm adjusts.",
                        "zh": "点为 d_z（平均变化除以变化的标准差）；误差线为95%置信区间（非中心t分布）。0右侧表示得分上升。"
                              "粗体维度为进行Holm校正的主要结果。"},
    "fig_note_qq": {"en": "Each point is one child's change against the normal quantile expected at its rank; the line "
                          "is fitted to the points by least squares. Points close to the line: the changes look "
                          "normally distributed (the Shapiro-Wilk test is in the table of paired comparisons).",
                    "zh": "每个点为一名儿童的变化值与其秩次对应的正态分位数；直线为最小二乘拟合线。点越接近直线，变化值越接近正态分布"
                          "（Shapiro-Wilk检验见配对比较表）。"},
    "fig_note_jacobson": {"en": "Each point is one child: score at the earlier wave across, at the later wave up. "
                                "Diagonal: no change; grey band: changes within ±1.96 S_diff, which measurement error "
                                "alone can explain (|RCI| ≤ 1.96).",
                          "zh": "每个点为一名儿童：横轴为前一时点得分，纵轴为后一时点得分。对角线表示无变化；灰色带为 ±1.96 S_diff "
                                "以内的变化，可仅由测量误差解释（|RCI| ≤ 1.96）。"},
    "fig_note_attendance": {"en": "Rows: the children of the group, numbered (not named); columns: sessions. Cross-hatched: "
                                  "absent; striped: excused; white: not recorded.",
                            "zh": "行为小组儿童（编号，不显示姓名），列为各次活动。交叉线格为缺席，斜线格为请假，白色为未记录。"},
    "fig_note_feedback": {"en": "Points: mean rating of the children who answered after the session; whiskers: 95% "
                                "confidence interval (t).",
                          "zh": "点为当次活动后作答儿童的平均评分；误差线为95%置信区间（t分布）。"},
    "fig_note_goals": {"en": "Bars: the worker's mean rating of the session's goals; dashed line: the rating counted as "
                             "attained.",
                       "zh": "柱形为社工对当次活动目标的平均评分；虚线为视为达成的评分。"},
    "fig_note_alpha": {"en": "Points: Cronbach's α; whiskers: 95% confidence interval (Feldt); dashed line: .70.",
                       "zh": "点为Cronbach's α；误差线为95%置信区间（Feldt法）；虚线为 .70。"},
    # findings
    "baseline_findings": {"en": "Baseline in plain words", "zh": "基线主要发现"},
    "process_findings": {"en": "Process in plain words", "zh": "过程评估主要发现"},
    "contrast_heading": {"en": "{contrast} ({n} children with both waves)", "zh": "{contrast}（两次均有数据的儿童{n}名）"},
    "holm_paren": {"en": " (Holm {p})", "zh": "（Holm校正 {p}）"},
    "verdict_improved": {"en": "improved", "zh": "显著提升"},
    "verdict_declined": {"en": "declined", "zh": "显著下降"},
    "verdict_raw_only_up": {"en": "improved before correction for multiple tests, not after Holm",
                            "zh": "未校正时显著提升，经Holm多重比较校正后不显著"},
    "verdict_raw_only_down": {"en": "declined before correction for multiple tests, not after Holm",
                              "zh": "未校正时显著下降，经Holm多重比较校正后不显著"},
    "verdict_unclear_up": {"en": "higher on average, but not clearly different from no change",
                           "zh": "平均有所提高，但与无变化的差异不明确"},
    "verdict_unclear_down": {"en": "lower on average, but not clearly different from no change",
                             "zh": "平均有所下降，但与无变化的差异不明确"},
    "verdict_none": {"en": "no change on average", "zh": "平均无变化"},
    "children_changed": {"en": "{up} of {n} children reliably improved, {down} reliably deteriorated",
                         "zh": "{n}名儿童中{up}名可靠改善，{down}名可靠恶化"},
    "sensitivity_sentence": {"en": "With {n} pairs, only effects of d_z ≥ {d} had a {power} chance of reaching "
                                   "p < {alpha}; smaller real effects can easily be missed.",
                             "zh": "以{n}对数据，只有 d_z ≥ {d} 的效应才有{power}的把握达到 p < {alpha}；较小的真实效应很可能检测不到。"},
    "level_count": {"en": "{n} ({pct}) {level}", "zh": "{level}水平{n}名（{pct}）"},
    "levels_sentence": {"en": "Of {n} children with a total score at baseline: {parts}.",
                        "zh": "基线有总分的{n}名儿童中，{parts}。"},
    "no_factor_sentence": {"en": "None of the {k} background factors went with the total score at p < .05.",
                           "zh": "{k}个背景因素均未与抗逆力总分显著相关（p < .05）。"},
    "factor_raw_sentence": {"en": "Factors that went with the total score before correction: {factors}. None "
                                  "remains after Holm correction across the {k} factors; read them as leads.",
                            "zh": "未校正时与总分相关的因素：{factors}。经{k}个因素的Holm校正后均不显著，仅作为线索。"},
    "factor_holm_sentence": {"en": "Factors that went with the total score: {factors} (Holm across the {k} factors).",
                             "zh": "与总分相关的因素：{factors}（{k}个因素的Holm校正）。"},
    "selection_sentence": {"en": "The {n} group members scored lower at baseline than the other {m} respondents "
                                 "(M = {mg} vs {mo}; {es_type} = {es} {ci}), as the selection intended.",
                           "zh": "{n}名小组成员的基线得分低于其他{m}名儿童（M = {mg} 对 {mo}；{es_type} = {es} {ci}），与入组标准一致。"},
    "attendance_sentence": {"en": "Attendance per session ranged from {lo} to {hi}; each child attended {cmin} to {cmax} "
                                  "of the {k} sessions.",
                            "zh": "各次活动出勤率为{lo}至{hi}；每名儿童出席{k}次活动中的{cmin}至{cmax}次。"},
    "trend_up": {"en": "'{item}' rose across sessions ({slope} points per session {ci}).",
                 "zh": "“{item}”随活动次数上升（每次 {slope} 分 {ci}）。"},
    "trend_down": {"en": "'{item}' fell across sessions ({slope} points per session {ci}).",
                   "zh": "“{item}”随活动次数下降（每次 {slope} 分 {ci}）。"},
    "trend_flat": {"en": "'{item}' showed no clear trend across sessions ({slope} points per session {ci}).",
                   "zh": "“{item}”随活动次数无明显变化趋势（每次 {slope} 分 {ci}）。"},
    "goals_missed": {"en": "The worker rated the session goal below 'attained' (< {at}) in session(s) {sessions}.",
                     "zh": "社工评定第{sessions}次活动的目标未达成（评分 < {at}）。"},
    "goals_all": {"en": "The worker rated every session's goal as attained.", "zh": "社工评定每次活动的目标均已达成。"},
    # limitations
    "lim_simulated": {"en": "The data are SIMULATED (config study.simulated): no real child took part, and no "
                            "number in this report says anything about real children.",
                      "zh": "本报告数据为模拟数据（配置 study.simulated）：没有真实儿童参与，报告中的数字不代表任何真实儿童。"},
    "lim_no_control": {"en": "There is no control or comparison group: the design shows whether scores changed, not that "
                             "the group caused the change (school, family, season and time also act on children).",
                       "zh": "本研究没有对照组：只能说明得分是否变化，不能证明变化由小组活动引起（学校、家庭、季节和时间也会影响儿童）。"},
    "lim_small_n": {"en": "n = {n} children: confidence intervals are wide, one child can move a mean, and only effects "
                          "of about d_z ≥ {d} were likely to be detected; 'not significant' is not 'no effect'.",
                    "zh": "仅{n}名儿童：置信区间很宽，一名儿童就能改变均值，只有约 d_z ≥ {d} 的效应才可能被检测到；“不显著”不等于“没有效果”。"},
    "lim_multiple": {"en": "{n} paired tests were run ({c} contrasts); Holm adjusts p across the {k} scales of the outcome "
                           "family within each contrast, sub-groups are exploratory and unadjusted.",
                     "zh": "共进行了{n}次配对检验（{c}个比较）；Holm校正仅在每个比较内针对{k}个主要维度进行，子维度的结果为探索性、未校正。"},
    "lim_regression": {"en": "The group was chosen for its low baseline scores. Children selected because they scored low "
                             "tend to score higher the next time even without help (regression to the mean), so part of "
                             "the pre→post gain may be this artefact.",
                       "zh": "小组成员是按基线低分选出的。因低分入选的儿童即使没有干预，下次测量时得分也倾向于升高（向均值回归），因此前后测的部分提升可能来自这一统计现象。"},
    "lim_followup": {"en": "{m} child(ren) missed the follow-up; contrasts with the follow-up use fewer pairs.",
                     "zh": "{m}名儿童缺少追踪测数据；涉及追踪测的比较配对数较少。"},
    "lim_reliability": {"en": "Some sub-groups have low internal consistency at baseline ({scales}); their changes are "
                              "hard to tell from measurement error.",
                        "zh": "部分子维度基线内部一致性较低（{scales}），其变化难以与测量误差区分。"},
    "lim_self_report": {"en": "All outcomes are the children's self-reports on the same questionnaire, answered again "
                              "after sessions with the same worker: practice with the items and wanting to please can "
                              "raise post-test scores.",
                        "zh": "所有结果均为儿童对同一问卷的自评，且在同一社工带领的活动后再次作答：对题目的熟悉和迎合期望可能抬高后测得分。"},
    "rule_levels": {"en": "Level rule (a study choice; the CYRM manual gives no cut-offs): {rule}.",
                    "zh": "水平划分规则（研究自定，CYRM手册未提供划界分）：{rule}。"},
    "rule_proration": {"en": "Missing items: a scale score is the sum of item codes; with at least {pct} of a scale's items "
                             "answered (e.g. {items} of {k} for the total) the score is prorated (item mean x number of "
                             "items), with fewer it is missing. Pairs missing a wave are left out of that contrast.",
                       "zh": "缺失题目：维度得分为题目得分之和；作答题数不少于该维度的{pct}（如总分{k}题中至少{items}题）时按比例推算（题目均值×题数），否则记为缺失。缺少某次测量的儿童不进入相应比较。"},
    "rule_small_cells": {"en": "Small cells: a table cell or figure category describing fewer than 3 children is shown as "
                               "'< 3' without its statistics, so no child can be recognised. These rules and the "
                               "statistical conventions of this report, with their reasons and sources, are set out in "
                               "docs/conventions.md of the sweval repository.",
                         "zh": "小单元格规则：描述少于3名儿童的表格单元或图中类别显示为“< 3”且不显示统计量，以免识别出具体儿童。"
                               "上述规则及本报告的统计约定（含理由与出处）见 sweval 代码库中的 docs/conventions.md。"},
    "level_method_fixed_item_mean": {"en": "fixed bands on the item mean", "zh": "按题目均值固定分段"},
    "level_method_mean_sd": {"en": "baseline mean ± SD", "zh": "按基线均值±标准差"},
    "level_method_tertiles": {"en": "baseline tertiles", "zh": "按基线三分位数"},
}


def t(key: str, language: str = "en") -> str:
    """The label for ``key`` in ``language`` (English when a Chinese string is missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]

"""Every label of the report in English and Chinese; figures and tables take their text from here.

No label names an instrument, a construct or a study: the words about the study (the construct, the
instrument and its citation, the group, the scales, the levels) come from the codebook and the
config, into the ``{placeholders}`` below.
"""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "report_title": {"en": "Evaluation report", "zh": "评估报告"},
    "contents": {"en": "Contents", "zh": "目录"},
    "simulated_note": {"en": "The data of this study are SIMULATED; no real child took part.",
                       "zh": "本研究的数据均为模拟数据，没有真实儿童参与。"},
    # the opening paragraph (sweval/report/assemble.py): config study.group, the codebook
    "study_group": {"en": "This report evaluates {group}.", "zh": "本报告评估{group}。"},
    "outcome_construct": {"en": "Outcome: {construct}, measured with the {instrument}; {direction}.",
                          "zh": "成效指标：{construct}，测量工具为{instrument}；{direction}。"},
    "outcome_instrument": {"en": "Outcome measure: the {instrument}; {direction}.",
                           "zh": "成效测量工具：{instrument}；{direction}。"},
    "direction_higher": {"en": "higher scores are better", "zh": "得分越高越好"},
    "direction_lower": {"en": "lower scores are better", "zh": "得分越低越好"},
    "instrument_source": {"en": "Source of the instrument: {reference}", "zh": "量表出处：{reference}"},
    "waves_measured": {"en": "Measured at: {waves}.", "zh": "测量时点：{waves}。"},
    "no_cjk_font": {"en": "No CJK font was installed when the figures were drawn, so the Chinese characters in "
                          "them show as empty boxes; install one (Debian: apt-get install fonts-noto-cjk) and "
                          "run the pipeline again.",
                    "zh": "绘图时未安装中文字体，图中的中文字符显示为方框；请安装中文字体（Debian：apt-get install "
                          "fonts-noto-cjk）后重新运行流程。"},
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
    "levels": {"en": "Levels of {scale} at baseline", "zh": "基线{scale}的水平分布"},
    "level_rule": {"en": "Level rule", "zh": "水平划分规则"},
    "level": {"en": "Level", "zh": "水平"},
    "low": {"en": "low", "zh": "低"}, "medium": {"en": "medium", "zh": "中"}, "high": {"en": "high", "zh": "高"},
    "children": {"en": "Children", "zh": "儿童人数"},
    "share": {"en": "Share", "zh": "比例"},
    "profile": {"en": "Profile of the scales at baseline ({wave})", "zh": "各维度得分概况（基线，{wave}）"},
    "factors": {"en": "Background factors and {scale}", "zh": "背景因素与{scale}"},
    "factor_plot": {"en": "{scale} by category of each background factor", "zh": "各背景因素不同类别儿童的{scale}"},
    "regression": {"en": "Multiple regression of {scale} (HC3 robust SE)", "zh": "{scale}的多元回归（HC3稳健标准误）"},
    "selection": {"en": "Selection check: the group against the other respondents", "zh": "入组检查：小组成员与其他儿童比较"},
    "family": {"en": "family", "zh": "家庭"}, "school": {"en": "school", "zh": "学校"},
    "community": {"en": "community", "zh": "社区"}, "demographic": {"en": "demographic", "zh": "人口学"},
    # reliability
    "reliability_table": {"en": "Internal consistency per scale and wave", "zh": "各维度各时点的内部一致性"},
    "item_rest": {"en": "Corrected item-total correlations ({wave})", "zh": "校正的题总相关（{wave}）"},
    # outcomes
    "paired_table": {"en": "Paired comparisons", "zh": "配对比较"},
    "forest": {"en": "Effect sizes d_z with 95% CI", "zh": "效应量 d_z 及其95%置信区间"},
    "trajectories": {"en": "Each child's {scale} across waves", "zh": "每名儿童各时点的{scale}"},
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
    "session_one": {"en": "session", "zh": "次活动"}, "session_many": {"en": "sessions", "zh": "次活动"},
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
    "yes": {"en": "yes", "zh": "是"}, "no": {"en": "no", "zh": "否"},
    "measured": {"en": "Measured", "zh": "已测"},
    "note": {"en": "Note", "zh": "说明"},
    "items_k": {"en": "Items", "zh": "题数"},
    "mean_r": {"en": "Mean inter-item r", "zh": "平均题间相关"},
    "item": {"en": "Item", "zh": "题目"},
    "alpha_if_deleted": {"en": "α if deleted", "zh": "删除该题后α"},
    "item_rest_r": {"en": "r (item-rest)", "zh": "校正题总相关"},
    "item_table": {"en": "Item statistics ({wave})", "zh": "题目统计（{wave}）"},
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
    # the primary analysis and its sensitivity analysis (sweval.primary)
    "role": {"en": "Role", "zh": "分析定位"},
    "primary": {"en": "primary", "zh": "主要分析"},
    "sensitivity": {"en": "sensitivity", "zh": "敏感性分析"},
    "secondary": {"en": "secondary", "zh": "次要分析"},
    "exploratory": {"en": "exploratory", "zh": "探索性分析"},
    "reconciliation": {"en": "Paired t test and mixed model, contrast by contrast",
                       "zh": "配对t检验与混合模型的逐一对照"},
    "agree": {"en": "Same conclusion", "zh": "结论一致"},
    "df_allowed": {"en": "df allowed", "zh": "允许自由度"},
    "entered": {"en": "Entered", "zh": "纳入模型"},
    "not_entered": {"en": "Bivariate tests only", "zh": "仅做单因素检验"},
    "below_zero_note": {"en": "values below 0 are no reliability at all and are shown as < 0",
                        "zh": "低于0的值不代表任何信度，显示为 < 0"},
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
    "qq": {"en": "Normality of the {contrast} differences (Q-Q plot)", "zh": "{contrast}差值的正态性（Q-Q图）"},
    "theoretical_quantiles": {"en": "Normal quantiles", "zh": "正态分位数"},
    "observed_differences": {"en": "Observed differences", "zh": "观测差值"},
    "subscale_trajectories": {"en": "Subscales across waves", "zh": "各分量表各时点得分"},
    "item_reliability": {"en": "Item-level reliability ({wave})", "zh": "题目层面的信度（{wave}）"},
    "alpha_ci": {"en": "α with 95% CI per scale and wave", "zh": "各维度各时点的α及95%置信区间"},
    "two_item_note": {"en": "Two-item subscales: read the Spearman–Brown coefficient; α is not meaningful for two items.",
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
    "fig_note_alpha": {"en": "Points: Cronbach's α; whiskers: 95% confidence interval (Feldt); dashed line: .70. "
                             "Values below 0 (no reliability; shown as < 0 in the table) are drawn at 0, an "
                             "estimate below 0 as an open < marker.",
                       "zh": "点为Cronbach α；误差线为95%置信区间（Feldt法）；虚线为 .70。"
                             "低于0的值（无信度可言，表中记为\u201c< 0\u201d）画在0处，低于0的估计值以空心\u201c<\u201d表示。"},
    "no_cleaning_events": {"en": "The cleaning changed nothing: no answer was recoded or set missing and no row was "
                                 "excluded.",
                           "zh": "数据清理未作任何改动：没有答案被重新编码或设为缺失，也没有剔除任何数据行。"},
    # comparison group (outcomes)
    "comparison": {"en": "The group against the comparison group (ANCOVA)", "zh": "小组与对照组的比较（协方差分析）"},
    "comparison_arm": {"en": "Comparison", "zh": "对照组"},
    "adj_mean": {"en": "Adjusted M", "zh": "调整后均值"},
    "adj_diff": {"en": "Group − comparison [95% CI]", "zh": "小组 − 对照组 [95% CI]"},
    "comparison_note": {"en": "ANCOVA of the later score on the earlier score and arm (OLS); adjusted means at the "
                              "earlier wave's mean. Slopes p: the test of equal pre-post slopes in the two arms "
                              "(p < .05 means the adjusted difference depends on the earlier score).",
                        "zh": "协方差分析：以前一时点得分和组别预测后一时点得分（OLS）；调整后均值按前一时点均值计算。"
                              "斜率p：两组前后测斜率相等的检验（p < .05 表示调整后的差异取决于前测得分）。"},
    "slopes_p": {"en": "Slopes p", "zh": "斜率p"},
    "comparison_better": {"en": "Adjusted for {wave_from}, the group scored {diff} points {side} than the comparison "
                                "group on {scale} at {wave_to} ({ci}, {p}, partial η² = {eta}): a difference in "
                                "the desirable direction.",
                          "zh": "控制{wave_from}得分后，小组在{wave_to}的{scale}比对照组{side}{diff}分（{ci}，{p}，"
                                "偏η² = {eta}），差异方向对小组有利。"},
    "comparison_worse": {"en": "Adjusted for {wave_from}, the group scored {diff} points {side} than the comparison "
                               "group on {scale} at {wave_to} ({ci}, {p}, partial η² = {eta}): a difference in the "
                               "undesirable direction.",
                         "zh": "控制{wave_from}得分后，小组在{wave_to}的{scale}比对照组{side}{diff}分（{ci}，{p}，"
                               "偏η² = {eta}），差异方向对小组不利。"},
    "comparison_unclear": {"en": "Adjusted for {wave_from}, the group and the comparison group did not clearly differ "
                                 "on {scale} at {wave_to} (difference {diff} points, {ci}, {p}).",
                           "zh": "控制{wave_from}得分后，小组与对照组在{wave_to}的{scale}无明确差异（差值 {diff} 分，"
                                 "{ci}，{p}）。"},
    "higher": {"en": "higher", "zh": "高"}, "lower": {"en": "lower", "zh": "低"},
    # findings
    "baseline_findings": {"en": "Baseline in plain words", "zh": "基线主要发现"},
    "process_findings": {"en": "Process in plain words", "zh": "过程评估主要发现"},
    "contrast_heading": {"en": "{contrast} ({n} children with both waves)", "zh": "{contrast}（两次均有数据的儿童{n}名）"},
    "holm_paren": {"en": " (Holm-adjusted {p})", "zh": "（Holm校正 {p}）"},
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
    "sensitivity_sentence": {"en": "With {n} pairs, only effects of d_z ≥ {d} had {a_power} chance of reaching "
                                   "p < {alpha}; smaller real effects can easily be missed.",
                             "zh": "以{n}对数据，只有 d_z ≥ {d} 的效应才有{power}的把握达到 p < {alpha}；较小的真实效应很可能检测不到。"},
    "level_count": {"en": "{n} ({pct}) {level}", "zh": "{level}水平{n}名（{pct}）"},
    "levels_sentence": {"en": "At baseline, {n} children had a score on {scale}: {parts}.",
                        "zh": "基线时{n}名儿童有{scale}数据，其中{parts}。"},
    "no_factor_sentence": {"en": "Not one of the {k} background factors went with {scale} at p < .05.",
                           "zh": "{k}个背景因素均未与{scale}显著相关（p < .05）。"},
    "no_factor_one": {"en": "The background factor {factor} did not go with {scale} at p < .05.",
                      "zh": "背景因素“{factor}”未与{scale}显著相关（p < .05）。"},
    "factor_one": {"en": "The background factor {factors} went with {scale}.",
                   "zh": "背景因素{factors}与{scale}相关。"},
    "factor_raw_sentence": {"en": "Factors that went with {scale} before correction: {factors}. Not one "
                                  "remains after Holm correction across the {k} factors; read them as leads.",
                            "zh": "未校正时与{scale}相关的因素：{factors}。经{k}个因素的Holm校正后均不显著，仅作为线索。"},
    "factor_holm_sentence": {"en": "Factors that went with {scale}: {factors} (Holm across the {k} factors).",
                             "zh": "与{scale}相关的因素：{factors}（{k}个因素的Holm校正）。"},
    "selection_sentence": {"en": "The {n} group members scored {side} at baseline than the other {m} respondents "
                                 "(M = {mg} vs {mo}; {es_type} = {es} {ci}).",
                           "zh": "{n}名小组成员的基线得分{side}其他{m}名儿童（M = {mg} 对 {mo}；{es_type} = {es} {ci}）。"},
    "selection_same": {"en": "The {n} group members scored about the same at baseline as the other {m} respondents "
                             "(M = {mg} vs {mo}; {es_type} = {es} {ci}).",
                       "zh": "{n}名小组成员的基线得分与其他{m}名儿童相近（M = {mg} 对 {mo}；{es_type} = {es} {ci}）。"},
    "scored_lower": {"en": "lower", "zh": "低于"}, "scored_higher": {"en": "higher", "zh": "高于"},
    "selection_everyone": {"en": "Every child measured at baseline is a group member: there are no other respondents "
                                 "to compare the group with.",
                           "zh": "基线接受测量的儿童均为小组成员，没有其他作答者可与小组比较。"},
    "attendance_sentence": {"en": "Attendance per session ranged from {lo} to {hi}; each child attended {cmin} to {cmax} "
                                  "of the {k} sessions.",
                            "zh": "各次活动出勤率为{lo}至{hi}；每名儿童出席{k}次活动中的{cmin}至{cmax}次。"},
    "trend_up": {"en": "'{item}' rose across sessions ({slope} points per session {ci}).",
                 "zh": "“{item}”随活动次数上升（每次 {slope} 分 {ci}）。"},
    "trend_down": {"en": "'{item}' fell across sessions ({slope} points per session {ci}).",
                   "zh": "“{item}”随活动次数下降（每次 {slope} 分 {ci}）。"},
    "trend_flat": {"en": "'{item}' showed no clear trend across sessions ({slope} points per session {ci}).",
                   "zh": "“{item}”随活动次数无明显变化趋势（每次 {slope} 分 {ci}）。"},
    "goals_missed": {"en": "The worker rated the session goal below 'attained' (< {at}) in {session_word} {sessions}.",
                     "zh": "社工评定第{sessions}次活动的目标未达成（评分 < {at}）。"},
    "goals_all": {"en": "The worker rated every session's goal as attained.", "zh": "社工评定每次活动的目标均已达成。"},
    # limitations
    "lim_simulated": {"en": "The data are SIMULATED: no real child took part, and no "
                            "number in this report says anything about real children.",
                      "zh": "本报告数据为模拟数据：没有真实儿童参与，报告中的数字不代表任何真实儿童。"},
    "lim_no_control": {"en": "There is no control or comparison group: the design shows whether scores changed, not that "
                             "the group caused the change (school, family, season and time also act on children).",
                       "zh": "本研究没有对照组：只能说明得分是否变化，不能证明变化由小组活动引起（学校、家庭、季节和时间也会影响儿童）。"},
    "lim_small_n": {"en": "n = {n} children: confidence intervals are wide, one child can move a mean, and only effects "
                          "of about d_z ≥ {d} were likely to be detected; 'not significant' is not 'no effect'.",
                    "zh": "仅{n}名儿童：置信区间很宽，一名儿童就能改变均值，只有约 d_z ≥ {d} 的效应才可能被检测到；“不显著”不等于“没有效果”。"},
    "lim_multiple": {"en": "{n} paired tests were run ({c} contrasts); Holm adjusts p across the {k} scales of the outcome "
                           "family within each contrast; the other subscales are exploratory and unadjusted.",
                     "zh": "共进行了{n}次配对检验（{c}个比较）；Holm校正仅在每个比较内针对{k}个主要维度进行，其他分量表的结果为探索性、未校正。"},
    "lim_regression": {"en": "The group was chosen for its {side} baseline scores. Children selected for extreme "
                             "scores tend to score closer to the average the next time even without help (regression "
                             "to the mean), so part of the change after the baseline may be this artefact.",
                       "zh": "小组成员是按基线{side}分选出的。因极端得分入选的儿童即使没有干预，下次测量时得分也倾向于回到平均水平（向均值回归），因此基线之后的部分变化可能来自这一统计现象。"},
    "side_low": {"en": "low", "zh": "低"}, "side_high": {"en": "high", "zh": "高"},
    "lim_followup": {"en": "{m} {children} missed the last wave ({wave}); contrasts with it use fewer pairs.",
                     "zh": "{m}名儿童缺少{wave}数据；涉及{wave}的比较配对数较少。"},
    "lim_reliability": {"en": "Some scales have low internal consistency at baseline ({scales}); their changes are "
                              "hard to tell from measurement error.",
                        "zh": "部分维度基线内部一致性较低（{scales}），其变化难以与测量误差区分。"},
    "lim_self_report": {"en": "All outcomes are self-reports on the same questionnaire, answered again after the "
                              "group: familiarity with the items and wanting to please those who ran the group can "
                              "raise later scores.",
                        "zh": "所有结果均为对同一问卷的自评，且在小组活动后再次作答：对题目的熟悉和迎合小组带领者的期望可能抬高后测得分。"},
    "rule_levels": {"en": "Level rule (a study choice{note}): {rule}.",
                    "zh": "水平划分规则（研究自定{note}）：{rule}。"},
    "rule_proration": {"en": "Missing items: a scale score is the sum of item codes; with at least {pct} of a scale's items "
                             "answered (e.g. {items} of the {k} items of {scale}) the score is prorated (item mean x "
                             "number of items), with fewer it is missing. Pairs missing a wave are left out of that "
                             "contrast.",
                       "zh": "缺失题目：维度得分为题目得分之和；作答题数不少于该维度的{pct}（如{scale}的{k}题中至少{items}题）时按比例推算（题目均值×题数），否则记为缺失。缺少某次测量的儿童不进入相应比较。"},
    "rule_proration_mean": {"en": "Missing items: a scale score is the mean of its item codes, computed with at least "
                                  "{pct} of a scale's items answered (e.g. {items} of the {k} items of {scale}), "
                                  "missing with fewer. Pairs missing a wave are left out of that contrast.",
                            "zh": "缺失题目：维度得分为题目得分的均值，作答题数不少于该维度的{pct}（如{scale}的{k}题中至少{items}题）时计算，否则记为缺失。缺少某次测量的儿童不进入相应比较。"},
    # what the study did not collect (one line per part left out of the config)
    "lim_no_roster": {"en": "No group roster was given: every respondent counts as a group member, and the group "
                            "cannot be compared with other respondents at baseline.",
                      "zh": "未提供小组名单：所有作答者均视为小组成员，无法在基线将小组与其他作答者比较。"},
    "lim_no_background": {"en": "No background questions were collected: the report cannot say which family, school "
                                "or community factors go with the scores.",
                          "zh": "未收集背景信息：报告无法说明哪些家庭、学校或社区因素与得分有关。"},
    "lim_no_levels": {"en": "No level rule was set: the report does not sort children into levels of the score "
                            "(such as low, medium and high).",
                      "zh": "未设定水平划分规则：报告未将儿童按得分划分为不同水平（如低、中、高）。"},
    "lim_no_process": {"en": "No process records were kept ({records}): the report can say whether scores changed, "
                             "not how the sessions were delivered and received.",
                       "zh": "未收集过程记录（{records}）：报告只能说明得分是否变化，无法说明活动的实施与接受情况。"},
    "lim_some_process": {"en": "Some process records were not kept ({records}): the process evaluation rests on the "
                               "others.",
                         "zh": "部分过程记录未收集（{records}）：过程评估仅依据其他记录。"},
    "record_attendance": {"en": "attendance", "zh": "出勤记录"},
    "record_feedback": {"en": "after-session feedback", "zh": "活动后反馈"},
    "record_goal_attainment": {"en": "goal-attainment ratings", "zh": "目标达成评分"},
    "lim_no_followup": {"en": "Only {first} and {last} were measured, with no later follow-up: the report cannot say "
                              "whether the changes lasted after the group ended.",
                        "zh": "仅测量了{first}和{last}，没有追踪测：报告无法说明变化在小组结束后是否持续。"},
    "rule_small_cells": {"en": "Small cells: a table cell or figure category describing fewer than 3 children is shown as "
                               "'< 3' without its statistics, so no child can be recognised. These rules and the "
                               "statistical conventions of this report, with their reasons and sources, are set out in "
                               "docs/conventions.md of the sweval repository.",
                         "zh": "小单元格规则：描述少于3名儿童的表格单元或图中类别显示为“< 3”且不显示统计量，以免识别出具体儿童。"
                               "上述规则及本报告的统计约定（含理由与出处）见 sweval 代码库中的 docs/conventions.md。"},
    "level_method_fixed_item_mean": {"en": "fixed bands on the item mean", "zh": "按题目均值固定分段"},
    "level_method_mean_sd": {"en": "baseline mean ± SD", "zh": "按基线均值±标准差"},
    "level_method_tertiles": {"en": "baseline tertiles", "zh": "按基线三分位数"},
    # ---- words of the results tables, said at display time (sweval/report/notes.py) ----
    # test names (APA: "Welch's t test"; Chinese theses name the test in full)
    "test_welch_t": {"en": "Welch's t test", "zh": "Welch t检验"},
    "test_mann_whitney": {"en": "Mann–Whitney U test", "zh": "Mann-Whitney U检验"},
    "test_kruskal_wallis": {"en": "Kruskal–Wallis test", "zh": "Kruskal-Wallis检验"},
    "test_welch_anova": {"en": "Welch's ANOVA", "zh": "Welch方差分析"},
    "test_spearman": {"en": "Spearman rank correlation", "zh": "Spearman等级相关"},
    "test_none": {"en": "not tested", "zh": "未检验"},
    # quality-log actions and reasons (sweval.clean, sweval.clean_process)
    "action_read": {"en": "read", "zh": "读取"},
    "action_dropped_column": {"en": "column dropped", "zh": "删除列"},
    "action_set_missing": {"en": "set missing", "zh": "设为缺失"},
    "action_excluded": {"en": "excluded", "zh": "剔除"},
    "action_repaired": {"en": "repaired", "zh": "修正"},
    "action_flagged": {"en": "flagged", "zh": "标记"},
    "why_read": {"en": "{n} data rows read", "zh": "读取{n}行数据"},
    "why_read_form": {"en": "{n} rows of the {form} form: {kept} kept, {excl} excluded",
                      "zh": "{form}表{n}行：保留{kept}行，剔除{excl}行"},
    "why_identifying": {"en": "identifying column (personal data never leave the cleaning step)",
                        "zh": "可识别身份的列（个人信息不离开数据清理步骤）"},
    "why_marker": {"en": "missing-answer marker of the survey platform ({marker})", "zh": "问卷平台的缺失标记（{marker}）"},
    "why_missing_code": {"en": "missing-value code {code} of the codebook", "zh": "编码手册中的缺失值编码{code}"},
    "why_out_of_scale": {"en": "code {code} outside the response scale {lo}–{hi}", "zh": "编码{code}超出作答范围{lo}–{hi}"},
    "why_not_whole": {"en": "{value} is not a whole-number code of {lo}–{hi}", "zh": "{value}不是{lo}–{hi}的整数编码"},
    "why_empty": {"en": "empty cell (no answer)", "zh": "空白（未作答）"},
    "why_unknown_text": {"en": "answer text is not an option of the response scale", "zh": "答案文字不是量表的选项"},
    "why_duration": {"en": "completion time not understood", "zh": "无法识别作答时长"},
    "why_fast": {"en": "completed in under {s} seconds", "zh": "作答时间少于{s}秒"},
    "why_straightline": {"en": "the same answer to every item (at least {k} answered)",
                         "zh": "所有题目选择同一答案（至少作答{k}题）"},
    "why_duplicate": {"en": "repeated submission of a child at one wave; the most complete, then the latest was kept "
                            "(row {row} of {file})",
                      "zh": "同一儿童同一时点重复提交；保留作答最完整、其次最晚提交的一份（{file}第{row}行）"},
    "why_same_twice": {"en": "the same submission exported twice; row {row} of {file} kept",
                       "zh": "同一份问卷被导出两次；保留{file}第{row}行"},
    "why_no_baseline": {"en": "no {wave} response matches this child", "zh": "没有与该儿童匹配的{wave}问卷"},
    "why_not_in_roster": {"en": "not on the group roster ({wave} is for group members only)",
                          "zh": "不在小组名单中（{wave}仅限小组成员）"},
    "why_not_in_rosters": {"en": "on neither the group nor the comparison roster ({wave} is for the two groups only)",
                           "zh": "既不在小组名单也不在对照组名单中（{wave}仅限两组儿童）"},
    "why_no_id": {"en": "row without a participant ID", "zh": "缺少编号的行"},
    "why_no_consent": {"en": "no recorded consent", "zh": "没有知情同意记录"},
    "why_id_repaired": {"en": "participant ID: {how}", "zh": "儿童编号：{how}"},
    "repair_spaces": {"en": "spaces removed", "zh": "删除空格"},
    "repair_upper": {"en": "letters upper-cased", "zh": "字母改为大写"},
    "repair_fullwidth": {"en": "full-width characters made half-width", "zh": "全角字符改为半角"},
    "why_attendance_missing": {"en": "attendance not recorded", "zh": "未记录出勤"},
    "why_not_rating": {"en": "not a rating of {lo}–{hi}", "zh": "不是{lo}–{hi}的评分"},
    "why_goal_not_rated": {"en": "goal not rated", "zh": "目标未评分"},
    # the rule that chose each background test; the footnote names the variable
    "rule_parametric": {"en": "parametric test, as every category n ≥ {n} and Shapiro–Wilk p ≥ {alpha_a} (smallest p = {min_p})",
                        "zh": "参数检验，因各类别 n ≥ {n} 且 Shapiro-Wilk检验 p ≥ {alpha_a}（最小 p = {min_p}）"},
    "rule_numeric": {"en": "numeric variable: Spearman rank correlation (no normality assumed)",
                     "zh": "数值变量：Spearman等级相关（不假定正态分布）"},
    "rule_rank_normality": {"en": "rank test, as Shapiro–Wilk p < {alpha_a} ({cats})",
                            "zh": "秩检验，因 Shapiro-Wilk检验 p < {alpha_a}（{cats}）"},
    "rule_rank_small": {"en": "rank test, as a category has n < {n} ({cats})", "zh": "秩检验，因有类别 n < {n}（{cats}）"},
    "rule_rank_flat": {"en": "rank test, as a category has no variance ({cats})", "zh": "秩检验，因有类别无变异（{cats}）"},
    "rule_note": {"en": "Test chosen for each variable", "zh": "各变量检验方法的选择依据"},
    "pm_welch": {"en": "p from the t distribution with Welch's df", "zh": "p 值基于 Welch 自由度的 t 分布"},
    "pm_exact_perm": {"en": "exact conditional permutation p (mid-ranks)", "zh": "精确条件置换 p 值（中秩）"},
    "pm_normal": {"en": "normal approximation", "zh": "正态近似"},
    # the regression
    "sel_rule_limit": {"en": "Predictors were taken in an order of priority fixed before the data were seen; each "
                             "entered while the model kept at most 1 degree of freedom per {k} children with complete "
                             "data, otherwise it was skipped and the next tried; the scores played no part in the "
                             "choice. Variables not entered are reported as bivariate tests only.",
                       "zh": "预测变量按收集数据前确定的优先顺序纳入：在每{k}名数据完整的儿童至多对应1个自由度的前提下依次纳入，"
                             "超出则跳过并尝试下一个；得分不参与选择。未纳入的变量仅报告单因素检验。"},
    "sel_rule_all": {"en": "Every variable entered (no limit on predictors per child).",
                     "zh": "全部变量均纳入模型（未限制每名儿童对应的预测变量数）。"},
    "reg_not_fitted": {"en": "The model was not fitted: n = {n} children with complete data for k = {k} predictors.",
                       "zh": "模型未拟合：{k}个预测变量仅有{n}名数据完整的儿童。"},
    "reg_unstable": {"en": "n/k = {nk}, fewer than 10 children per predictor: the estimates are unstable; read them "
                           "as description.",
                     "zh": "n/k = {nk}，每个预测变量不足10名儿童：估计不稳定，仅作描述。"},
    "intercept": {"en": "Intercept", "zh": "截距"},
    # reliability notes: one letter per kind of note under the table
    "rel_dropped": {"en": "Children with a missing item were left out of that scale (listwise deletion); n counts "
                          "the children left.",
                    "zh": "有缺答题目的儿童不计入该维度（列删除）；n 为剩余人数。"},
    "rel_no_complete": {"en": "No complete responses for this scale at this wave.", "zh": "该维度在该时点没有完整作答。"},
    "rel_single_item": {"en": "A single item: internal consistency is undefined.", "zh": "仅一题：内部一致性无定义。"},
    "rel_one_response": {"en": "Only one complete response: variances are undefined.", "zh": "仅一份完整作答：方差无定义。"},
    "rel_two_items": {"en": "Two items: read the Spearman–Brown coefficient (with the inter-item r), not α "
                            "(Eisinga et al., 2013); ω needs at least three items.",
                      "zh": "仅两题：应参考Spearman-Brown系数（及题间相关），而非α（Eisinga et al., 2013）；ω至少需要三题。"},
    "rel_zero_variance": {"en": "An item ({items}) has the same answer from every respondent.",
                          "zh": "某题（{items}）所有作答者答案相同。"},
    "rel_negative": {"en": "Negative α: the items' average covariance is negative; check for an item that should have "
                           "been reverse-scored (or was reversed twice).",
                     "zh": "α为负：题目间平均协方差为负；请检查是否有应反向计分（或被重复反向计分）的题目。"},
    "rel_few": {"en": "Fewer complete responses than items: ω was not estimated and no bootstrap interval was computed.",
                "zh": "完整作答人数少于题数：未估计ω，也未计算自助法区间。"},
    "rel_heywood": {"en": "Heywood case in the one-factor model (an item's uniqueness at its lower bound): read ω "
                          "with caution.",
                    "zh": "单因素模型出现Heywood情形（某题独特方差达到下限）：ω需谨慎解读。"},
    "rel_singular": {"en": "ω not estimated: the item correlation matrix is singular.", "zh": "未估计ω：题目相关矩阵奇异。"},
    "rel_no_converge": {"en": "ω not reported: the one-factor model did not converge.", "zh": "未报告ω：单因素模型未收敛。"},
    "rel_boot_small": {"en": "n < {m}: no bootstrap interval for ω (percentile intervals from so few cases are "
                             "unreliable); read the Feldt interval of α.",
                       "zh": "n < {m}：未计算ω的自助法区间（样本过少时百分位区间不可靠）；请参考α的Feldt区间。"},
    "rel_boot_large": {"en": "n > {m}: no bootstrap interval; the Feldt interval of α is used.",
                       "zh": "n > {m}：未计算自助法区间，采用α的Feldt区间。"},
    "rel_missing_listwise": {"en": "listwise deletion within each scale", "zh": "各维度内列删除"},
    "reliability_note": {"en": "CI of α: Feldt; CI of ω: percentile bootstrap; {below}. Missing data: {missing}.",
                         "zh": "α的置信区间：Feldt法；ω的置信区间：百分位自助法；{below}。缺失数据处理：{missing}。"},
    # reliable change
    "rci_withheld_low": {"en": "RCI not reported: reliability {r_a} is below the floor of {floor_a}, too low for a "
                               "statement about one child",
                         "zh": "未报告RCI：信度 {r_a} 低于下限 {floor_a}，不足以对单个儿童作出判断"},
    "rci_withheld_none": {"en": "RCI not reported: no reliability for this scale", "zh": "未报告RCI：该维度没有信度系数"},
    "rci_withheld_sdiff": {"en": "RCI not reported: the standard error of the difference is undefined",
                           "zh": "未报告RCI：差值标准误无定义"},
    "rxx_alpha": {"en": "Cronbach's α of the baseline survey ({wave}, n = {n})", "zh": "基线调查的Cronbach α（{wave}，n = {n}）"},
    "sd_baseline": {"en": "SD of the baseline survey ({wave}, n = {n})", "zh": "基线调查的标准差（{wave}，n = {n}）"},
    "rci_note": {"en": "↑ {up}, = {same}, ↓ {down} (|RCI| > 1.96). The standard error of the difference uses the {rxx} "
                       "and the {sd}.",
                 "zh": "↑ {up}，= {same}，↓ {down}（|RCI| > 1.96）。差值标准误采用{rxx}和{sd}。"},
    "rci_note_withheld": {"en": "— means the RCI is not reported: {withheld}.", "zh": "— 表示未报告RCI：{withheld}。"},
    # the longitudinal analyses
    "method_mixed": {"en": "Linear mixed model with a random intercept per child (REML), all available observations; "
                           "SE and within-child df as in Pinheiro and Bates (2000); contrasts from the same fit.",
                     "zh": "线性混合模型（每名儿童一个随机截距，REML估计），使用全部可得观测；标准误与儿童内自由度按Pinheiro和Bates（2000）的方法计算；"
                           "各比较来自同一模型。"},
    "method_friedman": {"en": "Friedman test, corrected for ties, children with every wave; Kendall's W = χ² / (n(k − 1)).",
                        "zh": "Friedman检验（经结校正），仅含各时点均有数据的儿童；Kendall W = χ² / (n(k − 1))。"},
    "obs": {"en": "Observations", "zh": "观测数"},
    "rec_n": {"en": "n (paired / mixed)", "zh": "n（配对 / 混合）"},
    "rec_paired": {"en": "Paired t test: difference (df), Holm p", "zh": "配对样本t检验：差值（df），Holm校正 p"},
    "rec_mixed": {"en": "Mixed model: difference (df), Holm p", "zh": "混合模型：差值（df），Holm校正 p"},
    "rec_why": {"en": "Why they differ", "zh": "差异原因"},
    "rec_same_children": {"en": "same {n} children; different variance estimate",
                          "zh": "同样的{n}名儿童；方差估计方法不同"},
    "rec_more_children": {"en": "mixed model adds {k} {children} without both waves",
                          "zh": "混合模型另含{k}名缺少其中一次测量的儿童"},
    "rec_note": {"en": "The paired t test estimates the variance of each change from its own pairs; the mixed model "
                       "pools the residual variance over all waves (assuming equal variances and correlations between "
                       "waves) and uses every observation of every child, missing at random assumed. With the same "
                       "children the two estimates are equal and only the p values differ.",
                 "zh": "配对样本t检验仅用该比较的配对数据估计变化的方差；混合模型汇总各时点的残差方差（假定各时点方差及相关相等），"
                       "并使用每名儿童的全部观测（假定随机缺失）。儿童相同时两者的估计值相同，仅p值不同。"},
    "yes_mark": {"en": "yes", "zh": "是"}, "no_mark": {"en": "no", "zh": "否"},
    # process
    "trend_mixedlm": {"en": "mixed model", "zh": "混合模型"},
    "trend_ols": {"en": "OLS regression", "zh": "最小二乘回归"},
    "trend_boundary": {"en": "child variance estimated at 0: the slope equals the OLS slope on all answers",
                       "zh": "儿童间方差估计为0：斜率等于全部答案的最小二乘斜率"},
    "trend_too_few": {"en": "answers in fewer than 2 sessions: no trend", "zh": "作答少于2次活动：无法估计趋势"},
    "link_caution": {"en": "n = {n} children: the interval is wide and one child can move ρ a lot; sessions attended "
                           "range only from {lo} to {hi}, which limits any correlation; a correlation is not a "
                           "dose–response effect: children who attend more may differ in motivation or support.",
                     "zh": "仅{n}名儿童：区间很宽，一名儿童就能明显改变ρ；出勤次数仅在{lo}至{hi}次之间，限制了相关的大小；"
                           "相关不等于剂量效应：出勤多的儿童可能在动机或支持上本就不同。"},
    "link_caution_wide": {"en": "n = {n} children: the interval is wide and one child can move ρ a lot; a correlation "
                                "is not a dose–response effect.",
                          "zh": "仅{n}名儿童：区间很宽，一名儿童就能明显改变ρ；相关不等于剂量效应。"},
    # the paired table's note
    "paired_note": {"en": "M1, M2 = means at the earlier and later wave; SW p = Shapiro–Wilk test of the differences; "
                          "Wilcoxon p = exact Wilcoxon signed-rank test (zero differences dropped, mid-ranks for "
                          "ties); d_z = mean difference / SD of the differences, with a noncentral-t CI; g_av = Hedges' "
                          "g on the average SD; r_rb = matched-pairs rank-biserial correlation; BF10 = JZS Bayes factor.",
                    "zh": "M1、M2 = 前后两个时点的均值；Shapiro-Wilk p = 差值的正态性检验；Wilcoxon p = 精确Wilcoxon符号秩检验"
                          "（剔除零差值，结以中秩处理）；d_z = 均值差 / 差值标准差，置信区间基于非中心t分布；g_av = 以平均标准差"
                          "计算的Hedges g；r_rb = 配对秩二列相关；BF10 = 贝叶斯因子（JZS先验）。"},
    "paired_t_df": {"en": "t (df)", "zh": "t (df)"},
    "selection_note": {"en": "How p was found", "zh": "p 值的计算方法"},
    "effect_note": {"en": "Effect sizes: {effects}.", "zh": "效应量：{effects}。"},
    "es_hedges_g": {"en": "g = Hedges' g", "zh": "g = Hedges g"},
    "es_cohens_d": {"en": "d = Cohen's d", "zh": "d = Cohen d"},
    "es_spearman_rho": {"en": "ρ = Spearman's rank correlation", "zh": "ρ = Spearman等级相关系数"},
    "es_epsilon_squared": {"en": "ε² = epsilon squared of the Kruskal–Wallis test", "zh": "ε² = Kruskal-Wallis检验的ε²"},
    "es_omega_squared": {"en": "ω² = omega squared", "zh": "ω² = ω²效应量"},
    "es_rank_biserial": {"en": "r_rb = rank-biserial correlation", "zh": "r_rb = 秩二列相关"},
    "level_rule_en": {"en": "{scale}, {method}: {parts}", "zh": "{scale}，{method}：{parts}"},
    # provenance
    "prov_input": {"en": "Input file", "zh": "输入文件"},
    "prov_package": {"en": "Package", "zh": "软件包"},
    "prov_version": {"en": "Version", "zh": "版本"},
    "prov_commit": {"en": "Code version (git commit)", "zh": "代码版本（git commit）"},
    "prov_config": {"en": "Configuration", "zh": "配置"},
    "prov_python": {"en": "Python", "zh": "Python"},
    "prov_uncommitted": {"en": "with uncommitted changes", "zh": "含未提交的修改"},
    "prov_not_git": {"en": "not a git checkout", "zh": "不是git代码库"},
    "prov_not_installed": {"en": "not installed", "zh": "未安装"},
    "figure_alt": {"en": "Figure", "zh": "图"},
    "child_one": {"en": "child", "zh": "名儿童"}, "child_many": {"en": "children", "zh": "名儿童"},
    "subscales": {"en": "subscales", "zh": "分量表"},
    "none_word": {"en": "none", "zh": "无"},
    "factor_categories": {"en": "Scores by category", "zh": "各类别儿童的得分"},
    "rci_withheld_list": {"en": "reliability below the floor of {floor} ({scales}), too low for a statement about one child",
                          "zh": "信度低于下限 {floor}（{scales}），不足以对单个儿童作出判断"},
    "rho_session_means": {"en": "ρ (session means)", "zh": "ρ（各次活动均值）"},
    "pomp": {"en": "POMP (% of maximum possible)", "zh": "POMP（占满分百分比）"},
    "spearman_rho_ci": {"en": "Spearman's ρ [95% CI]", "zh": "Spearman ρ [95% CI]"},
    "min": {"en": "Min", "zh": "最小值"}, "max": {"en": "Max", "zh": "最大值"}, "skew": {"en": "Skewness", "zh": "偏度"},
    "item_mean": {"en": "Item M", "zh": "题均分"},
    "p_holm": {"en": "Holm p", "zh": "Holm校正 p"},
    "effect_size_ci": {"en": "Effect size [95% CI]", "zh": "效应量 [95% CI]"},
    "adj_r2": {"en": "Adjusted R²", "zh": "调整后 R²"},
    "f_robust": {"en": "F (robust)", "zh": "F（稳健）"},
    "sw_p": {"en": "SW p", "zh": "Shapiro-Wilk p"},
    "mdn": {"en": "Mdn", "zh": "中位数"}, "kendall_w": {"en": "Kendall's W", "zh": "Kendall W"},
}


def t(key: str, language: str = "en", **fields) -> str:
    """The label for ``key`` in ``language`` (English when a Chinese string is missing), its
    ``{placeholders}`` filled from ``fields`` when any are given."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry[language] if language in entry else entry["en"]
    return text.format(**fields) if fields else text

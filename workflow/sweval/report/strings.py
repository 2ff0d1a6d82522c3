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
    "limitations": {"en": "What this design can and cannot show", "zh": "研究设计的局限"},
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
}



def t(key: str, language: str = "en") -> str:
    """The label for ``key`` in ``language`` (English when a Chinese string is missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]

"""Rule process: process evaluation tables (thin adapter)."""
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.process import (attendance_change_link, attendance_summary, feedback_summary, feedback_trend,
                            goal_attainment_summary)

with step(snakemake.log[0], "process"):
    config = rule_config(snakemake.params)
    process_cfg = config.get("process") or {}
    goals_cfg = process_cfg.get("goal_attainment", {})
    sessions = range(1, process_cfg["sessions"] + 1) if "sessions" in process_cfg else None
    attendance = read_table(snakemake.input.attendance)
    feedback = read_table(snakemake.input.feedback)
    goals = read_table(snakemake.input.goal_attainment)
    change = read_table(snakemake.input.individual)
    by_session, by_child = attendance_summary(attendance, sessions=sessions)
    write_table(by_session, snakemake.output.sessions)
    write_table(by_child, snakemake.output.children)
    write_table(feedback_summary(feedback), snakemake.output.feedback)
    write_table(feedback_trend(feedback), snakemake.output.trend)
    write_table(goal_attainment_summary(goals, goals_cfg.get("min", 1), goals_cfg.get("max", 5),
                                        **({"threshold": goals_cfg["attained_at"]} if "attained_at" in goals_cfg else {})),
                snakemake.output.goals)
    contrast = "->".join(config["contrasts"][0])
    write_table(attendance_change_link(attendance, change, scale="total", contrast=contrast, sessions=sessions),
                snakemake.output.link)

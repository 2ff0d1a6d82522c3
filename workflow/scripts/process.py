"""Rule process: process evaluation tables of the records the study kept (thin adapter)."""
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.process import (attendance_change_link, attendance_summary, feedback_summary, feedback_trend,
                            goal_attainment_summary)

with step(snakemake.log[0], "process"):
    config = rule_config(snakemake.params)
    outputs = set(snakemake.output.keys())
    process_cfg = config.get("process") or {}
    goals_cfg = process_cfg.get("goal_attainment") or {}
    sessions = range(1, process_cfg["sessions"] + 1) if "sessions" in process_cfg else None
    if "sessions" in outputs:
        attendance = read_table(snakemake.input.attendance)
        by_session, by_child = attendance_summary(attendance, sessions=sessions)
        write_table(by_session, snakemake.output.sessions)
        write_table(by_child, snakemake.output.children)
        change = read_table(snakemake.input.individual)
        scale = load_codebook(snakemake.input.codebook).primary_scale(config.get("outcomes"))
        contrast = "->".join(config["contrasts"][0])
        write_table(attendance_change_link(attendance, change, scale=scale, contrast=contrast, sessions=sessions),
                    snakemake.output.link)
    if "feedback" in outputs:
        feedback = read_table(snakemake.input.feedback)
        write_table(feedback_summary(feedback), snakemake.output.feedback)
        write_table(feedback_trend(feedback), snakemake.output.trend)
    if "goals" in outputs:
        goals = read_table(snakemake.input.goal_attainment)
        write_table(goal_attainment_summary(goals, goals_cfg.get("min", 1), goals_cfg.get("max", 5),
                                            **({"threshold": goals_cfg["attained_at"]} if "attained_at" in goals_cfg else {})),
                    snakemake.output.goals)

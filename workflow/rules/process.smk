rule process:
    """Process evaluation: attendance, after-session feedback, goal attainment, link to change."""
    input:
        attendance="results/clean/attendance.csv",
        feedback="results/clean/feedback.csv",
        goal_attainment="results/clean/goal_attainment.csv",
        individual="results/effects/individual_change.csv",
    output:
        sessions="results/process/attendance_sessions.csv",
        children="results/process/attendance_children.csv",
        feedback="results/process/feedback_sessions.csv",
        trend="results/process/feedback_trend.csv",
        goals="results/process/goal_attainment.csv",
        link="results/process/attendance_change.csv",
    params:
        **config_params("process", "contrasts"),
    log:
        "logs/process/process.log",
    benchmark:
        "logs/benchmarks/process/process.tsv"
    script:
        "../scripts/process.py"

# Evaluation of a social-work group intervention: clean -> score -> reliability -> effects,
# baseline and process -> notebooks -> report. See README.md; a study's own config:
#   snakemake --cores 4 --configfile mine.yaml
from snakemake.utils import min_version

min_version("9.0")


configfile: "config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/score.smk"
include: "workflow/rules/reliability.smk"
include: "workflow/rules/effects.smk"
include: "workflow/rules/baseline.smk"
include: "workflow/rules/process.smk"
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/report.smk"


rule all:
    input:
        "results/report/evaluation_report.html",
        "results/report/evaluation_report.docx",
        "results/report/tables.docx",

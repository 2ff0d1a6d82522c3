# Evaluation of a social-work group intervention: clean -> score -> reliability -> effects,
# baseline and process -> notebooks -> report. See README.md. A study made by `sweval init` uses
# this file as a Snakemake module (sweval/pipeline.py finds it); a config of one's own here:
#   snakemake --cores 4 --configfile mine.yaml
from snakemake.utils import min_version

min_version("9.0")


# The example study's config.yaml only when no --configfile is given: a study's own config is
# the whole config, never merged onto the example's (workflow.overwrite_configfiles holds the
# command line's --configfile files). Used as a module (a study made by `sweval init`), the
# study passes its config (`config: config`) and Snakemake skips this statement.
if not workflow.overwrite_configfiles:

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


# A codebook draft still marked TO CHECK stops a run here, before any job (sweval/config.py).
onstart:
    from sweval.config import stop_unless_reviewed

    stop_unless_reviewed(config)


rule all:
    input:
        "results/report/evaluation_report.html",
        "results/report/evaluation_report.docx",
        "results/report/tables.docx",

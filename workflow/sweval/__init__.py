"""sweval: statistics for evaluating social-work group interventions.

Pure functions (DataFrame in, DataFrame out) with no Snakemake dependency; the workflow's rule
scripts are thin adapters around them.
"""
__version__ = "0.1.0"

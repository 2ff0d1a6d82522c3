"""Report helpers: language strings, APA table formatting, figures, HTML assembly.

Notebooks call these to show tables and draw figures from results/*.csv; nothing here computes a
statistic.
"""

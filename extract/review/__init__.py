"""The review site: a static, offline HTML view of a run's tables and their sources.

``wizyty review OUT`` writes ``OUT/review/index.html`` (every report with its title,
dates, organiser, counts and status; failures and flagged reports first; filters) and
``OUT/review/reports/<doc_id>.html`` (the report's text with every extracted mention in a
``<mark>``, the rows beside it, each row linked to its span). Pages load nothing over
the network: CSS and JavaScript are inline, so they work from ``file://``.
"""
from .site import build_site, command

__all__ = ["build_site", "command"]

"""HTML / JSON / CSV report writers."""

from propscope.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]

"""A fact-consistency checker for Arabic and Persian news.

    >>> import checker
    >>> report = checker.check(["seeds/"])
    >>> [f.kind for f in report.findings]
"""

__version__ = "0.1.0"

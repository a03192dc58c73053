"""Call pieces shared by the service-act pass tests (``test_keywords_pass9`` onward): a greeting line, a closing
exchange, and the keyword items of a call built from (role, text) lines."""
from __future__ import annotations

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers.test_keywords_operators import conv

HELLO = ("A", "您好美团客服请问有什么可以帮您")
BYE = [("A", "还有其他可以帮您的吗"), ("C", "没有了"), ("A", "好的感谢来电再见")]


def items(analyzer: KeywordAnalyzer, *lines):
    """The keyword findings' items of the call made of ``lines``."""
    return analyzer.analyze(conv(*lines)).items

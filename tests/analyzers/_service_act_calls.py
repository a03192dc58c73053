"""Call pieces shared by the service-act pass tests (``test_keywords_pass9`` onward): a greeting line, a closing
exchange, the keyword items of a call built from (role, text) lines, the 禁语 findings one agent line sets off,
whether one agent line verifies the caller, and whether it confirms the need, is restated by the rule's patterns or is
scored by the confirm-need model."""
from __future__ import annotations

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.text import normalize
from tests.analyzers.test_keywords_operators import conv

HELLO = ("A", "您好美团客服请问有什么可以帮您")
BYE = [("A", "还有其他可以帮您的吗"), ("C", "没有了"), ("A", "好的感谢来电再见")]


def items(analyzer: KeywordAnalyzer, *lines):
    """The keyword findings' items of the call made of ``lines``."""
    return analyzer.analyze(conv(*lines)).items


FORBIDDEN = ("forbidden_dismissive", "forbidden_rude", "forbidden_profanity", "forbidden_blame", "forbidden_promise",
             "forbidden_solicit_rating")


def flagged(analyzer: KeywordAnalyzer, line: str, customer: str = "我的外卖到现在还没送到") -> set[str]:
    """The 禁语 findings that fail when the agent answers ``customer`` with ``line`` in an otherwise clean call."""
    found = items(analyzer, HELLO, ("C", customer), ("A", line), ("C", "嗯"), *BYE)
    return {rid for rid in FORBIDDEN if found[rid].value == 0.0}


def verifies(analyzer: KeywordAnalyzer, line: str, customer: str = "我点的外卖里面有头发") -> bool:
    """Whether verify_identity passes in a call where the agent's only candidate line is ``line``."""
    found = items(analyzer, HELLO, ("C", customer), ("A", line), ("C", "对"), *BYE)
    return found["verify_identity"].value == 1.0


def confirms_need(analyzer: KeywordAnalyzer, customer: str, line: str) -> bool:
    """Whether confirm_need passes in a call where the agent's only candidate line is ``line``."""
    f = items(analyzer, HELLO, ("C", customer), ("A", "嗯"), ("A", line), ("C", "嗯"), *BYE)
    return f["confirm_need"].value == 1.0


def need_check_scores(analyzer: KeywordAnalyzer, line: str) -> bool:
    """Whether the confirm-need model scores the agent's ``line`` at all (any probability)."""
    detector = analyzer.compiled.detectors["need_check"]
    return len(detector.find([normalize(line)], [0], ["agent"], 0.0)) == 1


OK = ("C", "对")


def pattern_restates(analyzer: KeywordAnalyzer, customer: str, line: str, *, any_pattern_group: bool = False) -> bool:
    """Whether the rule's ``restated`` pattern group (with ``any_pattern_group``: any group but the model's) finds
    the restatement on the agent's ``line``, answered 对."""
    f = items(analyzer, HELLO, ("C", customer), ("A", "嗯"), ("A", line), OK, *BYE)
    if any_pattern_group:
        return any(e.utterance == 3 and "confirm_need.model" not in e.note and "confirm_need." in e.note
                   for e in f["confirm_need"].evidence)
    return any(e.utterance == 3 and "confirm_need.restated" in e.note for e in f["confirm_need"].evidence)

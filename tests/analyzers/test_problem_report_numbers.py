"""Rulebook 2026.12.04 (issue 9, eval/labels/problem_report_numbers_protocol.md): a number read out digit by
digit (a phone, an account, an id) is record detail, not a reported failure, so it does not make the apology
due; a failure said around a number still does. Sentences are our own."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import ProblemReport, ProblemReportOptions
from qa_engine.rulebook import load_rulebook
from tests.analyzers.test_keywords_operators import conv

ENQUIRY = [("A", "您好请问有什么可以帮您"), ("C", "我想查一下上个月的水费是多少"), ("A", "请提供一下您的户号"),
           ("C", "户号是八八一二零三"), ("A", "您上个月的水费是四十二元"), ("C", "好的谢谢")]


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.fixture(scope="module")
def reads_every_digit() -> KeywordAnalyzer:
    """The shipped rulebook without ``unscored``: the model reads the digits."""
    book = load_rulebook()
    detectors = {**book.detectors, "problem_report": {k: v for k, v in book.detectors["problem_report"].items()
                                                      if k != "unscored"}}
    return KeywordAnalyzer(book.model_copy(update={"detectors": detectors}))


def test_an_account_number_read_out_makes_no_apology_due(default, reads_every_digit):
    f = default.analyze(conv(*ENQUIRY)).items["apology_on_complaint"]
    assert f.value is None and "precondition" in (f.na_reason or "")
    # what the option changes: read digit by digit, the same line made the apology due and missing
    before = reads_every_digit.analyze(conv(*ENQUIRY)).items["apology_on_complaint"]
    assert before.value == 0.0 and any(e.text == "户号是八八一二零三" for e in before.evidence)


@pytest.mark.parametrize("line", ["一三八零零一三八零零零", "我的电话是一三八零零一三八零零零", "尾号三五七九",
                                  "账号是零二八三三五七", "一九零九三"])
def test_bare_read_outs_score_below_the_bar(line):
    options = ProblemReportOptions(**load_rulebook().detectors["problem_report"])
    assert ProblemReport(options).find([line], [0], ["customer"], 0.5) == []
    unmasked = ProblemReport(options.model_copy(update={"unscored": []}))
    assert unmasked.find([line], [0], ["customer"], 0.5), "the read-out scored as a failure without the option"


@pytest.mark.parametrize("line", ["订单四零幺九里面吃出了一根头发", "多扣了我一百二十块钱", "等了两个小时还没送到"])
def test_a_failure_said_around_a_number_still_counts(default, line):
    f = default.analyze(conv(("A", "您好请问有什么可以帮您"), ("C", line), ("A", "好的我帮您处理"))
                        ).items["apology_on_complaint"]
    assert f.value == 0.0
    pre = f.detail["preconditions"][0]
    assert pre["mode"] == "model:problem_report.v2" and pre["probability"] >= 0.5


def test_evidence_spans_stay_on_the_original_characters():
    options = ProblemReportOptions(**load_rulebook().detectors["problem_report"])
    line = "订单四零幺九里面吃出了一根头发"
    (hit,) = ProblemReport(options).find([line], [0], ["customer"], 0.5)
    assert 0 <= hit.start < hit.end <= len(line) and "头发" in line[hit.start:hit.end]

"""Rulebook 2026.12.05: verify_identity v4 — outside food delivery the agent identifies the caller by the account
or the booking (utilities, broadband, courier, hotels, cards); an account the money goes to is no check. Lines are
our own, in the register of the constructed calls (eval/calls.py third_calls)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import verifies as _verifies


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def verifies(analyzer: KeywordAnalyzer, line: str) -> bool:
    """Whether verify_identity passes when the agent answers an enquiry (no failure) with ``line``."""
    return _verifies(analyzer, line, customer="我想查一下上个月的费用")


@pytest.mark.parametrize("line", [
    "请提供一下您的户号", "请问您的户号是多少", "请提供一下宽带账号", "请您提供一下运单号我帮您查询",
    "麻烦报一下快递单号", "请问预订人的姓名和手机号是多少", "入住人是您本人吗", "您的会员卡号是多少",
])
def test_the_account_or_booking_asked_for_verifies(default, line):
    assert verifies(default, line)


@pytest.mark.parametrize("line", [
    "退款会退到您的美团账号中", "这个卡是可以正常使用的", "好的我帮您查一下上个月的费用",
])
def test_an_account_that_is_only_named_does_not(default, line):
    assert not verifies(default, line)


def test_the_shipped_rulebook_has_v4():
    book = load_rulebook()
    assert book.version >= "2026.12.05"
    assert next(r for r in book.rules if r.id == "verify_identity").version >= 4

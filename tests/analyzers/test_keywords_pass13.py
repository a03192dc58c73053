"""Rulebook 2026.11.22 (issue 9, pass cn13, eval/labels/confirm_calls_pass13_protocol.md): a hold's thanks is not the
call's farewell. 感谢您的耐心等待 right after the agent's hold notice (您稍等…, `[lexicons] hold_notice`) is the agent's
return from the hold: `closing_farewell` and `anchors.call_close` no longer count it (rule field `not_answering`), so a
recording cut after it is reviewed, not passed. With no hold notice in the agent's line before, the same thanks still
closes a call (也感谢您的耐心等待女士). Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.errors import ConfigError
from qa_engine.rulebook import parse_rulebook
from tests.analyzers._service_act_calls import HELLO, items

PROBLEM = ("C", "我点的外卖少送了一份米饭")
HOLD = ("A", "好的您稍等一下我这边帮您看一下")
OK = ("C", "好")
THANKS = ("A", "感谢您的耐心等待")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. the hold's thanks, the recording cut after it

def test_thanks_for_the_hold_is_not_the_farewell_of_a_cut_call(default):
    f = items(default, HELLO, PROBLEM, HOLD, OK, THANKS, ("A", "好的这边给您补送一份米饭"))
    farewell, offer = f["closing_farewell"], f["closing_offer_help"]
    # main: the thanks passed the farewell and closed the call (the missing offer charged)
    assert farewell.value == 0.0 and farewell.needs_review
    assert offer.value == 0.0 and offer.needs_review
    aside = farewell.detail["set_aside"]
    assert any("'感谢您的耐心等待' answers '稍等一下' in #2" in x and x.startswith("#4") for x in aside)
    assert any(x.startswith("call_close: #4") for x in offer.detail["set_aside"])


@pytest.mark.parametrize("notice", ["请稍等我帮您查询一下", "我帮您核实一下", "麻烦您稍等", "嗯请不要挂机"])
def test_any_hold_notice_of_the_lexicon_makes_the_thanks_the_holds(default, notice):
    f = items(default, HELLO, PROBLEM, ("A", notice), OK, ("A", "谢谢您的耐心等待"), ("A", "已经给您处理好了"))
    assert f["closing_farewell"].value == 0.0 and f["closing_farewell"].needs_review


# ------------------------------------------------------------------ 2. look-alikes that still count

def test_the_same_thanks_at_a_real_close_is_a_farewell(default):
    f = items(default, HELLO, PROBLEM, ("A", "好的已经给您补送了"), ("C", "行"), ("A", "啊对的好的也感谢您的耐心等待女士"))
    assert f["closing_farewell"].value == 1.0
    assert "set_aside" not in f["closing_farewell"].detail


def test_a_farewell_after_the_holds_thanks_counts(default):
    f = items(default, HELLO, PROBLEM, HOLD, OK, THANKS, ("A", "已经给您补送了"), ("C", "好"), ("A", "好的再见"))
    assert f["closing_farewell"].value == 1.0
    # the thanks was set aside and said so, the 再见 counted
    assert f["closing_farewell"].detail["matched_phrase"] == "再见"


def test_a_farewell_in_the_thanks_line_still_counts(default):
    # only hits overlapping the hold thanks are set aside: 再见 in the same line stands
    f = items(default, HELLO, PROBLEM, HOLD, OK, ("A", "感谢您的耐心等待已经处理好了再见"))
    assert f["closing_farewell"].value == 1.0


def test_a_hold_notice_two_agent_lines_back_is_not_read(default):
    # lines = 1: only the agent's previous line
    f = items(default, HELLO, PROBLEM, HOLD, OK, ("A", "嗯"), ("C", "嗯"), ("A", "好的也感谢您的耐心等待"))
    assert f["closing_farewell"].value == 1.0


def test_the_customers_own_wait_is_not_the_agents_hold_notice(default):
    # the speaker's own previous lines are read: a customer's 您稍等 prompts no agent answer
    f = items(default, HELLO, ("C", "您稍等我找一下订单号"), ("A", "好的"), ("C", "找到了"), THANKS)
    assert f["closing_farewell"].value == 1.0


# ------------------------------------------------------------------ 3. the field itself

_BOOK = """
version = "t"
[lexicons]
wait = ["稍等"]
[[rules]]
id = "bye"
kind = "required"
role = "agent"
phrases = ["谢谢"]
not_answering = {{ phrases = ["谢谢等待"], prompts = ["@wait"], lines = {lines} }}
"""


def _book(lines: str = "2"):
    return parse_rulebook(tomllib.loads(_BOOK.format(lines=lines)), source="rulebook.toml")


@pytest.mark.parametrize("lines, value", [("1", 1.0), ("2", 0.0)])
def test_lines_sets_how_many_previous_lines_are_read(lines, value):
    f = items(KeywordAnalyzer(_book(lines)), ("A", "请稍等"), ("C", "好"), ("A", "嗯"), ("A", "谢谢等待"))
    assert f["bye"].value == value


def test_a_group_inherits_not_answering():
    raw = tomllib.loads(_BOOK.format(lines="1").replace('phrases = ["谢谢"]\n', 'groups = [{ phrases = ["谢谢"] }]\n'))
    f = items(KeywordAnalyzer(parse_rulebook(raw, source="rulebook.toml")), ("A", "请稍等"), ("A", "谢谢等待"))
    assert f["bye"].value == 0.0


@pytest.mark.parametrize("lines, message", [
    ("0", "not_answering.lines must be a whole number from 1 to 10"),
    ("11", "not_answering.lines must be a whole number from 1 to 10"),
    ('"2"', "got '2'"),
    ("true", "got True"),
])
def test_a_bad_lines_value_is_a_clear_config_error(lines, message):
    with pytest.raises(ConfigError, match="rulebook.toml") as info:
        _book(lines)
    assert message in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("old, new, message", [
    ('prompts = ["@wait"]', "prompts = []", "prompts"),
    ('prompts = ["@wait"]', 'prompts = ["@nope"]', "unknown lexicon '@nope'"),
    ('prompts = ["@wait"]', 'prompts = ["@wait"], within = 2', "unknown key 'within'"),
    ('phrases = ["谢谢等待"]', 'phrases = ["  "]', "empty after normalisation"),
])
def test_a_bad_not_answering_is_a_clear_config_error(old, new, message):
    text = _BOOK.format(lines="1").replace(old, new)
    with pytest.raises(ConfigError) as info:
        parse_rulebook(tomllib.loads(text), source="rulebook.toml")
    assert message in str(info.value)

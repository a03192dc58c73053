"""Rulebook 2026.11.23 (issue 9, pass cn14, eval/labels/confirm_calls_pass14_protocol.md): how agents confirm a need,
apologise and refuse a promise, read as frames with their contrasts.

1. A check said as a line of its own (就是说…没有送到 | 对吧) completes the restatement just before it (rule field
   `lone_tags`, `[lexicons] check_tags`); 是这个意思吧 checks like 是这个意思吗; what was ordered where, set against what
   came, is a restatement (您是在***这家店下的…但是做成了…是吧).
2. A line that only reads back a phone or an address and checks it is not scored by the confirm-need model
   (`[detectors.need_check] record_checks`).
3. 真是不好意思 apologises like 真的不好意思; 没办法给您百分之百保证 refuses the promise; 怎么关 opens an enquiry like 怎么开.
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import NeedCheckOptions
from qa_engine.errors import ConfigError
from qa_engine.rulebook import load_rulebook, parse_rulebook
from qa_engine.text import normalize
from tests.analyzers._service_act_calls import BYE, HELLO, items

OK = ("C", "对")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _confirm(analyzer: KeywordAnalyzer, *lines) -> float:
    return items(analyzer, HELLO, *lines, *BYE)["confirm_need"].value


# ------------------------------------------------------------------ 1. a restatement checked on its own line

@pytest.mark.parametrize("said, tag", [
    ("就是说只收到了一杯奶茶蛋糕没有送到", "对吧"),
    ("点的微辣送成了特辣", "是这样吗"),
    ("也就是说骑手把餐放在门口就走了", "是吧先生"),
])
def test_a_tag_on_its_own_line_completes_the_restatement_before_it(default, said, tag):
    f = items(default, HELLO, ("C", "我的外卖有问题"), ("A", "嗯"), ("A", said), ("A", tag), OK, *BYE)
    cn = f["confirm_need"]
    assert cn.value == 1.0
    # cited on the restatement, the note naming the tag's own line
    assert cn.evidence[0].utterance == 3
    assert f"'{normalize(tag)}' (#4, a line of its own)" in cn.evidence[0].note


def test_the_tag_does_not_reach_over_the_customers_line(default):
    # the customer spoke between: the tag answers something else, no restatement is completed
    assert _confirm(default, ("C", "我的蛋糕没到"), ("A", "就是说只收到了一杯奶茶蛋糕没有送到"), ("C", "嗯"),
                    ("A", "对吧")) == 0.0


def test_a_tag_after_a_line_that_restates_nothing_is_no_check(default):
    assert _confirm(default, ("C", "我的蛋糕没到"), ("A", "我这边联系一下商家"), ("A", "对吧")) == 0.0


def test_a_restatement_and_more_after_it_on_the_next_line_is_not_joined(default):
    # only a line that is nothing but the tag completes the line before
    assert _confirm(default, ("C", "我的蛋糕没到"), ("A", "就是说只收到了一杯奶茶蛋糕没有送到"),
                    ("A", "我这边联系一下商家对吧")) == 0.0


@pytest.mark.parametrize("check, value", [
    ("是这个意思吧", 1.0), ("是这个意思对吧", 1.0),
    ("我不是这个意思吧", 0.0),  # a meaning denied checks nothing
])
def test_is_that_what_you_mean_closed_by_ba(default, check, value):
    assert _confirm(default, ("C", "我要的大杯给我送了中杯"), ("A", "就是您要的大杯结果送来中杯"), ("A", check), OK) == value


@pytest.mark.parametrize("said, value", [
    ("您是在***这家店下的麻辣香锅备注了微辣但是做成了特辣的对吧", 1.0),
    ("你是在***这家店买的蛋糕但是送来的时候已经化了是吧", 1.0),
    ("您是在***这家店下的单是吧", 0.0),  # which order: no contrast, no problem restated
    ("您是在***这家店下的单但是需要您先拍个照片是吧", 0.0),  # the agent's condition after the contrast
])
def test_what_was_ordered_where_set_against_what_came(default, said, value):
    assert _confirm(default, ("C", "我备注了微辣结果做得特别辣"), ("A", said), OK) == value


# ------------------------------------------------------------------ 2. a phone or an address read back

@pytest.mark.parametrize("line", ["好的那顾客的电话是***对吧", "好的***小区***号楼对吧", "您的新地址是***对吗"])
def test_reading_back_only_a_phone_or_address_is_not_scored(default, line):
    detector = default.compiled.detectors["need_check"]
    text = normalize(line)
    assert detector.find([text], [0], ["agent"], 0.0) == []


@pytest.mark.parametrize("line", ["就是说顾客的电话一直打不通对吧", "就是送到***小区的餐洒了对吧"])
def test_a_line_that_says_more_than_the_record_is_still_scored(default, line):
    detector = default.compiled.detectors["need_check"]
    assert len(detector.find([normalize(line)], [0], ["agent"], 0.0)) == 1


def test_an_address_check_is_no_confirm_need(default):
    assert _confirm(default, ("C", "我想改一下送餐地址"), ("A", "请问新的地址是哪里呢"), ("C", "***小区***号楼"),
                    ("A", "好的***小区***号楼对吧"), OK) == 0.0


# ------------------------------------------------------------------ 3. apology, promise, enquiry

COMPLAINT = ("C", "你们把我的外卖送错了")


@pytest.mark.parametrize("line, value", [
    ("嗯真是不好意思给您送错了", 1.0), ("实在是不好意思", 1.0),
    ("这边给您重新做一份", 0.0),
])
def test_zhen_shi_bu_hao_yi_si_apologises(default, line, value):
    assert items(default, HELLO, COMPLAINT, ("A", line), *BYE)["apology_on_complaint"].value == value


@pytest.mark.parametrize("line, value", [
    ("不过这个我没办法给您百分之百保证一定能退", 1.0),
    ("这个我也不能给您百分之百保证", 1.0),
    ("这个我给您百分之百保证一定能退", 0.0),  # the promise itself
])
def test_a_hundred_percent_guarantee_refused_is_no_promise(default, line, value):
    assert items(default, HELLO, ("C", "能退吗"), ("A", line), *BYE)["forbidden_promise"].value == value


def test_how_to_switch_off_opens_an_enquiry(default):
    f = items(default, HELLO, ("C", "你好我想问一下会员的自动续费怎么关"), ("A", "您是想把自动续费关掉对吧"),
              ("C", "对下个月不想续了"), ("A", "好的您在我的会员中心里点关闭就可以了"), *BYE)
    assert f["apology_on_complaint"].value is None  # N/A: no failure reported


def test_a_switch_that_will_not_turn_off_is_a_failure(default):
    f = items(default, HELLO, ("C", "我的自动续费怎么关不掉一直在扣钱"), ("A", "好的我帮您看一下"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


# ------------------------------------------------------------------ 4. the field and the option themselves

_BOOK = """
version = "t"
[lexicons]
tags = ["对吧"]
[[rules]]
id = "check"
kind = "required"
role = "agent"
regex = ["就是说.+对吧$"]
lone_tags = {tags}
"""


def _book(tags: str = '["@tags"]'):
    return parse_rulebook(tomllib.loads(_BOOK.format(tags=tags)), source="rulebook.toml")


@pytest.mark.parametrize("tags, value", [('["@tags"]', 1.0), ("[]", 0.0)])
def test_lone_tags_joins_the_tag_line_only_when_set(tags, value):
    f = items(KeywordAnalyzer(_book(tags)), ("A", "就是说没有送到"), ("A", "对吧"))
    assert f["check"].value == value


@pytest.mark.parametrize("tags, message", [
    ('["  "]', "empty after normalisation"),
    ('["@nope"]', "unknown lexicon '@nope'"),
])
def test_a_bad_lone_tags_is_a_clear_config_error(tags, message):
    with pytest.raises(ConfigError) as info:
        _book(tags)
    assert message in str(info.value)


def test_a_bad_record_checks_regex_is_a_config_error():
    raw = tomllib.loads(_BOOK.format(tags="[]") + '\n[detectors.need_check]\nrecord_checks = ["(电话"]\n'
                        + '[[rules]]\nid = "m"\nkind = "required"\ndetector = "need_check"\n')
    with pytest.raises(ConfigError) as info:
        KeywordAnalyzer(parse_rulebook(raw, source="rulebook.toml"))
    assert "record_checks" in str(info.value)


def test_the_shipped_rulebook_is_2026_11_23_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.23"  # later rulebooks keep what 2026.11.23 shipped
    assert NeedCheckOptions(**book.detectors["need_check"]).record_checks
    assert [r.version >= 14 for r in book.rules if r.id == "confirm_need"] == [True]

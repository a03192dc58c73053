"""Rulebook 2026.11.28 (issue 9, pass cn18, eval/labels/confirm_calls_pass18b_protocol.md): confirm_need's precision —
a line that only checks a detail of the order is no confirmation of the need, read as frames with their contrasts.

1. The confirm-need model does not score a line that only reads back the contact phone still on record (您的联系电话还是
   ***对吧), an invoice's title and tax number (好的***有限公司税号***对吧) or when the order was placed or picked up
   (嗯是今天上午提货的对吧) and checks it (`[detectors.need_check] record_checks`); a line that goes on to the problem is
   still scored. GUIDE.md, confirm need: "Not: confirming only the order, date or phone number".
2. The restatement detector does not take a record field read back with its value (金额是四十二块三对吧) for a restated
   topic (`[detectors.restatement] record_values`); a restated charge (多扣的金额是二十块是吧) still counts.
3. The customer's order named as the subject of the failure they report, checked (就是您这个订单下单两个小时了还没有送到是吗),
   is a restatement (`confirm_need.restated`); which order alone (您是这个订单对吧) is not.
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import RestatementOptions
from qa_engine.errors import ConfigError
from qa_engine.rulebook import load_rulebook, parse_rulebook
from tests.analyzers._service_act_calls import BYE, HELLO, OK, items, need_check_scores, pattern_restates


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. a record detail read back: not scored

@pytest.mark.parametrize("line, scored", [
    ("您的联系电话还是***对吧", False),  # the contact phone still on record
    ("那您预留的手机号是***是吗", False),
    ("嗯好的***有限公司税号***对吧", False),  # an invoice's title and tax number
    ("发票抬头是***公司对吗", False),
    ("嗯是今天上午提货的对吧", False),  # when: which purchase
    ("您是昨天晚上八点下的单是吧", False),
    ("您的联系电话一直打不通对吧", True),  # the problem, said with the phone
    ("您是要开发票但是商家不给开对吧", True),  # the request and its failure
    ("您是今天上午提货的时候发现少了一箱对吧", True),  # the date, then the problem
    ("您是说昨天点的外卖到现在还没送到对吧", True),
])
def test_only_a_record_detail_read_back_is_not_scored_by_the_model(default, line, scored):
    assert need_check_scores(default, line) is scored


def test_a_contact_phone_check_is_no_confirm_need(default):
    f = items(default, HELLO, ("C", "我的外卖一直没送到"), ("A", "好的我帮您查一下"),
              ("A", "您的联系电话还是***对吧"), OK, *BYE)
    assert f["confirm_need"].value == 0.0


# ------------------------------------------------------------------ 2. a record value read back: no restated topic

@pytest.mark.parametrize("line, restated", [
    ("嗯是昨天晚上七点半这个订单吗金额是四十二块三对吧", False),  # which order and its amount
    ("这一单实付是三十八元是吧", False),
    ("订单一共是十五块五对吗", False),
    ("多扣的金额是二十块是吧", True),  # the charge the customer reports
    ("您是说退款金额不对是吗", True),
])
def test_a_record_value_read_back_is_no_restated_topic(default, line, restated):
    assert pattern_restates(default, "我被多扣了二十块钱退款金额也不对", line) is restated


# ------------------------------------------------------------------ 3. whose order failed, restated

@pytest.mark.parametrize("line, restated", [
    ("嗯先生就是您这个订单下单两个小时了还没有送到是吗", True),
    ("您那个订单送错了对吧", True),
    ("您这个订单到现在还没收到是吧", True),
    ("您是这个订单对吧", False),  # which order: nothing failed
    ("您这个订单的手机号是***对吧", False),  # the phone on the order
    ("您这个订单还没送到的话可以吗", False),  # a proposal
    ("您这个订单是什么时候下的对吧", False),  # an open question
])
def test_whose_order_failed_restated_and_checked(default, line, restated):
    assert pattern_restates(default, "我的外卖下单两个小时了还没有送到", line) is restated


# ------------------------------------------------------------------ 4. the option itself

def test_record_values_is_off_when_empty():
    assert RestatementOptions(tags=["对吧"], topics=["金额"]).record_values == []


def test_a_bad_record_values_regex_is_a_config_error():
    raw = tomllib.loads('version = "t"\n[detectors.restatement]\ntags = ["对吧"]\ntopics = ["金额"]\n'
                        'record_values = ["(金额"]\n'
                        '[[rules]]\nid = "m"\nkind = "required"\ndetector = "restatement"\n')
    with pytest.raises(ConfigError) as info:
        KeywordAnalyzer(parse_rulebook(raw, source="rulebook.toml"))
    assert "record_values" in str(info.value)


def test_the_shipped_rulebook_is_2026_11_28_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.28"  # later rulebooks keep what 2026.11.28 shipped
    assert book.detectors["restatement"]["record_values"]
    assert len(book.detectors["need_check"]["record_checks"]) >= 3

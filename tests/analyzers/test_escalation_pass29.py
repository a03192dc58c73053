"""Twenty-ninth pass (``THREAT_PASSES.md`` "Twenty-ninth pass"; the guide's "Twenty-ninth pass"), **in-sample**: no new
held-out calls were scored.

- A bad review as the **condition** of someone else's threat, told by the caller (商家跟我说，要是我给差评就不给我退款;
  骑手跟我说，你要是给差评我就投诉你) read as the caller's review (and the consequence's 投诉 / 曝光 as the caller's step);
  only the learned second opinion vetoed some of them. It is reported speech now, by the rules alone. The caller's own
  review is the consequence (不退我就给差评): a threat.
- Someone other than the caller named as the subject of an intended step (我妈要去消协, 他要找你们经理, 我老婆准备去市场监管局
  举报你们) read as the caller's own step, while 我老公要投诉你们 read as reported. The guide's decision: not the caller's
  own voice — ``someone_else``, calm under both policies (the second opinion does not count it back) — unless the
  caller is in it (我和我老公, 我跟我妈), has them do it (我让我老公去), joins it (我陪她去) or it is already taken (我爸已经打了
  12315了: the household's escalation under way, fourteenth pass).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh45.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_29_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 29


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. someone else's threat with a bad review as its condition, told by the caller
_REVIEW_CONDITION = [
    "那个店家打电话跟我说，要是我给差评就不给我退钱",
    "商家跟我说你要是给差评就别想退款了",
    "骑手跟我说，你要是给差评我就投诉你",
    "商家私信我说给差评就曝光我的信息",
    "卖家给我打电话说，如果我给了差评，他就不给我补发",
    "老板对我讲，敢给他一星就把我拉黑",
    "商家跟我说要是我给差评他就到平台投诉我恶意差评",
    "刚才商家威胁我，说我要是敢给差评就找人上门",
]


@pytest.mark.parametrize("text", _REVIEW_CONDITION)
def test_a_review_as_someone_elses_condition_is_reported(text):
    _calm(text)
    assert "reported" in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


# 2. the caller's own review (the consequence, or after the report), and a question: must keep their reading
@pytest.mark.parametrize("text", [
    "商家跟我说不给退款，那我就给差评",
    "商家说要是我给差评就不退钱，这种店我肯定要给差评",
    "你们要是不退款我就给差评",
    "如果今天还不给我退，我就给这家店差评",
    "我跟商家说，要是不退款我就给差评",
    "商家跟我说要退款，结果到现在也没退，我要投诉",
])
def test_the_callers_own_review_stays_a_threat(text):
    _threat(text)
    assert _alerts(text)


# 3. someone else's intended step (each read as the caller's own on main, rules-28)
_SOMEONE_ELSE = [
    "我妈要去消协",
    "我妈要去消协告你们",
    "他要找你们经理",
    "他要投诉你们",
    "我爸要打12315",
    "我老婆准备去市场监管局举报你们",
    "我老公明天就去消协",
    "我朋友要去找律师告你们",
    "我儿子要把这事发到网上",
    "我妈非要去消协",
]


@pytest.mark.parametrize("text", _SOMEONE_ELSE)
def test_someone_elses_intended_step_is_not_the_callers(text):
    _calm(text)
    assert "someone_else" in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


# 4. the caller in the step, having them do it, joining it, the step already taken, or the caller's own step after it
@pytest.mark.parametrize("text", [
    "我和我老公明天就去消协",
    "我跟我妈要去消协投诉你们",
    "我让我老公去消协投诉你们",
    "我叫我儿子把这事发到网上",
    "我妈要去消协，我陪她去",
    "我爸已经打了12315了",
    "我老公要投诉你们，我也要投诉",
    "他要找你们经理，你让你们经理来接电话",
    "我帮他投诉你们",
    "我们要去消协",
    "她要找你们经理，我也要找",
    "我替我妈打的，她要找你们经理",
    "我妈去消协了",
])
def test_the_callers_part_in_the_step_stays_a_threat(text):
    _threat(text)
    assert _alerts(text)


# 5. what earlier passes read as reported keeps its reason
@pytest.mark.parametrize("text", ["我老公要投诉你们", "我妈说要去消协", "我老公非要投诉你们不可", "他们要去法院告你们"])
def test_earlier_reported_readings_keep_their_reason(text):
    assert set(reasons(text)) == {"reported"}


# 6. near misses of the new frame: a noun after 他, a condition of the caller's own, the caller telling someone else
@pytest.mark.parametrize("text, reason", [
    ("如果说你平台就是监控不了他差评那我也没有办法对吧", "mention"),
    ("他要是不退我就去消协", "threat"),
    ("我跟他说我要去消协", "threat"),
])
def test_near_misses_keep_their_reading(text, reason):
    assert reasons(text) == [reason]


# 7. someone else's step the caller cannot stop or merely backs is still theirs (the guide's decision)
@pytest.mark.parametrize("text", ["你们不处理的话他要找你们经理，我也拦不住", "我爸要打12315，我也支持他", "我老公说了，他要找你们经理"])
def test_someone_elses_step_the_caller_does_not_take_is_calm(text):
    assert reasons(text) == ["someone_else"]
    assert not _alerts(text)

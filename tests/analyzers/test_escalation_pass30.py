"""Thirtieth pass (``THREAT_PASSES.md`` "Thirtieth pass"; the guide's "Thirtieth pass"), **in-sample**: no new held-out
calls were scored; two consistency items the twenty-ninth pass left open.

- A step named by its verb alone after someone else (no intention word, no verb before the cue) read by who takes it:
  我妈投诉你们 reported, 他投诉你们 a threat. The guide's decision: someone else's step in the present, told by the caller, is
  not the caller's own voice — calm under both policies (``someone_else`` for 他 / 她 / 他们 and the persons the older
  frames did not read; 我妈投诉你们 keeps ``reported``). A step already taken (他投诉你们了, 我妈去消协了) is not read here.
- The caller phoning for the person whose matter it is (我替我老公打的) relays that person's step: 我替我老公打的，我老公要投诉你们
  read ``reported`` (the older relative-with-要 frame won over the twenty-ninth pass's proxy exception). It is a threat now;
  我老公要投诉你们 said alone stays ``reported``.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_30_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 30


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. someone else's step named by its verb alone (threats on main, rules-29)
_BARE_STEP = [
    "他投诉你们",
    "她举报你们",
    "他们投诉你们",
    "他找你们经理",
    "他明天投诉你们",
    "我妈明天投诉你们",
    "你们再不退，他就投诉你们",
    "不退的话她起诉你们",
    "他曝光你们",
]


@pytest.mark.parametrize("text", _BARE_STEP)
def test_someone_elses_bare_step_is_not_the_callers(text):
    _calm(text)
    assert "someone_else" in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


# 2. the relatives the older frames read keep their reason: the two persons now read the same way (calm)
@pytest.mark.parametrize("text", ["我妈投诉你们", "我老公投诉你们", "我朋友投诉你们", "我老公要投诉你们"])
def test_relatives_bare_step_stays_reported(text):
    assert set(reasons(text)) == {"reported"}
    assert not _alerts(text, None) and not _alerts(text)


# 3. the caller phoning for the person whose matter it is (reported on main)
_PROXIED = [
    "我替我老公打的，我老公要投诉你们",
    "我替我妈打的，我妈要找你们经理",
    "我帮我妈打的电话，我妈要投诉你们",
    "我替我老公打的，我老公投诉你们",
    "我替我爸打的电话，我爸准备去消协",
]


@pytest.mark.parametrize("text", _PROXIED)
def test_a_proxied_step_is_the_customers(text):
    _threat(text)
    assert _alerts(text, None) and _alerts(text)


# 4. contrasts that must keep their reading on both trees: the step taken, the caller in it or having them do it,
#    the caller's own step after it, the proxy's words quoted with 说, the bare noun
@pytest.mark.parametrize("text, reason", [
    ("他投诉你们了", "threat"),
    ("我妈去消协了", "threat"),
    ("我和我老公投诉你们", "threat"),
    ("我让他投诉你们", "threat"),
    ("我帮他投诉你们", "threat"),
    ("我替我妈打的，她要找你们经理", "threat"),
    ("我替我老公打的，他投诉你们", "threat"),
    ("我替我老公打的，我老公说要投诉你们", "reported"),
    ("他要投诉你们", "someone_else"),
    ("他投诉我", "reported"),
    ("他不投诉你们", "negated"),
    ("有人投诉你们", "reported"),
    ("如果说你平台就是监控不了他差评那我也没有办法对吧", "mention"),
])
def test_contrasts_keep_their_reading(text, reason):
    assert reasons(text) == [reason]


@pytest.mark.parametrize("text", ["他投诉你们，我也要投诉", "我告诉他投诉你们"])
def test_the_callers_own_step_alongside_stays_a_threat(text):
    _threat(text)
    assert _alerts(text)

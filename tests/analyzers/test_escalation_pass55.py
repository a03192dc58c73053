"""Fifty-fifth pass (``THREAT_PASSES.md`` "Fifty-fifth pass"), **in-sample**: the two errors of ``fresh75``, scored once this
stop before the pass.

- platforms named in a list before a long post (我就在贴吧和微博发长帖);
- bystanders counted by how the caller addresses them (几个大爷在那说要去消协告你们) speak for themselves.

The first sentence of each group is the fresh75 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_55_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 55


@pytest.mark.parametrize("text", [
    "角色名南山***。不给证据就封号，今天不解封，我就在贴吧和微博发长帖，把客服原话截图全贴出来。",
    "再不处理我就去抖音、小红书发个长文",
])
def test_a_long_post_on_listed_platforms_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "喂 我现在就在你们东门店门口 门关着 外面围了好几个会员 几个大爷在那说要去消协告你们 我不掺和这个 我就想知道 我这张次卡还剩十二次",
    "门口有两个阿姨说要打12345",
])
def test_counted_bystanders_speak_for_themselves(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)

"""Fifty-fourth pass (``THREAT_PASSES.md`` "Fifty-fourth pass"), read as general frames, **in-sample**: five errors of
``fresh74`` (long explanations), scored once this stop before the pass.

- the call passed to the superior on duty (帮我转到你们的值班主任);
- a case taken back with 把 (把工商那个单子撤销了 · 把那个升级的单子撤了);
- someone else clamouring in the sentence (一位大哥…嚷着要打12315，还要找记者来拍);
- the complaint line asked about (报修和投诉是不是一个号码).

The first sentence of each group is the fresh74 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_54_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 54


@pytest.mark.parametrize("text", [
    "你可以查，查完请直接帮我转到你们的值班主任，我要跟负责的人说。",
    "麻烦转接到你们今天值班的经理",
    "我要打12315，还要找记者",            # the caller's own two steps
    "他说要投诉你们，我还要找记者",        # the caller's own step after someone else's
])
def test_the_callers_own_step_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "你好，我是上个月在你们这儿装卫生间的王女士。之前防水没做好，我当时一生气去工商所那边登了个单子。这周你们的师傅来重新做了防水，"
    "楼下不漏了。我今天上午已经把工商那个单子撤销了，跟你们说一声，也谢谢孙师傅。",
    "喂 你好 我昨天打过电话 当时我着急 就让那个客服帮我升级处理了 说会有专员联系我 结果今天早上线重新插了一下 就好了 "
    "所以我想把那个升级的单子撤了 别让专员白跑一趟",
    "你好，我昨天下午去你们那家店取修好的平板。排在我前面的一位大哥跟店员吵起来了，说他的手机修了三次还是黑屏，嚷着要打12315，"
    "还要找记者来拍。我等了快一个小时才拿到东西。",
    "我想问一下，你们燃气的报修和投诉是不是一个号码？夜里有人接吗？",
])
def test_a_case_taken_back_someones_clamour_and_the_line_asked_about_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)


@pytest.mark.parametrize("text", ["我在消协那边投诉的 我 撤了吗", "我能把那个投诉撤了吗"])
def test_a_withdrawal_asked_about_is_no_withdrawal(text):
    assert "withdrawn" not in reasons(text)

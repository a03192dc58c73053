"""Ninety-ninth pass (``THREAT_PASSES.md`` "Ninety-ninth pass"), **in-sample**: the errors of fresh180 and fresh185 …
fresh191's first reading, and one rule miss there that only the call model caught.

- a police report warned of after an unmet condition — a deadline not met (今天中午之前不让我看，我就报警), or the condition
  running into 我就 with no pause, 直接 / 马上 between 就 and the step (半小时还联系不上我就直接报警了) — is the caller's warning:
  not the incident's report, and not set aside by the learned vetoes;
- 以经, the recogniser's slip for 已经, tells the caller's own step as done before someone's words (我以经跟住建局那边反映过了
  他们说会来查);
- after a pause, 你 + 让 / 叫 / 喊 opens the caller's order to the agent (你们说早寄了 那个 你让你们领导接电话);
- the channel asked as an alternative in one clause, in a sentence ending in a question mark (是走复核还是走投诉？).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import (GREETING, alerts, assert_calm, assert_threat, call, counts_threat,
                                          kept_from_the_vetoes)


def test_the_version_is_rules_99_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 99


@pytest.mark.parametrize("text", [
    "你好，我昨晚停在地下车库B2的车被人刮了，左边车门一道长印子。我上午去监控室要调监控，保安说要物业主任签字才能看。今天中午之前不让我看，我就报警让警察来调，车位是我自己买的。",
    "明天以前还不给我退，我就报警",
    "你们再不把东西还我，我就直接报警",
])
def test_a_police_report_warned_of_after_an_unmet_condition_is_kept_from_the_vetoes(text):
    assert any(kept_from_the_vetoes(text, "police"))


def test_a_police_report_after_a_loss_warned_of_with_no_pause_alerts():
    conversation = call(GREETING, ("C", "喂 那个我刚下车 手机落在后坐上了 打司机电话一直不接"), ("A", "请您提供一下订单尾号"),
                        ("C", "尾号***幺八 就是那个白色的车 你们赶紧帮我找 半小时还联系不上我就直接报警了"))
    assert counts_threat(conversation, None)


def test_a_police_report_made_after_a_loss_is_still_the_incident():
    conversation = call(GREETING, ("C", "我手机落在车上了，我已经报警了，派出所让我联系你们"))
    assert not counts_threat(conversation, None)


@pytest.mark.parametrize("threat", [
    "喂 你好 我是***苑的业主 我们那栋楼电梯从上个月开始三天两头停 上礼拜还关了人 我以经跟住建局那边反映过了 他们说会来查",
    "喂 老师你好 我孩子的录取通知书 快递查了十几天都不动 你们说早寄了 那个 你让你们领导接电话 孩子下礼拜就报道了",
    "他说没货了 你叫你们经理来跟我说",
])
def test_the_caller_s_own_step_after_someone_s_words(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    "你好，我上周交了一份住院理赔的材料，金额大概八千多。想先问问流程：理赔结果一般多久出来？一般客户要是对结果有不同意见，是走复核还是走投诉？我现在还没出结果，就是先了解一下流程。",
    "你好，我刚开了个小网店，想跟你们签月结。顺便问一下，万一件丢了，是走理赔还是要投诉，流程是啥样的？",
    "他说你让你们领导来也没用",
])
def test_channels_asked_and_words_reported_stay_calm(calm):
    assert_calm(calm)


def test_an_alternative_without_a_question_mark_stays_a_threat():
    assert_threat("我不管是走理赔还是走投诉，我今天一定要投诉你们")

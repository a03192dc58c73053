"""Forty-second pass (``THREAT_PASSES.md`` "Forty-second pass"). Development errors of the earlier short-call files (test halves
included, now development material), read as general frames, **in-sample**:

- a body as the source of what it said or put out, told as a relative clause (教育局最近说的双减政策, 消协 发 的 那个 提示);
- the company's superior named by what they decide or by the matter they are in charge of, and called for
  (把 你们 负责 这块 的 叫来, 把今天值班能做决定的那个人叫来);
- who the caller is, with a recogniser's pause before the job (我是 律师 在 …律师事务所 上班).

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_42_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 42


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    turns = [("A", "您好，请问有什么可以帮您？"), ("C", text), ("A", "好的，您请说")]
    return any(h.threat for h in detect_threats(call(*turns), opinion))


# 1. a body's own words or notice told as a relative clause (fresh52's f52-n-nm-edu-policy, fresh56's f56-n-near-source-xiaoxie-asr)
@pytest.mark.parametrize("text", [
    "教育局最近说的双减政策，你们课程有变化吗？",
    "嗯 我 看 消协 发 的 那个 提示 说 床垫 要 看 甲醛 标签 你们 这 款 有 吗",
    "市场监管局前几天发的通知说要挂价签，你们挂了吗",
    "12315说的那个规定是什么意思",
])
def test_what_a_body_said_or_put_out_is_a_source(text):
    found = reasons(text)
    assert found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts (a threat, as before): the caller going to the body, the body named with no notice after it
@pytest.mark.parametrize("text", [
    "我要去消协说的那个地方投诉",
    "我去消协发的那个提示下面留言",
    "消协发的",
    "我明天就去消协",
])
def test_a_body_gone_to_reads_as_before(text):
    assert "threat" in reasons(text)


# 2. the superior by what they decide or the matter they are in charge of, called for
#    (fresh56's f56-t-fuzezhekuai-jiaolai-asr, fresh60's c60-007)
@pytest.mark.parametrize("text", [
    "我 不 跟 你 说 了 把 你们 负责 这块 的 叫来",
    "你跟我说没用，你做不了主。把今天值班能做决定的那个人叫来，我等着。",
    "叫你们能做决定的来",
    "把你们负责这事的人叫过来",
])
def test_a_superior_by_role_called_for_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no threat): a worker by task, the caller's own role, told not called, not a person, the caller's household
@pytest.mark.parametrize("text", [
    "把负责安装的师傅叫来",
    "我就是负责这块的",
    "你们负责这块的来过了",
    "把负责这块的资料发我",
    "我们家能做决定的那个人今天不在",
    "把能做决定的那个人的电话给我",
])
def test_a_role_not_called_for_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 3. who the caller is, a pause before the job (fresh54's f54-c-clinic-lawyer-caller-asr)
@pytest.mark.parametrize("text", [
    "你好 我是 律师 在 ***律师事务所 上班 平时 工作日 没空",
    "我是 律师",
    "我是 警察 想 问一下 那个 快递",
])
def test_the_callers_own_job_after_a_pause_is_a_place(text):
    found = reasons(text)
    assert found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat or a question, as before): the lawyer sought, the caller's intention before it, asked
@pytest.mark.parametrize(("text", "reason"), [
    ("我要 找 律师", "threat"),
    ("我是要去找 律师", "threat"),
    ("你是 律师 吗", "question"),
])
def test_a_lawyer_sought_or_asked_reads_as_before(text, reason):
    assert reason in reasons(text)


def test_the_development_calls_read_whole():
    """The three development calls, whole, under the default policy."""
    lawyer = call(("A", "您好 口腔门诊 请问有什么可以帮您"), ("C", "你好 我是 律师 在 ***律师事务所 上班 平时 工作日 没空"),
                  ("A", "好的 请问 您 想 预约 什么"), ("C", "想 约个 周六 上午 洗牙 再 看看 智齿"))
    assert not any(h.threat for h in detect_threats(lawyer, CHOSEN_OPINION))
    duty = call(("A", "您好，东翼航空客服。"), ("C", "航班取消了，你们只给我改到后天，我明天上午必须赶回去。"),
                ("A", "很抱歉，目前最早只有后天的航班。"), ("C", "你跟我说没用，你做不了主。把今天值班能做决定的那个人叫来，我等着。"))
    assert any(h.threat for h in detect_threats(duty, CHOSEN_OPINION))

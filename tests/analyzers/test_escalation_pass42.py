"""Forty-second pass (``THREAT_PASSES.md`` "Forty-second pass"). Development errors of the earlier short-call files (test halves
included, now development material), read as general frames, **in-sample**:

- a body as the source of what it said or put out, told as a relative clause (教育局最近说的双减政策, 消协 发 的 那个 提示);
- the company's superior named by what they decide or by the matter they are in charge of, and called for
  (把 你们 负责 这块 的 叫来, 把今天值班能做决定的那个人叫来);
- who the caller is, with a recogniser's pause before the job (我是 律师 在 …律师事务所 上班);
- a superior asked for to hear praise, the praise after a recogniser's pause (我想找你们领导 表扬一下…小伙子);
- the postal regulator by its everyday short name (邮管局那边我会去一趟的), and a recogniser's stutter inside a step declined as not
  worth it (也不至于去 邮 邮管局);
- the people of an outlet named by its kind, enlisted (我去找晚报的人聊聊);
- 没用 right before the cue judging what the agent offered, not negating the demand (你 加急 没用 嗯 让 能 拍板 的 跟 我 说);
- a floor right after a body naming a place in its building (地址是人民路一百二十号，消协三楼);
- the court as the workplace of a caller who names their own legal job in the turn (我是做律师的 … 要么就在法院开庭);
- how long the process usually takes, asked with 一般 and no 要 (你们平台的投诉一般多久会有回复);
- a programme called by the caller (给市台那档《帮忙到家》栏目打过电话了) and the company's official account tagged (艾特你们官方).

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, call, reasons


def test_the_version_is_rules_42_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 42


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


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


# 4. praise after a pause or a comma (fresh48's f48-c-praise-leader-asr)
@pytest.mark.parametrize("text", [
    "喂 你好 我想找你们领导 表扬一下昨天来我家修灶台的那个小伙子 姓赵",
    "我找一下你们领导 当面表扬一下小王",
])
def test_a_superior_asked_for_to_hear_praise_after_a_pause_is_no_step(text):
    found = reasons(text)
    assert found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat, as before): praise refused, a demand instead, sarcasm after a comma
@pytest.mark.parametrize("text", [
    "我要找你们领导，表扬是不可能的",
    "我要找你们领导，表扬个屁",
    "我要找你们领导 必须给我个说法",
    "我找你们领导 表扬个屁 赔钱",
])
def test_a_superior_asked_for_without_praise_reads_as_before(text):
    assert "threat" in reasons(text)


# 5. the postal regulator by its short name (fresh53's f53-t-courier-youguanju)
@pytest.mark.parametrize("text", [
    "照片早就发了，理赔拖了十天。再拖下去，邮管局那边我会去一趟的。",
    "再不给我个准话我就去邮管局",
])
def test_the_postal_regulator_named_short_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no threat): a job there, a question, declined with a stutter (fresh52's f52-n-nm-no-need-asr), taken back
@pytest.mark.parametrize("text", [
    "我在邮管局上班",
    "邮管局的电话是多少",
    "件晚了两天 哎 也不至于去 邮 邮管局 就是想问问什么时候到",
    "我的件找到了吗？本来想去邮管局投诉的。",
])
def test_the_postal_regulator_in_a_calm_role_is_no_threat(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# A step declined as not worth it, a recogniser's stutter before the body (read as a threat on rules-41)
@pytest.mark.parametrize("text", [
    "件晚了两天 哎 也不至于去 邮 邮政局 就是想问问",
    "犯不着去 消 消协",
])
def test_a_step_not_worth_it_with_a_stutter_is_negated(text):
    assert reasons(text) == ["negated"]


def test_a_step_with_a_stutter_and_no_decline_is_a_threat():
    assert "threat" in reasons("我明天去 邮 邮政局")


# 6. an outlet's people enlisted (fresh56's f56-t-baoshe-liaoliao)
@pytest.mark.parametrize("text", [
    "四十天了还审核？行，我去找晚报的人聊聊，看看他们怎么说你们这个审核。",
    "我明天就联系都市报那边的编辑",
])
def test_an_outlets_people_enlisted_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no cue, as before): the caller's own paper, told, a subscription
@pytest.mark.parametrize("text", [
    "我是晚报的人",
    "晚报的人来过了",
    "我找晚报的人订报纸",
])
def test_an_outlets_people_not_enlisted_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 7. 没用 right before the demand (fresh57's f57-t-010; fresh58_dev's f58-t-009 gains its two 转 经理 cues the same way)
@pytest.mark.parametrize("text", [
    "你 加急 没用 嗯 让 能 拍板 的 跟 我 说 你 现在 就 转",
    "说了没用叫你们领导来",
])
def test_useless_right_before_a_demand_negates_nothing(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# Contrasts (negated, as before): the caller's own 没用 / 也没用, and 没用 after the cue
@pytest.mark.parametrize("text", [
    "我也没用投诉",
    "找律师也没用 嗯 算了",
    "投诉 没用 嗯 我 不 找 领导 了",
])
def test_the_callers_own_useless_reads_as_before(text):
    found = reasons(text)
    assert found and "threat" not in found


# 8. a floor of the body's building (fresh49's f49-c-cca-workplace)
@pytest.mark.parametrize("text", [
    "地址是人民路一百二十号，消协三楼。",
    "送到市消协五楼就行",
])
def test_a_floor_after_a_body_is_a_place(text):
    found = reasons(text)
    assert found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat, as before): the caller going to the floor, a step after it
@pytest.mark.parametrize("text", [
    "我去消协三楼",
    "我已经到消协三楼了",
    "我明天去消协三楼投诉",
])
def test_a_floor_gone_to_reads_as_before(text):
    assert "threat" in reasons(text)


# 9. the court as a lawyer caller's own workplace (fresh60's c60-033)
@pytest.mark.parametrize("text", [
    "喂 我想把 装宽带 的时间 改一下 我是做律师的 白天 都在所里 要么就在法院开庭",
    "我是律师，白天都在法院开庭",
    "我是法官，周一到周五都在法院上班",
])
def test_the_court_where_a_lawyer_caller_works_is_a_place(text):
    found = reasons(text)
    assert found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat, as before): no legal job named, the court as a meeting threatened, a step at the court
@pytest.mark.parametrize("text", [
    "你们再不退我们就在法院开庭见",
    "我是律师，咱们就在法院开庭见吧",
    "我是律师，我会在法院告你们",
    "我们法院见",
])
def test_the_court_threatened_reads_as_before(text):
    assert "threat" in reasons(text)


# 10. how long the process usually takes (fresh60's c60-075)
@pytest.mark.parametrize("text", [
    "我想问一下，如果对商家不满意，你们平台的投诉一般多久会有回复？我就是先了解一下。",
    "投诉一般多久有结果",
])
def test_how_long_a_complaint_usually_takes_is_a_question(text):
    assert reasons(text) == ["question"]
    assert not _alerts(text, None)


# Contrasts (a threat, as before): the time since, the caller's own complaint announced first
@pytest.mark.parametrize("text", [
    "我投诉多久了你们都不管",
    "我要投诉你们，一般多久有结果",
])
def test_a_complaint_with_no_process_question_reads_as_before(text):
    assert "threat" in reasons(text)


# 11. a programme called and the company's official account tagged (fresh60's c60-012, c60-064)
@pytest.mark.parametrize("text", [
    "排队排九天？我已经给市台那档《帮忙到家》栏目打过电话了，他们编导说明天跟我一起等你们师傅。",
    "人为你个头 开箱视频我都有 我跟你说我现在手机上就在编微博 图都配好了 艾特你们官方 发送键我马上就按",
    "我这就艾特你们官微",
])
def test_a_programme_called_or_the_official_account_tagged_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no threat): a song requested, an account asked through
@pytest.mark.parametrize("text", [
    "我给电台那个节目打电话点歌",
    "我艾特你们官方问过了",
])
def test_a_programme_or_account_in_a_calm_role_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)

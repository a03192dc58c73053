"""Fortieth pass (``THREAT_PASSES.md`` "Fortieth pass"). fresh57_dev's rule errors, read as general frames, **in-sample**:

- the company's superior named without a title and called for (把你们管事的叫来, 叫你们老大来);
- a post under way whose content follows as 你们怎么…的 (正在写帖子发到网上 你们怎么坑人的): what it tells, not a question;
- 银保监 heard with one slip (给银包监那边递了材料);
- the consequent of an unreal past in a recogniser's run-on line (幸亏 … 不然 我 早就 去 消协 了, no comma);
- the body named first, then its verb negated with the 了 of a changed mind (消协就不去了);
- a friend named in an earlier clause and taken up again by 他 / 她 as the subject of a step told as taken.

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from qa_engine.analyzers._escalation_reading import rules_reading
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_40_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 40


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


# 1. the superior named without a title (fresh57_dev's f57-t-004 and f57-t-028 had no cue on rules-39)
@pytest.mark.parametrize("text", [
    "别催了，把你们管事的叫来，今天我就要跟他当面说。",
    "核实 个 啥 你 做 不 了 主 就 叫 你们 老大 来 嗯 能 管事 的 那个",
    "你叫你们能做主的人来跟我说",
    "把你们店说了算的给我叫过来",
    "喊你们头儿出来",
])
def test_an_untitled_superior_called_for_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no cue, as before): not the company's (the caller's eldest child), not called for, an idiom
@pytest.mark.parametrize("text", [
    "我家老大来接我",
    "你们管事的来过了，说下周处理",
    "你们老大难问题一直没解决",
    "我们家老大过来帮我拿快递",
])
def test_untitled_words_not_a_superior_called_for_read_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 2. a post under way, its content as 你们怎么…的 (fresh57_dev's f57-t-021: the rules read a question on rules-39)
@pytest.mark.parametrize("text", [
    "记录 没用 我 现在 正在 写 帖子 发 到 网上 你们 怎么 坑人 的 一条 一条 写",
    "我要发到网上你们是怎么骗人的",
])
def test_a_post_telling_how_the_company_acted_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# Contrasts (still asked): no closing 的, or asked after it
@pytest.mark.parametrize("text", [
    "我发到网上你们怎么处理",
    "发到网上你们怎么坑人的吗",
])
def test_a_post_with_a_real_question_after_it_reads_as_before(text):
    assert "question" in reasons(text)


# 3. 银保监 with one slip (fresh57_dev's f57-t-017 had no cue on rules-39)
@pytest.mark.parametrize("text", [
    "你 记录 吧 我 已经 在 网上 给 银包监 那边 递 了 材料 了",
    "我要去银宝监投诉你们",
])
def test_the_banking_regulator_heard_with_one_slip_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


def test_the_reading_of_the_regulator_slip():
    assert rules_reading("给银包监那边递了材料") == "给银保监那边递了材料"
    assert rules_reading("银保监") == "银保监"
    assert rules_reading("银行保险") == "银行保险"


# 4. the unreal past in a run-on line (fresh57_dev's f57-n-028 alerted under both policies on rules-39)
@pytest.mark.parametrize("text", [
    "喂 跟 你们 说 一声 幸亏 后来 你们 师傅 把 那个 摔坏 的 柜门 给 赔 了 不然 我 早就 去 消协 了 现在 没事 了",
    "要不是 你们 后来 退 了 钱 我 早就 去 旅游局 了",
    "还好你们给我换了不然我早就打12315了",
])
def test_a_run_on_unreal_past_is_calm(text):
    found = reasons(text)
    assert "negated" in found and "threat" not in found
    assert not _alerts(text, None)


def test_the_development_calls_run_on_unreal_past_is_calm_under_the_default_policy():
    assert not _alerts("喂 跟 你们 说 一声 幸亏 后来 你们 师傅 把 那个 摔坏 的 柜门 给 赔 了 不然 我 早就 去 消协 了 现在 没事 了")


# Contrasts (a threat, as before): a present step after 不然, a condition still open, a new step after the unreal past
@pytest.mark.parametrize("text", [
    "幸亏 你们 师傅 来 了 不然 我 现在 就 去 消协",
    "你们 再 不 退 钱 我 早就 去 消协 了",
    "还好 你们 退 了 不然 我 早就 去 消协 了 这次 我 还是 要 去 消协",
])
def test_a_step_now_after_a_run_on_keeps_the_threat(text):
    assert "threat" in reasons(text)


# 5. the body named first, its verb negated (fresh57_dev's f57-n-008 alerted under both policies on rules-39)
@pytest.mark.parametrize("text", [
    "喂 我 是 昨天 打 过 电话 的 那个 说 要 去 消协 的 嗯 那个 柜子 今天 师傅 来 装 好 了 消协 就 不 去 了",
    "律师我也不找了",
    "12315我就不打了",
])
def test_a_body_named_first_then_its_step_dropped_is_calm(text):
    found = reasons(text)
    assert "negated" in found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts: asked (not a threat, as before: a question), a later step kept
def test_a_dropped_step_asked_or_followed_by_another_reads_as_before():
    assert "threat" not in reasons("消协就不去了吗")
    found = reasons("12315我就不打了，直接去法院起诉")
    assert "negated" in found and "threat" in found


# 6. a friend taken up again by 她 / 他 (fresh57_dev's f57-n-036 alerted under both policies on rules-39)
@pytest.mark.parametrize("text", [
    "我朋友上个月在你们那儿买到过期药，她去市场监管局反映过了。我就想问问，我这次买的这批维生素保质期到什么时候？",
    "我同事在你们店里被多收了钱，他已经打了12315了",
])
def test_a_friend_taken_up_by_a_pronoun_is_their_own_step(text):
    found = reasons(text)
    assert "reported" in found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat, as before): a relative's step taken, the caller's own, 他 with no friend before, an intended step
@pytest.mark.parametrize("text,reason", [
    ("我老公上个月在你们那儿买到过期药，他去市场监管局反映过了", "threat"),
    ("我朋友上个月在你们那儿买到过期药，我去市场监管局反映过了", "threat"),
    ("他去市场监管局反映过了", "threat"),
    ("我朋友上个月买到过期药，她要去市场监管局反映", "someone_else"),
])
def test_other_subjects_read_as_before(text, reason):
    assert reason in reasons(text)

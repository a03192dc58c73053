"""Threat rules on Traditional script, Taiwan / Hong Kong wording and English code-mixing.

The rules read ``reading_text`` (Traditional → Simplified one character for one, written
Cantonese function words as Mandarin, ASCII lower case) and report spans on the original text.
Each threat case has a calm guard with the same words in a role that is not a threat. Sentences
are written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import EscalationAnalyzer, reading_text, scan_text
from qa_engine.conversation import Conversation


def reasons(text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.reason) for h in scan_text(text)]


def is_threat(text: str) -> bool:
    return any(r == "threat" for _, r in reasons(text))


def test_reading_text_keeps_length_and_leaves_simplified_text_alone():
    for text in ("我要投诉你们，订单号12315678", "我要投訴你們", "Let me talk to your Manager", "搵律師告你哋", "「好」"):
        assert len(reading_text(text)) == len(text)
    assert reading_text("我要投訴你們") == "我要投诉你们"
    assert reading_text("搵律師告你哋") == "找律师告你们"
    assert reading_text("我想问一下订单，「好」") == "我想问一下订单，「好」"  # punctuation untouched
    assert reading_text("I Will SUE") == "i will sue"


@pytest.mark.parametrize("text", [
    "你們再拖下去我就投訴到總公司",
    "我已經請好律師了，準備起訴你們",
    "再不處理我直接報警",
    "我會打電話給電視台，讓記者來拍",
    "我要去市場監管局舉報你們",
    "不退錢我就去消委會",            # Hong Kong Consumer Council
    "你們這樣我只能找消保官了",      # Taiwan consumer protection officer
    "我一定會提告",
    "我要向主管機關檢舉",
    "我會搵傳媒曝光你哋",            # written Cantonese
])
def test_traditional_and_regional_threats_count(text):
    assert is_threat(text), reasons(text)


@pytest.mark.parametrize("text", [
    "我不是要投訴，只是想問一下帳單",
    "我朋友說可以找律師，不過我不想搞那麼大",
    "我是律師事務所的會計，要開發票",
    "家裡的煙霧報警器一直響",
    "我在電視台上班，想訂一份便當",
    "上次說要投訴，後來你們已經退款了",
    "我唔會投訴你哋嘅，放心",
    "我看了一下，有些負評說味道重",
])
def test_traditional_calm_mentions_stay_calm(text):
    assert not is_threat(text), reasons(text)


def test_traditional_spans_and_sentence_are_the_original_characters():
    text = "你們再不處理，我就去消基會申訴"
    [hit] = [h for h in scan_text(text) if h.threat]
    assert hit.cue == "消基會" and text[hit.span[0]:hit.span[1]] == "消基會"
    assert hit.sentence == "我就去消基會申訴"


def test_traditional_call_alerts_and_evidence_quotes_the_original():
    conv = Conversation(id="t", utterances=[
        {"speaker": "agent", "start": 0.0, "end": 2.0, "text": "您好，請問有什麼可以幫您"},
        {"speaker": "customer", "start": 2.0, "end": 5.0, "text": "東西壞了三次，再不退我就投訴你們"}])
    finding = EscalationAnalyzer(opinion=None).analyze(conv).items["threat"]
    assert finding.value == 0.0
    [ev] = finding.evidence
    assert ev.text[ev.span[0]:ev.span[1]] == "投訴"


@pytest.mark.parametrize("text", [
    "再不退款我就 complain 你们，说到做到",
    "I will sue your company，证据我都有",
    "我已经联系了我的 lawyer，他会处理",
    "Let me speak to your manager，现在",
    "你去把你们 supervisor 叫来",
    "这个问题我要 escalate，你处理不了",
    "I'll post the photos on Weibo，让大家看看",
    "I'm going to leave a one-star review",
    "我会 report 你们到 consumer council",
    "你们再不处理 I will call the police",
    "Fine，那我们 see you in court",
])
def test_code_mixed_threats_count(text):
    assert is_threat(text), reasons(text)


@pytest.mark.parametrize("text", [
    "我不是要 complain，就是问一下运费",
    "I won't complain，下次注意就好",
    "my husband always complains that I order too much",
    "he said he would sue them，跟你们没关系",
    "can I file a complaint online 还是要打电话",
    "病历上 chief complaint 那一栏要填什么",
    "发到 complaints@example.com 就可以了是吗",
    "帮我给 Sue 订一束花，她过生日",
    "我是 project manager，想订二十把椅子",
    "我看到一个 bad review 说电池不耐用，是真的吗",
    "the police came about my neighbour's car，我想改一下送货时间",
    "我想导出上个月的 report",
])
def test_code_mixed_calm_mentions_stay_calm(text):
    assert not is_threat(text), reasons(text)


def test_code_mixed_span_is_the_english_word_in_the_original_case():
    text = "再这样我就 Complain 到 12315"
    hits = [h for h in scan_text(text) if h.threat]
    assert [h.cue for h in hits] == ["Complain", "12315"]
    assert text[hits[0].span[0]:hits[0].span[1]] == "Complain"


def test_the_public_converter_gives_the_same_table_for_the_cue_characters(monkeypatch):
    import sys

    from qa_engine.analyzers import _escalation_reading

    shipped = dict(_escalation_reading._script_table())
    monkeypatch.setattr(_escalation_reading, "_SCRIPT_TABLE", None)
    monkeypatch.setitem(sys.modules, "zhconv.zhconv", None)  # the internal module unavailable: the fallback runs
    fallback = _escalation_reading._script_table()
    assert len(fallback) < len(shipped)  # the fallback covers the basic CJK block only
    for ch in "訴舉師會報記者總評聞務檢經電視臺視":
        assert fallback.get(ord(ch)) == shipped.get(ord(ch)), ch

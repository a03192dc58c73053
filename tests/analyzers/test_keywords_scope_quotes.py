"""禁语 scope (rulebook 2026.11.9): 没办法 + a verb, quotations in punctuated text, the evidence cap."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers._scope import quoted
from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import parse_rulebook

_SPEAKERS = {"A": "agent", "C": "customer"}
DEFAULT = KeywordAnalyzer()


def conv(*lines: tuple[str, str]) -> Conversation:
    return Conversation(id="t", utterances=[
        Utterance(speaker=_SPEAKERS[spk], start=2.5 * i, end=2.5 * i + 2, text=text)
        for i, (spk, text) in enumerate(lines)])


def dismissive(text: str) -> float:
    return DEFAULT.analyze(conv(("C", "商家不给我退款"), ("A", text))).items["forbidden_dismissive"].value


@pytest.mark.parametrize("text", [
    "啊商家不愿意解决我们也没有办法先生好吧",   # a bare refusal (a dev line the reviewer flagged)
    "商家拒绝退款的话客服这边也没办法了先生",
    "对商家不愿意退款的话我们这边呢商家也没办法的先生",
    "这个我也没办法",
])
def test_bare_no_way_is_still_push_off(text: str) -> None:
    assert dismissive(text) == 0.0


@pytest.mark.parametrize("text", [
    "哦这边我也没有办法加您微信的女士",          # "unable to add you on WeChat": a limit, not a refusal
    "拍错了也没办法退换",
    "这个我们也没办法直接给您退款",             # an adverb before the verb
])
def test_no_way_followed_by_a_verb_states_a_limit(text: str) -> None:
    assert dismissive(text) == 1.0


def test_bare_scope_only_where_declared() -> None:
    text = 'version = "t"\n[[rules]]\nid = "r"\nkind = "forbidden"\nphrases = ["也没办法"]\n'
    plain = KeywordAnalyzer(parse_rulebook(tomllib.loads(text), source="rb.toml"))
    bare = KeywordAnalyzer(parse_rulebook(tomllib.loads(text + "scope = { bare = true }"), source="rb.toml"))
    call = conv(("A", "我也没办法加您微信"))
    assert plain.analyze(call).items["r"].value == 0.0
    assert bare.analyze(call).items["r"].value == 1.0


@pytest.mark.parametrize(("text", "phrase", "inside"), [
    ("携程回复说：＂打了电话去酒店，酒店是这个规定，我们也没办法！＂", "也没办法", True),
    ("结果前台小姐说什么，说：我们也没有办法。", "也没有办法", True),
    ('前台的服务人员竟然说"谁让你们总是一天一天的延住的!"', "谁让你", True),
    ("他骂“你妈的”然后走了", "你妈", True),
    ("只想送你三个字“滚犊子”知道吗", "滚", False),     # the writer's own words in quotes
    ("和总台交涉，“我也没有办法”", "也没有办法", False),  # no speech verb opens it
    ('他说"好的"，我也没办法', "也没办法", False),       # the quotation closed before the hit
    ("他说：好的。我也没办法", "也没办法", False),        # a new sentence
    ("我也没办法", "也没办法", False),
])
def test_quotation_opened_by_a_speech_verb(text: str, phrase: str, inside: bool) -> None:
    assert quoted(text, text.index(phrase)) is inside


def test_quoted_dismissal_in_a_chat_is_reported_speech() -> None:
    assert dismissive("您反馈的是前台说：我们也没有办法，对吗？这边帮您记录") == 1.0
    assert dismissive("前台的态度我们了解了。我们也没有办法") == 0.0


def test_evidence_cap_keeps_every_hit_utterance() -> None:
    text = 'version = "t"\n[[rules]]\nid = "r"\nkind = "forbidden"\nphrases = ["滚"]\n'
    analyzer = KeywordAnalyzer(parse_rulebook(tomllib.loads(text), source="rb.toml"))
    call = conv(("A", "滚" * 12), ("C", "你说什么"), ("A", "没什么"), ("C", "嗯"), ("A", "你滚"))
    f = analyzer.analyze(call).items["r"]
    assert f.value == 0.0
    assert len(f.detail["hits"]) == 10 and f.detail["hits_total"] == 13
    assert {h["utterance"] for h in f.detail["hits"]} == {0, 4}   # before: ten hits of line 0 only
    assert [e.utterance for e in f.evidence].count(4) == 1


@pytest.mark.parametrize(("text", "value"), [
    # the agent records or reports first, then explains the limit: still acting
    ("那关于商家餐品不新鲜问题我会帮您记录及反馈的那关于这个退款问题的话建议您与商家联系沟通好吧", 1.0),
    ("这个商家的问题我会帮您进行投诉反馈那关于这个补偿的话我这边只能是建议您与商家联系沟通", 1.0),
    # a negated act is no act (a dev line the reviewer flagged)
    ("这边的话我们客服确实无法帮您申请到所以说建议您与商家联系进行沟通", 0.0),
    ("我这边没办法给您记录所以建议您与商家联系沟通", 0.0),
    ("建议您与商家联系沟通", 0.0),
])
def test_dismissive_not_preceded_by_an_act(text: str, value: float) -> None:
    assert dismissive(text) == value


def test_not_preceded_by_is_declared_and_inherited_by_groups() -> None:
    text = ('version = "t"\n[[rules]]\nid = "r"\nkind = "forbidden"\nnot_preceded_by = ["帮您记录"]\n'
            'preceded_within = 6\n[[rules.groups]]\nphrases = ["联系商家"]\n')
    analyzer = KeywordAnalyzer(parse_rulebook(tomllib.loads(text), source="rb.toml"))
    assert analyzer.analyze(conv(("A", "我帮您记录您联系商家"))).items["r"].value == 1.0
    assert analyzer.analyze(conv(("A", "我帮您记录了然后呢您自己联系商家"))).items["r"].value == 0.0  # too far
    assert analyzer.analyze(conv(("A", "我帮您记录"), ("A", "您联系商家"))).items["r"].value == 0.0  # other line


def test_restatement_tag_echo_is_off_by_default_and_needs_shared_words() -> None:
    from qa_engine.analyzers.service_acts import build_detector

    texts = ["我打电话给在线客服一直联系不上", "嗯在线客服联系不上是吗", "嗯", "那您的手机号码是吗"]
    roles = ["customer", "agent", "customer", "agent"]
    options = {"tags": ["是吗"], "topics": ["头发"], "logistics": ["手机"]}
    off = build_detector("restatement", options)
    assert off.find(texts, [1, 3], roles) == []            # no listed topic: nothing, as shipped
    on = build_detector("restatement", {**options, "tag_echo_bigrams": 3})
    hits = on.find(texts, [1, 3], roles)
    assert [h.utterance for h in hits] == [1]              # echoes 在线/线客/客服/联系/系不 + 是吗; not the phone check
    assert "echoes the customer" in hits[0].note
    assert build_detector("restatement", {**options, "tag_echo_bigrams": 9}).find(texts, [1, 3], roles) == []

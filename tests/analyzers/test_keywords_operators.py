"""Every rule operator of the keyword analyzer, on small rulebooks and hand-built calls."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.findings import Analyzer, Finding
from qa_engine.rulebook import parse_rulebook

_SPEAKERS = {"A": "agent", "C": "customer", "U": "unknown"}


def conv(*lines: tuple, channel: str = "phone") -> Conversation:
    """Lines are (speaker A/C/U, text[, {start, end, conf}]); times default to 2 s turns."""
    utts, t = [], 0.0
    for spk, text, *rest in lines:
        opts = rest[0] if rest else {}
        start = opts.get("start", t)
        end = opts.get("end", start + 2.0)
        utts.append(Utterance(speaker=_SPEAKERS[spk], start=start, end=end, text=text,
                              confidence=opts.get("conf")))
        t = end + 0.5
    return Conversation(id="t", channel=channel, utterances=utts)


def analyzer(rules: str, head: str = "") -> KeywordAnalyzer:
    return KeywordAnalyzer(parse_rulebook(tomllib.loads(f'version = "test-1"\n{head}\n{rules}')))


def check(rules: str, c: Conversation, head: str = "", rule_id: str = "r") -> Finding:
    return analyzer(rules, head).analyze(c).items[rule_id]


def assert_spans_exact(c: Conversation, f: Finding) -> None:
    for ev in f.evidence:
        if ev.span is not None:
            s, e = ev.span
            assert c.utterances[ev.utterance].text[s:e] == ev.text


REQ = '[[rules]]\nid = "r"\nkind = "required"\n'
FORB = '[[rules]]\nid = "r"\nkind = "forbidden"\n'


# ------------------------------------------------------------------ contract and shape


def test_keywords_findings_shape_and_contract() -> None:
    a = analyzer(REQ + 'phrases = ["您好"]\n')
    assert isinstance(a, Analyzer)
    assert a.name == "keywords" and a.version == "test-1" and a.produces == {"r"}
    found = a.analyze(conv(("A", "您好，请讲"), ("C", "你好")))
    assert found.analyzer == "keywords" and found.version == "test-1"
    f = found.items["r"]
    assert f.value == 1.0
    ev = f.evidence[0]
    assert (ev.utterance, ev.span, ev.text, ev.start, ev.end) == (0, (0, 2), "您好", 0.0, 2.0)
    d = f.detail
    assert d["rule_id"] == "r" and d["rule_version"] == 1 and d["rulebook_version"] == "test-1"
    assert d["kind"] == "required" and d["matched_phrase"] == "您好" and d["match_mode"] == "exact"
    assert d["windows"] == {}  # windows are cited for what was not found


def test_keywords_miss_cites_the_searched_window() -> None:
    f = check(REQ + 'phrases = ["再见"]\nwindow = { last_utterances = 2 }\n',
              conv(("A", "您好"), ("C", "嗯"), ("A", "好的"), ("A", "拜拜")))
    assert f.value == 0.0
    (ev,) = f.evidence
    # A miss is nowhere: no utterance to point at (not a false anchor at the window's start);
    # the note says what was looked for and where.
    assert ev.utterance is None and ev.span is None and (ev.start, ev.end) == (5.0, 9.5)
    assert "agent utterances 2–3" in ev.note and "再见" in ev.note
    assert f.detail["windows"]["r"]["utterances"] == [2, 3]
    assert f.detail["matched_phrase"] is None


# ------------------------------------------------------------------ roles and windows


def test_keywords_role_restricts_who_must_say_it() -> None:
    c = conv(("C", "您好"), ("A", "请讲"))
    assert check(REQ + 'phrases = ["您好"]\n', c).value == 0.0
    assert check(REQ + 'phrases = ["您好"]\nrole = "customer"\n', c).value == 1.0
    assert check(REQ + 'phrases = ["您好"]\nrole = "any"\n', c).value == 1.0


def test_keywords_window_first_utterances_counts_the_roles_utterances() -> None:
    rules = REQ + 'phrases = ["您好"]\nwindow = { first_utterances = 2 }\n'
    # customer lines do not use up the agent's window
    assert check(rules, conv(("A", "喂"), ("C", "喂"), ("C", "在吗"), ("A", "您好"))).value == 1.0
    assert check(rules, conv(("A", "喂"), ("A", "在的"), ("A", "您好"))).value == 0.0


def test_keywords_window_seconds_from_start_and_end() -> None:
    first = REQ + 'phrases = ["您好"]\nwindow = { first_seconds = 15 }\n'
    assert check(first, conv(("A", "您好", {"start": 14.0}))).value == 1.0
    assert check(first, conv(("A", "喂"), ("A", "您好", {"start": 16.0}))).value == 0.0
    last = REQ + 'phrases = ["再见"]\nwindow = { last_seconds = 10 }\n'
    assert check(last, conv(("A", "再见", {"start": 0, "end": 2}), ("C", "嗯", {"start": 20, "end": 30}))).value == 0.0
    assert check(last, conv(("A", "嗯", {"start": 0, "end": 2}), ("A", "再见", {"start": 21, "end": 23}),
                            ("C", "拜", {"start": 23, "end": 30}))).value == 1.0


def test_keywords_window_last_utterances() -> None:
    rules = REQ + 'phrases = ["还有什么可以帮您"]\nwindow = { last_utterances = 1 }\n'
    assert check(rules, conv(("A", "还有什么可以帮您"), ("A", "再见"))).value == 0.0
    assert check(rules, conv(("A", "再见"), ("A", "还有什么可以帮您？"), ("C", "没了"))).value == 1.0


# ------------------------------------------------------------------ order


ANCHORS = ('[anchors.complaint]\nrole = "customer"\nphrases = ["投诉"]\n'
           '[anchors.closing]\nrole = "agent"\nphrases = ["再见"]\n')


def test_keywords_order_after_anchor_with_within() -> None:
    rules = REQ + 'phrases = ["抱歉"]\nafter = "complaint"\nwithin = 2\n'
    before = conv(("A", "抱歉"), ("C", "我要投诉"), ("A", "好的"))
    assert check(rules, before, ANCHORS).value == 0.0
    soon = conv(("C", "我要投诉"), ("A", "好的"), ("A", "非常抱歉"))
    f = check(rules, soon, ANCHORS)
    assert f.value == 1.0 and f.evidence[0].utterance == 2
    late = conv(("C", "我要投诉"), ("A", "好的"), ("A", "嗯"), ("A", "抱歉"))
    f = check(rules, late, ANCHORS)
    assert f.value == 0.0 and f.detail["windows"]["r"]["utterances"] == [1, 2]


def test_keywords_order_before_anchor_uses_positions_within_an_utterance() -> None:
    rules = REQ + 'phrases = ["确认一下"]\nbefore = "closing"\n'
    assert check(rules, conv(("A", "我确认一下"), ("A", "再见")), ANCHORS).value == 1.0
    assert check(rules, conv(("A", "再见"), ("A", "我确认一下")), ANCHORS).value == 0.0
    assert check(rules, conv(("A", "好的我确认一下，再见")), ANCHORS).value == 1.0
    assert check(rules, conv(("A", "再见，我确认一下")), ANCHORS).value == 0.0
    # no closing at all: the order constraint does not restrict, and says so
    f = check(rules, conv(("A", "我确认一下")), ANCHORS)
    assert f.value == 1.0 and "not found" in f.detail["notes"][0]


# ------------------------------------------------------------------ quantifiers


GROUPS = ('groups = [{ id = "a", phrases = ["手机尾号"] }, { id = "b", phrases = ["身份证"] }, '
          '{ id = "c", phrases = ["验证码"] }]\n')


@pytest.mark.parametrize(("quantifier", "said", "expected"), [
    ('quantifier = "any"', ["手机尾号"], 1.0),
    ('quantifier = "any"', ["嗯"], 0.0),
    ('quantifier = "all"', ["手机尾号", "身份证", "验证码"], 1.0),
    ('quantifier = "all"', ["手机尾号", "验证码"], 0.0),
    ('quantifier = "at_least"\nat_least = 2', ["手机尾号", "验证码"], 1.0),
    ('quantifier = "at_least"\nat_least = 2', ["验证码", "验证码"], 0.0),
    ('quantifier = "none"', ["好的"], 1.0),
    ('quantifier = "none"', ["身份证"], 0.0),
])
def test_keywords_quantifiers_over_groups(quantifier: str, said: list[str], expected: float) -> None:
    f = check(REQ + f"{quantifier}\n" + GROUPS, conv(*[("A", s) for s in said]))
    assert f.value == expected


def test_keywords_quantifier_miss_lists_each_missing_group() -> None:
    f = check(REQ + 'quantifier = "all"\n' + GROUPS, conv(("A", "请说手机尾号")))
    assert f.value == 0.0
    notes = [ev.note for ev in f.evidence]
    # The group that matched is not the act: kept in detail, not cited as evidence of a miss
    # (a missed 自报工号 must not cite 十一 from 双十一).
    assert not any(ev.text for ev in f.evidence)
    assert [h["text"] for h in f.detail["partial_hits"]] == ["手机尾号"]
    assert any(n.startswith("r.b:") for n in notes) and any(n.startswith("r.c:") for n in notes)


def test_keywords_same_utterance_requires_cooccurrence() -> None:
    rules = (REQ + 'quantifier = "all"\nsame_utterance = true\n'
             'groups = [{ phrases = ["工号"] }, { regex = ["[0-9]{3,}"] }]\n')
    assert check(rules, conv(("A", "我的工号是1024"))).value == 1.0
    assert check(rules, conv(("A", "我的工号是"), ("A", "1024"))).value == 0.0
    no_same = rules.replace("same_utterance = true\n", "")
    assert check(no_same, conv(("A", "我的工号是"), ("A", "1024"))).value == 1.0


# ------------------------------------------------------------------ phrases, synonyms, regex, exclusions


def test_keywords_synonyms_expand_a_phrase() -> None:
    rules = REQ + 'phrases = ["再见"]\n'
    c = conv(("A", "拜拜啦"))
    assert check(rules, c).value == 0.0
    f = check(rules, c, head='[synonyms]\n"再见" = ["拜拜"]\n')
    assert f.value == 1.0
    assert f.detail["hits"][0]["phrase"] == "拜拜" and f.detail["hits"][0]["canonical"] == "再见"
    assert f.evidence[0].text == "拜拜"


def test_keywords_regex_runs_on_normalised_text_with_original_spans() -> None:
    rules = REQ + 'regex = ["工号[0-9]{4}"]\n'
    c = conv(("A", "您好，工號：１０２４，为您服务"))
    f = check(rules, c)
    assert f.value == 1.0
    assert f.evidence[0].text == "工號：１０２４"
    assert f.detail["match_mode"] == "regex"
    assert_spans_exact(c, f)
    assert check(rules, conv(("A", "工号"), ("A", "1024"))).value == 0.0  # never across utterances


def test_keywords_exclusions_overlap_scope() -> None:
    rules = FORB + 'phrases = ["不知道"]\nexclusions = ["不知道您", "不知道是否"]\n'
    assert check(rules, conv(("A", "不知道您还有什么问题"))).value == 1.0
    assert check(rules, conv(("A", "不知道是否方便"))).value == 1.0
    # an exclusion elsewhere in the utterance does not excuse a genuine hit
    f = check(rules, conv(("A", "这个我不知道，不知道您听明白没有")))
    assert f.value == 0.0 and len(f.detail["hits"]) == 1 and f.evidence[0].span == (3, 6)


def test_keywords_exclusions_utterance_scope() -> None:
    rules = FORB + 'phrases = ["不知道"]\nexclusions = ["您"]\nexclusion_scope = "utterance"\n'
    assert check(rules, conv(("A", "这个我不知道，不知道您听明白没有"))).value == 1.0
    assert check(rules, conv(("A", "这个我不知道"))).value == 0.0


def test_keywords_forbidden_single_character_with_exclusions() -> None:
    rules = FORB + 'phrases = ["滚"]\nexclusions = ["滚动", "滚筒"]\n'
    assert check(rules, conv(("A", "页面往下滚动一下，洗衣机滚筒"))).value == 1.0
    assert check(rules, conv(("A", "你给我滚"))).value == 0.0


def test_keywords_forbidden_reports_every_hit() -> None:
    c = conv(("A", "不知道"), ("C", "啊？"), ("A", "我真不知道"))
    f = check(FORB + 'phrases = ["不知道"]\n', c)
    assert f.value == 0.0
    assert [ev.utterance for ev in f.evidence] == [0, 2]
    assert_spans_exact(c, f)


# ------------------------------------------------------------------ tolerance


def test_keywords_tolerance_modes() -> None:
    c = conv(("A", "您号，公号1024"))
    exact = REQ + 'phrases = ["您好"]\ntolerance = "exact"\n'
    pinyin = REQ + 'phrases = ["您好"]\ntolerance = "pinyin"\n'
    assert check(exact, c).value == 0.0
    f = check(pinyin, c)
    assert f.value == 1.0 and f.detail["match_mode"] == "pinyin" and f.evidence[0].text == "您号"
    # zh/z confusion needs fuzzy_pinyin
    c2 = conv(("A", "我资道了"))
    assert check(REQ + 'phrases = ["知道"]\n', c2).value == 0.0
    f = check(REQ + 'phrases = ["知道"]\ntolerance = "fuzzy_pinyin"\n', c2)
    assert f.value == 1.0 and f.detail["match_mode"] == "fuzzy_pinyin"
    # an exact hit under a tolerant rule is reported as exact
    f = check(REQ + 'phrases = ["知道"]\ntolerance = "fuzzy_pinyin"\n', conv(("A", "知道了")))
    assert f.detail["match_mode"] == "exact"


def test_keywords_default_tolerance_pinyin_for_required_exact_for_forbidden() -> None:
    c = conv(("A", "在见"))
    assert check(REQ + 'phrases = ["再见"]\n', c).value == 1.0
    assert check(FORB + 'phrases = ["再见"]\n', c).value == 1.0


def test_keywords_normalisation_full_width_traditional_punctuation() -> None:
    c = conv(("A", "請問還有什麼可以幫您？"), ("A", "ＯＫ，再、見！"))
    f1 = check(REQ + 'phrases = ["还有什么可以帮您"]\n', c)
    f2 = check(REQ + 'phrases = ["再见"]\n', c)
    f3 = check(REQ + 'phrases = ["ok"]\n', c)
    for f in (f1, f2, f3):
        assert f.value == 1.0
        assert_spans_exact(c, f)
    assert f1.evidence[0].text == "還有什麼可以幫您"
    assert f2.evidence[0].text == "再、見"
    assert f3.evidence[0].text == "ＯＫ"


# ------------------------------------------------------------------ preconditions and N/A


def test_keywords_precondition_makes_rule_not_applicable() -> None:
    rules = REQ + 'phrases = ["抱歉"]\nwhen = ["complaint"]\n'
    f = check(rules, conv(("C", "查一下话费"), ("A", "好的")), ANCHORS)
    assert f.value is None and "complaint" in f.na_reason
    assert check(rules, conv(("C", "我要投诉"), ("A", "好的")), ANCHORS).value == 0.0


def test_keywords_role_without_speech_is_not_applicable() -> None:
    rules = REQ + 'phrases = ["您好"]\n'
    f = check(rules, conv(("C", "喂？"), ("U", "您好")))
    assert f.value is None and f.na_reason == "no agent speech"
    f = check(rules, conv(("A", "  "), ("C", "喂")))
    assert f.value is None
    f = check(REQ + 'phrases = ["您好"]\nrole = "any"\n', Conversation(id="empty"))
    assert f.value is None and f.na_reason == "no speech"
    f = check(FORB + 'phrases = ["不知道"]\n', Conversation(id="empty"))
    assert f.value is None  # an empty call is not a clean call


def test_keywords_channels_restrict_a_rule() -> None:
    rules = REQ + 'phrases = ["您好"]\nchannels = ["phone"]\n'
    f = check(rules, conv(("A", "在的"), channel="chat"))
    assert f.value is None and "chat" in f.na_reason
    assert check(rules, conv(("A", "在的"))).value == 0.0


# ------------------------------------------------------------------ silences


HOLD = REQ + 'phrases = ["请稍等"]\ngap = { min_seconds = 10, side = "before", within = 2 }\n'
THANKS = REQ + 'phrases = ["感谢您的耐心等待"]\ngap = { min_seconds = 10, side = "after", within = 2 }\n'


def test_keywords_gap_rules_not_applicable_without_a_long_silence() -> None:
    c = conv(("A", "好的", {"start": 0, "end": 2}), ("A", "查到了", {"start": 11, "end": 12}))
    assert check(HOLD, c).na_reason == "no silence longer than 10 s"
    assert check(THANKS, c).value is None


def test_keywords_gap_must_be_announced_before() -> None:
    ok = conv(("A", "请稍等，我查一下", {"start": 0, "end": 2}), ("C", "好", {"start": 2, "end": 3}),
              ("A", "查到了", {"start": 15, "end": 16}))
    f = check(HOLD, ok)
    assert f.value == 1.0 and f.detail["gaps"][0]["compliant"] and f.detail["gaps"][0]["seconds"] == 12.0
    bad = conv(("A", "请稍等", {"start": 0, "end": 2}), ("A", "嗯", {"start": 2, "end": 3}),
               ("A", "我看看", {"start": 3, "end": 4}), ("A", "查到了", {"start": 20, "end": 21}))
    f = check(HOLD, bad)  # 请稍等 is 3 agent utterances before the silence, outside within = 2
    assert f.value == 0.0
    (ev,) = f.evidence
    assert (ev.utterance, ev.start, ev.end) == (3, 4.0, 20.0) and "16.0 s silence" in ev.note


def test_keywords_gap_thanks_after_each_silence() -> None:
    c = conv(("A", "请稍等", {"start": 0, "end": 2}), ("A", "感谢您的耐心等待", {"start": 15, "end": 17}),
             ("A", "再稍等", {"start": 17, "end": 18}), ("A", "好了", {"start": 40, "end": 41}))
    f = check(THANKS, c)
    assert f.value == 0.0  # the second silence was not thanked
    assert [g["compliant"] for g in f.detail["gaps"]] == [True, False]
    assert f.evidence[0].text == "感谢您的耐心等待"


def test_keywords_gap_uses_the_latest_end_for_overlapping_speech() -> None:
    c = conv(("A", "嗯", {"start": 0, "end": 20}), ("C", "好", {"start": 5, "end": 6}),
             ("A", "查到了", {"start": 21, "end": 22}))
    assert check(HOLD, c).value is None


def test_keywords_groups_inherit_rule_settings_and_override_them() -> None:
    rules = (REQ + 'after = "complaint"\nquantifier = "all"\n'
             'groups = [{ id = "sorry", phrases = ["抱歉"], within = 1 }, '
             '{ id = "calm", role = "customer", phrases = ["好吧"] }]\n')
    ok = conv(("C", "我要投诉"), ("A", "非常抱歉"), ("C", "好吧"))
    f = check(rules, ok, ANCHORS)
    assert f.value == 1.0 and {h["group"] for h in f.detail["hits"]} == {"r.sorry", "r.calm"}
    late = conv(("C", "我要投诉"), ("A", "嗯"), ("A", "抱歉"), ("C", "好吧"))
    f = check(rules, late, ANCHORS)  # the apology is outside within = 1 inherited order
    assert f.value == 0.0 and set(f.detail["windows"]) == {"r.sorry"}
    early = conv(("C", "好吧"), ("C", "我要投诉"), ("A", "抱歉"))
    assert check(rules, early, ANCHORS).value == 0.0  # the customer's 好吧 came before the anchor


def test_keywords_anchor_window_limits_where_it_counts() -> None:
    head = '[anchors.opening_complaint]\nrole = "customer"\nphrases = ["投诉"]\nwindow = { first_utterances = 1 }\n'
    rules = REQ + 'phrases = ["抱歉"]\nwhen = ["opening_complaint"]\n'
    assert check(rules, conv(("C", "喂"), ("C", "我要投诉"), ("A", "好")), head).value is None
    assert check(rules, conv(("C", "我要投诉"), ("A", "好")), head).value == 0.0

"""Service-act detectors, preconditions, truncation, scope and ASR tolerance in the keyword stage."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import build_detector
from qa_engine.conversation import Conversation, Utterance
from qa_engine.errors import ConfigError, UnknownNameError
from tests.analyzers.test_keywords_operators import analyzer, check, conv

REQ = '[[rules]]\nid = "r"\nkind = "required"\n'
FORB = '[[rules]]\nid = "r"\nkind = "forbidden"\n'
TAGS = '''[detectors.restatement]
tags = ["是吗", "对吗", "是吧", "对吧"]
topics = ["头发", "变质", "退"]
logistics = ["订单", "尾号"]
proposals = ["可以吗", "您看"]
open_questions = ["什么", "哪"]
'''


def untimed(*lines: tuple[str, str]) -> Conversation:
    return Conversation(id="u", utterances=[Utterance(speaker={"A": "agent", "C": "customer"}[s], text=t)
                                            for s, t in lines])


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ restatement detector

@pytest.mark.parametrize(("lines", "expected"), [
    ([("C", "我的饭里有根头发"), ("A", "餐品中有头发对吗")], 1.0),      # restated + tag question
    ([("C", "牛奶好像坏了"), ("A", "就是说变质了是吗")], 1.0),
    ([("C", "这个奶我要退"), ("A", "您是要求把这个牛奶退掉是吧先生")], 1.0),
    ([("C", "吃出头发了"), ("A", "头发吗先生")], 1.0),                  # a short echo checks by itself
    ([("C", "我要查订单"), ("A", "是尾号一二三四的订单对吗")], 0.0),   # only the order
    ([("C", "饭里有头发"), ("A", "您看给您退款可以吗")], 0.0),          # a proposal, not a check
    ([("C", "饭里有头发"), ("A", "好的我帮您处理")], 0.0),
])
def test_restatement_detector_confirms_need(lines, expected):
    f = check(REQ + 'detector = "restatement"\n', conv(*lines), head=TAGS)
    assert f.value == expected
    if expected:
        (ev,) = [e for e in f.evidence if e.text]
        assert ev.utterance == 1 and "restatement.v1" in ev.note
        assert conv(*lines).utterances[1].text[slice(*ev.span)] == ev.text


@pytest.mark.parametrize(("line", "expected"), [
    ("那就是饭送晚了一个小时是吧", 1.0),   # a restatement frame + tag, a topic no list names (2026.11.6)
    ("你要换一份是吧", 1.0),
    ("您是觉得骑手态度不好是吗", 1.0),
    ("您是要本机号码来电的是吗", 0.0),     # the phone number only
    ("您想什么时候送到是吗", 0.0),         # an open question
    ("就是您之前有跟商家沟通过是吗", 0.0),  # what the customer did before, not the need
])
def test_default_confirm_need_takes_restatement_frames_with_a_tag(default, line, expected):
    c = conv(("A", "您好请问有什么可以帮您"), ("C", "我点的外卖有问题"), ("A", line), ("C", "嗯"),
             ("A", "好的我帮您处理"))
    f = default.analyze(c).items["confirm_need"]
    assert f.value == expected
    if expected:
        assert f.detail["hits"][0]["mode"] == "regex"


def test_default_confirm_need_ignores_understanding_without_restatement(default):
    c = conv(("C", "我要退款"), ("A", "我明白您的意思是这样"), ("A", "好的"))
    assert default.analyze(c).items["confirm_need"].value == 0.0


# ------------------------------------------------------------------ confirm-need model

def test_need_check_model_finds_a_restatement_no_pattern_lists(default):
    # No listed phrase, regex or restatement topic: the colours are only the customer's words.
    lines = [("A", "您好请问有什么可以帮您"), ("C", "柚子里面有红的还有白的"),
             ("A", "柚子里面有红的还有白的是吗"), ("C", "对"), ("A", "好的我帮您处理")]
    f = default.analyze(conv(*lines)).items["confirm_need"]
    assert f.value == 1.0
    (hit,) = f.detail["hits"]
    assert hit["utterance"] == 2 and hit["mode"] == "model:confirm_need.v2" and hit["probability"] > 0.8


def test_need_check_model_names_model_and_probability():
    det = build_detector("need_check", {})
    texts = ["我点的外卖里面吃出来一根头发", "您是在餐品里面吃出了头发对吗", "对", "好的我帮您核实一下"]
    roles = ["customer", "agent", "customer", "agent"]
    hits = det.find(texts, [1, 3], roles, 0.0)
    by_utt = {h.utterance: h for h in hits}
    assert by_utt[1].probability > 0.8 > by_utt[3].probability   # a promise to check is not one
    assert "confirm_need.v2" in by_utt[1].note and by_utt[1].end == len(texts[1])
    assert det.find(texts, [1, 3], roles, 0.8) == [by_utt[1]]
    assert det.find(texts, [0], roles, 0.0) == []                 # customer lines are not scored


def test_need_check_inputs_mark_context_the_model_reads():
    from qa_engine.analyzers.service_acts import need_check_inputs

    texts = ["您好看到您反馈异物是吗", "我的饭里有头发", "饭里有头发是吧", "好的我帮您处理"]
    roles = ["agent", "customer", "agent", "agent"]
    first, echo, plain = need_check_inputs(texts, roles, [0, 2, 3])
    assert first.startswith("您好看到您反馈异物是吗※ⓉⒷ␟异物是吗¶")  # tag question, before the customer spoke
    assert echo.startswith("饭里有头发是吧※ⓄⓄⓄⓉ␟")               # shares 饭里, 里有, 有头, 头发 (capped at 3)
    assert plain.startswith("好的我帮您处理※␟帮您处理¶")
    assert "|头发|" in echo.partition("¶")[2]                      # jieba words after ¶


def test_need_check_inputs_mark_a_check_the_customer_answers_yes():
    from qa_engine.analyzers.service_acts import need_check_inputs

    texts = ["我的饭里有头发", "饭里有头发是吧", "对对对", "您稍等", "嗯", "饭里有头发是吧", "不是是虫子"]
    roles = ["customer", "agent", "customer", "agent", "customer", "agent", "customer"]
    answered, hold, unanswered = need_check_inputs(texts, roles, [1, 3, 5])
    assert "Ⓨ" in answered.partition("␟")[0]
    assert "Ⓨ" not in hold and "Ⓨ" not in unanswered              # 嗯 is no yes; 不是 denies


def test_need_check_model_threshold_comes_from_the_rulebook():
    body = REQ + 'detector = "need_check"\nmin_probability = 0.999\n'
    lines = [("C", "我点的外卖里面吃出来一根头发"), ("A", "好的我帮您核实一下")]
    assert check(body, conv(*lines)).value == 0.0


def test_detector_options_are_validated_with_the_bad_key():
    with pytest.raises(ConfigError, match="restatement: tags"):
        build_detector("restatement", {"topics": ["x"], "tagz": []})
    with pytest.raises(UnknownNameError, match="restatment"):
        analyzer(REQ + 'detector = "restatment"\n')


# ------------------------------------------------------------------ apology: applicability and scope

def test_apology_due_from_the_problem_report_model_names_model_and_probability(default):
    c = conv(("C", "我今天点的外卖里面吃出了一只虫子"), ("A", "非常抱歉给您带来不好的体验"))
    f = default.analyze(c).items["apology_on_complaint"]
    assert f.value == 1.0
    pre = f.detail["preconditions"][0]
    assert pre["mode"] == "model:problem_report.v2" and 0.5 <= pre["probability"] <= 1.0
    assert any("problem_report.v2 P=" in (e.note or "") for e in f.evidence)


def test_apology_for_the_wait_is_not_an_apology_for_the_problem(default):
    c = conv(("C", "我吃出头发了"), ("A", "您稍等"), ("A", "抱歉让您久等了先生"), ("A", "商家同意退款"))
    assert default.analyze(c).items["apology_on_complaint"].value == 0.0
    c2 = conv(("C", "我吃出头发了"), ("A", "不好意思久等了"), ("A", "确实给您添麻烦了"))
    assert default.analyze(c2).items["apology_on_complaint"].value == 1.0


def test_apology_counts_before_the_customer_repeats_the_problem(default):
    c = conv(("A", "您好看到您反馈餐品有异物非常抱歉"), ("C", "对里面有头发"), ("A", "我帮您处理"))
    assert default.analyze(c).items["apology_on_complaint"].value == 1.0


def test_apology_not_due_for_a_merchant_or_without_a_problem(default):
    shop = conv(("A", "您好美团外卖商家客服"), ("C", "我们店有个订单顾客说吃出头发要退款"), ("A", "好的"))
    f = default.analyze(shop).items["apology_on_complaint"]
    assert f.value is None and "merchant" in f.na_reason
    calm = conv(("C", "帮我查下话费"), ("A", "好的"))
    assert default.analyze(calm).items["apology_on_complaint"].value is None


def test_apology_is_exact_so_a_lookalike_does_not_pass(default):
    c = conv(("C", "我吃出头发了"), ("A", "前一个订单我看了"), ("A", "好的"))
    assert default.analyze(c).items["apology_on_complaint"].value == 0.0


# ------------------------------------------------------------------ 禁语 scope

@pytest.mark.parametrize(("text", "value"), [
    ("这个我可以保证", 0.0),
    ("我保证明天到账", 0.0),
    ("为了保证咱们用户信息安全需要核实一下", 1.0),   # 保证 = ensure
    ("这个我们无法给您保证", 1.0),                   # negated
    ("这个不太能保证", 1.0),
    ("绝对不会泄露您的隐私", 1.0),                   # conduct, not an outcome
    ("商家说保证明天送到", 1.0),                     # reported speech
    ("我们会核查以保证美团给用户提供优质的服务", 1.0),  # 保证 = ensure, not after 我/可以/给您
    ("服务问题是我们的底线是绝对不会姑息纵容的", 1.0),  # conduct, not an outcome
    ("绝对不会偏袒任何一个商家", 1.0),
    ("您放心肯定给您全额退的", 0.0),                 # an outcome the merchant decides
    ("百分百给您处理好", 0.0),
    ("我们肯定会帮您解决这个问题的", 1.0),           # a service commitment, not a guarantee
    ("您的退款会在审核通过后原路返回", 1.0),          # approval as a condition (2026.11.5)
    ("审核通过的话一般两天就能到账", 1.0),
    ("放心这个肯定会审核通过的", 0.0),                # approval promised
    ("如符合审核通过的条件内容会显示在页面中", 1.0),  # a condition, no certainty word
    ("您的问题已记录并转派给专人核查", 1.0),          # routing a ticket is the agent's own step
    ("我们马上会派工作人员去商家那边检查", 0.0),      # an inspection of the merchant promised
    # 2026.11.6: 没问题 as "sure"; the agent's own conduct towards the customer's data or phone
    ("可以可以肯定没问题", 1.0),
    ("您明天再打过来一定没问题的", 1.0),
    ("百分之百没问题", 0.0),
    ("我们绝对不会再给您打电话打扰您", 1.0),
    ("绝对不会把您的号码给商家", 1.0),
    ("您放心女士绝对不会跑的", 0.0),                  # the refund promised
    # 2026.11.7: 保证 = ensure in a purpose or question; 绝对不会 + the speaker's own choice
    ("需要按这个流程操作才能保证退款顺利", 1.0),
    ("难道这样就能保证卫生吗", 1.0),
    ("我绝对不会再来这家了", 1.0),
    ("这种情况以后绝对不会再发生", 0.0),              # an outcome still promised
    ("这种情况绝对不会再次发生", 0.0),
    ("我绝对不会再次入住这家", 1.0),
    ("我可以保证明天送到", 0.0),
])
def test_overpromise_scope(default, text, value):
    assert default.analyze(conv(("A", text))).items["forbidden_promise"].value == value


@pytest.mark.parametrize(("text", "value"), [
    ("我们也是没有办法的", 0.0),
    ("我只是一个小小的客服", 0.0),
    ("建议您自行联系一下商家", 0.0),
    ("您可以把有问题的商品拿给商家", 0.0),
    ("商家表示他不知道", 1.0),                        # reporting the merchant
    ("我这边帮您联系一下商家", 1.0),                  # the agent acts
    ("我的权限有限没办法了我帮您升级到专员处理", 1.0),  # a limit explained while acting
    ("这个我们也是没办法的呢", 0.0),                  # a refusal that ends the line
    ("你自己去跟商家说吧", 0.0),
    ("这个事情不归我们管", 0.0),
    ("我就是一个普通的客服", 0.0),
    ("因为我这边没有办法", 1.0),                      # no 也/确实: a fragment, not a refusal
    ("我们也没有办法联系到这个商家我帮您再打一次", 1.0),
    ("并不是我们没办法", 1.0),                        # negated
    # 2026.11.5: advice without a subject, 协调, and not negated by 不用
    ("辛苦自行联系一下商家处理哦", 0.0),
    ("这个建议自行跟商家沟通吧", 0.0),
    ("这边还是建议您和店家协调一下", 0.0),
    ("建议您先联系商家协调", 0.0),
    ("您不用自己联系商家我这边来处理", 1.0),          # negated: the agent takes it over
    ("您是说商家让您自己去联系商家是吗", 1.0),        # quoting the customer back
    ("我这边还是跟商家协商一下", 1.0),                # the agent acts, no advice
    ("我只是一个建议您看看能不能接受", 1.0),          # 我只是一个 alone is not 小客服
    # 2026.11.6: asking what the customer did; 不知道 followed by the agent checking
    ("您联系商家了吗", 1.0),
    ("您自己联系过商家吗", 1.0),
    ("您联系商家的时候商家怎么说的", 1.0),
    ("您联系商家吧", 0.0),                            # advice stays 推诿
    ("我不知道我帮您查一下", 1.0),
    ("我也不知道为什么会这样", 1.0),                  # an embedded question: a detail unknown
    ("我不知道能不能给您退", 1.0),
    ("这个我不知道", 1.0),                            # once is not 推诿 (2026.11.8, min_hits = 2)
    # 2026.11.7: more embedded questions; staff quoted in a complaint
    ("我也不知道咋办了", 1.0),
    ("我不知道究竟是哪里出了问题", 1.0),
    ("我不知道问题出在哪里", 1.0),
    ("客服告诉我不知道没接到通知", 1.0),
    ("前台说我们也没有办法", 1.0),
    ("我也不知道", 1.0),                              # once is not 推诿 (2026.11.8)
])
def test_dismissive_scope(default, text, value):
    assert default.analyze(conv(("A", text))).items["forbidden_dismissive"].value == value


@pytest.mark.parametrize(("text", "value"), [
    ("一到五分五分是满分您给个五星好评", 0.0),
    ("稍后回复一就可以", 0.0),
    ("稍后辛苦您对本次服务做个评价", 1.0),
    ("您给我打个十分就行", 0.0),
    ("一定给您满意的答复", 1.0),
    ("麻烦给小美一个5星好评哦", 0.0),                 # digits (2026.11.5)
    ("收到短信后点5星好评就可以", 0.0),
    ("满意请点一朵花不满意请点鸡蛋", 1.0),            # neutral: no top score asked
    # 2026.11.7: 点 is a time or "very"; 多…好评 as "many reviews"
    ("预计十二点十分送达", 1.0),
    ("骑手一点五分就到了", 1.0),
    ("这家店地点十分方便", 1.0),
    ("这么多好评您可以放心", 1.0),
    ("稍后希望多进行好评", 0.0),
    ("您点个五星就行", 0.0),
    ("稍后麻烦您点五星哦", 0.0),
    ("满意的话请点非常满意", 0.0),
    ("这点非常满意", 1.0),
    ("房间才有点五星的样子", 1.0),
])
def test_solicit_rating(default, text, value):
    assert default.analyze(conv(("A", text))).items["forbidden_solicit_rating"].value == value


@pytest.mark.parametrize(("text", "value"), [
    ("我这边不也是说了吗", 0.0),
    ("我不是跟你说了吗", 0.0),
    ("我都给您解释好几遍了", 0.0),
    ("你听我说完行不行", 0.0),
    ("我跟您说一下这个流程", 1.0),
    ("您说了好几次我都记下了", 1.0),      # the customer's repeats, acknowledged
    ("我已经跟您说过了", 0.0),
    ("这个跟您前面都已经说过了", 0.0),
    ("我已经跟商家说过了让他尽快联系您", 1.0),   # reports what the agent did (2026.11.5)
    ("商家都说过了今天会补送", 1.0),
    ("为了不浪费您的时间我先把问题记录下来", 1.0),    # a politeness formula
    ("这个已经是最终的处理结果了我再帮您申请一次专员", 1.0),  # a real limit, still acting
    # 2026.11.6: the agent's own 啰嗦; a plain reminder
    ("不好意思我有点啰嗦了", 1.0),
    ("您怎么这么啰嗦", 0.0),
    ("刚才已经跟您说了会在二十四小时内回电", 1.0),
    # 2026.11.7: the guide's impatience in other words
    ("咱们不是一步一步给您说了吗", 0.0),
    ("我再跟您说最后一遍", 0.0),
    ("你有完没完", 0.0),
    ("您到底要怎么样", 0.0),
    ("您能不能听我说", 0.0),
    ("我再跟您说一下流程", 1.0),
])
def test_rude_includes_impatience(default, text, value):
    assert default.analyze(conv(("A", text))).items["forbidden_rude"].value == value


@pytest.mark.parametrize(("text", "value"), [
    ("这是你自己没注意看的", 0.0),
    ("谁让您不看清楚就下单的", 0.0),
    ("您自己确认一下收货地址", 1.0),
    ("是谁让您取消订单的呢", 1.0),         # asks who told the customer (2026.11.5)
    ("谁叫你不早点说的", 0.0),
])
def test_blame(default, text, value):
    assert default.analyze(conv(("A", text))).items["forbidden_blame"].value == value


def test_word_scope_keeps_whole_words_only():
    rules = FORB + 'phrases = ["滚"]\nscope = { words = true }\n'
    assert check(rules, conv(("A", "你滚"))).value == 0.0
    assert check(rules, conv(("A", "页面往下滚动一下"))).value == 1.0


# ------------------------------------------------------------------ truncated recordings

def test_truncated_start_sends_greeting_to_review_not_fail(default):
    c = conv(("A", "很高兴为您服务请问有什么可以帮您"), ("C", "我吃出头发了"), ("A", "好的"), ("A", "再见"))
    f = default.analyze(c).items["greeting"]
    assert f.value == 0.0 and f.needs_review and "mid-script" in f.review_reason
    assert "很高兴" in f.review_reason
    real_miss = conv(("A", "喂"), ("A", "说吧什么事"))
    assert not default.analyze(real_miss).items["greeting"].needs_review


def test_truncated_end_sends_closing_items_to_review(default):
    cut = conv(("A", "您好"), ("C", "我吃出头发了"), ("A", "好的您稍等听到音乐后不要挂机"))
    items = default.analyze(cut).items
    for rule in ("closing_offer_help", "closing_farewell"):
        assert items[rule].value == 0.0 and items[rule].needs_review, rule
        assert "close" in items[rule].review_reason
    closed = conv(("A", "您好"), ("C", "好的"), ("A", "请您先挂机"))
    assert not default.analyze(closed).items["closing_farewell"].needs_review


def test_closing_offer_anywhere_in_the_close(default):
    c = conv(("A", "您好"), ("A", "还有其他需要我帮助到您的吗"), ("C", "没有了"), ("A", "好的"),
             ("A", "那您保持电话畅通"), ("A", "祝您生活愉快再见"))
    assert default.analyze(c).items["closing_offer_help"].value == 1.0


# ------------------------------------------------------------------ untimed input

def test_untimed_transcript_time_rules_na_and_no_invented_times(default):
    c = untimed(("A", "您好请稍等"), ("C", "好"), ("A", "让您久等了"), ("A", "再见"))
    items = default.analyze(c).items
    assert items["hold_notice"].value is None and items["hold_notice"].na_reason == "no time stamps"
    assert items["hold_thanks"].na_reason == "no time stamps"
    assert items["greeting"].value == 1.0
    for f in items.values():
        assert all(e.start is None and e.end is None for e in f.evidence)


# ------------------------------------------------------------------ misses (issue 14)

def test_missed_self_intro_cites_no_partial_number_and_no_false_anchor(default):
    c = conv(("A", "您好双十一活动的订单是吗"), ("C", "是的"), ("A", "好的"))
    f = default.analyze(c).items["self_intro"]
    assert f.value == 0.0
    assert all(e.text is None and e.utterance is None for e in f.evidence)
    assert "agent utterances" in f.evidence[0].note


# ------------------------------------------------------------------ ASR tolerance (issue 11 items 5, 6)

def test_asr_confusion_nin_ni_declared_in_the_rulebook():
    rules = REQ + 'phrases = ["您稍等"]\n'
    assert check(rules, conv(("A", "你稍等一下")), head='[asr_confusions]\n"您" = ["你"]\n').value == 1.0
    assert check(rules, conv(("A", "你稍等一下"))).value == 0.0  # not declared: no tolerance
    f = check(rules, conv(("A", "你稍等一下")), head='[asr_confusions]\n"您" = ["你"]\n')
    assert f.detail["match_mode"] == "asr_confusion"


def test_default_rulebook_bridges_nin_ni_for_the_opening_offer(default):
    c = conv(("A", "你好请问有什么可以帮你"), ("C", "查快递"))
    assert default.analyze(c).items["opening_offer"].value == 1.0


def test_low_confidence_excuses_a_miss_only_where_the_phrase_would_be():
    rules = (REQ + 'phrases = ["您好"]\nwindow = { first_utterances = 2 }\n'
             '[[rules]]\nid = "w"\nkind = "required"\nphrases = ["确认一下"]\n')
    head = ("low_confidence = 0.6\nlow_confidence_window = 4\nlow_confidence_share = 0.5\n"
            "low_confidence_similarity = 0.7\n")
    lines = [("A", "喂", {"conf": 0.9}), ("A", "说吧", {"conf": 0.9})] + [("A", "好的", {"conf": 0.9})] * 8
    lines.append(("A", "这句听不清", {"conf": 0.52}))
    items = analyzer(rules, head).analyze(conv(*lines)).items
    # One low-confidence line at the end excuses neither the greeting miss (opening is clean)
    # nor a whole-call miss (1 of 11 utterances).
    assert not items["r"].needs_review and not items["w"].needs_review
    lines[0] = ("A", "喂", {"conf": 0.5})  # the opening is doubtful, but reads as 喂, not 您好
    items = analyzer(rules, head).analyze(conv(*lines)).items
    assert not items["r"].needs_review and not items["w"].needs_review
    lines[0] = ("A", "林号", {"conf": 0.5})  # now it sounds like 您好 (lin·hao)
    items = analyzer(rules, head).analyze(conv(*lines)).items
    assert items["r"].needs_review and "where the phrase would be" in items["r"].review_reason
    assert not items["w"].needs_review


@pytest.mark.parametrize(("lines", "value"), [
    ([("A", "您好"), ("C", "我的外卖有问题"), ("A", "是鸡公煲这一单是吧")], 1.0),   # which order
    ([("A", "您好"), ("C", "我的外卖有问题"), ("A", "先生请问您是本机号码来电的是吗")], 1.0),
    ([("A", "您好"), ("C", "我的外卖有问题"), ("A", "好的我帮您处理")], 0.0),
])
def test_verify_identity_includes_checking_the_order(default, lines, value):
    assert default.analyze(conv(*lines)).items["verify_identity"].value == value


@pytest.mark.parametrize(("text", "value"), [
    ("您先消消气我这边马上帮您处理", 1.0),
    ("您不要着急这个问题交给我", 1.0),
    ("我不理解您说的是哪一单", 0.0),
])
def test_empathy_recognises_soothing(default, text, value):
    c = conv(("C", "气死我了饭里有头发"), ("A", text), ("C", "嗯"))
    assert default.analyze(c).items["empathy"].value == value

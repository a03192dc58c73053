"""Thirty-third pass (``THREAT_PASSES.md`` "Thirty-third pass"; the guide's "Thirty-third pass"). fresh46 and fresh47 became
development material; their four errors under escalation-rules-32 are read as general frames, **in-sample**:

- the intention of a bad review reaches over a place and a target (我…就在你们平台上给这家酒店写差评);
- which body to turn to, asked after the caller's own 问一下 / 请问 / 了解一下 (…是找你们还是找通信管理局): the way asked;
- a body publishing its own findings (消协前几天公布了…抽检结果) is the source of the news, and 看到 / 听到 is not going to it;
- the caller's own threat quoted from the past and taken back with 现在 / 如今 + 不 (…现在不投诉了);
- (beyond the errors) a procedure asked without ？, as phone-ASR text writes it (如果我要投诉的话流程是怎样的), and whether a matter
  falls to a body (归不归市场监管局管);

and two consistency items the last note left open: after an outside body 还是 + 不 / 没 is "still" (我打了12315以后你们还是不管: a
threat, not a question), and a friend's, colleague's or classmate's step told as taken (我朋友去消协了) is their own matter, as
我朋友已经投诉你们了 already read. Then three errors of earlier development files: under the default policy a clause opening with
跟我说 / 告诉我 continues someone else's report (fresh33's 我有个老朋友，跟我说你们店是骗子，要去举报你们); with the rules alone a review
announced over a 把-object (fresh47's 我会在你们平台上评价里把这事写清楚给一星) and a superior asked for right before praise (fresh47's
我想找你们领导表扬一下小王), and a condition 找不到…就 whose cue span opens inside it (fresh46's 你们要是今天找不到这个件我就去
邮政管理局申诉你们, read as negated).

The first line of each of the first four groups is the development call's own line; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_33_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 33


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. a bad review announced over a place and a target (a mention on rules-32)
@pytest.mark.parametrize("text", [
    "明天要是还换不回大床房，我退房的时候就在你们平台上给这家酒店写差评。",
    "我就在你们平台上写差评",
    "我会在美团上给这个商家留差评",
    "不给我换，我退房的时候就在携程上给这家酒店写差评",
    "你们不给我退，我就去美团上给这个店打一星",                  # 去 … 上 as the place
])
def test_a_review_announced_over_a_place_and_a_target_is_a_threat(text):
    assert reasons(text) == ["threat"]
    assert _alerts(text, None)
    assert _alerts(text)


# 2. which body to turn to, asked after 问一下 / 请问 / 了解一下 (a threat on rules-32)
@pytest.mark.parametrize("text", [
    "喂你好我就是问一下如果我对套餐的扣费有争议是找你们还是找通信管理局",
    "请问一下快递丢了是找你们还是找邮政管理局",
    "我想了解一下，房子漏水是找你们还是找住建局",
])
def test_which_body_asked_after_asking_is_the_way_asked(text):
    assert reasons(text) == ["procedure"]
    assert not _alerts(text, None)
    assert not _alerts(text)


# 3. a body publishing its findings, seen by the caller (a threat on rules-32)
@pytest.mark.parametrize("text", [
    "你好，我看到消协前几天公布了一份儿童水杯的抽检结果，想问一下你们卖的这款在不在不合格名单里。",
    "市场监管局最近发布了一批抽检不合格名单，你们这款在里面吗",
])
def test_a_body_publishing_its_findings_is_the_source(text):
    assert reasons(text) == ["reported"]
    assert not _alerts(text, None)
    assert not _alerts(text)


# 4. the caller's own past threat taken back with 现在 + 不 (a threat on rules-32)
@pytest.mark.parametrize("text, expected", [
    ("我之前说要投诉那个快递员，现在不投诉了，他已经把东西送来了。", ["resolved", "negated"]),
    ("之前说要打12315，现在不想打了", ["resolved"]),
    ("我之前说要投诉那个快递员，现在算了，东西已经送到了", ["resolved"]),
    ("我上午说要打12315，现在不打了，你们已经退了", ["resolved"]),       # earlier the same day
    ("我刚才说要找你们领导，现在不用了，问题解决了", ["resolved"]),       # taken back without its verb
    ("我昨天说要给差评，现在不给了", ["resolved"]),
])
def test_a_past_threat_taken_back_now_is_calm(text, expected):
    assert reasons(text) == expected
    assert not _alerts(text, None)
    assert not _alerts(text)


# 5. 还是 + 不 / 没 after an outside body: "still", the step's outcome denied (a question on rules-32)
@pytest.mark.parametrize("text", [
    "我打了12315以后你们还是不管",
    "我去消协以后你们还是没给退",
    "打了12345还是没人管",
])
def test_still_after_a_body_is_not_a_question(text):
    assert reasons(text) == ["threat"]
    assert _alerts(text, None)
    assert _alerts(text)


# 6. a friend's, colleague's or classmate's step told as taken: their own matter (a threat on rules-32)
@pytest.mark.parametrize("text, expected", [
    ("我朋友去消协了", ["reported"]),
    ("我同学打了12315", ["reported"]),
    ("我同事去消协投诉你们了", ["reported", "reported"]),
    ("我室友打了12345了", ["reported"]),
    ("我同事上个月打了12315", ["reported"]),
])
def test_a_friends_step_taken_is_their_own_matter(text, expected):
    assert reasons(text) == expected
    assert not _alerts(text, None)
    assert not _alerts(text)


# 7. a clause opening with 跟我说 / 告诉我 (or X跟我说) continues someone else's report (a threat on rules-32)
@pytest.mark.parametrize("text, expected", [
    ("你好。我有个老朋友，跟我说你们店是骗子，要去举报你们。我不大信。", ["reported"]),
    ("我朋友跟我说你们是骗子，要去举报你们", ["reported"]),
    ("我有个同事，告诉我你们这个课是骗人的，要去12315投诉你们", ["reported", "reported"]),
])
def test_a_clause_after_told_me_continues_the_report(text, expected):
    assert reasons(text) == expected
    assert not _alerts(text, None)
    assert not _alerts(text)


# 8. the rules alone: a review over a 把-object, a superior asked for to hear praise, a condition 找不到…就 whose cue opens
# inside it (rules-32's rules alone got them wrong)
@pytest.mark.parametrize("text, expected, alerts", [
    ("驿站我去问过了没有啊你们要是今天找不到这个件我就去邮政管理局申诉你们", ["threat"], True),
    ("明天中午见不到东西我就去工商局投诉", ["threat", "threat"], True),
    ("演出临时取消又不给全额退款，我会在你们平台上评价里把这事写清楚给一星。", ["threat"], True),
    ("我会把这事写清楚给一星", ["threat"], True),
    ("我想找你们领导表扬一下小王，她帮我解决得很快。", ["mention"], False),
    ("我要找你们领导当面表扬一下那个师傅", ["mention"], False),
])
def test_rules_alone_read_review_and_praise(text, expected, alerts):
    assert reasons(text) == expected
    assert _alerts(text, None) is alerts
    assert _alerts(text) is alerts


# 9. a procedure asked without ？ (phone-ASR text): a step supposed in an if-clause, then a wh-word of the procedure or a closing
# 吗 / 呢; whether a matter falls to a body (归不归…管) (a threat on rules-32)
@pytest.mark.parametrize("text", [
    "如果我要投诉的话，流程是怎样的",
    "如果我想投诉的话，要找哪个部门",
    "要是我想打12315的话，需要准备什么材料",
    "如果我投诉的话，一般多久有结果",
    "喂你好我想问一下如果我要投诉的话是打这个电话吗",
    "这个事情归不归市场监管局管",
    "这种情况归不归消协管啊",
])
def test_a_procedure_asked_without_a_question_mark(text):
    assert reasons(text) == ["question"]
    assert not _alerts(text, None)
    assert not _alerts(text)


# look-alikes: threats on both rules-32 and rules-33
@pytest.mark.parametrize("text", [
    "你们不退的话，我肯定在大众点评上给你们家写一条差评",   # already read
    "我就是问一下是找你们还是找通信管理局？我这就去找通信管理局",  # the question, then the caller's own step
    "我问一下你们到底退不退，不退我就去找通信管理局",       # 问一下, but no alternative with the company
    "你们今天不退，我就去找通信管理局",
    "我要去消协公布你们的问题",                              # the caller going there
    "你们再不退我就到消协去",                                # 到, not 看到
    "我看到你们这样就想去消协投诉",
    "我之前说要投诉那个快递员，现在不投诉不行了",             # a double negative takes nothing back
    "我之前说要投诉，现在不投诉了，但是这次我还是要投诉你们",   # taken up again
    "我朋友帮我去消协了",                                    # the friend does it for the caller
    "我和我朋友去消协了",                                    # the caller in the subject
    "我让我朋友去消协了",                                    # the caller has them do it
    "我朋友去消协了，我也要去",                              # the caller joins it
    "我有个老朋友，跟我说你们店是骗子，我要去举报你们",       # the caller's own step after the report
    "我朋友跟我说你们是骗子，我要去举报你们",
    "我要找你们领导，表扬个屁",                              # no praise
    "我要找你们领导，你们这个师傅太不负责了",
    "我刚才说要投诉，你们再不处理我现在就投诉",                  # nothing taken back
    "我上午说要打12315，现在我还是要打",                          # taken up again
    "如果我投诉的话，你们还能这么嚣张吗",                          # a taunt after the if-clause
    "要是我去消协的话你们就等着吧",
    "如果我要投诉的话我就直接打12315了",
    "你们怕不怕市场监管局",                                      # a dare, not whether it falls to the body
    "归不归你们管，不归你们管我就找市场监管局",
])
def test_look_alikes_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# look-alikes: calm on both, with the reason they had
@pytest.mark.parametrize("text, expected", [
    ("我就去你们平台上看这家酒店的差评", ["mention"]),            # reading reviews
    ("我在你们平台上给这家酒店写过差评", ["mention"]),            # a review given before
    ("我就在你们平台上给这家酒店删差评", ["mention"]),            # a review removed
    ("我看到12315前段时间通报了一批案例", ["mention"]),
    ("他之前说要投诉你们，现在不投诉了", ["reported", "negated"]),  # someone else's words
    ("上次我说要找你们领导，现在不找了，问题已经解决了", ["resolved"]),
    ("我是打12315还是找你们", ["question"]),                    # a real alternative
    ("我到底是打12315还是不打", ["question"]),                  # 还是不 + the step's verb: the alternative's second half
    ("我投诉以后你们还是没处理", ["prior"]),                     # 投诉 without a body: `question` here; `prior` since the thirty-fourth pass
    ("我朋友已经投诉你们了", ["reported"]),
    ("我朋友要去消协", ["someone_else"]),                        # intended: the twenty-ninth pass's frame
    ("我朋友去消协了吗", ["question"]),
    ("我之前在你们平台上评价里把这事写清楚给了一星", ["mention"]),  # given, not announced
    ("我不去邮政管理局", ["negated"]),
    ("我看到12315公布了你们的投诉数据", ["mention", "mention"]),    # the body as source, 投诉数据 a noun
    ("不到万不得已我不会去邮政管理局", ["negated"]),              # 不到 with no 就 of a consequence
])
def test_look_alikes_stay_calm(text, expected):
    assert reasons(text) == expected
    assert not _alerts(text, None)

"""Explicit threats to complain or escalate: the rules, the finding, and the alert they raise.

The short calls in ``tests/fixtures/escalation/calls.jsonl`` are written by the team
(threat calls and calm calls, several of them built to trip a naive keyword list:
negation, reported speech, the agent naming 12315, compensation alone). Passing them is
a guard, not a measure of accuracy: the measured figures on real calls are in the model card.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_engine import analyzers as registry
from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers.escalation import EscalationAnalyzer, scan_text
from qa_engine.conversation import Conversation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "escalation" / "calls.jsonl"
CALLS = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_conversation(call: dict) -> Conversation:
    return Conversation(id=call["id"], agent_id="A1", queue="general", utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 4.0 * i, "end": 4.0 * i + 3.0, "text": text}
        for i, (who, text) in enumerate(call["turns"])])


def reasons(text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.reason) for h in scan_text(text)]


def assert_reads_as(text: str, reason: str | None) -> None:
    """``reason`` None: no threat; "threat": at least one threat hit; another reason: every
    hit (at least one) is read that way."""
    found = reasons(text)
    if reason is None:
        assert not any(r == "threat" for _, r in found), found
    elif reason == "threat":
        assert any(r == "threat" for _, r in found), found
    else:
        assert found and all(r == reason for _, r in found), found


@pytest.mark.parametrize("text, cue", [
    ("不给我处理我就打幺二三幺五", "幺二三幺五"),
    ("再不解决我就打一二三一五", "一二三一五"),
    ("我要打12345", "12345"),
    ("我要去市长热线反映", "市长热线"),
    ("我已经找了律师", "律师"),
    ("我会向银保监会反映", "银保监会"),
    ("你们等着上新闻吧", "上新闻"),
    ("要不我就投诉", "投诉"),
    ("那你们等着吃官司吧", "吃官司"),
    ("再不给我就去申请劳动仲裁", "劳动仲裁"),
    ("把你们经理给我叫来", "把你们经理给我叫来"),
    ("我要找你们老总", "要找你们老总"),
    ("那我就去信访办", "信访办"),
])
def test_escalation_recognises_explicit_threats(text, cue):
    assert (cue, "threat") in reasons(text)


@pytest.mark.parametrize("text, reason", [
    ("我不想投诉，就问问", "negated"),
    ("这不是投诉", "negated"),
    ("投诉也没用", "negated"),
    ("我朋友说要投诉你们", "reported"),
    ("他说你随便投诉", "reported"),
    ("我昨天投诉了一个事", "prior"),
    ("可以投诉吗", "question"),
    ("我要投诉的话去哪里", "question"),  # where to go, if one wanted to: no step announced
    ("投诉找哪个部门", "question"),
    ("我给了个差评", "mention"),
    ("帮我把那个升级专员的单子撤销", "withdrawn"),
    ("送到区法院对面那个小区", "place"),
    ("我是律师事务所的，想开发票", "place"),
    ("我在电视台上班", "place"),
    ("寄到派出所就行", "place"),
])
def test_escalation_sets_aside_mentions_that_are_not_threats(text, reason):
    assert reasons(text) and all(r == reason for _, r in reasons(text))


@pytest.mark.parametrize("text", ["一三九一二三四五六七八", "订单号是二零二三一二三一五八", "8812315607", "密码一二三四五六"])
def test_hotline_digits_inside_a_longer_number_are_not_a_hotline(text):
    assert reasons(text) == []


def test_escalation_never_reads_compensation_as_a_threat():
    assert reasons("我要赔偿，按规定十倍赔偿") == []


def test_escalation_judges_each_cue_on_its_own_clause():
    found = reasons("处理好的话我就不举报了你处理不好的话我就举报那个相关部门去了")
    assert found[0] == ("举报", "negated") and ("相关部门", "threat") in found


def test_escalation_reads_customer_turns_only_and_cites_the_sentence():
    conv = Conversation(id="c", utterances=[
        {"speaker": "agent", "start": 0, "end": 2, "text": "您也可以拨打12315"},
        {"speaker": "customer", "start": 2, "end": 5, "text": "好的，不处理我就打12315"}])
    threat = EscalationAnalyzer().analyze(conv).items["threat"]
    assert threat.value == 0.0
    assert [(e.utterance, e.span, e.text) for e in threat.evidence] == [(1, (9, 14), "好的，不处理我就打12315")]
    assert threat.detail["categories"] == ["hotline"]
    agent_only = Conversation(id="a", utterances=[{"speaker": "agent", "start": 0, "end": 1, "text": "可以打12315"}])
    assert EscalationAnalyzer().analyze(agent_only).items["threat"].value is None


def test_escalation_is_registered_under_a_versioned_name():
    analyzer = registry.create("escalation.v1")
    assert analyzer.name == "escalation" and analyzer.produces == {"threat"}


@pytest.mark.parametrize("call", CALLS, ids=[c["id"] for c in CALLS])
def test_escalation_fixture_calls(call):
    threat = EscalationAnalyzer().analyze(as_conversation(call)).items["threat"]
    assert (threat.value == 0.0) is call["threat"], threat.detail


@pytest.fixture(scope="module")
def inspected():
    from qa_engine.pipeline import Inspector

    inspector = Inspector()
    convs = [as_conversation(c) for c in CALLS]
    return dict(zip([c["id"] for c in CALLS], inspector.inspect_many(convs), strict=True))


def test_every_threat_call_alerts_under_the_default_policy_and_no_calm_call_does(inspected):
    policy = AlertPolicy.default()
    fired = {cid: policy.evaluate(inspection) is not None for cid, inspection in inspected.items()}
    expected = {c["id"]: c["threat"] for c in CALLS}
    assert fired == expected


def test_a_threat_alert_shows_the_customers_sentence(inspected):
    alert = AlertPolicy.default().evaluate(inspected["threat-cbirc"])
    sentence = "什么协议，我没签过。你们今天不退，我就向银保监会投诉"
    assert "explicit_threat" in alert.reasons
    assert alert.evidence[0].text == sentence and alert.evidence[0].utterance == 3
    assert {t["cue"] for t in alert.threats} == {"银保监会", "投诉"}
    # The complaint-risk finding reports the same threat (its probability is not floored).
    risk = inspected["threat-cbirc"].findings["complaint_risk"].items["risk"]
    assert risk.detail["threats"][0]["sentence"] == sentence
    assert risk.detail["features"]["threats"] >= 1


def test_a_queue_threshold_above_one_call_still_alerts_on_a_threat(inspected):
    strict = AlertPolicy(0.99, alert_on_threat=True)
    off = AlertPolicy(0.999, alert_on_threat=False)
    assert strict.evaluate(inspected["threat-boss"]).reasons[-1] == "explicit_threat"
    assert off.evaluate(inspected["threat-boss"]) is None


def test_unresolved_end_needs_the_customers_last_word_and_no_calm_close():
    from qa_engine.analyzers._complaint_features import Turn, unresolved_end

    def turns(*pairs):
        return [Turn(s, t, []) for s, t in pairs]

    assert unresolved_end(turns(("customer", "网断了"), ("agent", "帮您报修"), ("customer", "报修三次了还是不行"))) == 1.0
    assert unresolved_end(turns(("customer", "网断了"), ("agent", "帮您报修"), ("customer", "好的谢谢"))) == 0.0
    assert unresolved_end(turns(("customer", "网断了"), ("agent", "帮您报修"))) == 0.0


def test_call_shape_features_repeats_and_calm_close():
    from qa_engine.analyzers._complaint_features import calm_close, repeat_share

    assert repeat_share(["我的外卖还没到", "你好", "我的外卖还没到啊", "到底什么时候到"]) == 0.25
    assert repeat_share(["嗯", "嗯", "好"]) == 0.0  # too short to count as a repeat
    assert calm_close(["我想问一下", "好的谢谢再见"]) == 1.0
    assert calm_close(["不行，我要投诉"]) == 0.0


# escalation-rules-2: phrasings outside the first two passes' calls (written for these tests;
# none is a sentence of eval/labels/complaint_threat_fresh.jsonl).
@pytest.mark.parametrize("text, cue", [
    ("你处理不了就让你们领导来跟我说", "让你们领导"),  # 不了就: a condition, not a negation
    ("我不跟你说了，我要找你们老总", "要找你们老总"),
    ("我不跟你说了我要找你们老总", "要找你们老总"),  # the same without punctuation (ASR)
    ("这事我要去三一五那边反映", "去三一五"),
    ("我已经向一二三七八反映了", "一二三七八"),
    ("我去通管局申诉你们", "去通管局申诉"),
    ("再不退我就去金融监管局", "金融监管局"),
    ("我要向上级主管部门反映", "上级主管部门"),
    ("信不信我把你们的事捅到网上", "捅到网上"),
    ("你们这样做我要在朋友圈里说说", "要在朋友圈里说说"),
    ("叫你们店长出来", "叫你们店长"),
    ("我要给你们一星", "一星"),
    ("那我只好给差评了", "差评"),
    ("你们等着被投诉吧", "投诉"),
    ("我明天去你们总部讨个说法", "去你们总部"),
    # unpunctuated ASR: a question before 我要 does not govern the step after it
    ("你姓什么我要投诉你", "投诉"),
    ("怎么回事我要举报你们", "举报"),
    ("不行我就打你们总部的电话", "总部"),
    ("我要投诉的话你们就看着办", "投诉"),
])
def test_escalation_recognises_threats_in_new_frames(text, cue):
    # the cue shown may take in the verb before it (去金融监管局)
    assert any(cue in found and reason == "threat" for found, reason in reasons(text)), reasons(text)


@pytest.mark.parametrize("text, reason", [
    ("我本来想打12315的，后来想想算了", "negated"),
    ("没必要闹上法院吧", "negated"),
    ("快递员说我再投诉就不给我送了", "reported"),
    ("卖家威胁我说要报警", "reported"),
    ("网上有人曝光你们家的奶粉，是真的吗", "reported"),
    ("骑手说不给好评就投诉我", "reported"),
    ("我想撤销投诉", "withdrawn"),
    ("我是律师，快递显示签收了但我没收到", "place"),
    ("我们报社想订一百份盒饭", "place"),
    ("地址是公安局家属院三号楼", "place"),
    ("我去派出所办身份证", "place"),
    ("我在律师资格考试的网课报了名", "mention"),
    ("律师函我已经收到了", "mention"),
    ("我在12315平台上看到你们的信息", "mention"),
    ("我找你们的王经理，上次他给我办的卡", "mention"),
    ("我想预约一位律师", "service"),
    ("麻烦帮我查一下我投诉的处理进度", "mention"),
])
def test_escalation_sets_aside_new_non_threat_frames(text, reason):
    assert reasons(text) and all(r == reason for _, r in reasons(text)), reasons(text)


@pytest.mark.parametrize("text", ["我要等一星期吗", "帮我升级套餐", "我要店长推荐的那款", "零星几个坏的没关系", "能不能赔我点钱"])
def test_escalation_ignores_lookalikes(text):
    assert not any(h.threat for h in scan_text(text)), reasons(text)


def _call(agent_greeting: str, customer: str) -> Conversation:
    return Conversation(id="s", utterances=[
        {"speaker": "agent", "start": 0, "end": 2, "text": agent_greeting},
        {"speaker": "customer", "start": 2, "end": 6, "text": customer}])


def test_on_a_law_firms_line_a_lawyer_is_the_service_unless_the_firm_is_the_target():
    analyzer = EscalationAnalyzer()
    asked = analyzer.analyze(_call("您好，明达律师事务所", "你们有没有擅长离婚案件的律师")).items["threat"]
    assert asked.value == 1.0 and [d["reason"] for d in asked.detail["set_aside"]] == ["service"]
    sued = analyzer.analyze(_call("您好，明达律师事务所", "你们的律师收了钱不办事，我要起诉你们")).items["threat"]
    assert sued.value == 0.0 and sued.detail["categories"] == ["legal"]
    # the same words on a shop's line are a threat to the rules (the second opinion, threat-opinion-3, sets this one aside)
    shop = EscalationAnalyzer(opinion=None).analyze(_call("您好，家电客服", "你们有没有擅长离婚案件的律师")).items["threat"]
    assert shop.value == 0.0


def test_a_threat_inside_a_long_unpunctuated_turn_alerts_and_the_alert_shows_it():
    turn = ("我跟你讲这个冰箱买回来第三天就不制冷了师傅来了两次都没修好又说要等配件等了半个月"
            "家里东西全坏了要是明天还不给我换我就去市场监督管理局告你们")
    conv = Conversation(id="long", agent_id="A1", queue="general", utterances=[
        {"speaker": "agent", "start": 0, "end": 2, "text": "您好，家电客服"},
        {"speaker": "customer", "start": 2, "end": 20, "text": turn},
        {"speaker": "agent", "start": 20, "end": 22, "text": "非常抱歉，我马上申请"}])
    from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer

    findings = {"complaint_risk": ComplaintRiskAnalyzer().analyze(conv), "escalation": EscalationAnalyzer().analyze(conv)}
    alert = AlertPolicy.default().evaluate(findings, conversation=conv)
    assert alert is not None and "explicit_threat" in alert.reasons
    assert alert.evidence[0].utterance == 1 and alert.evidence[0].text == turn
    assert any("市场监督管理局" in t["cue"] for t in alert.threats)


@pytest.mark.parametrize("text, reason", [
    ("你不处理是吧，行，我跟你们主管说，把你们主管叫来我跟他说", "threat"),  # 我跟他说: the customer's own words
    ("再不退我就拨打你们集团的投诉热线", "threat"),
    ("你们店长来处理一下", "threat"),
    ("你们店长来电话道过歉了", None),  # a call received, not a demand
    ("我是市电视台的记者，想订个蛋糕", "place"),
    ("那个司机说他要去派出所告我", "reported"),
    # after the one scoring of fresh4_test
    ("不给我修好我就向通信管理部门反映", "threat"),
    ("我让电视台的同学来拍拍你们", "threat"),
    ("法院地址我知道，麻烦寄过去", "place"),
    ("我不至于因为这么点小事去投诉", "negated"),
    # after the one scoring of fresh5_test
    ("行，那我去评论区给差评", "threat"),
    ("我去看差评", None),
    ("我要删掉差评", None),
    ("我在公安局路口西边的公交站等车", "place"),
    ("我在派出所街上", "place"),
    ("嗯，一二三一五", "mention"),  # a number read out as an answer
    ("我姐是记者，她推荐的你们家", "place"),
    # after the one scoring of fresh6_test
    ("不处理我就去区市场监督管理局", "threat"),
    ("那我打你们集团的举报电话", "threat"),
    ("你们值班主管呢", "threat"),
    ("我要登报说说你们", "threat"),
    ("律师让我先找你们协商", "reported"),
    ("我的投诉到底有没有人管", "mention"),
    ("我女儿非让我打12345，我觉得没必要", "reported"),
    # after the one scoring of fresh7_test
    ("你给我转你们客诉中心", "threat"),
    ("我要打12315问问这样合不合法", "threat"),
    ("我打电话给新闻热线了", "threat"),
    ("我要找媒体说说", "threat"),
    ("顾客扬言要投诉我们店", "reported"),
    ("我妈就在公安局，她让我问问你们能不能加急", "place"),
    ("我是做了二十年的老律师了，想买台碎纸机", "place"),
    ("我也不会为两百块钱去起诉", "negated"),
    ("帮我把套餐升级到一百二十八的", None),
    # after the one scoring of fresh8_test
    ("你把这个单子升级到你们经理那里", "threat"),
    ("我要求升级处理", "threat"),
    ("把你们老板给我喊过来", "threat"),
    ("我是做自媒体的博主", None),
    ("请问你们经理姓什么", None),
    ("我是12345热线转过来的", "mention"),
    # after the one scoring of fresh9_test
    ("要不要我去消协问问？", "threat"),
    ("你信不信我找记者？", "threat"),
    ("听说他们被媒体曝光过", "reported"),
    # after the one scoring of fresh10_test
    ("我把样品寄到质监局鉴定", "threat"),
    ("派出所往南一百米就是我家", "place"),
    # after the one scoring of fresh11_test
    ("把你们经理的手机号给我", "threat"),
    ("三天内不修好，否则我就差评", "threat"),
    ("我会在抖音和小红书上都曝光", "threat"),
    ("是不是要我去消协你们才管？", "threat"),
    ("我们是市公安局的，要订一批矿泉水", "place"),
    ("我们报社想在你们这办个活动", "place"),
    ("我老婆非要我打12315，我想先跟你们商量", "reported"),  # not a rhetorical 非要我
    ("你是不是非要我去法院？", "threat"),
    # after the one scoring of fresh12_test
    ("算了你别解释了，你们经理呢", "threat"),
    ("东西我退了，差评照样给", "threat"),
    ("不退的话我向卫生部门反映", "threat"),
    ("按交通部门的规定，这个不能收费吧", None),
    ("我们派出所下周开会，要订盒饭", "place"),
    # after the one scoring of fresh13_test
    ("我要打政府热线问问", "threat"),
    ("我去报名电视问政", "threat"),
    ("我会去贴吧上发个帖子", "threat"),
    ("你们就不怕我去告？", "threat"),
    ("等了一天都没有我发抖音了", "threat"),
    ("这个差评是给定了", "threat"),
    ("有个法院寄来的信封", "mention"),
    ("我在报社当编辑记者", "place"),
    ("表扬信寄到你们总部可以吗", None),
])
def test_escalation_frames_added_after_the_fresh_test_run(text, reason):
    assert_reads_as(text, reason)


# escalation-rules-3 (fourth pass): fixed on fresh15_dev; sentences written for these tests.
@pytest.mark.parametrize("text, reason", [
    ("说了八百遍有什么用叫你们管事的出来", "threat"),  # 有什么用 is a complaint, not a question
    ("凭什么不退叫你们经理来", "threat"),
    ("我们公司做新媒体推广的，想订一批礼品", None),
    ("这是多媒体教室用的投影仪", None),
    ("麻烦把发票快递给我的律师", "place"),
])
def test_escalation_frames_fixed_on_fresh15_dev(text, reason):
    assert_reads_as(text, reason)


def _customer_call(*customer: str) -> Conversation:
    utts = [{"speaker": "agent", "start": 0, "end": 2, "text": "您好，客服中心"}]
    for i, text in enumerate(customer):
        utts += [{"speaker": "customer", "start": 4 * i + 2, "end": 4 * i + 4, "text": text},
                 {"speaker": "agent", "start": 4 * i + 4, "end": 4 * i + 6, "text": "好的"}]
    return Conversation(id="p", utterances=utts)


@pytest.mark.parametrize("turns, threat", [
    (("我的电动车昨晚在小区被偷了，已经报警了", "想问问你们的防盗险怎么赔"), False),
    (("老人在超市走失了我马上报警了，现在人找到了", "那个送货能不能改个时间"), False),
    # the crime named earlier, the police reported later as already called
    (("仓库进贼了", "嗯", "派出所已经来过了，我想补开几张发票"), False),
    # a crime against the customer is no shield when the company is accused or the step is announced
    (("我的包被偷了", "你们的人偷的，我要报警"), True),
    (("快递放门口被偷了", "你们不赔我就报警"), True),
    (("你们再打电话骚扰我就报警",), True),
])
def test_police_called_about_a_crime_the_customer_suffered_is_not_a_threat(turns, threat):
    finding = EscalationAnalyzer().analyze(_customer_call(*turns)).items["threat"]
    assert (finding.value == 0.0) == threat, finding.detail
    if not threat:
        assert any(d["reason"] == "incident" for d in finding.detail["set_aside"])


# escalation-rules-3: fixed after the one scoring of fresh16_test / fresh17_test (sentences
# written for these tests). ASR fillers and spaced digits are read past; who acts (an order
# to the agent after 你说了不算), intention between 是 and a body, programmes and errands.
@pytest.mark.parametrize("text, reason", [
    ("你叫那个嗯那个你们那个经理那个出来", "threat"),
    ("不给退我现在就打 1 2 3 4 5", "threat"),
    ("呃我要打一 二 三 一 五", "threat"),
    ("我要写个帖子发到贴吧上说说", "threat"),
    ("这和315曝光的广告有什么区别", "mention"),  # a bare 曝光 before 的广告 is still news
    ("不退款我就在美团上把你们这事讲清楚", "threat"),
    ("那我直接给你们总公司写信", "threat"),
    ("你找你们上头的人来", "threat"),
    ("这事我要往上反映", "threat"),
    ("你说了不算那你给我叫个说话算话的来", "threat"),
    ("你是想让我去找消协吗", "threat"),
    ("我是要去工商那边反映的", "threat"),
    ("投诉的话多长时间能处理完", "question"),
    ("举报一般多久有回复我就问问", "question"),
    ("家里的报警器一直响", None),
    ("我得去法院那边签个字", "place"),
    ("电视台直播的那个晚会门票还有吗", "mention"),
    ("上周投诉的那个事处理了吗", None),  # 的那个 is a demonstrative, not a filler
])
def test_escalation_frames_fixed_after_fresh16_and_fresh17(text, reason):
    assert_reads_as(text, reason)


def test_filler_spans_refer_to_the_original_text():
    text = "嗯那个我要那个投诉你们"
    (hit,) = [h for h in scan_text(text) if h.threat]
    assert text[hit.span[0]:hit.span[1]] == hit.cue == "投诉" and hit.sentence == text


@pytest.mark.parametrize("text, reason", [
    # after re-reading fresh14_test's remaining errors (in-sample from here on)
    ("我早就打了幺二三四五了他们说让你们三天内答复", "threat"),  # the body's answer after the customer's step
    ("你们在12345网站上的回复我看到了", "reported"),  # the company acting at the body
    ("我的会员号是一二三一五", "mention"),
    ("分机12345", "mention"),
])
def test_escalation_frames_fixed_after_fresh14_errors(text, reason):
    assert_reads_as(text, reason)


# after the one scoring of fresh18_test (sentences written for these tests)
@pytest.mark.parametrize("text, reason", [
    ("我要找你们销售总监", "threat"),
    ("好评不可能的，差评安排上", "threat"),
    ("我帮律师来拿个快递", "place"),
    ("这张照片曝光不足怎么调", None),
    ("派出所的同志昨天来我们小区普法", None),
    ("消协的人上次来社区宣传", "mention"),
    ("我们部门的主管让我订的", None),
    ("我们上级单位的领导要来", None),
    ("我们的上级部门下周检查", "mention"),
])
def test_escalation_frames_fixed_after_fresh18(text, reason):
    assert_reads_as(text, reason)


@pytest.mark.parametrize("turns, threat", [
    (("手机丢了，派出所刚打电话说找到了", "我想把停机恢复一下"), False),
    (("身份证丢了", "我要报警说你们冒用我的信息"), True),
])
def test_lost_property_and_the_police(turns, threat):
    finding = EscalationAnalyzer().analyze(_customer_call(*turns)).items["threat"]
    assert (finding.value == 0.0) == threat, finding.detail


# after the one scoring of fresh19_test (sentences written for these tests)
@pytest.mark.parametrize("text, reason", [
    ("这事我要让全国人民都知道", "threat"),
    ("叫个负得了责的来", "threat"),
    ("明天我就去见你们老板", "threat"),
    ("那就法庭上说理吧", "threat"),
    ("我要打民生热线", "threat"),
    ("你以为我不敢去消协啊", "threat"),
    ("我和我老公要去法院告你们", "threat"),
    ("派出所那站是终点站吗", "place"),
    ("车牌号是沪B12345", "mention"),
    ("我约好了律师明天谈合同", "service"),
    ("我朋友起诉了她的房东", "reported"),
    ("我们是一家电视台的外包公司", "place"),
    ("我在法院干保洁", "place"),
])
def test_escalation_frames_fixed_after_fresh19(text, reason):
    assert_reads_as(text, reason)


# after the one scoring of fresh20_test (sentences written for these tests)
@pytest.mark.parametrize("text, reason", [
    ("嗯我就去找那个市场监督管理的", "threat"),
    ("这个我要向上投诉", "threat"),
    ("我直接找你们总裁", "threat"),
    ("你姓什么我向你们主管反映", "threat"),
    ("难道一定要我打12315你们才管吗", "threat"),
    ("我跟房东之间的纠纷已经起诉了，想请你们开个证明", "service"),
    ("我堂哥起诉了他的房东", "reported"),
    ("卡号的后五位是12345", "mention"),
    ("温度报警阈值怎么设", None),
    ("我们做媒体运营的，想要一批周边", None),
    ("明天得去法院递交材料", "place"),
    ("我和房东的纠纷先不说，你们再不退押金我就起诉你们", "threat"),
])
def test_escalation_frames_fixed_after_fresh20(text, reason):
    assert_reads_as(text, reason)


# after the one scoring of fresh21_test and fresh22_test (sentences written for these tests)
@pytest.mark.parametrize("text, reason", [
    # a past step quoted and settled later in the turn; still open when the settling is negated
    ("以前我说过要打12345，后来物业把路灯修好了", "resolved"),
    ("上个月我讲要找报社，最后你们给赔了", "resolved"),
    ("之前我就说要打12345，后来说修结果也没修，这回我真打了", "threat"),
    ("上次我打过12345，到现在还是没人管", "threat"),
    # a complaint at a body followed up, or a body that sent the customer here
    ("消协那边转来的那个单子，处理到哪一步了", "prior"),
    ("我在12315上咨询了，他们让我打给你们", "prior"),
    ("我在12315登记的，你们再不处理我就再打一次", "threat"),
    # a programme watched, a channel on the set, a general question
    ("我看昨晚315晚会里有你们的同款", "mention"),
    ("电视台调不出来了，是不是欠费了", "mention"),
    ("一般投诉多久有回复", "question"),
    ("投诉的话一般是找谁", "question"),
    # the body at its own work, another kind of case, a parcel, a lawyer reading a contract
    ("下周卫生局要来我饭店检查", "mention"),
    ("我要让卫生局来你们饭店检查", "threat"),
    ("我那个离婚的案子法院判了", "service"),
    ("我想寄几份材料给律师", "place"),
    ("我找了律师帮我审一下这个租赁合同", "service"),
    ("律师帮我看了合同，我要起诉你们", "threat"),
    # everyone in a group told; a parents' group chat
    ("我让全小区的人都知道你们干的事", "threat"),
    ("我就发到家长群里", "threat"),
])
def test_escalation_frames_fixed_after_fresh21_and_fresh22(text, reason):
    assert_reads_as(text, reason)


@pytest.mark.parametrize("turns, threat", [
    (("行李落在出租车上了，我已经报警了", "想问问司机电话"), False),
    (("行李落在出租车上了", "你们不帮我找我就报警说你们司机偷了"), True),
])
def test_lost_luggage_and_the_police(turns, threat):
    finding = EscalationAnalyzer().analyze(_customer_call(*turns)).items["threat"]
    assert (finding.value == 0.0) == threat, finding.detail


@pytest.mark.parametrize("text, reason", [
    # who acts: someone else phoning the body, read in the news
    ("电视上说有人去12345反映了小区停电", "reported"),
    ("我看到新闻上说别人打12315退了钱，我也要打12315", "threat"),
    # a title as a product tier, 投诉 inside a company name, a menu key pressed by mistake
    ("我想升级到经理套餐", "mention"),
    ("我要升级到经理处理", "threat"),
    ("我在速投诉网络公司上班", "place"),
    ("我现在投诉你们公司", "threat"),
    ("刚才手滑按了4投诉", "mention"),
    # 曝光 as a camera setting or an ad purchase; posted at the company still counts
    ("镜头曝光一直偏暗", "mention"),
    ("我们想多买一些曝光", "mention"),
    ("我拍了照片曝光你们", "threat"),
    # a legal form as a print job, a night shift, a letter from the court in the post
    ("帮我打几份起诉书范本", "mention"),
    ("起诉书我已经写好了，明天就交", "threat"),
    ("我在报社上早班", "place"),
    ("法院的快递一直没派送", "mention"),
    # a job title holding 投诉; a relative working at a hotline
    ("我来应聘投诉处理专员的岗位", "mention"),
    ("我哥在12315热线工作", "place"),
    ("我在12315上投诉了你们", "threat"),
    # a review announced with 马上
    ("再不退我马上给差评", "threat"),
    ("我马上把差评删了", "mention"),
])
def test_escalation_frames_fixed_after_fresh23(text, reason):
    assert_reads_as(text, reason)

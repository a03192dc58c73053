"""The call around an utterance: a line whose business is the body itself (a law firm's, a TV
station's, an insurer's), a police report of a crime the customer suffered, the agent's own
escalation offer accepted, and a threat carried by confirming the agent's restatement of it."""

from __future__ import annotations

import re
from dataclasses import replace

from qa_engine.analyzers._escalation_nouns import INSURANCE_LINE, _POLICE_BODY
from qa_engine.analyzers._escalation_reading import _CJK_SPACE, reading_text
from qa_engine.analyzers._escalation_scan import ThreatHit, scan_text
from qa_engine.analyzers._escalation_scope import _ACCUSES, _AT_COMPANY, _CONDITIONAL, _IF_NOT, IF_NOT_THEN, _clause_bounds
from qa_engine.conversation import Conversation, Speaker

# A line whose business is the body itself: on a law firm's line 我想找个律师看看合同 asks for
# the service. The agent's own words name the line; a cue aimed at the company still counts.
SERVICE_LINES: dict[str, re.Pattern[str]] = {
    "legal": re.compile(r"律师事务所|律所|法律(?:服务|咨询|援助)|公证处"),
    "media": re.compile(r"电视台|报社|新闻热线|传媒|栏目组|节目组"),
}


def _service_lines(conversation: Conversation) -> set[str]:
    agent = [reading_text(t) for t in [u.text for u in conversation.utterances if u.speaker == Speaker.AGENT and u.text][:2]]
    lines = {cat for cat, pattern in SERVICE_LINES.items() if any(pattern.search(t) for t in agent)}
    if any(INSURANCE_LINE.search(t) for t in agent):
        lines.add("insurer")
    return lines


def _claim_notice(hit: ThreatHit, text: str) -> ThreatHit:
    """On an insurer's line a bare 报案 (我要报案, 我上周报案了) notifies the claim: set aside unless a
    police body is named in its clause, the company is accused in the turn, or it is a condition (不赔我就报案)."""
    left, right = _clause_bounds(text, *hit.span)
    if (text[hit.span[0]:hit.span[1]] != "报案" or _POLICE_BODY.search(text, left, right)
            or _ACCUSES.search(text) or _CONDITIONAL.search(text, left, right)
            or _IF_NOT.search(text, left, hit.span[0])):
        return hit
    return replace(hit, threat=False, reason="service")


def _on_service_line(hit: ThreatHit, text: str) -> ThreatHit:
    left, right = _clause_bounds(text, *hit.span)
    if _AT_COMPANY.search(text, left, right):
        return hit
    return replace(hit, threat=False, reason="service")


# The police called about a crime the customer suffered (家里被偷了已经报警了, 孩子走丢了我报了警):
# the step is not aimed at the company. The crime is named in the same turn, or in an earlier
# customer turn when this one reports the police as already called (我已经报警了派出所给了回执);
# an announced step after an earlier theft (快递被偷了…你们不赔我就报警) still counts.
_INCIDENT = re.compile(r"被(?:人)?(?:偷|盗|抢|砸|撬|撞|骗)|电信诈骗|诈骗电话|失窃"
                       # 有人打电话说是你们公司的…让我往一个账户转钱 (twelfth pass): a scam suffered
                       r"|(?:让|叫|要)我(?:往|给|向)[^，。！？,.!?]{0,8}?转(?:账|钱|款)"
                       # 有人给我妈打电话说是你们院里的 (twelfth pass, after fresh29_test): someone claiming to be the company
                       r"|有人[^。！？!?]{0,10}?(?:说是|冒充|假装是?|自称是?)你们|进(?:了)?贼|遭(?:了)?贼|小偷|入室|走丢|走失|走散|失踪|车祸"
                       # 电梯里关了个老人 我已经报警了 (fourteenth pass, in-sample): someone trapped, the police called to help
                       r"|被困|困在|(?:电梯|里面|里头)[^，。！？,.!?]{0,3}?(?:关|困)(?:了|着|住)|关在(?:电梯)?里"
                       # 在你们平台认识的一个人骗了我 (thirteenth pass): someone else defrauded the customer
                       r"|(?:有人|有个人|一个人|那个人|这个人|陌生人|网友|对方|骗子|那人)[^，。！？,.!?]{0,6}?骗(?:了)?我"
                       r"|(?:钱包|手机|身份证|证件|包|卡|行李|东西)(?:丢了|丢失|遗失|找不到了|落(?:在)?[^，。！？,.!?]{0,4}?(?:上|里)了)")
# 我就报警, 我要报警: an announced step, whatever happened before (我马上报警了 reports it done).
# (what the caller does first may stand between 我 and 就 since the sixty-ninth pass: fresh101's 我挂了电话就去报警)
_ANNOUNCED_PRE = re.compile(r"我[^，。！？,.!?\s]{0,5}?(?:就|要|会|得|马上|现在就|这就|直接|只能)[^，。！？,.!?]{0,3}$")
# Hundred-and-seventeenth pass (fresh330's 手机落在车上了 … 司机接了一次说不还 我刚才已经报警了): the company's own driver, rider or
# merchant keeping the lost thing — the police called about them is a step against the company's side, not an incident
_SERVICE_PARTY = "(?:司机|师傅|骑手|快递员|快递小哥|配送员|商家|店家|店主)"
_SERVICE_PARTY_WITHHOLDS = re.compile(_SERVICE_PARTY + r"[^，。！？,.!?]{0,8}?"
                                      r"(?:不还|不给还|不肯还|不愿意?还|拒绝归还|拒不归还|不退还|扣着不|扣下不|占为己有)"
                                      # (a price asked for the return since the hundred-and-twenty-first pass: fresh359's 那个司机电话
                                      # 他接了说要两百块才给送回来)
                                      "|" + _SERVICE_PARTY + r"[^。！？!?]{0,16}?要[^，。！？,.!?]{0,6}?(?:块|元|钱)"
                                      r"才(?:给|肯|愿意)?(?:还|送)")
_POLICE_DONE = re.compile(r"已经|报了警|报(?:警|案)了|报过(?:警|案)|警察(?:也)?(?:来|到)(?:过)?了")
# The fraud of someone else (在你们平台认识的一个人骗了我) is read out before looking for an accusation of the company.
_SOMEONE_ELSES_FRAUD = re.compile(r"(?:有人|有个人|一个人|那个人|这个人|陌生人|网友|对方|骗子|那人)[^，。！？,.!?]{0,6}?骗(?:了)?我")


# Eighty-seventh pass (fresh140's 包落车上了 司机电话不接 我现在就报警了啊): 现在就 / 这就 … 报警了 is the call about to be made,
# announced, not a report already made (not 马上 / 立刻: 走失了我马上报警了 tells what the caller did at once)
_ANNOUNCED_NOW_PRE = re.compile(r"我[^，。！？,.!?\s]{0,3}?(?:现在就|这就)\s?$")
# Hundred-and-eighth pass (fresh260's 包落在车上了 … 你们抓紧，联系不上我可真报警了): 可真 / 可就 / 就真 before the step warn of it —
# the 了 after it is the warning's, not a report made
_WARNED_PRE = re.compile(r"(?:我|俺)?(?:那)?(?:可真|可就|就真)(?:的)?(?:要|会|得)?\s?$")


def _police_incident(hit: ThreatHit, text: str, earlier: bool) -> ThreatHit:
    announced = ((_ANNOUNCED_PRE.search(text, 0, hit.span[0]) and not text.startswith("了", hit.span[1]))
                 or IF_NOT_THEN.search(text, 0, hit.span[0]) or _ANNOUNCED_NOW_PRE.search(text, 0, hit.span[0])
                 or _WARNED_PRE.search(text, 0, hit.span[0]))
    # word-segmented ASR (我 家 被 偷 了) is read without its word spaces (sixty-sixth pass, fresh58's 报 过 警)
    flat = _CJK_SPACE.sub("", text)
    if (_ACCUSES.search(_SOMEONE_ELSES_FRAUD.sub("", flat)) or _CONDITIONAL.search(flat) or announced
            or _SERVICE_PARTY_WITHHOLDS.search(flat)):
        return hit
    if _INCIDENT.search(flat) or (earlier and _POLICE_DONE.search(flat)):
        return replace(hit, threat=False, reason="incident")
    return hit


# Meituan's agents offer 升级专员 themselves (小美帮您升级专员处理您看可以吗); the customer's 还是升级专员吧 right
# after that offer accepts it rather than demanding a superior (MUSIED chats).
_ESCALATION_OFFER = re.compile(r"升级|专员")


# Sixty-fourth pass (fresh90's 客服: …安排店长给您重新验光重配 / 客户: 那你让店长约个时间给我打电话): the superior the agent has just
# arranged to act, named again by the customer, is the arrangement accepted — not a different, higher title
_TITLE = re.compile(r"店长|经理|主管|领导|负责人|组长|班长|站长|上级")
_ARRANGED = r"(?:安排|让|请|叫|由|联系|通知)[^。！？!?]{0,6}"
# Hundred-and-twentieth pass (fresh346's 客服: …项目负责人会在三个工作日内联系您协商 / 客户: 你让负责人带个方案来): the title the agent
# has just named as the one who will get in touch or act
_WILL_ACT = r"(?:会|将|稍后|马上|随后)[^。！？!?]{0,12}?(?:联系|回电|回复|致电|上门|处理|协商|对接)"


def _offer_accepted(hit: ThreatHit, agent_before: str) -> ThreatHit:
    if _ESCALATION_OFFER.search(hit.cue) and _ESCALATION_OFFER.search(agent_before):
        return replace(hit, threat=False, reason="accepted")
    title = _TITLE.search(hit.cue)
    if title and (re.search(_ARRANGED + title.group(), agent_before) or re.search(title.group() + _WILL_ACT, agent_before)):
        return replace(hit, threat=False, reason="accepted")
    return hit


# 客服: 您的意思是今天没结果就要向邮政管理局反映，对吗 / 客户: 对，就是这个意思 (open fresh24/25 errors): the customer's
# threat carried by confirming the agent's restatement of it. The restated words are read as the customer's own
# (您 → 我, 我们 → 你们) by the same rules; the confirming line gets a rule-only hit naming the restated cue.
_RESTATED = re.compile(r"^(?:好的|嗯|那|所以|我确认一下|跟您确认一下)?[，,\s]*(?:您|你)(?:的意思是|是说|是想|是要|这边是要|是打算|是准备)"
                       r"(?P<content>[^？?]{2,40}?)[，,\s]*(?:对吗|是吗|对吧|是吧|对不对|是不是|是这样吗)[？?。]?$")
# 抱歉 您是需要投诉这台机器的点位吗 / 嗯 对 你记一下 (nineteenth pass): the agent asking what the customer means to do
# (您是要 / 是需要 / 是想 … 吗) is a restatement too; an offer of the agent's own help (需要我帮您转主管吗) is not.
_INTENT_ASKED = re.compile(r"^(?:好的|嗯|那|抱歉|不好意思|非常抱歉|请问)?[，,\s]*(?:您|你)(?:这边)?是?(?:需要|要|想|打算|准备)"
                           r"(?!我|帮|让我|给您|给你)(?P<content>[^？?]{2,40}?)[，,\s]*(?:吗|嘛)[？?。]?$")
_CONFIRMED = re.compile(r"^(?:嗯)?[，,\s]*(?:对|是的|没错|对的|就是|是这样|对对|是啊|对啊)(?:的)?(?=$|[，,。！!\s]|就是|我就是|你)")


def _confirmed_restatement(text: str, agent_before: str, utterance: int) -> ThreatHit | None:
    """A rule-only threat hit on the customer's ``text`` when it confirms the agent's restatement of a threat."""
    said = _CONFIRMED.match(reading_text(text))
    agent = reading_text(agent_before.strip())
    restated = _RESTATED.match(agent) or _INTENT_ASKED.match(agent)
    if said is None or restated is None:
        return None
    content = restated.group("content").replace("我们", "你们").replace("您", "我")
    step = next((h for h in scan_text("我" + content) if h.threat), None)
    if step is None:
        return None
    left, right = _clause_bounds(text, said.start(), said.end())
    return ThreatHit(utterance, (said.start(), said.end()), step.category, text[said.start():said.end()],
                     f"{text[left:right].strip()}（确认客服复述：{restated.group('content').strip()}）", True, "threat",
                     rule_only=True)

"""Explicit threats to complain or escalate, found in the customer's own words.

Registered as ``escalation.v1``. A *threat* is the customer saying that they will (or
already did) complain, go to an outside body (12315 / 12345 in digits or spoken form,
市长热线, 消协, a regulator, the police), the media, a lawyer or court, a superior, or
leave a bad review. Only customer utterances are read, so an agent's 您可以拨打12315 is
never a threat. Each hit is checked in its clause for

- **negation**: 我不想投诉, 这不是投诉, 就不举报了, 投诉也没用;
- **reported speech**: 我朋友说要投诉, 商家说你随便投诉 (someone else's words);
- **questions about the procedure**: 可以投诉吗, 怎么投诉;
- **an earlier complaint followed up**: 我昨天投诉了一个事儿 (only for 投诉/举报 to the
  platform; an outside body already involved still counts);
- **a body named as a place or an employer**: 送到区法院对面, 寄到派出所, 我是律师事务所的,
  我在电视台上班;

and a hotline number counts only standing alone: 一三九一二三四五六七八 (a phone number) or
订单号…一二三一五八 holds the digits inside a longer run of digits. Also
a plain compensation request (赔偿, 十倍赔偿) is never a cue. Every threat and every
suppressed mention is returned with its utterance, character span and reason, so a
reviewer sees why a line did or did not count. ``detect_threats`` is the public function
the complaint-risk model also calls; the analyzer wraps it in a ``Finding``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from qa_engine.analyzers._linear import ROW_CACHE_LIMIT, TextCache
from qa_engine.conversation import Conversation, Speaker
from qa_engine.findings import Evidence, Finding, Findings

VERSION = "escalation-rules-1"

_D1, _D2, _D3, _D4, _D5 = "[1一幺]", "[2二两]", "[3三]", "[4四]", "[5五]"
# A hotline number stands alone: 一三九一二三四五六七八 (a phone number), 订单号…一二三一五八
# and a password 一二三四五六 hold the digits inside a longer run of digits.
_DIGIT = "0-9０-９零〇一二两三四五六七八九幺"
_ALONE_L, _ALONE_R = f"(?<![{_DIGIT}])", f"(?![{_DIGIT}])"
# category → cue patterns. Longer, more specific patterns first within a category.
CUE_PATTERNS: dict[str, tuple[str, ...]] = {
    "hotline": (f"{_ALONE_L}{_D1}{_D2}{_D3}{_D1}{_D5}{_ALONE_R}", f"{_ALONE_L}{_D1}{_D2}{_D3}{_D4}{_D5}{_ALONE_R}",
                "(?:市长|政务|市民|便民|消费者|投诉)热线", "(?:打|拨打?|找)(?:个)?(?:三一五|315)"),
    "consumer_body": ("消费者权益保护委员会", "消费者协会", "消协", "消保委"),
    "media": ("媒体", "曝光", "上新闻", "新闻媒体", "电视台", "记者", "报社", "上热搜",
              "(?:发|挂|传|放|晒)(?:到|在|上)?(?:网上|微博|抖音|朋友圈|小红书)"),
    "legal": ("律师", "起诉", "法院", "法庭", "(?:打|吃)官司", "(?:劳动)?仲裁", "(?:提起|法律)?诉讼", "法律(?:程序|途径)", "追究[^，。！？,.!?]{0,4}法律责任",
              "(?<![你报广警忠转公预劝通])告(?:你|他|她|商家|你们|到|了)(?!诉)"),
    "regulator": ("银保监会?", "保监会", "银监会", "证监会", "市场监(?:督管理|管)(?:局|所|部门)?", "工商(?:局|所|部门)?",
                  "住建(?:局|委|部门)", "房管局", "邮政(?:管理)?局", "卫生局", "卫健委", "卫生监督",
                  "食药监", "食品药品监督", "食品(?:安全|卫生)?(?:监督|监管|安全)(?:管理)?局", "食品监督",
                  "监管(?:局|部门)", "质监局", "通信管理局", "工信部", "(?:相关|有关|行政|政府)部门", "公安",
                  "信访(?:办|局)?", "上访"),
    "police": ("报警", "警察", "派出所"),
    "superior": ("(?:找|叫|让|换|转|联系|请|喊|要)[^，。！？,.!?]{0,5}?(?:领导|上级|经理|主管|负责人|老总|总经理|总部|最高的?处理人)",
                 "(?:领导|上级|经理|主管|负责人|老总)(?:来|出来|能站出|站出来|接电话|联系|处理|解决)",
                 "把[^，。！？,.!?]{0,4}?(?:领导|上级|经理|主管|负责人|老总)(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)", "上一级领导", "经理以上",
                 "(?:帮我|给我|你)[^，。！？,.!?]{0,3}升级", "升级投诉"),
    "complaint": ("投诉", "举报"),
    "review": ("差评",),
}
# A bare 差评 is a mention; a threat needs an intention in front of it.
_REVIEW_INTENT = re.compile(r"(?:要|会|就|肯定|保证|必须|直接|给你|给你们|给他|打个|等着)[^了，。！？,.!?]{0,3}$")
_REVIEW_RECEIVED = re.compile(r"给我[^，。！？,.!?]{0,3}$")
_CLAUSE = re.compile(r"[，。！？；,.!?;：:\n]")
# "要不 / 不然 / 不行" introduce a condition (要不我就投诉), not a negation.
_CONDITIONAL = re.compile(r"要不然|不然|要不|不行|否则|不的话|不好的话|不处理|不解决|不给")
_NEGATOR = re.compile(r"(?:不|没|别|甭|未|无需|不必)([^不没别甭未]{0,10})$")
# What may stand between a negator and the cue in 我不想去投诉, 我也不是说我投诉, 不至于提起诉讼.
_NEG_FILLER = set("想会要用打算准备是至于去再说给你们他她它了也就还必需得一下跟向对找能可以我这那个提起什么都有让")
_POST_NEGATION = re.compile(r"^(?:[他她你们商家]{0,3})(?:就算了|算了|没用|不管用|也没用|有什么用|有啥用|就不必了|不了)")
_REPORTED = re.compile(
    r"(?<![跟和对给向])(?:朋友|同事|家人|家里人|我妈|我爸|老公|老婆|邻居|别人|有人|人家|他们|他|她|商家|骑手|老板|客服|你们|你)"
    r"(?:也|还|都|就)?(?:的意思|意思|觉得)?(?:说|讲|建议|告诉我|让我|叫我|要我|劝我|觉得)")
# Someone else did it: 你确实是已经投诉了, 你会投诉的话.
_OTHER_SUBJECT = re.compile(r"(?:你|他|她)们?(?:确实|已经|是|会|也|都){1,3}$")
_REPORTED_POST = re.compile(r"^[^，。！？,.!?]{0,3}?(?:他|她|商家|你|老板|骑手)们?说")
_WITHDRAWN = re.compile(r"撤销|撤掉|撤回|取消")
# A body named as a place or an employer, not as a step: 送到法院对面, 派出所旁边的超市,
# 我是律师事务所的, 我在电视台上班, 做新媒体的公司.
_PLACE_POST = re.compile(r"^(?:对面|旁边|附近|门口|隔壁|楼下|楼上|后面|前面|那边|边上|[东西南北]门|路口|事务所|上班|工作"
                         r"|的(?:公司|单位|行业|工作|同事|朋友))")
_PLACE_PRE = re.compile(r"(?:在|是|做|搞)[^，。！？,.!?]{0,3}$")
_DESTINATION_PRE = re.compile(r"(?:寄|送|发|邮|快递)到[^，。！？,.!?]{0,3}$")
_NOUN_CATEGORIES = frozenset({"legal", "media", "regulator", "police", "consumer_body"})
_HEARSAY = re.compile(r"听说|据说")
_QUESTION_PRE = re.compile(r"(?:可以|能不能|能否|可不可以|怎么|如何|是不是|要不要|在哪|哪里|是否|什么)[^，。！？,.!?]{0,4}$")
_QUESTION_POST = re.compile(r"^[^，。！？,.!?]{0,6}?(?:吗|么|呢|多少)|^[^，。！？,.!?]{0,4}?？|^不|^[^，。！？,.!?]{0,4}?(?:还是|是吧)|^(?:方式|渠道|流程|怎么)")
# 投诉/举报 as a noun or passive: not the customer's own step.
_COMPLAINT_PASSIVE_PRE = re.compile(r"(?:被|有人|收到|得到|接到|一单|没有一个)$")
_COMPLAINT_NOUN_POST = re.compile(r"^(?:工单|机制|率|记录|结果|进度|电话|单|专员|过|办公室|部门|中心|渠道|的那|的这|的事|的订单|的比较|的人|的多)")
_PRIOR_TIME = re.compile(r"昨天|前天|之前|上次|上回|刚才|刚刚|前两天|这两天|早上|上午|下午|前几天|那天")
_INTENT = re.compile(r"(?:要|会|想|再|还得|准备|打算|马上|直接|只能|只好)去?$")
_PRIOR_POST = re.compile(r"^(?:了.|过|的$|的那|的一)")
PRE_WINDOW = 16


@dataclass(frozen=True)
class ThreatHit:
    """One cue in one customer utterance and whether it counts as a threat."""

    utterance: int
    span: tuple[int, int]
    category: str
    cue: str
    sentence: str  # the clause around the cue, for display
    threat: bool
    reason: str  # "threat", or why set aside: negated / reported / withdrawn / place / question / prior / mention


def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    return [(cat, re.compile(p)) for cat, pats in CUE_PATTERNS.items() for p in pats]


_PATTERNS = _compiled()
# One pass tells most utterances (嗯, 好的, 订单号是…) that they hold no cue at all.
_ANY_CUE = re.compile("|".join(f"(?:{p})" for pats in CUE_PATTERNS.values() for p in pats))


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return left, right


def _negated(pre: str, post: str) -> bool:
    pre = _CONDITIONAL.sub("※", pre)
    m = _NEGATOR.search(pre)
    if m and all(ch in _NEG_FILLER for ch in m.group(1)):
        return True
    return bool(_POST_NEGATION.search(post))


def _reported(pre: str) -> bool:
    # 我跟他说我要投诉 is the customer's own threat: the look-behind skips 跟/对/给 + 他说.
    return bool(_HEARSAY.search(pre) or _REPORTED.search(pre))


def classify(text: str, start: int, end: int, category: str, after: int = 0) -> str:
    """Why the cue at ``text[start:end]`` is or is not a threat ("threat" when it is).

    ``after``: end of the previous cue in the same utterance; the context before the cue
    starts there, so 我不会去投诉但是…我要投诉 judges the second 投诉 on its own words.
    """
    left, right = _clause_bounds(text, start, end)
    pre = text[max(left, start - PRE_WINDOW, after):start]
    post = text[end:right]
    if _negated(pre, post):
        return "negated"
    if _reported(pre) or _REPORTED_POST.search(post) or _OTHER_SUBJECT.search(pre):
        return "reported"
    if _WITHDRAWN.search(post):
        return "withdrawn"
    if category in _NOUN_CATEGORIES and (_PLACE_POST.search(post) or _DESTINATION_PRE.search(pre) or (
            _PLACE_PRE.search(pre) and post.startswith(("的", "上班", "工作")))):
        return "place"
    if category == "review":
        return ("threat" if _REVIEW_INTENT.search(pre) and not _REVIEW_RECEIVED.search(pre)
                and not post.startswith("了") else "mention")
    if category == "complaint":
        if _COMPLAINT_PASSIVE_PRE.search(pre) or _COMPLAINT_NOUN_POST.search(post):
            return "mention"
        if (_PRIOR_TIME.search(pre) or _PRIOR_POST.search(post)) and not _INTENT.search(pre):
            return "prior"
    if _QUESTION_PRE.search(pre) or _QUESTION_POST.search(post):
        return "question"
    return "threat"


def scan_text(text: str, utterance: int = 0) -> list[ThreatHit]:
    """Every cue in one customer utterance, each classified; overlapping cues keep the longest."""
    if not _ANY_CUE.search(text):
        return []
    found: list[tuple[int, int, str]] = []
    for category, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), category))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    hits: list[ThreatHit] = []
    taken_until = 0
    for start, end, category in found:
        if start < taken_until:
            continue
        left, right = _clause_bounds(text, start, end)
        reason = classify(text, start, end, category, after=taken_until)
        taken_until = end
        hits.append(ThreatHit(utterance, (start, end), category, text[start:end], text[left:right].strip(),
                              reason == "threat", reason))
    return hits


# Hits depend on the text alone and utterances recur (好的, 嗯, 我要投诉), so they are
# memoised per text; the complaint model and this analyzer then share one scan.
_SCANS = TextCache(ROW_CACHE_LIMIT)


def detect_threats(conversation: Conversation) -> list[ThreatHit]:
    """Cue hits in the customer's utterances, in order (threats and set-aside mentions)."""
    out: list[ThreatHit] = []
    cache = _SCANS
    fresh: dict[str, list[ThreatHit]] = {}
    for j, u in enumerate(conversation.utterances):
        if u.speaker == Speaker.CUSTOMER and u.text:
            hits = cache.get(u.text)
            if hits is None:
                hits = fresh[u.text] = scan_text(u.text)
            out += [replace(h, utterance=j) for h in hits] if hits else []
    if fresh:
        cache.put_all(fresh)
    return out


class EscalationAnalyzer:
    """Finding ``threat``: value 0 when the customer explicitly threatens to escalate, else 1.

    Evidence cites each threat's utterance, cue span, times and full sentence; ``detail``
    lists the threats and the mentions set aside with their reason. N/A without customer
    speech.
    """

    name = "escalation"
    version = VERSION
    FINDINGS = frozenset({"threat"})

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    def analyze(self, conversation: Conversation) -> Findings:
        if not conversation.has_speech(Speaker.CUSTOMER):
            return Findings(analyzer=self.name, version=self.version,
                            items={"threat": Finding.not_applicable("no customer speech")})
        hits = detect_threats(conversation)
        threats = [h for h in hits if h.threat]
        evidence = [threat_evidence(conversation, h) for h in threats]
        finding = Finding(
            value=0.0 if threats else 1.0, evidence=evidence,
            detail={"threats": [_as_dict(h) for h in threats],
                    "set_aside": [_as_dict(h) for h in hits if not h.threat],
                    "categories": sorted({h.category for h in threats})})
        return Findings(analyzer=self.name, version=self.version, items={"threat": finding},
                        detail={"threat": bool(threats)})

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        return [self.analyze(c) for c in conversations]


def threat_evidence(conversation: Conversation, hit: ThreatHit) -> Evidence:
    """Evidence for one threat: the cue's span in its utterance, the utterance as text."""
    u = conversation.utterances[hit.utterance]
    return Evidence(utterance=hit.utterance, span=hit.span, start=u.start, end=u.end, text=u.text,
                    note=f"explicit threat ({hit.category}): '{hit.cue}'")


def _as_dict(hit: ThreatHit) -> dict:
    d = asdict(hit)
    d["span"] = list(hit.span)
    del d["threat"]
    return d

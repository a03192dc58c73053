"""Someone else's step: a relative, a friend, 他 / 她 or a party the caller dealt with as the subject of an intended or taken
step (我妈要去消协, 他要找你们经理, 我爸已经打了12315了), their outburst, clamour or line told, a review as their condition —
and where the caller joins it, relays it for them or has it done. Split from ``_escalation_scope``, which keeps the clause,
negation and reported-speech readings these build on."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_scope import (PRE_WINDOW, _KIN, _LINE_THROWN, _REPORTED, _SENTENCE_END, _SERVICE_SIDE,
                                                   _sentence_start, _unclaimed_report)

# Twenty-ninth pass (the guide's decision, "Twenty-ninth pass"): someone other than the caller named as the subject of an
# intended step — a relative, a friend, 他 / 她 — (我妈要去消协, 他要找你们经理, 我老婆准备去市场监管局举报你们) is not the caller's
# own voice, with or without 说: calm, as 我老公要投诉你们 and 我老公非要投诉你们不可 already read. Not when the caller is in the
# subject (我和我老公, 我跟我妈), has them do it (我让我老公去, 我叫我儿子) or does it for them (我帮他, 我替我妈); a step they already
# took (我爸已经打了12315了: the fourteenth pass's household escalation under way) is not read here.
# The family named around a step, shared by someone else's intended step (twenty-ninth pass) and the household's step already
# taken (thirty-first pass, which adds 老妈 / 老爸 after the parents).
_PARENTS = "我妈|我爸|我老妈|我老爸|妈妈|爸爸"
_SPOUSE_SIBLINGS_CHILDREN = "老公|老婆|爱人|丈夫|媳妇|我先生|我太太|我哥|我姐|我弟|我妹|儿子|女儿|闺女|孙子|孙女"
_OTHER_PERSON = (f"{_KIN}|{_PARENTS}|{_SPOUSE_SIBLINGS_CHILDREN}"
                 "|朋友|同事|室友|同学|闺蜜|男朋友|女朋友|对象|家里人|家人|亲戚|他们|她们|他|她")
_INTENT_FILLERS = "要|想|会|准备|打算|非要|非得|硬要|偏要|非|一定|肯定"
_OTHERS_STEP = re.compile(
    r"(?<![跟和对给向找让叫被把帮替陪带与同其])(?<!和我)(?<!跟我)(?<!与我)(?<!让我)(?<!叫我)(?<!帮我)(?<!替我)(?<!陪我)"
    r"(?<!带我)(?<!同我)(?<!请我)(?<!告诉)"  # 我告诉他投诉你们 (thirtieth pass): the caller has them do it
    # 我就带着我爸去消协 (eighty-ninth pass, fresh148): the caller takes them along
    r"(?<!带着)(?<!陪着)(?<!领着)"
    f"(?:{_OTHER_PERSON})((?:也|还|都|就|已经|早就|马上|立马|直接|明天|今天|现在|{_INTENT_FILLERS}){{0,3}})"
    r"((?:去|到)?(?:打|拨打?|找|向|到|给|跟|上)?)(?:把[^，。！？,.!?\s我]{1,6}?)?"
    # 她要去给你们差评 (hundredth pass, fresh199): the party addressed after 给 / 跟 / 向
    r"(?:(?<=[给跟向])(?:你们|他们|她们|商家|店家|这家店?|那家店?))?$")  # 我儿子要把这事发到网上
_INTENDED = re.compile(_INTENT_FILLERS)
_ALREADY = re.compile(r"已经|早就")  # 我妈已经要去消协了 (thirty-second pass): 已经 before the intention
_DONE_POST = re.compile(r"^(?:了|过)|^[^，。！？,.!?]{0,4}?(?:了|过)(?=$|\s)")
# 我妈要去消协，我陪她去 / 我跟他一起去: the caller joins the step later in the turn — their own step then.
# 她要找你们经理，我也要找 / 我们一起去: the caller takes the same step too.
_JOINED_AFTER = re.compile(r"[^。！？!?]{0,16}?我(?:也|就|会|明天|一定|得|要)?(?:陪|跟|和|带|同)着?[^，。！？,.!?我]{0,4}?"
                           r"(?:一起|一块儿?)?(?:去|找|打|告)"
                           r"|[^。！？!?]{0,16}?我(?:也|们也|们一起|们都)(?:要|想|会|得|准备|打算)?(?:一起|跟着)?"
                           r"(?:去|找|打|告|投诉|举报)")
# 我替我妈打的，她要找你们经理 (the caller phoning for the person whose matter it is): that person's step, relayed by
# their proxy, is the customer's.
_PROXY_CALL = re.compile(f"(?:替|帮|代)(?:我|我们)?(?:家)?(?:{_OTHER_PERSON}|妈|爸|老人|老人家)"
                         r"[^，。！？,.!?]{0,6}?(?:打(?:的|个|这个)?电话|打的|打过来|来问|问(?:一下|问)?|来的|反映)")
# Fifty-third pass (fresh73's 我老公一看就火了 说要报警): someone else's outburst, then 说 with no subject of its own — their words
_OUTBURST_THEN_SAID = re.compile(f"(?:{_OTHER_PERSON})[^我你，。！？,.!?]{{0,8}}?(?:火了|急了|气坏了|气炸了|炸了|生气了|不干了|来劲了|发火了)"
                                 r"\s?(?:就|也|还|当场)?说(?:要|他要|她要|一定要)?[^我，。！？,.!?\s]{0,3}$")
# Ninety-seventh pass (fresh177's 那个司机很凶 说不赔清洗费就要报警): a party the caller dealt with, described as hostile, then a
# subjectless 说 — their words, also as a condition (不…就要) — up to the cue with no 我; not when the step is aimed at him or her
# (司机很凶 说要投诉他: the caller speaking of the driver)
_HOSTILE_PARTY = f"{_OTHER_PERSON}|{_SERVICE_SIDE}|店家|房东|保安"
_HOSTILE = "很凶|特别凶|挺凶|好凶|凶得很|凶巴巴的?|很横|特别横|挺横|蛮横|不讲理|骂骂咧咧的?|脾气很大|脾气特别大"
_HOSTILE_THEN_SAID = re.compile(f"(?:{_HOSTILE_PARTY})[^我你，。！？,.!?]{{0,4}}?(?:{_HOSTILE})"
                                r"\s?(?:就|也|还|当场|直接)?说(?:不[^我你，。！？,.!?\s]{1,6}?就)?(?:要|会)?[^我，。！？,.!?\s]{0,3}$")
_AIMED_AT_THIRD = re.compile(r"^(?:了)?(?:他|她|那个|这个)")


# Fifty-fourth pass (fresh74's 排在我前面的一位大哥跟店员吵起来了，说他的手机修了三次还是黑屏，嚷着要打12315): someone else in the
# sentence, then a clamour verb (嚷着 / 喊着 / 吵着 / 闹着 要) with no 我 in between — their clamour, told
# (老人家 since the hundred-and-fifteenth pass: fresh318's 老人家性子急，刚才电话里嚷着要投诉)
_SOMEONE_CLAMOURS = re.compile(f"(?:{_OTHER_PERSON}|大哥|大姐|大爷|大妈|阿姨|叔叔|小伙子?|那人|那个人|有个人|一个人|顾客|客人|男的|女的|老人家)"
                               r"[^我。！？!?]{0,30}?(?:嚷着|嚷嚷着|嚷嚷|喊着|吵着|闹着|叫嚷着)(?:说)?(?:要)?[^我，。！？,.!?\s]{0,3}$")


def clamoured_by_someone(text: str, start: int) -> bool:
    """In the cue's sentence, someone else clamours for the step (嚷着要打12315), no 我 in between (fifty-fourth pass)."""
    return _SOMEONE_CLAMOURS.search(text, _sentence_start(text, start), start) is not None


# Ninety-second pass (fresh160's 他说平台规定只送到楼下 然后还来了一句你随便投诉): someone else said something, then threw in a line
# (来了一句 / 甩了一句 …) that holds the cue, with no 我 in between — their words, even where the recogniser's spaces leave one
# clause
_LINE_THROWN_IN = re.compile(f"(?:{_OTHER_PERSON}|{_SERVICE_SIDE}|客服)"
                             r"(?:就|也|还|又)?说[^我。！？!?]{0,24}?" + _LINE_THROWN + r"[^我，。！？,.!?]{0,8}$")


def line_thrown_in_by_someone(text: str, start: int) -> bool:
    """In the cue's sentence, someone else's words go on with a line thrown in that holds the cue (ninety-second pass)."""
    return _LINE_THROWN_IN.search(text, _sentence_start(text, start), start) is not None


def outburst_then_said(pre: str) -> bool:
    """``pre`` ends with another person's outburst and a subjectless 说(要) before the cue (fifty-third pass)."""
    return _OUTBURST_THEN_SAID.search(pre) is not None


def hostile_party_said(pre: str, post: str) -> bool:
    """``pre`` ends with a party described as hostile (司机很凶) and their subjectless 说 before the cue, and the cue is
    not aimed at him or her in ``post`` (ninety-seventh pass)."""
    return _HOSTILE_THEN_SAID.search(pre) is not None and _AIMED_AT_THIRD.match(post) is None



# Thirtieth pass (the guide's "Thirtieth pass"): a step named by its verb alone after the person, with no intention word and
# no verb before it (他投诉你们, 她举报你们, 他找你们经理, 他明天曝光你们) — their step in the present, not taken: read as the
# intended step (我妈投诉你们 already read reported). Not a bare noun (监控不了他差评).
_BARE_STEP_CUE = re.compile(r"投诉|举报|检举|起诉|控告|告|曝光|爆料|报警|报案|找|见|上|打|拨|去|到|反映|申诉")


def _named_step(pre: str, text: str, start: int, post: str) -> bool:
    """``pre`` ends with someone other than the caller and what they mean to do (an intention or a verb of the step, the
    cue's own 要 / 想: 他要找你们经理, or the cue's verb alone: 他投诉你们; not a bare 他差评, a noun), not already taken
    (with no intention word, 了 / 过 after the cue tells it done: 我妈去消协了)."""
    m = _OTHERS_STEP.search(pre)
    if m is None:
        return False
    intended = _INTENDED.search(m.group(1)) is not None or text.startswith(("要", "想"), start)
    if intended:
        return True
    if _ALREADY.search(m.group(1)):
        return False  # 他已经投诉你们: a step already taken (thirty-first pass), not an intended one
    return (m.group(2) != "" or _BARE_STEP_CUE.match(text, start) is not None) and _DONE_POST.search(post) is None


def _proxy_call(text: str, start: int, end: int) -> bool:
    """The caller phones for someone (``_PROXY_CALL``) before the cue, or later in the same sentence (thirty-first pass:
    我老公要投诉你们，我替他打的 — the proxy told after the step)."""
    stop = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    return _PROXY_CALL.search(text, 0, start) is not None or _PROXY_CALL.search(text, end, stop) is not None


def joined_by_caller(text: str, end: int) -> bool:
    """The caller joins the step that ends at ``end`` later in the turn (我妈要去消协，我陪她去; ``_JOINED_AFTER``)."""
    return _JOINED_AFTER.match(text, end) is not None


def joined_step(text: str, start: int, end: int) -> bool:
    """Someone else's step named before the cue (我妈要去 / 他要) that the caller joins later in the turn (…，我陪她去)."""
    return _OTHERS_STEP.search(text, max(0, start - PRE_WINDOW), start) is not None and joined_by_caller(text, end)


def others_step(pre: str, text: str, start: int, end: int, post: str) -> bool:
    """The step is someone else's (``_named_step``), not joined by the caller later in the turn and not relayed by the
    caller phoning for them."""
    return _named_step(pre, text, start, post) and not joined_by_caller(text, end) and not _proxy_call(text, start, end)


def proxied_step(pre: str, text: str, start: int, post: str, end: int) -> bool:
    """Thirtieth pass: the caller phones for the person whose matter it is (我替我老公打的) and that person's step follows
    (我老公要投诉你们): the customer's step through a proxy, whichever older frame (a relative with 要, 他会) would call it
    reported. Their words with 说 stay reported (我替我老公打的，我老公说要投诉你们). A proxy call told after the step in the
    same sentence counts too (thirty-first pass)."""
    return _named_step(pre, text, start, post) and _proxy_call(text, start, end)


# Twenty-ninth pass (in-sample: fresh45_test's rules-alone error 商家打电话跟我说，要是我给差评就不给我退款): a bad review as the
# **condition** of someone else's threat told by the caller (要是我给差评就不给我退款, 你要是给差评我就投诉你, 敢给差评就拉黑我).
# The caller's own review is the consequence (不退我就给差评), never the condition; the cues in the consequence are theirs too.
_REVIEW_CUE = r"(?:差评|负评|(?<![0-9一二三四五六七八九十])[一1]颗?星(?!期|级|座|半))"
_REVIEW_CONDITION = re.compile(
    r"(?:(?:要是|如果|假如|若是|万一|只要|敢|胆敢)[^，。！？,.!?就不没]{0,3}?|(?<=[，,\s说])(?:你|我)?敢?)"
    r"(?:给|打|写|留|发)了?(?:你们|你|他们|他|她|商家|店家|这家店?)?(?:个|一个|条|一条)?" + _REVIEW_CUE
    + r"(?:的话)?[，,]?\s?[^，。！？,.!?]{0,4}?就(?!是|算)")
# someone else told the caller (跟我说, 给我打电话说, 私信我, 威胁我) — the caller never says this of themselves
_TOLD_ME = re.compile(r"(?:跟|对|和|给)我(?:说|讲)|给我打(?:了)?(?:个)?电话(?:说|讲)?|打电话(?:来|过来)?(?:跟|对|给)我(?:说|讲)"
                      r"|私信我|(?:发|留)了?(?:条|个)?(?:消息|信息|短信|微信|私信)(?:给我|跟我)?(?:说)?|威胁|警告|扬言|吓唬")


def _told_by_someone_else(text: str, pos: int) -> bool:
    head = _sentence_start(text, pos)
    return (_TOLD_ME.search(text, head, pos) is not None
            or _unclaimed_report(_REPORTED, text, head, pos))


# Seventy-second pass (fresh107's 隔壁超市老板跟我说 他要去市场监管局举报你们): a boss who told the caller something — no demand or
# the company's 你们 before it, the told words after it — is someone's words reported, not the company's superior asked for
# (让你们老板跟我说 · 叫老板跟我说清楚 stay demands)
_SUPERIOR_DEMANDED_PRE = re.compile(r"(?:让|叫|请|要|喊|你们|你家|贵公司|贵司)[^，。！？,.!?]{0,6}$")
_TOLD_WORDS_AFTER = re.compile(r"[\s，,:：]*(?:他|她|他们|她们|说|要|会|你们|我们|这|那)")


def superior_told_me(text: str, left: int, start: int, end: int) -> bool:
    """The superior cue at ``text[start:end]`` (…老板跟我说) tells what someone said to the caller, not a demand."""
    return (text.endswith("跟我说", start, end) and not _SUPERIOR_DEMANDED_PRE.search(text, left, start)
            and _TOLD_WORDS_AFTER.match(text, end) is not None)


def review_as_others_condition(text: str, start: int, end: int, category: str) -> bool:
    """A bad review is the condition of a threat someone else made and the caller tells (the cue itself, or a cue in the
    consequence after its 就), and the sentence reports that person's words before it."""
    head = _sentence_start(text, start)
    if category == "review":
        cond = None
        for m in _REVIEW_CONDITION.finditer(text, head, min(len(text), end + 12)):
            if m.start() <= start < m.end():
                cond = m
                break
    else:
        cond = next((m for m in _REVIEW_CONDITION.finditer(text, head, start)
                     if re.fullmatch(r"[^，。！？,.!?]{0,6}", text[m.end():start])), None)
    return cond is not None and _told_by_someone_else(text, cond.start())


# Thirty-first pass (the guide's fourteenth-pass rule, "Thirty-first pass"): a step **already taken** by someone of the caller's
# household (or 他 / 她) on the caller's matter — 我妈已经投诉你们了, 他已经投诉你们了, 我老公投诉了你们, 他去消协了 — is the household's
# escalation under way, read as the caller's own step told in the same words (as 我妈去消协了, 我爸已经打了12315了 already were),
# not as someone else's step reported by the older frames (``_THIRD_PARTY``, ``_OTHER_SUBJECT``). Not friends, colleagues or
# 他们 (their own matter, or another party), not a step aimed at someone else (投诉我 / 他们公司), not a step whose outcome the
# turn tells (他打了12315以后你们给赔了, 打了12315才退的) or that is withdrawn or settled later (后来撤了, 后来解决了).
_HOUSEHOLD = f"{_KIN}|{_PARENTS}|老妈|老爸|{_SPOUSE_SIBLINGS_CHILDREN}|家里人|家人|他|她"
_TAKEN_BY = re.compile(
    # 我和他已经投诉你们了: the caller in the subject, their own step all the more
    r"(?:(?<=我[和跟与同])|(?<![跟和对给向找让叫被把帮替陪带与同其们]))"
    f"(?:{_HOUSEHOLD})(?!们)((?:也|还|都|已经|早就|早|就|刚刚|刚才|刚){{0,3}})"
    r"((?:去|到)?(?:打|拨打?|找|向|到|给|跟|上|告)?(?:了|过)?)$")
_TAKEN_WORD = re.compile(r"已经|早就|早|刚刚|刚才|刚")
_TAKEN_POST = re.compile(r"^(?:了|过)|^[^，。！？,.!?]{0,6}?(?:了|过)(?=$|\s|吧|啊|呀)")
_OTHER_TARGET = re.compile(r"他|她|别人|人家|邻居|我|那家|另一家|另外一家|别家|其他")
_OUTCOME_AFTER = re.compile(r"[^。！？!?]{0,12}?(?:以后|之后|才|后来|结果|最后)"
                            r"|[^。！？!?]{0,24}?(?:撤销|撤掉|撤回|撤了|取消了|解决了|处理好了|退了|赔了)")


def taken_step(pre: str, text: str, start: int, end: int, post: str) -> bool:
    """``pre`` ends with someone of the caller's household (or 他 / 她) and the step is told as already taken (已经 / 早就
    before it, 了 / 过 in or after it), aimed at no one else and with no outcome, withdrawal or settlement told after it."""
    m = _TAKEN_BY.search(pre)
    if m is None:
        return False
    taken = (_TAKEN_WORD.search(m.group(1)) is not None or m.group(2).endswith(("了", "过"))
             or _TAKEN_POST.search(post) is not None)
    if not taken or _INTENDED.search(m.group(1)) or text.startswith(("要", "想"), start):
        return False
    return _OTHER_TARGET.search(post) is None and _OUTCOME_AFTER.match(text, end) is None


# Thirty-second pass (the thirty-first pass's open items; the guide's "Thirty-second pass"): a step told as **taken** (了 / 过
# right after the cue, or 打了 / 去了 / 找过 right before it) whose settling the same sentence tells next (我妈去消协了，后来你们给退了;
# 我同学打了12315才退的) is a finished episode, whoever took it: calm (the guide's settled-past rule, as 我妈已经投诉你们了，后来解决了
# and 上次我说要打12315，后来你们给我退了 already read). Not an outcome that is not a settling (打了12315以后你们还是不管), a negated one
# (后来也没退), or one taken up again later (这次我还要打: ``_REOPENED``).
_SETTLED_AFTER_STEP = re.compile(r"[^。！？!?]{0,12}?(?:以后|之后|才|后来|最后|结果)[^，。！？,.!?没不未]{0,6}?"
                                 r"(?:退了|退的|赔了|赔的|解决了|解决的|处理好了|修好了|换了|退款了|到账了|给退|给赔)")
_TAKEN_HERE_PRE = re.compile(r"(?:打|拨|找|去|到|上|告|投诉|举报)(?:了|过)$")


def settled_step(pre: str, text: str, end: int, post: str) -> bool:
    """The step is told as taken (``_TAKEN_HERE_PRE`` before it, or 了 / 过 right after it) and its settling follows in
    the same sentence (``_SETTLED_AFTER_STEP``), not taken up again."""
    taken = _TAKEN_HERE_PRE.search(pre) is not None or re.match(r"(?:了|过)", post) is not None
    return taken and _SETTLED_AFTER_STEP.match(text, end) is not None


# Thirty-third pass (the thirty-second pass's open item; the guide's thirty-first-pass rule, "calm as before: a friend's, a
# colleague's, a classmate's … step (their own matter)"): a friend's, colleague's, classmate's or roommate's step told as taken
# with a verb before the cue (我朋友去消协了, 我同学打了12315, 我同事去消协投诉你们了) read as a threat while the same step with 已经
# (我朋友已经投诉你们了) was `reported` (``_THIRD_PARTY``). Now both are their own matter, reported. Not the caller in it or having
# them do it (我和我朋友去消协了, 我让我朋友去, 我朋友帮我去: the look-behinds and no 帮我 between), not an intended step (我朋友要去消协:
# ``others_step``), not one the caller joins later in the turn (…，我也要去).
_FRIEND = "朋友|同事|同学|室友|闺蜜|男朋友|女朋友|舍友"
# What stands between the friend (or the pronoun taking them up) and the cue: time words (group 1), then the step's verb with
# 了 / 过 (group 2).
_FRIEND_STEP_TAIL = (r"((?:也|还|都|就|已经|早就|早|刚刚|刚才|刚|之前|以前|上次|上回|去年|前年|前几天|前两天|昨天|前天|上个月"
                     r"|上(?:个)?(?:礼拜|星期)|上周|那天|当时){0,3})"
                     r"((?:去|到)?(?:打|拨打?|找|向|到|给|跟|上|告)?(?:了|过)?)$")
_FRIEND_TAKEN = re.compile(
    r"(?<![跟和对给向找让叫被把帮替陪带与同其])(?<!和我)(?<!跟我)(?<!与我)(?<!让我)(?<!叫我)(?<!帮我)(?<!替我)(?<!陪我)"
    r"(?<!带我)(?<!同我)(?<!请我)(?<!告诉)"
    f"(?:{_FRIEND})" + _FRIEND_STEP_TAIL)


# Fortieth pass (fresh57_dev: 我朋友上个月在你们那儿买到过期药，她去市场监管局反映过了): the friend named in an earlier clause and
# taken up again by 他 / 她 as the subject of the step — the same friend's own matter, with no 我 between them (我朋友…，我去
# 反映过了 is the caller's). 他 / 她 with no friend before them stays as the thirty-first pass read it (他去消协了: a threat).
_FRIEND_THEN_PRONOUN = re.compile(
    f"我的?(?:{_FRIEND})[^。！？!?我]{{1,30}}?[，,\\s](?:他|她)" + _FRIEND_STEP_TAIL)


def friends_taken_step(pre: str, text: str, start: int, end: int, post: str) -> bool:
    """``pre`` ends with a friend, colleague, classmate or roommate and a verb of the step, and the step is told as taken
    (了 / 过 in or after it, or 已经 / 早就 / 刚 before it), with no intention word, and the caller does not join it later
    in the turn (…，我也要去)."""
    m = _FRIEND_TAKEN.search(pre) or _FRIEND_THEN_PRONOUN.search(text, max(0, start - 48), start)
    if (m is None or not (m.group(2) or _BARE_STEP_CUE.match(text, start)) or text.startswith(("要", "想"), start)
            or joined_by_caller(text, end)):
        return False
    return (_TAKEN_WORD.search(m.group(1)) is not None or m.group(2).endswith(("了", "过"))
            or _TAKEN_POST.search(post) is not None)

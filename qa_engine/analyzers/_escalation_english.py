"""English cues in a Chinese call (complain, sue, lawyer, manager, one-star review …) judged by
their English context: the counterparts of the Chinese negation, reported-speech, question and
noun frames."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_scope import _KIN

# English scope for English cues, the counterparts of the Chinese frames (the Chinese ones still
# apply to the Chinese words around them: 我不是要 complain 哈 is negated by 不是要).
_EN_PRE_WINDOW = 40
_EN_OWN_INTENT = re.compile(r"(?<![a-z])(?:i will|i'll|i am going to|i'm going to|i'm gonna|i am gonna|gonna|i want to|i'd like to"
                            r"|let me|i need to|i have to|i must)(?![a-z])")
_EN_NEGATED = re.compile(r"(?<![a-z])(?:not|never|no need to|no|don't|didn't|doesn't|won't|wouldn't|isn't|aren't|can't"
                         # “Stop complaining and enjoy your birthday” on a cake card (thirteenth pass)
                         r"|nothing to|stop|quit)(?: [a-z']+){0,3} ?$")
_EN_OTHER_SUBJECT = re.compile(r"(?<![a-z])(?:he|she|they|someone|somebody|people|others|my (?:wife|husband|friend|boss|mom|dad"
                               r"|mother|father|colleague|son|daughter|neighbou?r)s?|the (?:shop|merchant|driver|seller|courier))"
                               # 我爸总是 complain (thirteenth pass): a Chinese third-party subject before the English verb
                               f"|(?<![跟和对给向找让叫把被])(?:{_KIN}|我爸|我妈|爸爸|妈妈|老爸|老妈|老公|老婆|爱人|我朋友|朋友|同事|邻居"
                               r"|孩子|儿子|女儿|[我他她][哥姐弟妹]|他们|她们|他|她)"
                               # my wife 老是 complain (twelfth pass, after fresh29_test): a Chinese adverb after the subject
                               r"(?: (?:always|often|also|just|will|would|keeps?|said|says|wants? to|threatened to)"
                               r"| ?(?:老是|总是|总|一直|经常|天天|也|都|还|又)){0,2} ?$")
_EN_SAID = re.compile(r"(?<![a-z])(?:said|says|told (?:me|us)|heard)(?: [a-z']+){0,6} ?$")
_EN_QUESTION = re.compile(r"(?<![a-z])(?:can|could|may|should|how|where|who|whom|what|whether)(?: [a-z']+){0,4} ?$")
# complaint as a noun: the chief complaint, my complaint, the complaint form (not: file a complaint).
_EN_NOUN_PRE = re.compile(r"(?<![a-z])(?:my|the|that|this|your|our|his|her|their|chief|customer|previous|last|earlier|a|an|any"
                          r"|no)(?: [a-z-]+)? ?$")
_EN_FILED_PRE = re.compile(r"(?<![a-z])(?:file|lodge|make|submit|raise|send|write|put in)(?: (?:a|an|my|formal|official|written))* ?$")
_EN_NOUN_POST = re.compile(r"^ ?(?:form|department|dept|rate|number|hotline|system|box|channel|ticket|record|status|id|"
                           r"section|field|column|list)(?![a-z])")
_EN_ADDRESS = re.compile(r"^[@._/-]")  # complaints@example.com, /complaints
_EN_OBJECT_POST = re.compile(r"^ ?(?:you|your|them|him|her|this|it|that|the|你|他|她|这|那|商家|平台|公司|贵|店)")
_EN_JOB_PRE = re.compile(r"(?:(?<![a-z])(?:is|am|was|were|are|as|be|become|became|work as|works as)|'m)(?: (?:a|an))?(?: [a-z]+)? ?$"
                         r"|(?:是|当|做)(?:个|一个|一名|名)? ?$")
_EN_PERSON_POST = re.compile(r"^(?:'s)? ?(?:friends?|colleagues?|husband|wife|brother|sister|cousin|dad|mom|father|mother|son"
                             r"|daughter|neighbou?rs?|classmates?|朋友|同事|老公|老婆|哥|姐|弟|妹|同学|邻居|亲戚)(?![a-z])")
_EN_INTENT_PRE = re.compile(r"(?:(?<![a-z])(?:will|'ll|gonna|going to|to|want to|must)|要|会|就|去|准备|打算) ?$")
_EN_SUBJECT_POST = re.compile(r"^ ?(?:came|come|comes|said|says|called me|told|was|were|is|are|has|have|had|did|does)(?![a-z])")
_EN_REVIEW_INTENT = re.compile(r"(?<![a-z])(?:will|'ll|gonna|going to|leave|leaving|write|writing|give|giving|post|posting)"
                               r"(?: [a-z-]+){0,3} ?$|(?:要|会|就|肯定|一定|必须|直接|只能|给你们?)[^，。！？,.!?]{0,4}$")


_ZH_OTHER_SUBJECT = re.compile(r"(?<![跟和给向对找帮替])(?:老公|老婆|丈夫|妻子|男朋友|女朋友|对象|爸|妈|同事|朋友|邻居|孩子|儿子|女儿|他|她)们?"
                               r"(?:老|总|总是|经常|又|也|一直|天天|常|还)? ?$")
_ZH_EARLIER_PRE = re.compile(r"(?:那个|这个|那次|上次|之前|上周|昨天|前天|上个月)的? ?$")
_SETTLED_POST = re.compile(r"^ ?[^，。！？,.!?]{0,4}?(?:已经|都)(?:解决|处理好|处理完|搞定|办好)")


def _english_reason(text: str, start: int, end: int, category: str, left: int, right: int, after: int) -> str | None:
    """Why an English cue is set aside by its English context (None: nothing in English sets it aside)."""
    pre = text[max(left, start - _EN_PRE_WINDOW, after):start]
    post = text[end:right]
    if _EN_ADDRESS.search(post) or (pre and pre[-1] in "@./-"):
        return "mention"
    own = _EN_OWN_INTENT.search(pre)
    neg = _EN_NEGATED.search(pre)
    if neg and not (own and own.start() > neg.start()):
        return "negated"
    if _EN_OTHER_SUBJECT.search(pre) or (_EN_SAID.search(pre) and not own):
        return "reported"
    if _EN_QUESTION.search(pre) and not own:
        return "question"
    if _ZH_OTHER_SUBJECT.search(pre) and not own:
        return "reported"  # 我老公老 complain 我: another person in Chinese before the English verb
    cue = text[start:end]
    if category == "complaint" and cue.startswith("complaint") and (_ZH_EARLIER_PRE.search(pre) or _SETTLED_POST.search(post)):
        return "prior"  # 上周那个 complaint 你们已经解决了: an earlier complaint referred to
    if category == "complaint" and cue.startswith("complaint"):
        if _EN_NOUN_POST.search(post) or (_EN_NOUN_PRE.search(pre) and not _EN_FILED_PRE.search(pre)):
            return "mention"
    # my lawyer friend, my friend is a lawyer (thirteenth pass): the legal noun as a job or a modifier of a person
    if category == "legal" and cue.startswith(("lawyer", "attorney")):
        if _EN_JOB_PRE.search(pre):
            return "place"
        if _EN_PERSON_POST.search(post):
            return "mention"
    if category == "legal" and cue.startswith("su") and not (_EN_OBJECT_POST.search(post) or _EN_INTENT_PRE.search(pre)):
        return "mention"  # Sue, a name
    if category == "review":
        return "threat" if _EN_REVIEW_INTENT.search(pre) else "mention"
    if category in ("police", "media", "regulator", "consumer_body") and _EN_SUBJECT_POST.search(post) and not own:
        return "mention"  # the police came, the reporter said: the body as the subject of someone else's act
    return None

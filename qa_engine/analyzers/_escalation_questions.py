"""Questions about a procedure (可以投诉吗, 怎么投诉, 投诉找哪个部门) as opposed to a threat put as a
question (信不信我去告你们), and how far a question after an announced step reaches."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_scope import _OWN_STEP, _SENTENCE_END, _sentence_start

# 要不要我打个12315问问？/ 你信不信我去告你们: a threat put as a question.
# (Not the doubled refusal 不用不用我不想投诉她 / 不要不要我不投诉 (twenty-fourth pass): ASR runs 不用 不用 together into 用不用我.)
_RHETORICAL = re.compile(r"你(?:说|想想|看)我(?:要是|如果|真的?|真要)[^，。！？,.!?]{0,10}$|(?:(?<!不)要不要|信不信|(?<!不)用不用|需不需要|是不是(?:非)?要|难道(?:非|一定)?(?:要|得)|不怕|是(?:想|要)(?:让|叫|逼)|想逼|觉得|以为|认为)我[^，。！？,.!?]{0,6}$")
# 我想咨询一下打官司…, 问一下离婚诉讼… ask about a procedure (咨询过律师 / 咨询了律师 do not).
# (看看看有什么用叫你们负责人来: 有什么用 / 凭什么 / 什么态度 are complaints, not questions.)
_QUESTION_PRE = re.compile(r"(?:一般(?:是|都|来说)?|找谁|可以|能不能|能否|可不可以|怎么|如何|是不是|要不要|在哪|哪里|(?:去|到|找|在)哪儿(?!网)|是否|(?<![有凭叫姓])什么(?![用意态])"
                           r"|咨询一下|问一下|问问|请问|了解一下)[^，。！？,.!?]{0,4}$")
# Thirty-fifth pass (fresh50_dev's 请问你们平台一般怎么处理对司机的投诉？我就想了解一下): how the company handles complaints asked,
# the complaint a noun the handling verb governs with a possessor or target before it (对司机的投诉, 乘客的投诉, 这类投诉) — the
# wh-word stands further back than _QUESTION_PRE's four characters, but the question still governs the noun. Not a step announced
# after the question (…怎么处理的？我要投诉: ``_own_step`` starts the context at 我要).
_HANDLING_ASKED_PRE = re.compile(r"(?:怎么|如何|怎样|咋)(?:来)?(?:处理|受理|对待|解决|回应|回复|跟进|核实|处置|看待|认定)"
                                 r"(?:[^，。！？,.!?\s]{0,8}?的|这类|这种|这些|此类|这样的|类似的?)$")
# Seventieth pass (the open item of stop 32: 我要是去市场监管局举报了 你们会怎么样): the caller's own step as a condition and the
# company asked what it would do then — a warning, not a question about the step (not 要是客人投诉了…: someone else's step)
_IF_STEP_PRE = re.compile(r"(?:(?:我|俺)(?:要是|如果|假如|万一|真要是?)|(?:要是|如果|假如|万一)(?:我|俺))[^，。！？,.!?]{0,3}$")
_CONSEQUENCE_ASKED_POST = re.compile(r"^(?:了|的话)?[\s，,]*(?:那|到时候|到时)?\s?(?:你们|贵公司|你们公司|你们店|你们家)"
                                     r"(?:会|就|能|可|又|还)?(?:怎么样|咋样|怎么办|咋办|吃得消|担得起|受得了|兜得住)")
# 咋 (the northern 怎么) since the sixty-first pass (fresh85's 问下用户投诉你们一般咋处理); 着呢 tells, it does not ask
# (幺二三四五的电话我存着呢, seventieth pass)
# (么 not in 这么 / 那么 since the ninetieth pass: fresh152's 我现在挂了电话就去打一二三四五 问问停这么久水为啥…, a degree, not a question)
_QUESTION_POST = re.compile(r"^[^，。！？,.!?]{0,6}?(?:吗|(?<![这那])么|(?<!着)呢|咋|多少|(?:找|是|问|联系)谁|是哪|在哪|从哪)|^[^，。！？,.!?]{0,4}?？|^不|^[^，。！？,.!?]{0,4}?(?:还是|是吧)|^(?:方式|渠道|流程|怎么)"
                            # 我要投诉的话去哪里 / 投诉找哪个部门: where or how, no step announced
                            r"|^(?:的话)?(?:分别|一般|都)?(?:应该|该|要|可以|得)?(?:去|找|到|打)(?:哪|哪里|哪儿|哪个|什么)"  # (分别 / 一般 / 都: ninety-sixth pass, fresh175's 报修 缴费 投诉分别打哪个号码)
                            # 投诉是走哪个渠道？, 升级处理一般都是怎么个流程 (hundred-and-fourteenth pass, fresh306 / fresh309): the
                            # channel or the procedure asked
                            r"|^(?:是|都是|一般是)?走(?:哪|哪个|哪条|什么)"
                            # 要是投诉司机 一般都是咋处理的 (hundred-and-fifteenth pass, fresh317): how it is usually handled
                            r"|^[^，。！？,.!?]{0,8}?一般(?:都)?(?:是)?(?:怎么|咋|如何)(?:处理|弄|办|解决)"
                            # (是个什么流程 since the hundred-and-sixteenth pass: fresh324's 如果想投诉一个商家 一般是个什么流程)
                            r"|^[^，。！？,.!?]{0,8}?(?:怎么个|是怎样的|是个?什么(?:样的?)?)(?:流程|程序|步骤|过程)"
                            # (a short object before 的话 since the eighty-ninth pass: fresh149's 投诉商家的话是在app的哪个地方操作)
                            r"|^[^，。！？,.!?\s]{0,4}?的话[^，。！？,.!?]{0,8}?(?:怎么|怎样|如何|谁|哪|多久|多长时间|几天)"
                            # (not after the step told as done, 把你们告到法院了 立了案了 今天打电话就是问问…, since the
                            # hundred-and-seventh pass: fresh252 — the question is about something else)
                            r"|^(?![^，。！？,.!?\s]{0,4}?了)[^，。！？,.!?]{0,14}?(?:随便问问|就是问问|只是问问|就问问|问一下而已)"
                            # 走司法程序要多长时间 (twenty-fifth pass, in-sample: an open misread of fresh37_test's): how long it takes
                            # (处理 before it since the sixty-seventh pass, fresh96's 你们这边升级处理一般要多久)
                            r"|^(?:的话)?(?:处理)?(?:一般|大概|大约)?(?:要|需要|得)(?:多长时间|多久|几天|几个月|多少天)"
                            # Forty-second pass (fresh60's 你们平台的投诉一般多久会有回复): how long it usually takes, 要 left unsaid
                            # after 一般 / 通常 (not 我投诉多久了, the time since)
                            r"|^(?:一般|通常|大概|大约)(?:多长时间|多久|几天|几个月|多少天)(?!了)"
                            # 你们平台举报一个卖家一般要几天出结果 (hundred-and-sixteenth pass, fresh320): the same with the
                            # object of the step before 一般 / 通常
                            r"|^[^，。！？,.!?\s我俺]{1,6}?(?:一般|通常)(?:要|需要|得)?(?:多长时间|多久|几天|几个月|多少天)(?!了)"
                            # (with no 一般 when the reply is named, 投诉多久有回复, since the hundred-and-fifth pass: fresh236)
                            r"|^(?:多长时间|多久|几天)(?:会|能|才|可以)?(?:有|给)(?:回复|答复|结果|回音|处理结果)")
# After the customer's own announced step (我要投诉…), ASR runs the next clause on: a question there is
# about something else, not about the step (tenth pass): who the target is (我要投诉你 你工号多少,
# 我要投诉他他叫什么名字), an angry why (我要投诉你们 为什么不给我退款, 凭什么), a 懂吗 / 知道吗, or any
# question after a pause (我要投诉 你们多少天能给我答复), an embedded clause after 知道 / 看看. The
# question test stops at the first of these, except a pause followed by a question about the
# procedure (我要投诉 要去哪里 / 电话多少).
_AFTER_STEP = re.compile(r"\s+|(?:你|他|她)们?的?(?:工号|员工号|编号|名字|全名|叫什么|叫啥|姓什么|姓啥)"
                         r"|凭什么|凭啥|为什么|为啥|怎么回事|咋回事|咋搞的|咋整的|什么态度|懂吗|懂不懂|知道吗|知不知道|听到没|听见没|明白吗"
                         # 我要让你们领导知道你是怎么服务的: an embedded clause after 让…知道 / 看看, not a question
                         r"|知道|看看|瞧瞧|评评理"
                         # 有啊我要找你们领导你们领导电话多少 (twenty-third pass, fresh40_dev): the superior demanded named again
                         # opens the next clause of an ASR run-on; asking for his number carries the demand on
                         r"|(?:你|他|她)们?(?:的)?(?:领导|经理|上级|主管|负责人|老板|老总|店长)")
# (twenty-fifth pass, in-sample: the twenty-third pass's open misread) a superior demanded and, with no pause, his number
# asked (我要找你们领导电话多少): the same demand, as when the superior is named again before it
_SUPERIOR_END = re.compile(r"(?:领导|经理|上级|主管|负责人|老板|老总|店长|站长|行长|校长|园长)$")
_CONTACT_ASKED = re.compile(r"^的?(?:电话|手机号?|联系方式|号码)(?:号码)?(?:是)?(?:多少|给我)")
_PROCEDURE_ASK = re.compile(r"\s*(?:那|请问)?我?(?:要|该|得|应该|可以|能)?(?:怎么|怎样|如何|去哪|找谁|找哪|到哪|打哪|在哪|哪个|哪里"
                            r"|打什么|什么电话|电话|号码|流程|渠道|方式)")


# After fresh35_test's one scoring (eighteenth pass, in-sample for it): 我会…去咨询律师 该怎么主张就怎么主张 — "do whatever it
# takes", an idiom with 怎么 in it, not a question; and after 让大家都知道 the clause is embedded (你们是怎么对待…的), not asked.
_WHATEVER_IT_TAKES = re.compile(r"(?:该|应该)(?:怎么|咋)([^，。！？,.!?\s]{1,3})就(?:怎么|咋)\1")
# Hundred-and-tenth pass (fresh274's 我要让这家店上新闻 你知道吗): a tag after a pause that asks whether the agent heard or
# understands (你知道吗 / 听到没有 / 明白吗) presses the step home, it does not ask about it
_PRESSING_TAG = re.compile(r"[\s，,]+(?:你|您)?(?:知道|晓得|听到|听见|听清楚|明白|懂)(?:了)?(?:吗|么|没有?|不)[？?]?(?=$|[\s，。！？,.!?])")
# (only the rule-only 让大家都知道 cue: the second opinion's candidates 让全网都知道 … keep their trained reading)
_TOLD_TO_ALL = re.compile(r"(?:让|叫)(?:大家|大伙儿?|更多(?:的)?人)(?:都)?(?:知道|看看|看到|评评理)$")


# Fortieth pass (fresh57_dev: 我现在正在写帖子发到网上 你们怎么坑人的 一条一条写): after a post to the media, 你们 (是) 怎么 … 的
# is what the post will tell (an exclamative, as after 让大家都知道), not a question — unless asked (…的吗, …的？) or with no
# closing 的 (发到网上你们怎么处理: how the company would react, asked).
_POST_TELLS_HOW = re.compile(r"^(?:你们|你家|他们|这家(?:店|公司)?)(?:是)?(?:怎么|怎样|如何)[^，。！？,.!?吗么呢]{1,10}?的(?![吗么呢？?])")
# Forty-third pass (fresh61_dev: 我这礼拜五就带着全部材料去金融监管局 把你们怎么拖的一条一条说给他们听): after any step, 把 + 你们 (是)
# 怎么 … 的 + a verb of telling is what the caller will tell there, not a question — unless asked after it (…说给他们听吗)
_BA_TELLS_HOW = re.compile(r"^\s*把(?:你们|你家|他们|这家(?:店|公司)?)(?:是)?(?:怎么|怎样|如何)[^，。！？,.!?吗么呢]{1,10}?的"
                           r"(?=[^，。！？,.!?吗么呢]{0,6}?(?:说|讲|告诉|反映|写|交代|摆)(?:给|清楚|明白|出来)?)")


# Twenty-eighth pass (in-sample: the twenty-seventh pass's open misread 我非要见你们店长不可): 非(要 | 得)…不可 / 不行 / 不成
# insists, it does not ask (the 不 is not an A-not-A question's); with 吗 / 呢 / ？ after it the sentence still asks
# (我非要投诉不可吗？). Not 非常 / 非法 / 是非 / 并非 / 除非.
_INSIST_PRE = re.compile(r"(?<![是并除无])非(?!常|法|凡|遗|洲|但|诚|正式|议|典|得已)(?:要|得|得要)?[^，。！？,.!?]{0,14}$")
_INSIST_POST = re.compile(r"^[^，。！？,.!?\s]{0,8}?(?P<insist>不(?:可|行|成))(?![以能不])(?![^，。！？,.!?\s]{0,3}?(?:吗|么|呢|[？?]))")


def insisted(pre: str, post: str) -> str:
    """``post`` without the 不可 of an insistence 非…不可 begun in ``pre`` (unchanged when there is none)."""
    m = _INSIST_POST.match(post) if _INSIST_PRE.search(pre) else None
    return post[:m.start("insist")] + post[m.end("insist"):] if m else post


# 再找媒体来看看你们怎么服务的 (twenty-first pass): 看看 / 瞧瞧 + a wh-word opens an embedded clause (what the body is to
# see), whoever announced the step; 12315能帮我看看吗 (no wh-word after it) stays a question.
_EMBEDDED_WH = re.compile(r"(?:看看|瞧瞧|看一看|评评理)(?=[^，。！？,.!?]{0,4}?(?:怎么|怎样|如何|什么|多么?|有多))"
                          # 我就打电话到卫健委问问你们怎么管的 (hundred-and-nineteenth pass, fresh340): the body to be asked how
                          # the company runs things, closed by 的 — what the caller will ask there, not a question put now
                          r"|问问(?=(?:你们|你家|他们)(?:是)?(?:怎么|咋|如何)[^，。！？,.!?吗么呢]{1,8}?的(?![吗么呢？?]))"
                          # 我不管他是谁的车 (fresh336): 不管 / 无论 + a wh-word concedes, it does not ask
                          r"|(?:不管|无论|不论)(?=[^，。！？,.!?]{0,6}?(?:谁|什么|怎么|哪|多少))")


# 我要找你们领导 (twenty-third pass): a cue that holds the customer's own 要 / 就 itself announces the step after 我
_OWN_STEP_CUE = re.compile(r"(?:要|就要|就|一定要|肯定要)(?:去|打|找)")


def _question_scope(pre: str, post: str, cue: str = "") -> str:
    """The part of ``post`` a question particle there would govern (all of it unless the customer announced the step)."""
    embedded = _EMBEDDED_WH.search(post)
    if embedded:
        post = post[:embedded.start()]
    if not (_OWN_STEP.search(pre) or (pre.endswith("我") and _OWN_STEP_CUE.match(cue))):
        return post
    if _SUPERIOR_END.search(cue) and _CONTACT_ASKED.match(post):
        return ""  # 我要找你们领导电话多少 (twenty-fifth pass): the superior's number asked carries the demand on
    for m in _AFTER_STEP.finditer(post):
        if m.group().isspace() and _PROCEDURE_ASK.match(post, m.start()):
            continue
        return post[:m.start()]
    return post


# 转食品部门 (after the chat-test scoring): a transfer to the company's own department, not a body outside
_TRANSFER_PRE = re.compile(r"^(?:请|麻烦|帮我|给我)?(?:转|转接|转到|转给|转去)(?:到|给)?(?:你们)?(?:的)?$")
# 相关部门是 (after the chat-test scoring): an unfinished question (which department is it?)
_DANGLING_POST = re.compile(r"^是?[？?]?$")


# After fresh29_test's one scoring (twelfth pass, in-sample for that split):
# 我能找谁投诉他们啊 还是直接报警: the second half of an alternative question.
# After fresh37_test's one scoring (twentieth pass, in-sample for it): 你们出具的报告教育局那边认不认？ — whether the body
# accepts something asked with an A-not-A verb right after it (认不认, 收不收, 管不管): a question, not a step to it
# Thirty-third pass (the last note's open item 我打了12315以后你们还是不管): after an outside body, 还是 + 不 / 没 / 一样 is "still"
# (the outcome of the step, denied), not the second half of an alternative; 还是不 + a step verb (打还是不打) still asks. Only for
# outside bodies: 投诉 or a superior approached before (我投诉以后你们还是没处理) is the earlier-contact rule's, left as it reads.
_STILL_AFTER_BODY = re.compile(r"^[^，。！？,.!?]{0,4}?(?P<still>还是)(?:(?:不|没有?)(?!投诉|告|打|找|去|起诉|举报|曝光|报警|反映)"
                               r"|一样|这样|那样|照样)")
# Thirty-third pass: whether a matter falls to the body, asked with an A-not-A verb right before it (这个事情归不归市场监管局管,
# 属不属 / 由不由): a question, as 教育局那边认不认 after it (twentieth pass); only these verbs of jurisdiction, not a dare (怕不怕)
_BODY_ASKED_PRE = re.compile(r"(?P<verb>[归属由])不(?P=verb)(?:于)?$")
_OUTSIDE_BODIES = frozenset({"hotline", "regulator", "consumer_body", "legal", "media", "police"})
_BODY_ASKED_POST = re.compile(r"^(?:那边|那里|方面|这边)?(?:会|能)?(?P<verb>[\u4e00-\u9fff]{1,2}?)不(?P=verb)")
# (走, 是走理赔，还是走投诉的流程？, since the hundred-and-seventh pass: fresh248)
_ALTERNATIVE_PRE = re.compile(r"还是(?:直接|干脆|应该|要|得|先|去|到|打|找|走)*$")  # (到 since the hundred-and-fifteenth pass)
# Hundred-and-second pass (fresh212's 投诉是走app还是打电话): the complaint named, then the channel asked as an alternative
_CHANNEL_ASKED_POST = re.compile(r"^(?:一般)?(?:是|都是)?(?:走|打|找|在|去|用|通过)[^，。！？,.!?我]{1,10}?还是")
# Ninety-ninth pass (fresh185's 是走复核还是走投诉？, fresh191's 万一件丢了，是走理赔还是要投诉，流程是啥样的？): the channel asked as an
# alternative in one clause — 是走 / 是找 … 还是 (走 / 要) + the cue — in a sentence that ends in a question mark
# (是申请 / 是提, 是申请复核还是走投诉？, since the hundred-and-fifth pass: fresh232)
_CHANNEL_ALTERNATIVE_PRE = re.compile(r"是(?:走|找|打|去|先|申请|提)[^，。！？,.!?]{1,8}?还是(?:走|要|去|找|直接|得)?$")
# 纹身出了问题一般是找你们还是找卫生部门啊 (seventeenth pass): 一般 asks how it is usually done, no step of the caller's
# (想问一下 / 请问 before the alternative since the hundred-and-second pass: fresh210's 想问一下晚上停电了是打你们这个号 还是打一二三四五)
_ASKED_BEFORE = re.compile(r"找谁|能不能|可不可以|可以|怎么|该不该|要不要|吗|呢|哪|一般(?:是|都|来说)|(?:想|我)?问一下|请问")
# Sixty-second pass (fresh86's 想问一下燃气开户是打你们这个电话，还是要打12345？): the first half of the alternative in the clause
# before (是打 / 是找 … ，还是 …) and the sentence ending in a question mark
_TURN_TO = "打|找|去|到|拨|联系|问"  # the verbs of turning somewhere that open the first half of an alternative
_FIRST_HALF = re.compile(f"(?:是|应该|该|要)(?:{_TURN_TO}|走)"
                         # 是你们直接赔，还是要到邮政管理局那边登记？ (hundred-and-fifteenth pass, fresh313): the company's own remedy
                         # (平台 after 你们 and 出面协调 since the hundred-and-sixteenth pass: fresh323's 一般是你们平台出面协调，
                         # 还是要去找住建局？)
                         r"|是(?:你们|你家|商家|平台|公司)(?:平台|公司)?(?:直接|自己|先|出面)?(?:赔|负责|处理|退|管|解决|协调)")
_ASKED_AT_END = re.compile(r"[^，。！？,.!?；;]{0,8}[？?]")
# Hundred-and-first pass (fresh205's 是打你们这个电话投诉，还是可以直接找网点负责人？): the first half of the alternative holds the
# cue, the clause after opens with 还是 and the sentence ends in a question mark
_FIRST_HALF_PRE = re.compile(f"(?:是|应该|该)(?:{_TURN_TO}|走)[^，。！？,.!?]{{0,10}}$")
_SECOND_HALF_NEXT = re.compile(r"[^，。！？,.!?]{0,6}[，,]\s?还是[^。！？!?]{0,20}[？?]")
# Eighty-second pass (fresh128's 乘客行李延误的话，一般是找机场还是找航空公司投诉？): the alternative's second half names the place
# and the cue follows it (还是找航空公司 + 投诉), the clause asked before 还是 (一般是 / 能不能 / 可以 …) and the sentence a question
_ALTERNATIVE_PLACE_PRE = re.compile(r"还是(?:直接|应该|要|得|先)*(?:找|去|到|向|跟|打给|给)[^，。！？,.!?\s还是我]{1,8}$")
# Eighty-second pass (fresh129's 点进去会不会就直接算投诉了？): what counts as a complaint asked, not a step
_COUNTED_AS_PRE = re.compile(r"(?:算|算是|算作|算成|当作|当成|视为)$")
_COUNTED_ASKED = re.compile(r"会不会|是不是|算不算|能不能|会算")


# Twenty-first pass (fresh38_dev): a step only supposed in an if-clause whose sentence goes on to ask how or where
# (如果我想投诉的话，是打你们这个电话，还是打别的号码？): no condition put to the company, a question about the procedure.
# A threat puts the step in the consequence (你们不退我就投诉), or asks nothing of the procedure after it (如果我去
# 12315投诉的话，你们还能这么嚣张吗 stays a threat).
_SUPPOSED_PRE = re.compile(r"(?:如果|要是|假如|假设|万一)(?:说)?我?(?:真的?)?(?:想|要|打算|准备)?(?:去|打|找|向|到|给|跟)?"
                           r"[^，。！？,.!?]{0,4}$")
_SUPPOSED_POST = re.compile(r"^[^，。！？,.!?]{0,8}?的话")
_PROCEDURE_AFTER = re.compile(r"还是|(?:打|找|去|到|问)?(?:哪|谁)|怎么|怎样|如何|什么(?:电话|号码|部门|流程|渠道|方式)"
                              r"|多少|电话|号码|流程|渠道|手续|材料")


_WH_PROCEDURE = re.compile(r"怎么|怎样|如何|(?:找|去|到|打|问|向)?(?:哪|谁)|什么(?:电话|号码|部门|流程|渠道|方式|材料|手续|证据)"
                           r"|多久|多长时间|几天|流程|渠道|手续")


def _supposed_step_asked(text: str, start: int, end: int, pre: str, post: str) -> bool:
    """The cue inside an if-clause (…的话) of the customer's, the rest of the sentence a question about the procedure."""
    if not (_SUPPOSED_PRE.search(pre) and _SUPPOSED_POST.match(post)):
        return False
    stop = _SENTENCE_END.search(text, end)
    rest = text[end:stop.end() if stop else len(text)]
    # (thirty-third pass: or 吗 / 呢 closing the sentence without ？, as phone-ASR text writes it)
    asked = (stop is not None and stop.group() in "？?") or _ASKED_END.match(text, end) is not None
    after = rest[_SUPPOSED_POST.match(post).end():]
    if _COMPANY_ASKED_AFTER.match(after) and not _TAUNT.search(after):
        return True  # 要是投诉的话，你们赔不赔？ (twenty-fifth pass)
    if _PROCEDURE_AFTER.search(after) and (asked or "还是" in rest):
        return True
    # Thirty-third pass: phone-ASR text has no ？ (如果我要投诉的话流程是怎样的, 要是我想打12315的话需要准备什么材料) — a wh-word of the
    # procedure asks by itself, unless the company is named after the if-clause (…的话你们怎么交代 / 看你们怎么办: a threat)
    return bool(_WH_PROCEDURE.search(after)) and "你们" not in after and not _TAUNT.search(after)


# Twenty-fifth pass (in-sample: the twenty-first pass's open misread 要是投诉的话，你们赔不赔？, and fresh42_dev's 要是我投诉的话，
# 你们会重新审核吗？): the supposed step followed by a question of what the company would then do — an A-not-A verb or a
# 吗 / 呢 question with the company as subject — asks, it does not threaten; a taunt (你们还能这么嚣张吗) stays a threat
_COMPANY_ASKED_AFTER = re.compile(r"^[，,\s]*(?:那)?(?:你们|贵公司|公司)(?:是不是)?[^，。！？,.!?]{0,10}?"
                                  r"(?:吗|呢|(?P<verb>[\u4e00-\u9fff])不(?P=verb))")
_TAUNT = re.compile(r"还(?:能|敢|会|好意思)|这么|那么|这样|怕不怕|敢不敢")


# 是找你们检测，还是要找市场监管局那边检测？(twenty-first pass): the customer asks which of two places to take a
# fault to, the company itself being the first — a procedure question even when its halves fall in two clauses.
# The ultimatum puts the company's remedy first (是今天退还是等我去…投诉你们, fourteenth pass): no 找你们 there.
_COMPANY_FIRST = re.compile(r"(?:是|先)?(?:找|问|联系|打给|送到?|拿到?|去)你们(?!的?(?:领导|经理|上级|老板|总部|负责人|主管|老总))"
                            r"[^，。！？,.!?]{0,8}[，,\s]?$")


# Twenty-fifth pass (in-sample: fresh41_test's open misread, and a fresh42_dev call of the same kind): the regulator cue
# 找你们还是找教育局 holds both halves itself; inside a 如果要投诉…的话 question it asks where to complain, no step taken
_BOTH_HALVES_CUE = re.compile(r"(?:找|问|联系|去)你们(?!的?(?:领导|经理|上级|老板|总部|负责人|主管|老总))[^，。！？,.!?]{0,8}?还是")
_IF_CLAUSE_BEFORE = re.compile(r"(?:如果|要是|假如|假设)[^。！？!?]{0,20}?的话[，,\s]*(?:是|应该|该|一般)?$")
# Thirty-third pass (fresh46's 我就是问一下如果我对套餐的扣费有争议是找你们还是找通信管理局): the same question embedded after the
# caller's own 问一下 / 请问 / 想了解 earlier in the sentence — the way asked, as with 如果…的话
_ASKING_BEFORE = re.compile(r"(?:问一下|问下|问问|请问|想问|咨询一下|咨询下|了解一下|了解下|打听一下)[^。！？!?]{0,30}$")


def _company_or_body_asked(text: str, start: int, pre: str) -> bool:
    """An alternative question (…还是找<body>) whose first half, earlier in the sentence, goes to the company itself."""
    alt = _ALTERNATIVE_PRE.search(pre)
    stop = _sentence_start(text, start)
    if not alt:
        return bool(_BOTH_HALVES_CUE.match(text, start)
                    and (_IF_CLAUSE_BEFORE.search(text, stop, start) or _ASKING_BEFORE.search(text, stop, start)))
    first_half = text[stop:start - len(pre) + alt.start()]
    return bool(_COMPANY_FIRST.search(first_half))


# Twenty-sixth pass (in-sample: fresh43_test's 如果理赔金额有争议，一般是找你们复核，还是要找银保监会？ … 我就是先了解一下): a question
# of which body to turn to — the company as one half of an alternative (是找你们还是找X, 一般是找你们…还是要找X) or a department
# asked for (应该找哪个部门) — with no step of the caller's announced in the turn is the way asked ("procedure": the second opinion,
# which reads only the words around the cue, does not count it back); the same question followed by the caller's own step
# (…还是直接找银保监会？我这就去) announces it
_WHICH_BODY_BEFORE = re.compile(r"(?:找|问|联系|打给|去|通过)你们(?!的?(?:领导|经理|上级|老板|总部|负责人|主管|老总))"
                                r"[^。！？!?]{0,12}还是(?!等我|我)"
                                r"|(?P<dept>(?:找|去|到|打|问)(?:哪个|哪些|哪一个|什么)(?:部门|单位|机构|地方)|(?:该|应该|要|得)(?:找|去)(?:谁|哪))")
# …哪个部门, 是银保监会还是消协？: the department asked for, the sentence a question
_ASKED_END = re.compile(r"[^。！？!?]*?(?:[？?]|[吗呢](?:[。！!]|$))")
_STEP_ANNOUNCED = re.compile(r"我(?:这就|这就要|现在就|马上就?|立刻|立马|明天就|今天就|直接就?|就)(?:去|打|找|告|投诉|起诉|举报|反映)"
                             r"|我(?:这就|现在就|马上)(?:过去|动身)|(?:去|打|找)定了")


def which_body_reading(text: str, start: int, end: int) -> str:
    """For a cue read as a question: "procedure" when its sentence asks which body to turn to and the turn announces no
    step of the caller's, "threat" when the turn announces one after the question, else "question"."""
    begin = _sentence_start(text, start)
    frame = _WHICH_BODY_BEFORE.search(text, begin, start)
    if not frame and not _BOTH_HALVES_CUE.match(text, start):  # the cue 找你们还是找邮政管理局 holds both halves itself
        return "question"
    if frame and frame.group("dept") and not _ASKED_END.match(text, end):
        return "question"
    stop = _SENTENCE_END.search(text, end)
    after = text[stop.end():] if stop else ""
    if _STEP_ANNOUNCED.search(after):
        return "threat"
    return "question" if _STEP_ANNOUNCED.search(text, 0, begin) else "procedure"


# 我应该去哪个部门投诉，是消协吗？: the department asked for right before the cue
# (the place whose department is asked between the verb and 哪个 since the hundred-and-first pass: fresh206's
# 一般是找医院哪个部门投诉？)
_DEPT_ASKED_PRE = re.compile(r"(?:找|去|到|打|向)[^，。！？,.!?我你]{0,4}?(?:哪个|哪些|哪一个|哪家|什么)(?:部门|单位|机构|地方)"
                             r"[^，。！？,.!?]{0,2}$")

"""When the step was taken: a complaint made before and followed up, withdrawn, settled afterwards,
a body already involved or consulted, a court's ruling given, and a bad review announced or given."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_scope import _clause_bounds, previous_clause_start

# A bare 差评 is a mention; a threat needs an intention in front of it.
# Thirty-third pass (fresh46's 我退房的时候就在你们平台上给这家酒店写差评): the intention reaches over a place (在你们平台上), a
# target (给这家酒店) and a 把-object (把这事写清楚) to the verb right before the review (写 / 打 / 发 / 留 / 给).
_REVIEW_ADJUNCT = r"[^了过看查翻搜读删改撤在给对，。！？,.!?]"
# 商家和骑手我都给差评 (sixty-eighth pass, fresh99): 都 right after the caller's 我, the targets put first
# 钱退不退我都得给这家店一个差评 (seventy-fourth pass, fresh111): 得 (must) after the caller's 我 or 都
_REVIEW_INTENT = re.compile(r"(?:要|会|就|肯定|一定|保证|必须|直接|给你|给你们|给他|打个|等着|只能|只好|只有|(?<![过上])去(?![年过了])"
                            r"|(?<=我)都得|(?<=我)得|(?<=我)都"
                            # 这个师傅我给差评 打一分 (hundredth pass, fresh197): the caller's 给 in the present right before the
                            # review, read as the verb below with no intention word (我给了 / 我给过 差评 are told as done)
                            r"|(?<=我)(?=给$)"
                            # 这家饺子店我非给它一个差评不可 (hundred-and-tenth pass, fresh279): 非 (得 / 要) insisting, not
                            # 非常 / 是非 / 并非 / 除非
                            r"|(?<![是并除无])非(?!常|法|凡|遗|洲|但|诚|正式|议|典)(?:得|要)?"
                            # 你们别逼我在点评上给差评啊 (hundred-and-thirteenth pass, fresh300): a warning not to force it
                            r"|(?:别|不要|甭)逼(?:我|俺)"
                            # 要是…还到不了，我给商家和骑手都打差评 (fresh303): the caller's bare 给 with the targets and the verb
                            r"|(?<=我)(?=给[^，。！？,.!?]{1,10}?(?:都|也)?(?:打|写|留|发)(?:个|一个)?$)"
                            r"|不然|否则|要不|马上|立刻|立马|现在就)"
                            r"(?:[^了过看查翻搜读删改撤，。！？,.!?]{0,6}"  # not 去看差评, 要删掉差评
                            # Thirty-eighth pass (fresh53_dev: 不给我补我就在他们店铺下面写差评, the earlier passes' open item
                            # 店铺下面): the place may end on 下面 / 底下 / 评论区, under the shop's page or a post
                            # (or on 平台 / 网站 itself since the hundred-and-eleventh pass: fresh283's 我一定在每个平台都给差评)
                            # (or on a page, 页面 / 主页, since the hundred-and-sixteenth pass: fresh320's 不退的话我就在你们平台页面写差评)
                            rf"|(?:(?:在|去|到){_REVIEW_ADJUNCT}{{1,8}}?(?:上|里|那儿|那里|那边|下面|下边|底下|评论区|平台|网站|页面|主页))?"
                            # (up to ten characters since the ninety-second pass: fresh160's 我就给这家店和这个骑手都打差评)
                            rf"(?:(?:给|对){_REVIEW_ADJUNCT}{{1,10}}?)?"
                            rf"(?:把{_REVIEW_ADJUNCT}{{1,8}}?)?"  # 把这事写清楚给一星 (fresh47): what is written before the rating
                            # 本人会在平台上如实给差评 (sixty-third pass, fresh89): how it is given, after the place; 都 / 也
                            # after the targets (sixty-ninth pass, fresh100's 我就给这家店和骑手都打差评)
                            r"(?:都|也)?(?:(?:如实|真实|客观|照实|老实)地?)?"
                            r"(?:写|打|发|留|给)(?:个|一个|条|一条|篇|一篇)?)$")
# 差评我也要给 / 差评肯定给: the review named first, the intention after it.
# 差评我是写定了 (twenty-fifth pass, in-sample: the twenty-third pass's open misread): 写 / 打 / 给 + 定了, the caller's mind made up
# Fifty-eighth pass (fresh78's 差评我肯定是要给的): 是 and a second modal may stand between the modal and 给; since the
# sixty-first pass (fresh85's 不退的话差评我肯定写) the review may be written, left or posted as well as given
# 差评是跑不了的 (hundred-and-twelfth pass, fresh290): the review declared unavoidable (the learned vetoes keep it too)
UNAVOIDABLE = "跑不了|少不了|免不了|跑不掉|逃不了|逃不掉"
_REVIEW_INTENT_POST = re.compile(r"^(?:是|我)?(?:肯定|铁定)?(?:" + UNAVOIDABLE + r")(?:的|了)?"
                                 r"|^[^，。！？,.!?]{0,3}?(?:要|会|肯定|必须|一定|照样|照|还得)(?:是)?(?:要|会|得)?(?:给|写|打|发|留)(?!我|不了|不成|不出)|^是?给定了"
                                 r"|^(?:我|俺)?(?:是|也|都|反正|肯定)?(?:写|打|给|发)定了"
                                 # 差评我这就给你们写上 (seventy-second pass, fresh107): now, for the company, written up
                                 r"|^(?:我|俺)(?:这就|马上|现在就|立马|立刻|今天就|回头就)(?:给(?:你们|你|他们|这家|你家))?(?:写|打|发|留)(?:上|个|一个)?(?!了)"
                                 r"|^(?:差评)?(?:走起|安排上|伺候|送上|奉上)"  # 一星差评走起
                                 # 差评我可提前说好了：衣服再找不着，每个平台我都给你们打一遍 (hundred-and-seventeenth pass,
                                 # fresh335): the review named first, then said in advance as a warning
                                 r"|^(?:我|俺)?(?:可|就|先|今天)?(?:提前|事先|先)(?:跟你们?|给你们?|和你们?)?(?:说好|讲好|说清楚|讲清楚|说在前头|说在前面)了?"
                                 r"|^(?:我|俺)?(?:可)?丑话说在前(?:头|面)")
# 只能给差评了 / 那我就差评了 announce it; 我直接差评了 / 已经给差评了 report it.
_REVIEW_MODAL = re.compile(r"只能|只好|只有|就|肯定|必须|一定|要")
# 我马上把差评删了: a review being removed or changed, not given.
# (the review judged unfair since the hundred-and-first pass: fresh200's 我觉得给他差评不太公平)
_REVIEW_REMOVED_POST = re.compile(r"^[^，。！？,.!?]{0,2}?(?:删|撤|改成|改为|去掉|取消)|^(?:不太|不大|不|有点不|有些不)(?:公平|合适|厚道|应该|妥当)")
_REVIEW_RECEIVED = re.compile(r"给我[^，。！？,.!?]{0,3}$")
# Forty-third pass (fresh62_dev: 我看网上有人给你们差评，说换屏要等三天): the review's giver named as someone else (有人 / 别人 / 网友 …)
# right before it is others' review read or told, not the caller's — not 所有人 / 没有人, not someone the caller makes give it
# (我要让大家都给你们差评), not the review's target (我肯定就给人家个差评), not the caller after them (我也要像别人一样给你们差评)
_OTHERS_REVIEW_PRE = re.compile(r"(?<![所没让叫请喊找要给对跟向和帮替])(?:有人|别人|人家|网友|好多人|很多人|不少人|其他人|大家|买家|顾客)"
                                r"(?:都|也|还|在|已经|纷纷){0,2}(?:给|对)?(?:你们家?|你家|他们家?|他家|这家)?"
                                r"(?:打|写|发|留)?(?:了|过)?(?:个|一个|条|好多|很多|不少)?$")
# The days just past that tell a step as done or withdrawn (今天已经撤了, 我今天上午打了…了): shared by the withdrawal told in the
# next clause and the step told as done before a new question (``_escalation_classify._TOLD_DONE_PRE``)
RECENT_DAYS = "今天|昨天|前天|刚才|刚刚|上午|下午|早上|前两天|前几天"
# 向区教育局…书面反映 取消你们的供应资格 (twentieth pass): the company (or a tie with it) as the object of the verb is a
# sanction the customer asks the body for, not the step withdrawn
# (not after 被, eighty-sixth pass: fresh139's unpunctuated 我要投诉 … 他说我的单子被取消了, the booking cancelled by the hotel)
# (nor after 说, ninetieth pass: fresh153's 俺就去上新闻 … 昨儿个图然发短信说取消了, the appointment cancelled, told)
_WITHDRAWN = re.compile(r"(?<![被说])(?:撤销|撤掉|撤回|取消)(?!(?:与|和|跟|同|对)?(?:你们|贵(?:公司|司|社|单位|方|店)|你家))"
                        # Thirty-eighth pass (fresh53_dev: 我上礼拜在幺二三四五那儿提的那个单 我已经撤了): the caller's own 撤 told
                        # as done (我已经撤了, 已经撤掉了) — not 你们把单撤了 (the company's act) nor 撤了吗 (asked)
                        # Forty-first pass (fresh60_dev: …留的那个言 我已经 撤了): the same with a recogniser's pause before 撤
                        r"|(?<![你他她们])(?:我|已经)(?:已经|都|早就|早|也)?\s?撤(?:了|掉了|回了|销了)(?![吗么？?])"
                        # Fifty-first pass (fresh70's 提交了一个投诉 现在想撤了 … 帮我撤了吧): the caller asking to withdraw it with
                        # the bare verb — not 不想撤 / 不会撤 (the verb must follow 想 / 要 / 帮我 directly)
                        # (给 before 撤 since the sixty-seventh pass, fresh96's 报的那个单 想给撤了)
                        r"|(?<![不没别])(?:想|要|帮我|给我|麻烦你?|麻烦您)(?:把它|把这个|把那个)?(?:给)?撤(?:了|掉|回|销)?(?:吧|了|一下)"
                        # Fifty-eighth pass (fresh79's 现在俺想把那个投诉给撤了): the verb right after the step named as its
                        # object (把那个投诉给撤了, 投诉撤了; 投诉就撤了吧 since the sixty-fourth pass) — not asked (投诉撤了吗)
                        r"|^(?:就|给|都|也)?(?:给)?撤(?:了|掉了?|回了?|销了?)(?!\s?[吗么呢？?])")
# Fifty-third pass (fresh73's 在12315平台上提了一个投诉。后来商家…换了新的…那个投诉我已经在平台上撤回了): the complaint named again
# later in the turn and withdrawn there — every cue of it is withdrawn, unless the caller takes a step up again after
# (the determiner is optional: the rules read 那个 as a filler and drop it)
# Fifty-eighth pass (fresh78's 麻烦把那个升级的单撤销吧, fresh79's 那个升级的就给撤了吧): the escalation request named again and
# taken back, as the complaint is
_WITHDRAWN_LATER = re.compile(r"(?:(?:那个|这个|那次|这次|上次的|之前的|那条|这条)\s?)?(?:投诉|举报|申诉|升级)"
                              # no negation and no one else acting between (投诉我是不会撤回的, 投诉被你们撤了)
                              # (帮他 / 替她: the withdrawal done for someone, sixty-sixth pass, fresh95's 那个升级专员的单子帮他撤销吧)
                              r"(?:[^。！？!?不没未别你他她被]|[帮替给][他她]){0,10}?(?:撤回|撤销|撤掉|撤了)(?!了?\s?(?:吗|么|呢|没|？|\?))"
                              # Fifty-fourth pass (fresh74's 把工商那个单子撤销了 · 把那个升级的单子撤了): the case taken back with 把
                              # (the escalation request too since the fifty-sixth pass: 把升级专员那个给撤销掉)
                              r"|(?<![你他她们])把[^。！？!?不没未别你他她被]{0,8}?(?:单子|工单|投诉|举报|申诉|案子|升级专员|升级)(?:那个)?(?:给)?"
                              r"(?:撤销|撤回|撤掉|撤)了?"
                              r"(?!\s?(?:吗|么|呢|没|？|\?))")  # (not asked: 我 撤了吗)


# Fifty-ninth pass (fresh80's 之前在消协登记的那个单子，我也已经撤销了): the clause right after the cue's tells the withdrawal
# with no noun of its own — the rest of the cue's clause, a pause, then (我)(也)(已经)撤销了 — not asked (撤了吗)
# (and, since the sixtieth pass, fresh82's 我昨天要求升级给你们主管的那个问题，帮我取消掉吧: the next clause asking for it)
# (one more short segment between, 停电那个, since the hundred-and-third pass: fresh223's 提的那个单 停电那个 已经给撤了)
_WITHDRAWN_NEXT_CLAUSE = re.compile(r"[^。！？!?，,；;\s]{0,12}[，,；;\s]\s?(?:[^。！？!?，,；;\s我你他她]{1,6}[，,；;\s]\s?)?"
                                    # (a clause saying it is no longer needed may come first since the seventy-fifth pass:
                                    # fresh113's 我让你们帮我升级处理的那个，现在用不着了，帮我撤销掉吧)
                                    r"(?:(?:现在|已经|也)?(?:用不着|不需要|不用|没必要)了?[，,；;\s]\s?)?(?:"
                                    # (a day before it since the ninety-second pass: fresh142's 在12315那边提的单，今天已经撤了)
                                    # (想 / 要, 那个投诉，我想撤销了, since the hundred-and-fifth pass: fresh242)
                                    r"(?:我|俺)?(?:" + RECENT_DAYS + r")?(?:也|都)?(?:已经|早就|早|想|要)?(?:给)?"
                                    r"(?:撤销|撤回|撤掉|撤)(?:了|掉了)(?!\s?(?:吗|么|呢|没|？|\?|[一两几]次))"
                                    r"|(?:帮我|给我|麻烦(?:你|您)?(?:帮我)?|请(?:你|您)?(?:帮我)?)(?:把(?:它|这个|那个))?(?:给)?"
                                    r"(?:(?:撤销|撤回|撤掉|撤)(?:掉)?|取消掉)(?:一下吧?|吧)(?=$|[，。！？,.!?；;\s])"
                                    # 那个工单，可以撤了 (seventieth pass, fresh105): the caller saying it may be withdrawn now
                                    r"|(?:现在)?(?:就)?可以(?:撤销|撤回|撤掉|撤|取消)(?:掉)?了(?!\s?(?:吗|么|呢|没|？|\?)))")


# Eighty-fifth pass (fresh137's 我上个月打市长热线反映过…现在水很好。那个单子我想撤了): a step told as done (过 / 了 right after the
# cue), and the case it opened (单子 / 工单 / 案子) withdrawn later in the turn — only for a step already taken, since 单子 is
# also an order (我要去12345投诉。单子我想撤了 cancels the order, the threat stands)
_TOLD_DONE_AFTER_CUE = re.compile(r"[^，。！？,.!?]{0,4}?(?:过|了)")
_CASE_WITHDRAWN_LATER = re.compile(r"(?:(?:那个|这个|那边的)\s?)?(?:单子|工单|案子)[^。！？!?不没未别你他她被]{0,6}?"
                                   r"(?:撤回|撤销|撤掉|撤了)(?!了?\s?(?:吗|么|呢|没|？|\?))")


def withdrawn_later(text: str, end: int) -> bool:
    """Later in the turn, the caller withdraws the complaint the cue ending at ``end`` belongs to (fifty-third pass)."""
    m = (_WITHDRAWN_LATER.search(text, end) or _WITHDRAWN_NEXT_CLAUSE.match(text, end)
         or (_CASE_WITHDRAWN_LATER.search(text, end) if _TOLD_DONE_AFTER_CUE.match(text, end) else None))
    return m is not None and not _REOPENED.search(text, m.end())


_WITHDRAWN_PRE = re.compile(r"(?:撤销|撤掉|撤回|取消)(?:掉)?(?:这个|那个|我的|了)?$")
# Fifty-seventh pass (stop 31's open item, 投诉我是不会撤回的 · 我不会撤回投诉的): the withdrawal refused — a negation right
# before the verb keeps the step standing — not the A-not-A question (那个投诉能不能取消)
_WITHDRAWAL_REFUSED = re.compile(r"(?:(?<![会能要想肯得准])不|没|别|甭)(?:会|能|想|要|打算|可能|得|肯|准备)?(?:再|轻易|随便)?\s?$")


# Seventy-fifth pass (fresh113's 我把12345那边的单子撤了): the case at the body taken back with 把 around the cue — 把 right
# before it, the case and the withdrawal told as done after it; not asked (撤了吗)
# (也 / 都 / 已经 before the verb since the hundred-and-fourth pass: fresh224's 我把工商局那边的单子也撤了)
# (单 alone, 把工商局那个单给撤了 — the guide's own wording — since the hundred-and-ninth pass: fresh270)
_BA_CASE_WITHDRAWN_POST = re.compile(r"^(?:那边|那里|那儿|上|里)?的?(?:那个)?(?:单子|工单|单(?![位价据])|投诉|举报|案子|申诉)(?:也|都|已经)?(?:给)?"
                                     r"(?:撤销|撤回|撤掉|撤)(?:了|掉了)(?!\s?(?:吗|么|呢|没|？|\?))")


# Ninety-eighth pass (fresh178's 这个钱我是会去法院告的 就是我订的那个酒店说好免费取消 我提前三天取消的): 取消 is also what a
# booking or an order is; in a recogniser's run-on clause it may come several pauses after the cue, about something else.
# After a pause and more than a few characters of something else, 取消 withdraws the step only when the step is named again
# after the pause (投诉 / 举报 / 单子 …); right after the pause (投诉的那个 我已经取消了) it still does.
_STEP_NAMED_AGAIN = re.compile(r"投诉|举报|申诉|单子|工单|案子|起诉|诉讼")
_FAR = 6


def _booking_cancelled(post: str, withdrawal: re.Match) -> bool:
    """The withdrawal found in ``post`` is a bare 取消 more than ``_FAR`` characters after a pause, with no step named
    again after the pause: something else cancelled."""
    between = post[:withdrawal.start()]
    pause = re.search(r"\s", between)
    if not withdrawal.group().startswith("取消") or pause is None:
        return False
    after_pause = between[pause.end():]
    return len(after_pause.replace(" ", "")) > _FAR and _STEP_NAMED_AGAIN.search(after_pause) is None


def withdrawn_here(pre: str, post: str) -> bool:
    """The step whose cue sits between ``pre`` and ``post`` is withdrawn in its own clause (撤销了, 撤回投诉) — not when
    the withdrawal is refused (投诉我是不会撤回的, 我绝不撤销这个投诉)."""
    after = _WITHDRAWN.search(post)
    if after and not _WITHDRAWAL_REFUSED.search(post, 0, after.start()) and not _booking_cancelled(post, after):
        return True
    if pre.endswith("把") and _BA_CASE_WITHDRAWN_POST.match(post):
        return True
    before = _WITHDRAWN_PRE.search(pre)
    return before is not None and not _WITHDRAWAL_REFUSED.search(pre, 0, before.start())


# 投诉/举报 as a noun or passive: not the customer's own step.
_COMPLAINT_PASSIVE_PRE = re.compile(r"(?:(?<!等着)被(?:人|别人|其他人|对方|玩家|网友)?(?:恶意)?|有人|收到|得到|接到|一单|没有一个|我的|我那个|上次的|之前的"
                                    # 给你们客服提了一个投诉 (seventy-ninth pass, fresh121): a complaint already lodged with the
                                    # company itself, followed up
                                    # (在 and 提交 since the eighty-eighth pass, fresh145's 上个月十八号我在你们这边提交过一个投诉)
                                    r"|(?:给|跟|向|在)(?:你们|你们客服|客服|平台)[^，。！？,.!?]{0,4}?提交?(?:了|过)(?:一个|个|一次)?"
                                    # (the agent lodging it for the caller, 让客服给我提交了一个投诉, since the hundred-and-eighth
                                    # pass: fresh256)
                                    r"|(?:你们|客服|你们客服)(?:帮我|给我|替我)提交?(?:了|过)(?:一个|个|一次)?"
                                    r"|(?:核实|调查|跟进|查询|回访)(?:一下)?(?:一个|这个|那个|个|的)?"
                                    # 有没有专门受理投诉的电话 (hundred-and-thirteenth pass, fresh296): the company's handling of them
                                    r"|受理)$")
# (编号 since the ninetieth pass: fresh152's 给了我一个投诉编号, the case's number)
_COMPLAINT_NOUN_POST = re.compile(r"^(?:箱|工单|机制|率|记录|结果|进度|电话|单|编号|专员|过|办公室|部门|中心|渠道|的那|的这|的事|的订单|的比较|的人|的多"
                                  r"|数据|量|排行|榜|案例|情况通报"  # 公布了你们的投诉数据 (thirty-third pass): figures, not a step
                                  # 你们燃气的报修和投诉是不是一个号码 (fifty-fourth pass, fresh74): the line asked about
                                  r"|(?:也|都)?(?:是不是|是否|是)(?:同)?一个(?:号码|电话|热线|号)"
                                  # 报修和投诉是不是都打这个号 (seventy-ninth pass, fresh120): the line for complaints asked about
                                  # (是不是都是打, eighty-seventh pass: fresh141's 报修 咨询 还有投诉是不是都是打这个号码)
                                  r"|(?:是不是|是否|也是|都是)(?:都|也)?是?(?:打|拨)(?:这个|同一个|一个)(?:号码?|电话|热线)"
                                  # 报修的 投诉的 是不是都打这个号 (hundred-and-fifteenth pass, fresh313): the services named with 的
                                  r"|的\s?(?:是不是|是否|也是|都是)(?:都|也)?是?(?:打|拨)(?:这个|同一个|一个)(?:号码?|电话|热线|号)"
                                  # 报修和投诉各是打哪个号码 (hundred-and-thirteenth pass, fresh303): each one's line asked
                                  r"|(?:各|各自|分别)(?:是)?(?:打|拨)(?:哪个|哪一个|什么)(?:号码?|电话|热线)"
                                  r"|的(?:处理|进度|结果|工单|单子|单号|回复|情况|问题)"
                                  # 这个投诉是不是已经结案了 (ninety-sixth pass, fresh175): the case's state asked
                                  r"|(?:是不是|有没有|是否)(?:已经)?(?:结案|办结|关闭|完结|销案))")
# Complaints as a channel or a procedure, when no intention stands before the cue (``_INTENT``: 我要投诉和售后都找不到人的问题 is
# a step): sixty-first pass (fresh84's 投诉处理一般几天内回复 · 你们app里投诉跟表扬是不是一个入口), how complaints are handled
# asked and complaints named beside praise or suggestions; sixty-third pass (fresh89's 想请教贵司的投诉受理流程是怎样的), the handling
# procedure named; sixty-fifth pass (fresh92's 你们投诉和售后分别是什么电话), beside after-sales
# (时限 and 意见反馈, and the nouns in quotation marks — “投诉”和“意见反馈”是一个入口吗 — since the hundred-and-ninth pass:
# fresh264, fresh268)
_COMPLAINT_CHANNEL_POST = re.compile(r"^[”\"」』]?(?:处理(?:一般|通常|大概|大约|要|需要|得)?(?:多久|几天|多长时间|时效|时限|周期|流程|时间)"
                                     # 投诉建议也是打这个号码吗 (eighty-first pass, fresh126): 投诉建议 / 投诉表扬 as one noun
                                     # (提 before the other noun since the ninety-sixth pass: fresh175's 投诉和提建议是同一个渠道吗)
                                     r"|处理一般|[跟和与、][“\"「『]?提?(?:表扬|建议|咨询|报修|售后|退换货|意见反馈|意见)|(?:表扬|建议)"
                                     r"|受理(?:流程|渠道|部门|电话|中心|方式|时限|时间|范围|程序)"
                                     # 客户投诉一般有几种渠道 (seventy-fifth pass, fresh112): the channels asked about
                                     r"|(?:一般|通常|都)?(?:有|是)(?:几种|哪几种|哪些|什么)(?:渠道|途径|方式|方法)"
                                     # 投诉要经过哪几步 (seventy-seventh pass, fresh117): the procedure's steps asked about
                                     r"|(?:是|要|需要|得)?(?:经过|走)(?:哪几步|哪些步骤?|什么流程|几步|哪些流程"
                                     # 你们那个投诉是走哪个流程 (eightieth pass, fresh122)
                                     r"|哪个流程|什么程序|哪个程序)"
                                     # 你们医院的投诉归哪个科室管 (hundred-and-fifth pass, fresh247): who handles complaints, asked
                                     r"|(?:一般|都)?(?:归|由)(?:哪个|哪|谁|什么)"
                                     # 投诉一般走哪个渠道 (hundred-and-seventh pass, fresh251): the channel asked
                                     r"|(?:一般|通常|都)?(?:走|通过|用)(?:哪个|哪些|什么|哪)(?:渠道|途径|方式|部门|电话|号码|流程))")
# 上礼拜 / 上周 / 上个月 since the fifty-eighth pass (fresh79's 我上礼拜在你们这儿有个投诉…想问问师傅啥时候来)
_PRIOR_TIME = re.compile(r"昨天|前天|之前|上次|上回|刚才|刚刚|前两天|这两天|早上|上午|下午|前几天|那天"
                         r"|上(?:个)?(?:礼拜|星期|周|月)")
# Eighty-eighth pass (fresh144's 我前天因为司机开车打电话的事在你们这投诉了，…我想问一下结果出来了吗): a complaint told as made
# (了 / 过 right after it) at the company itself (在你们这 right before it), the earlier time opening the clause further back
# than the context window (``PRE_WINDOW``), with no intention between them — not a step at a body (上午已经向食药监举报了)
_PRIOR_TIME_IN_CLAUSE = re.compile(r"(?:" + _PRIOR_TIME.pattern + r")(?:(?!要|想|会|准备|打算|再|得|就)[^，。！？,.!?]){0,24}$")
_AT_COMPANY_PRE = re.compile(r"(?:在|跟|给|向|找)(?:你们|您们|贵公司|贵司)(?:这边|这儿|这里|这|那边|平台|公司|客服)?(?:上|里)?$")
# (必须 / 一定 since the hundred-and-nineteenth pass: fresh338's 今天早上那个司机我必须投诉 — the morning is the ride's, not a complaint's)
_INTENT = re.compile(r"(?:要|会|想|再|还得|准备|打算|马上|直接|只能|只好|必须|一定)去?$")
# 我上周 在你们这 头诉 过一次 (after fresh34_test's one scoring, in-sample): ASR puts a pause before 过
_PRIOR_POST = re.compile(r"^(?:了.|\s?过|的$|的那|的一)")
# 目前已经投诉 (after the chat-test scoring): the complaint already made to the platform, no new step
_ALREADY_PRE = re.compile(r"^(?:我|目前|现在|我现在|我目前)?(?:都|也)?已经$")
# 我是来投诉的, a chat's opening 投诉的 (MUSIED chats): the purpose of the contact, not a complaint made before
_PURPOSE_PRE = re.compile(r"^(?:我|我是|是|我就是|就是)?(?:专门|特意)?来?$")
_PURPOSE_POST = re.compile(r"^的[啊呀哈哦]?$")
# 我刚刚拨打了你们的投诉热线 (MUSIED chats): the company's own complaint line already called is the complaint
# made to the company (the guide's earlier-complaint rule), not a step out of the channel
_OWN_LINE_DONE = re.compile(r"(?:打|拨打?)(?:了|过)(?:一下|一个|个|一次)?(?:你们|贵公司|你们公司|你们平台|你们家)的?"
                            r"[^，。！？,.!?]{0,4}?(?:投诉|申诉)(?:电话|热线)")
# 上次我说要打12315，后来你们给我退了: a past step quoted in a turn that says it was settled
# afterwards (a later clause, not negated: 后来说退款结果也没退 is still open).
_PAST_PRE = re.compile(r"上次|上回|去年|前年|之前|以前|上个月|当时|那时候|那会儿"
                       r"|上(?:个)?(?:礼拜|星期)|上周")  # 上个礼拜 (nineteenth pass)
# 我上个礼拜打过电话 说你们不给钱我就去幺二三幺五 后来…就给我打款了 (nineteenth pass): the customer's own words of an
# earlier call quoted (a time in the past, then 说), so the past reaches over the quoted 我就去 in front of the cue.
_PAST_SAID_PRE = re.compile(r"(?:上次|上回|去年|前年|之前|以前|上个月|当时|那时候|那会儿|上(?:个)?(?:礼拜|星期)|上周)"
                            r"[^。！？!?]{0,10}?(?<![他她人们])说(?:过)?[^。！？!?说]{0,14}$")
_SETTLED_LATER = re.compile(r"(?:后来|最后|已经|现在)[^，。！？,.!?]{0,8}?(?<![没不未])"
                            r"(?:退了|赔了|修好|解决了|处理好|处理了|办好|搞定|退款|到账|挺好|来修|就不用了|免了?单"
                            r"|打款|转账|把钱(?:给|退|打)|给(?:我)?钱了)")  # 后来…就给我打款了 (nineteenth pass)
_STILL_OPEN = re.compile(r"没|不|未|还是|结果")
# 12315那边转过来的工单…问问进度: a complaint already at a body, its progress asked after.
_FILED_POST = re.compile(r"^(?:那边|上|里|那里)?(?:转过来|转来|派过来|派来|登记|反映|投诉|立案|申诉|打)?(?:过)?的"
                         r"(?:那个|这个|工单|单子|事|件|投诉)")
# 进展 (eighty-eighth pass, fresh142's 我前天打过电话，投诉流量多扣费，工单号***，想问下进展) as 进度
# (排到什么时候了, the queue asked, since the hundred-and-fifth pass: fresh241)
_PROGRESS = re.compile(r"进度|进展|到哪一?步|怎么样了|结果(?:出来)?(?:了)?没|有结果|到账没|到账了[吗没]|处理得怎么样|(?:联系|回复)(?:我)?了[吗没]"
                       r"|排到(?:什么时候|哪一?步|哪了|哪儿)")
# Seventieth pass (fresh103's 前些天我给你们打过电话，投诉楼下那家装修…的事，当时你们说去沟通，我想问问后来怎么样了): the clause
# before the complaint tells an earlier call to the company, and the turn asks how it went — the complaint made on that call
_EARLIER_CALL_CLAUSE = re.compile(r"(?:(?:给|跟|向|找)(?:你们|您们|贵公司|你们公司|你们这边|你们客服|客服)[^，。！？,.!?]{0,4}?"
                                  r"(?:打过|打了|来过|反映过|说过)"
                                  # 我前天打过电话，投诉沙发颜色发错了 (seventy-fifth pass, fresh112): the call told with 过 alone
                                  r"|(?:我|俺)[^，。！？,.!?你他她]{0,4}?(?:打过|来过))"
                                  # (你们 before 电话, 我之前打过你们电话, since the hundred-and-fifth pass: fresh241)
                                  r"(?:一次|两次|几次|好几次|一个|个)?(?:你们的?|您们的?)?(?:电话)?[\s，,；;]*$")
# …想问问换货安排了没有 (seventy-fifth pass, fresh112): what was to be done asked after, as its progress
_ARRANGED_ASKED = re.compile(r"(?:安排|处理|办|弄|换|修)(?:好)?了(?:没有?|吗)")


# The complaint named as a noun opening its clause (有个投诉，是关于…; hundred-and-fifth pass, fresh241)
EARLIER_COMPLAINT_OPENING = re.compile(r"(?:有|有个|有一个|就是|是)?")


def complaint_of_earlier_call(text: str, left: int, end: int) -> bool:
    """The complaint opening the clause at ``left`` (its cue ending at ``end``) is what an earlier call to the company,
    told in the clause before, was about, and the turn asks how it went."""
    return bool(left > 0 and _EARLIER_CALL_CLAUSE.search(text[previous_clause_start(text, left):left])
                and (_PROGRESS.search(text, end) or _ARRANGED_ASKED.search(text, end)))


# 我在12345上问过，他们说找你们: the customer asked the body, which sent them here.
# 我打幺二三二零咨询过了 (eleventh pass, after fresh28_test): a line consulted for information.
_CONSULTED_POST = re.compile(r"^(?:上|那边|那里|那儿)?(?:咨询|问询)(?:过|了)")
_ASKED_BODY_POST = re.compile(r"^(?:上|那边|那里|那儿)?(?:问|咨询|查)(?:过|了)")
# Forty-seventh pass (fresh60's 市长热线 他们说 记下了 让我再跟你们 沟通一次): an outside body that says it has recorded the
# case (记下了 / 登记了 / 受理了 / 立案了) — the caller's complaint lodged there, a step already taken, not the body's words told
# (12345 他们说这事归你们管 stays reported); not 不受理 (the verb follows 说 directly)
_LODGED_POST = re.compile(r"^[^，。！？,.!?]{0,3}?(?:他|她)们?(?:那边)?说\s?(?:已经|都)?(?:给我)?\s?(?:记下|登记|受理|立案|备案|记录)"
                          r"(?:了|下来了|在案)")
LODGED_AT = frozenset({"hotline", "regulator", "consumer_body", "police"})
# 他们说骨灰寄存的事要找你们这里 (twelfth pass): the matter named between 说 and 找你们.
_SENT_HERE = re.compile(r"(?:说|让我|叫我|建议我)[^，。！？,.!?]{0,10}?(?:找|问|联系|打(?:给)?)(?:你们|这边|你这)")
# 法院判了要分他的股票 (thirteenth pass, after fresh30_test): the court's ruling already given, a mention.
_COURT_RULED_POST = re.compile(r"^(?:那边|已经|都|也|早就|最后|上次|去年){0,2}(?:判了|判决了|判下来|判的|宣判了|裁定了|调解了|已经判"
                               # 法院让他把锁换回原来的 (fourteenth pass): the court's order to a third person
                               r"|(?:让|叫|要求|判)(?:他|她|对方)(?!们)"
                               # 法院判卖家退钱 (fourteenth pass, in-sample): the ruling against a third party
                               r"|判(?!了|决|下|的)[^你，。！？,.!?]{1,3}?(?:退|赔|还|支付|搬|归还))")


_PAUSE = re.compile(r"\s")
_REOPENED = re.compile(r"我(?:这次|这回|还是|还|再|又)(?:要|会|得|去|打|找)|(?:这次|这回)我?(?:一定|肯定|还是|非)")


def _settled_later(text: str, right: int) -> bool:
    m = _SETTLED_LATER.search(text, right)
    if m is None:
        return False
    _, close = _clause_bounds(text, m.start(), m.end())
    pause = _PAUSE.search(text, m.end(), close)  # 后来你们赔了 我就没起诉: a pause ends the clause in ASR text
    # …后来你们退了款 这次又出问题了 我还是要打: settled, then taken up again
    return not (_STILL_OPEN.search(text, m.end(), pause.start() if pause else close) or _REOPENED.search(text, m.end()))


# Twenty-eighth pass (in-sample: fresh45_test's one error, 我当时气得说要投诉他后来他专门给我送回来还道了歉我就不投诉了): the
# caller's own threat quoted from the past (a time before it, then 说 / 想 / 打算 …: an intention voiced, not a step taken)
# and taken back later in the turn (就不投诉了, 没投, 后来想想算了), whatever settled it, is no step now. A step taken up
# again after the taking back (这次我一定投诉, 现在我要去了) keeps it; a double negative (不投诉不行) takes nothing back.
# (thirty-third pass: 昨天 / 前天 / 前两天 / 前几天 / 上午 / 早上 / 刚才 / 刚刚 too — 我上午说要打12315，现在不打了)
_PAST_INTENT_PRE = re.compile(r"(?:上次|上回|去年|前年|之前|以前|上个月|当时|那时候|那时|那会儿|那天|上(?:个)?(?:礼拜|星期)|上周"
                              r"|昨天|前天|前两天|前几天|上午|早上|刚才|刚刚)"
                              r"[^。！？!?]{0,10}?(?:(?<![他她人们])|(?<=[跟和对给向][你他]们))(?:说(?:过)?|想|打算|准备|扬言|嚷嚷着?|喊着?|差点(?:就)?"
                              # 上午我让你们升级处理的那笔转账 (seventy-eighth pass, fresh118): a request made to the company earlier
                              r"|(?<=我)(?:让|叫|请))"
                              r"[^。！？!?说]{0,14}$")
# 告诉 / 打算 / 打扰 / 投入 are other words; 给 / 写 / 发 (a review: 说要给差评 后来就没给) only with what follows it
_STEP_VERB = (r"(?:投诉|投(?!入|资|保|递)|告(?!诉)|起诉|举报|检举|曝光|报警|申诉|反映|闹|打(?!算|扰|开|折|听)|去|找"
              r"|(?:给|写|发)(?=$|[了他她差一\s，。！？,.!?]))")
# 没打通 / 没投成 / 没告赢: the step tried and failed, not dropped; 没打电话给我 / 没找我: the other side's act
_STEP_VERB_END = r"(?!通|进|上|赢|成|下来|着|到|电话|给我|我|回)"
# right after the cue, with its object: 说要投诉没投, 说要找你们经理 也没找
_TAKEN_BACK_AT_ONCE = re.compile(r"[^，。！？,.!?\s]{0,4}?[，,\s]?(?:但|但是|可是|不过|后来|最后)?我?(?:也|都|就|又)?(?:没有|没)再?去?"
                                 + _STEP_VERB + _STEP_VERB_END)
# later in the turn, the caller's own 不 / 没 (我就不投诉了, 所以就没去, 我也没找: 我 or 就 right before it, not 他就没去)
# or 算了 (后来想想算了)
# Thirty-third pass (fresh47's 我之前说要投诉那个快递员，现在不投诉了): 现在 / 如今 … + 不 (想 / 打算 / 用) is the caller's own taking back
# too, with or without 我 (the subject is the caller who voiced it)
_TAKEN_BACK_LATER = re.compile(r"(?:(?:我|俺|(?<![他她们])就|便)(?:也|都|才|就)?(?:不|没有|没)"
                               r"|(?:现在|如今|这会儿|眼下|目前)(?:我|俺)?(?:也|都|就)?(?:不(?:想|打算|准备|用|要)?|没必要|用不着))"
                               r"再?去?" + _STEP_VERB + _STEP_VERB_END
                               + r"|(?:(?<![他她们])就|也就|那就|想想|想了想|后来|最后|我|现在|如今)(?:也|就)?算了(?!解)"
                               # 现在不用了 / 现在没必要了 (thirty-third pass): the step taken back without its verb
                               r"|(?:现在|如今|这会儿)(?:我|俺)?(?:也|就)?(?:不用了|不需要了|没必要了|用不着了)"
                               # 那个不用了，帮我撤销吧 (seventy-eighth pass, fresh118): the request itself named, then no longer
                               # needed, or the caller asking to withdraw it
                               r"|(?:那个|这个)(?:就)?(?:不用了|不需要了|用不着了)"
                               r"|(?<![不没别])(?:帮我|给我|麻烦(?:你|您)?)(?:把(?:它|这个|那个))?(?:给)?(?:撤销|撤回|撤掉|撤|取消)(?:掉)?(?:吧|一下)"
                               # Thirty-eighth pass (fresh53_dev: …说要投诉那个快递员 嗯 是我太急了 不投诉了; …说要去法院告你们，
                               # 现在钱已经退了，算了不告了): a clause of its own that opens on 不 + the step + the 了 of a changed
                               # mind (不投诉了, 算了不告了), or on 算了, is the caller's taking back too — not asked (不投诉了吗)
                               r"|(?:(?<=[\s，,。！!；;])|^)(?:算了[，,\s]?)?(?:也|就)?不再?去?" + _STEP_VERB + r"了(?![吗么嘛？?])"
                               r"|(?<=[\s，,；;])算了(?!解)")
_DOUBLE_NEGATIVE = re.compile(r"[^，。！？,.!?\s]{0,4}?(?:不行|不可|不成)")
# 现在我要去了, 我马上就打: the step taken up again (not 今天就问一下退款: a modal alone needs a step verb after it)
_TAKEN_UP_AGAIN = re.compile(r"(?:现在|今天|这次|这回|明天|马上)我?(?:还是|一定|肯定|非|必须|决定"
                             r"|(?:就|要|得|就要|也要)(?:去|打|找|投诉|告|起诉|举报|曝光|报警|给差评|申诉|反映))"
                             r"|我(?:现在|今天|明天|这次|这回)?(?:还是|一定|肯定|必须|决定)(?:要|会|得|去|打|找|投诉|告)")
_CLAUSE_BREAK = re.compile(r"[\s，。！？,.!?]")


def _past_intent_before(text: str, begin: int, start: int) -> bool:
    """The caller's own intention voiced in the past before the cue at ``start`` — the cue's own opening 让 / 叫 / 请 counted
    as the request (上午我让你们升级到主管的那个工单, eightieth pass, fresh123)."""
    stop = start + 1 if text.startswith(("让", "叫", "请"), start) else start
    return _PAST_INTENT_PRE.search(text, max(begin, start - 32), stop) is not None


def taken_back_later(text: str, start: int, end: int, after: int = 0) -> bool:
    """The cue ``text[start:end]`` is the caller's own threat quoted from the past and taken back later in the turn,
    with no step taken up again after that (twenty-eighth pass)."""
    # a cue right after another in the same phrase (去消协告你们, 找媒体曝光) shares the time read before the first
    begin = after if _CLAUSE_BREAK.search(text, after, start) else 0
    if not _past_intent_before(text, begin, start):
        return False
    m = _TAKEN_BACK_AT_ONCE.match(text, end) or _TAKEN_BACK_LATER.search(text, end)
    if m is None or _DOUBLE_NEGATIVE.match(text, m.end()):
        return False
    return not (_REOPENED.search(text, m.end()) or _TAKEN_UP_AGAIN.search(text, m.end()))


def taken_back_in_later_turn(text: str, start: int, end: int, later: list[str]) -> bool:
    """The cue ``text[start:end]`` is the caller's own threat quoted from the past (a time, then 说 / 想 / 打算 … before it,
    as ``taken_back_later`` reads it), not taken up again in its own turn, and one of the caller's ``later`` turns (read past
    fillers) takes it back as ``taken_back_later`` would within the turn (那个就不投诉了, 现在不打了, 那就算了) with no step taken up
    again after that (thirty-fourth pass, fresh49_dev: 我上午打电话 说要投诉那个修洗衣机的师傅 … 那个就不投诉了 你帮我撤了吧)."""
    if not _past_intent_before(text, 0, start):
        return False
    if _REOPENED.search(text, end) or _TAKEN_UP_AGAIN.search(text, end):
        return False
    for turn in later:
        m = _TAKEN_BACK_LATER.search(turn)
        if m is not None and not _DOUBLE_NEGATIVE.match(turn, m.end()):
            return not (_REOPENED.search(turn, m.end()) or _TAKEN_UP_AGAIN.search(turn, m.end()))
        if _REOPENED.search(turn) or _TAKEN_UP_AGAIN.search(turn):
            return False  # taken up again before any taking back
    return False

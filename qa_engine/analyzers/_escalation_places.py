"""A body named as a place, an address, an employer, who someone is, an errand's office, a
destination or an invoice title, and a body speaking or sending the customer here — not a step
taken against the company."""

from __future__ import annotations

import re


# A body named as a place or an employer, not as a step: 送到法院对面, 派出所旁边的超市,
# 我是律师事务所的, 我在电视台上班, 做新媒体的公司.
# Forty-sixth pass (fresh67's 就是消费者协会那栋楼隔壁): the body's building named before the direction
_PLACE_POST = re.compile(r"^(?:(?:那|这)(?:栋|座|幢|个)楼的?|大楼的?|那栋|这栋|那|这)?"
                         # (后头 / 前头 / 后边 / 前边 / 跟前 since the ninety-third pass: fresh165's 俺家就在市场监管局后头那个家数院)
                         # (正对面 / 斜对面 since the hundred-and-eleventh pass: fresh287's 就在法院正对面)
                         r"(?:(?:正|斜)?对面|旁边|附近|门口|隔壁|楼下|楼上|后面|前面|后头|前头|后边|前边|跟前|边上|[东西南北前后侧正大]门|路口|事务所|上班|工作"
                         r"|家属院|家属楼|宿舍|小区|大院|大楼|大厦|院里|地址|的地址|电话号码|的电话号码"
                         r"|大?街|路(?![径子线])|大道|巷|胡同|站(?!出)|桥|广场|公园"
                         r"|(?:往|向)[东西南北左右前后]|[东西南北]边|[东西南北]侧"
                         # (a sign to stop at, 你让他看到派出所的牌子就停, since the hundred-and-fifth pass: fresh127's pick-up point)
                         r"|的(?:公司|单位|行业|工作|同事|朋友|同志|民警|警官|牌子|招牌))")
# The body sent the customer to the company: 警察让我打你们电话问问, 法院叫我找你们.
# 医保局说你们医院可以直接结算, 派出所说这事归你们管 (eleventh pass): the body as the source of what the
# customer heard, telling them something; not when it is told to act on the company (12315说让你们三天内答复).
# Thirty-third pass (fresh46's 我看到消协前几天公布了一份儿童水杯的抽检结果): the body publishing its own findings (公布 / 发布 /
# 通报 / 出了 a report, a list, a warning), a time word allowed before it, is the source of the news, not a step.
# Forty-third pass (fresh64_dev: 我看到市场监管总局发了召回公告): the body's name may run on past the cue (总局 / 分局 …)
_BODY_SAID_POST = re.compile(r"^(?:总局|分局|总队|支队)?(?:那边|方面|的人|工作人员)?(?:前几天|前段时间|前阵子|最近|近期|之前|刚刚?|上周|上个月|昨天|今年|去年|也|还)*"
                             # Forty-first pass (fresh60_dev: 我看到市消协前几天发了个提醒): 发了 a warning or a notice, the everyday verb
                             r"(?:公布|发布|通报|曝出|出|发(?=了))了?(?:一份|一个|一批|一条|个|份|批|条|最新的?)?[^，。！？,.!?]{0,12}?"
                             r"(?:结果|名单|报告|通报|公告|通告|提示|提醒|警示|数据|榜单|案例)"
                             r"|^(?:那边|方面|的人|工作人员)?(?:说(?![理法清道])|讲(?![理法清道讲])|通知|规定|答复|回复|告诉我"
                             # 是市场监管所要求挂在收银台的 (fifteenth pass, after fresh32_test): the body's requirement of the caller
                             r"|要求(?!你们|你|贵|商家|平台|店家)(?:我们|咱们)?(?:挂|贴|放|装|配|备|做|办))"
                             # Forty-second pass (fresh56's 我 看 消协 发 的 那个 提示, fresh52's 教育局最近说的双减政策): what the body
                             # said or put out, told as a relative clause (说的 / 发的 / 出的 … + 政策 / 提示 / 通知 …), pauses allowed
                             r"|^\s*(?:那边|方面)?\s*(?:(?:前几天|前段时间|前阵子|最近|近期|之前|刚刚?|上周|上个月|昨天|今年|去年)\s*)*"
                             r"(?:说|讲|发|出|公布|发布|通报|出台)\s*的\s*(?:那个|那条|那份|这个|这条|新)?\s*[^，。！？,.!?\s]{0,4}?"
                             r"(?:政策|规定|提示|提醒|通知|公告|通告|警示|文件|名单|报告|结果|标准|新规|指南)")
_TO_BODY_PRE = re.compile(r"(?:找|去|(?<![看听收见遇碰得])到|向|跟|和|给|打|拨)$")  # 我找消协说理去, 要去消协讲讲清爽: the customer going there
# Fifty-eighth pass (fresh78's 我早上以经打了一二三四五 他们说会转给街道): the caller has called or been there already, then tells
# what they said — the step done; not 看到了 / 听到了 (the body perceived)
_BEEN_TO_BODY_PRE = re.compile(r"(?:找|去|(?<![看听收见遇碰得])到|打|拨)(?:了|过)$"
                               # 我材料都已经交到消费者协会了 他们说… (hundred-and-fifteenth pass, fresh313): the material handed in
                               r"|(?:已经|都)(?:交到|递到|送到|寄到|交给|递给|寄给)$")
# (not 看到 / 听到 / 收到: 我看到消协前几天公布了… perceives the body, thirty-third pass)
_BODY_ACTS_ON_COMPANY = re.compile(r"让你们|叫你们|要求你们|你们(?:必须|得|要|应该|赶紧)|赔|立案|受理|处罚|罚款|查处|给我(?:答复|说法|回复)")
_REDIRECTED_POST = re.compile(r"^(?:同志|叔叔|那边|方面)?(?:让我|叫我|建议我|要我)[^，。！？,.!?]{0,2}?(?:打|找|问|联系)你们")
# (我是要去工商那边反映: an intention between 是 and the body is a step, not who or where.)
_PLACE_PRE = re.compile(r"(?:在|是|做|搞)[^，。！？,.!?要去会想找到打给向]{0,3}$")
# 我已经在金融监管局的网站上提交投诉了 (twenty-first pass): the body's own channel used to complain, not a place
# (fifty-third pass, fresh73's 我前天已经在国家邮政局的申诉网站上把这件事提交了: the channel named by its use, 申诉 / 投诉 / 举报 …)
_BODY_CHANNEL_USED = re.compile(r"的?(?:官方)?(?:申诉|投诉|举报|服务|政务|消费者)?(?:网站|官网|网上|公众号|小程序|app|APP|平台|热线|留言板|信箱|窗口)(?:上|里|那儿|那边)?"
                                r"[^，。！？,.!?]{0,6}?(?:投诉|举报|反映|提交|留言|申诉|登记|立案)")
# 我在新华社当摄影记者: a job held somewhere.
# 报社当编辑记者: the 记者 is the same job; 市电视台新闻部的记者 (eighteenth pass): a department of the same body
_SERVING_GAP = re.compile(r"当[^，。！？,.!?]{0,3}|[^，。！？,.!?\s]{1,4}?(?:部|组|科|处|室|栏目|频道|中心)的")
_SERVING_AS_PRE = re.compile(r"在[^，。！？,.!?]{1,6}当[^，。！？,.!?时天场面晚]{0,3}$")
# 找报社的朋友写写你们: a friend there enlisted for the step, not an employer.
_ENLIST_PRE = re.compile(r"(?:找|让|请|叫|联系|托)[^，。！？,.!?]{0,2}$")
# Hundred-and-tenth pass (fresh278's 你让他到派出所门口给我打电话): someone sent to a spot by the body (到 / 去 + 门口 / 对面 …) is
# told where to go, not a body enlisted
SENT_TO_SPOT_PRE = re.compile(r"(?:到|去|在|来)$")
SPOT_POST = re.compile(r"^(?:对面|旁边|附近|门口|隔壁|楼下|路口|[东西南北前后侧正大]门)")
_NEAR_POST = re.compile(r"^(?:那边|这边|那里|这里|附近)")
# Forty-first pass (fresh60_dev: 这事我已经在邮政局那边登记了，编号都给我了): a complaint filed at the body (在 + the body + 那边 +
# 登记 / 立案 / 反映 … 了), a step taken there, not where someone is — except 登记 at the bodies where a business or a household
# registers itself (工商, 市场监管, 房管, 公安: 我在工商那边登记了 is as often the caller's own shop registered)
# (since the sixty-seventh pass, fresh97's 在工信部的电信用户申诉受理中心申诉了: the body's own centre, platform or window named)
_FILED_THERE_POST = re.compile(r"^(?:那边|那儿|那里|的[^，。！？,.!?]{0,10}?(?:中心|平台|网站|窗口|系统|渠道|热线))(?:已经|都|也)?"
                               # (登记投诉了 since the eighty-eighth pass, fresh144's 我前天已经在住建局那边登记投诉了: the registering
                               # named with the complaint, which no business registers itself with)
                               r"(?P<verb>(?:登记|备案)(?:投诉|举报|反映|申诉)?|立了?案|投诉|反映|举报|申诉|留了?(?:个)?言)(?:了|过)"
                               # (提交了申诉 since the hundred-and-fourth pass: fresh231's 我前天已经在通信管理局那边提交了申诉)
                               r"|^(?:那边|那儿|那里)(?:已经|都|也)?(?:提交|递交)了(?:一个|个|一份|份)?(?:申诉|投诉|举报)")
_OWN_REGISTRY = re.compile(r"工商|市监|市场监|房管|公安|派出所|警察")


# Forty-second pass (fresh49's 地址是人民路一百二十号，消协三楼): a floor right after the body names a place in its building, as
# 消协大楼 does — not when the caller is going there (我去消协三楼, 到消协三楼投诉: _TO_BODY_PRE) or a step follows
FLOOR_POST = re.compile(r"^[一二三四五六七八九十\d]{1,3}(?:楼|层)(?!梯)")
# Forty-third pass (fresh64_dev: 我约了明天早上七点的车 去中级法院 我在那上班): the body followed, after a pause or a comma, by
# the caller saying they work there is their workplace, gone to as one goes to work — not waiting there (我去法院 我在那等你), not a
# step before the pause (我要去法院告你们 …), not someone who works there (我在那上班的朋友说…)
WORKS_THERE_POST = re.compile(r"(?:[东西南北正后侧大]门|门口|那边)?(?:[，,]|\s)\s*(?:我|俺)(?:就|平时|每天|天天|现在|一直)?"
                              r"在(?:那|那儿|那边|那里|里面|里头)(?:上班|工作|值班|实习)(?!的)")
# Forty-second pass (fresh60's 我是做律师的 白天 都在所里 要么就在法院开庭): the court where the caller, a lawyer or judge by their
# own words in the turn, works (在法院开庭 / 出庭 / 上班) — not 我们法院见, not a turn where the caller names no legal job
OWN_LEGAL_JOB = re.compile(r"我(?:就|也|本身)?是(?:做|当|干)?(?:一名|个|名)?(?:执业|专职)?(?:律师|法官|书记员|法警|法务)")
COURT_AS_WORKPLACE = re.compile(r"在$")
COURT_WORK_POST = re.compile(r"^(?:里|那边)?(?:开庭|出庭|上庭|上班|值班|办案|加班)(?![^，。！？,.!?]{0,2}见)")


def filed_there(body: str, post: str) -> bool:
    """``post`` tells a complaint filed at ``body`` (在邮政局那边登记了), not where someone is."""
    m = _FILED_THERE_POST.match(post)
    return bool(m) and not (m.group("verb") in ("登记", "备案") and _OWN_REGISTRY.search(body))

# Thirty-ninth pass (fresh56_dev / fresh55_dev: 我是律师，下周要去外地开庭，想订两晚离法院近一点的房间): the body as the landmark a
# distance is measured from (离法院近一点, 距离派出所不远, 离消协多远) is a place — not 离法院开庭还有三天 (no distance after it)
_LANDMARK_PRE = re.compile(r"(?:离|距离|距)$")
_LANDMARK_POST = re.compile(r"^(?:那边|那儿|这边)?(?:比较|很|挺|最|特别|更|稍微|有点|不算)?(?:近|远|不远|多远|有多远|多少(?:公里|米|路)"
                            r"|[一二三四五六七八九十两几半\d]+(?:公里|里地?|米|站|分钟|步))")
# An address: 地址是公安局家属院, 我家在法院后面.
_ADDRESS_PRE = re.compile(r"(?:地址|住址|住在|家在|位置|定位)(?:是|在)?[^，。！？,.!?]{0,6}$")
_AT_WORK_POST = re.compile(r"^[^，。！？,.!?]{0,4}?(?:上[夜早晚白中]?班|值班|倒班|工作|任职|实习|当|做(?!主)|干(?!嘛))")
# Who someone is, not a step: 我是律师, 我们是电视台节目组, 我爸是警察, 我工作单位是法院.
_IDENTITY_PRE = re.compile(r"(?:我|我们|咱们|俺|他|她|爸|妈|老公|老婆|爱人|家人|女儿|儿子|朋友|亲戚|单位|哥|姐|弟|妹|叔|舅|姨|姑"
                           r"|同学|室友|邻居|对象|男朋友|女朋友|闺蜜|家属|孩子|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母)"
                           r"(?:就|也|都|以前|现在|本身)?是(?:[区市县省镇乡]|中级|高级|基层|人民|国家){0,4}(?:一名|一个|一位|一家|个|名|位|家|做|干|当|搞"
                           r"|[^，。！？,.!?要找去会想打给让叫请说]{1,6}的)?(?:老|资深|前|退休的?)?"
                           # 我是一名执业律师 (twentieth pass, rules alone): the licence or the post in front of the job
                           r"(?:执业|专职|兼职|实习|职业|驻站|特约|首席)?"
                           # Forty-second pass (fresh54's 我是 律师 在 ***律师事务所 上班): a recogniser's pause before the job
                           r"\s*$")
# Where someone else is: 我同事在市场监管局 (上班), 我哥就在派出所.
_SOMEONE_AT_PRE = re.compile(r"(?:同事|朋友|家人|亲戚|老公|老婆|爱人|[哥姐弟妹爸妈]|儿子|女儿|同学)(?:就|也|都|现在)?在$")
# Our own body as the buyer: 我们派出所订的水, 咱们法院食堂 (but 咱们法院见 is a threat).
_OUR_PRE = re.compile(r"(?:我们|咱们|我单位|我们单位)(?:这个|那个|这边)?$")
# Thirty-fifth pass (fresh50_dev's 我是律师事务所的行政，想给我们几位律师订下周三的会议室): the person named by the cue as the one
# the caller books or buys for (给我们几位律师订会议室, 帮咱们的律师买两张机票, 给所里几位律师订个午餐, 为三位律师预订房间) — guests
# of the errand, the caller's colleagues or clients, not a step; not a lawyer given the matter (交给律师办理, 给律师打电话,
# 给律师准备材料, 给我们律师看看合同).
# How many of them (几位, 两个, 各位) and the errand's verb, shared by the two readings below; not 买单 (paying the bill), and not
# 订庭 / a verb aimed at 你们 / 他们 / a 律师函.
_HOW_MANY = r"(?:的)?(?:(?:这|那)?[几两二三四五六七八九十]|各)?(?:位|个|名)?$"
_ERRAND_VERB = r"订|预订|预定|买(?!单)|购买|租"
_ERRAND_NOT = r"(?!庭|你们|他们|律师函)"
_FOR_WHOM_PRE = re.compile(r"(?:(?<![交转递寄送发报移提])给|帮|替|为)(?:我们|咱们)?(?:所里|所|公司|单位|台里|报社|部门|团队|组里|科室)?"
                           + _HOW_MANY)
_ERRAND_FOR_POST = re.compile(rf"^(?:们)?(?:{_ERRAND_VERB}|点){_ERRAND_NOT}")
# Thirty-sixth pass (the thirty-fifth pass's open item 我们台里的记者想订个房间): the caller's own colleague as the subject of the
# errand, named through the office and 的 (我们台里的记者想订个房间, 咱们所里的两位律师要订机票) — the same guests as 给我们几位律师订,
# booking for themselves; 我们记者想订 already read so through _OUR_PRE. Only an errand verb after an intention word, not 要 alone
# (我们台里的记者要来采访你们, 我们所里的律师会起诉你们 stay as they read).
_OUR_STAFF_PRE = re.compile(r"(?:我们|咱们)(?:所里|台里|报社|公司|单位|部门|团队|组里|科室|院里)" + _HOW_MANY)
_STAFF_ERRAND_POST = re.compile(r"^(?:们)?(?:明天|今天|后天|下午|上午|晚上|下周|这周|月底)?(?:想|要|需要|准备|打算)?(?:在你们这边?|在你们这儿)?"
                                rf"(?:{_ERRAND_VERB}){_ERRAND_NOT}")
_OUR_POST = re.compile(r"^(?:明天|今天|后天|下午|上午|晚上|下周|这周|月底|最近)?(?:想|要|需要|准备|打算)?"
                       r"(?:的|订|买|要|采购|租|拍|开|办|搞|举办|在你们|来你们|这边|那边|里|所里|院里|台里|单位|同事|食堂"
                       r"|办公室|领导"
                       # 我们报社之前也请过你们的译员 (eighteenth pass): our body as a past client
                       r"|(?:之前|以前|上次|去年|一直)(?:也|都)?(?:请过|用过|订过|买过|找过|租过|合作过))")
# An errand at the office, not a step against anyone: 去派出所办身份证, 去工商局注册公司.
# 派出所那边销户要火化证明 (twelfth pass, after fresh29_test): a household-register errand.
_ERRAND_POST = re.compile(r"^(?:那边|那儿|那里|这边)?(?:来|去)?(?:办(?!你)|注册|拿|领|交(?!给)|取|缴|年检|盖章|上户|销户|落户|迁户|补办|挂失"
                          r"|开证明|开个证明|打证明"
                          r"|签(?:个)?字|签合同|旁听|参观|实习|值班|送(?:个|份|一下)?(?:材料|文件|资料|东西)|递(?:交)?材料)")
# The body doing its own work where the customer is: 消协上次来我们社区宣传, 派出所来走访.
# 明天市场监管局来我店里检查: an inspection of the customer's own place (not 来你们店里检查).
_BODY_INSPECT_POST = re.compile(r"^(?:的人)?(?:明天|今天|后天|下周|上次|之前|昨天|前几天|每年|经常|也|还|要|会)*"
                                r"(?:来|到)(?:过)?(?:我|我们|咱们)(?:的)?(?:店|家|公司|厂|单位|小区|社区|饭店|餐厅)?(?:里)?"
                                r"(?:做|搞|进行)?(?:检查|抽检|巡查|年检|验收|检验)"
                                # 下个月市场监管局要来查我们的仓储记录 (fifteenth pass, after fresh32_test): the caller's own records checked
                                r"|^(?:明天|今天|后天|下周|下个月|月底|每年|也|还|要|会)*(?:来|到)?(?:查|检查|抽查|核查)(?:一下)?(?:我们|咱们)(?:公司|单位|厂|店)?的")

# 市公安局也会派人来布置一个反诈骗的展区 (eighteenth pass, after fresh35_test, in-sample): the body taking part in an event
_BODY_VISIT_POST = re.compile(r"^(?:的人|的同志)?(?:上次|之前|昨天|前几天|今天|每年|经常|也|还|会|要|将)*(?:派人|派员)?(?:来|到)(?:过)?(?:我们|咱们)?"
                              r"[^，。！？,.!?]{0,4}?(?:宣传|走访|讲座|做活动|搞活动|普法|义诊|慰问|布置|布展|参展|设展|摆摊|展出)")
# 寄到法院, 把合同寄给我的律师: a destination of a parcel, not a step.
# 我想订一束花送给***律师 (thirty-fourth pass, the thirty-third's open item from fresh47's f47-c-name-asr): a present given
# is a destination too (送到 already was)
_DESTINATION_PRE = re.compile(r"(?:(?:寄|送|发|邮|快递)到|(?:寄|邮|快递|捎|送)给)[^，。！？,.!?]{0,6}$"
                              r"|(?:寄|邮|快递)[^，。！？,.!?到给]{1,5}(?:到|给)[^，。！？,.!?]{0,6}$")  # 寄一份材料到区法院
# Forty-first pass (fresh60_dev: 函…下礼拜一就寄到你们店 律师那边都签字了): the company itself the letter's destination, a pause,
# then a lawyer or a body told as having signed, sealed or drafted it — the letter is theirs, a step under way, not a parcel
# addressed to them (合同发到你们律师的邮箱了: no pause; 寄到你们店 律师下周去取: nothing done by them; both stay destinations)
_COMPANY_DESTINATION_PRE = re.compile(r"(?:到|给)(?:你们|贵公司|贵司|你家)[^，。！？,.!?\s]{0,3}\s+$")
_BODY_SIGNED_POST = re.compile(r"^(?:那边|那儿)?(?:都|已经|也)*(?:签字|签了字|签好字|签好|盖了?章|盖好章|拟好|写好|起草好)了")


def letter_signed_by_body(pre: str, post: str) -> bool:
    """A letter sent to the company and signed by the body named after a pause (寄到你们店 律师那边都签字了)."""
    return bool(_COMPANY_DESTINATION_PRE.search(pre) and _BODY_SIGNED_POST.match(post))
# 整理成书面材料，寄到市消费者协会; 把合同和照片一起寄给市场监督管理局，请他们来认定 (eighteenth pass): the case's
# material mailed to a body that takes complaints, or mailed for the body to judge — a step, not a parcel's destination
# (not 把样品送到质检所检测, a test; not 营业执照的材料寄到工商局去年检, an errand).
_CASE_MATERIAL = re.compile(r"(?:书面|投诉|申诉|举报)材料|投诉信|举报信|申诉书|证据|照片|合同|录音|聊天记录|截图")
# 合同我会寄到区市场监管局，办个备案: paperwork filed with the body, an errand
_FILING_AFTER = re.compile(r"^[^。！？!?]{0,8}?(?:办|注册|登记|备案|年检|审批|审核|盖章|换证|领证|申领|检测|化验|鉴定)")
_BODY_TO_JUDGE_POST = re.compile(r"^[^。！？!?]{0,6}?(?:请|让|叫|由)(?:他们|她们|人家|协会|局里)(?:来|帮我)?"
                                 r"(?:认定|评判|评理|评评理|裁决|定夺|主持公道|判断|判定|调查|查一查|查查|查一下|处理)")
_COMPLAINT_BODIES = frozenset({"consumer_body", "regulator"})
# 我是市民热线转过来的: how the call arrived, not a step.
_RELAYED_POST = re.compile(r"^(?:的)?(?:热线|电话)?(?:那边)?(?:转过来|转来|转接过来|派过来|派来)")
# 我看今年315晚会说…: a programme watched, a source of news.
_WATCHED_PRE = re.compile(r"(?:看|看到|看了)(?:了)?(?:今年|去年|昨天|昨晚|前几天|这次|这期|那期)?的?$")
# 投诉 inside a company's name, where the customer works: 我在速投诉网络公司上班.
_COMPANY_NAME_POST = re.compile(r"^(?![你贵他她])[^，。！？,.!?]{0,6}?(?:公司|集团|科技|网络|平台)[^，。！？,.!?]{0,2}?"
                                r"(?:上班|工作|任职|实习|的员工)")
_IN_PLACE_PRE = re.compile(r"(?:(?<!现)在|是)[^，。！？,.!?要去会想找到打给向就]{0,3}$")
# 我写成法院里面了, 地址写错了 写成了派出所那边, 填成了电视台宿舍 (twenty-seventh pass, after fresh44_test's one scoring,
# in-sample): the body inside an address written or being corrected, when the turn talks of an address — not a step after
# it (地址写错了那是你们的事 不退我就去法院起诉你们: 去 before the body)
_WRITTEN_AS_PRE = re.compile(r"(?:写成|填成|写错成|填错成|打成|输成|改成|写的是|填的是|写到了?|填到了?)了?"
                             r"[^，。！？,.!?去找到告打寄送交递让叫请我你]{0,4}$")
_ADDRESS_TALK = re.compile(r"地址|住址|门牌|收货|定位|导航|小区|楼栋|单元|送到|送错|配送|写错|填错")
# 发票开公安分局, 抬头写区法院: the body as an invoice's title or a payee.
_INVOICE_PRE = re.compile(r"(?:发票|抬头|开票|户名|收款方|付款方|收款单位)(?:就|上|的|要|也)?(?:开给|开成|开|写成|写|是|为|填)"
                          r"[^，。！？,.!?去找到告打]{0,4}$")
# 你们和法院的知识产权庭有没有合作 (eighteenth pass): the company and the body as partners, not a step
_PARTNER_PRE = re.compile(r"(?:你们|贵公司|贵司|贵所|你们公司)(?:之前|以前)?(?:和|跟|与)$")
_PARTNER_POST = re.compile(r"^[^，。！？,.!?]{0,12}?(?:合作|对接|业务往来|签约)")
_VISIT_PURPOSE_POST = re.compile(r"^(?:去)?(?:参观|学习|考察|交流|面试|实习|培训|开会|领奖|参加|报到|应聘|上班)")
_PARCEL_PRE = re.compile(r"(?:寄|邮|快递|送)(?:一份|一个|一封|个|份|封|些)?[^，。！？,.!?]{0,6}$")

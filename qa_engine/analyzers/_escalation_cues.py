"""The escalation cue lexicon: per category, the patterns whose match is a candidate threat
(``CUE_PATTERNS``, Chinese and English), the rule-only cues the second opinion never judges
(``RULE_ONLY_PATTERNS``), and their compiled forms with the one-pass gate."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_numbers import HOTLINES, _ALONE_L, _ALONE_R, _SPOKEN_12300, _spoken
from qa_engine.analyzers._regex_gate import any_of


def _en(words: str) -> str:
    """English words as a pattern on the lower-cased reading text: whole words (a Chinese character,
    a digit or a space is an edge; a Latin letter is not)."""
    return f"(?<![a-z])(?:{words})(?![a-z])"


# The platforms a post goes up on, as the rule-only media frames name them (one list; ``CUE_PATTERNS`` keep their own
# narrower lists, which the second opinion was trained on)
_PLATFORMS = "网上|网络上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|头条|视频号|[Bb]站|大众点评|黑猫"


# A superior named in English inside the Chinese frames (叫你们 manager 来, 把 supervisor 给我叫来).
_EN_SUPERIORS = "managers?|supervisors?|boss|superiors?|ceo|head office|headquarters|hq"
_EN_SUPERIOR = _en(_EN_SUPERIORS)

# A superior asked to act in what follows (请他本人给我回个电话, 让他亲自…, 给我一个书面答复): the lookahead of the pass-up cues.
ASKED_TO_ACT = ("(?=[^。！？!?]{0,24}?(?:(?:请|让|叫|要)(?:他|她|他们|她们)(?!们?(?:好|辛苦))|亲自"
                "|给我(?:个|一个)?(?:书面)?(?:答复|说法|解释|交代|回电|回个电话|打电话|打个电话)))")

# category → cue patterns. Longer, more specific patterns first within a category.
CUE_PATTERNS: dict[str, tuple[str, ...]] = {
    "hotline": (f"{_ALONE_L}(?:{'|'.join(map(_spoken, HOTLINES))}){_ALONE_R}", _SPOKEN_12300,
                "(?:市长|政务|政府|政府服务|政务服务|市民|便民|民生|城市服务|消费者|投诉|三一五|315)热线",
                "(?:打|拨打?)[^，。！？,.!?]{0,8}?(?:投诉|申诉|举报)(?:电话|热线)",  # 打厂家总部的投诉电话
                f"(?:打|拨打?|找|去|到|向|上|给|跟)(?:个|那个)?(?:{_spoken('315')}){_ALONE_R}", f"{_spoken('315')}晚会"),
    # 消费者权益保护协会 / 消费者权益协会 / 消费者权益保护中心 (tenth pass): the full names, however shortened
    "consumer_body": ("消费者权益保护委员会", "消费者协会", "(?<!金融)消费者权益(?:保护)?(?:协会|委员会|中心)", "消协", "消保委", "(?:银行业|保险行业|行业)协会",
                      "金融消费者权益保护中心",
                      # Taiwan and Hong Kong: 消基會 (消费者文教基金会), 消保官 / 消保處, 消委會 (消费者委员会)
                      "消基会", "消费者文教基金会", "消保(?:官|处)", "消委会", "消费者委员会"),
    "media": ("(?<![自新多融流])媒体",
 "曝光(?!过度|不足|补偿|值|时间|度|模式|参数|不准)", "上新闻", "新闻媒体", "电视台", "记者", "报社", "上热搜", "登报", "上报纸", "见报",
              "新闻热线", "(?:报料|爆料)(?:电话|热线)",
              "(?:让|叫)(?:全网|全国人民|全国|全世界|所有人|全城)(?:的人)?(?:都)?(?:知道|看看|评评理)",
              # 让所有宝妈都知道, 让全小区的人都看看: everyone in a group told
              "(?:让|叫)(?:所有|全)[^，。！？,.!?都]{1,4}?都(?:知道|看看|看到|评评理)", "拉(?:横幅|条幅)", "(?:电视)?问政",
              # 发到网上, 发抖音, 发个视频到网上, 捅到网上; not 挂在网上的那套房 (a listing)
              "(?:发|挂|传|放|晒|捅|闹|爆|曝)(?:个|条|篇)?(?:视频|帖子?|文章|微博)?(?:到|在|上)?"
              "(?:网上|网络上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|头条|视频号|[Bb]站|大众点评|黑猫|妈妈群|家长群|业主群|微信群)(?!的)",
              "(?:去|到|在|上)(?:网上|网络上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|头条|大众点评|黑猫)上?"
              "(?:发(?:个|条|篇)?(?:帖子?|视频|文章?|微博)|曝光|挂你们|闹)",
              "(?:要|会|就|去)(?:在|到|上)(?:网上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|大众点评|美团|业主群)"
              "(?:[和跟与、](?:网上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|大众点评|美团))?"
              # 在大众点评上把这事儿说清楚: the matter put as an object first
              "(?:里|上)?(?:都|也)?(?:把[^，。！？,.!?]{1,6}?)?(?:说|讲|发出来|发出去|发上去|曝光|挂出来)(?:说|讲|道道|清楚)?(?!一下好评)"),
    "legal": ("律师", "起诉", "提告", "法院", "法庭", "(?:打|吃)官司", "(?:劳动)?仲裁", "(?:提起|法律)?诉讼", "法律(?:程序|途径)", "追究(?!不了|不到|不起)[^，。！？,.!?]{0,8}?法律责任", "保留追究[^，。！？,.!?]{0,6}?(?<!法律)责任",  # 法律责任 has its own cue
              "(?<![你报广警忠转公预劝通])告(?:你|他|她|商家|你们|到|了)(?!诉)", "(?<=[去要会就])告(?![诉示知别白])",
              # 连你们一块告 (fifteenth pass): suing the company along with someone else (not 一起告: 连你们平台一起告 sits
              # in a second-opinion training call already counted by 律师函, and a new cue there would change the model)
              "(?<=一块|一并|一齐)告(?![诉示知别白])"),
    "regulator": ("银保监(?:会|局|分局)?", "保监会", "银监会", "金融监(?:管|督管理)(?:总)?局", "民航(?:总)?局", "民用航空局",
                  "通管局", "交通(?:运输)?局", "运管(?:局|所|处)", "教育局", "人社局", "劳动(?:局|监察)", "物价局",
                  "药监局", "文旅局", "旅游局", "医保局", "街道办",
                  # 去区政府反映, 找街道反映, 到局里投诉: a body not listed, named with the step taken there
                  # 去住房和城乡建设局, 找区教育局: going to a bureau, the clause ending there
                  # (not over a pause after a clause told done: 渗到她家了 她说要去住建局 is not 到…住建局, hundred-and-eighth pass)
                  "(?:去|找|到|向)(?:(?!了\\s)[^，。！？,.!?]){1,10}?(?:局|委员会)(?=$|[，。！？,.!?]|了|吧|啊|去|反映|投诉|举报|申诉|告|讨)",
                  "(?:去|找|向|到|跟|给)[^，。！？,.!?]{0,6}?(?:局|委|政府|街道|居委会)(?:里|那边|那儿)?"
                  "(?:反映|投诉|举报|申诉|告状|讨说法|讨个说法)", "证监会", "市场监(?:督管理|管|督)(?:局|所|部门)?", "市监(?:局|所)", "工商(?:局|所|部门)?",
                  "住建(?:局|委|部门)", "房管局", "邮政(?:管理)?局",
                  # a sector's regulator named by its sector: 邮政管理部门, 教育主管部门, 交通管理处
                  "(?:邮政|邮政业|快递|交通|教育|卫生|住建|住房|通信|电信|文旅|旅游|民航|金融|物价|价格|环保|城管|质监|食品|药品)"
                  "(?:管理|监管|监督|主管|执法)?(?:部门|处|所|局|委|大队)", "卫生局", "卫健委", "卫生监督",
                  "食药监", "食品药品监督", "食品(?:安全|卫生)?(?:监督|监管|安全)(?:管理)?局", "食品监督",
                  "监管(?:局|部门)", "质监局",
                  # 和食品安全监管说吧 (MUSIED chats): the regulator named by what it supervises, with the step
                  "(?<=[和跟向找让给去到])(?:食品安全|食品|食安|质量|市场|卫生)监(?:管|督)(?:部门|局|所|的人)?"
                  "(?=说|讲|反映|投诉|举报|来查|查|评理)", "通信管理局", "工信部", "(?:相关|有关|行政|政府)部门", "公安(?:局|厅|部|分局)?",
                  "信访(?:办|局)?", "上访", "领导留言板",
                  # 去人民网留言板上留言, 给市长留言板写 (eleventh pass): the officials' message boards
                  "(?:人民网|人民日报|[省市区县]长|书记|政府|政务|民生)(?:的)?(?:地方领导)?留言板", "人民网(?:上)?(?:留言|投诉|反映|曝光)",
                  "(?:找|去找|向|给|写信给|告到)(?:[区市县镇乡]长|(?:区|市|县|镇|街道)?政府|人大代表|纪委)"),
    "police": ("报警(?![器系装按灯声铃响提信记功阈值])", "报案", "警察(?:局)?", "派出所"),
    "superior": ("(?:找|叫|让|换|转|联系|请(?!问)|喊|要(?=找|见|跟|你们|求)|升级到)"
                 # 请把发票寄到总部: a parcel's destination (寄到 / 送到 in the gap), not a superior demanded
                 "(?:(?!寄|邮|送到|发到)[^，。！？,.!?]){0,5}?(?:领导|上级|经理|主管|负责人|老总|店长|组长|班长|站长|总经理|总监|主任|部长|局长|处长|科长|所长|行长|院长|厂长|校长|园长|馆长|护士长|乘务长|董事长|总裁|法定代表人|法人代表|法人|总部|总行|总公司|最高的?处理人|"
                 + _EN_SUPERIOR + ")",
                 "(?:领导|上级|经理|主管|负责人|老总|店长|组长|班长|站长|老板|校长|园长|局长|处长|科长|所长)(?:来(?!电话|过|了|的)|出来|过来|能站出|站出来|接电话|联系|处理|解决|跟我说)",
                 # 我要求你们大老板亲自给我回个电话 (sixteenth pass): the big boss, and 要求 as the demand
                 "(?:叫|喊|让|请|找|见|要求)(?:你们|你家|你们家)(?:公司|店|家)?的?大?老板",
                 "把[^，。！？,.!?]{0,4}?(?:领导|上级|经理|主管|负责人|老总|店长|组长|班长|站长|老板|" + _EN_SUPERIOR
                 + ")(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)",
                 "要求[^，。！？,.!?]{0,6}?升级(?!到|为|成|会员|套餐)",
                 # 你把你们店长电话给我: the superior's number demanded
                 "(?:你们|你家)[^，。！？,.!?]{0,3}?(?:领导|上级|经理|主管|负责人|老总|店长|老板)的?(?:电话|手机号?|联系方式)"
                 "(?:号码)?(?:给我|告诉我|发我|报给我)", "上一级领导", "经理以上", "上级(?:主管)?部门",
                 "(?:帮我|给我|你)[^，。！？,.!?]{0,3}升级(?!一下)?(?!会员|套餐|版本|系统|账户|账号|宽带|配置|服务|房型|舱位|座位|成|到|为)", "升级投诉",
                 # 或者升级专员, 转接高级专员处理, 还是升级一下吧 (MUSIED chats): the platform's specialist with more
                 # authority demanded by the customer; accepting the agent's own offer is set aside (_offer_accepted)
                 "(?:或者|还是|直接|就|要求|请|申请|麻烦)(?:给我|帮我)?升级(?:到|给|成)?(?:高级)?专员",
                 "(?:升级|转接?|转给|叫|找|联系|申请|要求)(?:一下)?(?:到|给)?(?:你们)?的?高级专员",
                 "(?:还是|直接)(?:给我|帮我)?升级(?:一下)?(?:吧|处理吧)",
                 # 不行的话叫专员处理, 我要求联系专员给我回电 (after the chat-test scoring, in-sample): the specialist
                 # demanded under a condition or as a demand
                 "(?:不行的话|不行就|要不然|不然就|要不就)(?:请|叫|让|找|转|换)(?:你们)?(?:的)?(?:高级)?专员",
                 "要求(?:联系|找|叫|让|转)?(?:你们)?(?:的)?(?:高级)?专员(?=处理|给我|联系我|来|回电|打电话)", "(?:转|找|联系|接)[^，。！？,.!?]{0,4}?(?:投诉|客诉|申诉)(?:部门|中心|专员|组)",
                 # 找个能做主的, 叫个管事的来, 换个人来, 你们经理呢
                 "(?:找|叫|换|让|喊)(?:你们)?(?:个|一个)?(?:能做主|做得了主|能说了算|说了算|说话算数|说话算话|管事|能管事|能拍板|拿主意|能负责|负得了责)的", "换个人来",
                 "(?:找|叫|换|让|喊|要)(?:你们)?(?:上面|上头)的?(?:人|领导)", "[往向]上(?:反映|投诉|告|捅|找)",
                 # 我要去上面反映你们, 到上头告你们 (twelfth pass): the higher-ups reached with a step
                 "(?:去|到|找|跟|向|往|给)(?:你们)?的?(?:上面|上头|上边)(?:的人|的领导|领导|部门)?"
                 "(?:反映|投诉|举报|告|说理|讨说法|讨个说法)",
                 "(?:你们|你家)[^，。！？,.!?]{0,3}?(?:领导|经理|主管|负责人|老板|老总|校长|园长|局长|处长|科长|所长)呢",
                 "(?:去|(?<![寄送邮发])到|打到|闹到|告到|反映到|投诉到)(?:你们|你们公司)?(?:总部|总公司|总行)",
                 # After fresh31_test's one scoring (fourteenth pass, in-sample for it): the agent asked to pass it up to a
                 # superior who is to act (你跟你们上级说一下，让他亲自给我打电话 / 这钱今天必须退); passing on praise is not
                 "(?:你)?(?:跟|和|给|向)(?:你们|你)的?(?:上级|领导|主管|经理|负责人)(?:说|讲|反映|汇报|转达)(?:一下|一声)?"
                 "(?=[^。！？!?]{0,24}?(?:(?:让|叫|要|请)(?:他|她|他们|你们?(?:的)?(?:上级|领导))(?!们?(?:好|辛苦))|必须|亲自"
                 "|需要(?:你们?)?(?:的)?(?:上级|领导)|给我(?:个)?(?:答复|说法|解释|交代|回电|打电话)))",
                 # 我要找你们省公司 (fourteenth pass, in-sample): the provincial company above the branch
                 # (找你们省公司投诉: the 投诉 after it is the cue, as with 集团)
                 "(?:找|叫|联系|打给|打到|告到|反映到|投诉到)(?:你们)?(?:的)?(?:省公司|省分公司|母公司)(?!投诉|反映|举报|告)",
                 # 我会找你们集团 / 告到你们集团 (tenth pass): the group above the company
                 "(?:找|闹到|告到|反映到|投诉到)你们(?:的)?集团(?!客户|业务|网|套餐|采购|账户|卡|投诉|反映|举报)",  # 找你们集团投诉: 投诉 is the cue
                 "(?:打|拨打?)(?:你们|你们公司)?(?:总部|总公司)的?(?:电话|热线)",
                 "给(?:你们|你们公司)?(?:总部|总公司|总行)(?:打电话|打个电话|写信|反映|投诉)",
                 "(?:向|跟|给)[^，。！？,.!?]{0,4}?(?:领导|上级|经理|主管|负责人|老总|店长|组长|班长|站长|总部|总行)(?:反映|投诉|举报)"
                 "(?!办公室|部门|中心|电话|渠道|的)"),
    "complaint": ("投诉", "举报", "检举"),  # 檢舉: Taiwan's word for 举报
    "review": ("差评", "负评", "(?<![0-9一二三四五六七八九十])[一1](?:颗)?星(?!期|级|座|半)"),
}


# English and code-mixed cues (我会 complain 到 12315, let me talk to your manager, 找你们 supervisor):
# the same categories, judged by the same frames as the Chinese ones plus their English
# counterparts (``_english_reason``). Verbs that need an object to be a step (report, expose, sue)
# carry it in the pattern or are checked for it.
_EN_PLATFORMS = ("instagram|ins|facebook|fb|twitter|tiktok|youtube|reddit|weibo|douyin|xiaohongshu|social media"
                 "|网上|网络上|微博|抖音|小红书|朋友圈|大众点评|知乎")
_EN_OBJECT = "(?= ?(?:you|your|them|him|her|this|it|that|the (?:shop|store|company|merchant|seller|driver|platform)|你|他|她|这|那|商家|平台|贵))"
EN_CUE_PATTERNS: dict[str, tuple[str, ...]] = {
    "complaint": (_en("complain(?:s|ed|ing)?|complaints?"), _en("report(?:ed|ing)?") + _EN_OBJECT),
    "legal": (_en("lawyers?|attorneys?|lawsuits?|legal (?:action|letter|notice|proceedings)|small claims"),
              _en("sue[sd]?|suing"),
              _en("(?:take|taking|see|seeing) (?:(?:you|them|it|this|(?:the|your) [a-z]+) )?(?:to|in) court")),
    "superior": (_en(f"(?:talk|speak|talking|speaking) (?:to|with) (?:your|the|a|ur) (?:{_EN_SUPERIORS})"),
                 _en(f"(?:get|call|bring|put) (?:me )?(?:your|the) (?:{_EN_SUPERIORS})"),
                 _en("escalat(?:e|es|ed|ing|ion)"),
                 _en("managers?|supervisors?|boss|ceo") + "(?:来(?!电话|过|了|的)|出来|过来|接电话|联系我|跟我说)"),
    "media": (_en("journalists?|reporters?|the press|the media|news (?:hotline|station|channel)|tv station"),
              _en("post(?:s|ed|ing)?|upload(?:s|ed|ing)?") + f"(?: [a-z]+){{0,3}}? ?(?:on|to|onto|到|在|上)? ?(?:{_EN_PLATFORMS})",
              _en("expos(?:e|ing)") + _EN_OBJECT),
    "review": (_en("(?:one|1)[- ]?stars?(?: reviews?| ratings?)?|(?:bad|negative|terrible|horrible) (?:reviews?|ratings?)"),),
    "police": (_en("police|cops"),),
    "consumer_body": (_en("consumer (?:council|association|protection|rights)(?: [a-z]+)?|better business bureau|bbb"),),
    "regulator": (_en("regulators?|the authorities|samr"),),
}
for _category, _patterns in EN_CUE_PATTERNS.items():
    CUE_PATTERNS[_category] = CUE_PATTERNS[_category] + _patterns

# Open fresh24/25 errors (escalation-rules-15, in-sample: fresh24_test / fresh25_test): cues added after ``threat-opinion-2``
# was trained. They are **rule-only**: the second opinion neither scores, vetoes nor adds them, and its training
# leaves them out (``ThreatHit.rule_only``), so the shipped model and its rebuild stay as they were.
# The company's superior named by what they do, not by a title (fortieth pass): who is in charge or decides, the boss or head.
# Forty-second pass (fresh56's 把 你们 负责 这块 的 叫来, fresh60's 把今天值班能做决定的那个人叫来): who decides (做决定) or who is
# in charge of the matter as a whole (负责这块 / 这事), not of a task (负责安装的师傅 is a worker)
_UNTITLED_SUPERIOR = (r"(?:(?:能|可以)?(?:管事|管事儿|做主|做得了主|说了算|拍板|做决定|做得了决定)的(?:人|那个人?|那位)?"
                      r"|负责(?:这块|这一块|这事|这件事|这个事)的(?:人|那个人?|那位)?|老大|头儿|当家的)")
# After a post on a platform: not one that asks, seeks help, sells, recruits or praises (发帖问问, 发帖求助, 发帖转让)
_NOT_ASKING = "(?![^，。！？,.!?]{0,4}(?:问|求助|咨询|找|寻|卖|转让|求购|招|推荐|表扬|感谢))"
RULE_ONLY_PATTERNS: dict[str, tuple[str, ...]] = {
    # pinyin tousu and the slang ts with an object and, for ts, an intention or 黑猫 in front (not TS, a file
    # type); the ASR homophone 头诉 is read as 投诉 by ``reading_text`` (fifteenth pass)
    "complaint": ("(?<![a-z])tousu(?![a-z])(?= ?(?:你|他|她|商家|店家|平台))",
                  "(?:(?<=[去要就会])|(?<=黑猫))ts(?![a-z])(?= ?(?:你|他|她|商家|店家|平台))"),
    # 录音和发票我直接寄给你们总部: the evidence sent up to headquarters or a superior
    "superior": (# Hundred-and-twenty-first pass (fresh355's 你们再催不动 我可直接打总部了): headquarters phoned with no 你们 before it,
                 # an intention before the verb — not a call told as made (打过 / 问过), not its address or number asked
                 "(?:直接|就|要|得|马上)(?:打|打给|打到|找)总部(?!的?(?:地址|在哪|电话是|号码))(?![^，。！？,.!?]{0,3}(?:问过|打过))",
                 # Hundred-and-eighteenth pass (fresh334's 这个问题处理不了的话，我直接去你们北京总部当面说): headquarters named with
                 # its city, gone to in person; (fresh331's 今天再没个准信，我就只跟你们经理当面谈): only the manager, face to face
                 "(?:直接|就|要|得|会)(?:去|到)你们[^，。！？,.!?\\s]{0,4}?(?:总部|总公司)(?=[^，。！？,.!?]{0,4}(?:当面|说|谈|讨|理论|反映|要说法))",
                 "(?:只|就|要|非要|必须)(?:跟|和|找)你们(?:的)?(?:经理|领导|店长|负责人|主管|老板)(?:当面)?(?:谈|说|聊|沟通)(?!过)",
                 # Hundred-and-first pass (fresh201's 给我接你们总部, fresh206's 俺就直接打你们总部 让他们派人来): the company's
                 # headquarters or superior asked to be put through to (接 / 接通) or phoned (打 / 拨 / 打给)
                 "(?:给我|帮我|你|直接)接(?:通|一下)?(?:你们|你家)(?:的)?(?:总部|总公司|总行|领导|经理|主管|负责人|上级|老总)",
                 "(?:打|拨打?|打给)(?:你们|你家)(?:的)?(?:总部|总公司|总行)(?!的?(?:地址|在哪))",
                 # (fresh210's 你帮我把这个事升级处理, hundred-and-second pass: the matter passed up at the caller's demand)
                 # (not a priority raised: 帮我把工单升级到紧急)
                 "(?:帮我|给我)把(?:这个|这件|我这个|我的)?(?:事|事情|问题|单子|工单)升级(?!到|为|成)(?:处理|一下)?",
                 # Hundredth pass (fresh196's 我要找你们招生办的领导说话): the company's department named between 你们 and the
                 # superior called for — six or seven characters after the verb, where the shared cue allows five (a message
                 # passed on with 转告 is not a call: 请您转告你们的领导，王师傅服务特别好)
                 # (上级 before the title since the hundred-and-ninth pass: fresh271's 我就要找你们营业厅的上级领导 当面问问)
                 "(?:找|叫|让|请(?!问)|喊|要(?=找|见))(?:你们|你家|贵)(?:(?!寄|邮|送到|发到|转告)[^，。！？,.!?你我]){2,5}?的?(?:上级)?"
                 r"(?:领导|负责人|经理|主管|主任|部长|处长|科长|院长|校长|老总)(?=说话|来|出来|过来|接电话|跟我|和我|给我|处理|解决|当面|$|[，。！？,.!?\s])",
                 # Hundred-and-ninth pass (fresh271's 这个事我会直接反映到你们银行总部去): the matter taken up to headquarters
                 "(?:反映|投诉|告|闹|捅|举报)(?:到|给)(?:你们|你家)[^，。！？,.!?你我]{0,4}?(?:总部|总公司|总行)",
                 # Hundred-and-tenth pass (fresh272's 这个案子我要交给你们总部去定，分公司说了不算): the case handed up to
                 # headquarters to decide — not a parcel or a form sent there (寄到 / 交到总部的材料)
                 "(?:交给|提交给|报给|转给)(?:你们|你家)[^，。！？,.!?你我]{0,4}?(?:总部|总公司|总行)(?:去|来)?"
                 "(?:定|处理|裁定|解决|核定|判|决定)",
                 # Hundred-and-fifteenth pass (fresh317's 你们总部的电话我已经查好了，今天办不好我就打过去): headquarters' number
                 # named first, the caller's dialling announced after it in the sentence (not to ask something)
                 "(?:你们|你家)的?(?:总部|总公司|总行)的?(?:电话|号码|热线)[^。！？!?]{0,20}?(?:我|俺)(?:就|马上|直接|立马|会)"
                 "(?:打过去|打给他们|拨过去)(?!\\s?(?:问|咨询|查|了解))",
                 # Hundred-and-twelfth pass (fresh291's 请你把你们理赔部门的经理叫过来跟我谈, fresh292's 请直接把电话转给你们
                 # 招生办的领导): a department between 你们 and the title in the 把 … 叫过来 demand or the call put through
                 "把(?:你们|你家)的?[^，。！？,.!?你我]{2,6}?的?(?:经理|领导|主管|负责人|主任|部长|处长|科长|老总)(?:给我)?"
                 "(?:叫|喊|请|找)(?:过来|来|出来)",
                 "(?:转给|转到|转接给|转接到)(?:你们|你家)[^，。！？,.!?你我]{2,6}?的(?:经理|领导|主管|负责人|主任|部长|处长|科长|老总)"
                 "(?!办公室|的电话号码)",
                 # (fresh276's 你把你们经理或者领导叫来接电话): two titles joined by 或者 / 和 in the 把 … 叫来 demand
                 "把(?:你们|你家)的?(?:领导|上级|经理|主管|负责人|老总|店长|老板|主任|总经理)(?:或者|或是|或|还是|和|跟)(?:你们)?的?"
                 "(?:领导|上级|经理|主管|负责人|老总|店长|老板|主任|总经理)(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)",
                 # Eightieth pass (fresh122's 那个你把总部的人给我叫来): headquarters' people or a superior called for with 把
                 "把[^，。！？,.!?]{0,4}?(?:总部|总公司|上面|上头)的(?:人|领导|负责人)(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)",
                 # Seventy-sixth pass (fresh115's 今天你们院长我是一定要见的): the company's superior named first, then the caller's
                 # firm intention to see or find them, as 差评我是一定会给的 reads for a review
                 "(?:你们|你家|贵院|贵校|贵公司)的?(?:院长|校长|园长|领导|经理|主管|负责人|老总|店长|老板|总经理|主任|站长|行长)"
                 "[\\s，,]?(?:我|俺)(?:是|今天|必须|一定|非|肯定|无论如何|说什么也){1,3}(?:要|得)?(?:见|找)(?:到|着)?",
                 # Seventy-third pass (fresh108's 你没权限就往上升级，交给能做主的人处理): the case handed to someone with the
                 # authority (交给 / 转给 / 提交给 + 能做主的), and the agent told to pass it up because they cannot decide — not
                 # a plan or a device upgraded (往上升级 alone)
                 "(?:交给|转给|转到|提交给|报给|升级给)(?:你们)?(?:个|一个)?(?:能做主|做得了主|能说了算|说了算|管事|能管事|能拍板|能负责"
                 "|负得了责)的",
                 "(?:你|你们)(?:没权限|没有权限|处理不了|做不了主|解决不了|管不了|说了不算)(?:的话)?[，,\\s]?(?:就)?(?:往上|向上)"
                 "(?:升级|报|反映|提交|递交|转)",
                 # Forty-first pass (fresh60_dev: 让厂家来管管你们这个店): the body above the shop — its maker, brand or head
                 # company — asked to rein the shop in (管管 / 管一管 + 你们 / 这个店), as 叫你们领导来 is; not 让厂家来修一下 (a repair),
                 # not 厂家管不管啊 (asked)
                 "(?:让|叫|请|找)(?:你们)?(?:的)?(?:厂家|厂商|品牌方|总部|总公司|母公司|上级|上面|上头)(?:的人)?(?:来|出面)?"
                 "管(?:管|一管|一下)(?:你们|这个店|这家店|这家|那个店|你们这个店)",
                 # Fortieth pass (fresh57_dev: 把你们管事的叫来; 就叫你们老大来 嗯 能管事的那个): the company's superior named without
                 # a title — 你们 + 管事的 / 做主的 / 说了算的 / 老大 / 头儿 / 当家的 — and called for (叫 / 喊 / 请 … 来, or 把 … 叫来),
                 # as 叫你们领导来 is; 你们 is needed (我家老大来接我 is the eldest child) and so is the call (你们管事的来过了 is told)
                 "(?:叫|喊|请|让|找)(?:你们|你家|你们家)(?:公司|店)?的?" + _UNTITLED_SUPERIOR
                 + "(?:来|过来|出来|跟我|和我|接电话|给我回)",
                 "把(?:你们|你家|你们家)(?:公司|店)?的?" + _UNTITLED_SUPERIOR + "(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)",
                 # Forty-second pass: 把 + today's duty holder who decides + 叫来, 你们 left unsaid (把今天值班能做决定的那个人叫来)
                 "把(?:今天|现在|今晚)?(?:值班|当班)?的?(?:能|可以)(?:做决定|做得了决定|拍板|做主|说了算)的(?:人|那个人?|那位)?"
                 "(?:给我)?(?:叫|喊|请|找)(?:来|过来|出来)",
                 # Thirty-ninth pass (fresh56_dev: 你们上头谁拍板就让谁来跟我谈): the decision-maker demanded as 谁 + (拍板 / 做主 /
                 # 说了算 …) + 就让谁来, the superior named by what they decide — not 谁拍板的 (asked), not the caller's own
                 # household (我们家谁做主就让谁来签字), not 谁负责安装就让谁来修 (a worker, not a decision)
                 "(?<!我们家)(?<!我家)(?<!咱家)(?<!家里)谁(?:能|可以|能够)?(?:拍板|做主|做得了主|说了算|说话算数|拿主意|管事|能定)(?:的)?"
                 "[，,\\s]?(?:就)?(?:让|叫|请|喊|找)(?:谁|他|她|那个人)(?:来|出来|过来|跟我|和我|给我|接电话)",
                 # Thirty-sixth pass (the thirty-fifth pass's open item 我要向你们总公司反映, no cue found): the head company with
                 # 向 / 跟 and the step, as 给你们总公司反映 and 向你们总部反映 already were (not 向总公司反映部门的电话, 反映的问题;
                 # a closing 的 is the statement's: 我会跟你们总公司反映的)
                 "(?:向|跟)(?:你们|你们公司|贵公司)?的?总公司(?:反映|投诉|举报)(?!办公室|部门|中心|电话|渠道|的(?![，。！？,.!?]|$))",
                 # Twenty-fifth pass (in-sample: the twentieth pass's open misread 麻烦您向贵公司的上级单位转达): the company's
                 # superior unit addressed (not 我们上级单位, the caller's own)
                 "(?:向|跟|给|找|联系|告到|反映到|投诉到|报给|转给)(?:你们|贵公司|贵司|贵单位|贵社|贵行|你们公司)的?"
                 "上级(?:单位|公司|机构|主管单位|主管部门)",
                 "(?:录音|证据|材料|聊天记录|截图|照片|视频)[^，。！？,.!?]{0,8}?(?:寄|发|交|送|递)(?:给|到)(?:你们|你们公司)?的?"
                 "(?:总部|总公司|领导|上级|老板|董事长|总经理)",
                 # Twenty-seventh pass (after fresh44_test's one scoring, in-sample: 我要见你们经理 现在就要见): a superior
                 # demanded to be seen with the demand before 见 (我要当面见你们负责人, 我必须见到你们领导, 我想见你们经理) —
                 # 要见你们经理 itself is a cue of CUE_PATTERNS; not 我见过你们经理, 见你们经理挺和气的, 我们经理.
                 # Twenty-eighth pass (in-sample): a bare 非 insists too (我今天非见到你们负责人不可; not 是非 / 并非 / 除非)
                 "(?:(?:想|得|必须|非得|非要|(?<![是并除无])非|一定要|坚决要)(?:当面|亲自)?|(?:要|想|得)?(?:当面|亲自))见(?:到|一下|一面)?"
                 "(?:你们|你家|贵公司|贵司)(?:公司|店|酒店|家)?的?(?:领导|上级|经理|主管|负责人|老总|店长|老板|总经理|总监|值班经理|大堂经理)",
                 # After fresh35_test's one scoring (eighteenth pass, in-sample for it): 把这个情况直接报给你们的销售总监 请他本人…给我回个电话
                 # — the case passed up to a superior who is asked to act (not praise passed on)
                 r"(?:报给|转给|反映给|汇报给|上报给|转达给)(?:你们|贵公司|贵司|贵社|贵单位|你们公司)?的?[^，。！？,.!?\s]{0,4}?"
                 "(?:领导|上级|主管|经理|负责人|总监|总经理|老总|总编|老板|董事长|主任)" + ASKED_TO_ACT,
                 # Fifty-fourth pass (fresh74's 查完请直接帮我转到你们的值班主任): the call passed to the superior on duty, 到 and a
                 # duty word between the verb and the title (the CUE_PATTERNS form allows five characters there)
                 "(?:转到|转给|转接到|转接给)(?:你们|贵公司|贵司)?(?:的)?(?:值班|当班|今天值班|负责)?(?:的)?"
                 "(?:主任|经理|主管|领导|负责人|站长|店长|组长|班长)(?!办公室|的电话号码)"),
    # the matter made public in one's own content (把你们卖翻新机的事发出来), a live stream the call is on
    # (我开着直播, 直播间几千人看着)
    "media": (# Hundred-and-ninth pass (fresh269's 我丑话说前头 我会发抖音的): the post on a platform with the 的 that ends the
              # clause (the shared cue stops before 的: 挂在网上的那套房 is a listing)
              "(?:发|挂|传|放|晒)(?:到|在|上)?(?:网上|微博|抖音|快手|朋友圈|小红书|知乎|[Bb]站|视频号)上?的(?=$|[\\s，。！？,.!?])",
              # Eightieth pass (fresh122's 我就把这一晚的经历写成小红书发出去): the experience written up as a post on a platform
              # and put out
              "(?:写成|做成|剪成|拍成)(?:一篇|篇|个|一个|一条|条)?(?:小红书|微博|抖音|知乎|[Bb]站)?(?:笔记|帖子|长文|文章|视频)?"
              "(?<!写成)(?<!做成)(?<!剪成)(?<!拍成)(?:发出去|发出来|发上去|发到网上|挂出来|挂到网上)",
              # Forty-first pass (fresh60_dev: 这个照片我下午就发给江城晚报那边): a newspaper, channel or programme named by its
              # own name (…晚报, …日报, …卫视, …频道, …节目组) with the material sent or told to it, as 发给记者 / 找电视台 are —
              # not read there (我在江城晚报上看到), not the caller's own paper or desk (我是江城晚报的), not a subscription
              # Forty-second pass (fresh60's 我已经给市台那档《帮忙到家》栏目打过电话了): a programme called by the caller, as 打给…节目组
              # is — not a call to request a song, enter, or collect a prize (给电台那个节目打电话点歌)
              "给[^，。！？,.!?]{1,12}?(?:栏目|节目|节目组|栏目组)(?:的热线)?(?:打过|打了|打)(?:个|一个)?电话"
              "(?![^，。！？,.!?]{0,4}(?:点歌|参加|报名|抽奖|领奖|订))",
              # Ninety-fifth pass (fresh171's 我就找他把这事登到报上): the matter printed in the paper
              "(?:登到|登在|登上|刊登到|刊登在|捅到|上了?)(?:报上|报纸上|报纸)(?!上看|上找|上查|上的)",
              # Forty-second pass (fresh60's 我现在手机上就在编微博 … 艾特你们官方 发送键我马上就按): the company's official account
              # tagged in the caller's post, as 发微博艾特你们官方 is — not an account asked through (我艾特你们官方问过了)
              # (@ for 艾特 since the ninety-fourth pass: fresh169's 我昨天已经发了微博，@了你们的官方账号)
              "(?:艾特|@)(?:了)?(?:你们|你家|贵公司)(?:的)?(?:官方|官微|官方号|官方账号|官方微博)(?![^，。！？,.!?]{0,3}(?:问|咨询|求助))",
              # Forty-second pass (fresh56's 我去找晚报的人聊聊): the people of an outlet named by its kind (晚报 / 日报 / 卫视 …)
              # enlisted, as 找报社的记者来 / 找电视台的人 are — not the caller's own paper (我是晚报的人), not told (晚报的人来过了), not a
              # subscription or an advertisement (找晚报的人订报纸)
              "(?:找|叫|请|联系|打给)(?:那个)?[^，。！？,.!?\\s]{0,6}?(?:晚报|日报|晨报|早报|都市报|商报|法制报|卫视|新闻频道|民生频道|电台"
              "|节目组|栏目组)(?:那边)?的(?:人|记者|编辑|朋友)(?![^，。！？,.!?]{0,3}(?:订|买|续|退订|登广告|打广告|投广告))",
              "(?:发给|寄给|投给|交给|递给|爆料给|报料给|捅给|反映给|联系|投稿给|打给)(?:[^，。！？,.!?\\s]{1,6}?)"
              "(?:晚报|日报|晨报|早报|都市报|商报|法制报|卫视|电视台|新闻频道|民生频道|频道|电台|报社|节目组|栏目组)",
              # Forty-fifth pass (fresh57's 我今晚就在大众点评上写个长评): a post, an exposure post or a long review written on a
              # platform named with 去 / 到 / 在 / 上, as 发帖子 there is — not a good review (写个好评), not a past article (写过一篇)
              "(?:去|到|在|上)(?:网上|网络上|微博|抖音|快手|朋友圈|小红书|知乎|贴吧|头条|[Bb]站|大众点评|点评|美团|黑猫)上?"
              "(?:都|也|就|再)?写(?:个|条|篇|一篇|一个|一条)?(?:长评|帖子?|避雷帖|曝光帖|长文|文章)",
              # Forty-first pass (fresh60_dev: 这段视频今晚就上抖音): the caller's own video, photos or post going up on a platform,
              # a time or an intention before 上 — not going on the platform to look (视频我要上抖音找一下), not where it was seen
              "(?:视频|录像|照片|图片|截图|帖子|聊天记录)[^，。！？,.!?]{0,8}?(?:就|要|会|马上|立马|立刻|准备)"
              "上(?:抖音|快手|微博|小红书|[Bb]站|热搜|头条|视频号|朋友圈|网)(?!看|搜|找|查|刷|买|问)",
              # Thirty-eighth pass (fresh53_dev: 我已经在微博上发了，还艾特了你们官方号): the platform named before 发 and the post
              # told as done with its object left out (在微博上发了, 在抖音上发过) — the step of 发微博了; not 在网上发了寻狗启事
              # (what was posted is named) nor 在微博上发的 (a description)
              "(?:在|到|上)(?:" + _PLATFORMS + ")上?(?:都|也)?"
              "发(?:了|过)(?=$|[，。！？,.!?\\s])",
              "把你们[^，。！？,.!?]{0,12}?的事(?:情|儿)?(?:全都|都|全|也)?(?:发出来|发出去|曝出来|挂出来|公开|发到网上|放到网上)",
              "(?:开着|正开着|开了)直播(?!间|的时候|时|中途)",
              # Hundred-and-twenty-first pass (fresh359's 我同学是跑民生新闻的记者，这种加价套路我会找他写篇报道): a journalist
              # friend, named as him or her, enlisted to write a report
              "(?:会|要|就|马上|直接)(?:找|让|叫|请)(?:他|她)(?:们)?(?:来)?(?:写|发|做)(?:一篇|篇|个|一个|条|一条)?(?:报道|新闻|稿子)",
              # Hundred-and-eighteenth pass (fresh324's 这家店我会写一篇小红书 把照片都放上去, fresh335's 这事我回头写篇小红书发出去):
              # a post on a platform, named as what is written, with an intention before it — not one that praises or recommends
              "(?:会|要|就|回头|马上|准备|打算|一定)写(?:一篇|篇|个|一个|一条|条)(?:小红书|微博|知乎|抖音|点评|朋友圈)(?:笔记|帖子|长文)?"
              "(?![^，。！？,.!?]{0,8}(?:推荐|安利|夸|好评|表扬|感谢))",
              # Hundred-and-sixteenth pass (fresh18_test's 修复不了我明天就去你们门店门口开直播让大家看看, which had alerted on the
              # risk probability alone until the threshold moved to 0.595): a live stream planned to show everyone, an
              # intention before it — not a stream that sells or shows a product (开直播让大家看看新品)
              "(?:就|要|会|马上|立马|立刻)[^，。！？,.!?]{0,12}?开(?:个|一场|场)?直播"
              "(?=[，,\\s]{0,2}(?:让|给)(?:大家|所有人|网友|粉丝|全网)(?:都)?(?:看看|看一看|评评理|知道)"
              "(?![^，。！？,.!?]{0,4}(?:新品|新款|产品|商品|宝贝|链接|优惠|福利|怎么用|怎么做)))",
              "直播间[^，。！？,.!?]{0,6}?(?:人|观众|网友|粉丝)(?:都)?(?:看着|在看|看到了|看得到|看得见)",
              # After fresh33_test's one scoring (sixteenth pass, in-sample for it): 拍个视频把你们这个店挂出来
              "把(?:你们|你家)[^，。！？,.!?]{0,8}?(?:挂出来|挂到网上|挂网上)",
              # After fresh35_test's one scoring (eighteenth pass, in-sample for it): 发到教师群和家长群里 让大家都知道你们是怎么…
              r"(?:让|叫)(?:大家|大伙儿?|更多(?:的)?人)(?:都)?(?:知道|看看|看到|评评理)(?=\s?(?:你们|你家|贵公司|这家))",
              # Forty-seventh pass (fresh60's 我现在正在那个 掌上江城 app 上发帖 照片视频全传上去): a post written on an app, a
              # forum or an account named by its own name, as 在小红书上发帖 is — not a post asking, seeking help or selling
              # (网站 since the fifty-sixth pass, fresh77's 就在一个消费维权的网站上发了帖子)
              "(?:正在|(?<![现正实存好自所内])在|到)[^，。！？,.!?]{0,8}?(?:app|客户端|论坛|公众号|小程序|平台|网站)上?(?:都|也|就|再|马上|正在|现在)?"
              "发(?:个|条|篇|一个|一条|一篇|了)?(?:帖子?|曝光帖|避雷帖|长文)"
              + _NOT_ASKING,
              # Fiftieth pass (fresh69's 今晚我就把伤口照片和录音发到本地宠物群和大众点评上): the platform second in a list of
              # places the material goes to, as 发到大众点评上 alone already reads
              # Sixty-third pass (fresh89's 本人会把整个经过写成文章…发布在微博和小红书上): the formal verbs of publishing
              # (发布 / 发表 / 刊登 / 公开) with the platform after them, the caller (我 / 本人) and their account or material
              # before (经过, 视频, 文章 …), as 发到微博上 reads — not a notice published (通知已经发布在网上了), not someone
              # else's post (有人把视频发布在抖音上了), not denied (我不会把视频发布在…)
              "(?:我|本人)[^。！？!?他她人不没别]{0,8}?(?:经过|遭遇|事情|这件事|这事儿?|视频|照片|录音|文章|帖子|材料|截图|聊天记录)"
              "[^。！？!?他她人]{0,20}?(?:发布|发表|刊登|公开)(?:到|在)"
              "(?:" + _PLATFORMS + ")",
              # Sixty-eighth pass (fresh99's 这个经历我会写到小红书上 让大家别买): written onto a platform, as 发到小红书上 reads
              "写(?:到|在)(?:" + _PLATFORMS + ")",
              "(?:发|挂|传|放|晒|捅)(?:到|在|上)[^，。！？,.!?]{1,10}?(?:和|跟|与|、|还有|以及)"
              "(?:" + _PLATFORMS + ")(?!的)",
              # Fifty-fifth pass (fresh75's 今天不解封，我就在贴吧和微博发长帖): platforms named in a list before the post, and a
              # long post (长帖 / 长文), as 在微博上发帖子 already reads
              # (a local board or group first since the seventieth pass, fresh105's 不行我就去本地贴吧发帖)
              "(?:去|到|在|上)(?:本地|当地|本市|同城|学校|小区)?的?"
              "(?:" + _PLATFORMS + ")"
              "(?:[和跟与、](?:" + _PLATFORMS + "))*上?"
              "(?:都|也|就|再)?发(?:个|条|篇|一个|一条|一篇)?(?:长帖|长文|帖子?|曝光帖|避雷帖)"
              + _NOT_ASKING,
              # Seventieth pass (fresh105's B站我要发个视频吐槽你们, 知乎上我会写一篇长文): the platform named first, then the
              # caller's own announced video, post or article — not asking there, not praise
              "(?:" + _PLATFORMS + ")(?:上|那边|里)?[\\s，,]?"
              "(?:我|俺)(?:就|要|会|肯定|一定|马上|今晚就?|现在就?|必须|准备)(?:要|会)?(?:去)?"
              "(?:发|写|拍|录|出)(?:个|条|篇|期|一个|一条|一篇|一期)?(?:视频|长文|文章|帖子?|长帖|曝光帖|避雷帖|笔记)"
              "(?![^，。！？,.!?]{0,4}(?:问|求助|咨询|推荐|表扬|感谢|夸|安利|种草))",
              # Hundred-and-tenth pass (fresh279's 这家店我已经发了微博，把经过…都贴上去了, fresh278's 我刚发了小红书 把…截图都放上去了):
              # the post told as done (已经 / 刚 … + 了 between the verb and the platform), as 发微博 / 发到小红书 read — not a
              # post of the day told in passing (今天发了条微博, 漫游上网，发了条微博: STC3), not a post that asks (发了朋友圈问问),
              # not a description (发了微博的那个)
              "(?:已经|以经|早就|刚刚|刚)\\s?(?:发|挂|传|晒)了(?:个|条|篇|一个|一条|一篇)?(?:视频|帖子?|文章|笔记)?(?:到|在|上)?"
              "(?:网上|微博|抖音|快手|朋友圈|小红书|知乎|[Bb]站|视频号)(?!的)"
              + _NOT_ASKING,
              # (fresh276's 我在小红书上已经发了帖子了, fresh284's 这事我已经在小红书上发了帖子): the platform first, then the post
              # told as done
              "(?:在|到|上)(?:" + _PLATFORMS + ")上?(?:已经|以经|早就|都|也|刚|刚刚)?\\s?发了(?:个|条|篇|一个|一条|一篇)?"
              "(?:帖子?|视频|文章|笔记|长文)"
              + _NOT_ASKING,
              # Hundred-and-twelfth pass (fresh292's 这张运单截图就会出现在我的微博上): the caller's material that will appear
              # on their own account; (fresh289's 小红书的笔记我已经写好了，今晚就发出去) the post on a platform written and
              # ready; (fresh295's 我朋友就是晚报的记者，我会让她把这事报出来) a reporter the caller will have report the matter
              "(?:截图|照片|视频|录音|聊天记录|单子|记录)[^，。！？,.!?]{0,4}?(?:就|马上|立马)?会?(?:出现|挂|贴|发)(?:在|到)"
              "(?:我的)?(?:" + _PLATFORMS + ")",
              "(?:" + _PLATFORMS + ")(?:上)?的?(?:笔记|帖子|视频|文章|长文)(?:我|俺)(?:已经|都|早就)?(?:写好|剪好|拍好|编好|准备好)了",
              "(?:我|俺)(?:会|要|就)(?:让|叫|请)(?:她|他|他们|她们)把(?:这事|这件事|这个事|这事儿)(?:给)?(?:报出来|报道出来|曝光|登出来|发出来)",
              # Hundred-and-thirteenth pass (fresh301's 这件事再拖，我就在微博上把整个过程原原本本写出来): the whole account
              # written out on a platform (the shared cue allows six characters of 把-object and no 写出来)
              "(?:要|会|就|去)(?:在|到|上)(?:" + _PLATFORMS + ")上?(?:把[^，。！？,.!?]{1,12}?)?"
              "(?:写出来|写清楚|写下来|曝出来|抖出来)",
              # (fresh274's 这个视频往抖音上一发 你们自己想想是什么后果): the material put up 往 + the platform
              "往(?:" + _PLATFORMS + ")上?(?:一|都)?(?:发|挂|传|放|晒)(?!的)"),
    # After fresh38_test's one scoring (twenty-first pass, in-sample for it: its call alerted through 打民航局的投诉电话 anyway):
    # 12326, the civil-aviation consumers' complaint line, and 12363, the central bank's financial consumers' line, standing
    # alone (我要打幺二三二六); rule-only, so the second opinion's candidates and its rebuilt model stay as trained
    # Forty-first pass (fresh60_dev: 这事我准备找消者协会评评理): the consumer association's full name with one character of 消费者
    # dropped, as a recogniser or a hurried caller writes it (消者协会, 消费协会); the frames around it still decide. Cost measured on
    # the real lines and the development calls: one STC3 line (我要去消费协会投诉, a threat through 投诉 already) and the call itself.
    "consumer_body": ("消(?:费|者)协会",),
    "hotline": (f"{_ALONE_L}(?:{_spoken('12326')}|{_spoken('12363')}){_ALONE_R}",),
    # a trade's or profession's association written to (明天就寄给省公证协会, 告到行业协会; sixteenth pass, in-sample)
    "regulator": (# Sixty-seventh pass (fresh97's 我昨天已经去人民银行分行投诉了): the central bank, which takes financial consumers'
                  # complaints, by its name; the frames around it decide (an address, a branch as a place)
                  "(?:中国)?人民银行",
                  # Thirty-seventh pass (the thirty-sixth pass's open item): a bureau by its short spoken name, without 局 / 委
                  # (去住建反映, 向市监投诉, 找住建那边举报, 我就去找市监), with the step or going there ending the clause — not
                  # 城市监控 (城 before), 市监办事 (no step), 住建的规定 (no going); rule-only, so the second opinion stays as trained
                  "(?:去找|去|找|到|向|跟|给|告到)(?:区里?|市里?|县里?|省里?)?的?(?<!城)(?:住建|市监|房管|质监|卫健|网信|人社|药监)"
                  "(?:那边|那儿|那里|部门|的人)?(?:(?:反映|投诉|举报|申诉|告状|讨说法|讨个说法)|(?=$|[，。！？,.!?\\s]|了|吧|啊))",
                  # Forty-first pass (fresh60_dev: 后天上午一起去住建那边坐坐 把照片带过去): going to a bureau named short, for a
                  # visit put in everyday words (坐坐, 走一趟, 聊聊, 评评理) — not 去住建那边办房产证 (an errand), not 在住建那边上班
                  "(?:去|到|跑)(?:区里?|市里?|县里?|省里?)?的?(?<!城)(?:住建|市监|房管|质监|卫健|网信|人社|药监|工商)"
                  "(?:局|委|所)?(?:那边|那儿|那里)?(?:坐坐|坐一坐|坐一下|走一趟|跑一趟|聊聊|谈谈|说道说道|评评理|讲讲理|说说理)",
                  # Forty-second pass (fresh53's 再拖下去，邮管局那边我会去一趟的): the postal regulator by its everyday short name, as
                  # 邮政管理局 is read; the frames around it decide (也不至于去 邮 邮管局). Cost measured: no real line holds 邮管局.
                  "邮管局",
                  "(?:寄给|写信给|交给|告到|反映到|投诉到|举报到|找|去|到)(?:省|市|区|县|全国|中国)?"
                  "(?:公证|行业|旅游|物业|装修|装饰|家具|珠宝|收藏|文物|美容|健身)(?:行业)?协会",
                  # 向市知识产权局和专利代理师协会反映 (eighteenth pass): a bureau and a second body joined, the step after both
                  "(?:去|找|到|向)[^，。！？,.!?]{1,10}?(?:局|委员会)(?:和|跟|与|、|及|以及|还有)[^，。！？,.!?]{1,12}?"
                  "(?:反映|投诉|举报|申诉|告状|讨说法|讨个说法)",
                  # After fresh37_test's one scoring (twentieth pass, in-sample for it): 我们会把情况书面报告给省档案局 — the
                  # matter reported to a named bureau (not 汇报给局里, one's own office)
                  "(?:把|将)(?:这个|这件|此|相关)?(?:情况|事情?|事儿|问题|经过|事件)[^，。！？,.!?]{0,6}?"
                  "(?:报告|汇报|反映|上报|通报|提交|反馈)(?:给|到)[^，。！？,.!?]{1,8}?(?:局|委员会|厅)"),
    # 我会保留追究的权利, 保留按合同追究违约责任的权利 (eighteenth pass): the right to pursue reserved, however worded
    # (保留追究…责任 right after each other is a cue of CUE_PATTERNS)
    "legal": (# Forty-first pass (fresh60_dev: 你们公司就等着收传票吧): the legal consequence the company is told to wait for —
              # a court summons, a statement of claim or a lawyer's letter — ending the clause as a warning; not 我还在等着收传票呢
              # (the caller's own case waited on)
              "等着(?:收|接|领)(?:到)?(?:法院(?:的)?)?(?:传票|起诉书|起诉状|律师函)(?=吧|啊|$|[，。！!\\s])",
              "保留[^，。！？,.!?]{0,6}?追究[^，。！？,.!?]{0,8}?权利",
              # 我们院里就走司法程序, 只能诉诸法律了, 委托律师依法维权 (twentieth pass): the law named by its process or its
              # means rather than by a court or a lawyer (法律程序 / 法律途径 are cues of CUE_PATTERNS)
              "司法(?:程序|途径|手段|渠道)|法律(?:手段|渠道|武器)|诉诸(?:法律|司法|法院|公堂)|依法(?:维权|起诉|追究)",
              # 请他以律所的名义给贵公司发函 (twentieth pass): a law firm's letter to the company (律师事务所 holds 律师, a cue)
              "律所(?=(?:的)?名义|[^，。！？,.!?]{0,12}?(?:发函|致函|函告|律师函))",
              # Forty-seventh pass (fresh56's 法院 传票 到了 别说 我 没 提醒 你们): a summons or a lawyer's letter arriving, told
              # to the company as a warning (别说 / 别怪 我没提醒) — not a summons the caller received (我收到传票了)
              "(?:传票|起诉书|起诉状|律师函)(?:就|都|一)?(?:到了|来了|下来了?|寄到了?|送到了?|发过去了?)"
              "(?=[^。！？!?]{0,4}?(?:别说|别怪|不要说|到时候别说)\\s?我?\\s?(?:没|没有)\\s?(?:提醒|告诉|警告|通知|说过?))"),
    # Forty-seventh pass (fresh61's 我就打幺幺零 说他偷我东西): the police line dialled, in digits or spoken (打110, 拨幺幺零) —
    # 报警 by its number; the frames of 报警 (a theft reported, a past case) judge it
    "police": (f"(?:打|拨|拨打|报)(?:个|了|一个)?{_spoken('110')}{_ALONE_R}",
               # Hundred-and-fourth pass (fresh228's 幺幺零我已经打过了): the police line named first, then the caller's dialling
               # told as done
               f"{_spoken('110')}(?=\\s?(?:我|俺)(?:已经|早就|刚才|刚刚|都)?\\s?(?:打|拨)(?:过)?了)",
               # Sixty-sixth pass (fresh94's 我已经报过警了，民警让我再跟你们协商一次): 报警 split by 过 / 了, as 报过案 is
               "报(?:过|了)警(?![器系装])"),
    # After fresh35_test's one scoring (eighteenth pass, in-sample for it): 我会在你们的服务平台上如实评价 (a review of the failure
    # promised "truthfully"; praise in the turn sets it aside)
    "review": ("(?:在[^，。！？,.!?]{0,10}?(?:平台|网上|大众点评|美团|点评|app|小程序)上?)?(?:如实|真实|客观)地?(?:评价|点评|写(?:个|一条|条)?评价)",),
}


def _compiled() -> list[tuple[str, re.Pattern[str], bool]]:
    return ([(cat, re.compile(p), False) for cat, pats in CUE_PATTERNS.items() for p in pats]
            + [(cat, re.compile(p), True) for cat, pats in RULE_ONLY_PATTERNS.items() for p in pats])


_PATTERNS = _compiled()
# One pass tells most utterances (嗯, 好的, 订单号是…) that they hold no cue at all.
_ANY_CUE = any_of([p for d in (CUE_PATTERNS, RULE_ONLY_PATTERNS) for pats in d.values() for p in pats])

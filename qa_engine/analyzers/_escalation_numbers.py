"""Hotline numbers as the escalation rules read them: the government and regulators' complaint lines
(12315, 12345, …) in digits, full-width digits or spoken (幺二三幺五), standing alone, and the frames in
which a run of digits is something else (an answer, an identifier, a plate, a printed label, lottery
numbers, a bus route)."""

from __future__ import annotations

import re


_DIGIT_CLASS = dict(zip("0123456789", ("[0０零〇洞]", "[1１一幺]", "[2２二两]", "[3３三]", "[4４四]", "[5５五]", "[6６六]",
                                       "[7７七拐]", "[8８八]", "[9９九勾]")))
# A hotline number stands alone: 一三九一二三四五六七八 (a phone number), 订单号…一二三一五八
# and a password 一二三四五六 hold the digits inside a longer run of digits.
_DIGIT = "0-9０-９零〇一二两三四五六七八九幺"
_ALONE_L, _ALONE_R = f"(?<![{_DIGIT}])", f"(?![{_DIGIT}])"
# Government and regulators' complaint lines: 12315 market, 12345 city, 12378 banking and
# insurance, 12328 transport, 12365 quality, 12331 food and drugs, 12358 prices, 12369 environment.
# 12320 health, 12333 social security, 12366 tax (eleventh pass, after fresh28_test; not 12301 tourism: a
# second-opinion training call holds it beside 旅游局, and a new cue there would change the rebuilt model)
# 12316 agriculture (三农) (fifteenth pass: 打幺二三幺六 找农业那边来鉴定 in fresh32_dev)
HOTLINES = ("12315", "12345", "12378", "12328", "12365", "12331", "12358", "12369", "12320", "12333", "12366", "12316")
# 12300, telecom users' appeals to 工信部 (the fourteenth pass's named leftover), spoken only (幺二三零零): in digits it sits
# beside 工信部 in a second-opinion training call, and a new cue there would change the rebuilt model
_SPOKEN_12300 = f"{_ALONE_L}[一幺]二三[零〇洞][零〇洞]{_ALONE_R}"


def _spoken(number: str) -> str:
    """A pattern for ``number`` in digits, full-width digits or spoken (幺二三幺五, 一二三四五)."""
    return "".join(_DIGIT_CLASS[d] for d in number)


# A number given as an answer (卡号后几位: 幺二三四五), the clause holding nothing else.
_ANSWER_ONLY = re.compile(r"^(?:嗯|哦|啊|对|是|就是|是的|尾号|后[三四五六几]位|号码|卡号|密码|验证码|[，。,.\s])*$")
# A number after the identifier it is (工号一二三一五, 房间号是12315): not a hotline.
# (a product's model or item number, 型号是 A12315, since the hundred-and-fifth pass: fresh25_test's filter cartridge)
_ID_PRE = re.compile(r"(?:工号|单号|编号|账号|房间?号|分机号?|车牌号?|尾号|卡号|密码|验证码|号码|学号|会员号|取件码|柜号"
                     r"|型号|货号|款号|批号)"
                     r"(?:的)?(?:后[三四五六七八几]位|尾号|末尾)?(?:是|为|:|：)?\s?"
                     r"[A-Za-z京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]{0,3}$")
# 京A 一二三二八 (fifteenth pass): a licence plate read out, its digits holding a hotline
_PLATE_PRE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-z]\s?$")
# 袋子上写着 举报电话 一二三幺六 这个是干啥的 (fifteenth pass): a number printed on a label or a sign, read out
_PRINTED_PRE = re.compile(r"(?:写着|印着|标着|贴着|写的是|印的是|上面有|上面写|上面印)[^。！？!?我]{0,12}$")
# 我想守一组号 一二三一五 后区零八, 孩子一边弹一边数一二三四五 (fifteenth pass, after fresh32_test): lottery numbers, counting
_NUMBERS_PRE = re.compile(r"(?:组号|守号|选号|红球|前区|(?<![要会就])数|念)(?:着|到)?\s?$")
# (a number written into a handbook or list, 还有12345都写进去, since the hundred-and-fourth pass: fresh231)
_NUMBERS_POST = re.compile(r"^\s?(?:后区|蓝球|加[零〇一二三四五六七八九0-9])"
                           r"|^\s?(?:都|也)?(?:写进|写上|印上|印进|记下|抄下|贴上|列进)")
# Twenty-sixth pass (in-sample: fresh43_test's 我是12315房间的，麻烦再送两条浴巾上来): a hotline number that names a room, a
# house, a seat, a unit or a parcel — the unit after it (12315房间, 12345号房, 12315室, 12345号楼) or the place or item before it
# (住在12315, 座位12345, 包裹12315, 门牌12345); 打 / 拨 right before the number still dial it (打12315) whatever follows
_UNIT_POST = re.compile(r"^(?:号)?(?:房间|房|室|床|包间|包厢|单元|栋|幢|楼|柜(?!台)|桌|车厢|座位|卡座)(?!子)"
                        r"|^号(?:座|包裹|快递|件|订单|车位)")
_UNIT_PRE = re.compile(r"(?:住在?|住的是|房间|房号|门牌号?|座位号?|座号|桌号|床号|床位|车位号?|包裹号?|快递号|运单号?|订单|"
                       r"包间|包厢|楼号|单元号?)(?:的)?(?:是|为|:|：|号)?$")
_DIALLED_PRE = re.compile(r"(?:打|拨|拨打|打了|打过|打给|致电|电话)$")
_ROUTE_POST = re.compile(r"^(?:路|号线|次列车|次|线公交|路车|路公交|路汽车|号公交)")

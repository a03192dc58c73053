"""Write ``eval/pii/fixtures.jsonl``: self-made sentences with personal data, labelled.

Carrier sentences and addresses are hand-written; numbers are generated (seeded) so that
IDs carry a valid check character and card numbers pass Luhn — none belongs to anyone.
Each number appears in written forms (plain, grouped, dashed) and spoken forms as ASR
writes them (幺三八…, 一三八…, comma-separated groups, mixed digits). Negatives are call
sentences with numbers that are *not* personal data (amounts, work ids, dates, orders).

    python eval/pii/make_fixtures.py      # rewrites eval/pii/fixtures.jsonl
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("fixtures.jsonl")
SPOKEN_1 = dict(zip("0123456789", "零幺二三四五六七八九", strict=True))
SPOKEN_YI = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
MOBILE_CARRIERS = ["我的手机号是{}", "您打这个电话{}就能找到我", "号码{}，麻烦您记一下", "回拨到{}吧",
                   "联系方式是{}", "{}是我老婆的手机", "嗯，{}", "你记一下啊{}", "换了个新号{}，旧的不用了",
                   "快递员打的是{}这个号"]
LANDLINE_CARRIERS = ["座机是{}", "打我们单位电话{}", "家里电话{}，白天没人", "您拨一下{}转人工", "固话{}"]
ID_CARRIERS = ["身份证号是{}", "我身份证{}", "证件号码{}，您核对一下", "{}，这是我的身份证"]
CARD_CARRIERS = ["银行卡号是{}", "退款打到{}这张卡上", "卡号{}，工商银行的", "我的储蓄卡{}"]
EMAIL_CARRIERS = ["邮箱是{}", "发到我邮箱{}就行", "{}，这是我的邮箱", "电子邮件{}"]
ADDRESS_CARRIERS = ["地址是{}", "我住在{}", "寄到{}", "收货地址{}，谢谢", "送到{}就行"]
ADDRESSES = ["北京市朝阳区建国路88号3单元502室", "上海市浦东新区张江镇科苑路100号3号楼502室",
             "广州市天河区天河路385号", "杭州市西湖区文三路478号", "深圳市南山区科技园科苑路15号A座1203室",
             "成都市武侯区人民南路四段27号", "南京市鼓楼区中山路8号", "武汉市洪山区珞喻路1037号",
             "天津市和平区南京路189号2单元301室", "西安市雁塔区长安南路563号", "重庆市渝中区解放碑民族路166号",
             "郑州市金水区花园路39号7栋2单元", "长沙市岳麓区麓山南路932号", "苏州市工业园区星湖街328号",
             "山东省青岛市市南区香港中路10号", "浙江省宁波市鄞州区天童南路588号", "江苏省无锡市梁溪区中山路218号",
             "幸福小区3栋2单元601室", "阳光花园12号楼1单元402室", "朝阳区望京街道阜通东大街6号"]
EMAILS = ["zhangsan@163.com", "li.wei_88@qq.com", "service@example.com.cn", "wangfang2019@126.com",
          "chen-jie@foxmail.com", "liu.yang@sina.cn", "abc123@gmail.com", "hr@company.cn"]
EMAILS_SPOKEN = ["zhangsan艾特qq点com", "wangfang艾特163点com", "liuyang at 126 dot com"]
NEGATIVES = ["您这个月的话费是八十六元，其中流量费二十元", "工号1024为您服务", "好的，请稍等两分钟",
             "订单是11月2号下的，一共三件", "我们的客服热线是400-820-8820", "流量包是30G的，每月58元",
             "验证码是482913", "请问您是2026年11月2日办理的吗", "大概下午三点十五分到", "扣了我一百二十三块五",
             "快递单号SF1234567890123", "我买的是第3888号商品", "一二三四五，上山打老虎", "您在第七个工作日内会收到退款",
             "坐一路公交到人民广场", "建国路上那家店关门了", "房间号是1208", "预计12月25日前发货",
             "我在三楼等您", "积分还剩12800分", "套餐是一百九十九元每月的", "您有23元未缴", "版本号3.10.2",
             "我排在第105位", "上次打了七八个电话都没人接", "投诉编号是20261102", "他的年龄是三十五岁",
             "我要求赔偿两千元", "百分之九十九的用户都这样", "八点半到九点之间"]


def id_number(rng: random.Random) -> str:
    weights, check = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), "10X98765432"
    area = rng.choice(["110101", "310115", "440305", "330106", "510107", "420111"])
    birth = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = area + birth + f"{rng.randint(0, 999):03d}"
    return body + check[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def card_number(rng: random.Random, length: int) -> str:
    body = rng.choice(["622202", "621700", "436742", "622848", "625965"])
    body += "".join(rng.choice("0123456789") for _ in range(length - len(body) - 1))
    for check in "0123456789":
        candidate = body + check
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            d = int(ch)
            if i % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        if total % 10 == 0:
            return candidate
    raise AssertionError


def mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "135", "186", "152", "177", "199", "131"]) + \
        "".join(rng.choice("0123456789") for _ in range(8))


def forms(number: str, groups: tuple[int, ...], rng: random.Random) -> list[tuple[str, str]]:
    """(form name, how the number is written or transcribed)."""
    parts, i = [], 0
    for g in groups:
        parts.append(number[i:i + g])
        i += g
    if i < len(number):
        parts.append(number[i:])

    def spoken(table, text):
        return "".join(table.get(c, c) for c in text)

    mixed = "".join(spoken(SPOKEN_1, c) if k % 2 else c for k, c in enumerate(number))
    return [("written", number), ("grouped", " ".join(parts)), ("dashed", "-".join(parts)),
            ("spoken_yao", spoken(SPOKEN_1, number)), ("spoken_yi", spoken(SPOKEN_YI, number)),
            ("spoken_groups", "，".join(spoken(SPOKEN_1, p) for p in parts)),
            ("mixed", mixed), ("fullwidth", "".join(chr(0xFF10 + int(c)) if c.isdigit() else c
                                                    for c in number))]


def row(carrier: str, value: str, kind: str, form: str) -> dict:
    text = carrier.format(value)
    start = text.index(value)
    return {"text": text, "spans": [{"start": start, "end": start + len(value), "kind": kind}],
            "form": form}


def main() -> None:
    rng = random.Random(20261126)
    rows = []
    for _ in range(12):
        for form, value in forms(mobile(rng), (3, 4, 4), rng):
            rows.append(row(rng.choice(MOBILE_CARRIERS), value, "mobile", form))
    for _ in range(2):
        rows.append(row(rng.choice(MOBILE_CARRIERS), "+86 " + mobile(rng), "mobile", "country_code"))
    for area, local in [("010", "62345678"), ("021", "58887777"), ("0755", "86689999"),
                        ("0571", "87654321"), ("020", "38221100"), ("028", "85556666")]:
        for form, value in forms(area + local, (len(area),), rng):
            if form in ("mixed", "spoken_yi"):
                continue
            rows.append(row(rng.choice(LANDLINE_CARRIERS), value, "landline", form))
        rows.append(row(LANDLINE_CARRIERS[0], f"({area}){local}", "landline", "bracketed"))
    for _ in range(8):
        number = id_number(rng)
        for form, value in forms(number, (6, 8), rng):
            if form != "mixed":
                rows.append(row(rng.choice(ID_CARRIERS), value, "id_card", form))
    for length in (16, 19, 16, 19, 16, 19):
        for form, value in forms(card_number(rng, length), (4, 4, 4, 4), rng):
            if form != "mixed":
                rows.append(row(rng.choice(CARD_CARRIERS), value, "bank_card", form))
    for email in EMAILS:
        rows.append(row(rng.choice(EMAIL_CARRIERS), email, "email", "written"))
    for email in EMAILS_SPOKEN:
        rows.append(row(rng.choice(EMAIL_CARRIERS), email, "email", "spoken"))
    for address in ADDRESSES:
        rows.append(row(rng.choice(ADDRESS_CARRIERS), address, "address", "written"))
    for text in NEGATIVES:
        rows.append({"text": text, "spans": [], "form": "negative"})
    with OUT.open("w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

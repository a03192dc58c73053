"""Construct a month of calls for ten agents (2026-11) to demonstrate ``qa perf run``.

Everything is made up by this script (no real customer data), deterministically from a
seed, so the worked example in the README and the end-to-end test see the same month:

- P01–P10 handle four calls a day for 30 days (1,200 calls) in five queues.
- P03's call quality drops for the last two weeks (from 17 Nov: no greeting, no 工号,
  no confirmation, no closing, dismissive phrases) — the deviation warning's case.
- P05 resolves only 60 % of calls at first contact (FCR 0.6) — the coaching case.
- P07 swears on two calls (红线, 一票否决); P04 on one.
- P10 joined on 2026-10-20 (a new agent: a larger review share); P09 is a team lead.
- Ratings: customer, peer and supervisor ratings per agent; supervisor S2 is lenient;
  P08 has no peer ratings (that source leaves P08's denominator).

    python examples/perf/make_month.py --out perf-month
    qa audit perf-month/calls --kpis perf-month/kpis.csv --out perf-month/audit
    qa perf run --calls perf-month/audit/calls.jsonl --ratings perf-month/ratings.csv \\
        --roster perf-month/roster.csv --period 2026-11 --out perf-month/out
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 11, 1, tzinfo=TZ)
DAYS, CALLS_PER_DAY = 30, 4
AGENTS = [f"P{i:02d}" for i in range(1, 11)]
QUEUES = ["billing", "delivery", "telecom", "refunds", "insurance"]
DROP_AGENT, DROP_FROM_DAY = "P03", 16          # 0-based: 17 Nov onwards
LOW_FCR_AGENT = "P05"
RED_LINES = {("P07", 5, 1), ("P07", 19, 2), ("P04", 11, 0)}   # (agent, day, call of day)

# (customer's request, agent's restatement, agent's answer, customer's thanks)
ISSUES = [
    ("我这个月话费怎么比平时多了五十多块钱？", "您是想查一下本月话费为什么比平时高，对吗？",
     "我看到您本月有一笔国际漫游流量费，五十二元，是十一月八号产生的。", "哦，那天我在香港，明白了。"),
    ("我点的外卖超时一个多小时了还没到。", "您是说订单超时一个小时还没送达，对吗？",
     "我这边已经联系骑手，十分钟内送到，并给您申请了五元的超时补偿。", "好吧，那我再等等。"),
    ("我想把套餐换成便宜一点的。", "您是想把现在的套餐改成资费更低的，对吗？",
     "可以的，五十八元的套餐有三十G流量，下个月一号生效。", "行，就换这个。"),
    ("我退货的钱怎么还没到账？", "您是说退货退款显示完成，但钱还没收到，对吗？",
     "退到信用卡一般三到七个工作日，我给您一个退款流水号，可以找银行查询。", "好的，我去查一下。"),
    ("我想问一下车险理赔要准备什么材料。", "您是想了解车险理赔需要的材料，对吗？",
     "需要驾驶证、行驶证、事故认定书和维修发票，拍照上传到APP就可以。", "明白了，谢谢。"),
]


def good_call(rng: random.Random, badge: str, issue: tuple[str, str, str, str]) -> list[dict]:
    request, restate, answer, thanks = issue
    lines = [
        ("agent", f"您好，很高兴为您服务，我是客服工号{badge}，请问有什么可以帮您？"),
        ("customer", f"喂，你好，{request}"),
        ("agent", restate),
        ("customer", "对，就是这个。"),
        ("agent", "好的，麻烦您提供一下手机尾号后四位，我帮您核实一下身份。"),
        ("customer", f"{rng.randint(1000, 9999)}。"),
        ("agent", answer),
        ("customer", thanks),
        ("agent", "请问还有什么可以帮您的吗？"),
        ("customer", "没有了，谢谢你。"),
        ("agent", "不客气，感谢您的来电，祝您生活愉快，再见！"),
    ]
    return _timed(rng, lines)


def sloppy_call(rng: random.Random, issue: tuple[str, str, str, str]) -> list[dict]:
    request, _, answer, _ = issue
    lines = [
        ("agent", "喂，说吧。"),
        ("customer", f"喂，{request}"),
        ("agent", rng.choice(["这个我也不知道，不归我管。", "这个我也没办法，你自己看着办。",
                              "不知道，你问别人去。"])),
        ("customer", "那我到底该怎么办啊？"),
        ("agent", answer),
        ("customer", "哦。"),
        ("agent", "嗯，就这样。"),
    ]
    return _timed(rng, lines)


def red_line_call(rng: random.Random, badge: str, issue: tuple[str, str, str, str]) -> list[dict]:
    lines = good_call(rng, badge, issue)
    lines[6]["text"] = "他妈的，你到底有完没完，我已经说过了！"
    return lines


def _timed(rng: random.Random, lines: list[tuple[str, str]]) -> list[dict]:
    out, t = [], rng.uniform(0.3, 1.0)
    for speaker, text in lines:
        duration = 0.9 + 0.22 * len(text) * rng.uniform(0.85, 1.15)
        out.append({"speaker": speaker, "start": round(t, 2), "end": round(t + duration, 2),
                    "text": text})
        t += duration + rng.uniform(0.3, 1.2)
    return out


def build(out: Path, seed: int = 7) -> None:
    """Write calls/*.json, kpis.csv, ratings.csv and roster.csv into ``out``."""
    rng = random.Random(seed)
    (out / "calls").mkdir(parents=True, exist_ok=True)
    quality = {a: rng.uniform(0.82, 0.95) for a in AGENTS}   # share of good calls
    quality["P06"] = 0.65                                      # a weaker but steady agent
    fcr_rate = {a: rng.uniform(0.82, 0.93) for a in AGENTS}
    kpi_rows = []
    for day in range(DAYS):
        for a_index, agent in enumerate(AGENTS):
            for k in range(CALLS_PER_DAY):
                cid = f"perf-{agent}-{day + 1:02d}-{k}"
                started = START + timedelta(days=day, hours=9 + 2 * k,
                                            minutes=rng.randint(0, 110))
                issue_index = rng.randrange(len(ISSUES))
                p_good = quality[agent]
                if agent == DROP_AGENT and day >= DROP_FROM_DAY:
                    p_good = 0.15
                badge = f"{1000 + 37 * a_index}"
                if (agent, day, k) in RED_LINES:
                    utterances = red_line_call(rng, badge, ISSUES[issue_index])
                elif rng.random() < p_good:
                    utterances = good_call(rng, badge, ISSUES[issue_index])
                else:
                    utterances = sloppy_call(rng, ISSUES[issue_index])
                conversation = {
                    "id": cid, "agent_id": agent, "queue": QUEUES[issue_index],
                    "started_at": started.isoformat(), "channel": "phone",
                    "attributes": {"constructed": True}, "utterances": utterances}
                (out / "calls" / f"{cid}.json").write_text(
                    json.dumps(conversation, ensure_ascii=False, indent=1), encoding="utf-8")
                if agent == LOW_FCR_AGENT:    # exactly 3 of every 5 calls resolved: FCR 0.6
                    fcr = 1 if (day * CALLS_PER_DAY + k) % 5 < 3 else 0
                else:
                    fcr = 1 if rng.random() < fcr_rate[agent] else 0
                kpi_rows.append({
                    "conversation_id": cid,
                    "aht_seconds": round(rng.gauss(260, 45)),
                    "fcr": fcr,
                    "csat": min(5, max(1, round(rng.gauss(4.5 if fcr else 3.4, 0.6)))),
                    "response_time_seconds": max(2, round(rng.gauss(14, 5))),
                })
    with (out / "kpis.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(kpi_rows[0]))
        writer.writeheader()
        writer.writerows(kpi_rows)
    _ratings(out, rng)
    with (out / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agent_id", "role", "supervisor", "hired_on"])
        for i, agent in enumerate(AGENTS):
            role = "team_lead" if agent == "P09" else "agent"
            hired = "2026-10-20" if agent == "P10" else f"202{3 + i % 3}-0{1 + i % 9}-15"
            writer.writerow([agent, role, "S1" if i < 5 else "S2", hired])


def _ratings(out: Path, rng: random.Random) -> None:
    rows = []
    for i, agent in enumerate(AGENTS):
        base = 4.2 if agent != DROP_AGENT else 3.9
        supervisor = "S1" if i < 5 else "S2"
        lenient = 0.7 if supervisor == "S2" else 0.0     # S2 rates everyone higher
        rows.append([agent, "2026-11", "supervisor", supervisor,
                     _clip(round(rng.gauss(base + lenient, 0.3)))])
        # The other supervisor rates too, so each supervisor's leniency can be measured.
        other = "S2" if supervisor == "S1" else "S1"
        rows.append([agent, "2026-11", "supervisor", other,
                     _clip(round(rng.gauss(base + (0.7 if other == "S2" else 0.0), 0.3)))])
        if agent != "P08":                                 # P08: no peer ratings this month
            for peer in rng.sample([a for a in AGENTS if a != agent], 3):
                rows.append([agent, "2026-11", "peer", peer, _clip(round(rng.gauss(base, 0.5)))])
        for c in range(5):
            rows.append([agent, "2026-11", "customer", f"survey-{agent}-{c}",
                         _clip(round(rng.gauss(base, 0.7)))])
    with (out / "ratings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agent_id", "period", "source", "rater_id", "score"])
        writer.writerows(rows)


def _clip(score: float) -> int:
    return int(min(5, max(1, score)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("perf-month"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    build(args.out, args.seed)
    print(f"wrote {DAYS * CALLS_PER_DAY * len(AGENTS)} calls, kpis.csv, ratings.csv, "
          f"roster.csv → {args.out}")

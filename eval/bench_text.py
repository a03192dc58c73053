"""Speed of the text path: conversations per second through the keyword rulebook.

Generates ``n`` synthetic calls of ~40 utterances (seeded, varied: numbers, products,
Traditional characters, holds, complaints, an occasional 禁语), compiles the default
rulebook once, and times ``KeywordAnalyzer.analyze`` over all calls in one process.

    python eval/bench_text.py            # 2,000 conversations
    python eval/bench_text.py 5000
"""

from __future__ import annotations

import gc
import random
import sys
import time

from qa_engine.conversation import Conversation, Speaker, Utterance

_PRODUCTS = ["宽带", "话费套餐", "信用卡", "快递", "退款", "会员", "流量包", "理财产品", "订单", "积分"]
_AGENT_OPEN = ["您好，工号{n}为您服务，请问有什么可以帮您？", "您好，我是{n}号客服，很高兴为您服务。",
               "你好，欢迎致电，请问有什么可以帮您？", "您好，請問有什麼可以幫您？"]
_CUSTOMER = ["我想问一下我的{p}怎么回事", "我上个月的{p}扣了{m}块钱，我不明白", "你好，我的{p}一直没到账",
             "能不能帮我看看{p}的情况", "嗯", "对", "好的", "那我该怎么办呢", "是的，手机号是{n}{n}",
             "我昨天已经打过电话了", "这个{p}到底什么时候能处理好", "行吧", "我不太清楚你说的意思"]
_CUSTOMER_ANGRY = ["你们这什么服务，太过分了！我要投诉！", "气死我了，{p}又出问题", "我非常不满意，找你们领导来"]
_AGENT = ["好的，我帮您核实一下{p}的信息", "请您提供一下手机尾号", "您是想办理{p}的变更对吗？",
          "这边看到您的{p}在{d}号已经处理了", "费用是{m}元，会在三个工作日内退回", "您可以在APP里面查看",
          "嗯，我明白", "这个需要提交工单，我这边帮您登记", "请问还有别的{p}要办理吗", "您的账户余额是{m}元",
          "我跟您确认一下，是{p}的问题对吧", "好的，我这边已经记录下来了", "稍后会有专员联系您"]
_AGENT_APOLOGY = ["非常抱歉给您带来不便，我理解您的心情", "不好意思让您着急了，我马上帮您处理"]
_AGENT_BAD = ["这个我也不知道", "这不归我管，你问别人去", "我已经说过了，你听不懂吗", "我保证明天肯定没问题"]
_AGENT_HOLD = "请稍等，我帮您查一下"
_AGENT_THANKS = "感谢您的耐心等待，已经查到了"
_AGENT_CLOSE = ["请问还有什么可以帮您？", "感谢您的来电，祝您生活愉快，再见！"]


def generate(n: int, *, seed: int = 7, utterances: int = 40) -> list[Conversation]:
    """``n`` synthetic conversations of about ``utterances`` utterances each."""
    rnd = random.Random(seed)
    calls = []
    for k in range(n):
        fill = dict(n=rnd.randint(1000, 9999), p="", m=rnd.randint(5, 999), d=rnd.randint(1, 28))
        angry = rnd.random() < 0.25
        rude = rnd.random() < 0.1
        hold_at = rnd.randint(8, 30) if rnd.random() < 0.4 else -1
        lines: list[tuple[str, str]] = [("agent", rnd.choice(_AGENT_OPEN))]
        while len(lines) < utterances - 3:
            fill["p"] = rnd.choice(_PRODUCTS)
            pool = _CUSTOMER_ANGRY if angry and rnd.random() < 0.2 else _CUSTOMER
            lines.append(("customer", rnd.choice(pool).format(**fill)))
            if angry and lines[-1][1] in [s.format(**fill) for s in _CUSTOMER_ANGRY]:
                lines.append(("agent", rnd.choice(_AGENT_APOLOGY)))
            elif rude and rnd.random() < 0.1:
                lines.append(("agent", rnd.choice(_AGENT_BAD)))
            elif len(lines) >= hold_at > 0:
                lines += [("agent", _AGENT_HOLD), ("agent", _AGENT_THANKS)]
                hold_at = -1
            else:
                lines.append(("agent", rnd.choice(_AGENT).format(**fill)))
        lines += [("agent", _AGENT_CLOSE[0]), ("customer", "没有了，谢谢"), ("agent", _AGENT_CLOSE[1])]
        t, utts = 0.0, []
        for speaker, text in lines:
            gap = 25.0 if text == _AGENT_THANKS else rnd.uniform(0.2, 1.5)
            t += gap
            dur = 0.2 * len(text) + 0.3
            conf = round(rnd.uniform(0.5, 0.99), 2)
            utts.append(Utterance(speaker=Speaker(speaker), start=round(t, 2), end=round(t + dur, 2),
                                  text=text, confidence=conf))
            t += dur
        calls.append(Conversation(id=f"bench-{k}", agent_id=f"A{k % 37}", utterances=utts))
    return calls


def text_only_inspector(keyword_analyzer):
    """The default scorecard with the real rulebook and the model analyzers left out.

    The model analyzers stand in as N/A so the figure measures rulebook + scorecard,
    as the issue asks; ``eval/bench_models.py`` measures the models.
    """
    from qa_engine.analyzers import UnavailableAnalyzer
    from qa_engine.pipeline import Inspector
    from qa_engine.scorecard import load_scorecard

    card = load_scorecard()
    read = card.findings_read()
    stand_ins = {name: UnavailableAnalyzer(name, read.get(name, frozenset()), "left out of bench")
                 for name in card.analyzers if name != "keywords"}
    return Inspector(card, analyzers={"keywords": keyword_analyzer, **stand_ins})


def bench(n_conversations: int = 2000) -> dict[str, float]:
    """Time the keyword analyzer over ``n_conversations`` generated calls; returns the figures."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer

    calls = generate(n_conversations)
    # An audit streams calls one by one; keep the collector from rescanning the whole
    # pre-generated corpus on every full collection, which only the benchmark holds.
    gc.collect()
    gc.freeze()
    t0 = time.perf_counter()
    analyzer = KeywordAnalyzer()
    compile_s = time.perf_counter() - t0
    analyzer.analyze(calls[0])  # warm the per-character tables once, as a long audit would
    t0, c0 = time.perf_counter(), time.process_time()
    for call in calls:
        analyzer.analyze(call)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    inspector = text_only_inspector(analyzer)
    t1, c1 = time.perf_counter(), time.process_time()
    for call in calls:
        inspector.inspect(call)
    full_elapsed, full_cpu = time.perf_counter() - t1, time.process_time() - c1
    n_utts = sum(len(c.utterances) for c in calls)
    return {
        "with_scorecard_conversations_per_s": n_conversations / full_elapsed,
        "with_scorecard_conversations_per_cpu_s": n_conversations / full_cpu,
        "conversations": n_conversations,
        "utterances_per_conversation": n_utts / n_conversations,
        "load_and_compile_s": compile_s,
        "rulebook_s": elapsed,
        "rulebook_conversations_per_s": n_conversations / elapsed,
        "rulebook_cpu_s": cpu,
        "rulebook_conversations_per_cpu_s": n_conversations / cpu,
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    r = bench(n)
    print(f"{r['conversations']} conversations, {r['utterances_per_conversation']:.1f} utterances each")
    print(f"rulebook load+compile: {r['load_and_compile_s'] * 1000:.0f} ms")
    print(f"rulebook: {r['rulebook_conversations_per_s']:,.0f} conversations/s "
          f"({r['rulebook_s'] * 1e6 / r['conversations']:.0f} µs per conversation, wall clock)")
    print(f"rulebook: {r['rulebook_conversations_per_cpu_s']:,.0f} conversations per CPU-second "
          f"(process CPU time; differs from wall clock when the machine is shared)")
    print(f"rulebook + scorecard (Inspector.inspect): "
          f"{r['with_scorecard_conversations_per_s']:,.0f} conversations/s wall clock, "
          f"{r['with_scorecard_conversations_per_cpu_s']:,.0f} per CPU-second")

"""Overtalk by sweep equals the quadratic definition; long transcripts stay fast (O(n log n))."""

from __future__ import annotations

import random

import pytest

from qa_engine.analyzers.acoustics import AcousticsAnalyzer
from qa_engine.conversation import Conversation, Speaker, Utterance

WORDS = ["嗯", "对", "好的", "我想问一下订单", "您好请问有什么可以帮您", "这个我帮您看看", "行"]


def random_call(rng: random.Random, n: int) -> Conversation:
    utts = []
    for _ in range(n):
        start = round(rng.uniform(0, n * 1.5), 1)
        utts.append(Utterance(speaker=rng.choice(["agent", "customer"]), start=start,
                              end=round(start + rng.choice([0.2, 0.5, 0.8, 1.5, 3.0, 6.0]), 1), text=rng.choice(WORDS)))
    return Conversation(id="r", channel="phone", utterances=utts)


def quadratic(analyzer: AcousticsAnalyzer, conv: Conversation) -> tuple[list, list, float]:
    """The definition, pair by pair (the implementation before the sweep)."""
    o = analyzer.options
    agent, customer = conv.by(Speaker.AGENT), conv.by(Speaker.CUSTOMER)

    def interruptions(by, of):
        found = []
        for j, v in of:
            for i, u in by:
                if v.start < u.start < v.end and min(u.end, v.end) - u.start >= o.min_overlap_s \
                        and not analyzer._is_backchannel(u):
                    found.append((i, j, round(min(u.end, v.end) - u.start, 2)))
                    break
        return found

    overlap = sum(max(0.0, min(a.end, c.end) - max(a.start, c.start)) for _, a in agent for _, c in customer)
    return interruptions(agent, customer), interruptions(customer, agent), overlap


@pytest.mark.parametrize("seed", range(40))
def test_overtalk_sweep_equals_pairwise_definition(seed):
    rng = random.Random(seed)
    conv = random_call(rng, rng.randint(2, 40))
    analyzer = AcousticsAnalyzer()
    if not conv.by(Speaker.AGENT) or not conv.by(Speaker.CUSTOMER):
        pytest.skip("one-sided draw")
    by_agent, by_customer, overlap = quadratic(analyzer, conv)
    f = analyzer.analyze(conv).items["overtalk"]
    assert [(e.utterance, e.end) for e in f.evidence] == \
        [(i, min(conv.utterances[i].end, conv.utterances[j].end)) for i, j, _ in by_agent]
    assert f.detail["agent_interruptions"] == len(by_agent)
    assert f.detail["customer_interruptions"] == len(by_customer)
    assert f.detail["overlap_s"] == pytest.approx(round(overlap, 2), abs=0.011)


def test_acoustics_on_20000_utterances_is_quick_and_sane():
    # Before the sweep this took ~135 s (quadratic overtalk); now it is a fraction of a second.
    utts, t = [], 0.0
    for k in range(20_000):
        role = "agent" if k % 2 == 0 else "customer"
        utts.append(Utterance(speaker=role, start=t, end=t + 2.0, text="请问还有什么可以帮您"))
        t += 1.8 if k % 100 == 0 else 2.5        # every 100th turn overlaps the next by 0.2 s
    conv = Conversation(id="long", channel="phone", utterances=utts)
    items = AcousticsAnalyzer().analyze(conv).items
    assert items["overtalk"].detail["overlap_s"] == pytest.approx(200 * 0.2, abs=1e-6)
    assert items["overtalk"].detail["agent_interruptions"] == 0     # 0.2 s < min_overlap_s
    assert items["talk_ratio"].value == 1.0

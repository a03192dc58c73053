"""The hand-labelled sentiment turns: ids and labels only, enough of them, a clean split."""

from __future__ import annotations

import csv
from collections import Counter

from tests.shared_data import requires_shared_data
from training.sentiment_labels import LABEL_FILE, LABELS, Turn, split_of_turn


def rows() -> list[dict]:
    with open(LABEL_FILE, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_label_file_holds_ids_and_labels_never_texts():
    data = rows()
    assert list(data[0]) == ["source", "doc", "turn", "role", "register", "label"]
    assert len(data) >= 1500
    assert {r["label"] for r in data} == set(LABELS)
    assert {r["role"] for r in data} <= {"customer", "agent", "unknown"}
    assert {r["register"] for r in data} == {"call", "chat", "chatbot", "helpdesk"}
    assert {r["source"] for r in data} == {"musied", "xs_30k", "stc3", "stc3_targeted", "xs_30k_targeted",
                                          "stc3_hard", "musied_hard", "xs_30k_hard"}
    keys = [(r["source"], r["doc"], r["turn"]) for r in data]
    assert len(set(keys)) == len(keys)


def test_label_split_keeps_each_call_on_one_side_and_is_balanced():
    data = rows()
    side_of_doc: dict[str, set[str]] = {}
    sides = Counter()
    for r in data:
        # MUSIED and STC3 turns split by document, so no text is needed to check them.
        if r["source"] in ("musied", "stc3", "musied_hard", "stc3_hard"):
            t = Turn(r["source"], r["doc"], int(r["turn"]), r["role"], r["register"], "")
            side = split_of_turn(t)
            side_of_doc.setdefault((r["source"].removesuffix("_hard"), r["doc"]), set()).add(side)
            sides[side] += 1
    assert all(len(s) == 1 for s in side_of_doc.values())
    assert min(sides.values()) > 0.3 * sum(sides.values())


def test_stc3_turns_hold_positive_and_negative_customer_turns_on_both_sides():
    """The helpdesk register carries the negative-vs-positive figure, so both classes must
    be on both sides of the split (checked from ids; STC3 splits by dialogue)."""
    got = Counter()
    for r in rows():
        if r["source"] == "stc3" and r["role"] == "customer":
            t = Turn(r["source"], r["doc"], int(r["turn"]), r["role"], r["register"], "")
            got[(split_of_turn(t), r["label"])] += 1
    for side in ("dev", "test"):
        assert got[(side, "negative")] >= 50 and got[(side, "positive")] >= 30


def test_targeted_samples_are_training_material_only():
    """Turns picked by a word (polite formulas) never land in the test split."""
    targeted = [r for r in rows() if r["source"].endswith("_targeted")]
    assert targeted
    for r in targeted:
        t = Turn(r["source"], r["doc"], int(r["turn"]), r["role"], r["register"], "")
        assert split_of_turn(t) == "dev"


def test_hard_turns_split_like_their_source_and_hold_both_classes_on_both_sides():
    """The hard sample splits by the base source's hash (a dialogue's hard turns sit on the
    side of its random ones), and the negative-vs-positive figure needs both classes."""
    got = Counter()
    for r in rows():
        if r["source"].endswith("_hard"):
            t = Turn(r["source"], r["doc"], int(r["turn"]), r["role"], r["register"], "")
            if r["source"] != "xs_30k_hard":  # XS splits by text
                assert split_of_turn(t) == split_of_turn(Turn(r["source"][:-5], r["doc"], 0, "", "", ""))
                got[(split_of_turn(t), r["label"])] += 1
            got["all"] += 1
    assert got["all"] >= 400
    for side in ("dev", "test"):
        assert got[(side, "negative")] >= 50 and got[(side, "positive")] >= 10


@requires_shared_data
def test_the_added_chatbot_turns_are_the_next_random_ones_and_hold_both_classes_on_both_sides():
    """``sample_xs_more``: the XS turns after the first 900 in the same hash order (not picked by
    a word), from XS's held-out split, distinct texts, each labelled once, as source ``xs_30k``."""
    from training.data import split_of
    from training.sentiment_labels import sample, sample_xs_more, sample_xs_round8

    first = [t for t in sample() if t.source == "xs_30k"]
    more = sample_xs_more()
    assert len(more) >= 400 and not {t.text for t in more} & {t.text for t in first}
    assert all(split_of(t.text) == "test" for t in more) and len({t.text for t in more}) == len(more)
    labelled = {int(r["turn"]): r["label"] for r in rows() if r["source"] == "xs_30k"}
    assert {t.turn for t in first + more + sample_xs_round8()} == set(labelled)
    got = Counter((split_of_turn(t), labelled[t.turn]) for t in more)
    for side in ("dev", "test"):
        assert got[(side, "negative")] >= 50 and got[(side, "positive")] >= 30


@requires_shared_data
def test_round8_turns_follow_the_first_1620_and_carry_a_label_and_a_lean_each():
    """Round 8: the next XS turns of the same hash order after ``sample()``'s 900 and
    ``sample_xs_more``'s 720, each with a three-class label and, when neutral, a forced lean;
    both classes (binary, lean included) on both sides of the split."""
    from training.sentiment_labels import load_leans, sample, sample_xs_more, sample_xs_round8

    before = [t for t in sample() if t.source == "xs_30k"] + sample_xs_more()
    r8 = sample_xs_round8()
    assert len(r8) >= 1000 and not {t.text for t in r8} & {t.text for t in before}
    assert sample_xs_more(n=len(r8) + 720, skip=900)[720:] == r8  # the same order, continued
    labelled = {int(r["turn"]): r["label"] for r in rows() if r["source"] == "xs_30k"}
    leans = load_leans()
    got = Counter()
    for t in r8:
        lab = labelled[t.turn]
        lean = leans.get(("xs_30k", "", str(t.turn)))
        assert (lean is not None) == (lab == "neutral")
        got[(split_of_turn(t), lean or lab)] += 1
    for side in ("dev", "test"):
        assert got[(side, "negative")] >= 80 and got[(side, "positive")] >= 50


@requires_shared_data
def test_the_shipped_model_is_rebuilt_from_the_labels_it_was_trained_with():
    """``training.sentiment`` reads ``shipped_model_labels()``: today's label file less the
    random chatbot turns labelled after the shipped ``neutral`` family (the 720 and round 8),
    i.e. the 3,015 turns of d7012d6, the commit that last wrote ``neutral.npz``."""
    from training.sentiment_labels import load_labels, sample_xs_more, sample_xs_round8, shipped_model_labels

    every = load_labels()
    shipped = shipped_model_labels(every)
    later = {t.turn for t in sample_xs_more()} | {t.turn for t in sample_xs_round8()}
    assert len(shipped) == 3015 and len(every) - len(shipped) == len(later)
    assert not any(t.source == "xs_30k" and t.turn in later for t in shipped)
    # hard and targeted XS turns keep their own source tag and stay
    assert any(t.source.startswith("xs_30k_") for t in shipped)

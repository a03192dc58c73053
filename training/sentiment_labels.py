"""The hand-labelled conversational sentiment set: which turns, how they split, their text.

    python -m training.sentiment_labels sample            # how many turns the sample holds
    python -m training.sentiment_labels show START COUNT  # print turns to read, in order
    python -m training.sentiment_labels record START LETTERS  # n/u/p per turn from START

The label file ``eval/labels/sentiment_turns.csv`` holds ids and labels only (source,
doc id, turn index or line number, role, label); texts are read back from
``../shared/data`` at evaluation time, never committed. See ``eval/labels/sentiment_guide.md``.

Turns come from two sources:
- ``musied``: contiguous windows of MUSIED phone calls (ASR) and chats, ``doc`` = document
  id, ``turn`` = index in ``content``; role from the ``客服:``/``用户:`` prefix.
- ``xs_30k``: chat turns typed to a chatbot (sentiment_XS_30k.txt), ``turn`` = 1-based
  data line number; drawn only from rows that the shipped model's training kept out
  (``split_of(text) == "test"``), role ``customer``.
- ``stc3``: turns of STC3 customer ↔ brand-helpdesk dialogues (Weibo, written), ``doc`` =
  dialogue id, ``turn`` = index in ``turns`` (its utterances joined by a space); role
  ``customer`` or ``agent`` (the helpdesk); register ``helpdesk``. Drawn by
  ``sample_stc3`` (``python -m training.sentiment_labels stc3 show|record …``).
- ``xs_30k`` again, added for issue 10 (``sample_xs_more``; ``python -m training.sentiment_labels
  xs_more show|record …``): the 720 XS turns that follow the first 900 in the same hash order,
  drawn at random from the same held-out split.
- ``xs_30k`` again, round 8 (``sample_xs_round8``; ``python -m training.sentiment_labels xs_more8
  show|record …``, letters n / p / a (neutral, lean negative) / b (neutral, lean positive)): the
  1,200 XS turns after the first 1,620 in the same hash order, label and forced lean in one reading.
- ``*_hard``: the hard-turn sample (``sample_hard``; ``python -m training.sentiment_labels
  hard show|todo|record …``): customer turns with cue words for irony, repeat contact,
  waiting, rhetorical questions, polite dissatisfaction or praise beside negative words,
  split by the base source's hash and reported apart (``eval/sentiment.py`` group ``hard``).

A second file, ``eval/labels/sentiment_lean.csv`` (``lean show|record SPLIT …``), gives each
random XS turn labelled neutral its **forced lean** (negative / positive): what an annotator
who must choose would say (guide section "Forced lean"); evaluation only.

Dev/test: a fixed hash of the source and document (MUSIED: the whole call stays on one
side) or of the text (XS), 50/50. Tune on dev only; report test.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from dataclasses import dataclass, replace
from pathlib import Path

LABEL_FILE = Path(__file__).resolve().parents[1] / "eval" / "labels" / "sentiment_turns.csv"
LABELS = ("negative", "neutral", "positive")
ROLE_PREFIX = {"客服": "agent", "用户": "customer"}
MUSIED_DOMAINS = {"Phone Conversations": "call", "Text Conversations": "chat"}


@dataclass
class Turn:
    source: str      # "musied" | "xs_30k"
    doc: str         # MUSIED document id; "" for xs_30k
    turn: int        # index in the document / 1-based data line number
    role: str        # "customer" | "agent" | "unknown"
    register: str    # "call" | "chat" | "chatbot"
    text: str
    previous: str = ""  # the previous turn's text (with its role), for context
    label: str = ""


def _h(key: str) -> float:
    return int(hashlib.sha1(f"qa-sentiment-labels:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


# Targeted samples (turns picked by a word, not at random) are training material only: their
# rows carry the source with this suffix and always fall on the dev side, so the test split
# stays a random sample.
TARGETED = "_targeted"
# The hard-turn sample (``sample_hard``): turns picked by cue words for irony, complaints
# without negative words, rhetorical questions, polite dissatisfaction and praise with
# negative words. Unlike a targeted sample it splits dev/test by the same hash as its base
# source (so a hard test set exists), and it is reported as its own group ("hard"), apart
# from the random turns.
HARD = "_hard"


def base_source(source: str) -> str:
    """``stc3_hard`` → ``stc3``; ``xs_30k_targeted`` → ``xs_30k``."""
    return source.removesuffix(TARGETED).removesuffix(HARD)


def split_of_turn(t: Turn) -> str:
    """'dev' or 'test', fixed by hash (a MUSIED document never straddles the split);
    targeted samples are always 'dev'."""
    if t.source.endswith(TARGETED):
        return "dev"
    source = base_source(t.source)
    key = f"xs:{t.text}" if source == "xs_30k" else f"{source}:{t.doc}"
    return "test" if _h(key) < 0.5 else "dev"


def parse_musied_line(line: str) -> tuple[str, str]:
    """``客服:text,`` → (role, text); trailing comma dropped."""
    line = line.strip().rstrip(",，").strip()
    head, sep, rest = line.partition(":")
    if sep and head in ROLE_PREFIX:
        return ROLE_PREFIX[head], rest.strip()
    return "unknown", line


def musied_turns() -> dict[tuple[str, int], Turn]:
    from training.data import load_musied

    out = {}
    for doc in load_musied():
        reg = MUSIED_DOMAINS.get(doc["domain"])
        if reg is None:
            continue
        prev = ""
        for i, line in enumerate(doc["content"]):
            role, text = parse_musied_line(line)
            out[(str(doc["id"]), i)] = Turn("musied", str(doc["id"]), i, role, reg, text, prev)
            prev = f"{role}: {text}"
    return out


def xs_turns() -> dict[int, Turn]:
    from training.data import data_dir

    path = data_dir() / "sentiment/chinese_conversation_sentiment/sentiment_XS_30k.txt"
    out = {}
    with open(path, encoding="utf-8") as fh:
        for n, rec in enumerate(csv.DictReader(fh), start=1):
            text = "".join((rec["text"] or "").split()).replace("\ufeff", "").strip()
            out[n] = Turn("xs_30k", "", n, "customer", "chatbot", text)
    return out


def xs_automatic_labels() -> dict[int, str]:
    """The XS file's own **automatic** label ("negative" / "positive") by 1-based data line
    (the numbering of ``xs_turns``)."""
    from training.data import data_dir

    path = data_dir() / "sentiment/chinese_conversation_sentiment/sentiment_XS_30k.txt"
    with open(path, encoding="utf-8") as fh:
        return {n: rec["labels"] for n, rec in enumerate(csv.DictReader(fh), start=1)}


def stc3_turns() -> dict[tuple[str, int], Turn]:
    """Every STC3 turn by (dialogue id, turn index); the previous turn is its context."""
    from training.data import load_stc3

    out = {}
    for dia in load_stc3():
        prev = ""
        for i, turn in enumerate(dia["turns"]):
            role = "customer" if turn["sender"] == "customer" else "agent"
            text = " ".join(u.strip() for u in turn["utterances"] if u.strip())
            out[(str(dia["id"]), i)] = Turn("stc3", str(dia["id"]), i, role, "helpdesk", text, prev)
            prev = f"{role}: {text}"
    return out


def sample_stc3(n_customer: int = 380, n_satisfied: int = 180, n_agent: int = 80) -> list[Turn]:
    """The deterministic list of STC3 turns to label: customer turns drawn by hash, later
    customer turns of dialogues whose mean satisfaction is ≥ 0.5 (where thanks and praise
    are; a random draw holds few positive turns), and helpdesk turns. Sorted by dialogue
    so each turn is read after its predecessor."""
    from training.data import load_stc3

    sat = {str(d["id"]) for d in load_stc3() if d["mean_S"] >= 0.5}
    turns = stc3_turns()
    order = sorted(turns, key=lambda k: _h(f"stc3-pick:{k[0]}:{k[1]}"))
    pick: list[tuple[str, int]] = []

    def take(cond, n):
        got = 0
        for k in order:
            if got == n:
                break
            if k not in pick and turns[k].text and cond(k, turns[k]):
                pick.append(k)
                got += 1

    take(lambda k, t: t.role == "customer", n_customer)
    take(lambda k, t: t.role == "customer" and k[1] > 0 and k[0] in sat, n_satisfied)
    take(lambda k, t: t.role == "agent", n_agent)
    return [turns[k] for k in sorted(pick, key=lambda k: (_h(f"stc3-doc:{k[0]}"), k[1]))]


POLITE_WORDS = ("辛苦", "麻烦你", "麻烦了", "麻烦您")


def sample_targeted(n_xs: int = 40) -> list[Turn]:
    """A targeted sample of polite formulas (辛苦了, 麻烦你了 …), which the models read as
    complaints: every short STC3 customer turn (< 60 characters) with one of ``POLITE_WORDS``
    outside the random STC3 sample, and ``n_xs`` XS turns with one, outside the XS test split,
    drawn by hash. Their source carries ``TARGETED``: training (dev) only, never test."""
    from dataclasses import replace as copy

    from training.data import split_of

    have = {(t.doc, t.turn) for t in sample_stc3()}
    stc = [t for k, t in stc3_turns().items() if t.role == "customer" and len(t.text) < 60
           and k not in have and any(w in t.text for w in POLITE_WORDS)]
    stc.sort(key=lambda t: _h(f"polite:{t.doc}:{t.turn}"))
    xs = [t for t in xs_turns().values() if any(w in t.text for w in POLITE_WORDS) and split_of(t.text) != "test"]
    xs.sort(key=lambda t: _h(f"polite-xs:{t.turn}"))
    return [copy(t, source=t.source + TARGETED) for t in stc + xs[:n_xs]]


# Cue words of the hard sample, by kind (a turn is a candidate when it holds any of them).
HARD_CUES = {
    "irony": ("呵呵", "好样的", "可真", "真是好", "真快", "真棒", "真行", "厉害", "佩服", "服了", "不错嘛",
              "太好了", "效率", "真是谢谢", "谢谢你们", "[哈哈]", "[呵呵]", "[微笑]", "赞"),
    "repeat_wait": ("第二次", "第三次", "第四次", "好几次", "多少次", "又", "还是", "一直", "到现在", "多久",
                    "几天", "小时", "等了", "没人", "没有人", "没回复", "没反应", "还没", "至今", "天了"),
    "rhetorical": ("难道", "怎么回事", "什么意思", "凭什么", "为什么", "到底", "有意思吗", "好玩吗", "吗？", "吗?"),
    "polite": ("希望", "请尽快", "尽快", "能不能", "可不可以", "麻烦"),
    "praise_neg": ("没想到", "不错", "没问题", "解决了", "不用", "没毛病", "不愧", "终于", "不得不", "不知道怎么感谢"),
}


def _cue_kind(text: str) -> str | None:
    for kind, words in HARD_CUES.items():
        if any(w in text for w in words):
            return kind
    return None


IRONY_CUES = ("呵呵", "真是", "可真", "好样的", "谢谢你们", "真快", "厉害", "佩服", "服了", "效率", "真棒", "真行", "好一个")
PRAISE_WORDS = ("谢", "感谢", "赞", "不错", "好评", "满意", "给力", "棒", "效率", "靠谱", "点个赞")
NEGATIVE_LOOKING = ("不", "没", "问题", "慢", "终于", "麻烦", "坏", "差", "还是", "又", "难", "吐槽", "竟然", "居然")


def sample_hard(n_xs: int = 130, n_stc3: int = 230, n_musied: int = 90, n_irony: int = 70,
                n_praise: int = 90, n_praise_xs: int = 40) -> list[Turn]:
    """The hard-turn sample: customer turns (< 80 characters) with a ``HARD_CUES`` word that
    no label file row holds yet — XS turns from its ``valid`` split (which no shipped
    model's fit read as a row: the binary ones train on ``train``), STC3 customer turns,
    MUSIED customer turns — drawn by hash. Source ``<source>_hard``; split by the base
    source's hash rule (``split_of_turn``)."""
    from dataclasses import replace as copy

    from training.data import split_of

    have = set()
    if LABEL_FILE.exists():
        rows = list(csv.DictReader(open(LABEL_FILE, encoding="utf-8")))
        have = {(base_source(r["source"]), r["doc"], r["turn"]) for r in rows if not r["source"].endswith(HARD)}
    taken_text: set[str] = set()

    def pick(turns, n, salt):
        out = []
        for t in sorted(turns, key=lambda t: _h(f"{salt}:{t.doc}:{t.turn}")):
            if len(out) == n:
                break
            if t.text in taken_text or (t.source, t.doc, str(t.turn)) in have:
                continue
            taken_text.add(t.text)
            out.append(copy(t, source=t.source + HARD))
        return out

    def ok(t):
        return t.role == "customer" and 2 <= len(t.text) < 80 and _cue_kind(t.text) is not None

    xs = pick([t for t in xs_turns().values() if ok(t) and split_of(t.text) == "valid"], n_xs, "hard-xs")
    stc = pick([t for t in stc3_turns().values() if ok(t)], n_stc3, "hard-stc3")
    mus = pick([t for t in musied_turns().values() if ok(t)], n_musied, "hard-musied")
    # Second round (appended, so the first round's indices stay): irony cues in any STC3
    # dialogue, and praise or thanks beside a negative-looking word (没想到, 终于, 问题解决了)
    # in STC3 dialogues with mean satisfaction ≥ 0.5 and in XS — a random draw holds few.
    from training.data import load_stc3

    sat = {str(d["id"]) for d in load_stc3() if d["mean_S"] >= 0.5}
    irony = [t for t in stc3_turns().values() if ok(t) and any(w in t.text for w in IRONY_CUES)]
    irony = pick(irony, n_irony, "hard-irony")

    def praise_neg(t):
        return (t.role == "customer" and 2 <= len(t.text) < 80 and any(w in t.text for w in PRAISE_WORDS)
                and any(w in t.text for w in NEGATIVE_LOOKING))

    praise = pick([t for t in stc3_turns().values() if praise_neg(t) and t.doc in sat], n_praise, "hard-praise")
    praise += pick([t for t in xs_turns().values() if praise_neg(t) and split_of(t.text) == "valid"],
                   n_praise_xs, "hard-praise-xs")
    key = lambda t: (t.source, _h(f"hard-doc:{t.doc}"), t.turn)  # noqa: E731
    return (sorted(stc, key=key) + sorted(mus, key=key) + sorted(xs, key=key)
            + sorted(irony, key=key) + sorted(praise, key=key))


def _xs_test_picks(count: int) -> list[Turn]:
    """The first ``count`` XS turns of its held-out ``test`` split, distinct texts, in the fixed
    ``xs-pick`` hash order: ``sample`` labels the first 900, ``sample_xs_more`` the ones after."""
    from training.data import split_of

    seen, xs = set(), []
    for _, t in sorted(xs_turns().items(), key=lambda kv: _h(f"xs-pick:{kv[0]}")):
        if t.text and t.text not in seen and split_of(t.text) == "test":
            seen.add(t.text)
            xs.append(t)
        if len(xs) == count:
            break
    return xs


def sample(n_xs: int = 900, n_docs: int = 70, window: int = 12) -> list[Turn]:
    """The deterministic list of turns to label (no labels)."""
    xs = _xs_test_picks(n_xs)
    turns = musied_turns()
    docs = sorted({d for d, _ in turns}, key=lambda d: _h(f"doc-pick:{d}"))[:n_docs]
    mus = []
    for d in docs:
        idx = sorted(i for dd, i in turns if dd == d)
        start = int(_h(f"start:{d}") * max(1, len(idx) - window))
        mus += [turns[(d, i)] for i in idx[start:start + window] if turns[(d, i)].text]
    return mus + sorted(xs, key=lambda t: t.turn)


def sample_xs_more(n: int = 720, skip: int = 900) -> list[Turn]:
    """More random chatbot turns: the XS turns that follow ``sample()``'s first ``skip`` in the
    same hash order (its held-out ``test`` split, distinct texts), not picked by any word.
    Source ``xs_30k`` like the first 900 (they join the random ``chatbot`` register and split
    dev/test by the same text hash)."""
    return _xs_test_picks(skip + n)[skip:]


# Round 8 (issue 10): the next random chatbot turns after the 900 + 720, in the same hash order.
ROUND8_SKIP, ROUND8_N = 1620, 1200


def sample_xs_round8(n: int = ROUND8_N) -> list[Turn]:
    """The XS turns after the first 1,620 (``sample`` + ``sample_xs_more``) in the same hash
    order of XS's held-out ``test`` split: labelled in round 8 with the three-class label and,
    for neutral ones, the forced lean in the same reading (``xs_more8 show|record …``)."""
    return sample_xs_more(n=n, skip=ROUND8_SKIP)


def load_labels(path: Path = LABEL_FILE) -> list[Turn]:
    """Labelled turns with their text read back from the shared data."""
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    mus = musied_turns() if any(r["source"] == "musied" for r in rows) else {}
    xs = xs_turns() if any(r["source"].startswith("xs_30k") for r in rows) else {}
    stc = stc3_turns() if any(r["source"].startswith("stc3") for r in rows) else {}
    out = []
    for r in rows:
        if r["label"] not in LABELS:
            raise ValueError(f"bad label {r['label']!r} in {path}; expected one of {LABELS}")
        source = base_source(r["source"])
        if source == "xs_30k":
            t = xs[int(r["turn"])]
        else:
            t = (mus if source == "musied" else stc)[(r["doc"], int(r["turn"]))]
        t = replace(t, source=r["source"], label=r["label"])
        out.append(t)
    return out


def shipped_model_labels(turns: list[Turn] | None = None) -> list[Turn]:
    """The labelled turns the shipped ``neutral`` family was trained and tuned with: every
    label except the random chatbot turns labelled after it (``sample_xs_more``'s 720 and
    round 8's 1,200), which are kept as clean evaluation turns so that
    ``python -m training.sentiment --neutral-only`` / ``--negative-score-only`` rebuild the
    shipped files from today's label file."""
    later = {t.turn for t in sample_xs_more()} | {t.turn for t in sample_xs_round8()}
    turns = load_labels() if turns is None else turns
    return [t for t in turns if not (t.source == "xs_30k" and t.turn in later)]


LEAN_FILE = LABEL_FILE.with_name("sentiment_lean.csv")
LEANS = ("negative", "positive")


def lean_turns(split: str) -> list[Turn]:
    """The random XS turns (source ``xs_30k``) hand-labelled neutral on ``split``, in label-file
    order: the turns whose forced lean (positive or negative) ``sentiment_lean.csv`` records."""
    return [t for t in load_labels() if t.source == "xs_30k" and t.label == "neutral" and split_of_turn(t) == split]


def load_leans(path: Path = LEAN_FILE) -> dict[tuple[str, str, str], str]:
    """(source, doc, turn) → "negative" | "positive" for the neutral turns given a forced lean."""
    if not path.exists():
        return {}
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["lean"] not in LEANS:
            raise ValueError(f"bad lean {r['lean']!r} in {path}; expected one of {LEANS}")
        out[(r["source"], r["doc"], r["turn"])] = r["lean"]
    return out


def lean_main(argv: list[str]) -> None:
    """``lean show SPLIT START COUNT`` (texts only, no scores or automatic labels) and
    ``lean record SPLIT START LETTERS`` (n/p per turn; "." skips)."""
    cmd, split, start = argv[0], argv[1], int(argv[2])
    turns = lean_turns(split)
    if cmd == "show":
        for k, t in enumerate(turns[start:start + int(argv[3])], start=start):
            print(f"{k}\t{t.text}")
        return
    letters = "".join(argv[3].split())
    have = load_leans()
    code = {"n": "negative", "p": "positive"}
    for t, c in zip(turns[start:start + len(letters)], letters, strict=True):
        if c != ".":
            have[(t.source, t.doc, str(t.turn))] = code[c]
    with open(LEAN_FILE, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "doc", "turn", "lean"])
        for key in sorted(have, key=lambda k: (k[0], k[1], int(k[2]))):
            w.writerow([*key, have[key]])
    print(f"recorded {len(letters)} ({split} {start}..{start + len(letters) - 1}) of {len(turns)}; file has {len(have)}")


ROUND8_CODE = {"n": ("negative", ""), "p": ("positive", ""), "a": ("neutral", "negative"),
               "b": ("neutral", "positive")}


def _record_round8(turns: list[Turn], start: int, letters: str) -> None:
    """Round 8 reads each turn once and gives both labels: ``n`` negative, ``p`` positive,
    ``a`` neutral leaning negative, ``b`` neutral leaning positive (guide, "Forced lean").
    Writes ``sentiment_turns.csv`` (source ``xs_30k``) and ``sentiment_lean.csv``."""
    have = {}
    if LABEL_FILE.exists():
        have = {(r["source"], r["doc"], r["turn"]): r for r in csv.DictReader(open(LABEL_FILE, encoding="utf-8"))}
    leans = load_leans()
    for t, c in zip(turns[start:start + len(letters)], letters, strict=True):
        if c == ".":
            continue
        label, lean = ROUND8_CODE[c]
        key = (t.source, t.doc, str(t.turn))
        have[key] = {"source": t.source, "doc": t.doc, "turn": str(t.turn), "role": t.role,
                     "register": t.register, "label": label}
        if lean:
            leans[key] = lean
        else:
            leans.pop(key, None)
    order = {(t.source, t.doc, str(t.turn)): k
             for k, t in enumerate(sample() + sample_stc3() + sample_targeted() + sample_hard()
                                   + sample_xs_more() + sample_xs_round8())}
    with open(LABEL_FILE, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["source", "doc", "turn", "role", "register", "label"])
        w.writeheader()
        for key in sorted(have, key=lambda k: order.get(k, 10**9)):
            w.writerow(have[key])
    with open(LEAN_FILE, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "doc", "turn", "lean"])
        for key in sorted(leans, key=lambda k: (k[0], k[1], int(k[2]))):
            w.writerow([*key, leans[key]])
    print(f"recorded {len(letters)} ({start}..{start + len(letters) - 1}) of {len(turns)}; "
          f"label file has {len(have)}, lean file {len(leans)}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["lean"]:  # forced lean of the neutral XS turns: ``lean show|record SPLIT …``
        lean_main(argv[1:])
        return
    argv_hard = argv[:1] == ["hard"] or any(r["source"].endswith(HARD) for r in (
        csv.DictReader(open(LABEL_FILE, encoding="utf-8")) if LABEL_FILE.exists() else []))
    if argv[:1] == ["stc3"]:  # the STC3 sample: ``stc3 show|record …``
        turns, argv = sample_stc3(), argv[1:]
    elif argv[:1] == ["targeted"]:  # the targeted (dev-only) sample: ``targeted show|record …``
        turns, argv = sample_targeted(), argv[1:]
    elif argv[:1] == ["hard"]:  # the hard-turn sample: ``hard show|record …``
        turns, argv = sample_hard(), argv[1:]
    elif argv[:1] == ["xs_more"]:  # more random chatbot turns: ``xs_more show|record …``
        turns, argv = sample_xs_more(), argv[1:]
    elif argv[:1] == ["xs_more8"]:  # round 8: ``xs_more8 show|record …`` (letters n/p/a/b)
        turns, argv = sample_xs_round8(), argv[1:]
        if argv[:1] == ["record"]:
            _record_round8(turns, int(argv[1]), "".join(argv[2].split()))
            return
    else:
        turns = sample()
    if argv[:1] in (["show"], ["todo"]):
        # show START COUNT: turns in order; todo START COUNT: only those not labelled yet
        start, count = int(argv[1]), int(argv[2])
        done = set()
        if argv[0] == "todo" and LABEL_FILE.exists():
            done = {(r["source"], r["doc"], r["turn"]) for r in csv.DictReader(open(LABEL_FILE, encoding="utf-8"))}
        for k, t in enumerate(turns[start:start + count], start=start):
            if (t.source, t.doc, str(t.turn)) in done:
                continue
            first = k == 0 or turns[k - 1].doc != t.doc or turns[k - 1].turn != t.turn - 1 or bool(done)
            if not t.source.startswith("xs_30k") and first:
                print(f"--- {t.register} {t.doc}; before: {t.previous[:60]}")
            print(f"{k}\t{t.role[:4]}\t{t.text}")
    elif argv[:1] == ["record"]:
        # record START LABELS: one letter per turn from START (n/u/p; "." keeps the turn's
        # label as it is), merged into the file
        start, letters = int(argv[1]), "".join(argv[2].split())
        code = {"n": "negative", "u": "neutral", "p": "positive"}
        have = {}
        if LABEL_FILE.exists():
            have = {(r["source"], r["doc"], r["turn"]): r for r in csv.DictReader(open(LABEL_FILE, encoding="utf-8"))}
        for t, c in zip(turns[start:start + len(letters)], letters, strict=True):
            if c == ".":
                continue
            have[(t.source, t.doc, str(t.turn))] = {"source": t.source, "doc": t.doc, "turn": str(t.turn),
                                                     "role": t.role, "register": t.register, "label": code[c]}
        # File order: the MUSIED/XS sample, the STC3 sample, the targeted one, each in its own order.
        order = {(t.source, t.doc, str(t.turn)): k
                 for k, t in enumerate(sample() + sample_stc3() + sample_targeted()
                                       + (sample_hard() if argv_hard else []) + sample_xs_more()
                                       + sample_xs_round8())}
        with open(LABEL_FILE, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, ["source", "doc", "turn", "role", "register", "label"])
            w.writeheader()
            for key in sorted(have, key=lambda k: order.get(k, 10**9)):
                w.writerow(have[key])
        print(f"recorded {len(letters)} ({start}..{start + len(letters) - 1}); file has {len(have)}")
    else:
        print(len(turns), sum(t.source == "musied" for t in turns))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Backtest a rulebook and scorecard against a reviewer's labels on real calls.

A QA lead labels some calls by hand (which service acts each call shows and where, each
禁语, truncated recordings; format in ``eval/labels/GUIDE.md``) and asks how often the
machine agrees: per finding the agreement, precision, recall and N/A rate, and every
disagreement with the utterance text and what the rule saw.

Expected outcomes are derived from the labels the way a reviewer would read the machine's
verdict: an act done → ``pass``, not done → ``fail``; a greeting on a recording that
starts mid-script, or a closing item on one cut before the close → ``review`` (doubtful,
not failed); an apology that was not due → ``na``; a 禁语 labelled → ``fail``, else
``pass``; time-based items on an untimed transcript → ``na``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.errors import InputError
from qa_engine.findings import Finding

__all__ = [
    "ActLabel",
    "BacktestReport",
    "Disagreement",
    "FindingStats",
    "LabelledCall",
    "backtest",
    "expected_outcome",
    "load_calls",
    "load_labels",
    "outcome",
    "remap_musied_indices",
]

# Items a truncated recording leaves unknowable: a reviewer wants them doubtful, not failed.
TRUNCATED_START_ITEMS = frozenset({"greeting", "self_intro"})
TRUNCATED_END_ITEMS = frozenset({"closing_offer_help", "closing_farewell"})
# Items decided from silences: an untimed transcript cannot show them.
TIME_ITEMS = frozenset({"hold_notice", "hold_thanks"})
ANY_FORBIDDEN = "any_forbidden"


@dataclass(frozen=True)
class ActLabel:
    """The reviewer's verdict on one act: done (None = unknown), where, and for apologies
    whether one was due at all."""

    done: bool | None
    utterances: tuple[int, ...] = ()
    applicable: bool | None = True


@dataclass(frozen=True)
class LabelledCall:
    doc_id: str
    split: str = "all"
    truncated_start: bool = False
    truncated_end: bool = False
    acts: Mapping[str, ActLabel] = field(default_factory=dict)
    forbidden: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    note: str = ""


def load_labels(path: str | Path) -> tuple[dict[str, Any], list[LabelledCall]]:
    """Read a label file (JSON lines; an optional first ``{"_meta": …}`` line)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("label file not found", source=str(path)) from None
    meta: dict[str, Any] = {}
    calls: list[LabelledCall] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if "_meta" in row:
                meta = dict(row["_meta"])
                continue
            calls.append(_call(row))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(f"line {n}: not a label row ({type(exc).__name__}: {exc})", source=str(path)) from None
    if not calls:
        raise InputError("no labelled calls", source=str(path))
    return meta, calls


def _call(row: Mapping[str, Any]) -> LabelledCall:
    acts = {name: ActLabel(done=a.get("done"), utterances=tuple(a.get("utterances", ())),
                           applicable=a.get("applicable", True))
            for name, a in row.get("acts", {}).items()}
    forbidden: dict[str, list[int]] = {}
    for item in row.get("forbidden", ()):
        forbidden.setdefault(str(item["finding"]), []).append(int(item["utterance"]))
    return LabelledCall(doc_id=str(row["doc_id"]), split=str(row.get("split", "all")),
                        truncated_start=bool(row.get("truncated_start")),
                        truncated_end=bool(row.get("truncated_end")), acts=acts,
                        forbidden={k: tuple(v) for k, v in forbidden.items()}, note=row.get("note", ""))


def load_calls(source: str | Path, fmt: str, ids: Iterable[str]) -> dict[str, Conversation]:
    """The labelled calls' conversations, by doc id.

    ``fmt`` is ``musied`` (a JSON list of ``{id, content: ["客服:…", "用户:…"]}``, read as
    untimed transcripts) or ``conversations`` (a folder of ``<id>.json`` / ``<id>.txt``).
    """
    from qa_engine.importers import load_conversation, parse_text_export

    source, wanted = Path(source), set(ids)
    if fmt == "musied":
        try:
            docs = json.loads(source.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("calls file not found", source=str(source)) from None
        out = {}
        for doc in docs:
            doc_id = str(doc.get("id"))
            if doc_id in wanted and doc.get("domain") == MUSIED_CHAT_DOMAIN:
                out[doc_id] = musied_chat(doc)
            elif doc_id in wanted:
                text = "\n".join(line.rstrip(",，") for line in doc["content"])
                out[doc_id] = parse_text_export(text, default_id=doc_id, source=f"{source.name}#{doc_id}")
    elif fmt == "conversations":
        out = {}
        for doc_id in wanted:
            found = [p for p in (source / f"{doc_id}.json", source / f"{doc_id}.txt") if p.is_file()]
            if found:
                out[doc_id] = load_conversation(found[0])
    else:
        raise InputError(f"unknown calls format '{fmt}'; expected one of: conversations, musied")
    missing = sorted(wanted - set(out))
    if missing:
        raise InputError(f"{len(missing)} labelled call(s) not found, e.g. {', '.join(missing[:5])}",
                         source=str(source))
    return out


MUSIED_CHAT_DOMAIN = "Text Conversations"


def musied_chat(doc: Mapping[str, Any]) -> Conversation:
    """A MUSIED typed chat as an untimed ``chat`` conversation. Chats carry system lines
    (``RULE:…``, unprefixed notices) that no speaker label covers: a labelled line other
    than 客服 / 用户 becomes an ``unknown`` speaker's utterance, an unprefixed one is
    dropped — the same lines ``_musied_line_map`` counts, so label indices stay aligned."""
    utterances = []
    for line in doc["content"]:
        role, sep, text = line.partition(":")
        text = text.rstrip(",，").strip()
        if not (sep and text and line.strip()):
            continue
        role = role.strip()
        speaker = Speaker.AGENT if role == "客服" else Speaker.CUSTOMER if role.startswith("用户") else Speaker.UNKNOWN
        utterances.append(Utterance(speaker=speaker, text=text))
    return Conversation(id=str(doc.get("id")), channel="chat", utterances=utterances,
                        attributes={"quality_gate": {"acoustics": "no time stamps"}})


def _musied_line_map(content: Sequence[str]) -> list[int | None]:
    """Utterance index of each ``content`` line (None for a blank one, which the text
    importer drops), so labels citing ``content`` lines point at the right utterance."""
    out: list[int | None] = []
    n = 0
    for line in content:
        if line.strip() and line.partition(":")[2].rstrip(",，").strip():
            out.append(n)
            n += 1
        else:
            out.append(None)
    return out


def remap_musied_indices(labels: Sequence[LabelledCall], source: str | Path) -> list[LabelledCall]:
    """Labels of MUSIED calls cite lines of the document's ``content`` (blank lines
    included, as the labelling printer shows them); the conversation drops blank lines.
    Return the labels with every cited index mapped to its utterance."""
    from dataclasses import replace

    wanted = {c.doc_id for c in labels}
    try:
        docs = json.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("calls file not found", source=str(source)) from None
    maps = {str(d.get("id")): _musied_line_map(d["content"]) for d in docs if str(d.get("id")) in wanted}

    def move(doc_id: str, indices: Sequence[int]) -> tuple[int, ...]:
        m = maps.get(doc_id)
        if m is None:
            return tuple(indices)
        # A blank line (never cited on purpose) maps to the next utterance, so no label is lost.
        moved = (next((m[j] for j in range(i, len(m)) if m[j] is not None), None) if 0 <= i < len(m) else i
                 for i in indices)
        return tuple(dict.fromkeys(j for j in moved if j is not None))

    out = []
    for c in labels:
        acts = {k: replace(a, utterances=move(c.doc_id, a.utterances)) for k, a in c.acts.items()}
        forbidden = {k: move(c.doc_id, v) for k, v in c.forbidden.items()}
        out.append(replace(c, acts=acts, forbidden=forbidden))
    return out


# --------------------------------------------------------------------------- outcomes


def outcome(finding: Finding | None) -> str:
    """The machine's verdict in a reviewer's words: pass, fail, na or review."""
    if finding is None or (finding.value is None and not finding.needs_review):
        return "na"
    if finding.needs_review:
        return "review"
    return "pass" if finding.value >= 0.5 else "fail"


def expected_outcome(call: LabelledCall, finding_id: str, conversation: Conversation) -> str | None:
    """What a reviewer expects the finding to say on this call, or None when unknown."""
    if finding_id.startswith("forbidden_"):
        return "fail" if call.forbidden.get(finding_id) else "pass"
    label = call.acts.get(finding_id)
    if label is None:
        return None
    if finding_id in TIME_ITEMS and not conversation.timed:
        return "na"
    if label.applicable is False:
        return "na"
    if label.done is None:
        if call.truncated_start and finding_id in TRUNCATED_START_ITEMS:
            return "review"
        if call.truncated_end and finding_id in TRUNCATED_END_ITEMS:
            return "review"
        return None
    return "pass" if label.done else "fail"


# --------------------------------------------------------------------------- report


@dataclass
class FindingStats:
    """Counts for one finding over the evaluated calls; ``positive`` = the act shows (or,
    for a 禁语, the violation is there)."""

    finding: str
    calls: int = 0
    agree: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    na: int = 0
    review: int = 0
    skipped: int = 0
    scored_weight: float | None = None

    @property
    def agreement(self) -> float | None:
        return self.agree / self.calls if self.calls else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def na_rate(self) -> float | None:
        return self.na / self.calls if self.calls else None

    @property
    def review_rate(self) -> float | None:
        return self.review / self.calls if self.calls else None

    def as_dict(self) -> dict[str, Any]:
        return {"finding": self.finding, "calls": self.calls, "agreement": self.agreement,
                "precision": self.precision, "recall": self.recall, "na_rate": self.na_rate,
                "review_rate": self.review_rate, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "na": self.na, "review": self.review, "unlabelled": self.skipped,
                "scored_weight": self.scored_weight}


@dataclass
class Disagreement:
    doc_id: str
    finding: str
    expected: str
    got: str
    utterances: list[dict[str, Any]]
    rule_saw: str

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "finding": self.finding, "expected": self.expected,
                "got": self.got, "utterances": self.utterances, "rule_saw": self.rule_saw}


@dataclass
class BacktestReport:
    rulebook: str
    scorecard: str
    split: str
    calls: int
    stats: dict[str, FindingStats]
    disagreements: list[Disagreement]
    scores: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        scores = sorted(self.scores)
        return {"rulebook": self.rulebook, "scorecard": self.scorecard, "split": self.split,
                "calls": self.calls, "findings": {k: s.as_dict() for k, s in self.stats.items()},
                "score": {"mean": sum(scores) / len(scores) if scores else None,
                          "median": scores[len(scores) // 2] if scores else None},
                "disagreements": [d.as_dict() for d in self.disagreements]}


def _positive(finding_id: str, result: str) -> bool:
    return result == ("fail" if finding_id.startswith("forbidden_") or finding_id == ANY_FORBIDDEN else "pass")


def backtest(labels: Sequence[LabelledCall], conversations: Mapping[str, Conversation],
             inspect: Callable[[list[Conversation]], list[Any]], *, rulebook: str = "", scorecard: str = "",
             split: str = "all", weights: Mapping[str, float] | None = None,
             analyzer: str = "keywords", only: Iterable[str] | None = None) -> BacktestReport:
    """Compare the machine's findings with the labels.

    ``inspect`` maps conversations to ``Inspection``s (the production path: quality gate,
    scenarios and all); the findings read are ``analyzer``'s. ``weights`` (finding id →
    scorecard weight) only annotates the table. ``only`` (a label file's ``_meta.acts``) limits
    the scoring to the findings the readers labelled: a file that labels confirm_need alone
    does not claim its calls are free of 禁语.
    """
    chosen = [c for c in labels if split == "all" or c.split == split]
    convs = [conversations[c.doc_id] for c in chosen]
    inspections = inspect(convs)
    keep = None if only is None else frozenset(only)
    labelled_ids = sorted(k for k in {k for c in chosen for k in c.acts} | {k for c in chosen for k in c.forbidden}
                          if keep is None or k in keep)
    stats: dict[str, FindingStats] = {}
    disagreements: list[Disagreement] = []
    scores: list[float] = []
    for call, conv, insp in zip(chosen, convs, inspections, strict=True):
        items = insp.findings[analyzer].items if analyzer in insp.findings else {}
        if insp.score is not None:
            scores.append(insp.score)
        forbidden_ids = sorted(k for k in items if k.startswith("forbidden_") and (keep is None or k in keep))
        ids = sorted(set(labelled_ids) | set(forbidden_ids))
        for finding_id in ids:
            if finding_id not in items:
                continue
            finding = items[finding_id]
            st = stats.setdefault(finding_id, FindingStats(finding_id))
            expected = expected_outcome(call, finding_id, conv)
            if expected is None:
                st.skipped += 1
                continue
            got = outcome(finding)
            _count(st, finding_id, expected, got)
            if got != expected:
                disagreements.append(_explain(call, conv, finding_id, expected, got, finding))
        # Any 禁语 at all, per call: the figure a QA lead trusts or not.
        if forbidden_ids:
            st = stats.setdefault(ANY_FORBIDDEN, FindingStats(ANY_FORBIDDEN))
            expected = "fail" if any(call.forbidden.values()) else "pass"
            got = "fail" if any(outcome(items[k]) == "fail" for k in forbidden_ids) else "pass"
            _count(st, ANY_FORBIDDEN, expected, got)
    for finding_id, st in stats.items():
        if weights is not None:
            st.scored_weight = weights.get(finding_id, 0.0)
    return BacktestReport(rulebook=rulebook, scorecard=scorecard, split=split, calls=len(chosen),
                          stats=dict(sorted(stats.items())), disagreements=disagreements, scores=scores)


def _count(st: FindingStats, finding_id: str, expected: str, got: str) -> None:
    st.calls += 1
    st.agree += got == expected
    st.na += got == "na"
    st.review += got == "review"
    if expected in ("pass", "fail"):
        actual, predicted = _positive(finding_id, expected), _positive(finding_id, got)
        st.tp += actual and predicted
        st.fp += predicted and not actual
        st.fn += actual and not predicted
    elif _positive(finding_id, got):  # the machine saw an act the label calls unknowable / N/A
        st.fp += 1


def _explain(call: LabelledCall, conv: Conversation, finding_id: str, expected: str, got: str,
             finding: Finding) -> Disagreement:
    label = call.acts.get(finding_id)
    cited = list(call.forbidden.get(finding_id, ())) or (list(label.utterances) if label else [])
    seen = [e.utterance for e in finding.evidence if e.utterance is not None and e.text]
    shown = sorted(set(cited) | set(seen[:3]))
    utts = conv.utterances
    utterances = [{"index": i, "speaker": utts[i].speaker.value, "text": utts[i].text,
                   "labelled": i in cited, "rule_hit": i in seen}
                  for i in shown if 0 <= i < len(utts)]
    if finding.value is None and not finding.needs_review:
        saw = f"N/A: {finding.na_reason}"
    else:
        notes = [f"#{e.utterance} {e.note}" if e.utterance is not None else (e.note or "")
                 for e in finding.evidence[:3]]
        saw = "; ".join(n for n in notes if n)
        if finding.needs_review:
            saw = f"review: {finding.review_reason}; {saw}"
    return Disagreement(call.doc_id, finding_id, expected, got, utterances, saw)

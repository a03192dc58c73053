"""Service-act detectors that rulebook conditions can require beside phrases.

A phrase list cannot say "the agent restated the customer's problem and checked it" or
"the customer reported a failure" in the many ways people say it. A condition of the
rulebook names a detector instead (``detector = "restatement"``); the keyword analyzer
asks the detector for hits in the utterances the condition may look at and treats them
like phrase hits (window, order, exclusions, evidence). Detectors are configured in the
rulebook (``[detectors.<name>]``, validated here) so a QA lead tunes them in TOML.

- ``problem_report`` (model ``problem_report.v1`` or ``.v2``, option ``model``): TF-IDF + logistic
  regression trained on MUSIED's complaint-event annotations (v2 adds non-food failures from
  review texts and self-written lines) (``training/service_acts.py``, model card in
  ``models/service_acts/MODEL_CARD.md``); scores short windows of each utterance, so a
  failure named inside a long agent line (看到您之前反馈过餐品里有异物) is found too. A hit
  names the model and its probability.
- ``need_check`` (model ``confirm_need.v1``): a linear model over character n-grams of an
  agent utterance plus context marks (a tag question at its end, how many content bigrams
  it shares with the customer's last turns, whether the customer has spoken yet), trained
  on the reviewers' confirm-need labels of the dev calls (``training/service_acts_confirm.py``,
  model card ``models/service_acts/MODEL_CARD.md``). It finds restatements phrased in
  ways no pattern lists; a hit names the model and its probability.
- ``restatement``: the agent restates what the customer reported and checks it — a tag
  question (是吗 / 对吧 …) after a restated topic, a question ending (吗) on a restatement
  of the customer's own words, or a short echo of them (头发是吗 · 吃到了钢丝). Checking
  only the order, the phone number or making a proposal (您看可以吗) is not one.

Every detector works on the *normalised* utterance text (``qa_engine.text``) and returns
spans in it; the analyzer maps them back to the original characters. All share one call,
``find(texts, indices, roles, min_probability, *, first_only)``: a detector reads the
speaker roles or the probability bar only if it needs them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from qa_engine.analyzers._regex_gate import any_of
from qa_engine.analyzers._scope import word_boundaries
from qa_engine.errors import ConfigError, UnknownNameError

__all__ = ["DETECTORS", "DetectorHit", "NeedCheck", "ProblemReport", "Restatement", "build_detector",
           "need_check_inputs"]


@dataclass(frozen=True, slots=True)
class DetectorHit:
    """A detector's hit: utterance, [start, end) in its normalised text, why."""

    utterance: int
    start: int
    end: int
    note: str
    probability: float | None = None


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiled(patterns: list[str]) -> list[str]:
    """A rulebook's regex list, each pattern checked so a bad one is named at load (not at the first call)."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad regex {pattern!r}: {exc}") from None
    return patterns


RegexList = Annotated[list[str], AfterValidator(_compiled)]


# --------------------------------------------------------------------------- problem report


PROBLEM_REPORT_FILES = {"problem_report.v1": "problem_report.npz", "problem_report.v2": "problem_report_v2.npz"}


class ProblemReportOptions(_Options):
    model: Literal["problem_report.v1", "problem_report.v2"] = Field(
        default="problem_report.v1", description="Which trained model (models/service_acts/MODEL_CARD.md): v1 knows "
                                                 "food and service events; v2 also non-food failures (non-delivery, "
                                                 "wrong charges, refused refunds, ride / rental billing, bookings). "
                                                 "A rulebook that names none keeps v1, so old audits recompute.")
    window_chars: int = Field(default=16, ge=4, description="Long utterances are scored in windows this long.")
    stride_chars: int = Field(default=8, ge=1, description="Step between windows.")
    agent_cues: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line. When set, an agent line counts "
                                          "only when it holds one: the customer's report read back or restated "
                                          "(您反馈… · 您这里面有一根头发是吗), not the agent's own status or "
                                          "policy (骑手已经取餐了 · 发票是由酒店开具的). Empty = every line.")
    enquiry: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: a customer line matching one asks "
                                          "how / whether / can (能开发票吗 · 怎么用 · 还能预定啊) and reports no "
                                          "failure, so it is not scored. Empty = every line is scored.")

    enquiry_unless: RegexList = Field(
        default_factory=list, description="Regexes: a customer line matching one is scored even when it looks like "
                                          "an enquiry — a question about a failure (我想问一下退款怎么还没到).")
    enquiry_openings: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line. When the customer's opening line (the "
                                          "first of at least `opening_min_chars`) matches one, does not ask about a "
                                          "failure (`enquiry_unless`) and reports none itself (below the threshold), "
                                          "the call is an enquiry call: only customer lines that ask about a failure "
                                          "(`enquiry_unless`) are scored, and no agent line (the agent restates the "
                                          "request, explains a policy). Empty = every line judged on its own.")
    unscored: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line whose matches the model reads as "
                                          "masked digits (`*`, as MUSIED masks them; same length, so evidence spans "
                                          "stay put): a number read out digit by digit (一三八零零… · 户号是八八一二零三) "
                                          "is record detail, not a failure. Empty = every character is read.")
    opening_min_chars: int = Field(default=6, ge=1, description="Shorter customer lines (喂 · 你好) do not open "
                                                                   "the call for `enquiry_openings`.")
    sure_enquiry_openings: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: an opening matching one makes an enquiry "
                                          "call like `enquiry_openings` but without the model's check, for openings "
                                          "that cannot report a failure of their own (an order cancelled before it "
                                          "is taken: 能取消吗商家还没接单); `enquiry_unless` still applies. Empty = "
                                          "none.")


class ProblemReport:
    """P(the text reports a failure), per utterance: the best of its windows."""

    name = "problem_report"
    Options = ProblemReportOptions

    def __init__(self, options: ProblemReportOptions) -> None:
        from qa_engine.analyzers._linear import load_linear
        from qa_engine.models import model_path

        self.options = options
        self.version = options.model
        self.model = load_linear(model_path("service_acts", PROBLEM_REPORT_FILES[options.model]))
        self._weights = np.ascontiguousarray(self.model.weighted[:, 0])
        self._cache: dict[str, float] = {}
        self._agent_cues = any_of(options.agent_cues) if options.agent_cues else None
        self._enquiry = any_of(options.enquiry) if options.enquiry else None
        self._failure_asked = any_of(options.enquiry_unless) if options.enquiry_unless else None
        self._opening = any_of(options.enquiry_openings) if options.enquiry_openings else None
        self._sure_opening = any_of(options.sure_enquiry_openings) if options.sure_enquiry_openings else None
        self._unscored = any_of(options.unscored) if options.unscored else None

    def _read(self, text: str) -> str:
        """``text`` as the model reads it: ``unscored`` spans masked with ``*`` (same length)."""
        if self._unscored is None:
            return text
        return self._unscored.sub(lambda m: "*" * len(m.group()), text)

    def _enquiry_call(self, texts: Sequence[str], roles: Sequence[str], min_probability: float) -> bool:
        """Whether the customer opened the call with an enquiry or praise (``enquiry_openings``) that neither
        asks about a failure (``enquiry_unless``) nor reports one (its best window below ``min_probability``);
        an opening of ``sure_enquiry_openings`` skips the model's check."""
        if self._opening is None and self._sure_opening is None:
            return False
        opening = next((t for t, r in zip(texts, roles, strict=False)
                        if r == "customer" and t and len(t) >= self.options.opening_min_chars), None)
        if opening is None:
            return False
        sure = self._sure_opening is not None and self._sure_opening.search(opening) is not None
        if not sure and (self._opening is None or self._opening.search(opening) is None):
            return False
        if self._failure_asked is not None and self._failure_asked.search(opening) is not None:
            return False
        # the model reads 还没接单 as a failure; an order not yet taken cannot have failed
        read = self._read(opening)
        return sure or float(self._proba([read[a:b] for a, b in self._windows(read)]).max()) < min_probability

    def _scored(self, text: str, role: str) -> bool:
        """Whether a line can report a failure at all: an agent line must read the customer's report
        back (``agent_cues``), a customer line must not be an enquiry (``enquiry``) unless it asks about a
        failure (``enquiry_unless``)."""
        if role == "agent":
            return self._agent_cues is None or self._agent_cues.search(text) is not None
        if role == "customer" and self._enquiry is not None and self._enquiry.search(text) is not None:
            return self._failure_asked is not None and self._failure_asked.search(text) is not None
        return True

    def _proba(self, texts: list[str]) -> np.ndarray:
        """The model's calibrated probability, computed with numpy alone.

        Same arithmetic as ``LinearTextModel.predict_proba`` (sublinear tf × idf, L2 norm,
        linear head, Platt) but on flat arrays: for the few dozen short windows of one call,
        building scipy sparse matrices cost more than the scoring itself. Memoised per text.
        """
        cache, m = self._cache, self.model
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if todo:
            rows = [m.vectorizer._row(t) for t in todo]
            lengths = np.fromiter((len(r[0]) for r in rows), dtype=np.int64, count=len(rows))
            idx = np.fromiter((j for r in rows for j in r[0]), dtype=np.int64, count=int(lengths.sum()))
            tf = 1.0 + np.log(np.fromiter((c for r in rows for c in r[1]), dtype=np.float64, count=len(idx)))
            row_of = np.repeat(np.arange(len(rows)), lengths)
            num = np.bincount(row_of, weights=tf * self._weights[idx], minlength=len(rows))
            norm = np.sqrt(np.bincount(row_of, weights=tf * tf * m.idf_squared[idx], minlength=len(rows)))
            norm[norm == 0] = 1.0
            margin = num / norm + m.intercept[0]
            a, b = m.platt[0]
            probs = 1.0 / (1.0 + np.exp(-(a * margin + b)))
            if len(cache) + len(todo) > 100_000:
                cache.clear()
            cache.update(zip(todo, probs.tolist(), strict=True))
        return np.array([cache[t] for t in texts], dtype=np.float64)

    def _windows(self, text: str) -> list[tuple[int, int]]:
        n, step = self.options.window_chars, self.options.stride_chars
        if len(text) <= n:
            return [(0, len(text))]
        return [(i, min(len(text), i + n)) for i in range(0, len(text) - n // 2, step)]

    def find(self, texts: Sequence[str], indices: Sequence[int], roles: Sequence[str],
             min_probability: float, *, first_only: bool = False) -> list[DetectorHit]:
        """Utterances whose best window reaches ``min_probability`` (any role); with ``first_only`` the
        utterances are scored a few at a time and the search stops at the first hit (an
        anchor needs no more, and a complaint usually surfaces in the first turns)."""
        hits: list[DetectorHit] = []
        if self._enquiry_call(texts, roles, min_probability):
            # an enquiry call reports a failure only where the customer asks about one (还没到 · 用不了)
            failure = self._failure_asked
            indices = [i for i in indices if roles[i] == "customer" and texts[i] and failure is not None
                       and failure.search(texts[i]) is not None]
        step = 32 if first_only else max(1, len(indices))  # scipy costs ~1 ms a batch: few, large ones
        for k in range(0, len(indices), step):
            read = {i: self._read(texts[i]) for i in indices[k:k + step] if texts[i] and self._scored(texts[i], roles[i])}
            spans = [(i, a, b) for i, text in read.items() for a, b in self._windows(text)]
            if not spans:
                continue
            probs = self._proba([read[i][a:b] for i, a, b in spans])
            best: dict[int, tuple[float, int, int]] = {}
            for (i, a, b), p in zip(spans, probs.tolist(), strict=True):
                if p >= min_probability and p > best.get(i, (-1.0, 0, 0))[0]:
                    best[i] = (p, a, b)
            hits += [DetectorHit(i, a, b, f"{self.version} P={p:.2f}", round(p, 4))
                     for i, (p, a, b) in sorted(best.items())]
            if first_only and hits:
                return hits[:1]
        return hits


# --------------------------------------------------------------------------- need check (model)

_CHECK_TAG = r"(是吗|对吗|是吧|对吧|是不是|对不对|是嘛|对嘛|是么|对么|吗)(先生|女士|小姐|亲)?"
_TAG_END = re.compile(_CHECK_TAG + "$")
_LONE_TAG = re.compile(r"(嗯|啊|哦|呃|对)*" + _CHECK_TAG)
_CONTEXT_STOP = frozenset("嗯啊哦呃的了是吗吧呢这那个您你我他她们就说对好先生女士一下")


def _content_bigrams(text: str) -> set[str]:
    stop = _CONTEXT_STOP
    return {text[i:i + 2] for i in range(len(text) - 1) if text[i] not in stop and text[i + 1] not in stop}


_YES_START = re.compile(r"^(嗯*对|嗯*是的|嗯*是啊|嗯*是呀|嗯*没错|嗯*对的|嗯*对啊|嗯*对呀|嗯*是是|嗯*对对)")


def need_check_inputs(texts: Sequence[str], roles: Sequence[str], indices: Sequence[int]) -> list[str]:
    """The model input for each agent utterance in ``indices``: its normalised text, then
    context marks the character n-grams pick up — ``Ⓞ`` per content bigram shared with the
    customer's last 3 turns (at most 3), ``Ⓣ`` for a tag question at the end, ``Ⓑ`` when
    the customer has not spoken yet (the agent reads the record), ``Ⓨ`` when the very next
    utterance is the customer's and opens with a yes (对 / 是的 / 没错: a check answered) —
    its last 4 characters again after ``␟`` (where the check is), and its jieba words joined
    by ``|`` after ``¶`` (word boundaries: 毛发|对吗 is not 毛|发对). Training and inference
    share it."""
    from bisect import bisect_left

    customer = [j for j, r in enumerate(roles) if r == "customer" and texts[j]]
    out = []
    for i in indices:
        text = texts[i]
        k = bisect_left(customer, i)
        before = "".join(texts[j] for j in customer[max(0, k - 3):k])
        shared = len(_content_bigrams(text) & _content_bigrams(before)) if before else 0
        answered = i + 1 < len(texts) and roles[i + 1] == "customer" and _YES_START.search(texts[i + 1])
        marks = ("Ⓞ" * min(shared, 3) + ("Ⓣ" if _TAG_END.search(text) else "") + ("Ⓑ" if k == 0 else "")
                 + ("Ⓨ" if answered else ""))
        out.append(f"{text}※{marks}␟{text[-4:]}¶{'|'.join(word_boundaries(text)[1])}")
    return out


class NeedCheckOptions(_Options):
    min_chars: int = Field(default=3, ge=1, description="Shorter agent utterances (嗯, 好的) are not scored.")
    record_checks: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: a line that only reads back a record "
                                          "value and checks it (好的那顾客的电话是***对吧 · ***小区***号楼对吧: the masked "
                                          "value is gone, the record's nouns and a tag remain) is not scored — "
                                          "checking a detail is not confirming the need. Empty = off.")
    min_probability_unshared: float | None = Field(
        default=None, ge=0, le=1, description="A line that restates nothing — it shares no content bigram with what "
                                              "the customer has said so far in the call and names no failure or wish "
                                              "(`restating_cues`): 这个是麻辣香锅对吧, read from the record — must "
                                              "reach this probability, above the condition's own bar. A tag said "
                                              "alone (是吧先生) completes the line before it and keeps the condition's "
                                              "bar. None = the condition's bar for every line.")
    restating_cues: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: a failure or a wish named (没 · 不 · "
                                          "坏 · 退 …) restates the problem even in words the customer did not use, "
                                          "so the line keeps the condition's bar.")
    record_questions: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: the customer's answer to an agent "
                                          "question matching one (您这个是在哪个店订的呢 | 就是那个好利来) names which "
                                          "order, shop or item, so echoing it back (好利来的是吧) shares nothing of "
                                          "the problem for `min_probability_unshared`.")


class NeedCheck:
    """P(this agent utterance restates the customer's problem or request and checks it)."""

    name = "need_check"
    version = "confirm_need.v2"
    Options = NeedCheckOptions

    def __init__(self, options: NeedCheckOptions) -> None:
        from qa_engine.analyzers._linear import load_linear
        from qa_engine.models import model_path

        self.options = options
        self.model = load_linear(model_path("service_acts", "confirm_need.npz"))
        self._record = any_of(options.record_checks) if options.record_checks else None
        self._cues = any_of(options.restating_cues) if options.restating_cues else None
        self._record_questions = any_of(options.record_questions) if options.record_questions else None

    def find(self, texts: Sequence[str], indices: Sequence[int], roles: Sequence[str],
             min_probability: float, *, first_only: bool = False) -> list[DetectorHit]:
        """Agent utterances whose probability reaches ``min_probability`` (all of them: the
        model scores a whole call in one batch, cheaper than stopping early)."""
        record = self._record
        chosen = [i for i in indices if len(texts[i]) >= self.options.min_chars and roles[i] == "agent"
                  and (record is None or record.search(texts[i]) is None)]
        if not chosen:
            return []
        probs = self.model.predict_proba(need_check_inputs(texts, roles, chosen))
        hits = [DetectorHit(i, 0, len(texts[i]), f"{self.version} P={p:.2f}", round(float(p), 4))
                for i, p in zip(chosen, probs.tolist(), strict=True)
                if p >= min_probability and p >= self._bar(texts, roles, i, min_probability)]
        return hits[:1] if first_only else hits

    def _bar(self, texts: Sequence[str], roles: Sequence[str], i: int, min_probability: float) -> float:
        """The probability line ``i`` must reach: ``min_probability_unshared`` when it restates nothing."""
        unshared = self.options.min_probability_unshared
        if unshared is None or unshared <= min_probability or self._restates(texts, roles, i):
            return min_probability
        return unshared

    def _restates(self, texts: Sequence[str], roles: Sequence[str], i: int) -> bool:
        """Line ``i`` is a lone tag, names a failure or wish, or shares content with the customer so far."""
        text = texts[i]
        if _LONE_TAG.fullmatch(text) or (self._cues is not None and self._cues.search(text) is not None):
            return True
        said = "".join(texts[j] for j in range(i) if roles[j] == "customer" and not self._answers_record(texts, roles, j))
        return bool(_content_bigrams(text) & _content_bigrams(said))

    def _answers_record(self, texts: Sequence[str], roles: Sequence[str], j: int) -> bool:
        """Customer line ``j`` answers the agent's question about which order, shop or item (`record_questions`)."""
        if self._record_questions is None:
            return False
        asked = next((k for k in range(j - 1, -1, -1) if roles[k] == "agent" and texts[k]), None)
        return asked is not None and self._record_questions.search(texts[asked]) is not None


# --------------------------------------------------------------------------- restatement


class RestatementOptions(_Options):
    tags: list[str] = Field(description="Tag questions that check a restatement (是吗, 对吧 …).")
    question_endings: list[str] = Field(
        default_factory=lambda: ["吗"], description="Weaker: a question at the end of the utterance, "
                                                   "counted only on a restatement of the customer's words.")
    titles: list[str] = Field(default_factory=lambda: ["先生", "女士", "小姐", "亲"],
                              description="Forms of address that may follow a tag.")
    topics: list[str] = Field(description="What a restated problem or request is about (异物, 退款 …).")
    logistics: list[str] = Field(
        default_factory=list, description="Checking only these (订单, 手机, 尾号 …) is not confirming the need.")
    proposals: list[str] = Field(
        default_factory=list, description="Near the tag these make it a proposal or offer (您看可以吗), not a check.")
    open_questions: list[str] = Field(
        default_factory=list, description="Before a question ending these make it an open question (什么, 哪).")
    clause_chars: int = Field(default=24, ge=4, description="How far before a tag the restatement is sought.")
    look_back: int = Field(default=6, ge=1, description="Customer utterances a restatement may echo.")
    echo_max_chars: int = Field(default=12, ge=2, description="A short echo of the customer's words counts alone.")
    echo_exclusions: list[str] = Field(
        default_factory=list, description="A short line holding one of these announces the agent's own step "
                                          "(小美这边可以记录投诉的 · 看一下能否退款), so it is not an echo.")
    echo_answer_openings: list[str] = Field(
        default_factory=list, description="A short line opening with one of these (有的 · 是的 · 不是) right after the "
                                          "customer asked a question (…吗) answers it: it uses their word but "
                                          "restates nothing, so it is not an echo.")
    record_values: RegexList = Field(
        default_factory=list, description="Regexes over the clause before a tag: a record field read back with its "
                                          "value (金额是四十二块三对吧 · 实付是三十八元是吧) checks a detail of the "
                                          "order, not the customer's need, so the tag is not a restatement of a "
                                          "topic. Read before a tag, and on the whole line (its check aside) by "
                                          "the question-ending and echo checks (押金金额是三百元对吗). Empty = off.")
    stop_chars: str = Field(default="嗯啊哦呃的了是吗吧呢这那个您你我他她们就说对好先生女士一下",
                            description="Characters that make a shared bigram uninformative.")
    join_lone_tags: bool = Field(
        default=False, description="A tag or question ending sent as its own line (吗 · 是吗) completes the agent's "
                                   "line just before it: the two are read as one, the hit is cited on the line "
                                   "before (typed chats split 亲亲这边是不满意补偿 | 吗).")
    open_frames: RegexList = Field(
        default_factory=list, description="Regexes over the normalised line: a restatement frame the agent opens "
                                          "and completes in their next line (嗯就是说你买的这个药 | 到现在还没有送到"
                                          "是吗 · 那您这边就是觉得 | 这个西瓜没熟想给您退掉吧). When the agent's line "
                                          "just before holds one and ends unchecked, a line ending in a tag, a "
                                          "question ending or an `open_frame_endings` word is a restatement (not a "
                                          "proposal, an open question or logistics only). Empty = off.")
    open_frame_endings: list[str] = Field(
        default_factory=list, description="More endings that close an open frame (吧: 想给您退掉吧).")
    tag_echo_bigrams: int = Field(
        default=0, ge=0, description="0 = off. N: a tag question ending the utterance also counts without a "
                                     "listed topic when its clause shares N content bigrams with the customer's "
                                     "last 3 turns (not logistics, not a proposal or open question). Tried "
                                     "2026-11-26, no gain on the honest estimate: off in the default rulebook.")


_NUMERALS = re.compile(r"[零〇幺一二两三四五六七八九十百千万0-9]")


class Restatement:
    """The agent restates the customer's problem or request and checks it."""

    name = "restatement"
    version = "restatement.v1"
    Options = RestatementOptions

    def __init__(self, options: RestatementOptions) -> None:
        from qa_engine.text import normalize

        self.options = o = options
        norm = [normalize(x) for x in o.tags]
        self._tags = re.compile("|".join(map(re.escape, sorted(norm, key=len, reverse=True))))
        titles = "|".join(map(re.escape, (normalize(t) for t in o.titles)))
        endings = "|".join(map(re.escape, (normalize(t) for t in o.question_endings)))
        self._ending = re.compile(f"(?:{endings})(?:{titles})?$") if endings else None
        self._topics = [normalize(t) for t in o.topics]
        self._logistics = [normalize(t) for t in o.logistics]
        self._proposals = [normalize(t) for t in o.proposals]
        self._open = [normalize(t) for t in o.open_questions]
        self._echo_not = [normalize(t) for t in o.echo_exclusions]
        self._answer_openings = tuple(normalize(t) for t in o.echo_answer_openings)
        self._record_values = any_of(o.record_values) if o.record_values else None
        checks = "|".join(map(re.escape, sorted({*norm, *(normalize(t) for t in o.question_endings)}, key=len, reverse=True)))
        self._check_end = re.compile(f"(?:{checks})(?:{titles})?$") if checks else None
        self._lone_tag = re.compile(f"^(?:{checks})(?:{titles})?$") if o.join_lone_tags and checks else None
        self._stop = frozenset(o.stop_chars)
        self._bigram_cache: dict[str, frozenset[str]] = {}
        self._frames = any_of(o.open_frames) if o.open_frames else None
        closers = sorted({*norm, *(normalize(t) for t in o.question_endings),
                          *(normalize(t) for t in o.open_frame_endings)}, key=len, reverse=True)
        self._closer = re.compile(f"(?:{'|'.join(map(re.escape, closers))})(?:{titles})?$") if closers else None

    def _bigrams(self, text: str) -> frozenset[str]:
        found = self._bigram_cache.get(text)
        if found is None:
            stop = self._stop
            found = frozenset(text[i:i + 2] for i in range(len(text) - 1)
                              if text[i] not in stop and text[i + 1] not in stop)
            if len(self._bigram_cache) > 50_000:
                self._bigram_cache.clear()
            self._bigram_cache[text] = found
        return found

    def _topic(self, text: str) -> str | None:
        return next((t for t in self._topics if t in text), None)

    def find(self, texts: Sequence[str], indices: Sequence[int], roles: Sequence[str],
             min_probability: float = 0.0, *, first_only: bool = False) -> list[DetectorHit]:
        """Restating utterances in ``indices`` (rule-based: ``min_probability`` is not used)."""
        from bisect import bisect_left

        o = self.options
        hits = []
        customer = [j for j, r in enumerate(roles) if r == "customer"]
        for i in indices:
            text = texts[i]
            if not text:
                continue
            k = bisect_left(customer, i)  # the customer's utterances before i, latest first
            before = [texts[j] for j in reversed(customer[max(0, k - o.look_back):k])]
            hit = (self._tagged(i, text) or self._question(i, text, before) or self._echo(i, text, before)
                   or self._tag_echo(i, text, before))
            if hit is None and self._lone_tag is not None and not (hits and hits[-1].utterance == i - 1):
                hit = self._joined(i, text, texts, roles, before)
            if hit is None and self._frames is not None:
                hit = self._completed(i, text, texts, roles)
            if hit is not None:
                hits.append(hit)
                if first_only:
                    break
        return hits

    def _joined(self, i: int, text: str, texts: Sequence[str], roles: Sequence[str],
                before: list[str]) -> DetectorHit | None:
        """A lone tag (吗) read with the agent's line just before it; the hit is cited there."""
        prev = i - 1
        if (prev < 0 or roles[prev] != "agent" or roles[i] != "agent" or not texts[prev]
                or not self._lone_tag.search(text)):
            return None
        joined = texts[prev] + text
        hit = self._tagged(prev, joined) or self._question(prev, joined, before)
        if hit is None:
            return None
        end = min(hit.end, len(texts[prev]))
        return DetectorHit(prev, min(hit.start, end), end, f"{hit.note} ('{text}' sent as its own line, #{i})")

    def _completed(self, i: int, text: str, texts: Sequence[str], roles: Sequence[str]) -> DetectorHit | None:
        """A check that completes a restatement frame the agent opened in the line just before."""
        prev = i - 1
        if prev < 0 or roles[prev] != "agent" or roles[i] != "agent" or not texts[prev]:
            return None
        opened = self._frames.search(texts[prev])
        if opened is None or (self._closer is not None and self._closer.search(texts[prev])):
            return None  # no frame, or the line before already checks itself
        m = self._closer.search(text) if self._closer is not None else None
        if m is None or m.start() < 2:
            return None
        clause = text[:m.start()]
        if (any(p in text[-10:] for p in self._proposals) or any(q in clause for q in self._open)
                or any(w in clause for w in self._logistics)):
            return None
        return DetectorHit(i, 0, m.end(), f"{self.version}: completes the frame '{opened.group()}' of #{prev} "
                                          f"+ '{m.group()}'")

    def _tagged(self, i: int, text: str) -> DetectorHit | None:
        for m in self._tags.finditer(text):
            lo = max(0, m.start() - self.options.clause_chars)
            clause = text[lo:m.start()]
            near = text[max(0, m.start() - 6):m.end() + 2]
            if any(p in near for p in self._proposals):
                continue
            if self._record_value(clause):
                continue  # a record value read back (金额是四十二块三对吧), not the need
            topic = self._topic(clause)
            if topic is not None:
                return DetectorHit(i, lo, m.end(), f"{self.version}: restates '{topic}' + '{m.group()}'")
        return None

    def _record_value(self, clause: str) -> bool:
        """Whether the clause before a check only reads back a record value (``record_values``)."""
        return self._record_values is not None and self._record_values.search(clause) is not None

    def _read_back(self, text: str) -> bool:
        """Whether the line, its closing check (对吗 · 吗) and form of address aside, only reads back a record value
        (``record_values``): 金额是三百元对吗 checks a value whichever check — tag, question ending, echo — finds it."""
        if self._record_values is None:
            return False
        m = self._check_end.search(text) if self._check_end is not None else None
        head = text[:m.start()] if m is not None else text
        return self._record_values.search(head[-self.options.clause_chars:]) is not None

    def _question(self, i: int, text: str, before: list[str]) -> DetectorHit | None:
        if self._ending is None:
            return None
        m = self._ending.search(text)
        if m is None:
            return None
        lo = max(0, m.start() - self.options.clause_chars)
        clause = text[lo:m.start()]
        if any(p in text[-10:] for p in self._proposals) or any(q in clause[-12:] for q in self._open):
            return None
        if any(w in clause for w in self._logistics) or self._read_back(text):
            return None
        topic = self._topic(clause)
        if topic is None:
            return None
        mine = self._bigrams(clause)
        shared = any(mine & self._bigrams(b) for b in before)
        if shared or not before:  # the agent's first words may read the record
            return DetectorHit(i, lo, m.end(), f"{self.version}: restates '{topic}' + question")
        return None

    def _tag_echo(self, i: int, text: str, before: list[str]) -> DetectorHit | None:
        need = self.options.tag_echo_bigrams
        if need <= 0 or not before:
            return None
        recent = before[:3]
        for m in self._tags.finditer(text):
            if m.end() < len(text) - 3:  # the tag ends the utterance (a form of address may follow)
                continue
            lo = max(0, m.start() - self.options.clause_chars)
            clause = text[lo:m.start()]
            near = text[max(0, m.start() - 6):m.end() + 2]
            if (any(p in near for p in self._proposals) or any(w in clause for w in self._logistics)
                    or any(q in clause for q in self._open)):
                continue
            mine = self._bigrams(clause)
            shared = set().union(*(mine & self._bigrams(b) for b in recent))
            if len(shared) >= need:
                words = "/".join(sorted(shared)[:3])
                return DetectorHit(i, lo, m.end(), f"{self.version}: echoes the customer ({words}) + '{m.group()}'")
        return None

    def _answers_question(self, text: str, asked: str) -> bool:
        """The agent's ``text`` opens with a yes / no answer to the customer's question ``asked``."""
        return (self._ending is not None and self._ending.search(asked) is not None
                and text.startswith(self._answer_openings))

    def _echo(self, i: int, text: str, before: list[str]) -> DetectorHit | None:
        if not before or len(text) > self.options.echo_max_chars:
            return None
        if len(_NUMERALS.sub("", text)) < 2 or any(w in text for w in self._logistics):
            return None
        if any(w in text for w in self._echo_not) or any(q in text for q in self._open):
            return None  # an announcement, or an open question (您现在身体好些了吗), echoes nothing
        if self._answers_question(text, before[0]) or self._read_back(text):
            return None
        topic = self._topic(text)
        if topic is not None and self._bigrams(text) & self._bigrams(before[0]):
            return DetectorHit(i, 0, len(text), f"{self.version}: echoes the customer's '{topic}'")
        return None


# --------------------------------------------------------------------------- registry


DETECTORS: dict[str, Any] = {"problem_report": ProblemReport, "restatement": Restatement, "need_check": NeedCheck}


def build_detector(name: str, options: dict[str, Any] | None, *, where: str = "detectors") -> Any:
    """The detector ``name`` with ``options`` from the rulebook; errors name the bad key."""
    cls = DETECTORS.get(name)
    if cls is None:
        raise UnknownNameError("detector", name, DETECTORS, where=where)
    try:
        opts = cls.Options.model_validate(options or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{where}.{name}: {key}: {first['msg']}") from None
    return cls(opts)

"""The service-keyword rulebook: TOML schema, loading with readable validation, compilation.

A rulebook is a versioned TOML file (default ``models/rulebook.toml``)::

    version = "2026.11.1"
    low_confidence = 0.6            # ASR confidence below this makes a finding doubtful
    low_confidence_similarity = 0   # > 0: ... and excuses a miss only if it sounds like the phrase

    [synonyms]                      # a phrase anywhere also matches its variants
    "您好" = ["你好"]

    [anchors.customer_complaint]    # named conditions used by preconditions and order
    role = "customer"
    phrases = ["投诉", "太过分了"]

    [[rules]]
    id = "apology_on_complaint"
    kind = "required"               # required | forbidden | detect
    role = "agent"                  # agent | customer | any
    phrases = ["抱歉", "对不起"]
    when = ["customer_complaint"]   # N/A unless every listed anchor occurs
    after = "customer_complaint"    # search only after the anchor's first hit ...
    within = 3                      # ... in the next 3 agent utterances

A rule is one condition (``phrases``/``regex`` with ``role``, ``window``, order,
``tolerance`` and ``exclusions``) or several ``groups`` of conditions combined by a
``quantifier`` (any / all / at_least N / none), optionally in the ``same_utterance``.
``min_hits = N`` makes a rule (or a group) count only once hits stand in N distinct
utterances (a 禁语 said repeatedly, not once).
``gap`` turns a rule into a timing rule checked around every silence longer than
``min_seconds``. Scoring (weights, red-line policy) lives in the scorecard, not here.

Regexes run on the normalised text (see ``qa_engine.text``): Simplified, lower case,
no punctuation or spaces.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from qa_engine.errors import ConfigError, UnknownNameError
from qa_engine.models import models_dir
from qa_engine.tomlfile import read_toml

__all__ = [
    "DEFAULT_RULEBOOK_PATH",
    "Anchor",
    "CompiledGroup",
    "CompiledRule",
    "CompiledRulebook",
    "Condition",
    "Gap",
    "Rule",
    "Rulebook",
    "Window",
    "compile_rulebook",
    "hotwords",
    "load_rulebook",
]

DEFAULT_RULEBOOK_PATH = models_dir() / "rulebook.toml"

Role = Literal["agent", "customer", "any"]
Kind = Literal["required", "forbidden", "detect"]
Tolerance = Literal["exact", "pinyin", "fuzzy_pinyin"]
Quantifier = Literal["any", "all", "at_least", "none"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Strict):
    """Where in the call a condition looks. Limits combine: an utterance must meet all of them."""

    first_utterances: int | None = Field(default=None, ge=1, description="The role's first N utterances.")
    last_utterances: int | None = Field(default=None, ge=1, description="The role's last N utterances.")
    first_seconds: float | None = Field(default=None, gt=0, description="Utterances starting in the first N s.")
    last_seconds: float | None = Field(default=None, gt=0, description="Utterances ending in the last N s.")

    @model_validator(mode="after")
    def _one_end(self) -> Window:
        firsts = self.first_utterances is not None or self.first_seconds is not None
        lasts = self.last_utterances is not None or self.last_seconds is not None
        if firsts and lasts:
            raise ValueError("a window looks at the start or at the end of the call, not both")
        if not (firsts or lasts):
            raise ValueError("a window needs one of first_utterances, last_utterances, first_seconds, last_seconds")
        return self


class Scope(_Strict):
    """Which hits are not the speaker's own act (for 禁语 above all)."""

    negated: bool = Field(default=False, description="Drop a hit negated just before it (无法给您保证).")
    reported: bool = Field(
        default=False, description="Drop a hit inside reported speech (商家表示不知道, 他说…).")
    words: bool = Field(default=False, description="A hit must start and end on jieba word boundaries.")
    bare: bool = Field(
        default=False, description="Drop a hit that a verb or preposition follows (jieba part of speech): "
                                   "也没办法 alone refuses, 也没办法加您微信 states what cannot be done.")


def _none_blank(values: list[str], what: str) -> list[str]:
    """``values`` unchanged, or a ValueError naming ``what`` for one that normalises to nothing (punctuation only)."""
    from qa_engine.text import normalize

    for x in values:
        if not isinstance(x, str) or not normalize(x):
            raise ValueError(f"{what} {x!r} is empty after normalisation")
    return values


class Answering(_Strict):
    """A hit that answers an earlier line of its speaker is not the act (since 2026.11.22).

    感谢您的耐心等待 after the agent's 您稍等 thanks for the hold; said with no hold notice before it, it may
    close the call. A hit overlapping one of ``phrases`` is discarded when one of ``prompts`` stands in the
    speaker's ``lines`` previous utterances.
    """

    phrases: list[str] = Field(min_length=1, description="The answer: a hit overlapping one of these may be one.")
    prompts: list[str] = Field(min_length=1, description="What it answers, in the speaker's earlier lines.")
    lines: int = Field(default=1, description="How many of the speaker's previous utterances are read (1–10).")

    @field_validator("lines", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            raise ValueError(f"not_answering.lines must be a whole number from 1 to 10 (the speaker's previous "
                             f"utterances read), got {value!r}")
        return value

    @field_validator("phrases", "prompts")
    @classmethod
    def _not_blank(cls, value: list[str]) -> list[str]:
        return _none_blank(value, "not_answering: phrase")


class Anchor(_Strict):
    """What to look for, said by whom, where, and how tolerant to ASR errors."""

    description: str = Field(default="", description="In words; shown in N/A and review reasons.")
    phrases: list[str] = Field(default_factory=list, description="Alternatives; any one matches.")
    regex: list[str] = Field(default_factory=list, description="Patterns over the normalised text.")
    exclusions: list[str] = Field(
        default_factory=list, description="A hit is discarded when one of these matches around it.")
    exclusion_scope: Literal["overlap", "utterance"] = Field(
        default="overlap", description="overlap: the exclusion overlaps the hit; utterance: anywhere in it.")
    role: Role | None = Field(default=None, description="Who must say it; inherits the rule's role.")
    window: Window | None = Field(default=None, description="Restrict to the start or end of the call.")
    tolerance: Tolerance | None = Field(
        default=None, description="exact | pinyin | fuzzy_pinyin; default pinyin for required, else exact.")
    detector: str | None = Field(
        default=None, description="A service-act detector (qa_engine.analyzers.service_acts) whose hits "
                                  "also match, e.g. 'problem_report' (a model) or 'restatement'.")
    min_probability: float = Field(
        default=0.5, ge=0, le=1, description="With a model detector: the probability a hit needs.")
    not_followed_by: list[str] = Field(
        default_factory=list, description="A hit is discarded when one of these follows it closely "
                                          "(抱歉 … 久等: an apology for the wait, not for the problem).")
    followed_within: int = Field(
        default=10, ge=1, description="How many normalised characters after a hit not_followed_by looks at.")
    not_preceded_by: list[str] = Field(
        default_factory=list, description="A hit is discarded when one of these stands before it in the same "
                                          "utterance, not negated just before (我会帮您记录 … 建议您联系商家: the "
                                          "agent still acts; 无法帮您申请 … does not).")
    preceded_within: int = Field(
        default=30, ge=1, description="How many normalised characters before a hit not_preceded_by looks at.")
    scope: Scope | None = Field(
        default=None, description="Discard hits that are negated, reported, or not whole words.")
    not_answering: Answering | None = Field(
        default=None, description="Discard a hit that answers a prompt in the speaker's previous lines "
                                  "(感谢您的耐心等待 after 您稍等: the hold's thanks, not the close).")
    lone_tags: list[str] = Field(
        default_factory=list, description="Tag questions (对吧 · 是这样吗) that, said as a line of their own, complete "
                                          "the same speaker's line just before: the regexes also read the two "
                                          "joined; a hit is cited on the earlier line. Empty = off.")

    @field_validator("lone_tags")
    @classmethod
    def _tags_not_blank(cls, value: list[str]) -> list[str]:
        return _none_blank(value, "lone_tags: tag")


class Condition(Anchor):
    """A phrase set inside a rule, with optional order constraints against anchors."""

    id: str | None = Field(default=None, description="Name shown in evidence.")
    after: str | None = Field(default=None, description="Only after the first hit of this anchor.")
    before: str | None = Field(default=None, description="Only before the first hit of this anchor.")
    within: int | None = Field(
        default=None, ge=1,
        description="With after/before: only the N utterances of the role next to the anchor; "
                    "in a gap rule: next to the silence (overrides gap.within for this condition).")
    min_hits: int = Field(
        default=1,
        description="How many distinct utterances must hold a hit before it counts (on a rule: the rule "
                    "fires; on a group: the group matches). 1 = one hit is enough; 2 = a 禁语 said once is "
                    "not yet a habit (我不知道 … 我帮您查一下).")

    @field_validator("min_hits", mode="before")
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"min_hits must be a whole number ≥ 1 (distinct utterances with a hit), "
                             f"got {value!r}")
        return value


class Gap(_Strict):
    """Makes a rule a timing rule: checked around every silence longer than ``min_seconds``."""

    min_seconds: float = Field(gt=0, description="A silence between consecutive utterances longer than this.")
    side: Literal["before", "after"] = Field(description="Look in the utterances before or after the silence.")
    within: int = Field(default=3, ge=1, description="How many utterances of the rule's role to look at.")
    holds_only: bool = Field(
        default=False, description="Only silences that are holds or asked for (announced, thanked for or "
                                   "requested, by the [lexicons] hold phrases, see qa_engine.holds); others "
                                   "are dead air, "
                                   "charged by acoustics.dead_air, so one silence is charged once.")


class Rule(Condition):
    """One checked behaviour; becomes one finding named ``id``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Finding key, e.g. 'greeting'.")
    kind: Kind = Field(description="required: must occur; forbidden: must not; detect: an event, 1 if absent.")
    role: Role = "agent"
    description: str = ""
    section: str | None = Field(default=None, description="Hint for the scorecard, e.g. 'opening'.")
    red_line: bool = Field(default=False, description="Hint: a violation should fail the call.")
    version: int = Field(default=1, ge=1, description="Bump when the rule's meaning changes.")
    groups: list[Condition] = Field(default_factory=list, description="Several conditions, combined by quantifier.")
    quantifier: Quantifier = "any"
    at_least: int | None = Field(default=None, ge=1, description="With quantifier = 'at_least'.")
    same_utterance: bool = Field(default=False, description="The quantifier must hold within one utterance.")
    when: list[str] = Field(default_factory=list, description="Anchors that must all occur, else N/A.")
    when_any: list[str] = Field(default_factory=list, description="N/A unless at least one of these occurs.")
    unless: list[str] = Field(default_factory=list, description="N/A when any of these anchors occurs.")
    review_if: list[str] = Field(
        default_factory=list, description="A miss goes to review when one of these anchors occurs "
                                          "(e.g. a recording that starts mid-script).")
    review_unless: list[str] = Field(
        default_factory=list, description="A miss goes to review when one of these anchors does not "
                                          "occur (e.g. no close: the recording ends early).")
    review_unless_any: list[str] = Field(
        default_factory=list, description="A miss goes to review unless at least one of these anchors occurs "
                                          "(the agent's close or the customer hanging up: either ends the call).")
    channels: list[str] | None = Field(default=None, description="Only these channels (e.g. phone), else N/A.")
    gap: Gap | None = None

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        own = bool(self.phrases or self.regex or self.detector)
        if self.groups and own:
            raise ValueError("give either phrases/regex/detector or groups, not both")
        if not self.groups and not own:
            raise ValueError("a rule needs phrases, regex, a detector or groups")
        for i, g in enumerate(self.groups):
            if not (g.phrases or g.regex or g.detector):
                raise ValueError(f"groups[{i}] needs phrases, regex or a detector")
        if (self.quantifier == "at_least") != (self.at_least is not None):
            raise ValueError("quantifier = 'at_least' and at_least = N go together")
        n = max(1, len(self.groups))
        if self.at_least is not None and self.at_least > n:
            raise ValueError(f"at_least = {self.at_least} but the rule has only {n} group(s)")
        if self.min_hits > 1 and self.gap is not None:
            raise ValueError("min_hits does not apply to a gap rule (it is checked at every silence)")
        if self.min_hits > 1 and self.quantifier == "none":
            raise ValueError("min_hits does not apply with quantifier = 'none' (it counts hits that must "
                             "not occur)")
        return self


class Rulebook(_Strict):
    """A versioned set of rules, the anchors they refer to, and shared synonyms."""

    version: str = Field(min_length=1, description="Recorded in every finding.")
    description: str = ""
    low_confidence: float = Field(
        default=0.6, ge=0, le=1, description="ASR confidence below this makes a miss or a forbidden hit doubtful.")
    review_flags: list[str] = Field(
        default_factory=lambda: ["asr_low_confidence", "asr_doubtful"],
        description="Utterance flags (prefixes) that make it doubtful like low confidence.")
    low_confidence_window: int = Field(
        default=4, ge=1, description="A miss searched in at most this many utterances (the place the phrase "
                                     "would be) goes to review when one of them is doubtful ASR.")
    low_confidence_share: float = Field(
        default=0.5, ge=0, le=1, description="A miss searched in more utterances goes to review only when "
                                             "this share of them is doubtful.")
    low_confidence_similarity: float = Field(
        default=0.0, ge=0, le=1,
        description="A doubtful utterance with text excuses a missed phrase only when some span of it sounds "
                    "like one of the condition's phrases at least this closely (share of the phrase's "
                    "syllables, fuzzy pinyin, asr_confusions applied; qa_engine.analyzers._resemble): a "
                    "line read as something else charges the miss. 0 = any doubtful line (window rule only).")
    low_confidence_unread_flags: list[str] = Field(
        default_factory=lambda: ["asr_untranscribed", "asr_doubtful: repetition", "asr_doubtful: compression",
                                 "character(s) in"],
        description="Utterance flags (substrings) saying its text is no reading of the speech (none, a "
                    "collapsed loop, too few characters for its length): such a line cannot show it says "
                    "something else, so the window rule (low_confidence_window / _share) decides.")
    synonyms: dict[str, list[str]] = Field(default_factory=dict, description="phrase → variants that also match.")
    asr_confusions: dict[str, list[str]] = Field(
        default_factory=dict, description="character → what ASR writes instead (您 → 你); tolerant phrases "
                                          "also match with these substituted.")
    negators: list[str] = Field(default_factory=list, description="Words that negate what follows (scope.negated).")
    reporters: list[str] = Field(
        default_factory=list, description="Cues of reported speech before a hit (scope.reported).")
    detectors: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options of service-act detectors by name (see service_acts).")
    lexicons: dict[str, list[str]] = Field(
        default_factory=dict, description="Named phrase lists; '@name' in any phrases list stands for one. "
                                          "hold_notice / hold_thanks / hold_asked are also read by acoustics.")
    anchors: dict[str, Anchor] = Field(default_factory=dict)
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _expand_lexicons(cls, data: Any) -> Any:
        """Replace '@name' entries of every phrases list by the lexicon's phrases."""
        if not isinstance(data, dict) or not isinstance(data.get("lexicons"), dict):
            return data
        lexicons = data["lexicons"]

        def expand(node: Any) -> Any:
            if isinstance(node, dict) and isinstance(node.get("not_answering"), dict):
                answering = node["not_answering"]
                for key in ("phrases", "prompts"):
                    if isinstance(answering.get(key), list):
                        answering = {**answering, key: expand({"phrases": answering[key]})["phrases"]}
                node = {**node, "not_answering": answering}
            if isinstance(node, dict) and isinstance(node.get("lone_tags"), list):
                node = {**node, "lone_tags": expand({"phrases": node["lone_tags"]})["phrases"]}
            if not isinstance(node, dict) or not isinstance(node.get("phrases"), list):
                return node
            out: list[Any] = []
            for p in node["phrases"]:
                if isinstance(p, str) and p.startswith("@"):
                    if not isinstance(lexicons.get(p[1:]), list):
                        raise ValueError(f"unknown lexicon '{p}'; expected one of: "
                                         + ", ".join(f"@{n}" for n in lexicons))
                    out.extend(lexicons[p[1:]])
                else:
                    out.append(p)
            return {**node, "phrases": out}

        data = dict(data)
        if isinstance(data.get("rules"), list):
            data["rules"] = [{**expand(r), "groups": [expand(g) for g in r["groups"]]}
                             if isinstance(r, dict) and isinstance(r.get("groups"), list) else expand(r)
                             for r in data["rules"]]
        if isinstance(data.get("anchors"), dict):
            data["anchors"] = {k: expand(v) for k, v in data["anchors"].items()}
        return data


# --------------------------------------------------------------------------- loading


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """Read and validate a rulebook TOML file (default: the shipped ``models/rulebook.toml``)."""
    path = Path(path) if path is not None else DEFAULT_RULEBOOK_PATH
    return parse_rulebook(read_toml(path, "rulebook"), source=path.name)


def parse_rulebook(raw: dict[str, Any], *, source: str = "rulebook") -> Rulebook:
    """Validate an already parsed rulebook mapping; errors name ``source`` and the bad key."""
    try:
        book = Rulebook.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, raw, source)) from None
    _check_references(book, source)
    compile_rulebook(book, source=source)  # regexes and phrases are checked by compiling
    return book


def _where(loc: tuple[Any, ...], raw: Any) -> str:
    """``rules[3] 'greeting'.window`` from a pydantic location."""
    parts: list[str] = []
    node = raw
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
            node = node[item] if isinstance(node, list) and item < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts.append(f" '{node['id']}'")
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the key at the end of ``loc``."""
    node: Any = Rulebook
    for item in loc[:-1]:
        node = _step(node, item)
        if node is None:
            return None
    return _as_model(node)


def _as_model(node: Any) -> type[BaseModel] | None:
    if isinstance(node, type) and issubclass(node, BaseModel):
        return node
    if typing.get_origin(node) in (typing.Union, types.UnionType):
        return next((m for m in map(_as_model, typing.get_args(node)) if m is not None), None)
    return None


def _step(node: Any, item: Any) -> Any:
    """The annotation reached from ``node`` through one location item (field, index or key)."""
    origin = typing.get_origin(node)
    if origin in (list, tuple):
        return typing.get_args(node)[0]
    if origin is dict:
        return typing.get_args(node)[1]
    model = _as_model(node)
    if model is not None and isinstance(item, str) and item in model.model_fields:
        return model.model_fields[item].annotation
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(node):
            if arg is not type(None):
                found = _step(arg, item)
                if found is not None:
                    return found
    return None


def _describe(exc: ValidationError, raw: Any, source: str) -> str:
    lines = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = _where(loc[:-1], raw) if loc else ""
        key = loc[-1] if loc else ""
        if err["type"] == "extra_forbidden":
            owner = _model_at(loc)
            valid = ", ".join(owner.model_fields) if owner else ""
            lines.append(f"{where + ': ' if where else ''}unknown key '{key}'; expected one of: {valid}")
        elif err["type"] == "missing":
            lines.append(f"{where + ': ' if where else ''}missing required key '{key}'")
        else:
            full = _where(loc, raw)
            msg = err["msg"].removeprefix("Value error, ")
            lines.append(f"{full + ': ' if full else ''}{msg}")
    return f"{source}: " + "; ".join(lines)


def _check_references(book: Rulebook, source: str) -> None:
    seen: set[str] = set()
    valid_anchors = set(book.anchors)
    for i, rule in enumerate(book.rules):
        where = f"{source}: rules[{i}] '{rule.id}'"
        if rule.id in seen:
            raise ConfigError(f"{where}: duplicate rule id '{rule.id}'")
        seen.add(rule.id)
        for key in ("when", "when_any", "unless", "review_if", "review_unless", "review_unless_any"):
            for name in getattr(rule, key):
                if name not in valid_anchors:
                    raise UnknownNameError("anchor", name, valid_anchors, where=f"{where}.{key}")
        for j, cond in enumerate([rule, *rule.groups]):
            place = where if cond is rule else f"{where}.groups[{j - 1}]"
            for ref in ("after", "before"):
                name = getattr(cond, ref)
                if name is not None and name not in valid_anchors:
                    raise UnknownNameError("anchor", name, valid_anchors, where=f"{place}.{ref}")
            ordered = any(x is not None for x in (cond.after, cond.before, rule.after, rule.before, rule.gap))
            if cond.within is not None and not ordered:
                raise ConfigError(f"{place}: 'within' needs 'after', 'before' or 'gap'")


def hotwords(book: Rulebook, *, limit: int | None = None) -> list[str]:
    """Phrases an ASR decoder should be primed with (hotwords / initial prompt).

    The phrases of required rules first (what the agent is expected to say, so a miss is
    not an ASR artefact), then those of detect rules and anchors, without duplicates.
    Forbidden phrases are left out on purpose: priming a decoder with 禁语 would make
    false accusations likelier.
    """
    seen: dict[str, None] = {}
    ordered = sorted(book.rules, key=lambda r: {"required": 0, "detect": 1}.get(r.kind, 2))
    for rule in ordered:
        if rule.kind == "forbidden":
            continue
        for cond in [rule, *rule.groups]:
            for phrase in cond.phrases:
                seen.setdefault(phrase, None)
    for anchor in book.anchors.values():
        for phrase in anchor.phrases:
            seen.setdefault(phrase, None)
    words = list(seen)
    return words[:limit] if limit is not None else words


# --------------------------------------------------------------------------- compilation


@dataclass(slots=True)
class CompiledGroup:
    """One condition with everything inherited resolved; ``key`` indexes the scan results."""

    key: int
    name: str
    where: str
    role: str
    tolerance: str
    phrases: list[str]
    regex: list[re.Pattern[str]]
    exclusion_scope: str
    window: Window | None = None
    after: str | None = None
    before: str | None = None
    within: int | None = None
    detector: str | None = None
    min_probability: float = 0.5
    not_followed_by: tuple[str, ...] = ()
    followed_within: int = 10
    not_preceded_by: tuple[str, ...] = ()
    preceded_within: int = 30
    scope: Scope | None = None
    not_answering: Answering | None = None
    description: str = ""
    min_hits: int = 1
    # A line that is only one of the condition's lone_tags (a title may follow), normalised: None = off.
    lone_tag: re.Pattern[str] | None = None
    # The rulebook's asr_confusions apply to the phrases: every tolerant condition, and since 2026.11.19 every
    # condition of a required rule, exact ones too (报歉 for 抱歉: a declared substitution, narrower than pinyin
    # tolerance, which would also take 前一 for 歉意). Forbidden and detect rules and exact anchors stay exact.
    confusions: bool = False


@dataclass(slots=True)
class CompiledRule:
    rule: Rule
    groups: list[CompiledGroup]


@dataclass(slots=True)
class PhraseEntry:
    """What an automaton hit may mean: the group, the phrase as written, its keys, its tolerance."""

    group: int
    phrase: str
    canonical: str
    normalised: str
    pinyin: str
    tolerance: str
    exclusion: bool
    via: str = ""  # "asr_confusion" for a variant made by substituting a confused character


@dataclass
class CompiledRulebook:
    """A rulebook ready to run.

    All phrases of all rules share one Aho–Corasick automaton keyed by their *fuzzy*
    syllable key, the coarsest of the three tolerances: one pass over a conversation's
    fuzzy key finds every candidate, and each candidate is then confirmed at its own
    rule's tolerance by comparing the normalised text (exact) or the pinyin key (pinyin).
    """

    book: Rulebook
    rules: list[CompiledRule]
    anchors: dict[str, CompiledGroup]
    groups: list[CompiledGroup]
    automaton: Any = None  # ahocorasick.Automaton, or None when no rule has phrases
    regex_groups: list[CompiledGroup] = field(default_factory=list)
    detectors: dict[str, Any] = field(default_factory=dict)  # service-act detectors by name
    # One alternation of a group's regexes, by group key, built on first use: most utterances
    # match none of them, and one search rejects an utterance that k separate scans would.
    regex_gates: dict[int, re.Pattern[str] | None] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.book.version


def _normalised_answering(a: Answering | None) -> Answering | None:
    """The answering filter with its phrases normalised, as the scan compares them."""
    from qa_engine.text import normalize

    if a is None:
        return None
    return Answering.model_construct(phrases=[normalize(x) for x in a.phrases],
                                     prompts=[normalize(x) for x in a.prompts], lines=a.lines)


# Forms of address that may follow a lone tag (对吧先生): the restatement regexes accept them at the end too.
_LONE_TAG_TITLES = ("先生", "女士", "小姐")


def _lone_tag_pattern(tags: list[str]) -> re.Pattern[str] | None:
    """A line that is only one of ``tags`` (normalised), a form of address allowed after it; None when empty."""
    from qa_engine.text import normalize

    if not tags:
        return None
    alts = "|".join(map(re.escape, sorted({normalize(t) for t in tags}, key=len, reverse=True)))
    return re.compile(f"^(?:{alts})(?:{'|'.join(_LONE_TAG_TITLES)})?$")


def _default_tolerance(kind: str | None) -> str:
    return "pinyin" if kind == "required" else "exact"


def compile_rulebook(book: Rulebook, *, source: str = "rulebook") -> CompiledRulebook:
    """Resolve inheritance and build the automaton once; matching is then one pass per conversation."""
    import ahocorasick

    from qa_engine.text import confusion_variants, fuzzy_key, normalize, pinyin_key

    from qa_engine.analyzers.service_acts import build_detector

    groups: list[CompiledGroup] = []
    g_exclusions: dict[int, list[str]] = {}
    detectors: dict[str, Any] = {}

    def make(cond: Anchor, name: str, *, role: str, tolerance: str | None, window: Window | None,
             exclusions: list[str], scope: str) -> CompiledGroup:
        regexes = []
        for pattern in cond.regex:
            try:
                regexes.append(re.compile(pattern))
            except re.error as exc:
                raise ConfigError(f"{source}: {name}: invalid regex {pattern!r}: {exc}") from None
        g = CompiledGroup(
            key=len(groups), name=name, where=name, role=cond.role or role,
            tolerance=cond.tolerance or tolerance or "exact",
            phrases=list(cond.phrases), regex=regexes,
            exclusion_scope=scope, window=cond.window or window,
            after=getattr(cond, "after", None), before=getattr(cond, "before", None),
            within=getattr(cond, "within", None), detector=cond.detector,
            min_probability=cond.min_probability,
            not_followed_by=tuple(normalize(x) for x in cond.not_followed_by),
            followed_within=cond.followed_within,
            not_preceded_by=tuple(normalize(x) for x in cond.not_preceded_by), preceded_within=cond.preceded_within,
            scope=cond.scope, not_answering=_normalised_answering(cond.not_answering),
            description=cond.description, min_hits=getattr(cond, "min_hits", 1),
            lone_tag=_lone_tag_pattern(cond.lone_tags))
        g.confusions = g.tolerance != "exact"
        if cond.detector is not None and cond.detector not in detectors:
            detectors[cond.detector] = build_detector(
                cond.detector, book.detectors.get(cond.detector), where=f"{source}: {name}.detector")
        groups.append(g)
        g_exclusions[g.key] = [*exclusions, *cond.exclusions]
        return g

    anchors = {
        name: make(a, f"anchor '{name}'", role=a.role or "any", tolerance=a.tolerance, window=None,
                   exclusions=[], scope=a.exclusion_scope)
        for name, a in book.anchors.items()}
    rules = []
    for i, rule in enumerate(book.rules):
        tolerance = rule.tolerance or _default_tolerance(rule.kind)
        if rule.groups:
            cgs = []
            for j, cond in enumerate(rule.groups):
                scope = cond.exclusion_scope if "exclusion_scope" in cond.model_fields_set else rule.exclusion_scope
                g = make(cond, f"rules[{i}] '{rule.id}'.groups[{j}]", role=rule.role, tolerance=tolerance,
                         window=rule.window, exclusions=list(rule.exclusions), scope=scope)
                g.name = f"{rule.id}.{cond.id or j}"
                g.after = cond.after or rule.after
                g.before = cond.before or rule.before
                g.within = cond.within or rule.within
                # Like exclusions, the rule's hit filters apply to every group that sets none.
                own = cond.model_fields_set
                if "not_followed_by" not in own:
                    g.not_followed_by = tuple(normalize(x) for x in rule.not_followed_by)
                if "followed_within" not in own:
                    g.followed_within = rule.followed_within
                if "not_preceded_by" not in own:
                    g.not_preceded_by = tuple(normalize(x) for x in rule.not_preceded_by)
                if "preceded_within" not in own:
                    g.preceded_within = rule.preceded_within
                if "scope" not in own:
                    g.scope = rule.scope
                if "not_answering" not in own:
                    g.not_answering = _normalised_answering(rule.not_answering)
                g.confusions = g.confusions or rule.kind == "required"
                cgs.append(g)
        else:
            g = make(rule, f"rules[{i}] '{rule.id}'", role=rule.role, tolerance=tolerance, window=None,
                     exclusions=[], scope=rule.exclusion_scope)
            g.name = rule.id
            g.confusions = g.confusions or rule.kind == "required"
            cgs = [g]
        rules.append(CompiledRule(rule=rule, groups=cgs))

    table: dict[str, list[PhraseEntry]] = {}
    for g in groups:
        variants = []
        for phrase in g.phrases:
            variants.append((phrase, phrase))
            variants.extend((v, phrase) for v in book.synonyms.get(phrase, ()))
        entries = [(p, c, False, "") for p, c in variants] + [(x, x, True, "") for x in g_exclusions[g.key]]
        if g.confusions and book.asr_confusions:
            seen = {normalize(p) for p, *_ in entries}
            for phrase, canonical, is_exclusion, _ in list(entries):
                for variant in confusion_variants(normalize(phrase), book.asr_confusions):
                    if variant not in seen:
                        seen.add(variant)
                        entries.append((variant, canonical, is_exclusion, "asr_confusion"))
        for phrase, canonical, is_exclusion, via in entries:
            norm = normalize(phrase)
            if not norm:
                raise ConfigError(f"{source}: {g.where}: phrase {phrase!r} is empty after normalisation")
            table.setdefault(fuzzy_key(norm), []).append(
                PhraseEntry(g.key, phrase, canonical, norm, pinyin_key(norm), g.tolerance, is_exclusion, via))
    compiled = CompiledRulebook(book=book, rules=rules, anchors=anchors, groups=groups, detectors=detectors)
    if table:
        automaton = ahocorasick.Automaton()
        for key, found in table.items():
            automaton.add_word(key, (len(key), tuple(found)))
        automaton.make_automaton()
        compiled.automaton = automaton
    compiled.regex_groups = [g for g in groups if g.regex]
    return compiled

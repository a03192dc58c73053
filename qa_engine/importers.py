"""Read conversations from files: our JSON, plain-text call-center exports, recordings.

Text exports are one utterance per line with a speaker prefix (``客服:`` / ``用户:``,
``坐席：`` / ``客户：``, ``Agent:`` / ``Customer:``), optionally preceded by a time stamp
``[mm:ss]`` / ``[hh:mm:ss]`` / ``[12.5]`` and optionally headed by ``# key: value`` lines
(id, agent_id, queue, started_at, channel). Encodings are detected (BOM, UTF-8, GB18030),
because Windows exports in GBK and UTF-16 are common.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError

from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.errors import InputError

AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".m4a", ".flac", ".ogg", ".opus", ".amr"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = AUDIO_SUFFIXES | TEXT_SUFFIXES | JSON_SUFFIXES

SPEAKER_LABELS: dict[str, Speaker] = {
    "客服": Speaker.AGENT, "坐席": Speaker.AGENT, "agent": Speaker.AGENT, "座席": Speaker.AGENT,
    "用户": Speaker.CUSTOMER, "客户": Speaker.CUSTOMER, "customer": Speaker.CUSTOMER,
    "顾客": Speaker.CUSTOMER,
}
HEADER_KEYS = ("id", "agent_id", "queue", "started_at", "channel")
# Seconds per character used to estimate where a time-stamped line ends.
ESTIMATED_SECONDS_PER_CHAR = 0.25

_LINE = re.compile(
    r"^\s*(?:\[(?P<ts>[\d:.]+)\]\s*)?(?P<label>[^\s:：\[\]]{1,12})\s*[:：]\s*(?P<text>.*)$")
_HEADER = re.compile(r"^\s*#\s*(?P<key>\w+)\s*[:：]\s*(?P<value>.*?)\s*$")


def load_conversation(path: str | Path, *, require_agent: bool = True) -> Conversation:
    """Load one conversation from a JSON file, a text export or a recording.

    Raises ``InputError`` naming the file and the problem for anything unreadable.
    With ``require_agent`` a transcript without a single agent utterance is refused:
    scoring it would blame the agent for what the file lacks.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type '{suffix or '(none)'}'; expected one of: "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))}", source=str(path))
    if not path.is_file():
        raise InputError("file not found", source=str(path))
    if suffix in AUDIO_SUFFIXES:
        from qa_engine.asr import transcribe_file  # heavy: faster-whisper

        return transcribe_file(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError("file is empty", source=str(path))
    text = decode_text(raw, source=str(path))
    if suffix in JSON_SUFFIXES:
        conversation = parse_json(text, source=str(path))
    else:
        conversation = parse_text_export(text, default_id=path.stem, source=str(path))
    if conversation.source is None:
        conversation = conversation.model_copy(update={"source": str(path)})
    check_usable(conversation, require_agent=require_agent, source=str(path))
    return conversation


def decode_text(raw: bytes, *, source: str | None = None) -> str:
    """Decode bytes from a BOM-marked, UTF-8 or GB18030 (GBK superset) file."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode text: not UTF-8, UTF-16 or GBK/GB18030", source=source)


def parse_json(text: str, *, source: str | None = None) -> Conversation:
    """Validate a JSON document against the ``Conversation`` schema."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                         source=source) from None
    try:
        return Conversation.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc), source=source) from None


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming the path of the first bad field, e.g. ``utterances[3].speaker: ...``."""
    first = exc.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    got = f" (got {first['input']!r})" if "input" in first and not isinstance(first["input"], dict) else ""
    more = f" (+{exc.error_count() - 1} more errors)" if exc.error_count() > 1 else ""
    return f"{where or 'document'}: {first['msg']}{got}{more}"


def parse_text_export(text: str, *, default_id: str, source: str | None = None) -> Conversation:
    """Parse a ``客服:``/``用户:``-prefixed export into a ``Conversation``.

    Lines without a prefix (or indented) continue the previous utterance; a line that
    starts with an unknown label (``主管:``) is an error. Without time stamps the
    utterances stay untimed (no invented times): analyzers and rules that need times
    report N/A "no time stamps".
    """
    header: dict[str, str] = {}
    turns: list[tuple[Speaker, float | None, str]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not turns and (h := _HEADER.match(line)) and h["key"] in HEADER_KEYS:
            header[h["key"]] = h["value"]
            continue
        match = _LINE.match(line)
        label = match["label"].lower() if match else None
        if match and label in SPEAKER_LABELS:
            turns.append((SPEAKER_LABELS[label], _parse_timestamp(match["ts"], lineno, source),
                          match["text"].strip()))
        elif match and (match["ts"] is not None or _looks_like_label(line, match["label"])):
            raise InputError(
                f"line {lineno}: unknown speaker label '{match['label']}'; expected one of: "
                f"{', '.join(SPEAKER_LABELS)}", source=source)
        elif turns:
            speaker, ts, previous = turns[-1]
            turns[-1] = (speaker, ts, previous + line.strip())
        else:
            raise InputError(
                f"line {lineno}: expected a speaker prefix such as '客服:' or '用户:'; "
                f"known labels: {', '.join(SPEAKER_LABELS)}", source=source)
    if not turns:
        raise InputError("no utterances found", source=source)
    timed = all(ts is not None for _, ts, _ in turns)
    if any(ts is not None for _, ts, _ in turns) and not timed:
        raise InputError("some lines have a time stamp and others not; give every line one, or none",
                         source=source)
    utterances = _timed(turns) if timed else [
        Utterance(speaker=speaker, text=text) for speaker, _, text in turns]
    attributes = {} if timed else {"quality_gate": {"acoustics": "no time stamps"}}
    try:
        return Conversation(id=header.get("id", default_id), agent_id=header.get("agent_id"),
                            queue=header.get("queue"), started_at=header.get("started_at"),
                            channel=header.get("channel", "phone"), attributes=attributes,
                            utterances=utterances, source=source)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc), source=source) from None


def _looks_like_label(line: str, label: str) -> bool:
    """A ``名称:`` at the very start of a line is a speaker prefix, not text (``主管:``);
    an indented line always continues the previous utterance."""
    return not line[:1].isspace() and label.isalpha() and len(label) <= 8


def check_usable(conversation: Conversation, *, require_agent: bool, source: str | None) -> None:
    """Refuse conversations that cannot be scored fairly."""
    if not any(u.text.strip() for u in conversation.utterances):
        raise InputError("conversation has no utterances with text", source=source)
    if require_agent and not conversation.has_speech(Speaker.AGENT):
        raise InputError("transcript has no agent utterances; cannot score the agent",
                         source=source)


def _parse_timestamp(ts: str | None, lineno: int, source: str | None) -> float | None:
    if ts is None:
        return None
    try:
        seconds = 0.0
        for part in ts.split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    except ValueError:
        raise InputError(f"line {lineno}: bad time stamp '[{ts}]'", source=source) from None


def _timed(turns: list[tuple[Speaker, float | None, str]]) -> list[Utterance]:
    utterances = []
    for i, (speaker, start, text) in enumerate(turns):
        estimated_end = start + max(1.0, len(text) * ESTIMATED_SECONDS_PER_CHAR)
        next_start = turns[i + 1][1] if i + 1 < len(turns) else None
        end = min(estimated_end, next_start) if next_start and next_start > start else estimated_end
        utterances.append(Utterance(speaker=speaker, start=start, end=end, text=text))
    return utterances

"""Loaders for the shared training data (``$QA_DATA_DIR`` or ``../shared/data``).

Each loader returns plain Python lists so that training and evaluation code stays simple.
Splits are deterministic: they hash a stable key (text or id) with a fixed salt, so the
same row always lands on the same side no matter the order or the machine.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from qa_engine.errors import InputError

NEGATIVE, POSITIVE = 1, 0  # sentiment targets: 1 = negative (what we score)


def data_dir() -> Path:
    """Root of the shared datasets."""
    env = os.environ.get("QA_DATA_DIR")
    root = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    if not root.is_dir():
        root = Path("/work/shared/data")
    if not root.is_dir():
        raise InputError("shared datasets not found; set QA_DATA_DIR", source=str(root))
    return root


def split_of(key: str, *, salt: str = "qa-engine-v1", test: float = 0.15, valid: float = 0.15) -> str:
    """Deterministic 'train' / 'valid' / 'test' assignment of ``key``."""
    h = int(hashlib.sha1(f"{salt}:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if h < test:
        return "test"
    if h < test + valid:
        return "valid"
    return "train"


@dataclass
class TextRow:
    text: str
    negative: int  # 1 = negative sentiment
    source: str


def _clean(text: str) -> str:
    return text.replace("\ufeff", "").strip()


def load_conversational() -> list[TextRow]:
    """sentiment_XS_30k: chat turns; jieba-segmented text is re-joined (spaces removed)."""
    path = data_dir() / "sentiment/chinese_conversation_sentiment/sentiment_XS_30k.txt"
    rows = []
    with open(path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            text = _clean("".join((rec["text"] or "").split()))
            if text:
                rows.append(TextRow(text, int(rec["labels"] == "negative"), "xs_30k"))
    return rows


def _csv_reviews(path: Path, source: str, skip: set[str] | None = None) -> list[TextRow]:
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        for rec in csv.DictReader(fh):
            text = _clean(rec.get("review") or "")
            if text and not (skip and text in skip):
                rows.append(TextRow(text, int(rec["label"] == "0"), source))
    return rows


def load_reviews() -> list[TextRow]:
    """waimai_10k, ChnSentiCorp hotel reviews and online_shopping_10_cats (duplicates dropped)."""
    root = data_dir() / "sentiment"
    hotel = _csv_reviews(root / "ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv", "chnsenticorp")
    rows = _csv_reviews(root / "waimai_10k/waimai_10k.csv", "waimai") + hotel
    seen = {r.text for r in hotel}
    with zipfile.ZipFile(root / "online_shopping_10_cats/online_shopping_10_cats.zip") as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        with zf.open(name) as raw:
            for rec in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig")):
                text = _clean(rec.get("review") or "")
                if text and text not in seen:
                    rows.append(TextRow(text, int(rec["label"] == "0"), "shopping"))
    return rows


EMOTION_TO_NEGATIVE = {"angry": 1, "sad": 1, "fear": 1, "happy": 0}


def load_weibo_emotion() -> list[TextRow]:
    """SMP2020-EWECT Weibo posts mapped to binary: angry/sad/fear → negative, happy → positive.

    neutral and surprise are left out: they carry no polarity.
    """
    root = data_dir() / "sentiment/smp2020_ewect"
    rows = []
    for name in ("virus_train.txt", "virus_eval_labeled.txt", "usual_eval_labeled.txt"):
        for rec in json.loads((root / name).read_text(encoding="utf-8")):
            label = EMOTION_TO_NEGATIVE.get(rec["label"])
            text = _clean(rec["content"])
            if label is not None and text:
                rows.append(TextRow(text, label, "weibo"))
    return rows


def dedupe(rows: list[TextRow]) -> list[TextRow]:
    """Drop exact duplicate texts, keeping the first occurrence's label."""
    seen, out = set(), []
    for r in rows:
        if r.text not in seen:
            seen.add(r.text)
            out.append(r)
    return out


def load_stc3() -> list[dict]:
    """STC3 dialogues with ``turns`` and precomputed ``mean_S``/``mean_A``/``mean_E``."""
    path = data_dir() / "complaint/stc3/stc3_dev.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def musied_path() -> Path:
    """Where MUSIED's dev documents are (under ``data_dir()``)."""
    return data_dir() / "complaint" / "musied" / "dev.json"


def load_musied() -> list[dict]:
    """MUSIED dev documents (phone calls, chats, reviews) with complaint-event labels."""
    return json.loads(musied_path().read_text(encoding="utf-8"))

"""A learned second opinion on the escalation rules' threat candidates.

The rules (``escalation.py``) find every cue word in the customer's turns and decide, frame by
frame, whether it is a threat or set aside (negated, reported, a place, a noun …). This model
reads the same candidates — the cue with the words around it in its turn — and gives each a
probability that it is the customer's own threat. It is a char 1–3-gram TF-IDF + logistic
regression stored as ``models/escalation/opinion.npz`` (no pickle), trained by
``training/complaint_threat_opinion.py`` on the labelled short calls and the MUSIED dev calls.

How its probability combines with the rules (a veto of rule threats below ``veto_below`` in the
``veto_categories``, a threat added to a set-aside cue above ``add_above``) was chosen by grouped
cross-validation (model card, "Seventh pass" and "Eighth pass"). ``threat-opinion-3`` is the same recipe
refitted on every blind set's dev half to fresh231 (``eval/labels/threat_opinion3_protocol.md``); the
analyzers use it by default (``escalation.CHOSEN_OPINION``). A changed decision keeps the rule's
reason beside the model's, so a reviewer sees both: a vetoed threat is set aside with reason
``model_veto``, an added one counts with reason ``model_threat``; both carry the model's name
and probability.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_engine.analyzers._linear import LinearTextModel, load_linear

MODEL_NAME = "threat-opinion-3"
PRE_CHARS = 24  # context before the cue in its turn
POST_CHARS = 16  # and after it


def opinion_text(text: str, span: tuple[int, int], category: str) -> str:
    """The model's input for one cue: its category, the words before it, the cue marked, the words after."""
    start, end = span
    return f"[{category}]{text[max(0, start - PRE_CHARS):start]}〔{text[start:end]}〕{text[end:end + POST_CHARS]}"


@dataclass(frozen=True)
class SecondOpinion:
    """The model and the thresholds of its combination with the rules.

    ``veto_below``: a rule threat whose probability is below it is set aside (None: no veto).
    ``add_above``: a set-aside cue whose probability is at least it counts (None: never added).
    ``veto_categories``: the cue categories a veto may touch (None: every category); a rule threat of
    another category stands whatever the probability.
    """

    veto_below: float | None = None
    add_above: float | None = None
    veto_categories: frozenset[str] | None = None
    path: Path | None = None  # None: ``models/escalation/opinion.npz`` via the model resolver

    @property
    def model(self) -> LinearTextModel:
        from qa_engine.models import model_path

        return load_linear(self.path or model_path("escalation", "opinion.npz"))

    def probabilities(self, texts: list[str]) -> list[float]:
        """Probability of a threat for each ``opinion_text``."""
        return self.model.predict_proba(texts).tolist() if texts else []

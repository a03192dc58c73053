"""qa-engine: conversation quality inspection (智能质检) for Chinese call centers.

    from qa_engine import Inspector
    inspection = Inspector().inspect("examples/calls/billing-001.json")
    print(inspection.score, inspection.red_line_reasons)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Conversation", "Inspection", "Inspector", "Utterance", "Speaker",
           "load_conversation", "load_rulebook", "load_scorecard", "__version__"]

_EXPORTS = {
    "Conversation": "qa_engine.conversation", "Utterance": "qa_engine.conversation",
    "Speaker": "qa_engine.conversation", "Inspection": "qa_engine.pipeline",
    "Inspector": "qa_engine.pipeline", "load_conversation": "qa_engine.importers",
    "load_rulebook": "qa_engine.rulebook", "load_scorecard": "qa_engine.scorecard",
}

if TYPE_CHECKING:
    from qa_engine.conversation import Conversation, Speaker, Utterance
    from qa_engine.importers import load_conversation
    from qa_engine.pipeline import Inspection, Inspector
    from qa_engine.rulebook import load_rulebook
    from qa_engine.scorecard import load_scorecard


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import qa_engine` (and `qa --help`) stay fast.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qa_engine' has no attribute {name!r}")

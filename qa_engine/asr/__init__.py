"""Recordings → ``Conversation``: offline Mandarin ASR (faster-whisper), channel roles,
hallucination guards and the agent-protection quality gate.

Public surface: ``transcribe_file(path, options=None)`` and ``AsrOptions``. Heavy imports
(faster-whisper, PyAV, scikit-learn) happen on the first call, not on import.
"""

from __future__ import annotations

from qa_engine.asr.options import AsrOptions

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".flac", ".ogg")


def transcribe_file(path, options: AsrOptions | None = None, *, call_duration_s: float | None = None):
    """Transcribe a recording into a ``Conversation``; see ``qa_engine.asr.transcribe``."""
    from qa_engine.asr.transcribe import transcribe_file as _transcribe_file

    return _transcribe_file(path, options, call_duration_s=call_duration_s)


__all__ = ["AUDIO_SUFFIXES", "AsrOptions", "transcribe_file"]

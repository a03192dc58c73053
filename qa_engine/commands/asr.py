"""``qa transcribe FILE [--json]``: print a recording's utterances (speaker, times, text, confidence)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``transcribe`` command to the ``qa`` app."""

    @app.command("transcribe")
    def transcribe(
        file: Annotated[Path, typer.Argument(help="Recording: .wav .mp3 .m4a .flac .ogg")],
        json_out: Annotated[bool, typer.Option("--json", help="Print the Conversation as JSON.")] = False,
        agent_channel: Annotated[str, typer.Option(help="Stereo channel of the agent: left | right.")] = "left",
        model: Annotated[str | None, typer.Option(help="Directory of a CTranslate2 Whisper model "
                                                       "(default: packaged Whisper base).")] = None,
        beam_size: Annotated[int, typer.Option(help="Beam width (1 = greedy, faster).")] = 5,
    ) -> None:
        """Transcribe a recording into a Conversation (offline Mandarin ASR)."""
        from qa_engine.asr import AsrOptions, transcribe_file
        from qa_engine.errors import QAEngineError

        try:
            conversation = transcribe_file(file, AsrOptions(agent_channel=agent_channel, model=model,
                                                            beam_size=beam_size))
        except QAEngineError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        if json_out:
            typer.echo(conversation.model_dump_json(indent=2))
            return
        for u in conversation.utterances:
            conf = "" if u.confidence is None else f" ({u.confidence:.2f})"
            flags = f"  [{'; '.join(u.flags)}]" if u.flags else ""
            typer.echo(f"{u.start:7.2f}-{u.end:7.2f}  {u.speaker.value:<8} {u.text}{conf}{flags}")
        gate = conversation.attributes.get("quality_gate")
        if gate:
            typer.echo("quality gate: " + "; ".join(f"{k}: {v}" for k, v in gate.items()), err=True)

"""Agent-protection quality gate: which analyzers the audio cannot support, and why.

The Inspector turns every finding of a gated analyzer N/A with the reason, so a broken
recording never costs an agent points (a silent agent channel is not an agent who said
nothing). Keys are analyzer names; reasons are short sentences with the measured value.
"""

from __future__ import annotations

from qa_engine.conversation import Conversation, Speaker

#: Analyzers that judge what the agent said or did.
AGENT_SIDE = ("keywords", "acoustics")
#: Analyzers that judge what the customer said.
CUSTOMER_SIDE = ("sentiment", "complaint_risk", "acoustics")
ALL = ("keywords", "sentiment", "complaint_risk", "acoustics")


def quality_gate(conversation: Conversation, audio, stats, *, stereo: bool, options,
                 failures: dict[str, str] | None = None) -> dict[str, str]:
    """Return ``{analyzer: reason}`` for the analyzers to mark N/A (empty when all is well)."""
    gate: dict[str, str] = {}

    def close(names, reason: str) -> None:
        for name in names:
            gate.setdefault(name, reason)

    for role, reason in (failures or {}).items():
        close(AGENT_SIDE if role == "agent" else CUSTOMER_SIDE, reason)

    if not any(u.text.strip() for u in conversation.utterances):
        unread = len(conversation.utterances)   # speech regions kept without text (asr_untranscribed)
        close(ALL, "no speech recognised in the recording" if not unread else
              f"speech found ({unread} region(s)) but none could be transcribed")
        return gate
    for note in getattr(audio, "notes", []):
        if note.startswith("truncated"):
            # The end of the call is missing: closing phrases and the customer's last mood with it.
            close(("keywords", "sentiment"), f"recording {note}")

    if stereo:
        sides = dict(zip(("left", "right"), stats, strict=True))
        agent_side = options.agent_channel
        customer_side = "right" if agent_side == "left" else "left"
        for role, side, names in (("agent", agent_side, AGENT_SIDE), ("customer", customer_side, CUSTOMER_SIDE)):
            st = sides[side]
            if st.rms_dbfs < options.silent_rms_dbfs:
                close(ALL if role == "agent" else names,
                      f"{role} channel ({side}) near-silent ({st.rms_dbfs:.0f} dBFS)")
            elif st.clipped_share > options.max_clipped_share:
                close(("keywords",) if role == "agent" else ("sentiment", "complaint_risk"),
                      f"{role} channel ({side}) clipped ({st.clipped_share:.1%} of samples at full scale)")
    else:
        st = stats[0] if len(stats) == 1 else min(stats, key=lambda s: s.rms_dbfs)
        if st.clipped_share > options.max_clipped_share:
            close(("keywords", "sentiment", "complaint_risk"),
                  f"recording clipped ({st.clipped_share:.1%} of samples at full scale)")

    if not conversation.has_speech(Speaker.AGENT):
        close(AGENT_SIDE, "one-sided call: no agent speech recognised")
    if not conversation.has_speech(Speaker.CUSTOMER):
        close(CUSTOMER_SIDE, "one-sided call: no customer speech recognised")
    return gate

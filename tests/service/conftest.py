"""Service test fixtures: the app on SQLite (and PostgreSQL when QA_TEST_POSTGRES_URL is
set), deterministic fake analyzers through dependency overrides, one API key per role."""

from __future__ import annotations

import os
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from qa_engine.conversation import Conversation, Speaker  # noqa: E402
from qa_engine.findings import Evidence, Finding, Findings  # noqa: E402
from qa_engine.pipeline import Inspector  # noqa: E402
from service.api.deps import get_conversation_loader, get_inspector  # noqa: E402
from service.auth import create_key  # noqa: E402
from service.main import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402

POSTGRES_URL = os.environ.get("QA_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
KEYWORD_KEYS = ("greeting", "self_intro", "verify_identity", "confirm_need",
                "apology_on_complaint", "empathy", "hold_notice", "hold_thanks",
                "closing_offer_help", "closing_farewell", "forbidden_dismissive",
                "forbidden_rude", "forbidden_blame", "forbidden_promise", "forbidden_profanity",
                "forbidden_solicit_rating")
RUDE = "你烦不烦"


class FakeKeywords:
    """Every keyword item passes, except ``forbidden_rude`` when the agent says 你烦不烦."""

    name, version = "keywords", "fake-1"
    produces = frozenset(KEYWORD_KEYS)

    def analyze(self, conversation: Conversation) -> Findings:
        items = {key: Finding(value=1.0) for key in KEYWORD_KEYS}
        for index, u in conversation.by(Speaker.AGENT):
            if RUDE in u.text:
                start = u.text.index(RUDE)
                items["forbidden_rude"] = Finding(value=0.0, evidence=[Evidence(
                    utterance=index, span=(start, start + len(RUDE)), start=u.start, end=u.end,
                    text=RUDE, note="forbidden phrase")])
        return Findings(analyzer="keywords", version=self.version, items=items)


class FakeComplaintRisk:
    """Risk = ``attributes['risk']`` (default 0.1), citing the customer's last utterance."""

    name, version = "complaint_risk", "fake-1"
    produces = frozenset({"risk"})

    def analyze(self, conversation: Conversation) -> Findings:
        risk = float(conversation.attributes.get("risk", 0.1))
        customer = conversation.by(Speaker.CUSTOMER)
        evidence = [Evidence(utterance=customer[-1][0], text=customer[-1][1].text,
                             note="last customer turn")] if customer else []
        return Findings(analyzer="complaint_risk", version=self.version, items={
            "risk": Finding(value=1 - risk, probability=risk, evidence=evidence)})


class FakeConstant:
    def __init__(self, name: str, keys: tuple[str, ...], value: float = 0.8) -> None:
        self.name, self.version, self.value = name, "fake-1", value
        self.produces = frozenset(keys)

    def analyze(self, conversation: Conversation) -> Findings:
        return Findings(analyzer=self.name, version=self.version,
                        items={k: Finding(value=self.value) for k in self.produces})


def fake_inspector() -> Inspector:
    return Inspector(analyzers={
        "keywords": FakeKeywords(), "complaint_risk": FakeComplaintRisk(),
        "sentiment": FakeConstant("sentiment", ("customer_end", "turnaround")),
        "acoustics": FakeConstant("acoustics", ("dead_air", "overtalk", "speech_rate"))})


def fake_loader(path: Path) -> Conversation:
    """Stands in for ASR: a fixed two-turn call (the real loader is tested separately)."""
    return Conversation(id=path.stem, utterances=[
        {"speaker": "agent", "start": 0, "end": 2, "text": "您好，请问有什么可以帮您"},
        {"speaker": "customer", "start": 2.5, "end": 4, "text": "我查话费"}])


def conversation(cid: str = "call-1", *, agent: str = "A1", queue: str = "billing",
                 started_at: str = "2026-11-02T09:00:00+08:00", rude: bool = False,
                 risk: float = 0.1, kpis: dict | None = None, **extra) -> dict:
    agent_text = f"您好，{RUDE}" if rude else "您好，工号1024为您服务"
    return {"id": cid, "agent_id": agent, "queue": queue, "started_at": started_at,
            "attributes": {"risk": risk}, "kpis": kpis or {},
            "utterances": [
                {"speaker": "agent", "start": 0.0, "end": 2.0, "text": agent_text},
                {"speaker": "customer", "start": 2.5, "end": 4.0, "text": "我要查一下话费"}],
            **extra}


def wav_bytes(seconds: float = 0.2, rate: int = 8000) -> bytes:
    """A small valid PCM WAV (silence)."""
    frames = int(seconds * rate)
    data = b"\x00\x00" * frames
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return header + fmt + b"data" + struct.pack("<I", len(data)) + data


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path) -> Iterator[str]:
    """A fresh database per test: a SQLite file, or a PostgreSQL schema of its own (so
    parallel test workers sharing QA_TEST_POSTGRES_URL never meet)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'qa.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@dataclass
class Service:
    """A started app with a client and one key per role."""

    client: TestClient
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def app(self):
        return self.client.app

    def as_(self, role: str) -> dict[str, str]:
        return {"X-API-Key": self.keys[role]}

    def key(self, role: str, agent_id: str | None = None) -> dict[str, str]:
        with self.app.state.sessionmaker() as session:
            _, key = create_key(session, role, agent_id=agent_id)
            session.commit()
        return {"X-API-Key": key}


@pytest.fixture
def make_service(tmp_path, database_url):
    """Build and start a service; options go to ``Settings``."""
    started: list[TestClient] = []

    def make(*, inspector: Inspector | None = None, loader=fake_loader,
             **options) -> Service:
        settings = Settings(**{"data_dir": tmp_path / "data", "database_url": database_url,
                               "job_workers": 0, "deliverers": 0,
                               "poll_interval_seconds": 0.05,
                               # Test webhooks listen on loopback: the outbound URL policy
                               # allows it here only (tests of the policy pass their own).
                               "outbound_allow": ["127.0.0.1/32"], **options})
        app = create_app(settings)
        built = inspector or fake_inspector()
        app.dependency_overrides[get_inspector] = lambda: built
        if loader is not None:
            app.dependency_overrides[get_conversation_loader] = lambda: loader
        client = TestClient(app)
        client.__enter__()
        started.append(client)
        service = Service(client)
        for role in ("admin", "qa", "supervisor"):
            service.keys[role] = service.key(role)["X-API-Key"]
        service.keys["agent"] = service.key("agent", "A1")["X-API-Key"]
        service.keys["agent2"] = service.key("agent", "A2")["X-API-Key"]
        return service

    yield make
    for client in started:
        client.__exit__(None, None, None)


@pytest.fixture
def service(make_service) -> Iterator[Service]:
    yield make_service()

"""Streaming multipart upload: size cap while streaming, content sniffed by magic bytes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

# (media type, file suffix the importer dispatches on)
WAV, MP3, FLAC, OGG, M4A, AMR = (("audio/wav", ".wav"), ("audio/mpeg", ".mp3"),
                                 ("audio/flac", ".flac"), ("audio/ogg", ".ogg"),
                                 ("audio/mp4", ".m4a"), ("audio/amr", ".amr"))
SNIFF_BYTES = 12
MAX_FIELD_BYTES = 4096
FIELDS = ("callback_url", "conversation_id", "agent_id", "queue", "started_at", "channel")


def sniff_audio(head: bytes) -> tuple[str, str] | None:
    """(media type, suffix) from the first bytes of a recording; None if not audio we read."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head[:4] == b"fLaC":
        return FLAC
    if head[:4] == b"OggS":
        return OGG
    if head[:3] == b"ID3":
        return MP3
    # MPEG audio frame sync: 11 set bits, then a version and a layer that are not reserved.
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 \
            and head[1] & 0x18 != 0x08 and head[1] & 0x06 != 0:
        return MP3
    if head[4:8] == b"ftyp":
        return M4A
    if head.startswith(b"#!AMR"):
        return AMR
    return None


@dataclass
class Upload:
    """A recording received into ``path`` plus the form's text fields."""

    path: Path
    filename: str | None
    size: int
    sha256: str
    media_type: str
    suffix: str
    fields: dict[str, str] = field(default_factory=dict)


class _Receiver:
    def __init__(self, dest: Path, max_bytes: int) -> None:
        self.dest, self.max_bytes = dest, max_bytes
        self.headers: dict[bytes, bytes] = {}
        self.header_field = b""
        self.header_value = b""
        self.name: str | None = None
        self.filename: str | None = None
        self.value = bytearray()
        self.fields: dict[str, str] = {}
        self.file = None
        self.file_seen = False
        self.file_name: str | None = None
        self.size = 0
        self.head = b""
        self.kind: tuple[str, str] | None = None
        self.digest = hashlib.sha256()

    def callbacks(self) -> dict:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field_cb,
                "on_header_value": self.header_value_cb, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
                "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self.headers, self.name, self.filename, self.value = {}, None, None, bytearray()

    def header_field_cb(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def header_value_cb(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field, self.header_value = b"", b""

    def headers_finished(self) -> None:
        _, params = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        self.filename = filename.decode("utf-8", "replace") if filename is not None else None
        if self.name == "file":
            if self.file_seen:
                raise HTTPException(422, "file: send exactly one 'file' part")
            self.file_seen = True
            self.file_name = self.filename
            # Owner-only: recordings are personal data.
            self.file = os.fdopen(os.open(self.dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                                          0o600), "wb")

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.name == "file":
            self.size += len(chunk)
            if self.size > self.max_bytes:
                raise HTTPException(413, f"file exceeds the upload limit of {self.max_bytes} bytes")
            if self.kind is None:
                self.head += chunk[:SNIFF_BYTES]
                if len(self.head) >= SNIFF_BYTES:
                    self.check_audio()
            self.digest.update(chunk)
            self.file.write(chunk)
        elif self.name in FIELDS:
            self.value += chunk
            if len(self.value) > MAX_FIELD_BYTES:
                raise HTTPException(413, f"{self.name}: field longer than {MAX_FIELD_BYTES} bytes")

    def part_end(self) -> None:
        if self.name == "file":
            if self.kind is None:
                self.check_audio()
            self.file.close()
        elif self.name in FIELDS:
            try:
                self.fields[self.name] = self.value.decode("utf-8").strip()
            except UnicodeDecodeError:
                raise HTTPException(422, f"{self.name}: not UTF-8 text") from None

    def check_audio(self) -> None:
        self.kind = sniff_audio(self.head)
        if self.kind is None:
            raise HTTPException(
                415, "file is not a recording we can read (sniffed content is not WAV, MP3, "
                     "FLAC, Ogg, M4A or AMR)")


async def receive_upload(request: Request, dest: Path, max_bytes: int) -> Upload:
    """Stream the multipart body into ``dest``; nothing is left on disk on any error."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise HTTPException(415, "expected a multipart/form-data body with a 'file' part")
    receiver = _Receiver(dest, max_bytes)
    try:
        parser = MultipartParser(params[b"boundary"], receiver.callbacks())
        try:
            async for chunk in request.stream():
                parser.write(chunk)
            parser.finalize()
        except FormParserError as exc:
            raise HTTPException(422, f"malformed multipart body: {exc}") from None
        if not receiver.file_seen:
            raise HTTPException(422, "file: field required (a multipart part named 'file')")
        if receiver.file is not None and not receiver.file.closed:
            raise HTTPException(422, "file: the multipart body ended inside the file part")
        if receiver.size == 0:
            raise HTTPException(422, "file: the uploaded file is empty")
    except BaseException:
        if receiver.file is not None:
            receiver.file.close()
        if dest.exists():
            os.unlink(dest)
        raise
    media_type, suffix = receiver.kind
    return Upload(path=dest, filename=receiver.file_name, size=receiver.size,
                  sha256=receiver.digest.hexdigest(), media_type=media_type, suffix=suffix,
                  fields=receiver.fields)


def remove_stale_parts(upload_dir: Path, *, older_than: float = 60.0) -> int:
    """Delete ``*.part`` files left by uploads a stopped server never finished (those not
    written to for ``older_than`` seconds, so another worker's upload in progress stays)."""
    import time

    removed = 0
    cutoff = time.time() - older_than
    for part in upload_dir.glob("*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed

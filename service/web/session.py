"""Sign-in for the pages: an API key becomes an HttpOnly, SameSite=Lax session cookie.

The cookie holds ``{key id, CSRF token, expiry}`` signed with HMAC-SHA256 (never the key
itself); every request re-reads the key row, so revoking the key ends its sessions. Each
form posts the session's CSRF token, and a cross-site ``Origin`` is refused as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from fastapi import Request
from sqlalchemy.orm import Session

from service.auth import Principal, Role
from service.models import ApiKey

COOKIE = "qa_session"
LOGIN_CSRF_COOKIE = "qa_login_csrf"
LIFETIME_SECONDS = 12 * 3600
SECRET_ENV = "QA_WEB_SECRET"


class LoginRequired(Exception):
    """No valid session: the page sends the browser to the sign-in form."""


class CsrfFailed(Exception):
    """A form post without the session's CSRF token, or from another origin."""


def secret_for(data_dir: Path) -> bytes:
    """``QA_WEB_SECRET``, else a random secret kept in ``<data_dir>/web-secret`` (0600), so
    sessions survive a restart and every worker of one data dir agrees."""
    if value := os.environ.get(SECRET_ENV):
        return value.encode()
    path = data_dir / "web-secret"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
    # Written aside, then linked into place: a worker racing this one reads either no
    # file or a whole one, and every worker ends with the first secret linked.
    tmp = data_dir / f".web-secret.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_hex(32).encode())
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_bytes()


def _sign(secret: bytes, body: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()


def encode(secret: bytes, key_id: int, *, now: float | None = None) -> tuple[str, str]:
    """A new cookie value and its CSRF token."""
    csrf = secrets.token_urlsafe(24)
    expires = int((now or time.time()) + LIFETIME_SECONDS)
    body = base64.urlsafe_b64encode(json.dumps({"k": key_id, "c": csrf, "e": expires},
                                               separators=(",", ":")).encode())
    return f"{body.decode()}.{_sign(secret, body)}", csrf


def decode(secret: bytes, value: str | None, *, now: float | None = None) -> dict | None:
    """The cookie's payload, or None when absent, forged or expired."""
    if not value or "." not in value:
        return None
    body, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(signature, _sign(secret, body.encode())):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body.encode()))
    except ValueError:
        return None
    if payload.get("e", 0) < (now or time.time()):
        return None
    return payload


def principal_of(session: Session, payload: dict) -> Principal | None:
    """The signed-in key's principal, unless the key was revoked since."""
    row = session.get(ApiKey, int(payload["k"]))
    if row is None or row.revoked:
        return None
    return Principal(key_id=row.id, role=Role(row.role), agent_id=row.agent_id, name=row.name)


def check_origin(request: Request) -> None:
    """Refuse a form posted from another site (defence in depth next to the token)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin.rstrip("/") != expected:
            raise CsrfFailed(f"form posted from {origin}, expected {expected}")


def check_token(expected: str | None, given: str | None) -> None:
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise CsrfFailed("missing or wrong CSRF token: reload the page and try again")

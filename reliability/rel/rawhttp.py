"""A minimal HTTP/1.1 client on asyncio raw sockets, able to send malformed requests.

Every exchange opens its own connection, so one misbehaving request cannot poison another.
"""
from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int | None = None          # None: no answer (see error)
    headers: dict = field(default_factory=dict)   # lower-cased name -> last value
    body: bytes = b""
    error: str | None = None           # 'timeout', 'closed', 'refused', 'reset', ...
    started: float = 0.0
    finished: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def is_problem(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() == "application/problem+json"

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:
            return None

    def order_id(self) -> int | None:
        """The order an answer names: Location /orders/{id}, or "orderId"/"id" in its JSON body."""
        location = self.headers.get("location", "")
        m = re.search(r"/orders/(\d+)", location)
        if m:
            return int(m.group(1))
        doc = self.json()
        if isinstance(doc, dict):
            for key in ("orderId", "id"):
                value = doc.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    return value
                if isinstance(value, str) and value.isdigit():
                    return int(value)
        return None


# The sample's users (HTTP Basic; documented in docs/sample.md). A request without an Authorization
# header of its own logs in as the customer its body or query names (ada if none or another name),
# as the kitchen on /kitchen routes, as the administrator on /admin routes.
PASSWORDS = {"ada": "ada-password", "grace": "grace-password", "alan": "alan-password",
             "admin": "admin-password", "kitchen": "kitchen-password"}


def user_for(path: bytes, body: bytes | None) -> str:
    if path.startswith(b"/kitchen"):
        return "kitchen"
    if path.startswith(b"/admin"):
        return "admin"
    named = re.search(rb'customer(?:"\s*:\s*"|=)(ada|grace|alan)\b', path + b" " + (body or b""))
    return named.group(1).decode() if named else "ada"


def authorization(user: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{PASSWORDS[user]}".encode()).decode()


def build(method: str, path: str, host: str, headers=(), body: bytes | None = None,
          content_length: bool = True, close: bool = True, version: str = "HTTP/1.1", auth: bool = True) -> bytes:
    """Bytes of a request; header names/values may be str or bytes (sent as they are). Logs in (HTTP Basic)
    unless auth is False or the headers have an Authorization of their own."""
    def b(x):
        return x if isinstance(x, bytes) else x.encode("utf-8", "surrogatepass")
    lines = [b(method) + b" " + b(path) + b" " + b(version)]
    names = set()
    for name, value in headers:
        names.add(b(name).lower())
        lines.append(b(name) + b": " + b(value))
    if auth and b"authorization" not in names:
        lines.append(b"Authorization: " + b(authorization(user_for(b(path), body))))
    if b"host" not in names:
        lines.insert(1, b"Host: " + b(host))
    if body is not None and content_length and b"content-length" not in names \
            and b"transfer-encoding" not in names:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    if close and b"connection" not in names:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


async def _read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    text = head.decode("latin-1")
    lines = text.split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers


async def _read_body(reader, status, headers, method):
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        out = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                # trailers
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return bytes(out)
            out += await reader.readexactly(size)
            await reader.readexactly(2)
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    return await reader.read(-1)


async def exchange(host: str, port: int, raw: bytes, timeout: float = 30.0, method: str | None = None,
                   close_after: float | None = None, source: str | None = None) -> Answer:
    """Sends raw request bytes and reads one answer.

    close_after: close the socket that many seconds after sending, without reading (error='abandoned').
    source: the local address to send from (another loopback address looks like another client).
    """
    answer = Answer(started=time.monotonic())
    if method is None:
        method = raw.split(b" ", 1)[0].decode("latin-1", "replace")
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(
            host, port, limit=2 ** 24, local_addr=(source, 0) if source else None), timeout)
        writer.write(raw)
        await writer.drain()
        if close_after is not None:
            await asyncio.sleep(close_after)
            answer.error = "abandoned"
            return answer

        async def read_all():
            status, headers = await _read_head(reader)
            while 100 <= status < 200 and status != 101:
                status, headers = await _read_head(reader)
            answer.status, answer.headers = status, headers
            answer.body = await _read_body(reader, status, headers, method)
        await asyncio.wait_for(read_all(), timeout)
    except asyncio.TimeoutError:
        answer.error = "timeout"
    except asyncio.IncompleteReadError:
        answer.error = "closed" if answer.status is None else "truncated"
    except ConnectionRefusedError:
        answer.error = "refused"
    except ConnectionResetError:
        answer.error = "reset" if answer.status is None else "truncated"
    except (OSError, ValueError, asyncio.LimitOverrunError) as ex:
        answer.error = type(ex).__name__ + ": " + str(ex)[:80]
    finally:
        answer.finished = time.monotonic()
        if writer is not None:
            try:
                writer.close()
            except Exception:
                pass
    return answer


async def request(host, port, method, path, headers=(), body=None, timeout=30.0, source=None, **kw) -> Answer:
    return await exchange(host, port, build(method, path, f"{host}:{port}", headers, body, **kw), timeout, method,
                          source=source)


def json_body(doc) -> bytes:
    return json.dumps(doc).encode()

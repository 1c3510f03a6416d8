"""The five phases of the hostile probe: WebSocket flood, stalled exports, frozen database, password
guessing, NUL user names. Each measures what the app does (caps, 429s, timeouts may or may not be in
place) and returns its figures as extra["summary"] (the table's answers cell) and its failed targets
as extra["fails"]."""
from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import time
from collections import Counter

from .app import App, Database
from .ledger import Ledger, status_key
from .phases import JSON, MENU, counts, new_key
from .rawhttp import Answer, authorization, build, exchange, request, _read_head, _read_body

PROBE_TARGET = 1.0       # s: p99 of the other customers' requests during a phase
LOG_LINES_PER_BAD_REQUEST = 1.0   # bound on the app's log lines per bad request


def basic(user: str, password: str | bytes) -> str:
    raw = (user.encode("utf-8", "surrogatepass") if isinstance(user, str) else user) + b":" + \
          (password.encode() if isinstance(password, str) else password)
    return "Basic " + base64.b64encode(raw).decode()


def pct(values, p: float) -> float:
    xs = sorted(values)
    return xs[max(0, math.ceil(p * len(xs)) - 1)] if xs else float("nan")


class Probes:
    """Latency and statuses of the normal requests sent during a phase (every request counts, a
    failed one with the time it took until it failed)."""

    def __init__(self, name: str):
        self.name, self.latency, self.statuses = name, [], Counter()
        self.created = time.monotonic()
        self.started = []        # when each was sent, since the probes were created

    def add(self, answer: Answer):
        self.latency.append(answer.finished - answer.started)
        self.started.append(answer.started - self.created)
        self.statuses[status_key(answer)] += 1

    @property
    def failed(self) -> int:
        return sum(n for k, n in self.statuses.items() if not k.startswith("2"))

    def summary(self) -> str:
        if not self.latency:
            return f"{self.name}: none sent"
        # With fewer than 100 samples the p99 is the maximum: say which one it was, and the next.
        slowest = max(range(len(self.latency)), key=self.latency.__getitem__)
        second = sorted(self.latency)[-2] if len(self.latency) > 1 else float("nan")
        return (f"{self.name}: {counts(self.statuses)}; p50 {pct(self.latency, .5):.2f} s, "
                f"p99 {pct(self.latency, .99):.2f} s of {len(self.latency)}, max {max(self.latency):.2f} s "
                f"(#{slowest + 1}, sent at +{self.started[slowest]:.1f} s; next {second:.2f} s)")

    def fails(self) -> list[str]:
        out = []
        if not self.latency:
            out.append(f"no {self.name} answered")
            return out
        if self.failed:
            out.append(f"{self.failed} of {len(self.latency)} {self.name} not 2xx")
        if pct(self.latency, .99) > PROBE_TARGET:
            out.append(f"{self.name} p99 {pct(self.latency, .99):.2f} s > {PROBE_TARGET:.0f} s")
        return out


async def probe_loop(stop: asyncio.Event, probes: Probes, ledger: Ledger, make, pause: float = 0.2):
    """Sends make(n) (an awaitable giving an Answer) again and again until stop is set."""
    n = 0
    while not stop.is_set():
        answer = await make(n)
        n += 1
        probes.add(answer)
        ledger.record(f"probe {probes.name}", answer)
        await asyncio.sleep(pause)


def log_mark(app: App) -> tuple[int, int] | None:
    """(lines, bytes) of the log of an app we started, None for an app started by someone else."""
    path = getattr(app, "log_path", None)
    if not path or not os.path.exists(path):
        return None
    if app.log:
        app.log.flush()
    data = open(path, "rb").read()
    return data.count(b"\n"), len(data)


def log_growth(app: App, mark, requests: int | None = None) -> tuple[str, float | None]:
    """What the app logged since mark: a text and the lines per request (None if not measured)."""
    now = log_mark(app)
    if mark is None or now is None:
        return "log: not measured (app not started by the suite)", None
    lines, size = now[0] - mark[0], now[1] - mark[1]
    text = f"log +{lines} lines, +{size / 1024:.0f} KiB"
    per = None
    if requests:
        per = lines / requests
        text += f" ({per:.2f} lines, {size / requests:.0f} B per bad request)"
    return text, per


def finish(ledger: Ledger, summary: str, fails: list[str], **extra) -> dict:
    ledger.notes.append("figures: " + summary)
    ledger.notes.append("all answers recorded: " + counts(ledger.statuses))
    return {"distinct_keys": None, "summary": summary, "fails": fails, **extra}


# 6. websocket-flood ---------------------------------------------------------------------------------------

async def phase_websocket_flood(app: App, db: Database, ledger: Ledger, opts) -> dict:
    mark = log_mark(app)
    hp = f"{app.host}:{app.port}"
    got = await request(app.host, app.port, "POST", "/ws/tickets", [("Authorization", authorization("ada"))])
    ledger.record("POST /ws/tickets (ada)", got)
    doc = got.json() if got.status == 200 else None
    ticket = doc.get("ticket") if isinstance(doc, dict) else None
    if not ticket:
        ledger.notes.append(f"no ticket (POST /ws/tickets answered {got.status or got.error}): sessions use a "
                            "made-up ticket")
        ticket = "no-ticket"
    sessions = Counter()     # status (101, 401, 429, ...) or error
    held = []                # (reader, writer) of open sessions
    stop_opening = asyncio.Event()
    deadline = time.monotonic() + opts.ws_seconds
    per_client = opts.ws_max // 2
    fds_peak = [app.open_fds() or 0]

    async def session():
        writer = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(app.host, app.port), 10)
            key = base64.b64encode(os.urandom(16)).decode()
            writer.write((f"GET /ws/notifications?ticket={ticket} HTTP/1.1\r\nHost: {hp}\r\n"
                          f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                          f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
            await writer.drain()
            started = time.monotonic()
            status, headers = await asyncio.wait_for(_read_head(reader), 10)
            answer = Answer(status=status, headers=headers, started=started, finished=time.monotonic())
            if status == 101:
                held.append((reader, writer))
                writer = None
            else:
                answer.body = await asyncio.wait_for(_read_body(reader, status, headers, "GET"), 5)
            sessions[str(status)] += 1
            ledger.record("WebSocket session", answer)
        except Exception as ex:   # refused, reset, timeout: the app did not even answer
            kind = "timeout" if isinstance(ex, asyncio.TimeoutError) else \
                "refused" if isinstance(ex, ConnectionRefusedError) else \
                "reset" if isinstance(ex, ConnectionResetError) else \
                "closed" if isinstance(ex, asyncio.IncompleteReadError) else type(ex).__name__
            sessions["no answer (" + kind + ")"] += 1
            ledger.sent += 1
            ledger.statuses["no answer (" + kind + ")"] += 1
        finally:
            if writer is not None:
                writer.transport.abort()

    async def client():
        tried = [0]

        async def opener():
            while time.monotonic() < deadline and tried[0] < per_client:
                tried[0] += 1
                await session()
        await asyncio.gather(*(opener() for _ in range(opts.ws_concurrency)))

    async def sample_fds():
        while not stop_opening.is_set():
            fds_peak[0] = max(fds_peak[0], app.open_fds() or 0)
            await asyncio.sleep(1)

    stop = asyncio.Event()
    anon, other = Probes("anonymous GET /customers"), Probes("grace GET /orders")
    probes = [asyncio.create_task(probe_loop(stop, anon, ledger, lambda n: request(
                  app.host, app.port, "GET", "/customers", auth=False, timeout=15))),
              asyncio.create_task(probe_loop(stop, other, ledger, lambda n: request(
                  app.host, app.port, "GET", "/orders?customer=grace&page=0&size=5", timeout=15)))]
    sampler = asyncio.create_task(sample_fds())
    t0 = time.monotonic()
    await asyncio.gather(client(), client())
    opening = time.monotonic() - t0
    await asyncio.sleep(opts.ws_hold)      # sessions held, probes go on
    stop_opening.set()
    await sampler
    fds_peak[0] = max(fds_peak[0], app.open_fds() or 0)
    stop.set()
    await asyncio.gather(*probes)
    closed_by_server = sum(1 for r, w in held if r.at_eof() or w.transport.is_closing())
    for r, w in held:
        w.transport.abort()
    await asyncio.sleep(1)
    logs, _ = log_growth(app, mark)
    opened = sessions.get("101", 0)
    refused = {k: n for k, n in sessions.items() if k != "101"}
    summary = (f"sessions: {opened} opened (101) in {opening:.0f} s, refused {counts(Counter(refused))}; "
               f"{closed_by_server} closed by the server while held · {anon.summary()} · {other.summary()} · "
               f"app fds peak {fds_peak[0]} · {logs}")
    return finish(ledger, summary, anon.fails() + other.fails())


# 7. stalled-exports ---------------------------------------------------------------------------------------

def seed_orders(db: Database, customer: str, rows: int) -> int:
    have = int(db.sql(f"SELECT count(*) FROM sample_orders WHERE customer = '{customer}'")[0][0])
    if have < rows:
        db.sql(f"INSERT INTO sample_orders (customer, status, delivery_minutes, created_at) "
               f"SELECT '{customer}', 'ACCEPTED', 20, now() - make_interval(secs => g) "
               f"FROM generate_series(1, {rows - have}) g")
    return rows - have if have < rows else 0


def server_side_states(port: int) -> dict[int, str] | None:
    """Peer port -> TCP state of the app's sockets on port (from ss; None if ss fails)."""
    try:
        out = subprocess.run(["ss", "-Htan", f"sport = :{port}"], capture_output=True, text=True, timeout=20).stdout
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None
    states = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] != "LISTEN":
            try:
                states[int(parts[4].rsplit(":", 1)[1])] = parts[0]
            except ValueError:
                pass
    return states


async def phase_stalled_exports(app: App, db: Database, ledger: Ledger, opts) -> dict:
    loop = asyncio.get_running_loop()
    customer = "alan"
    t = time.monotonic()
    added = await loop.run_in_executor(None, seed_orders, db, customer, opts.export_rows)
    ledger.notes.append(f"seeded {added} orders of {customer} in {time.monotonic() - t:.1f} s "
                        f"({opts.export_rows} wanted)")
    hp = f"{app.host}:{app.port}"
    raw = build("GET", "/orders/export", hp, [("Authorization", authorization(customer))])
    exports = Counter()
    stalled = []        # (local port, opened at, writer)

    async def export():
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        started = time.monotonic()
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (app.host, app.port)), 10)
            reader, writer = await asyncio.open_connection(sock=sock, limit=4096)
            writer.write(raw)
            await writer.drain()
            status, headers = await asyncio.wait_for(_read_head(reader), 30)
            answer = Answer(status=status, headers=headers, started=started, finished=time.monotonic())
            if status == 200:
                got = 0
                while got < 2048:
                    chunk = await asyncio.wait_for(reader.read(2048 - got), 30)
                    if not chunk:
                        break
                    got += len(chunk)
                writer.transport.pause_reading()     # and read no more
                stalled.append((sock.getsockname()[1], time.monotonic(), writer))
            else:
                answer.body = await asyncio.wait_for(_read_body(reader, status, headers, "GET"), 10)
                writer.transport.abort()
            exports[str(status)] += 1
            ledger.record("stalled GET /orders/export", answer)
        except Exception as ex:
            kind = "timeout" if isinstance(ex, asyncio.TimeoutError) else type(ex).__name__
            exports["no answer (" + kind + ")"] += 1
            ledger.record("stalled GET /orders/export", Answer(error=kind, started=started, finished=time.monotonic()))
            sock.close()

    stop = asyncio.Event()
    orders_p, login_p, admin_p = Probes("ada/grace GET /orders"), Probes("grace login (POST /ws/tickets)"), \
        Probes("admin GET /actuator/bridge")
    probes = [
        asyncio.create_task(probe_loop(stop, orders_p, ledger, lambda n: request(
            app.host, app.port, "GET", f"/orders?customer={('ada', 'grace')[n % 2]}&page=0&size=5", timeout=15))),
        asyncio.create_task(probe_loop(stop, login_p, ledger, lambda n: request(
            app.host, app.port, "POST", "/ws/tickets", [("Authorization", authorization("grace"))], timeout=15),
            0.5)),
        asyncio.create_task(probe_loop(stop, admin_p, ledger, lambda n: request(
            app.host, app.port, "GET", "/actuator/bridge", [("Authorization", authorization("admin"))],
            timeout=15), 0.5)),
    ]
    await asyncio.sleep(1)
    await asyncio.gather(*(export() for _ in range(opts.export_count)))
    closed_at = {}
    pool_busy, pool_total = 0, 0
    hold_end = time.monotonic() + opts.export_hold
    while time.monotonic() < hold_end:
        # the app's side of each export, seen locally (an app elsewhere: only resets are seen)
        states = await loop.run_in_executor(None, server_side_states, app.port) if app.pid else None
        busy, total, _ = await loop.run_in_executor(None, db.held_connections)
        pool_busy, pool_total = max(pool_busy, busy), max(pool_total, total)
        now = time.monotonic()
        for port, opened, writer in stalled:
            if port not in closed_at and (writer.transport.is_closing()
                                          or states is not None and states.get(port, "gone") != "ESTAB"):
                closed_at[port] = now - opened
        await asyncio.sleep(2)
    stop.set()
    await asyncio.gather(*probes)
    for _, _, writer in stalled:
        writer.transport.abort()
    open_at_end = len(stalled) - len(closed_at)
    closed = sorted(closed_at.values())
    closed_text = (f"{len(closed)} closed by the server (median {statistics.median(closed):.0f} s after the 2 KB)"
                   if closed else "none closed by the server")
    summary = (f"exports: {counts(exports)}; {len(stalled)} stalled after 2 KB, {closed_text}, {open_at_end} still "
               f"open after {opts.export_hold:.0f} s · {orders_p.summary()} · {login_p.summary()} · "
               f"{admin_p.summary()} · app's DB backends during the hold: max {pool_busy} busy, {pool_total} in all")
    fails = orders_p.fails() + login_p.fails() + admin_p.fails()
    return finish(ledger, summary, fails)


# 8. db-freeze ----------------------------------------------------------------------------------------------

def app_backends(db: Database) -> list[int]:
    return [int(r[0]) for r in db.sql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{db.name}' "
                                      f"AND pid <> pg_backend_pid()", "postgres")]


def signal_all(pids, sig) -> int:
    n = 0
    for pid in pids:
        try:
            os.kill(pid, sig)
            n += 1
        except ProcessLookupError:
            pass
    return n


async def kitchen_states(app: App, ids) -> dict[int, str]:
    async def one(oid):
        answer = await request(app.host, app.port, "GET", f"/kitchen/orders/{oid}", timeout=15)
        doc = answer.json()
        return oid, (doc.get("state") if isinstance(doc, dict) and answer.status == 200
                     else f"? ({answer.status or answer.error})")
    from .phases import gather_limited
    return dict(await gather_limited([one(i) for i in ids], 16))


async def phase_db_freeze(app: App, db: Database, ledger: Ledger, opts) -> dict:
    loop = asyncio.get_running_loop()
    before = db.max_order_id()
    keys = [new_key("freeze") for _ in range(opts.freeze_orders)]
    customers = ["ada", "grace", "alan"]
    bodies = {k: json.dumps({"customer": customers[i % 3], "items": [MENU[i % len(MENU)], k]}).encode()
              for i, k in enumerate(keys)}
    first, retry = Counter(), Counter()
    waited = []     # how long the first requests waited for their answers

    async def post(key, tally, case):
        raw = build("POST", "/orders", f"{app.host}:{app.port}", JSON + [("Idempotency-Key", key)], bodies[key])
        answer = await exchange(app.host, app.port, raw, opts.freeze_seconds + 60, "POST")
        ledger.record(case, answer, order_post=True, key=key)
        tally[status_key(answer)] += 1
        if tally is first:
            waited.append(answer.finished - answer.started)
        return answer

    frozen = set()
    thawed = asyncio.Event()

    async def freezer():
        # A frozen database stays frozen: backends the pool opens meanwhile are stopped too.
        end = time.monotonic() + opts.freeze_seconds
        try:
            while time.monotonic() < end:
                pids = set(await loop.run_in_executor(None, app_backends, db)) - frozen
                signal_all(pids, signal.SIGSTOP)
                frozen.update(pids)
                await asyncio.sleep(min(1, max(0, end - time.monotonic())))
        finally:
            signal_all(frozen, signal.SIGCONT)
            thawed.set()

    # The first third is sent just before the freeze (caught mid-flight), the rest during it.
    pre = opts.freeze_orders // 3
    tasks = [asyncio.create_task(post(k, first, "POST /orders (first)")) for k in keys[:pre]]
    await asyncio.sleep(0.15)
    freeze = asyncio.create_task(freezer())
    try:
        for k in keys[pre:]:
            tasks.append(asyncio.create_task(post(k, first, "POST /orders (first)")))
            await asyncio.sleep(min(0.2, opts.freeze_seconds / 2 / max(1, len(keys) - pre)))
        await asyncio.gather(*tasks)
    finally:
        await freeze
    ledger.notes.append(f"froze {len(frozen)} backends for {opts.freeze_seconds:.0f} s")
    await asyncio.sleep(opts.freeze_retry_after)
    await asyncio.gather(*(post(k, retry, "POST /orders (retry after thaw)") for k in keys))

    def check() -> dict:
        rows = db.sql(f"SELECT o.id, o.status, coalesce(i.name, '') FROM sample_orders o LEFT JOIN "
                      f"sample_order_items i ON i.order_id = o.id AND i.name LIKE 'freeze-%' WHERE o.id > {before}")
        stored = {int(r[0]): (r[1], r[2]) for r in rows}
        kitchen = asyncio.run(kitchen_states(app, stored))
        by_key = {}
        for oid, (status, key) in stored.items():
            by_key.setdefault(key or "?", []).append(oid)

        def cooked(oid):
            return kitchen.get(oid) == "COOKING" or stored[oid][0] == "ACCEPTED"
        cooked_twice = sum(1 for k, ids in by_key.items() if k != "?" and sum(map(cooked, ids)) > 1)
        two_orders = sum(1 for k, ids in ledger.keys.items() if len(ids) > 1)
        mismatch = [f"#{oid} stored {s}, kitchen {kitchen.get(oid)}" for oid, (s, _) in sorted(stored.items())
                    if (s == "ACCEPTED") != (kitchen.get(oid) == "COOKING")]
        summary = (f"first: {counts(first)} (waited p50 {pct(waited, .5):.1f} s, max {max(waited):.1f} s) · retry after thaw: {counts(retry)} · stored: "
                   f"{counts(Counter(s for s, _ in stored.values()))}; kitchen: {counts(Counter(kitchen.values()))} · "
                   f"cooked twice: {cooked_twice}; keys answered with two orders: {two_orders}; keys without "
                   f"an order: {sum(1 for k in keys if k not in by_key)}; "
                   f"stored state ≠ kitchen: {len(mismatch)}"
                   + (f"; {len(by_key['?'])} orders without a key item" if "?" in by_key else ""))
        fails = []
        if cooked_twice:
            fails.append(f"{cooked_twice} keys cooked twice")
        if mismatch:
            fails.append(f"{len(mismatch)} orders whose stored state disagrees with the kitchen")
            ledger.notes.extend("stored vs kitchen: " + m for m in mismatch[:5])
        ledger.notes.append("figures: " + summary)
        ledger.notes.append("all answers recorded: " + counts(ledger.statuses))
        return {"summary": summary, "fails": fails}

    return {"distinct_keys": len(keys), "legit_5xx": (502, 503, 504), "check": check}


# 9. password-guessing -------------------------------------------------------------------------------------

GUESSER_ADDRESS = "127.0.0.2"

async def keep_alive_requests(app: App, raw: bytes, stop: asyncio.Event, on_answer, source: str | None = None):
    """One connection sending raw again and again (reconnecting when the server closes it)."""
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(
                app.host, app.port, local_addr=(source, 0) if source else None), 10)
            while not stop.is_set():
                started = time.monotonic()
                writer.write(raw)
                await writer.drain()
                status, headers = await asyncio.wait_for(_read_head(reader), 15)
                body = await asyncio.wait_for(_read_body(reader, status, headers, "GET"), 15)
                on_answer(Answer(status=status, headers=headers, body=body, started=started,
                                 finished=time.monotonic()))
                if headers.get("connection", "").lower() == "close":
                    break
        except Exception as ex:
            kind = "timeout" if isinstance(ex, asyncio.TimeoutError) else \
                "closed" if isinstance(ex, asyncio.IncompleteReadError) else type(ex).__name__
            on_answer(Answer(error=kind, started=time.monotonic(), finished=time.monotonic()))
            await asyncio.sleep(0.05)
        finally:
            if writer is not None:
                writer.transport.abort()


async def phase_password_guessing(app: App, db: Database, ledger: Ledger, opts) -> dict:
    # Timing first, on a quiet app: unknown users against existing ones with a wrong password. Each
    # sample comes from its own loopback address and the existing users take turns, so that no
    # failed-login limit (per address, per user name) is reached and every sample pays the check.
    timing = {"unknown": [], "existing": []}
    timing_status = Counter()
    existing_users = ("alan", "admin", "ada")
    for n in range(opts.timing_samples + 5):
        for kind, user in (("unknown", f"nobody{n}"), ("existing", existing_users[n % len(existing_users)])):
            answer = await request(app.host, app.port, "GET", "/orders?page=0&size=1",
                                   [("Authorization", basic(user, f"wrong-{n}"))], timeout=15,
                                   source=f"127.0.1.{n + 1}")
            ledger.record(f"timing {kind}", answer)
            timing_status[f"{kind} {status_key(answer)}"] += 1
            if n >= 5:     # the first five of each warm up
                timing[kind].append(answer.finished - answer.started)
    unknown, existing = statistics.median(timing["unknown"]), statistics.median(timing["existing"])

    mark = log_mark(app)
    guesses, retry_after = Counter(), [0]
    raw = build("GET", "/orders?customer=ada&page=0&size=1", f"{app.host}:{app.port}",
                [("Authorization", basic("ada", "wrong"))], close=False)

    def on_guess(answer: Answer):
        guesses[status_key(answer)] += 1
        ledger.record("guess ada:wrong", answer)
        if answer.status == 429 and "retry-after" in answer.headers:
            retry_after[0] += 1

    stop, probe_stop = asyncio.Event(), asyncio.Event()
    lister, orderer = Probes("grace GET /orders"), Probes("grace POST /orders")

    async def place(n):
        key = new_key("guess")
        raw = build("POST", "/orders", f"{app.host}:{app.port}", JSON + [("Idempotency-Key", key)],
                    json.dumps({"customer": "grace", "items": [random.choice(MENU)]}).encode())
        answer = await exchange(app.host, app.port, raw, 15, "POST")
        ledger.record("grace POST /orders", answer, order_post=True, key=key)
        return answer

    async def order_probe():
        while not probe_stop.is_set():
            answer = await place(0)
            orderer.add(answer)
            await asyncio.sleep(0.2)

    def list_orders(n):
        return request(app.host, app.port, "GET", "/orders?customer=grace&page=0&size=5", timeout=15)

    # Grace's requests on the quiet app first: what they take without the guesser (and the order
    # path warmed up, as on a service that has been running).
    quiet_list, quiet_order = Probes("quiet GET"), Probes("quiet POST")
    for n in range(5):
        quiet_list.add(await list_orders(n))
        quiet_order.add(await place(n))
    probes = [asyncio.create_task(probe_loop(probe_stop, lister, ledger, list_orders)),
              asyncio.create_task(order_probe())]
    # The guesser is another client than the customers it disturbs: its own loopback address.
    guessers = [asyncio.create_task(keep_alive_requests(app, raw, stop, on_guess, source=GUESSER_ADDRESS))
                for _ in range(opts.guess_conns)]
    await asyncio.sleep(opts.guess_seconds)
    stop.set()
    probe_stop.set()
    await asyncio.gather(*guessers, *probes)
    sent = sum(guesses.values())
    logs, per = log_growth(app, mark, sent)
    summary = (f"guesses: {sent} in {opts.guess_seconds:.0f} s, {counts(guesses)}; 429 with Retry-After: "
               f"{retry_after[0]} · grace before the guessing (5 each): GET p50 {pct(quiet_list.latency, .5):.2f} s, "
               f"POST p50 {pct(quiet_order.latency, .5):.2f} s · {lister.summary()} · {orderer.summary()} · "
               f"orders failed: {orderer.failed} · "
               f"median unknown user {unknown * 1000:.1f} ms vs existing user, wrong password "
               f"{existing * 1000:.1f} ms (difference {(existing - unknown) * 1000:+.1f} ms; {counts(timing_status)})"
               f" · {logs}")
    fails = lister.fails() + orderer.fails()
    if per is not None and per > LOG_LINES_PER_BAD_REQUEST:
        fails.append(f"{per:.2f} log lines per bad request > {LOG_LINES_PER_BAD_REQUEST:g}")
    return finish(ledger, summary, fails)


# 10. nul-users ---------------------------------------------------------------------------------------------

BAD_USERS = [b"ad\x00a", b"\x00", b"ada\x00", b"a\x01d\x02a", b"ada\x1b[31m", b"ada\x7f", b"ad\ta",
             b"ada\r\nX-Injected: 1", b"ada\x00\x00\x00" * 20, b"\x08\x0b\x0c\x0e\x1f"]


async def phase_nul_users(app: App, db: Database, ledger: Ledger, opts) -> dict:
    mark = log_mark(app)
    hp = f"{app.host}:{app.port}"
    deadline = time.monotonic() + opts.nul_seconds
    sent = [0]
    statuses = Counter()
    paths = ["/orders?page=0&size=1", "/customers", "/orders/export", "/ws/tickets"]

    async def worker():
        while sent[0] < opts.nul_requests and time.monotonic() < deadline:
            n = sent[0]
            sent[0] += 1
            user = BAD_USERS[n % len(BAD_USERS)]
            path = paths[n % len(paths)]
            auth = "Basic " + base64.b64encode(user + b":pw").decode()
            raw = build("POST" if path == "/ws/tickets" else "GET", path, hp, [("Authorization", auth)])
            answer = await exchange(app.host, app.port, raw, 15)
            ledger.record(f"NUL user {user[:12]!r} {path}", answer)
            statuses[status_key(answer)] += 1
    await asyncio.gather(*(worker() for _ in range(opts.nul_concurrency)))
    await asyncio.sleep(2)     # what the app still writes about them
    n = sent[0]
    logs, per = log_growth(app, mark, n)
    bad = sum(v for k, v in statuses.items() if not k.startswith("4"))
    summary = f"bad user names: {n} sent, {counts(statuses)} · {logs}"
    fails = [f"{bad} answers not 4xx"] if bad else []
    if per is not None and per > LOG_LINES_PER_BAD_REQUEST:
        fails.append(f"{per:.2f} log lines per bad request > {LOG_LINES_PER_BAD_REQUEST:g}")
    return finish(ledger, summary, fails)


HOSTILE_PHASES = {
    "websocket-flood": (phase_websocket_flood, {}),
    "stalled-exports": (phase_stalled_exports, {}),
    "db-freeze": (phase_db_freeze, {}),
    "password-guessing": (phase_password_guessing, {}),
    "nul-users": (phase_nul_users, {}),
}

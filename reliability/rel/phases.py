"""The five phases. Each sends its load to the app, records every answer in a Ledger and returns extras."""
from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
import uuid
from collections import Counter

from . import fuzz
from .app import App, Database
from .ledger import Ledger, status_key
from .rawhttp import Answer, authorization, build, exchange, request, _read_head, _read_body

JSON = [("Content-Type", "application/json")]
MENU = ["margherita", "tiramisu", "calzone", "salad"]
CUSTOMERS = ["ada", "grace", "alan"]


def order_body(customer: str | None = None, key: str | None = None) -> bytes:
    """A random order; the same for every request with the same Idempotency-Key, as a real retry
    resends the request it retries (a different body or customer is a different request)."""
    rnd = random.Random(key) if key else random
    return json.dumps({"customer": customer or rnd.choice(CUSTOMERS),
                       "items": rnd.sample(MENU, rnd.randint(1, 3))}).encode()


def new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4()}"


async def post_order(app: App, ledger: Ledger, case: str, key: str | None, timeout=30.0, close_after=None,
                     customer: str | None = None) -> Answer:
    headers = JSON + ([("Idempotency-Key", key)] if key else [])
    raw = build("POST", "/orders", f"{app.host}:{app.port}", headers, order_body(customer, key))
    answer = await exchange(app.host, app.port, raw, timeout, "POST", close_after)
    if close_after is None:
        ledger.record(case, answer, order_post=True, key=key)
    else:
        ledger.sent += 1
        ledger.statuses["abandoned by client" if answer.error == "abandoned" else "no answer (" + str(answer.error) + ")"] += 1
        ledger.keyed_posts += 1
    return answer


def counts(counter: Counter) -> str:
    return ", ".join(f"{k}×{n}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"


async def gather_limited(coros, limit):
    sem = asyncio.Semaphore(limit)

    async def run(c):
        async with sem:
            return await c
    return await asyncio.gather(*(run(c) for c in coros))


# 1. bad input -----------------------------------------------------------------------------------------

async def phase_fuzz(app: App, db: Database, ledger: Ledger, opts) -> dict:
    all_cases = fuzz.cases(app.host, app.port)
    sequential = [c for c in all_cases if c.key is not None]   # same key reused: order matters
    parallel = [c for c in all_cases if c.key is None]

    async def run(case: fuzz.Case):
        answer = await exchange(app.host, app.port, case.raw, opts.fuzz_timeout)
        ledger.record(case.name, answer, order_post=case.order_post, key=case.key)
        if answer.status is None and answer.error == "timeout":
            ledger.notes.append(f"no answer within {opts.fuzz_timeout:.0f}s (a hang): {case.name}")
        elif answer.status is not None and answer.status >= 500:
            ledger.notes.append(f"{answer.status}: {case.name}")
        if case.websocket and answer.status == 101:
            ledger.notes.append(f"upgraded (101): {case.name}")
    await gather_limited([run(c) for c in parallel], 16)
    for c in sequential:
        await run(c)
    return {"distinct_keys": None}


# 2. disconnect storm ------------------------------------------------------------------------------------

async def phase_storm(app: App, db: Database, ledger: Ledger, opts) -> dict:
    before = db.max_order_id()
    keys = []
    for wave in range(opts.storm_clients // 100):
        batch = [new_key("storm") for _ in range(100)]
        keys += batch
        await asyncio.gather(*(post_order(app, ledger, "storm", k, close_after=random.uniform(0.05, 0.2))
                               for k in batch))
    # A client that went away retries with the same key: this must not make a second order.
    await asyncio.sleep(3)
    stored = db.orders_since(before)
    by_status = {}
    for status in stored.values():
        by_status[status] = by_status.get(status, 0) + 1
    ledger.notes.append(f"{len(stored)} of {len(keys)} abandoned requests had stored an order 3 s after the storm "
                        f"({', '.join(f'{k}={v}' for k, v in sorted(by_status.items())) or 'none'})")
    retried = random.sample(keys, min(opts.storm_retries, len(keys)))

    # Every retry must name an order (201 with an id, or the first answer's failure with its id):
    # a retry answered without one (429, 5xx without an order, no answer) proves nothing about the
    # key, so it is counted and fails the phase instead of passing the check vacuously.
    unnamed = Counter()

    async def retry_twice(key):
        for attempt in (1, 2):
            answer = await post_order(app, ledger, f"storm retry {attempt} (same Idempotency-Key)", key, timeout=60)
            if answer.status is None or answer.order_id() is None:
                unnamed[status_key(answer)] += 1
    await asyncio.gather(*(retry_twice(k) for k in retried))
    named = 2 * len(retried) - sum(unnamed.values())
    summary = (f"retries: {2 * len(retried)} ({len(retried)} keys twice), {named} named an order, "
               f"{sum(unnamed.values())} named none" + (f" ({counts(unnamed)})" if unnamed else ""))
    ledger.notes.append("figures: " + summary)
    fails = [f"{sum(unnamed.values())} of {2 * len(retried)} retries named no order ({counts(unnamed)})"] \
        if unnamed else []
    return {"distinct_keys": len(keys), "fails": fails}


# 3. backend terminations ---------------------------------------------------------------------------------

async def phase_terminations(app: App, db: Database, ledger: Ledger, opts) -> dict:
    timeline = []   # (started, finished, ok)
    stop = asyncio.Event()
    keys = set()

    async def worker(n):
        while not stop.is_set():
            if n % 4 == 3:
                answer = await request(app.host, app.port, "GET", "/orders?customer=ada&page=0&size=5", timeout=15)
                ledger.record("load GET /orders", answer)
            else:
                key = new_key("term")
                keys.add(key)
                answer = await post_order(app, ledger, "load POST /orders", key, timeout=15)
            ok = answer.status is not None and 200 <= answer.status < 300
            timeline.append((answer.started, answer.finished, ok))
            if not ok:
                await asyncio.sleep(0.05)

    workers = [asyncio.create_task(worker(n)) for n in range(opts.term_workers)]
    kills = []
    await asyncio.sleep(3)
    loop = asyncio.get_running_loop()
    for i in range(opts.terminations):
        t0 = time.monotonic()
        killed = await loop.run_in_executor(None, db.terminate_backends)
        kills.append((t0, killed))
        await asyncio.sleep(opts.term_interval)
    stop.set()
    await asyncio.gather(*workers)
    recoveries = []
    for i, (t0, killed) in enumerate(kills):
        t1 = kills[i + 1][0] if i + 1 < len(kills) else float("inf")
        # requests succeed again: the first success that started after the last failure (or after the
        # termination, if none failed) has finished
        failures = [r for r in timeline if not r[2] and t0 <= r[1] < t1]
        since = max([t0] + [r[1] for r in failures])
        successes = [r[1] for r in timeline if r[2] and r[0] >= since and r[1] < t1]
        recoveries.append(min(successes) - t0 if successes else float("inf"))
    ledger.notes.append("backends terminated per kill: " + ", ".join(str(k) for _, k in kills))
    ledger.notes.append("recovery per kill (s): " + ", ".join("never" if r == float("inf") else f"{r:.2f}"
                                                              for r in recoveries))
    failed = sum(1 for r in timeline if not r[2])
    ledger.notes.append(f"{failed} of {len(timeline)} requests under load failed")
    return {"distinct_keys": len(keys), "recovery": recoveries, "mixed": True}


# 4. overload burst ---------------------------------------------------------------------------------------

async def phase_overload(app: App, db: Database, ledger: Ledger, opts) -> dict:
    keys = [new_key("burst") for _ in range(opts.burst)]
    t = time.monotonic()
    answers = await asyncio.gather(*(post_order(app, ledger, "burst", k, timeout=opts.burst_timeout) for k in keys))
    took = time.monotonic() - t
    latencies = sorted(a.finished - a.started for a in answers if a.status is not None)
    if latencies:
        ledger.notes.append(f"burst answered in {took:.1f}s; latency p50 {latencies[len(latencies) // 2]:.2f}s, "
                            f"max {latencies[-1]:.2f}s")
    if not ledger.statuses.get("503"):
        ledger.notes.append("no 503 answered: the admission limit (bridge.web.max-concurrent-requests) is missing "
                            "or was not reached")
    if ledger.missing_retry_after:
        ledger.notes.append(f"{ledger.missing_retry_after} answers 503 without Retry-After")
    return {"distinct_keys": len(keys), "overload": True}


# 5. stalled connections ----------------------------------------------------------------------------------

async def phase_stall(app: App, db: Database, ledger: Ledger, opts) -> dict:
    hp = f"{app.host}:{app.port}"
    body = b'{"customer":"ada","items":["margherita"]}'
    kinds = {
        "silent": b"",
        "half request line": b"POST /ord",
        "half headers": b"POST /orders HTTP/1.1\r\nHost: " + hp.encode() + b"\r\nContent-Ty",
        "half body": b"POST /orders HTTP/1.1\r\nHost: " + hp.encode() + b"\r\nContent-Type: application/json\r\n"
                     b"Authorization: " + authorization("ada").encode() + b"\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:15],
        "idle keep-alive": b"GET /customers HTTP/1.1\r\nHost: " + hp.encode() + b"\r\n\r\n",
    }
    names = list(kinds)
    opened = {k: 0 for k in names}
    closed = {k: [] for k in names}
    failed_open = {k: 0 for k in names}
    writers = []
    hold_until = [float("inf")]
    start = time.monotonic()
    open_sem = asyncio.Semaphore(400)

    async def stalled(kind):
        try:
            async with open_sem:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(app.host, app.port), 30)
                writers.append(writer)
                if kinds[kind]:
                    writer.write(kinds[kind])
                    await writer.drain()
                opened[kind] += 1
                t_open = time.monotonic()
                if kind == "idle keep-alive":
                    status, headers = await asyncio.wait_for(_read_head(reader), 30)
                    await _read_body(reader, status, headers, "GET")
        except Exception:
            failed_open[kind] += 1
            return
        try:
            while True:
                remaining = hold_until[0] - time.monotonic()
                if remaining <= 0:
                    return
                try:
                    data = await asyncio.wait_for(reader.read(65536), min(remaining, 5))
                except asyncio.TimeoutError:
                    continue
                if not data:
                    break
        except (ConnectionError, OSError):
            pass
        closed[kind].append(time.monotonic() - t_open)

    probes = {"ok": 0, "failed": 0, "latency": []}
    stop = asyncio.Event()

    async def probe():
        n = 0
        while not stop.is_set():
            n += 1
            if n % 5 == 0:
                answer = await post_order(app, ledger, "probe POST /orders", new_key("stall"), timeout=15)
            else:
                answer = await request(app.host, app.port, "GET", "/customers", timeout=15)
                ledger.record("probe GET /customers", answer)
            if answer.status is not None and 200 <= answer.status < 300:
                probes["ok"] += 1
                probes["latency"].append(answer.finished - answer.started)
            else:
                probes["failed"] += 1
            await asyncio.sleep(0.2)

    probe_tasks = [asyncio.create_task(probe()) for _ in range(2)]
    tasks = [asyncio.create_task(stalled(names[i % len(names)])) for i in range(opts.stall_count)]
    # wait until all are opened, then hold for stall_hold seconds
    while sum(opened.values()) + sum(failed_open.values()) < opts.stall_count and time.monotonic() - start < 120:
        await asyncio.sleep(0.5)
    opened_at = time.monotonic() - start
    hold_until[0] = time.monotonic() + opts.stall_hold
    await asyncio.gather(*tasks, return_exceptions=True)
    stop.set()
    await asyncio.gather(*probe_tasks)
    for w in writers:
        try:
            w.transport.abort()
        except Exception:
            pass
    total_closed = sum(len(v) for v in closed.values())
    ledger.notes.append(f"{sum(opened.values())} stalled connections opened in {opened_at:.1f}s "
                        f"({sum(failed_open.values())} failed to open); held {opts.stall_hold:.0f}s")
    for k in names:
        times = closed[k]
        med = f", median {statistics.median(times):.1f}s after opening" if times else ""
        ledger.notes.append(f"server closed {len(times)}/{opened[k]} '{k}'{med}")
    if total_closed == 0:
        ledger.notes.append("the server closed no stalled connection: no read/idle timeouts in force")
    lat = sorted(probes["latency"])
    if lat:
        ledger.notes.append(f"normal requests meanwhile: {probes['ok']} ok, {probes['failed']} failed; "
                            f"p50 {lat[len(lat) // 2]:.2f}s, max {lat[-1]:.2f}s")
    else:
        ledger.notes.append(f"normal requests meanwhile: 0 ok, {probes['failed']} failed")
    return {"distinct_keys": None, "stall_closed": total_closed, "stall_opened": sum(opened.values()),
            "probe_failed": probes["failed"], "probe_ok": probes["ok"]}


async def detect_contract(app: App) -> list[str]:
    """Which parts of the sample's contract the running app has; the suite tolerates missing ones."""
    found = []
    hp = (app.host, app.port)
    key = new_key("detect")
    first = await post_order(app, Ledger("detect"), "detect", key, customer="ada")
    second = await post_order(app, Ledger("detect"), "detect", key, customer="ada")
    await post_order(app, Ledger("detect"), "detect", new_key("detect"), customer="ada")  # ada has 2+ orders
    if first.status is None or second.status is None:
        found.append(f"Idempotency-Key: unknown (no answer: {first.error or second.error})")
    elif first.order_id() is not None and first.order_id() == second.order_id():
        found.append("Idempotency-Key: honoured (a repeated key answered the same order)")
    else:
        found.append(f"Idempotency-Key: MISSING (a repeated key answered #{first.order_id()} then #{second.order_id()})")
    paged = await request(*hp, "GET", "/orders?customer=ada&page=0&size=1")
    doc = paged.json()
    items = doc if isinstance(doc, list) else (doc.get("content") or doc.get("orders") or doc.get("items")) \
        if isinstance(doc, dict) else None
    if paged.status == 200 and isinstance(items, list) and len(items) <= 1:
        found.append("paging of GET /orders: present (size=1 answered at most one order)")
    else:
        found.append(f"paging of GET /orders: MISSING (size=1 answered {paged.status} with "
                     f"{len(items) if isinstance(items, list) else '?'} orders)")
    oid = first.order_id() or 1
    cancel = await request(*hp, "DELETE", f"/kitchen/orders/{oid}")
    text = cancel.body.decode("utf-8", "replace")
    if cancel.status in (404, 405) and ("static resource" in text or cancel.status == 405):
        found.append(f"kitchen cancel DELETE /kitchen/orders/{{id}}: MISSING ({cancel.status})")
    else:
        found.append(f"kitchen cancel DELETE /kitchen/orders/{{id}}: present ({cancel.status})")
    return found


PHASES = {
    "fuzz": (phase_fuzz, {}),
    "storm": (phase_storm, {"kitchen.delay": "2s"}),
    "terminations": (phase_terminations, {}),
    "overload": (phase_overload, {}),
    "stall": (phase_stall, {}),
}

"""Reliability suite of the food-delivery sample: runs the phases, measures, prints and records the table."""
from __future__ import annotations

import argparse
import asyncio
import glob
import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import urlparse

from .app import App, Database
from .ledger import Ledger
from .hostile import HOSTILE_PHASES
from .phases import PHASES, detect_contract

PHASES = {**PHASES, **HOSTILE_PHASES}

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # reliability/
ROOT = os.path.dirname(HERE)

EPILOG = """phases (reliability/README.md says more):
  fuzz               about 350 bad requests to every endpoint: no 5xx, problem details, no hang
  storm              1000 orders with keys, abandoned 50-200 ms after sending; 100 keys retried twice
  terminations       load while the app's PostgreSQL backends are terminated every 8 s: recovery < 2 s
  overload           5000 POST /orders at once: only 503/504 problem details besides 2xx
  stall              10,000 silent/half-sent/idle connections: all closed by the server within 75 s
  websocket-flood    WebSocket sessions on one ticket, as many as open in 15 s (up to 18,000)
  stalled-exports    20 GET /orders/export of 300,000 orders that stop reading after 2 KB, held 75 s
  db-freeze          90 keyed orders while the database is stopped 40 s, each retried once: none
                     cooked twice, stored state agrees with the kitchen
  password-guessing  64 connections guessing ada's password for 20 s; unknown vs existing user timing
  nul-users          ~4000 Basic user names with NUL/control characters in 5 s: all 4xx, <= 1 log line each
phases 6-10 also require other customers' requests meanwhile to be answered 2xx with p99 under 1 s."""


def parse_args(argv):
    p = argparse.ArgumentParser(prog="reliability/run.sh", description=__doc__, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("phases", nargs="*", choices=[[]] + list(PHASES), metavar="PHASE",
                   help=f"phases to run, in this order (default: all): {', '.join(PHASES)}")
    p.add_argument("--url", help="an already running sample (http://host:port): nothing is built, started or dropped")
    p.add_argument("--pid", type=int, help="with --url: the app's process id (default: whoever listens on the port)")
    p.add_argument("--db", default=os.environ.get("SAMPLE_DATABASE", "reliability"),
                   help="PostgreSQL database of the app; dropped and created unless --url/--keep-db "
                        "(default: $SAMPLE_DATABASE or 'reliability')")
    p.add_argument("--keep-db", action="store_true", help="do not drop/create the database")
    p.add_argument("--port", type=int, default=18080, help="port to start the app on (default 18080)")
    p.add_argument("--jar", help="the sample's jar (default: sample-app/target/*.jar)")
    p.add_argument("--set", action="append", default=[], metavar="PROP=VALUE",
                   help="extra property for the started app, e.g. --set bridge.web.max-concurrent-requests=200")
    p.add_argument("--settle", type=float, default=10, help="seconds to wait after a phase before measuring (10)")
    p.add_argument("--label", default=None, help="heading of this run in results.md (default: 'Run at <git hash>')")
    p.add_argument("--results", default=os.path.join(HERE, "results.md"))
    p.add_argument("--fuzz-timeout", type=float, default=20)
    p.add_argument("--storm-clients", type=int, default=1000)
    p.add_argument("--storm-retries", type=int, default=100,
                   help="abandoned keys retried twice each, one after the other (100)")
    p.add_argument("--terminations", type=int, default=5)
    p.add_argument("--term-interval", type=float, default=8, help="seconds between backend terminations (8)")
    p.add_argument("--term-workers", type=int, default=16)
    p.add_argument("--burst", type=int, default=5000)
    p.add_argument("--burst-timeout", type=float, default=120)
    p.add_argument("--stall-count", type=int, default=10000)
    p.add_argument("--stall-hold", type=float, default=75,
                   help="seconds the stalled connections are held; the server should close them all by then (75)")
    p.add_argument("--ws-seconds", type=float, default=15, help="websocket-flood: seconds spent opening sessions (15)")
    p.add_argument("--ws-max", type=int, default=18000, help="websocket-flood: most sessions, both clients together (18000)")
    p.add_argument("--ws-concurrency", type=int, default=100, help="websocket-flood: handshakes in flight per client (100)")
    p.add_argument("--ws-hold", type=float, default=5, help="websocket-flood: seconds the sessions are held after opening (5)")
    p.add_argument("--export-rows", type=int, default=300000, help="stalled-exports: orders of the exporting customer (300000)")
    p.add_argument("--export-count", type=int, default=20, help="stalled-exports: exports that stop reading (20)")
    p.add_argument("--export-hold", type=float, default=75, help="stalled-exports: seconds they are held (75)")
    p.add_argument("--freeze-orders", type=int, default=90, help="db-freeze: orders, each with its own key (90)")
    p.add_argument("--freeze-seconds", type=float, default=40, help="db-freeze: seconds the backends are stopped (40)")
    p.add_argument("--freeze-retry-after", type=float, default=5,
                   help="db-freeze: seconds after the thaw (and the first answers) until every key is retried once (5)")
    p.add_argument("--guess-conns", type=int, default=64, help="password-guessing: keep-alive connections guessing (64)")
    p.add_argument("--guess-seconds", type=float, default=20, help="password-guessing: seconds of guessing (20)")
    p.add_argument("--timing-samples", type=int, default=20,
                   help="password-guessing: requests per kind (unknown user, wrong password) timed (20)")
    p.add_argument("--nul-requests", type=int, default=4000, help="nul-users: most bad requests (4000)")
    p.add_argument("--nul-seconds", type=float, default=5, help="nul-users: seconds of sending (5)")
    p.add_argument("--nul-concurrency", type=int, default=32, help="nul-users: requests in flight (32)")
    return p.parse_intermixed_args(argv)


def git_hash():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip() or "?"
    except Exception:
        return "?"


def find_jar(opts):
    if opts.jar:
        return opts.jar
    jars = [j for j in glob.glob(os.path.join(ROOT, "sample-app/target/*.jar")) if not j.endswith("-plain.jar")
            and "original" not in j]
    if not jars:
        raise SystemExit("No sample-app/target/*.jar: build it (run.sh does) or pass --jar")
    return jars[0]


def answers_summary(ledger: Ledger) -> str:
    groups = {}
    for k, n in sorted(ledger.statuses.items()):
        if k[0].isdigit():
            groups.setdefault(k[0] + "xx", []).append(f"{k}×{n}")
        else:
            m = re.fullmatch(r"no answer \((.*)\)", k)
            groups.setdefault("none", []).append(f"{m.group(1) if m else k}×{n}")
    return "; ".join(f"{c}: {', '.join(v)}" for c, v in groups.items())


def wait_until_up(app: App, timeout: float = 180):
    import urllib.request
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(app.url + "/customers", timeout=5) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(1)
    raise SystemExit(f"{app.url}/customers does not answer 200")


def measure(app: App, db: Database, ledger: Ledger, extra: dict, before_id: int, overload: bool,
            fault: bool = False) -> dict:
    """overload: 503 and problem-detail 504 answers are expected; fault (backend terminations): a 503
    problem detail with Retry-After is the expected answer of a request that met a dead connection."""
    if extra.get("check"):
        extra.update(extra.pop("check")())   # figures taken after the settle time
    stored = db.orders_since(before_id)
    problems = ledger.disagreements(stored, extra.get("distinct_keys") if not extra.get("mixed") else None)
    if extra.get("mixed") and extra.get("distinct_keys") is not None:
        # terminations: GETs are mixed in, but every POST carries a key
        extra_orders = len(stored) - extra["distinct_keys"]
        if extra_orders > 0:
            problems.append(f"{extra_orders} more orders stored than distinct Idempotency-Keys sent")
    cols = db.columns("sample_orders")
    key_col = next((c for c in cols if "idempot" in c), None)
    if key_col:
        for row in db.sql(f"SELECT {key_col}, count(*) FROM sample_orders WHERE id > {before_id} "
                          f"AND {key_col} IS NOT NULL GROUP BY 1 HAVING count(*) > 1"):
            problems.append(f"{row[1]} stored orders share {key_col} {row[0][:20]!r}")
    busy, total, states = db.held_connections()
    threads, spawned, thread_note = app.request_threads()
    all_5xx = ledger.count(lambda s: s >= 500)
    n503 = ledger.count(lambda s: s == 503)
    n504 = ledger.count(lambda s: s == 504)
    n504_not_problem = sum(n for k, n in ledger.not_problem.items() if k.startswith("504"))
    n503_not_problem = sum(n for k, n in ledger.not_problem.items() if k.startswith("503"))
    if overload:
        flagged = all_5xx - n503 - (n504 - n504_not_problem)
    elif fault:
        flagged = all_5xx - max(0, n503 - n503_not_problem - ledger.missing_retry_after)
    elif extra.get("legit_5xx"):
        legit = extra["legit_5xx"]
        flagged = all_5xx - ledger.count(lambda s: s in legit)
    else:
        flagged = all_5xx
    return {
        "sent": ledger.sent,
        "answers": answers_summary(ledger),
        "5xx": all_5xx, "503": n503, "504": n504, "flagged_5xx": flagged,
        "not_problem_count": sum(ledger.not_problem.values()),
        "not_problem": {k: f"×{n}, e.g. " + " | ".join(ledger.examples.get("not-problem " + k, []))
                        for k, n in ledger.not_problem.items()},
        "pending": sum(1 for s in stored.values() if s == "PENDING"),
        "pending_total": db.pending_total(),
        "orders": len(stored),
        "disagreements": len(problems), "disagreement_examples": problems[:8],
        "conns_busy": busy, "conns_total": total, "conn_states": states,
        "threads": threads, "spawn_threads": spawned, "thread_note": thread_note,
        "fds": app.open_fds(),
        "hangs": sum(n for k, n in ledger.statuses.items() if "timeout" in k),
        "notes": ledger.notes[:40] + ([f"idempotency column: {key_col}"] if key_col else
                                      ["sample_orders has no idempotency-key column (checked via answers/counts)"]),
        "recovery": extra.get("recovery"),
        "extra": {k: v for k, v in extra.items() if k in ("stall_closed", "stall_opened", "probe_failed", "probe_ok",
                                                       "summary", "fails", "legit_5xx")},
    }


def verdict(phase: str, row: dict) -> list[str]:
    fails = []
    if row.get("app_died"):
        fails.append("app died")
    if row["flagged_5xx"]:
        fails.append(f"{row['flagged_5xx']} 5xx" + (" (other than 503/504 problem)" if phase == "overload"
                                                   else " (other than 503 problem with Retry-After)" if phase == "terminations"
                                                   else " (other than 502/503/504)" if row["extra"].get("legit_5xx")
                                                   else ""))
    if phase == "fuzz" and row["not_problem"]:
        fails.append(f"{row['not_problem_count']} 4xx/5xx not application/problem+json")
    if row["pending"]:
        fails.append(f"{row['pending']} PENDING")
    if row["disagreements"]:
        fails.append(f"{row['disagreements']} disagreements")
    if row["conns_busy"]:
        fails.append(f"{row['conns_busy']} connections held")
    if row["threads"] is None:
        fails.append("request threads not measured")
    elif row["threads"]:
        fails.append(f"{row['threads']} live request threads")
    if row["recovery"] is not None and (not row["recovery"] or max(row["recovery"]) >= 2):
        fails.append("recovery ≥ 2 s")
    if phase == "fuzz" and row.get("hangs"):
        fails.append(f"{row['hangs']} hangs (no answer)")
    if phase == "stall" and row["extra"].get("stall_opened") is not None \
            and row["extra"]["stall_closed"] < row["extra"]["stall_opened"]:
        fails.append(f"server closed only {row['extra']['stall_closed']} of {row['extra']['stall_opened']} stalled connections")
    if phase == "stall" and row["extra"].get("probe_failed"):
        fails.append(f"{row['extra']['probe_failed']} normal requests failed during the stall")
    fails += row["extra"].get("fails", [])
    return fails


def render(label: str, rows: dict) -> str:
    out = [f"## {label}", "",
           "| Phase | Sent | Answers by status | 5xx (flagged) | PENDING | Disagreements | Conns held 10 s after "
           "| Request threads 10 s after | App fds | Recovery | Took | Result |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for phase in PHASES:
        if phase not in rows:
            continue
        r = rows[phase]
        rec = "–" if r["recovery"] is None else ("max " + ("never" if not r["recovery"] or max(r["recovery"]) == float("inf")
                                                          else f"{max(r['recovery']):.2f} s"))
        five = f"{r['5xx']} ({r['flagged_5xx']})" + (f"; 503×{r['503']}, 504×{r['504']}" if phase in ("overload", "terminations", "db-freeze") else "")
        pending = f"{r['pending']}" + (f" (all: {r['pending_total']})" if r["pending_total"] != r["pending"] else "")
        threads = "?" if r["threads"] is None else f"{r['threads']}" + (f" (+{r['spawn_threads']} spawn)" if r["spawn_threads"] else "")
        conns = f"{r['conns_busy']} (of {r['conns_total']})"
        fails = verdict(phase, r)
        result = "PASS" if not fails else "FAIL: " + "; ".join(fails)
        answers = (r["extra"].get("summary") or r["answers"]).replace("|", "\\|")
        if r["extra"].get("stall_opened") is not None:
            answers += f"; stalled: {r['extra']['stall_opened']} opened, {r['extra']['stall_closed']} closed by the server"
        out.append(f"| {phase} | {r['sent']} | {answers} | {five} | {pending} | {r['disagreements']} | {conns} "
                   f"| {threads} | {r['fds']} | {rec} | {r['took']:.0f} s | {result} |")
    out.append("")
    if rows.get("contract"):
        out.append("Contract parts seen: " + "; ".join(rows["contract"]) + ".")
        out.append("")
    for phase in PHASES:
        if phase not in rows:
            continue
        r = rows[phase]
        out.append(f"**{phase}** ({r['settings']}): {r['orders']} orders stored; connection states: "
                   f"{r['conn_states'] or 'none'}.")
        for n in r["notes"]:
            out.append(f"- {n}")
        for k, n in r["not_problem"].items():
            out.append(f"- not a problem detail: {k} {n}")
        for d in r["disagreement_examples"]:
            out.append(f"- disagreement: {d}")
        if r.get("thread_note"):
            out.append(f"- threads: {r['thread_note']}")
        out.append("")
    return "\n".join(out)


def write_results(path: str, label: str, section: str):
    text = open(path).read() if os.path.exists(path) else "# Reliability results\n\nWritten by `reliability/run.sh`.\n\n"
    pattern = re.compile(rf"^## {re.escape(label)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(path, "w").write(text)


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    phases = opts.phases or list(PHASES)
    label = opts.label or f"Run at {git_hash()}"
    out_dir = os.path.join(HERE, "out")
    os.makedirs(out_dir, exist_ok=True)
    db = Database(opts.db)
    if not opts.url and not opts.keep_db:
        print(f"[reliability] recreating database {opts.db}", flush=True)
        db.recreate()
    rows_file = os.path.join(out_dir, "rows-" + re.sub(r"[^A-Za-z0-9]+", "_", label) + ".json")
    rows = json.load(open(rows_file)) if os.path.exists(rows_file) else {}
    extra_props = dict(s.split("=", 1) for s in opts.set)
    started_all = time.monotonic()
    for phase in phases:
        fn, props = PHASES[phase]
        props = {**props, **extra_props}
        if opts.url:
            u = urlparse(opts.url)
            app = App(u.hostname, u.port or 80, opts.pid or App.pid_listening_on(u.port or 80))
            settings = "running app at " + opts.url
            wait_until_up(app)
            if app.pid is None:
                print(f"[reliability] no pid for {opts.url} (pass --pid): threads and fds are not measured", flush=True)
        else:
            print(f"[reliability] {phase}: starting the sample ({props or 'defaults'})", flush=True)
            app = App.start(find_jar(opts), opts.port, opts.db, props, os.path.join(out_dir, f"app-{phase}.log"))
            settings = ", ".join(f"{k}={v}" for k, v in props.items()) or "default settings"
        try:
            if "contract" not in rows or phase == phases[0]:
                rows["contract"] = asyncio.run(detect_contract(app))
            before_id = db.max_order_id()
            ledger = Ledger(phase)
            print(f"[reliability] {phase}: running", flush=True)
            t = time.monotonic()
            extra = asyncio.run(fn(app, db, ledger, opts))
            took = time.monotonic() - t
            print(f"[reliability] {phase}: {ledger.sent} requests in {took:.0f} s; settling {opts.settle:.0f} s",
                  flush=True)
            time.sleep(opts.settle)
            died = app.process is not None and app.process.poll() is not None
            row = measure(app, db, ledger, extra, before_id, phase == "overload", phase == "terminations")
            row.update(took=took, settings=settings, app_died=died)
            app.stop()
            if app.log_summary():
                row["notes"].append(app.log_summary())
            rows[phase] = row
        finally:
            app.stop()
        json.dump(rows, open(rows_file, "w"), indent=1, default=str)
        section = render(label, rows)
        print(section, flush=True)
        write_results(opts.results, label, section)
    print(f"[reliability] done in {time.monotonic() - started_all:.0f} s; table in {opts.results}")
    bad = [p for p in phases if verdict(p, rows[p])]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

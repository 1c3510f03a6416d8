"""What each phase sent and what it was answered; compared with the stored orders afterwards."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .rawhttp import Answer


def status_key(answer: Answer) -> str:
    if answer.status is None:
        return "no answer (" + (answer.error or "?").split(":")[0] + ")"
    return str(answer.status)


@dataclass
class Ledger:
    phase: str
    sent: int = 0
    statuses: Counter = field(default_factory=Counter)
    not_problem: Counter = field(default_factory=Counter)       # 4xx/5xx without application/problem+json
    examples: dict = field(default_factory=dict)                # status -> example case name
    orders: list = field(default_factory=list)                  # (case, status, order id, key) for POST /orders
    keys: dict = field(default_factory=lambda: defaultdict(set))  # Idempotency-Key -> order ids answered
    keyed_posts: int = 0
    unkeyed_posts: int = 0
    missing_retry_after: int = 0
    notes: list = field(default_factory=list)

    def record(self, case: str, answer: Answer, order_post: bool = False, key: str | None = None):
        self.sent += 1
        k = status_key(answer)
        self.statuses[k] += 1
        self.examples.setdefault(k, case)
        if answer.status is not None and answer.status >= 400 and not answer.is_problem:
            self.not_problem[f"{answer.status} {answer.content_type or '(no content type)'}"] += 1
            ex = self.examples.setdefault(f"not-problem {answer.status} {answer.content_type or '(no content type)'}", [])
            if len(ex) < 3:
                ex.append(case)
        if answer.status == 503 and "retry-after" not in answer.headers:
            self.missing_retry_after += 1
        if order_post:
            if key is None:
                self.unkeyed_posts += 1
            else:
                self.keyed_posts += 1
            oid = answer.order_id() if answer.status is not None else None
            self.orders.append((case, answer.status, oid, key))
            if key is not None and oid is not None:
                self.keys[key].add(oid)

    def count(self, predicate) -> int:
        return sum(n for k, n in self.statuses.items() if k[0].isdigit() and predicate(int(k)))

    def disagreements(self, stored: dict[int, str], distinct_keys: int | None = None) -> list[str]:
        """Answers the stored orders contradict. stored: status of every order created in the phase."""
        problems = []
        for case, status, oid, key in self.orders:
            if status is None or oid is None:
                continue
            actual = stored.get(oid, "missing")
            if status == 201 and actual != "ACCEPTED":
                problems.append(f"{case}: answered 201 for #{oid}, stored {actual}")
            elif status in (502, 503, 504) and actual != "FAILED":
                problems.append(f"{case}: answered {status} for #{oid}, stored {actual}")
        for key, ids in self.keys.items():
            if len(ids) > 1:
                problems.append(f"Idempotency-Key {key[:20]!r}: answered with {len(ids)} different orders")
        if distinct_keys is not None and self.unkeyed_posts == 0:
            extra = len(stored) - distinct_keys
            if extra > 0:
                problems.append(f"{extra} more orders stored than distinct Idempotency-Keys sent "
                                f"({len(stored)} orders, {distinct_keys} keys)")
        return problems

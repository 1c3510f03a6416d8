"""Self-test of the answer/state comparison: python3 -m unittest rel.test_ledger (from reliability/)."""
import unittest

from .ledger import Ledger
from .rawhttp import Answer


def answer(status, location=None, body=b""):
    headers = {"content-type": "application/problem+json"} if status >= 400 else {}
    if location:
        headers["location"] = location
    return Answer(status=status, headers=headers, body=body)


class LedgerTests(unittest.TestCase):

    def test_created_order_must_be_accepted(self):
        ledger = Ledger("t")
        ledger.record("a", answer(201, "/orders/7"), order_post=True)
        self.assertEqual(ledger.disagreements({7: "ACCEPTED"}), [])
        self.assertEqual(len(ledger.disagreements({7: "FAILED"})), 1)
        self.assertEqual(len(ledger.disagreements({7: "PENDING"})), 1)
        self.assertEqual(len(ledger.disagreements({})), 1)

    def test_failed_answer_naming_an_order_must_be_failed(self):
        for status in (502, 503, 504):
            ledger = Ledger("t")
            ledger.record("a", answer(status, body=b'{"orderId": 9}'), order_post=True)
            self.assertEqual(ledger.disagreements({9: "FAILED"}), [])
            self.assertEqual(len(ledger.disagreements({9: "ACCEPTED"})), 1)

    def test_one_key_answered_with_two_orders(self):
        ledger = Ledger("t")
        ledger.record("a", answer(201, "/orders/1"), order_post=True, key="k")
        ledger.record("b", answer(201, "/orders/1"), order_post=True, key="k")
        self.assertEqual(ledger.disagreements({1: "ACCEPTED"}), [])
        ledger.record("c", answer(201, "/orders/2"), order_post=True, key="k")
        self.assertEqual(len(ledger.disagreements({1: "ACCEPTED", 2: "ACCEPTED"})), 1)

    def test_more_orders_than_keys(self):
        ledger = Ledger("t")
        ledger.record("a", answer(201, "/orders/1"), order_post=True, key="k")
        self.assertEqual(ledger.disagreements({1: "ACCEPTED"}, distinct_keys=1), [])
        self.assertEqual(len(ledger.disagreements({1: "ACCEPTED", 2: "FAILED"}, distinct_keys=1)), 1)

    def test_not_problem_detail_and_retry_after(self):
        ledger = Ledger("t")
        ledger.record("a", Answer(status=503, headers={"content-type": "application/json"}))
        self.assertEqual(sum(ledger.not_problem.values()), 1)
        self.assertEqual(ledger.missing_retry_after, 1)


if __name__ == "__main__":
    unittest.main()

"""Bad input for every endpoint: the cases of the fuzz phase."""
from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from .rawhttp import build


@dataclass
class Case:
    name: str
    raw: bytes
    order_post: bool = False     # a POST /orders that may create an order
    key: str | None = None       # its Idempotency-Key
    websocket: bool = False


JSON = [("Content-Type", "application/json")]

# Strings that must never reach the database or a log unharmed: control chars, NUL, bad Unicode.
NASTY_STRINGS = {
    "nul": "a\u0000b",
    "only-nul": "\u0000",
    "control-chars": "".join(chr(c) for c in range(1, 32)),
    "del-c1": "\u007f\u0080\u009f",
    "crlf": "ada\r\nX-Injected: 1",
    "unpaired-high-surrogate": "\ud800",
    "unpaired-low-surrogate": "x\udfffy",
    "reversed-surrogates": "\udc00\ud800",
    "bom": "\ufeffada",
    "rtl-override": "\u202eada",
    "zero-width": "a\u200bda",
    "emoji": "\U0001F355" * 10,
    "noncharacter": "\uffff\ufffe",
    "combining-flood": "a" + "\u0301" * 500,
    "blank": "   ",
    "empty": "",
    "tab": "\t",
    "sql-quote": "ada'; DROP TABLE sample_orders; --",
    "percent": "%00%ff",
    "long-41": "a" * 41,
    "long-101": "m" * 101,
    "huge-100k": "x" * 100_000,
    "huge-1m": "y" * 1_000_000,
    "ada-trailing-space": "ada ",
    "ADA-upper": "ADA",
    "unknown": "nobody",
    "number-string": "123",
}

WRONG_TYPES = {
    "null": None, "true": True, "zero": 0, "negative": -1, "float": 1.5, "big-int": 10 ** 40,
    "array": ["ada"], "object": {"name": "ada"}, "empty-array": [], "empty-object": {},
}


def body_cases():
    """(name, raw body bytes) for POST /orders."""
    dump = lambda doc: json.dumps(doc, ensure_ascii=True).encode()
    out = []
    for name, s in NASTY_STRINGS.items():
        out.append((f"customer={name}", dump({"customer": s, "items": ["margherita"]})))
        out.append((f"item={name}", dump({"customer": "ada", "items": [s]})))
    for name, s in list(NASTY_STRINGS.items())[:12]:
        # the same strings as raw (not \\u-escaped) UTF-8 / invalid bytes
        raw = s.encode("utf-8", "surrogatepass")
        out.append((f"raw-bytes-customer={name}", b'{"customer":"' + raw + b'","items":["margherita"]}'))
    for name, v in WRONG_TYPES.items():
        out.append((f"customer-type={name}", dump({"customer": v, "items": ["margherita"]})))
        out.append((f"items-type={name}", dump({"customer": "ada", "items": v})))
        out.append((f"item-element-type={name}", dump({"customer": "ada", "items": [v]})))
    out += [
        ("items-21", dump({"customer": "ada", "items": ["margherita"] * 21})),
        ("items-20", dump({"customer": "ada", "items": ["margherita"] * 20})),
        ("items-10k", dump({"customer": "ada", "items": ["margherita"] * 10_000})),
        ("items-200k", dump({"customer": "ada", "items": ["m"] * 200_000})),
        ("items-mixed-null", dump({"customer": "ada", "items": ["margherita", None]})),
        ("missing-customer", dump({"items": ["margherita"]})),
        ("missing-items", dump({"customer": "ada"})),
        ("extra-field", dump({"customer": "ada", "items": ["margherita"], "id": 1, "status": "ACCEPTED"})),
        ("duplicate-keys", b'{"customer":"ada","customer":"nobody","items":["margherita"]}'),
        ("top-level-array", dump([{"customer": "ada", "items": ["margherita"]}])),
        ("top-level-string", b'"ada"'),
        ("top-level-number", b"42"),
        ("top-level-null", b"null"),
        ("empty-body", b""),
        ("whitespace-body", b"   \n\t "),
        ("truncated-json", b'{"customer":"ada","items":["marg'),
        ("trailing-garbage", b'{"customer":"ada","items":["margherita"]} xyz'),
        ("two-documents", b'{"customer":"ada","items":["margherita"]}{"customer":"ada","items":["x"]}'),
        ("single-quotes", b"{'customer':'ada','items':['margherita']}"),
        ("comments", b'{/*x*/"customer":"ada","items":["margherita"]}'),
        ("nan", b'{"customer":"ada","items":["margherita"],"n":NaN}'),
        ("bad-escape", b'{"customer":"\\x41da","items":["margherita"]}'),
        ("invalid-utf8", b'{"customer":"\xff\xfe","items":["margherita"]}'),
        ("overlong-utf8-nul", b'{"customer":"a\xc0\x80","items":["margherita"]}'),
        ("utf16-body", json.dumps({"customer": "ada", "items": ["m"]}).encode("utf-16")),
        ("nul-bytes-body", b"\x00" * 1000),
        ("binary-body", os.urandom(4096)),
        ("deep-array-100", b'{"customer":"ada","items":' + b"[" * 100 + b"]" * 100 + b"}"),
        ("deep-array-5000", b'{"customer":"ada","items":' + b"[" * 5000 + b"]" * 5000 + b"}"),
        ("deep-array-100k", b"[" * 100_000 + b"]" * 100_000),
        ("deep-object-5000", b'{"a":' * 5000 + b"1" + b"}" * 5000),
        ("deep-unclosed-50k", b"[" * 50_000),
        ("huge-number", b'{"customer":"ada","items":["m"],"n":1' + b"0" * 100_000 + b"}"),
        ("huge-key", b'{"' + b"k" * 200_000 + b'":1,"customer":"ada","items":["m"]}'),
        ("many-fields", b"{" + b",".join(b'"f%d":1' % i for i in range(50_000)) + b',"customer":"ada","items":["m"]}'),
        ("body-3mb", dump({"customer": "ada", "items": ["m"], "pad": "p" * 3_000_000})),
    ]
    return out


def cases(host: str, port: int) -> list[Case]:
    h = f"{host}:{port}"
    out: list[Case] = []

    def add(name, method, path, headers=(), body=None, order_post=False, key=None, **kw):
        out.append(Case(name, build(method, path, h, headers, body, **kw), order_post, key))

    # POST /orders with bad bodies
    for name, body in body_cases():
        add("POST /orders " + name, "POST", "/orders", JSON, body, order_post=True)
    good = json.dumps({"customer": "ada", "items": ["margherita", "tiramisu"]}).encode()
    # POST /orders with bad content types / headers
    for ct in ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
               "application/json; charset=ebcdic", "application/json; charset=utf-16", "application/json; charset=x\x00",
               "*/*", "application/*", "", ";;;", "application/json" + ";x=y" * 500]:
        add(f"POST /orders content-type={ct[:30]!r}", "POST", "/orders", [("Content-Type", ct)], good, order_post=True)
    add("POST /orders no content-type", "POST", "/orders", [], good, order_post=True)
    for accept in ["application/xml", "text/html", "image/png", "application/json;q=0", "garbage/", "*/*;q=abc"]:
        add(f"POST /orders accept={accept}", "POST", "/orders", JSON + [("Accept", accept)],
            b'{"customer":"nobody","items":["m"]}', order_post=True)
        add(f"GET /orders/1 accept={accept}", "GET", "/orders/999999999", [("Accept", accept)])
    add("POST /orders content-length=abc", "POST", "/orders", JSON + [("Content-Length", "abc")], good,
        content_length=False)
    add("POST /orders content-length=-1", "POST", "/orders", JSON + [("Content-Length", "-1")], good,
        content_length=False)
    add("POST /orders content-length huge", "POST", "/orders", JSON + [("Content-Length", "99999999999999999999")],
        good, content_length=False)
    add("POST /orders two content-lengths", "POST", "/orders",
        JSON + [("Content-Length", str(len(good))), ("Content-Length", "5")], good, content_length=False)
    add("POST /orders CL and TE", "POST", "/orders",
        JSON + [("Content-Length", "5"), ("Transfer-Encoding", "chunked")], b"0\r\n\r\n", content_length=False)
    add("POST /orders TE=gzip", "POST", "/orders", JSON + [("Transfer-Encoding", "gzip")], good,
        content_length=False)
    add("POST /orders bad chunk size", "POST", "/orders", JSON + [("Transfer-Encoding", "chunked")],
        b"zz\r\n" + good + b"\r\n0\r\n\r\n", content_length=False)
    add("POST /orders content-encoding=gzip (not gzip)", "POST", "/orders",
        JSON + [("Content-Encoding", "gzip")], good, order_post=True)
    add("POST /orders expect=100-continue", "POST", "/orders", JSON + [("Expect", "100-continue")],
        b'{"customer":"nobody","items":["m"]}', order_post=True)
    add("POST /orders expect=weird", "POST", "/orders", JSON + [("Expect", "teapot")],
        b'{"customer":"nobody","items":["m"]}', order_post=True)
    # Idempotency-Key: bad values (bodies name an unknown customer where a valid key would create an order)
    bad_keys = {
        "empty": "", "space": " ", "nul": "a\x00b", "control": "\x01\x02\x7f", "crlf-inject": "k\r\nX-Injected: 1",
        "non-ascii-bytes": b"\xff\xfe\xc3\x28", "utf8": "ключ-🍕".encode(), "long-300": "k" * 300,
        "long-8k": "k" * 8000, "long-64k": "k" * 65_000, "quotes": '"k"', "comma-list": "a, b",
    }
    for name, value in bad_keys.items():
        add(f"POST /orders Idempotency-Key={name}", "POST", "/orders", JSON + [("Idempotency-Key", value)],
            b'{"customer":"nobody","items":["m"]}', order_post=True)
        add(f"POST /orders Idempotency-Key={name} bad body", "POST", "/orders",
            JSON + [("Idempotency-Key", value)], b'{"customer":', order_post=True)
    add("POST /orders two Idempotency-Keys", "POST", "/orders",
        JSON + [("Idempotency-Key", "fuzz-a"), ("Idempotency-Key", "fuzz-b")],
        b'{"customer":"nobody","items":["m"]}', order_post=True)
    # the same caller and key, different bodies: the second must not create a second order (expect 409/422
    # or the first answer). Keys belong to their customer: the same key of another customer is another key.
    for i, body in enumerate([good, json.dumps({"customer": "ada", "items": ["tiramisu"]}).encode(), good]):
        add(f"POST /orders reused key #{i}", "POST", "/orders", JSON + [("Idempotency-Key", "fuzz-reused-key")],
            body, order_post=True, key="fuzz-reused-key")
    # generic header abuse on GET /customers
    for name, headers in {
        "huge-header-20k": [("X-Big", "h" * 20_000)],
        "huge-header-200k": [("X-Big", "h" * 200_000)],
        "many-headers-2000": [(f"X-H{i}", "v") for i in range(2000)],
        "header-without-colon": [(b"NoColonHere", b"")],
        "header-nul": [("X-Nul", "a\x00b")],
        "header-name-space": [("X Bad", "v")],
        "header-obs-fold": [("X-Fold", "a\r\n  folded")],
        "host-empty": [("Host", "")],
        "host-two": [("Host", "a"), ("Host", "b")],
        "host-garbage": [("Host", "\x01\x02:::")],
        "cookie-huge": [("Cookie", "c=" + "x" * 7000)],
        "range": [("Range", "bytes=0-1,2-3,x")],
        "if-modified-since": [("If-Modified-Since", "not a date")],
        "accept-charset": [("Accept-Charset", "ebcdic")],
        "accept-encoding": [("Accept-Encoding", "gzip;q=x, *;q=-1")],
        "connection-upgrade-h2c": [("Connection", "Upgrade, HTTP2-Settings"), ("Upgrade", "h2c"),
                                   ("HTTP2-Settings", "!!!")],
        "origin": [("Origin", "null")],
        "x-forwarded": [("X-Forwarded-For", "\x00"), ("Forwarded", "for=;;;")],
    }.items():
        add(f"GET /customers {name}", "GET", "/customers", headers)
    # request-line abuse
    for name, raw in {
        "garbage": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(200),  # a TLS ClientHello start
        "no-version": b"GET /customers\r\n\r\n",
        "http-0.9": b"GET /customers\r\n",
        "http-9.9": b"GET /customers HTTP/9.9\r\nHost: x\r\n\r\n",
        "http-1.0": b"GET /customers HTTP/1.0\r\n\r\n",
        "lowercase-method": b"get /customers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "unknown-method": b"FROB /orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "method-nul": b"G\x00T /orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "long-method": b"X" * 10_000 + b" /orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "long-uri-8k": b"GET /orders/" + b"1" * 8000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "long-uri-100k": b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "absolute-uri": b"GET http://evil.example/customers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "asterisk": b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "connect": b"CONNECT 127.0.0.1:5432 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "bare-lf": b"GET /customers HTTP/1.1\nHost: x\nConnection: close\n\n",
        "uri-space": b"GET /cus tomers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "uri-nul": b"GET /orders/\x00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "uri-ctl": b"GET /orders/\x01\x7f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "uri-non-ascii": b"GET /orders/\xc3\xa9\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "pipelined-bad": b"GET /customers HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n",
    }.items():
        out.append(Case(f"raw {name}", raw))
    # methods
    for method in ["PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD"]:
        add(f"{method} /orders", method, "/orders", JSON, good if method in ("PUT", "PATCH") else None)
        add(f"{method} /customers", method, "/customers")
    add("POST /customers", "POST", "/customers", JSON, b"{}")
    add("POST /orders/1", "POST", "/orders/1", JSON, good)
    # GET /orders/{id}
    for bad_id in ["abc", "-1", "0", "1.5", "1e3", "0x10", "99999999999999999999", "9223372036854775807",
                   "-9223372036854775809", "%00", "%ZZ", "%", "%2e%2e", "..%2f..%2fetc%2fpasswd", "1;2", "1%0d%0a",
                   "%ef%bf%bf", "%ed%a0%80", "%c0%80", "1" * 3000, " 1", "+1", "null", "%20", "1/items",
                   "1?x=%00", "1#frag", "ǅ", "١"]:
        add(f"GET /orders/{bad_id[:30]}", "GET", "/orders/" + bad_id)
    add("GET /orders/ (no id)", "GET", "/orders/")
    add("GET //orders", "GET", "//orders?customer=ada")
    add("GET /orders/../customers", "GET", "/orders/../customers")
    # GET /orders?customer=&page=&size=
    for q in ["", "customer=", "customer=nobody", "customer=%00", "customer=%ff%fe", "customer=%ed%a0%80",
              "customer=" + "a" * 5000, "customer=ada&customer=grace", "customer[]=ada", "customer=%",
              "customer=ada%00", "customer=ADA", "customer=ada&page=-1", "customer=ada&page=abc",
              "customer=ada&page=1.5", "customer=ada&page=2147483648", "customer=ada&page=99999999999999999999",
              "customer=ada&page=2147483647", "customer=ada&size=0", "customer=ada&size=-5", "customer=ada&size=abc",
              "customer=ada&size=100000", "customer=ada&size=2147483647", "customer=ada&size=1e9",
              "customer=ada&page=&size=", "customer=ada&page=1&page=2", "customer=ada&sort=id;DROP",
              "customer=ada&page=%00", "customer=ada&size=%20", "&&&&", "=", "customer", "%00=%00",
              "a=" + "&a=".join(["1"] * 3000)]:
        add(f"GET /orders?{q[:40]}", "GET", "/orders?" + q)
    for q in ["customer=ada", "customer=ada&page=0&size=20"]:
        add(f"GET /orders?{q} (valid)", "GET", "/orders?" + q)
    add("GET /customers?x=%00", "GET", "/customers?x=%00&y=%ff")
    add("GET /nowhere", "GET", "/nowhere")
    add("GET /kitchen/orders", "GET", "/kitchen/orders")
    # kitchen: POST /kitchen/orders, DELETE /kitchen/orders/{id}
    for name, body in [("empty", b""), ("not-json", b"xx"), ("empty-object", b"{}"),
                       ("no-items", b'{"orderId":1,"customer":"ada"}'),
                       ("orderId-string", b'{"orderId":"x","customer":"ada","items":["m"]}'),
                       ("orderId-huge", b'{"orderId":1' + b"0" * 50 + b',"customer":"ada","items":["m"]}'),
                       ("items-null", b'{"orderId":1,"customer":"ada","items":null}'),
                       ("items-nul", b'{"orderId":1,"customer":"ada","items":["\\u0000"]}'),
                       ("deep", b'{"orderId":1,"items":' + b"[" * 3000 + b"]" * 3000 + b"}"),
                       ("surrogate", b'{"orderId":1,"customer":"\\ud800","items":["m"]}')]:
        add(f"POST /kitchen/orders {name}", "POST", "/kitchen/orders", JSON, body)
    for bad_id in ["abc", "-1", "0", "99999999999999999999", "999999999", "%00", "1.5", "%ed%a0%80", ""]:
        add(f"DELETE /kitchen/orders/{bad_id}", "DELETE", "/kitchen/orders/" + bad_id)
    # WebSocket handshakes
    key = base64.b64encode(b"0123456789abcdef").decode()
    ws = [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", key),
          ("Sec-WebSocket-Version", "13")]
    for name, q in [("unknown", "customer=nobody"), ("none", ""), ("empty", "customer="), ("nul", "customer=%00"),
                    ("surrogate", "customer=%ed%a0%80"), ("huge", "customer=" + "a" * 6000),
                    ("two", "customer=ada&customer=nobody"), ("upper", "customer=ADA"), ("pct", "customer=%")]:
        out.append(Case(f"WS customer={name}", build("GET", "/ws/notifications?" + q, h, ws, close=False),
                        websocket=True))
    for name, headers in [
        ("no-upgrade", [("Connection", "close")]),
        ("bad-key", [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", "x\x00"),
                     ("Sec-WebSocket-Version", "13")]),
        ("no-key", [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Version", "13")]),
        ("version-99", [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", key),
                        ("Sec-WebSocket-Version", "99")]),
        ("upgrade-garbage", [("Upgrade", "\x01\x02"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", key),
                             ("Sec-WebSocket-Version", "13")]),
        ("post", None),
    ]:
        if headers is None:
            out.append(Case(f"WS {name}", build("POST", "/ws/notifications?customer=ada", h, ws, b"{}", close=False),
                            websocket=True))
        else:
            out.append(Case(f"WS {name}", build("GET", "/ws/notifications?customer=ada", h, headers, close=False),
                            websocket=True))
    return out

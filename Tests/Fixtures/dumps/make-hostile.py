#!/usr/bin/env python3
"""Writes Tests/Fixtures/dumps/hostile.json: orders whose text tries to take over the terminal.

Every string of two real orders (the Dintero docs example and a train booking from
Resources/sample-orders.json) gets one of the payloads below appended (ids, dates, enums and
currencies are kept so the orders still open and sort); a third order carries a 1 MB
description and a 1,000-level payout tree; amounts sit at the Int64 limits and one past them.
Invalid UTF-8 is written as raw bytes and a lone surrogate as a \\ud800 escape, which no JSON
library emits. Run it again after changing the payloads: python3 Tests/Fixtures/dumps/make-hostile.py
"""
import json
import os
import sys

sys.setrecursionlimit(20000)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
INVALID_UTF8 = "\udcff\udcfe\udcc0\udc80\udced\udca0\udc80"  # raw FF FE C0 80 ED A0 80 via surrogateescape
LONE_SURROGATE = "<<LONE-SURROGATE>>"  # becomes the JSON escape \ud800

PAYLOADS = [
    "\x1b]0;PWNED-TITLE\x07",                    # OSC 0: window/pane title, BEL-terminated
    "\x1b]2;PWNED-TITLE2\x1b\\",                 # OSC 2, ST-terminated
    "\x1b]52;c;SElKQUNLRUQ=\x07",                # OSC 52: clipboard write ("HIJACKED")
    "\x1b[31;1;5mRED\x1b[0m",                    # SGR colour and blink
    "\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[?25l",  # alt screen, mouse reporting, hidden cursor
    "\x1bP+q544e\x1b\\",                         # DCS (XTGETTCAP)
    "\x1bPtmux;\x1b\x1b]0;PASSTHRU\x07\x1b\\",   # tmux passthrough
    "\x1bc\x1b[2J\x1b[H",                        # full reset, clear, home
    "\x1b[6n\x1b[21t",                           # cursor position / title reports (answers typed as input)
    "\x9b31mC1-CSI\x9d0;C1-OSC\x9c",             # 8-bit C1 controls
    "\x07\x07BELL",
    "abc\x08\x08\x08XYZ",                        # backspaces
    "line1\rOVERWRITE\nline2",                   # carriage return and newline
    "\x00NUL\x00",
    "\u202eRTL-OVERRIDE\u202c \u2066isolate\u2069",
    "zero\u200b\u200c\u200d\ufeffwidth",
    "e" + "\u0301" * 200,                        # a combining run
    "日本語の注文 東京駅 한국어",                  # wide CJK
    "👨‍👩‍👧‍👦🇳🇴👍🏽",                                # ZWJ family, flag, skin tone
    "bad-utf8:" + INVALID_UTF8,
    "lone:" + LONE_SURROGATE,
    "\x7fDEL\x1b",
]
# Keys whose values the app parses (dates, enums, currencies, ids used to join): kept readable.
KEEP = {"currency", "status", "payment_status", "type", "created_at", "updated_at", "processed_at",
        "departure_at", "arrival_at", "closed_at", "cancelled_at", "deleted_at", "delivery_at",
        "pickup_at", "time_to_live_expires_at", "id", "order_id", "line_id", "passenger_id",
        "value", "percentage", "success", "event", "name_of_event"}


def infect(node, counter, key=None):
    if isinstance(node, dict):
        return {k: infect(v, counter, k) for k, v in node.items()}
    if isinstance(node, list):
        return [infect(v, counter, key) for v in node]
    if isinstance(node, str) and key not in KEEP:
        counter[0] += 1
        return node + PAYLOADS[counter[0] % len(PAYLOADS)]
    return node


def deep_payout(levels, amount):
    tree = {"amount": amount, "type": "percentage", "value": "100"}
    for level in range(levels - 1):
        tree = {"amount": amount, "type": "percentage", "value": "100",
                "destinations": [tree], "description": "level %d" % (levels - level)}
    return {"destinations": [tree]}


def main():
    with open(os.path.join(ROOT, "Resources", "sample-orders.json"), encoding="utf-8") as f:
        samples = {o["order_number"]: o for o in json.load(f)}
    counter = [0]

    docs = infect(samples["order123456"], counter)
    docs["order_number"] = "HOSTILE-1\x1b]0;PWNED-TITLE\x07"
    docs["id"] = "hostile-1"
    docs["gross_amount"] = 9223372036854775807  # Int64.max
    docs["comment"] = "".join(PAYLOADS)

    train = infect(samples["SO-100003"], counter)
    train["order_number"] = "HOSTILE-2\x1b[?1049h"
    train["id"] = "hostile-2"
    train["gross_amount"] = -9223372036854775808  # Int64.min
    train["net_amount"] = 9223372036854775808     # one past Int64.max

    deep = json.loads(json.dumps(samples["SO-100001"]))
    deep["order_number"] = "HOSTILE-3"
    deep["id"] = "hostile-3"
    deep["customer"]["first_name"] = "Mega\x1b]0;PWNED-TITLE\x07"
    deep["items"][0]["description"] = "MEGA-START " + ("x\x1b[31m" * 174763)[:1 << 20] + " MEGA-END"
    deep["items"][0]["payout"] = deep_payout(1000, deep["items"][0]["gross_amount"])
    deep["items"][1]["gross_amount"] = 9223372036854775807
    deep["items"][1]["quantity"] = 9223372036854775807

    text = "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in (docs, train, deep)) + "\n]\n"
    text = text.replace(LONE_SURROGATE, "\\ud800")
    with open(os.path.join(HERE, "hostile.json"), "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main()

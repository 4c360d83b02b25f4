#!/usr/bin/env python3
"""Summarise a libtorch Chrome trace (bench model --profile): self time per operator, largest first, after the
share of the matrix products (mm, addmm, bmm, also where matmul calls them) and of the wall span the operators fill.

Usage: scripts/profile_summary.py TRACE.json [--top N] [--shapes]
Self time = an event's duration minus that of the events nested directly inside it on the same thread.
"""
import argparse
import collections
import json

PRODUCTS = ("aten::mm", "aten::addmm", "aten::bmm")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--shapes", action="store_true", help="group by operator and input shapes")
    args = ap.parse_args()
    with open(args.trace) as fh:
        doc = json.load(fh)
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    ops = [e for e in events if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "Operator")
           and e.get("pid") != "CPU Memory"]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    self_us = collections.Counter()
    calls = collections.Counter()
    total = 0.0
    span = 0.0
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [event, child time]
        def close(item):
            ev, child = item
            key = ev["name"]
            if args.shapes:
                key += " " + str(ev.get("shape", ev.get("args", {}).get("Input Dims", "")))
            self_us[key] += ev["dur"] - child
            calls[key] += 1
        for e in evs:
            while stack and stack[-1][0]["ts"] + stack[-1][0]["dur"] <= e["ts"]:
                done = stack.pop()
                close(done)
            if stack:
                stack[-1][1] += e["dur"]
            else:
                total += e["dur"]
            stack.append([e, 0.0])
        while stack:
            close(stack.pop())
        span += max(e["ts"] + e["dur"] for e in evs) - evs[0]["ts"]
    products = sum(us for key, us in self_us.items() if key.split(" ")[0] in PRODUCTS)
    print(f"top-level operator time {total / 1000:.1f} ms, {100 * total / span:.0f}% of the {span / 1000:.1f} ms span")
    print(f"matrix products {products / 1000:.1f} ms, {100 * products / total:.0f}% of operator time")
    print(f"{'self ms':>9} {'share':>6} {'calls':>6}  operator")
    for key, us in self_us.most_common(args.top):
        print(f"{us / 1000:9.2f} {100 * us / total:5.1f}% {calls[key]:6d}  {key}")


if __name__ == "__main__":
    main()

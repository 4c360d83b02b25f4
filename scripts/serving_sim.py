#!/usr/bin/env python3
"""Discrete-event simulation of the serving engine's batching rules under a closed loop of clients.

Each client sends a request as soon as its previous answer arrives (2 ms later); W workers take requests from one
FIFO queue; a batch of b structures costs b * t seconds (+-jitter), i.e. no per-batch saving, which is what a
2-core CPU shows for this model (docs/performance.md, Serving). Prints throughput and p50/p99 latency per rule:

  take-all   a worker takes ceil(waiting / (idle others + 1)) while other workers are idle, else everything
             (the rule before 2026-11-28)
  equal      a worker takes ceil(waiting / W) (InferenceEngine.fairShare)
  one        batch size 1

Usage: scripts/serving_sim.py [--workers 2] [--cost 0.11] [--clients 1,4,16,64]
"""
import argparse
import heapq
import random


def simulate(rule, clients, workers, cost, jitter=0.15, seconds=600.0, skip=60.0, max_batch=32, seed=1):
    rnd = random.Random(seed)
    queue = []
    busy = [False] * workers
    events = [(rnd.random() * 0.01, "arrive", c) for c in range(clients)]
    heapq.heapify(events)
    latencies = []
    now = 0.0

    def share(waiting):
        if rule == "one":
            return 1
        if rule == "equal":
            return -(-waiting // workers)
        others_idle = sum(1 for b in busy if not b)
        return waiting if others_idle == 0 else -(-waiting // (others_idle + 1))

    while events:
        now, kind, data = heapq.heappop(events)
        if now > seconds:
            break
        if kind == "arrive":
            queue.append((now, data))
        else:
            worker, batch = data
            busy[worker] = False
            for arrived, client in batch:
                if now > skip:
                    latencies.append(now - arrived)
                heapq.heappush(events, (now + 0.002, "arrive", client))
        for w in range(workers):
            if busy[w] or not queue:
                continue
            busy[w] = True
            take = min(share(len(queue)), max_batch)
            batch, queue = queue[:take], queue[take:]
            duration = len(batch) * cost * (1 + jitter * (2 * rnd.random() - 1))
            heapq.heappush(events, (now + duration, "done", (w, batch)))
    latencies.sort()
    n = len(latencies)
    return n / (seconds - skip), latencies[n // 2], latencies[int(n * 0.99)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cost", type=float, default=0.11, help="seconds per structure")
    ap.add_argument("--clients", default="1,4,16,64")
    args = ap.parse_args()
    for rule in ("take-all", "equal", "one"):
        for c in (int(x) for x in args.clients.split(",")):
            rate, p50, p99 = simulate(rule, c, args.workers, args.cost)
            print(f"{rule:8s} {c:3d} clients: {rate:6.2f} structures/s  p50 {p50 * 1000:6.0f} ms  p99 {p99 * 1000:6.0f} ms")


if __name__ == "__main__":
    main()

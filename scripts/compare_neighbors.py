#!/usr/bin/env python3
"""Compares two JSON Lines files of per-site neighbour distances: `crystograph graph` output against
`pymatgen_neighbors.py` output for the same structures.

Sites are matched by their distance lists (pymatgen's CIF parser may reorder sites), so the check is: the same final
radius per structure, the same number of sites, and the largest difference between matched distances. Distances equal
after rounding to 1e-6 A are ties for crystograph (spec section 2: then site index, then image), so its lists can hold
such a pair in the other order than a plain sort: position-wise differences below 1e-6 A are expected.

    bin/crystograph graph --skip-encodings FILES... > ours.jsonl
    /usr/bin/python3 scripts/pymatgen_neighbors.py FILES... > theirs.jsonl
    python3 scripts/compare_neighbors.py ours.jsonl theirs.jsonl
"""
import json
import os
import sys


def max_matched_difference(ours, theirs):
    """Pairs sites one to one, closest lists first (sites of near-symmetric structures can differ by less than any
    rounding), within buckets of lists equal to 0.01 A and then among the leftovers, and returns the largest distance
    difference of the pairing."""
    def pair(a_idx, b_idx):
        pairs = sorted((max(abs(x - y) for x, y in zip(ours[i], theirs[j])), i, j) for i in a_idx for j in b_idx)
        done_a, done_b, worst = set(), set(), 0.0
        for d, i, j in pairs:
            if i not in done_a and j not in done_b:
                done_a.add(i)
                done_b.add(j)
                worst = max(worst, d)
        return worst, set(a_idx) - done_a, set(b_idx) - done_b

    buckets = {}
    for side, lists in ((0, ours), (1, theirs)):
        for i, d in enumerate(lists):
            buckets.setdefault(tuple(round(x, 2) for x in d), ([], []))[side].append(i)
    worst, left_a, left_b = 0.0, set(), set()
    for a_idx, b_idx in buckets.values():
        w, la, lb = pair(a_idx, b_idx)
        worst, left_a, left_b = max(worst, w), left_a | la, left_b | lb
    if left_a:
        worst = max(worst, pair(sorted(left_a), sorted(left_b))[0])
    return worst


def load(path):
    out = {}
    with open(path) as fh:
        for line in fh:
            d = json.loads(line)
            if "file" in d and d.get("neighbor_distances") is not None:
                out[os.path.basename(d["file"])] = d
    return out


def main():
    ours, theirs = load(sys.argv[1]), load(sys.argv[2])
    common = sorted(set(ours) & set(theirs))
    worst, worst_file, radius_mismatch, size_mismatch = 0.0, None, [], []
    for name in common:
        a, b = ours[name], theirs[name]
        if abs(a["radius"] - b["radius"]) > 1e-9:
            radius_mismatch.append(name)
            continue
        da, db = a["neighbor_distances"], b["neighbor_distances"]
        if len(da) != len(db):
            size_mismatch.append(name)
            continue
        diff = max_matched_difference(da, db)
        if diff > worst:
            worst, worst_file = diff, name
    print(json.dumps({"compared": len(common), "only_ours": len(set(ours) - set(theirs)),
                      "only_theirs": len(set(theirs) - set(ours)), "radius_mismatch": radius_mismatch,
                      "site_count_mismatch": size_mismatch, "max_distance_difference": worst,
                      "worst_file": worst_file}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Neighbour distances and speed of pymatgen's get_all_neighbors, for comparison with `crystograph graph`.

For each CIF (files or the first N entries of a zip, sorted by name) it applies the CrysToGraph radius rule
(R = 8 A, grown by 2 A until every site has 12 neighbours) with pymatgen's Structure.get_all_neighbors and prints
one JSON line per structure: {"file", "nsites", "radius", "neighbor_distances": [[12 sorted distances] per site]}.
The last line is a summary with the CPU time spent in get_all_neighbors alone (CIF parsing excluded) and atoms/s.

    python3 scripts/pymatgen_neighbors.py --zip ../shared/datasets/coremof2019-asr-le200/cifs.zip --limit 300

--scale a,b,c turns every input into its a x b x c supercell first (the 2,000-atom row of `bench graph`, e.g.
CORE2019MOF10081 4x5x2: pass that CIF's name with --zip and --names).
"""
import argparse
import json
import sys
import time
import warnings
import zipfile

from pymatgen.core import Structure


def knn(structure, k=12, start=8.0, step=2.0, max_radius=30.0):
    r = start
    while r <= max_radius:
        nbrs = structure.get_all_neighbors(r)
        if min(len(n) for n in nbrs) >= k:
            return r, [sorted(n.nn_distance for n in site)[:k] for site in nbrs]
        r += step
    return None, None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="*")
    p.add_argument("--zip")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--names", help="comma-separated entries of the zip to use instead of the first --limit")
    p.add_argument("--scale", help="a,b,c: replace each structure by its supercell")
    p.add_argument("--summary", action="store_true")
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    inputs = []
    if a.zip:
        with zipfile.ZipFile(a.zip) as z:
            names = sorted(n for n in z.namelist() if n.endswith(".cif"))
            if a.names:
                wanted = a.names.split(",")
                names = [n for n in names if n in wanted or n.rsplit("/", 1)[-1] in wanted
                         or n.rsplit("/", 1)[-1].removesuffix(".cif") in wanted]
            if a.limit:
                names = names[: a.limit]
            inputs = [(n, z.read(n).decode("utf-8", "replace")) for n in names]
    for f in a.files:
        with open(f) as fh:
            inputs.append((f, fh.read()))
    cpu = 0.0
    atoms = 0
    for name, text in inputs:
        try:
            s = Structure.from_str(text, fmt="cif")
            if a.scale:
                s.make_supercell([int(x) for x in a.scale.split(",")])
        except Exception as e:  # noqa: BLE001 - report and go on
            print(f"{name}: {e}", file=sys.stderr)
            continue
        t0 = time.process_time()
        r, d = knn(s)
        cpu += time.process_time() - t0
        atoms += len(s)
        if not a.summary:
            print(json.dumps({"file": name, "nsites": len(s), "radius": r, "neighbor_distances": d}))
    print(json.dumps({"structures": len(inputs), "nsites": atoms, "cpu_seconds": cpu,
                      "atoms_per_second": atoms / cpu if cpu else 0}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Speed of pymatgen's CIF reading, as the baseline of `bin/crystograph bench parse`.

Reads the first N CIFs of a zip (sorted by name) into memory, then times (CPU time) Structure.from_str(text,
fmt="cif") over them: pymatgen's CifParser with symmetry expansion, the same work `bench parse` times (text ->
validated structure). Prints one JSON line: structures, failures, cpu_seconds, structures_per_second.

    /usr/bin/python3 scripts/pymatgen_parse.py --zip ../shared/datasets/3dsc-mp-doped/cifs.zip --limit 1000
"""
import argparse
import json
import time
import warnings
import zipfile

from pymatgen.core import Structure


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--zip", required=True)
    p.add_argument("--limit", type=int, default=1000)
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    with zipfile.ZipFile(a.zip) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".cif"))[: a.limit]
        texts = [z.read(n).decode("utf-8", "replace") for n in names]
    failures = 0
    t0 = time.process_time()
    for text in texts:
        try:
            Structure.from_str(text, fmt="cif")
        except Exception:  # noqa: BLE001 - counted, as bench parse counts failures
            failures += 1
    cpu = time.process_time() - t0
    print(json.dumps({"zip": a.zip.rsplit("/", 1)[-1], "structures": len(texts), "failures": failures,
                      "cpu_seconds": cpu, "structures_per_second": len(texts) / cpu}))


if __name__ == "__main__":
    main()

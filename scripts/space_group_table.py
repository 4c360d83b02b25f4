#!/usr/bin/env python3
"""Writes src/main/resources/space-groups.tsv: every space-group setting of gemmi's table (the 530 Hall settings of
International Tables A and the common non-standard ones) with its symmetry operations, centring included.

Usage: /usr/bin/python3 scripts/space_group_table.py > src/main/resources/space-groups.tsv
Needs gemmi's Python module (Debian/Ubuntu package python3-gemmi). The operations are crystallographic facts; gemmi
(MPL-2.0) is only the means of listing them.
"""
import gemmi

print("# space-group settings: number, Hermann-Mauguin symbol, setting (origin choice 1/2, axes H/R, or -),"
      " Hall symbol, short symbol, operations (';'-separated, centring included)")
print(f"# written by scripts/space_group_table.py from gemmi {gemmi.__version__}")
for sg in gemmi.spacegroup_table():
    ext = sg.ext if sg.ext != "\x00" else "-"
    ops = ";".join(op.triplet() for op in sg.operations())
    print(f"{sg.number}\t{sg.hm}\t{ext}\t{sg.hall}\t{sg.short_name()}\t{ops}")

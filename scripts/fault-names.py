#!/usr/bin/env python3
"""Names the functions of `vitals` whose code page faulted, first fault first.

usage: fault-names.py NM MAPS FAULTS > names.txt

NM      `nm -n` of the binary that ran
MAPS    its /proc/PID/maps while it ran
FAULTS  `perf script -F tid,time,addr` of `perf record -e page-faults -d` on it

scripts/link-order.sh runs `vitals` with VITALS_TRACE_PAGES=1, which drops the code pages at
every tick: each tick's code then faults back in, and a fault's address is in the function that
ran there first (the kernel maps the 64 KiB around it too, so one round names the first function
of each window; another round, after those are packed, names the next).
"""
import bisect, sys

def main():
    symbols = []
    for line in open(sys.argv[1]):
        fields = line.split()
        if len(fields) == 3 and fields[1] in "tTwW":
            symbols.append((int(fields[0], 16), fields[2]))
    symbols.sort()
    starts = [address for address, _ in symbols]
    text = None
    for line in open(sys.argv[2]):
        fields = line.split()
        if len(fields) > 5 and fields[1] == "r-xp" and fields[5].endswith("/vitals"):
            start, end = (int(x, 16) for x in fields[0].split("-"))
            text = (start, end)
    if text is None:
        sys.exit("fault-names.py: no executable mapping of vitals in " + sys.argv[2])
    seen = {}
    for line in open(sys.argv[3]):
        fields = line.split()
        if len(fields) < 3:
            continue
        try:
            address = int(fields[2], 16)
        except ValueError:
            continue
        if not text[0] <= address < text[1]:
            continue
        index = bisect.bisect_right(starts, address) - 1
        if index >= 0:
            seen.setdefault(symbols[index][1], None)
    print("\n".join(seen))

main()

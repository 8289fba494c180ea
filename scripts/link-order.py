#!/usr/bin/env python3
"""Writes link/vitals.order: the order in which lld places `vitals`' functions.

usage: link-order.py MAP STEADY ALL [FAULTS] > link/vitals.order

MAP     lld's link map of the release `vitals` (-Xlinker -Map=FILE)
STEADY  mangled names of the functions the dashboard runs every tick (callgrind, instrumentation
        switched on once it runs)
ALL     mangled names of every function a whole session ran (start-up, keys, ticks)
FAULTS  names of the functions whose code faulted after a page release, in a real run that releases
        after every tick (scripts/link-order.sh traces them with perf): what callgrind's slow run
        missed, such as collectors on intervals of their own and the runtime's slow paths

The kernel maps code 64 KiB around each fault, so what costs resident memory is the number of
64 KiB windows the code that runs is spread over. Functions in sections of their own (our modules
are compiled with -function-sections, and so are the Swift runtime's and many of the standard
library's) can be packed together; a section that holds many functions (the standard library's
main text, ArgumentParser's and FoundationEssentials' objects) moves as one block if any of its
symbols is named. So the order is:
  1. every tick's functions that sit in small sections, packed: the steady state's working set;
  2. the other functions that ran (start-up, keys), packed: paged out after start-up;
  3. the large sections that faulted every tick (smallest first), then the other large sections
     with every-tick code, then those with start-up code only.
Section sizes come from the map; a name is placed only where that cannot drag a large section.
"""
import re, sys

SMALL = 16 * 1024

def read_names(path):
    names = []
    for line in open(path):
        name = re.sub(r"'\d+$", "", line.strip())
        if name and not name.startswith("0x"):
            names.append(name)
    return names

def read_sections(path):
    """symbol -> [(input section, its size)] within the .text output section (local symbols such as
    merged functions and thunks can have one name in many objects)."""
    line_form = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ (\s*)(.*)$")
    where, in_text, current = {}, False, None
    for line in open(path, errors="replace"):
        match = line_form.match(line.rstrip("\n"))
        if not match:
            continue
        size, indent, name = int(match.group(1), 16), len(match.group(2)), match.group(3)
        if indent == 0:  # an output section
            in_text = name == ".text"
        elif in_text and indent == 8:  # an input section
            current = (name, size)
        elif in_text and current is not None:  # a symbol in it
            where.setdefault(name, []).append(current)
    return where

def main():
    where = read_sections(sys.argv[1])
    steady, every = read_names(sys.argv[2]), read_names(sys.argv[3])
    faults = read_names(sys.argv[4]) if len(sys.argv) > 4 else []
    hot = set(faults) | set(steady)
    out, seen, big_seen = [], set(), set()
    big = {"faults": [], "steady": [], "other": []}

    def place(names, group):
        for name in names:
            if name in seen or name not in where:
                continue
            seen.add(name)
            sections = where[name]
            if all(size <= SMALL for _, size in sections):
                out.append(name)
            elif len(sections) == 1 and sections[0][0] not in big_seen:
                # lld moves every section that defines a listed name: a name that a large
                # section shares with others is left out, so that it drags nothing.
                big_seen.add(sections[0][0])
                big[group].append((sections[0][1], name))

    place(faults, "faults")
    place(steady, "steady")
    place([n for n in every if n not in hot], "other")
    # The large sections that faulted every tick come first, smallest first (the standard library's
    # 1.6 MB text last), so the few functions each holds sit near the packed ones.
    out.extend(name for _, name in sorted(big["faults"]))
    out.extend(name for _, name in big["steady"] + big["other"])
    print("\n".join(out))

main()

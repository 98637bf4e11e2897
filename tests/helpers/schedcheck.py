#!/usr/bin/env python3
"""Check a `knead render --schedule` file against its own step lines.

Usage: schedcheck.py SCHED [STEPS_FROM]
Prints one line: "plan_ms=N lines=N overrun_max_ms=X crossing=N startcue_off=N".
Step boundaries come from the "MS step N KIND" lines of STEPS_FROM (default
SCHED itself; a schedule of an older knead has none, so another render of
the same routine can supply them). A line crosses when it ends after the
next step boundary (or the plan's end).
"""
import sys

def steps(path):
    b, end = [], None
    for ln in open(path, encoding="utf-8", errors="replace"):
        f = ln.split()
        if len(f) >= 2 and f[1] == "step":
            b.append((float(f[0]), f[3] if len(f) > 3 else "?"))
        elif len(f) >= 2 and f[1] == "end":
            end = float(f[0])
    return b, end

def main():
    sched = sys.argv[1]
    bounds, end = steps(sys.argv[2] if len(sys.argv) > 2 else sched)
    starts = [t for t, _ in bounds] + [end]
    over, crossing, nlines, startcue_off = 0.0, 0, 0, 0
    cues = []
    for ln in open(sched, encoding="utf-8", errors="replace"):
        f = ln.split()
        if len(f) >= 3 and f[1] == "say":
            if len(bounds) == 0:
                continue
            t, n = float(f[0]), float(f[2])
            nlines += 1
            nxt = next((s for s in starts if s > t + 0.5), end)
            if t + n > nxt + 0.5:
                crossing += 1
                over = max(over, t + n - nxt)
        elif len(f) >= 3 and f[1] == "cue":
            cues.append(float(f[0]))
    # every step (but the first: session-start) has a cue at its boundary
    for t, _ in bounds:
        if not any(abs(c - t) < 0.5 for c in cues):
            startcue_off += 1
    print("plan_ms=%.0f lines=%d overrun_max_ms=%.0f crossing=%d "
          "startcue_off=%d" % (end - (bounds[0][0] if bounds else 0),
                               nlines, over, crossing, startcue_off))

main()

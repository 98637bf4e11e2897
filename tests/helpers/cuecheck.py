#!/usr/bin/env python3
"""Is each cue mixed in, on time, under speech?

    cuecheck.py VOICE.wav NOVOICE.wav LEAD_MS T_MS...

VOICE.wav is a render with speech, NOVOICE.wav the same routine rendered
with --no-voice (no screening lead, so its timeline is LEAD_MS earlier);
both 16-bit mono at the same rate. For each cue start T_MS (in VOICE's
timeline) the 40 ms of the cue alone, taken from NOVOICE, is projected on
the same 40 ms of VOICE: speech is uncorrelated with the cue, so the
projection is the cue's gain in the mix, about 1 when it is there on time,
about 0 when it is missing, and lower when it is late (a few ms shift the
phase of its tone). Prints "T_MS GAIN" per cue; exits 1 when a gain is
outside 0.8..1.2.
"""
import sys
import wave
import array


def samples(path):
    with wave.open(path, 'rb') as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            sys.exit('cuecheck: %s is not 16-bit mono' % path)
        a = array.array('h', w.readframes(w.getnframes()))
        return a, w.getframerate()


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    v, rate = samples(sys.argv[1])
    n, rate2 = samples(sys.argv[2])
    if rate != rate2:
        sys.exit('cuecheck: the two renders differ in rate')
    lead = float(sys.argv[3])
    span = rate * 40 // 1000
    bad = 0
    for t in sys.argv[4:]:
        t = float(t)
        at = int(round(t * rate / 1000))
        at0 = int(round((t - lead) * rate / 1000))
        c = n[at0:at0 + span]
        s = v[at:at + span]
        cc = sum(x * x for x in c)
        if cc == 0 or len(s) < span:
            print('%.0f silent-cue' % t)
            bad += 1
            continue
        g = sum(x * y for x, y in zip(s, c)) / cc
        ok = 0.8 <= g <= 1.2
        bad += not ok
        print('%.0f %.3f%s' % (t, g, '' if ok else ' BAD'))
    sys.exit(1 if bad else 0)


main()

#!/usr/bin/env python3
"""Prints the speed race as markdown from one interleaved race CSV (scripts/race.sh): median
ns/msg per implementation and configuration, harness to harness (throughput mode on both sides)
and against the bare peers (the references' own loops, no clock or oracle), then every target as
a ratio within that file, with each figure's spread over the rounds (max/min).
Usage: race-table.py RACE.csv"""
import csv
import statistics
import sys


def load(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith('#')]
    samples = {}
    for r in csv.DictReader(lines):
        if r.get('verified') != 'true' or not r.get('ns_per_msg'):
            continue
        mode = r.get('mode') or 'latency'  # files from before the mode column timed every message
        key = (r['impl'], r['workload'], int(r['producers']), int(r['consumers']), r['capacity'])
        d = samples.setdefault(key, {})
        d.setdefault(mode, []).append(float(r['ns_per_msg']))
        if mode == 'latency' and r.get('lat_p50_ns'):
            d.setdefault('p50', []).append(float(r['lat_p50_ns']))
    return samples


CONFIGS = [
    ('spsc', 1, 1, '1024'), ('mpsc', 4, 1, '1024'), ('mpmc', 4, 4, '1024'), ('mpmc', 4, 4, 'unbounded'),
    ('spsc', 1, 1, '0'), ('pingpong', 1, 1, '1'), ('mpmc', 16, 16, '1024'),
    # The select workloads: references only ('–' under Swift) until chanbench runs them.
    ('select_rx', 4, 1, '1024'), ('select_rx', 4, 1, 'unbounded'),
    ('select_both', 4, 4, '1024'), ('select_both', 4, 4, 'unbounded'),
]
SWIFT = ['condvar', 'ring', 'actor', 'asyncchannel']
PEERS = ['rust-std-mpsc', 'rust-crossbeam', 'go-chan']


def main():
    samples = load(sys.argv[1])

    def stat(impl, w, p, c, cap, metric):
        v = samples.get((impl, w, p, c, cap), {}).get(metric)
        return (statistics.median(v), max(v) / min(v), len(v)) if v else None

    def cell(s):
        if s is None:
            return '–'
        return f'{s[0]:.0f}' + ('' if s[2] >= 3 else f' (n={s[2]})')

    def table(title, columns):
        print(title)
        print()
        print('| workload | cap | P×C | ' + ' | '.join(name for name, _, _ in columns) + ' |')
        print('|---|---|---|' + '---:|' * len(columns))
        for w, p, c, cap in CONFIGS:
            print(f'| {w} | {cap} | {p}×{c} | ' + ' | '.join(cell(stat(i, w, p, c, cap, m)) for _, i, m in columns) + ' |')
        print()

    table('**Harness to harness** (throughput mode everywhere: no clock per message, full oracle), median ns/msg '
          '(pingpong: per round trip)', [(i, i, 'throughput') for i in SWIFT + PEERS])
    table('**Swift (throughput mode) against the bare peers** (their own loop: no clock, no oracle), median ns/msg',
          [(i, i, 'throughput') for i in SWIFT] + [(f'{i} bare', i, 'bare') for i in PEERS])
    print('ratio = Swift ÷ yardstick (≤ target meets it); spread = max/min over the rounds of the Swift figure')
    print()
    print('| target | Swift | yardstick | ratio | Swift spread | met? |')
    print('|---|---:|---:|---:|---:|---|')

    def row(label, swift, ref, want_at_most=1.0, spread_at_most=None):
        if swift is None or ref is None:
            print(f'| {label} | – | – | – | – | not measured |')
            return
        r = swift[0] / ref[0]
        met = r <= want_at_most and (spread_at_most is None or swift[1] <= spread_at_most)
        print(f'| {label} | {swift[0]:.0f} | {ref[0]:.0f} | {r:.2f} | {swift[1]:.2f} | {"yes" if met else "no"} |')

    def fastest(candidates):
        found = [s for s in candidates if s is not None]
        return min(found, key=lambda s: s[0]) if found else None

    for w, p, c in [('spsc', 1, 1), ('mpsc', 4, 1), ('mpmc', 4, 4)]:
        ring = stat('ring', w, p, c, '1024', 'throughput')
        row(f'ring {w} {p}×{c} cap 1024 vs the faster of bare crossbeam/Go (≤ 1.0, spread ≤ 1.5)', ring,
            fastest([stat('rust-crossbeam', w, p, c, '1024', 'bare'), stat('go-chan', w, p, c, '1024', 'bare')]),
            spread_at_most=1.5)
        row(f'ring {w} {p}×{c} cap 1024 vs crossbeam, harness to harness', ring,
            stat('rust-crossbeam', w, p, c, '1024', 'throughput'))
    row('condvar mpsc 4×1 cap 1024 vs bare std mpsc (≤ 1.5)', stat('condvar', 'mpsc', 4, 1, '1024', 'throughput'),
        stat('rust-std-mpsc', 'mpsc', 4, 1, '1024', 'bare'), want_at_most=1.5)
    row('condvar mpmc 16×16 cap 1024 vs bare crossbeam (no starvation: it finishes and verifies)',
        stat('condvar', 'mpmc', 16, 16, '1024', 'throughput'), stat('rust-crossbeam', 'mpmc', 16, 16, '1024', 'bare'),
        want_at_most=float('inf'))
    best = fastest([stat(i, 'spsc', 1, 1, '0', 'throughput') for i in SWIFT])
    row('rendezvous spsc 1×1 cap 0: the best Swift channel vs bare crossbeam (≤ 1.0)', best,
        stat('rust-crossbeam', 'spsc', 1, 1, '0', 'bare'))
    a, b = stat('actor', 'spsc', 1, 1, '0', 'throughput'), stat('asyncchannel', 'spsc', 1, 1, '0', 'throughput')
    if a and b:
        print(f'| actor throughput ÷ asyncchannel throughput, spsc 1×1 cap 0 (≥ 1.0) | {a[0]:.0f} | {b[0]:.0f} | '
              f'{b[0] / a[0]:.2f}× | {a[1]:.2f} | {"yes" if b[0] / a[0] >= 1 else "no"} |')
    for impl in ['condvar', 'ring', 'actor']:
        row(f'pingpong cap 1 round trip: {impl} vs bare crossbeam', stat(impl, 'pingpong', 1, 1, '1', 'throughput'),
            stat('rust-crossbeam', 'pingpong', 1, 1, '1', 'bare'))
        row(f'pingpong cap 1 p50 latency: {impl} vs crossbeam (latency mode both)', stat(impl, 'pingpong', 1, 1, '1', 'p50'),
            stat('rust-crossbeam', 'pingpong', 1, 1, '1', 'p50'))
    row('ring 16×16 mpmc cap 1024 vs ring 1×1 spsc cap 1024 (≤ 3)', stat('ring', 'mpmc', 16, 16, '1024', 'throughput'),
        stat('ring', 'spsc', 1, 1, '1024', 'throughput'), want_at_most=3.0)


main()

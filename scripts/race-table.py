#!/usr/bin/env python3
"""Prints the issue-8 race as markdown: median ns/msg per implementation and configuration from
one interleaved race CSV (scripts/race.sh), then every target as a ratio within that file.
Usage: race-table.py RACE.csv"""
import csv
import statistics
import sys


def load(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith('#')]
    rows = list(csv.DictReader(lines))
    med = {}
    for r in rows:
        if r.get('verified') != 'true' or not r.get('ns_per_msg'):
            continue
        key = (r['impl'], r['workload'], int(r['producers']), int(r['consumers']), r['capacity'])
        med.setdefault(key, {'ns': [], 'p50': []})
        med[key]['ns'].append(float(r['ns_per_msg']))
        if r.get('lat_p50_ns'):
            med[key]['p50'].append(float(r['lat_p50_ns']))
    return {k: {m: (statistics.median(v) if v else None, len(v)) for m, v in d.items()} for k, d in med.items()}


CONFIGS = [
    ('spsc', 1, 1, '1024'), ('mpsc', 4, 1, '1024'), ('mpmc', 4, 4, '1024'), ('mpmc', 4, 4, 'unbounded'),
    ('spsc', 1, 1, '0'), ('pingpong', 1, 1, '1'), ('mpmc', 16, 16, '1024'),
]
IMPLS = ['condvar', 'ring', 'actor', 'asyncchannel', 'rust-std-mpsc', 'rust-crossbeam', 'go-chan']


def main():
    med = load(sys.argv[1])

    def ns(impl, w, p, c, cap, metric='ns'):
        v = med.get((impl, w, p, c, cap), {}).get(metric)
        return v[0] if v else None

    print('| workload | cap | P×C | ' + ' | '.join(IMPLS) + ' |')
    print('|---|---|---|' + '---:|' * len(IMPLS))
    for w, p, c, cap in CONFIGS:
        cells = []
        for i in IMPLS:
            v = ns(i, w, p, c, cap)
            n = med.get((i, w, p, c, cap), {}).get('ns', (None, 0))[1]
            cells.append('–' if v is None else f'{v:.0f}' + ('' if n >= 3 else f' (n={n})'))
        print(f'| {w} | {cap} | {p}×{c} | ' + ' | '.join(cells) + ' |')
    print()
    print('median ns/msg (pingpong: per round trip); ratio = Swift ÷ reference, ≤ 1.00 meets "no slower"')
    print()
    print('| target | Swift | yardstick | ratio | met? |')
    print('|---|---:|---:|---:|---|')

    def row(label, swift, ref, want_at_most=1.0, fmt='{:.2f}'):
        if swift is None or ref is None:
            print(f'| {label} | – | – | – | not measured |')
            return
        r = swift / ref
        print(f'| {label} | {swift:.0f} | {ref:.0f} | {fmt.format(r)} | {"yes" if r <= want_at_most else "no"} |')

    for w, p, c in [('spsc', 1, 1), ('mpsc', 4, 1), ('mpmc', 4, 4)]:
        refs = [x for x in (ns('rust-crossbeam', w, p, c, '1024'), ns('go-chan', w, p, c, '1024')) if x is not None]
        row(f'ring {w} {p}×{c} cap 1024 vs faster of crossbeam/Go', ns('ring', w, p, c, '1024'), min(refs) if refs else None)
    for w, p, c, cap in [('spsc', 1, 1, '1024'), ('mpsc', 4, 1, '1024'), ('spsc', 1, 1, '0'), ('pingpong', 1, 1, '1')]:
        row(f'condvar vs rust-std-mpsc, {w} {p}×{c} cap {cap}', ns('condvar', w, p, c, cap), ns('rust-std-mpsc', w, p, c, cap))
    a, b = ns('actor', 'spsc', 1, 1, '0'), ns('asyncchannel', 'spsc', 1, 1, '0')
    if a and b:
        print(f'| actor throughput ÷ asyncchannel throughput, spsc 1×1 cap 0 (want ≥ 10) | {a:.0f} | {b:.0f} | {b / a:.2f}× | {"yes" if b / a >= 10 else "no"} |')
    for impl in ['condvar', 'actor']:
        row(f'rendezvous spsc 1×1 cap 0: {impl} vs crossbeam', ns(impl, 'spsc', 1, 1, '0'), ns('rust-crossbeam', 'spsc', 1, 1, '0'))
    for impl in ['condvar', 'ring', 'actor']:
        row(f'pingpong cap 1 round trip: {impl} vs crossbeam', ns(impl, 'pingpong', 1, 1, '1'), ns('rust-crossbeam', 'pingpong', 1, 1, '1'))
        row(f'pingpong cap 1 p50 latency: {impl} vs crossbeam', ns(impl, 'pingpong', 1, 1, '1', 'p50'), ns('rust-crossbeam', 'pingpong', 1, 1, '1', 'p50'))
    row('ring 16×16 mpmc cap 1024 vs ring 1×1 spsc cap 1024 (want ≤ 3)', ns('ring', 'mpmc', 16, 16, '1024'), ns('ring', 'spsc', 1, 1, '1024'), want_at_most=3.0)


main()

#!/usr/bin/env python3
"""Cold object load against the floor, in interleaved fresh processes.

usage: cold.py ROUNDS BENCH_OBJ [BENCH_OBJ...]

Each round runs `BENCH_OBJ run bpflink 0 21` for every binary given and
`run floor-btf 0 21` of the first one, in an order rotated each round, all
on CPU 0 (taskset). Cycle 0 of a process is its cold cycle, the median of
cycles 1-20 its warm one. Prints per method the medians over the rounds of
the cold CPU and wall time, the warm CPU time and the cold cycle's page
faults, with each ratio to the floor. Comparing two builds (an old and a
new build/bench/bench_obj) in one run keeps them under the same conditions.
"""
import statistics as st
import subprocess
import sys


def run(binary, method):
    out = subprocess.run(["taskset", "-c", "0", binary, "run", method, "0", "21"],
                         capture_output=True, text=True, check=True).stdout
    cycles = [line.split() for line in out.splitlines() if line.startswith("cycle")]
    cold = cycles[0]
    warm = st.median(int(c[2]) for c in cycles[1:])
    return int(cold[2]), int(cold[3]), warm, int(cold[4])


def main():
    rounds = int(sys.argv[1])
    bins = sys.argv[2:]
    methods = [(b, "bpflink") for b in bins] + [(bins[0], "floor-btf")]
    res = [[] for _ in methods]
    for r in range(rounds):
        order = list(range(len(methods)))
        k = r % len(order)
        for i in order[k:] + order[:k]:
            res[i].append(run(*methods[i]))
    med = [[st.median(x[j] for x in rs) for j in range(4)] for rs in res]
    floor = med[-1]
    for (b, m), (cpu, wall, warm, flt) in zip(methods, med):
        print(f"{m:9s} {b}: cold {cpu / 1000:.1f} us ({cpu / floor[0]:.3f}x), "
              f"wall {wall / 1000:.1f} us ({wall / floor[1]:.3f}x), "
              f"warm {warm / 1000:.1f} us ({warm / floor[2]:.3f}x), faults {flt:g}")


if __name__ == "__main__":
    main()

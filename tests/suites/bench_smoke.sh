#!/usr/bin/env bash
# Smoke of `make bench` (issue 8): builds the benchmark programs and checks
# exact facts only, never times: the system calls per attach + destroy
# cycle (strace -f -c, difference between runs of 1 and N cycles) for
# bpflink and the floor (raw_tp 2, tracepoint 4 with the id cached), that
# bpflink's object load issues exactly the floor's bpf() commands, that
# every agent variant runs and reports VmHWM, and that libbpf still runs
# its cycle. Prints [OK]/[FAIL]/[SKIPPED] lines; about 10 s.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
B=$BUILD/bench

if [ "$(id -u)" != 0 ]; then
	echo "[SKIPPED] bench smoke: needs root (BPF, tracefs mount)"
	exit 0
fi
for t in strace clang musl-gcc; do
	if ! command -v $t >/dev/null; then
		echo "[SKIPPED] bench smoke: $t not installed"
		exit 0
	fi
done
for f in /usr/include/valgrind/callgrind.h /usr/include/bpf/libbpf.h \
	/usr/lib/$(uname -m)-linux-gnu/libelf.a /usr/lib/$(uname -m)-linux-gnu/libz.a; do
	if [ ! -e "$f" ]; then
		echo "[SKIPPED] bench smoke: $f missing (valgrind, libbpf-dev, libelf-dev, zlib1g-dev)"
		exit 0
	fi
done
if ! make --no-print-directory -s BUILD="$BUILD" bench-build >"$B.smoke.log" 2>&1; then
	tail -20 "$B.smoke.log"
	echo "[FAIL] bench smoke: make bench-build"
	exit 1
fi

total() { # total calls of one strace -c run of bench_attach count ARGS
	strace -f -c -o "$B/smoke.strace" "$B/bench_attach" count "$@" >/dev/null 2>&1 ||
		{ echo -1; return; }
	awk '$NF == "total" { print $4 }' "$B/smoke.strace" # % s us/call CALLS [errors] total
}

check_cycle() { # method hook expected
	local a b per
	a=$(total "$1" "$2" 1)
	b=$(total "$1" "$2" 6)
	if [ "$a" -lt 0 ] || [ "$b" -lt 0 ]; then
		echo "[FAIL] bench smoke: $1 $2 attach + destroy did not run"
		return
	fi
	per=$(( (b - a) / 5 ))
	if [ $(( (b - a) % 5 )) -eq 0 ] && [ "$per" -eq "$3" ]; then
		echo "[OK] bench smoke: $1 $2 attach + destroy = $per system calls per cycle"
	else
		echo "[FAIL] bench smoke: $1 $2 attach + destroy: $(( b - a )) system calls in 5 cycles, want $3 each"
	fi
}

check_cycle bpflink rawtp 2
check_cycle floor rawtp 2
check_cycle bpflink tp 4
check_cycle floor tp 4
if [ "$(total libbpf rawtp 1)" -gt 0 ]; then
	echo "[OK] bench smoke: libbpf 1.1.2 raw_tp attach + destroy runs"
else
	echo "[FAIL] bench smoke: libbpf 1.1.2 raw_tp attach + destroy"
fi

bpf_cmds() { # the bpf() commands of one cold open + load + close, sorted
	strace -f -e trace=bpf -o "$B/smoke.bpf" "$B/bench_obj" run "$1" 0 1 >/dev/null 2>&1 ||
		{ echo failed; return; }
	grep -o 'bpf(BPF_[A-Z_]*' "$B/smoke.bpf" | sort | uniq -c | tr -s ' \n' ' '
}
bl=$(bpf_cmds bpflink)
if grep -q BPF_BTF_LOAD <<<"$bl"; then fl=$(bpf_cmds floor-btf); else fl=$(bpf_cmds floor); fi
if [ "$bl" = "$fl" ] && grep -q 'BPF_PROG_LOAD' <<<"$bl"; then
	echo "[OK] bench smoke: object load issues the floor's bpf() commands:$bl"
else
	echo "[FAIL] bench smoke: object load: bpflink$bl; floor$fl"
fi

agents="agent-bpflink-obj-nolibc agent-bpflink-obj-musl agent-bpflink-nolibc
	agent-bpflink-musl agent-libbpf-static agent-libbpf-dynamic agent-floor"
out=$("$B/launch" 1 $(for a in $agents; do echo "$B/$a"; done) 2>&1)
n=$(grep -c 'vmhwm_kb=[1-9]' <<<"$out")
if [ "$n" -eq 7 ]; then
	echo "[OK] bench smoke: the 7 agents load, attach and report VmHWM"
else
	echo "$out"
	echo "[FAIL] bench smoke: $n of 7 agents reported"
fi
exit 0

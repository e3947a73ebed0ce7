#!/usr/bin/env bash
# Runs every test program and check, counts the [OK]/[FAIL]/[SKIPPED] lines
# they print, and ends with "N passed, N failed, N skipped".
# A program that exits non-zero without printing a [FAIL] line counts as one
# failure (a crash must not pass silently).
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/.." || exit 2
export BPFLINK_RT_PROBE='x=1' # read back by tests/kernel/nl_roundtrip.c
pass=0 fail=0 skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # $1 = label; output already in $log; $2 = exit status
	local p f s
	p=$(grep -c '^\[OK\]' "$log")
	f=$(grep -c '^\[FAIL\]' "$log")
	s=$(grep -c '^\[SKIPPED\]' "$log")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "[FAIL] $1: exited with status $2 without reporting a failure"
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

run() { # $1 = label, rest = command; prints its output as it runs
	echo "== $1"
	"${@:2}" 2>&1 | tee "$log"
	count "$1" "${PIPESTATUS[0]}"
}

# A check that is one command: [OK] when it exits 0.
check() { # $1 = label, rest = command
	echo "== $1"
	if "${@:2}" >"$log.out" 2>&1; then
		tail -n 5 "$log.out"
		echo "[OK] $1" | tee "$log"
	else
		tail -n 40 "$log.out"
		echo "[FAIL] $1" | tee "$log"
	fi
	rm -f "$log.out"
	count "$1" 0
}

# Every test program the build made, in a stable order.
for t in $(ls "$BUILD"/tests/unit/* "$BUILD"/tests/kernel/* 2>/dev/null | grep -v '\.o$' | sort); do
	[ -x "$t" ] || continue
	run "$t" "$t"
done

# Extra suites registered as scripts (aarch64 under qemu-user, fuzz smoke, ...).
for s in tests/suites/*.sh; do
	[ -x "$s" ] || continue
	run "$s" "$s" "$BUILD"
done

if [ "${BPFLINK_SKIP_STATIC:-0}" != 1 ]; then
	check "make lint" make --no-print-directory lint
	check "make prove" make --no-print-directory prove
fi

echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]

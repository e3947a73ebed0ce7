#!/usr/bin/env bash
# Runs each libFuzzer target of the bounded readers (tests/fuzz/) for a
# bounded time: one [OK] line per target with the executions run, [FAIL]
# on a crash (the input is kept in BUILD/fuzz/artifacts), [SKIPPED] when
# clang's fuzzer runtime is missing (Debian: libclang-rt-14-dev).
# Usage: tests/suites/fuzz_smoke.sh [BUILD]; FUZZ_SMOKE_SECONDS (20).
set -u
BUILD=${1:-build}
secs=${FUZZ_SMOKE_SECONDS:-20}
cd "$(dirname "$0")/../.." || exit 2
targets="elf btf"
cc=${FUZZ_CC:-clang}

skip_all() {
	for t in $targets; do echo "[SKIPPED] fuzz_$t: $1"; done
	exit 0
}

command -v "$cc" >/dev/null || skip_all "$cc not installed"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$probe/p.c"
"$cc" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" \
	>/dev/null 2>&1 ||
	skip_all "clang's libFuzzer runtime is missing (apt-get install libclang-rt-14-dev)"

if ! make --no-print-directory -s BUILD="$BUILD" FUZZ_CC="$cc" fuzz-build \
	>"$probe/build.log" 2>&1; then
	tail -n 20 "$probe/build.log"
	for t in $targets; do echo "[FAIL] fuzz_$t: build failed"; done
	exit 1
fi

dir=$BUILD/fuzz
rc=0
for t in $targets; do
	mkdir -p "$dir/corpus/$t" "$dir/artifacts"
	log=$dir/smoke_$t.log
	"$dir/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$t-" \
		"$dir/corpus/$t" "$dir/seeds/$t" >"$log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ $st -eq 0 ] && [ -n "$execs" ] && [ "$execs" -gt 0 ]; then
		echo "[OK] fuzz_$t: $execs executions in ${secs} s, no crash"
	else
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5
		echo "[FAIL] fuzz_$t: exit $st after ${execs:-0} executions (log $log)"
		rc=1
	fi
done
exit $rc

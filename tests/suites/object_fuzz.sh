#!/usr/bin/env bash
# Bounded run of the object loader's libFuzzer target (tests/fuzz/object.mk)
# inside make check: OBJECT_FUZZ_SECONDS (default 10) over a copy of the
# seed corpus, so the run never grows the build's corpus.
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
fz=$BUILD/tests/fuzz/object_fuzz
corpus=$BUILD/tests/fuzz/object_corpus
if [ ! -x "$fz" ] || [ ! -d "$corpus" ]; then
	echo "[SKIPPED] object_fuzz: $fz not built (clang libFuzzer runtime missing)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$corpus"/*.o "$tmp"/ 2>/dev/null
if (cd "$tmp" && "$OLDPWD/$fz" -max_total_time="${OBJECT_FUZZ_SECONDS:-10}" \
	-max_len=65536 -print_final_stats=1 . >"$tmp/log" 2>&1); then
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$tmp/log" | grep -o '[0-9]*$')
	echo "[OK] object_fuzz: ${runs:-?} executions, no crash"
else
	tail -n 20 "$tmp/log"
	echo "[FAIL] object_fuzz: crash or leak (see above)"
	exit 1
fi

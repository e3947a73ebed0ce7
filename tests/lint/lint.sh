#!/usr/bin/env bash
# make lint: static analysis of the library (src/, include/) at zero findings.
#   1. cppcheck --enable=all with its MISRA C 2012 addon;
#   2. gcc -fanalyzer;
#   3. clang's static analyzer (clang --analyze).
# Project-wide MISRA deviations are listed, each with its reason, in
# tests/lint/MISRA.md and applied by tests/lint/cppcheck.supp; a local
# deviation is an inline `cppcheck-suppress` comment with its reason beside it.
set -u
cd "$(dirname "$0")/../.."
ARCH=$(uname -m)
fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

files=$(ls src/*.c src/rt/*.c src/cmd/*.c 2>/dev/null)

echo "lint: cppcheck + MISRA C 2012 on $(echo $files | wc -w) files"
mkdir -p build/cppcheck
if ! cppcheck --enable=all --std=c11 --inline-suppr --addon=misra \
	--suppressions-list=tests/lint/cppcheck.supp \
	--cppcheck-build-dir=build/cppcheck \
	-Iinclude -Isrc -Isrc/arch/$ARCH -D__${ARCH}__ -D__linux__ \
	-DBPFLINK_MAX_LINKS=64 --error-exitcode=1 -q \
	--template='{file}:{line}: {severity}: {id}: {message}' \
	$files >"$out/cppcheck" 2>&1; then
	fail=1
fi
if [ -s "$out/cppcheck" ]; then
	cat "$out/cppcheck"
	fail=1
fi

gflags=$(make --no-print-directory -s print-free-cflags)
echo "lint: gcc -fanalyzer"
for f in $files; do
	gcc $gflags -fanalyzer -c "$f" -o /dev/null >>"$out/gcc" 2>&1 || fail=1
done
[ -s "$out/gcc" ] && { cat "$out/gcc"; fail=1; }

if command -v clang >/dev/null; then
	cflags=$(make --no-print-directory -s CC=clang BUILD=build/clang print-free-cflags)
	make --no-print-directory -s CC=clang BUILD=build/clang build/clang/uapi/.stamp >/dev/null
	echo "lint: clang --analyze"
	for f in $files; do
		clang $cflags --analyze -Xanalyzer -analyzer-output=text \
			-o /dev/null "$f" >>"$out/clang" 2>&1 || fail=1
	done
	grep -q . "$out/clang" && { cat "$out/clang"; fail=1; }
else
	echo "lint: clang missing (make deps installs it)"
	fail=1
fi

if [ "$fail" -eq 0 ]; then
	echo "lint: 0 findings"
else
	echo "lint: findings above"
fi
exit "$fail"

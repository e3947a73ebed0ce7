#!/usr/bin/env bash
# make lint: static analysis of the library (src/, include/) at zero findings.
#   1. cppcheck --enable=all with its MISRA C 2012 addon (rule summaries from
#      tests/lint/misra_rules.txt), given the kernel UAPI headers for types;
#   2. gcc -fanalyzer;
#   3. clang's static analyzer (clang --analyze).
# Files: every library source (src/*.c, src/rt/*.c, src/cmd/*.c, this
# architecture's src/arch/*/start.c; src/arch/*/syscall.h and src/*.h come in
# through them) plus tests/lint/headers.c, which includes every public header
# of include/, so that headers no library file includes are checked too.
# Project-wide MISRA deviations are listed, each with its reason, in
# tests/lint/MISRA.md and applied by tests/lint/cppcheck.supp; a local
# deviation is an inline `cppcheck-suppress` comment with its reason beside it.
# Prints every finding, then "lint: 0 findings" (exit 0) or "lint: N
# findings" (exit 1).
set -u
cd "$(dirname "$0")/../.."
ARCH=$(uname -m)
BUILD=${BUILD:-build}
JOBS=$(nproc 2>/dev/null || echo 2)
fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

files=$(ls src/*.c src/rt/*.c src/cmd/*.c src/arch/"$ARCH"/start.c \
	tests/lint/headers.c 2>/dev/null)

make --no-print-directory -s BUILD="$BUILD" "$BUILD/uapi/.stamp" >/dev/null || exit 1

# Each program under src/cmd/ with a main() of its own is analysed in a run
# of its own: cppcheck's whole-program checks (MISRA 8.6, one definition of
# each external identifier) would otherwise see two main()s. The library and
# the bpflink tool (src/cmd/bpflink.c + cmd_*.c) are one run.
solo=$(grep -l '^int main(' src/cmd/*.c 2>/dev/null | grep -v -x src/cmd/bpflink.c)
lib_files=$(printf '%s\n' $files | grep -v -x -F "$solo")

cppcheck_run() { # BUILD-DIR FILE...
	local dir=$1
	shift
	# Start from an empty build directory: cppcheck 2.10 reuses its per-file
	# results there when a file is unchanged but a header it includes moved
	# lines (a rebase), and then reports MISRA 5.7/8.5 findings that are not
	# in the tree, at stale line numbers.
	rm -rf "$dir"
	mkdir -p "$dir"
	cppcheck -j "$JOBS" --enable=all --std=c11 --inline-suppr \
		--addon=tests/lint/misra.json \
		--suppressions-list=tests/lint/cppcheck.supp \
		--cppcheck-build-dir="$dir" \
		-Iinclude -Isrc -Isrc/arch/"$ARCH" -I"$BUILD/uapi" \
		-D__"$ARCH"__ -D__linux__ -DBPFLINK_MAX_LINKS=64 -q \
		--template='{file}:{line}: {severity}: {id}: {message}' \
		"$@" >>"$out/cppcheck.raw" 2>&1 || {
		echo "lint: cppcheck did not run to the end on $*"
		fail=1
	}
}

echo "lint: cppcheck + MISRA C 2012 on $(echo $files | wc -w) files"
: >"$out/cppcheck.raw"
cppcheck_run "$BUILD/cppcheck" $lib_files
for f in $solo; do
	cppcheck_run "$BUILD/cppcheck-$(basename "$f" .c)" "$f"
done
while IFS= read -r line; do
	case "$line" in
	"nofile:0: information: unmatchedSuppression: "*) continue ;;
	"cppcheck: unusedFunction check can't be used with '-j' option"*) continue ;;
	*":-1: information: unmatchedSuppression: "*) continue ;;
	*": misra-c2012-5.7: "*)
		f=${line%%:*}
		rest=${line#*:}
		l=${rest%%:*}
		if sed -n "${l}p" "$f" 2>/dev/null |
			grep -Eq '^[[:space:]]*((typedef|static|const|extern)[[:space:]]+)*(struct|union|enum)[[:space:]]*\{'; then
			continue
		fi ;;
	esac
	printf '%s\n' "$line"
done <"$out/cppcheck.raw" | sort -u >"$out/cppcheck"

# One compiler run per file, $JOBS at a time; each file's messages are kept
# together and a failing run is named.
each() { # each TOOL_OUTPUT COMMAND...: run COMMAND FILE for every file
	local o=$1
	shift
	printf '%s\n' $files | xargs -P "$JOBS" -I{} sh -c \
		'"$@" {} >"$0.$(echo {} | tr / _)" 2>&1 || echo "{}: $1 failed" >>"$0.$(echo {} | tr / _)"' \
		"$o" "$@"
	cat "$o".* >"$o" 2>/dev/null
	rm -f "$o".*
}

gflags=$(make --no-print-directory -s BUILD="$BUILD" print-free-cflags)
echo "lint: gcc -fanalyzer"
each "$out/gcc" gcc $gflags -fanalyzer -o /dev/null -c

: >"$out/clang"
if command -v clang >/dev/null; then
	cflags=$(make --no-print-directory -s CC=clang BUILD="$BUILD/clang" print-free-cflags)
	make --no-print-directory -s CC=clang BUILD="$BUILD/clang" \
		"$BUILD/clang/uapi/.stamp" >/dev/null
	echo "lint: clang --analyze"
	each "$out/clang" clang $cflags --analyze -Xanalyzer \
		-analyzer-output=text -o /dev/null
else
	echo "lint: clang missing (make deps installs it)" >"$out/clang"
fi

n=0
for tool in cppcheck gcc clang; do
	if [ -s "$out/$tool" ]; then
		cat "$out/$tool"
		k=$(grep -c . "$out/$tool")
		[ "$tool" = cppcheck ] || k=$(grep -Ec '(warning|error):|failed|missing' "$out/$tool")
		[ "$k" -gt 0 ] || k=1
		echo "lint: $tool: $k findings"
		n=$((n + k))
	fi
done
[ "$fail" -eq 0 ] || n=$((n + 1))
echo "lint: $n findings"
[ "$n" -eq 0 ]

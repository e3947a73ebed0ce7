#!/usr/bin/env bash
# Build checks: the library builds with clang as well as gcc (-Werror both),
# with a large pool (MAX_LINKS=4096), and its archive needs nothing from
# outside itself but the four mem* functions compilers emit calls to.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."

step() { # label, command...
	if "${@:2}" >/tmp/bpflink-matrix.log 2>&1; then
		echo "[OK] $1"
	else
		tail -n 20 /tmp/bpflink-matrix.log
		echo "[FAIL] $1"
	fi
}

step "build with clang -Werror" make --no-print-directory CC=clang BUILD=build/clang all
step "build with MAX_LINKS=4096" make --no-print-directory MAX_LINKS=4096 BUILD=build/maxlinks all

undefined() { nm -u "$1" | grep -v ':$' | awk 'NF {print $NF}' | sort -u | grep -v -x -E 'memcpy|memset|memmove|memcmp'; }
for a in "$BUILD/libbpflink.a" build/clang/libbpflink.a; do
	if [ ! -f "$a" ]; then
		echo "[FAIL] nm -u $a: archive missing"
	elif extra=$(undefined "$a") && [ -n "$extra" ]; then
		echo "[FAIL] nm -u $a: needs $(echo $extra)"
	else
		echo "[OK] nm -u $a lists only mem* functions"
	fi
done

# The freestanding include path really has no libc: a probe that includes
# <stdio.h> must fail to compile with the library's flags.
# The control: UAPI and freestanding headers do compile.
flags=$(make --no-print-directory -s print-free-cflags)
probe=$(mktemp --suffix=.c)
printf '#include <stdint.h>\n#include <linux/bpf.h>\nint x;\n' >"$probe"
if ! cc $flags -c "$probe" -o /dev/null; then
	echo "[FAIL] the library's flags cannot compile a UAPI header"
else
	echo '#include <stdio.h>' >"$probe"
	if cc $flags -c "$probe" -o /dev/null 2>/dev/null; then
		echo "[FAIL] a libc header compiles with the library's flags"
	else
		echo "[OK] a libc header cannot be included by library code"
	fi
fi
rm -f "$probe"

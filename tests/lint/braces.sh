#!/usr/bin/env bash
# MISRA C 2012 rule 15.6 (a compound statement for every if/else/loop
# body), applied mechanically: clang-tidy adds the braces, then
# git clang-format lays out only the lines that changed.
# Usage: tests/lint/braces.sh FILE.c...   (files must be tracked by git)
set -eu
cd "$(dirname "$0")/../.."
flags=$(make -s --no-print-directory CC=clang BUILD=build/clang print-free-cflags)
make -s --no-print-directory CC=clang BUILD=build/clang build/clang/uapi/.stamp
for f in "$@"; do
	clang-tidy -quiet -checks='-*,readability-braces-around-statements' \
		-fix "$f" -- $flags -Itests/lib -Itests/unit >/dev/null 2>&1 || true
done
git clang-format --style=file:tests/lint/clang-format --force -- "$@" >/dev/null || true

#!/usr/bin/env bash
# aarch64: cross-build the library and the no-libc runtime round-trip test
# (tests/kernel/nl_roundtrip.c) with gcc-aarch64-linux-gnu, run it under
# qemu-user. Its [OK]/[FAIL] lines are counted by tests/run.sh.
set -u
cd "$(dirname "$0")/../.."
for tool in aarch64-linux-gnu-gcc qemu-aarch64-static; do
	if ! command -v "$tool" >/dev/null; then
		echo "[SKIPPED] aarch64: $tool not installed (make deps installs it)"
		exit 0
	fi
done
if ! make --no-print-directory -s cross-aarch64 >/tmp/bpflink-aarch64.log 2>&1; then
	tail -n 30 /tmp/bpflink-aarch64.log
	echo "[FAIL] aarch64: cross build failed"
	exit 1
fi
echo "aarch64: $(file -b build/aarch64/tests/arch_roundtrip | cut -d, -f1-2)"
BPFLINK_RT_PROBE=x=1 qemu-aarch64-static build/aarch64/tests/arch_roundtrip | sed 's/^\(\[[A-Z]*\]\) /\1 aarch64:/'
exit "${PIPESTATUS[0]}"

#!/usr/bin/env bash
# bpflink as PID 1: a cpio initramfs (newc, written by tests/pid1/mkcpio.py)
# holding only the tool as /init and the demo object, booted with
# qemu-system-x86_64 under emulation and Debian's linux-image-amd64 kernel.
# The kernel hands the arguments after "--" to /init; the archive's
# dev/console is a directory, so the kernel cannot open an initial console
# and /init starts with fds 0-2 closed and nothing mounted. The serial
# console must show the tool finding its way to /dev/console, mounting
# sysfs, tracefs and bpffs, attaching both programs and pinning (each pin
# read back), and exiting 0 (the kernel's "Attempted to kill init!
# exitcode=0x00000000"; panic=-1 and -no-reboot then end qemu).
# SKIPPED without qemu-system-x86_64 or /boot/vmlinuz-* (Debian packages
# qemu-system-x86 and linux-image-amd64).
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
TOOL=$BUILD/bpflink
OBJ=$BUILD/cmd/counter.bpf.o
QEMU=$(command -v qemu-system-x86_64)
KERNEL=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)

if [ "$(uname -m)" != x86_64 ]; then
	echo "[SKIPPED] pid1: x86_64 only"
	exit 0
fi
if [ -z "$QEMU" ] || [ -z "$KERNEL" ]; then
	echo "[SKIPPED] pid1: needs qemu-system-x86_64 and /boot/vmlinuz-* (apt-get install qemu-system-x86 linux-image-amd64)"
	exit 0
fi
if [ ! -r "$KERNEL" ]; then
	echo "[SKIPPED] pid1: $KERNEL is not readable (root only)"
	exit 0
fi
if [ ! -x "$TOOL" ] || [ ! -f "$OBJ" ]; then
	echo "[FAIL] pid1: $TOOL or $OBJ not built"
	exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 tests/pid1/mkcpio.py "$T/initrd.cpio" dir:dev dir:dev/console \
	"file:init:$TOOL:755" "file:counter.bpf.o:$OBJ" || {
	echo "[FAIL] pid1: mkcpio"
	exit 1
}
D=/sys/fs/bpf/pid1
start=$(date +%s)
timeout 180 "$QEMU" -m 512 -kernel "$KERNEL" -initrd "$T/initrd.cpio" \
	-nographic -no-reboot -monitor none \
	-append "console=ttyS0 panic=-1 quiet -- load /counter.bpf.o --pin $D --map-pin $D" \
	</dev/null >"$T/console" 2>&1
rc=$?
secs=$(($(date +%s) - start))
tr -d '\r' <"$T/console" >"$T/log"
grep '^bpflink' "$T/log" | sed 's/^/  console: /'
echo "  (qemu exit $rc after ${secs}s, $(stat -c %s "$T/initrd.cpio")-byte initramfs, $(basename "$KERNEL"))"
expect() { # name, fixed string on the console
	if grep -qF -- "$2" "$T/log"; then
		echo "[OK] pid1: $1"
	else
		echo "[FAIL] pid1: $1: no \"$2\" on the console"
		tail -n 20 "$T/log"
	fi
}
expect "the tool ran as PID 1" "bpflink: running as PID 1"
expect "fds 0-2 closed: found /dev/console itself" "fds 1 and 2 are closed: mounted devtmpfs on /dev"
expect "mounted sysfs" "bpflink: mounted sysfs on /sys"
expect "mounted tracefs for the tracepoint" "bpflink: mounted tracefs on /sys/kernel/tracing"
expect "mounted bpffs" "bpflink: mounted bpf on /sys/fs/bpf"
expect "raw_tp program attached and its link pinned" "raw_tracepoint link 1, pinned at $D/count_syscalls"
expect "tracepoint program attached and its link pinned" "pinned at $D/log_exec"
expect "maps pinned" "bpflink: pinned map counts at $D/counts"
expect "load finished" "2 link(s) attached and pinned under $D"
expect "exit status 0" "Attempted to kill init! exitcode=0x00000000"

#!/usr/bin/env bash
# bpflink as PID 1: a cpio initramfs (newc, written by tests/pid1/mkcpio.py)
# holding only the tool as /init and the demo object, booted with
# qemu-system-x86_64 under emulation and Debian's linux-image-amd64 kernel.
# The kernel hands the arguments after "--" to /init; the archive's
# dev/console is a directory, so the kernel cannot open an initial console
# and /init starts with fds 0-2 closed and nothing mounted.
# One boot runs a list of commands as PID 1: load (mounting sysfs, tracefs
# and bpffs itself, attaching and pinning both programs), link list, map
# dump, a failing link show, then "exec /init ..." (the tool again, as a real
# init would be; run even after the failure): the
# new image, still PID 1 and given fds 0-2 on /dev/console, shows a link
# through its pin (the state survived the exec), unpins everything, finds
# the link gone, and with nothing left to exec syncs and powers the machine
# off: qemu must end by itself with "reboot: Power down" and no kernel panic
# ("Attempted to kill init").
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
ARGS="load /counter.bpf.o --pin $D --map-pin $D , link list , map dump $D/counts"
ARGS="$ARGS , link show 99999 , exec /init link -j show $D/count_syscalls , unpin $D , link show 1"
# The kernel hands init at most 31 arguments (CONFIG_INIT_ENV_ARG_LIMIT 32,
# with init's name) and panics on more: this list is 31.
n=$(set -- $ARGS; echo $#)
[ "$n" -le 31 ] || { echo "[FAIL] pid1: $n init arguments, the kernel takes 31"; exit 1; }
start=$(date +%s)
timeout 180 "$QEMU" -m 512 -kernel "$KERNEL" -initrd "$T/initrd.cpio" \
	-nographic -no-reboot -monitor none \
	-append "console=ttyS0 panic=-1 quiet -- $ARGS" \
	</dev/null >"$T/console" 2>&1
rc=$?
secs=$(($(date +%s) - start))
tr -d '\r' <"$T/console" >"$T/log"
grep -E '^(bpflink|[0-9]+: |\{|\[|reboot:|Kernel panic)' "$T/log" | sed 's/^/  console: /'
echo "  (qemu exit $rc after ${secs}s, $(stat -c %s "$T/initrd.cpio")-byte initramfs, $(basename "$KERNEL"))"
expect() { # name, fixed string on the console
	if grep -qF -- "$2" "$T/log"; then
		echo "[OK] pid1: $1"
	else
		echo "[FAIL] pid1: $1: no \"$2\" on the console"
		[ -n "${tailed:-}" ] || tail -n 20 "$T/log"
		tailed=1
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
expect "second command: link list" "1: raw_tracepoint  prog_id"
expect "third command: map dump" "entries in map counts"
expect "a failed command before exec: exec runs anyway" "bpflink: exec /init after a failed command"
expect "exec'd image (PID 1 again) reads the link through its pin" '{"id":1,"type":"raw_tracepoint"'
expect "then unpins everything" "bpflink: removed $D"
expect "and the link is gone" "bpflink: link: no link 1: ENOENT"
expect "nothing to exec: powers off" "syncing and powering off"
expect "the kernel powered down" "reboot: Power down"
n=$(grep -c 'fds 1 and 2 are closed' "$T/log")
[ "$n" = 1 ] && echo "[OK] pid1: the exec'd image found fds 0-2 open (on /dev/console)" ||
	echo "[FAIL] pid1: $n lines 'fds 1 and 2 are closed', expected 1 (exec without stdio)"
n=$(grep -c 'bpflink: running as PID 1' "$T/log")
[ "$n" = 2 ] && echo "[OK] pid1: two images ran as PID 1 (exec kept the pid)" ||
	echo "[FAIL] pid1: $n lines 'running as PID 1', expected 2"
if grep -qE 'Attempted to kill init|Kernel panic' "$T/log"; then
	echo "[FAIL] pid1: PID 1 returned to the kernel: $(grep -E 'Attempted to kill init|Kernel panic' "$T/log" | head -n 2)"
else
	echo "[OK] pid1: no kernel panic (PID 1 never returned)"
fi
[ $rc = 0 ] && echo "[OK] pid1: qemu ended by itself (exit 0)" || echo "[FAIL] pid1: qemu exit $rc (124: timeout)"

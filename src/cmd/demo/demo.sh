#!/bin/sh
# make demo: bpflink loads src/cmd/demo/counter.bpf.c (a per-syscall counter
# and an exec logger), pins its links and maps, shows the counters moving
# through a second invocation, then unpins and shows nothing is left.
# Runs in a private mount namespace (unshare -m), so the bpffs and tracefs
# mounts bpflink makes vanish with it; the pins are removed by bpflink unpin.
set -u
TOOL=${1:-build/bpflink}
OBJ=${2:-build/cmd/counter.bpf.o}
DIR=/sys/fs/bpf/bpflink-demo

if [ "${BPFLINK_DEMO_INNER:-}" != 1 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "make demo: needs root (CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN to mount bpffs): run it as root"
		exit 1
	fi
	BPFLINK_DEMO_INNER=1 exec unshare -m "$0" "$TOOL" "$OBJ"
fi

step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "== bpflink demo: build/bpflink is $(stat -c %s "$TOOL") bytes stripped, static, no libc"
step "$TOOL" --version
step "$TOOL" load "$OBJ" --pin "$DIR" --map-pin "$DIR" || exit 1
step ls "$DIR"
step "$TOOL" link show "$DIR/count_syscalls"
first=$(mktemp)
"$TOOL" map dump "$DIR/counts" >"$first"
echo
echo "# a workload: 3 execs of /bin/true, some getpid() and write() calls"
/bin/true; /bin/true; /bin/true
i=0; while [ $i -lt 50 ]; do echo x >/dev/null; i=$((i + 1)); done
echo
echo "# the counters, read by a second invocation (bpflink map dump): nr: first -> now"
"$TOOL" map dump "$DIR/counts" | grep -v '^bpflink:' | sort -n | while read -r nr n; do
	nr=${nr%:}
	was=$(grep "^$nr: " "$first" | cut -d' ' -f2)
	[ "${was:-0}" != "$n" ] && printf '  syscall %3s: %6s -> %s\n' "$nr" "${was:-0}" "$n"
done | head -n 12
rm -f "$first"
echo
echo "# the exec logger (pid -> command name), system-wide; our three /bin/true:"
printf '\n$ %s\n' "$TOOL map dump $DIR/execs | grep -E ': true$|^bpflink:'"
"$TOOL" map dump "$DIR/execs" | grep -E ': true$|^bpflink:'
step "$TOOL" unpin "$DIR" || exit 1
echo
echo "# nothing left: no pin, no link of ours"
ls -A /sys/fs/bpf | grep -q bpflink-demo && { echo "FAILED: $DIR still there"; exit 1; }
if "$TOOL" link list | grep -q 'tp_name sys_enter'; then
	echo "(a sys_enter link of another BPF user is still listed)"
fi
step "$TOOL" link list
echo
echo "make demo: done"

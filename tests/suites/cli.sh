#!/usr/bin/env bash
# The bpflink tool (build/bpflink) against the running kernel: every
# subcommand, its errors and its JSON output. Runs in a private mount and
# network namespace (unshare -mn): bpffs/tracefs mounts go away with it;
# every pin is removed and the test checks that no link of its own is left.
# Needs root; SKIPPED otherwise (the EPERM message is still checked when
# setpriv is there... only as root, since dropping privileges needs them).
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
TOOL=$PWD/$BUILD/bpflink
OBJ=$PWD/$BUILD/cmd/counter.bpf.o

if [ "${BPFLINK_CLI_INNER:-}" != 1 ]; then
	if [ ! -x "$TOOL" ] || [ ! -f "$OBJ" ]; then
		echo "[FAIL] cli: $TOOL or $OBJ not built (make tool $OBJ)"
		exit 1
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "[SKIPPED] cli: needs root (BPF, mounts, namespaces)"
		exit 0
	fi
	BPFLINK_CLI_INNER=1 exec unshare -mn "$0" "$@"
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=/sys/fs/bpf/bpflink-cli
ok() { echo "[OK] cli: $1"; }
bad() { echo "[FAIL] cli: $1"; }
check() { # name, then a command that must succeed
	local n=$1
	shift
	if "$@" >"$T/chk" 2>&1; then ok "$n"; else bad "$n: $(head -c 600 "$T/chk")"; fi
}
run() { # run CMD... : sets rc, out, err
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
json() { python3 -c "import json,sys; d=json.load(open('$T/out')); $1"; }
bpfobj() { # name, C source on stdin
	clang -O2 -g -target bpf -Wall -Itests/bpf -c -x c - -o "$T/$1.bpf.o"
}
no_prog() { # NAME...: no BPF program of that name is loaded (bpftool),
	# allowing a second for the kernel's deferred release after exit
	command -v bpftool >/dev/null || return 0
	local k
	for k in $(seq 20); do
		bpftool -j prog show >"$T/progs" 2>/dev/null || return 0
		python3 -c "import json,sys; n={p.get('name') for p in json.load(open('$T/progs'))}; sys.exit(1 if n & set(sys.argv[1:]) else 0)" "$@" && return 0
		sleep 0.05
	done
	return 1
}
gone() { # ID...: none of these link ids exists
	local i
	for i in "$@"; do "$TOOL" link show "$i" >/dev/null 2>&1 && return 1; done
	return 0
}

# ---- version and help ----------------------------------------------------
run "$TOOL" --version
[ $rc = 0 ] && [[ $out == "bpflink "* ]] && ok "--version" || bad "--version: $rc $out"
run "$TOOL" -j --version
[ $rc = 0 ] && json "assert d['version']" && ok "-j --version is JSON" || bad "-j --version: $out"
for c in "" "load" "link" "unpin" "map"; do
	run "$TOOL" $c --help
	[ $rc = 0 ] && [[ $out == Usage:* ]] && ok "$c --help" || bad "$c --help: rc $rc: $out $err"
done
run "$TOOL"
[ $rc = 2 ] && ok "no command: usage, exit 2" || bad "no command: $rc"
run "$TOOL" frobnicate
[ $rc = 2 ] && [[ $err == *"unknown command frobnicate"* ]] && ok "unknown command: exit 2, one line" || bad "unknown command: $rc $err"
run "$TOOL" load
[ $rc = 2 ] && [[ $err == *"missing OBJ.o"* ]] && ok "load without object: exit 2" || bad "load without object: $rc $err"
run "$TOOL" load "$OBJ" --bogus x
[ $rc = 2 ] && ok "load with unknown option: exit 2" || bad "load --bogus: $rc"
run "$TOOL" link show
[ $rc = 2 ] && ok "link show without ID: exit 2" || bad "link show: $rc $err"
run "$TOOL" map frob x
[ $rc = 2 ] && ok "map with unknown command: exit 2" || bad "map frob: $rc"


# ---- load: errors leave nothing ------------------------------------------
run "$TOOL" load "$T/nosuch.o" --pin $D
[ $rc = 1 ] && [[ $err == *"cannot open"*ENOENT* ]] && [ "$(echo "$err" | wc -l)" = 1 ] &&
	ok "load of a missing file: exit 1, one line" || bad "load missing: $rc $err"
echo "not an ELF" >"$T/junk.o"
run "$TOOL" load "$T/junk.o" --pin $D
[ $rc = 1 ] && [[ $err == *ENOEXEC* ]] && ok "load of a non-ELF: ENOEXEC" || bad "load junk: $rc $err"
bpfobj refused <<'EOF'
#include "bpf_helpers.h"
SEC("raw_tp/sys_enter") int fine(void *ctx) { (void)ctx; return 0; }
SEC("raw_tp/sys_exit") int refused(void *ctx) { return *((__u64 *)ctx + 1000); }
char _license[] SEC("license") = "GPL";
EOF
run "$TOOL" load "$T/refused.bpf.o" --pin $D
[ $rc = 1 ] && [[ $err == *"refused program refused"* ]] && [[ $err == *"verifier log:"* ]] &&
	[[ $err == *"invalid bpf_context access"* ]] && [ ! -e $D ] &&
	ok "verifier refusal: exit 1, the program named, its log, nothing pinned" ||
	bad "verifier refusal: $rc $err"
run "$TOOL" load "$T/refused.bpf.o" --pin $D --prog fine
[ $rc = 0 ] && [ -e $D/fine ] && [ ! -e $D/refused ] && ok "--prog loads only the named program" || bad "--prog fine: $rc $err"
"$TOOL" unpin $D >/dev/null
run "$TOOL" load "$T/refused.bpf.o" --pin $D --prog nosuch
[ $rc = 2 ] && [[ $err == *"no program named nosuch"* ]] && ok "--prog with an unknown name: exit 2" || bad "--prog nosuch: $rc $err"
bpfobj halfway <<'EOF'
#include "bpf_helpers.h"
SEC("raw_tp/sys_enter") int bl_cli_first(void *ctx) { (void)ctx; return 0; }
SEC("tp/nosuch_category/nosuch_event") int bl_cli_second(void *ctx) { (void)ctx; return 0; }
char _license[] SEC("license") = "GPL";
EOF
run "$TOOL" load "$T/halfway.bpf.o" --pin $D
[ $rc = 1 ] && [[ $err == *"cannot attach program bl_cli_second"* ]] && [ ! -e $D ] && no_prog bl_cli_first &&
	ok "attach failure after a pinned link: rolled back (no pin, no link)" || bad "halfway: $rc $err $(ls $D 2>&1)"

# ---- load the demo object ------------------------------------------------
run "$TOOL" -j load "$OBJ" --pin $D --map-pin $D/maps
if [ $rc = 0 ] && json "assert len(d['links']) == 2 and d['pin_dir'] == '$D'; assert {l['prog'] for l in d['links']} == {'count_syscalls','log_exec'}; assert all(l['id'] > 0 for l in d['links'])"; then
	ok "-j load: 2 links in JSON"
else
	bad "-j load: $rc $out $err"
fi
ids=$(python3 -c "import json; print(' '.join(str(l['id']) for l in json.load(open('$T/out'))['links']))")
rawid=${ids%% *}
check "pins on bpffs: 2 links, 2 maps" test -e $D/count_syscalls -a -e $D/log_exec -a -e $D/maps/counts -a -e $D/maps/execs
run "$TOOL" -j link list
json "ids={l['id'] for l in d}; assert all(int(i) in ids for i in '$ids'.split()); r=[l for l in d if l['id']==$rawid][0]; assert r['type']=='raw_tracepoint' and r['tp_name']=='sys_enter' and r['prog_id']>0" &&
	ok "-j link list: both links, raw_tracepoint sys_enter" || bad "-j link list: $out"
run "$TOOL" link show $D/count_syscalls
[ $rc = 0 ] && [[ $out == "$rawid: raw_tracepoint  prog_id "*"tp_name sys_enter" ]] && ok "link show PATH" || bad "link show PATH: $out $err"
run "$TOOL" -j link show "$rawid"
[ $rc = 0 ] && json "assert d['id']==$rawid and d['type']=='raw_tracepoint'" && ok "-j link show ID" || bad "-j link show ID: $out"
run "$TOOL" map dump $D/maps/counts
n1=$(echo "$out" | grep -v '^bpflink:' | awk '{s+=$2} END {print s+0}')
for i in 1 2 3; do /bin/true; done
run "$TOOL" -j map dump $D/maps/counts
n2=$(python3 -c "import json; print(sum(int(''.join(e['value'][::-1]).replace('0x',''),16) for e in json.load(open('$T/out'))))")
[ "$n2" -gt "$n1" ] && json "assert all(len(e['key'])==4 and len(e['value'])==8 for e in d)" &&
	ok "counters move between two map dumps ($n1 -> $n2), -j in bpftool's hex form" || bad "counters: $n1 -> $n2 $out"
run "$TOOL" map dump $D/maps/execs
[[ $out == *": true"* ]] && ok "exec logger saw /bin/true" || bad "execs: $out"
run "$TOOL" map dump $D/count_syscalls
[ $rc = 1 ] && [[ $err == *"not a map"* ]] && ok "map dump of a link pin: exit 1" || bad "map dump link: $rc $err"
run "$TOOL" link pin "$rawid" $D/again
[ $rc = 0 ] && [ -e $D/again ] && ok "link pin ID PATH" || bad "link pin: $rc $err"
run "$TOOL" link pin "$rawid" $D/again
[ $rc = 1 ] && [[ $err == *EEXIST* ]] && ok "link pin over an existing pin: EEXIST" || bad "link pin again: $rc $err"
run "$TOOL" -j unpin $D/again
[ $rc = 0 ] && [ ! -e $D/again ] && json "assert d['unpinned']==['$D/again']" && ok "-j unpin PATH" || bad "unpin PATH: $rc $out $err"
run "$TOOL" link detach $D/count_syscalls
[ $rc = 1 ] && [[ $err == *"cannot detach"* ]] && ok "link detach of a raw_tracepoint link: the kernel's EOPNOTSUPP, exit 1" || bad "detach raw_tp: $rc $err"
run "$TOOL" unpin /tmp
[ $rc = 1 ] && [[ $err == *"not on bpffs"* ]] && ok "unpin outside bpffs: refused" || bad "unpin /tmp: $rc $err"
run "$TOOL" unpin $D
[ $rc = 0 ] && [ ! -e $D ] && ok "unpin DIR: every pin and the directory" || bad "unpin DIR: $rc $out $err"
sleep 0.1
gone $ids && ok "no link left after unpin" || bad "links left: $ids"
run "$TOOL" link show "$rawid"
[ $rc = 1 ] && [[ $err == *ENOENT* ]] && ok "link show of a gone id: ENOENT" || bad "show gone: $rc $err"

# ---- xdp on --dev (this test's own network namespace), detach ------------
bpfobj xdp <<'EOF'
#include "bpf_helpers.h"
SEC("xdp") int pass(void *ctx) { (void)ctx; return XDP_PASS; }
char _license[] SEC("license") = "GPL";
EOF
run "$TOOL" load "$T/xdp.bpf.o" --pin $D
[ $rc = 1 ] && [[ $err == *"no program to attach"* ]] && [ ! -e $D ] && ok "xdp without --dev: nothing to attach, exit 1" || bad "xdp no dev: $rc $err"
run "$TOOL" load "$T/xdp.bpf.o" --pin $D --dev nosuch0
[ $rc = 1 ] && [[ $err == *ENODEV* ]] && ok "--dev with an unknown interface: ENODEV" || bad "dev nosuch: $rc $err"
run "$TOOL" load "$T/xdp.bpf.o" --pin $D --dev lo
if [ $rc = 0 ]; then
	run "$TOOL" -j link show $D/pass
	json "assert d['type']=='xdp' and d['ifindex']==1" && ok "xdp on --dev lo: an xdp link on ifindex 1" || bad "xdp show: $out"
	run "$TOOL" link detach $D/pass
	[ $rc = 0 ] && ok "link detach PATH (xdp)" || bad "detach xdp: $rc $err"
	run "$TOOL" -j link show $D/pass
	json "assert d.get('ifindex', 0) == 0" && ok "detached link: no interface any more" || bad "after detach: $out"
	"$TOOL" unpin $D >/dev/null
else
	bad "xdp --dev lo: $rc $err"
fi

# ---- cgroup programs on --cgroup -----------------------------------------
CG=/sys/fs/cgroup/unified
[ -d "$CG" ] || CG=/sys/fs/cgroup
if [ "$(stat -f -c %T $CG)" = cgroup2fs ]; then
	bpfobj cg <<'EOF'
#include "bpf_helpers.h"
SEC("cgroup_skb/egress") int egress(void *ctx) { (void)ctx; return 1; }
char _license[] SEC("license") = "GPL";
EOF
	mkdir -p $CG/bpflink-cli
	run "$TOOL" -j load "$T/cg.bpf.o" --pin $D --cgroup $CG/bpflink-cli
	[ $rc = 0 ] && json "assert d['links'][0]['type']=='cgroup'" && ok "cgroup program on --cgroup" || bad "cgroup: $rc $out $err"
	"$TOOL" unpin $D >/dev/null 2>&1
	rmdir $CG/bpflink-cli
else
	echo "[SKIPPED] cli: cgroup program: no cgroup2 mount"
fi

# ---- no privileges ---------------------------------------------------------
if command -v setpriv >/dev/null; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$TOOL" load "$OBJ" --pin $D
	[ $rc = 1 ] && [[ $err == *EPERM*"needs root"* || $err == *EACCES* ]] && [ ! -e $D ] &&
		ok "without privileges: exit 1 and says it needs root" || bad "unprivileged: $rc $err"
else
	echo "[SKIPPED] cli: unprivileged run: no setpriv"
fi
[ ! -e $D ] && gone $ids && no_prog bl_cli_first fine refused pass egress && ok "nothing left behind" || bad "left behind: $(ls $D 2>&1)"

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


# ---- more usage errors (exit 2, one line naming the problem) -------------
usage_err() { # NAME EXPECTED-TEXT TOOL-ARGS...
	local n=$1 want=$2
	shift 2
	run "$TOOL" "$@"
	[ $rc = 2 ] && [[ $err == *"$want"* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && ok "$n: exit 2" ||
		bad "$n: rc $rc: $err"
}
usage_err "link list with an extra argument" "extra argument x" link list x
usage_err "link with an unknown verb" "unknown command frob" link frob 1
usage_err "link pin without PATH" "wrong arguments for pin" link pin 1
usage_err "link show with two links" "wrong arguments for show" link show 1 2
usage_err "unpin with two paths" "extra argument b" unpin a b
usage_err "map dump with two paths" "extra argument b" map dump a b
usage_err "load --pin without a value" "bad or incomplete option --pin" load "$OBJ" --pin
usage_err "load with two objects" "unknown option" load "$OBJ" "$OBJ" --pin $D
args=()
for i in $(seq 17); do args+=(--prog p$i); done
usage_err "load with 17 --prog" "too many --prog" load "$OBJ" "${args[@]}"
for c in "unpin" "map dump" "map"; do
	run "$TOOL" $c
	[ $rc = 2 ] && [[ $out == Usage:* ]] && ok "$c without arguments: usage, exit 2" || bad "$c bare: $rc $out $err"
done
for c in "link show" "link list" "map dump" "link detach"; do
	run "$TOOL" $c --help
	[ $rc = 0 ] && [[ $out == Usage:* ]] && ok "$c --help" || bad "$c --help: $rc $out $err"
done
run "$TOOL" -V
[ $rc = 0 ] && [[ $out == "bpflink "* ]] && ok "-V" || bad "-V: $rc $out"
run "$TOOL" --json --version
[ $rc = 0 ] && json "assert d['version']" && ok "--json is -j" || bad "--json: $rc $out"

# ---- things that do not exist (exit 1, ENOENT) -----------------------------
no_such() { # NAME TOOL-ARGS...
	local n=$1
	shift
	run "$TOOL" "$@"
	[ $rc = 1 ] && [[ $err == *ENOENT* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ] &&
		ok "$n: exit 1, ENOENT" || bad "$n: rc $rc: $out $err"
}
no_such "link show of an unused id" link show 4294967295
no_such "link show of an id above 32 bits" link show 99999999999
no_such "link show of a missing pin" link show /sys/fs/bpf/bpflink-cli-nosuch
no_such "link detach of a missing pin" link detach /sys/fs/bpf/bpflink-cli-nosuch
no_such "link pin of an unused id" link pin 4294967295 /sys/fs/bpf/bpflink-cli-x
no_such "unpin of a missing path" unpin /sys/fs/bpf/bpflink-cli-nosuch
no_such "map dump of a missing pin" map dump /sys/fs/bpf/bpflink-cli-nosuch

# ---- lists of commands (",") and exec ------------------------------------
run "$TOOL" --version , -j --version
[ $rc = 0 ] && [ "$(echo "$out" | head -n 1)" = "$(echo "$out" | head -n 1 | grep '^bpflink ')" ] &&
	[ "$(echo "$out" | sed -n 2p)" = '{"version":"0.1"}' ] && ok "two commands, -j for the second alone" ||
	bad "list: $rc $out $err"
run "$TOOL" frob , --version
[ $rc = 2 ] && [ -z "$out" ] && [[ $err == *"skipped after a failure: --version"* ]] &&
	ok "a failure skips the rest of the list, exit 2" || bad "list after failure: $rc $out $err"
run "$TOOL" --version ,
[ $rc = 2 ] && [[ $err == *"nothing after the last ,"* ]] && ok "trailing comma: exit 2" || bad "trailing ,: $rc $err"
run "$TOOL" , --version
[ $rc = 2 ] && [[ $err == *"empty command"* ]] && ok "leading comma: exit 2" || bad "leading ,: $rc $err"
run "$TOOL" --version , exec /bin/sh -c 'echo "$0 $1 ran"' x ,
[ $rc = 0 ] && [[ $out == *"x , ran" ]] && ok "exec takes every argument after it, commas too" || bad "exec args: $rc $out $err"
run "$TOOL" frob , exec /bin/sh -c 'echo ran'
[ $rc = 0 ] && [ "$out" = ran ] && [[ $err == *"exec /bin/sh after a failed command"* ]] &&
	ok "exec runs after a failed command (and says so)" || bad "exec after failure: $rc $out $err"
run "$TOOL" exec
[ $rc = 2 ] && [[ $err == *"exec: missing PATH"* ]] && ok "exec without PATH: exit 2" || bad "exec no path: $rc $err"
run "$TOOL" exec "$T/nosuch"
[ $rc = 1 ] && [[ $err == *"cannot execute"*ENOENT* ]] && ok "exec of a missing file: exit 1, ENOENT" || bad "exec missing: $rc $err"
run "$TOOL" exec --help
[ $rc = 0 ] && [[ $out == Usage:* ]] && ok "exec --help" || bad "exec --help: $rc $out"
run "$TOOL" --help
[[ $out == *"exec PATH"* ]] && [[ $out == *"PID 1"* ]] && ok "--help documents lists, exec and PID 1" || bad "help: $out"

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

# Map pins are named as libbpf's bpf_object__pin_maps names them: the full
# name of a .maps map, the data maps' kernel name with '.' made '_' (bpffs
# refuses '.').
bpfobj datapin <<'EOF'
#include "bpf_helpers.h"
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} a_map_with_a_long_name SEC(".maps");
const volatile __u64 limit = 7;
__u64 seen;
SEC("raw_tp/sys_enter") int datapin_prog(void *ctx) { (void)ctx; seen = limit; return 0; }
char _license[] SEC("license") = "GPL";
EOF
run "$TOOL" load "$T/datapin.bpf.o" --pin $D --map-pin $D/maps
[ $rc = 0 ] && [ -e $D/maps/a_map_with_a_long_name ] && [ -e $D/maps/datapin_rodata ] && [ -e $D/maps/datapin_bss ] &&
	ok "load --map-pin of data maps: datapin_rodata, datapin_bss, the long map name whole" ||
	bad "data map pins: $rc $err $(ls $D/maps 2>&1)"
"$TOOL" unpin $D >/dev/null
[ ! -e $D ] || bad "datapin: $D left"

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

show() { # PIN PYTHON-ASSERTION TEXT-PATTERN NAME: -j link show and text link show
	run "$TOOL" -j link show "$1"
	if [ $rc = 0 ] && json "$2"; then
		run "$TOOL" link show "$1"
		if [ $rc = 0 ] && [[ $out == $3 ]]; then ok "link show: $4"; else bad "link show $4 (text): $rc $out $err"; fi
	else
		bad "link show $4 (-j): $rc $out $err"
	fi
}

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
	cgid=$(stat -c %i $CG/bpflink-cli)
	show $D/egress "assert d['type']=='cgroup' and d['cgroup_id']==$cgid and d['attach_type']==1" \
		"*: cgroup  prog_id *  cgroup_id $cgid  attach_type 1" "cgroup: its id, inet egress"
	"$TOOL" unpin $D >/dev/null 2>&1
	rmdir $CG/bpflink-cli
else
	echo "[SKIPPED] cli: cgroup program: no cgroup2 mount"
fi

# ---- link list/show: the attach target of each link type ----------------
# Links the tool cannot make itself (netfilter, netns, sockmap) come from a
# small glibc program on the library (bpf_link__pin), then the tool reads
# them through their pins; every check reads text and -j JSON.
cat >"$T/mklink.c" <<'EOF2'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include <bpf/libbpf_attach_net.h>
int main(int argc, char **argv) /* mklink KIND OBJ PIN */
{
	struct bpf_object *o = argc == 4 ? bpf_object__open_file(argv[2], NULL) : NULL;
	struct bpf_program *p;
	struct bpf_link *l = NULL;

	if (!o || bpf_object__load(o)) {
		fprintf(stderr, "mklink: cannot load %s\n", argc > 2 ? argv[2] : "?");
		return 1;
	}
	p = bpf_object__next_program(o, NULL);
	if (!strcmp(argv[1], "netfilter")) {
		LIBBPF_OPTS(bpf_netfilter_opts, nf, .pf = 2, .hooknum = 1, .priority = -128);
		l = bpflink_attach_netfilter(bpf_program__fd(p), &nf);
	} else if (!strcmp(argv[1], "netns")) {
		l = bpflink_attach_netns(bpf_program__fd(p),
					 open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), BPF_SK_LOOKUP);
	} else if (!strcmp(argv[1], "sockmap")) {
		l = bpflink_attach_sockmap(bpf_program__fd(p),
					   bpf_map__fd(bpf_object__next_map(o, NULL)), BPF_SK_MSG_VERDICT);
	}
	if (!l || bpf_link__pin(l, argv[3])) {
		fprintf(stderr, "mklink: %s: %ld\n", argv[1], libbpf_get_error(l));
		return 1;
	}
	return 0;
}
EOF2
cc -Iinclude -o "$T/mklink" "$T/mklink.c" "$PWD/$BUILD/libbpflink.a" 2>"$T/cc" || bad "mklink: $(cat "$T/cc")"
cat >"$T/target.c" <<'EOF2'
__attribute__((noinline, used)) int bl_cli_probed(int x) { return x + 1; }
int main(void) { return bl_cli_probed(-1); }
EOF2
cc -O1 -o "$T/target" "$T/target.c"
cat >"$T/kinds.bpf.c" <<EOF2
#include "bpf_helpers.h"
SEC("tcx/ingress") int bl_cli_tcx(void *ctx) { (void)ctx; return -1; }
SEC("uprobe.multi/$T/target:bl_cli_probed") int bl_cli_um(void *ctx) { (void)ctx; return 0; }
SEC("iter/task") int bl_cli_iter(void *ctx) { (void)ctx; return 0; }
SEC("uprobe/$T/target:bl_cli_probed") int bl_cli_up(void *ctx) { (void)ctx; return 0; }
char _license[] SEC("license") = "GPL";
EOF2
clang -O2 -g -target bpf -Wall -Itests/bpf -c "$T/kinds.bpf.c" -o "$T/kinds.bpf.o"
bpfobj nf <<'EOF2'
#include "bpf_helpers.h"
SEC("netfilter") int bl_cli_nf(void *ctx) { (void)ctx; return 1; }
char _license[] SEC("license") = "GPL";
EOF2
bpfobj lookup <<'EOF2'
#include "bpf_helpers.h"
SEC("sk_lookup") int bl_cli_lookup(void *ctx) { (void)ctx; return 1; }
char _license[] SEC("license") = "GPL";
EOF2
bpfobj sockmap <<'EOF2'
#include "bpf_helpers.h"
struct {
	__uint(type, 15); /* BPF_MAP_TYPE_SOCKMAP */
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} bl_cli_socks SEC(".maps");
SEC("sk_msg") int bl_cli_msg(void *ctx) { (void)ctx; return 1; }
char _license[] SEC("license") = "GPL";
EOF2
run "$TOOL" -j load "$T/kinds.bpf.o" --pin $D --dev lo
if [ $rc = 0 ]; then
	show $D/bl_cli_tcx "assert d['type']=='tcx' and d['ifindex']==1 and d['attach_type']==46" \
		"*: tcx  prog_id *  ifindex 1  attach_type 46" "tcx on lo, ingress"
	show $D/bl_cli_um "assert d['type']=='uprobe_multi' and d['path']=='$T/target' and d['func_cnt']==1 and d['kind']=='uprobe' and d['pid']==0" \
		"*: uprobe_multi  prog_id *  path $T/target  func_cnt 1  kind uprobe  pid 0" "uprobe_multi: path, count"
	show $D/bl_cli_iter "assert d['type']=='iter' and d['target_name']=='task'" \
		"*: iter  prog_id *  target_name task" "iter: target name"
	off=$(python3 -c "
import subprocess
v = [int(l.split()[1], 16) for l in subprocess.run(['readelf', '-sW', '$T/target'], capture_output=True, text=True).stdout.splitlines() if l.split()[-1:] == ['bl_cli_probed']][0]
for l in subprocess.run(['readelf', '-lW', '$T/target'], capture_output=True, text=True).stdout.splitlines():
    f = l.split()
    if f and f[0] == 'LOAD' and 'E' in f[6:-1] and int(f[2], 16) <= v < int(f[2], 16) + int(f[5], 16):
        print(v - int(f[2], 16) + int(f[1], 16))")
	show $D/bl_cli_up "assert d['type']=='perf_event' and d['event_type']=='uprobe' and d['file_name']=='$T/target' and d['offset']==$off" \
		"*: perf_event  prog_id *  event_type uprobe  file_name $T/target  offset $off" "perf_event: a uprobe, its file and offset"
	tcxid=$("$TOOL" -j link show $D/bl_cli_tcx | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
	run "$TOOL" -j link pin "$tcxid" $D/tcx2
	[ $rc = 0 ] && [ -e $D/tcx2 ] && json "assert d=={'pinned':'$D/tcx2'}" && ok "-j link pin ID PATH" || bad "-j link pin: $rc $out $err"
	run "$TOOL" -j link detach "$tcxid"
	[ $rc = 0 ] && json "assert d=={'detached':'$tcxid'}" && ok "-j link detach ID (tcx)" || bad "-j link detach: $rc $out $err"
	run "$TOOL" -j link show $D/tcx2
	json "assert d['type']=='tcx' and d['ifindex']==0" && ok "detached tcx link: no interface" || bad "tcx after detach: $out"
	run "$TOOL" -j unpin $D
	[ $rc = 0 ] && json "assert sorted(d['unpinned'])==['bl_cli_iter','bl_cli_tcx','bl_cli_um','bl_cli_up','tcx2']" && [ ! -e $D ] &&
		ok "-j unpin DIR: the names removed" || bad "-j unpin DIR: $rc $out $err"
	"$TOOL" unpin $D >/dev/null 2>&1
else
	bad "load tcx, uprobe_multi, iter: $rc $out $err"
fi
run "$TOOL" load "$OBJ" --pin $D
if [ $rc = 0 ]; then
	show $D/log_exec "assert d['type']=='perf_event' and d['event_type']=='tracepoint' and d['tp_name']=='sched_process_exec'" \
		"*: perf_event  prog_id *  event_type tracepoint  tp_name sched_process_exec" "perf_event: a tracepoint, its name"
	show $D/count_syscalls "assert d['type']=='raw_tracepoint' and d['tp_name']=='sys_enter'" \
		"*: raw_tracepoint  prog_id *  tp_name sys_enter" "raw_tracepoint: its name"
	"$TOOL" unpin $D >/dev/null
else
	bad "load demo for link show: $rc $err"
fi
mkdir -p $D
if "$T/mklink" netfilter "$T/nf.bpf.o" $D/nf; then
	show $D/nf "assert d['type']=='netfilter' and d['pf']==2 and d['hooknum']==1 and d['priority']==-128 and d['flags']==0" \
		"*: netfilter  prog_id *  pf 2  hooknum 1  priority -128  flags 0" "netfilter: pf, hook, negative priority"
else
	bad "netfilter link"
fi
if "$T/mklink" netns "$T/lookup.bpf.o" $D/lookup; then
	ino=$(stat -L -c %i /proc/self/ns/net)
	show $D/lookup "assert d['type']=='netns' and d['netns_ino']==$ino and d['attach_type']==36" \
		"*: netns  prog_id *  netns_ino $ino  attach_type 36" "netns: sk_lookup in this namespace"
else
	bad "netns link"
fi
if "$T/mklink" sockmap "$T/sockmap.bpf.o" $D/msg 2>"$T/mk"; then
	show $D/msg "assert d['type']=='sockmap' and d['map_id']>0 and d['attach_type']==7" \
		"*: sockmap  prog_id *  map_id *  attach_type 7" "sockmap: map id, sk_msg verdict"
else
	bad "sockmap link (Linux 6.10): $(cat "$T/mk")"
fi
run "$TOOL" -j link list
json "t={l['type'] for l in d}; assert {'netfilter','netns','sockmap'} <= t, t" && ok "-j link list shows the new link types" || bad "-j link list: $out"
"$TOOL" unpin $D >/dev/null

# ---- no privileges ---------------------------------------------------------
if command -v setpriv >/dev/null; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$TOOL" load "$OBJ" --pin $D
	[ $rc = 1 ] && [[ $err == *EPERM*"needs root"* || $err == *EACCES* ]] && [ ! -e $D ] &&
		ok "without privileges: exit 1 and says it needs root" || bad "unprivileged: $rc $err"
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$TOOL" link list
	[ $rc = 1 ] && [[ $err == *EPERM*"needs root"* ]] && ok "link list without privileges: exit 1, needs root" ||
		bad "unprivileged link list: $rc $err"
else
	echo "[SKIPPED] cli: unprivileged run: no setpriv"
fi
[ ! -e $D ] && gone $ids && no_prog bl_cli_first fine refused pass egress bl_cli_tcx bl_cli_um bl_cli_up bl_cli_iter bl_cli_nf bl_cli_lookup bl_cli_msg && ok "nothing left behind" || bad "left behind: $(ls $D 2>&1)"

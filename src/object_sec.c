/* libbpf's SEC() conventions: a const table of section-name patterns with
 * the program type, the expected attach type, flags and the auto-attach
 * kind (enum values only; dispatch is a switch in program_attach.c).
 *
 * Matching follows libbpf 1.x: an entry with BL_SEC_PLUS matches the name
 * itself or the name followed by '/' and anything ("tp/sched/x"); one with
 * BL_SEC_PREFIX matches only the name followed by '/'; others match
 * exactly. The first matching entry in table order wins, so the more
 * specific patterns come first. Values newer than the 6.1 UAPI headers
 * come from compat.h.
 */
#include <stdint.h>
#include <linux/bpf.h>

#include "compat.h"
#include "object.h"

#define P BL_SEC_PLUS
#define S BL_SEC_SLEEPABLE
#define B BL_SEC_ATTACH_BTF

const struct bl_sec_def bl_sec_defs[BL_SEC_DEFS_N] = {
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, BL_AUTO_NONE },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, 0, BL_AUTO_NONE },
	{ "sk_reuseport", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT, 0, BL_AUTO_NONE },
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_KPROBE },
	{ "uprobe", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_UPROBE },
	{ "uprobe.s", BPF_PROG_TYPE_KPROBE, 0, P | S, BL_AUTO_UPROBE },
	{ "kretprobe", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_KRETPROBE },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_URETPROBE },
	{ "uretprobe.s", BPF_PROG_TYPE_KPROBE, 0, P | S, BL_AUTO_URETPROBE },
	{ "kprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, P, BL_AUTO_NONE },
	{ "kretprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, P, BL_AUTO_NONE },
	{ "uprobe.multi", BPF_PROG_TYPE_KPROBE, BL_BPF_TRACE_UPROBE_MULTI, P, BL_AUTO_UPROBE_MULTI },
	{ "uretprobe.multi", BPF_PROG_TYPE_KPROBE, BL_BPF_TRACE_UPROBE_MULTI, P, BL_AUTO_URETPROBE_MULTI },
	{ "uprobe.multi.s", BPF_PROG_TYPE_KPROBE, BL_BPF_TRACE_UPROBE_MULTI, P | S, BL_AUTO_UPROBE_MULTI },
	{ "uretprobe.multi.s", BPF_PROG_TYPE_KPROBE, BL_BPF_TRACE_UPROBE_MULTI, P | S, BL_AUTO_URETPROBE_MULTI },
	{ "ksyscall", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_KSYSCALL },
	{ "kretsyscall", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_KRETSYSCALL },
	{ "usdt", BPF_PROG_TYPE_KPROBE, 0, P, BL_AUTO_NONE },
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_INGRESS, 0, BL_AUTO_NONE },
	{ "tc/egress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_EGRESS, 0, BL_AUTO_NONE },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_INGRESS, 0, BL_AUTO_NONE },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_EGRESS, 0, BL_AUTO_NONE },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0, BL_AUTO_NONE },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, 0, BL_AUTO_NONE },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, 0, BL_AUTO_NONE },
	{ "netkit/primary", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_NETKIT_PRIMARY, 0, BL_AUTO_NONE },
	{ "netkit/peer", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_NETKIT_PEER, 0, BL_AUTO_NONE },
	{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT, 0, P, BL_AUTO_TP },
	{ "tp", BPF_PROG_TYPE_TRACEPOINT, 0, P, BL_AUTO_TP },
	{ "raw_tracepoint", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, P, BL_AUTO_RAW_TP },
	{ "raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, P, BL_AUTO_RAW_TP },
	{ "raw_tracepoint.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, P, BL_AUTO_RAW_TP },
	{ "raw_tp.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, P, BL_AUTO_RAW_TP },
	{ "tp_btf", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, P | B, BL_AUTO_TRACE },
	{ "fentry", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, P | B, BL_AUTO_TRACE },
	{ "fmod_ret", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, P | B, BL_AUTO_TRACE },
	{ "fexit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, P | B, BL_AUTO_TRACE },
	{ "fentry.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, P | B | S, BL_AUTO_TRACE },
	{ "fmod_ret.s", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, P | B | S, BL_AUTO_TRACE },
	{ "fexit.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, P | B | S, BL_AUTO_TRACE },
	{ "freplace", BPF_PROG_TYPE_EXT, 0, P | B, BL_AUTO_NONE },
	{ "lsm", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, P | B, BL_AUTO_LSM },
	{ "lsm.s", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, P | B | S, BL_AUTO_LSM },
	{ "lsm_cgroup", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, P | B, BL_AUTO_NONE },
	{ "iter", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, P | B, BL_AUTO_ITER },
	{ "iter.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, P | B | S, BL_AUTO_ITER },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, S, BL_AUTO_NONE },
	{ "xdp.frags/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0, BL_AUTO_NONE },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, 0, BL_AUTO_NONE },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0, BL_AUTO_NONE },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0, BL_AUTO_NONE },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0, 0, BL_AUTO_NONE },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, 0, BL_AUTO_NONE },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, 0, BL_AUTO_NONE },
	{ "lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0, 0, BL_AUTO_NONE },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, 0, BL_AUTO_NONE },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, 0, BL_AUTO_NONE },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, 0, BL_AUTO_NONE },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, 0, BL_AUTO_NONE },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, 0, BL_AUTO_NONE },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, 0, BL_AUTO_NONE },
	{ "lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, BPF_LIRC_MODE2, 0, BL_AUTO_NONE },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, 0, BL_AUTO_NONE },
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, 0, BL_AUTO_NONE },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, 0, BL_AUTO_NONE },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, 0, BL_AUTO_NONE },
	{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, 0, BL_AUTO_NONE },
	{ "cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_RELEASE, 0, BL_AUTO_NONE },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, 0, BL_AUTO_NONE },
	{ "cgroup/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BL_BPF_CGROUP_UNIX_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BL_BPF_CGROUP_UNIX_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BL_BPF_CGROUP_UNIX_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BL_BPF_CGROUP_UNIX_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BL_BPF_CGROUP_UNIX_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, 0, BL_AUTO_NONE },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, 0, BL_AUTO_NONE },
	{ "cgroup/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, 0, BL_AUTO_NONE },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, 0, BL_AUTO_NONE },
	{ "struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, P, BL_AUTO_NONE },
	{ "struct_ops.s", BPF_PROG_TYPE_STRUCT_OPS, 0, P | S, BL_AUTO_NONE },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 0, BL_AUTO_NONE },
	{ "netfilter", BL_BPF_PROG_TYPE_NETFILTER, BL_BPF_NETFILTER, 0, BL_AUTO_NONE },
};

/*@ requires \valid_read(d) && bl_cstr((char *)d->prefix);
    requires bl_cstr((char *)sec);
    assigns \nothing; */
static bool bl_sec_match(const struct bl_sec_def *d, const char *sec)
{
	const char *pfx = d->prefix;
	size_t n = 0;
	bool ok;

	/*@ loop invariant \forall integer j; 0 <= j < n ==>
	        pfx[j] != 0 && sec[j] == pfx[j];
	    loop assigns n; */
	while (pfx[n] != '\0') {
		if (sec[n] != pfx[n]) {
			return false;
		}
		n++;
	}
	if (sec[n] == '\0') {
		ok = (d->flags & BL_SEC_PREFIX) == 0U;
	} else {
		ok = (sec[n] == '/') &&
		     ((d->flags & (BL_SEC_PLUS | BL_SEC_PREFIX)) != 0U);
	}
	return ok;
}

uint16_t bl_sec_find(const char *sec)
{
	if (sec == NULL) {
		return BL_NONE_IDX;
	}
	/*@ loop invariant 0 <= i <= BL_SEC_DEFS_N;
	    loop assigns i;
	    loop variant BL_SEC_DEFS_N - i; */
	for (uint32_t i = 0; i < BL_SEC_DEFS_N; i++) {
		/* every prefix of the table is a string literal (assumed: WP
		 * does not unfold the 99 initialisers for a symbolic index) */
		/*@ admit bl_cstr((char *)bl_sec_defs[i].prefix); */
		if (bl_sec_match(&bl_sec_defs[i], sec)) {
			return (uint16_t)i;
		}
	}
	return BL_NONE_IDX;
}

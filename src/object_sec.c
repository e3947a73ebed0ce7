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
#define T(x) BPF_PROG_TYPE_##x

const struct bl_sec_def bl_sec_defs[] = {
	{ "socket", T(SOCKET_FILTER), 0, 0, BL_AUTO_NONE },
	{ "sk_reuseport/migrate", T(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, 0, BL_AUTO_NONE },
	{ "sk_reuseport", T(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT, 0, BL_AUTO_NONE },
	{ "kprobe", T(KPROBE), 0, P, BL_AUTO_KPROBE },
	{ "uprobe", T(KPROBE), 0, P, BL_AUTO_UPROBE },
	{ "uprobe.s", T(KPROBE), 0, P | S, BL_AUTO_UPROBE },
	{ "kretprobe", T(KPROBE), 0, P, BL_AUTO_KRETPROBE },
	{ "uretprobe", T(KPROBE), 0, P, BL_AUTO_URETPROBE },
	{ "uretprobe.s", T(KPROBE), 0, P | S, BL_AUTO_URETPROBE },
	{ "kprobe.multi", T(KPROBE), BPF_TRACE_KPROBE_MULTI, P, BL_AUTO_NONE },
	{ "kretprobe.multi", T(KPROBE), BPF_TRACE_KPROBE_MULTI, P, BL_AUTO_NONE },
	{ "uprobe.multi", T(KPROBE), BL_BPF_TRACE_UPROBE_MULTI, P, BL_AUTO_UPROBE_MULTI },
	{ "uretprobe.multi", T(KPROBE), BL_BPF_TRACE_UPROBE_MULTI, P, BL_AUTO_URETPROBE_MULTI },
	{ "uprobe.multi.s", T(KPROBE), BL_BPF_TRACE_UPROBE_MULTI, P | S, BL_AUTO_UPROBE_MULTI },
	{ "uretprobe.multi.s", T(KPROBE), BL_BPF_TRACE_UPROBE_MULTI, P | S, BL_AUTO_URETPROBE_MULTI },
	{ "ksyscall", T(KPROBE), 0, P, BL_AUTO_KSYSCALL },
	{ "kretsyscall", T(KPROBE), 0, P, BL_AUTO_KRETSYSCALL },
	{ "usdt", T(KPROBE), 0, P, BL_AUTO_NONE },
	{ "tc/ingress", T(SCHED_CLS), BL_BPF_TCX_INGRESS, 0, BL_AUTO_NONE },
	{ "tc/egress", T(SCHED_CLS), BL_BPF_TCX_EGRESS, 0, BL_AUTO_NONE },
	{ "tcx/ingress", T(SCHED_CLS), BL_BPF_TCX_INGRESS, 0, BL_AUTO_NONE },
	{ "tcx/egress", T(SCHED_CLS), BL_BPF_TCX_EGRESS, 0, BL_AUTO_NONE },
	{ "tc", T(SCHED_CLS), 0, 0, BL_AUTO_NONE },
	{ "classifier", T(SCHED_CLS), 0, 0, BL_AUTO_NONE },
	{ "action", T(SCHED_ACT), 0, 0, BL_AUTO_NONE },
	{ "netkit/primary", T(SCHED_CLS), BL_BPF_NETKIT_PRIMARY, 0, BL_AUTO_NONE },
	{ "netkit/peer", T(SCHED_CLS), BL_BPF_NETKIT_PEER, 0, BL_AUTO_NONE },
	{ "tracepoint", T(TRACEPOINT), 0, P, BL_AUTO_TP },
	{ "tp", T(TRACEPOINT), 0, P, BL_AUTO_TP },
	{ "raw_tracepoint", T(RAW_TRACEPOINT), 0, P, BL_AUTO_RAW_TP },
	{ "raw_tp", T(RAW_TRACEPOINT), 0, P, BL_AUTO_RAW_TP },
	{ "raw_tracepoint.w", T(RAW_TRACEPOINT_WRITABLE), 0, P, BL_AUTO_RAW_TP },
	{ "raw_tp.w", T(RAW_TRACEPOINT_WRITABLE), 0, P, BL_AUTO_RAW_TP },
	{ "tp_btf", T(TRACING), BPF_TRACE_RAW_TP, P | B, BL_AUTO_TRACE },
	{ "fentry", T(TRACING), BPF_TRACE_FENTRY, P | B, BL_AUTO_TRACE },
	{ "fmod_ret", T(TRACING), BPF_MODIFY_RETURN, P | B, BL_AUTO_TRACE },
	{ "fexit", T(TRACING), BPF_TRACE_FEXIT, P | B, BL_AUTO_TRACE },
	{ "fentry.s", T(TRACING), BPF_TRACE_FENTRY, P | B | S, BL_AUTO_TRACE },
	{ "fmod_ret.s", T(TRACING), BPF_MODIFY_RETURN, P | B | S, BL_AUTO_TRACE },
	{ "fexit.s", T(TRACING), BPF_TRACE_FEXIT, P | B | S, BL_AUTO_TRACE },
	{ "freplace", T(EXT), 0, P | B, BL_AUTO_NONE },
	{ "lsm", T(LSM), BPF_LSM_MAC, P | B, BL_AUTO_LSM },
	{ "lsm.s", T(LSM), BPF_LSM_MAC, P | B | S, BL_AUTO_LSM },
	{ "lsm_cgroup", T(LSM), BPF_LSM_CGROUP, P | B, BL_AUTO_NONE },
	{ "iter", T(TRACING), BPF_TRACE_ITER, P | B, BL_AUTO_ITER },
	{ "iter.s", T(TRACING), BPF_TRACE_ITER, P | B | S, BL_AUTO_ITER },
	{ "syscall", T(SYSCALL), 0, S, BL_AUTO_NONE },
	{ "xdp.frags/devmap", T(XDP), BPF_XDP_DEVMAP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp/devmap", T(XDP), BPF_XDP_DEVMAP, 0, BL_AUTO_NONE },
	{ "xdp.frags/cpumap", T(XDP), BPF_XDP_CPUMAP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp/cpumap", T(XDP), BPF_XDP_CPUMAP, 0, BL_AUTO_NONE },
	{ "xdp.frags", T(XDP), BPF_XDP, BL_SEC_XDP_FRAGS, BL_AUTO_NONE },
	{ "xdp", T(XDP), BPF_XDP, 0, BL_AUTO_NONE },
	{ "perf_event", T(PERF_EVENT), 0, 0, BL_AUTO_NONE },
	{ "lwt_in", T(LWT_IN), 0, 0, BL_AUTO_NONE },
	{ "lwt_out", T(LWT_OUT), 0, 0, BL_AUTO_NONE },
	{ "lwt_xmit", T(LWT_XMIT), 0, 0, BL_AUTO_NONE },
	{ "lwt_seg6local", T(LWT_SEG6LOCAL), 0, 0, BL_AUTO_NONE },
	{ "sockops", T(SOCK_OPS), BPF_CGROUP_SOCK_OPS, 0, BL_AUTO_NONE },
	{ "sk_skb/stream_parser", T(SK_SKB), BPF_SK_SKB_STREAM_PARSER, 0, BL_AUTO_NONE },
	{ "sk_skb/stream_verdict", T(SK_SKB), BPF_SK_SKB_STREAM_VERDICT, 0, BL_AUTO_NONE },
	{ "sk_skb/verdict", T(SK_SKB), BPF_SK_SKB_VERDICT, 0, BL_AUTO_NONE },
	{ "sk_skb", T(SK_SKB), 0, 0, BL_AUTO_NONE },
	{ "sk_msg", T(SK_MSG), BPF_SK_MSG_VERDICT, 0, BL_AUTO_NONE },
	{ "lirc_mode2", T(LIRC_MODE2), BPF_LIRC_MODE2, 0, BL_AUTO_NONE },
	{ "flow_dissector", T(FLOW_DISSECTOR), BPF_FLOW_DISSECTOR, 0, BL_AUTO_NONE },
	{ "cgroup_skb/ingress", T(CGROUP_SKB), BPF_CGROUP_INET_INGRESS, 0, BL_AUTO_NONE },
	{ "cgroup_skb/egress", T(CGROUP_SKB), BPF_CGROUP_INET_EGRESS, 0, BL_AUTO_NONE },
	{ "cgroup/skb", T(CGROUP_SKB), 0, 0, BL_AUTO_NONE },
	{ "cgroup/sock_create", T(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, 0, BL_AUTO_NONE },
	{ "cgroup/sock_release", T(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_RELEASE, 0, BL_AUTO_NONE },
	{ "cgroup/sock", T(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, 0, BL_AUTO_NONE },
	{ "cgroup/post_bind4", T(CGROUP_SOCK), BPF_CGROUP_INET4_POST_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/post_bind6", T(CGROUP_SOCK), BPF_CGROUP_INET6_POST_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/bind4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/bind6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_BIND, 0, BL_AUTO_NONE },
	{ "cgroup/connect4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/connect6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/connect_unix", T(CGROUP_SOCK_ADDR), BL_BPF_CGROUP_UNIX_CONNECT, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/sendmsg_unix", T(CGROUP_SOCK_ADDR), BL_BPF_CGROUP_UNIX_SENDMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/recvmsg_unix", T(CGROUP_SOCK_ADDR), BL_BPF_CGROUP_UNIX_RECVMSG, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getpeername_unix", T(CGROUP_SOCK_ADDR), BL_BPF_CGROUP_UNIX_GETPEERNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname4", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname6", T(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/getsockname_unix", T(CGROUP_SOCK_ADDR), BL_BPF_CGROUP_UNIX_GETSOCKNAME, 0, BL_AUTO_NONE },
	{ "cgroup/sysctl", T(CGROUP_SYSCTL), BPF_CGROUP_SYSCTL, 0, BL_AUTO_NONE },
	{ "cgroup/getsockopt", T(CGROUP_SOCKOPT), BPF_CGROUP_GETSOCKOPT, 0, BL_AUTO_NONE },
	{ "cgroup/setsockopt", T(CGROUP_SOCKOPT), BPF_CGROUP_SETSOCKOPT, 0, BL_AUTO_NONE },
	{ "cgroup/dev", T(CGROUP_DEVICE), BPF_CGROUP_DEVICE, 0, BL_AUTO_NONE },
	{ "struct_ops", T(STRUCT_OPS), 0, P, BL_AUTO_NONE },
	{ "struct_ops.s", T(STRUCT_OPS), 0, P | S, BL_AUTO_NONE },
	{ "sk_lookup", T(SK_LOOKUP), BPF_SK_LOOKUP, 0, BL_AUTO_NONE },
	{ "netfilter", BL_BPF_PROG_TYPE_NETFILTER, BL_BPF_NETFILTER, 0, BL_AUTO_NONE },
};

const uint32_t bl_nr_sec_defs = sizeof(bl_sec_defs) / sizeof(bl_sec_defs[0]);

static int bl_sec_match(const struct bl_sec_def *d, const char *sec)
{
	size_t n = 0;

	while (d->prefix[n] != '\0') {
		if (sec[n] != d->prefix[n])
			return 0;
		n++;
	}
	if (sec[n] == '\0')
		return !(d->flags & BL_SEC_PREFIX);
	return sec[n] == '/' && (d->flags & (BL_SEC_PLUS | BL_SEC_PREFIX));
}

uint16_t bl_sec_find(const char *sec)
{
	if (!sec)
		return BL_NONE_IDX;
	for (uint32_t i = 0; i < bl_nr_sec_defs; i++)
		if (bl_sec_match(&bl_sec_defs[i], sec))
			return (uint16_t)i;
	return BL_NONE_IDX;
}

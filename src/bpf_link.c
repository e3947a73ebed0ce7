/* libbpf's low-level calls, part 2: kernel links (BPF_LINK_CREATE with its
 * opts union, update, detach, raw tracepoints, iterators) and the legacy
 * BPF_PROG_ATTACH / BPF_PROG_DETACH. The attrs are bpflink's own
 * per-command structs from compat.h, since the 6.1 UAPI headers lack the
 * newer link_create members. See include/bpf/bpf.h for each contract.
 */
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf/bpf.h"
#include "bpf_opts.h"
#include "compat.h"
#include "sys.h"

#define LC bpf_link_create_opts /* shorter BL_OPT lines */

/* tcx / netkit / cgroup ordering: a relative fd or a relative id (which
 * adds BPF_F_ID), never both. */
static int bl_mprog(struct bl_attr_link_create *a, __u32 rel_fd, __u32 rel_id,
		    __u64 revision)
{
	if ((rel_fd != 0U) && (rel_id != 0U)) {
		return -EINVAL;
	}
	if (rel_id != 0U) {
		a->mprog.relative_fd = rel_id;
		a->flags |= BL_BPF_F_ID;
	} else {
		a->mprog.relative_fd = rel_fd;
	}
	a->mprog.expected_revision = revision;
	return 0;
}

static bool bl_is_cgroup_type(int t)
{
	switch (t) {
	case BPF_CGROUP_INET_INGRESS: case BPF_CGROUP_INET_EGRESS:
	case BPF_CGROUP_INET_SOCK_CREATE: case BPF_CGROUP_SOCK_OPS:
	case BPF_CGROUP_DEVICE: case BPF_CGROUP_INET4_BIND:
	case BPF_CGROUP_INET6_BIND: case BPF_CGROUP_INET4_CONNECT:
	case BPF_CGROUP_INET6_CONNECT: case BPF_CGROUP_INET4_POST_BIND:
	case BPF_CGROUP_INET6_POST_BIND: case BPF_CGROUP_UDP4_SENDMSG:
	case BPF_CGROUP_UDP6_SENDMSG: case BPF_CGROUP_SYSCTL:
	case BPF_CGROUP_UDP4_RECVMSG: case BPF_CGROUP_UDP6_RECVMSG:
	case BPF_CGROUP_GETSOCKOPT: case BPF_CGROUP_SETSOCKOPT:
	case BPF_CGROUP_INET4_GETPEERNAME: case BPF_CGROUP_INET6_GETPEERNAME:
	case BPF_CGROUP_INET4_GETSOCKNAME: case BPF_CGROUP_INET6_GETSOCKNAME:
	case BPF_CGROUP_INET_SOCK_RELEASE:
	case BL_BPF_CGROUP_UNIX_CONNECT: case BL_BPF_CGROUP_UNIX_SENDMSG:
	case BL_BPF_CGROUP_UNIX_RECVMSG: case BL_BPF_CGROUP_UNIX_GETPEERNAME:
	case BL_BPF_CGROUP_UNIX_GETSOCKNAME:
		return true;
	default:
		return false;
	}
}

static int bl_link_kprobe_multi(struct bl_attr_link_create *a,
				const struct LC *o)
{
	const void *syms = BL_OPT(o, LC, kprobe_multi.syms, NULL);
	const void *addrs = BL_OPT(o, LC, kprobe_multi.addrs, NULL);

	a->kprobe_multi.flags = BL_OPT(o, LC, kprobe_multi.flags, 0U);
	a->kprobe_multi.cnt = BL_OPT(o, LC, kprobe_multi.cnt, 0U);
	a->kprobe_multi.syms = bl_ptr(syms);
	a->kprobe_multi.addrs = bl_ptr(addrs);
	a->kprobe_multi.cookies =
		bl_ptr(BL_OPT(o, LC, kprobe_multi.cookies, NULL));
	/* exactly one list */
	if ((a->kprobe_multi.cnt == 0U) ||
	    ((syms == NULL) == (addrs == NULL))) {
		return -EINVAL;
	}
	return BL_OPTS_ZEROED(o, LC, kprobe_multi) ? 0 : -EINVAL;
}

static int bl_link_uprobe_multi(struct bl_attr_link_create *a,
				const struct LC *o)
{
	const char *path = BL_OPT(o, LC, uprobe_multi.path, NULL);
	const unsigned long *offsets = BL_OPT(o, LC, uprobe_multi.offsets, NULL);

	a->uprobe_multi.path = bl_ptr(path);
	a->uprobe_multi.offsets = bl_ptr(offsets);
	a->uprobe_multi.ref_ctr_offsets =
		bl_ptr(BL_OPT(o, LC, uprobe_multi.ref_ctr_offsets, NULL));
	a->uprobe_multi.cookies =
		bl_ptr(BL_OPT(o, LC, uprobe_multi.cookies, NULL));
	a->uprobe_multi.cnt = BL_OPT(o, LC, uprobe_multi.cnt, 0U);
	a->uprobe_multi.flags = BL_OPT(o, LC, uprobe_multi.flags, 0U);
	a->uprobe_multi.pid = BL_OPT(o, LC, uprobe_multi.pid, 0U);
	if ((path == NULL) || (offsets == NULL) ||
	    (a->uprobe_multi.cnt == 0U)) {
		return -EINVAL;
	}
	return BL_OPTS_ZEROED(o, LC, uprobe_multi) ? 0 : -EINVAL;
}

/* Fill the union of link_create for ATTACH_TYPE from opts. */
static int bl_link_union(struct bl_attr_link_create *a, int attach_type,
			 const struct LC *o)
{
	switch (attach_type) {
	case BPF_PERF_EVENT:
		a->perf_event.bpf_cookie =
			BL_OPT(o, LC, perf_event.bpf_cookie, 0U);
		return BL_OPTS_ZEROED(o, LC, perf_event) ? 0 : -EINVAL;
	case BPF_TRACE_KPROBE_MULTI:
	case BL_BPF_TRACE_KPROBE_SESSION:
		return bl_link_kprobe_multi(a, o);
	case BL_BPF_TRACE_UPROBE_MULTI:
	case BL_BPF_TRACE_UPROBE_SESSION:
		return bl_link_uprobe_multi(a, o);
	case BPF_TRACE_RAW_TP:
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_LSM_MAC:
		a->tracing.cookie = BL_OPT(o, LC, tracing.cookie, 0U);
		return BL_OPTS_ZEROED(o, LC, tracing) ? 0 : -EINVAL;
	case BL_BPF_NETFILTER:
		a->netfilter.pf = BL_OPT(o, LC, netfilter.pf, 0U);
		a->netfilter.hooknum = BL_OPT(o, LC, netfilter.hooknum, 0U);
		a->netfilter.priority = BL_OPT(o, LC, netfilter.priority, 0);
		a->netfilter.flags = BL_OPT(o, LC, netfilter.flags, 0U);
		return BL_OPTS_ZEROED(o, LC, netfilter) ? 0 : -EINVAL;
	case BL_BPF_TCX_INGRESS:
	case BL_BPF_TCX_EGRESS:
		if (!BL_OPTS_ZEROED(o, LC, tcx)) {
			return -EINVAL;
		}
		return bl_mprog(a, BL_OPT(o, LC, tcx.relative_fd, 0U),
				BL_OPT(o, LC, tcx.relative_id, 0U),
				BL_OPT(o, LC, tcx.expected_revision, 0U));
	case BL_BPF_NETKIT_PRIMARY:
	case BL_BPF_NETKIT_PEER:
		if (!BL_OPTS_ZEROED(o, LC, netkit)) {
			return -EINVAL;
		}
		return bl_mprog(a, BL_OPT(o, LC, netkit.relative_fd, 0U),
				BL_OPT(o, LC, netkit.relative_id, 0U),
				BL_OPT(o, LC, netkit.expected_revision, 0U));
	default:
		if (bl_is_cgroup_type(attach_type)) {
			if (!BL_OPTS_ZEROED(o, LC, cgroup)) {
				return -EINVAL;
			}
			return bl_mprog(
				a, BL_OPT(o, LC, cgroup.relative_fd, 0U),
				BL_OPT(o, LC, cgroup.relative_id, 0U),
				BL_OPT(o, LC, cgroup.expected_revision, 0U));
		}
		/* xdp, netns, sockmap, struct_ops...: nothing past flags */
		return BL_OPTS_ZEROED(o, LC, flags) ? 0 : -EINVAL;
	}
}

int bpf_link_create(int prog_fd, int target_fd,
		    enum bpf_attach_type attach_type,
		    const struct bpf_link_create_opts *opts)
{
	struct bl_attr_link_create attr;
	const void *iter_info;
	__u32 iter_info_len;
	__u32 target_btf_id;
	int err = BL_OPTS_VALID(opts, bpf_link_create_opts,
				bpf_link_create_opts__last_field);

	if (err != 0) {
		return err;
	}
	if (prog_fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.prog_fd = (__u32)prog_fd;
	attr.target_fd = (__u32)target_fd;
	attr.attach_type = (__u32)attach_type;
	attr.flags = BL_OPT(opts, LC, flags, 0U);
	iter_info = BL_OPT(opts, LC, iter_info, NULL);
	iter_info_len = BL_OPT(opts, LC, iter_info_len, 0U);
	target_btf_id = BL_OPT(opts, LC, target_btf_id, 0U);

	if (target_btf_id != 0U) {
		/* excludes iter_info and every union member */
		if ((iter_info != NULL) || (iter_info_len != 0U) ||
		    !BL_OPTS_ZEROED(opts, LC, target_btf_id)) {
			return -EINVAL;
		}
		attr.target_btf_id = target_btf_id;
	} else if (attach_type == BPF_TRACE_ITER) {
		if (((iter_info == NULL) != (iter_info_len == 0U)) ||
		    !BL_OPTS_ZEROED(opts, LC, target_btf_id)) {
			return -EINVAL;
		}
		attr.iter.iter_info = bl_ptr(iter_info);
		attr.iter.iter_info_len = iter_info_len;
	} else {
		if ((iter_info != NULL) || (iter_info_len != 0U)) {
			return -EINVAL;
		}
		err = bl_link_union(&attr, (int)attach_type, opts);
		if (err != 0) {
			return err;
		}
	}
	return bl_sys_bpf(BPF_LINK_CREATE, &attr, (unsigned int)sizeof(attr));
}

int bpf_link_detach(int link_fd)
{
	const size_t sz = offsetofend(union bpf_attr, link_detach);
	union bpf_attr attr;

	if (link_fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sz);
	attr.link_detach.link_fd = (__u32)link_fd;
	return bl_sys_bpf(BPF_LINK_DETACH, &attr, (unsigned int)sz);
}

int bpf_link_update(int link_fd, int new_prog_fd,
		    const struct bpf_link_update_opts *opts)
{
	const size_t sz = offsetofend(union bpf_attr, link_update);
	union bpf_attr attr;
	__u32 old_prog;
	__u32 old_map;
	int err = BL_OPTS_VALID(opts, bpf_link_update_opts,
				bpf_link_update_opts__last_field);

	if (err != 0) {
		return err;
	}
	if ((link_fd < 0) || (new_prog_fd < 0)) {
		return -EBADF;
	}
	old_prog = BL_OPT(opts, bpf_link_update_opts, old_prog_fd, 0U);
	old_map = BL_OPT(opts, bpf_link_update_opts, old_map_fd, 0U);
	if ((old_prog != 0U) && (old_map != 0U)) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sz);
	attr.link_update.link_fd = (__u32)link_fd;
	attr.link_update.new_prog_fd = (__u32)new_prog_fd; /* or new_map_fd */
	attr.link_update.flags = BL_OPT(opts, bpf_link_update_opts, flags, 0U);
	/* old_prog_fd and old_map_fd (6.4) share one slot */
	attr.link_update.old_prog_fd = (old_prog != 0U) ? old_prog : old_map;
	return bl_sys_bpf(BPF_LINK_UPDATE, &attr, (unsigned int)sz);
}

int bpf_iter_create(int link_fd)
{
	const size_t sz = offsetofend(union bpf_attr, iter_create);
	union bpf_attr attr;

	if (link_fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sz);
	attr.iter_create.link_fd = (__u32)link_fd;
	return bl_sys_bpf(BPF_ITER_CREATE, &attr, (unsigned int)sz);
}

int bpf_raw_tracepoint_open_opts(int prog_fd, struct bpf_raw_tp_opts *opts)
{
	struct bl_attr_raw_tp attr;
	int err = BL_OPTS_VALID(opts, bpf_raw_tp_opts,
				bpf_raw_tp_opts__last_field);

	if (err != 0) {
		return err;
	}
	if (prog_fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.name = bl_ptr(BL_OPT(opts, bpf_raw_tp_opts, tp_name, NULL));
	attr.prog_fd = (__u32)prog_fd;
	attr.cookie = BL_OPT(opts, bpf_raw_tp_opts, cookie, 0U);
	return bl_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr,
			  (unsigned int)sizeof(attr));
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	struct bpf_raw_tp_opts opts = { .sz = sizeof(opts), .tp_name = name };

	return bpf_raw_tracepoint_open_opts(prog_fd, &opts);
}

/* ---- legacy attach ----------------------------------------------------- */

static int bl_prog_attach_cmd(int cmd, int prog_fd, int target, int type,
			      __u32 flags, int replace_fd, int rel_fd,
			      __u32 rel_id, __u64 revision)
{
	const size_t sz = sizeof(struct bl_attr_prog_attach);
	struct bl_attr_prog_attach attr;

	if ((prog_fd < 0) || (target < 0)) {
		return -EBADF;
	}
	if ((rel_fd != 0) && (rel_id != 0U)) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.target_fd = (__u32)target;
	attr.attach_bpf_fd = (__u32)prog_fd;
	attr.attach_type = (__u32)type;
	attr.attach_flags = flags;
	attr.replace_bpf_fd = (__u32)replace_fd;
	if (rel_id != 0U) {
		attr.relative_fd = rel_id;
		attr.attach_flags |= BL_BPF_F_ID;
	} else {
		attr.relative_fd = (__u32)rel_fd;
	}
	attr.expected_revision = revision;
	return bl_sys_bpf(cmd, &attr, (unsigned int)sz);
}

#define PA bpf_prog_attach_opts
#define PD bpf_prog_detach_opts

int bpf_prog_attach_opts(int prog_fd, int target, enum bpf_attach_type type,
			 const struct bpf_prog_attach_opts *opts)
{
	int err = BL_OPTS_VALID(opts, bpf_prog_attach_opts,
				bpf_prog_attach_opts__last_field);

	if (err != 0) {
		return err;
	}
	return bl_prog_attach_cmd(BPF_PROG_ATTACH, prog_fd, target, (int)type,
				  BL_OPT(opts, PA, flags, 0U),
				  BL_OPT(opts, PA, replace_fd, 0),
				  BL_OPT(opts, PA, relative_fd, 0),
				  BL_OPT(opts, PA, relative_id, 0U),
				  BL_OPT(opts, PA, expected_revision, 0U));
}

int bpf_prog_detach_opts(int prog_fd, int target, enum bpf_attach_type type,
			 const struct bpf_prog_detach_opts *opts)
{
	int err = BL_OPTS_VALID(opts, bpf_prog_detach_opts,
				bpf_prog_detach_opts__last_field);

	if (err != 0) {
		return err;
	}
	return bl_prog_attach_cmd(BPF_PROG_DETACH, prog_fd, target, (int)type,
				  BL_OPT(opts, PD, flags, 0U), 0,
				  BL_OPT(opts, PD, relative_fd, 0),
				  BL_OPT(opts, PD, relative_id, 0U),
				  BL_OPT(opts, PD, expected_revision, 0U));
}

int bpf_prog_attach(int prog_fd, int attachable_fd, enum bpf_attach_type type,
		    unsigned int flags)
{
	struct bpf_prog_attach_opts opts = { .sz = sizeof(opts), .flags = flags };

	return bpf_prog_attach_opts(prog_fd, attachable_fd, type, &opts);
}

int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach_opts(0, attachable_fd, type, NULL);
}

int bpf_prog_detach2(int prog_fd, int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach_opts(prog_fd, attachable_fd, type, NULL);
}

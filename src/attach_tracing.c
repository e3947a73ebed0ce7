/* BTF-typed tracing programs (fentry, fexit, fmod_ret, lsm, tp_btf) and
 * raw tracepoints with libbpf's opts: BPF_LINK_CREATE with the program's
 * attach type and cookie, falling back to BPF_RAW_TRACEPOINT_OPEN(name
 * NULL) on kernels whose BPF_LINK_CREATE does not know tracing programs.
 * The target (a kernel function, an LSM hook, a tracepoint) was fixed when
 * the program was loaded (attach_btf_id): libbpf_find_vmlinux_btf_id finds
 * that id by name in /sys/kernel/btf/vmlinux (src/btf.h's reader). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include <linux/btf.h>

#include "bpf_opts.h"
#include "btf.h"
#include "compat.h"
#include "link.h"
#include "tracefs.h"

#define BL_BTF_NAME_MAX 128

int libbpf_find_vmlinux_btf_id(const char *name,
			       enum bpf_attach_type attach_type)
{
	char full[BL_BTF_NAME_MAX];
	const char *prefix = "";
	uint32_t kind = BTF_KIND_FUNC;
	struct bl_sbuf sb;

	if ((name == NULL) || (name[0] == '\0')) {
		return -EINVAL;
	}
	switch (attach_type) {
	case BPF_TRACE_RAW_TP:
		prefix = "btf_trace_";
		kind = BTF_KIND_TYPEDEF;
		break;
	case BPF_LSM_MAC:
	case BPF_LSM_CGROUP:
		prefix = "bpf_lsm_";
		break;
	case BPF_TRACE_ITER:
		prefix = "bpf_iter_";
		break;
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
		break;
	default:
		return -EINVAL;
	}
	bl_sb_init(&sb, full, sizeof(full));
	bl_sb_str(&sb, prefix);
	bl_sb_str(&sb, name);
	if (bl_sb_done(&sb) != 0) {
		return bl_sb_done(&sb);
	}
	return bl_btf_vmlinux_find(full, kind, NULL, 0);
}

static bool bl_trace_type_ok(enum bpf_attach_type t)
{
	switch (t) {
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_TRACE_RAW_TP:
	case BPF_LSM_MAC:
		return true;
	default:
		return false;
	}
}

struct bpf_link *bpflink_attach_trace(int prog_fd,
				      enum bpf_attach_type attach_type,
				      const struct bpf_trace_opts *opts)
{
	struct bl_attr_link_create a;
	struct bl_attr_raw_tp r;
	struct bpf_link *link;
	uint64_t cookie;
	int fd;

	if ((prog_fd < 0) || !bl_trace_type_ok(attach_type) ||
	    (BL_OPTS_VALID(opts, bpf_trace_opts,
			   bpf_trace_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	cookie = BL_OPT(opts, bpf_trace_opts, cookie, 0U);
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	__builtin_memset(&a, 0, sizeof(a));
	a.prog_fd = (__u32)prog_fd;
	a.attach_type = (__u32)attach_type;
	a.tracing.cookie = cookie;
	fd = bl_sys_bpf(BPF_LINK_CREATE, &a, (unsigned int)sizeof(a));
	if ((fd == -EINVAL) && (cookie == 0U)) {
		/* Linux 5.5-5.9: tracing links only through raw_tp_open */
		__builtin_memset(&r, 0, sizeof(r));
		r.prog_fd = (__u32)prog_fd;
		fd = bl_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &r,
				(unsigned int)offsetof(struct bl_attr_raw_tp,
						       cookie));
	}
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	link->fd = fd;
	return link;
}

struct bpf_link *bpflink_attach_lsm(int prog_fd)
{
	return bpflink_attach_trace(prog_fd, BPF_LSM_MAC, NULL);
}

struct bpf_link *bpflink_attach_raw_tracepoint_opts(int prog_fd,
						    const char *tp_name,
						    const struct bpf_raw_tracepoint_opts *opts)
{
	if (BL_OPTS_VALID(opts, bpf_raw_tracepoint_opts,
			  bpf_raw_tracepoint_opts__last_field) != 0) {
		return bl_err_ptr(-EINVAL);
	}
	return bpflink_attach_raw_tracepoint(
		prog_fd, tp_name,
		BL_OPT(opts, bpf_raw_tracepoint_opts, cookie, 0U));
}

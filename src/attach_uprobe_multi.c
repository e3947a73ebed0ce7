/* bpflink_attach_uprobe_multi: one BPF_LINK_CREATE(BPF_TRACE_UPROBE_MULTI)
 * (Linux 6.6) for up to BPFLINK_UPROBE_MULTI_MAX uprobes of one binary.
 * Offsets given by the caller pass straight to the kernel; symbol names
 * are resolved to file offsets with the ELF reader into an array on the
 * stack (8 bytes per probe). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf_opts.h"
#include "compat.h"
#include "tracefs.h"

#if BPFLINK_UPROBE_MULTI_MAX < 1 || BPFLINK_UPROBE_MULTI_MAX > 4096
#error "BPFLINK_UPROBE_MULTI_MAX must be 1..4096"
#endif

static bool bl_has_glob(const char *s)
{
	for (size_t i = 0; s[i]; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	return false;
}

/* Resolve names (syms, or the one pattern) into offs: the count, or
 * -errno. */
static int bl_um_resolve(const char *path, const char *pattern,
			 const char *const *syms, size_t cnt,
			 unsigned long *offs)
{
	uint64_t off;
	int err;

	if (pattern) {
		if (bl_has_glob(pattern))
			return -EOPNOTSUPP; /* exact names only for now */
		syms = &pattern;
		cnt = 1;
	}
	for (size_t i = 0; i < cnt; i++) {
		if (!syms[i] || !*syms[i])
			return -EINVAL;
		err = bl_uprobe_func_offset(path, syms[i], &off);
		if (err)
			return err;
		offs[i] = (unsigned long)off;
	}
	return (int)cnt;
}

struct bpf_link *bpflink_attach_uprobe_multi(int prog_fd, int pid,
					     const char *binary_path,
					     const char *func_pattern,
					     const struct bpf_uprobe_multi_opts *opts)
{
	unsigned long offs[BPFLINK_UPROBE_MULTI_MAX];
	struct bl_attr_link_create a;
	const unsigned long *offsets;
	const char **syms;
	struct bpf_link *link;
	size_t cnt;
	int fd, n;

	if (prog_fd < 0 || pid < -1 || !binary_path || !*binary_path ||
	    BL_OPTS_CHECK(opts, bpf_uprobe_multi_opts))
		return bl_err_ptr(-EINVAL);
	syms = BL_OPT(opts, bpf_uprobe_multi_opts, syms, NULL);
	offsets = BL_OPT(opts, bpf_uprobe_multi_opts, offsets, NULL);
	cnt = BL_OPT(opts, bpf_uprobe_multi_opts, cnt, 0);
	if (func_pattern) {
		/* as libbpf: a pattern excludes every array */
		if (!*func_pattern || syms || offsets || cnt ||
		    BL_OPT(opts, bpf_uprobe_multi_opts, ref_ctr_offsets, NULL) ||
		    BL_OPT(opts, bpf_uprobe_multi_opts, cookies, NULL))
			return bl_err_ptr(-EINVAL);
	} else if (!cnt || !syms == !offsets) {
		return bl_err_ptr(-EINVAL);
	}
	if (cnt > BPFLINK_UPROBE_MULTI_MAX)
		return bl_err_ptr(-E2BIG);
	link = bl_link_alloc(BL_LINK_FD);
	if (!link)
		return NULL;
	if (!offsets) {
		n = bl_um_resolve(binary_path, func_pattern,
				  (const char *const *)syms, cnt, offs);
		if (n < 0) {
			bl_link_free(link);
			return bl_err_ptr(n);
		}
		cnt = (size_t)n;
		offsets = offs;
	}
	if (pid == 0)
		pid = bl_sys_getpid(); /* 0 is "any process" to the kernel */
	if (pid < -1) {
		bl_link_free(link);
		return bl_err_ptr(pid);
	}
	__builtin_memset(&a, 0, sizeof(a));
	a.prog_fd = (__u32)prog_fd;
	a.attach_type = BL_BPF_TRACE_UPROBE_MULTI;
	a.uprobe_multi.path = bl_ptr(binary_path);
	a.uprobe_multi.offsets = bl_ptr(offsets);
	a.uprobe_multi.ref_ctr_offsets = bl_ptr(
		BL_OPT(opts, bpf_uprobe_multi_opts, ref_ctr_offsets, NULL));
	a.uprobe_multi.cookies =
		bl_ptr(BL_OPT(opts, bpf_uprobe_multi_opts, cookies, NULL));
	a.uprobe_multi.cnt = (__u32)cnt;
	a.uprobe_multi.flags = BL_OPT(opts, bpf_uprobe_multi_opts, retprobe,
				      false) ? BL_BPF_F_UPROBE_MULTI_RETURN : 0U;
	a.uprobe_multi.pid = pid > 0 ? (__u32)pid : 0U;
	fd = bl_sys_bpf(BPF_LINK_CREATE, &a, (unsigned int)sizeof(a));
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	link->fd = fd;
	return link;
}

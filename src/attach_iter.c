/* bpflink_attach_iter: BPF_LINK_CREATE(BPF_TRACE_ITER) with the iterator's
 * link info (a map fd for map iterators, a cgroup or task selection for
 * theirs; nothing for the plain task iterator). 1 system call; the link is
 * read through bpf_iter_create() or a pin in bpffs. */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf_opts.h"
#include "compat.h"
#include "link.h"

struct bpf_link *bpflink_attach_iter(int prog_fd,
				     const struct bpf_iter_attach_opts *opts)
{
	struct bl_attr_link_create a;
	union bpf_iter_link_info *info;
	struct bpf_link *link;
	__u32 len;
	int fd;

	if ((prog_fd < 0) ||
	    (BL_OPTS_VALID(opts, bpf_iter_attach_opts,
			   bpf_iter_attach_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	info = BL_OPT(opts, bpf_iter_attach_opts, link_info, NULL);
	len = BL_OPT(opts, bpf_iter_attach_opts, link_info_len, 0U);
	if ((info == NULL) != (len == 0U)) {
		return bl_err_ptr(-EINVAL);
	}
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	__builtin_memset(&a, 0, sizeof(a));
	a.prog_fd = (__u32)prog_fd;
	a.attach_type = BPF_TRACE_ITER;
	a.iter.iter_info = bl_ptr(info);
	a.iter.iter_info_len = len;
	fd = bl_sys_bpf(BPF_LINK_CREATE, &a, (unsigned int)sizeof(a));
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	link->fd = fd;
	return link;
}

/* cgroup links: BPF_LINK_CREATE on a cgroup fd for every cgroup attach
 * type, with libbpf's bpf_cgroup_opts (ordering: Linux 6.16); the
 * BPF_PROG_ATTACH fallback for kernels without cgroup links (< 5.7), kept
 * in a BL_LINK_PROG_ATTACH link; and the cgroup2 path helper.
 *
 * The fallback fires only on -EINVAL from BPF_LINK_CREATE with no ordering
 * asked for: a kernel without the command says -EINVAL (its bpf(2) switch
 * default). A modern kernel also says -EINVAL for a program that does not
 * fit; then the fallback fails the same way and the first -EINVAL is
 * returned (cost of that failure: 5 more system calls, nothing kept).
 */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <asm/statfs.h>

#include "net.h"

int bpflink_cgroup_open(const char *path)
{
	struct statfs st;
	int r;

	if (path == NULL) {
		return -EINVAL;
	}
	st.f_type = 0;
	r = bl_sys_statfs(path, &st);
	if (r < 0) {
		return r;
	}
	if ((uint64_t)st.f_type != (uint64_t)CGROUP2_SUPER_MAGIC) {
		return -EINVAL;
	}
	return bl_sys_openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY, 0U);
}

struct bpf_link *bpflink_attach_cgroup_legacy(int prog_fd, int cgroup_fd,
					      int attach_type)
{
	struct bpf_link *link;
	int tfd;
	int pfd;
	int err;

	if ((prog_fd < 0) || (cgroup_fd < 0)) {
		return bl_err_ptr(-EBADF);
	}
	link = bl_link_alloc(BL_LINK_PROG_ATTACH);
	if (link == NULL) {
		return NULL;
	}
	/* the link's own fds, so the caller's numbers cannot misdirect the
	 * detach; each step runs only if the previous one succeeded */
	tfd = bl_sys_fcntl(cgroup_fd, F_DUPFD_CLOEXEC, 3);
	pfd = (tfd < 0) ? tfd : bl_sys_fcntl(prog_fd, F_DUPFD_CLOEXEC, 3);
	err = (pfd < 0) ? pfd
			: bpf_prog_attach(pfd, tfd,
					  (enum bpf_attach_type)attach_type,
					  BPF_F_ALLOW_MULTI);
	if (err < 0) {
		if (pfd >= 0) {
			(void)bl_sys_close(pfd);
		}
		if (tfd >= 0) {
			(void)bl_sys_close(tfd);
		}
		bl_link_free(link);
		return bl_err_ptr(err);
	}
	link->target_fd = tfd;
	link->prog_fd = pfd;
	link->attach_type = (uint32_t)attach_type;
	return link;
}

struct bpf_link *bpflink_attach_cgroup(int prog_fd, int cgroup_fd,
				       int attach_type,
				       const struct bpf_cgroup_opts *opts)
{
	struct bl_net_args a;
	struct bpf_link *link;
	int err = BL_NET_MPROG_ARGS(opts, bpf_cgroup_opts,
				    bpf_cgroup_opts__last_field, &a);

	if (err != 0) {
		return bl_err_ptr(err);
	}
	link = bl_net_link(prog_fd, cgroup_fd, attach_type, &a);
	if ((link != NULL) || (bpflink_last_error() != -EINVAL) ||
	    (a.flags != 0U) || (a.rel_fd != 0U) || (a.rel_id != 0U) ||
	    (a.revision != 0U)) {
		return link;
	}
	link = bpflink_attach_cgroup_legacy(prog_fd, cgroup_fd, attach_type);
	return (link != NULL) ? link : bl_err_ptr(-EINVAL);
}

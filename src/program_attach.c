/* bpf_program__attach (auto-attach from the SEC() name, dispatched by a
 * switch on the section table's enum), the libbpf-named
 * bpf_program__attach_* wrappers over the fd-based attach layer
 * (bpflink_attach_*), bpf_object__attach / __detach (what a skeleton's
 * attach and detach do) and bpf_link__update_program.
 *
 * The section's target is copied into bounded stack buffers to split it
 * (kprobe/FUNC+OFF, uprobe/PATH:FUNC+OFF, tp/CAT/NAME); a target too long
 * for them gives -ENAMETOOLONG.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "link.h"
#include "object.h"

#define BL_TARGET_MAX 256

/* The program fd, or NULL with an error recorded. */
static int bl_attach_fd(const struct bpf_program *prog)
{
	if (!bl_prog_live(prog)) {
		return bl_set_error(-EINVAL);
	}
	if (prog->fd < 0) {
		return bl_set_error(bl_diag(-EINVAL, "program ", prog->name,
					    ": not loaded, cannot attach"));
	}
	return prog->fd;
}

/* "NAME+OFF" (OFF decimal or 0x hex): NAME into buf, OFF into *off. */
static int bl_split_off(const char *s, char *buf, size_t cap, size_t *off)
{
	size_t n = 0;
	size_t v = 0;
	size_t base = 10U;
	size_t j;

	while ((s[n] != '\0') && (s[n] != '+')) {
		if ((n + 1U) >= cap) {
			return -ENAMETOOLONG;
		}
		buf[n] = s[n];
		n++;
	}
	buf[n] = '\0';
	*off = 0U;
	if (s[n] != '+') {
		return (n != 0U) ? 0 : -EINVAL;
	}
	j = n + 1U;
	if ((s[j] == '0') && ((s[j + 1U] == 'x') || (s[j + 1U] == 'X'))) {
		base = 16U;
		j += 2U;
	}
	for (; s[j] != '\0'; j++) {
		const char c = s[j];
		size_t d;

		if ((c >= '0') && (c <= '9')) {
			d = (size_t)c - (size_t)'0';
		} else if ((base == 16U) && (c >= 'a') && (c <= 'f')) {
			d = ((size_t)c - (size_t)'a') + 10U;
		} else if ((base == 16U) && (c >= 'A') && (c <= 'F')) {
			d = ((size_t)c - (size_t)'A') + 10U;
		} else {
			return -EINVAL;
		}
		v = (v * base) + d;
	}
	*off = v;
	return (n != 0U) ? 0 : -EINVAL;
}

/* Split "A<sep>B" at the first sep (uprobe PATH:FUNC) or the last one. */
static int bl_split2(const char *s, char sep, bool last, char *a, char *b,
		     size_t cap)
{
	size_t n = 0;
	size_t at = SIZE_MAX;

	for (; s[n] != '\0'; n++) {
		if ((s[n] == sep) && (last || (at == SIZE_MAX))) {
			at = n;
		}
	}
	if ((at == SIZE_MAX) || (at == 0U) || (s[at + 1U] == '\0')) {
		return -EINVAL;
	}
	if (((at + 1U) > cap) || ((n - at) > cap)) {
		return -ENAMETOOLONG;
	}
	for (size_t i = 0; i < at; i++) {
		a[i] = s[i];
	}
	a[at] = '\0';
	/* fits: n - at - 1 bytes and the NUL, at most cap (checked above) */
	(void)bl_strlcpy(b, &s[at + 1U], cap);
	return 0;
}

/* Auto-attach: 0 with *link NULL when the section has no target to attach
 * to (SEC("kprobe") alone, xdp, ...); 0 with a link; or -errno. */
static int bl_auto_attach(const struct bpf_program *prog, struct bpf_link **out)
{
	char a[BL_TARGET_MAX];
	char b[BL_TARGET_MAX];
	const char *sec;
	const char *arg;
	struct bpf_link *l = NULL;
	size_t off = 0;
	size_t k = 0;
	enum bl_auto kind;
	int fd;
	int err;

	*out = NULL;
	fd = bl_attach_fd(prog);
	if (fd < 0) {
		return fd;
	}
	if (prog->sec_def == BL_NONE_IDX) {
		return 0;
	}
	kind = bl_sec_defs[prog->sec_def].autoattach;
	sec = prog->sec_name;
	while ((sec[k] != '\0') && (sec[k] != '/')) {
		k++;
	}
	if (sec[k] == '/') {
		k++;
	}
	arg = &sec[k];
	if ((kind == BL_AUTO_NONE) ||
	    ((arg[0] == '\0') && (kind != BL_AUTO_TRACE) &&
	     (kind != BL_AUTO_LSM) && (kind != BL_AUTO_ITER))) {
		return 0;
	}
	switch (kind) {
	case BL_AUTO_KPROBE:
	case BL_AUTO_KRETPROBE: {
		LIBBPF_OPTS(bpf_kprobe_opts, o);

		err = bl_split_off(arg, a, sizeof(a), &off);
		if (err != 0) {
			return bl_set_error(err);
		}
		o.offset = off;
		o.retprobe = (kind == BL_AUTO_KRETPROBE);
		l = bpflink_attach_kprobe(fd, a, &o);
		break;
	}
	case BL_AUTO_UPROBE:
	case BL_AUTO_URETPROBE: {
		LIBBPF_OPTS(bpf_uprobe_opts, o);
		char f[BL_TARGET_MAX];

		err = bl_split2(arg, ':', false, a, b, sizeof(a));
		if (err == 0) {
			err = bl_split_off(b, f, sizeof(f), &off);
		}
		if (err != 0) {
			return bl_set_error(err);
		}
		o.retprobe = (kind == BL_AUTO_URETPROBE);
		o.func_name = f;
		l = bpflink_attach_uprobe(fd, -1, a, off, &o);
		break;
	}
	case BL_AUTO_UPROBE_MULTI:
	case BL_AUTO_URETPROBE_MULTI: {
		LIBBPF_OPTS(bpf_uprobe_multi_opts, o);

		err = bl_split2(arg, ':', false, a, b, sizeof(a));
		if (err != 0) {
			return bl_set_error(err);
		}
		o.retprobe = (kind == BL_AUTO_URETPROBE_MULTI);
		l = bpflink_attach_uprobe_multi(fd, -1, a, b, &o);
		break;
	}
	case BL_AUTO_KSYSCALL:
	case BL_AUTO_KRETSYSCALL: {
		LIBBPF_OPTS(bpf_ksyscall_opts, o);

		o.retprobe = (kind == BL_AUTO_KRETSYSCALL);
		l = bpflink_attach_ksyscall(fd, arg, &o);
		break;
	}
	case BL_AUTO_TP:
		err = bl_split2(arg, '/', false, a, b, sizeof(a));
		if (err != 0) {
			return bl_set_error(err);
		}
		l = bpflink_attach_tracepoint(fd, a, b, NULL);
		break;
	case BL_AUTO_RAW_TP:
		l = bpflink_attach_raw_tracepoint(fd, arg, 0);
		break;
	case BL_AUTO_TRACE:
		l = bpflink_attach_trace(fd, (enum bpf_attach_type)
					 prog->expected_attach_type, NULL);
		break;
	case BL_AUTO_LSM:
		l = bpflink_attach_lsm(fd);
		break;
	case BL_AUTO_ITER:
		l = bpflink_attach_iter(fd, NULL);
		break;
	default:
		return 0;
	}
	if (l == NULL) {
		return bpflink_last_error();
	}
	*out = l;
	return 0;
}

struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	struct bpf_link *l;
	int err = bl_auto_attach(prog, &l);

	if (err != 0) {
		return bl_err_ptr(err);
	}
	if (l == NULL) {
		return bl_err_ptr(bl_diag(-EOPNOTSUPP, "program ",
					  bl_prog_live(prog) ? prog->name : "?",
					  ": no auto-attach for its section"));
	}
	return l;
}

int bpf_object__attach(struct bpf_object *obj)
{
	struct bpf_program *p;
	struct bpf_link *l;
	int err;

	if (!bl_obj_live(obj) || (obj->state != BL_OBJ_LOADED)) {
		return -EINVAL;
	}
	bpf_object__for_each_program(p, obj) {
		if ((p->fd < 0) || !p->autoattach || (p->link != NULL)) {
			continue;
		}
		err = bl_auto_attach(p, &l);
		if (err != 0) {
			bpf_object__detach(obj);
			return err;
		}
		p->link = l;
	}
	return 0;
}

void bpf_object__detach(struct bpf_object *obj)
{
	struct bpf_program *p;

	if (!bl_obj_live(obj)) {
		return;
	}
	bpf_object__for_each_program(p, obj) {
		if (p->link != NULL) {
			(void)bpf_link__destroy(p->link);
		}
		p->link = NULL;
	}
}

struct bpf_link *bpflink_program_link(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->link : NULL;
}

int bpf_link__update_program(struct bpf_link *link, struct bpf_program *prog)
{
	if (!bl_prog_live(prog) || (prog->fd < 0)) {
		return -EINVAL;
	}
	return bpflink_link_update_prog_fd(link, prog->fd);
}

/* ---- libbpf-named wrappers ---------------------------------------------- */

#define BL_FD_OR_NULL(prog, fd)                                              \
	do {                                                                 \
		(fd) = bl_attach_fd(prog);                                   \
		if ((fd) < 0) {                                              \
			return NULL;                                         \
		}                                                            \
	} while (0)

struct bpf_link *bpf_program__attach_perf_event(const struct bpf_program *prog,
						int pfd)
{
	return bpf_program__attach_perf_event_opts(prog, pfd, NULL);
}

struct bpf_link *
bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
				    const struct bpf_perf_event_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_perf_event(fd, pfd, opts);
}

struct bpf_link *bpf_program__attach_kprobe(const struct bpf_program *prog,
					    bool retprobe, const char *func_name)
{
	LIBBPF_OPTS(bpf_kprobe_opts, o, .retprobe = retprobe);

	return bpf_program__attach_kprobe_opts(prog, func_name, &o);
}

struct bpf_link *
bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
				const char *func_name,
				const struct bpf_kprobe_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_kprobe(fd, func_name, opts);
}

struct bpf_link *
bpf_program__attach_ksyscall(const struct bpf_program *prog,
			     const char *syscall_name,
			     const struct bpf_ksyscall_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_ksyscall(fd, syscall_name, opts);
}

struct bpf_link *bpf_program__attach_uprobe(const struct bpf_program *prog,
					    bool retprobe, int pid,
					    const char *binary_path,
					    size_t func_offset)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .retprobe = retprobe);

	return bpf_program__attach_uprobe_opts(prog, pid, binary_path,
					       func_offset, &o);
}

struct bpf_link *
bpf_program__attach_uprobe_opts(const struct bpf_program *prog, int pid,
				const char *binary_path, size_t func_offset,
				const struct bpf_uprobe_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_uprobe(fd, pid, binary_path, func_offset, opts);
}

struct bpf_link *
bpf_program__attach_uprobe_multi(const struct bpf_program *prog, int pid,
				 const char *binary_path,
				 const char *func_pattern,
				 const struct bpf_uprobe_multi_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_uprobe_multi(fd, pid, binary_path, func_pattern,
					   opts);
}

struct bpf_link *
bpf_program__attach_tracepoint(const struct bpf_program *prog,
			       const char *tp_category, const char *tp_name)
{
	return bpf_program__attach_tracepoint_opts(prog, tp_category, tp_name,
						   NULL);
}

struct bpf_link *
bpf_program__attach_tracepoint_opts(const struct bpf_program *prog,
				    const char *tp_category,
				    const char *tp_name,
				    const struct bpf_tracepoint_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_tracepoint(fd, tp_category, tp_name, opts);
}

struct bpf_link *
bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
				   const char *tp_name)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_raw_tracepoint(fd, tp_name, 0);
}

struct bpf_link *
bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog,
					const char *tp_name,
					struct bpf_raw_tracepoint_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_raw_tracepoint_opts(fd, tp_name, opts);
}

struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog)
{
	return bpf_program__attach_trace_opts(prog, NULL);
}

struct bpf_link *
bpf_program__attach_trace_opts(const struct bpf_program *prog,
			       const struct bpf_trace_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_trace(fd, (enum bpf_attach_type)
				    prog->expected_attach_type, opts);
}

struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_lsm(fd);
}

struct bpf_link *
bpf_program__attach_iter(const struct bpf_program *prog,
			 const struct bpf_iter_attach_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_iter(fd, opts);
}

/* cgroup: the program's expected attach type is the hook (libbpf's rule). */
struct bpf_link *bpf_program__attach_cgroup(const struct bpf_program *prog,
					    int cgroup_fd)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_cgroup(fd, cgroup_fd,
				     (int)prog->expected_attach_type, NULL);
}

struct bpf_link *bpf_program__attach_netns(const struct bpf_program *prog,
					   int netns_fd)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_netns(fd, netns_fd,
				    (int)prog->expected_attach_type);
}

struct bpf_link *bpf_program__attach_sockmap(const struct bpf_program *prog,
					     int map_fd)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_sockmap(fd, map_fd,
				      (int)prog->expected_attach_type);
}

struct bpf_link *bpf_program__attach_xdp(const struct bpf_program *prog,
					 int ifindex)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_xdp(fd, ifindex, 0);
}

struct bpf_link *bpf_program__attach_tcx(const struct bpf_program *prog,
					 int ifindex,
					 const struct bpf_tcx_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_tcx(fd, ifindex, (int)prog->expected_attach_type,
				  opts);
}

struct bpf_link *bpf_program__attach_netkit(const struct bpf_program *prog,
					    int ifindex,
					    const struct bpf_netkit_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_netkit(fd, ifindex,
				     (int)prog->expected_attach_type, opts);
}

struct bpf_link *
bpf_program__attach_netfilter(const struct bpf_program *prog,
			      const struct bpf_netfilter_opts *opts)
{
	int fd;

	BL_FD_OR_NULL(prog, fd);
	return bpflink_attach_netfilter(fd, opts);
}

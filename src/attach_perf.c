/* Perf-event attachment shared by the tracing family, the public
 * bpflink_attach_perf_event, and the probe (kprobe/uprobe) dispatch
 * between the PMU and the legacy tracefs events. See tracefs.h. */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/perf_event.h>

#include "bpf_opts.h"
#include "compat.h"
#include "tracefs.h"

/* PERF_UPROBE_REF_CTR_OFFSET_SHIFT of the kernel (4.20): the uprobe PMU
 * takes the reference counter offset in config's upper 32 bits. */
#define BL_UPROBE_REF_CTR_SHIFT 32U

/* The perf ioctl requests as unsigned constants: the UAPI's _IO()/_IOW()
 * shift signed ints (MISRA 10.1, 12.2). The same numbers on x86_64 and
 * arm64 (asm-generic/ioctl.h); tests/unit/test_attach_trace.c checks the
 * requests its fake ioctl receives against the UAPI macros. */
#define BL_PERF_EVENT_IOC_ENABLE 0x2400U /* _IO('$', 0) */
#define BL_PERF_EVENT_IOC_SET_BPF 0x40042408U /* _IOW('$', 8, __u32) */

/* The attr size bpflink passes: PERF_ATTR_SIZE_VER1, up to config2, the
 * last field it sets. The kernel reads that many bytes and takes the rest
 * as zero (perf_copy_attr), so only they are zeroed: a third of the
 * structure, on the tracepoint attach's hot path. */
#define BL_PERF_ATTR_SIZE 72U
_Static_assert((size_t)PERF_ATTR_SIZE_VER1 == BL_PERF_ATTR_SIZE,
	       "PERF_ATTR_SIZE_VER1");
_Static_assert(((size_t)offsetof(struct perf_event_attr, config2) + 8U) ==
		       BL_PERF_ATTR_SIZE,
	       "config2 ends the attr bpflink passes");

int bl_perf_open(uint32_t type, uint64_t config, uint64_t config1,
		 uint64_t config2, int pid)
{
	struct perf_event_attr a;

	__builtin_memset(&a, 0, BL_PERF_ATTR_SIZE);
	a.type = type;
	a.size = BL_PERF_ATTR_SIZE;
	a.config = config;
	a.config1 = config1;
	a.config2 = config2;
	a.sample_period = 1;
	a.wakeup_events = 1;
	return bl_sys_perf_event_open(&a, (pid < 0) ? -1 : pid,
				      (pid < 0) ? 0 : -1, -1, 0U);
}

/* BPF_LINK_CREATE(BPF_PERF_EVENT) on PFD. */
static int bl_perf_link_create(int prog_fd, int pfd, uint64_t cookie)
{
	struct bl_attr_link_create a;

	__builtin_memset(&a, 0, sizeof(a));
	a.prog_fd = (__u32)prog_fd;
	a.target_fd = (__u32)pfd;
	a.attach_type = BPF_PERF_EVENT;
	a.perf_event.bpf_cookie = cookie;
	return bl_sys_bpf(BPF_LINK_CREATE, &a, (unsigned int)sizeof(a));
}

int bl_perf_attach_fd(int prog_fd, int pfd, uint64_t cookie, bool force_ioctl,
		      bool no_ioctl)
{
	int fd;

	if (!force_ioctl) {
		fd = bl_perf_link_create(prog_fd, pfd, cookie);
		if (fd >= 0) {
			return fd;
		}
		/* only "this kernel has no perf links" falls back */
		if (((fd != -EINVAL) && (fd != -EOPNOTSUPP)) || no_ioctl) {
			return fd;
		}
	}
	if (cookie != 0U) {
		return -EOPNOTSUPP; /* the ioctl cannot carry a cookie */
	}
	fd = bl_sys_ioctl(pfd, BL_PERF_EVENT_IOC_SET_BPF,
			  (unsigned long)prog_fd);
	return (fd < 0) ? fd : pfd;
}

struct bpf_link *bpflink_attach_perf_event(int prog_fd, int pfd,
					   const struct bpf_perf_event_opts *opts)
{
	struct bpf_link *link;
	uint64_t cookie;
	bool force;
	int fd;
	int r;

	if ((prog_fd < 0) || (pfd < 0) ||
	    (BL_OPTS_VALID(opts, bpf_perf_event_opts,
			   bpf_perf_event_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	cookie = BL_OPT(opts, bpf_perf_event_opts, bpf_cookie, 0U);
	force = BL_OPT(opts, bpf_perf_event_opts, force_ioctl_attach, false);
	if (force && (cookie != 0U)) {
		return bl_err_ptr(-EOPNOTSUPP);
	}
	link = bl_link_alloc(BL_LINK_PERF);
	if (link == NULL) {
		return NULL;
	}
	/* enable first: a failure after it leaves the caller's event enabled
	 * but with nothing attached (the ioctl attach cannot be undone) */
	r = bl_sys_ioctl(pfd, BL_PERF_EVENT_IOC_ENABLE, 0U);
	fd = (r < 0) ? r
		     : bl_perf_attach_fd(prog_fd, pfd, cookie, force, false);
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	bl_perf_link_set(link, pfd, fd);
	return link;
}

/* ---- probes: PMU, legacy fallback --------------------------------------- */

struct bpf_link *bl_probe_attach_pmu(int prog_fd, const struct bl_probe *p,
				     bool *no_pmu)
{
	enum bl_pmu pmu = p->kprobe ? BL_PMU_KPROBE : BL_PMU_UPROBE;
	struct bpf_link *link;
	uint64_t config = 0U;
	int type;
	int bit = 0;
	int pfd;
	int fd;

	*no_pmu = false;
	link = bl_link_alloc(BL_LINK_PERF);
	if (link == NULL) {
		return NULL;
	}
	type = bl_pmu_type(pmu);
	if ((type >= 0) && p->retprobe) {
		bit = bl_pmu_retprobe_bit(pmu);
	}
	if ((type < 0) || (bit < 0)) {
		*no_pmu = (type == -ENOENT);
		bl_link_free(link);
		return bl_err_ptr((type < 0) ? type : bit);
	}
	if (p->retprobe) {
		/* bl_pmu_retprobe_bit gives 0..63 */
		unsigned int shift = (unsigned int)bit;

		config |= (uint64_t)1U << shift;
	}
	if (!p->kprobe) {
		config |= p->ref_ctr << BL_UPROBE_REF_CTR_SHIFT;
	}
	pfd = bl_perf_open((uint32_t)type, config, bl_ptr(p->target),
			   p->offset, p->kprobe ? -1 : p->pid);
	if (pfd < 0) {
		bl_link_free(link);
		return bl_err_ptr(pfd);
	}
	fd = bl_perf_attach_fd(prog_fd, pfd, p->cookie, p->mode == BL_MODE_PERF,
			       p->mode == BL_MODE_LINK);
	if (fd < 0) {
		(void)bl_sys_close(pfd);
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	bl_perf_link_set(link, pfd, fd);
	return link;
}

struct bpf_link *bl_probe_attach(int prog_fd, const struct bl_probe *p)
{
	struct bpf_link *link;
	bool no_pmu;

	if ((p->mode < BL_MODE_DEFAULT) || (p->mode > BL_MODE_LINK)) {
		return bl_err_ptr(-EINVAL);
	}
	if (p->mode == BL_MODE_LEGACY) {
		return bl_legacy_attach(prog_fd, p);
	}
	link = bl_probe_attach_pmu(prog_fd, p, &no_pmu);
	/* no PMU (kernel < 4.17, or no such probe type): tracefs events */
	if ((link == NULL) && no_pmu && (p->mode == BL_MODE_DEFAULT)) {
		return bl_legacy_attach(prog_fd, p);
	}
	return link;
}

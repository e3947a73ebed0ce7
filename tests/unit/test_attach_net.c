/* Unit tests of the cgroup and network attach family (src/attach_cgroup.c,
 * attach_xdp.c, attach_tcx.c, attach_netfilter.c, attach_netns.c,
 * attach_sockmap.c, ifindex.c) through the fake syscall seam:
 * - the BPF_LINK_CREATE attr each hook sends (decoded with compat.h);
 * - every syscall site of every hook failing in turn: the error reaches the
 *   caller, no fd stays open, the pool is as before;
 * - the cgroup fallback to BPF_PROG_ATTACH on -EINVAL, its link (own fds,
 *   detach on destroy, no detach after disconnect, -EOPNOTSUPP for fd /
 *   detach / update), and when it does not fire;
 * - bad input refused before any system call; pool exhaustion;
 * - update and detach passing the link fd, the kernel's -EOPNOTSUPP
 *   passing through;
 * - cgroup path checks (statfs magic), interface names (SIOCGIFINDEX).
 */
#include <errno.h>
#include <string.h>
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>

#include "bpflink.h"
#include "compat.h"
#include "fake_sys.h"
#include "sys.h"
#include "t.h"

/* ---- fake kernel ------------------------------------------------------- */

static struct bl_attr_link_create last_lc;
static struct bl_attr_prog_attach last_pa;
static int lc_ret = FAKE_DEFAULT;  /* what BPF_LINK_CREATE answers */
static int pa_ret = FAKE_DEFAULT;  /* BPF_PROG_ATTACH */
static int upd_ret = FAKE_DEFAULT; /* BPF_LINK_UPDATE / DETACH */
static unsigned int lc_size;
static uint32_t last_upd[4]; /* link_fd, new_prog_fd, flags, old_prog_fd */

static long kernel(int cmd, void *attr, unsigned int size)
{
	switch (cmd) {
	case BPF_LINK_CREATE:
		memset(&last_lc, 0, sizeof(last_lc));
		memcpy(&last_lc, attr, size < sizeof(last_lc) ? size : sizeof(last_lc));
		lc_size = size;
		return lc_ret;
	case BPF_PROG_ATTACH:
	case BPF_PROG_DETACH:
		memset(&last_pa, 0, sizeof(last_pa));
		memcpy(&last_pa, attr, size < sizeof(last_pa) ? size : sizeof(last_pa));
		return cmd == BPF_PROG_ATTACH ? pa_ret : FAKE_DEFAULT;
	case BPF_LINK_UPDATE:
	case BPF_LINK_DETACH:
		memset(last_upd, 0, sizeof(last_upd));
		memcpy(last_upd, attr, size < sizeof(last_upd) ? size : sizeof(last_upd));
		return upd_ret;
	default:
		return FAKE_DEFAULT;
	}
}

static int ioctl_nstype = 0x40000000; /* CLONE_NEWNET */
static int ioctl_ifindex = 7;

static long fake_ioctl(int fd, unsigned long req, unsigned long arg)
{
	(void)fd;
	if (req == NS_GET_NSTYPE)
		return ioctl_nstype;
	if (req == SIOCGIFINDEX) {
		char *ifr = (char *)arg;

		if (strcmp(ifr, "nope0") == 0)
			return -ENODEV;
		memcpy(ifr + 16, &ioctl_ifindex, sizeof(int));
		return 0;
	}
	return -ENOTTY;
}

static void reset(void)
{
	fake_reset();
	fake_set_bpf_handler(kernel);
	fake_set_ioctl_handler(fake_ioctl);
	lc_ret = pa_ret = upd_ret = FAKE_DEFAULT;
	ioctl_nstype = 0x40000000;
	memset(&last_lc, 0, sizeof(last_lc));
	memset(&last_pa, 0, sizeof(last_pa));
}

static uint32_t in_use(void)
{
	struct bpflink_pool_stats st;

	bpflink_link_pool_stats(&st);
	return st.in_use;
}

/* ---- the hooks, by number, for the loops ------------------------------- */

enum hook {
	H_CGROUP, H_CGROUP_LEGACY, H_XDP, H_TCX_IN, H_TCX_EG, H_NETKIT,
	H_NETFILTER, H_FLOW_DISSECTOR, H_SK_LOOKUP, H_SOCKMAP, H_NHOOKS
};

static const char *hook_name[H_NHOOKS] = {
	"cgroup", "cgroup_legacy", "xdp", "tcx_ingress", "tcx_egress",
	"netkit", "netfilter", "flow_dissector", "sk_lookup", "sockmap",
};

static struct bpf_link *attach(enum hook h, int prog, int target)
{
	LIBBPF_OPTS(bpf_netfilter_opts, nf, .pf = 2, .hooknum = 1,
		    .priority = -128, .flags = 1);

	switch (h) {
	case H_CGROUP:
		return bpflink_attach_cgroup(prog, target,
					     BPF_CGROUP_INET_SOCK_CREATE, NULL);
	case H_CGROUP_LEGACY:
		return bpflink_attach_cgroup_legacy(prog, target,
						    BPF_CGROUP_INET_SOCK_CREATE);
	case H_XDP:
		return bpflink_attach_xdp(prog, 5, 2 /* XDP_FLAGS_SKB_MODE */);
	case H_TCX_IN:
		return bpflink_attach_tcx(prog, 5, BL_BPF_TCX_INGRESS, NULL);
	case H_TCX_EG:
		return bpflink_attach_tcx(prog, 5, BL_BPF_TCX_EGRESS, NULL);
	case H_NETKIT:
		return bpflink_attach_netkit(prog, 5, BL_BPF_NETKIT_PEER, NULL);
	case H_NETFILTER:
		return bpflink_attach_netfilter(prog, &nf);
	case H_FLOW_DISSECTOR:
		return bpflink_attach_netns(prog, target, BPF_FLOW_DISSECTOR);
	case H_SK_LOOKUP:
		return bpflink_attach_netns(prog, target, BPF_SK_LOOKUP);
	case H_SOCKMAP:
		return bpflink_attach_sockmap(prog, target, BPF_SK_MSG_VERDICT);
	default:
		return NULL;
	}
}

/* ---- success paths: the attr sent -------------------------------------- */

static void test_each_hook_sends_link_create(void)
{
	static const uint32_t type[H_NHOOKS] = {
		BPF_CGROUP_INET_SOCK_CREATE, 0, BPF_XDP, BL_BPF_TCX_INGRESS,
		BL_BPF_TCX_EGRESS, BL_BPF_NETKIT_PEER, BL_BPF_NETFILTER,
		BPF_FLOW_DISSECTOR, BPF_SK_LOOKUP, BPF_SK_MSG_VERDICT,
	};

	for (int h = 0; h < H_NHOOKS; h++) {
		struct bpf_link *l;
		int prog, target, base;
		uint32_t used;

		if (h == H_CGROUP_LEGACY)
			continue;
		reset();
		prog = fake_new_fd();
		target = fake_new_fd();
		base = fake_open_fds();
		used = in_use();
		l = attach((enum hook)h, prog, target);
		if (!l)
			t_puts(hook_name[h]);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(fake_count(FK_BPF, BPF_LINK_CREATE), 1);
		T_ASSERT_EQ(fake_total(), 1); /* one system call per attach */
		T_ASSERT_EQ(lc_size, 64);
		T_ASSERT_EQ(last_lc.prog_fd, prog);
		T_ASSERT_EQ(last_lc.attach_type, type[h]);
		switch (h) {
		case H_XDP:
			T_ASSERT_EQ(last_lc.target_fd, 5);
			T_ASSERT_EQ(last_lc.flags, 2);
			break;
		case H_TCX_IN:
		case H_TCX_EG:
		case H_NETKIT:
			T_ASSERT_EQ(last_lc.target_fd, 5);
			T_ASSERT_EQ(last_lc.flags, 0);
			break;
		case H_NETFILTER:
			T_ASSERT_EQ(last_lc.target_fd, 0);
			T_ASSERT_EQ(last_lc.flags, 0);
			T_ASSERT_EQ(last_lc.netfilter.pf, 2);
			T_ASSERT_EQ(last_lc.netfilter.hooknum, 1);
			T_ASSERT_EQ(last_lc.netfilter.priority, -128);
			T_ASSERT_EQ(last_lc.netfilter.flags, 1);
			break;
		default:
			T_ASSERT_EQ(last_lc.target_fd, target);
			T_ASSERT_EQ(last_lc.flags, 0);
			T_ASSERT_EQ(last_lc.mprog.relative_fd, 0);
			T_ASSERT_EQ(last_lc.mprog.expected_revision, 0);
			break;
		}
		T_ASSERT_EQ(fake_open_fds(), base + 1);
		T_ASSERT(bpf_link__fd(l) >= FAKE_FD_BASE);
		T_ASSERT_EQ(in_use(), used + 1);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
		T_ASSERT_EQ(fake_open_fds(), base);
		T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
		T_ASSERT_EQ(in_use(), used);
		T_ASSERT_EQ(fake_double_closes, 0);
	}
}

static void test_mprog_ordering_fields(void)
{
	struct bpf_link *l;
	int prog;

	reset();
	prog = fake_new_fd();
	{
		LIBBPF_OPTS(bpf_tcx_opts, o, .flags = BL_BPF_F_BEFORE,
			    .relative_fd = 42, .expected_revision = 9);
		l = bpflink_attach_tcx(prog, 3, BL_BPF_TCX_EGRESS, &o);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(last_lc.flags, BL_BPF_F_BEFORE);
		T_ASSERT_EQ(last_lc.mprog.relative_fd, 42);
		T_ASSERT_EQ(last_lc.mprog.expected_revision, 9);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
	{
		LIBBPF_OPTS(bpf_netkit_opts, o, .flags = BL_BPF_F_AFTER,
			    .relative_id = 77);
		l = bpflink_attach_netkit(prog, 3, BL_BPF_NETKIT_PRIMARY, &o);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(last_lc.attach_type, BL_BPF_NETKIT_PRIMARY);
		T_ASSERT_EQ(last_lc.flags, BL_BPF_F_AFTER | BL_BPF_F_ID);
		T_ASSERT_EQ(last_lc.mprog.relative_fd, 77);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
	{
		LIBBPF_OPTS(bpf_cgroup_opts, o, .flags = BL_BPF_F_BEFORE | BL_BPF_F_LINK,
			    .relative_id = 5, .expected_revision = 3);
		int cg = fake_new_fd();

		l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_INGRESS, &o);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(last_lc.target_fd, cg);
		T_ASSERT_EQ(last_lc.flags,
			    BL_BPF_F_BEFORE | BL_BPF_F_LINK | BL_BPF_F_ID);
		T_ASSERT_EQ(last_lc.mprog.relative_fd, 5);
		T_ASSERT_EQ(last_lc.mprog.expected_revision, 3);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
	/* an opts struct from an older caller (sz up to flags only) */
	{
		struct bpf_tcx_opts o;

		memset(&o, 0, sizeof(o));
		o.sz = offsetofend(struct bpf_tcx_opts, flags);
		o.flags = BL_BPF_F_AFTER;
		o.relative_fd = 99; /* outside sz: not read */
		l = bpflink_attach_tcx(prog, 3, BL_BPF_TCX_INGRESS, &o);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(last_lc.flags, BL_BPF_F_AFTER);
		T_ASSERT_EQ(last_lc.mprog.relative_fd, 0);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
}

/* ---- fault injection --------------------------------------------------- */

/* Attach hook H with the only system call of its path (BPF_LINK_CREATE)
 * failing with each of a few errors: the error reaches the caller, no fd
 * stays open, the pool is as before. */
static void test_link_create_failure_every_hook(void)
{
	static const int errs[] = { EPERM, ENODEV, EBUSY, ENOMEM, EOPNOTSUPP };

	for (int h = 0; h < H_NHOOKS; h++) {
		for (size_t e = 0; e < sizeof(errs) / sizeof(errs[0]); e++) {
			struct bpf_link *l;
			int prog, target, base;
			uint32_t used;

			reset();
			prog = fake_new_fd();
			target = fake_new_fd();
			base = fake_open_fds();
			used = in_use();
			if (h == H_CGROUP_LEGACY)
				fake_fail(FK_BPF, BPF_PROG_ATTACH, 1, errs[e]);
			else
				fake_fail(FK_BPF, BPF_LINK_CREATE, 1, errs[e]);
			l = attach((enum hook)h, prog, target);
			T_ASSERT(l == NULL);
			T_ASSERT_EQ(libbpf_get_error(NULL), -errs[e]);
			T_ASSERT_EQ(bpflink_last_error(), -errs[e]);
			T_ASSERT_EQ(fake_open_fds(), base);
			T_ASSERT_EQ(in_use(), used);
			T_ASSERT_EQ(fake_double_closes, 0);
			/* no fallback on errors other than -EINVAL */
			if (h == H_CGROUP)
				T_ASSERT_EQ(fake_total(), 1);
		}
	}
}

/* The cgroup fallback's sites: BPF_LINK_CREATE (-EINVAL: the fallback
 * runs), F_DUPFD_CLOEXEC of the cgroup fd, of the prog fd, BPF_PROG_ATTACH.
 * Each failing: the caller sees -EINVAL (the first error), nothing open. */
static void test_cgroup_fallback_sites_fail(void)
{
	for (int site = 0; site < 3; site++) {
		struct bpf_link *l;
		int prog, cg, base;
		uint32_t used;

		reset();
		lc_ret = -EINVAL;
		prog = fake_new_fd();
		cg = fake_new_fd();
		base = fake_open_fds();
		used = in_use();
		if (site < 2)
			fake_fail(FK_FCNTL, -1, site + 1, EMFILE);
		else
			fake_fail(FK_BPF, BPF_PROG_ATTACH, 1, EPERM);
		l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_EGRESS, NULL);
		T_ASSERT(l == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
		T_ASSERT_EQ(fake_open_fds(), base);
		T_ASSERT_EQ(in_use(), used);
		T_ASSERT_EQ(fake_double_closes, 0);
		T_ASSERT_EQ(fake_count(FK_FCNTL, -1), site == 0 ? 1 : 2);
	}
	/* the same sites through bpflink_attach_cgroup_legacy: its own error */
	for (int site = 0; site < 3; site++) {
		struct bpf_link *l;
		int prog, cg, base;
		uint32_t used;

		reset();
		prog = fake_new_fd();
		cg = fake_new_fd();
		base = fake_open_fds();
		used = in_use();
		if (site < 2)
			fake_fail(FK_FCNTL, -1, site + 1, EMFILE);
		else
			fake_fail(FK_BPF, BPF_PROG_ATTACH, 1, EPERM);
		l = bpflink_attach_cgroup_legacy(prog, cg, BPF_CGROUP_DEVICE);
		T_ASSERT(l == NULL);
		T_ASSERT_EQ(bpflink_last_error(), site < 2 ? -EMFILE : -EPERM);
		T_ASSERT_EQ(fake_open_fds(), base);
		T_ASSERT_EQ(in_use(), used);
		T_ASSERT_EQ(fake_double_closes, 0);
	}
}

static void test_cgroup_fallback_link(void)
{
	struct bpf_link *l;
	int prog, cg, base, pfd, tfd;
	uint32_t used;

	reset();
	lc_ret = -EINVAL;
	prog = fake_new_fd();
	cg = fake_new_fd();
	base = fake_open_fds();
	used = in_use();
	l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_SOCK_CREATE, NULL);
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_LINK_CREATE), 1);
	T_ASSERT_EQ(fake_count(FK_FCNTL, -1), 2);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_ATTACH), 1);
	T_ASSERT_EQ(fake_total(), 4);
	/* attached with the link's own duplicates, ALLOW_MULTI */
	tfd = (int)last_pa.target_fd;
	pfd = (int)last_pa.attach_bpf_fd;
	T_ASSERT(tfd != cg && pfd != prog);
	T_ASSERT(fake_fd_is_open(tfd) && fake_fd_is_open(pfd));
	T_ASSERT_EQ(last_pa.attach_type, BPF_CGROUP_INET_SOCK_CREATE);
	T_ASSERT_EQ(last_pa.attach_flags, BPF_F_ALLOW_MULTI);
	for (int i = 0; i < fake_total(); i++)
		if (fake_log[i].kind == FK_FCNTL)
			T_ASSERT_EQ(fake_log[i].a1, F_DUPFD_CLOEXEC);
	T_ASSERT_EQ(fake_open_fds(), base + 2);
	T_ASSERT_EQ(in_use(), used + 1);
	/* no kernel link: fd, detach, update, info say -EOPNOTSUPP */
	T_ASSERT_EQ(bpf_link__fd(l), -EOPNOTSUPP);
	T_ASSERT_EQ(bpf_link__detach(l), -EOPNOTSUPP);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(l, prog), -EOPNOTSUPP);
	/* the caller closing its fds does not matter to the link */
	T_ASSERT_EQ(bl_sys_close(cg), 0);
	T_ASSERT_EQ(bl_sys_close(prog), 0);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 2);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_DETACH), 1);
	T_ASSERT_EQ(last_pa.target_fd, tfd);
	T_ASSERT_EQ(last_pa.attach_bpf_fd, pfd);
	T_ASSERT_EQ(last_pa.attach_type, BPF_CGROUP_INET_SOCK_CREATE);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 4);
	T_ASSERT(!fake_fd_is_open(tfd) && !fake_fd_is_open(pfd));
	T_ASSERT_EQ(fake_open_fds(), base - 2);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT_EQ(in_use(), used);
}

static void test_cgroup_fallback_destroy_paths(void)
{
	struct bpf_link *l;
	int prog, cg, base;
	uint32_t used;

	/* disconnected: no detach, fds still closed */
	reset();
	prog = fake_new_fd();
	cg = fake_new_fd();
	base = fake_open_fds();
	used = in_use();
	l = bpflink_attach_cgroup_legacy(prog, cg, BPF_CGROUP_SYSCTL);
	T_ASSERT(l != NULL);
	bpf_link__disconnect(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_DETACH), 0);
	T_ASSERT_EQ(fake_open_fds(), base);
	T_ASSERT_EQ(in_use(), used);
	/* detach failing: its error, fds closed, slot released */
	l = bpflink_attach_cgroup_legacy(prog, cg, BPF_CGROUP_SYSCTL);
	T_ASSERT(l != NULL);
	fake_fail(FK_BPF, BPF_PROG_DETACH, 1, ENOENT);
	T_ASSERT_EQ(bpf_link__destroy(l), -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), base);
	T_ASSERT_EQ(in_use(), used);
	T_ASSERT_EQ(bpf_link__destroy(l), 0); /* twice: nothing more */
	T_ASSERT_EQ(fake_double_closes, 0);
}

/* No fallback when ordering is asked for (a kernel without cgroup links
 * has no ordering either) or the error is not -EINVAL. */
static void test_cgroup_no_fallback(void)
{
	LIBBPF_OPTS(bpf_cgroup_opts, o, .flags = BL_BPF_F_AFTER);
	struct bpf_link *l;
	int prog, cg;

	reset();
	lc_ret = -EINVAL;
	prog = fake_new_fd();
	cg = fake_new_fd();
	l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_INGRESS, &o);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
	T_ASSERT_EQ(fake_total(), 1);
	lc_ret = -EPERM;
	l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_INGRESS, NULL);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EPERM);
	T_ASSERT_EQ(fake_total(), 2);
	/* fallback fails too: the first error, -EINVAL */
	lc_ret = -EINVAL;
	pa_ret = -EINVAL;
	l = bpflink_attach_cgroup(prog, cg, BPF_CGROUP_INET_INGRESS, NULL);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
	T_ASSERT_EQ(fake_open_fds(), 2);
}

static void test_destroy_close_failure(void)
{
	for (int h = 0; h < H_NHOOKS; h++) {
		struct bpf_link *l;
		int prog, target, base;
		uint32_t used;

		if (h == H_CGROUP_LEGACY)
			continue;
		reset();
		prog = fake_new_fd();
		target = fake_new_fd();
		base = fake_open_fds();
		used = in_use();
		l = attach((enum hook)h, prog, target);
		T_ASSERT(l != NULL);
		fake_fail(FK_CLOSE, -1, 1, EIO);
		T_ASSERT_EQ(bpf_link__destroy(l), -EIO);
		T_ASSERT_EQ(fake_open_fds(), base); /* close released it anyway */
		T_ASSERT_EQ(in_use(), used);
	}
}

/* netns: on the kernel's -EINVAL, NS_GET_NSTYPE tells a non-netns fd
 * (-ENOTTY) from a program that does not fit (-EINVAL); the ioctl failing
 * counts as "not a netns". */
static void test_netns_diagnosis(void)
{
	struct bpf_link *l;
	int prog, ns, base;

	reset();
	prog = fake_new_fd();
	ns = fake_new_fd();
	base = fake_open_fds();
	lc_ret = -EINVAL;
	l = bpflink_attach_netns(prog, ns, BPF_SK_LOOKUP);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL); /* a netns: prog misfit */
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 1);
	T_ASSERT_EQ(fake_log[1].a0, ns);
	T_ASSERT_EQ(fake_log[1].a1, NS_GET_NSTYPE);
	ioctl_nstype = 0x00020000; /* CLONE_NEWNS: a mount namespace */
	l = bpflink_attach_netns(prog, ns, BPF_FLOW_DISSECTOR);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENOTTY);
	fake_fail(FK_IOCTL, -1, 1, ENOTTY); /* not a namespace at all */
	l = bpflink_attach_netns(prog, ns, BPF_FLOW_DISSECTOR);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENOTTY);
	T_ASSERT_EQ(fake_open_fds(), base);
	/* other errors: no ioctl */
	lc_ret = -EPERM;
	l = bpflink_attach_netns(prog, ns, BPF_FLOW_DISSECTOR);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EPERM);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 3);
}

/* ---- bad input: no system call ----------------------------------------- */

#define T_REFUSED(CALL, ERR)                                                 \
	do {                                                                 \
		int n0_ = fake_total();                                      \
		T_ASSERT((CALL) == NULL);                                    \
		T_ASSERT_EQ(bpflink_last_error(), ERR);                      \
		T_ASSERT_EQ(fake_total(), n0_);                              \
	} while (0)

static void test_bad_input(void)
{
	struct bpf_tcx_opts big[2];
	uint32_t used;

	reset();
	used = in_use();
	for (int h = 0; h < H_NHOOKS; h++) {
		if (h != H_XDP && h != H_TCX_IN && h != H_TCX_EG &&
		    h != H_NETKIT && h != H_NETFILTER)
			T_REFUSED(attach((enum hook)h, 3, -1), -EBADF);
		T_REFUSED(attach((enum hook)h, -1, 3), -EBADF);
	}
	T_REFUSED(bpflink_attach_xdp(3, 0, 0), -EINVAL);
	T_REFUSED(bpflink_attach_xdp(3, -2, 0), -EINVAL);
	T_REFUSED(bpflink_attach_tcx(3, 0, BL_BPF_TCX_INGRESS, NULL), -EINVAL);
	T_REFUSED(bpflink_attach_tcx(3, 1, BPF_XDP, NULL), -EINVAL);
	T_REFUSED(bpflink_attach_tcx(3, 1, BL_BPF_NETKIT_PEER, NULL), -EINVAL);
	T_REFUSED(bpflink_attach_netkit(3, 1, BL_BPF_TCX_INGRESS, NULL),
		  -EINVAL);
	T_REFUSED(bpflink_attach_netkit(3, 0, BL_BPF_NETKIT_PEER, NULL),
		  -EINVAL);
	T_REFUSED(bpflink_attach_netns(3, 4, BPF_CGROUP_INET_INGRESS), -EINVAL);
	T_REFUSED(bpflink_attach_sockmap(3, 4, BPF_SK_LOOKUP), -EINVAL);
	{
		LIBBPF_OPTS(bpf_tcx_opts, o, .relative_fd = 4, .relative_id = 5);
		T_REFUSED(bpflink_attach_tcx(3, 1, BL_BPF_TCX_INGRESS, &o),
			  -EINVAL);
	}
	{
		LIBBPF_OPTS(bpf_cgroup_opts, o, .relative_fd = 4,
			    .relative_id = 5);
		T_REFUSED(bpflink_attach_cgroup(3, 4, BPF_CGROUP_DEVICE, &o),
			  -EINVAL);
	}
	{
		LIBBPF_OPTS(bpf_netkit_opts, o, .relative_fd = 4,
			    .relative_id = 5);
		T_REFUSED(bpflink_attach_netkit(3, 1, BL_BPF_NETKIT_PEER, &o),
			  -EINVAL);
	}
	{
		struct bpf_netfilter_opts o = { .sz = 4 }; /* < sizeof(size_t) */
		T_REFUSED(bpflink_attach_netfilter(3, &o), -EINVAL);
	}
	/* a larger opts with non-zero bytes past the known fields */
	memset(big, 0, sizeof(big));
	big[0].sz = sizeof(big);
	big[1].flags = 1;
	T_REFUSED(bpflink_attach_tcx(3, 1, BL_BPF_TCX_INGRESS, big), -EINVAL);
	big[1].flags = 0; /* all zero: accepted */
	{
		struct bpf_link *l = bpflink_attach_tcx(3, 1, BL_BPF_TCX_INGRESS,
							big);
		T_ASSERT(l != NULL);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
	T_REFUSED(bpflink_attach_cgroup_legacy(-1, 3, BPF_CGROUP_DEVICE),
		  -EBADF);
	T_REFUSED(bpflink_attach_cgroup_legacy(3, -1, BPF_CGROUP_DEVICE),
		  -EBADF);
	T_ASSERT_EQ(in_use(), used);
}

static void test_pool_full(void)
{
	struct bpf_link *held[BPFLINK_MAX_LINKS];
	struct bpflink_pool_stats st;
	int n = 0, prog, target;

	reset();
	prog = fake_new_fd();
	target = fake_new_fd();
	bpflink_link_pool_stats(&st);
	while (n < BPFLINK_MAX_LINKS) {
		held[n] = bpflink_attach_xdp(prog, 1, 0);
		if (!held[n])
			break;
		n++;
	}
	T_ASSERT_EQ(n, (int)(st.capacity - st.in_use));
	for (int h = 0; h < H_NHOOKS; h++) {
		int n0 = fake_total(), fds = fake_open_fds();

		T_ASSERT(attach((enum hook)h, prog, target) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -ENOSPC);
		T_ASSERT_EQ(fake_open_fds(), fds);
		/* no system call; the cgroup attach does not fall back */
		T_ASSERT_EQ(fake_total(), n0);
	}
	for (int i = 0; i < n; i++)
		T_ASSERT_EQ(bpf_link__destroy(held[i]), 0);
	T_ASSERT_EQ(fake_open_fds(), 2);
}

/* ---- update and detach ------------------------------------------------- */

static void test_update_and_detach(void)
{
	for (int h = 0; h < H_NHOOKS; h++) {
		struct bpf_link *l;
		int prog, prog2, target, lfd;

		if (h == H_CGROUP_LEGACY)
			continue;
		reset();
		prog = fake_new_fd();
		prog2 = fake_new_fd();
		target = fake_new_fd();
		l = attach((enum hook)h, prog, target);
		T_ASSERT(l != NULL);
		lfd = bpf_link__fd(l);
		T_ASSERT_EQ(bpflink_link_update_prog_fd(l, prog2), 0);
		T_ASSERT_EQ(fake_count(FK_BPF, BPF_LINK_UPDATE), 1);
		T_ASSERT_EQ(last_upd[0], lfd);
		T_ASSERT_EQ(last_upd[1], prog2);
		T_ASSERT_EQ(bpf_link__detach(l), 0);
		T_ASSERT_EQ(fake_count(FK_BPF, BPF_LINK_DETACH), 1);
		T_ASSERT_EQ(last_upd[0], lfd);
		/* the kernel's -EOPNOTSUPP (e.g. netfilter update) passes */
		upd_ret = -EOPNOTSUPP;
		T_ASSERT_EQ(bpflink_link_update_prog_fd(l, prog2), -EOPNOTSUPP);
		T_ASSERT_EQ(bpf_link__detach(l), -EOPNOTSUPP);
		T_ASSERT_EQ(bpf_link__fd(l), lfd);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
		T_ASSERT_EQ(fake_open_fds(), 3);
	}
}

/* ---- cgroup path helper ------------------------------------------------ */

static void test_cgroup_open(void)
{
	int fd;

	reset();
	fake_set_fs_magic("/sys/fs/cgroup/unified", CGROUP2_SUPER_MAGIC);
	fake_set_fs_magic("/sys/fs/cgroup", TMPFS_MAGIC);
	fake_set_file("/sys/fs/cgroup/unified/t1", "");
	fd = bpflink_cgroup_open("/sys/fs/cgroup/unified/t1");
	T_ASSERT(fd >= FAKE_FD_BASE);
	T_ASSERT_EQ(fake_count(FK_STATFS, -1), 1);
	T_ASSERT_EQ(fake_count(FK_OPENAT, -1), 1);
	T_ASSERT_EQ(fake_log[1].a1, O_RDONLY | O_DIRECTORY);
	T_ASSERT_EQ(bl_sys_close(fd), 0);
	/* not on cgroup2: -EINVAL, nothing opened */
	T_ASSERT_EQ(bpflink_cgroup_open("/sys/fs/cgroup/cpu"), -EINVAL);
	T_ASSERT_EQ(fake_count(FK_OPENAT, -1), 1);
	T_ASSERT_EQ(bpflink_cgroup_open(NULL), -EINVAL);
	/* statfs failing (no such path) */
	T_ASSERT_EQ(bpflink_cgroup_open("/nowhere"), -ENOENT);
	/* each site failing */
	fake_fail(FK_STATFS, -1, 1, EACCES);
	T_ASSERT_EQ(bpflink_cgroup_open("/sys/fs/cgroup/unified/t1"), -EACCES);
	fake_fail(FK_OPENAT, -1, 1, ENOTDIR);
	T_ASSERT_EQ(bpflink_cgroup_open("/sys/fs/cgroup/unified/t1"), -ENOTDIR);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* ---- interface names --------------------------------------------------- */

static void test_if_nametoindex(void)
{
	reset();
	T_ASSERT_EQ(bpflink_if_nametoindex("veth0"), 7);
	T_ASSERT_EQ(fake_count(FK_SOCKET, -1), 1);
	T_ASSERT_EQ(fake_log[0].a0, 1); /* AF_UNIX */
	T_ASSERT_EQ(fake_log[0].a1, 2); /* SOCK_DGRAM */
	T_ASSERT_EQ(fake_log[1].a1, SIOCGIFINDEX);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* 15 characters is the longest name */
	T_ASSERT_EQ(bpflink_if_nametoindex("abcdefghijklmno"), 7);
	{
		int n0 = fake_total();

		T_ASSERT_EQ(bpflink_if_nametoindex("abcdefghijklmnop"), -ENODEV);
		T_ASSERT_EQ(bpflink_if_nametoindex(""), -ENODEV);
		T_ASSERT_EQ(bpflink_if_nametoindex(NULL), -EINVAL);
		T_ASSERT_EQ(fake_total(), n0);
	}
	T_ASSERT_EQ(bpflink_if_nametoindex("nope0"), -ENODEV);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* each site failing */
	fake_fail(FK_SOCKET, -1, 1, EMFILE);
	T_ASSERT_EQ(bpflink_if_nametoindex("veth0"), -EMFILE);
	fake_fail(FK_IOCTL, -1, 1, EPERM);
	T_ASSERT_EQ(bpflink_if_nametoindex("veth0"), -EPERM);
	T_ASSERT_EQ(fake_open_fds(), 0);
	fake_fail(FK_CLOSE, -1, 1, EIO); /* close's error does not matter */
	T_ASSERT_EQ(bpflink_if_nametoindex("veth0"), 7);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

int main(void)
{
	T_RUN(test_each_hook_sends_link_create);
	T_RUN(test_mprog_ordering_fields);
	T_RUN(test_link_create_failure_every_hook);
	T_RUN(test_cgroup_fallback_sites_fail);
	T_RUN(test_cgroup_fallback_link);
	T_RUN(test_cgroup_fallback_destroy_paths);
	T_RUN(test_cgroup_no_fallback);
	T_RUN(test_destroy_close_failure);
	T_RUN(test_netns_diagnosis);
	T_RUN(test_bad_input);
	T_RUN(test_pool_full);
	T_RUN(test_update_and_detach);
	T_RUN(test_cgroup_open);
	T_RUN(test_if_nametoindex);
	return T_EXIT_CODE();
}

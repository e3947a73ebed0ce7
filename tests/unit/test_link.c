/* The bpf_link core against the fake syscall seam: system call counts,
 * every syscall site failing in turn (error to the caller, no fd left
 * open, pool statistics as before), destroy idempotence, pool exhaustion,
 * per-kind teardown order, pinning errors, opening non-links. */
#include <errno.h>
#include <string.h>
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/magic.h>

#include "fake_sys.h"
#include "link.h"
#include "t.h"

#define BPFFS "/sys/fs/bpf"

static struct bpflink_pool_stats stats(void)
{
	struct bpflink_pool_stats s;

	bpflink_link_pool_stats(&s);
	return s;
}

static int same_stats(struct bpflink_pool_stats a, struct bpflink_pool_stats b)
{
	return a.capacity == b.capacity && a.in_use == b.in_use;
}

static struct bpf_link *raw_tp(void)
{
	return bpflink_attach_raw_tracepoint(fake_new_fd(), "sys_enter", 0);
}

static void test_destroy_null(void)
{
	struct bpflink_pool_stats before = stats();

	fake_reset();
	T_ASSERT_EQ(bpf_link__destroy(NULL), 0);
	T_ASSERT_EQ(fake_total(), 0);
	T_ASSERT(same_stats(before, stats()));
	T_ASSERT_EQ(bpf_link__fd(NULL), -EINVAL);
	T_ASSERT(bpf_link__pin_path(NULL) == NULL);
	T_ASSERT_EQ(bpf_link__pin(NULL, BPFFS "/x"), -EINVAL);
	T_ASSERT_EQ(bpf_link__unpin(NULL), -EINVAL);
	T_ASSERT_EQ(bpf_link__detach(NULL), -EINVAL);
	bpf_link__disconnect(NULL);
	T_ASSERT_EQ(fake_total(), 0);
}

static void test_raw_tp_attach_destroy_two_syscalls(void)
{
	struct bpflink_pool_stats before;
	struct bpf_link *l;
	int prog, fd, n;

	fake_reset();
	prog = fake_new_fd();
	before = stats();
	l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(libbpf_get_error(l), 0);
	fd = bpf_link__fd(l);
	T_ASSERT(fake_fd_is_open(fd));
	T_ASSERT_EQ(fake_log[0].a0, BPF_RAW_TRACEPOINT_OPEN);
	T_ASSERT_EQ(fake_log[0].a2, 16); /* no cookie: attr up to prog_fd */
	T_ASSERT_EQ(stats().in_use, before.in_use + 1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT(!fake_fd_is_open(fd));
	T_ASSERT(fake_fd_is_open(prog));
	T_ASSERT(same_stats(before, stats()));
	/* destroy again: 0, no syscall, pool unchanged */
	n = fake_total();
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), n);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT(same_stats(before, stats()));
	T_ASSERT_EQ(bpf_link__fd(l), -EINVAL);
	/* a cookie makes the attr 24 bytes */
	l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 7);
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(fake_log[fake_ncalls - 1].a2, 24);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
}

static void test_attach_fails(void)
{
	struct bpflink_pool_stats before = stats();
	int open_fds;

	fake_reset();
	(void)fake_new_fd();
	open_fds = fake_open_fds();
	fake_fail(FK_BPF, BPF_RAW_TRACEPOINT_OPEN, 1, ENOENT);
	T_ASSERT(raw_tp() == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT_EQ(bpflink_last_error(), -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), open_fds + 1); /* only raw_tp()'s prog */
	T_ASSERT(same_stats(before, stats()));
	T_ASSERT(bpflink_attach_raw_tracepoint(-1, "x", 0) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT(bpflink_attach_raw_tracepoint(3, NULL, 0) == NULL);
	T_ASSERT(same_stats(before, stats()));
}

static void test_destroy_close_fails(void)
{
	struct bpflink_pool_stats before = stats();
	struct bpf_link *l;

	fake_reset();
	l = raw_tp();
	T_ASSERT(l != NULL);
	fake_fail(FK_CLOSE, -1, 1, EINTR);
	T_ASSERT_EQ(bpf_link__destroy(l), -EINTR);
	T_ASSERT_EQ(fake_open_fds(), 1); /* the prog fd only */
	T_ASSERT(same_stats(before, stats()));
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
}

static void test_link_ops_fail(void)
{
	struct bpflink_pool_stats before = stats();
	struct bpflink_link_info info;
	struct bpf_link *l;
	uint32_t id = 0;

	fake_reset();
	l = raw_tp();
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(bpf_link__detach(l), 0);
	fake_fail(FK_BPF, BPF_LINK_DETACH, 1, EOPNOTSUPP);
	T_ASSERT_EQ(bpf_link__detach(l), -EOPNOTSUPP);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(l, fake_new_fd()), 0);
	fake_fail(FK_BPF, BPF_LINK_UPDATE, 1, EINVAL);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(l, 100), -EINVAL);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(l, -1), -EBADF);
	T_ASSERT_EQ(bpflink_link_get_info(l, &info), 0);
	fake_fail(FK_BPF, BPF_OBJ_GET_INFO_BY_FD, 1, EFAULT);
	T_ASSERT_EQ(bpflink_link_get_info(l, &info), -EFAULT);
	T_ASSERT_EQ(bpflink_link_get_info(l, NULL), -EINVAL);
	fake_fail(FK_BPF, BPF_LINK_GET_NEXT_ID, 1, ENOENT);
	T_ASSERT_EQ(bpflink_link_next_id(0, &id), -ENOENT);
	T_ASSERT_EQ(bpflink_link_next_id(0, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT(same_stats(before, stats()));
	T_ASSERT_EQ(fake_open_fds(), 2); /* the two prog fds of this test */
}

/* Per-kind teardown order and counts, built as attach files do. */
static void test_kinds_teardown(void)
{
	struct bpflink_pool_stats before = stats();
	struct bpf_link *l;
	int a, b;

	fake_reset();
	l = bl_link_alloc(BL_LINK_PERF);
	T_ASSERT(l != NULL);
	l->perf_fd = a = fake_new_fd();
	l->fd = b = fake_new_fd();
	T_ASSERT_EQ(bpf_link__fd(l), b);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT_EQ(fake_log[0].a0, b); /* link fd first */
	T_ASSERT_EQ(fake_log[1].a0, a); /* then the perf event */

	fake_reset();
	l = bl_link_alloc(BL_LINK_PERF_IOCTL);
	l->perf_fd = l->fd = a = fake_new_fd();
	T_ASSERT_EQ(bpf_link__detach(l), -EOPNOTSUPP);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 1);
	T_ASSERT(!fake_fd_is_open(a));

	fake_reset();
	l = bl_link_alloc(BL_LINK_PROG_ATTACH);
	l->target_fd = a = fake_new_fd();
	l->prog_fd = b = fake_new_fd();
	l->attach_type = BPF_CGROUP_INET_INGRESS;
	T_ASSERT_EQ(bpf_link__fd(l), -EOPNOTSUPP);
	fake_fail(FK_BPF, BPF_PROG_DETACH, 1, ENOENT);
	T_ASSERT_EQ(bpf_link__destroy(l), -ENOENT);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_DETACH), 1);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 2);
	T_ASSERT_EQ(fake_open_fds(), 0);

	fake_reset();
	l = bl_link_alloc(BL_LINK_PROG_ATTACH);
	l->target_fd = fake_new_fd();
	l->prog_fd = fake_new_fd();
	bpf_link__disconnect(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 0); /* no detach */
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* a slot given back before it went live: no syscall */
	fake_reset();
	l = bl_link_alloc(BL_LINK_FD);
	bl_link_free(l);
	T_ASSERT_EQ(fake_total(), 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 0);
	T_ASSERT(same_stats(before, stats()));
}

/* Tests are built without the library's MAX_LINKS setting: size by the
 * pool's reported capacity, within this bound. */
#define T_MAX_SLOTS 8192

static void test_pool_exhaustion(void)
{
	static struct bpf_link *links[T_MAX_SLOTS];
	struct bpflink_pool_stats before = stats(), s;
	struct bpf_link *l;
	int n, fds;

	if (before.capacity > T_MAX_SLOTS || before.capacity > FAKE_MAX_FDS / 2)
		T_SKIP("pool larger than the fake seam's fd table");
	fake_reset();
	for (n = 0; (uint32_t)n < before.capacity - before.in_use; n++) {
		links[n] = raw_tp();
		T_ASSERT(links[n] != NULL);
	}
	s = stats();
	T_ASSERT_EQ(s.in_use, s.capacity);
	T_ASSERT_EQ(s.high_water, s.capacity);
	fds = fake_open_fds();
	n = fake_total();
	l = bl_link_alloc(BL_LINK_FD);
	T_ASSERT(l == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOSPC);
	T_ASSERT(bpflink_attach_raw_tracepoint(3, "x", 0) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENOSPC);
	T_ASSERT_EQ(fake_total(), n); /* no syscall when full */
	T_ASSERT_EQ(fake_open_fds(), fds);
	T_ASSERT_EQ(stats().exhausted, s.exhausted + 2);
	T_ASSERT_EQ(bpf_link__destroy(links[0]), 0);
	l = raw_tp();
	T_ASSERT(l == links[0]); /* the only free slot */
	links[0] = l;
	for (n = 0; (uint32_t)n < before.capacity - before.in_use; n++)
		T_ASSERT_EQ(bpf_link__destroy(links[n]), 0);
	T_ASSERT(same_stats(before, stats()));
}

static void test_fifo_reuse(void)
{
	struct bpf_link *a, *b;
	uint32_t gen;

	fake_reset();
	a = raw_tp();
	T_ASSERT(a != NULL);
	gen = a->generation;
	T_ASSERT_EQ(bpf_link__destroy(a), 0);
	T_ASSERT(a->generation > gen);
	b = raw_tp();
	T_ASSERT(b != NULL);
	if (stats().capacity > 1)
		T_ASSERT(b != a); /* reused only after every other free slot */
	T_ASSERT_EQ(bpf_link__destroy(b), 0);
}

static long h_pin_exists(int cmd, void *attr, unsigned int size)
{
	(void)attr;
	(void)size;
	return cmd == BPF_OBJ_PIN ? -EEXIST : FAKE_DEFAULT;
}

static void test_pin_errors(void)
{
	char longp[BPFLINK_PIN_PATH_MAX + 8];
	struct bpf_link *l;
	int n;

	fake_reset();
	fake_set_fs_magic(BPFFS, BPF_FS_MAGIC);
	fake_set_fs_magic("/tmp", TMPFS_MAGIC);
	fake_add_path(BPFFS);
	l = raw_tp();
	T_ASSERT(l != NULL);
	/* outside bpffs: the created parent goes again */
	T_ASSERT_EQ(bpf_link__pin(l, "/tmp/d/pin"), -EINVAL);
	T_ASSERT(!fake_path_exists("/tmp/d"));
	T_ASSERT(bpf_link__pin_path(l) == NULL);
	/* missing directory above the parent */
	fake_fail(FK_MKDIRAT, -1, 1, ENOENT);
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/a/b/pin"), -ENOENT);
	T_ASSERT(bpf_link__pin_path(l) == NULL);
	/* statfs failing */
	fake_fail(FK_STATFS, -1, 1, EACCES);
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/d/pin"), -EACCES);
	T_ASSERT(!fake_path_exists(BPFFS "/d"));
	/* existing name */
	fake_set_bpf_handler(h_pin_exists);
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/d/pin"), -EEXIST);
	T_ASSERT(!fake_path_exists(BPFFS "/d"));
	T_ASSERT(!fake_path_exists(BPFFS "/d/pin"));
	fake_set_bpf_handler(NULL);
	/* over-long path: no syscall at all */
	memset(longp, 'a', sizeof(longp));
	memcpy(longp, BPFFS "/", sizeof(BPFFS));
	longp[sizeof(longp) - 1] = '\0';
	n = fake_total();
	T_ASSERT_EQ(bpf_link__pin(l, longp), -ENAMETOOLONG);
	T_ASSERT_EQ(fake_total(), n);
	T_ASSERT(bpf_link__pin_path(l) == NULL);
	/* success, then -EBUSY, then unpin (its failure keeps the pin) */
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/d/pin"), 0);
	T_ASSERT(fake_path_exists(BPFFS "/d/pin"));
	T_ASSERT(strcmp(bpf_link__pin_path(l), BPFFS "/d/pin") == 0);
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/d/pin2"), -EBUSY);
	fake_fail(FK_UNLINKAT, -1, 1, EPERM);
	T_ASSERT_EQ(bpf_link__unpin(l), -EPERM);
	T_ASSERT(strcmp(bpf_link__pin_path(l), BPFFS "/d/pin") == 0);
	T_ASSERT_EQ(bpf_link__unpin(l), 0);
	T_ASSERT(!fake_path_exists(BPFFS "/d/pin"));
	T_ASSERT(bpf_link__pin_path(l) == NULL);
	T_ASSERT_EQ(bpf_link__unpin(l), -EINVAL);
	/* destroy never unpins */
	T_ASSERT_EQ(bpf_link__pin(l, BPFFS "/p2"), 0);
	n = fake_count(FK_UNLINKAT, -1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_UNLINKAT, -1), n);
	T_ASSERT(fake_path_exists(BPFFS "/p2"));
}

static long h_not_a_link(int cmd, void *attr, unsigned int size)
{
	(void)attr;
	(void)size;
	return cmd == BPF_LINK_UPDATE ? -EINVAL : FAKE_DEFAULT;
}

static long h_is_link(int cmd, void *attr, unsigned int size)
{
	(void)attr;
	(void)size;
	return cmd == BPF_LINK_UPDATE ? -EBADF : FAKE_DEFAULT;
}

static void test_open(void)
{
	struct bpflink_pool_stats before = stats();
	struct bpf_link *l;

	fake_reset();
	fake_set_bpf_handler(h_is_link);
	l = bpf_link__open(BPFFS "/p");
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT(strcmp(bpf_link__pin_path(l), BPFFS "/p") == 0);
	fake_add_path(BPFFS "/p");
	T_ASSERT_EQ(bpf_link__unpin(l), 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* a pinned program or map: refused, its fd closed */
	fake_reset();
	fake_set_bpf_handler(h_not_a_link);
	T_ASSERT(bpf_link__open(BPFFS "/prog") == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* BPF_OBJ_GET failing */
	fake_reset();
	fake_fail(FK_BPF, BPF_OBJ_GET, 1, ENOENT);
	T_ASSERT(bpf_link__open(BPFFS "/none") == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT(bpf_link__open(NULL) == NULL);
	T_ASSERT(bpf_link__open("") == NULL);
	T_ASSERT(same_stats(before, stats()));
}

int main(void)
{
	T_RUN(test_destroy_null);
	T_RUN(test_raw_tp_attach_destroy_two_syscalls);
	T_RUN(test_attach_fails);
	T_RUN(test_destroy_close_fails);
	T_RUN(test_link_ops_fail);
	T_RUN(test_kinds_teardown);
	T_RUN(test_pool_exhaustion);
	T_RUN(test_fifo_reuse);
	T_RUN(test_pin_errors);
	T_RUN(test_open);
	return T_EXIT_CODE();
}

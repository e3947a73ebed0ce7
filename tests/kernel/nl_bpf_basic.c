/* The low-level BPF calls against the running kernel (issue 2, item 7),
 * built with no libc, with musl and with glibc:
 * - a raw_tracepoint program on sys_enter counts this process's getpid()
 *   calls into an array map: the count moves by exactly the number of
 *   calls, and stops moving once the link fd is closed;
 * - map create/update/lookup/delete/get_next_key round trips, with the
 *   kernel's errors (-ENOENT, -EEXIST, -E2BIG, -EINVAL, -EBADF);
 * - a rejected program's verifier message reaches the caller's log buffer,
 *   with log_level 0 (bpflink's retry) and 1;
 * - info by fd for prog, map and link; ids back to fds;
 * - bpf_prog_test_run_opts returns the program's return value;
 * - bpf_obj_pin / bpf_obj_get round trip on a bpffs mounted in a private
 *   mount namespace (so nothing is left behind).
 * Unprivileged: every test reports SKIPPED. Each test closes what it made.
 */
#include <asm/unistd.h>
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mount.h>
#include <linux/sched.h>

#include "bpf/bpf.h"
#include "bpflink_insn.h"
#include "bpflink_rt.h"
#include "sys.h"
#include "t.h"
#include "kt.h"

#define N_CALLS 100

static void test_raw_tp_counts_getpid(void)
{
	int map_fd, prog_fd, link_fd, pid = bl_sys_getpid();
	long long c0, c1, c2;
	char log[4096];

	KT_NEED_BPF();
	map_fd = kt_counter_map();
	T_ASSERT(map_fd >= 3);
	log[0] = 0;
	prog_fd = kt_counter_load(map_fd, pid, __NR_getpid, log, sizeof(log));
	KT_SKIP_IF_EPERM(prog_fd, "BPF_PROG_LOAD(raw_tracepoint)",
			 (void)bl_sys_close(map_fd));
	if (prog_fd < 0) {
		(void)bl_sys_close(map_fd);
		t_puts(log);
		T_ASSERT_EQ(prog_fd, 0);
	}
	link_fd = bpf_raw_tracepoint_open("sys_enter", prog_fd);
	KT_SKIP_IF_EPERM(link_fd, "BPF_RAW_TRACEPOINT_OPEN",
			 ((void)bl_sys_close(prog_fd), (void)bl_sys_close(map_fd)));
	if (link_fd < 0) {
		(void)bl_sys_close(prog_fd);
		(void)bl_sys_close(map_fd);
		T_ASSERT_EQ(link_fd, 0);
	}
	c0 = kt_counter_read(map_fd);
	for (int i = 0; i < N_CALLS; i++)
		(void)bl_sys_getpid();
	c1 = kt_counter_read(map_fd);
	(void)bl_sys_close(link_fd);
	for (int i = 0; i < N_CALLS; i++)
		(void)bl_sys_getpid();
	c2 = kt_counter_read(map_fd);
	(void)bl_sys_close(prog_fd);
	(void)bl_sys_close(map_fd);
	T_ASSERT_EQ(c0, 0); /* no getpid between attach and the first read */
	T_ASSERT_EQ(c1 - c0, N_CALLS);
	T_ASSERT_EQ(c2, c1); /* detached: no more counting */
}

static void test_hash_map_round_trip(void)
{
	uint32_t k, next;
	uint64_t v;
	int fd, err;

	KT_NEED_BPF();
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, "kt_hash", 4, 8, 2, NULL);
	T_ASSERT(fd >= 3);
	k = 7;
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), -ENOENT);
	T_ASSERT_EQ(bpf_map_delete_elem(fd, &k), -ENOENT);
	T_ASSERT_EQ(bpf_map_get_next_key(fd, NULL, &next), -ENOENT);
	v = 70;
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_EXIST), -ENOENT);
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST), 0);
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST), -EEXIST);
	v = 0;
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), 0);
	T_ASSERT_EQ(v, 70);
	k = 8;
	v = 80;
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_ANY), 0);
	k = 9; /* max_entries is 2 */
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_ANY), -E2BIG);
	/* walk: two keys, then -ENOENT */
	T_ASSERT_EQ(bpf_map_get_next_key(fd, NULL, &next), 0);
	T_ASSERT(next == 7 || next == 8);
	k = next;
	T_ASSERT_EQ(bpf_map_get_next_key(fd, &k, &next), 0);
	T_ASSERT(next != k && (next == 7 || next == 8));
	k = next;
	T_ASSERT_EQ(bpf_map_get_next_key(fd, &k, &next), -ENOENT);
	k = 7;
	T_ASSERT_EQ(bpf_map_delete_elem(fd, &k), 0);
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), -ENOENT);
	k = 8;
	v = 0;
	T_ASSERT_EQ(bpf_map_lookup_and_delete_elem(fd, &k, &v), 0);
	T_ASSERT_EQ(v, 80);
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), -ENOENT);
	T_ASSERT_EQ(bpf_map_freeze(fd), 0);
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_ANY), -EPERM);
	T_ASSERT_EQ(bl_sys_close(fd), 0);
	/* the closed fd, and fds that are not maps */
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), -EBADF);
	T_ASSERT_EQ(bpf_map_lookup_elem(-1, &k, &v), -EBADF);
	fd = bl_sys_openat(AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0);
	T_ASSERT(fd >= 3);
	err = bpf_map_lookup_elem(fd, &k, &v);
	(void)bl_sys_close(fd);
	T_ASSERT_EQ(err, -EINVAL); /* an fd, but not a map */
}

static void test_array_map_errors(void)
{
	uint32_t k = 0;
	uint64_t v = 5;
	int fd;

	KT_NEED_BPF();
	T_ASSERT_EQ(bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_bad", 4, 8, 0, NULL),
		    -EINVAL);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_arr", 4, 8, 4, NULL);
	T_ASSERT(fd >= 3);
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_ANY), 0);
	T_ASSERT_EQ(bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST), -EEXIST);
	v = 0;
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), 0);
	T_ASSERT_EQ(v, 5);
	k = 4; /* out of range */
	T_ASSERT_EQ(bpf_map_lookup_elem(fd, &k, &v), -ENOENT);
	k = 0;
	T_ASSERT_EQ(bpf_map_delete_elem(fd, &k), -EINVAL); /* arrays can't */
	T_ASSERT_EQ(bl_sys_close(fd), 0);
}

static void test_verifier_log_reaches_caller(void)
{
	/* r0 = r2 reads a register that was never written */
	struct bpf_insn bad[] = {
		BPFLINK_MOV64_REG(BPF_REG_0, BPF_REG_2),
		BPFLINK_EXIT_INSN(),
	};
	char log[1024];
	int fd;

	KT_NEED_BPF();
	for (unsigned int i = 0; i < sizeof(log); i++)
		log[i] = 0;
	{
		LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
			    .log_size = sizeof(log)); /* log_level 0 */
		fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "kt_bad", "GPL",
				   bad, 2, &opts);
		if (fd >= 0)
			(void)bl_sys_close(fd);
		T_ASSERT_EQ(fd, -EACCES);
		T_ASSERT(kt_contains(log, "R2 !read_ok"));
		T_ASSERT(opts.log_true_size > 0); /* 6.4+ reports it */
	}
	for (unsigned int i = 0; i < sizeof(log); i++)
		log[i] = 0;
	{
		LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
			    .log_size = sizeof(log), .log_level = 1);
		fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "kt_bad", "GPL",
				   bad, 2, &opts);
		if (fd >= 0)
			(void)bl_sys_close(fd);
		T_ASSERT_EQ(fd, -EACCES);
		T_ASSERT(kt_contains(log, "R2 !read_ok"));
	}
	/* no log buffer: the error alone */
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "kt_bad", "GPL", bad, 2,
			   NULL);
	if (fd >= 0)
		(void)bl_sys_close(fd);
	T_ASSERT_EQ(fd, -EACCES);
}

static void test_info_by_fd_and_ids(void)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	struct bpf_link_info li, li2;
	__u32 len, id;
	int map_fd, prog_fd, link_fd, fd, found = 0, err = 0;

	KT_NEED_BPF();
	map_fd = kt_counter_map();
	T_ASSERT(map_fd >= 3);
	prog_fd = kt_counter_load(map_fd, bl_sys_getpid(), -1, NULL, 0);
	KT_SKIP_IF_EPERM(prog_fd, "BPF_PROG_LOAD(raw_tracepoint)",
			 (void)bl_sys_close(map_fd));
	link_fd = prog_fd >= 0 ? bpf_raw_tracepoint_open("sys_enter", prog_fd)
			       : -1;
	__builtin_memset(&pi, 0, sizeof(pi));
	__builtin_memset(&mi, 0, sizeof(mi));
	__builtin_memset(&li, 0, sizeof(li));
	len = sizeof(pi);
	if (prog_fd >= 0)
		err |= bpf_prog_get_info_by_fd(prog_fd, &pi, &len);
	len = sizeof(mi);
	err |= bpf_map_get_info_by_fd(map_fd, &mi, &len);
	len = sizeof(li);
	if (link_fd >= 0)
		err |= bpf_link_get_info_by_fd(link_fd, &li, &len);
	/* the link's id is listed, and opens back to a link fd */
	for (id = 0; link_fd >= 0 && !err && !found;) {
		if (bpf_link_get_next_id(id, &id) != 0)
			break;
		found = id == li.id;
	}
	fd = found ? bpf_link_get_fd_by_id(li.id) : -1;
	if (fd >= 0) {
		__u32 l2 = sizeof(li2);

		__builtin_memset(&li2, 0, sizeof(li2));
		err |= bpf_obj_get_info_by_fd(fd, &li2, &l2);
		(void)bl_sys_close(fd);
	}
	if (link_fd >= 0)
		(void)bl_sys_close(link_fd);
	if (prog_fd >= 0)
		(void)bl_sys_close(prog_fd);
	(void)bl_sys_close(map_fd);
	T_ASSERT(prog_fd >= 3 && link_fd >= 3);
	T_ASSERT_EQ(err, 0);
	T_ASSERT_EQ(pi.type, BPF_PROG_TYPE_RAW_TRACEPOINT);
	T_ASSERT(pi.id > 0);
	T_ASSERT_EQ(pi.nr_map_ids, 1);
	T_ASSERT(bpflink_streq(pi.name, "kt_count"));
	T_ASSERT_EQ(mi.type, BPF_MAP_TYPE_ARRAY);
	T_ASSERT(mi.id > 0);
	T_ASSERT_EQ(mi.key_size, 4);
	T_ASSERT_EQ(mi.value_size, 8);
	T_ASSERT_EQ(mi.max_entries, 1);
	T_ASSERT(bpflink_streq(mi.name, "kt_count"));
	T_ASSERT_EQ(li.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	T_ASSERT_EQ(li.prog_id, pi.id);
	T_ASSERT(found);
	T_ASSERT(fd >= 3);
	T_ASSERT_EQ(li2.id, li.id); /* the same link, through its id */
	/* ids that do not exist (a closed object's id may linger a moment:
	 * the kernel releases links from a workqueue) */
	T_ASSERT_EQ(bpf_prog_get_fd_by_id(0xfffffff0U), -ENOENT);
	T_ASSERT_EQ(bpf_map_get_fd_by_id(0xfffffff0U), -ENOENT);
	T_ASSERT_EQ(bpf_link_get_fd_by_id(0xfffffff0U), -ENOENT);
}

static void test_prog_test_run_retval(void)
{
	struct bpf_insn ret42[] = {
		BPFLINK_MOV64_IMM(BPF_REG_0, 42),
		BPFLINK_EXIT_INSN(),
	};
	unsigned char pkt[64];
	int fd, err;

	KT_NEED_BPF();
	for (unsigned int i = 0; i < sizeof(pkt); i++)
		pkt[i] = 0;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "kt_ret42", "GPL", ret42,
			   2, NULL);
	T_ASSERT(fd >= 3);
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt,
			    .data_size_in = sizeof(pkt), .repeat = 3);
		err = bpf_prog_test_run_opts(fd, &opts);
		(void)bl_sys_close(fd);
		KT_SKIP_IF_EPERM(err, "BPF_PROG_TEST_RUN", (void)0);
		T_ASSERT_EQ(err, 0);
		T_ASSERT_EQ(opts.retval, 42);
	}
}

#define KT_PIN "/sys/fs/bpf/kt_bpf_basic_map"

static void test_obj_pin_get(void)
{
	struct bpf_map_info a, b;
	__u32 la = sizeof(a), lb = sizeof(b);
	int map_fd, fd, r;

	KT_NEED_BPF();
	/* a private mount namespace: the bpffs mount and the pin vanish
	 * with this process whatever happens */
	r = bl_sys_unshare(CLONE_NEWNS);
	KT_SKIP_IF_EPERM(r, "unshare(CLONE_NEWNS)", (void)0);
	T_ASSERT_EQ(r, 0);
	T_ASSERT_EQ(bl_sys_mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	T_ASSERT_EQ(bl_sys_mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL), 0);
	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_pin", 4, 4, 1, NULL);
	T_ASSERT(map_fd >= 3);
	r = bpf_obj_pin(map_fd, KT_PIN);
	fd = r == 0 ? bpf_obj_get(KT_PIN) : r;
	__builtin_memset(&a, 0, sizeof(a));
	__builtin_memset(&b, 0, sizeof(b));
	(void)bpf_map_get_info_by_fd(map_fd, &a, &la);
	if (fd >= 0)
		(void)bpf_map_get_info_by_fd(fd, &b, &lb);
	{
		int again = bpf_obj_pin(map_fd, KT_PIN);
		int unlinked = bl_sys_unlinkat(AT_FDCWD, KT_PIN, 0);
		int gone = bpf_obj_get(KT_PIN);

		if (fd >= 0)
			(void)bl_sys_close(fd);
		if (gone >= 0)
			(void)bl_sys_close(gone);
		(void)bl_sys_close(map_fd);
		(void)bl_sys_umount2("/sys/fs/bpf", 0);
		T_ASSERT_EQ(r, 0);
		T_ASSERT(fd >= 3 && fd != map_fd);
		T_ASSERT(a.id != 0);
		T_ASSERT_EQ(b.id, a.id); /* the same map through the pin */
		T_ASSERT_EQ(again, -EEXIST);
		T_ASSERT_EQ(unlinked, 0);
		T_ASSERT_EQ(gone, -ENOENT);
	}
	/* not on bpffs: the kernel refuses the pin */
	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_pin", 4, 4, 1, NULL);
	T_ASSERT(map_fd >= 3);
	r = bpf_obj_pin(map_fd, "/tmp/kt_bpf_basic_not_bpffs");
	(void)bl_sys_close(map_fd);
	T_ASSERT(r < 0);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	(void)envp;
	T_RUN(test_raw_tp_counts_getpid);
	T_RUN(test_hash_map_round_trip);
	T_RUN(test_array_map_errors);
	T_RUN(test_verifier_log_reaches_caller);
	T_RUN(test_info_by_fd_and_ids);
	T_RUN(test_prog_test_run_retval);
	T_RUN(test_obj_pin_get); /* last: it moves to its own mount ns */
	return T_EXIT_CODE();
}

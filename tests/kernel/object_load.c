/* The object loader against the running kernel, on the objects that
 * tests/bpf/bpf.mk builds (found next to this binary: ../bpf/):
 * - obj_basic: opened from a file, 3 programs loaded, closed, no fd left;
 * - obj_maps: .rodata's target_pid set before load, every auto-attach
 *   program attached by bpf_object__attach (raw_tp and tp; xdp skipped);
 *   a known number of getppid() calls moves the .bss counter (read through
 *   the mmap'd map), the array map (through a .text subprogram) and the
 *   hash map (through a global one) by exactly that number; .data written
 *   from user space switches the watched system call; after detach the
 *   counters stop;
 * - legacy "maps" and .rodata.str1.1 load; CO-RE is refused, nothing made;
 * - a map pinned by path in a private bpffs, reused by a second object;
 * - a verifier rejection lands in the caller's log buffer, no fd left.
 * tracefs and bpffs are mounted in a private mount namespace. Unprivileged:
 * SKIPPED. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "t.h"
#include "exe.h"
#include "fds.h"
#include "kt.h"
#include "bpflink.h"

#define TRACEFS "/sys/kernel/tracing"
#define PINDIR "/sys/fs/bpf"

static int tracefs_ok, bpffs_ok;
static char objdir[512];

static const char *obj_path(const char *name)
{
	static char p[700];

	snprintf(p, sizeof(p), "%s/../bpf/%s.bpf.o", objdir, name);
	return p;
}

static unsigned long long arr_get(struct bpf_map *m, uint32_t k)
{
	uint64_t v = 0;

	if (bpf_map__lookup_elem(m, &k, 4, &v, 8, 0))
		return ~0ull;
	return v;
}

static unsigned long long hash_get(struct bpf_map *m, uint32_t k)
{
	uint64_t v = 0;

	if (bpf_map__lookup_elem(m, &k, 4, &v, 8, 0))
		return 0;
	return v;
}

static void test_basic_from_file(void)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	int fds0 = t_open_fds(), n = 0;

	KT_NEED_BPF();
	obj = bpf_object__open_file(obj_path("obj_basic"), NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT(strcmp(bpf_object__name(obj), "obj_basic") == 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	bpf_object__for_each_program(p, obj) {
		T_ASSERT(bpf_program__fd(p) >= 3);
		n++;
	}
	T_ASSERT_EQ(n, 3);
	T_ASSERT_EQ(t_open_fds(), fds0 + 3 + 1); /* programs, the BTF */
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_global_data_and_attach(void)
{
	struct bpf_object *obj;
	struct bpf_map *counters, *by_nr, *ro, *data, *bss;
	uint64_t *bssv;
	int *datav;
	const int *rov;
	size_t sz = 0;
	int fds0 = t_open_fds(), ro_init[1];
	const int N = 50, M = 20;

	KT_NEED_BPF();
	if (!tracefs_ok)
		T_SKIP("tracefs not mounted (not root or no private mount namespace)");
	obj = bpf_object__open_file(obj_path("obj_maps"), NULL);
	T_ASSERT(obj != NULL);
	counters = bpf_object__find_map_by_name(obj, "counters");
	by_nr = bpf_object__find_map_by_name(obj, "by_nr");
	ro = bpf_object__find_map_by_name(obj, ".rodata");
	data = bpf_object__find_map_by_name(obj, ".data");
	bss = bpf_object__find_map_by_name(obj, ".bss");
	T_ASSERT(counters && by_nr && ro && data && bss);
	ro_init[0] = getpid(); /* target_pid, the only .rodata variable */
	T_ASSERT_EQ(bpf_map__set_initial_value(ro, ro_init, sizeof(ro_init)), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(bpf_object__attach(obj), 0);
	T_ASSERT(bpflink_program_link(bpf_object__find_program_by_name(obj, "count_enter")));
	T_ASSERT(bpflink_program_link(bpf_object__find_program_by_name(obj, "tp_getppid")));
	T_ASSERT(!bpflink_program_link(bpf_object__find_program_by_name(obj, "xdp_pass")));

	bssv = bpf_map__initial_value(bss, &sz);
	T_ASSERT(bssv != NULL && sz == 16);
	datav = bpf_map__initial_value(data, &sz);
	T_ASSERT(datav != NULL && *datav == 110);
	rov = bpf_map__initial_value(ro, &sz);
	T_ASSERT(rov != NULL && *rov == getpid());

	for (int i = 0; i < N; i++)
		syscall(SYS_getppid);
	T_ASSERT_EQ(bssv[0], N);         /* bss_hits */
	T_ASSERT_EQ(bssv[1], N);         /* tp_hits */
	T_ASSERT_EQ(arr_get(counters, 0), N);
	T_ASSERT_EQ(arr_get(counters, 1), N);
	T_ASSERT_EQ(hash_get(by_nr, SYS_getppid), N);

	/* .data written from user space: watch getpid instead */
	*datav = SYS_getpid;
	for (int i = 0; i < M; i++) {
		syscall(SYS_getpid);
		syscall(SYS_getppid);
	}
	T_ASSERT_EQ(bssv[0], N + M);
	T_ASSERT_EQ(hash_get(by_nr, SYS_getpid), M);
	T_ASSERT_EQ(hash_get(by_nr, SYS_getppid), N);
	T_ASSERT_EQ(bssv[1], N + M); /* the tracepoint still sees getppid */

	/* user space writes an element, reads it back */
	{
		uint32_t k = 2;
		uint64_t v = 77;

		T_ASSERT_EQ(bpf_map__update_elem(counters, &k, 4, &v, 8, 0), 0);
		T_ASSERT_EQ(arr_get(counters, 2), 77);
		T_ASSERT_EQ(bpf_map__update_elem(counters, &k, 3, &v, 8, 0), -EINVAL);
	}

	bpf_object__detach(obj);
	for (int i = 0; i < N; i++) {
		syscall(SYS_getpid);
		syscall(SYS_getppid);
	}
	T_ASSERT_EQ(bssv[0], N + M);
	T_ASSERT_EQ(bssv[1], N + M);
	T_ASSERT_EQ(arr_get(counters, 0), N + M);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_legacy_maps(void)
{
	struct bpf_object *obj;
	struct bpf_map *arr;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	obj = bpf_object__open_file(obj_path("obj_legacy"), NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	arr = bpf_object__find_map_by_name(obj, "legacy_arr");
	T_ASSERT(arr && bpf_map__fd(arr) >= 3);
	T_ASSERT_EQ(arr_get(arr, 1), 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_core_refused(void)
{
	struct bpf_object *obj;
	int fds0 = t_open_fds();

	obj = bpf_object__open_file(obj_path("obj_core"), NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), -EOPNOTSUPP);
	T_ASSERT(strstr(bpflink_object_diag(), "CO-RE") != NULL);
	T_ASSERT_EQ(t_open_fds(), fds0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static unsigned map_id(int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(fd, &info, &len))
		return 0;
	return info.id;
}

static void test_pin_and_reuse(void)
{
	struct bpf_object *a, *b;
	struct bpf_map *ma, *mb;
	const char *path = PINDIR "/bpflink_obj_counters";
	struct stat st;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	if (!bpffs_ok)
		T_SKIP("no private bpffs");
	a = bpf_object__open_file(obj_path("obj_maps"), NULL);
	b = bpf_object__open_file(obj_path("obj_maps"), NULL);
	T_ASSERT(a && b);
	ma = bpf_object__find_map_by_name(a, "counters");
	mb = bpf_object__find_map_by_name(b, "counters");
	T_ASSERT_EQ(bpf_map__set_pin_path(ma, path), 0);
	T_ASSERT_EQ(bpf_map__set_pin_path(mb, path), 0);
	T_ASSERT_EQ(bpf_object__load(a), 0);
	T_ASSERT(bpf_map__is_pinned(ma));
	T_ASSERT_EQ(stat(path, &st), 0);
	T_ASSERT_EQ(bpf_object__load(b), 0);
	T_ASSERT(!bpf_map__is_pinned(mb)); /* reused, not pinned by b */
	T_ASSERT(map_id(bpf_map__fd(ma)) != 0);
	T_ASSERT_EQ(map_id(bpf_map__fd(ma)), map_id(bpf_map__fd(mb)));
	T_ASSERT_EQ(bpf_map__unpin(ma, NULL), 0);
	T_ASSERT(stat(path, &st) != 0);
	bpf_object__close(a);
	bpf_object__close(b);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_verifier_log(void)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	static char log[4096];
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	obj = bpf_object__open_file(obj_path("obj_maps"), NULL);
	T_ASSERT(obj != NULL);
	/* count_enter reads ctx->id: invalid for a socket filter's ctx */
	p = bpf_object__find_program_by_name(obj, "count_enter");
	T_ASSERT_EQ(bpf_program__set_type(p, BPF_PROG_TYPE_SOCKET_FILTER), 0);
	T_ASSERT_EQ(bpf_program__set_log_buf(p, log, sizeof(log)), 0);
	T_ASSERT(bpf_object__load(obj) < 0);
	T_ASSERT(log[0] != '\0');
	T_ASSERT(strstr(bpflink_object_diag(), "count_enter") != NULL);
	T_ASSERT_EQ(t_open_fds(), fds0); /* maps made before were closed */
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void setup_ns(void)
{
	(void)t_exe_dir(objdir, sizeof(objdir));
	if (geteuid() != 0 || unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return;
	if (access(TRACEFS "/events", F_OK) == 0 ||
	    mount("nodev", TRACEFS, "tracefs", 0, NULL) == 0)
		tracefs_ok = 1;
	if (mount("bpf", PINDIR, "bpf", 0, NULL) == 0)
		bpffs_ok = 1;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setup_ns();
	T_RUN(test_basic_from_file);
	T_RUN(test_global_data_and_attach);
	T_RUN(test_legacy_maps);
	T_RUN(test_core_refused);
	T_RUN(test_pin_and_reuse);
	T_RUN(test_verifier_log);
	if (bpffs_ok)
		umount(PINDIR);
	return T_EXIT_CODE();
}

/* The bpf_link core against the real kernel: raw-tracepoint links counted
 * firing and silent after destroy; the classic double close; a pinned link
 * outliving the process that pinned it, reopened by another, unpinned and
 * destroyed until its id is gone; non-links refused by bpf_link__open; and
 * bpftool agreeing both ways. bpffs is mounted in a private mount
 * namespace of this process; every pin, fd and directory is removed. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpflink.h"
#include "kt.h"
#include "t.h"

static char g_dir[64];  /* private bpffs mount point, "" if none */
static int g_pid;

static void poke(int n)
{
	for (int i = 0; i < n; i++)
		(void)syscall(SYS_getpid);
}

/* A counter map and a program counting this process's getpid calls. */
static int setup(int *map, int *prog)
{
	*map = kt_counter_map();
	if (*map < 0)
		return *map;
	*prog = kt_counter_load(*map, g_pid, __NR_getpid, NULL, 0);
	if (*prog < 0) {
		close(*map);
		return *prog;
	}
	return 0;
}

#define NEED_SETUP(map, prog)                                                \
	do {                                                                 \
		int e_;                                                      \
		KT_NEED_BPF();                                               \
		e_ = setup(&(map), &(prog));                                 \
		KT_SKIP_IF_EPERM(e_, "loading a raw_tracepoint program", );  \
		T_ASSERT_EQ(e_, 0);                                          \
	} while (0)

static void test_raw_tp_fires_then_silent(void)
{
	struct bpflink_pool_stats before, after;
	struct bpf_link *l;
	long long c1, c2;
	int map, prog;

	NEED_SETUP(map, prog);
	bpflink_link_pool_stats(&before);
	l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);
	T_ASSERT(l != NULL);
	poke(10);
	c1 = kt_counter_read(map);
	T_ASSERT(c1 >= 10);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	poke(10);
	c2 = kt_counter_read(map);
	T_ASSERT_EQ(c2, c1);
	bpflink_link_pool_stats(&after);
	T_ASSERT_EQ(after.in_use, before.in_use);
	close(prog);
	close(map);
}

static void test_double_close(void)
{
	struct bpf_link *l;
	int map, prog, fd, other;

	NEED_SETUP(map, prog);
	l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);
	T_ASSERT(l != NULL);
	fd = bpf_link__fd(l);
	T_ASSERT(fd >= 3);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	other = open("/dev/null", O_RDONLY | O_CLOEXEC);
	T_ASSERT_EQ(other, fd); /* the number came back */
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT(fcntl(other, F_GETFD) >= 0); /* still open */
	close(other);
	close(prog);
	close(map);
}

static void test_pinned_link_outlives_process(void)
{
	char path[128];
	struct bpflink_link_info info;

	long long c1, c2;
	int map, prog, st, fd, p[2];
	uint32_t id = 0;
	pid_t child;

	if (!g_dir[0])
		T_SKIP("no private bpffs (mount namespace refused)");
	NEED_SETUP(map, prog);
	snprintf(path, sizeof(path), "%s/sub/link", g_dir);
	/* a child attaches, pins (creating sub/), and exits */
	child = fork();
	if (child == 0) {
		struct bpf_link *cl = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);

		_exit(cl && bpf_link__pin(cl, path) == 0 ? 0 : 1);
	}
	T_ASSERT(child > 0 && waitpid(child, &st, 0) == child);
	T_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	c1 = kt_counter_read(map);
	poke(10);
	T_ASSERT(kt_counter_read(map) >= c1 + 10); /* still attached */
	/* a new process opens it, unpins, destroys, and reports its id */
	T_ASSERT(pipe(p) == 0);
	child = fork();
	if (child == 0) {
		struct bpf_link *ol = bpf_link__open(path);

		if (!ol || bpflink_link_get_info(ol, &info) != 0 ||
		    info.type != BPF_LINK_TYPE_RAW_TRACEPOINT ||
		    strcmp(bpf_link__pin_path(ol), path) != 0)
			_exit(2);
		if (write(p[1], &info.id, sizeof(info.id)) != sizeof(info.id))
			_exit(3);
		if (bpf_link__unpin(ol) != 0 || bpf_link__destroy(ol) != 0)
			_exit(4);
		_exit(0);
	}
	close(p[1]);
	T_ASSERT(child > 0 && waitpid(child, &st, 0) == child);
	T_ASSERT(read(p[0], &id, sizeof(id)) == sizeof(id));
	close(p[0]);
	T_ASSERT_EQ(WEXITSTATUS(st), 0);
	T_ASSERT(access(path, F_OK) != 0); /* unpinned */
	fd = bpf_link_get_fd_by_id(id);
	T_ASSERT(fd < 0); /* the link is gone */
	c1 = kt_counter_read(map);
	poke(10);
	c2 = kt_counter_read(map);
	T_ASSERT_EQ(c2, c1);
	snprintf(path, sizeof(path), "%s/sub", g_dir);
	rmdir(path);
	close(prog);
	close(map);
}

static void test_open_refuses_non_links(void)
{
	char path[128];
	int map, prog;

	if (!g_dir[0])
		T_SKIP("no private bpffs (mount namespace refused)");
	NEED_SETUP(map, prog);
	snprintf(path, sizeof(path), "%s/map", g_dir);
	T_ASSERT_EQ(bpf_obj_pin(map, path), 0);
	T_ASSERT(bpf_link__open(path) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	unlink(path);
	snprintf(path, sizeof(path), "%s/prog", g_dir);
	T_ASSERT_EQ(bpf_obj_pin(prog, path), 0);
	T_ASSERT(bpf_link__open(path) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	unlink(path);
	/* outside bpffs: refused, nothing created */
	{
		struct bpf_link *l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);
		char tmp[96];

		T_ASSERT(l != NULL);
		snprintf(tmp, sizeof(tmp), "/tmp/bpflink-nopin-%d/x", g_pid);
		T_ASSERT_EQ(bpf_link__pin(l, tmp), -EINVAL);
		tmp[strlen(tmp) - 2] = '\0';
		T_ASSERT(access(tmp, F_OK) != 0);
		T_ASSERT_EQ(bpf_link__destroy(l), 0);
	}
	close(prog);
	close(map);
}

static int run_cmd(const char *cmd, char *out, size_t cap)
{
	FILE *f = popen(cmd, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(out, 1, cap - 1, f);
	out[n] = '\0';
	return pclose(f);
}

static void test_bpftool(void)
{
	char path[128], path2[128], cmd[512], out[4096];
	struct bpflink_link_info info, info2;
	struct bpf_link *l, *o;
	int map, prog;

	if (!g_dir[0])
		T_SKIP("no private bpffs (mount namespace refused)");
	if (access("/usr/sbin/bpftool", X_OK) != 0)
		T_SKIP("bpftool not installed (Debian package bpftool)");
	NEED_SETUP(map, prog);
	l = bpflink_attach_raw_tracepoint(prog, "sys_enter", 0);
	T_ASSERT(l != NULL);
	snprintf(path, sizeof(path), "%s/bt", g_dir);
	T_ASSERT_EQ(bpf_link__pin(l, path), 0);
	snprintf(cmd, sizeof(cmd), "/usr/sbin/bpftool link show pinned %s 2>&1", path);
	T_ASSERT_EQ(run_cmd(cmd, out, sizeof(out)), 0);
	T_ASSERT(strstr(out, "raw_tracepoint") != NULL);
	T_ASSERT_EQ(bpflink_link_get_info(l, &info), 0);
	snprintf(path2, sizeof(path2), "%s/bt2", g_dir);
	snprintf(cmd, sizeof(cmd), "/usr/sbin/bpftool link pin id %u %s 2>&1",
		 info.id, path2);
	T_ASSERT_EQ(run_cmd(cmd, out, sizeof(out)), 0);
	o = bpf_link__open(path2);
	T_ASSERT(o != NULL);
	T_ASSERT_EQ(bpflink_link_get_info(o, &info2), 0);
	T_ASSERT_EQ(info2.id, info.id);
	T_ASSERT_EQ(info2.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	T_ASSERT_EQ(bpf_link__unpin(o), 0);
	T_ASSERT_EQ(bpf_link__destroy(o), 0);
	T_ASSERT_EQ(bpf_link__unpin(l), 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	close(prog);
	close(map);
}

/* A private mount namespace with bpffs on a fresh directory. */
static void private_bpffs(void)
{
	snprintf(g_dir, sizeof(g_dir), "/tmp/bpflink-lc-XXXXXX");
	if (!mkdtemp(g_dir)) {
		g_dir[0] = '\0';
		return;
	}
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("bpf", g_dir, "bpf", 0, NULL) != 0) {
		rmdir(g_dir);
		g_dir[0] = '\0';
	}
}

int main(void)
{
	char dir[64];

	g_pid = getpid();
	private_bpffs();
	T_RUN(test_raw_tp_fires_then_silent);
	T_RUN(test_double_close);
	T_RUN(test_pinned_link_outlives_process);
	T_RUN(test_open_refuses_non_links);
	T_RUN(test_bpftool);
	if (g_dir[0]) {
		memcpy(dir, g_dir, sizeof(dir));
		(void)umount2(dir, MNT_DETACH);
		(void)rmdir(dir);
	}
	return T_EXIT_CODE();
}

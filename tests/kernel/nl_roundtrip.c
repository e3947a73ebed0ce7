/* Runtime and syscall-seam round trips, built with no libc, with musl and
 * with glibc, and cross-built for aarch64 (run under qemu-user): argc/argv/
 * envp, write/openat/read/pread64/close/unlinkat, fds >= 3 and close-on-exec
 * even with fd 0 closed, -errno results, the mem* functions, number output. */
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/fcntl.h>

#include "bpflink_rt.h"
#include "sys.h"
#include "t.h"

static int g_argc;
static char **g_argv;

static void test_args_env(void)
{
	T_ASSERT(g_argc >= 1);
	T_ASSERT(g_argv[0] != NULL && bpflink_strlen(g_argv[0]) > 0);
	T_ASSERT(g_argv[g_argc] == NULL);
	T_ASSERT(bpflink_getenv("BPFLINK_RT_PROBE") != NULL);
	T_ASSERT(bpflink_streq(bpflink_getenv("BPFLINK_RT_PROBE"), "x=1"));
	T_ASSERT(bpflink_getenv("BPFLINK_RT_NOPE") == NULL);
}

static void tmp_name(char *buf, size_t cap)
{
	static const char pre[] = "/tmp/bpflink-rt-";
	size_t n = sizeof(pre) - 1;

	for (size_t i = 0; i < n; i++)
		buf[i] = pre[i];
	bpflink_fmt_u64(buf + n, cap - n, (uint64_t)bl_sys_getpid());
}

static void test_file_round_trip(void)
{
	char path[64], buf[16];
	int fd, flags;
	long r;

	tmp_name(path, sizeof(path));
	fd = bl_sys_openat(AT_FDCWD, path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	T_ASSERT(fd >= 3);
	flags = bl_sys_fcntl(fd, F_GETFD, 0);
	T_ASSERT(flags >= 0 && (flags & FD_CLOEXEC));
	T_ASSERT_EQ(bl_sys_write(fd, "bpflink!", 8), 8);
	T_ASSERT_EQ(bl_sys_pread64(fd, buf, sizeof(buf), 3), 5);
	T_ASSERT(buf[0] == 'l' && buf[4] == '!');
	T_ASSERT_EQ(bl_sys_close(fd), 0);
	T_ASSERT_EQ(bl_sys_close(fd), -EBADF);
	fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY, 0);
	T_ASSERT(fd >= 3);
	r = bl_sys_read(fd, buf, sizeof(buf));
	T_ASSERT_EQ(r, 8);
	T_ASSERT(memcmp(buf, "bpflink!", 8) == 0);
	T_ASSERT_EQ(bl_sys_read(fd, buf, sizeof(buf)), 0);
	T_ASSERT_EQ(bl_sys_close(fd), 0);
	T_ASSERT_EQ(bl_sys_unlinkat(AT_FDCWD, path, 0), 0);
	T_ASSERT_EQ(bl_sys_openat(AT_FDCWD, path, O_RDONLY, 0), -ENOENT);
}

static void test_fd_above_2_with_stdin_closed(void)
{
	int keep = bl_sys_fcntl(0, F_DUPFD_CLOEXEC, 3);
	int fd, again;

	/* stdin may already be closed (CI has no stdin); either way fd 0 is
	 * free after this, and a new fd must not take it. */
	(void)bl_sys_close(0);
	fd = bl_sys_openat(AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0);
	again = bl_sys_fcntl(0, F_GETFD, 0);
	if (keep >= 0) {
		(void)bl_sys_fcntl(keep, F_DUPFD, 0); /* restore stdin as fd 0 */
		(void)bl_sys_close(keep);
	}
	T_ASSERT(fd >= 3);
	T_ASSERT_EQ(again, -EBADF); /* the low number was given back */
	T_ASSERT(bl_sys_fcntl(fd, F_GETFD, 0) & FD_CLOEXEC);
	T_ASSERT_EQ(bl_sys_close(fd), 0);
}

static void test_mem_functions(void)
{
	char a[32], b[32];

	memset(a, 'x', sizeof(a));
	T_ASSERT(a[0] == 'x' && a[31] == 'x');
	for (int i = 0; i < 32; i++)
		a[i] = (char)i;
	memcpy(b, a, sizeof(a));
	T_ASSERT(memcmp(a, b, sizeof(a)) == 0);
	memmove(a + 1, a, 8); /* overlapping, forwards */
	T_ASSERT(a[1] == 0 && a[8] == 7 && a[9] == 9);
	memmove(b, b + 1, 8); /* overlapping, backwards */
	T_ASSERT(b[0] == 1 && b[7] == 8 && b[8] == 8);
	T_ASSERT(memcmp("abc", "abd", 3) < 0);
}

static void test_numbers(void)
{
	char b[24];
	uint64_t v;

	T_ASSERT_EQ(bpflink_fmt_u64(b, sizeof(b), 18446744073709551615ULL), 20);
	T_ASSERT(bpflink_streq(b, "18446744073709551615"));
	T_ASSERT_EQ(bpflink_fmt_hex(b, sizeof(b), 0xbeefULL), 6);
	T_ASSERT(bpflink_streq(b, "0xbeef"));
	T_ASSERT_EQ(bpflink_fmt_u64(b, 3, 12345), 2); /* truncated, terminated */
	T_ASSERT(bpflink_streq(b, "12"));
	T_ASSERT_EQ(bpflink_parse_u64("4096", &v), 0);
	T_ASSERT_EQ(v, 4096);
	T_ASSERT_EQ(bpflink_parse_u64("18446744073709551616", &v), -ERANGE);
	T_ASSERT_EQ(bpflink_parse_u64("12a", &v), -EINVAL);
	T_ASSERT_EQ(bpflink_parse_u64("", &v), -EINVAL);
}

static void test_errno_values(void)
{
	T_ASSERT_EQ(bl_sys_close(-1), -EBADF);
	T_ASSERT_EQ(bl_sys_openat(AT_FDCWD, "/nonexistent/x", O_RDONLY, 0), -ENOENT);
	T_ASSERT(bl_sys_getpid() > 0);
}

int main(int argc, char **argv, char **envp)
{
	(void)envp;
	g_argc = argc;
	g_argv = argv;
	if (bpflink_environ == NULL)
		bpflink_environ = envp; /* with a libc, main gets envp */
	T_RUN(test_args_env);
	T_RUN(test_file_round_trip);
	T_RUN(test_fd_above_2_with_stdin_closed);
	T_RUN(test_mem_functions);
	T_RUN(test_numbers);
	T_RUN(test_errno_values);
	return T_EXIT_CODE();
}

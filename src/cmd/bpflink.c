/* bpflink: load, attach and pin BPF objects; list, show, detach, pin and
 * unpin links; dump pinned maps. A static program with no C library (the
 * project's runtime), meant for initramfs /init scripts and for /init
 * itself. See `bpflink --help` and cmd.h for the layout.
 *
 * This file: main, the global options (-j, --help, --version), the list of
 * commands separated by "," arguments and the final exec or power-off of an
 * initramfs /init, dispatch by a switch on the parsed subcommand, output
 * (buffered, to fd 1 and 2, or to /dev/console when those are closed),
 * error lines, paths and mounts.
 */
#include <asm/statfs.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/reboot.h>

#include "bpf/bpf.h"
#include "bpflink_rt.h"
#include "cmd.h"
#include "sys.h"

#define BPFLINK_VERSION "0.1"
#define OUT_CAP 4096U

enum cmd_id {
	CMD_NONE = 0,
	CMD_LOAD,
	CMD_LINK,
	CMD_UNPIN,
	CMD_MAP,
	CMD_HELP,
	CMD_VERSION
};

static int g_out_fd = 1;
static int g_err_fd = 2;
static char g_obuf[OUT_CAP];
static size_t g_olen;

static void out_flush(void)
{
	if (g_olen > 0U) {
		(void)bpflink_out_mem(g_out_fd, g_obuf, g_olen);
		g_olen = 0U;
	}
}

void out_c(char c)
{
	if (g_olen >= OUT_CAP) {
		out_flush();
	}
	g_obuf[g_olen] = c;
	g_olen++;
}

void out_s(const char *s)
{
	if (s != NULL) {
		size_t i = 0U;

		while (s[i] != '\0') {
			out_c(s[i]);
			i++;
		}
	}
}

void out_u(uint64_t v)
{
	char b[24];
	size_t n = bpflink_fmt_u64(b, sizeof(b), v);

	if (n < sizeof(b)) {
		out_s(b);
	}
}

void out_js(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0U;

	out_c('"');
	while ((s != NULL) && (s[i] != '\0')) {
		unsigned char c = (unsigned char)s[i];

		if ((c == (unsigned char)'"') || (c == (unsigned char)'\\')) {
			out_c('\\');
			out_c(s[i]);
		} else if (c < 0x20U) {
			out_s("\\u00");
			out_c(hex[(c >> 4U) & 0xfU]);
			out_c(hex[c & 0xfU]);
		} else {
			out_c(s[i]);
		}
		i++;
	}
	out_c('"');
}

void err_s(const char *s)
{
	out_flush();
	(void)bpflink_out_str(g_err_fd, s);
}

const char *cmd_errname(int err)
{
	const char *s;

	switch (-err) {
	case EPERM: s = "EPERM (needs root: CAP_BPF, CAP_SYS_ADMIN)"; break;
	case ENOENT: s = "ENOENT (no such file, link or map)"; break;
	case EACCES: s = "EACCES"; break;
	case EINVAL: s = "EINVAL (invalid argument)"; break;
	case EEXIST: s = "EEXIST (already exists)"; break;
	case ENOTDIR: s = "ENOTDIR"; break;
	case EISDIR: s = "EISDIR"; break;
	case ENOMEM: s = "ENOMEM"; break;
	case E2BIG: s = "E2BIG (too big)"; break;
	case EBADF: s = "EBADF"; break;
	case EBUSY: s = "EBUSY"; break;
	case ENODEV: s = "ENODEV (no such device)"; break;
	case ENOSPC: s = "ENOSPC (a pool is full)"; break;
	case ENOEXEC: s = "ENOEXEC (not a BPF ELF object)"; break;
	case EOPNOTSUPP: s = "EOPNOTSUPP (not supported)"; break;
	case ENAMETOOLONG: s = "ENAMETOOLONG"; break;
	case ENOTEMPTY: s = "ENOTEMPTY"; break;
	case EXDEV: s = "EXDEV (not on bpffs)"; break;
	case ESRCH: s = "ESRCH"; break;
	default: s = "error"; break;
	}
	return s;
}

int cmd_fail(const char *cmd, const char *what, const char *arg, int err)
{
	char b[24];
	size_t n = bpflink_fmt_u64(b, sizeof(b), (uint64_t)(-(int64_t)err));

	err_s("bpflink: ");
	err_s(cmd);
	err_s(": ");
	err_s(what);
	if (arg != NULL) {
		err_s(" ");
		err_s(arg);
	}
	err_s(": ");
	err_s(cmd_errname(err));
	err_s(" (-");
	if (n < sizeof(b)) {
		err_s(b);
	}
	err_s(")\n");
	return CMD_FAIL;
}

int cmd_usage_err(const char *cmd, const char *what, const char *arg)
{
	err_s("bpflink: ");
	if (!cmd_streq(cmd, "bpflink")) {
		err_s(cmd);
		err_s(": ");
	}
	err_s(what);
	if (arg != NULL) {
		err_s(" ");
		err_s(arg);
	}
	if (cmd_streq(cmd, "bpflink")) {
		err_s(" (see bpflink --help)\n");
	} else {
		err_s(" (see bpflink ");
		err_s(cmd);
		err_s(" --help)\n");
	}
	return CMD_USAGE;
}

bool cmd_streq(const char *a, const char *b)
{
	return bpflink_streq(a, b) != 0;
}

bool cmd_is_help(const char *s)
{
	return cmd_streq(s, "--help") || cmd_streq(s, "-h") ||
	       cmd_streq(s, "help");
}

int cmd_join(char *buf, size_t cap, const char *a, const char *b)
{
	size_t n = 0U;
	size_t i = 0U;
	int r = 0;

	while ((a[i] != '\0') && (n < cap)) {
		buf[n] = a[i];
		n++;
		i++;
	}
	if ((b[0] != '\0') && (n > 0U) && (n < cap) &&
	    (buf[n - 1U] != '/')) {
		buf[n] = '/';
		n++;
	}
	i = 0U;
	while ((b[i] != '\0') && (n < cap)) {
		buf[n] = b[i];
		n++;
		i++;
	}
	if (n >= cap) {
		r = -ENAMETOOLONG;
		buf[0] = '\0';
	} else {
		buf[n] = '\0';
	}
	return r;
}

bool cmd_below(const char *path, const char *dir)
{
	size_t i = 0U;
	bool below;

	while ((dir[i] != '\0') && (path[i] == dir[i])) {
		i++;
	}
	if (dir[i] != '\0') {
		below = false;
	} else {
		below = (path[i] == '\0') || (path[i] == '/');
	}
	return below;
}

int cmd_fs_magic(const char *path, uint64_t *magic)
{
	struct statfs st;
	int r;

	st.f_type = 0;
	r = bl_sys_statfs(path, &st);
	if (r == 0) {
		*magic = (uint64_t)st.f_type;
	}
	return r;
}

/* Mount FSTYPE on DIR (made when missing) and say so. */
static int mount_at(const char *dir, const char *fstype)
{
	int r = bl_sys_mkdirat(AT_FDCWD, dir, 0755U);

	if ((r == 0) || (r == -EEXIST)) {
		r = bl_sys_mount(fstype, dir, fstype, 0UL, NULL);
	}
	if (r == 0) {
		out_s("bpflink: mounted ");
		out_s(fstype);
		out_s(" on ");
		out_s(dir);
		out_c('\n');
	}
	return r;
}

int cmd_ensure_mount(const char *dir, const char *fstype, uint64_t magic)
{
	uint64_t m = 0U;
	int r = cmd_fs_magic(dir, &m);

	if ((r == 0) && (m == magic)) {
		return 0;
	}
	if (cmd_below(dir, "/sys")) {
		r = cmd_fs_magic("/sys", &m);
		if ((r != 0) || (m != (uint64_t)CMD_SYSFS_MAGIC)) {
			r = mount_at("/sys", "sysfs");
			if (r != 0) {
				return r;
			}
		}
	}
	return mount_at(dir, fstype);
}

int cmd_open_link(const char *spec)
{
	uint64_t id = 0U;
	int fd;

	if (bpflink_parse_u64(spec, &id) == 0) {
		if (id > 0xffffffffULL) {
			fd = -ENOENT;
		} else {
			fd = bpf_link_get_fd_by_id((uint32_t)id);
		}
	} else {
		fd = bpf_obj_get(spec);
	}
	return fd;
}

/* With fds 1 and 2 closed (an initramfs /init), write to /dev/console,
 * mounting devtmpfs on /dev first when there is none. */
static void setup_output(void)
{
	int fd;

	if ((bl_sys_fcntl(1, F_GETFD, 0L) >= 0) &&
	    (bl_sys_fcntl(2, F_GETFD, 0L) >= 0)) {
		return;
	}
	fd = bl_sys_openat(AT_FDCWD, "/dev/console", O_WRONLY | O_NOCTTY, 0U);
	if (fd < 0) {
		(void)bl_sys_mkdirat(AT_FDCWD, "/dev", 0755U);
		if (bl_sys_mount("devtmpfs", "/dev", "devtmpfs", 0UL, NULL) ==
		    0) {
			fd = bl_sys_openat(AT_FDCWD, "/dev/console",
					   O_WRONLY | O_NOCTTY, 0U);
			if (fd >= 0) {
				(void)bpflink_out_str(
					fd, "bpflink: fds 1 and 2 are closed: "
					    "mounted devtmpfs on /dev for "
					    "/dev/console\n");
			}
		}
	}
	if (fd >= 0) {
		if (bl_sys_fcntl(1, F_GETFD, 0L) < 0) {
			g_out_fd = fd;
		}
		if (bl_sys_fcntl(2, F_GETFD, 0L) < 0) {
			g_err_fd = fd;
		}
	}
}

static void usage(void)
{
	out_s("Usage: bpflink [-j] COMMAND [ARGS] [, COMMAND [ARGS]]... "
	      "[, exec PATH [ARGS]]\n"
	      "  load OBJ.o [--pin DIR] [--prog NAME]... [--map-pin DIR]\n"
	      "             [--cgroup PATH] [--dev IFNAME]\n"
	      "                       load an object, attach its programs, "
	      "pin the links\n"
	      "  link list            every link on the system\n"
	      "  link show ID|PATH    one link\n"
	      "  link detach ID|PATH  detach a link (its pin stays, "
	      "defunct)\n"
	      "  link pin ID PATH     pin a link on bpffs\n"
	      "  unpin PATH|DIR       remove a pin, or a directory of pins\n"
	      "  map dump PATH        the entries of a pinned map\n"
	      "  exec PATH [ARGS]     last: execve PATH with every argument "
	      "after it (commas too)\n"
	      "Commands separated by a lone \",\" argument run in order; the "
	      "first failure skips\n"
	      "the rest but not a final exec. As PID 1 (an initramfs /init, "
	      "the kernel's\n"
	      "arguments after \"--\"), it then execs the given program with "
	      "fds 0-2 on\n"
	      "/dev/console, or syncs and powers the machine off: it never "
	      "returns.\n"
	      "  e.g. linux ... -- load /x.bpf.o --pin /sys/fs/bpf/x , "
	      "exec /sbin/init\n"
	      "  (the kernel hands init at most 31 arguments)\n"
	      "Options: -j JSON output, --help (also after a command), "
	      "--version\n"
	      "Exit status: 0 done, 1 failed (one line on stderr), 2 usage "
	      "(of the first\n"
	      "failed command).\n");
}

static enum cmd_id parse_cmd(const char *s)
{
	enum cmd_id c = CMD_NONE;

	if (cmd_streq(s, "load")) {
		c = CMD_LOAD;
	} else if (cmd_streq(s, "link")) {
		c = CMD_LINK;
	} else if (cmd_streq(s, "unpin")) {
		c = CMD_UNPIN;
	} else if (cmd_streq(s, "map")) {
		c = CMD_MAP;
	} else if (cmd_is_help(s)) {
		c = CMD_HELP;
	} else if (cmd_streq(s, "--version") || cmd_streq(s, "-V")) {
		c = CMD_VERSION;
	} else {
		c = CMD_NONE;
	}
	return c;
}

static bool is_json_opt(const char *s)
{
	return cmd_streq(s, "-j") || cmd_streq(s, "--json");
}

/* One command and its arguments (ARGC of them, up to the next ","), after
 * -j options that apply to it alone. */
static int run_one(int argc, char *const *argv, bool json)
{
	struct cmd_args a;
	int i = 0;
	enum cmd_id c;
	int rc;

	a.json = json;
	while ((i < (argc - 1)) && is_json_opt(argv[i])) {
		a.json = true;
		i++;
	}
	c = parse_cmd(argv[i]);
	a.argc = argc - (i + 1);
	a.argv = &argv[i + 1];
	/* -j is accepted after the command's name too */
	if ((a.argc > 0) && is_json_opt(a.argv[0])) {
		a.json = true;
		a.argc--;
		a.argv = &argv[i + 2];
	}
	switch (c) {
	case CMD_LOAD:
		rc = cmd_load(&a);
		break;
	case CMD_LINK:
		rc = cmd_link(&a);
		break;
	case CMD_UNPIN:
		rc = cmd_unpin(&a);
		break;
	case CMD_MAP:
		rc = cmd_map(&a);
		break;
	case CMD_HELP:
		usage();
		rc = CMD_OK;
		break;
	case CMD_VERSION:
		if (a.json) {
			out_s("{\"version\":\"" BPFLINK_VERSION "\"}\n");
		} else {
			out_s("bpflink " BPFLINK_VERSION
			      " (no libc, libbpf-compatible links)\n");
		}
		rc = CMD_OK;
		break;
	case CMD_NONE:
	default:
		rc = cmd_usage_err("bpflink", "unknown command", argv[i]);
		break;
	}
	return rc;
}

/* Before handing over to another program: any of fds 0-2 that is closed
 * is opened on /dev/console (without close-on-exec: they are the new
 * program's standard streams), as the kernel does for its init. */
static void stdio_for_exec(void)
{
	int con = -1;
	int i;

	for (i = 0; i < 3; i++) {
		if (bl_sys_fcntl(i, F_GETFD, 0L) < 0) {
			if (con < 0) {
				con = bl_sys_openat(AT_FDCWD, "/dev/console",
						    O_RDWR | O_NOCTTY, 0U);
			}
			if (con >= 0) {
				(void)bl_sys_fcntl(con, F_DUPFD, (long)i);
			}
		}
	}
	if (con >= 0) {
		(void)bl_sys_close(con);
	}
}

/* The end of PID 1 without an exec: flush, sync, power off. */
static void power_off(void)
{
	int r;

	err_s("bpflink: PID 1 has nothing to exec: syncing and powering "
	      "off\n");
	bl_sys_sync();
	r = bl_sys_reboot(LINUX_REBOOT_CMD_POWER_OFF);
	/* only without CAP_SYS_BOOT; exiting then panics the kernel, which
	 * is all that is left to do */
	(void)cmd_fail("bpflink", "cannot power off", NULL, r);
}

static int run_exec(int argc, char *const *argv, char *const *envp,
		    int status)
{
	int r;

	if ((argc < 2) || (argv[1][0] == '\0')) {
		return cmd_usage_err("bpflink", "exec: missing PATH", NULL);
	}
	if (cmd_is_help(argv[1])) {
		usage();
		return CMD_OK;
	}
	if (status != CMD_OK) {
		err_s("bpflink: exec ");
		err_s(argv[1]);
		err_s(" after a failed command\n");
	}
	out_flush();
	stdio_for_exec();
	r = bl_sys_execve(argv[1], &argv[1], envp);
	return cmd_fail("exec", "cannot execute", argv[1], r);
}

/* Run the commands of ARGV (ARGC arguments, separated by "," arguments)
 * in order until one fails; then a final "exec PATH ARGS..." (which takes
 * every argument after it). Returns the status of the first failure, or
 * CMD_OK; does not return when the exec succeeds. */
static int run_list(int argc, char *const *argv, char *const *envp,
		    bool json)
{
	int start = 0;
	int rc = CMD_OK;

	while (start < argc) {
		int end = start;

		if (cmd_streq(argv[start], "exec")) {
			return run_exec(argc - start, &argv[start], envp, rc);
		}
		while ((end < argc) && !cmd_streq(argv[end], ",")) {
			end++;
		}
		if (rc != CMD_OK) {
			err_s("bpflink: skipped after a failure: ");
			err_s((end > start) ? argv[start] : "(empty)");
			err_s("\n");
		} else if (end == start) {
			rc = cmd_usage_err("bpflink", "empty command before",
					   ",");
		} else {
			rc = run_one(end - start, &argv[start], json);
		}
		start = end + 1;
	}
	if ((argc > 0) && cmd_streq(argv[argc - 1], ",") && (rc == CMD_OK)) {
		rc = cmd_usage_err("bpflink", "nothing after the last", ",");
	}
	return rc;
}

int main(int argc, char **argv, char **envp)
{
	bool json = false;
	bool pid1 = (bl_sys_getpid() == 1);
	int i = 1;
	int rc;

	setup_output();
	if (pid1) {
		out_s("bpflink: running as PID 1\n");
	}
	while ((i < argc) && is_json_opt(argv[i])) {
		json = true;
		i++;
	}
	if (i >= argc) {
		usage();
		rc = CMD_USAGE;
	} else {
		rc = run_list(argc - i, &argv[i], envp, json);
	}
	out_flush();
	if (pid1) {
		power_off();
		out_flush();
	}
	return rc;
}

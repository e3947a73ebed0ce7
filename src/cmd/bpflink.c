/* bpflink: load, attach and pin BPF objects; list, show, detach, pin and
 * unpin links; dump pinned maps. A static program with no C library (the
 * project's runtime), meant for initramfs /init scripts and for /init
 * itself. See `bpflink --help` and cmd.h for the layout.
 *
 * This file: main, the global options (-j, --help, --version), dispatch by
 * a switch on the parsed subcommand, output (buffered, to fd 1 and 2, or
 * to /dev/console when those are closed), error lines, paths and mounts.
 */
#include <asm/statfs.h>
#include <linux/errno.h>
#include <linux/fcntl.h>

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
	err_s(cmd);
	err_s(": ");
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
	out_s("Usage: bpflink [-j] COMMAND [ARGS]\n"
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
	      "Options: -j JSON output, --help (also after a command), "
	      "--version\n"
	      "Exit status: 0 done, 1 failed (one line on stderr), 2 usage.\n");
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

static int run(int argc, char *const *argv)
{
	struct cmd_args a;
	int i = 1;
	int rc;
	enum cmd_id c;

	a.json = false;
	while ((i < argc) && (cmd_streq(argv[i], "-j") ||
			      cmd_streq(argv[i], "--json"))) {
		a.json = true;
		i++;
	}
	if (i >= argc) {
		usage();
		return CMD_USAGE;
	}
	c = parse_cmd(argv[i]);
	a.argc = argc - (i + 1);
	a.argv = &argv[i + 1];
	/* -j is accepted after the command's name too */
	if ((a.argc > 0) &&
	    (cmd_streq(a.argv[0], "-j") || cmd_streq(a.argv[0], "--json"))) {
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

int main(int argc, char **argv, char **envp)
{
	int rc;

	(void)envp;
	setup_output();
	if (bl_sys_getpid() == 1) {
		out_s("bpflink: running as PID 1\n");
	}
	rc = run(argc, argv);
	out_flush();
	return rc;
}

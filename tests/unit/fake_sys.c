/* Fake syscall seam (see fake_sys.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <linux/utsname.h>

#include "fake_sys.h"
#include "sys.h"

struct fake_call fake_log[FAKE_MAX_CALLS];
int fake_ncalls;
int fake_double_closes;

struct fake_failure {
	enum fake_kind kind;
	int bpf_cmd;
	int remaining;
	int err;
	int active;
};
#define FAKE_MAX_FAILS 16
static struct fake_failure fails[FAKE_MAX_FAILS];

static unsigned char fd_open[FAKE_MAX_FDS];
static int fd_file[FAKE_MAX_FDS]; /* index+1 into files, 0 if none */
static size_t fd_pos[FAKE_MAX_FDS];

#define FAKE_MAX_FILES 32
static struct { char path[256]; char content[512]; } files[FAKE_MAX_FILES];
static int nfiles;
static struct { char prefix[256]; long magic; } magics[8];
static int nmagics;
#define FAKE_MAX_PATHS 64
static char paths[FAKE_MAX_PATHS][256];

static char release[65] = "6.18.0-fake";
static fake_bpf_fn bpf_handler;
static fake_ioctl_fn ioctl_handler;
static fake_write_fn write_handler;
static fake_perf_fn perf_handler;

void fake_reset(void)
{
	memset(fake_log, 0, sizeof(fake_log));
	fake_ncalls = 0;
	fake_double_closes = 0;
	memset(fails, 0, sizeof(fails));
	memset(fd_open, 0, sizeof(fd_open));
	memset(fd_file, 0, sizeof(fd_file));
	memset(fd_pos, 0, sizeof(fd_pos));
	memset(files, 0, sizeof(files));
	nfiles = 0;
	memset(magics, 0, sizeof(magics));
	nmagics = 0;
	memset(paths, 0, sizeof(paths));
	strcpy(release, "6.18.0-fake");
	bpf_handler = NULL;
	ioctl_handler = NULL;
	write_handler = NULL;
	perf_handler = NULL;
}

void fake_fail(enum fake_kind kind, int bpf_cmd, int nth, int err)
{
	for (int i = 0; i < FAKE_MAX_FAILS; i++) {
		if (!fails[i].active) {
			fails[i] = (struct fake_failure){ kind, bpf_cmd, nth, err, 1 };
			return;
		}
	}
}

int fake_count(enum fake_kind kind, int bpf_cmd)
{
	int n = 0;

	for (int i = 0; i < fake_ncalls && i < FAKE_MAX_CALLS; i++)
		if (fake_log[i].kind == kind &&
		    (bpf_cmd < 0 || fake_log[i].a0 == bpf_cmd))
			n++;
	return n;
}

int fake_total(void)
{
	return fake_ncalls;
}

int fake_new_fd(void)
{
	for (int i = 0; i < FAKE_MAX_FDS; i++) {
		if (!fd_open[i]) {
			fd_open[i] = 1;
			fd_file[i] = 0;
			fd_pos[i] = 0;
			return FAKE_FD_BASE + i;
		}
	}
	return -EMFILE;
}

int fake_fd_is_open(int fd)
{
	return fd >= FAKE_FD_BASE && fd < FAKE_FD_BASE + FAKE_MAX_FDS &&
	       fd_open[fd - FAKE_FD_BASE];
}

int fake_open_fds(void)
{
	int n = 0;

	for (int i = 0; i < FAKE_MAX_FDS; i++)
		n += fd_open[i];
	return n;
}

void fake_set_bpf_handler(fake_bpf_fn fn) { bpf_handler = fn; }
void fake_set_ioctl_handler(fake_ioctl_fn fn) { ioctl_handler = fn; }
void fake_set_write_handler(fake_write_fn fn) { write_handler = fn; }
void fake_set_perf_handler(fake_perf_fn fn) { perf_handler = fn; }

void fake_set_file(const char *path, const char *content)
{
	if (nfiles >= FAKE_MAX_FILES)
		return;
	strncpy(files[nfiles].path, path, sizeof(files[0].path) - 1);
	strncpy(files[nfiles].content, content, sizeof(files[0].content) - 1);
	nfiles++;
}

void fake_set_fs_magic(const char *prefix, long magic)
{
	if (nmagics >= 8)
		return;
	strncpy(magics[nmagics].prefix, prefix, sizeof(magics[0].prefix) - 1);
	magics[nmagics].magic = magic;
	nmagics++;
}

int fake_path_exists(const char *path)
{
	for (int i = 0; i < FAKE_MAX_PATHS; i++)
		if (paths[i][0] && strcmp(paths[i], path) == 0)
			return 1;
	return 0;
}

void fake_add_path(const char *path)
{
	for (int i = 0; i < FAKE_MAX_PATHS; i++) {
		if (!paths[i][0]) {
			strncpy(paths[i], path, sizeof(paths[0]) - 1);
			return;
		}
	}
}

static void remove_path(const char *path)
{
	for (int i = 0; i < FAKE_MAX_PATHS; i++)
		if (paths[i][0] && strcmp(paths[i], path) == 0)
			paths[i][0] = '\0';
}

/* Record a call; return -err when a failure is due for it, else 0. */
static long begin(enum fake_kind kind, long a0, long a1, long a2,
		  const char *path)
{
	struct fake_call *c;
	long r = 0;

	if (fake_ncalls < FAKE_MAX_CALLS) {
		c = &fake_log[fake_ncalls];
		c->kind = kind;
		c->a0 = a0;
		c->a1 = a1;
		c->a2 = a2;
		if (path)
			strncpy(c->path, path, sizeof(c->path) - 1);
	}
	fake_ncalls++;
	for (int i = 0; i < FAKE_MAX_FAILS; i++) {
		struct fake_failure *f = &fails[i];

		if (!f->active || f->kind != kind)
			continue;
		if (kind == FK_BPF && f->bpf_cmd >= 0 && f->bpf_cmd != a0)
			continue;
		if (--f->remaining == 0) {
			f->active = 0;
			r = -f->err;
		}
	}
	return r;
}

static long finish(long r)
{
	if (fake_ncalls - 1 < FAKE_MAX_CALLS)
		fake_log[fake_ncalls - 1].ret = r;
	return r;
}

static int bpf_makes_fd(int cmd)
{
	switch (cmd) {
	case BPF_MAP_CREATE: case BPF_PROG_LOAD: case BPF_OBJ_GET:
	case BPF_PROG_GET_FD_BY_ID: case BPF_MAP_GET_FD_BY_ID:
	case BPF_BTF_LOAD: case BPF_BTF_GET_FD_BY_ID:
	case BPF_RAW_TRACEPOINT_OPEN: case BPF_LINK_CREATE:
	case BPF_LINK_GET_FD_BY_ID: case BPF_ITER_CREATE:
		return 1;
	default:
		return 0;
	}
}

int bl_sys_bpf(int cmd, void *attr, unsigned int size)
{
	long r = begin(FK_BPF, cmd, (long)attr, size, NULL);

	if (r == 0 && bpf_handler)
		r = bpf_handler(cmd, attr, size);
	else if (r == 0)
		r = FAKE_DEFAULT;
	if (r == FAKE_DEFAULT)
		r = bpf_makes_fd(cmd) ? fake_new_fd() : 0;
	if (r == 0 && cmd == BPF_OBJ_PIN) {
		const union bpf_attr *a = attr;

		fake_add_path((const char *)(uintptr_t)a->pathname);
	}
	return (int)finish(r);
}

int bl_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			   int group_fd, unsigned long flags)
{
	long r = begin(FK_PERF_EVENT_OPEN, (long)attr, pid, cpu, NULL);

	(void)group_fd;
	(void)flags;
	if (r == 0 && perf_handler)
		r = perf_handler(attr, pid, cpu);
	else if (r == 0)
		r = FAKE_DEFAULT;
	return (int)finish(r == FAKE_DEFAULT ? fake_new_fd() : r);
}

int bl_sys_ioctl(int fd, unsigned long req, unsigned long arg)
{
	long r = begin(FK_IOCTL, fd, (long)req, (long)arg, NULL);

	if (r == 0 && !fake_fd_is_open(fd))
		r = -EBADF;
	if (r == 0 && ioctl_handler)
		r = ioctl_handler(fd, req, arg);
	return (int)finish(r);
}

/* Recorded and handled as bl_sys_ioctl, the pointer as the argument. */
int bl_sys_ioctl_ptr(int fd, unsigned long req, void *arg)
{
	return bl_sys_ioctl(fd, req, (unsigned long)(uintptr_t)arg);
}

/* The fd-creating variant: the same call and record as bl_sys_bpf. */
int bl_sys_bpf_fd(int cmd, void *attr, unsigned int size)
{
	return bl_sys_bpf(cmd, attr, size);
}

int bl_sys_close(int fd)
{
	long r = begin(FK_CLOSE, fd, 0, 0, NULL);

	if (!fake_fd_is_open(fd)) {
		fake_double_closes++;
		return (int)finish(-EBADF);
	}
	/* close() releases the fd even when it reports an error. */
	fd_open[fd - FAKE_FD_BASE] = 0;
	return (int)finish(r);
}

int bl_sys_openat(int dirfd, const char *path, int flags, unsigned int mode)
{
	long r = begin(FK_OPENAT, dirfd, flags, mode, path);
	int fd;

	if (r)
		return (int)finish(r);
	for (int i = 0; i < nfiles; i++) {
		if (strcmp(files[i].path, path) == 0) {
			fd = fake_new_fd();
			if (fd >= 0)
				fd_file[fd - FAKE_FD_BASE] = i + 1;
			return (int)finish(fd);
		}
	}
	return (int)finish(-ENOENT);
}

static long file_read(int fd, void *buf, size_t n, long off)
{
	const char *c;
	size_t len, pos;

	if (!fake_fd_is_open(fd))
		return -EBADF;
	if (!fd_file[fd - FAKE_FD_BASE])
		return 0;
	c = files[fd_file[fd - FAKE_FD_BASE] - 1].content;
	len = strlen(c);
	pos = off >= 0 ? (size_t)off : fd_pos[fd - FAKE_FD_BASE];
	if (pos >= len)
		return 0;
	if (n > len - pos)
		n = len - pos;
	memcpy(buf, c + pos, n);
	if (off < 0)
		fd_pos[fd - FAKE_FD_BASE] = pos + n;
	return (long)n;
}

long bl_sys_read(int fd, void *buf, size_t n)
{
	long r = begin(FK_READ, fd, (long)buf, (long)n, NULL);

	return finish(r ? r : file_read(fd, buf, n, -1));
}

long bl_sys_pread64(int fd, void *buf, size_t n, int64_t off)
{
	long r = begin(FK_PREAD64, fd, (long)buf, (long)n, NULL);

	return finish(r ? r : file_read(fd, buf, n, off));
}

long bl_sys_write(int fd, const void *buf, size_t n)
{
	long r = begin(FK_WRITE, fd, (long)buf, (long)n, NULL);

	if (r == 0 && write_handler)
		r = write_handler(fd, buf, n);
	else if (r == 0)
		r = FAKE_DEFAULT;
	return finish(r == FAKE_DEFAULT ? (long)n : r);
}

int bl_sys_fstat(int fd, struct stat *st)
{
	long r = begin(FK_FSTAT, fd, 0, 0, NULL);

	if (r == 0)
		memset(st, 0, sizeof(*st));
	return (int)finish(r);
}

int bl_sys_statfs(const char *path, struct statfs *st)
{
	long r = begin(FK_STATFS, 0, 0, 0, path);

	if (r)
		return (int)finish(r);
	memset(st, 0, sizeof(*st));
	for (int i = 0; i < nmagics; i++) {
		if (strncmp(path, magics[i].prefix, strlen(magics[i].prefix)) == 0) {
			st->f_type = magics[i].magic;
			return (int)finish(0);
		}
	}
	return (int)finish(-ENOENT);
}

int bl_sys_mmap(void **addr_out, size_t len, int prot, int flags, int fd,
		int64_t off)
{
	long r = begin(FK_MMAP, (long)len, prot, flags, NULL);

	(void)fd;
	(void)off;
	(void)addr_out;
	return (int)finish(r ? r : -ENODEV);
}

int bl_sys_munmap(void *addr, size_t len)
{
	return (int)finish(begin(FK_MUNMAP, (long)addr, (long)len, 0, NULL));
}

int bl_sys_mkdirat(int dirfd, const char *path, unsigned int mode)
{
	long r = begin(FK_MKDIRAT, dirfd, mode, 0, path);

	if (r == 0 && fake_path_exists(path))
		r = -EEXIST;
	if (r == 0)
		fake_add_path(path);
	return (int)finish(r);
}

int bl_sys_unlinkat(int dirfd, const char *path, int flags)
{
	long r = begin(FK_UNLINKAT, dirfd, flags, 0, path);

	if (r == 0 && !fake_path_exists(path))
		r = -ENOENT;
	if (r == 0)
		remove_path(path);
	return (int)finish(r);
}

int bl_sys_getpid(void)
{
	long r = begin(FK_GETPID, 0, 0, 0, NULL);

	return (int)finish(r ? r : 4242);
}

void bl_sys_exit_group(int code)
{
	_Exit(code);
}

int bl_sys_fcntl(int fd, int cmd, long arg)
{
	long r = begin(FK_FCNTL, fd, cmd, arg, NULL);

	/* F_DUPFD / F_DUPFD_CLOEXEC (1030) make a new fd from an open one */
	if (r == 0 && (cmd == 0 || cmd == 1030))
		r = fake_fd_is_open(fd) ? fake_new_fd() : -EBADF;
	return (int)finish(r);
}

int bl_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	(void)src;
	(void)fstype;
	(void)data;
	return (int)finish(begin(FK_MOUNT, (long)flags, 0, 0, target));
}

int bl_sys_umount2(const char *target, int flags)
{
	return (int)finish(begin(FK_UMOUNT2, flags, 0, 0, target));
}

long bl_sys_getdents64(int fd, void *buf, size_t n)
{
	(void)buf;
	return finish(begin(FK_GETDENTS64, fd, (long)n, 0, NULL));
}

int bl_sys_socket(int domain, int type, int protocol)
{
	long r = begin(FK_SOCKET, domain, type, protocol, NULL);

	return (int)finish(r ? r : fake_new_fd());
}

int bl_sys_clock_gettime(int clock, struct __kernel_timespec *ts)
{
	(void)ts;
	return (int)finish(begin(FK_CLOCK_GETTIME, clock, 0, 0, NULL));
}

int bl_sys_kill(int pid, int sig)
{
	return (int)finish(begin(FK_KILL, pid, sig, 0, NULL));
}

int bl_sys_unshare(int flags)
{
	return (int)finish(begin(FK_UNSHARE, flags, 0, 0, NULL));
}

int bl_sys_setns(int fd, int nstype)
{
	return (int)finish(begin(FK_SETNS, fd, nstype, 0, NULL));
}

long bl_sys_sendto(int fd, const void *buf, size_t n, int flags,
		   const void *addr, unsigned int addrlen)
{
	long r = begin(FK_SENDTO, fd, (long)n, flags, NULL);

	(void)buf;
	(void)addr;
	(void)addrlen;
	return finish(r ? r : (long)n);
}

long bl_sys_recvfrom(int fd, void *buf, size_t n, int flags, void *addr,
		     unsigned int *addrlen)
{
	(void)buf;
	(void)addr;
	(void)addrlen;
	return finish(begin(FK_RECVFROM, fd, (long)n, flags, NULL));
}

int bl_sys_bind(int fd, const void *addr, unsigned int addrlen)
{
	(void)addr;
	return (int)finish(begin(FK_BIND, fd, addrlen, 0, NULL));
}

void fake_set_release(const char *r)
{
	strncpy(release, r, sizeof(release) - 1);
}

int bl_sys_uname(struct new_utsname *u)
{
	long r = begin(FK_UNAME, 0, 0, 0, NULL);

	if (r == 0) {
		memset(u, 0, sizeof(*u));
		strcpy(u->sysname, "Linux");
		memcpy(u->release, release, sizeof(u->release));
	}
	return (int)finish(r);
}

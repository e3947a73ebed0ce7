/* Fake syscall seam for unit tests: the same bl_sys_* functions as
 * src/sys.c, recording every call, handing out fake fds (from 100 up),
 * tracking which are open, and failing the Nth call of a chosen kind
 * with a chosen errno. Tests may install handlers to shape results. */
#ifndef BPFLINK_FAKE_SYS_H
#define BPFLINK_FAKE_SYS_H

#include <stddef.h>
#include <stdint.h>

enum fake_kind {
	FK_BPF, FK_PERF_EVENT_OPEN, FK_IOCTL, FK_CLOSE, FK_OPENAT, FK_READ,
	FK_PREAD64, FK_WRITE, FK_FSTAT, FK_STATFS, FK_MMAP, FK_MUNMAP,
	FK_MKDIRAT, FK_UNLINKAT, FK_GETPID, FK_FCNTL, FK_MOUNT, FK_UMOUNT2,
	FK_GETDENTS64, FK_SOCKET, FK_CLOCK_GETTIME, FK_KILL, FK_UNSHARE,
	FK_SETNS, FK_SENDTO, FK_RECVFROM, FK_BIND, FK_UNAME, FK_NKINDS
};

#define FAKE_MAX_CALLS 4096
#define FAKE_MAX_FDS 1024
#define FAKE_FD_BASE 100

struct fake_call {
	enum fake_kind kind;
	long a0, a1, a2; /* first arguments as integers (bpf: cmd, attr, size) */
	long ret;
	char path[128]; /* path argument, when there is one */
};

extern struct fake_call fake_log[FAKE_MAX_CALLS];
extern int fake_ncalls;
extern int fake_double_closes; /* close() of an fd that was not open */

/* Forget everything: calls, fds, failures, handlers, files. */
void fake_reset(void);

/* Make the nth (1-based, counted from now) call of KIND fail with -err.
 * For FK_BPF, bpf_cmd >= 0 restricts the count to that command. */
void fake_fail(enum fake_kind kind, int bpf_cmd, int nth, int err);

/* Number of calls of KIND since the last reset (bpf_cmd as above). */
int fake_count(enum fake_kind kind, int bpf_cmd);
int fake_total(void);

/* fds handed out and not yet closed. */
int fake_open_fds(void);
int fake_fd_is_open(int fd);
/* Open a fake fd as if a test (not the library) had made it. */
int fake_new_fd(void);

/* Handler for bpf(): return value to use, or FAKE_DEFAULT for the default
 * behaviour (new fd for fd-making commands, 0 otherwise). */
#define FAKE_DEFAULT (-100000)
typedef long (*fake_bpf_fn)(int cmd, void *attr, unsigned int size);
void fake_set_bpf_handler(fake_bpf_fn fn);
typedef long (*fake_ioctl_fn)(int fd, unsigned long req, unsigned long arg);
void fake_set_ioctl_handler(fake_ioctl_fn fn);
/* Handlers for write() (sees the bytes written) and perf_event_open()
 * (sees the attr): FAKE_DEFAULT keeps the default result (n / a new fd). */
typedef long (*fake_write_fn)(int fd, const void *buf, size_t n);
void fake_set_write_handler(fake_write_fn fn);
struct perf_event_attr;
typedef long (*fake_perf_fn)(const struct perf_event_attr *attr, int pid,
			     int cpu);
void fake_set_perf_handler(fake_perf_fn fn);

/* Files served by openat/read/pread64; statfs of any path under PREFIX
 * reports filesystem magic MAGIC. */
void fake_set_file(const char *path, const char *content);
void fake_set_fs_magic(const char *prefix, long magic);
/* The release uname() reports (default "6.18.0-fake"). */
void fake_set_release(const char *release);

/* Paths that mkdirat / bpf(OBJ_PIN) created and unlinkat removed. */
int fake_path_exists(const char *path);
void fake_add_path(const char *path);

#endif

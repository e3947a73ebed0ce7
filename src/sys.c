/* Typed system call wrappers: the only file that issues system calls.
 *
 * Each wrapper returns the kernel's value (-errno on failure). Every fd
 * created here is close-on-exec and >= 3: see bl_fd_high(). The raw
 * instructions live in src/arch/<arch>/syscall.h.
 */
#include <asm/unistd.h>
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <linux/utsname.h>

#include "sys.h"
#include "compat.h"
#include "syscall.h" /* src/arch/<arch>/, chosen by the Makefile */

/* System call arguments are register-sized integers: a user pointer or a
 * size travels to the kernel as a long. These two helpers are the only
 * places where that conversion is written. */
static inline long bl_arg_ptr(const void *p)
{
	/* cppcheck-suppress misra-c2012-11.6 ; permit P1 (tests/lint/MISRA.md): the syscall ABI passes pointers in integer registers */
	return (long)p;
}

static inline long bl_arg_size(size_t n)
{
	return (long)n;
}

/* Move a new fd below 3 to the lowest free number >= 3, keeping
 * close-on-exec; the low number is released either way. */
static int bl_fd_high(long r)
{
	if ((r >= 0) && (r < 3)) {
		long n = bl_syscall3(__NR_fcntl, r, F_DUPFD_CLOEXEC, 3);

		(void)bl_syscall1(__NR_close, r);
		return (int)n;
	}
	return (int)r;
}

static int bl_bpf_cmd_makes_fd(int cmd)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
	case BPF_PROG_LOAD:
	case BPF_OBJ_GET:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_BTF_LOAD:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_RAW_TRACEPOINT_OPEN:
	case BPF_LINK_CREATE:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_ITER_CREATE:
	case BL_BPF_TOKEN_CREATE:
		return 1;
	default:
		return 0;
	}
}

int bl_sys_bpf(int cmd, void *attr, unsigned int size)
{
	long r = bl_syscall3(__NR_bpf, cmd, bl_arg_ptr(attr), size);

	return bl_bpf_cmd_makes_fd(cmd) ? bl_fd_high(r) : (int)r;
}

int bl_sys_bpf_fd(int cmd, void *attr, unsigned int size)
{
	long r = bl_syscall3(__NR_bpf, cmd, bl_arg_ptr(attr), size);

	return bl_fd_high(r);
}

int bl_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			   int group_fd, unsigned long flags)
{
	unsigned long f = flags | PERF_FLAG_FD_CLOEXEC;

	return bl_fd_high(bl_syscall5(__NR_perf_event_open, bl_arg_ptr(attr),
				      pid, cpu, group_fd, (long)f));
}

int bl_sys_ioctl(int fd, unsigned long req, unsigned long arg)
{
	return (int)bl_syscall3(__NR_ioctl, fd, (long)req, (long)arg);
}

int bl_sys_ioctl_ptr(int fd, unsigned long req, void *arg)
{
	return (int)bl_syscall3(__NR_ioctl, fd, (long)req, bl_arg_ptr(arg));
}

int bl_sys_close(int fd)
{
	return (int)bl_syscall1(__NR_close, fd);
}

int bl_sys_openat(int dirfd, const char *path, int flags, unsigned int mode)
{
	return bl_fd_high(bl_syscall4(__NR_openat, dirfd, bl_arg_ptr(path),
				      flags | O_CLOEXEC, mode));
}

long bl_sys_read(int fd, void *buf, size_t n)
{
	return bl_syscall3(__NR_read, fd, bl_arg_ptr(buf), bl_arg_size(n));
}

long bl_sys_pread64(int fd, void *buf, size_t n, int64_t off)
{
	return bl_syscall4(__NR_pread64, fd, bl_arg_ptr(buf), bl_arg_size(n), off);
}

long bl_sys_write(int fd, const void *buf, size_t n)
{
	return bl_syscall3(__NR_write, fd, bl_arg_ptr(buf), bl_arg_size(n));
}

int bl_sys_fstat(int fd, struct stat *st)
{
	return (int)bl_syscall2(__NR_fstat, fd, bl_arg_ptr(st));
}

int bl_sys_statfs(const char *path, struct statfs *st)
{
	return (int)bl_syscall2(__NR_statfs, bl_arg_ptr(path), bl_arg_ptr(st));
}

int bl_sys_mmap(void **addr_out, size_t len, int prot, int flags, int fd,
		int64_t off)
{
	long r = bl_syscall6(__NR_mmap, 0, bl_arg_size(len), prot, flags, fd, off);

	if ((r < 0) && (r >= -4095)) {
		return (int)r;
	}
	/* cppcheck-suppress misra-c2012-11.6 ; permit P1 (tests/lint/MISRA.md): mmap returns the mapping's address as an integer */
	*addr_out = (void *)r;
	return 0;
}

int bl_sys_munmap(void *addr, size_t len)
{
	return (int)bl_syscall2(__NR_munmap, bl_arg_ptr(addr), bl_arg_size(len));
}

int bl_sys_mkdirat(int dirfd, const char *path, unsigned int mode)
{
	return (int)bl_syscall3(__NR_mkdirat, dirfd, bl_arg_ptr(path), mode);
}

int bl_sys_unlinkat(int dirfd, const char *path, int flags)
{
	return (int)bl_syscall3(__NR_unlinkat, dirfd, bl_arg_ptr(path), flags);
}

int bl_sys_getpid(void)
{
	return (int)bl_syscall0(__NR_getpid);
}

void bl_sys_exit_group(int code)
{
	for (;;) {
		(void)bl_syscall1(__NR_exit_group, code);
	}
}

int bl_sys_fcntl(int fd, int cmd, long arg)
{
	return (int)bl_syscall3(__NR_fcntl, fd, cmd, arg);
}

int bl_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	return (int)bl_syscall5(__NR_mount, bl_arg_ptr(src), bl_arg_ptr(target),
				bl_arg_ptr(fstype), (long)flags, bl_arg_ptr(data));
}

int bl_sys_umount2(const char *target, int flags)
{
	return (int)bl_syscall2(__NR_umount2, bl_arg_ptr(target), flags);
}

long bl_sys_getdents64(int fd, void *buf, size_t n)
{
	return bl_syscall3(__NR_getdents64, fd, bl_arg_ptr(buf), bl_arg_size(n));
}

int bl_sys_socket(int domain, int type, int protocol)
{
	return bl_fd_high(bl_syscall3(__NR_socket, domain,
				      type | BL_SOCK_CLOEXEC, protocol));
}

int bl_sys_clock_gettime(int clock, struct __kernel_timespec *ts)
{
	return (int)bl_syscall2(__NR_clock_gettime, clock, bl_arg_ptr(ts));
}

int bl_sys_kill(int pid, int sig)
{
	return (int)bl_syscall2(__NR_kill, pid, sig);
}

int bl_sys_unshare(int flags)
{
	return (int)bl_syscall1(__NR_unshare, flags);
}

int bl_sys_setns(int fd, int nstype)
{
	return (int)bl_syscall2(__NR_setns, fd, nstype);
}

long bl_sys_sendto(int fd, const void *buf, size_t n, int flags,
		   const void *addr, unsigned int addrlen)
{
	return bl_syscall6(__NR_sendto, fd, bl_arg_ptr(buf), bl_arg_size(n), flags,
			   bl_arg_ptr(addr), addrlen);
}

long bl_sys_recvfrom(int fd, void *buf, size_t n, int flags, void *addr,
		     unsigned int *addrlen)
{
	return bl_syscall6(__NR_recvfrom, fd, bl_arg_ptr(buf), bl_arg_size(n), flags,
			   bl_arg_ptr(addr), bl_arg_ptr(addrlen));
}

int bl_sys_bind(int fd, const void *addr, unsigned int addrlen)
{
	return (int)bl_syscall3(__NR_bind, fd, bl_arg_ptr(addr), addrlen);
}

int bl_sys_execve(const char *path, char *const *argv, char *const *envp)
{
	return (int)bl_syscall3(__NR_execve, bl_arg_ptr(path), bl_arg_ptr(argv),
				bl_arg_ptr(envp));
}

void bl_sys_sync(void)
{
	(void)bl_syscall0(__NR_sync);
}

/* <linux/reboot.h>'s LINUX_REBOOT_MAGIC1 (0xfee1dead), as a long. */
#define BL_REBOOT_MAGIC1 0xfee1deadL

int bl_sys_reboot(unsigned int cmd)
{
	return (int)bl_syscall4(__NR_reboot, BL_REBOOT_MAGIC1,
				(long)LINUX_REBOOT_MAGIC2, (long)cmd, 0);
}

int bl_sys_uname(struct new_utsname *u)
{
	return (int)bl_syscall1(__NR_uname, bl_arg_ptr(u));
}

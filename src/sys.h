/* The OS seam: typed wrappers over the raw system calls of src/arch/<arch>.
 *
 * Every system call bpflink makes goes through one of these functions, and
 * src/sys.c is the only file that issues them. Invariants of the seam:
 * - results are kernel values: >= 0 on success, -errno on failure; libc's
 *   errno is never touched;
 * - every fd they create is close-on-exec and numbered 3 or above (an agent
 *   running as PID 1 may have 0-2 closed): bpf() fds are close-on-exec by the
 *   kernel, the others are opened with O_CLOEXEC / PERF_FLAG_FD_CLOEXEC /
 *   SOCK_CLOEXEC, and an fd below 3 is moved up with F_DUPFD_CLOEXEC;
 * - unit tests link tests/unit/fake_sys.c instead of sys.c (same prototypes)
 *   to record calls and inject failures; proofs take the ACSL contracts below
 *   as the trust boundary (proofs/README.md).
 */
#ifndef BPFLINK_SYS_H
#define BPFLINK_SYS_H

#include <stddef.h>
#include <stdint.h>

struct stat;
struct statfs;
struct perf_event_attr;
struct __kernel_timespec;
struct new_utsname;

/* Counts system calls for the proofs; not compiled into the library. */
/*@ ghost extern int bl_ghost_syscalls; */

/*@ assigns bl_ghost_syscalls, ((char *)attr)[0 .. size - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result;
    ensures \result < 0 || \result >= 0; */
int bl_sys_bpf(int cmd, void *attr, unsigned int size);

/* bl_sys_bpf for a command known to create an fd (BPF_RAW_TRACEPOINT_OPEN,
 * BPF_LINK_CREATE, ...): the same result, without looking the command up
 * (the attach hot path). */
/*@ assigns bl_ghost_syscalls, ((char *)attr)[0 .. size - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result;
    ensures \result < 0 || \result >= 0; */
int bl_sys_bpf_fd(int cmd, void *attr, unsigned int size);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures \result >= 3 || (-4095 <= \result < 0); */
int bl_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			   int group_fd, unsigned long flags);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_sys_ioctl(int fd, unsigned long req, unsigned long arg);

/* ioctl whose argument is a pointer to the request's struct, which the
 * kernel reads and may fill (its size is fixed by REQ). */
/*@ requires \valid((char *)arg);
    assigns bl_ghost_syscalls, ((char *)arg)[0 ..];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_sys_ioctl_ptr(int fd, unsigned long req, void *arg);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_close(int fd);

/*@ requires \valid_read(path);
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures \result >= 3 || (-4095 <= \result < 0); */
int bl_sys_openat(int dirfd, const char *path, int flags, unsigned int mode);

/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls, ((char *)buf)[0 .. n - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_read(int fd, void *buf, size_t n);

/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls, ((char *)buf)[0 .. n - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_pread64(int fd, void *buf, size_t n, int64_t off);

/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_write(int fd, const void *buf, size_t n);

/*@ assigns bl_ghost_syscalls, *st;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_fstat(int fd, struct stat *st);

/*@ requires \valid_read(path) && \valid(st);
    assigns bl_ghost_syscalls, *st;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_statfs(const char *path, struct statfs *st);

/* mmap: on success *addr_out is the mapping and 0 is returned. */
/*@ requires \valid(addr_out);
    assigns bl_ghost_syscalls, *addr_out;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_mmap(void **addr_out, size_t len, int prot, int flags, int fd,
		int64_t off);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_munmap(void *addr, size_t len);

/*@ requires \valid_read(path);
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_mkdirat(int dirfd, const char *path, unsigned int mode);

/*@ requires \valid_read(path);
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_unlinkat(int dirfd, const char *path, int flags);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures \result > 0; */
int bl_sys_getpid(void);

/*@ assigns \nothing;
    ensures \false; */
void bl_sys_exit_group(int code) __attribute__((noreturn));

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_sys_fcntl(int fd, int cmd, long arg);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_umount2(const char *target, int flags);

/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls, ((char *)buf)[0 .. n - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_getdents64(int fd, void *buf, size_t n);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures \result >= 3 || (-4095 <= \result < 0); */
int bl_sys_socket(int domain, int type, int protocol);

/*@ assigns bl_ghost_syscalls, *ts;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_clock_gettime(int clock, struct __kernel_timespec *ts);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_kill(int pid, int sig);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_unshare(int flags);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_setns(int fd, int nstype);

/* sendto/recvfrom for netlink and test traffic. */
/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_sendto(int fd, const void *buf, size_t n, int flags,
		   const void *addr, unsigned int addrlen);

/*@ requires n <= 0x7fffffff;
    assigns bl_ghost_syscalls, ((char *)buf)[0 .. n - 1];
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= (long)n; */
long bl_sys_recvfrom(int fd, void *buf, size_t n, int flags, void *addr,
		     unsigned int *addrlen);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_bind(int fd, const void *addr, unsigned int addrlen);

/* For an initramfs /init (the bpflink tool): hand over to the real init, or
 * end the machine. Numbers: execve 59 (x86_64) / 221 (aarch64), sync 162 /
 * 81, reboot 169 / 142 (<asm/unistd.h>). */

/* execve: returns only on failure (-errno); on success the process image
 * is replaced and the fds without close-on-exec stay open. */
/*@ requires \valid_read(path) && \valid_read(argv) && \valid_read(envp);
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result < 0; */
int bl_sys_execve(const char *path, char *const *argv, char *const *envp);

/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
void bl_sys_sync(void);

/* reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, CMD, NULL): CMD is a
 * LINUX_REBOOT_CMD_* of <linux/reboot.h>. POWER_OFF and RESTART do not
 * return when they succeed (they need CAP_SYS_BOOT: -EPERM otherwise). */
/*@ assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_reboot(unsigned int cmd);

/* uname(2): the kernel's release for the object loader's .kconfig
 * externs (LINUX_KERNEL_VERSION, /boot/config-<release>). */
/*@ requires \valid(u);
    assigns bl_ghost_syscalls, *u;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result <= 0; */
int bl_sys_uname(struct new_utsname *u);

#endif

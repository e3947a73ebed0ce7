/* aarch64 Linux system call instructions.
 *
 * ABI (AArch64, `svc #0`):
 * - the system call number goes in x8;
 * - arguments 1-6 go in x0-x5;
 * - the result comes back in x0 (overwriting argument 1): -4095..-1 is
 *   -errno, anything else success;
 * - no other general register is clobbered; memory is declared clobbered
 *   because the kernel reads and writes user buffers.
 * - aarch64 has no open/mkdir/unlink/fstat-by-path calls: only the *at forms
 *   (openat, mkdirat, unlinkat, fstat via fstat(79)); src/sys.c uses only
 *   those on every architecture.
 */
#ifndef BPFLINK_ARCH_SYSCALL_H
#define BPFLINK_ARCH_SYSCALL_H

#ifdef __FRAMAC__
#error "arch code is not given to Frama-C: prove against src/sys.h contracts"
#endif

static inline long bl_syscall6(long n, long a1, long a2, long a3, long a4,
			       long a5, long a6)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a1;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;
	register long x3 __asm__("x3") = a4;
	register long x4 __asm__("x4") = a5;
	register long x5 __asm__("x5") = a6;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}

static inline long bl_syscall3(long n, long a1, long a2, long a3)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a1;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2)
			 : "memory");
	return x0;
}

static inline long bl_syscall1(long n, long a1)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a1;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory");
	return x0;
}

static inline long bl_syscall0(long n)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0");

	__asm__ volatile("svc #0" : "=r"(x0) : "r"(x8) : "memory");
	return x0;
}

#define bl_syscall2(n, a, b) bl_syscall3((n), (a), (b), 0)
#define bl_syscall4(n, a, b, c, d) bl_syscall6((n), (a), (b), (c), (d), 0, 0)
#define bl_syscall5(n, a, b, c, d, e) bl_syscall6((n), (a), (b), (c), (d), (e), 0)

#endif

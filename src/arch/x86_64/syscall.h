/* x86_64 Linux system call instructions: the only place (with aarch64) that
 * holds inline asm for system calls.
 *
 * ABI (x86_64, `syscall` instruction):
 * - the system call number goes in rax;
 * - arguments 1-6 go in rdi, rsi, rdx, r10, r8, r9 (r10, not rcx: the
 *   instruction itself overwrites rcx);
 * - the result comes back in rax: -4095..-1 is -errno, anything else success;
 * - the instruction clobbers rcx (return address) and r11 (rflags); memory is
 *   declared clobbered because the kernel reads and writes user buffers.
 */
#ifndef BPFLINK_ARCH_SYSCALL_H
#define BPFLINK_ARCH_SYSCALL_H

#ifdef __FRAMAC__
#error "arch code is not given to Frama-C: prove against src/sys.h contracts"
#endif

static inline long bl_syscall6(long n, long a1, long a2, long a3, long a4,
			       long a5, long a6)
{
	register long rax __asm__("rax") = n;
	register long rdi __asm__("rdi") = a1;
	register long rsi __asm__("rsi") = a2;
	register long rdx __asm__("rdx") = a3;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return rax;
}

static inline long bl_syscall3(long n, long a1, long a2, long a3)
{
	register long rax __asm__("rax") = n;
	register long rdi __asm__("rdi") = a1;
	register long rsi __asm__("rsi") = a2;
	register long rdx __asm__("rdx") = a3;

	__asm__ volatile("syscall"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(rdx)
			 : "rcx", "r11", "memory");
	return rax;
}

static inline long bl_syscall1(long n, long a1)
{
	register long rax __asm__("rax") = n;
	register long rdi __asm__("rdi") = a1;

	__asm__ volatile("syscall"
			 : "+r"(rax)
			 : "r"(rdi)
			 : "rcx", "r11", "memory");
	return rax;
}

static inline long bl_syscall0(long n)
{
	register long rax __asm__("rax") = n;

	__asm__ volatile("syscall" : "+r"(rax) : : "rcx", "r11", "memory");
	return rax;
}

/* 2, 4 and 5 arguments: the unused registers are harmless to set. */
#define bl_syscall2(n, a, b) bl_syscall3((n), (a), (b), 0)
#define bl_syscall4(n, a, b, c, d) bl_syscall6((n), (a), (b), (c), (d), 0, 0)
#define bl_syscall5(n, a, b, c, d, e) bl_syscall6((n), (a), (b), (c), (d), (e), 0)

#endif

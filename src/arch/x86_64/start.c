/* x86_64 process entry for programs built without any libc.
 *
 * At _start the kernel leaves rsp pointing at argc, followed by argv[],
 * a NULL, envp[], a NULL and the auxiliary vector. rsp is 16-byte aligned
 * there; the System V ABI wants rsp+8 aligned at a function's entry, so the
 * stack is re-aligned before the call. rbp is zeroed to end frame chains.
 */
void bl_rt_start_c(long *sp) __attribute__((noreturn, used));

__asm__(".text\n"
	".global _start\n"
	".type _start, @function\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call bl_rt_start_c\n"
	"	hlt\n"
	".size _start, .-_start\n");

/* aarch64 process entry for programs built without any libc.
 *
 * At _start the kernel leaves sp pointing at argc, followed by argv[], a
 * NULL, envp[], a NULL and the auxiliary vector; sp is 16-byte aligned.
 * The frame pointer (x29) and link register (x30) are zeroed to end frame
 * chains, and the initial sp is passed in x0.
 */
void bl_rt_start_c(long *sp) __attribute__((noreturn, used));

__asm__(".text\n"
	".global _start\n"
	".type _start, %function\n"
	"_start:\n"
	"	mov x29, #0\n"
	"	mov x30, #0\n"
	"	mov x0, sp\n"
	"	bl bl_rt_start_c\n"
	"	brk #0\n"
	".size _start, .-_start\n");

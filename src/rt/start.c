/* C half of the no-libc entry: split the initial stack into argc, argv and
 * envp, run main, exit with its value. The instruction half, _start, is in
 * src/arch/<arch>/start.c. */
#include "bpflink_rt.h"

int main(int argc, char **argv, char **envp);
void bl_rt_start_c(long *sp) __attribute__((noreturn, used));

/* The kernel's initial stack is one array of machine words: argc, then the
 * argv pointers, a NULL, the envp pointers, a NULL. Reading pointers out of
 * it through a long * is MISRA deviation L2 (rule 11.3, tests/lint/MISRA.md);
 * cppcheck does not report that conversion, so no suppression stands here. */
void bl_rt_start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)&sp[1];
	char **envp = &argv[argc + 1];

	bpflink_environ = envp;
	bpflink_exit(main(argc, argv, envp));
}

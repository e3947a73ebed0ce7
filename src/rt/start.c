/* C half of the no-libc entry: split the initial stack into argc, argv and
 * envp, run main, exit with its value. The instruction half, _start, is in
 * src/arch/<arch>/start.c. */
#include "bpflink_rt.h"

int main(int argc, char **argv, char **envp);
void bl_rt_start_c(long *sp) __attribute__((noreturn, used));

void bl_rt_start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	bpflink_environ = envp;
	bpflink_exit(main(argc, argv, envp));
}

/* exec-to-attached launcher: keeps task_rename busy with a raw_tp link of
 * its own (so no agent's attach meets an idle tracepoint), then for ROUNDS
 * rounds runs every AGENT once (order rotated each round): fork, stamp
 * CLOCK_MONOTONIC in the child, execve(AGENT, {AGENT, stamp}, {}), and
 * prints the agent's line as "exec AGENT attach_ns=N vmhwm_kb=N".
 *
 *   launch ROUNDS AGENT...
 *
 *   launch hwm PROG ARG...
 *       runs PROG ARG... once and prints "hwm PROG vmhwm_kb=N status=N":
 *       VmHWM read from /proc/PID/status while PROG is still alive, at its
 *       exit: the child is traced (PTRACE_TRACEME, PTRACE_O_TRACEEXIT), so
 *       the kernel stops it in exit before its memory is released, and the
 *       launcher reads the status file then. (getrusage's ru_maxrss of a
 *       child is not used: it keeps the maximum across exec, so it would
 *       count the forked launcher's pages.) The peak of the exec'ed program
 *       alone: exec starts a new mm with fresh counters.
 */
#include "bench.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int run(const char *agent)
{
	char line[256], stamp[32];
	int p[2], st;
	ssize_t n = 0, r;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const env[] = { NULL };
		char *av[3];

		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		av[0] = (char *)agent;
		av[1] = stamp;
		av[2] = NULL;
		snprintf(stamp, sizeof(stamp), "%llu",
			 (unsigned long long)bench_ns(CLOCK_MONOTONIC));
		execve(agent, av, env);
		_exit(127);
	}
	close(p[1]);
	while (n < (ssize_t)sizeof(line) - 1 &&
	       (r = read(p[0], line + n, sizeof(line) - 1 - (size_t)n)) > 0)
		n += r;
	close(p[0]);
	line[n] = 0;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || !n) {
		fprintf(stderr, "launch: %s failed (status %d)\n", agent, st);
		return -1;
	}
	printf("exec %s %s", agent, line);
	return 0;
}

static long status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t kl = strlen(key);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			v = strtol(line + kl + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int hwm(char **av)
{
	long kb = -1;
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execv(av[0], av);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		return 2; /* the stop at exec */
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)PTRACE_O_TRACEEXIT);
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	for (;;) {
		if (waitpid(pid, &st, 0) != pid)
			return 2;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
			kb = status_kb(pid, "VmHWM");
			ptrace(PTRACE_CONT, pid, NULL, NULL);
		} else if (WIFSTOPPED(st)) { /* pass the signal on */
			ptrace(PTRACE_CONT, pid, NULL,
			       (void *)(long)(WSTOPSIG(st) == SIGTRAP ? 0 : WSTOPSIG(st)));
		}
	}
	printf("hwm %s vmhwm_kb=%ld status=%d\n", av[0], kb,
	       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "hwm"))
		return hwm(argv + 2);

	int rounds = argc > 2 ? atoi(argv[1]) : 0, nag = argc - 2, rc = 0;
	int prog = floor_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, ret0, 2, "busy_rawtp");

	if (rounds <= 0) {
		fprintf(stderr, "usage: launch ROUNDS AGENT...\n");
		return 2;
	}
	if (prog < 0 || floor_raw_tp(prog, TP_NAME) < 0) {
		fprintf(stderr, "launch: busy link: %s\n", strerror(errno));
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < nag; k++)
			if (run(argv[2 + (k + r) % nag]))
				rc = 1;
	return rc;
}

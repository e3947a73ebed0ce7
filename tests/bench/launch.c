/* exec-to-attached launcher: keeps task_rename busy with a raw_tp link of
 * its own (so no agent's attach meets an idle tracepoint), then for ROUNDS
 * rounds runs every AGENT once (order rotated each round): fork, stamp
 * CLOCK_MONOTONIC in the child, execve(AGENT, {AGENT, stamp}, {}), and
 * prints the agent's line as "exec AGENT attach_ns=N vmhwm_kb=N".
 *
 *   launch ROUNDS AGENT...
 */
#include "bench.h"

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

int main(int argc, char **argv)
{
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

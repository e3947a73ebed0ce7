/* The minimal agent, libbpf 1.1.2 (glibc; built static with libbpf.a -lelf
 * -lz, and dynamic with -lbpf): open the embedded agent.bpf.o from memory,
 * load it, attach its raw_tp program to task_rename, report, exit. Same
 * arguments and output as agent_bpflink.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "bench.h"

BENCH_EMBED(agent_obj, BENCH_AGENT_OBJ);

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0;
}

static unsigned long vmhwm_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long v = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %lu", &v) == 1)
			break;
	fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	uint64_t t0 = argc > 1 ? strtoull(argv[1], NULL, 10) : 0, t1;
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;

	libbpf_set_print(quiet);
	obj = bpf_object__open_mem(agent_obj_start,
				   (size_t)(agent_obj_end - agent_obj_start), NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "agent: open/load failed: %d\n", -errno);
		return 1;
	}
	prog = bpf_object__find_program_by_name(obj, "agent_prog");
	link = prog ? bpf_program__attach_raw_tracepoint(prog, "task_rename") : NULL;
	if (!link) {
		fprintf(stderr, "agent: attach failed: %d\n", -errno);
		return 1;
	}
	t1 = bench_ns(CLOCK_MONOTONIC);
	printf("attach_ns=%llu vmhwm_kb=%lu\n",
	       (unsigned long long)(t0 ? t1 - t0 : 0), vmhwm_kb());
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}

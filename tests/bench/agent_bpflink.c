/* The minimal agent, bpflink: load one raw_tracepoint program, attach it
 * to task_rename, report, exit. Built with no libc (bl_crt0.o, -Os) and with
 * musl -static, both linked with --gc-sections, two ways:
 *   -DBENCH_AGENT_OBJ=PATH  the loader: agent.bpf.o (clang -target bpf, the
 *                           libbpf agents' object) embedded in .rodata,
 *                           bpf_object__open_mem + bpf_object__load +
 *                           bpf_program__attach (auto-attach from its
 *                           section, raw_tp/task_rename)
 *   without                 from instructions (bpflink_insn.h),
 *                           bpf_prog_load + bpflink_attach_raw_tracepoint:
 *                           no ELF, no loader code
 *
 *   agent T0_NS   T0_NS: CLOCK_MONOTONIC stamped by the launcher before
 *                 execve; prints "attach_ns=N vmhwm_kb=N\n": the time from
 *                 that stamp to attached, and VmHWM from /proc/self/status
 *                 read after attach (0 when /proc is missing).
 * Exit 0, or 1 with a message when a step fails.
 */
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/time.h>

#include "bpf/bpf.h"
#include "bpf/libbpf.h"
#include "bpflink.h"
#include "bpflink_insn.h"
#include "bpflink_rt.h"
#include "sys.h"

static char status[4096];

/* VmHWM in kB, from /proc/self/status; 0 if unavailable. */
static uint64_t vmhwm_kb(void)
{
	int fd = bl_sys_openat(AT_FDCWD, "/proc/self/status", O_RDONLY, 0);
	long n = 0, r;
	uint64_t v = 0;

	if (fd < 0)
		return 0;
	while (n < (long)sizeof(status) - 1 &&
	       (r = bl_sys_read(fd, status + n, sizeof(status) - 1 - (size_t)n)) > 0)
		n += r;
	(void)bl_sys_close(fd);
	status[n > 0 ? n : 0] = '\0';
	for (const char *p = status; *p; p++) {
		if (p[0] == 'V' && p[1] == 'm' && p[2] == 'H' && p[3] == 'W' &&
		    p[4] == 'M' && p[5] == ':') {
			for (p += 6; *p == ' ' || *p == '\t'; p++)
				;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (uint64_t)(*p++ - '0');
			break;
		}
	}
	return v;
}

#ifdef BENCH_AGENT_OBJ
/* the object's bytes as agent_obj_start[0 .. agent_obj_end) */
__asm__(".pushsection .rodata.agent_obj,\"a\"\n.balign 8\n"
	".globl agent_obj_start\nagent_obj_start:\n"
	".incbin \"" BENCH_AGENT_OBJ "\"\n"
	".globl agent_obj_end\nagent_obj_end:\n.popsection\n");
extern const unsigned char agent_obj_start[], agent_obj_end[];

static struct bpf_object *obj;

static struct bpf_link *agent_attach(void)
{
	struct bpf_program *prog;

	obj = bpf_object__open_mem(agent_obj_start,
				   (size_t)(agent_obj_end - agent_obj_start), NULL);
	if (!obj || bpf_object__load(obj) != 0)
		return NULL;
	prog = bpf_object__find_program_by_name(obj, "agent_prog");
	return prog ? bpf_program__attach(prog) : NULL;
}

static void agent_close(void)
{
	bpf_object__close(obj);
}
#else
static int prog = -1;

static struct bpf_link *agent_attach(void)
{
	static const struct bpf_insn insns[] = {
		BPFLINK_MOV64_IMM(BPF_REG_0, 0),
		BPFLINK_EXIT_INSN(),
	};

	prog = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "agent_prog", "GPL",
			     insns, 2, NULL);
	if (prog < 0)
		return NULL;
	return bpflink_attach_raw_tracepoint(prog, "task_rename", 0);
}

static void agent_close(void)
{
	(void)bl_sys_close(prog);
}
#endif

int main(int argc, char **argv)
{
	struct __kernel_timespec ts;
	uint64_t t0 = 0, t1;
	struct bpf_link *link;

	if (argc > 1 && bpflink_parse_u64(argv[1], &t0) != 0)
		t0 = 0;
	link = agent_attach();
	if (!link) {
		(void)bpflink_out_str(2, "agent: load/attach failed\n");
		return 1;
	}
	(void)bl_sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	t1 = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	(void)bpflink_out_str(1, "attach_ns=");
	(void)bpflink_out_u64(1, t0 ? t1 - t0 : 0);
	(void)bpflink_out_str(1, " vmhwm_kb=");
	(void)bpflink_out_u64(1, vmhwm_kb());
	(void)bpflink_out_str(1, "\n");
	(void)bpf_link__destroy(link);
	agent_close();
	return 0;
}

/* The minimal agent, bpflink: load one raw_tracepoint program, attach it
 * to task_rename, report, exit. Built with no libc (bl_crt0.o, -Os) and with
 * musl -static. The program comes from instructions (bpflink_insn.h): there
 * is no bpf_object loader yet (issue 6), unlike the libbpf agents, which
 * open an ELF object.
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

int main(int argc, char **argv)
{
	static const struct bpf_insn insns[] = {
		BPFLINK_MOV64_IMM(BPF_REG_0, 0),
		BPFLINK_EXIT_INSN(),
	};
	struct __kernel_timespec ts;
	uint64_t t0 = 0, t1;
	struct bpf_link *link;
	int prog;

	if (argc > 1 && bpflink_parse_u64(argv[1], &t0) != 0)
		t0 = 0;
	prog = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "agent_prog", "GPL",
			     insns, 2, NULL);
	if (prog < 0) {
		(void)bpflink_out_str(2, "agent: bpf_prog_load failed\n");
		return 1;
	}
	link = bpflink_attach_raw_tracepoint(prog, "task_rename", 0);
	if (!link) {
		(void)bpflink_out_str(2, "agent: attach failed\n");
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
	(void)bl_sys_close(prog);
	return 0;
}

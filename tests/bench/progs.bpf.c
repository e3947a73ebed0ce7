/* BPF object for the libbpf side of the benchmarks (clang -O2 -target bpf,
 * no -g: no BTF, so libbpf and the floor do the same kernel work: three
 * BPF_PROG_LOADs and nothing else the object asks for).
 *   rawtp_prog  attach+destroy bench, raw_tp on task_rename
 *   tp_prog     attach+destroy bench, tracepoint task/task_rename
 *   enter_prog  third program of the open+load+close bench
 * The attach programs are "return 0", the same two instructions bpflink
 * and the floor load from bpflink_insn.h macros. */
#define SEC(n) __attribute__((section(n), used))

static unsigned long long (*get_pid_tgid)(void) = (void *)14; /* BPF_FUNC_get_current_pid_tgid */

SEC("raw_tp/task_rename") int rawtp_prog(void *ctx)
{
	(void)ctx;
	return 0;
}

SEC("tp/task/task_rename") int tp_prog(void *ctx)
{
	(void)ctx;
	return 0;
}

SEC("raw_tp/sys_enter") int enter_prog(unsigned long long *ctx)
{
	unsigned long long id = ctx[1];

	if ((get_pid_tgid() >> 32) == 1 && id == 39)
		return 1;
	return 0;
}

char _license[] SEC("license") = "GPL";

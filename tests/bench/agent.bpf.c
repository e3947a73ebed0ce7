/* The minimal agent's one program (libbpf variants): raw_tp on
 * task_rename, "return 0" (the instructions the bpflink and floor agents
 * load directly). No -g: no BTF. */
#define SEC(n) __attribute__((section(n), used))

SEC("raw_tp/task_rename") int agent_prog(void *ctx)
{
	(void)ctx;
	return 0;
}

char _license[] SEC("license") = "GPL";

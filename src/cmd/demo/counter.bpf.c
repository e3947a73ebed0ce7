/* The demo object of `make demo` (bpflink load): a per-syscall counter and
 * an exec logger, in plain BPF C (clang -O2 -g -target bpf).
 *
 *   counts  hash: system call number -> times entered (raw_tp/sys_enter)
 *   execs   hash: pid -> command name after exec (tp/sched/sched_process_exec)
 */
#include "bpf_helpers.h"

static long (*bpf_get_current_comm)(void *buf, __u32 size) = (void *)16;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 512);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, char[16]);
	__uint(max_entries, 1024);
} execs SEC(".maps");

SEC("raw_tp/sys_enter") int count_syscalls(struct bl_raw_sys_enter *ctx)
{
	__u32 nr = (__u32)ctx->id;
	__u64 one = 1;
	__u64 *v = bpf_map_lookup_elem(&counts, &nr);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &nr, &one, BPF_NOEXIST);
	return 0;
}

SEC("tp/sched/sched_process_exec") int log_exec(void *ctx)
{
	__u32 pid = (__u32)(bpf_get_current_pid_tgid() >> 32);
	char comm[16] = {};

	(void)ctx;
	bpf_get_current_comm(comm, sizeof(comm));
	bpf_map_update_elem(&execs, &pid, comm, BPF_ANY);
	return 0;
}

char _license[] SEC("license") = "GPL";

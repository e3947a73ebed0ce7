/* The benchmark's shape: three programs, one map, .rodata and .bss. */
#include "bpf_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} hits SEC(".maps");

const volatile __u32 limit = 7;
__u64 seen;

SEC("raw_tp/sys_enter") int three_a(void *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&hits, &k);

	(void)ctx;
	if (v && *v < limit)
		__sync_fetch_and_add(v, 1);
	return 0;
}

SEC("raw_tp/sys_exit") int three_b(void *ctx)
{
	(void)ctx;
	__sync_fetch_and_add(&seen, 1);
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid") int three_c(void *ctx)
{
	(void)ctx;
	return limit > 3;
}

char _license[] SEC("license") = "GPL";

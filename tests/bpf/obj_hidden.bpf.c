/* A hidden (visibility("hidden")) global subprogram and variable, as
 * libbpf's __hidden makes them: the loader marks their BTF static, so the
 * verifier checks hidden_get in its caller's context, where p points to
 * the stack. Verified on its own, as a global function, *p would be a
 * possibly-NULL pointer and the program refused.
 * Also a map whose name is longer than the kernel's 15 bytes:
 * bpf_map__name gives the whole name, as libbpf's (object_diff). */
#include "bpf_helpers.h"

#define __hidden __attribute__((visibility("hidden")))

__hidden int hidden_var = 3;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} a_map_with_a_long_name SEC(".maps");

__hidden __noinline int hidden_get(int *p)
{
	return *p + 1;
}

SEC("raw_tp/sys_enter") int hidden_main(void *ctx)
{
	int x = hidden_var;

	(void)ctx;
	return hidden_get(&x) & 1;
}

char _license[] SEC("license") = "GPL";

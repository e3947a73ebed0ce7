/* Map-in-map and program-array initial slots, for the loader's tests:
 * inner_a and inner_b are 1-entry counter arrays of the same definition;
 * outer (ARRAY_OF_MAPS) holds inner_a in slot 0, outer_hash (HASH_OF_MAPS)
 * holds inner_b under key 3, and jmp (PROG_ARRAY) holds mim_tail in slot 0,
 * all set by the loader from the .values initialisers. mim_enter, on this
 * process's getppid() (target_pid, .rodata), counts into inner_a through
 * outer, then tail-calls mim_tail, which counts into inner_b through
 * outer_hash. User space reads both counters through the inner maps' fds. */
#include "bpf_helpers.h"

struct inner_def {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
};

struct inner_def inner_a SEC(".maps");
struct inner_def inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_def);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_def);
} outer_hash SEC(".maps") = {
	.values = { [3] = &inner_b },
};

int mim_tail(void *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int(void *));
} jmp SEC(".maps") = {
	.values = { [0] = (void *)&mim_tail },
};

const volatile int target_pid = 0;

static __noinline void bump(void *outer_map, __u32 slot)
{
	__u32 zero = 0;
	void *inner = bpf_map_lookup_elem(outer_map, &slot);
	__u64 *v;

	if (!inner)
		return;
	v = bpf_map_lookup_elem(inner, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("raw_tp") int mim_tail(void *ctx)
{
	(void)ctx;
	bump(&outer_hash, 3);
	return 0;
}

SEC("raw_tp/sys_enter") int mim_enter(struct bl_raw_sys_enter *ctx)
{
	if ((int)(bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	if (ctx->id != 110) /* __NR_getppid on x86_64 */
		return 0;
	bump(&outer, 0);
	bpf_tail_call(ctx, &jmp, 0);
	return 0;
}

char _license[] SEC("license") = "GPL";

/* Pinning by name (LIBBPF_PIN_BY_NAME) under the object's pin root, for
 * the loader's pinning tests: pinned_cnt is pinned as <root>/pinned_cnt
 * (the root's last directory made when missing), plain_cnt is not pinned.
 * pin_count (never attached by the tests) counts into both. No global
 * data: bpf_object__pin_maps pins exactly these two maps. */
#include "bpf_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned_cnt SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} plain_cnt SEC(".maps");

SEC("raw_tp/sys_enter") int pin_count(struct bl_raw_sys_enter *ctx)
{
	__u32 zero = 0;
	__u64 *v;

	if (ctx->id != 110) /* __NR_getppid on x86_64 */
		return 0;
	v = bpf_map_lookup_elem(&pinned_cnt, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
	v = bpf_map_lookup_elem(&plain_cnt, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char _license[] SEC("license") = "GPL";

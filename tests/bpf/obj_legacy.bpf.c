/* A legacy "maps" section (struct bpf_map_def): libbpf 1.x refuses it,
 * bpflink loads it. Also a version section and a string literal
 * (.rodata.str1.1). */
#include "bpf_helpers.h"

struct bpf_map_def SEC("maps") legacy_arr = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = 4,
	.value_size = 8,
	.max_entries = 2,
};

struct bpf_map_def SEC("maps") legacy_hash = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = 4,
	.value_size = 4,
	.max_entries = 8,
};

static const char msg[] = "legacy";
char tag[8];

SEC("raw_tp/sys_enter") int legacy_prog(void *ctx)
{
	__u32 k = 1;
	__u64 *v = bpf_map_lookup_elem(&legacy_arr, &k);

	(void)ctx;
	if (v)
		*v = 1;
	for (int i = 0; i < 6; i++)
		tag[i] = msg[i];
	return 0;
}

char _license[] SEC("license") = "GPL";
unsigned int _version SEC("version") = 0x060000;

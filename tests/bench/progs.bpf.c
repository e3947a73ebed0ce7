/* BPF object of the benchmarks (clang -O2 -g -target bpf): three
 * programs, one map, .rodata and .bss, with .BTF and .BTF.ext (issue 8's
 * object). Loading it asks the kernel for: the map creates (hits, .rodata,
 * .bss), the .rodata contents and its freeze, the three program loads, and
 * whatever a loader does with .BTF (bench_obj's floor mirrors bpflink's).
 *   rawtp_prog  attach+destroy bench, raw_tp on task_rename, "return 0"
 *   tp_prog     attach+destroy bench, tracepoint task/task_rename,
 *               "return 0"
 *   enter_prog  the third program: counts one pid's sys_enter into the map,
 *               with its pid in .rodata and a total in .bss */
#include "bpf_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 512);
} hits SEC(".maps");

const volatile __u32 target_pid = 1;   /* .rodata */
__u64 total;                           /* .bss */

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

SEC("raw_tp/sys_enter") int enter_prog(struct bl_raw_sys_enter *ctx)
{
	__u32 nr = (__u32)ctx->id;
	__u64 *v;

	if ((__u32)(bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	v = bpf_map_lookup_elem(&hits, &nr);
	if (v)
		__sync_fetch_and_add(v, 1);
	__sync_fetch_and_add(&total, 1);
	return 0;
}

char _license[] SEC("license") = "GPL";

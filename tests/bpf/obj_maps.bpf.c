/* BTF-defined maps, global data and subprograms, used by the kernel tests:
 * count_enter counts this process's calls of the system call watch_nr
 * (.data, written from user space) when the caller's tgid is target_pid
 * (.rodata, set before load) into a .bss counter, an array map (through
 * a static subprogram in .text) and a hash map (through a global one).
 * tp_getppid counts the tracepoint the same way (attached with tracefs).
 * xdp_pass is loaded, never auto-attached. */
#include "bpf_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u64));
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} by_nr SEC(".maps");

const volatile int target_pid = 0;
int watch_nr = 110; /* __NR_getppid on x86_64 */
__u64 bss_hits;
__u64 tp_hits;

static __noinline void bump(__u32 key)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
}

__noinline int note_nr(__u32 nr)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(&by_nr, &nr);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&by_nr, &nr, &one, BPF_NOEXIST);
	return 0;
}

SEC("raw_tp/sys_enter") int count_enter(struct bl_raw_sys_enter *ctx)
{
	__u64 id = ctx->id;

	if ((int)(bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	if (id != (__u64)watch_nr)
		return 0;
	__sync_fetch_and_add(&bss_hits, 1);
	bump(0);
	note_nr((__u32)id);
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid") int tp_getppid(void *ctx)
{
	(void)ctx;
	if ((int)(bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	__sync_fetch_and_add(&tp_hits, 1);
	bump(1);
	return 0;
}

SEC("xdp") int xdp_pass(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";

/* Three programs, no maps, no global data: SEC() conventions and plain
 * loading. raw_tp and tp attach automatically; xdp does not. */
#include "bpf_helpers.h"

SEC("raw_tp/sys_enter") int basic_raw(void *ctx)
{
	(void)ctx;
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid") int basic_tp(void *ctx)
{
	(void)ctx;
	return 0;
}

SEC("xdp") int basic_xdp(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";

/* obj_kconfig_big: a .kconfig extern larger than the loader's buffer for
 * extern values (BPFLINK_KCONFIG_SIZE, 512 bytes by default), for the
 * limit tests (tests/unit/test_object_maps.c, fake seam only). */
#include "bpf_helpers.h"

extern char CONFIG_BL_HUGE[600] __kconfig;

SEC("xdp") int kcfg_big(void *ctx)
{
	(void)ctx;
	return CONFIG_BL_HUGE[599] == 'x' ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";

/* obj_many_progs: 40 programs, more than half the default program pool
 * (BPFLINK_MAX_PROGS, 64).
 * For the loader's limit tests (tests/unit/test_object_maps.c): opened and
 * loaded on the fake syscall seam only. */
#include "bpf_helpers.h"

SEC("xdp") int p00(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p01(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p02(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p03(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p04(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p05(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p06(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p07(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p08(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p09(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p10(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p11(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p12(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p13(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p14(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p15(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p16(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p17(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p18(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p19(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p20(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p21(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p22(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p23(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p24(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p25(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p26(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p27(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p28(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p29(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p30(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p31(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p32(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p33(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p34(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p35(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p36(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p37(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p38(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp") int p39(void *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";

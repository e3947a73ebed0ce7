/* obj_big_prog: big_insns has about 12,000 instructions, more than the
 * default instruction arena (BPFLINK_INSN_ARENA, 8192); big_calls calls 70
 * distinct subprograms, more than BPFLINK_MAX_SUBPROGS (64).
 * For the loader's limit tests (tests/unit/test_object_maps.c): opened and
 * loaded on the fake syscall seam only. */
#include "bpf_helpers.h"

#define R4(x) x x x x
#define R16(x) R4(R4(x))
#define R4096(x) R16(R16(R16(x)))

SEC("xdp") int big_insns(void *ctx)
{
	volatile __u64 v = 0;

	(void)ctx;
	R4096(v++;)
	return (int)v;
}

__noinline int f00(int x) { return x * 3 + 1; }
__noinline int f01(int x) { return x * 4 + 1; }
__noinline int f02(int x) { return x * 5 + 1; }
__noinline int f03(int x) { return x * 6 + 1; }
__noinline int f04(int x) { return x * 7 + 1; }
__noinline int f05(int x) { return x * 8 + 1; }
__noinline int f06(int x) { return x * 9 + 1; }
__noinline int f07(int x) { return x * 10 + 1; }
__noinline int f08(int x) { return x * 11 + 1; }
__noinline int f09(int x) { return x * 12 + 1; }
__noinline int f10(int x) { return x * 13 + 1; }
__noinline int f11(int x) { return x * 14 + 1; }
__noinline int f12(int x) { return x * 15 + 1; }
__noinline int f13(int x) { return x * 16 + 1; }
__noinline int f14(int x) { return x * 17 + 1; }
__noinline int f15(int x) { return x * 18 + 1; }
__noinline int f16(int x) { return x * 19 + 1; }
__noinline int f17(int x) { return x * 20 + 1; }
__noinline int f18(int x) { return x * 21 + 1; }
__noinline int f19(int x) { return x * 22 + 1; }
__noinline int f20(int x) { return x * 23 + 1; }
__noinline int f21(int x) { return x * 24 + 1; }
__noinline int f22(int x) { return x * 25 + 1; }
__noinline int f23(int x) { return x * 26 + 1; }
__noinline int f24(int x) { return x * 27 + 1; }
__noinline int f25(int x) { return x * 28 + 1; }
__noinline int f26(int x) { return x * 29 + 1; }
__noinline int f27(int x) { return x * 30 + 1; }
__noinline int f28(int x) { return x * 31 + 1; }
__noinline int f29(int x) { return x * 32 + 1; }
__noinline int f30(int x) { return x * 33 + 1; }
__noinline int f31(int x) { return x * 34 + 1; }
__noinline int f32(int x) { return x * 35 + 1; }
__noinline int f33(int x) { return x * 36 + 1; }
__noinline int f34(int x) { return x * 37 + 1; }
__noinline int f35(int x) { return x * 38 + 1; }
__noinline int f36(int x) { return x * 39 + 1; }
__noinline int f37(int x) { return x * 40 + 1; }
__noinline int f38(int x) { return x * 41 + 1; }
__noinline int f39(int x) { return x * 42 + 1; }
__noinline int f40(int x) { return x * 43 + 1; }
__noinline int f41(int x) { return x * 44 + 1; }
__noinline int f42(int x) { return x * 45 + 1; }
__noinline int f43(int x) { return x * 46 + 1; }
__noinline int f44(int x) { return x * 47 + 1; }
__noinline int f45(int x) { return x * 48 + 1; }
__noinline int f46(int x) { return x * 49 + 1; }
__noinline int f47(int x) { return x * 50 + 1; }
__noinline int f48(int x) { return x * 51 + 1; }
__noinline int f49(int x) { return x * 52 + 1; }
__noinline int f50(int x) { return x * 53 + 1; }
__noinline int f51(int x) { return x * 54 + 1; }
__noinline int f52(int x) { return x * 55 + 1; }
__noinline int f53(int x) { return x * 56 + 1; }
__noinline int f54(int x) { return x * 57 + 1; }
__noinline int f55(int x) { return x * 58 + 1; }
__noinline int f56(int x) { return x * 59 + 1; }
__noinline int f57(int x) { return x * 60 + 1; }
__noinline int f58(int x) { return x * 61 + 1; }
__noinline int f59(int x) { return x * 62 + 1; }
__noinline int f60(int x) { return x * 63 + 1; }
__noinline int f61(int x) { return x * 64 + 1; }
__noinline int f62(int x) { return x * 65 + 1; }
__noinline int f63(int x) { return x * 66 + 1; }
__noinline int f64(int x) { return x * 67 + 1; }
__noinline int f65(int x) { return x * 68 + 1; }
__noinline int f66(int x) { return x * 69 + 1; }
__noinline int f67(int x) { return x * 70 + 1; }
__noinline int f68(int x) { return x * 71 + 1; }
__noinline int f69(int x) { return x * 72 + 1; }

SEC("xdp") int big_calls(void *ctx)
{
	int x = 1;

	(void)ctx;
	x = f00(x);
	x = f01(x);
	x = f02(x);
	x = f03(x);
	x = f04(x);
	x = f05(x);
	x = f06(x);
	x = f07(x);
	x = f08(x);
	x = f09(x);
	x = f10(x);
	x = f11(x);
	x = f12(x);
	x = f13(x);
	x = f14(x);
	x = f15(x);
	x = f16(x);
	x = f17(x);
	x = f18(x);
	x = f19(x);
	x = f20(x);
	x = f21(x);
	x = f22(x);
	x = f23(x);
	x = f24(x);
	x = f25(x);
	x = f26(x);
	x = f27(x);
	x = f28(x);
	x = f29(x);
	x = f30(x);
	x = f31(x);
	x = f32(x);
	x = f33(x);
	x = f34(x);
	x = f35(x);
	x = f36(x);
	x = f37(x);
	x = f38(x);
	x = f39(x);
	x = f40(x);
	x = f41(x);
	x = f42(x);
	x = f43(x);
	x = f44(x);
	x = f45(x);
	x = f46(x);
	x = f47(x);
	x = f48(x);
	x = f49(x);
	x = f50(x);
	x = f51(x);
	x = f52(x);
	x = f53(x);
	x = f54(x);
	x = f55(x);
	x = f56(x);
	x = f57(x);
	x = f58(x);
	x = f59(x);
	x = f60(x);
	x = f61(x);
	x = f62(x);
	x = f63(x);
	x = f64(x);
	x = f65(x);
	x = f66(x);
	x = f67(x);
	x = f68(x);
	x = f69(x);
	return x & 3;
}

char _license[] SEC("license") = "GPL";

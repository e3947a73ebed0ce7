/* Unit tests of the low-level BPF calls (src/bpf.c, src/bpf_link.c) over
 * the fake syscall seam: command and attr size of every call, where fields
 * land in the attr, opts sz handling, bad input refused with no system
 * call, no fd left open when bpf() fails, EAGAIN and verifier-log retries
 * of bpf_prog_load. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/bpf.h>

#include "bpf/bpf.h"
#include "compat.h"
#include "fake_sys.h"
#include "t.h"

/* ---- capture of the attrs the library passes --------------------------- */

#define CAP_MAX 8
static unsigned char cap[CAP_MAX][256];
static unsigned int cap_size[CAP_MAX];
static int ncap;
/* scripted results per call (0 = default behaviour) */
static long script[CAP_MAX];

static long capture(int cmd, void *attr, unsigned int size)
{
	long r;

	(void)cmd;
	if (ncap < CAP_MAX) {
		memcpy(cap[ncap], attr, size < 256 ? size : 256);
		cap_size[ncap] = size;
		r = script[ncap];
		ncap++;
		if (r)
			return r;
	}
	/* outputs some calls write back */
	if (cmd == BPF_OBJ_GET_INFO_BY_FD)
		((union bpf_attr *)attr)->info.info_len = 24;
	if (cmd == BPF_LINK_GET_NEXT_ID)
		((union bpf_attr *)attr)->next_id = 77;
	if (cmd == BPF_PROG_TEST_RUN) {
		((union bpf_attr *)attr)->test.retval = 42;
		((union bpf_attr *)attr)->test.duration = 9;
	}
	if (cmd == BPF_PROG_LOAD)
		((struct bl_attr_prog_load *)attr)->log_true_size = 123;
	return FAKE_DEFAULT;
}

static void reset(void)
{
	fake_reset();
	memset(cap, 0, sizeof(cap));
	memset(script, 0, sizeof(script));
	ncap = 0;
	fake_set_bpf_handler(capture);
}

#define U32_AT(i, off) (*(const __u32 *)(const void *)&cap[i][off])
#define U64_AT(i, off) (*(const __u64 *)(const void *)&cap[i][off])
#define PTR(p) ((__u64)(uintptr_t)(p))

static const struct bpf_insn prog2[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

/* The one call made was CMD with SIZE bytes of attr. */
static int one_call(int cmd, unsigned int size)
{
	return fake_total() == 1 && fake_log[0].kind == FK_BPF &&
	       fake_log[0].a0 == cmd && fake_log[0].a2 == (long)size;
}

/* ---- commands and sizes -------------------------------------------------- */

static void test_commands_and_attr_sizes(void)
{
	__u32 k = 1, v = 2, id, len = 8;
	char info[8];
	LIBBPF_OPTS(bpf_test_run_opts, tr);

	reset(); T_ASSERT(bpf_map_create(BPF_MAP_TYPE_ARRAY, "m", 4, 4, 1, NULL) >= 100);
	T_ASSERT(one_call(BPF_MAP_CREATE, 80));
	reset(); T_ASSERT_EQ(bpf_map_update_elem(5, &k, &v, 0), 0);
	T_ASSERT(one_call(BPF_MAP_UPDATE_ELEM, 32));
	reset(); T_ASSERT_EQ(bpf_map_lookup_elem(5, &k, &v), 0);
	T_ASSERT(one_call(BPF_MAP_LOOKUP_ELEM, 32));
	reset(); T_ASSERT_EQ(bpf_map_lookup_and_delete_elem(5, &k, &v), 0);
	T_ASSERT(one_call(BPF_MAP_LOOKUP_AND_DELETE_ELEM, 32));
	reset(); T_ASSERT_EQ(bpf_map_delete_elem(5, &k), 0);
	T_ASSERT(one_call(BPF_MAP_DELETE_ELEM, 32));
	reset(); T_ASSERT_EQ(bpf_map_get_next_key(5, NULL, &v), 0);
	T_ASSERT(one_call(BPF_MAP_GET_NEXT_KEY, 32));
	reset(); T_ASSERT_EQ(bpf_map_freeze(5), 0);
	T_ASSERT(one_call(BPF_MAP_FREEZE, 4));
	reset(); T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, NULL) >= 100);
	T_ASSERT(one_call(BPF_PROG_LOAD, 148));
	reset(); T_ASSERT(bpf_btf_load(info, sizeof(info), NULL) >= 100);
	T_ASSERT(one_call(BPF_BTF_LOAD, 40));
	reset(); T_ASSERT_EQ(bpf_obj_pin(5, "/sys/fs/bpf/x"), 0);
	T_ASSERT(one_call(BPF_OBJ_PIN, 20));
	reset(); T_ASSERT(bpf_obj_get("/sys/fs/bpf/x") >= 100);
	T_ASSERT(one_call(BPF_OBJ_GET, 20));
	reset(); T_ASSERT_EQ(bpf_prog_attach(5, 6, BPF_CGROUP_INET_INGRESS, 0), 0);
	T_ASSERT(one_call(BPF_PROG_ATTACH, 32));
	reset(); T_ASSERT_EQ(bpf_prog_detach(6, BPF_CGROUP_INET_INGRESS), 0);
	T_ASSERT(one_call(BPF_PROG_DETACH, 32));
	T_ASSERT_EQ(U32_AT(0, 4), 0); /* "any program" */
	reset(); T_ASSERT_EQ(bpf_prog_detach2(5, 6, BPF_CGROUP_INET_INGRESS), 0);
	T_ASSERT(one_call(BPF_PROG_DETACH, 32));
	T_ASSERT_EQ(U32_AT(0, 4), 5);
	reset(); T_ASSERT(bpf_link_create(5, 6, BPF_XDP, NULL) >= 100);
	T_ASSERT(one_call(BPF_LINK_CREATE, 64));
	reset(); T_ASSERT_EQ(bpf_link_detach(5), 0);
	T_ASSERT(one_call(BPF_LINK_DETACH, 4));
	reset(); T_ASSERT_EQ(bpf_link_update(5, 6, NULL), 0);
	T_ASSERT(one_call(BPF_LINK_UPDATE, 16));
	reset(); T_ASSERT(bpf_iter_create(5) >= 100);
	T_ASSERT(one_call(BPF_ITER_CREATE, 8));
	reset(); T_ASSERT(bpf_raw_tracepoint_open("sys_enter", 5) >= 100);
	T_ASSERT(one_call(BPF_RAW_TRACEPOINT_OPEN, 24));
	reset(); T_ASSERT_EQ(bpf_link_get_next_id(3, &id), 0);
	T_ASSERT(one_call(BPF_LINK_GET_NEXT_ID, 12));
	T_ASSERT_EQ(U32_AT(0, 0), 3);
	T_ASSERT_EQ(id, 77);
	reset(); T_ASSERT_EQ(bpf_prog_get_next_id(0, &id), 0);
	T_ASSERT(one_call(BPF_PROG_GET_NEXT_ID, 12));
	reset(); T_ASSERT_EQ(bpf_map_get_next_id(0, &id), 0);
	T_ASSERT(one_call(BPF_MAP_GET_NEXT_ID, 12));
	reset(); T_ASSERT_EQ(bpf_btf_get_next_id(0, &id), 0);
	T_ASSERT(one_call(BPF_BTF_GET_NEXT_ID, 12));
	reset(); T_ASSERT(bpf_link_get_fd_by_id(9) >= 100);
	T_ASSERT(one_call(BPF_LINK_GET_FD_BY_ID, 12));
	T_ASSERT_EQ(U32_AT(0, 0), 9);
	reset(); T_ASSERT(bpf_prog_get_fd_by_id(9) >= 100);
	T_ASSERT(one_call(BPF_PROG_GET_FD_BY_ID, 12));
	reset(); T_ASSERT(bpf_map_get_fd_by_id(9) >= 100);
	T_ASSERT(one_call(BPF_MAP_GET_FD_BY_ID, 12));
	reset(); T_ASSERT(bpf_btf_get_fd_by_id(9) >= 100);
	T_ASSERT(one_call(BPF_BTF_GET_FD_BY_ID, 12));
	reset(); T_ASSERT_EQ(bpf_obj_get_info_by_fd(5, info, &len), 0);
	T_ASSERT(one_call(BPF_OBJ_GET_INFO_BY_FD, 16));
	T_ASSERT_EQ(U32_AT(0, 0), 5);
	T_ASSERT_EQ(U32_AT(0, 4), 8);
	T_ASSERT_EQ(U64_AT(0, 8), PTR(info));
	T_ASSERT_EQ(len, 24); /* what the kernel filled */
	reset(); T_ASSERT_EQ(bpf_prog_test_run_opts(5, &tr), 0);
	T_ASSERT(one_call(BPF_PROG_TEST_RUN, 76));
	T_ASSERT_EQ(tr.retval, 42);
	T_ASSERT_EQ(tr.duration, 9);
}

/* ---- fields -------------------------------------------------------------- */

static void test_map_create_fields(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC,
		    .map_extra = 0x1122334455ULL, .inner_map_fd = 7,
		    .numa_node = 3, .token_fd = 12);

	reset();
	T_ASSERT(bpf_map_create(BPF_MAP_TYPE_HASH, "a_name_longer_than_15",
				4, 8, 16, &o) >= 100);
	T_ASSERT_EQ(U32_AT(0, 0), BPF_MAP_TYPE_HASH);
	T_ASSERT_EQ(U32_AT(0, 4), 4);
	T_ASSERT_EQ(U32_AT(0, 8), 8);
	T_ASSERT_EQ(U32_AT(0, 12), 16);
	T_ASSERT_EQ(U32_AT(0, 16), BPF_F_NO_PREALLOC | BL_BPF_F_TOKEN_FD);
	T_ASSERT_EQ(U32_AT(0, 20), 7);
	T_ASSERT_EQ(U32_AT(0, 24), 3);
	T_ASSERT(memcmp(&cap[0][28], "a_name_longer_t\0", 16) == 0);
	T_ASSERT_EQ(U64_AT(0, 64), 0x1122334455ULL);
	T_ASSERT_EQ(U32_AT(0, 76), 12);
}

static void test_prog_load_fields(void)
{
	int fds[2] = { 8, 9 };
	LIBBPF_OPTS(bpf_prog_load_opts, o,
		    .expected_attach_type = BPF_TRACE_RAW_TP,
		    .prog_flags = BPF_F_SLEEPABLE, .kern_version = 0x60100,
		    .attach_btf_id = 1234, .attach_prog_fd = 11,
		    .fd_array = fds, .prog_ifindex = 4);

	reset();
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_TRACING, "prog", "GPL", prog2, 2,
			       &o) >= 100);
	T_ASSERT_EQ(U32_AT(0, 0), BPF_PROG_TYPE_TRACING);
	T_ASSERT_EQ(U32_AT(0, 4), 2);
	T_ASSERT_EQ(U64_AT(0, 8), PTR(prog2));
	T_ASSERT(strcmp((const char *)(uintptr_t)U64_AT(0, 16), "GPL") == 0);
	T_ASSERT_EQ(U32_AT(0, 24), 0); /* no log asked for */
	T_ASSERT_EQ(U64_AT(0, 32), 0);
	T_ASSERT_EQ(U32_AT(0, 40), 0x60100);
	T_ASSERT_EQ(U32_AT(0, 44), BPF_F_SLEEPABLE);
	T_ASSERT(strcmp((const char *)&cap[0][48], "prog") == 0);
	T_ASSERT_EQ(U32_AT(0, 64), 4);
	T_ASSERT_EQ(U32_AT(0, 68), BPF_TRACE_RAW_TP);
	T_ASSERT_EQ(U32_AT(0, 108), 1234);
	T_ASSERT_EQ(U32_AT(0, 112), 11);
	T_ASSERT_EQ(U64_AT(0, 120), PTR(fds));
	T_ASSERT_EQ(o.log_true_size, 123); /* written back */
}

static void test_link_create_unions(void)
{
	unsigned long offs[2] = { 0x10, 0x20 };
	__u64 cookies[2] = { 5, 6 };
	union bpf_iter_link_info ii;

	reset();
	{
		LIBBPF_OPTS(bpf_link_create_opts, o,
			    .perf_event.bpf_cookie = 0xabcdef0123ULL);
		T_ASSERT(bpf_link_create(5, 6, BPF_PERF_EVENT, &o) >= 100);
	}
	T_ASSERT_EQ(U32_AT(0, 0), 5);
	T_ASSERT_EQ(U32_AT(0, 4), 6);
	T_ASSERT_EQ(U32_AT(0, 8), BPF_PERF_EVENT);
	T_ASSERT_EQ(U64_AT(0, 16), 0xabcdef0123ULL);
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .uprobe_multi.path = "/bin/x",
			    .uprobe_multi.offsets = offs,
			    .uprobe_multi.cookies = cookies, .uprobe_multi.cnt = 2,
			    .uprobe_multi.flags = BL_BPF_F_UPROBE_MULTI_RETURN,
			    .uprobe_multi.pid = 4242);
		T_ASSERT(bpf_link_create(5, 0, BL_BPF_TRACE_UPROBE_MULTI, &o) >= 100);
	}
	T_ASSERT(strcmp((const char *)(uintptr_t)U64_AT(1, 16), "/bin/x") == 0);
	T_ASSERT_EQ(U64_AT(1, 24), PTR(offs));
	T_ASSERT_EQ(U64_AT(1, 32), 0);
	T_ASSERT_EQ(U64_AT(1, 40), PTR(cookies));
	T_ASSERT_EQ(U32_AT(1, 48), 2);
	T_ASSERT_EQ(U32_AT(1, 52), BL_BPF_F_UPROBE_MULTI_RETURN);
	T_ASSERT_EQ(U32_AT(1, 56), 4242);
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .netfilter.pf = 2,
			    .netfilter.hooknum = 1, .netfilter.priority = -128,
			    .netfilter.flags = 1);
		T_ASSERT(bpf_link_create(5, 0, BL_BPF_NETFILTER, &o) >= 100);
	}
	T_ASSERT_EQ(U32_AT(2, 16), 2);
	T_ASSERT_EQ(U32_AT(2, 20), 1);
	T_ASSERT_EQ((int)U32_AT(2, 24), -128);
	T_ASSERT_EQ(U32_AT(2, 28), 1);
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .tcx.relative_id = 33,
			    .tcx.expected_revision = 7, .flags = BL_BPF_F_BEFORE);
		T_ASSERT(bpf_link_create(5, 2, BL_BPF_TCX_INGRESS, &o) >= 100);
	}
	T_ASSERT_EQ(U32_AT(3, 12), BL_BPF_F_BEFORE | BL_BPF_F_ID);
	T_ASSERT_EQ(U32_AT(3, 16), 33);
	T_ASSERT_EQ(U64_AT(3, 24), 7);
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .tracing.cookie = 99);
		T_ASSERT(bpf_link_create(5, 0, BPF_TRACE_FENTRY, &o) >= 100);
	}
	T_ASSERT_EQ(U32_AT(4, 16), 0);
	T_ASSERT_EQ(U64_AT(4, 24), 99);
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .iter_info = &ii,
			    .iter_info_len = sizeof(ii));
		T_ASSERT(bpf_link_create(5, 0, BPF_TRACE_ITER, &o) >= 100);
	}
	T_ASSERT_EQ(U64_AT(5, 16), PTR(&ii));
	T_ASSERT_EQ(U32_AT(5, 24), sizeof(ii));
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .target_btf_id = 555);
		T_ASSERT(bpf_link_create(5, 0, BPF_TRACE_RAW_TP, &o) >= 100);
	}
	T_ASSERT_EQ(U32_AT(6, 16), 555);
	T_ASSERT_EQ(fake_total(), 7);

	/* contradictions and stray union bytes: -EINVAL, no system call */
	reset();
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .uprobe_multi.pid = 1);
		T_ASSERT_EQ(bpf_link_create(5, 6, BPF_PERF_EVENT, &o), -EINVAL);
	}
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .tcx.relative_fd = 3,
			    .tcx.relative_id = 4);
		T_ASSERT_EQ(bpf_link_create(5, 2, BL_BPF_TCX_EGRESS, &o), -EINVAL);
	}
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .target_btf_id = 1,
			    .iter_info_len = 4);
		T_ASSERT_EQ(bpf_link_create(5, 0, BPF_TRACE_ITER, &o), -EINVAL);
	}
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .uprobe_multi.cnt = 1);
		T_ASSERT_EQ(bpf_link_create(5, 0, BL_BPF_TRACE_UPROBE_MULTI, &o),
			    -EINVAL); /* no path, no offsets */
	}
	{
		LIBBPF_OPTS(bpf_link_create_opts, o, .perf_event.bpf_cookie = 1);
		T_ASSERT_EQ(bpf_link_create(5, 2, BPF_XDP, &o), -EINVAL);
	}
	T_ASSERT_EQ(fake_total(), 0);
}

static void test_small_calls_fields(void)
{
	LIBBPF_OPTS(bpf_raw_tp_opts, rt, .tp_name = "sys_enter", .cookie = 0x55);
	LIBBPF_OPTS(bpf_link_update_opts, lu, .flags = BPF_F_REPLACE,
		    .old_map_fd = 21);
	LIBBPF_OPTS(bpf_prog_attach_opts, pa, .flags = BPF_F_ALLOW_MULTI,
		    .replace_prog_fd = 4, .relative_id = 8,
		    .expected_revision = 3);
	__u32 k = 3;
	__u64 v = 4;

	reset();
	T_ASSERT(bpf_raw_tracepoint_open_opts(7, &rt) >= 100);
	T_ASSERT_EQ(U64_AT(0, 0), PTR(rt.tp_name));
	T_ASSERT_EQ(U32_AT(0, 8), 7);
	T_ASSERT_EQ(U64_AT(0, 16), 0x55);
	T_ASSERT_EQ(bpf_link_update(5, 6, &lu), 0);
	T_ASSERT_EQ(U32_AT(1, 0), 5);
	T_ASSERT_EQ(U32_AT(1, 4), 6);
	T_ASSERT_EQ(U32_AT(1, 8), BPF_F_REPLACE);
	T_ASSERT_EQ(U32_AT(1, 12), 21);
	T_ASSERT_EQ(bpf_prog_attach_opts(5, 6, BPF_CGROUP_INET_EGRESS, &pa), 0);
	T_ASSERT_EQ(U32_AT(2, 0), 6);
	T_ASSERT_EQ(U32_AT(2, 4), 5);
	T_ASSERT_EQ(U32_AT(2, 8), BPF_CGROUP_INET_EGRESS);
	T_ASSERT_EQ(U32_AT(2, 12), BPF_F_ALLOW_MULTI | BL_BPF_F_ID);
	T_ASSERT_EQ(U32_AT(2, 16), 4);
	T_ASSERT_EQ(U32_AT(2, 20), 8);
	T_ASSERT_EQ(U64_AT(2, 24), 3);
	T_ASSERT_EQ(bpf_map_update_elem(5, &k, &v, BPF_NOEXIST), 0);
	T_ASSERT_EQ(U32_AT(3, 0), 5);
	T_ASSERT_EQ(U64_AT(3, 8), PTR(&k));
	T_ASSERT_EQ(U64_AT(3, 16), PTR(&v));
	T_ASSERT_EQ(U64_AT(3, 24), BPF_NOEXIST);
	T_ASSERT_EQ(bpf_obj_pin(5, "/sys/fs/bpf/p"), 0);
	T_ASSERT(strcmp((const char *)(uintptr_t)U64_AT(4, 0), "/sys/fs/bpf/p") == 0);
	T_ASSERT_EQ(U32_AT(4, 8), 5);
}

/* ---- opts sz ------------------------------------------------------------- */

static void test_opts_sz_handling(void)
{
	struct bpf_prog_load_opts o;
	struct {
		struct bpf_raw_tp_opts o;
		char extra[8];
	} big;

	/* sz ends before expected_attach_type: the field is absent */
	memset(&o, 0, sizeof(o));
	o.sz = offsetof(struct bpf_prog_load_opts, expected_attach_type);
	o.expected_attach_type = BPF_TRACE_FENTRY;
	reset();
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", prog2, 2, &o) >= 100);
	T_ASSERT_EQ(U32_AT(0, 68), 0);
	/* just covering it: present */
	o.sz = offsetofend(struct bpf_prog_load_opts, expected_attach_type);
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", prog2, 2, &o) >= 100);
	T_ASSERT_EQ(U32_AT(1, 68), BPF_TRACE_FENTRY);
	/* sz too small to be an opts at all */
	o.sz = 4;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", prog2, 2, &o),
		    -EINVAL);
	/* a newer caller's larger struct: zero tail accepted, else -EINVAL */
	memset(&big, 0, sizeof(big));
	big.o.sz = sizeof(big);
	big.o.tp_name = "sys_enter";
	T_ASSERT(bpf_raw_tracepoint_open_opts(5, &big.o) >= 100);
	big.extra[3] = 1;
	T_ASSERT_EQ(bpf_raw_tracepoint_open_opts(5, &big.o), -EINVAL);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 3);
	/* an output field that does not fit is not written */
	memset(&o, 0, sizeof(o));
	o.sz = offsetof(struct bpf_prog_load_opts, log_true_size);
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", prog2, 2, &o) >= 100);
	T_ASSERT_EQ(o.log_true_size, 0);
}

/* ---- bad input ----------------------------------------------------------- */

static void test_bad_input_no_syscall(void)
{
	char log[16];
	__u32 k = 0, len = 0;
	LIBBPF_OPTS(bpf_prog_load_opts, buf_no_size, .log_buf = log);
	LIBBPF_OPTS(bpf_prog_load_opts, size_no_buf, .log_size = 16);
	LIBBPF_OPTS(bpf_prog_load_opts, level_no_buf, .log_level = 1);
	LIBBPF_OPTS(bpf_prog_load_opts, neg_attempts, .attempts = -1);
	LIBBPF_OPTS(bpf_link_update_opts, both_old, .old_prog_fd = 3,
		    .old_map_fd = 4);

	reset();
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", NULL, 2, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 0, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2,
				  (size_t)UINT32_MAX + 1, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", NULL, prog2, 2, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &buf_no_size), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &size_no_buf), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &level_no_buf), -EINVAL);
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &neg_attempts), -EINVAL);
	T_ASSERT_EQ(bpf_btf_load(NULL, 8, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_btf_load(log, 0, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_map_update_elem(5, &k, NULL, 0), -EINVAL);
	T_ASSERT_EQ(bpf_map_lookup_elem(5, &k, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_map_lookup_and_delete_elem(5, &k, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_map_delete_elem(5, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_map_get_next_key(5, &k, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_map_lookup_elem(-1, &k, &k), -EBADF);
	T_ASSERT_EQ(bpf_map_update_elem(-1, &k, &k, 0), -EBADF);
	T_ASSERT_EQ(bpf_map_freeze(-1), -EBADF);
	T_ASSERT_EQ(bpf_obj_pin(5, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_obj_pin(-1, "/sys/fs/bpf/x"), -EBADF);
	T_ASSERT_EQ(bpf_obj_get(NULL), -EINVAL);
	T_ASSERT_EQ(bpf_link_create(-1, 3, BPF_XDP, NULL), -EBADF);
	T_ASSERT_EQ(bpf_link_detach(-1), -EBADF);
	T_ASSERT_EQ(bpf_link_update(-1, 3, NULL), -EBADF);
	T_ASSERT_EQ(bpf_link_update(3, -1, NULL), -EBADF);
	T_ASSERT_EQ(bpf_link_update(3, 4, &both_old), -EINVAL);
	T_ASSERT_EQ(bpf_iter_create(-1), -EBADF);
	T_ASSERT_EQ(bpf_raw_tracepoint_open("sys_enter", -1), -EBADF);
	T_ASSERT_EQ(bpf_link_get_next_id(0, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_obj_get_info_by_fd(5, NULL, &len), -EINVAL);
	T_ASSERT_EQ(bpf_obj_get_info_by_fd(5, log, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_obj_get_info_by_fd(5, log, &len), -EINVAL); /* len 0 */
	T_ASSERT_EQ(bpf_obj_get_info_by_fd(-1, log, &len), -EBADF);
	T_ASSERT_EQ(bpf_prog_test_run_opts(-1, NULL), -EBADF);
	T_ASSERT_EQ(bpf_prog_attach(-1, 3, BPF_CGROUP_INET_INGRESS, 0), -EBADF);
	T_ASSERT_EQ(bpf_prog_detach(-1, BPF_CGROUP_INET_INGRESS), -EBADF);
	T_ASSERT_EQ(fake_total(), 0);
}

/* ---- failures leave no fd -------------------------------------------------- */

static void test_failing_bpf_leaves_no_fd(void)
{
	static const int cmds[] = {
		BPF_MAP_CREATE, BPF_PROG_LOAD, BPF_BTF_LOAD, BPF_OBJ_GET,
		BPF_LINK_CREATE, BPF_RAW_TRACEPOINT_OPEN, BPF_ITER_CREATE,
		BPF_PROG_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID,
		BPF_BTF_GET_FD_BY_ID, BPF_LINK_GET_FD_BY_ID,
	};
	char btf[8] = { 0 };

	for (unsigned int i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		int r = 0;

		reset();
		fake_fail(FK_BPF, cmds[i], 1, EPERM);
		switch (cmds[i]) {
		case BPF_MAP_CREATE:
			r = bpf_map_create(BPF_MAP_TYPE_ARRAY, "m", 4, 4, 1, NULL);
			break;
		case BPF_PROG_LOAD:
			r = bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, NULL);
			break;
		case BPF_BTF_LOAD: r = bpf_btf_load(btf, sizeof(btf), NULL); break;
		case BPF_OBJ_GET: r = bpf_obj_get("/sys/fs/bpf/x"); break;
		case BPF_LINK_CREATE: r = bpf_link_create(5, 6, BPF_XDP, NULL); break;
		case BPF_RAW_TRACEPOINT_OPEN:
			r = bpf_raw_tracepoint_open("sys_enter", 5);
			break;
		case BPF_ITER_CREATE: r = bpf_iter_create(5); break;
		case BPF_PROG_GET_FD_BY_ID: r = bpf_prog_get_fd_by_id(1); break;
		case BPF_MAP_GET_FD_BY_ID: r = bpf_map_get_fd_by_id(1); break;
		case BPF_BTF_GET_FD_BY_ID: r = bpf_btf_get_fd_by_id(1); break;
		case BPF_LINK_GET_FD_BY_ID: r = bpf_link_get_fd_by_id(1); break;
		}
		T_ASSERT_EQ(r, -EPERM);
		T_ASSERT_EQ(fake_open_fds(), 0);
		T_ASSERT_EQ(fake_total(), 1);
	}
}

/* ---- bpf_prog_load retries ------------------------------------------------- */

static void test_prog_load_log_retry(void)
{
	char log[64];
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof(log));

	/* log_level 0 + buffer: failure is retried once with log_level 1 */
	reset();
	script[0] = -EACCES;
	script[1] = -EACCES;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &o),
		    -EACCES);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 2);
	T_ASSERT_EQ(U32_AT(0, 24), 0); /* first: no log */
	T_ASSERT_EQ(U32_AT(0, 28), 0);
	T_ASSERT_EQ(U64_AT(0, 32), 0);
	T_ASSERT_EQ(U32_AT(1, 24), 1); /* retry: level 1, caller's buffer */
	T_ASSERT_EQ(U32_AT(1, 28), sizeof(log));
	T_ASSERT_EQ(U64_AT(1, 32), PTR(log));
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* success first time: no retry */
	reset();
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &o) >= 100);
	T_ASSERT_EQ(fake_total(), 1);

	/* an explicit log_level: one call, with the log */
	reset();
	script[0] = -EACCES;
	o.log_level = 2;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &o),
		    -EACCES);
	T_ASSERT_EQ(fake_total(), 1);
	T_ASSERT_EQ(U32_AT(0, 24), 2);
	T_ASSERT_EQ(U64_AT(0, 32), PTR(log));

	/* no buffer: one call */
	reset();
	script[0] = -EACCES;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, NULL),
		    -EACCES);
	T_ASSERT_EQ(fake_total(), 1);

	/* the retry's success is the result */
	reset();
	o.log_level = 0;
	script[0] = -EACCES;
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &o) >= 100);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT_EQ(fake_open_fds(), 1);
}

static void test_prog_load_eagain_retry(void)
{
	LIBBPF_OPTS(bpf_prog_load_opts, two, .attempts = 2);

	reset();
	script[0] = -EAGAIN;
	script[1] = -EAGAIN;
	T_ASSERT(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, NULL) >= 100);
	T_ASSERT_EQ(fake_total(), 3);

	reset(); /* default: 5 attempts */
	for (int i = 0; i < CAP_MAX; i++)
		script[i] = -EAGAIN;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, NULL),
		    -EAGAIN);
	T_ASSERT_EQ(fake_total(), 5);

	reset();
	for (int i = 0; i < CAP_MAX; i++)
		script[i] = -EAGAIN;
	T_ASSERT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", prog2, 2, &two),
		    -EAGAIN);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

int main(void)
{
	T_RUN(test_commands_and_attr_sizes);
	T_RUN(test_map_create_fields);
	T_RUN(test_prog_load_fields);
	T_RUN(test_link_create_unions);
	T_RUN(test_small_calls_fields);
	T_RUN(test_opts_sz_handling);
	T_RUN(test_bad_input_no_syscall);
	T_RUN(test_failing_bpf_leaves_no_fd);
	T_RUN(test_prog_load_log_retry);
	T_RUN(test_prog_load_eagain_retry);
	return T_EXIT_CODE();
}

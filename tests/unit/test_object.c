/* Unit tests of the object loader (src/object*.c, program*.c, map.c) over
 * the fake syscall seam, on the objects tests/bpf/ builds: programs
 * by SEC(), maps from .maps / maps / global data, relocated instructions
 * as BPF_PROG_LOAD receives them, the exact system calls of a load, every
 * bpf() of a load failing in turn (no fd left, pools as before), malformed
 * and truncated objects, pool exhaustion, CO-RE refusal, setters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "bpflink.h"
#include "compat.h"
#include "fake_sys.h"
#include "object.h"
#include "t.h"

/* ---- objects built by tests/bpf/bpf.mk --------------------------------- */

#include "blob.h"
#include "pools.h"

static struct blob b_basic, b_maps, b_three, b_legacy, b_core;

/* ---- capture of what the kernel would see ------------------------------- */

#define MAX_LOADS 8
static struct bpf_insn loaded[MAX_LOADS][512];
static unsigned loaded_cnt[MAX_LOADS];
static char loaded_name[MAX_LOADS][16];
static unsigned loaded_type[MAX_LOADS], loaded_eat[MAX_LOADS];
static unsigned loaded_btf_fd[MAX_LOADS], loaded_nfunc[MAX_LOADS];
static unsigned loaded_nline[MAX_LOADS];
static struct bpf_func_info loaded_func[MAX_LOADS][8];
static struct bpf_line_info loaded_line[MAX_LOADS][64];
static int nloads;
static long btf_load_ret = FAKE_DEFAULT; /* BPF_BTF_LOAD's result */
static unsigned btf_seen_size;
static unsigned char btf_seen[4096]; /* the BTF the kernel would get */
static int btf_log_set; /* a BTF_LOAD came with a log buffer */
static struct bl_attr_map_create created[16];
static int ncreated;

static long capture(int cmd, void *attr, unsigned int size)
{
	(void)size;
	if (cmd == BPF_PROG_LOAD && nloads < MAX_LOADS) {
		struct bl_attr_prog_load *a = attr;
		unsigned n = a->insn_cnt < 512 ? a->insn_cnt : 512;

		memcpy(loaded[nloads], (void *)(uintptr_t)a->insns, n * 8);
		loaded_cnt[nloads] = a->insn_cnt;
		memcpy(loaded_name[nloads], a->prog_name, 16);
		loaded_type[nloads] = a->prog_type;
		loaded_eat[nloads] = a->expected_attach_type;
		loaded_btf_fd[nloads] = a->prog_btf_fd;
		loaded_nfunc[nloads] = a->func_info_cnt;
		loaded_nline[nloads] = a->line_info_cnt;
		if (a->func_info_cnt <= 8 && a->func_info_cnt)
			memcpy(loaded_func[nloads], (void *)(uintptr_t)a->func_info,
			       a->func_info_cnt * sizeof(struct bpf_func_info));
		if (a->line_info_cnt <= 64 && a->line_info_cnt)
			memcpy(loaded_line[nloads], (void *)(uintptr_t)a->line_info,
			       a->line_info_cnt * sizeof(struct bpf_line_info));
		nloads++;
	}
	if (cmd == BPF_BTF_LOAD) {
		struct bl_attr_btf_load *a = attr;

		btf_seen_size = a->btf_size;
		if (a->btf_size <= sizeof(btf_seen))
			memcpy(btf_seen, (void *)(uintptr_t)a->btf, a->btf_size);
		btf_log_set |= a->btf_log_buf != 0 && a->btf_log_level != 0;
		return btf_load_ret;
	}
	if (cmd == BPF_MAP_CREATE && ncreated < 16)
		memcpy(&created[ncreated++], attr, sizeof(created[0]));
	return FAKE_DEFAULT;
}

static const struct bl_attr_map_create *created_named(const char *n)
{
	for (int i = 0; i < ncreated; i++)
		if (strncmp(created[i].map_name, n, 16) == 0)
			return &created[i];
	return &created[15];
}

static void reset(void)
{
	fake_reset();
	fake_set_bpf_handler(capture);
	nloads = ncreated = 0;
	btf_load_ret = FAKE_DEFAULT;
	btf_seen_size = 0;
	btf_log_set = 0;
}

static struct bpf_object *open_named(struct blob *b, const char *name)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .object_name = name);

	return bpf_object__open_mem(b->p, b->n, &o);
}

/* ---- tests --------------------------------------------------------------- */

static void objects_built(void)
{
	T_ASSERT(b_basic.n && b_maps.n && b_three.n && b_legacy.n && b_core.n);
}

static void open_basic_programs(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct bpf_object *obj;
	struct bpf_program *p;
	int n = 0;

	reset();
	obj = bpf_object__open_mem(b_basic.p, b_basic.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(fake_total(), 0); /* open issues no system call */
	T_ASSERT(strcmp(bpf_object__license(obj), "GPL") == 0);
	bpf_object__for_each_program(p, obj)
		n++;
	T_ASSERT_EQ(n, 3);
	p = bpf_object__find_program_by_name(obj, "basic_raw");
	T_ASSERT(p && strcmp(bpf_program__section_name(p), "raw_tp/sys_enter") == 0);
	T_ASSERT_EQ(bpf_program__type(p), BPF_PROG_TYPE_RAW_TRACEPOINT);
	T_ASSERT_EQ(bpf_program__fd(p), -ENOENT);
	T_ASSERT_EQ(bpf_program__insn_cnt(p), 2);
	p = bpf_object__find_program_by_name(obj, "basic_tp");
	T_ASSERT(p && bpf_program__type(p) == BPF_PROG_TYPE_TRACEPOINT);
	p = bpf_object__find_program_by_name(obj, "basic_xdp");
	T_ASSERT(p && bpf_program__type(p) == BPF_PROG_TYPE_XDP);
	T_ASSERT_EQ(bpf_program__expected_attach_type(p), BPF_XDP);
	T_ASSERT(bpf_object__find_program_by_name(obj, "nope") == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT(bpf_object__next_map(obj, NULL) == NULL);
	/* the default name of open_mem: "<addr>-<size>" in hex */
	T_ASSERT(strchr(bpf_object__name(obj), '-') != NULL);

	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(fake_total(), 4);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 3);
	T_ASSERT_EQ(nloads, 3);
	T_ASSERT(strcmp(loaded_name[0], "basic_raw") == 0);
	T_ASSERT_EQ(loaded_type[2], BPF_PROG_TYPE_XDP);
	T_ASSERT_EQ(loaded_eat[2], BPF_XDP);
	T_ASSERT(bpf_program__fd(p) >= FAKE_FD_BASE);
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL); /* loaded already */
	T_ASSERT_EQ(bpf_program__set_autoload(p, false), -EBUSY);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT(same_pools(st0, pools()));
	T_ASSERT(bpf_object__name(obj) == NULL); /* the slot is free */
	bpf_object__close(obj); /* idempotent, no system call */
	bpf_object__close(NULL);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 4); /* 3 programs, the BTF */
	T_ASSERT_EQ(fake_total(), 8); /* and nothing else either */
	T_ASSERT(same_pools(st0, pools()));
}

static void sec_conventions(void)
{
	static const struct {
		const char *sec;
		int type, eat, flags;
	} cases[] = {
		{ "kprobe/do_sys_open", BPF_PROG_TYPE_KPROBE, 0, 0 },
		{ "kretprobe/x", BPF_PROG_TYPE_KPROBE, 0, 0 },
		{ "uprobe/bin:f", BPF_PROG_TYPE_KPROBE, 0, 0 },
		{ "uprobe.s/bin:f", BPF_PROG_TYPE_KPROBE, 0, BPF_F_SLEEPABLE },
		{ "uprobe.multi/b:f*", BPF_PROG_TYPE_KPROBE, BL_BPF_TRACE_UPROBE_MULTI, 0 },
		{ "ksyscall/bpf", BPF_PROG_TYPE_KPROBE, 0, 0 },
		{ "tracepoint/a/b", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
		{ "tp/a/b", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
		{ "raw_tracepoint/x", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0 },
		{ "raw_tp.w/x", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0 },
		{ "tp_btf/sched_switch", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, 0 },
		{ "fentry/f", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, 0 },
		{ "fexit.s/f", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, BPF_F_SLEEPABLE },
		{ "fmod_ret/f", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, 0 },
		{ "lsm/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, 0 },
		{ "lsm.s/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, BPF_F_SLEEPABLE },
		{ "iter/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, 0 },
		{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0 },
		{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, BPF_F_XDP_HAS_FRAGS },
		{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0 },
		{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
		{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_INGRESS, 0 },
		{ "tc/egress", BPF_PROG_TYPE_SCHED_CLS, BL_BPF_TCX_EGRESS, 0 },
		{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, 0 },
		{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, 0 },
		{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, 0 },
		{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, 0 },
		{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 0 },
		{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, 0 },
		{ "netfilter", BL_BPF_PROG_TYPE_NETFILTER, BL_BPF_NETFILTER, 0 },
		{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0 },
		{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0 },
		{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, 0 },
		{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, 0 },
		{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, BPF_F_SLEEPABLE },
	};
	static const char *unknown[] = { "xdpfoo", "tpx/a", "kprobex", "cgroup/nope",
					 "tc/ingressx", "sk_lookup/x", "" };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint16_t d = bl_sec_find(cases[i].sec);

		if (d == BL_NONE_IDX) {
			t_puts(cases[i].sec);
			t_puts("\n");
		}
		T_ASSERT(d != BL_NONE_IDX);
		T_ASSERT_EQ(bl_sec_defs[d].prog_type, cases[i].type);
		T_ASSERT_EQ(bl_sec_defs[d].attach_type, cases[i].eat);
		T_ASSERT_EQ(((bl_sec_defs[d].flags & BL_SEC_SLEEPABLE) ? BPF_F_SLEEPABLE : 0) |
				    ((bl_sec_defs[d].flags & BL_SEC_XDP_FRAGS) ? BPF_F_XDP_HAS_FRAGS : 0),
			    cases[i].flags);
	}
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		T_ASSERT(bl_sec_find(unknown[i]) == BL_NONE_IDX);
}

static const struct bpf_map *map_named(struct bpf_object *obj, const char *n)
{
	return bpf_object__find_map_by_name(obj, n);
}

static void maps_and_relocations(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct bpf_object *obj;
	const struct bpf_map *counters, *by_nr, *ro, *data, *bss;
	struct bpf_program *p;
	int map_fd_refs = 0, value_refs = 0, calls = 0;

	reset();
	obj = open_named(&b_maps, "obj_maps");
	T_ASSERT(obj != NULL);
	counters = map_named(obj, "counters");
	by_nr = map_named(obj, "by_nr");
	ro = map_named(obj, ".rodata");
	data = map_named(obj, ".data");
	bss = map_named(obj, ".bss");
	T_ASSERT(counters && by_nr && ro && data && bss);
	T_ASSERT(map_named(obj, "obj_maps.rodata") == ro); /* kernel name too */
	T_ASSERT(strcmp(bpf_map__name(ro), "obj_maps.rodata") == 0);
	T_ASSERT(strcmp(bpf_map__name(bss), "obj_maps.bss") == 0);
	T_ASSERT_EQ(bpf_map__type(counters), BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(bpf_map__key_size(counters), 4);
	T_ASSERT_EQ(bpf_map__value_size(counters), 8);
	T_ASSERT_EQ(bpf_map__max_entries(counters), 4);
	T_ASSERT_EQ(bpf_map__type(by_nr), BPF_MAP_TYPE_HASH);
	T_ASSERT_EQ(bpf_map__map_flags(by_nr), BPF_F_NO_PREALLOC);
	T_ASSERT_EQ(bpf_map__max_entries(by_nr), 16);
	T_ASSERT_EQ(bpf_map__value_size(ro), 4);
	T_ASSERT_EQ(bpf_map__map_flags(ro), BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);
	T_ASSERT_EQ(bpf_map__map_flags(data), BPF_F_MMAPABLE);
	T_ASSERT_EQ(bpf_map__value_size(bss), 16);
	T_ASSERT(bpf_map__is_internal(bss) && !bpf_map__is_internal(counters));
	T_ASSERT_EQ(bpf_map__fd(counters), -1);
	{ /* .data's initial value, in place */
		size_t sz = 0;
		const int *v = bpf_map__initial_value((struct bpf_map *)data, &sz);

		T_ASSERT(v && sz == 4 && *v == 110);
	}
	T_ASSERT_EQ(fake_total(), 0);

	T_ASSERT_EQ(bpf_object__load(obj), 0);
	/* 5 maps; .data gets its initial value (110), .rodata is all zero so
	 * needs no update but is frozen; 3 programs */
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_CREATE), 5);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_UPDATE_ELEM), 1);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_FREEZE), 1);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 3);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1);
	T_ASSERT_EQ(fake_total(), 11);
	/* ELF order of .maps is its DATASEC's (by_nr first), as libbpf */
	T_ASSERT(strcmp(bpf_map__name(bpf_object__next_map(obj, NULL)), "by_nr") == 0);
	T_ASSERT_EQ(created_named("counters")->map_type, BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(created_named("by_nr")->map_flags, BPF_F_NO_PREALLOC);
	T_ASSERT_EQ(created_named("obj_maps.rodata")->map_flags,
		    BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);

	p = bpf_object__find_program_by_name(obj, "count_enter");
	T_ASSERT(p != NULL);
	T_ASSERT(strcmp(loaded_name[0], "count_enter") == 0);
	T_ASSERT_EQ(bpf_program__insn_cnt(p), loaded_cnt[0]);
	for (unsigned i = 0; i < loaded_cnt[0]; i++) {
		struct bpf_insn *in = &loaded[0][i];

		if (in->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (in->src_reg == BPF_PSEUDO_MAP_FD) {
				T_ASSERT(in->imm == bpf_map__fd(counters) ||
					 in->imm == bpf_map__fd(by_nr));
				map_fd_refs++;
			} else if (in->src_reg == BPF_PSEUDO_MAP_VALUE) {
				T_ASSERT(in->imm == bpf_map__fd(ro) ||
					 in->imm == bpf_map__fd(data) ||
					 in->imm == bpf_map__fd(bss));
				T_ASSERT(in[1].imm >= 0 && in[1].imm < 16);
				value_refs++;
			}
			i++;
		} else if (in->code == (BPF_JMP | BPF_CALL) &&
			   in->src_reg == BPF_PSEUDO_CALL) {
			int t = (int)i + in->imm + 1;

			T_ASSERT(t > 0 && (unsigned)t < loaded_cnt[0]);
			calls++;
		}
	}
	T_ASSERT(map_fd_refs >= 2);  /* counters in bump, by_nr in note_nr */
	T_ASSERT(value_refs >= 3);   /* target_pid, watch_nr, bss_hits */
	T_ASSERT_EQ(calls, 2);       /* bump and note_nr appended */
	/* tp_getppid calls bump too: its own copy */
	T_ASSERT(loaded_cnt[1] > bpf_program__insn_cnt(
			bpf_object__find_program_by_name(obj, "xdp_pass")));

	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT(same_pools(st0, pools()));
}

/* The benchmark shape: 3 programs, one map, .rodata, .bss. */
static void three_program_load_syscalls(void)
{
	struct bpf_object *obj;

	reset();
	obj = open_named(&b_three, "three");
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	/* the BTF loaded, map + .rodata + .bss created, .rodata's value
	 * (limit = 7) set and frozen, 3 programs: 9 calls, all bpf() */
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1);
	T_ASSERT_EQ(fake_log[0].a0, BPF_BTF_LOAD);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_CREATE), 3);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_UPDATE_ELEM), 1);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_FREEZE), 1);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 3);
	T_ASSERT_EQ(fake_total(), 9);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 9);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* Every bpf() of a load fails in turn: the load fails with that error,
 * every fd made (the BTF's too) is closed, the pools are as before once
 * closed; except the first, BPF_BTF_LOAD: its failure is no load failure
 * (libbpf's rule), the object loads without BTF. */
static void load_fault_sweep(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct blob *objs[] = { &b_maps, &b_three, &b_legacy };

	for (unsigned k = 0; k < 3; k++) {
		int total;

		reset();
		{
			struct bpf_object *obj = open_named(objs[k], "sweep");

			T_ASSERT(obj != NULL);
			T_ASSERT_EQ(bpf_object__load(obj), 0);
			total = fake_count(FK_BPF, -1);
			bpf_object__close(obj);
		}
		for (int n = 1; n <= total; n++) {
			struct bpf_object *obj;
			int err;

			reset();
			obj = open_named(objs[k], "sweep");
			T_ASSERT(obj != NULL);
			fake_fail(FK_BPF, -1, n, EPERM);
			err = bpf_object__load(obj);
			if (n == 1) { /* BPF_BTF_LOAD: the load goes on without */
				T_ASSERT_EQ(fake_log[0].a0, BPF_BTF_LOAD);
				T_ASSERT_EQ(err, 0);
				T_ASSERT_EQ(bpf_object__btf_fd(obj), -1);
				T_ASSERT(strstr(bpflink_object_diag(), "BTF") != NULL);
				T_ASSERT_EQ(fake_count(FK_BPF, -1), total);
				for (int i = 0; i < nloads; i++) {
					T_ASSERT_EQ(loaded_btf_fd[i], 0);
					T_ASSERT_EQ(loaded_nfunc[i], 0);
				}
				for (int i = 0; i < ncreated; i++)
					T_ASSERT_EQ(created[i].btf_fd, 0);
				bpf_object__close(obj);
				T_ASSERT_EQ(fake_open_fds(), 0);
				T_ASSERT_EQ(fake_double_closes, 0);
				continue;
			}
			T_ASSERT_EQ(err, -EPERM);
			T_ASSERT(bpflink_object_diag()[0] != '\0');
			T_ASSERT_EQ(fake_open_fds(), 0); /* closed at once */
			T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
			bpf_object__close(obj);
			T_ASSERT_EQ(fake_open_fds(), 0);
			T_ASSERT_EQ(fake_double_closes, 0);
			T_ASSERT(same_pools(st0, pools()));
		}
	}
}

static void malformed_objects(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	static unsigned char buf[16384];
	struct bpf_object *obj;
	unsigned opened = 0, refused = 0;

	reset();
	/* every truncation of the maps object */
	for (size_t n = 0; n < b_maps.n; n += (n < 128 ? 1 : 61)) {
		obj = bpf_object__open_mem(b_maps.p, n, NULL);
		if (obj) {
			opened++;
			bpf_object__close(obj);
		} else {
			refused++;
			T_ASSERT(libbpf_get_error(NULL) < 0);
		}
		T_ASSERT(same_pools(st0, pools()));
	}
	T_ASSERT(refused > 0);
	/* single-byte corruptions */
	T_ASSERT(b_maps.n <= sizeof(buf));
	for (size_t i = 0; i < b_maps.n; i += 7) {
		memcpy(buf, b_maps.p, b_maps.n);
		buf[i] ^= 0xff;
		obj = bpf_object__open_mem(buf, b_maps.n, NULL);
		if (obj)
			bpf_object__close(obj);
		T_ASSERT(same_pools(st0, pools()));
	}
	T_ASSERT_EQ(fake_total(), 0);
	/* not an ELF, not BPF */
	T_ASSERT(bpf_object__open_mem("hello", 5, NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOEXEC);
	T_ASSERT(bpf_object__open_mem(NULL, 5, NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	(void)opened;
}

static void pool_exhaustion(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct bpf_object *objs[BPFLINK_MAX_OBJECTS + 1];
	unsigned n = 0;

	reset();
	while (n < BPFLINK_MAX_OBJECTS + 1) {
		objs[n] = bpf_object__open_mem(b_basic.p, b_basic.n, NULL);
		if (!objs[n])
			break;
		n++;
	}
	T_ASSERT_EQ(n, BPFLINK_MAX_OBJECTS - st0.objects);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOSPC);
	T_ASSERT(strstr(bpflink_object_diag(), "BPFLINK_MAX_OBJECTS") != NULL);
	while (n > 0)
		bpf_object__close(objs[--n]);
	T_ASSERT(same_pools(st0, pools()));
}

static void core_refused(void)
{
	struct bpf_object *obj;

	reset();
	obj = open_named(&b_core, "core");
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), -EOPNOTSUPP);
	T_ASSERT(strstr(bpflink_object_diag(), "CO-RE") != NULL);
	T_ASSERT(strstr(bpflink_object_diag(), "raw_tp/sys_enter") != NULL);
	T_ASSERT(strstr(bpflink_object_diag(), "0:1") != NULL); /* ->tgid */
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__close(obj);
}

static void legacy_maps_and_version(void)
{
	struct bpf_object *obj;
	const struct bpf_map *a, *h, *s;

	reset();
	obj = open_named(&b_legacy, "legacy");
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__kversion(obj), 0x060000);
	a = map_named(obj, "legacy_arr");
	h = map_named(obj, "legacy_hash");
	s = map_named(obj, ".rodata.str1.1");
	T_ASSERT(a && h);
	T_ASSERT_EQ(bpf_map__type(a), BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(bpf_map__value_size(a), 8);
	T_ASSERT_EQ(bpf_map__max_entries(a), 2);
	T_ASSERT_EQ(bpf_map__type(h), BPF_MAP_TYPE_HASH);
	T_ASSERT_EQ(bpf_map__max_entries(h), 8);
	if (s)
		T_ASSERT(strcmp(bpf_map__name(s), ".rodata.str1.1") == 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void setters_before_load(void)
{
	struct bpf_object *obj;
	struct bpf_map *counters, *ro;
	struct bpf_program *xdp;
	static int ro_value = 4242;
	char log[64];

	reset();
	obj = open_named(&b_maps, "obj_maps");
	T_ASSERT(obj != NULL);
	counters = bpf_object__find_map_by_name(obj, "counters");
	ro = bpf_object__find_map_by_name(obj, ".rodata");
	xdp = bpf_object__find_program_by_name(obj, "xdp_pass");
	T_ASSERT_EQ(bpf_program__set_autoload(xdp, false), 0);
	T_ASSERT_EQ(bpf_map__set_max_entries(counters, 64), 0);
	T_ASSERT_EQ(bpf_map__set_value_size(counters, 16), 0);
	T_ASSERT_EQ(bpf_map__set_initial_value(ro, &ro_value, 3), -EINVAL);
	T_ASSERT_EQ(bpf_map__set_initial_value(ro, &ro_value, 4), 0);
	T_ASSERT_EQ(bpf_program__set_log_buf(xdp, log, sizeof(log)), 0);
	T_ASSERT_EQ(bpf_map__set_pin_path(counters, "/sys/fs/bpf/x"), 0);
	T_ASSERT(strcmp(bpf_map__pin_path(counters), "/sys/fs/bpf/x") == 0);
	T_ASSERT_EQ(bpf_map__set_pin_path(counters, NULL), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 2);
	T_ASSERT_EQ(created_named("counters")->max_entries, 64);
	T_ASSERT_EQ(created_named("counters")->value_size, 16);
	/* .data and now .rodata carry initial values */
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_UPDATE_ELEM), 2);
	T_ASSERT_EQ(bpf_program__fd(xdp), -ENOENT);
	T_ASSERT_EQ(bpf_map__set_max_entries(counters, 2), -EBUSY);
	T_ASSERT_EQ(bpf_program__set_type(xdp, BPF_PROG_TYPE_XDP), -EBUSY);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void unknown_section_needs_type(void)
{
	struct bpf_object *obj;
	struct bpf_program *p;

	/* every program gets its type from SEC(); set_type on a known one
	 * overrides it (the attr shows the new type) */
	reset();
	obj = open_named(&b_basic, "basic");
	p = bpf_object__find_program_by_name(obj, "basic_xdp");
	T_ASSERT_EQ(bpf_program__set_type(p, BPF_PROG_TYPE_SOCKET_FILTER), 0);
	T_ASSERT_EQ(bpf_program__set_expected_attach_type(p, 0), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(loaded_type[2], BPF_PROG_TYPE_SOCKET_FILTER);
	T_ASSERT_EQ(loaded_eat[2], 0);
	bpf_object__close(obj);
	/* an unknown type refuses the load before any system call */
	reset();
	obj = open_named(&b_basic, "basic");
	p = bpf_object__find_program_by_name(obj, "basic_tp");
	T_ASSERT_EQ(bpf_program__set_type(p, BPF_PROG_TYPE_UNSPEC), 0);
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	T_ASSERT(strstr(bpflink_object_diag(), "basic_tp") != NULL);
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__close(obj);
}

static void attach_dispatch_fake(void)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	struct bpf_link *l;

	reset();
	obj = open_named(&b_basic, "basic");
	p = bpf_object__find_program_by_name(obj, "basic_raw");
	T_ASSERT(bpf_program__attach(p) == NULL); /* not loaded */
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	l = bpf_program__attach(p);
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_RAW_TRACEPOINT_OPEN), 1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	p = bpf_object__find_program_by_name(obj, "basic_xdp");
	T_ASSERT(bpf_program__attach(p) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EOPNOTSUPP);
	/* bpf_object__attach: raw_tp attached, tp fails (no tracefs in the
	 * fake): everything made is destroyed */
	T_ASSERT(bpf_object__attach(obj) < 0);
	T_ASSERT(bpflink_program_link(bpf_object__find_program_by_name(obj, "basic_raw")) == NULL);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* open_file: openat, fstat (the fake's reports size 0: -ENODATA before
 * any mmap), and each failing in turn: the error comes back, no fd stays
 * open, no slot is taken. */
static void open_file_faults(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	const enum fake_kind kinds[] = { FK_OPENAT, FK_FSTAT };

	reset();
	fake_set_file("/obj.o", "x");
	T_ASSERT(bpf_object__open_file("/obj.o", NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENODATA);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	for (unsigned k = 0; k < 2; k++) {
		reset();
		fake_set_file("/obj.o", "x");
		fake_fail(kinds[k], -1, 1, EACCES);
		T_ASSERT(bpf_object__open_file("/obj.o", NULL) == NULL);
		T_ASSERT_EQ(libbpf_get_error(NULL), -EACCES);
		T_ASSERT_EQ(fake_open_fds(), 0);
		T_ASSERT(same_pools(st0, pools()));
	}
	T_ASSERT(bpf_object__open_file(NULL, NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
}

static void update_program_and_wrappers(void)
{
	struct bpf_object *obj;
	struct bpf_program *a, *b;
	struct bpf_link *l;

	reset();
	obj = open_named(&b_three, "three");
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	a = bpf_object__find_program_by_name(obj, "three_a");
	b = bpf_object__find_program_by_name(obj, "three_b");
	l = bpf_program__attach_raw_tracepoint(a, "sys_enter");
	T_ASSERT(l != NULL);
	T_ASSERT_EQ(bpf_link__update_program(l, b), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_LINK_UPDATE), 1);
	T_ASSERT_EQ(bpf_link__update_program(l, NULL), -EINVAL);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	/* wrappers refuse a program that is not loaded, with no system call */
	bpf_object__close(obj);
	reset();
	obj = open_named(&b_three, "three");
	a = bpf_object__find_program_by_name(obj, "three_a");
	T_ASSERT(bpf_program__attach_raw_tracepoint(a, "sys_enter") == NULL);
	T_ASSERT(bpf_program__attach_xdp(a, 1) == NULL);
	T_ASSERT(bpf_program__attach_cgroup(a, 3) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__close(obj);
}

int main(void)
{
	b_basic = load_blob("obj_basic");
	b_maps = load_blob("obj_maps");
	b_three = load_blob("obj_three");
	b_legacy = load_blob("obj_legacy");
	b_core = load_blob("obj_core");
	T_RUN(objects_built);
	if (t_nfail)
		return T_EXIT_CODE();
	T_RUN(open_basic_programs);
	T_RUN(sec_conventions);
	T_RUN(maps_and_relocations);
	T_RUN(three_program_load_syscalls);
	T_RUN(load_fault_sweep);
	T_RUN(malformed_objects);
	T_RUN(pool_exhaustion);
	T_RUN(core_refused);
	T_RUN(legacy_maps_and_version);
	T_RUN(setters_before_load);
	T_RUN(unknown_section_needs_type);
	T_RUN(attach_dispatch_fake);
	T_RUN(open_file_faults);
	T_RUN(update_program_and_wrappers);
	return T_EXIT_CODE();
}

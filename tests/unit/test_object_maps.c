/* Unit tests of the object loader's map features over the fake syscall
 * seam, on objects tests/bpf/ builds:
 * - map-in-map and program arrays (obj_mim): the inner template (seen
 *   before load, created for the outer map's inner_map_fd and closed right
 *   after), the `values` slots written with the right fds once maps /
 *   programs exist, bpf_map__set_inner_map_fd, refusals;
 * - pinning (obj_pin): the pin root's last directory made (0700) and
 *   checked to be bpffs; a failed load leaves no pin and no directory;
 * - the fault sweep: every system call of a load (bpf, mkdirat, statfs,
 *   close) failing in turn, on every object: the load fails with that
 *   error (a failing close is ignored), every fd made is closed at once,
 *   no pin or directory is left, the pools are as before once closed;
 * - limits: each pool and table of the loader full, the diagnostic naming
 *   its macro, the pools as before. */
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

#define BPFFS_MAGIC 0xcafe4a11L

#include "blob.h"
#include "pools.h"

static struct blob b_mim, b_pin, b_maps, b_three, b_legacy, b_basic;
static struct blob b_many_maps, b_many_progs, b_big_prog;
static struct blob b_kconfig, b_kconfig_big;

#define FAKE_CONFIG "/boot/config-6.18.0-fake"
static const char kcfg_text[] =
	"# comment\n"
	"CONFIG_BL_NUM=-42\n"
	"# CONFIG_BL_OTHER is not set\n"
	"CONFIG_BL_BOOL=y\n"
	"CONFIG_BL_TRI=m\n"
	"CONFIG_BL_STR=\"abcdefghij\"\n"
	"CONFIG_BL_HEX=0x123456789a\n";

/* ---- what the kernel would see ------------------------------------------ */

struct created {
	struct bl_attr_map_create a;
	int fd;
};
static struct created created[32];
static int ncreated;
struct update {
	int map_fd;
	uint32_t key;
	uint32_t value;
	unsigned char bytes[64]; /* the value's first 64 bytes */
	int after_prog_loads; /* BPF_PROG_LOADs before it */
};
static struct update updates[32];
static int nupdates, nprogloads;

static long capture(int cmd, void *attr, unsigned int size)
{
	union bpf_attr *u = attr;

	(void)size;
	if (cmd == BPF_MAP_CREATE && ncreated < 32) {
		memcpy(&created[ncreated].a, attr, sizeof(created[0].a));
		created[ncreated].fd = fake_new_fd();
		return created[ncreated++].fd;
	}
	if (cmd == BPF_PROG_LOAD)
		nprogloads++;
	if (cmd == BPF_MAP_UPDATE_ELEM && nupdates < 32) {
		struct update *x = &updates[nupdates++];

		x->map_fd = (int)u->map_fd;
		memcpy(&x->key, (void *)(uintptr_t)u->key, 4);
		memcpy(&x->value, (void *)(uintptr_t)u->value, 4);
		memcpy(x->bytes, (void *)(uintptr_t)u->value, sizeof(x->bytes));
		x->after_prog_loads = nprogloads;
	}
	if (cmd == BPF_OBJ_GET_INFO_BY_FD) { /* obj_pin's pinned_cnt */
		struct bpf_map_info *i = (void *)(uintptr_t)u->info.info;

		memset(i, 0, u->info.info_len);
		i->type = BPF_MAP_TYPE_ARRAY;
		i->key_size = 4;
		i->value_size = 8;
		i->max_entries = 1;
		return 0;
	}
	if (cmd == BPF_OBJ_GET)
		return fake_path_exists((const char *)(uintptr_t)u->pathname)
			       ? FAKE_DEFAULT
			       : -ENOENT;
	return FAKE_DEFAULT;
}

static const struct created *created_named(const char *n)
{
	for (int i = 0; i < ncreated; i++)
		if (strncmp(created[i].a.map_name, n, 16) == 0)
			return &created[i];
	return NULL;
}

static void reset(void)
{
	fake_reset();
	fake_set_bpf_handler(capture);
	fake_set_fs_magic("/sys/fs/bpf", BPFFS_MAGIC);
	ncreated = nupdates = nprogloads = 0;
}

static struct bpf_object *open_blob(struct blob *b, const char *pin_root)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .object_name = "t",
		    .pin_root_path = pin_root);

	return bpf_object__open_mem(b->p, b->n, &o);
}

static int diag_has(const char *s)
{
	return strstr(bpflink_object_diag(), s) != NULL;
}

/* ---- map-in-map ----------------------------------------------------------- */

static void objects_built(void)
{
	T_ASSERT(b_mim.n && b_pin.n && b_maps.n && b_three.n && b_legacy.n &&
		 b_basic.n && b_many_maps.n && b_many_progs.n && b_big_prog.n &&
		 b_kconfig.n && b_kconfig_big.n);
}

static void mim_open(void)
{
	struct bpflink_object_pool_stats st0 = pools(), st1;
	struct bpf_object *obj;
	struct bpf_map *m, *outer, *outer_hash, *jmp, *in;
	int n = 0;

	reset();
	obj = open_blob(&b_mim, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__for_each_map(m, obj)
		n++;
	T_ASSERT_EQ(n, 6); /* templates are not listed, as libbpf */
	st1 = pools();
	T_ASSERT_EQ(st1.maps, st0.maps + 8); /* ... but hold a slot each */
	outer = bpf_object__find_map_by_name(obj, "outer");
	outer_hash = bpf_object__find_map_by_name(obj, "outer_hash");
	jmp = bpf_object__find_map_by_name(obj, "jmp");
	T_ASSERT(outer && outer_hash && jmp);
	T_ASSERT_EQ(bpf_map__value_size(outer), 4);
	T_ASSERT_EQ(bpf_map__key_size(outer), 4);
	T_ASSERT_EQ(bpf_map__max_entries(outer_hash), 4);
	T_ASSERT_EQ(bpf_map__value_size(jmp), 4);
	T_ASSERT(bpf_map__inner_map(jmp) == NULL);
	in = bpf_map__inner_map(outer);
	T_ASSERT(in != NULL);
	T_ASSERT(strcmp(bpf_map__name(in), "outer.inner") == 0);
	T_ASSERT(strcmp(bpf_map__name(bpf_map__inner_map(outer_hash)),
			"outer_hash.inne") == 0); /* 15 characters */
	T_ASSERT_EQ(bpf_map__type(in), BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(bpf_map__key_size(in), 4);
	T_ASSERT_EQ(bpf_map__value_size(in), 8);
	T_ASSERT_EQ(bpf_map__max_entries(in), 1);
	T_ASSERT(bpf_map__inner_map(in) == NULL);
	T_ASSERT(bpf_object__find_map_by_name(obj, "outer.inner") == NULL);
	bpf_object__close(obj);
	T_ASSERT(same_pools(st0, pools()));
}

static void mim_load(void)
{
	struct bpf_object *obj;
	struct bpf_map *outer, *outer_hash, *jmp, *a, *b, *in;
	const struct created *tmpl, *tmpl2, *c;
	struct bpf_program *tail;
	int closes;

	reset();
	obj = open_blob(&b_mim, NULL);
	T_ASSERT(obj != NULL);
	outer = bpf_object__find_map_by_name(obj, "outer");
	outer_hash = bpf_object__find_map_by_name(obj, "outer_hash");
	jmp = bpf_object__find_map_by_name(obj, "jmp");
	a = bpf_object__find_map_by_name(obj, "inner_a");
	b = bpf_object__find_map_by_name(obj, "inner_b");
	tail = bpf_object__find_program_by_name(obj, "mim_tail");
	/* the template's definition can be changed before load */
	in = bpf_map__inner_map(outer_hash);
	T_ASSERT_EQ(bpf_map__set_map_flags(in, BPF_F_NO_PREALLOC), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT(bpf_map__inner_map(outer) == NULL);
	/* 6 maps + 2 templates; 3 slots (2 maps, 1 program); 2 programs;
	 * the 2 templates closed: nothing else */
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_CREATE), 8);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_UPDATE_ELEM), 3);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 2);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_FREEZE), 1);
	closes = fake_count(FK_CLOSE, -1);
	T_ASSERT_EQ(closes, 2);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1);
	T_ASSERT_EQ(fake_total(), 17);
	tmpl = created_named("outer.inner");
	tmpl2 = created_named("outer_hash.inne");
	T_ASSERT(tmpl && tmpl2);
	T_ASSERT_EQ(tmpl->a.map_type, BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(tmpl->a.value_size, 8);
	T_ASSERT_EQ(tmpl2->a.map_flags, BPF_F_NO_PREALLOC);
	/* each template: created, then its outer map, then closed */
	for (int i = 0, k = 0; i + 2 < fake_ncalls; i++) {
		if (fake_log[i].kind != FK_BPF || fake_log[i].a0 != BPF_MAP_CREATE)
			continue;
		if (&created[k] == tmpl || &created[k] == tmpl2) {
			T_ASSERT(fake_log[i + 1].a0 == BPF_MAP_CREATE);
			T_ASSERT_EQ(fake_log[i + 2].kind, FK_CLOSE);
			T_ASSERT_EQ(fake_log[i + 2].a0, created[k].fd);
		}
		k++;
	}
	c = created_named("outer");
	T_ASSERT(c && c->a.inner_map_fd == (unsigned)tmpl->fd);
	T_ASSERT_EQ(c->a.map_type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	c = created_named("outer_hash");
	T_ASSERT(c && c->a.inner_map_fd == (unsigned)tmpl2->fd);
	T_ASSERT_EQ(created_named("jmp")->a.inner_map_fd, 0);
	/* BTF ids: the inner maps and their templates have them, map-in-map
	 * and program arrays are created without (as libbpf ends up) */
	T_ASSERT(created_named("inner_a")->a.btf_fd != 0);
	T_ASSERT(created_named("inner_a")->a.btf_value_type_id != 0);
	T_ASSERT_EQ(tmpl->a.btf_fd, created_named("inner_a")->a.btf_fd);
	T_ASSERT_EQ(tmpl->a.btf_value_type_id,
		    created_named("inner_a")->a.btf_value_type_id);
	T_ASSERT_EQ(created_named("outer")->a.btf_fd, 0);
	T_ASSERT_EQ(created_named("jmp")->a.btf_fd, 0);
	T_ASSERT_EQ(created_named("inner_a")->a.inner_map_fd, 0);
	/* the slots: maps before any program, the program after both */
	T_ASSERT_EQ(nupdates, 3);
	T_ASSERT_EQ(updates[0].map_fd, bpf_map__fd(outer));
	T_ASSERT_EQ(updates[0].key, 0);
	T_ASSERT_EQ(updates[0].value, bpf_map__fd(a));
	T_ASSERT_EQ(updates[0].after_prog_loads, 0);
	T_ASSERT_EQ(updates[1].map_fd, bpf_map__fd(outer_hash));
	T_ASSERT_EQ(updates[1].key, 3);
	T_ASSERT_EQ(updates[1].value, bpf_map__fd(b));
	T_ASSERT_EQ(updates[2].map_fd, bpf_map__fd(jmp));
	T_ASSERT_EQ(updates[2].key, 0);
	T_ASSERT_EQ(updates[2].value, bpf_program__fd(tail));
	T_ASSERT_EQ(updates[2].after_prog_loads, 2);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

static void mim_set_inner_map_fd(void)
{
	struct bpf_object *obj;
	struct bpf_map *outer;
	int fd;

	reset();
	fd = fake_new_fd();
	obj = open_blob(&b_mim, NULL);
	outer = bpf_object__find_map_by_name(obj, "outer");
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, -1), -EINVAL);
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, fd), 0);
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, fd), -EINVAL);
	T_ASSERT(bpf_map__inner_map(outer) == NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_CREATE), 7); /* one template */
	T_ASSERT(created_named("outer.inner") == NULL);
	T_ASSERT_EQ(created_named("outer")->a.inner_map_fd, fd);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	T_ASSERT(fake_fd_is_open(fd)); /* the caller's */
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, fd), -EBUSY);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 1);
	T_ASSERT(fake_fd_is_open(fd));
}

/* A slot naming a map that is not created / a program not loaded: the
 * load fails before any slot is written, every fd closed. */
static void mim_slot_targets_missing(void)
{
	struct bpf_object *obj;

	reset();
	obj = open_blob(&b_mim, NULL);
	T_ASSERT_EQ(bpf_map__set_autocreate(
			    bpf_object__find_map_by_name(obj, "inner_b"), false),
		    0);
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	T_ASSERT(diag_has("outer_hash") && diag_has("autocreate"));
	T_ASSERT_EQ(fake_open_fds(), 0);
	bpf_object__close(obj);

	reset();
	obj = open_blob(&b_mim, NULL);
	T_ASSERT_EQ(bpf_program__set_autoload(
			    bpf_object__find_program_by_name(obj, "mim_tail"), false),
		    0);
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	T_ASSERT(diag_has("jmp") && diag_has("autoload"));
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 1);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

/* A reused map-in-map (reuse_fd) gets no slot writes, as libbpf. */
static void mim_reused_outer_untouched(void)
{
	struct bpf_object *obj;
	struct bpf_map *outer;
	int fd;

	reset();
	fd = fake_new_fd();
	obj = open_blob(&b_mim, NULL);
	outer = bpf_object__find_map_by_name(obj, "outer");
	T_ASSERT_EQ(bpf_map__reuse_fd(outer, fd), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT(created_named("outer") == NULL);
	T_ASSERT(created_named("outer.inner") == NULL);
	T_ASSERT_EQ(nupdates, 2); /* outer_hash and jmp only */
	T_ASSERT(updates[0].map_fd != bpf_map__fd(outer));
	T_ASSERT(updates[1].map_fd != bpf_map__fd(outer));
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 1);
}

/* Corruptions of obj_mim's .maps relocations and `values` never crash,
 * never leave a slot taken. */
static void mim_malformed(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	static unsigned char buf[16384];
	struct bpf_object *obj;

	reset();
	T_ASSERT(b_mim.n <= sizeof(buf));
	for (size_t i = 0; i < b_mim.n; i += 3) {
		memcpy(buf, b_mim.p, b_mim.n);
		buf[i] ^= 0x5a;
		obj = bpf_object__open_mem(buf, b_mim.n, NULL);
		if (obj)
			bpf_object__close(obj);
		T_ASSERT(same_pools(st0, pools()));
	}
	T_ASSERT_EQ(fake_total(), 0);
}

/* ---- .kconfig externs ---------------------------------------------------- */

static void kconfig_values(void)
{
	struct bpf_object *obj;
	struct bpf_map *k;
	struct bl_kcfg_ext e;
	const struct created *c;
	const struct update *up = NULL;
	uint32_t pos = 0, end = 0;
	int n = 0, first_create = -1, last_file = -1;

	reset();
	fake_set_file(FAKE_CONFIG, kcfg_text);
	obj = open_blob(&b_kconfig, NULL);
	T_ASSERT(obj != NULL);
	k = bpf_object__find_map_by_name(obj, ".kconfig");
	T_ASSERT(k != NULL);
	T_ASSERT(strcmp(bpf_map__name(k), "t.kconfig") == 0);
	T_ASSERT(bpf_map__is_internal(k));
	T_ASSERT_EQ(fake_total(), 0); /* nothing read at open */
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	/* uname, openat, reads, close, all before the first map */
	for (int i = 0; i < fake_ncalls; i++) {
		if (fake_log[i].kind == FK_BPF && fake_log[i].a0 == BPF_MAP_CREATE &&
		    first_create < 0)
			first_create = i;
		if (fake_log[i].kind == FK_UNAME || fake_log[i].kind == FK_OPENAT ||
		    fake_log[i].kind == FK_READ || fake_log[i].kind == FK_CLOSE)
			last_file = i;
	}
	T_ASSERT_EQ(fake_count(FK_UNAME, -1), 1);
	T_ASSERT_EQ(fake_count(FK_OPENAT, -1), 1);
	T_ASSERT(strcmp(fake_log[2].path, FAKE_CONFIG) == 0); /* after BTF, uname */
	T_ASSERT(last_file < first_create);
	c = created_named("t.kconfig");
	T_ASSERT(c != NULL);
	T_ASSERT_EQ(c->a.map_flags, BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);
	T_ASSERT_EQ(c->a.value_size, bpf_map__value_size(k));
	for (int i = 0; i < nupdates; i++)
		if (updates[i].map_fd == bpf_map__fd(k))
			up = &updates[i];
	T_ASSERT(up != NULL);
	T_ASSERT(bpf_map__value_size(k) <= sizeof(up->bytes));
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		const unsigned char *v = &up->bytes[e.off];
		int32_t i32;
		int64_t i64;

		n++;
		T_ASSERT_EQ(e.off % (e.type == BL_KCFG_INT ? e.size : 1), 0);
		if (strcmp(e.name, "LINUX_KERNEL_VERSION") == 0) {
			memcpy(&i32, v, 4);
			T_ASSERT_EQ(i32, (6 << 16) + (18 << 8));
		} else if (strcmp(e.name, "CONFIG_BL_NUM") == 0) {
			memcpy(&i32, v, 4);
			T_ASSERT_EQ(i32, -42);
		} else if (strcmp(e.name, "CONFIG_BL_BOOL") == 0) {
			T_ASSERT_EQ(e.type, BL_KCFG_BOOL);
			T_ASSERT_EQ(v[0], 1);
		} else if (strcmp(e.name, "CONFIG_BL_TRI") == 0) {
			T_ASSERT_EQ(e.type, BL_KCFG_TRISTATE);
			memcpy(&i32, v, 4);
			T_ASSERT_EQ(i32, 2);
		} else if (strcmp(e.name, "CONFIG_BL_STR") == 0) {
			T_ASSERT_EQ(e.type, BL_KCFG_STR);
			T_ASSERT(memcmp(v, "abcdefg", 8) == 0);
		} else if (strcmp(e.name, "CONFIG_BL_HEX") == 0) {
			memcpy(&i64, v, 8);
			T_ASSERT_EQ(i64, 0x123456789aLL);
		} else {
			T_ASSERT(strcmp(e.name, "CONFIG_BL_ABSENT") == 0);
			memcpy(&i32, v, 4);
			T_ASSERT_EQ(i32, 0);
		}
	}
	T_ASSERT_EQ(n, 7);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_FREEZE), 2); /* .rodata too */
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

static void kconfig_refusals(void)
{
	static const struct {
		const char *text; /* NULL: no file */
		int err;
		const char *diag;
	} cases[] = {
		{ NULL, -ENOENT, "config.gz" },
		{ "CONFIG_BL_BOOL=y\n", -ESRCH, "CONFIG_BL_NUM" },
		{ "CONFIG_BL_NUM=1\nCONFIG_BL_BOOL=m\n", -EINVAL, "CONFIG_BL_BOOL" },
		{ "CONFIG_BL_NUM=x1\n", -EINVAL, "CONFIG_BL_NUM" },
		{ "CONFIG_BL_STR=abc\n", -EINVAL, "CONFIG_BL_STR" },
		{ "CONFIG_BL_HEX=0x1ffffffffffffffff\n", -EINVAL, "CONFIG_BL_HEX" },
		/* loads: a last line with no newline, an overlong line */
		{ "CONFIG_BL_NUM=1\nCONFIG_BL_BOOL=n\nCONFIG_BL_TRI=y\n"
		  "CONFIG_BL_STR=\"s\"\nCONFIG_BL_HEX=5", 0, "" },
		{ "CONFIG_BL_NUM=9999999999999999999999999999999999999999999999"
		  "999999999999999999999999999999999999999999999999999999999999"
		  "999999999999999999999999999999999999999999999999999999999999"
		  "999999999999999999999999999999999999999999999999999999999999"
		  "999999999999999999999999999999999999999999999999999999\n"
		  "CONFIG_BL_NUM=1\nCONFIG_BL_BOOL=n\nCONFIG_BL_TRI=y\n"
		  "CONFIG_BL_STR=\"s\"\nCONFIG_BL_HEX=5\n", 0, "" },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bpf_object *obj;

		reset();
		if (cases[i].text)
			fake_set_file(FAKE_CONFIG, cases[i].text);
		obj = open_blob(&b_kconfig, NULL);
		T_ASSERT(obj != NULL);
		T_ASSERT_EQ(bpf_object__load(obj), cases[i].err);
		T_ASSERT(diag_has(cases[i].diag));
		if (cases[i].err == 0) {
			bpf_object__close(obj);
			T_ASSERT_EQ(fake_open_fds(), 0);
			continue;
		}
		T_ASSERT_EQ(fake_count(FK_BPF, BPF_MAP_CREATE), 0);
		T_ASSERT_EQ(fake_open_fds(), 0);
		bpf_object__close(obj);
	}
}

/* ---- pinning -------------------------------------------------------------- */

static void pin_root_made(void)
{
	struct bpf_object *obj;
	struct bpf_map *m;

	reset();
	obj = open_blob(&b_pin, "/sys/fs/bpf/root");
	m = bpf_object__find_map_by_name(obj, "pinned_cnt");
	T_ASSERT(strcmp(bpf_map__pin_path(m), "/sys/fs/bpf/root/pinned_cnt") == 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT(fake_path_exists("/sys/fs/bpf/root"));
	T_ASSERT(fake_path_exists("/sys/fs/bpf/root/pinned_cnt"));
	T_ASSERT_EQ(fake_count(FK_MKDIRAT, -1), 1);
	/* BPF_BTF_LOAD, BPF_OBJ_GET (none), BPF_MAP_CREATE, mkdirat, statfs,
	 * BPF_OBJ_PIN */
	T_ASSERT_EQ(fake_log[0].a0, BPF_BTF_LOAD);
	T_ASSERT_EQ(fake_log[1].a0, BPF_OBJ_GET);
	T_ASSERT_EQ(fake_log[3].kind, FK_MKDIRAT);
	T_ASSERT_EQ(fake_log[3].a1, 0700);
	T_ASSERT(strcmp(fake_log[3].path, "/sys/fs/bpf/root") == 0);
	T_ASSERT_EQ(fake_log[4].kind, FK_STATFS);
	T_ASSERT_EQ(fake_log[5].a0, BPF_OBJ_PIN);
	T_ASSERT_EQ(fake_count(FK_STATFS, -1), 1);
	T_ASSERT(bpf_map__is_pinned(m));
	bpf_object__close(obj); /* close keeps pins, as libbpf */
	T_ASSERT(fake_path_exists("/sys/fs/bpf/root/pinned_cnt"));
	/* the root exists now: EEXIST is fine, nothing made */
	obj = open_blob(&b_pin, "/sys/fs/bpf/root");
	T_ASSERT_EQ(bpf_object__load(obj), 0); /* reused */
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_OBJ_PIN), 1);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void pin_not_bpffs(void)
{
	struct bpf_object *obj;

	reset();
	fake_set_fs_magic("/tmp", 0x01021994L); /* tmpfs */
	obj = open_blob(&b_pin, "/tmp/x");
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	T_ASSERT(diag_has("pinned_cnt"));
	T_ASSERT(!fake_path_exists("/tmp/x"));
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_OBJ_PIN), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	bpf_object__close(obj);
}

static void pin_path_too_long(void)
{
	struct bpflink_object_pool_stats st0 = pools();
	char root[BPFLINK_PIN_PATH_MAX];

	reset();
	memset(root, 'a', sizeof(root));
	memcpy(root, "/sys/", 5);
	root[sizeof(root) - 8] = '\0';
	T_ASSERT(open_blob(&b_pin, root) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENAMETOOLONG);
	T_ASSERT(diag_has("BPFLINK_PIN_PATH_MAX"));
	root[sizeof(root) - 8] = 'a';
	root[sizeof(root) - 1] = '\0';
	T_ASSERT(open_blob(&b_pin, root) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENAMETOOLONG);
	T_ASSERT(diag_has("BPFLINK_PIN_PATH_MAX"));
	T_ASSERT(same_pools(st0, pools()));
	{
		struct bpf_object *obj = open_blob(&b_pin, NULL);
		struct bpf_map *m = bpf_object__find_map_by_name(obj, "plain_cnt");
		char longer[BPFLINK_PIN_PATH_MAX + 1];

		memset(longer, 'a', sizeof(longer));
		longer[BPFLINK_PIN_PATH_MAX] = '\0';
		(void)bl_diag(0, NULL, NULL, NULL);
		T_ASSERT_EQ(bpf_map__set_pin_path(m, longer), -ENAMETOOLONG);
		T_ASSERT(diag_has("BPFLINK_PIN_PATH_MAX"));
		T_ASSERT(bpf_map__pin_path(m) == NULL);
		bpf_object__close(obj);
	}
	T_ASSERT_EQ(fake_total(), 0);
}

/* ---- the fault sweep ------------------------------------------------------ */

/* Every call of the load fails (EPERM) in turn, but for two that are no
 * load failure: BPF_BTF_LOAD (the object loads without BTF, as libbpf) and
 * a template's close (ignored; the fd is gone either way). */

struct sweep_obj {
	struct blob *b;
	const char *pin_root;
	const char *config; /* /boot/config-<release> for .kconfig */
};

static const enum fake_kind sweep_kinds[] = { FK_BPF, FK_MKDIRAT, FK_STATFS,
					      FK_UNAME, FK_OPENAT, FK_READ,
					      FK_CLOSE };

/* Fail call n of kind k during the load of o; check the aftermath. */
static void sweep_one(const struct sweep_obj *o, enum fake_kind k, int n)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct bpf_object *obj;
	int err;

	reset();
	if (o->config)
		fake_set_file(FAKE_CONFIG, o->config);
	obj = open_blob(o->b, o->pin_root);
	T_ASSERT(obj != NULL);
	fake_fail(k, -1, n, EPERM);
	err = bpf_object__load(obj);
	if (k == FK_CLOSE) {
		T_ASSERT_EQ(err, 0); /* a template's close: ignored */
	} else if (k == FK_BPF && fake_log[0].a0 == BPF_BTF_LOAD && n == 1) {
		/* the object's BTF refused: loaded without it (libbpf's rule) */
		T_ASSERT_EQ(err, 0);
		T_ASSERT_EQ(bpf_object__btf_fd(obj), -1);
	} else {
		T_ASSERT_EQ(err, -EPERM);
		T_ASSERT(bpflink_object_diag()[0] != '\0');
		T_ASSERT_EQ(fake_open_fds(), 0); /* closed at once */
		T_ASSERT(!fake_path_exists("/sys/fs/bpf/sweep/pinned_cnt"));
		T_ASSERT(!fake_path_exists("/sys/fs/bpf/sweep"));
		T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	}
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT(same_pools(st0, pools()));
}

static int swept;

static void load_fault_sweep(void)
{
	const struct sweep_obj objs[] = {
		{ &b_mim, NULL, NULL }, { &b_pin, "/sys/fs/bpf/sweep", NULL },
		{ &b_maps, NULL, NULL }, { &b_three, NULL, NULL },
		{ &b_legacy, NULL, NULL }, { &b_basic, NULL, NULL },
		{ &b_kconfig, NULL, kcfg_text },
	};

	for (unsigned i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		for (unsigned k = 0; k < sizeof(sweep_kinds) / sizeof(sweep_kinds[0]);
		     k++) {
			struct bpf_object *obj;
			int total;

			reset();
			if (objs[i].config)
				fake_set_file(FAKE_CONFIG, objs[i].config);
			obj = open_blob(objs[i].b, objs[i].pin_root);
			T_ASSERT(obj != NULL);
			T_ASSERT_EQ(bpf_object__load(obj), 0);
			total = fake_count(sweep_kinds[k], -1);
			bpf_object__close(obj);
			for (int n = 1; n <= total; n++) {
				int before = t_nfail;

				t_state = 0;
				sweep_one(&objs[i], sweep_kinds[k], n);
				if (t_state == 1) {
					printf("    object %u, kind %d, call %d\n",
					       i, (int)sweep_kinds[k], n);
					(void)before;
					return;
				}
				swept++;
			}
		}
	}
	/* every call of every object but the close of fds that stay open:
	 * mim 17 + 2 closes, pin 6, maps 11, three 9, legacy 8, basic 4,
	 * kconfig 8 + uname, openat, 2 reads, close */
	T_ASSERT_EQ(swept, 57 + 13);
}

/* ---- limits --------------------------------------------------------------- */

/* Open o until a pool is full: the error is -ENOSPC naming macro, the
 * pools are as before once everything is closed. SKIPPED when the object
 * pool runs out first (a build with a larger pool). */
static void exhaust(struct blob *o, const char *macro)
{
	struct bpflink_object_pool_stats st0 = pools();
	struct bpf_object *objs[64];
	unsigned n = 0;
	int err;

	reset();
	while (n < 64) {
		objs[n] = bpf_object__open_mem(o->p, o->n, NULL);
		if (!objs[n])
			break;
		n++;
	}
	err = libbpf_get_error(NULL);
	if (n == 64 || diag_has("BPFLINK_MAX_OBJECTS")) {
		while (n > 0)
			bpf_object__close(objs[--n]);
		T_SKIP("the object pool runs out first in this build");
	}
	{
		struct bpflink_object_pool_stats full = pools();

		/* the failed open gave back what it took */
		T_ASSERT_EQ(full.objects, st0.objects + n);
	}
	T_ASSERT_EQ(err, -ENOSPC);
	T_ASSERT(diag_has(macro));
	T_ASSERT(n >= 1);
	while (n > 0)
		bpf_object__close(objs[--n]);
	T_ASSERT(same_pools(st0, pools()));
	T_ASSERT_EQ(fake_total(), 0);
}

static void limit_maps(void) { exhaust(&b_many_maps, "BPFLINK_MAX_MAPS"); }
static void limit_programs(void) { exhaust(&b_many_progs, "BPFLINK_MAX_PROGS"); }

/* The map pool running out on an inner template: obj_many_maps (50) and
 * six obj_pin (2 each) leave 2 slots; obj_mim takes inner_a and outer, then
 * outer's template finds the pool empty. Shaped for the default sizes. */
static void limit_maps_inner(void)
{
	struct bpflink_object_pool_stats st0 = pools(), before;
	struct bpf_object *objs[7];
	unsigned n = 0;

	reset();
	if (st0.maps_cap != 64 || st0.objects_cap != 8 || st0.maps != 0 ||
	    st0.objects != 0)
		T_SKIP("shaped for the default pool sizes (64 maps, 8 objects)");
	objs[n] = bpf_object__open_mem(b_many_maps.p, b_many_maps.n, NULL);
	T_ASSERT(objs[n] != NULL);
	n++;
	while (n < 7) {
		objs[n] = bpf_object__open_mem(b_pin.p, b_pin.n, NULL);
		T_ASSERT(objs[n] != NULL);
		n++;
	}
	before = pools();
	T_ASSERT_EQ(before.maps, 62);
	T_ASSERT(bpf_object__open_mem(b_mim.p, b_mim.n, NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOSPC);
	T_ASSERT(diag_has("BPFLINK_MAX_MAPS"));
	T_ASSERT(same_pools(before, pools()));
	while (n > 0)
		bpf_object__close(objs[--n]);
	T_ASSERT(same_pools(st0, pools()));
}

/* A program larger than the instruction arena, and one calling more
 * subprograms than the table holds: -E2BIG at load naming the limit, no
 * program loaded, the maps made closed. */
static void limit_arena_and_subprogs(void)
{
	struct bpflink_object_pool_stats st0 = pools(), st1;
	struct bpf_object *obj;
	struct bpf_program *p;

	reset();
	obj = open_blob(&b_big_prog, NULL);
	T_ASSERT(obj != NULL);
	st1 = pools();
	p = bpf_object__find_program_by_name(obj, "big_calls");
	T_ASSERT(p != NULL);
	T_ASSERT_EQ(bpf_program__set_autoload(p, false), 0);
	p = bpf_object__find_program_by_name(obj, "big_insns");
	T_ASSERT(p != NULL);
	if (bpf_program__insn_cnt(p) <= (size_t)st1.arena_insns) {
		bpf_object__close(obj);
		T_SKIP("the arena of this build holds big_insns");
	}
	T_ASSERT_EQ(bpf_object__load(obj), -E2BIG);
	T_ASSERT(diag_has("BPFLINK_INSN_ARENA"));
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT(same_pools(st1, pools()));
	bpf_object__close(obj);
	T_ASSERT(same_pools(st0, pools()));

	reset();
	obj = open_blob(&b_big_prog, NULL);
	T_ASSERT_EQ(bpf_program__set_autoload(
			    bpf_object__find_program_by_name(obj, "big_insns"), false),
		    0);
	T_ASSERT_EQ(bpf_object__load(obj), -E2BIG);
	T_ASSERT(diag_has("BPFLINK_MAX_SUBPROGS"));
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_PROG_LOAD), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	bpf_object__close(obj);
	T_ASSERT(same_pools(st0, pools()));
}

static void limit_kconfig(void)
{
	struct bpflink_object_pool_stats st0 = pools();

	reset();
	T_ASSERT(bpf_object__open_mem(b_kconfig_big.p, b_kconfig_big.n, NULL) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -E2BIG);
	T_ASSERT(diag_has("BPFLINK_KCONFIG_SIZE"));
	T_ASSERT(same_pools(st0, pools()));
	T_ASSERT_EQ(fake_total(), 0);
}

int main(void)
{
	b_mim = load_blob("obj_mim");
	b_pin = load_blob("obj_pin");
	b_maps = load_blob("obj_maps");
	b_three = load_blob("obj_three");
	b_legacy = load_blob("obj_legacy");
	b_basic = load_blob("obj_basic");
	b_many_maps = load_blob("obj_many_maps");
	b_many_progs = load_blob("obj_many_progs");
	b_big_prog = load_blob("obj_big_prog");
	b_kconfig = load_blob("obj_kconfig");
	b_kconfig_big = load_blob("obj_kconfig_big");
	T_RUN(objects_built);
	if (t_nfail)
		return T_EXIT_CODE();
	T_RUN(mim_open);
	T_RUN(mim_load);
	T_RUN(mim_set_inner_map_fd);
	T_RUN(mim_slot_targets_missing);
	T_RUN(mim_reused_outer_untouched);
	T_RUN(mim_malformed);
	T_RUN(kconfig_values);
	T_RUN(kconfig_refusals);
	T_RUN(pin_root_made);
	T_RUN(pin_not_bpffs);
	T_RUN(pin_path_too_long);
	T_RUN(load_fault_sweep);
	T_RUN(limit_maps);
	T_RUN(limit_programs);
	T_RUN(limit_maps_inner);
	T_RUN(limit_arena_and_subprogs);
	T_RUN(limit_kconfig);
	printf("fault sweep: %d failing calls checked\n", swept);
	return T_EXIT_CODE();
}

/* Unit tests of the object's BTF at load (src/object_btf.c) over the fake
 * syscall seam, on the objects tests/bpf/ builds with -g:
 * - BPF_BTF_LOAD first, once; the BTF it gets has every DATASEC sized and
 *   its entries ascending and inside it (the kernel's rule);
 * - maps created with btf_fd and the definition's key/value type ids, data
 *   maps with their DATASEC as value type; programs with prog_btf_fd,
 *   func_info starting at 0, one record per function of the final image,
 *   each subprogram's record where its call lands, line_info ascending;
 * - hidden global FUNCs / VARs made static; data maps of static variables
 *   only not mmapable (libbpf's rules);
 * - a refused BTF: the load goes on without it; the caller's log buffer
 *   gets the kernel's BTF log (a second BTF_LOAD with the log); each
 *   later bpf() failing in turn leaves no fd (the BTF's included);
 * - func_info missing for a subprogram: none sent for that program;
 * - truncated / lying .BTF.ext headers, parts, record sizes, block counts:
 *   refused before any system call; any header byte mutated: no fd left;
 * - a .BTF larger than BPFLINK_BTF_ARENA: -E2BIG naming the limit, no
 *   system call; one that fits exactly: loads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/btf.h>

#include "bpflink.h"
#include "btf.h"
#include "compat.h"
#include "fake_sys.h"
#include "object.h"
#include "t.h"

#include "blob.h"

static struct blob b_maps, b_three, b_hidden;

/* ELF64 headers (src/elf.h shadows the system's <elf.h> here). */
typedef struct {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
		e_shstrndx;
} Elf64_Ehdr;
typedef struct {
	uint32_t sh_name, sh_type;
	uint64_t sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t sh_link, sh_info;
	uint64_t sh_addralign, sh_entsize;
} Elf64_Shdr;

/* The section header named name in an ELF64 image. */
static Elf64_Shdr *find_sec(unsigned char *img, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + eh->e_shoff);
	const char *strs = (const char *)img + sh[eh->e_shstrndx].sh_offset;

	for (unsigned i = 1; i < eh->e_shnum; i++)
		if (strcmp(strs + sh[i].sh_name, name) == 0)
			return &sh[i];
	return NULL;
}

/* ---- capture ----------------------------------------------------------- */

#define MAX_LOADS 8
static struct {
	char name[16];
	unsigned cnt, btf_fd, nfunc, nline, frec, lrec;
	struct bpf_insn insns[512];
	struct bpf_func_info func[8];
	struct bpf_line_info line[128];
} ld[MAX_LOADS];
static int nloads;
static struct bl_attr_map_create created[16];
static int ncreated;
static unsigned char btf_seen[65536];
static unsigned btf_seen_size;
static int btf_calls_with_log;
static long btf_ret;
static long btf_fd_made;

static long capture(int cmd, void *attr, unsigned int size)
{
	(void)size;
	if (cmd == BPF_BTF_LOAD) {
		struct bl_attr_btf_load *a = attr;

		btf_seen_size = a->btf_size;
		if (a->btf_size <= sizeof(btf_seen))
			memcpy(btf_seen, (void *)(uintptr_t)a->btf, a->btf_size);
		if (a->btf_log_buf && a->btf_log_level) {
			btf_calls_with_log++;
			snprintf((char *)(uintptr_t)a->btf_log_buf,
				 a->btf_log_size, "fake BTF log");
		}
		if (btf_ret != FAKE_DEFAULT)
			return btf_ret;
		btf_fd_made = fake_new_fd();
		return btf_fd_made;
	}
	if (cmd == BPF_PROG_LOAD && nloads < MAX_LOADS) {
		struct bl_attr_prog_load *a = attr;

		memcpy(ld[nloads].name, a->prog_name, 16);
		ld[nloads].cnt = a->insn_cnt;
		if (a->insn_cnt <= 512)
			memcpy(ld[nloads].insns, (void *)(uintptr_t)a->insns,
			       a->insn_cnt * 8);
		ld[nloads].btf_fd = a->prog_btf_fd;
		ld[nloads].nfunc = a->func_info_cnt;
		ld[nloads].nline = a->line_info_cnt;
		ld[nloads].frec = a->func_info_rec_size;
		ld[nloads].lrec = a->line_info_rec_size;
		if (a->func_info_cnt <= 8 && a->func_info_cnt) {
			memcpy(ld[nloads].func, (void *)(uintptr_t)a->func_info,
			       a->func_info_cnt * 8);
		}
		if (a->line_info_cnt <= 128 && a->line_info_cnt) {
			memcpy(ld[nloads].line, (void *)(uintptr_t)a->line_info,
			       a->line_info_cnt * 16);
		}
		nloads++;
	}
	if (cmd == BPF_MAP_CREATE && ncreated < 16)
		memcpy(&created[ncreated++], attr, sizeof(created[0]));
	return FAKE_DEFAULT;
}

static void reset(void)
{
	fake_reset();
	fake_set_bpf_handler(capture);
	nloads = ncreated = 0;
	btf_seen_size = 0;
	btf_calls_with_log = 0;
	btf_ret = FAKE_DEFAULT;
	btf_fd_made = -1;
}

static const struct bl_attr_map_create *created_named(const char *n)
{
	for (int i = 0; i < ncreated; i++)
		if (strncmp(created[i].map_name, n, 16) == 0)
			return &created[i];
	return &created[15];
}

static int load_named(const char *name)
{
	for (int i = 0; i < nloads; i++)
		if (strncmp(ld[i].name, name, 16) == 0)
			return i;
	return MAX_LOADS - 1;
}

static struct bpf_object *open_buf(const unsigned char *p, size_t n,
				   const struct bpf_object_open_opts *o)
{
	LIBBPF_OPTS(bpf_object_open_opts, d, .object_name = "btft");

	return bpf_object__open_mem(p, n, o ? o : &d);
}

/* The type of id in the captured BTF. */
static int seen_type(uint32_t id, struct bl_btf_type *t)
{
	struct bl_btf b;
	struct bl_btf_iter it = { 0, 0 };

	if (bl_btf_init(&b, btf_seen, btf_seen_size) != 0)
		return -1;
	while (bl_btf_next(&b, &it, t) == 1)
		if (t->id == id)
			return 0;
	return -1;
}

static const char *seen_name(const struct bl_btf_type *t)
{
	struct bl_btf b;
	size_t at, n;

	if (bl_btf_init(&b, btf_seen, btf_seen_size) != 0 ||
	    bl_btf_name(&b, t->name_off, &at, &n) != 0)
		return "";
	return (const char *)&btf_seen[at];
}

/* ---- tests ----------------------------------------------------------- */

static void objects_built(void)
{
	T_ASSERT(b_maps.n && b_three.n && b_hidden.n);
}

/* The BTF handed to the kernel: every DATASEC sized by its section, its
 * entries ascending, each inside it (what the kernel checks). */
static void btf_fixed_up(void)
{
	struct bpf_object *obj;
	struct bl_btf b;
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t;
	int ndatasec = 0;

	reset();
	obj = open_buf(b_maps.p, b_maps.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1);
	T_ASSERT_EQ(fake_log[0].a0, BPF_BTF_LOAD);
	T_ASSERT_EQ(bpf_object__btf_fd(obj), btf_fd_made);
	T_ASSERT_EQ(btf_seen_size, find_sec(b_maps.p, ".BTF")->sh_size);
	T_ASSERT_EQ(bl_btf_init(&b, btf_seen, btf_seen_size), 0);
	while (bl_btf_next(&b, &it, &t) == 1) {
		uint32_t end = 0;
		Elf64_Shdr *sh;

		if (t.kind != BTF_KIND_DATASEC)
			continue;
		ndatasec++;
		sh = find_sec(b_maps.p, seen_name(&t));
		T_ASSERT(sh != NULL);
		T_ASSERT_EQ(t.size_type, sh->sh_size);
		for (uint32_t i = 0; i < t.vlen; i++) {
			uint32_t off = 0, sz = 0;

			T_ASSERT_EQ(bl_btf_word(&b, &t, 3 * i + 1, &off), 0);
			T_ASSERT_EQ(bl_btf_word(&b, &t, 3 * i + 2, &sz), 0);
			T_ASSERT(off >= end);
			end = off + sz;
			T_ASSERT(end <= t.size_type);
		}
	}
	T_ASSERT_EQ(ndatasec, 5); /* .bss .data .maps .rodata license */
	/* the object's own bytes are untouched (open_mem uses them in place) */
	{
		Elf64_Shdr *sh = find_sec(b_maps.p, ".BTF");

		T_ASSERT(memcmp(btf_seen, b_maps.p + sh->sh_offset,
				sh->sh_size) != 0);
	}
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

static void map_type_ids(void)
{
	const struct bl_attr_map_create *c;
	struct bpf_object *obj;
	struct bl_btf_type t;
	const char *data[] = { "btft.rodata", "btft.data", "btft.bss" };
	const char *secs[] = { ".rodata", ".data", ".bss" };

	reset();
	obj = open_buf(b_maps.p, b_maps.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	c = created_named("counters");
	T_ASSERT_EQ(c->btf_fd, btf_fd_made);
	T_ASSERT_EQ(seen_type(c->btf_key_type_id, &t), 0);
	T_ASSERT(strcmp(seen_name(&t), "__u32") == 0);
	T_ASSERT_EQ(seen_type(c->btf_value_type_id, &t), 0);
	T_ASSERT(strcmp(seen_name(&t), "__u64") == 0);
	T_ASSERT_EQ(c->btf_key_type_id,
		    bpf_map__btf_key_type_id(
			    bpf_object__find_map_by_name(obj, "counters")));
	c = created_named("by_nr"); /* key_size/value_size: no types */
	T_ASSERT_EQ(c->btf_fd, 0);
	T_ASSERT_EQ(c->btf_key_type_id, 0);
	T_ASSERT_EQ(c->btf_value_type_id, 0);
	for (unsigned i = 0; i < 3; i++) {
		c = created_named(data[i]);
		T_ASSERT_EQ(c->btf_fd, btf_fd_made);
		T_ASSERT_EQ(c->btf_key_type_id, 0);
		T_ASSERT_EQ(seen_type(c->btf_value_type_id, &t), 0);
		T_ASSERT_EQ(t.kind, BTF_KIND_DATASEC);
		T_ASSERT(strcmp(seen_name(&t), secs[i]) == 0);
		T_ASSERT_EQ(t.size_type, c->value_size);
	}
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* func_info: one record per function of the image, the first at 0, each
 * subprogram's at the target of a call; line_info ascending inside. */
static void prog_func_line_info(void)
{
	const char *names[] = { "count_enter", "tp_getppid", "xdp_pass" };
	const unsigned nfunc[] = { 3, 2, 1 };
	struct bpf_object *obj;

	reset();
	obj = open_buf(b_maps.p, b_maps.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(nloads, 3);
	for (unsigned k = 0; k < 3; k++) {
		int i = load_named(names[k]);
		unsigned calls[8], ncalls = 0;

		T_ASSERT_EQ(ld[i].btf_fd, btf_fd_made);
		T_ASSERT_EQ(ld[i].nfunc, nfunc[k]);
		T_ASSERT_EQ(ld[i].frec, 8);
		T_ASSERT_EQ(ld[i].lrec, 16);
		T_ASSERT_EQ(ld[i].func[0].insn_off, 0);
		for (unsigned j = 0; j < ld[i].cnt && ncalls < 8; j++) {
			const struct bpf_insn *in = &ld[i].insns[j];

			if (in->code == (BPF_JMP | BPF_CALL) &&
			    in->src_reg == BPF_PSEUDO_CALL) {
				unsigned to = j + 1 + in->imm, seen = 0;

				for (unsigned c = 0; c < ncalls; c++)
					seen |= calls[c] == to;
				if (!seen)
					calls[ncalls++] = to;
			}
		}
		T_ASSERT_EQ(ncalls + 1, nfunc[k]);
		for (unsigned f = 1; f < ld[i].nfunc; f++) {
			unsigned hit = 0;

			T_ASSERT(ld[i].func[f].insn_off >
				 ld[i].func[f - 1].insn_off);
			for (unsigned c = 0; c < ncalls; c++)
				hit |= calls[c] == ld[i].func[f].insn_off;
			T_ASSERT(hit);
			T_ASSERT(ld[i].func[f].type_id != 0);
		}
		T_ASSERT(ld[i].nline > 0);
		T_ASSERT_EQ(ld[i].line[0].insn_off, 0);
		for (unsigned l = 1; l < ld[i].nline && l < 128; l++)
			T_ASSERT(ld[i].line[l].insn_off >
				 ld[i].line[l - 1].insn_off);
		T_ASSERT(ld[i].line[ld[i].nline - 1].insn_off < ld[i].cnt);
		/* every function starts with a line record (kernel rule) */
		for (unsigned f = 0; f < ld[i].nfunc; f++) {
			unsigned hit = 0;

			for (unsigned l = 0; l < ld[i].nline; l++)
				hit |= ld[i].line[l].insn_off ==
				       ld[i].func[f].insn_off;
			T_ASSERT(hit);
		}
	}
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* The linkage of the FUNC or VAR named name in the captured BTF, -1. */
static int seen_linkage(const char *name, unsigned kind)
{
	struct bl_btf b;
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t;
	uint32_t w = 0;

	if (bl_btf_init(&b, btf_seen, btf_seen_size) != 0)
		return -1;
	while (bl_btf_next(&b, &it, &t) == 1) {
		if (t.kind != kind || strcmp(seen_name(&t), name) != 0)
			continue;
		if (kind == BTF_KIND_FUNC)
			return t.vlen;
		return bl_btf_word(&b, &t, 0, &w) == 0 ? (int)w : -1;
	}
	return -1;
}

/* Hidden global symbols: their FUNC / VAR made static in the BTF sent
 * (libbpf's rule), the others left global; a data map whose DATASEC holds
 * no global variable is created without BPF_F_MMAPABLE, one with global
 * variables keeps it. */
static void hidden_made_static(void)
{
	struct bpf_object *obj;

	reset();
	obj = open_buf(b_hidden.p, b_hidden.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_map__map_flags(bpf_object__find_map_by_name(
			    obj, "btft.data")), BPF_F_MMAPABLE); /* before load */
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(seen_linkage("hidden_get", BTF_KIND_FUNC), BTF_FUNC_STATIC);
	T_ASSERT_EQ(seen_linkage("hidden_main", BTF_KIND_FUNC), BTF_FUNC_GLOBAL);
	T_ASSERT_EQ(seen_linkage("hidden_var", BTF_KIND_VAR), BTF_VAR_STATIC);
	T_ASSERT_EQ(seen_linkage("_license", BTF_KIND_VAR),
		    BTF_VAR_GLOBAL_ALLOCATED);
	T_ASSERT_EQ(created_named("btft.data")->map_flags, 0);
	T_ASSERT_EQ(bpf_map__map_flags(bpf_object__find_map_by_name(
			    obj, "btft.data")), 0);
	T_ASSERT_EQ(ld[load_named("hidden_main")].nfunc, 2);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* obj_maps: global variables everywhere, every data map mmapable */
	reset();
	obj = open_buf(b_maps.p, b_maps.n, NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT(created_named("btft.data")->map_flags & BPF_F_MMAPABLE);
	T_ASSERT(created_named("btft.bss")->map_flags & BPF_F_MMAPABLE);
	T_ASSERT(created_named("btft.rodata")->map_flags & BPF_F_MMAPABLE);
	T_ASSERT_EQ(seen_linkage("note_nr", BTF_KIND_FUNC), BTF_FUNC_GLOBAL);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* The kernel refuses the BTF: loaded without it, diagnostic kept, the
 * caller's log buffer gets the BTF log (libbpf's retry with a log). */
static void btf_refused(void)
{
	static char log[256];
	LIBBPF_OPTS(bpf_object_open_opts, o, .object_name = "btft",
		    .kernel_log_buf = log, .kernel_log_size = sizeof(log));
	struct bpf_object *obj;

	for (int with_log = 0; with_log < 2; with_log++) {
		reset();
		memset(log, 0, sizeof(log));
		btf_ret = -EINVAL;
		obj = open_buf(b_three.p, b_three.n, with_log ? &o : NULL);
		T_ASSERT(obj != NULL);
		T_ASSERT_EQ(bpf_object__load(obj), 0);
		T_ASSERT_EQ(bpf_object__btf_fd(obj), -1);
		T_ASSERT(strstr(bpflink_object_diag(), "BTF") != NULL);
		T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 1 + with_log);
		T_ASSERT_EQ(btf_calls_with_log, with_log);
		if (with_log)
			T_ASSERT(strcmp(log, "fake BTF log") == 0);
		T_ASSERT_EQ(nloads, 3);
		for (int i = 0; i < nloads; i++) {
			T_ASSERT_EQ(ld[i].btf_fd, 0);
			T_ASSERT_EQ(ld[i].nfunc, 0);
			T_ASSERT_EQ(ld[i].nline, 0);
		}
		for (int i = 0; i < ncreated; i++)
			T_ASSERT_EQ(created[i].btf_fd, 0);
		bpf_object__close(obj);
		T_ASSERT_EQ(fake_open_fds(), 0);
	}
}

/* With the BTF refused and a log buffer (BTF_LOAD twice), then each later
 * bpf() failing in turn: that error, no fd left, no double close. */
static void refused_then_fault_sweep(void)
{
	static char log[128];
	LIBBPF_OPTS(bpf_object_open_opts, o, .object_name = "btft",
		    .kernel_log_buf = log, .kernel_log_size = sizeof(log));
	struct bpf_object *obj;
	long cmds[32];
	int total;

	reset();
	btf_ret = -EINVAL;
	obj = open_buf(b_maps.p, b_maps.n, &o);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	total = fake_count(FK_BPF, -1);
	T_ASSERT(total <= 32);
	for (int i = 0; i < total; i++)
		cmds[i] = fake_log[i].a0;
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_count(FK_BPF, BPF_BTF_LOAD), 2);
	for (int n = 3; n <= total; n++) {
		reset();
		btf_ret = -EINVAL;
		obj = open_buf(b_maps.p, b_maps.n, &o);
		T_ASSERT(obj != NULL);
		fake_fail(FK_BPF, -1, n, EPERM);
		if (cmds[n - 1] == BPF_PROG_LOAD) /* its retry with the log */
			fake_fail(FK_BPF, -1, n + 1, EPERM);
		T_ASSERT_EQ(bpf_object__load(obj), -EPERM);
		T_ASSERT_EQ(fake_open_fds(), 0);
		bpf_object__close(obj);
		T_ASSERT_EQ(fake_open_fds(), 0);
		T_ASSERT_EQ(fake_double_closes, 0);
	}
	/* and with BTF: each bpf() after BTF_LOAD failing closes the BTF fd */
	reset();
	obj = open_buf(b_maps.p, b_maps.n, NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	total = fake_count(FK_BPF, -1);
	bpf_object__close(obj);
	for (int n = 2; n <= total; n++) {
		reset();
		obj = open_buf(b_maps.p, b_maps.n, NULL);
		T_ASSERT(obj != NULL);
		fake_fail(FK_BPF, -1, n, EPERM);
		T_ASSERT_EQ(bpf_object__load(obj), -EPERM);
		T_ASSERT(btf_fd_made >= FAKE_FD_BASE);
		T_ASSERT(!fake_fd_is_open((int)btf_fd_made));
		T_ASSERT_EQ(fake_open_fds(), 0);
		bpf_object__close(obj);
		T_ASSERT_EQ(fake_double_closes, 0);
	}
}

/* A copy of b_maps with a .BTF.ext mutated by fn: load is refused with
 * -EINVAL and a .BTF.ext diagnostic, before any system call. */
static unsigned char work[65536];

static void expect_ext_refused(void (*fn)(unsigned char *ext, size_t n),
			       const char *what)
{
	Elf64_Shdr *sh;
	struct bpf_object *obj;
	int err;

	T_ASSERT(b_maps.n <= sizeof(work));
	memcpy(work, b_maps.p, b_maps.n);
	sh = find_sec(work, ".BTF.ext");
	T_ASSERT(sh != NULL);
	fn(work + sh->sh_offset, sh->sh_size);
	reset();
	obj = open_buf(work, b_maps.n, NULL);
	T_ASSERT(obj != NULL);
	err = bpf_object__load(obj);
	if (err != -EINVAL || !strstr(bpflink_object_diag(), ".BTF.ext")) {
		t_puts(what);
		t_puts(": ");
		t_puts(bpflink_object_diag());
		t_puts("\n");
	}
	T_ASSERT_EQ(err, -EINVAL);
	T_ASSERT(strstr(bpflink_object_diag(), ".BTF.ext") != NULL);
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void m_magic(unsigned char *e, size_t n) { (void)n; e[0] = 0; }
static void m_version(unsigned char *e, size_t n) { (void)n; e[2] = 2; }
static void m_hdr_big(unsigned char *e, size_t n) { put32(e + 4, (uint32_t)n + 1); }
static void m_hdr_small(unsigned char *e, size_t n) { (void)n; put32(e + 4, 16); }
static void m_func_len(unsigned char *e, size_t n) { put32(e + 12, (uint32_t)n); }
static void m_func_off(unsigned char *e, size_t n) { put32(e + 8, (uint32_t)n); }
static void m_line_len(unsigned char *e, size_t n) { put32(e + 20, 0xfffffff0u); (void)n; }
static void m_func_len3(unsigned char *e, size_t n) { (void)n; put32(e + 12, 3); }
static void m_func_rec0(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 8), 0);
}
static void m_func_rec_odd(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 8), 10);
}
static void m_line_rec_small(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 16), 12);
}
static void m_func_num0(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 8) + 8, 0);
}
static void m_func_num_big(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 8) + 8, 0x20000000u);
}
static void m_line_num_big(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + get32(e + 4) + get32(e + 16) + 8, 0xffffffffu);
}
static void m_func_tail(unsigned char *e, size_t n)
{
	(void)n; /* 4 stray bytes: a block header cut short */
	put32(e + 12, get32(e + 12) + 4);
	put32(e + 16, get32(e + 16) + 4);
}
static void m_truncated(unsigned char *e, size_t n)
{
	(void)n;
	put32(e + 4, 24); /* fine; the section itself cut below */
}

static void bad_btf_ext(void)
{
	static const struct {
		void (*fn)(unsigned char *, size_t);
		const char *what;
	} cases[] = {
		{ m_magic, "magic" }, { m_version, "version" },
		{ m_hdr_big, "hdr_len > size" }, { m_hdr_small, "hdr_len < 24" },
		{ m_func_len, "func_info_len past the end" },
		{ m_func_off, "func_info_off past the end" },
		{ m_line_len, "line_info_len huge" },
		{ m_func_len3, "func_info_len < 4" },
		{ m_func_rec0, "func rec_size 0" },
		{ m_func_rec_odd, "func rec_size not a multiple of 4" },
		{ m_line_rec_small, "line rec_size < 16" },
		{ m_func_num0, "num_info 0" },
		{ m_func_num_big, "num_info past the part" },
		{ m_line_num_big, "line num_info huge" },
		{ m_func_tail, "block header cut short" },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_ext_refused(cases[i].fn, cases[i].what);
	/* a section shorter than its header */
	{
		Elf64_Shdr *sh;
		struct bpf_object *obj;

		memcpy(work, b_maps.p, b_maps.n);
		sh = find_sec(work, ".BTF.ext");
		m_truncated(work + sh->sh_offset, sh->sh_size);
		sh->sh_size = 20;
		reset();
		obj = open_buf(work, b_maps.n, NULL);
		T_ASSERT(obj != NULL);
		T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
		T_ASSERT(strstr(bpflink_object_diag(), ".BTF.ext") != NULL);
		T_ASSERT_EQ(fake_total(), 0);
		bpf_object__close(obj);
		T_ASSERT_EQ(fake_open_fds(), 0);
	}
}

/* Every byte of .BTF.ext's header and of each part's first block, set to
 * a few values: the load succeeds or fails, and leaves no fd either way. */
static void btf_ext_mutations(void)
{
	static const unsigned char vals[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
	unsigned loaded = 0, refused = 0;
	Elf64_Shdr *sh0 = find_sec(b_maps.p, ".BTF.ext");
	const unsigned char *e0 = b_maps.p + sh0->sh_offset;
	uint32_t spots[3] = { 0, get32(e0 + 4) + get32(e0 + 8),
			      get32(e0 + 4) + get32(e0 + 16) };

	for (unsigned s = 0; s < 3; s++) {
		for (uint32_t at = spots[s]; at < spots[s] + 32; at++) {
			for (unsigned v = 0; v < sizeof(vals); v++) {
				Elf64_Shdr *sh;
				struct bpf_object *obj;

				memcpy(work, b_maps.p, b_maps.n);
				sh = find_sec(work, ".BTF.ext");
				if (at >= sh->sh_size)
					continue;
				work[sh->sh_offset + at] = vals[v];
				reset();
				obj = open_buf(work, b_maps.n, NULL);
				T_ASSERT(obj != NULL);
				if (bpf_object__load(obj) == 0)
					loaded++;
				else
					refused++;
				bpf_object__close(obj);
				T_ASSERT_EQ(fake_open_fds(), 0);
				T_ASSERT_EQ(fake_double_closes, 0);
			}
		}
	}
	T_ASSERT(loaded > 0 && refused > 0);
}

/* .BTF.ext with no func_info for the .text functions (its block renamed
 * to ""): programs calling them get no func_info (the kernel wants one
 * per function or none), the others keep theirs. */
static void func_info_missing_for_subprogram(void)
{
	Elf64_Shdr *sh, *bsh;
	unsigned char *e, *btf;
	uint32_t off, len, pos = 4, renamed = 0;
	struct bpf_object *obj;

	memcpy(work, b_maps.p, b_maps.n);
	sh = find_sec(work, ".BTF.ext");
	bsh = find_sec(work, ".BTF");
	e = work + sh->sh_offset;
	btf = work + bsh->sh_offset;
	off = get32(e + 4) + get32(e + 8);
	len = get32(e + 12);
	while (pos + 8 <= len) {
		uint32_t name = get32(e + off + pos), num = get32(e + off + pos + 4);
		const char *sec = (const char *)btf + get32(btf + 4) +
				  get32(btf + 16) + name;

		if (strcmp(sec, ".text") == 0) {
			put32(e + off + pos, 0);
			renamed++;
		}
		pos += 8 + num * get32(e + off);
	}
	T_ASSERT_EQ(renamed, 1);
	reset();
	obj = open_buf(work, b_maps.n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(ld[load_named("count_enter")].nfunc, 0);
	T_ASSERT_EQ(ld[load_named("tp_getppid")].nfunc, 0);
	T_ASSERT_EQ(ld[load_named("xdp_pass")].nfunc, 1);
	T_ASSERT(ld[load_named("count_enter")].nline > 0);
	T_ASSERT_EQ(ld[load_named("count_enter")].btf_fd, btf_fd_made);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* b_three with its .BTF replaced by one of exactly size bytes: the
 * original types, INT types appended, the original strings. */
static size_t big_btf_object(unsigned char *out, size_t cap, size_t size)
{
	Elf64_Shdr *sh;
	const unsigned char *old;
	unsigned char *nb;
	uint32_t hdr, type_len, str_off, str_len, extra;
	size_t at;

	memcpy(out, b_three.p, b_three.n);
	sh = find_sec(out, ".BTF");
	old = b_three.p + sh->sh_offset;
	hdr = get32(old + 4);
	type_len = get32(old + 12);
	str_off = get32(old + 16);
	str_len = get32(old + 20);
	if (size < hdr + type_len + str_len ||
	    (size - hdr - type_len - str_len) % 16 != 0)
		return 0;
	extra = (uint32_t)(size - hdr - type_len - str_len);
	at = (b_three.n + 7) & ~(size_t)7;
	if (at + size > cap)
		return 0;
	nb = out + at;
	memcpy(nb, old, hdr);
	memcpy(nb + hdr, old + hdr + get32(old + 8), type_len);
	for (uint32_t k = 0; k < extra; k += 16) {
		unsigned char *t = nb + hdr + type_len + k;

		put32(t, 0);			/* anonymous */
		put32(t + 4, BTF_KIND_INT << 24);
		put32(t + 8, 4);
		put32(t + 12, 32);		/* 32 bits, offset 0 */
	}
	put32(nb + 8, 0);
	put32(nb + 12, type_len + extra);
	put32(nb + 16, type_len + extra);
	memcpy(nb + hdr + type_len + extra, old + hdr + str_off, str_len);
	sh->sh_offset = at;
	sh->sh_size = size;
	return at + size;
}

static void arena_exhaustion(void)
{
	static unsigned char big[BPFLINK_BTF_ARENA + 65536];
	Elf64_Shdr *sh = find_sec(b_three.p, ".BTF");
	const unsigned char *old = b_three.p + sh->sh_offset;
	size_t base = get32(old + 4) + get32(old + 12) + get32(old + 20);
	size_t fit = BPFLINK_BTF_ARENA - ((BPFLINK_BTF_ARENA - base) % 16);
	size_t n;
	struct bpf_object *obj;

	/* just over the arena: refused, no system call, the limit named */
	n = big_btf_object(big, sizeof(big), fit + 16);
	T_ASSERT(n != 0);
	reset();
	obj = open_buf(big, n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), -E2BIG);
	T_ASSERT(strstr(bpflink_object_diag(), "BPFLINK_BTF_ARENA") != NULL);
	T_ASSERT_EQ(fake_total(), 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* the largest that fits: loaded with BTF */
	n = big_btf_object(big, sizeof(big), fit);
	T_ASSERT(n != 0);
	reset();
	obj = open_buf(big, n, NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(btf_seen_size, fit);
	T_ASSERT(bpf_object__btf_fd(obj) >= FAKE_FD_BASE);
	bpf_object__close(obj);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	b_maps = load_blob("obj_maps");
	b_three = load_blob("obj_three");
	b_hidden = load_blob("obj_hidden");
	T_RUN(objects_built);
	if (!b_maps.n || !b_three.n || !b_hidden.n)
		return T_EXIT_CODE();
	T_RUN(btf_fixed_up);
	T_RUN(map_type_ids);
	T_RUN(prog_func_line_info);
	T_RUN(hidden_made_static);
	T_RUN(btf_refused);
	T_RUN(refused_then_fault_sweep);
	T_RUN(bad_btf_ext);
	T_RUN(btf_ext_mutations);
	T_RUN(func_info_missing_for_subprogram);
	T_RUN(arena_exhaustion);
	return T_EXIT_CODE();
}

/* Object open + load + close of progs.bpf.o (three programs, one map,
 * .rodata, .bss; clang -g: .BTF and .BTF.ext) from memory:
 *   bpflink bpf_object__open_mem + bpf_object__load + bpf_object__close
 *           (build/libbpflink.a, linked statically)
 *   libbpf  the same calls of Debian's libbpf 1.1.2 (libbpf.so.1 by dlopen,
 *           so the two sets of names never meet)
 *   floor   the kernel work that bpflink's load asks for, by hand with
 *           syscall(2): walk the ELF section headers; one BPF_MAP_CREATE
 *           per map (the .maps array, whose definition the floor knows
 *           rather than reads from .BTF, then .rodata and .bss sized by
 *           their sections); .rodata's contents (BPF_MAP_UPDATE_ELEM) and
 *           BPF_MAP_FREEZE; per program its instructions copied, its map
 *           references patched from the relocations (map fd, or map value
 *           + offset for .rodata/.bss), one BPF_PROG_LOAD; then close all.
 *           With "floor-btf" (run.py picks it when bpflink's load issues
 *           BPF_BTF_LOAD) it first loads .BTF (copied, its DATASEC sizes
 *           and variable offsets fixed), creates the maps with their BTF
 *           ids (the .maps definition's key and value types; the data
 *           maps' DATASEC as value) and loads each program with its
 *           func_info and line_info from .BTF.ext, as bpflink does.
 *
 *   bench_obj run METHOD SKIP N   SKIP cycles, then N with callgrind
 *                                 collecting (--collect-atstart=no); prints
 *                                 "cycle I CPU_NS WALL_NS MINFLT" for every
 *                                 cycle (MINFLT: page faults during it)
 *                                 (cycle 0 is the cold one: first in the
 *                                 process)
 */
#include "bench.h"

#include <elf.h>
#include <sys/resource.h>
#include <valgrind/callgrind.h>

#include "bpf/libbpf.h"

BENCH_EMBED(progs_obj, BENCH_PROGS_OBJ);

#define FLOOR_MAX 16

static void die(const char *what, long err)
{
	fprintf(stderr, "bench_obj: %s failed: %ld\n", what, err);
	exit(2);
}

/* ---- bpflink -------------------------------------------------------- */

static void cycle_bpflink(void)
{
	struct bpf_object *obj = bpf_object__open_mem(
		progs_obj_start, (size_t)(progs_obj_end - progs_obj_start), NULL);

	if (!obj)
		die("bpflink bpf_object__open_mem", libbpf_get_error(NULL));
	if (bpf_object__load(obj))
		die("bpflink bpf_object__load", libbpf_get_error(NULL));
	bpf_object__close(obj);
}

/* ---- libbpf 1.1.2, by dlsym ------------------------------------------- */

static struct {
	void *(*open_mem)(const void *, size_t, const void *);
	int (*load)(void *);
	void (*close)(void *);
} lb;

static void setup_libbpf(void)
{
	void *h = bench_libbpf();

	BENCH_SYM(h, lb.open_mem, "bpf_object__open_mem");
	BENCH_SYM(h, lb.load, "bpf_object__load");
	BENCH_SYM(h, lb.close, "bpf_object__close");
}

static void cycle_libbpf(void)
{
	void *obj = lb.open_mem(progs_obj_start,
				(size_t)(progs_obj_end - progs_obj_start), NULL);

	if (!obj)
		die("libbpf bpf_object__open_mem", -errno);
	if (lb.load(obj))
		die("libbpf bpf_object__load", -errno);
	lb.close(obj);
}

/* ---- the floor ---------------------------------------------------------- */

static int floor_btf; /* load .BTF too (when bpflink does) */
static struct bpf_insn floor_insns[4096];

static int floor_btf_fd = -1;
static uint32_t floor_kid, floor_vid; /* the next map's BTF ids */

static int floor_map(int type, unsigned ks, unsigned vs, unsigned n,
		     unsigned flags, const char *name)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	if (floor_btf_fd >= 0) {
		a.btf_fd = (unsigned)floor_btf_fd;
		a.btf_key_type_id = floor_kid;
		a.btf_value_type_id = floor_vid;
	}
	a.map_type = (unsigned)type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = n;
	a.map_flags = flags;
	strncpy(a.map_name, name, sizeof(a.map_name) - 1);
	return floor_bpf(BPF_MAP_CREATE, &a, sizeof(a));
}

/* ---- the floor's BTF (floor-btf): what a loader must do to .BTF before
 * the kernel takes it, and the ids it passes ------------------------------ */

#include <linux/btf.h>

static uint8_t floor_btf_buf[1 << 16];
static uint32_t floor_type_off[4096]; /* type id -> offset in the type area */
static uint32_t floor_ntypes;
static struct bpf_func_info floor_fi[64];
static struct bpf_line_info floor_li[1024];

static const struct btf_header *fbh(void)
{
	return (const void *)floor_btf_buf;
}

static struct btf_type *ftype(uint32_t id)
{
	return (void *)(floor_btf_buf + fbh()->hdr_len + fbh()->type_off +
			floor_type_off[id]);
}

static const char *fstr(uint32_t off)
{
	return (const char *)floor_btf_buf + fbh()->hdr_len + fbh()->str_off + off;
}

/* Index the types and fix each DATASEC clang leaves to the loader: its size
 * (the section's) and its variables' offsets (their symbols' values). */
static void floor_btf_fix(const unsigned char *b, const Elf64_Shdr *sh, int shnum,
			  const char *shstr, const Elf64_Sym *sym, size_t nsym,
			  const char *str)
{
	const struct btf_header *h = fbh();
	uint32_t off = 0;

	floor_ntypes = 1;
	while (off < h->type_len) {
		struct btf_type *t;
		uint32_t vlen, kind, extra = 0;

		if (floor_ntypes >= 4096)
			die("floor: too many BTF types", -E2BIG);
		floor_type_off[floor_ntypes] = off;
		t = ftype(floor_ntypes);
		kind = BTF_INFO_KIND(t->info);
		vlen = BTF_INFO_VLEN(t->info);
		switch (kind) {
		case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
			extra = 4; break;
		case BTF_KIND_ARRAY: extra = 12; break;
		case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC:
		case BTF_KIND_ENUM64:
			extra = 12 * vlen; break;
		case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO: extra = 8 * vlen; break;
		default: break;
		}
		if (kind == BTF_KIND_DATASEC) {
			struct btf_var_secinfo *v = (void *)(t + 1);
			const char *name = fstr(t->name_off);

			for (int i = 0; i < shnum; i++)
				if (!strcmp(shstr + sh[i].sh_name, name))
					t->size = (uint32_t)sh[i].sh_size;
			for (uint32_t k = 0; k < vlen; k++) {
				const char *vn = fstr(ftype(v[k].type)->name_off);

				for (size_t j = 0; j < nsym; j++)
					if (!strcmp(str + sym[j].st_name, vn))
						v[k].offset = (uint32_t)sym[j].st_value;
			}
		}
		off += sizeof(*t) + extra;
		floor_ntypes++;
	}
	(void)b;
}

static uint32_t floor_btf_find(const char *name, uint32_t kind)
{
	for (uint32_t id = 1; id < floor_ntypes; id++)
		if (BTF_INFO_KIND(ftype(id)->info) == kind &&
		    !strcmp(fstr(ftype(id)->name_off), name))
			return id;
	return 0;
}

/* The .maps definition's key and value types: the pointees of its "key"
 * and "value" members. */
static void floor_btf_kv(const char *map, uint32_t *k, uint32_t *v)
{
	const struct btf_type *var = ftype(floor_btf_find(map, BTF_KIND_VAR));
	const struct btf_type *st = ftype(var->type);
	const struct btf_member *m = (const void *)(st + 1);

	for (uint32_t i = 0; i < BTF_INFO_VLEN(st->info); i++) {
		if (!strcmp(fstr(m[i].name_off), "key"))
			*k = ftype(m[i].type)->type;
		else if (!strcmp(fstr(m[i].name_off), "value"))
			*v = ftype(m[i].type)->type;
	}
}

/* The .BTF.ext records of section SEC, insn_off turned from bytes into
 * instructions: func_info (PART 0) or line_info (PART 1) into OUT; their
 * count and record size. */
static uint32_t floor_ext(const unsigned char *ext, int part, const char *sec,
			  void *out, size_t cap, uint32_t *rec_size)
{
	const uint32_t *hdr = (const void *)ext; /* magic/version/flags, hdr_len, ... */
	uint32_t hlen = hdr[1];
	uint32_t off = hdr[2 + 2 * part], len = hdr[3 + 2 * part];
	const unsigned char *p = ext + hlen + off, *end = p + len;
	uint32_t rec = *(const uint32_t *)p;

	*rec_size = rec;
	for (p += 4; p < end;) {
		const uint32_t *blk = (const void *)p;
		uint32_t n = blk[1];

		if (!strcmp(fstr(blk[0]), sec)) {
			if ((size_t)n * rec > cap)
				die("floor: too many .BTF.ext records", -E2BIG);
			memcpy(out, p + 8, (size_t)n * rec);
			for (uint32_t i = 0; i < n; i++)
				*(uint32_t *)((unsigned char *)out + (size_t)i * rec) /= 8;
			return n;
		}
		p += 8 + (size_t)n * rec;
	}
	return 0;
}

/* The floor's loader: trusts its own object (bounds checked only where a
 * bad object would make it read outside the buffer). */
static void cycle_floor(void)
{
	const unsigned char *b = progs_obj_start;
	size_t len = (size_t)(progs_obj_end - progs_obj_start);
	const Elf64_Ehdr *eh = (const void *)b;
	const Elf64_Shdr *sh, *symtab = NULL;
	const Elf64_Sym *sym;
	const char *shstr, *str, *license = NULL;
	int fds[FLOOR_MAX], n = 0, btf_fd = -1;
	int sec_map[256]; /* section index -> map fd (maps, .rodata, .bss) */
	int maps_sec = -1, ro_sec = -1, bss_sec = -1, btf_sec = -1, ext_sec = -1;
	unsigned zero = 0;
	union bpf_attr a;

	if (len < sizeof(*eh) || eh->e_shnum > 256 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len)
		die("floor: ELF header", -EINVAL);
	sh = (const void *)(b + eh->e_shoff);
	shstr = (const char *)b + sh[eh->e_shstrndx].sh_offset;
	for (int i = 0; i < eh->e_shnum; i++) {
		const char *s = shstr + sh[i].sh_name;

		sec_map[i] = -1;
		if (sh[i].sh_type == SHT_SYMTAB)
			symtab = &sh[i];
		else if (!strcmp(s, "license"))
			license = (const char *)b + sh[i].sh_offset;
		else if (!strcmp(s, ".maps"))
			maps_sec = i;
		else if (!strcmp(s, ".rodata"))
			ro_sec = i;
		else if (!strcmp(s, ".bss"))
			bss_sec = i;
		else if (!strcmp(s, ".BTF"))
			btf_sec = i;
		else if (!strcmp(s, ".BTF.ext"))
			ext_sec = i;
	}
	if (!symtab || !license || maps_sec < 0 || ro_sec < 0 || bss_sec < 0)
		die("floor: the object's sections", -EINVAL);
	sym = (const void *)(b + symtab->sh_offset);
	str = (const char *)b + sh[symtab->sh_link].sh_offset;
	if (floor_btf) {
		if (btf_sec < 0 || ext_sec < 0 || sh[btf_sec].sh_size > sizeof(floor_btf_buf))
			die("floor: no .BTF/.BTF.ext", -EINVAL);
		memcpy(floor_btf_buf, b + sh[btf_sec].sh_offset, sh[btf_sec].sh_size);
		floor_btf_fix(b, sh, eh->e_shnum, shstr, sym,
			      symtab->sh_size / sizeof(*sym), str);
		memset(&a, 0, sizeof(a));
		a.btf = (uint64_t)(uintptr_t)floor_btf_buf;
		a.btf_size = (unsigned)sh[btf_sec].sh_size;
		btf_fd = floor_bpf(BPF_BTF_LOAD, &a, sizeof(a));
		if (btf_fd < 0)
			die("floor: BPF_BTF_LOAD", -errno);
	}
	floor_btf_fd = btf_fd;
	/* maps, in bpflink's order: .maps; .rodata, its contents, frozen;
	 * .bss (all zero: no update) */
	if (btf_fd >= 0)
		floor_btf_kv("hits", &floor_kid, &floor_vid);
	sec_map[maps_sec] = floor_map(BPF_MAP_TYPE_ARRAY, 4, 8, 512, 0, "hits");
	floor_kid = 0;
	floor_vid = btf_fd >= 0 ? floor_btf_find(".rodata", BTF_KIND_DATASEC) : 0;
	sec_map[ro_sec] = floor_map(BPF_MAP_TYPE_ARRAY, 4,
				    (unsigned)sh[ro_sec].sh_size, 1,
				    BPF_F_RDONLY_PROG | BPF_F_MMAPABLE, "progs_b.rodata");
	if (sec_map[maps_sec] < 0 || sec_map[ro_sec] < 0)
		die("floor: BPF_MAP_CREATE", -errno);
	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned)sec_map[ro_sec];
	a.key = (uint64_t)(uintptr_t)&zero;
	a.value = (uint64_t)(uintptr_t)(b + sh[ro_sec].sh_offset);
	if (floor_bpf(BPF_MAP_UPDATE_ELEM, &a, sizeof(a)) < 0)
		die("floor: BPF_MAP_UPDATE_ELEM", -errno);
	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned)sec_map[ro_sec];
	if (floor_bpf(BPF_MAP_FREEZE, &a, sizeof(a)) < 0)
		die("floor: BPF_MAP_FREEZE", -errno);
	floor_vid = btf_fd >= 0 ? floor_btf_find(".bss", BTF_KIND_DATASEC) : 0;
	sec_map[bss_sec] = floor_map(BPF_MAP_TYPE_ARRAY, 4,
				     (unsigned)sh[bss_sec].sh_size, 1,
				     BPF_F_MMAPABLE, "progs_b.bss");
	if (sec_map[bss_sec] < 0)
		die("floor: BPF_MAP_CREATE", -errno);

	for (int i = 0; i < eh->e_shnum && n < FLOOR_MAX; i++) {
		const char *sec = shstr + sh[i].sh_name;
		size_t nsym = symtab->sh_size / sizeof(*sym);
		size_t ni = sh[i].sh_size / sizeof(struct bpf_insn);
		int type;

		if (!(sh[i].sh_flags & SHF_EXECINSTR) || !sh[i].sh_size)
			continue;
		if (!strncmp(sec, "raw_tp/", 7))
			type = BPF_PROG_TYPE_RAW_TRACEPOINT;
		else if (!strncmp(sec, "tp/", 3))
			type = BPF_PROG_TYPE_TRACEPOINT;
		else
			continue;
		if (ni > sizeof(floor_insns) / sizeof(floor_insns[0]))
			die("floor: program too long", -E2BIG);
		memcpy(floor_insns, b + sh[i].sh_offset, ni * sizeof(struct bpf_insn));
		/* its relocations: ld_imm64 of a map or of .rodata/.bss data */
		for (int r = 0; r < eh->e_shnum; r++) {
			const Elf64_Rel *rel = (const void *)(b + sh[r].sh_offset);

			if (sh[r].sh_type != SHT_REL || sh[r].sh_info != (unsigned)i)
				continue;
			for (size_t k = 0; k < sh[r].sh_size / sizeof(*rel); k++) {
				const Elf64_Sym *s = &sym[ELF64_R_SYM(rel[k].r_info)];
				struct bpf_insn *in = &floor_insns[rel[k].r_offset / 8];

				if (s->st_shndx >= 256 || sec_map[s->st_shndx] < 0)
					die("floor: relocation", -EINVAL);
				int off = (int)s->st_value + in->imm; /* addend */

				in->imm = sec_map[s->st_shndx];
				if (s->st_shndx == maps_sec) {
					in->src_reg = BPF_PSEUDO_MAP_FD;
				} else {
					in->src_reg = BPF_PSEUDO_MAP_VALUE;
					in[1].imm = off;
				}
			}
		}
		memset(&a, 0, sizeof(a));
		for (size_t k = 0; k < nsym; k++)
			if (sym[k].st_shndx == i &&
			    ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC) {
				strncpy(a.prog_name, str + sym[k].st_name,
					sizeof(a.prog_name) - 1);
				break;
			}
		a.prog_type = (unsigned int)type;
		a.insns = (uint64_t)(uintptr_t)floor_insns;
		a.insn_cnt = (unsigned int)ni;
		a.license = (uint64_t)(uintptr_t)license;
		if (btf_fd >= 0) {
			const unsigned char *ext = b + sh[ext_sec].sh_offset;

			a.prog_btf_fd = (unsigned)btf_fd;
			a.func_info_cnt = floor_ext(ext, 0, sec, floor_fi, sizeof(floor_fi),
						    &a.func_info_rec_size);
			a.func_info = (uint64_t)(uintptr_t)floor_fi;
			a.line_info_cnt = floor_ext(ext, 1, sec, floor_li, sizeof(floor_li),
						    &a.line_info_rec_size);
			a.line_info = (uint64_t)(uintptr_t)floor_li;
		}
		fds[n] = floor_bpf(BPF_PROG_LOAD, &a, sizeof(a));
		if (fds[n] < 0)
			die("floor: BPF_PROG_LOAD", -errno);
		n++;
	}
	if (n != 3)
		die("floor: expected 3 programs", n);
	while (n > 0)
		floor_close(fds[--n]);
	floor_close(sec_map[maps_sec]);
	floor_close(sec_map[ro_sec]);
	floor_close(sec_map[bss_sec]);
	if (btf_fd >= 0)
		floor_close(btf_fd);
}

int main(int argc, char **argv)
{
	void (*cycle)(void);
	int skip, n;

	if (argc != 5 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: bench_obj run bpflink|libbpf|floor|floor-btf SKIP N\n");
		return 2;
	}
	if (!strcmp(argv[2], "bpflink")) {
		cycle = cycle_bpflink;
	} else if (!strcmp(argv[2], "libbpf")) {
		setup_libbpf();
		cycle = cycle_libbpf;
	} else if (!strcmp(argv[2], "floor") || !strcmp(argv[2], "floor-btf")) {
		floor_btf = !strcmp(argv[2], "floor-btf");
		cycle = cycle_floor;
	} else {
		fprintf(stderr, "bench_obj: unknown method %s\n", argv[2]);
		return 2;
	}
	/* printed in every run, so that stdio's own system calls are the same
	 * whatever N is (the syscall counts are differences between runs) */
	printf("# bench_obj %s\n", argv[2]);
	skip = atoi(argv[3]);
	n = atoi(argv[4]);
	uint64_t *cpu = calloc((size_t)(skip + n) + 1, 8);
	uint64_t *wall = calloc((size_t)(skip + n) + 1, 8);
	long *flt = calloc((size_t)(skip + n) + 1, sizeof(long));
	struct rusage ru;

	for (int i = 0; i < skip + n; i++) {
		uint64_t c0 = bench_ns(CLOCK_PROCESS_CPUTIME_ID);
		uint64_t w0 = bench_ns(CLOCK_MONOTONIC);

		getrusage(RUSAGE_SELF, &ru);
		flt[i] = ru.ru_minflt;
		if (i >= skip)
			CALLGRIND_TOGGLE_COLLECT;
		cycle();
		if (i >= skip)
			CALLGRIND_TOGGLE_COLLECT;
		wall[i] = bench_ns(CLOCK_MONOTONIC) - w0;
		cpu[i] = bench_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
		getrusage(RUSAGE_SELF, &ru);
		flt[i] = ru.ru_minflt - flt[i];
	}
	for (int i = 0; i < skip + n; i++)
		printf("cycle %d %llu %llu %ld\n", i, (unsigned long long)cpu[i],
		       (unsigned long long)wall[i], flt[i]);
	return 0;
}

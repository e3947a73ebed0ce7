/* Malformed objects, one defect at a time (issue 6, "Faults and bad
 * input"): each is made from a good object built by tests/bpf/bpf.mk by
 * changing one field of its ELF headers, symbols or relocations. Each must
 * be refused with the error and the diagnostic (bpflink_object_diag) that
 * name the defect, issue no system call at open, leave every pool as it was
 * and, when the defect is only seen at load, leave no fd open.
 * Complements test_object's truncations and byte flips (which only check
 * that pools and fds are left alone) and the libFuzzer target. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/elf.h> /* <elf.h> would find src/elf.h (-Isrc) */

#include "bpflink.h"
#include "fake_sys.h"
#include "t.h"
#include "blob.h"
#include "pools.h"

#define R_INFO(sym, type) (((uint64_t)(sym) << 32) | (uint32_t)(type))

static struct blob b_maps, b_basic;
static unsigned char buf[65536];
static size_t len;

/* ---- the copy under test and its headers --------------------------------- */

static Elf64_Ehdr *eh(void) { return (Elf64_Ehdr *)buf; }

static Elf64_Shdr *sh(unsigned i)
{
	return (Elf64_Shdr *)&buf[eh()->e_shoff + (size_t)i * sizeof(Elf64_Shdr)];
}

static const char *sec_name(unsigned i)
{
	return (const char *)&buf[sh(eh()->e_shstrndx)->sh_offset + sh(i)->sh_name];
}

/* Index of the first section named name, or of type type when name is
 * NULL; 0 when there is none. */
static unsigned find_sec(const char *name, unsigned type)
{
	for (unsigned i = 1; i < eh()->e_shnum; i++)
		if (name ? strcmp(sec_name(i), name) == 0 : sh(i)->sh_type == type)
			return i;
	return 0;
}

static Elf64_Sym *sym(unsigned i)
{
	return (Elf64_Sym *)&buf[sh(find_sec(NULL, SHT_SYMTAB))->sh_offset +
				 (size_t)i * sizeof(Elf64_Sym)];
}

/* The first symbol defined in section shndx of ELF type type. */
static unsigned find_sym(unsigned shndx, unsigned type)
{
	unsigned n = (unsigned)(sh(find_sec(NULL, SHT_SYMTAB))->sh_size /
				sizeof(Elf64_Sym));

	for (unsigned i = 1; i < n; i++)
		if (sym(i)->st_shndx == shndx && ELF64_ST_TYPE(sym(i)->st_info) == type)
			return i;
	return 0;
}

static void fresh(const struct blob *b)
{
	T_ASSERT(b->n <= sizeof(buf));
	memcpy(buf, b->p, b->n);
	len = b->n;
}

/* ---- checks ---------------------------------------------------------------- */

/* Open of the copy fails with err and a diagnostic holding what; no system
 * call; pools as before. */
#define REFUSED_AT_OPEN(err, what)                                             \
	do {                                                                   \
		struct bpflink_object_pool_stats st0_ = pools();               \
		fake_reset();                                                  \
		T_ASSERT(bpf_object__open_mem(buf, len, NULL) == NULL);        \
		T_ASSERT_EQ(libbpf_get_error(NULL), (err));                    \
		if (strstr(bpflink_object_diag(), (what)) == NULL) {           \
			fprintf(stderr, "    diagnostic: \"%s\"\n",            \
				bpflink_object_diag());                        \
			T_ASSERT(!"diagnostic names the defect");              \
		}                                                              \
		T_ASSERT_EQ(fake_total(), 0);                                  \
		T_ASSERT(same_pools(st0_, pools()));                           \
	} while (0)

/* Open succeeds, load fails with err and a diagnostic holding what; no fd
 * left open, none closed twice; after close, pools as before. */
#define REFUSED_AT_LOAD(err, what)                                             \
	do {                                                                   \
		struct bpflink_object_pool_stats st0_ = pools();               \
		struct bpf_object *o_;                                         \
		fake_reset();                                                  \
		o_ = bpf_object__open_mem(buf, len, NULL);                     \
		T_ASSERT(o_ != NULL);                                          \
		T_ASSERT_EQ(bpf_object__load(o_), (err));                      \
		if (strstr(bpflink_object_diag(), (what)) == NULL) {           \
			fprintf(stderr, "    diagnostic: \"%s\"\n",            \
				bpflink_object_diag());                        \
			T_ASSERT(!"diagnostic names the defect");              \
		}                                                              \
		T_ASSERT_EQ(fake_open_fds(), 0);                               \
		bpf_object__close(o_);                                         \
		T_ASSERT_EQ(fake_double_closes, 0);                            \
		T_ASSERT(same_pools(st0_, pools()));                           \
	} while (0)

/* ---- tests ----------------------------------------------------------------- */

static void objects_built(void)
{
	T_ASSERT(b_maps.n > 0 && b_basic.n > 0);
	fresh(&b_maps);
	fake_reset();
	struct bpf_object *o = bpf_object__open_mem(buf, len, NULL);
	T_ASSERT(o != NULL); /* the unmodified copy opens and loads */
	T_ASSERT_EQ(bpf_object__load(o), 0);
	bpf_object__close(o);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void header_defects(void)
{
	fresh(&b_maps);
	eh()->e_machine = EM_X86_64;
	REFUSED_AT_OPEN(-ENOEXEC, "not a BPF relocatable object");

	fresh(&b_maps);
	eh()->e_type = ET_EXEC;
	REFUSED_AT_OPEN(-ENOEXEC, "not a BPF relocatable object");

	fresh(&b_maps);
	eh()->e_shoff = len - 8; /* the header table runs past the end */
	REFUSED_AT_OPEN(-EINVAL, "malformed ELF header");

	fresh(&b_maps);
	eh()->e_shstrndx = eh()->e_shnum; /* out of range */
	REFUSED_AT_OPEN(-EINVAL, "malformed ELF header");

	fresh(&b_maps);
	eh()->e_shentsize = 32;
	REFUSED_AT_OPEN(-EINVAL, "malformed ELF header");
}

static void section_defects(void)
{
	unsigned text;

	/* huge: a size that wraps offset + size */
	fresh(&b_basic);
	text = find_sec(NULL, SHT_PROGBITS);
	T_ASSERT(text != 0);
	sh(text)->sh_size = ~0ull - 8;
	REFUSED_AT_OPEN(-EINVAL, "section header out of bounds");

	/* truncated: the contents run one byte past the end of the file */
	fresh(&b_basic);
	text = find_sec(".symtab", 0);
	sh(text)->sh_size = len - sh(text)->sh_offset + 1;
	REFUSED_AT_OPEN(-EINVAL, "section header out of bounds");

	/* a section's contents inside the ELF header */
	fresh(&b_basic);
	sh(find_sec(".symtab", 0))->sh_offset = 8;
	REFUSED_AT_OPEN(-EINVAL, "section header out of bounds");

	/* a section name outside the name table */
	fresh(&b_basic);
	sh(2)->sh_name = 0x7fffffff;
	REFUSED_AT_OPEN(-EINVAL, "bad section name");

	/* no symbol table; two symbol tables */
	fresh(&b_basic);
	sh(find_sec(NULL, SHT_SYMTAB))->sh_type = SHT_PROGBITS;
	REFUSED_AT_OPEN(-EINVAL, "no symbol table");
	fresh(&b_basic);
	sh(find_sec("license", 0))->sh_type = SHT_SYMTAB;
	REFUSED_AT_OPEN(-EINVAL, "more than one symbol table");

	/* license without its NUL, version of the wrong size */
	fresh(&b_basic);
	{
		Elf64_Shdr *l = sh(find_sec("license", 0));

		memset(&buf[l->sh_offset], 'G', l->sh_size);
	}
	REFUSED_AT_OPEN(-EINVAL, "license is not NUL-terminated");
}

static void symbol_defects(void)
{
	unsigned prog_sec, s;

	/* a program symbol past the end of its section */
	fresh(&b_basic);
	prog_sec = find_sec("raw_tp/sys_enter", 0);
	if (prog_sec == 0)
		prog_sec = find_sec(NULL, SHT_PROGBITS);
	s = find_sym(prog_sec, STT_FUNC);
	T_ASSERT(s != 0);
	sym(s)->st_value = sh(prog_sec)->sh_size;
	REFUSED_AT_OPEN(-EINVAL, "symbol outside its section");

	/* a size that wraps value + size */
	fresh(&b_basic);
	sym(s)->st_size = ~0ull & ~7ull;
	REFUSED_AT_OPEN(-EINVAL, "symbol outside its section");

	/* a program symbol's name outside the string table */
	fresh(&b_basic);
	sym(s)->st_name = 0x7ffffff0;
	REFUSED_AT_OPEN(-EINVAL, "bad symbol name");

	/* the symbol table's string table index out of range */
	fresh(&b_basic);
	sh(find_sec(NULL, SHT_SYMTAB))->sh_link = eh()->e_shnum + 3;
	fake_reset();
	{
		struct bpflink_object_pool_stats st0 = pools();

		T_ASSERT(bpf_object__open_mem(buf, len, NULL) == NULL);
		T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
		T_ASSERT(bpflink_object_diag()[0] != '\0');
		T_ASSERT_EQ(fake_total(), 0);
		T_ASSERT(same_pools(st0, pools()));
	}
}

/* A .maps variable whose symbol lies past the end of .maps (the map is
 * defined by its BTF variable; its symbol places it in the section, where
 * relocations find it). */
static void map_symbol_defects(void)
{
	unsigned maps = 0, s;

	fresh(&b_maps);
	maps = find_sec(".maps", 0);
	T_ASSERT(maps != 0);
	s = find_sym(maps, STT_OBJECT);
	T_ASSERT(s != 0);
	sym(s)->st_value = sh(maps)->sh_size + 64;
	REFUSED_AT_OPEN(-EINVAL, "outside .maps");

	fresh(&b_maps);
	sym(s)->st_size = ~0ull - 16; /* value + size wraps */
	REFUSED_AT_OPEN(-EINVAL, "outside .maps");
}

/* Sections sharing bytes: a program section laid over the symbol table
 * (its code would be read as symbols), the license over the section header
 * table; refused at load, the section named. */
static void overlapping_sections(void)
{
	unsigned prog, symtab;

	fresh(&b_basic);
	prog = find_sec("raw_tp/sys_enter", 0);
	if (prog == 0)
		prog = find_sec(NULL, SHT_PROGBITS);
	symtab = find_sec(NULL, SHT_SYMTAB);
	T_ASSERT(prog != 0 && symtab != 0);
	T_ASSERT(sh(prog)->sh_size <= len - sh(symtab)->sh_offset);
	sh(prog)->sh_offset = sh(symtab)->sh_offset;
	REFUSED_AT_LOAD(-EINVAL, " overlaps ");
	T_ASSERT(strstr(bpflink_object_diag(), "section .symtab overlaps another") != NULL);

	fresh(&b_basic);
	sh(find_sec("license", 0))->sh_offset = eh()->e_shoff + 64;
	REFUSED_AT_LOAD(-EINVAL, " overlaps ");
	T_ASSERT(strstr(bpflink_object_diag(), "section license overlaps the section header table") != NULL);

	/* adjacent sections share no byte: the unmodified object loads */
	fresh(&b_basic);
	fake_reset();
	{
		struct bpf_object *o = bpf_object__open_mem(buf, len, NULL);

		T_ASSERT(o != NULL);
		T_ASSERT_EQ(bpf_object__load(o), 0);
		bpf_object__close(o);
	}
}

/* The first relocation section applying to a program section. */
static unsigned find_prog_rel(void)
{
	for (unsigned i = 1; i < eh()->e_shnum; i++) {
		unsigned to = sh(i)->sh_info;

		if (sh(i)->sh_type == SHT_REL && to < eh()->e_shnum &&
		    (sh(to)->sh_flags & SHF_EXECINSTR) && sh(i)->sh_size >= 16)
			return i;
	}
	return 0;
}

static void relocation_defects(void)
{
	unsigned r;
	Elf64_Rel *rel;

	/* a relocation's symbol index past the symbol table */
	fresh(&b_maps);
	r = find_prog_rel();
	T_ASSERT(r != 0);
	rel = (Elf64_Rel *)&buf[sh(r)->sh_offset];
	rel->r_info = R_INFO(0xffffffu, rel->r_info & 0xffffffffu);
	REFUSED_AT_LOAD(-EINVAL, "relocation");

	/* a relocation's offset past its section */
	fresh(&b_maps);
	rel = (Elf64_Rel *)&buf[sh(r)->sh_offset];
	rel->r_offset = sh(sh(r)->sh_info)->sh_size + 8;
	REFUSED_AT_LOAD(-EINVAL, "relocation");

	/* a relocation not on an instruction boundary */
	fresh(&b_maps);
	rel = (Elf64_Rel *)&buf[sh(r)->sh_offset];
	rel->r_offset += 3;
	REFUSED_AT_LOAD(-EINVAL, "relocation");

	/* a relocation section whose entries run past the file */
	fresh(&b_maps);
	sh(r)->sh_size = len;
	{
		struct bpflink_object_pool_stats st0 = pools();
		struct bpf_object *o;

		fake_reset();
		o = bpf_object__open_mem(buf, len, NULL);
		if (o != NULL) {
			T_ASSERT(bpf_object__load(o) < 0);
			T_ASSERT_EQ(fake_open_fds(), 0);
			bpf_object__close(o);
		} else {
			T_ASSERT_EQ(fake_total(), 0);
		}
		T_ASSERT(bpflink_object_diag()[0] != '\0');
		T_ASSERT_EQ(fake_double_closes, 0);
		T_ASSERT(same_pools(st0, pools()));
	}
}

int main(void)
{
	b_maps = load_blob("obj_maps");
	b_basic = load_blob("obj_basic");
	T_RUN(objects_built);
	if (t_nfail)
		return T_EXIT_CODE();
	T_RUN(header_defects);
	T_RUN(section_defects);
	T_RUN(symbol_defects);
	T_RUN(map_symbol_defects);
	T_RUN(relocation_defects);
	T_RUN(overlapping_sections);
	return T_EXIT_CODE();
}

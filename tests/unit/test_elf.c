/* ELF reader (src/elf.c) on this test binary and on a small synthetic
 * ELF64 file, then on lying versions of it: every lie gives -EINVAL or
 * -ENOEXEC and nothing is read outside the buffer. The file helper
 * (src/elf_file.c) through the fake seam: no fd is left open on any path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/elf.h> /* the UAPI one: <elf.h> would find src/elf.h */

#include "elf.h"
#include "fake_sys.h"
#include "t.h"

#ifndef ELF64_R_INFO
#define ELF64_R_INFO(sym, type) (((uint64_t)(sym) << 32) + (type))
#endif
#ifndef ELF64_ST_INFO
#define ELF64_ST_INFO(b, t) (((b) << 4) + ((t) & 0xf))
#endif
#define SHN_XINDEX 0xffff

#define NAME(s) (const uint8_t *)(s), strlen(s)

/* A function of this binary, resolved by name below. */
__attribute__((noinline, used)) int t_elf_target_func(int x);
__attribute__((noinline, used)) int t_elf_target_func(int x)
{
	return x * 3 + 1;
}

static void same_as_uncached(const struct bl_elf *e, uint32_t nsec);

/* ---- this very binary ------------------------------------------------ */

static uint8_t *self;
static size_t self_len;

static int load_self(void)
{
	FILE *f;
	long n;

	if (self)
		return 0;
	f = fopen("/proc/self/exe", "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	self = malloc((size_t)n);
	if (!self || fread(self, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return -1;
	}
	fclose(f);
	self_len = (size_t)n;
	return 0;
}

/* File offset of addr from /proc/self/maps (independent of any ELF
 * parsing): the mapping holding it, its start and its file offset. */
static long maps_offset(const void *addr)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long a = (unsigned long)addr, lo, hi, off;
	long r = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %lx", &lo, &hi, &off) != 3)
			continue;
		if (a >= lo && a < hi) {
			r = (long)(a - lo + off);
			break;
		}
	}
	fclose(f);
	return r;
}

static void self_func_offset(void)
{
	struct bl_elf e;
	uint64_t off = 0;
	long want;

	T_ASSERT(load_self() == 0);
	T_ASSERT_EQ(bl_elf_init(&e, self, self_len), 0);
	T_ASSERT(e.type == ET_DYN || e.type == ET_EXEC);
	T_ASSERT(e.machine == EM_X86_64 || e.machine == EM_AARCH64);
	T_ASSERT_EQ(bl_elf_func_offset(&e, NAME("t_elf_target_func"), &off), 0);
	want = maps_offset((const void *)t_elf_target_func);
	T_ASSERT(want > 0);
	T_ASSERT_EQ(off, want);
	/* The bytes there are the function's code as mapped in memory. */
	T_ASSERT(memcmp(self + off, (const void *)t_elf_target_func, 16) == 0);
	T_ASSERT_EQ(t_elf_target_func(2), 7);
}

static void self_sections_and_symbols(void)
{
	struct bl_elf e;
	struct bl_elf_shdr sh;
	struct bl_elf_sym s, f;
	uint32_t idx, i, nsym;
	size_t at, n;
	int found = 0;

	T_ASSERT(load_self() == 0);
	T_ASSERT_EQ(bl_elf_init(&e, self, self_len), 0);
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".text"), &idx), 0);
	T_ASSERT_EQ(bl_elf_shdr(&e, idx, &sh), 0);
	T_ASSERT_EQ(sh.type, SHT_PROGBITS);
	T_ASSERT(sh.flags & SHF_EXECINSTR);
	T_ASSERT_EQ(bl_elf_sec_name(&e, &sh, &at, &n), 0);
	T_ASSERT(n == 5 && memcmp(self + at, ".text", 6) == 0);
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".no_such_section"), &idx), -ENOENT);
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".tex"), &idx), -ENOENT);

	/* Walk .symtab by index and meet the function find_func returns. */
	T_ASSERT_EQ(bl_elf_find_func(&e, NAME("t_elf_target_func"), &f), 0);
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".symtab"), &idx), 0);
	T_ASSERT_EQ(bl_elf_shdr(&e, idx, &sh), 0);
	T_ASSERT_EQ(sh.type, SHT_SYMTAB);
	nsym = (uint32_t)(sh.size / BL_ELF_SYM_SIZE);
	T_ASSERT(nsym > 10);
	for (i = 0; i < nsym; i++) {
		T_ASSERT_EQ(bl_elf_sym(&e, idx, i, &s), 0);
		T_ASSERT_EQ(bl_elf_sym_name(&e, idx, &s, &at, &n), 0);
		if (n == strlen("t_elf_target_func") &&
		    memcmp(self + at, "t_elf_target_func", n) == 0) {
			T_ASSERT_EQ(s.value, f.value);
			T_ASSERT_EQ(ELF64_ST_TYPE(s.info), STT_FUNC);
			found++;
		}
	}
	T_ASSERT_EQ(found, 1);
	T_ASSERT_EQ(bl_elf_sym(&e, idx, nsym, &s), -EINVAL);
	/* A non-symbol section is refused as a symbol table. */
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".text"), &i), 0);
	T_ASSERT_EQ(bl_elf_sym(&e, i, 0, &s), -EINVAL);
	T_ASSERT_EQ(bl_elf_func_offset(&e, NAME("no_such_function_here"),
				       (uint64_t *)&s.value), -ENOENT);
	/* .dynsym too: an undefined import is not a candidate. */
	T_ASSERT_EQ(bl_elf_find_func(&e, NAME("fopen"), &s), -ENOENT);
	/* The symbol table is cached, and the cache answers as decoding. */
	T_ASSERT_EQ(bl_elf_find_sec(&e, NAME(".symtab"), &idx), 0);
	T_ASSERT_EQ(e.sym_sec, idx);
	same_as_uncached(&e, e.shnum);
}

/* Every prefix of the real file: never a crash, only clean errors. */
static void self_truncated(void)
{
	struct bl_elf e;
	struct bl_elf_sym s;
	uint64_t off;
	size_t cut;
	int r;

	T_ASSERT(load_self() == 0);
	for (cut = 0; cut < self_len; cut += (cut < 256 ? 1 : 997)) {
		uint8_t *copy = malloc(cut ? cut : 1);

		memcpy(copy, self, cut);
		r = bl_elf_init(&e, copy, cut);
		if (cut < 64) {
			free(copy);
			T_ASSERT_EQ(r, -ENOEXEC);
			continue;
		}
		if (r == 0) {
			r = bl_elf_func_offset(&e, NAME("t_elf_target_func"), &off);
			T_ASSERT(r == 0 || r == -EINVAL || r == -ENOENT);
			r = bl_elf_find_func(&e, NAME("main"), &s);
			T_ASSERT(r == 0 || r == -EINVAL || r == -ENOENT);
		} else {
			T_ASSERT_EQ(r, -EINVAL);
		}
		free(copy);
	}
}

/* ---- a synthetic ET_DYN file ----------------------------------------- */

enum { S_NULL, S_TEXT, S_SYMTAB, S_STRTAB, S_SHSTRTAB, S_REL, S_NUM };

static _Alignas(8) uint8_t img[2048];
static size_t img_len;
static size_t sec_off[S_NUM], sym_at;
static const char strtab[] = "\0dup\0weak\0undef\0obj\0loc";
static const char shstrtab[] = "\0.text\0.symtab\0.strtab\0.shstrtab\0.rel.text";

#define EH ((Elf64_Ehdr *)img)
#define SH(i) ((Elf64_Shdr *)(img + EH->e_shoff) + (i))
#define PH ((Elf64_Phdr *)(img + EH->e_phoff))
#define SYM(i) ((Elf64_Sym *)(img + sym_at) + (i))

static size_t put(const void *p, size_t n, size_t align)
{
	size_t at = (img_len + align - 1) / align * align;

	memcpy(img + at, p, n);
	img_len = at + n;
	return at;
}

static void sym(Elf64_Sym *s, uint32_t name, int bind, int type, int shndx,
		uint64_t value)
{
	memset(s, 0, sizeof(*s));
	s->st_name = name;
	s->st_info = (unsigned char)ELF64_ST_INFO(bind, type);
	s->st_shndx = (uint16_t)shndx;
	s->st_value = value;
	s->st_size = 4;
}

/* Text at file offset 128 is loaded at 0x1000. Symbols: "dup" local at
 * 0x1000 then global at 0x1008, "weak" weak at 0x100c, "undef" undefined,
 * "obj" an object, "loc" local at 0x1004 (name ends the table). */
static void build(void)
{
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	Elf64_Shdr sh[S_NUM];
	Elf64_Sym syms[7];
	Elf64_Rel rel[2];
	uint8_t text[16];

	memset(img, 0, sizeof(img));
	memset(sh, 0, sizeof(sh));
	img_len = 0;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_DYN;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = 1;
	eh.e_phoff = 64;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = S_NUM;
	eh.e_shstrndx = S_SHSTRTAB;
	put(&eh, sizeof(eh), 8);
	put(&ph, sizeof(ph), 8);

	for (int i = 0; i < 16; i++)
		text[i] = (uint8_t)(0xc0 + i);
	img_len = 128;
	sec_off[S_TEXT] = put(text, sizeof(text), 16);
	sym(&syms[0], 0, 0, 0, 0, 0);
	sym(&syms[1], 1, STB_LOCAL, STT_FUNC, S_TEXT, 0x1000);
	sym(&syms[2], 1, STB_GLOBAL, STT_FUNC, S_TEXT, 0x1008);
	sym(&syms[3], 5, STB_WEAK, STT_FUNC, S_TEXT, 0x100c);
	sym(&syms[4], 10, STB_GLOBAL, STT_FUNC, SHN_UNDEF, 0);
	sym(&syms[5], 16, STB_GLOBAL, STT_OBJECT, S_TEXT, 0x1000);
	sym(&syms[6], 20, STB_LOCAL, STT_FUNC, S_TEXT, 0x1004);
	sym_at = sec_off[S_SYMTAB] = put(syms, sizeof(syms), 8);
	sec_off[S_STRTAB] = put(strtab, sizeof(strtab), 1);
	sec_off[S_SHSTRTAB] = put(shstrtab, sizeof(shstrtab), 1);
	rel[0].r_offset = 4;
	rel[0].r_info = ELF64_R_INFO(2, 1);
	rel[1].r_offset = 8;
	rel[1].r_info = ELF64_R_INFO(6, 10);
	sec_off[S_REL] = put(rel, sizeof(rel), 8);

	sh[S_TEXT] = (Elf64_Shdr){ .sh_name = 1, .sh_type = SHT_PROGBITS,
		.sh_flags = SHF_ALLOC | SHF_EXECINSTR, .sh_addr = 0x1000,
		.sh_offset = sec_off[S_TEXT], .sh_size = sizeof(text) };
	sh[S_SYMTAB] = (Elf64_Shdr){ .sh_name = 7, .sh_type = SHT_SYMTAB,
		.sh_offset = sec_off[S_SYMTAB], .sh_size = sizeof(syms),
		.sh_link = S_STRTAB, .sh_info = 1, .sh_entsize = sizeof(Elf64_Sym) };
	sh[S_STRTAB] = (Elf64_Shdr){ .sh_name = 15, .sh_type = SHT_STRTAB,
		.sh_offset = sec_off[S_STRTAB], .sh_size = sizeof(strtab) };
	sh[S_SHSTRTAB] = (Elf64_Shdr){ .sh_name = 23, .sh_type = SHT_STRTAB,
		.sh_offset = sec_off[S_SHSTRTAB], .sh_size = sizeof(shstrtab) };
	sh[S_REL] = (Elf64_Shdr){ .sh_name = 33, .sh_type = SHT_REL,
		.sh_offset = sec_off[S_REL], .sh_size = sizeof(rel),
		.sh_link = S_SYMTAB, .sh_info = S_TEXT,
		.sh_entsize = sizeof(Elf64_Rel) };
	EH->e_shoff = put(sh, sizeof(sh), 8);

	PH->p_type = PT_LOAD;
	PH->p_flags = PF_R | PF_X;
	PH->p_offset = 0;
	PH->p_vaddr = 0x1000 - 128;
	PH->p_filesz = 128 + sizeof(text);
	PH->p_memsz = PH->p_filesz;
}

static struct bl_elf E;

static int init(void)
{
	return bl_elf_init(&E, img, img_len);
}

static void synth_good(void)
{
	struct bl_elf_sym s;
	struct bl_elf_rel r;
	struct bl_elf_shdr sh;
	uint64_t off;
	uint32_t idx;
	size_t at, n;

	build();
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(E.shnum, S_NUM);
	/* The global "dup" wins over the local one found first. */
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), 0);
	T_ASSERT_EQ(s.value, 0x1008);
	T_ASSERT_EQ(ELF64_ST_BIND(s.info), STB_GLOBAL);
	T_ASSERT_EQ(bl_elf_func_offset(&E, NAME("dup"), &off), 0);
	T_ASSERT_EQ(off, sec_off[S_TEXT] + 8);
	T_ASSERT_EQ(img[off], 0xc8);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("weak"), &s), 0);
	T_ASSERT_EQ(s.value, 0x100c);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("loc"), &s), 0);
	T_ASSERT_EQ(s.value, 0x1004);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("undef"), &s), -ENOENT);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("obj"), &s), -ENOENT);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("du"), &s), -ENOENT);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dupx"), &s), -ENOENT);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x1000 + 15, &off), 0);
	T_ASSERT_EQ(off, sec_off[S_TEXT] + 15);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x1000 + 16, &off), -ENOENT);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x10, &off), -ENOENT);
	/* Relocations. */
	T_ASSERT_EQ(bl_elf_find_sec(&E, NAME(".rel.text"), &idx), 0);
	T_ASSERT_EQ(idx, S_REL);
	T_ASSERT_EQ(bl_elf_rel(&E, idx, 1, &r), 0);
	T_ASSERT(r.offset == 8 && r.sym == 6 && r.type == 10 && r.addend == 0);
	T_ASSERT_EQ(bl_elf_rel(&E, idx, 2, &r), -EINVAL);
	T_ASSERT_EQ(bl_elf_rel(&E, S_SYMTAB, 0, &r), -EINVAL);
	/* Strings. */
	T_ASSERT_EQ(bl_elf_shdr(&E, S_REL, &sh), 0);
	T_ASSERT_EQ(bl_elf_sec_name(&E, &sh, &at, &n), 0);
	T_ASSERT(n == 9 && memcmp(img + at, ".rel.text", 10) == 0);
	T_ASSERT_EQ(bl_elf_str(&E, S_STRTAB, 5, &at, &n), 0);
	T_ASSERT(n == 4 && memcmp(img + at, "weak", 5) == 0);
	T_ASSERT_EQ(bl_elf_str(&E, S_STRTAB, sizeof(strtab), &at, &n), -EINVAL);
	T_ASSERT_EQ(bl_elf_str(&E, S_TEXT, 0, &at, &n), -EINVAL);
	T_ASSERT_EQ(bl_elf_shdr(&E, S_NUM, &sh), -EINVAL);
	/* The caches: the names, the symbol table and its strings. */
	T_ASSERT_EQ(E.shstr_sec, S_SHSTRTAB);
	T_ASSERT_EQ(E.sym_sec, S_SYMTAB);
	T_ASSERT_EQ(E.str_sec, S_STRTAB);
	same_as_uncached(&E, S_NUM + 1);
	/* A cached bound changed behind the reader's back is not trusted:
	 * the header is decoded again. */
	E.sym_size = img_len;
	E.str_off = img_len + 1;
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 6, &s), 0);
	T_ASSERT_EQ(bl_elf_sym_name(&E, S_SYMTAB, &s, &at, &n), 0);
	T_ASSERT(n == 3 && memcmp(img + at, "loc", 4) == 0);
	T_ASSERT_EQ(init(), 0);
	/* An ET_REL file has no load addresses: no uprobe offset. */
	EH->e_type = ET_REL;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_func_offset(&E, NAME("dup"), &off), -EINVAL);
}

static void synth_rela_addend(void)
{
	Elf64_Rela ra = { .r_offset = 12, .r_info = ELF64_R_INFO(3, 2),
			  .r_addend = -5 };
	struct bl_elf_rel r;

	build();
	/* Turn .rel.text into a one-entry .rela over its own bytes. */
	memcpy(img + sec_off[S_REL], &ra, sizeof(ra));
	SH(S_REL)->sh_type = SHT_RELA;
	SH(S_REL)->sh_entsize = sizeof(Elf64_Rela);
	SH(S_REL)->sh_size = sizeof(Elf64_Rela);
	/* The values read back are the ones written, addend sign included. */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_rel(&E, S_REL, 0, &r), 0);
	T_ASSERT(r.offset == 12 && r.sym == 3 && r.type == 2 && r.addend == -5);
	SH(S_REL)->sh_entsize = 16;
	T_ASSERT_EQ(bl_elf_rel(&E, S_REL, 0, &r), -EINVAL);
}

static void bad_ident(void)
{
	build();
	T_ASSERT_EQ(bl_elf_init(&E, img, 63), -ENOEXEC);
	T_ASSERT_EQ(bl_elf_init(&E, img, 0), -ENOEXEC);
	img[1] = 'e';
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	img[EI_CLASS] = ELFCLASS32;
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	img[EI_DATA] = ELFDATA2MSB;
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	EH->e_version = 2;
	T_ASSERT_EQ(init(), -ENOEXEC);
}

static void lying_header(void)
{
	build();
	EH->e_shoff = img_len; /* table past the end */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shoff = UINT64_MAX - 8; /* and wrapping */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shnum = 0xff00; /* huge */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shentsize = 40;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shstrndx = S_NUM;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shoff = 0; /* overlaps the ELF header */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_phoff = 8; /* overlaps the ELF header */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_phnum = 0x7fff;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_phentsize = 32;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_ehsize = 20;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	EH->e_shnum = 0; /* extended numbering: not handled */
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	EH->e_shstrndx = SHN_XINDEX;
	T_ASSERT_EQ(init(), -ENOEXEC);
	/* Truncated just before the end of the section table. */
	build();
	T_ASSERT_EQ(bl_elf_init(&E, img, img_len - 1), -EINVAL);
}

static void lying_sections(void)
{
	struct bl_elf_sym s;
	struct bl_elf_shdr sh;
	uint64_t off;
	uint32_t idx;
	size_t at, n;

	build();
	SH(S_SYMTAB)->sh_offset = UINT64_MAX - 0x10; /* offset + size wraps */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_shdr(&E, S_SYMTAB, &sh), -EINVAL);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), -EINVAL);
	T_ASSERT_EQ(bl_elf_func_offset(&E, NAME("dup"), &off), -EINVAL);

	build();
	SH(S_SYMTAB)->sh_size = img_len; /* runs past the end */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 0, &s), -EINVAL);

	build();
	SH(S_TEXT)->sh_offset = 16; /* contents overlap the ELF header */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_shdr(&E, S_TEXT, &sh), -EINVAL);

	build();
	SH(S_TEXT)->sh_type = SHT_NOBITS; /* NOBITS may lie about size */
	SH(S_TEXT)->sh_size = UINT64_MAX;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_shdr(&E, S_TEXT, &sh), 0);

	build();
	SH(S_SYMTAB)->sh_link = 200; /* string table out of range */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), -EINVAL);
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 1, &s), 0);
	T_ASSERT_EQ(bl_elf_sym_name(&E, S_SYMTAB, &s, &at, &n), -EINVAL);

	build();
	SH(S_SYMTAB)->sh_link = S_TEXT; /* "string table" of the wrong type */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), -EINVAL);

	build();
	SH(S_SYMTAB)->sh_entsize = 16;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), -EINVAL);
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 0, &s), -EINVAL);

	build();
	SH(S_SHSTRTAB)->sh_type = SHT_PROGBITS;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_find_sec(&E, NAME(".text"), &idx), -EINVAL);

	build();
	SYM(2)->st_name = 5000; /* name offset outside its table */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 2, &s), 0);
	T_ASSERT_EQ(bl_elf_sym_name(&E, S_SYMTAB, &s, &at, &n), -EINVAL);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("dup"), &s), 0);
	T_ASSERT_EQ(s.value, 0x1000); /* only the local one is left */
}

static void unterminated_strings(void)
{
	struct bl_elf_sym s;
	size_t at, n;

	build();
	/* Drop the final NUL of .strtab: "loc" now runs to the table's end. */
	SH(S_STRTAB)->sh_size = sizeof(strtab) - 1;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_sym(&E, S_SYMTAB, 6, &s), 0);
	T_ASSERT_EQ(bl_elf_sym_name(&E, S_SYMTAB, &s, &at, &n), -EINVAL);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("loc"), &s), -ENOENT);
	T_ASSERT_EQ(bl_elf_find_func(&E, NAME("weak"), &s), 0);
	/* The same for a section name. */
	build();
	SH(S_SHSTRTAB)->sh_size = sizeof(shstrtab) - 1;
	T_ASSERT_EQ(init(), 0);
	{
		struct bl_elf_shdr sh;
		uint32_t idx;

		T_ASSERT_EQ(bl_elf_shdr(&E, S_REL, &sh), 0);
		T_ASSERT_EQ(bl_elf_sec_name(&E, &sh, &at, &n), -EINVAL);
		T_ASSERT_EQ(bl_elf_find_sec(&E, NAME(".rel.text"), &idx), -ENOENT);
	}
}

static void lying_program_headers(void)
{
	uint64_t off;

	build();
	PH->p_filesz = img_len + 1; /* file image past the end */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x1000, &off), -EINVAL);
	T_ASSERT_EQ(bl_elf_func_offset(&E, NAME("dup"), &off), -EINVAL);
	build();
	PH->p_offset = UINT64_MAX; /* wraps */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x1000, &off), -EINVAL);
	build();
	PH->p_vaddr = 0x900000; /* symbols outside every loaded image */
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_func_offset(&E, NAME("dup"), &off), -EINVAL);
	build();
	PH->p_type = PT_NOTE;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_elf_vaddr_to_off(&E, 0x1000, &off), -ENOENT);
}

/* The caches of struct bl_elf (the section names, the symbol table and
 * its strings) answer exactly as decoding the headers does: every lookup
 * through sections 0..nsec-1 compared with a copy whose caches are off. */
static void same_as_uncached(const struct bl_elf *e, uint32_t nsec)
{
	struct bl_elf u = *e;
	struct bl_elf_sym s1, s2;
	struct bl_elf_shdr sh;
	size_t a1, n1, a2, n2;
	int r1, r2;

	u.shstr_sec = BL_ELF_NO_SEC;
	u.sym_sec = BL_ELF_NO_SEC;
	u.str_sec = BL_ELF_NO_SEC;
	for (uint32_t sec = 0; sec < nsec; sec++) {
		for (uint32_t i = 0; i < 8; i++) {
			memset(&s1, 0, sizeof(s1));
			memset(&s2, 0, sizeof(s2));
			r1 = bl_elf_sym(e, sec, i, &s1);
			r2 = bl_elf_sym(&u, sec, i, &s2);
			T_ASSERT_EQ(r1, r2);
			T_ASSERT(memcmp(&s1, &s2, sizeof(s1)) == 0);
			a1 = n1 = a2 = n2 = 0;
			r1 = bl_elf_sym_name(e, sec, &s1, &a1, &n1);
			r2 = bl_elf_sym_name(&u, sec, &s2, &a2, &n2);
			T_ASSERT(r1 == r2 && a1 == a2 && n1 == n2);
			a1 = n1 = a2 = n2 = 0;
			r1 = bl_elf_str(e, sec, i * 3, &a1, &n1);
			r2 = bl_elf_str(&u, sec, i * 3, &a2, &n2);
			T_ASSERT(r1 == r2 && a1 == a2 && n1 == n2);
		}
		if (bl_elf_shdr(e, sec, &sh) == 0) {
			a1 = n1 = a2 = n2 = 0;
			r1 = bl_elf_sec_name(e, &sh, &a1, &n1);
			r2 = bl_elf_sec_name(&u, &sh, &a2, &n2);
			T_ASSERT(r1 == r2 && a1 == a2 && n1 == n2);
		}
	}
}

/* Random bytes flipped in the synthetic file: only clean results. */
static void random_mutations(void)
{
	struct bl_elf_sym s;
	struct bl_elf_rel r;
	struct bl_elf_shdr sh;
	uint64_t off;
	uint32_t idx;
	size_t at, n;
	int rc;

	srand(12345);
	for (int round = 0; round < 20000; round++) {
		build();
		for (int k = 0; k < 1 + rand() % 4; k++)
			img[rand() % img_len] = (uint8_t)rand();
		rc = init();
		T_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOEXEC);
		if (rc)
			continue;
		rc = bl_elf_func_offset(&E, NAME("dup"), &off);
		T_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOENT);
		if (rc == 0)
			T_ASSERT(off < img_len);
		rc = bl_elf_find_sec(&E, NAME(".strtab"), &idx);
		T_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOENT);
		for (uint32_t i = 0; i < 8; i++) {
			if (bl_elf_shdr(&E, i, &sh) == 0)
				T_ASSERT(sh.type == SHT_NOBITS ||
					 sh.offset + sh.size <= img_len);
			if (bl_elf_sym(&E, S_SYMTAB, i, &s) == 0 &&
			    bl_elf_sym_name(&E, S_SYMTAB, &s, &at, &n) == 0)
				T_ASSERT(at + n < img_len && img[at + n] == 0);
			(void)bl_elf_rel(&E, S_REL, i, &r);
		}
		same_as_uncached(&E, 8);
	}
}

/* ---- the file helper through the fake seam --------------------------- */

static void file_helper_faults(void)
{
	uint64_t off = 0;

	fake_reset();
	T_ASSERT_EQ(bl_elf_file_sym_offset("/no/such/file", "f", &off), -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* fstat fails: the fd is closed. */
	fake_reset();
	fake_set_file("/bin/x", "not an elf");
	fake_fail(FK_FSTAT, -1, 1, EIO);
	T_ASSERT_EQ(bl_elf_file_sym_offset("/bin/x", "f", &off), -EIO);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_count(FK_MMAP, -1), 0);

	/* The fake fstat reports size 0: nothing to map, fd closed. */
	fake_reset();
	fake_set_file("/bin/x", "not an elf");
	T_ASSERT_EQ(bl_elf_file_sym_offset("/bin/x", "f", &off), -ENODATA);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_count(FK_MUNMAP, -1), 0);

	fake_reset();
	T_ASSERT_EQ(bl_elf_file_sym_offset(NULL, "f", &off), -EINVAL);
	T_ASSERT_EQ(bl_elf_file_sym_offset("/bin/x", NULL, &off), -EINVAL);
	T_ASSERT_EQ(fake_total(), 0);
}

int main(void)
{
	T_RUN(self_func_offset);
	T_RUN(self_sections_and_symbols);
	T_RUN(self_truncated);
	T_RUN(synth_good);
	T_RUN(synth_rela_addend);
	T_RUN(bad_ident);
	T_RUN(lying_header);
	T_RUN(lying_sections);
	T_RUN(unterminated_strings);
	T_RUN(lying_program_headers);
	T_RUN(random_mutations);
	T_RUN(file_helper_faults);
	return T_EXIT_CODE();
}

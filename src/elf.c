/* Bounded ELF64 little-endian reader (see elf.h). Pure: no system calls,
 * no globals, no allocation; proved by proofs/prove_readers.sh. */
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>
#include <linux/elf.h>

#include "elf.h"

#define BL_SHN_XINDEX 0xffffu
#define BL_ELF_RANK_GLOBAL 3

/* Little-endian loads, byte by byte: the buffer needs no alignment. Inline,
 * so that the compiler merges the bytes into one load (x86-64, arm64). */

/*@ requires \valid_read(p + (0 .. 1));
    assigns \nothing; */
static inline uint16_t bl_rd16(const uint8_t *p)
{
	return (uint16_t)((uint32_t)p[0] | ((uint32_t)p[1] << 8U));
}

/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing; */
static inline uint32_t bl_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8U) |
	       ((uint32_t)p[2] << 16U) | ((uint32_t)p[3] << 24U);
}

/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing; */
static inline uint64_t bl_rd64(const uint8_t *p)
{
	return (uint64_t)bl_rd32(p) | ((uint64_t)bl_rd32(&p[4]) << 32U);
}

/* Two's complement reinterpretation without an implementation-defined
 * conversion: a value above INT64_MAX is -(UINT64_MAX - v) - 1, where
 * UINT64_MAX - v is at most INT64_MAX. */
/*@ assigns \nothing; */
static int64_t bl_s64(uint64_t v)
{
	uint64_t m;
	int64_t neg;

	if (v <= (uint64_t)INT64_MAX) {
		return (int64_t)v;
	}
	m = UINT64_MAX - v;
	neg = (int64_t)m;
	return -neg - 1;
}

/* Fill the caches of struct bl_elf (elf.h) from a checked header. */
/*@ requires bl_elf_valid(e) && \valid(e);
    requires \separated(e, e->buf + (0 .. e->len - 1));
    assigns e->shstr_sec, e->shstr_off, e->shstr_size, e->sym_sec,
            e->sym_link, e->sym_off, e->sym_size, e->str_sec, e->str_off,
            e->str_size; */
static void bl_elf_cache(struct bl_elf *e);

int bl_elf_init(struct bl_elf *e, const uint8_t *buf, size_t len)
{
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
	uint64_t phoff;
	uint64_t shoff;

	if (len < BL_ELF_EHDR_SIZE) {
		return -ENOEXEC;
	}
	if ((buf[EI_MAG0] != (uint8_t)ELFMAG0) ||
	    (buf[EI_MAG1] != (uint8_t)ELFMAG1) ||
	    (buf[EI_MAG2] != (uint8_t)ELFMAG2) ||
	    (buf[EI_MAG3] != (uint8_t)ELFMAG3)) {
		return -ENOEXEC;
	}
	if ((buf[EI_CLASS] != (uint8_t)ELFCLASS64) ||
	    (buf[EI_DATA] != (uint8_t)ELFDATA2LSB) ||
	    (buf[EI_VERSION] != (uint8_t)EV_CURRENT) ||
	    (bl_rd32(&buf[20]) != (uint32_t)EV_CURRENT)) {
		return -ENOEXEC;
	}

	phoff = bl_rd64(&buf[32]);
	shoff = bl_rd64(&buf[40]);
	ehsize = bl_rd16(&buf[52]);
	phentsize = bl_rd16(&buf[54]);
	phnum = bl_rd16(&buf[56]);
	shentsize = bl_rd16(&buf[58]);
	shnum = bl_rd16(&buf[60]);
	shstrndx = bl_rd16(&buf[62]);

	if (ehsize < BL_ELF_EHDR_SIZE) {
		return -EINVAL;
	}
	/* Extended numbering keeps the real counts in section 0. */
	if (((shnum == 0U) && (shoff != 0U)) || (shstrndx == BL_SHN_XINDEX)) {
		return -ENOEXEC;
	}
	if (shnum != 0U) {
		if ((shentsize != BL_ELF_SHDR_SIZE) ||
		    (shoff < BL_ELF_EHDR_SIZE) || (shoff > len) ||
		    (((uint64_t)shnum * BL_ELF_SHDR_SIZE) > (len - shoff)) ||
		    (shstrndx >= shnum)) {
			return -EINVAL;
		}
	} else {
		shstrndx = 0;
	}
	if (phnum != 0U) {
		if ((phentsize != BL_ELF_PHDR_SIZE) ||
		    (phoff < BL_ELF_EHDR_SIZE) || (phoff > len) ||
		    (((uint64_t)phnum * BL_ELF_PHDR_SIZE) > (len - phoff))) {
			return -EINVAL;
		}
	} else {
		phoff = 0;
	}

	e->buf = buf;
	e->len = len;
	e->type = bl_rd16(&buf[16]);
	e->machine = bl_rd16(&buf[18]);
	e->entry = bl_rd64(&buf[24]);
	e->shoff = shoff;
	e->phoff = phoff;
	e->shnum = shnum;
	e->phnum = phnum;
	e->shstrndx = shstrndx;
	bl_elf_cache(e);
	return 0;
}

int bl_elf_shdr(const struct bl_elf *e, uint32_t idx, struct bl_elf_shdr *sh)
{
	const uint8_t *p;
	size_t len = e->len;
	uint64_t shoff = e->shoff;
	uint32_t type;
	uint64_t offset;
	uint64_t size;

	if ((idx >= e->shnum) || (shoff > len) ||
	    ((((uint64_t)idx * BL_ELF_SHDR_SIZE) + BL_ELF_SHDR_SIZE) >
	     (len - shoff))) {
		return -EINVAL;
	}
	p = &e->buf[shoff + ((uint64_t)idx * BL_ELF_SHDR_SIZE)];
	type = bl_rd32(&p[4]);
	offset = bl_rd64(&p[24]);
	size = bl_rd64(&p[32]);
	if (type != (uint32_t)SHT_NOBITS) {
		if ((offset > len) || (size > (len - offset))) {
			return -EINVAL;
		}
		if ((size != 0U) && (offset < BL_ELF_EHDR_SIZE)) {
			return -EINVAL;
		}
	}
	sh->name = bl_rd32(p);
	sh->type = type;
	sh->flags = bl_rd64(&p[8]);
	sh->addr = bl_rd64(&p[16]);
	sh->offset = offset;
	sh->size = size;
	sh->link = bl_rd32(&p[40]);
	sh->info = bl_rd32(&p[44]);
	sh->addralign = bl_rd64(&p[48]);
	sh->entsize = bl_rd64(&p[56]);
	return 0;
}

int bl_elf_phdr(const struct bl_elf *e, uint32_t idx, struct bl_elf_phdr *ph)
{
	const uint8_t *p;
	size_t len = e->len;
	uint64_t phoff = e->phoff;
	uint64_t offset;
	uint64_t filesz;

	if ((idx >= e->phnum) || (phoff > len) ||
	    ((((uint64_t)idx * BL_ELF_PHDR_SIZE) + BL_ELF_PHDR_SIZE) >
	     (len - phoff))) {
		return -EINVAL;
	}
	p = &e->buf[phoff + ((uint64_t)idx * BL_ELF_PHDR_SIZE)];
	offset = bl_rd64(&p[8]);
	filesz = bl_rd64(&p[32]);
	if ((offset > len) || (filesz > (len - offset))) {
		return -EINVAL;
	}
	ph->type = bl_rd32(p);
	ph->flags = bl_rd32(&p[4]);
	ph->offset = offset;
	ph->vaddr = bl_rd64(&p[16]);
	ph->paddr = bl_rd64(&p[24]);
	ph->filesz = filesz;
	ph->memsz = bl_rd64(&p[40]);
	ph->align = bl_rd64(&p[48]);
	return 0;
}

/* The NUL-terminated string at offset off of the string table
 * buf[tab .. tab + size - 1]. */
/*@ requires bl_elf_valid(e);
    requires tab <= e->len && size <= e->len - tab;
    requires \valid(at) && \valid(n) && \separated(at, n) &&
             \separated(at, e) && \separated(n, e) &&
             \separated(at, e->buf + (0 .. e->len - 1)) &&
             \separated(n, e->buf + (0 .. e->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> *at <= e->len && *n < e->len - *at &&
                             e->buf[*at + *n] == 0; */
static int bl_str_in(const struct bl_elf *e, uint64_t tab, uint64_t size,
		     uint32_t off, size_t *at, size_t *n)
{
	uint64_t i;

	if (off >= size) {
		return -EINVAL;
	}
	/*@ loop invariant off <= i <= size;
	    loop assigns i;
	    loop variant size - i; */
	for (i = off; i < size; i++) {
		if (e->buf[tab + i] == 0U) {
			*at = tab + off;
			*n = i - off;
			return 0;
		}
	}
	return -EINVAL; /* not terminated inside its table */
}

int bl_elf_str(const struct bl_elf *e, uint32_t strsec, uint32_t off,
	       size_t *at, size_t *n)
{
	struct bl_elf_shdr sh;
	size_t len = e->len;
	int r;

	/* The cached tables: the section names, the symbols' names. */
	if ((strsec != BL_ELF_NO_SEC) && (strsec == e->shstr_sec) &&
	    (e->shstr_off <= len) && (e->shstr_size <= (len - e->shstr_off))) {
		return bl_str_in(e, e->shstr_off, e->shstr_size, off, at, n);
	}
	if ((strsec != BL_ELF_NO_SEC) && (strsec == e->str_sec) &&
	    (e->str_off <= len) && (e->str_size <= (len - e->str_off))) {
		return bl_str_in(e, e->str_off, e->str_size, off, at, n);
	}
	r = bl_elf_shdr(e, strsec, &sh);
	if (r != 0) {
		return r;
	}
	if (sh.type != (uint32_t)SHT_STRTAB) {
		return -EINVAL;
	}
	return bl_str_in(e, sh.offset, sh.size, off, at, n);
}

int bl_elf_sec_name(const struct bl_elf *e, const struct bl_elf_shdr *sh,
		    size_t *at, size_t *n)
{
	if (e->shnum == 0U) {
		return -EINVAL;
	}
	return bl_elf_str(e, e->shstrndx, sh->name, at, n);
}

/* 1 when the NUL-terminated string at offset off of the table
 * buf[tab .. tab + size - 1] is name[0 .. nlen-1], else 0. */
/*@ requires \valid_read(buf + (0 .. len - 1));
    requires tab <= len && size <= len - tab;
    requires \valid_read(name + (0 .. nlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1; */
static int bl_name_eq(const uint8_t *buf, size_t len, uint64_t tab,
		      uint64_t size, uint64_t off, const uint8_t *name,
		      size_t nlen)
{
	size_t i;

	(void)len; /* the bound of tab + size, used by the contract */
	if ((off >= size) || (nlen >= (size - off))) {
		return 0;
	}
	/*@ loop invariant 0 <= i <= nlen;
	    loop assigns i;
	    loop variant nlen - i; */
	for (i = 0; i < nlen; i++) {
		if (buf[tab + off + i] != name[i]) {
			return 0;
		}
	}
	return (buf[tab + off + nlen] == 0U) ? 1 : 0;
}

int bl_elf_find_sec(const struct bl_elf *e, const uint8_t *name, size_t nlen,
		    uint32_t *idx)
{
	struct bl_elf_shdr str;
	struct bl_elf_shdr sh;
	uint32_t i;
	int r;

	if (e->shnum == 0U) {
		return -ENOENT;
	}
	r = bl_elf_shdr(e, e->shstrndx, &str);
	if (r != 0) {
		return r;
	}
	if (str.type != (uint32_t)SHT_STRTAB) {
		return -EINVAL;
	}
	/*@ loop invariant 0 <= i <= e->shnum;
	    loop assigns i, r, sh;
	    loop variant e->shnum - i; */
	for (i = 0; i < e->shnum; i++) {
		r = bl_elf_shdr(e, i, &sh);
		if (r != 0) {
			return r;
		}
		if (bl_name_eq(e->buf, e->len, str.offset, str.size, sh.name,
			       name, nlen) != 0) {
			*idx = i;
			return 0;
		}
	}
	return -ENOENT;
}

/*@ requires \valid_read(p + (0 .. 23));
    requires \valid(s) && \separated(s, p + (0 .. 23));
    assigns *s; */
static void bl_sym_at(const uint8_t *p, struct bl_elf_sym *s)
{
	s->name = bl_rd32(p);
	s->info = p[4];
	s->other = p[5];
	s->shndx = bl_rd16(&p[6]);
	s->value = bl_rd64(&p[8]);
	s->size = bl_rd64(&p[16]);
}

/* Section symsec as a symbol table. */
/*@ requires bl_elf_valid(e);
    requires \valid(sh) && \separated(sh, e) &&
             \separated(sh, e->buf + (0 .. e->len - 1));
    assigns *sh;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> sh->offset <= e->len &&
                             sh->size <= e->len - sh->offset; */
static int bl_symtab(const struct bl_elf *e, uint32_t symsec,
		     struct bl_elf_shdr *sh)
{
	int r = bl_elf_shdr(e, symsec, sh);

	if (r != 0) {
		return r;
	}
	if (((sh->type != (uint32_t)SHT_SYMTAB) &&
	     (sh->type != (uint32_t)SHT_DYNSYM)) ||
	    (sh->entsize != BL_ELF_SYM_SIZE)) {
		return -EINVAL;
	}
	return 0;
}

/* 1 when symsec is the cached symbol table and its cached bounds hold. */
/* sh_type of section idx, or SHT_NULL when its header lies outside the
 * buffer (then bl_elf_shdr fails on it too). */
/*@ requires bl_elf_valid(e);
    assigns \nothing; */
static uint32_t bl_sh_type(const struct bl_elf *e, uint32_t idx)
{
	size_t len = e->len;
	uint64_t shoff = e->shoff;

	if ((idx >= e->shnum) || (shoff > len) ||
	    ((((uint64_t)idx * BL_ELF_SHDR_SIZE) + BL_ELF_SHDR_SIZE) >
	     (len - shoff))) {
		return (uint32_t)SHT_NULL;
	}
	return bl_rd32(&e->buf[shoff + ((uint64_t)idx * BL_ELF_SHDR_SIZE) + 4U]);
}

static void bl_elf_cache(struct bl_elf *e)
{
	struct bl_elf_shdr sh;
	struct bl_elf_shdr str;
	uint32_t i;

	e->shstr_sec = BL_ELF_NO_SEC;
	e->shstr_off = 0;
	e->shstr_size = 0;
	e->sym_sec = BL_ELF_NO_SEC;
	e->sym_link = 0;
	e->sym_off = 0;
	e->sym_size = 0;
	e->str_sec = BL_ELF_NO_SEC;
	e->str_off = 0;
	e->str_size = 0;
	if ((e->shnum != 0U) && (bl_elf_shdr(e, e->shstrndx, &sh) == 0) &&
	    (sh.type == (uint32_t)SHT_STRTAB)) {
		e->shstr_sec = e->shstrndx;
		e->shstr_off = sh.offset;
		e->shstr_size = sh.size;
	}
	/*@ loop invariant 0 <= i <= e->shnum;
	    loop assigns i, sh, str, e->sym_sec, e->sym_link, e->sym_off,
	                 e->sym_size, e->str_sec, e->str_off, e->str_size;
	    loop variant e->shnum - i; */
	for (i = 0; i < e->shnum; i++) {
		/* only the candidate's header is decoded and checked */
		if ((bl_sh_type(e, i) != (uint32_t)SHT_SYMTAB) ||
		    (bl_symtab(e, i, &sh) != 0)) {
			continue;
		}
		e->sym_sec = i;
		e->sym_link = sh.link;
		e->sym_off = sh.offset;
		e->sym_size = sh.size;
		if ((bl_elf_shdr(e, sh.link, &str) == 0) &&
		    (str.type == (uint32_t)SHT_STRTAB)) {
			e->str_sec = sh.link;
			e->str_off = str.offset;
			e->str_size = str.size;
		}
		break;
	}
}

/*@ requires bl_elf_valid(e);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> e->sym_off <= e->len &&
                             e->sym_size <= e->len - e->sym_off; */
static int bl_sym_cached(const struct bl_elf *e, uint32_t symsec)
{
	size_t len = e->len;

	return ((symsec != BL_ELF_NO_SEC) && (symsec == e->sym_sec) &&
		(e->sym_off <= len) && (e->sym_size <= (len - e->sym_off))) ?
		1 : 0;
}

int bl_elf_sym(const struct bl_elf *e, uint32_t symsec, uint32_t idx,
	       struct bl_elf_sym *sym)
{
	struct bl_elf_shdr sh;
	uint64_t off;
	uint64_t size;

	if (bl_sym_cached(e, symsec) != 0) {
		off = e->sym_off;
		size = e->sym_size;
	} else {
		int r = bl_symtab(e, symsec, &sh);

		if (r != 0) {
			return r;
		}
		off = sh.offset;
		size = sh.size;
	}
	if ((((uint64_t)idx * BL_ELF_SYM_SIZE) + BL_ELF_SYM_SIZE) > size) {
		return -EINVAL;
	}
	bl_sym_at(&e->buf[off + ((uint64_t)idx * BL_ELF_SYM_SIZE)], sym);
	return 0;
}

int bl_elf_sym_name(const struct bl_elf *e, uint32_t symsec,
		    const struct bl_elf_sym *sym, size_t *at, size_t *n)
{
	struct bl_elf_shdr sh;
	uint32_t name = sym->name;
	uint32_t link;

	if (bl_sym_cached(e, symsec) != 0) {
		link = e->sym_link;
	} else {
		int r = bl_symtab(e, symsec, &sh);

		if (r != 0) {
			return r;
		}
		link = sh.link;
	}
	return bl_elf_str(e, link, name, at, n);
}

/* Preference of a defined function symbol: 0 = not a candidate. */
/*@ assigns \nothing;
    ensures 0 <= \result <= BL_ELF_RANK_GLOBAL; */
static int bl_func_rank(uint8_t info, uint16_t shndx)
{
	if (((info & 0xfU) != (uint32_t)STT_FUNC) ||
	    (shndx == (uint16_t)SHN_UNDEF)) {
		return 0;
	}
	switch (info >> 4U) {
	case STB_GLOBAL:
		return BL_ELF_RANK_GLOBAL;
	case STB_WEAK:
		return 2;
	case STB_LOCAL:
		return 1;
	default:
		return 0;
	}
}

int bl_elf_find_func(const struct bl_elf *e, const uint8_t *name, size_t nlen,
		     struct bl_elf_sym *sym)
{
	struct bl_elf_shdr sh;
	struct bl_elf_shdr str;
	struct bl_elf_sym s;
	uint64_t pos;
	uint32_t i;
	int best = 0;

	/*@ loop invariant 0 <= i <= e->shnum;
	    loop invariant 0 <= best < BL_ELF_RANK_GLOBAL;
	    loop assigns i, best, sh, str, s, pos, *sym;
	    loop variant e->shnum - i; */
	for (i = 0; i < e->shnum; i++) {
		int r = bl_elf_shdr(e, i, &sh);

		if (r != 0) {
			return r;
		}
		if ((sh.type != (uint32_t)SHT_SYMTAB) &&
		    (sh.type != (uint32_t)SHT_DYNSYM)) {
			continue;
		}
		if (sh.entsize != BL_ELF_SYM_SIZE) {
			return -EINVAL;
		}
		r = bl_elf_shdr(e, sh.link, &str);
		if (r != 0) {
			return r;
		}
		if (str.type != (uint32_t)SHT_STRTAB) {
			return -EINVAL;
		}
		/*@ loop invariant pos <= sh.size;
		    loop invariant 0 <= best < BL_ELF_RANK_GLOBAL;
		    loop assigns pos, best, s, *sym;
		    loop variant sh.size - pos; */
		for (pos = 0; BL_ELF_SYM_SIZE <= (sh.size - pos);
		     pos += BL_ELF_SYM_SIZE) {
			int rank;

			bl_sym_at(&e->buf[sh.offset + pos], &s);
			rank = bl_func_rank(s.info, s.shndx);
			if (rank <= best) {
				continue;
			}
			if (bl_name_eq(e->buf, e->len, str.offset, str.size,
				       s.name, name, nlen) == 0) {
				continue;
			}
			*sym = s;
			if (rank == BL_ELF_RANK_GLOBAL) {
				return 0;
			}
			best = rank;
		}
	}
	return (best > 0) ? 0 : -ENOENT;
}

int bl_elf_vaddr_to_off(const struct bl_elf *e, uint64_t vaddr, uint64_t *off)
{
	struct bl_elf_phdr ph;
	uint32_t i;

	/*@ loop invariant 0 <= i <= e->phnum;
	    loop assigns i, ph;
	    loop variant e->phnum - i; */
	for (i = 0; i < e->phnum; i++) {
		uint64_t d;
		int r = bl_elf_phdr(e, i, &ph);

		if (r != 0) {
			return r;
		}
		if ((ph.type != (uint32_t)PT_LOAD) || (vaddr < ph.vaddr)) {
			continue;
		}
		d = vaddr - ph.vaddr;
		if (d >= ph.filesz) {
			continue;
		}
		*off = ph.offset + d;
		return 0;
	}
	return -ENOENT;
}

int bl_elf_func_offset(const struct bl_elf *e, const uint8_t *name,
		       size_t nlen, uint64_t *off)
{
	struct bl_elf_sym s;
	int r;

	if ((e->type != (uint16_t)ET_EXEC) && (e->type != (uint16_t)ET_DYN)) {
		return -EINVAL;
	}
	r = bl_elf_find_func(e, name, nlen, &s);
	if (r != 0) {
		return r;
	}
	r = bl_elf_vaddr_to_off(e, s.value, off);
	/* A defined function outside every loaded file image: a lie. */
	return (r == -ENOENT) ? -EINVAL : r;
}

int bl_elf_rel(const struct bl_elf *e, uint32_t relsec, uint32_t idx,
	       struct bl_elf_rel *rel)
{
	struct bl_elf_shdr sh;
	const uint8_t *p;
	uint64_t esz;
	uint64_t info;
	int r = bl_elf_shdr(e, relsec, &sh);

	if (r != 0) {
		return r;
	}
	if (sh.type == (uint32_t)SHT_REL) {
		esz = BL_ELF_REL_SIZE;
	} else if (sh.type == (uint32_t)SHT_RELA) {
		esz = BL_ELF_RELA_SIZE;
	} else {
		return -EINVAL;
	}
	if ((sh.entsize != esz) || ((((uint64_t)idx * esz) + esz) > sh.size)) {
		return -EINVAL;
	}
	p = &e->buf[sh.offset + ((uint64_t)idx * esz)];
	info = bl_rd64(&p[8]);
	rel->offset = bl_rd64(p);
	rel->sym = (uint32_t)(info >> 32U);
	rel->type = (uint32_t)(info & 0xffffffffU);
	rel->addend = (esz == BL_ELF_RELA_SIZE) ? bl_s64(bl_rd64(&p[16])) : 0;
	return 0;
}

/* Bounded reader of ELF64 little-endian files held in memory (untrusted).
 *
 * One reader for the whole library: uprobe attach resolves a function name
 * to a file offset with it, and the object loader walks sections, symbols
 * and relocations of clang's BPF objects with it. Nothing is copied and
 * nothing is allocated: a struct bl_elf remembers the caller's bytes (and,
 * found once by bl_elf_init, where the section names, the symbol table and
 * its strings lie), and every accessor re-checks the bounds it needs
 * against them, so a lying header can never lead to a read outside
 * [buf, buf + len).
 *
 * Every read is bounds-checked with overflow-free comparisons
 * (`n <= len - off`) and every multi-byte field is assembled byte by byte,
 * so the buffer needs no alignment. Frama-C WP proves the contracts below
 * with -wp-rte for any input bytes (proofs/prove_readers.sh).
 *
 * Errors (kernel values):
 *   -ENOEXEC  not an ELF file this reader handles: bad magic, not ELF64,
 *             not little-endian, unknown version;
 *   -EINVAL   a lying or truncated structure: header sizes, a table or a
 *             section past the end of the buffer, an index out of range, a
 *             string that is not NUL-terminated inside its table, a
 *             section of the wrong type or entry size;
 *   -ENOENT   a lookup found nothing.
 *
 * Not handled (-ENOEXEC): extended section numbering (e_shnum == 0 with a
 * section table, e_shstrndx == SHN_XINDEX), i.e. files of 65280+ sections.
 *
 * Strings are returned as (absolute offset in buf, length): the bytes
 * buf[at .. at + n - 1] are the name and buf[at + n] is its NUL.
 */
#ifndef BPFLINK_ELF_H
#define BPFLINK_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>

#define BL_ELF_EHDR_SIZE 64u
#define BL_ELF_SHDR_SIZE 64u
#define BL_ELF_PHDR_SIZE 56u
#define BL_ELF_SYM_SIZE 24u
#define BL_ELF_REL_SIZE 16u
#define BL_ELF_RELA_SIZE 24u

struct bl_elf {
	const uint8_t *buf;
	size_t len;
	uint16_t type;		/* e_type: ET_REL, ET_EXEC, ET_DYN, ... */
	uint16_t machine;	/* e_machine: EM_BPF, EM_X86_64, ... */
	uint64_t entry;
	uint64_t shoff;
	uint64_t phoff;
	uint16_t shnum;
	uint16_t phnum;
	uint16_t shstrndx;
	/* Set by bl_elf_init so that symbol and name lookups need not decode
	 * the same section headers again: the section-name table, the first
	 * symbol table (SHT_SYMTAB, entsize 24) and the string table it links
	 * to, each cached only when its header passed the checks the
	 * accessors make (else the index is BL_ELF_NO_SEC). A lookup through
	 * another section decodes its header as before; a cached bound is
	 * re-checked against len at use, so a struct changed behind the
	 * reader's back can still not lead outside the buffer. */
	uint32_t shstr_sec;
	uint32_t sym_sec;
	uint32_t sym_link;
	uint32_t str_sec;
	uint64_t shstr_off;
	uint64_t shstr_size;
	uint64_t sym_off;
	uint64_t sym_size;
	uint64_t str_off;
	uint64_t str_size;
};

#define BL_ELF_NO_SEC 0xffffffffU	/* no cached section */

struct bl_elf_shdr {
	uint32_t name;		/* offset in the section-name table */
	uint32_t type;		/* SHT_* */
	uint64_t flags;		/* SHF_* */
	uint64_t addr;
	uint64_t offset;	/* in the file; checked unless SHT_NOBITS */
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
};

struct bl_elf_phdr {
	uint32_t type;		/* PT_* */
	uint32_t flags;
	uint64_t offset;	/* offset + filesz is checked inside the file */
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

struct bl_elf_sym {
	uint32_t name;		/* offset in the linked string table */
	uint8_t info;		/* ELF64_ST_BIND(info) << 4 | ELF64_ST_TYPE */
	uint8_t other;
	uint16_t shndx;
	uint64_t value;
	uint64_t size;
};

/* One entry of a SHT_REL (addend 0) or SHT_RELA section. */
struct bl_elf_rel {
	uint64_t offset;
	uint32_t sym;		/* ELF64_R_SYM(info) */
	uint32_t type;		/* ELF64_R_TYPE(info) */
	int64_t addend;
};

/*@ predicate bl_elf_valid{L}(struct bl_elf *e) =
      \valid_read(e) && \valid_read(e->buf + (0 .. e->len - 1));
 */

/* Check the ELF header of buf[0 .. len-1] and fill *e. The section and
 * program header tables must lie inside the buffer, after the ELF header. */
/*@ requires \valid(e);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(e, buf + (0 .. len - 1));
    assigns *e;
    ensures \result == 0 || \result == -ENOEXEC || \result == -EINVAL;
    ensures \result == 0 ==> e->buf == buf && e->len == len;
    ensures \result == 0 ==> bl_elf_valid(e);
    ensures \result == 0 ==> e->shoff <= len &&
                             e->shnum * BL_ELF_SHDR_SIZE <= len - e->shoff;
    ensures \result == 0 ==> e->phoff <= len &&
                             e->phnum * BL_ELF_PHDR_SIZE <= len - e->phoff;
    ensures \result == 0 ==> e->shnum == 0 || e->shstrndx < e->shnum;
 */
int bl_elf_init(struct bl_elf *e, const uint8_t *buf, size_t len);

/* Section header idx (0 .. shnum-1). Unless the section is SHT_NOBITS (8), its
 * contents [offset, offset + size) lie inside the buffer and do not overlap
 * the ELF header (an empty section may sit anywhere inside). */
/*@ requires bl_elf_valid(e);
    requires \valid(sh) && \separated(sh, e) &&
             \separated(sh, e->buf + (0 .. e->len - 1));
    assigns *sh;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> idx < e->shnum;
    ensures \result == 0 && sh->type != 8 ==>
            sh->offset <= e->len && sh->size <= e->len - sh->offset;
 */
int bl_elf_shdr(const struct bl_elf *e, uint32_t idx, struct bl_elf_shdr *sh);

/* Program header idx (0 .. phnum-1); its file range lies inside the buffer. */
/*@ requires bl_elf_valid(e);
    requires \valid(ph) && \separated(ph, e) &&
             \separated(ph, e->buf + (0 .. e->len - 1));
    assigns *ph;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> idx < e->phnum;
    ensures \result == 0 ==>
            ph->offset <= e->len && ph->filesz <= e->len - ph->offset;
 */
int bl_elf_phdr(const struct bl_elf *e, uint32_t idx, struct bl_elf_phdr *ph);

/* String at offset off of string-table section strsec (SHT_STRTAB). */
/*@ requires bl_elf_valid(e);
    requires \valid(at) && \valid(n) && \separated(at, n) &&
             \separated(at, e) && \separated(n, e) &&
             \separated(at, e->buf + (0 .. e->len - 1)) &&
             \separated(n, e->buf + (0 .. e->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> *at <= e->len && *n < e->len - *at &&
                             e->buf[*at + *n] == 0;
 */
int bl_elf_str(const struct bl_elf *e, uint32_t strsec, uint32_t off,
	       size_t *at, size_t *n);

/* Name of a section (through e_shstrndx). */
/*@ requires bl_elf_valid(e) && \valid_read(sh);
    requires \valid(at) && \valid(n) && \separated(at, n) &&
             \separated(at, e) && \separated(n, e) &&
             \separated(at, e->buf + (0 .. e->len - 1)) &&
             \separated(n, e->buf + (0 .. e->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> *at <= e->len && *n < e->len - *at &&
                             e->buf[*at + *n] == 0;
 */
int bl_elf_sec_name(const struct bl_elf *e, const struct bl_elf_shdr *sh,
		    size_t *at, size_t *n);

/* Index of the first section named name[0 .. nlen-1] (no NUL needed). */
/*@ requires bl_elf_valid(e);
    requires \valid_read(name + (0 .. nlen - 1));
    requires \valid(idx) && \separated(idx, e) &&
             \separated(idx, e->buf + (0 .. e->len - 1));
    assigns *idx;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
    ensures \result == 0 ==> *idx < e->shnum;
 */
int bl_elf_find_sec(const struct bl_elf *e, const uint8_t *name, size_t nlen,
		    uint32_t *idx);

/* Symbol idx of symbol-table section symsec (SHT_SYMTAB or SHT_DYNSYM,
 * sh_entsize 24); idx < sh_size / 24. */
/*@ requires bl_elf_valid(e);
    requires \valid(sym) && \separated(sym, e) &&
             \separated(sym, e->buf + (0 .. e->len - 1));
    assigns *sym;
    ensures \result == 0 || \result == -EINVAL;
 */
int bl_elf_sym(const struct bl_elf *e, uint32_t symsec, uint32_t idx,
	       struct bl_elf_sym *sym);

/* Name of a symbol of symsec, through the string table in its sh_link. */
/*@ requires bl_elf_valid(e) && \valid_read(sym);
    requires \valid(at) && \valid(n) && \separated(at, n) &&
             \separated(at, e) && \separated(n, e) &&
             \separated(at, e->buf + (0 .. e->len - 1)) &&
             \separated(n, e->buf + (0 .. e->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> *at <= e->len && *n < e->len - *at &&
                             e->buf[*at + *n] == 0;
 */
int bl_elf_sym_name(const struct bl_elf *e, uint32_t symsec,
		    const struct bl_elf_sym *sym, size_t *at, size_t *n);

/* Function symbol (STT_FUNC, defined) named name[0 .. nlen-1], searched in
 * every SHT_SYMTAB and SHT_DYNSYM section. A global binding is preferred to
 * a weak one, a weak one to a local one; among equals the first wins. */
/*@ requires bl_elf_valid(e);
    requires \valid_read(name + (0 .. nlen - 1));
    requires \valid(sym) && \separated(sym, e) &&
             \separated(sym, e->buf + (0 .. e->len - 1));
    assigns *sym;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
 */
int bl_elf_find_func(const struct bl_elf *e, const uint8_t *name, size_t nlen,
		     struct bl_elf_sym *sym);

/* File offset of virtual address vaddr, through the PT_LOAD program header
 * whose file image contains it. */
/*@ requires bl_elf_valid(e);
    requires \valid(off) && \separated(off, e) &&
             \separated(off, e->buf + (0 .. e->len - 1));
    assigns *off;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
    ensures \result == 0 ==> *off < e->len;
 */
int bl_elf_vaddr_to_off(const struct bl_elf *e, uint64_t vaddr, uint64_t *off);

/* For uprobes: file offset of the function name[0 .. nlen-1] of an
 * executable or shared object (ET_EXEC / ET_DYN; others -EINVAL). */
/*@ requires bl_elf_valid(e);
    requires \valid_read(name + (0 .. nlen - 1));
    requires \valid(off) && \separated(off, e) &&
             \separated(off, e->buf + (0 .. e->len - 1));
    assigns *off;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
    ensures \result == 0 ==> *off < e->len;
 */
int bl_elf_func_offset(const struct bl_elf *e, const uint8_t *name,
		       size_t nlen, uint64_t *off);

/* Relocation idx of section relsec: SHT_REL (entsize 16, addend 0) or
 * SHT_RELA (entsize 24); idx < sh_size / entsize. */
/*@ requires bl_elf_valid(e);
    requires \valid(rel) && \separated(rel, e) &&
             \separated(rel, e->buf + (0 .. e->len - 1));
    assigns *rel;
    ensures \result == 0 || \result == -EINVAL;
 */
int bl_elf_rel(const struct bl_elf *e, uint32_t relsec, uint32_t idx,
	       struct bl_elf_rel *rel);

/* File-level helper (src/elf_file.c, uses the syscall seam; not proved):
 * open path read-only, map it privately, and put in *off the file offset of
 * function sym, as bl_elf_func_offset computes it. The mapping and the fd
 * are released on every path. Errors: the syscalls' -errno, the reader's
 * -ENOEXEC / -EINVAL / -ENOENT. */
int bl_elf_file_sym_offset(const char *path, const char *sym, uint64_t *off);

/* Helpers of the file-level readers (src/elf_file.c, not proved).
 * bl_file_map: open path read-only, map all of it with
 * mmap(PROT_READ, MAP_PRIVATE) and close the fd; release the mapping with
 * bl_sys_munmap(*map, *len). An empty file (or one whose size stat cannot
 * tell, as in /proc) gives -ENODATA.
 * bl_file_read: read the whole file into buf[0 .. cap-1] (for files that
 * cannot be mapped); -E2BIG when it does not fit. */
int bl_file_map(const char *path, void **map, size_t *len);
int bl_file_read(const char *path, void *buf, size_t cap, size_t *len);
/* Length of a NUL-terminated string. */
size_t bl_cstrlen(const char *s);

#endif

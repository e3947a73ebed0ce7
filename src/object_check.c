/* Checks of a whole object made by bpf_object__load before it uses any
 * part of it (before its first system call):
 * - every relocation of the object's program sections (libbpf refuses these
 *   defects when it opens the object; the relocation pass, object_reloc.c,
 *   only reads the entries that fall inside the functions it loads, so an
 *   entry outside them, or between two instructions, would be skipped
 *   silently and a garbage one in an unused function accepted);
 * - the file layout: no two sections' contents, nor a section and the
 *   section header table, share a byte (an overlap makes the same bytes
 *   read as two things: code as symbols, strings as relocations).
 * Proved by proofs/prove_loader.sh (module object_check): no runtime error
 * for any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>

#include "object.h"

#define BL_SHT_PROGBITS 1U
#define BL_SHT_REL 9U
#define BL_SHF_EXECINSTR 4U
#define BL_R_BPF_64_64 1U  /* ld_imm64 of a map or of data */
#define BL_R_BPF_64_32 10U /* call of a function */
#define BL_SHT_NOBITS 8U
#define BL_NSEC ((uint32_t)BPFLINK_MAX_SECTIONS)

/* bl_rs (struct bl_ranges, src/object.h; defined in src/object_mem.c): the
 * file ranges of the sections seen so far, under the arena lock. */

/* Entry k of relocation section s (sh) against program section sec
 * (sec_size bytes), with nsyms symbols in the table. */
/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -EOPNOTSUPP;
 */
static int bl_check_rel(const struct bpf_object *obj, uint32_t s,
			uint32_t k, uint32_t sec, uint64_t sec_size,
			uint64_t nsyms)
{
	struct bl_elf_rel r;

	if (bl_elf_rel(&obj->elf, s, k, &r) != 0) {
		return bl_diag(-EINVAL, "bad relocation entry in ",
			       bl_obj_sec_name(obj, s), NULL);
	}
	if (((r.offset % 8U) != 0U) || (r.offset >= sec_size)) {
		return bl_diag(-EINVAL, "relocation offset outside the "
			       "instructions of ", bl_obj_sec_name(obj, sec),
			       NULL);
	}
	if ((r.sym == 0U) || (r.sym >= nsyms)) {
		return bl_diag(-EINVAL, "relocation symbol out of range in ",
			       bl_obj_sec_name(obj, sec), NULL);
	}
	if ((r.type != BL_R_BPF_64_64) && (r.type != BL_R_BPF_64_32)) {
		return bl_diag(-EOPNOTSUPP, "unsupported relocation type in ",
			       bl_obj_sec_name(obj, sec), NULL);
	}
	return 0;
}

/* Relocation section s (header rs): when it applies to a program section,
 * each of its entries. */
/*@ requires bl_obj_bytes(obj) && \valid_read(rs);
    requires \separated(rs, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -EOPNOTSUPP;
 */
static int bl_check_rel_sec(const struct bpf_object *obj, uint32_t s,
			    const struct bl_elf_shdr *rs, uint64_t nsyms)
{
	struct bl_elf_shdr t;
	uint64_t n = rs->size / BL_ELF_REL_SIZE;

	if ((rs->info == 0U) || (rs->info >= obj->elf.shnum)) {
		return bl_diag(-EINVAL, "relocation section for no section: ",
			       bl_obj_sec_name(obj, s), NULL);
	}
	if (bl_elf_shdr(&obj->elf, rs->info, &t) != 0) {
		return bl_diag(-EINVAL, "section header out of bounds", NULL,
			       NULL);
	}
	if ((t.type != BL_SHT_PROGBITS) || ((t.flags & BL_SHF_EXECINSTR) == 0U)) {
		return 0; /* .maps slots, .BTF, debug info: not instructions */
	}
	if (rs->link != obj->symtab) {
		return bl_diag(-EINVAL, "relocations not against the symbol "
			       "table: ", bl_obj_sec_name(obj, s), NULL);
	}
	if ((rs->size % BL_ELF_REL_SIZE) != 0U) {
		return bl_diag(-EINVAL, "relocation section size not a "
			       "multiple of its entries: ",
			       bl_obj_sec_name(obj, s), NULL);
	}
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant n - k; */
	for (uint64_t k = 0U; k < n; k++) {
		int err;

		if (k > UINT32_MAX) {
			return bl_diag(-EINVAL, "too many relocations in ",
				       bl_obj_sec_name(obj, s), NULL);
		}
		err = bl_check_rel(obj, s, (uint32_t)k, rs->info, t.size, nsyms);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

int bl_obj_check_relocs(const struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	uint64_t nsyms;
	int err;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &sh) != 0) {
		return bl_diag(-EINVAL, "no symbol table", NULL, NULL);
	}
	nsyms = sh.size / BL_ELF_SYM_SIZE;
	/*@ loop invariant 1 <= s;
	    loop assigns s, sh, err, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant obj->elf.shnum - s; */
	for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
		if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
			return bl_diag(-EINVAL, "section header out of bounds",
				       NULL, NULL);
		}
		if (sh.type != BL_SHT_REL) {
			continue;
		}
		err = bl_check_rel_sec(obj, s, &sh, nsyms);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* Section id (not 0) shares bytes with the range of section other (0: the
 * section header table): the diagnostic names id and what it overlaps. */
/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == -EINVAL;
 */
static int bl_overlap(const struct bpf_object *obj, uint16_t id,
		      uint16_t other)
{
	return bl_diag(-EINVAL, "section ", bl_obj_sec_name(obj, id),
		       (other == 0U) ? " overlaps the section header table"
				     : " overlaps another section");
}

/* Add [lo, hi) (lo < hi) of section id to the sorted set: insertion keeps
 * the set sorted; the new range can only meet its two neighbours, since
 * the set's ranges are disjoint. id is 0 only for the first range added
 * (the header table), which has no neighbour. */
/*@ requires bl_obj_bytes(obj);
    requires bl_rs.n <= BL_NSEC;
    assigns bl_rs.lo[0 .. BL_NSEC - 1], bl_rs.hi[0 .. BL_NSEC - 1],
            bl_rs.id[0 .. BL_NSEC - 1], bl_rs.n,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_rs.n <= BL_NSEC;
    ensures \result == 0 || \result == -EINVAL || \result == -E2BIG;
 */
static int bl_range_add(const struct bpf_object *obj, uint64_t lo,
			uint64_t hi, uint16_t id)
{
	uint32_t i = bl_rs.n;

	if (bl_rs.n >= BL_NSEC) {
		return bl_diag(-E2BIG, "too many sections "
			       "(BPFLINK_MAX_SECTIONS)", NULL, NULL);
	}
	/*@ loop invariant 0 <= i <= bl_rs.n;
	    loop assigns i, bl_rs.lo[1 .. BL_NSEC - 1], bl_rs.hi[1 .. BL_NSEC - 1],
	                 bl_rs.id[1 .. BL_NSEC - 1];
	    loop variant i; */
	while ((i > 0U) && (bl_rs.lo[i - 1U] > lo)) {
		bl_rs.lo[i] = bl_rs.lo[i - 1U];
		bl_rs.hi[i] = bl_rs.hi[i - 1U];
		bl_rs.id[i] = bl_rs.id[i - 1U];
		i--;
	}
	bl_rs.lo[i] = lo;
	bl_rs.hi[i] = hi;
	bl_rs.id[i] = id;
	bl_rs.n++;
	if ((i > 0U) && (bl_rs.hi[i - 1U] > lo)) {
		return bl_overlap(obj, id, bl_rs.id[i - 1U]);
	}
	if (((i + 1U) < bl_rs.n) && (hi > bl_rs.lo[i + 1U])) {
		return bl_overlap(obj, id, bl_rs.id[i + 1U]);
	}
	return 0;
}

/*@ requires bl_obj_bytes(obj);
    assigns bl_rs.lo[0 .. BL_NSEC - 1], bl_rs.hi[0 .. BL_NSEC - 1],
            bl_rs.id[0 .. BL_NSEC - 1], bl_rs.n,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -E2BIG;
 */
int bl_obj_check_layout(const struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	uint64_t tbl = (uint64_t)obj->elf.shnum * BL_ELF_SHDR_SIZE;
	int err = 0;

	bl_rs.n = 0U;
	if (obj->elf.shoff > (UINT64_MAX - tbl)) {
		err = bl_diag(-EINVAL, "malformed ELF header", NULL, NULL);
	} else if (tbl != 0U) {
		err = bl_range_add(obj, obj->elf.shoff, obj->elf.shoff + tbl, 0U);
	} else {
		/* no section header table */
	}
	/*@ loop invariant 1 <= s;
	    loop invariant bl_obj_bytes(obj);
	    loop invariant bl_rs.n <= BL_NSEC;
	    loop invariant err == 0 || err == -EINVAL || err == -E2BIG;
	    loop assigns s, sh, err, bl_rs.lo[0 .. BL_NSEC - 1],
	                 bl_rs.hi[0 .. BL_NSEC - 1], bl_rs.id[0 .. BL_NSEC - 1],
	                 bl_rs.n, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant obj->elf.shnum - s; */
	for (uint32_t s = 1U; (err == 0) && (s < obj->elf.shnum); s++) {
		if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
			err = bl_diag(-EINVAL, "section header out of bounds",
				      NULL, NULL);
		} else if ((sh.type != BL_SHT_NOBITS) && (sh.size != 0U)) {
			err = bl_range_add(obj, sh.offset, sh.offset + sh.size,
					   (uint16_t)s);
		} else {
			/* no bytes in the file */
		}
	}
	return err;
}

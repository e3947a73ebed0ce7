/* The object's BTF in the kernel, as libbpf loads it:
 * - at the start of a load, .BTF and .BTF.ext are checked whole (every
 *   header field, part bound, record size and block length against the
 *   section; no byte outside it is ever read);
 * - .BTF is copied into a bounded static arena (BPFLINK_BTF_ARENA bytes,
 *   -E2BIG naming the limit) and fixed where clang leaves work to the
 *   loader: each DATASEC's size (0 in the object) becomes its ELF
 *   section's size, and then each VAR's offset becomes its symbol's value,
 *   the entries sorted by offset (the kernel wants them ascending); a
 *   DATASEC of no ELF section gets its variables laid end to end; FUNCs
 *   and VARs whose symbol is global but hidden (libbpf's __hidden) are
 *   made static, as libbpf does (the verifier then checks a hidden
 *   function in its caller's context);
 * - data maps are mmapable only when their DATASEC holds a variable that
 *   is not static (libbpf's rule), decided here at load;
 * - BPF_BTF_LOAD once; when the kernel refuses it, the load goes on
 *   without BTF (a diagnostic is kept; the caller's log buffer, if any,
 *   gets the kernel's BTF log);
 * - maps: btf_fd and the key/value type ids of the definition (data maps:
 *   the DATASEC's id as value), except for the map types libbpf creates
 *   without BTF;
 * - programs: prog_btf_fd, and func_info / line_info taken from .BTF.ext
 *   for every function of the final image (the program, then each
 *   appended subprogram, in arena order), byte offsets converted to
 *   instruction indices inside the image.
 * The arena and the info buffers are used under the load lock only.
 * Frama-C WP proves with -wp-rte (proofs/prove_loader.sh, module
 * object_btf) every function here that reads the object's bytes: the
 * checks of .BTF / .BTF.ext, the DATASEC / FUNC fix-ups in the arena (its
 * writes are bounded by the arena whatever the BTF says) and the
 * collection of func_info / line_info (the parts' bounds are checked again
 * against the section). Not proved: bl_obj_btf_load (memcpy, the system
 * call), bl_btf_log, bl_finfo_ptr / bl_linfo_ptr (pointer conversions to
 * const void *: contracts assumed),
 * bl_btf_str (the char view of the bytes, assumed), the accessors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/errno.h>

#include "btf.h"
#include "object.h"
#include "sys.h"

#define BL_SHT_NOBITS 8U
#define BL_STT_FUNC 2U
#define BL_STT_SECTION 3U
#define BL_STB_LOCAL 0U
#define BL_STV_INTERNAL 1U
#define BL_STV_HIDDEN 2U
#define BL_EXT_HDR_MIN 24U  /* up to line_info_len */
#define BL_FINFO_REC 8U	    /* struct bpf_func_info */
#define BL_LINFO_REC 16U    /* struct bpf_line_info */
#define BL_EXT_REC_MAX 256U /* larger record sizes are refused */
#define BL_BTF_ARENA_N ((uint64_t)BPFLINK_BTF_ARENA)
#define BL_LINFO_N ((uint32_t)BPFLINK_LINE_INFO)
#define BL_FINFO_N ((uint32_t)BPFLINK_MAX_SUBPROGS)

/* bl_btf_arena, bl_finfo, bl_linfo: src/object_mem.c */

/*@ requires off <= 0xfffffffffffffffc;
    requires \valid_read(p + (off .. off + 3));
    assigns \nothing; */
static uint32_t bl_ext32(const uint8_t *p, uint64_t off)
{
	return (uint32_t)p[off] | ((uint32_t)p[off + 1U] << 8U) |
	       ((uint32_t)p[off + 2U] << 16U) | ((uint32_t)p[off + 3U] << 24U);
}

/* Word v at bl_btf_arena[off .. off + 3] (nothing past the arena). */
/*@ assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1]; */
static void bl_wr32(uint64_t off, uint32_t v)
{
	if (off > (BL_BTF_ARENA_N - 4U)) {
		return;
	}
	bl_btf_arena[off] = (uint8_t)(v & 0xffU);
	bl_btf_arena[off + 1U] = (uint8_t)((v >> 8U) & 0xffU);
	bl_btf_arena[off + 2U] = (uint8_t)((v >> 16U) & 0xffU);
	bl_btf_arena[off + 3U] = (uint8_t)((v >> 24U) & 0xffU);
}

/* The bytes of section idx (not NOBITS): 0 and *sh, or -EINVAL. */
/*@ requires bl_obj_bytes(obj);
    requires \valid(sh) && \separated(sh, obj) &&
             \separated(sh, obj->buf + (0 .. obj->len - 1));
    assigns *sh;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> sh->offset <= obj->len &&
                             sh->size <= obj->len - sh->offset;
 */
static int bl_sec_bytes(const struct bpf_object *obj, uint32_t idx,
			struct bl_elf_shdr *sh)
{
	if ((idx == 0U) || (bl_elf_shdr(&obj->elf, idx, sh) != 0) ||
	    (sh->type == BL_SHT_NOBITS)) {
		return -EINVAL;
	}
	return 0;
}

/* The object's .BTF, read in place. */
/*@ requires bl_obj_bytes(obj);
    requires \valid(b) && \separated(b, obj->buf + (0 .. obj->len - 1));
    assigns *b;
    ensures \result == 0 ==> bl_btf_valid(b);
 */
static int bl_obj_btf(const struct bpf_object *obj, struct bl_btf *b)
{
	struct bl_elf_shdr sh;

	if (bl_sec_bytes(obj, obj->btf_shndx, &sh) != 0) {
		return -EINVAL;
	}
	return bl_btf_init(b, &obj->buf[sh.offset], sh.size);
}

/* ---- .BTF.ext ------------------------------------------------------------ */

/* Check one part at [hdr + off, hdr + off + len) of p[0 .. size - 1]:
 * a record size (min <= rec <= BL_EXT_REC_MAX, a multiple of 4), then
 * blocks {sec_name_off, num_info >= 1, num_info records} filling it. */
/*@ requires \valid_read(p + (0 .. size - 1));
    requires hdr <= size;
    requires min >= 8;
    requires \valid(out) && \separated(out, p + (0 .. size - 1));
    assigns *out;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> out->off <= size &&
                             out->len <= size - out->off;
    ensures \result == 0 && out->len != 0 ==>
            min <= out->rec <= BL_EXT_REC_MAX;
 */
static int bl_ext_part_check(const uint8_t *p, uint64_t size, uint64_t hdr,
			     uint32_t off, uint32_t len, uint32_t min,
			     struct bl_ext_part *out)
{
	uint64_t base;
	uint64_t pos = 4U;
	uint32_t rec;

	out->off = 0U;
	out->len = 0U;
	out->rec = 0U;
	if (len == 0U) {
		return 0;
	}
	if ((off > (size - hdr)) || (len > ((size - hdr) - off)) ||
	    (len < 4U)) {
		return -EINVAL;
	}
	base = hdr + off;
	rec = bl_ext32(p, base);
	if ((rec < min) || (rec > BL_EXT_REC_MAX) || ((rec % 4U) != 0U)) {
		return -EINVAL;
	}
	/*@ loop invariant 4 <= pos;
	    loop assigns pos;
	    loop variant len - pos; */
	while (pos < len) {
		uint32_t num;

		if ((len - pos) < 8U) {
			return -EINVAL;
		}
		num = bl_ext32(p, base + pos + 4U);
		pos += 8U;
		if ((num == 0U) || (num > ((len - pos) / rec))) {
			return -EINVAL;
		}
		pos += (uint64_t)num * rec;
	}
	out->off = base;
	out->len = len;
	out->rec = rec;
	return 0;
}

/* The func_info and line_info parts of the .BTF.ext at p[0 .. size - 1]
 * (its header hdr bytes long, read) checked into obj. */
/*@ requires \valid(obj) && \valid_read(p + (0 .. size - 1));
    requires BL_EXT_HDR_MIN <= hdr <= size;
    requires \separated(obj, p + (0 .. size - 1));
    assigns obj->ext_func, obj->ext_line, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL;
 */
static int bl_ext_parts(struct bpf_object *obj, const uint8_t *p,
			uint64_t size, uint64_t hdr)
{
	if (bl_ext_part_check(p, size, hdr, bl_ext32(p, 8U), bl_ext32(p, 12U),
			      BL_FINFO_REC, &obj->ext_func) != 0) {
		return bl_diag(-EINVAL, "bad .BTF.ext func_info", NULL, NULL);
	}
	if (bl_ext_part_check(p, size, hdr, bl_ext32(p, 16U), bl_ext32(p, 20U),
			      BL_LINFO_REC, &obj->ext_line) != 0) {
		obj->ext_func.len = 0U;
		return bl_diag(-EINVAL, "bad .BTF.ext line_info", NULL, NULL);
	}
	return 0;
}

/*@ requires bl_obj_bytes(obj);
    assigns obj->ext_func, obj->ext_line, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL;
 */
int bl_obj_btf_check(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	struct bl_btf b;
	const uint8_t *p;
	uint64_t hdr;
	uint32_t nr;

	obj->ext_func.len = 0U;
	obj->ext_line.len = 0U;
	if (obj->btf_shndx == 0U) {
		return 0;
	}
	if ((bl_obj_btf(obj, &b) != 0) || (bl_btf_count(&b, &nr) != 0)) {
		return bl_diag(-EINVAL, "bad .BTF", NULL, NULL);
	}
	if (obj->btf_ext_shndx == 0U) {
		return 0;
	}
	if ((bl_sec_bytes(obj, obj->btf_ext_shndx, &sh) != 0) ||
	    (sh.size < (uint64_t)BL_EXT_HDR_MIN)) {
		return bl_diag(-EINVAL, "bad .BTF.ext: truncated header", NULL,
			       NULL);
	}
	p = &obj->buf[sh.offset];
	hdr = bl_ext32(p, 4U);
	if ((p[0] != 0x9fU) || (p[1] != 0xebU) || (p[2] != 1U) ||
	    (hdr < (uint64_t)BL_EXT_HDR_MIN) || (hdr > sh.size)) {
		return bl_diag(-EINVAL, "bad .BTF.ext header", NULL, NULL);
	}
	return bl_ext_parts(obj, p, sh.size, hdr);
}

/* ---- .BTF fix-up and load ------------------------------------------------ */

/* The name at b->buf[at] (n bytes, then its NUL: bl_btf_name's result)
 * as a C string. */
const char *bl_btf_str(const struct bl_btf *b, size_t at, size_t n)
{
	(void)n;
	return (const char *)&b->buf[at];
}

/* The type of id `id` (walked from the first). */
/*@ requires bl_btf_valid(b);
    requires \valid(t) && \separated(t, b) &&
             \separated(t, b->buf + (0 .. b->len - 1));
    assigns *t;
    ensures \result == 0 || \result == -ENOENT;
    ensures \result == 0 ==> t->off <= b->len &&
                             12 <= t->rec_len <= b->len - t->off;
 */
static int bl_type_by_id(const struct bl_btf *b, uint32_t id,
			 struct bl_btf_type *t)
{
	struct bl_btf_iter it = { 0U, 0U };

	/*@ loop invariant it.pos <= b->type_len;
	    loop assigns it, *t;
	    loop variant b->type_len - it.pos; */
	while (bl_btf_next(b, &it, t) == 1) {
		if (t->id == id) {
			return 0;
		}
	}
	return -ENOENT;
}

/* The symbol named name: of section shndx (not a section symbol), or,
 * shndx 0, any STT_FUNC. */
/*@ requires bl_obj_bytes(obj) && bl_cstr((char *)name);
    requires \valid(sym) && \separated(sym, obj) &&
             \separated(sym, obj->buf + (0 .. obj->len - 1));
    assigns *sym;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
 */
static int bl_named_sym(const struct bpf_object *obj, uint32_t shndx,
			const char *name, struct bl_elf_sym *sym)
{
	struct bl_elf_shdr st;
	size_t at;
	size_t n;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	/*@ loop invariant 1 <= i;
	    loop assigns i, *sym, at, n;
	    loop variant st.size / BL_ELF_SYM_SIZE - i; */
	for (uint64_t i = 1U; i < (st.size / BL_ELF_SYM_SIZE); i++) {
		bool kind_ok;

		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, sym) != 0) {
			return -EINVAL;
		}
		if (shndx == 0U) {
			kind_ok = (sym->info & 15U) == BL_STT_FUNC;
		} else {
			kind_ok = (sym->shndx == shndx) &&
				  ((sym->info & 15U) != BL_STT_SECTION);
		}
		if (!kind_ok ||
		    (bl_elf_sym_name(&obj->elf, obj->symtab, sym, &at, &n) !=
		     0)) {
			continue;
		}
		//@ assert bl_name_ok(obj, at, n);
		if (bl_streq(bl_obj_str(obj, at), name)) {
			return 0;
		}
	}
	return -ENOENT;
}

/* A global or weak symbol of hidden or internal visibility (libbpf's
 * __hidden): its BTF FUNC / VAR is made static, as libbpf does, so that
 * the verifier checks a hidden function in its caller's context. */
/*@ requires \valid_read(sym);
    assigns \nothing; */
static bool bl_sym_hidden(const struct bl_elf_sym *sym)
{
	uint32_t vis = (uint32_t)sym->other & 3U;

	return ((sym->info >> 4U) != BL_STB_LOCAL) &&
	       ((vis == BL_STV_INTERNAL) || (vis == BL_STV_HIDDEN));
}

/* The secinfo entries {type, offset, size} of the DATASEC at off, sorted
 * by offset (insertion sort in place, stable). Entries that would run past
 * the arena (never, for a record bl_btf_next returned) are left as they
 * are. */
/*@ assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1]; */
static void bl_sort_vsi(uint64_t off, uint32_t vlen)
{
	if ((off > BL_BTF_ARENA_N) ||
	    ((uint64_t)vlen >= ((BL_BTF_ARENA_N - off) / 12U))) {
		return;
	}
	//@ assert off + 12 * ((integer)vlen + 1) <= BPFLINK_BTF_ARENA;
	/*@ loop invariant 1 <= i <= vlen + 1;
	    loop assigns i, bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
	    loop variant vlen - i; */
	for (uint32_t i = 1U; i < vlen; i++) {
		uint32_t j = i;

		/*@ loop invariant 0 <= j <= i;
		    loop assigns j, bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
		    loop variant j; */
		while (j > 0U) {
			uint32_t prev = j - 1U;
			uint64_t a = off + 12U + ((uint64_t)prev * 12U);
			uint64_t c = a + 12U;

			//@ assert c + 12 <= BPFLINK_BTF_ARENA;
			if (bl_ext32(bl_btf_arena, a + 4U) <=
			    bl_ext32(bl_btf_arena, c + 4U)) {
				break;
			}
			/*@ loop invariant 0 <= k <= 12;
			    loop assigns k, bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
			    loop variant 12 - k; */
			for (uint64_t k = 0U; k < 12U; k++) {
				uint8_t x = bl_btf_arena[a + k];

				bl_btf_arena[a + k] = bl_btf_arena[c + k];
				bl_btf_arena[c + k] = x;
			}
			j--;
		}
	}
}

/* A DATASEC whose ELF section is not there (clang dropped it: its
 * variables were optimised away or merged elsewhere; libbpf refuses the
 * object): its variables laid out one after another, its size their total,
 * so that the kernel accepts a section no map will ever hold. */
/*@ requires bl_btf_valid(b) && \valid_read(t);
    requires \separated(b, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    requires \separated(t, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
 */
static void bl_layout_datasec(const struct bl_btf *b,
			      const struct bl_btf_type *t)
{
	uint64_t total = 0U;

	/*@ loop invariant 0 <= i <= t->vlen;
	    loop invariant total <= UINT32_MAX;
	    loop assigns i, total, bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
	    loop variant t->vlen - i; */
	for (uint32_t i = 0U; i < t->vlen; i++) {
		uint32_t size = 0U;

		if ((bl_btf_word(b, t, (3U * i) + 2U, &size) != 0) ||
		    ((total + size) > UINT32_MAX)) {
			return;
		}
		bl_wr32(t->off + 12U + ((uint64_t)i * 12U) + 4U,
			(uint32_t)total);
		total += size;
	}
	bl_wr32(t->off + 8U, (uint32_t)total);
}

/* The first section (after 0) named name, or 0. */
/*@ requires bl_obj_bytes(obj) && bl_cstr((char *)name);
    assigns \nothing;
 */
static uint32_t bl_sec_named(const struct bpf_object *obj, const char *name)
{
	/*@ loop invariant 1 <= i <= 65536;
	    loop assigns i;
	    loop variant 65536 - i; */
	for (uint32_t i = 1U; i < obj->elf.shnum; i++) {
		const char *s = bl_obj_sec_name(obj, i);

		if ((s != NULL) && bl_streq(s, name)) {
			return i;
		}
	}
	return 0U;
}

/* The data maps of section shndx (walked along obj's chain, at most the
 * pool size): value type id `id`; not mmapable when clear. */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1];
    ensures bl_lists_ok;
 */
static void bl_data_maps(const struct bpf_object *obj, uint32_t shndx,
			 uint32_t id, bool clear)
{
	uint16_t i = obj->first_map;

	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS) && bl_lists_ok;
	    loop assigns s, i, bl_maps[0 .. BPFLINK_MAX_MAPS - 1];
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		struct bpf_map *m = &bl_maps[i];

		if ((m->kind >= BL_MAP_DATA) && (m->shndx == shndx)) {
			m->btf_value_type_id = id;
			if (clear) {
				m->map_flags &= ~(uint32_t)BPF_F_MMAPABLE;
			}
		}
		i = m->next;
	}
}

/* Secinfo entry i of DATASEC t (of section shndx): its VAR's offset from
 * its symbol (when fix), and the VAR made static when its symbol is
 * hidden. True when the entry is a VAR that is not static. */
/*@ requires bl_obj_bytes(obj);
    requires bl_btf_valid(b) && \valid_read(t);
    requires \separated(b, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    requires \separated(t, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
 */
static bool bl_fix_var(const struct bpf_object *obj, const struct bl_btf *b,
		       const struct bl_btf_type *t, uint32_t i, uint32_t shndx,
		       bool fix)
{
	struct bl_elf_sym sym;
	struct bl_btf_type v;
	uint32_t vid = 0U;
	uint32_t linkage = 0U;
	size_t at;
	size_t n;

	if ((bl_btf_word(b, t, 3U * i, &vid) != 0) ||
	    (bl_type_by_id(b, vid, &v) != 0) ||
	    (v.kind != (uint8_t)BTF_KIND_VAR) ||
	    (bl_btf_word(b, &v, 0U, &linkage) != 0)) {
		return false;
	}
	if ((bl_btf_name(b, v.name_off, &at, &n) == 0) &&
	    (bl_named_sym(obj, shndx, bl_btf_str(b, at, n), &sym) == 0)) {
		if (fix && (sym.value <= UINT32_MAX)) {
			bl_wr32(t->off + 12U + ((uint64_t)i * 12U) + 4U,
				(uint32_t)sym.value);
		}
		if ((linkage == (uint32_t)BTF_VAR_GLOBAL_ALLOCATED) &&
		    bl_sym_hidden(&sym)) {
			linkage = (uint32_t)BTF_VAR_STATIC;
			bl_wr32(v.off + 12U, linkage);
		}
	}
	return linkage != (uint32_t)BTF_VAR_STATIC;
}

/* One DATASEC t of the arena's BTF b: size and VAR offsets from the ELF
 * section of the same name; data maps of that section get its id. Types
 * the kernel will judge (a VAR that is not one, no such section) are left
 * as they are. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires bl_btf_valid(b) && \valid_read(t);
    requires \separated(b, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    requires \separated(t, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    requires \separated(b, bl_maps + (0 .. BPFLINK_MAX_MAPS - 1));
    requires \separated(t, bl_maps + (0 .. BPFLINK_MAX_MAPS - 1));
    assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1];
    ensures bl_lists_ok;
 */
static void bl_fix_datasec(const struct bpf_object *obj, const struct bl_btf *b,
			   const struct bl_btf_type *t)
{
	struct bl_elf_shdr sh;
	uint32_t shndx;
	bool fix;
	bool global = false;
	size_t at;
	size_t n;

	if (bl_btf_name(b, t->name_off, &at, &n) != 0) {
		return;
	}
	shndx = bl_sec_named(obj, bl_btf_str(b, at, n));
	if (shndx == 0U) {
		if (t->size_type == 0U) {
			bl_layout_datasec(b, t);
		}
		return;
	}
	if ((bl_elf_shdr(&obj->elf, shndx, &sh) != 0) ||
	    (sh.size > UINT32_MAX)) {
		bl_data_maps(obj, shndx, t->id, false);
		return;
	}
	fix = t->size_type == 0U;
	if (fix) {
		bl_wr32(t->off + 8U, (uint32_t)sh.size);
	}
	/*@ loop invariant 0 <= i <= t->vlen;
	    loop assigns i, global, bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
	    loop variant t->vlen - i; */
	for (uint32_t i = 0U; i < t->vlen; i++) {
		bool g = bl_fix_var(obj, b, t, i, shndx, fix);

		global = global || g;
	}
	if (fix) {
		bl_sort_vsi(t->off, t->vlen);
	}
	/* libbpf maps a data section only when it holds a global variable
	 * (mmapable, for skeletons); one of static variables only is not */
	bl_data_maps(obj, shndx, t->id, !global);
}

/* A FUNC of global linkage whose ELF symbol is hidden: made static. */
/*@ requires bl_obj_bytes(obj);
    requires bl_btf_valid(b) && \valid_read(t);
    requires \separated(b, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    requires \separated(t, bl_btf_arena + (0 .. BPFLINK_BTF_ARENA - 1));
    assigns bl_btf_arena[0 .. BPFLINK_BTF_ARENA - 1];
 */
static void bl_fix_func(const struct bpf_object *obj, const struct bl_btf *b,
			const struct bl_btf_type *t)
{
	struct bl_elf_sym sym;
	size_t at;
	size_t n;

	if ((t->vlen == (uint16_t)BTF_FUNC_GLOBAL) &&
	    (bl_btf_name(b, t->name_off, &at, &n) == 0) &&
	    (bl_named_sym(obj, 0U, bl_btf_str(b, at, n), &sym) == 0) &&
	    bl_sym_hidden(&sym)) {
		bl_wr32(t->off + 4U, t->info & ~0xffffU); /* BTF_FUNC_STATIC */
	}
}

/* The log buffer for the BTF: the object's, else the first program's. */
static void bl_btf_log(const struct bpf_object *obj,
		       struct bpf_btf_load_opts *o)
{
	struct bpf_program *p;

	o->log_buf = obj->log_buf;
	o->log_size = (uint32_t)obj->log_size;
	o->log_level = obj->log_level;
	bpf_object__for_each_program(p, obj) {
		if ((o->log_buf == NULL) && (p->log_buf != NULL)) {
			o->log_buf = p->log_buf;
			o->log_size = (uint32_t)p->log_size;
			o->log_level = p->log_level;
		}
	}
	if ((o->log_buf == NULL) || (o->log_size == 0U)) {
		o->log_buf = NULL;
		o->log_size = 0U;
		o->log_level = 0U;
	}
}

/* Data maps with no DATASEC (no .BTF, or a section clang describes not,
 * e.g. .rodata.str1.1): not mmapable, as libbpf creates them. The
 * .kconfig map keeps it (libbpf's has its DATASEC; bpflink lays the
 * externs out itself and creates it without BTF). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1];
    ensures bl_lists_ok;
 */
static void bl_data_no_datasec(const struct bpf_object *obj)
{
	uint16_t i = obj->first_map;

	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS) && bl_lists_ok;
	    loop assigns s, i, bl_maps[0 .. BPFLINK_MAX_MAPS - 1];
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		struct bpf_map *m = &bl_maps[i];

		if ((m->kind >= BL_MAP_DATA) && (m->kind != BL_MAP_KCONFIG) &&
		    (m->btf_value_type_id == 0U)) {
			m->map_flags &= ~(uint32_t)BPF_F_MMAPABLE;
		}
		i = m->next;
	}
}

int bl_obj_btf_load(struct bpf_object *obj)
{
	LIBBPF_OPTS(bpf_btf_load_opts, o);
	struct bl_elf_shdr sh;
	struct bl_btf b;
	struct bl_btf_iter it = { 0U, 0U };
	struct bl_btf_type t;
	int fd;

	obj->btf_loaded = false;
	obj->btf_fd = -1;
	if (obj->btf_shndx == 0U) {
		bl_data_no_datasec(obj);
		return 0;
	}
	if (bl_sec_bytes(obj, obj->btf_shndx, &sh) != 0) {
		return bl_diag(-EINVAL, "bad .BTF", NULL, NULL);
	}
	if (sh.size > BL_BTF_ARENA_N) {
		return bl_diag(-E2BIG, ".BTF does not fit the BTF arena "
			       "(BPFLINK_BTF_ARENA)", NULL, NULL);
	}
	__builtin_memcpy(bl_btf_arena, &obj->buf[sh.offset], (size_t)sh.size);
	if (bl_btf_init(&b, bl_btf_arena, (size_t)sh.size) != 0) {
		return bl_diag(-EINVAL, "bad .BTF", NULL, NULL);
	}
	while (bl_btf_next(&b, &it, &t) == 1) {
		if (t.kind == (uint8_t)BTF_KIND_DATASEC) {
			bl_fix_datasec(obj, &b, &t);
		} else if (t.kind == (uint8_t)BTF_KIND_FUNC) {
			bl_fix_func(obj, &b, &t);
		} else {
			/* nothing left to the loader */
		}
	}
	bl_data_no_datasec(obj);
	bl_btf_log(obj, &o);
	fd = bpf_btf_load(bl_btf_arena, (size_t)sh.size, &o);
	if (fd < 0) {
		(void)bl_diag(fd, "kernel refused the object's BTF; loaded "
			      "without it", NULL, NULL);
		return 0;
	}
	obj->btf_fd = fd;
	obj->btf_loaded = true;
	return 0;
}

void bl_obj_btf_close(struct bpf_object *obj)
{
	if (obj->btf_loaded && (obj->btf_fd >= 0)) {
		(void)bl_sys_close(obj->btf_fd);
	}
	obj->btf_loaded = false;
	obj->btf_fd = -1;
}

/* ---- maps ---------------------------------------------------------------- */

void bl_map_btf_opts(const struct bpf_map *m, struct bpf_map_create_opts *o)
{
	const struct bpf_object *obj = m->obj;

	if (!obj->btf_loaded ||
	    ((m->btf_key_type_id == 0U) && (m->btf_value_type_id == 0U))) {
		return;
	}
	switch (m->type) {
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_PROG_ARRAY: /* refused by the kernel (no BTF check):
				       * libbpf retries without, bpflink
				       * does not try */
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_STACK_TRACE:
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_CPUMAP:
	case BPF_MAP_TYPE_XSKMAP:
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		break; /* libbpf creates these without BTF */
	default:
		o->btf_fd = (uint32_t)obj->btf_fd;
		o->btf_key_type_id = m->btf_key_type_id;
		o->btf_value_type_id = m->btf_value_type_id;
		break;
	}
}

/* ---- programs ------------------------------------------------------------ */

/* One record at rp (func: 8 bytes, line: 16) as entry k of bl_finfo /
 * bl_linfo, its instruction insn. */
/*@ requires line ==> k < BPFLINK_LINE_INFO && \valid_read(rp + (0 .. 15));
    requires !line ==> k < BPFLINK_MAX_SUBPROGS && \valid_read(rp + (0 .. 7));
    assigns bl_finfo[k], bl_linfo[k];
 */
static void bl_ext_put(const uint8_t *rp, uint32_t insn, bool line, uint32_t k)
{
	if (line) {
		bl_linfo[k].insn_off = insn;
		bl_linfo[k].file_name_off = bl_ext32(rp, 4U);
		bl_linfo[k].line_off = bl_ext32(rp, 8U);
		bl_linfo[k].line_col = bl_ext32(rp, 12U);
	} else {
		bl_finfo[k].insn_off = insn;
		bl_finfo[k].type_id = bl_ext32(rp, 4U);
	}
}

/* Walk the records of part x (checked by bl_obj_btf_check; its bounds are
 * checked again against p[0 .. size - 1]) for function f (section name
 * sec, range [start, start + cnt)): func records to bl_finfo (line false),
 * line records to bl_linfo (line true), *n the count so far. */
/*@ requires bl_obj_bytes(obj);
    requires \valid_read(p + (0 .. size - 1));
    requires \valid_read(x) && \valid_read(f) && \valid(n);
    requires \separated(n, bl_finfo + (0 .. BPFLINK_MAX_SUBPROGS - 1),
                        bl_linfo + (0 .. BPFLINK_LINE_INFO - 1),
                        bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires \separated(x, bl_finfo + (0 .. BPFLINK_MAX_SUBPROGS - 1),
                        bl_linfo + (0 .. BPFLINK_LINE_INFO - 1),
                        bl_diag_buf + (0 .. BL_DIAG_MAX - 1), n);
    requires \separated(f, bl_finfo + (0 .. BPFLINK_MAX_SUBPROGS - 1),
                        bl_linfo + (0 .. BPFLINK_LINE_INFO - 1),
                        bl_diag_buf + (0 .. BL_DIAG_MAX - 1), n);
    assigns *n, bl_finfo[0 .. BPFLINK_MAX_SUBPROGS - 1],
            bl_linfo[0 .. BPFLINK_LINE_INFO - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -E2BIG;
 */
static int bl_ext_collect(const struct bpf_object *obj, const uint8_t *p,
			  uint64_t size, const struct bl_ext_part *x,
			  const struct bl_func_span *f, bool line, uint32_t *n)
{
	const char *sec = bl_obj_sec_name(obj, f->shndx);
	struct bl_btf b;
	uint64_t base = x->off;
	uint64_t len = x->len;
	uint64_t pos = 4U;
	uint32_t rec = x->rec;
	uint32_t min = line ? (uint32_t)BL_LINFO_REC : (uint32_t)BL_FINFO_REC;
	uint32_t cap = line ? BL_LINFO_N : BL_FINFO_N;
	size_t at;
	size_t nlen;

	if ((sec == NULL) || (bl_obj_btf(obj, &b) != 0) || (base > size) ||
	    (len > (size - base)) || (rec < min) || (rec > BL_EXT_REC_MAX)) {
		return -EINVAL;
	}
	/*@ loop invariant 4 <= pos;
	    loop invariant pos <= len || len < 4;
	    loop invariant base + len <= size;
	    loop assigns pos, at, nlen, *n,
	                 bl_finfo[0 .. BPFLINK_MAX_SUBPROGS - 1],
	                 bl_linfo[0 .. BPFLINK_LINE_INFO - 1];
	    loop variant len - pos; */
	while ((pos < len) && ((len - pos) >= 8U)) {
		uint32_t num = bl_ext32(p, base + pos + 4U);
		bool match = (bl_btf_name(&b, bl_ext32(p, base + pos), &at,
					  &nlen) == 0) &&
			     bl_streq(bl_btf_str(&b, at, nlen), sec);

		pos += 8U;
		/*@ loop invariant 0 <= i <= num;
		    loop invariant 4 <= pos <= len;
		    loop invariant \at(pos, LoopEntry) <= pos;
		    loop assigns i, pos, *n, bl_finfo[0 .. BPFLINK_MAX_SUBPROGS - 1],
		                 bl_linfo[0 .. BPFLINK_LINE_INFO - 1];
		    loop variant num - i; */
		for (uint32_t i = 0U; i < num; i++) {
			uint32_t byte;
			uint32_t insn;

			if ((len - pos) < rec) {
				return -EINVAL; /* never after bl_ext_part_check */
			}
			byte = bl_ext32(p, base + pos);
			insn = byte / 8U;
			if (match && ((byte % 8U) == 0U) && (insn >= f->start) &&
			    ((insn - f->start) < f->cnt)) {
				if (*n >= cap) {
					return bl_diag(-E2BIG, line ?
						       "too many line_info records "
						       "(BPFLINK_LINE_INFO)" :
						       "too many func_info records "
						       "(BPFLINK_MAX_SUBPROGS)", NULL, NULL);
				}
				bl_ext_put(&p[base + pos],
					   f->base + (insn - f->start), line, *n);
				*n += 1U;
			}
			pos += rec;
		}
	}
	return 0;
}

/* o->func_info := bl_finfo. Not proved (the array stored as `const void
 * *`: a cast WP's typed model refuses); its contract is assumed. */
/*@ requires \valid(o);
    assigns o->func_info;
 */
static void bl_finfo_ptr(struct bpf_prog_load_opts *o)
{
	o->func_info = bl_finfo;
}

/* o->line_info := bl_linfo. Not proved (as bl_finfo_ptr); its contract
 * is assumed. */
/*@ requires \valid(o);
    assigns o->line_info;
 */
static void bl_linfo_ptr(struct bpf_prog_load_opts *o)
{
	o->line_info = bl_linfo;
}

/* func_info / line_info of the program into o (nf, nl records). */
/*@ requires \valid(o);
    assigns o->func_info, o->func_info_cnt, o->func_info_rec_size,
            o->line_info, o->line_info_cnt, o->line_info_rec_size;
 */
static void bl_info_opts(struct bpf_prog_load_opts *o, uint32_t nf,
			 uint32_t nl)
{
	if (nf != 0U) {
		bl_finfo_ptr(o);
		o->func_info_cnt = nf;
		o->func_info_rec_size = BL_FINFO_REC;
	}
	if (nl != 0U) {
		bl_linfo_ptr(o);
		o->line_info_cnt = nl;
		o->line_info_rec_size = BL_LINFO_REC;
	}
}

/*@ requires \valid_read(p) && bl_obj_bytes(p->obj);
    requires \valid(o);
    requires \separated(o, p, p->obj, bl_finfo + (0 .. BPFLINK_MAX_SUBPROGS - 1),
                        bl_linfo + (0 .. BPFLINK_LINE_INFO - 1),
                        bl_diag_buf + (0 .. BL_DIAG_MAX - 1),
                        p->obj->buf + (0 .. p->obj->len - 1));
    assigns *o, bl_finfo[0 .. BPFLINK_MAX_SUBPROGS - 1],
            bl_linfo[0 .. BPFLINK_LINE_INFO - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -E2BIG;
 */
int bl_prog_btf_opts(const struct bpf_program *p, struct bpf_prog_load_opts *o)
{
	const struct bpf_object *obj = p->obj;
	struct bl_elf_shdr sh;
	struct bl_func_span f;
	const uint8_t *ext;
	uint32_t nf = 0U;
	uint32_t nl = 0U;
	uint32_t nspans = 0U;
	int err = 0;

	if (!obj->btf_loaded) {
		return 0;
	}
	o->prog_btf_fd = (uint32_t)obj->btf_fd;
	if (((obj->ext_func.len == 0U) && (obj->ext_line.len == 0U)) ||
	    (bl_sec_bytes(obj, obj->btf_ext_shndx, &sh) != 0)) {
		return 0;
	}
	ext = &obj->buf[sh.offset];
	/*@ loop invariant 0 <= k <= BPFLINK_MAX_SUBPROGS && nspans == k;
	    loop invariant err == 0 || err == -EINVAL || err == -E2BIG;
	    loop assigns k, nspans, err, f, nf, nl,
	                 bl_finfo[0 .. BPFLINK_MAX_SUBPROGS - 1],
	                 bl_linfo[0 .. BPFLINK_LINE_INFO - 1],
	                 bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_MAX_SUBPROGS - k; */
	for (uint32_t k = 0U; (err == 0) && bl_prog_span(k, &f); k++) {
		nspans++;
		if (obj->ext_func.len != 0U) {
			err = bl_ext_collect(obj, ext, sh.size, &obj->ext_func,
					     &f, false, &nf);
		}
		if ((err == 0) && (obj->ext_line.len != 0U)) {
			err = bl_ext_collect(obj, ext, sh.size, &obj->ext_line,
					     &f, true, &nl);
		}
	}
	if (err != 0) {
		return err;
	}
	/* the kernel wants one func_info per function: without .BTF.ext
	 * records for some function (e.g. .text built without -g), none */
	bl_info_opts(o, (nf == nspans) ? nf : 0U, nl);
	return 0;
}

/* ---- public -------------------------------------------------------------- */

int bpf_object__btf_fd(const struct bpf_object *obj)
{
	if (!bl_obj_live(obj) || !obj->btf_loaded) {
		return -1;
	}
	return obj->btf_fd;
}

__u32 bpf_map__btf_key_type_id(const struct bpf_map *map)
{
	if (!bl_map_live(map)) {
		return 0U;
	}
	return map->btf_key_type_id;
}

__u32 bpf_map__btf_value_type_id(const struct bpf_map *map)
{
	if (!bl_map_live(map)) {
		return 0U;
	}
	return map->btf_value_type_id;
}

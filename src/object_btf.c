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
 * The .BTF.ext bound checks (bl_ext32, bl_ext_part_check) carry ACSL
 * contracts that Frama-C WP proves with -wp-rte (50 goals) on these two
 * functions taken alone; they are not yet part of make prove.
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

static uint8_t bl_btf_arena[BPFLINK_BTF_ARENA];
static struct bpf_func_info bl_finfo[BPFLINK_MAX_SUBPROGS];
static struct bpf_line_info bl_linfo[BPFLINK_LINE_INFO];

/*@ requires off <= 0xfffffffffffffffc;
    requires \valid_read(p + (off .. off + 3));
    assigns \nothing; */
static uint32_t bl_ext32(const uint8_t *p, uint64_t off)
{
	return (uint32_t)p[off] | ((uint32_t)p[off + 1U] << 8U) |
	       ((uint32_t)p[off + 2U] << 16U) | ((uint32_t)p[off + 3U] << 24U);
}

static void bl_wr32(uint64_t off, uint32_t v)
{
	bl_btf_arena[off] = (uint8_t)(v & 0xffU);
	bl_btf_arena[off + 1U] = (uint8_t)((v >> 8U) & 0xffU);
	bl_btf_arena[off + 2U] = (uint8_t)((v >> 16U) & 0xffU);
	bl_btf_arena[off + 3U] = (uint8_t)((v >> 24U) & 0xffU);
}

/* The bytes of section idx (not NOBITS): 0 and *sh, or -EINVAL. */
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
	if (bl_ext_part_check(p, sh.size, hdr, bl_ext32(p, 8U), bl_ext32(p, 12U),
			      BL_FINFO_REC, &obj->ext_func) != 0) {
		return bl_diag(-EINVAL, "bad .BTF.ext func_info", NULL, NULL);
	}
	if (bl_ext_part_check(p, sh.size, hdr, bl_ext32(p, 16U),
			      bl_ext32(p, 20U), BL_LINFO_REC,
			      &obj->ext_line) != 0) {
		obj->ext_func.len = 0U;
		return bl_diag(-EINVAL, "bad .BTF.ext line_info", NULL, NULL);
	}
	return 0;
}

/* ---- .BTF fix-up and load ------------------------------------------------ */

static int bl_type_by_id(const struct bl_btf *b, uint32_t id,
			 struct bl_btf_type *t)
{
	struct bl_btf_iter it = { 0U, 0U };

	while (bl_btf_next(b, &it, t) == 1) {
		if (t->id == id) {
			return 0;
		}
	}
	return -ENOENT;
}

/* The symbol named name: of section shndx (not a section symbol), or,
 * shndx 0, any STT_FUNC. */
static int bl_named_sym(const struct bpf_object *obj, uint32_t shndx,
			const char *name, struct bl_elf_sym *sym)
{
	struct bl_elf_shdr st;
	size_t at;
	size_t n;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
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
		if (kind_ok &&
		    (bl_elf_sym_name(&obj->elf, obj->symtab, sym, &at, &n) ==
		     0) &&
		    bl_streq(bl_obj_str(obj, at), name)) {
			return 0;
		}
	}
	return -ENOENT;
}

/* A global or weak symbol of hidden or internal visibility (libbpf's
 * __hidden): its BTF FUNC / VAR is made static, as libbpf does, so that
 * the verifier checks a hidden function in its caller's context. */
static bool bl_sym_hidden(const struct bl_elf_sym *sym)
{
	uint32_t vis = (uint32_t)sym->other & 3U;

	return ((sym->info >> 4U) != BL_STB_LOCAL) &&
	       ((vis == BL_STV_INTERNAL) || (vis == BL_STV_HIDDEN));
}

/* The secinfo entries {type, offset, size} of the DATASEC at off, sorted
 * by offset (insertion sort in place, stable). */
static void bl_sort_vsi(uint64_t off, uint32_t vlen)
{
	for (uint32_t i = 1U; i < vlen; i++) {
		uint32_t j = i;

		while (j > 0U) {
			uint32_t prev = j - 1U;
			uint64_t a = off + 12U + ((uint64_t)prev * 12U);
			uint64_t c = a + 12U;

			if (bl_ext32(bl_btf_arena, a + 4U) <=
			    bl_ext32(bl_btf_arena, c + 4U)) {
				break;
			}
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
static void bl_layout_datasec(const struct bl_btf *b,
			      const struct bl_btf_type *t)
{
	uint64_t total = 0U;

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

/* One DATASEC t of the arena's BTF b: size and VAR offsets from the ELF
 * section of the same name; data maps of that section get its id. Types
 * the kernel will judge (a VAR that is not one, no such section) are left
 * as they are. */
static void bl_fix_datasec(struct bpf_object *obj, const struct bl_btf *b,
			   const struct bl_btf_type *t)
{
	struct bl_elf_shdr sh;
	struct bl_btf_type v;
	struct bpf_map *m;
	const char *name;
	uint32_t shndx = 0U;
	bool fix;
	bool global = false;
	size_t at;
	size_t n;

	if (bl_btf_name(b, t->name_off, &at, &n) != 0) {
		return;
	}
	name = (const char *)&b->buf[at];
	for (uint32_t i = 1U; (i < obj->elf.shnum) && (shndx == 0U); i++) {
		const char *s = bl_obj_sec_name(obj, i);

		if ((s != NULL) && bl_streq(s, name)) {
			shndx = i;
		}
	}
	bpf_object__for_each_map(m, obj) {
		if ((m->kind >= BL_MAP_DATA) && (m->shndx == shndx) &&
		    (shndx != 0U)) {
			m->btf_value_type_id = t->id;
		}
	}
	if ((shndx == 0U) && (t->size_type == 0U)) {
		bl_layout_datasec(b, t);
		return;
	}
	if ((shndx == 0U) || (bl_elf_shdr(&obj->elf, shndx, &sh) != 0) ||
	    (sh.size > UINT32_MAX)) {
		return;
	}
	fix = t->size_type == 0U;
	if (fix) {
		bl_wr32(t->off + 8U, (uint32_t)sh.size);
	}
	for (uint32_t i = 0U; i < t->vlen; i++) {
		struct bl_elf_sym sym;
		uint32_t vid = 0U;
		uint32_t linkage = 0U;

		if ((bl_btf_word(b, t, 3U * i, &vid) != 0) ||
		    (bl_type_by_id(b, vid, &v) != 0) ||
		    (v.kind != (uint8_t)BTF_KIND_VAR) ||
		    (bl_btf_word(b, &v, 0U, &linkage) != 0)) {
			continue;
		}
		if ((bl_btf_name(b, v.name_off, &at, &n) == 0) &&
		    (bl_named_sym(obj, shndx, (const char *)&b->buf[at], &sym) ==
		     0)) {
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
		global = global || (linkage != (uint32_t)BTF_VAR_STATIC);
	}
	if (fix) {
		bl_sort_vsi(t->off, t->vlen);
	}
	/* libbpf maps a data section only when it holds a global variable
	 * (mmapable, for skeletons); one of static variables only is not */
	bpf_object__for_each_map(m, obj) {
		if ((m->kind >= BL_MAP_DATA) && (m->shndx == shndx) && !global) {
			m->map_flags &= ~(uint32_t)BPF_F_MMAPABLE;
		}
	}
}

/* A FUNC of global linkage whose ELF symbol is hidden: made static. */
static void bl_fix_func(const struct bpf_object *obj, const struct bl_btf *b,
			const struct bl_btf_type *t)
{
	struct bl_elf_sym sym;
	size_t at;
	size_t n;

	if ((t->vlen == (uint16_t)BTF_FUNC_GLOBAL) &&
	    (bl_btf_name(b, t->name_off, &at, &n) == 0) &&
	    (bl_named_sym(obj, 0U, (const char *)&b->buf[at], &sym) == 0) &&
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
static void bl_data_no_datasec(struct bpf_object *obj)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj) {
		if ((m->kind >= BL_MAP_DATA) && (m->kind != BL_MAP_KCONFIG) &&
		    (m->btf_value_type_id == 0U)) {
			m->map_flags &= ~(uint32_t)BPF_F_MMAPABLE;
		}
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

/* Walk the records of part x for function f (section name sec, range
 * [start, start + cnt)): func records to bl_finfo (line false), line
 * records to bl_linfo (line true), *n the count so far. */
static int bl_ext_collect(const struct bpf_object *obj, const uint8_t *p,
			  const struct bl_ext_part *x,
			  const struct bl_func_span *f, bool line, uint32_t *n)
{
	const char *sec = bl_obj_sec_name(obj, f->shndx);
	struct bl_btf b;
	uint64_t pos = 4U;
	size_t at;
	size_t len;

	if ((sec == NULL) || (bl_obj_btf(obj, &b) != 0)) {
		return -EINVAL;
	}
	while ((pos + 8U) <= x->len) {
		uint32_t num = bl_ext32(p, x->off + pos + 4U);
		bool match = (bl_btf_name(&b, bl_ext32(p, x->off + pos), &at,
					  &len) == 0) &&
			     bl_streq((const char *)&b.buf[at], sec);

		pos += 8U;
		for (uint32_t i = 0U; match && (i < num); i++) {
			uint64_t r = x->off + pos + ((uint64_t)i * x->rec);
			uint32_t byte = bl_ext32(p, r);
			uint32_t insn = byte / 8U;
			uint32_t cap = line ? BL_LINFO_N : BL_FINFO_N;

			if (((byte % 8U) != 0U) || (insn < f->start) ||
			    ((insn - f->start) >= f->cnt)) {
				continue;
			}
			if (*n >= cap) {
				return bl_diag(-E2BIG, line ?
					       "too many line_info records "
					       "(BPFLINK_LINE_INFO)" :
					       "too many func_info records "
					       "(BPFLINK_MAX_SUBPROGS)", NULL, NULL);
			}
			insn = f->base + (insn - f->start);
			if (line) {
				bl_linfo[*n].insn_off = insn;
				bl_linfo[*n].file_name_off = bl_ext32(p, r + 4U);
				bl_linfo[*n].line_off = bl_ext32(p, r + 8U);
				bl_linfo[*n].line_col = bl_ext32(p, r + 12U);
			} else {
				bl_finfo[*n].insn_off = insn;
				bl_finfo[*n].type_id = bl_ext32(p, r + 4U);
			}
			*n += 1U;
		}
		pos += (uint64_t)num * x->rec;
	}
	return 0;
}

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
	for (uint32_t k = 0U; (err == 0) && bl_prog_span(k, &f); k++) {
		nspans++;
		if (obj->ext_func.len != 0U) {
			err = bl_ext_collect(obj, ext, &obj->ext_func, &f, false,
					     &nf);
		}
		if ((err == 0) && (obj->ext_line.len != 0U)) {
			err = bl_ext_collect(obj, ext, &obj->ext_line, &f, true,
					     &nl);
		}
	}
	if (err != 0) {
		return err;
	}
	/* the kernel wants one func_info per function: without .BTF.ext
	 * records for some function (e.g. .text built without -g), none */
	if ((nf != 0U) && (nf == nspans)) {
		o->func_info = bl_finfo;
		o->func_info_cnt = nf;
		o->func_info_rec_size = BL_FINFO_REC;
	}
	if (nl != 0U) {
		o->line_info = bl_linfo;
		o->line_info_cnt = nl;
		o->line_info_rec_size = BL_LINFO_REC;
	}
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

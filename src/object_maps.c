/* Map definitions of an object, found at open:
 * - BTF-defined maps: every symbol of .maps, its definition read from the
 *   struct of the same-named VAR of the ".maps" DATASEC in .BTF, the way
 *   libbpf's __uint()/__type() macros encode it (a member `int (*type)[N]`
 *   means type = N; `T *key` means key_size = sizeof(T));
 * - legacy maps: the "maps" section split evenly among its symbols, each a
 *   struct bpf_map_def {type, key_size, value_size, max_entries, map_flags};
 * - global data: .data*, .rodata*, .bss* sections as 1-entry arrays whose
 *   value is the section (initial value in place), named like libbpf's
 *   internal maps (object name prefix + section name, e.g. "obj.rodata").
 * BTF is read with src/btf.c; type lookup by id walks the type section
 * (resumed from the last hit), as object BTF is small.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/errno.h>

#include "btf.h"
#include "object.h"

#define BL_SHT_PROGBITS 1U
#define BL_SHT_NOBITS 8U
#define BL_SHF_EXECINSTR 4U
#define BL_STT_SECTION 3U
#define BL_SHT_REL 9U
#define BL_R_BPF_64_ABS64 2U

/* A BTF with a one-entry lookup cache (the walk's position pos after the
 * record id, which started at prev), and where it lies in the object's
 * bytes (b.buf is &obj->buf[base]; names become C strings through
 * bl_obj_str). */
struct bl_btf_cur {
	struct bl_btf b;
	struct bl_btf_iter it; /* the walk in progress */
	uint64_t pos;
	uint64_t prev;
	uint32_t id;
	struct bpf_object *obj;
	uint64_t base;
};

/* The ACSL of this file (proofs/loader/README.md):
 * bl_cur_ok: c is a cursor on the .BTF of its object c->obj, the cursor
 *   itself apart from the object's bytes and from the globals the map
 *   parser writes (c is a local of the caller);
 * bl_out_t / bl_out_u: an out-parameter (a caller's local) apart from the
 *   cursor, the object and its bytes;
 * bl_mapc_ok: m is a map slot whose real_name is a C string apart from the
 *   diagnostic buffer and the cursor.
 */
/*@ predicate bl_cur_fix{L}(struct bl_btf_cur *c) =
      \valid(c) && bl_obj_buf(c->obj) &&
      \base_addr(c) != \base_addr(c->obj) &&
      c->base <= c->obj->len && c->b.len <= c->obj->len - c->base &&
      c->b.buf == c->obj->buf + c->base && bl_btf_valid(&c->b) &&
      \base_addr(c) != \base_addr(c->obj->buf) &&
      \base_addr(c) != \base_addr(&bl_objects[0]) &&
      \base_addr(c) != \base_addr(&bl_maps[0]) &&
      \base_addr(c) != \base_addr(&bl_diag_buf[0]) &&
      \base_addr(c) != \base_addr(&bl_map_st) &&
      \base_addr(c) != \base_addr(&bl_map_free[0]) &&
      \base_addr(c) != \base_addr(&bl_lock_word);
    predicate bl_cur_ok{L}(struct bl_btf_cur *c) =
      bl_cur_fix(c) && c->pos <= c->b.type_len;
    predicate bl_out_t{L}(struct bl_btf_cur *c, struct bl_btf_type *t) =
      \valid(t) && \base_addr(t) != \base_addr(c) &&
      \base_addr(t) != \base_addr(c->obj) &&
      \base_addr(t) != \base_addr(c->obj->buf) &&
      \base_addr(t) != \base_addr(&bl_objects[0]) &&
      \base_addr(t) != \base_addr(&bl_maps[0]) &&
      \base_addr(t) != \base_addr(&bl_diag_buf[0]);
    predicate bl_out_u{L}(struct bl_btf_cur *c, uint32_t *u) =
      \valid(u) && \base_addr(u) != \base_addr(c) &&
      \base_addr(u) != \base_addr(c->obj) &&
      \base_addr(u) != \base_addr(c->obj->buf) &&
      \base_addr(u) != \base_addr(&bl_objects[0]) &&
      \base_addr(u) != \base_addr(&bl_maps[0]) &&
      \base_addr(u) != \base_addr(&bl_diag_buf[0]);
    predicate bl_mapc_ok{L}(struct bl_btf_cur *c, struct bpf_map *m) =
      \valid(m) && \base_addr(m) == \base_addr(&bl_maps[0]) &&
      bl_cstr((char *)m->real_name) &&
      \base_addr(m->real_name) != \base_addr(&bl_diag_buf[0]) &&
      \base_addr(m->real_name) != \base_addr(c);
 */

/* The length of s, at most max (s readable up to its NUL or max). */
/*@ requires \forall integer i; 0 <= i < max ==>
               bl_nz((char *)s, i) ==> \valid_read(s + i);
    assigns \nothing;
    ensures \result <= max;
    ensures bl_nz((char *)s, \result);
    ensures \result < max ==> s[\result] == 0;
 */
static size_t bl_strnlen(const char *s, size_t max)
{
	size_t k = 0U;

	/*@ loop invariant k <= max && bl_nz((char *)s, k);
	    loop assigns k;
	    loop variant max - k; */
	while ((k < max) && (s[k] != '\0')) {
		k++;
	}
	return k;
}

/* Remember the walk's position. */
/*@ requires bl_cur_ok(c) && pos <= c->b.type_len;
    assigns c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
 */
static void bl_btf_keep(struct bl_btf_cur *c, uint64_t pos, uint64_t prev,
			uint32_t id)
{
	c->pos = pos;
	c->prev = prev;
	c->id = id;
}

/* bl_btf_next on the cursor's BTF and walk, the cursor kept. */
/*@ requires bl_cur_ok(c) && bl_out_t(c, t);
    assigns c->it, *t;
    ensures bl_cur_ok(c);
    ensures \result == 1 ==> \old(c->it.pos) < c->it.pos <= c->b.type_len;
    ensures \result == 1 ==> t->id == c->it.id;
 */
static int bl_btf_step(struct bl_btf_cur *c, struct bl_btf_type *t)
{
	return bl_btf_next(&c->b, &c->it, t);
}

/* The record last found again (0), or -EINVAL. */
/*@ requires bl_cur_ok(c) && bl_out_t(c, t) && c->id >= 1;
    assigns c->it, *t;
    ensures bl_cur_ok(c);
    ensures \result == 0 || \result == -EINVAL;
 */
static int bl_btf_again(struct bl_btf_cur *c, struct bl_btf_type *t)
{
	c->it.pos = c->prev;
	c->it.id = c->id - 1U;
	if ((bl_btf_step(c, t) == 1) && (t->id == c->id)) {
		return 0;
	}
	return -EINVAL;
}

/*@ requires bl_cur_ok(c) && bl_out_t(c, t);
    assigns c->it, c->pos, c->prev, c->id, *t;
    ensures bl_cur_ok(c);
    ensures \result == 0 || \result == -EINVAL;
 */
static int bl_btf_at(struct bl_btf_cur *c, uint32_t id, struct bl_btf_type *t)
{
	uint64_t prev;

	if (id == 0U) {
		return -EINVAL;
	}
	if ((c->id == id) && (bl_btf_again(c, t) == 0)) {
		return 0;
	}
	/* resume after the last record found, or start again */
	c->it.pos = (c->id < id) ? c->pos : 0U;
	c->it.id = (c->id < id) ? c->id : 0U;
	prev = c->it.pos;
	/*@ loop invariant c->it.pos <= c->b.type_len && bl_cur_ok(c);
	    loop assigns c->it, prev, *t;
	    loop variant c->b.type_len - c->it.pos; */
	while (bl_btf_step(c, t) == 1) {
		if (t->id == id) {
			bl_btf_keep(c, c->it.pos, prev, id);
			return 0;
		}
		prev = c->it.pos;
	}
	bl_btf_keep(c, 0U, 0U, 0U);
	return -EINVAL;
}

/* The object's .BTF in *c (0), or -EINVAL. */
/*@ requires bl_obj_bytes(obj) && \valid(c);
    requires \base_addr(c) != \base_addr(obj->buf) &&
             \base_addr(c) != \base_addr(&bl_objects[0]) &&
             \base_addr(c) != \base_addr(&bl_maps[0]) &&
             \base_addr(c) != \base_addr(&bl_diag_buf[0]) &&
             \base_addr(c) != \base_addr(&bl_map_st) &&
             \base_addr(c) != \base_addr(&bl_map_free[0]) &&
             \base_addr(c) != \base_addr(&bl_lock_word);
    assigns *c;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> bl_cur_ok(c) && c->obj == obj;
 */
static int bl_btf_cur_init(struct bpf_object *obj, struct bl_btf_cur *c)
{
	struct bl_elf_shdr st;

	if ((obj->btf_shndx == 0U) ||
	    (bl_elf_shdr(&obj->elf, obj->btf_shndx, &st) != 0) ||
	    (st.type == BL_SHT_NOBITS) ||
	    (bl_btf_init(&c->b, &obj->buf[st.offset], st.size) != 0)) {
		return -EINVAL;
	}
	c->it.pos = 0U;
	c->it.id = 0U;
	c->pos = 0U;
	c->prev = 0U;
	c->id = 0U;
	c->obj = obj;
	c->base = st.offset;
	return 0;
}

/* The name at b.buf[at] (b.buf[at + n] its NUL) as a C string. */
/*@ requires bl_cur_ok(c);
    requires at <= c->b.len && n < c->b.len - at && c->b.buf[at + n] == 0;
    assigns \nothing;
    ensures bl_cstr((char *)\result);
    ensures \base_addr(\result) == \base_addr(c->obj->buf);
 */
static const char *bl_cur_str(struct bl_btf_cur *c, size_t at, size_t n)
{
	size_t pos = (size_t)c->base + at;

	(void)n; /* the name's length: used by the contract */
	/*@ assert c->obj->buf[pos + n] == 0; */
	/*@ assert bl_name_ok(c->obj, pos, n); */
	return bl_obj_str(c->obj, pos);
}

/* Skip typedefs and qualifiers. */
/*@ requires bl_cur_ok(c) && bl_out_t(c, t);
    assigns c->it, c->pos, c->prev, c->id, *t;
    ensures bl_cur_ok(c);
    ensures \result == 0 || \result == -EINVAL || \result == -ELOOP;
 */
static int bl_btf_skip_mods(struct bl_btf_cur *c, uint32_t id,
			    struct bl_btf_type *t)
{
	uint32_t cur = id;

	/*@ loop invariant 0 <= depth <= 32 && bl_cur_ok(c);
	    loop assigns depth, cur, c->it, c->pos, c->prev, c->id, *t;
	    loop variant 32 - depth; */
	for (int depth = 0; depth < 32; depth++) {
		bool mod;

		if (bl_btf_at(c, cur, t) != 0) {
			return -EINVAL;
		}
		mod = (t->kind == BTF_KIND_TYPEDEF) ||
		      (t->kind == BTF_KIND_VOLATILE) ||
		      (t->kind == BTF_KIND_CONST) ||
		      (t->kind == BTF_KIND_RESTRICT) ||
		      (t->kind == BTF_KIND_TYPE_TAG);
		if (!mod) {
			return 0;
		}
		cur = t->size_type;
	}
	return -ELOOP;
}

/*@ requires bl_cur_ok(c) && bl_out_u(c, size);
    assigns c->it, c->pos, c->prev, c->id, *size;
    ensures bl_cur_ok(c);
 */
static int bl_btf_size(struct bl_btf_cur *c, uint32_t id, uint32_t *size)
{
	struct bl_btf_type t;
	uint64_t mult = 1U;
	uint32_t cur = id;
	uint32_t w;

	/*@ loop invariant 0 <= depth <= 32 && bl_cur_ok(c);
	    loop invariant mult <= UINT32_MAX;
	    loop assigns depth, cur, mult, w, t, c->it, c->pos, c->prev, c->id, *size;
	    loop variant 32 - depth; */
	for (int depth = 0; depth < 32; depth++) {
		int ret = 1; /* 1: go on with an array's element type */
		uint64_t bytes;

		if (bl_btf_skip_mods(c, cur, &t) != 0) {
			return -EINVAL;
		}
		switch (t.kind) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FLOAT:
			mult *= t.size_type;
			if (mult > UINT32_MAX) {
				ret = -E2BIG;
			} else {
				*size = (uint32_t)mult;
				ret = 0;
			}
			break;
		case BTF_KIND_PTR:
			bytes = mult * 8U;
			*size = (uint32_t)bytes;
			if (bytes > UINT32_MAX) {
				ret = -E2BIG;
			} else {
				ret = 0;
			}
			break;
		case BTF_KIND_ARRAY:
			if ((bl_btf_word(&c->b, &t, 2U, &w) != 0) ||
			    (bl_btf_word(&c->b, &t, 0U, &cur) != 0)) {
				ret = -EINVAL;
			} else {
				mult *= w;
				if (mult > UINT32_MAX) {
					ret = -E2BIG;
				}
			}
			break;
		default:
			ret = -EINVAL;
			break;
		}
		if (ret != 1) {
			return ret;
		}
	}
	return -ELOOP;
}

/* bl_btf_size's result as a return value: the size, or -EINVAL. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_cur_size(struct bl_btf_cur *c, uint32_t id)
{
	uint32_t size = 0U;

	/*@ assert bl_out_u(c, &size); */
	if (bl_btf_size(c, id, &size) != 0) {
		return -EINVAL;
	}
	return (int64_t)size;
}

/* The member `name` of an `__uint(name, nelems)`: 0, or -EOPNOTSUPP for a
 * name libbpf does not know (diagnostic recorded). */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m) && bl_cstr((char *)name);
    assigns m->type, m->max_entries, m->map_flags, m->numa_node,
            m->key_size, m->value_size, m->pinning, m->map_extra,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c);
 */
static int bl_map_uint(const struct bl_btf_cur *c, struct bpf_map *m,
		       const char *name, uint32_t nelems)
{
	int err = 0;

	(void)c; /* for the contract */
	if (bl_streq(name, "type")) {
		m->type = nelems;
	} else if (bl_streq(name, "max_entries")) {
		m->max_entries = nelems;
	} else if (bl_streq(name, "map_flags")) {
		m->map_flags = nelems;
	} else if (bl_streq(name, "numa_node")) {
		m->numa_node = nelems;
	} else if (bl_streq(name, "key_size")) {
		m->key_size = nelems;
	} else if (bl_streq(name, "value_size")) {
		m->value_size = nelems;
	} else if (bl_streq(name, "pinning")) {
		m->pinning = nelems;
	} else if (bl_streq(name, "map_extra")) {
		m->map_extra = nelems;
	} else {
		err = bl_diag(-EOPNOTSUPP, "map ", m->real_name,
			      ": unknown definition member");
	}
	return err;
}

/* The key (key true) or value of m: size bytes, BTF type tid. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns m->key_size, m->btf_key_type_id, m->value_size,
            m->btf_value_type_id;
    ensures bl_cur_ok(c);
 */
static void bl_map_kv(const struct bl_btf_cur *c, struct bpf_map *m, bool key,
		      uint32_t size, uint32_t tid)
{
	(void)c; /* for the contract */
	if (key) {
		m->key_size = size;
		m->btf_key_type_id = tid;
	} else {
		m->value_size = size;
		m->btf_value_type_id = tid;
	}
}

/* The type a pointer type points to (typedefs and qualifiers skipped),
 * or -EINVAL when type is no pointer. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_cur_ptr(struct bl_btf_cur *c, uint32_t type)
{
	struct bl_btf_type t;

	/*@ assert bl_out_t(c, &t); */
	if ((bl_btf_skip_mods(c, type, &t) != 0) || (t.kind != BTF_KIND_PTR)) {
		return -EINVAL;
	}
	return (int64_t)t.size_type;
}

/* The element count of array type `type` (an `__uint()`: `int (*)[N]`
 * points to it), or -EINVAL when type is no array. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_cur_nelems(struct bl_btf_cur *c, uint32_t type)
{
	struct bl_btf_type a;
	uint32_t nelems = 0U;

	/*@ assert bl_out_t(c, &a) && bl_out_u(c, &nelems); */
	if ((bl_btf_skip_mods(c, type, &a) != 0) ||
	    (a.kind != BTF_KIND_ARRAY) ||
	    (bl_btf_word(&c->b, &a, 2U, &nelems) != 0)) {
		return -EINVAL;
	}
	return (int64_t)nelems;
}

/* One member `name` of a map definition struct. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    requires bl_cstr((char *)name) &&
             \base_addr(name) == \base_addr(c->obj->buf);
    assigns c->it, c->pos, c->prev, c->id, m->type, m->key_size, m->value_size,
            m->max_entries, m->map_flags, m->numa_node, m->pinning,
            m->map_extra, m->btf_key_type_id, m->btf_value_type_id,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c);
 */
static int bl_map_member(struct bl_btf_cur *c, struct bpf_map *m,
			 const char *name, uint32_t type)
{
	int64_t tid = bl_cur_ptr(c, type);
	int64_t v;
	int err = 0;

	if (tid < 0) {
		err = bl_diag(-EINVAL, "map ", m->real_name,
			      ": definition member is not a pointer");
	} else if (bl_streq(name, "key") || bl_streq(name, "value")) {
		v = bl_cur_size(c, (uint32_t)tid);
		if (v < 0) {
			err = bl_diag(-EINVAL, "map ", m->real_name,
				      ": cannot size key/value type");
		} else {
			bl_map_kv(c, m, bl_streq(name, "key"), (uint32_t)v,
				  (uint32_t)tid);
		}
	} else {
		v = bl_cur_nelems(c, (uint32_t)tid);
		if (v < 0) {
			err = bl_diag(-EINVAL, "map ", m->real_name,
				      ": bad __uint() member");
		} else {
			err = bl_map_uint(c, m, name, (uint32_t)v);
		}
	}
	return err;
}

bool bl_map_type_is_mim(uint32_t type)
{
	return (type == (uint32_t)BPF_MAP_TYPE_ARRAY_OF_MAPS) ||
	       (type == (uint32_t)BPF_MAP_TYPE_HASH_OF_MAPS);
}

/* The element type of a flexible array type `type` (`T *values[]`), or
 * -EINVAL. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_cur_flex_elem(struct bl_btf_cur *c, uint32_t type)
{
	struct bl_btf_type t;
	uint32_t w = 1U;

	/*@ assert bl_out_t(c, &t) && bl_out_u(c, &w); */
	if ((bl_btf_skip_mods(c, type, &t) != 0) ||
	    (t.kind != BTF_KIND_ARRAY) ||
	    (bl_btf_word(&c->b, &t, 2U, &w) != 0) || (w != 0U) ||
	    (bl_btf_word(&c->b, &t, 0U, &w) != 0)) {
		return -EINVAL;
	}
	return (int64_t)w;
}

/* Type id with typedefs and qualifiers skipped, as kind * 2^32 + id, or
 * -EINVAL. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result < 0 ||
            (\result / 4294967296 <= 255 && \result % 4294967296 <= UINT32_MAX);
 */
static int64_t bl_cur_kind_id(struct bl_btf_cur *c, uint32_t id)
{
	struct bl_btf_type t;

	/*@ assert bl_out_t(c, &t); */
	if (bl_btf_skip_mods(c, id, &t) != 0) {
		return -EINVAL;
	}
	return ((int64_t)t.kind * 4294967296) + (int64_t)t.id;
}

/* The pointee of the elements of `values`: T of a flexible array `T *[]`
 * (typedefs and qualifiers skipped), as kind * 2^32 + id, or -EINVAL. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result < 0 ||
            (\result / 4294967296 <= 255 && \result % 4294967296 <= UINT32_MAX);
 */
static int64_t bl_cur_values(struct bl_btf_cur *c, uint32_t type)
{
	int64_t v = bl_cur_flex_elem(c, type);

	if (v >= 0) {
		v = bl_cur_ptr(c, (uint32_t)v);
	}
	if (v >= 0) {
		v = bl_cur_kind_id(c, (uint32_t)v);
	}
	return v;
}

/* A `values` member at byte off of the definition: 4-byte slots. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns m->value_size, m->values_off;
    ensures bl_cur_ok(c);
 */
static void bl_map_values_at(const struct bl_btf_cur *c, struct bpf_map *m,
			     uint32_t off)
{
	(void)c; /* for the contract */
	m->value_size = 4U;
	m->values_off = off;
}

/* `__array(values, T)`, the last member (at bit offset bits): T a struct
 * (the inner map of a map-in-map: its type id the result) or a function (a
 * program array: 0). -errno (diagnostic recorded) otherwise. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns c->it, c->pos, c->prev, c->id, m->value_size, m->values_off,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_map_values(struct bl_btf_cur *c, struct bpf_map *m,
			     uint32_t type, uint32_t bits, bool last)
{
	bool mim = bl_map_type_is_mim(m->type);
	bool progs = m->type == (uint32_t)BPF_MAP_TYPE_PROG_ARRAY;
	int64_t v;
	int64_t hi;
	uint32_t kind;

	if (m->is_inner) {
		return bl_diag(-EOPNOTSUPP, "map ", m->real_name,
			       ": inner maps of inner maps not supported");
	}
	if (!last || (!mim && !progs)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": `values` must be the last member of a "
			       "map-in-map or program array");
	}
	if ((m->value_size != 0U) && (m->value_size != 4U)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": value size of a map-in-map must be 4");
	}
	v = bl_cur_values(c, type);
	if ((v < 0) || ((bits % 8U) != 0U) || (bits == 0U)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": `values` is not a flexible array of pointers");
	}
	bl_map_values_at(c, m, bits / 8U);
	hi = v / 4294967296;
	kind = (uint32_t)hi;
	if (progs) {
		return (kind == BTF_KIND_FUNC_PROTO)
			       ? 0
			       : bl_diag(-EINVAL, "map ", m->real_name,
					 ": program array values are not functions");
	}
	if (kind != BTF_KIND_STRUCT) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": map-in-map values are not map definitions");
	}
	return v % 4294967296;
}

/* The struct var_type names (typedefs and qualifiers skipped), as
 * vlen * 2^32 + id, or -EINVAL when it is no struct. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result < 0 ||
            (\result / 4294967296 <= 65535 && \result % 4294967296 <= UINT32_MAX);
 */
static int64_t bl_cur_struct(struct bl_btf_cur *c, uint32_t var_type)
{
	struct bl_btf_type t;

	/*@ assert bl_out_t(c, &t); */
	if ((bl_btf_skip_mods(c, var_type, &t) != 0) ||
	    (t.kind != BTF_KIND_STRUCT)) {
		return -EINVAL;
	}
	return ((int64_t)t.vlen * 4294967296) + (int64_t)t.id;
}

/* Word w of the record of struct sid (its members: 3 words each), or
 * -EINVAL. */
/*@ requires bl_cur_ok(c);
    assigns c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_bm_word(struct bl_btf_cur *c, uint32_t sid, uint32_t w)
{
	struct bl_btf_type st;
	uint32_t v = 0U;

	/*@ assert bl_out_t(c, &st) && bl_out_u(c, &v); */
	if ((bl_btf_at(c, sid, &st) != 0) ||
	    (bl_btf_word(&c->b, &st, w, &v) != 0)) {
		return -EINVAL;
	}
	return (int64_t)v;
}

/* The name at offset off of the string section as a C string, or NULL. */
/*@ requires bl_cur_ok(c);
    assigns \nothing;
    ensures \result == \null ||
            (bl_cstr((char *)\result) &&
             \base_addr(\result) == \base_addr(c->obj->buf));
 */
static const char *bl_bm_name(struct bl_btf_cur *c, uint32_t off)
{
	size_t at = 0U;
	size_t n = 0U;

	/*@ assert \base_addr(&at) != \base_addr(c->obj->buf) &&
	           \base_addr(&n) != \base_addr(c->obj->buf) &&
	           \base_addr(&at) != \base_addr(c) &&
	           \base_addr(&n) != \base_addr(c) &&
	           \base_addr(&at) != \base_addr(c->obj) &&
	           \base_addr(&n) != \base_addr(c->obj); */
	if (bl_btf_name(&c->b, off, &at, &n) != 0) {
		return NULL;
	}
	return bl_cur_str(c, at, n);
}

/* The map's name is a char array of the map pool or bytes of the object:
 * the writes of a definition member leave it a C string (the asserts name
 * the frame: the pointer and its bytes are unchanged). */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_mapc_ok(c, m);
    ensures \result == -EINVAL;
 */
static int bl_bm_bad(struct bl_btf_cur *c, struct bpf_map *m)
{
	int err = bl_diag(-EINVAL, "map ", m->real_name, ": bad BTF member");

	(void)c; /* for the contract */
	/*@ assert m->real_name == \at(m->real_name, Pre); */
	/*@ assert \forall integer k; 0 <= k ==>
	      m->real_name[k] == \at(m->real_name[k], Pre); */
	return err;
}

/* bl_map_values, the map's name kept a C string. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns c->it, c->pos, c->prev, c->id, m->value_size, m->values_off,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_mapc_ok(c, m);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_bm_values(struct bl_btf_cur *c, struct bpf_map *m,
			    uint32_t type, uint32_t bits, bool last)
{
	int64_t r = bl_map_values(c, m, type, bits, last);

	/*@ assert m->real_name == \at(m->real_name, Pre); */
	/*@ assert \forall integer k; 0 <= k ==>
	      m->real_name[k] == \at(m->real_name[k], Pre); */
	return r;
}

/* bl_map_member, the map's name kept a C string. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    requires bl_cstr((char *)name) &&
             \base_addr(name) == \base_addr(c->obj->buf);
    assigns c->it, c->pos, c->prev, c->id, m->type, m->key_size, m->value_size,
            m->max_entries, m->map_flags, m->numa_node, m->pinning,
            m->map_extra, m->btf_key_type_id, m->btf_value_type_id,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_mapc_ok(c, m);
 */
static int bl_bm_member(struct bl_btf_cur *c, struct bpf_map *m,
			const char *name, uint32_t type)
{
	int err = bl_map_member(c, m, name, type);

	/*@ assert m->real_name == \at(m->real_name, Pre); */
	/*@ assert \forall integer k; 0 <= k ==>
	      m->real_name[k] == \at(m->real_name[k], Pre); */
	return err;
}

/* Member i of the definition struct sid (the last when last) into m: the
 * inner definition's type id of a map-in-map's `values`, 0, or -errno
 * (diagnostic recorded). Its name, type and bit offset are the words
 * 3 i, 3 i + 1, 3 i + 2 of the struct's record. */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns c->it, c->pos, c->prev, c->id, m->type, m->key_size, m->value_size,
            m->max_entries, m->map_flags, m->numa_node, m->pinning,
            m->map_extra, m->btf_key_type_id, m->btf_value_type_id,
            m->values_off, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_mapc_ok(c, m);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_map_field(struct bl_btf_cur *c, struct bpf_map *m,
			    uint32_t sid, uint32_t i, bool last)
{
	int64_t nm = bl_bm_word(c, sid, 3U * i);
	int64_t ty = (nm >= 0) ? bl_bm_word(c, sid, (3U * i) + 1U) : -EINVAL;
	int64_t bits = (ty >= 0) ? bl_bm_word(c, sid, (3U * i) + 2U) : -EINVAL;
	const char *mname = (bits >= 0) ? bl_bm_name(c, (uint32_t)nm) : NULL;
	int64_t r;

	if (mname == NULL) {
		r = bl_bm_bad(c, m);
	} else if (bl_streq(mname, "values")) {
		r = bl_bm_values(c, m, (uint32_t)ty,
				 (uint32_t)bits & 0xffffffU, last);
	} else {
		r = bl_bm_member(c, m, mname, (uint32_t)ty);
	}
	return r;
}

/* The definition of m from the struct var_type: the type id of a
 * map-in-map's inner definition (0 when none), or -errno (diagnostic
 * recorded). */
/*@ requires bl_cur_ok(c) && bl_mapc_ok(c, m);
    assigns c->it, c->pos, c->prev, c->id, m->type, m->key_size, m->value_size,
            m->max_entries, m->map_flags, m->numa_node, m->pinning,
            m->map_extra, m->btf_key_type_id, m->btf_value_type_id,
            m->values_off, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c);
    ensures \result <= UINT32_MAX;
 */
static int64_t bl_map_from_btf(struct bl_btf_cur *c, struct bpf_map *m,
			       uint32_t var_type)
{
	int64_t v = bl_cur_struct(c, var_type);
	int64_t inner = 0;
	int64_t lo;
	int64_t hi;
	uint32_t sid;
	uint32_t vlen;

	if (v < 0) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": definition is not a struct");
	}
	lo = v % 4294967296;
	hi = v / 4294967296;
	sid = (uint32_t)lo;
	vlen = (uint32_t)hi;
	/*@ loop invariant 0 <= i <= vlen && bl_cur_ok(c) && bl_mapc_ok(c, m);
	    loop invariant 0 <= inner <= UINT32_MAX;
	    loop assigns i, inner, c->it, c->pos, c->prev, c->id,
	      m->type, m->key_size, m->value_size, m->max_entries,
	      m->map_flags, m->numa_node, m->pinning, m->map_extra,
	      m->btf_key_type_id, m->btf_value_type_id, m->values_off,
	      bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant vlen - i; */
	for (uint32_t i = 0U; i < vlen; i++) {
		int64_t r = bl_map_field(c, m, sid, i, (i + 1U) == vlen);

		if (r < 0) {
			return r;
		}
		if (r > 0) {
			inner = r;
		}
	}
	return inner;
}

void bl_map_set_kname(struct bpf_map *m, const char *pfx, size_t pfx_len,
		      const char *sfx)
{
	size_t n = 0U;

	/*@ loop invariant 0 <= i <= pfx_len && n == i && n <= 15;
	    loop assigns i, n, m->name[0 .. 15];
	    loop variant pfx_len - i; */
	for (size_t i = 0U; (i < pfx_len) && ((n + 1U) < sizeof(m->name));
	     i++) {
		m->name[n] = pfx[i];
		n++;
	}
	/*@ loop invariant 0 <= i && \at(n, LoopEntry) + i == n && n <= 15;
	    loop invariant bl_nz((char *)sfx, i);
	    loop assigns i, n, m->name[0 .. 15];
	    loop variant 15 - n; */
	for (size_t i = 0U; (sfx[i] != '\0') && ((n + 1U) < sizeof(m->name));
	     i++) {
		m->name[n] = sfx[i];
		n++;
	}
	m->name[n] = '\0';
	m->name[sizeof(m->name) - 1U] = '\0'; /* the last byte whatever n is */
	/*@ loop invariant 0 <= i <= n && m->name[15] == 0;
	    loop assigns i, m->name[0 .. 14];
	    loop variant n - i; */
	for (size_t i = 0U; i < n; i++) {
		char ch = m->name[i];
		bool ok = ((ch >= 'a') && (ch <= 'z')) ||
			  ((ch >= 'A') && (ch <= 'Z')) ||
			  ((ch >= '0') && (ch <= '9')) || (ch == '_') ||
			  (ch == '.');

		if (!ok) {
			m->name[i] = '_';
		}
	}
}

/* The fields of map slot k, the inner template of a map-in-map of
 * section shndx whose name is at noff in the string section: 0, or
 * -EINVAL when that is no name (never: the caller read it). */
/*@ requires bl_cur_ok(c) && bl_lists_ok && 0 <= k < BPFLINK_MAX_MAPS;
    assigns bl_maps[k].is_inner, bl_maps[k].kind, bl_maps[k].shndx,
            bl_maps[k].name[0 .. 15], bl_maps[k].real_name;
    ensures bl_cur_ok(c) && bl_lists_ok;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> bl_mapc_ok(c, &bl_maps[k]);
 */
static int bl_bm_inner_fill(struct bl_btf_cur *c, uint32_t k, uint32_t shndx,
			    uint32_t noff)
{
	/* the suffix: an array, not a literal (WP knows its NUL) */
	static const char bl_inner_sfx[7] = ".inner";
	const char *outer = bl_bm_name(c, noff);
	size_t olen;

	if (outer == NULL) {
		return -EINVAL;
	}
	olen = bl_strnlen(outer, 15U);
	bl_maps[k].is_inner = true;
	bl_maps[k].kind = BL_MAP_BTF;
	bl_maps[k].shndx = shndx;
	/*@ assert bl_inner_sfx[6] == 0; */
	/*@ assert \forall integer i;
	      bl_nz((char *)&bl_inner_sfx[0], i) ==> i <= 6; */
	bl_map_set_kname(&bl_maps[k], outer, olen, bl_inner_sfx);
	bl_maps[k].real_name = bl_maps[k].name;
	/*@ assert bl_maps[k].name[15] == 0; */
	/*@ assert bl_cstr((char *)bl_maps[k].name); */
	return 0;
}

/* bl_map_alloc_inner for the cursor's object: the slot, or -ENOSPC. The
 * asserts name the cursor's frame (the pools written are apart from it). */
/*@ requires bl_cur_ok(c) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_lists_ok;
    ensures \result == -ENOSPC || 0 <= \result < BPFLINK_MAX_MAPS;
 */
static int bl_bm_alloc_inner(struct bl_btf_cur *c)
{
	struct bpf_map *in = bl_map_alloc_inner(c->obj);

	/*@ assert c->obj == \at(c->obj, Pre) && c->base == \at(c->base, Pre) &&
	           c->pos == \at(c->pos, Pre); */
	/*@ assert c->b.buf == \at(c->b.buf, Pre) &&
	           c->b.len == \at(c->b.len, Pre) &&
	           c->b.type_len == \at(c->b.type_len, Pre); */
	/*@ assert c->obj->buf == \at(c->obj->buf, Pre) &&
	           c->obj->len == \at(c->obj->len, Pre) &&
	           c->obj->index == \at(c->obj->index, Pre); */
	if (in == NULL) {
		return -ENOSPC;
	}
	return (int)in->index;
}

/* A slot for the inner template of m, filled (bl_bm_inner_fill) and
 * recorded as m's inner: the slot, or -errno. */
/*@ requires bl_cur_ok(c) && bl_lists_ok;
    requires \valid(m) && \base_addr(m) == \base_addr(&bl_maps[0]);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_cur_ok(c) && bl_lists_ok;
    ensures \result < 0 ||
            (\result < BPFLINK_MAX_MAPS && bl_mapc_ok(c, &bl_maps[\result]));
 */
static int bl_bm_inner_new(struct bl_btf_cur *c, struct bpf_map *m,
			   uint32_t noff)
{
	uint32_t shndx = m->shndx;
	int k = bl_bm_alloc_inner(c);
	int err;

	if (k < 0) {
		return k;
	}
	err = bl_bm_inner_fill(c, (uint32_t)k, shndx, noff);
	if (err != 0) {
		return err;
	}
	m->inner = (uint16_t)k;
	return k;
}

/* What the inner definition read gives (nv: bl_map_from_btf's result, its
 * pinning): 0, or -errno (diagnostic naming the outer map, at noff). */
/*@ requires bl_cur_ok(c);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_bm_inner_check(struct bl_btf_cur *c, int64_t nv,
			     uint32_t pinning, uint32_t noff)
{
	int err = 0;

	if (nv < 0) {
		/* -errno (an int); an int64_t below INT_MIN never comes */
		err = (nv < -2147483647) ? -EINVAL : (int)nv;
	} else if (nv > 0) {
		err = bl_diag(-EOPNOTSUPP, "map ", bl_bm_name(c, noff),
			      ": inner maps of inner maps not supported");
	} else if (pinning != (uint32_t)LIBBPF_PIN_NONE) {
		err = bl_diag(-EINVAL, "map ", bl_bm_name(c, noff),
			      ": an inner map cannot be pinned");
	} else {
		/* a plain inner definition */
	}
	return err;
}

/* The inner template of map-in-map m (named after the outer map, whose
 * name is at noff in the string section) from the struct elem (libbpf's:
 * named "<outer>.inner", created at load only to give the outer map its
 * inner_map_fd). */
/*@ requires bl_cur_ok(c) && bl_lists_ok;
    requires \valid(m) && \base_addr(m) == \base_addr(&bl_maps[0]);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], c->it, c->pos, c->prev, c->id;
    ensures bl_cur_ok(c) && bl_lists_ok;
 */
static int bl_map_inner_def(struct bl_btf_cur *c, struct bpf_map *m,
			    uint32_t elem, uint32_t noff)
{
	int k = bl_bm_inner_new(c, m, noff);
	int64_t nv;

	if (k < 0) {
		return k;
	}
	nv = bl_map_from_btf(c, &bl_maps[k], elem);
	return bl_bm_inner_check(c, nv, bl_maps[k].pinning, noff);
}

/* m's pin_path: "<pin root>/<name>" (libbpf's pin by name). */
/*@ requires bl_is_obj(obj);
    requires \valid(m) && \base_addr(m) == \base_addr(&bl_maps[0]);
    requires bl_cstr((char *)name) &&
             \base_addr(name) != \base_addr(&bl_maps[0]) &&
             \base_addr(name) != \base_addr(&bl_diag_buf[0]);
    assigns m->pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_map_pin_by_name(struct bpf_object *obj, struct bpf_map *m,
			      const char *name)
{
	size_t cap = sizeof(m->pin_path);
	size_t n = bl_strnlen(obj->pin_root, cap);
	size_t k = bl_strnlen(name, cap);

	if ((n + 1U + k + 1U) > cap) {
		m->pin_path[0] = '\0';
		return bl_diag(-ENAMETOOLONG, "map ", name,
			       ": pin path too long (BPFLINK_PIN_PATH_MAX)");
	}
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, m->pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1];
	    loop variant n - i; */
	for (size_t i = 0U; i < n; i++) {
		m->pin_path[i] = obj->pin_root[i];
	}
	m->pin_path[n] = '/';
	/*@ loop invariant 0 <= i <= k;
	    loop assigns i, m->pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1];
	    loop variant k - i; */
	for (size_t i = 0U; i < k; i++) {
		m->pin_path[n + 1U + i] = name[i];
	}
	m->pin_path[n + 1U + k] = '\0';
	return 0;
}

/* The symbol of section shndx named name: its value in *off, its size in
 * *size. */
/*@ requires bl_obj_bytes(obj) && bl_cstr((char *)name);
    requires \valid(off) && \valid(size) && \separated(off, size);
    assigns *off, *size;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
 */
static int bl_sym_off(struct bpf_object *obj, uint32_t shndx, const char *name,
		      uint64_t *off, uint64_t *size)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	size_t at;
	size_t n;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	/*@ loop invariant 1 <= i;
	    loop assigns i, sym, at, n;
	    loop variant st.size / BL_ELF_SYM_SIZE - i; */
	for (uint64_t i = 1U; i < (st.size / BL_ELF_SYM_SIZE); i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return -EINVAL;
		}
		if ((sym.shndx != shndx) ||
		    ((sym.info & 15U) == BL_STT_SECTION) ||
		    (bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &at, &n) !=
		     0)) {
			continue;
		}
		/*@ assert bl_name_ok(obj, at, n); */
		/* both are C strings (bl_streq's contract needs the first) */
		if (bl_streq(bl_obj_str(obj, at), name)) {
			*off = sym.value;
			*size = sym.size;
			return 0;
		}
	}
	return -ENOENT;
}

/* The maps of obj's list are written by the map parser only through these
 * (the pools' own contracts keep bl_lists_ok). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && shndx != 0;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_btf_maps(struct bpf_object *obj, uint32_t shndx)
{
	/* the DATASEC's name ".maps", as the bytes bl_btf_find compares */
	static const uint8_t bl_dsec_maps[5] = { 0x2eU, 0x6dU, 0x61U, 0x70U,
						 0x73U };
	struct bl_btf_cur cur;
	struct bl_btf_type ds;
	struct bl_btf_type v;
	struct bl_elf_shdr msh;
	uint32_t dsid = 0U;
	uint32_t vid;
	uint64_t off;
	uint64_t size;
	size_t at;
	size_t n;

	if (obj->btf_shndx == 0U) {
		return bl_diag(-EINVAL, ".maps without .BTF", NULL, NULL);
	}
	if (bl_elf_shdr(&obj->elf, shndx, &msh) != 0) {
		return bl_diag(-EINVAL, "section header out of bounds", NULL,
			       NULL);
	}
	if (bl_btf_cur_init(obj, &cur) != 0) {
		return bl_diag(-EINVAL, "bad .BTF header", NULL, NULL);
	}
	if ((bl_btf_find(&cur.b, bl_dsec_maps, sizeof(bl_dsec_maps),
			 BTF_KIND_DATASEC, &dsid) != 0) ||
	    (bl_btf_at(&cur, dsid, &ds) != 0)) {
		return bl_diag(-EINVAL, "no .maps DATASEC in .BTF", NULL, NULL);
	}
	/*@ loop invariant 0 <= i <= ds.vlen;
	    loop invariant bl_cur_ok(&cur) && cur.obj == obj && bl_lists_ok;
	    loop assigns i, vid, v, at, n, off, size, cur.it,
	      cur.pos, cur.prev, cur.id, bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
	      bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
	      bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
	    loop variant ds.vlen - i; */
	for (uint32_t i = 0U; i < ds.vlen; i++) {
		const char *rn;
		struct bpf_map *m;
		int64_t iv;
		uint32_t inner;
		int err;

		if ((bl_btf_word(&cur.b, &ds, 3U * i, &vid) != 0) ||
		    (bl_btf_at(&cur, vid, &v) != 0) ||
		    (v.kind != BTF_KIND_VAR) ||
		    (bl_btf_name(&cur.b, v.name_off, &at, &n) != 0) ||
		    (n == 0U)) {
			return bl_diag(-EINVAL, "bad .maps variable in .BTF", NULL,
				       NULL);
		}
		rn = bl_cur_str(&cur, at, n);
		m = bl_map_alloc(obj);
		if (m == NULL) {
			return -ENOSPC;
		}
		m->kind = BL_MAP_BTF;
		m->shndx = shndx;
		m->real_name = rn;
		bl_map_set_kname(m, "", 0U, rn);
		if (bl_sym_off(obj, shndx, rn, &off, &size) != 0) {
			return bl_diag(-EINVAL, "map ", rn,
				       ": no symbol in .maps");
		}
		/* the symbol places the map in .maps, where relocations and
		 * map-in-map slots find it: inside the section (as libbpf) */
		if ((off > msh.size) || (size > (msh.size - off))) {
			return bl_diag(-EINVAL, "map ", rn,
				       ": symbol outside .maps");
		}
		m->sec_off = off;
		m->sec_size = size;
		iv = bl_map_from_btf(&cur, m, v.size_type);
		err = (iv < 0) ? (int)iv : 0;
		inner = (iv > 0) ? (uint32_t)iv : 0U;
		if ((err == 0) && (inner != 0U)) {
			err = bl_map_inner_def(&cur, m, inner, v.name_off);
		}
		if ((err == 0) &&
		    (m->pinning == (uint32_t)LIBBPF_PIN_BY_NAME)) {
			err = bl_map_pin_by_name(obj, m, rn);
		} else if ((err == 0) &&
			   (m->pinning > (uint32_t)LIBBPF_PIN_BY_NAME)) {
			err = bl_diag(-EINVAL, "map ", rn, ": unknown pinning");
		} else {
			/* LIBBPF_PIN_NONE, or err already set */
		}
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* One struct bpf_map_def field (little-endian) of the definition at
 * buf[at], per bytes long: 0 when the definition is too short for it. */
/*@ requires bl_obj_buf(obj);
    requires at <= obj->len && per <= obj->len - at && k < 5;
    assigns \nothing;
 */
static uint32_t bl_def_word(const struct bpf_object *obj, uint64_t at,
			    uint64_t per, uint32_t k)
{
	const uint8_t *d = obj->buf;
	uint64_t b = (uint64_t)k * 4U;

	if ((b + 4U) > per) {
		return 0U;
	}
	return (uint32_t)d[at + b] | ((uint32_t)d[at + b + 1U] << 8U) |
	       ((uint32_t)d[at + b + 2U] << 16U) |
	       ((uint32_t)d[at + b + 3U] << 24U);
}

/* The number of symbols of section shndx (section symbols aside). */
/*@ requires bl_obj_bytes(obj) && \valid(count);
    requires \base_addr(count) != \base_addr(obj->buf) &&
             \base_addr(count) != \base_addr(&bl_objects[0]);
    assigns *count;
    ensures \result == 0 || \result == -EINVAL;
 */
static int bl_sec_syms(struct bpf_object *obj, uint64_t nsyms, uint32_t shndx,
		       uint64_t *count)
{
	struct bl_elf_sym sym;

	*count = 0U;
	/*@ loop invariant 1 <= i && *count < i;
	    loop assigns i, sym, *count;
	    loop variant nsyms - i; */
	for (uint64_t i = 1U; i < nsyms; i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return -EINVAL;
		}
		if ((sym.shndx == shndx) &&
		    ((sym.info & 15U) != BL_STT_SECTION)) {
			(*count)++;
		}
	}
	return 0;
}

/* bl_map_set_kname on bl_maps[mi], keeping the chains. */
/*@ requires mi < BPFLINK_MAX_MAPS && bl_lists_ok;
    requires \valid_read(pfx + (0 .. pfx_len - 1)) &&
             \base_addr(pfx) != \base_addr(&bl_maps[0]);
    requires bl_cstr((char *)sfx) && \base_addr(sfx) != \base_addr(&bl_maps[0]);
    assigns bl_maps[mi].name[0 .. 15];
    ensures bl_lists_ok;
 */
static void bl_lm_kname(uint32_t mi, const char *pfx, size_t pfx_len,
			const char *sfx)
{
	bl_map_set_kname(&bl_maps[mi], pfx, pfx_len, sfx);
}

/* The fields of legacy map bl_maps[mi] named rn (a C string of the
 * object's bytes), its definition at value in section shndx. */
/*@ requires mi < BPFLINK_MAX_MAPS && bl_lists_ok;
    requires bl_cstr((char *)rn) && \base_addr(rn) != \base_addr(&bl_maps[0]);
    assigns bl_maps[mi].kind, bl_maps[mi].shndx, bl_maps[mi].sec_off,
            bl_maps[mi].real_name, bl_maps[mi].name[0 .. 15];
    ensures bl_lists_ok;
 */
static void bl_lm_fill(uint32_t mi, uint32_t shndx, uint64_t value,
		       const char *rn)
{
	bl_maps[mi].kind = BL_MAP_LEGACY;
	bl_maps[mi].shndx = shndx;
	bl_maps[mi].sec_off = value;
	bl_maps[mi].real_name = rn;
	bl_lm_kname(mi, "", 0U, rn);
}

/* The struct bpf_map_def fields of bl_maps[mi] from the definition at
 * buf[def], per bytes long. */
/*@ requires bl_obj_buf(obj) && bl_lists_ok;
    requires def <= obj->len && per <= obj->len - def;
    requires mi < BPFLINK_MAX_MAPS;
    assigns bl_maps[mi].type, bl_maps[mi].key_size, bl_maps[mi].value_size,
            bl_maps[mi].max_entries, bl_maps[mi].map_flags;
    ensures bl_lists_ok;
 */
static void bl_lm_words(uint32_t mi, const struct bpf_object *obj,
			uint64_t def, uint64_t per)
{
	bl_maps[mi].type = bl_def_word(obj, def, per, 0U);
	bl_maps[mi].key_size = bl_def_word(obj, def, per, 1U);
	bl_maps[mi].value_size = bl_def_word(obj, def, per, 2U);
	bl_maps[mi].max_entries = bl_def_word(obj, def, per, 3U);
	bl_maps[mi].map_flags = bl_def_word(obj, def, per, 4U);
}

/* Symbol i of the symbol table: a legacy map when it is a symbol of
 * section shndx (bytes [sec_off, sec_off + sec_size), definitions per
 * bytes each). 0 (a map made, or not a map symbol) or -errno. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires sec_off <= obj->len && sec_size <= obj->len - sec_off;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_lm_sym(struct bpf_object *obj, uint32_t shndx, uint32_t i,
		     uint64_t sec_off, uint64_t sec_size, uint64_t per)
{
	struct bl_elf_sym sym;
	struct bpf_map *m;
	const char *rn;
	uint32_t mi;
	size_t at;
	size_t n;
	bool inside;

	/*@ assert \base_addr(obj) == \base_addr(&bl_objects[0]); */
	if (bl_elf_sym(&obj->elf, obj->symtab, i, &sym) != 0) {
		return -EINVAL;
	}
	if ((sym.shndx != shndx) || ((sym.info & 15U) == BL_STT_SECTION)) {
		return 0;
	}
	if (bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &at, &n) != 0) {
		return bl_diag(-EINVAL, "bad map symbol name", NULL, NULL);
	}
	/*@ assert bl_name_ok(obj, at, n); */
	inside = (sym.value <= sec_size) && (per <= (sec_size - sym.value));
	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	m = bl_map_alloc(obj);
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx; */
	/*@ assert bl_obj_buf(obj) && bl_name_ok(obj, at, n); */
	if (m == NULL) {
		return -ENOSPC;
	}
	/* the name after the allocation: no C string is carried across it */
	rn = bl_obj_str(obj, at);
	if (!inside) {
		return bl_diag(-EINVAL, "map ", rn,
			       ": definition outside maps section");
	}
	mi = m->index;
	bl_lm_fill(mi, shndx, sym.value, rn);
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx; */
	/*@ assert bl_obj_buf(obj); */
	bl_lm_words(mi, obj, sec_off + sym.value, per);
	return 0;
}

/* The legacy maps of symbols 1 .. nsyms-1 (bl_lm_sym). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires sec_off <= obj->len && sec_size <= obj->len - sec_off;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_lm_syms(struct bpf_object *obj, uint32_t shndx, uint64_t nsyms,
		      uint64_t sec_off, uint64_t sec_size, uint64_t per)
{
	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	/*@ loop invariant 1 <= i && bl_lists_ok;
	    loop invariant obj->buf == gbuf && obj->len == glen &&
	      obj->index == gidx && obj->elf.buf == gbuf && obj->elf.len == glen;
	    loop assigns i, bl_maps[0 .. BPFLINK_MAX_MAPS - 1],
	      bl_map_st, bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
	      bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
	    loop variant nsyms - i; */
	for (uint64_t i = 1U; i < nsyms; i++) {
		int err = bl_lm_sym(obj, shndx, (uint32_t)i, sec_off, sec_size,
				    per);

		/*@ assert bl_lists_ok; */
		if (err != 0) {
			return err;
		}
	}
	/*@ assert bl_lists_ok; */
	return 0;
}

/* Legacy maps: the symbols of "maps", each definition sh_size / count. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_legacy_maps(struct bpf_object *obj, uint32_t shndx)
{
	struct bl_elf_shdr st;
	struct bl_elf_shdr sh;
	uint64_t per;
	uint64_t count = 0U;

	if ((bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) ||
	    (bl_elf_shdr(&obj->elf, shndx, &sh) != 0)) {
		return -EINVAL;
	}
	if (bl_sec_syms(obj, st.size / BL_ELF_SYM_SIZE, shndx, &count) != 0) {
		return -EINVAL;
	}
	if (count == 0U) {
		return 0;
	}
	per = sh.size / count;
	if ((per < 16U) || (sh.type == BL_SHT_NOBITS)) {
		return bl_diag(-EINVAL, "legacy maps section: definitions "
			       "smaller than 16 bytes", NULL, NULL);
	}
	return bl_lm_syms(obj, shndx, st.size / BL_ELF_SYM_SIZE, sh.offset,
			  sh.size, per);
}

/* Is name pfx[0 .. n-1], alone or followed by '.'? */
/*@ requires bl_cstr((char *)name);
    requires \valid_read(pfx + (0 .. n - 1)) && bl_nz((char *)pfx, n);
    assigns \nothing;
    ensures \result ==> bl_nz((char *)name, n);
 */
static bool bl_sec_is(const char *name, const char *pfx, size_t n)
{
	/*@ loop invariant 0 <= i <= n && bl_nz((char *)name, i);
	    loop assigns i;
	    loop variant n - i; */
	for (size_t i = 0U; i < n; i++) {
		if (name[i] != pfx[i]) {
			return false;
		}
	}
	return (name[n] == '\0') || (name[n] == '.');
}

bool bl_is_data_sec(const char *name, uint8_t *kind)
{
	bool ok = true;

	if (bl_sec_is(name, ".data", 5U)) {
		*kind = BL_MAP_DATA;
	} else if (bl_sec_is(name, ".rodata", 7U)) {
		*kind = BL_MAP_RODATA;
	} else if (bl_sec_is(name, ".bss", 4U)) {
		*kind = BL_MAP_BSS;
	} else {
		ok = false;
	}
	return ok;
}

/* The length of the object name's prefix in the kernel name of data
 * section name's map. libbpf: "<obj name up to 8 chars><section>" unless
 * the section name has a second '.', e.g. .rodata.str1.1, which is used
 * alone. (The bound on k only keeps it from wrapping: no name is that
 * long.) */
/*@ requires bl_is_obj(obj);
    requires bl_cstr((char *)name) && name[0] != 0;
    assigns \nothing;
    ensures \result <= 8;
 */
static size_t bl_lm_pfx(const struct bpf_object *obj, const char *name)
{
	size_t pfx = 0U;
	size_t n = bl_strnlen(obj->name, 8U);
	bool dotted = false;

	/*@ loop invariant 1 <= k <= SIZE_MAX - 1 && bl_nz((char *)name, k);
	    loop assigns k, dotted;
	    loop variant SIZE_MAX - k; */
	for (size_t k = 1U; (k < (SIZE_MAX - 1U)) && (name[k] != '\0'); k++) {
		dotted = dotted || (name[k] == '.');
	}
	if (!dotted) {
		size_t len = bl_strnlen(name, 15U);
		size_t sfx = (len < 7U) ? 7U : len;

		pfx = (sfx < 15U) ? ((16U - 1U) - sfx) : 0U;
		if (pfx > n) {
			pfx = n;
		}
	}
	return pfx;
}

/* bl_maps[mi]'s initial value: the section's bytes buf[off ..], in place.
 * Not proved (its contract is assumed): a uint8_t * stored as the field's
 * const void * is a cast WP's typed model refuses. */
/*@ requires mi < BPFLINK_MAX_MAPS;
    assigns bl_maps[mi].init;
 */
static void bl_lm_init(uint32_t mi, const uint8_t *buf, uint64_t off)
{
	bl_maps[mi].init = &buf[off];
}

/* The fields of data map bl_maps[mi] of section i (size bytes) named
 * name, its initial value at buf[off] unless it is a .bss. */
/*@ requires mi < BPFLINK_MAX_MAPS && bl_lists_ok;
    assigns bl_maps[mi].kind, bl_maps[mi].shndx, bl_maps[mi].real_name,
            bl_maps[mi].type, bl_maps[mi].key_size, bl_maps[mi].value_size,
            bl_maps[mi].max_entries, bl_maps[mi].map_flags,
            bl_maps[mi].frozen_ro, bl_maps[mi].init;
    ensures bl_lists_ok;
 */
static void bl_lm_data_fill(uint32_t mi, uint32_t i, uint32_t size,
			    const char *name, uint8_t kind,
			    const uint8_t *buf, uint64_t off)
{
	bl_maps[mi].kind = kind;
	bl_maps[mi].shndx = i;
	bl_maps[mi].real_name = name;
	bl_maps[mi].type = BPF_MAP_TYPE_ARRAY;
	bl_maps[mi].key_size = 4U;
	bl_maps[mi].value_size = size;
	bl_maps[mi].max_entries = 1U;
	bl_maps[mi].map_flags = BPF_F_MMAPABLE;
	if (kind == BL_MAP_RODATA) {
		bl_maps[mi].map_flags |= BPF_F_RDONLY_PROG;
		bl_maps[mi].frozen_ro = true;
	}
	if (kind != BL_MAP_BSS) {
		bl_lm_init(mi, buf, off);
	}
}

/* The map of data section i (offset off, size bytes; its kernel name
 * takes pfx characters of the object's name, bl_lm_pfx). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && pfx <= 8;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_data_map(struct bpf_object *obj, uint32_t i, uint64_t off,
		       uint64_t size, size_t pfx, uint8_t kind)
{
	struct bpf_map *m;
	const char *name;
	uint32_t mi;

	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	m = bl_map_alloc(obj);
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx &&
	           obj->elf.buf == gbuf && obj->elf.len == glen; */
	/*@ assert bl_obj_bytes(obj); */
	if (m == NULL) {
		return -ENOSPC;
	}
	/* the section's name again (the same pointer as the caller's): no C
	 * string is carried across the allocation */
	name = bl_obj_sec_name(obj, i);
	if (name == NULL) {
		return -EINVAL;
	}
	if (size > UINT32_MAX) {
		return bl_diag(-E2BIG, "data section ", name, " too large");
	}
	mi = m->index;
	bl_lm_data_fill(mi, i, (uint32_t)size, name, kind, obj->buf, off);
	bl_lm_kname(mi, obj->name, pfx, name);
	return 0;
}

/* Section i of obj: the map of a data section (bl_data_map), or
 * nothing when it is another section. 0 or -errno. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_lm_data_sec(struct bpf_object *obj, uint32_t i)
{
	struct bl_elf_shdr sh;
	const char *name;
	uint8_t kind;

	if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
		return -EINVAL;
	}
	if (((sh.type != BL_SHT_PROGBITS) && (sh.type != BL_SHT_NOBITS)) ||
	    ((sh.flags & BL_SHF_EXECINSTR) != 0U) || (sh.size == 0U)) {
		return 0;
	}
	name = bl_obj_sec_name(obj, i);
	if ((name == NULL) || !bl_is_data_sec(name, &kind)) {
		return 0;
	}
	if ((kind == BL_MAP_BSS) != (sh.type == BL_SHT_NOBITS)) {
		return 0;
	}
	return bl_data_map(obj, i, sh.offset, sh.size, bl_lm_pfx(obj, name),
			   kind);
}

/* The maps of obj's data sections (.data*, .rodata*, .bss*). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_lm_data_maps(struct bpf_object *obj)
{
	uint32_t shnum = obj->elf.shnum;

	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	/*@ loop invariant 1 <= i && bl_lists_ok;
	    loop invariant obj->buf == gbuf && obj->len == glen &&
	      obj->index == gidx && obj->elf.buf == gbuf && obj->elf.len == glen;
	    loop assigns i, bl_maps[0 .. BPFLINK_MAX_MAPS - 1],
	      bl_map_st, bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
	      bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
	    loop variant shnum - i; */
	for (uint32_t i = 1U; i < shnum; i++) {
		int err = bl_lm_data_sec(obj, i);

		/*@ assert bl_lists_ok; */
		if (err != 0) {
			return err;
		}
	}
	/*@ assert bl_lists_ok; */
	return 0;
}

/* The open's check of the `values` slots (below, with the load's writes). */
static int bl_obj_map_check(struct bpf_object *obj);

/* The .kconfig map, then the check of the `values` slots. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
static int bl_lm_tail(struct bpf_object *obj)
{
	int err;

	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	err = bl_obj_kconfig_collect(obj);
	if (err != 0) {
		return err;
	}
	/*@ assert obj->buf == gbuf; */
	/*@ assert obj->len == glen; */
	/*@ assert obj->index == gidx; */
	/*@ assert obj->elf.buf == gbuf && obj->elf.len == glen; */
	return bl_obj_map_check(obj);
}

int bl_obj_collect_maps(struct bpf_object *obj)
{
	int err = 0;

	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	/*@ assert bl_apart(gbuf) && 0 < glen &&
	           \valid_read(gbuf + (0 .. glen - 1)); */
	/*@ assert obj == &bl_objects[gidx] && 0 <= gidx < BPFLINK_MAX_OBJECTS; */
	if (obj->maps_shndx != 0U) {
		err = bl_btf_maps(obj, obj->maps_shndx);
	}
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx &&
	           obj->elf.buf == gbuf && obj->elf.len == glen; */
	/*@ assert bl_obj_bytes(obj) && bl_lists_ok; */
	if ((err == 0) && (obj->legacy_maps_shndx != 0U)) {
		err = bl_legacy_maps(obj, obj->legacy_maps_shndx);
	}
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx &&
	           obj->elf.buf == gbuf && obj->elf.len == glen; */
	/*@ assert bl_obj_bytes(obj) && bl_lists_ok; */
	if (err == 0) {
		err = bl_lm_data_maps(obj);
	}
	/*@ assert obj->buf == gbuf && obj->len == glen && obj->index == gidx &&
	           obj->elf.buf == gbuf && obj->elf.len == glen; */
	/*@ assert bl_obj_bytes(obj) && bl_lists_ok; */
	if (err == 0) {
		err = bl_lm_tail(obj);
	}
	/*@ assert bl_lists_ok; */
	return err;
}

struct bpf_map *bl_obj_map_at(struct bpf_object *obj, uint32_t shndx,
			      uint64_t off)
{
	uint16_t i = obj->first_map;

	/* obj's chain (at most the pool size: the chain of a live object) */
	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS);
	    loop assigns s, i;
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		struct bpf_map *m = &bl_maps[i];

		if ((m->shndx == shndx) &&
		    ((m->kind >= BL_MAP_DATA) || (m->sec_off == off))) {
			return m;
		}
		i = m->next;
	}
	return NULL;
}

/* ---- initial slots of map-in-map and program arrays --------------------- */

/* The BTF-defined map whose definition symbol covers byte off of .maps. */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns \nothing;
    ensures \result == \null ||
            (\valid(\result) && \base_addr(\result) == \base_addr(&bl_maps[0]) &&
             \result->sec_off <= off);
 */
static struct bpf_map *bl_map_holding(struct bpf_object *obj, uint64_t off)
{
	uint16_t i = obj->first_map;

	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS);
	    loop assigns s, i;
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		struct bpf_map *m = &bl_maps[i];

		if ((m->kind == BL_MAP_BTF) && (off >= m->sec_off) &&
		    ((off - m->sec_off) < m->sec_size)) {
			return m;
		}
		i = m->next;
	}
	return NULL;
}

/* The program that starts at byte off of section shndx. */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns \nothing;
    ensures \result == \null ||
            (\valid_read(\result) &&
             \base_addr(\result) == \base_addr(&bl_progs[0]));
 */
static struct bpf_program *bl_prog_at(struct bpf_object *obj, uint32_t shndx,
				      uint64_t off)
{
	uint16_t i = obj->first_prog;

	/*@ loop invariant 0 <= s <= BL_N_PROGS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_PROGS);
	    loop assigns s, i;
	    loop variant BL_N_PROGS - s; */
	for (uint32_t s = 0U; (s < BL_N_PROGS) && (i != BL_NONE_IDX); s++) {
		struct bpf_program *p = &bl_progs[i];

		if ((p->shndx == shndx) && (((uint64_t)p->insn_off * 8U) == off)) {
			return p;
		}
		i = p->next;
	}
	return NULL;
}

/* The map's name for a diagnostic: its kernel name (the real name cut to
 * 15 characters; the slot does not say the real name is a C string), or
 * "?" when the kernel name has no NUL. */
/*@ requires \valid_read(m) && \base_addr(m) == \base_addr(&bl_maps[0]);
    assigns \nothing;
    ensures bl_cstr((char *)\result);
    ensures \base_addr(\result) != \base_addr(&bl_diag_buf[0]);
 */
static const char *bl_map_dname(const struct bpf_map *m)
{
	const char *s = m->name;

	/*@ loop invariant 0 <= k <= 16 && bl_nz((char *)s, k);
	    loop assigns k;
	    loop variant 16 - k; */
	for (uint32_t k = 0U; k < 16U; k++) {
		if (s[k] == '\0') {
			/*@ assert s[k] == 0; */
			return s;
		}
	}
	return "?";
}

/* BPF_MAP_UPDATE_ELEM of *key := *val through the syscall seam. Not
 * proved (key and value are passed as `const void *`: casts WP's typed
 * model refuses); its contract is assumed. */
/*@ requires \valid_read(key) && \valid_read(val);
    assigns bl_ghost_syscalls;
 */
static int bl_slot_update(int map_fd, uint32_t *key, int *val)
{
	return bpf_map_update_elem(map_fd, key, val, 0U);
}

/* Slot `slot` of map map_fd := fd (one BPF_MAP_UPDATE_ELEM). */
/*@ assigns bl_ghost_syscalls; */
static int bl_slot_set(int map_fd, uint32_t slot, int fd)
{
	uint32_t key = slot;
	int val = fd;

	return bl_slot_update(map_fd, &key, &val);
}

/* The checks of one relocation r of .maps (the part done at open), m the
 * map holding it (bl_map_holding): slot `slot` of m holds map or program
 * t. slot | (t is a program) << 32 | t's slot number << 33, or -errno
 * (diagnostic recorded). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && \valid_read(r);
    requires m == \null ||
             (\valid(m) && \base_addr(m) == \base_addr(&bl_maps[0]));
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result < 0 || m != \null;
 */
static int64_t bl_map_slot_check(struct bpf_object *obj,
				 const struct bl_elf_rel *r,
				 const struct bpf_map *m)
{
	struct bl_elf_sym sym;
	const struct bpf_map *t = NULL;
	const struct bpf_program *p = NULL;
	uint64_t at;
	uint64_t slot;
	uint64_t packed;

	if (r->type != BL_R_BPF_64_ABS64) {
		return bl_diag(-EOPNOTSUPP, "unsupported relocation type in .maps",
			       NULL, NULL);
	}
	if ((m == NULL) || (m->values_off == 0U)) {
		return bl_diag(-EINVAL, "relocation in .maps outside the "
			       "`values` of a map-in-map or program array", NULL,
			       NULL);
	}
	at = r->offset - m->sec_off;
	if ((at < m->values_off) || (((at - m->values_off) % 8U) != 0U) ||
	    (((at - m->values_off) / 8U) > UINT32_MAX) ||
	    (bl_elf_sym(&obj->elf, obj->symtab, r->sym, &sym) != 0)) {
		return bl_diag(-EINVAL, "map ", bl_map_dname(m),
			       ": bad `values` slot relocation");
	}
	slot = (at - m->values_off) / 8U;
	if (m->type == (uint32_t)BPF_MAP_TYPE_PROG_ARRAY) {
		p = bl_prog_at(obj, sym.shndx, sym.value);
		if (p == NULL) {
			return bl_diag(-EINVAL, "map ", bl_map_dname(m),
				       ": a `values` slot names no program");
		}
		packed = slot | 0x100000000U |
			 ((uint64_t)(p->index & 0xffffU) << 33U);
		return (int64_t)packed;
	}
	if ((sym.shndx == obj->maps_shndx) && (sym.shndx != 0U)) {
		t = bl_obj_map_at(obj, sym.shndx, sym.value);
	}
	if (t == NULL) {
		return bl_diag(-EINVAL, "map ", bl_map_dname(m),
			       ": a `values` slot names no map");
	}
	packed = slot | ((uint64_t)(t->index & 0xffffU) << 33U);
	return (int64_t)packed;
}

/* One relocation of .maps: checked, then, when apply, written into m
 * (only into maps this load created: not reused, not pinned before). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && \valid_read(r);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
 */
static int bl_map_slot(struct bpf_object *obj, const struct bl_elf_rel *r,
		       bool apply, bool progs)
{
	const struct bpf_map *m = bl_map_holding(obj, r->offset);
	int64_t v = bl_map_slot_check(obj, r, m);
	uint64_t u;
	uint32_t ti;
	bool prog;
	int fd;
	int err;

	if (v < 0) {
		return (int)v;
	}
	u = (uint64_t)v;
	prog = ((u >> 32U) & 1U) != 0U;
	ti = (uint32_t)((u >> 33U) & 0xffffU);
	if (!apply || (m == NULL) || (progs != prog) || (m->fd < 0) ||
	    m->reused) {
		return 0;
	}
	if (prog) {
		fd = (ti < BL_N_PROGS) ? bl_progs[ti].fd : -1;
	} else {
		fd = (ti < BL_N_MAPS) ? bl_maps[ti].fd : -1;
	}
	if (fd < 0) {
		return bl_diag(-EINVAL, "map ", bl_map_dname(m),
			       ": a `values` slot names a map or program not "
			       "loaded (autocreate / autoload off)");
	}
	err = bl_slot_set(m->fd, (uint32_t)(u & 0xffffffffU), fd);
	if (err != 0) {
		return bl_diag(err, "map ", bl_map_dname(m),
			       ": setting a `values` slot failed");
	}
	return 0;
}

/* The .maps relocation section s of obj: 1 when it is one (*sh its
 * header), 0 when s is another section, -errno. */
/*@ requires bl_obj_bytes(obj) && \valid(sh);
    requires \base_addr(sh) != \base_addr(&bl_objects[0]) &&
             \base_addr(sh) != \base_addr(obj->buf) &&
             \base_addr(sh) != \base_addr(&bl_diag_buf[0]);
    assigns *sh, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result <= 1;
 */
static int bl_maps_rel_sec(const struct bpf_object *obj, uint32_t s,
			   struct bl_elf_shdr *sh)
{
	if (bl_elf_shdr(&obj->elf, s, sh) != 0) {
		return -EINVAL;
	}
	if ((sh->type != BL_SHT_REL) || (sh->info != obj->maps_shndx)) {
		return 0;
	}
	if (sh->link != obj->symtab) {
		return bl_diag(-EINVAL, ".maps relocations not against the "
			       "symbol table", NULL, NULL);
	}
	return 1;
}

/* The open's check of every relocation of .maps (bl_map_slot_check). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_obj_map_check(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	struct bl_elf_rel r;

	if (obj->maps_shndx == 0U) {
		return 0;
	}
	/*@ loop invariant 1 <= s;
	    loop assigns s, sh, r, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant obj->elf.shnum - s; */
	for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
		int k = bl_maps_rel_sec(obj, s, &sh);

		if (k < 0) {
			return k;
		}
		/*@ loop invariant 0 <= i <= sh.size / BL_ELF_REL_SIZE;
		    loop assigns i, r, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
		    loop variant sh.size / BL_ELF_REL_SIZE - i; */
		for (uint64_t i = 0U; (k == 1) && (i < (sh.size / BL_ELF_REL_SIZE));
		     i++) {
			int64_t v;

			if (bl_elf_rel(&obj->elf, s, (uint32_t)i, &r) != 0) {
				return bl_diag(-EINVAL, "bad .maps relocation",
					       NULL, NULL);
			}
			v = bl_map_slot_check(obj, &r,
					      bl_map_holding(obj, r.offset));
			if (v < 0) {
				return (int)v;
			}
		}
	}
	return 0;
}

int bl_obj_map_slots(struct bpf_object *obj, bool apply, bool progs)
{
	struct bl_elf_shdr sh;
	struct bl_elf_rel r;

	if ((obj->maps_shndx == 0U) || !apply) {
		return bl_obj_map_check(obj);
	}
	/*@ loop invariant 1 <= s;
	    loop assigns s, sh, r, bl_diag_buf[0 .. BL_DIAG_MAX - 1],
	                 bl_ghost_syscalls;
	    loop variant obj->elf.shnum - s; */
	for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
		int k = bl_maps_rel_sec(obj, s, &sh);

		if (k < 0) {
			return k;
		}
		/*@ loop invariant 0 <= i <= sh.size / BL_ELF_REL_SIZE;
		    loop assigns i, r, bl_diag_buf[0 .. BL_DIAG_MAX - 1],
		                 bl_ghost_syscalls;
		    loop variant sh.size / BL_ELF_REL_SIZE - i; */
		for (uint64_t i = 0U; (k == 1) && (i < (sh.size / BL_ELF_REL_SIZE));
		     i++) {
			int err;

			if (bl_elf_rel(&obj->elf, s, (uint32_t)i, &r) != 0) {
				return bl_diag(-EINVAL, "bad .maps relocation",
					       NULL, NULL);
			}
			err = bl_map_slot(obj, &r, apply, progs);
			if (err != 0) {
				return err;
			}
		}
	}
	return 0;
}

/* ---- .kconfig externs --------------------------------------------------- */

/*@ assigns \nothing;
    ensures \result <==> (size == 1 || size == 2 || size == 4 || size == 8); */
static bool bl_kcfg_size_ok(uint32_t size)
{
	return (size == 1U) || (size == 2U) || (size == 4U) || (size == 8U);
}

/* bl_out_e: the extern being filled, apart from the cursor, the object,
 * its bytes and the diagnostic (bl_kcfg_ok, what bl_kcfg_type finds: in
 * src/object.h). */
/*@ predicate bl_out_e{L}(struct bl_btf_cur *c, struct bl_kcfg_ext *e) =
      \valid(e) && \base_addr(e) != \base_addr(c) &&
      \base_addr(e) != \base_addr(c->obj->buf) &&
      \base_addr(e) != \base_addr(&bl_objects[0]) &&
      \base_addr(e) != \base_addr(&bl_diag_buf[0]);
 */

/* The kind and size of an extern of type `type` (libbpf's kcfg types). The
 * cursor is not used after it (no bl_cur_ok in the postcondition). */
/*@ requires bl_cur_ok(c) && bl_out_e(c, e);
    assigns c->it, c->pos, c->prev, c->id, e->size, e->is_signed, e->type;
    ensures \result == 0 || \result == -EINVAL || \result == -EOPNOTSUPP;
    ensures \result == 0 ==> bl_kcfg_ok(e);
 */
static int bl_kcfg_type(struct bl_btf_cur *c, uint32_t type,
			struct bl_kcfg_ext *e)
{
	struct bl_btf_type t;
	uint32_t w = 0U;
	uint32_t nelems = 0U;
	uint32_t size;
	uint8_t kt = BL_KCFG_INT;
	bool sgn = false;
	int r = -EOPNOTSUPP;
	size_t at;
	size_t n;

	if (bl_btf_skip_mods(c, type, &t) != 0) {
		return -EINVAL;
	}
	size = t.size_type;
	if (t.kind == BTF_KIND_ENUM) {
		if ((bl_btf_name(&c->b, t.name_off, &at, &n) == 0) &&
		    bl_streq(bl_cur_str(c, at, n), "libbpf_tristate")) {
			kt = BL_KCFG_TRISTATE;
		}
		sgn = t.kflag != 0U;
		if (bl_kcfg_size_ok(size)) {
			r = 0;
		}
	} else if (t.kind == BTF_KIND_INT) {
		uint32_t enc;

		if (bl_btf_word(&c->b, &t, 0U, &w) != 0) {
			return -EINVAL;
		}
		enc = (w >> 24U) & 15U; /* BTF_INT_ENCODING */
		if ((enc & 4U) != 0U) { /* BTF_INT_BOOL */
			kt = BL_KCFG_BOOL;
		} else if ((enc & 2U) != 0U) { /* BTF_INT_CHAR */
			kt = BL_KCFG_CHAR;
		} else {
			sgn = (enc & 1U) != 0U; /* BTF_INT_SIGNED */
		}
		if (bl_kcfg_size_ok(size) &&
		    ((kt == BL_KCFG_INT) || (size == 1U))) {
			r = 0;
		}
	} else if ((t.kind == BTF_KIND_ARRAY) &&
		   (bl_btf_word(&c->b, &t, 0U, &w) == 0) &&
		   (bl_btf_word(&c->b, &t, 2U, &nelems) == 0) &&
		   (bl_btf_skip_mods(c, w, &t) == 0) &&
		   (t.kind == BTF_KIND_INT) && (t.size_type == 1U) &&
		   (nelems > 0U) && (nelems <= 0x7fffffffU)) {
		kt = BL_KCFG_STR;
		size = nelems;
		r = 0;
	} else {
		/* not a .kconfig type */
	}
	/*@ assert r == 0 ==> 1 <= size <= 0x7fffffff; */
	e->size = size;
	e->is_signed = sgn;
	e->type = kt;
	return r;
}

/* The offset of an extern at or after next_off aligned to align (a power
 * of two); next_off <= BPFLINK_KCONFIG_SIZE. */
/*@ requires next_off <= BPFLINK_KCONFIG_SIZE && 1 <= align <= 8;
    assigns \nothing;
    ensures next_off <= \result <= next_off + 7;
 */
static uint32_t bl_kcfg_align(uint32_t next_off, uint32_t align)
{
	uint32_t rem = next_off % align;

	return (rem == 0U) ? next_off : (next_off + (align - rem));
}

/* Extern pos of the DATASEC, placed at or after start: 1 and *e filled,
 * 0 past the last, -errno (diagnostic recorded). */
/*@ requires bl_obj_bytes(obj) && \valid(e);
    requires \base_addr(e) != \base_addr(obj->buf) &&
             \base_addr(e) != \base_addr(&bl_objects[0]) &&
             \base_addr(e) != \base_addr(&bl_diag_buf[0]);
    assigns *e, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 1 || \result == 0 || \result < 0;
    ensures \result == 1 ==> bl_cstr((char *)e->name) &&
            \base_addr(e->name) == \base_addr(obj->buf);
    ensures \result == 1 ==> start <= e->off &&
            e->off + e->size <= BPFLINK_KCONFIG_SIZE;
    ensures \result == 1 ==> bl_kcfg_ok(e);
 */
static int bl_kcfg_at(struct bpf_object *obj, uint32_t pos, uint32_t start,
		      struct bl_kcfg_ext *e)
{
	/* the DATASEC's name ".kconfig" */
	static const uint8_t bl_dsec_kconfig[8] = { 0x2eU, 0x6bU, 0x63U, 0x6fU,
						    0x6eU, 0x66U, 0x69U, 0x67U };
	struct bl_btf_cur cur;
	struct bl_btf_type ds;
	struct bl_btf_type v;
	const char *name;
	uint32_t dsid = 0U;
	uint32_t vid = 0U;
	uint32_t align;
	uint32_t off;
	size_t at;
	size_t n;
	int err;

	if ((bl_btf_cur_init(obj, &cur) != 0) ||
	    (bl_btf_find(&cur.b, bl_dsec_kconfig, sizeof(bl_dsec_kconfig),
			 BTF_KIND_DATASEC, &dsid) != 0) ||
	    (bl_btf_at(&cur, dsid, &ds) != 0) || (pos >= ds.vlen)) {
		return 0;
	}
	if ((bl_btf_word(&cur.b, &ds, 3U * pos, &vid) != 0) ||
	    (bl_btf_at(&cur, vid, &v) != 0) || (v.kind != BTF_KIND_VAR) ||
	    (bl_btf_name(&cur.b, v.name_off, &at, &n) != 0) || (n == 0U)) {
		return bl_diag(-EINVAL, "bad .kconfig variable in .BTF", NULL,
			       NULL);
	}
	name = bl_cur_str(&cur, at, n);
	err = bl_kcfg_type(&cur, v.size_type, e);
	if (err != 0) {
		return bl_diag(err, "extern ", name,
			       ": type not usable for .kconfig (bool, char, "
			       "tristate, integer or char array)");
	}
	if (start > (uint32_t)BPFLINK_KCONFIG_SIZE) {
		return bl_diag(-E2BIG, ".kconfig externs do not fit "
			       "BPFLINK_KCONFIG_SIZE", NULL, NULL);
	}
	align = ((e->type == BL_KCFG_INT) || (e->type == BL_KCFG_TRISTATE))
			? e->size
			: 1U;
	off = bl_kcfg_align(start, align);
	if ((off > (uint32_t)BPFLINK_KCONFIG_SIZE) ||
	    (e->size > ((uint32_t)BPFLINK_KCONFIG_SIZE - off))) {
		return bl_diag(-E2BIG, ".kconfig externs do not fit "
			       "BPFLINK_KCONFIG_SIZE", NULL, NULL);
	}
	e->name = name;
	e->off = off;
	return 1;
}

int bl_kcfg_next(struct bpf_object *obj, uint32_t *pos, uint32_t *next_off,
		 struct bl_kcfg_ext *e)
{
	int r = bl_kcfg_at(obj, *pos, *next_off, e);

	if (r == 1) {
		*next_off = e->off + e->size;
		(*pos)++;
	}
	return r;
}

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

/* A BTF with a one-entry lookup cache. */
struct bl_btf_cur {
	struct bl_btf b;
	struct bl_btf_iter it;
	struct bl_btf_type last;
};

static int bl_btf_at(struct bl_btf_cur *c, uint32_t id, struct bl_btf_type *t)
{
	if (id == 0U) {
		return -EINVAL;
	}
	if (c->it.id >= id) {
		if ((c->last.id == id) && (c->it.id == id)) {
			*t = c->last;
			return 0;
		}
		c->it.pos = 0U;
		c->it.id = 0U;
	}
	while (bl_btf_next(&c->b, &c->it, &c->last) == 1) {
		if (c->last.id == id) {
			*t = c->last;
			return 0;
		}
	}
	c->it.pos = 0U;
	c->it.id = 0U;
	return -EINVAL;
}

/* The object's .BTF in *c (0), or -EINVAL. */
static int bl_btf_cur_init(const struct bpf_object *obj, struct bl_btf_cur *c)
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
	c->last.id = 0U;
	return 0;
}

/* Skip typedefs and qualifiers. */
static int bl_btf_skip_mods(struct bl_btf_cur *c, uint32_t id,
			    struct bl_btf_type *t)
{
	uint32_t cur = id;

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

static int bl_btf_size(struct bl_btf_cur *c, uint32_t id, uint32_t *size)
{
	struct bl_btf_type t;
	uint64_t mult = 1U;
	uint32_t cur = id;
	uint32_t w;

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

/* One member `name` of a map definition struct. */
static int bl_map_member(struct bl_btf_cur *c, struct bpf_map *m,
			 const char *name, uint32_t type)
{
	struct bl_btf_type t;
	struct bl_btf_type a;
	uint32_t nelems = 0U;
	uint32_t size;
	uint32_t *u = NULL;

	if ((bl_btf_skip_mods(c, type, &t) != 0) || (t.kind != BTF_KIND_PTR)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": definition member is not a pointer");
	}
	if (bl_streq(name, "key") || bl_streq(name, "value")) {
		if (bl_btf_size(c, t.size_type, &size) != 0) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": cannot size key/value type");
		}
		if (bl_streq(name, "key")) {
			m->key_size = size;
			m->btf_key_type_id = t.size_type;
		} else {
			m->value_size = size;
			m->btf_value_type_id = t.size_type;
		}
		return 0;
	}
	if ((bl_btf_skip_mods(c, t.size_type, &a) != 0) ||
	    (a.kind != BTF_KIND_ARRAY) ||
	    (bl_btf_word(&c->b, &a, 2U, &nelems) != 0)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": bad __uint() member");
	}
	if (bl_streq(name, "type")) {
		u = &m->type;
	} else if (bl_streq(name, "max_entries")) {
		u = &m->max_entries;
	} else if (bl_streq(name, "map_flags")) {
		u = &m->map_flags;
	} else if (bl_streq(name, "numa_node")) {
		u = &m->numa_node;
	} else if (bl_streq(name, "key_size")) {
		u = &m->key_size;
	} else if (bl_streq(name, "value_size")) {
		u = &m->value_size;
	} else if (bl_streq(name, "pinning")) {
		u = &m->pinning;
	} else if (bl_streq(name, "map_extra")) {
		m->map_extra = nelems;
	} else {
		return bl_diag(-EOPNOTSUPP, "map ", m->real_name,
			       ": unknown definition member");
	}
	if (u != NULL) {
		*u = nelems;
	}
	return 0;
}

bool bl_map_type_is_mim(uint32_t type)
{
	return (type == (uint32_t)BPF_MAP_TYPE_ARRAY_OF_MAPS) ||
	       (type == (uint32_t)BPF_MAP_TYPE_HASH_OF_MAPS);
}

/* `__array(values, T)`, the last member (at bit offset bits): T a struct
 * (the inner map of a map-in-map: its type id in *inner) or a function (a
 * program array). */
static int bl_map_values(struct bl_btf_cur *c, struct bpf_map *m,
			 uint32_t type, uint32_t bits, bool last,
			 uint32_t *inner)
{
	struct bl_btf_type t;
	uint32_t nelems = 1U;
	uint32_t elem = 0U;
	bool mim = bl_map_type_is_mim(m->type);
	bool progs = m->type == (uint32_t)BPF_MAP_TYPE_PROG_ARRAY;

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
	if ((bl_btf_skip_mods(c, type, &t) != 0) ||
	    (t.kind != BTF_KIND_ARRAY) ||
	    (bl_btf_word(&c->b, &t, 0U, &elem) != 0) ||
	    (bl_btf_word(&c->b, &t, 2U, &nelems) != 0) || (nelems != 0U) ||
	    (bl_btf_skip_mods(c, elem, &t) != 0) || (t.kind != BTF_KIND_PTR) ||
	    (bl_btf_skip_mods(c, t.size_type, &t) != 0) ||
	    ((bits % 8U) != 0U) || (bits == 0U)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": `values` is not a flexible array of pointers");
	}
	m->value_size = 4U;
	m->values_off = bits / 8U;
	if (progs) {
		return (t.kind == BTF_KIND_FUNC_PROTO)
			       ? 0
			       : bl_diag(-EINVAL, "map ", m->real_name,
					 ": program array values are not functions");
	}
	if (t.kind != BTF_KIND_STRUCT) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": map-in-map values are not map definitions");
	}
	*inner = t.id;
	return 0;
}

/* The definition of m from the struct var_type; *inner the type id of a
 * map-in-map's inner definition (0 when none). */
static int bl_map_from_btf(struct bl_btf_cur *c, struct bpf_map *m,
			   uint32_t var_type, uint32_t *inner)
{
	struct bl_btf_type st;
	uint32_t name_off;
	uint32_t mtype;
	uint32_t bits;
	size_t at;
	size_t n;

	if ((bl_btf_skip_mods(c, var_type, &st) != 0) ||
	    (st.kind != BTF_KIND_STRUCT)) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": definition is not a struct");
	}
	for (uint32_t i = 0U; i < st.vlen; i++) {
		const char *mname;
		int err;

		if ((bl_btf_word(&c->b, &st, 3U * i, &name_off) != 0) ||
		    (bl_btf_word(&c->b, &st, (3U * i) + 1U, &mtype) != 0) ||
		    (bl_btf_word(&c->b, &st, (3U * i) + 2U, &bits) != 0) ||
		    (bl_btf_name(&c->b, name_off, &at, &n) != 0)) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": bad BTF member");
		}
		mname = (const char *)&c->b.buf[at];
		if (bl_streq(mname, "values")) {
			err = bl_map_values(c, m, mtype, bits & 0xffffffU,
					    (i + 1U) == st.vlen, inner);
		} else {
			err = bl_map_member(c, m, mname, mtype);
		}
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

void bl_map_set_kname(struct bpf_map *m, const char *pfx, size_t pfx_len,
		      const char *sfx)
{
	size_t n = 0U;

	for (size_t i = 0U; (i < pfx_len) && ((n + 1U) < sizeof(m->name));
	     i++) {
		m->name[n] = pfx[i];
		n++;
	}
	for (size_t i = 0U; (sfx[i] != '\0') && ((n + 1U) < sizeof(m->name));
	     i++) {
		m->name[n] = sfx[i];
		n++;
	}
	m->name[n] = '\0';
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

/* The inner template of map-in-map m from the struct elem (libbpf's:
 * named "<outer>.inner", created at load only to give the outer map its
 * inner_map_fd). */
static int bl_map_inner_def(struct bl_btf_cur *c, struct bpf_map *m,
			    uint32_t elem)
{
	struct bpf_map *in = bl_map_alloc_inner(m->obj);
	uint32_t nested = 0U;
	int err;

	if (in == NULL) {
		return -ENOSPC;
	}
	m->inner = (uint16_t)in->index;
	in->is_inner = true;
	in->kind = BL_MAP_BTF;
	in->shndx = m->shndx;
	bl_map_set_kname(in, m->real_name, bl_cstrlen(m->real_name), ".inner");
	in->real_name = in->name;
	err = bl_map_from_btf(c, in, elem, &nested);
	if ((err == 0) && (nested != 0U)) {
		err = bl_diag(-EOPNOTSUPP, "map ", m->real_name,
			      ": inner maps of inner maps not supported");
	}
	if ((err == 0) && (in->pinning != (uint32_t)LIBBPF_PIN_NONE)) {
		err = bl_diag(-EINVAL, "map ", m->real_name,
			      ": an inner map cannot be pinned");
	}
	return err;
}

static int bl_map_pin_by_name(struct bpf_object *obj, struct bpf_map *m)
{
	size_t n = bl_strlcpy(m->pin_path, obj->pin_root, sizeof(m->pin_path));
	size_t k = bl_cstrlen(m->real_name);

	if ((n + 1U + k + 1U) > sizeof(m->pin_path)) {
		m->pin_path[0] = '\0';
		return bl_diag(-ENAMETOOLONG, "map ", m->real_name,
			       ": pin path too long (BPFLINK_PIN_PATH_MAX)");
	}
	m->pin_path[n] = '/';
	n++;
	(void)bl_strlcpy(&m->pin_path[n], m->real_name,
			 sizeof(m->pin_path) - n);
	return 0;
}

/* The symbol of section shndx named name: its value in *off, its size in
 * *size. */
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
		if (bl_streq(bl_obj_str(obj, at), name)) {
			*off = sym.value;
			*size = sym.size;
			return 0;
		}
	}
	return -ENOENT;
}

/* BTF-defined maps, in the order of the ".maps" DATASEC (libbpf's). */
static int bl_btf_maps(struct bpf_object *obj, uint32_t shndx)
{
	struct bl_btf_cur cur;
	struct bl_btf_type ds;
	struct bl_btf_type v;
	struct bpf_map *m;
	uint32_t dsid = 0U;
	uint32_t inner;
	uint32_t vid;
	size_t at;
	size_t n;

	if (obj->btf_shndx == 0U) {
		return bl_diag(-EINVAL, ".maps without .BTF", NULL, NULL);
	}
	if (bl_btf_cur_init(obj, &cur) != 0) {
		return bl_diag(-EINVAL, "bad .BTF header", NULL, NULL);
	}
	if ((bl_btf_find(&cur.b, (const uint8_t *)".maps", 5U, BTF_KIND_DATASEC,
			 &dsid) != 0) ||
	    (bl_btf_at(&cur, dsid, &ds) != 0)) {
		return bl_diag(-EINVAL, "no .maps DATASEC in .BTF", NULL, NULL);
	}
	for (uint32_t i = 0U; i < ds.vlen; i++) {
		int err;

		if ((bl_btf_word(&cur.b, &ds, 3U * i, &vid) != 0) ||
		    (bl_btf_at(&cur, vid, &v) != 0) ||
		    (v.kind != BTF_KIND_VAR) ||
		    (bl_btf_name(&cur.b, v.name_off, &at, &n) != 0) ||
		    (n == 0U)) {
			return bl_diag(-EINVAL, "bad .maps variable in .BTF", NULL,
				       NULL);
		}
		m = bl_map_alloc(obj);
		if (m == NULL) {
			return -ENOSPC;
		}
		m->kind = BL_MAP_BTF;
		m->shndx = shndx;
		m->real_name = (const char *)&cur.b.buf[at];
		bl_map_set_kname(m, "", 0U, m->real_name);
		if (bl_sym_off(obj, shndx, m->real_name, &m->sec_off,
			       &m->sec_size) != 0) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": no symbol in .maps");
		}
		inner = 0U;
		err = bl_map_from_btf(&cur, m, v.size_type, &inner);
		if ((err == 0) && (inner != 0U)) {
			err = bl_map_inner_def(&cur, m, inner);
		}
		if ((err == 0) &&
		    (m->pinning == (uint32_t)LIBBPF_PIN_BY_NAME)) {
			err = bl_map_pin_by_name(obj, m);
		} else if ((err == 0) &&
			   (m->pinning > (uint32_t)LIBBPF_PIN_BY_NAME)) {
			err = bl_diag(-EINVAL, "map ", m->real_name,
				      ": unknown pinning");
		} else {
			/* LIBBPF_PIN_NONE, or err already set */
		}
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* Legacy maps: the symbols of "maps", each definition sh_size / count. */
static int bl_legacy_maps(struct bpf_object *obj, uint32_t shndx)
{
	struct bl_elf_shdr st;
	struct bl_elf_shdr sh;
	struct bl_elf_sym sym;
	struct bpf_map *m;
	uint64_t nsyms;
	uint64_t per;
	uint64_t count = 0U;
	size_t at;
	size_t n;

	if ((bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) ||
	    (bl_elf_shdr(&obj->elf, shndx, &sh) != 0)) {
		return -EINVAL;
	}
	nsyms = st.size / BL_ELF_SYM_SIZE;
	for (uint64_t i = 1U; i < nsyms; i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return -EINVAL;
		}
		if ((sym.shndx == shndx) &&
		    ((sym.info & 15U) != BL_STT_SECTION)) {
			count++;
		}
	}
	if (count == 0U) {
		return 0;
	}
	per = sh.size / count;
	if ((per < 16U) || (sh.type == BL_SHT_NOBITS)) {
		return bl_diag(-EINVAL, "legacy maps section: definitions "
			       "smaller than 16 bytes", NULL, NULL);
	}
	for (uint64_t i = 1U; i < nsyms; i++) {
		const uint8_t *d;
		uint32_t f[5] = {0U, 0U, 0U, 0U, 0U};

		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return -EINVAL;
		}
		if ((sym.shndx != shndx) ||
		    ((sym.info & 15U) == BL_STT_SECTION)) {
			continue;
		}
		if (bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &at, &n) !=
		    0) {
			return bl_diag(-EINVAL, "bad map symbol name", NULL, NULL);
		}
		m = bl_map_alloc(obj);
		if (m == NULL) {
			return -ENOSPC;
		}
		m->kind = BL_MAP_LEGACY;
		m->shndx = shndx;
		m->sec_off = sym.value;
		m->real_name = bl_obj_str(obj, at);
		bl_map_set_kname(m, "", 0U, m->real_name);
		if ((sym.value > sh.size) || (per > (sh.size - sym.value))) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": definition outside maps section");
		}
		d = &obj->buf[sh.offset + sym.value];
		for (uint32_t k = 0U; (k < 5U) && (((k * 4U) + 4U) <= per);
		     k++) {
			uint32_t b = 4U * k;

			f[k] = (uint32_t)d[b] | ((uint32_t)d[b + 1U] << 8U) |
			       ((uint32_t)d[b + 2U] << 16U) |
			       ((uint32_t)d[b + 3U] << 24U);
		}
		m->type = f[0];
		m->key_size = f[1];
		m->value_size = f[2];
		m->max_entries = f[3];
		m->map_flags = f[4];
	}
	return 0;
}

bool bl_is_data_sec(const char *name, uint8_t *kind)
{
	static const struct {
		const char *name;
		uint8_t kind;
	} secs[] = {
		{ ".data", BL_MAP_DATA },
		{ ".rodata", BL_MAP_RODATA },
		{ ".bss", BL_MAP_BSS },
	};

	for (uint32_t i = 0U; i < 3U; i++) {
		size_t n = bl_cstrlen(secs[i].name);

		if (bl_has_prefix(name, secs[i].name) &&
		    ((name[n] == '\0') || (name[n] == '.'))) {
			*kind = secs[i].kind;
			return true;
		}
	}
	return false;
}

static int bl_data_map(struct bpf_object *obj, uint32_t i,
		       const struct bl_elf_shdr *sh, const char *name,
		       uint8_t kind)
{
	struct bpf_map *m = bl_map_alloc(obj);
	size_t pfx = 0U;
	size_t n = bl_cstrlen(obj->name);
	bool dotted = false;

	if (m == NULL) {
		return -ENOSPC;
	}
	if (sh->size > UINT32_MAX) {
		return bl_diag(-E2BIG, "data section ", name, " too large");
	}
	m->kind = kind;
	m->shndx = i;
	m->real_name = name;
	m->type = BPF_MAP_TYPE_ARRAY;
	m->key_size = 4U;
	m->value_size = (uint32_t)sh->size;
	m->max_entries = 1U;
	m->map_flags = BPF_F_MMAPABLE;
	if (kind == BL_MAP_RODATA) {
		m->map_flags |= BPF_F_RDONLY_PROG;
		m->frozen_ro = true;
	}
	if (kind != BL_MAP_BSS) {
		m->init = &obj->buf[sh->offset];
	}
	/* libbpf: "<obj name up to 8 chars><section>" unless the section name
	 * has a second '.', e.g. .rodata.str1.1, which is used alone. */
	for (size_t k = 1U; name[k] != '\0'; k++) {
		dotted = dotted || (name[k] == '.');
	}
	if (!dotted) {
		size_t sfx = (bl_cstrlen(name) < 7U) ? 7U : bl_cstrlen(name);

		pfx = (sfx < 15U) ? ((16U - 1U) - sfx) : 0U;
		if (pfx > n) {
			pfx = n;
		}
		if (pfx > 8U) {
			pfx = 8U;
		}
	}
	bl_map_set_kname(m, obj->name, pfx, name);
	return 0;
}

int bl_obj_collect_maps(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	const char *name;
	uint8_t kind;
	int err;

	if (obj->maps_shndx != 0U) {
		err = bl_btf_maps(obj, obj->maps_shndx);
		if (err != 0) {
			return err;
		}
	}
	if (obj->legacy_maps_shndx != 0U) {
		err = bl_legacy_maps(obj, obj->legacy_maps_shndx);
		if (err != 0) {
			return err;
		}
	}
	for (uint32_t i = 1U; i < obj->elf.shnum; i++) {
		if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
			return -EINVAL;
		}
		if (((sh.type != BL_SHT_PROGBITS) &&
		     (sh.type != BL_SHT_NOBITS)) ||
		    ((sh.flags & BL_SHF_EXECINSTR) != 0U) || (sh.size == 0U)) {
			continue;
		}
		name = bl_obj_sec_name(obj, i);
		if ((name == NULL) || !bl_is_data_sec(name, &kind)) {
			continue;
		}
		if ((kind == BL_MAP_BSS) != (sh.type == BL_SHT_NOBITS)) {
			continue;
		}
		err = bl_data_map(obj, i, &sh, name, kind);
		if (err != 0) {
			return err;
		}
	}
	err = bl_obj_kconfig_collect(obj);
	if (err != 0) {
		return err;
	}
	return bl_obj_map_slots(obj, false, false);
}

struct bpf_map *bl_obj_map_at(struct bpf_object *obj, uint32_t shndx,
			      uint64_t off)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj) {
		if (m->shndx != shndx) {
			continue;
		}
		if ((m->kind >= BL_MAP_DATA) || (m->sec_off == off)) {
			return m;
		}
	}
	return NULL;
}

/* ---- initial slots of map-in-map and program arrays --------------------- */

/* The BTF-defined map whose definition symbol covers byte off of .maps. */
static struct bpf_map *bl_map_holding(struct bpf_object *obj, uint64_t off)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj) {
		if ((m->kind == BL_MAP_BTF) && (off >= m->sec_off) &&
		    ((off - m->sec_off) < m->sec_size)) {
			return m;
		}
	}
	return NULL;
}

/* The program that starts at byte off of section shndx. */
static struct bpf_program *bl_prog_at(struct bpf_object *obj, uint32_t shndx,
				      uint64_t off)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj) {
		if ((p->shndx == shndx) && (((uint64_t)p->insn_off * 8U) == off)) {
			return p;
		}
	}
	return NULL;
}

/* One relocation of .maps: slot `slot` of m holds map t or program p. */
static int bl_map_slot(struct bpf_object *obj, const struct bl_elf_rel *r,
		       bool apply, bool progs)
{
	struct bl_elf_sym sym;
	struct bpf_map *m = bl_map_holding(obj, r->offset);
	struct bpf_map *t = NULL;
	struct bpf_program *p = NULL;
	uint64_t at;
	uint32_t slot;
	int fd;
	int err;

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
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": bad `values` slot relocation");
	}
	slot = (uint32_t)((at - m->values_off) / 8U);
	if (m->type == (uint32_t)BPF_MAP_TYPE_PROG_ARRAY) {
		p = bl_prog_at(obj, sym.shndx, sym.value);
		if (p == NULL) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": a `values` slot names no program");
		}
	} else {
		if ((sym.shndx == obj->maps_shndx) && (sym.shndx != 0U)) {
			t = bl_obj_map_at(obj, sym.shndx, sym.value);
		}
		if (t == NULL) {
			return bl_diag(-EINVAL, "map ", m->real_name,
				       ": a `values` slot names no map");
		}
	}
	/* only into maps this load created (not reused, not pinned before) */
	if (!apply || (progs != (p != NULL)) || (m->fd < 0) || m->reused) {
		return 0;
	}
	fd = (p != NULL) ? p->fd : t->fd;
	if (fd < 0) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": a `values` slot names a map or program not "
			       "loaded (autocreate / autoload off)");
	}
	err = bpf_map_update_elem(m->fd, &slot, &fd, 0U);
	if (err != 0) {
		return bl_diag(err, "map ", m->real_name,
			       ": setting a `values` slot failed");
	}
	return 0;
}

int bl_obj_map_slots(struct bpf_object *obj, bool apply, bool progs)
{
	struct bl_elf_shdr sh;
	struct bl_elf_rel r;

	if (obj->maps_shndx == 0U) {
		return 0;
	}
	for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
		if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
			return -EINVAL;
		}
		if ((sh.type != BL_SHT_REL) || (sh.info != obj->maps_shndx)) {
			continue;
		}
		if (sh.link != obj->symtab) {
			return bl_diag(-EINVAL, ".maps relocations not against the "
				       "symbol table", NULL, NULL);
		}
		for (uint64_t i = 0U; i < (sh.size / BL_ELF_REL_SIZE); i++) {
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

static bool bl_kcfg_size_ok(uint32_t size)
{
	return (size == 1U) || (size == 2U) || (size == 4U) || (size == 8U);
}

/* The kind and size of an extern of type `type` (libbpf's kcfg types). */
static int bl_kcfg_type(struct bl_btf_cur *c, uint32_t type,
			struct bl_kcfg_ext *e)
{
	struct bl_btf_type t;
	uint32_t w = 0U;
	uint32_t nelems = 0U;
	size_t at;
	size_t n;

	if (bl_btf_skip_mods(c, type, &t) != 0) {
		return -EINVAL;
	}
	e->size = t.size_type;
	e->is_signed = false;
	e->type = BL_KCFG_INT;
	if (t.kind == BTF_KIND_ENUM) {
		if ((bl_btf_name(&c->b, t.name_off, &at, &n) == 0) &&
		    bl_streq((const char *)&c->b.buf[at], "libbpf_tristate")) {
			e->type = BL_KCFG_TRISTATE;
		}
		e->is_signed = t.kflag != 0U;
		return bl_kcfg_size_ok(e->size) ? 0 : -EOPNOTSUPP;
	}
	if (t.kind == BTF_KIND_INT) {
		uint32_t enc;

		if (bl_btf_word(&c->b, &t, 0U, &w) != 0) {
			return -EINVAL;
		}
		enc = (w >> 24U) & 15U; /* BTF_INT_ENCODING */
		if ((enc & 4U) != 0U) { /* BTF_INT_BOOL */
			e->type = BL_KCFG_BOOL;
		} else if ((enc & 2U) != 0U) { /* BTF_INT_CHAR */
			e->type = BL_KCFG_CHAR;
		} else {
			e->is_signed = (enc & 1U) != 0U; /* BTF_INT_SIGNED */
		}
		return (bl_kcfg_size_ok(e->size) &&
			((e->type == BL_KCFG_INT) || (e->size == 1U)))
			       ? 0
			       : -EOPNOTSUPP;
	}
	if ((t.kind == BTF_KIND_ARRAY) &&
	    (bl_btf_word(&c->b, &t, 0U, &w) == 0) &&
	    (bl_btf_word(&c->b, &t, 2U, &nelems) == 0) &&
	    (bl_btf_skip_mods(c, w, &t) == 0) && (t.kind == BTF_KIND_INT) &&
	    (t.size_type == 1U) && (nelems > 0U) && (nelems <= 0x7fffffffU)) {
		e->type = BL_KCFG_STR;
		e->size = nelems;
		return 0;
	}
	return -EOPNOTSUPP;
}

int bl_kcfg_next(struct bpf_object *obj, uint32_t *pos, uint32_t *next_off,
		 struct bl_kcfg_ext *e)
{
	struct bl_btf_cur cur;
	struct bl_btf_type ds;
	struct bl_btf_type v;
	uint32_t dsid = 0U;
	uint32_t vid = 0U;
	uint32_t align;
	uint32_t off;
	size_t at;
	size_t n;
	int err;

	if ((bl_btf_cur_init(obj, &cur) != 0) ||
	    (bl_btf_find(&cur.b, (const uint8_t *)".kconfig", 8U,
			 BTF_KIND_DATASEC, &dsid) != 0) ||
	    (bl_btf_at(&cur, dsid, &ds) != 0) || (*pos >= ds.vlen)) {
		return 0;
	}
	if ((bl_btf_word(&cur.b, &ds, 3U * *pos, &vid) != 0) ||
	    (bl_btf_at(&cur, vid, &v) != 0) || (v.kind != BTF_KIND_VAR) ||
	    (bl_btf_name(&cur.b, v.name_off, &at, &n) != 0) || (n == 0U)) {
		return bl_diag(-EINVAL, "bad .kconfig variable in .BTF", NULL,
			       NULL);
	}
	{
		struct bl_elf_shdr st;

		(void)bl_elf_shdr(&obj->elf, obj->btf_shndx, &st); /* checked */
		e->name = bl_obj_str(obj, (size_t)st.offset + at);
	}
	err = bl_kcfg_type(&cur, v.size_type, e);
	if (err != 0) {
		return bl_diag(err, "extern ", e->name,
			       ": type not usable for .kconfig (bool, char, "
			       "tristate, integer or char array)");
	}
	align = ((e->type == BL_KCFG_INT) || (e->type == BL_KCFG_TRISTATE))
			? e->size
			: 1U;
	off = ((*next_off + align) - 1U) & ~(align - 1U);
	if ((*next_off > (uint32_t)BPFLINK_KCONFIG_SIZE) ||
	    (off > (uint32_t)BPFLINK_KCONFIG_SIZE) ||
	    (e->size > ((uint32_t)BPFLINK_KCONFIG_SIZE - off))) {
		return bl_diag(-E2BIG, ".kconfig externs do not fit "
			       "BPFLINK_KCONFIG_SIZE", NULL, NULL);
	}
	e->off = off;
	*next_off = off + e->size;
	(*pos)++;
	return 1;
}

/* Bounded BTF reader (see btf.h). Pure: no system calls, no globals, no
 * allocation; proved by proofs/prove_readers.sh. */
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>
#include <linux/btf.h>

#include "btf.h"

/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing; */
static inline uint32_t bl_btf_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8U) |
	       ((uint32_t)p[2] << 16U) | ((uint32_t)p[3] << 24U);
}

int bl_btf_init(struct bl_btf *b, const uint8_t *buf, size_t len)
{
	uint64_t hdr_len;
	uint64_t type_off;
	uint64_t type_len;
	uint64_t str_off;
	uint64_t str_len;
	uint64_t dlen;

	if (len < BL_BTF_HDR_SIZE) {
		return -ENOEXEC;
	}
	if ((buf[0] != 0x9fU) || (buf[1] != 0xebU) || (buf[2] != 1U)) {
		return -ENOEXEC; /* magic 0xeB9F little-endian, version 1 */
	}
	hdr_len = bl_btf_rd32(&buf[4]);
	type_off = bl_btf_rd32(&buf[8]);
	type_len = bl_btf_rd32(&buf[12]);
	str_off = bl_btf_rd32(&buf[16]);
	str_len = bl_btf_rd32(&buf[20]);

	if ((hdr_len < BL_BTF_HDR_SIZE) || (hdr_len > len)) {
		return -EINVAL;
	}
	dlen = len - hdr_len;
	if ((type_off > dlen) || (type_len > (dlen - type_off)) ||
	    (str_off > dlen) || (str_len > (dlen - str_off))) {
		return -EINVAL;
	}
	/* Records are whole 4-byte multiples; types come before strings. */
	if (((type_off % 4U) != 0U) || ((type_len % 4U) != 0U) ||
	    ((type_off + type_len) > str_off)) {
		return -EINVAL;
	}
	/* The empty name at offset 0, and a NUL that ends the last name. */
	if ((str_len == 0U) || (buf[hdr_len + str_off] != 0U) ||
	    (buf[(hdr_len + str_off + str_len) - 1U] != 0U)) {
		return -EINVAL;
	}

	b->buf = buf;
	b->len = len;
	b->type_off = hdr_len + type_off;
	b->type_len = type_len;
	b->str_off = hdr_len + str_off;
	b->str_len = str_len;
	return 0;
}

/* Bytes of kind-specific data after the btf_type, or -1 for an unknown
 * kind. */
/*@ assigns \nothing;
    ensures -1 <= \result <= 12 * 65535; */
static inline int32_t bl_btf_extra(uint32_t kind, uint32_t vlen)
{
	uint32_t bytes;

	if (vlen > 0xffffU) {
		return -1;
	}
	switch (kind) {
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:	/* vlen is the linkage */
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_INT:	/* encoding word */
	case BTF_KIND_VAR:	/* struct btf_var */
	case BTF_KIND_DECL_TAG:	/* struct btf_decl_tag */
		return 4;
	case BTF_KIND_ARRAY:	/* struct btf_array */
		return 12;
	case BTF_KIND_STRUCT:	/* struct btf_member[vlen] */
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:	/* struct btf_var_secinfo[vlen] */
	case BTF_KIND_ENUM64:	/* struct btf_enum64[vlen] */
		bytes = vlen * 12U;
		return (int32_t)bytes;
	case BTF_KIND_ENUM:	/* struct btf_enum[vlen] */
	case BTF_KIND_FUNC_PROTO: /* struct btf_param[vlen] */
		bytes = vlen * 8U;
		return (int32_t)bytes;
	default:
		return -1;
	}
}

int bl_btf_next(const struct bl_btf *b, struct bl_btf_iter *it,
		struct bl_btf_type *t)
{
	const uint8_t *p;
	uint64_t toff = b->type_off;
	uint64_t tlen = b->type_len;
	uint64_t pos = it->pos;
	uint32_t id = it->id;
	uint32_t info;
	int32_t extra;

	if ((toff > b->len) || (tlen > (b->len - toff))) {
		return -EINVAL;
	}
	if (pos >= tlen) {
		return 0;
	}
	if ((BL_BTF_TYPE_SIZE > (tlen - pos)) || (id == UINT32_MAX)) {
		return -EINVAL;
	}
	p = &b->buf[toff + pos];
	info = bl_btf_rd32(&p[4]);
	extra = bl_btf_extra((info >> 24U) & 0x1fU, info & 0xffffU);
	if ((extra < 0) ||
	    ((uint64_t)extra > ((tlen - pos) - BL_BTF_TYPE_SIZE))) {
		return -EINVAL;
	}
	t->id = id + 1U;
	t->name_off = bl_btf_rd32(p);
	t->info = info;
	t->size_type = bl_btf_rd32(&p[8]);
	t->vlen = (uint16_t)(info & 0xffffU);
	t->kind = (uint8_t)((info >> 24U) & 0x1fU);
	t->kflag = (uint8_t)(info >> 31U);
	t->off = toff + pos;
	t->rec_len = BL_BTF_TYPE_SIZE + (uint64_t)extra;
	it->pos = (pos + BL_BTF_TYPE_SIZE) + (uint64_t)extra;
	it->id = id + 1U;
	return 1;
}

int bl_btf_word(const struct bl_btf *b, const struct bl_btf_type *t,
		uint32_t word, uint32_t *v)
{
	uint64_t off = t->off;
	uint64_t rec = t->rec_len;

	if ((off > b->len) || (rec > (b->len - off)) ||
	    (rec < BL_BTF_TYPE_SIZE) ||
	    ((((uint64_t)word * 4U) + 4U) > (rec - BL_BTF_TYPE_SIZE))) {
		return -EINVAL;
	}
	*v = bl_btf_rd32(
		&b->buf[off + BL_BTF_TYPE_SIZE + ((uint64_t)word * 4U)]);
	return 0;
}

int bl_btf_name(const struct bl_btf *b, uint32_t off, size_t *at, size_t *n)
{
	uint64_t soff = b->str_off;
	uint64_t slen = b->str_len;
	uint64_t i;

	if ((soff > b->len) || (slen > (b->len - soff)) || (off >= slen)) {
		return -EINVAL;
	}
	/*@ loop invariant off <= i <= slen;
	    loop assigns i;
	    loop variant slen - i; */
	for (i = off; i < slen; i++) {
		if (b->buf[soff + i] == 0U) {
			*at = soff + off;
			*n = i - off;
			return 0;
		}
	}
	return -EINVAL;
}

/* 1 when the NUL-terminated string at offset off of the string section is
 * name[0 .. nlen-1], else 0. */
/*@ requires bl_btf_valid(b);
    requires \valid_read(name + (0 .. nlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1; */
static int bl_btf_name_eq(const struct bl_btf *b, uint32_t off,
			  const uint8_t *name, size_t nlen)
{
	uint64_t soff = b->str_off;
	uint64_t slen = b->str_len;
	size_t i;

	if ((soff > b->len) || (slen > (b->len - soff)) || (off >= slen) ||
	    (nlen >= (slen - off))) {
		return 0;
	}
	/*@ loop invariant 0 <= i <= nlen;
	    loop assigns i;
	    loop variant nlen - i; */
	for (i = 0; i < nlen; i++) {
		if (b->buf[soff + off + i] != name[i]) {
			return 0;
		}
	}
	return (b->buf[soff + off + nlen] == 0U) ? 1 : 0;
}

int bl_btf_find(const struct bl_btf *b, const uint8_t *name, size_t nlen,
		uint32_t kind, uint32_t *id)
{
	struct bl_btf_iter it;
	struct bl_btf_type t;

	it.pos = 0;
	it.id = 0;
	/*@ loop invariant it.pos <= b->type_len;
	    loop assigns it, t;
	    loop variant b->type_len - it.pos; */
	for (;;) {
		int r = bl_btf_next(b, &it, &t);

		if (r <= 0) {
			return (r == 0) ? -ENOENT : r;
		}
		if ((t.kind == kind) &&
		    (bl_btf_name_eq(b, t.name_off, name, nlen) != 0)) {
			*id = t.id;
			return 0;
		}
	}
}

int bl_btf_count(const struct bl_btf *b, uint32_t *nr)
{
	struct bl_btf_iter it;
	struct bl_btf_type t;

	it.pos = 0;
	it.id = 0;
	/*@ loop invariant it.pos <= b->type_len;
	    loop assigns it, t;
	    loop variant b->type_len - it.pos; */
	for (;;) {
		int r = bl_btf_next(b, &it, &t);

		if (r < 0) {
			return r;
		}
		if (r == 0) {
			*nr = it.id;
			return 0;
		}
	}
}

int bl_btf_index(const struct bl_btf *b, uint32_t *off, uint32_t cap,
		 uint32_t *nr)
{
	struct bl_btf_iter it;
	struct bl_btf_type t;
	uint32_t n = 0;

	if (b->type_len > UINT32_MAX) {
		return -EINVAL; /* a 32-bit field: a struct changed behind us */
	}
	it.pos = 0;
	it.id = 0;
	/*@ loop invariant it.pos <= b->type_len;
	    loop invariant n <= cap;
	    loop assigns it, t, n, off[0 .. cap - 1];
	    loop variant b->type_len - it.pos; */
	for (;;) {
		uint64_t pos = it.pos;
		int r = bl_btf_next(b, &it, &t);

		if (r < 0) {
			return r;
		}
		if (r == 0) {
			*nr = n;
			return 0;
		}
		if (t.id > cap) {
			return -E2BIG;
		}
		off[t.id - 1U] = (uint32_t)pos;
		n = t.id;
	}
}

int bl_btf_type_at(const struct bl_btf *b, const uint32_t *off, uint32_t nr,
		   uint32_t id, struct bl_btf_type *t)
{
	struct bl_btf_iter it;
	int r;

	if ((id == 0U) || (id > nr)) {
		return -ENOENT;
	}
	it.pos = off[id - 1U];
	it.id = id - 1U;
	r = bl_btf_next(b, &it, t);
	if ((r != 1) || (t->id != id)) {
		return -EINVAL;
	}
	return 0;
}

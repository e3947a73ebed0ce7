/* Bounded reader of BTF (BPF Type Format) held in memory (untrusted).
 *
 * One reader for the whole library: tracing attach (fentry/fexit/tp_btf/
 * lsm) finds the id of a kernel function or tracepoint type in
 * /sys/kernel/btf/vmlinux with it, and the object loader walks the .BTF of
 * clang's BPF objects with it. No copy, no allocation: the type section is
 * walked in one pass, each record's size computed from its kind (every kind
 * up to BTF_KIND_ENUM64); bl_btf_index fills a caller's array with every
 * record's offset once, for lookups by id (bl_btf_type_at) without a walk. Little-endian BTF only (the magic
 * 0xeB9F stored as 9f eb).
 *
 * Every read is bounds-checked with overflow-free comparisons and every
 * field is assembled byte by byte (no alignment needed). Frama-C WP proves
 * the contracts below with -wp-rte for any input (proofs/prove_readers.sh).
 *
 * Errors (kernel values):
 *   -ENOEXEC  not BTF: bad magic or unknown version;
 *   -EINVAL   a lying header (hdr_len, section bounds, a type section that
 *             is not a whole number of records or overlaps the strings), a
 *             string section that does not start and end with NUL, a record
 *             of unknown kind or running past the end of the type section,
 *             a name that is not NUL-terminated inside the string section;
 *   -ENOENT   a lookup found nothing.
 *
 * Strings are returned as (absolute offset in buf, length): the bytes
 * buf[at .. at + n - 1] are the name and buf[at + n] is its NUL.
 */
#ifndef BPFLINK_BTF_H
#define BPFLINK_BTF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>

#define BL_BTF_HDR_SIZE 24u
#define BL_BTF_TYPE_SIZE 12u	/* struct btf_type */

struct bl_btf {
	const uint8_t *buf;
	size_t len;
	uint64_t type_off;	/* absolute offset of the type section */
	uint64_t type_len;
	uint64_t str_off;	/* absolute offset of the string section */
	uint64_t str_len;
};

/* A type record: the struct btf_type at buf[off], followed by
 * rec_len - 12 bytes of kind-specific data (members, params, ...). */
struct bl_btf_type {
	uint32_t id;		/* 1 for the first record; 0 is void */
	uint32_t name_off;
	uint32_t info;
	uint32_t size_type;	/* size or type, by kind */
	uint16_t vlen;
	uint8_t kind;		/* BTF_KIND_* */
	uint8_t kflag;
	uint64_t off;		/* absolute offset of the record in buf */
	uint64_t rec_len;	/* 12 + trailing data */
};

/* Walk position: start at {0, 0}; the loader may store one and resume. */
struct bl_btf_iter {
	uint64_t pos;		/* offset inside the type section */
	uint32_t id;		/* id of the last record returned */
};

/*@ predicate bl_btf_valid{L}(struct bl_btf *b) =
      \valid_read(b) && \valid_read(b->buf + (0 .. b->len - 1));
 */

/* Check the header of buf[0 .. len-1] and fill *b. */
/*@ requires \valid(b);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(b, buf + (0 .. len - 1));
    assigns *b;
    ensures \result == 0 || \result == -ENOEXEC || \result == -EINVAL;
    ensures \result == 0 ==> b->buf == buf && b->len == len;
    ensures \result == 0 ==> bl_btf_valid(b);
    ensures \result == 0 ==> b->type_off <= len &&
                             b->type_len <= len - b->type_off;
    ensures \result == 0 ==> b->str_off <= len &&
                             b->str_len <= len - b->str_off;
 */
int bl_btf_init(struct bl_btf *b, const uint8_t *buf, size_t len);

/* Next type record: 1 and *t filled, 0 at the end, -EINVAL on a record of
 * unknown kind or one running past the end of the type section. */
/*@ requires bl_btf_valid(b);
    requires \valid(it) && \valid(t) && \separated(it, t) &&
             \separated(it, b) && \separated(t, b) &&
             \separated(it, b->buf + (0 .. b->len - 1)) &&
             \separated(t, b->buf + (0 .. b->len - 1));
    assigns *it, *t;
    ensures \result == 1 || \result == 0 || \result == -EINVAL;
    ensures \result == 1 ==> \old(it->pos) < it->pos <= b->type_len;
    ensures \result == 1 ==> t->id >= 1 && t->id == it->id;
    ensures \result == 1 ==> t->off <= b->len &&
                             12 <= t->rec_len <= b->len - t->off;
 */
int bl_btf_next(const struct bl_btf *b, struct bl_btf_iter *it,
		struct bl_btf_type *t);

/* The word-th 32-bit word of the data that follows the btf_type of t
 * (e.g. member i of a struct is words 3i .. 3i+2). */
/*@ requires bl_btf_valid(b) && \valid_read(t);
    requires \valid(v) && \separated(v, b) &&
             \separated(v, b->buf + (0 .. b->len - 1));
    assigns *v;
    ensures \result == 0 || \result == -EINVAL;
 */
int bl_btf_word(const struct bl_btf *b, const struct bl_btf_type *t,
		uint32_t word, uint32_t *v);

/* String at offset off of the string section. */
/*@ requires bl_btf_valid(b);
    requires \valid(at) && \valid(n) && \separated(at, n) &&
             \separated(at, b) && \separated(n, b) &&
             \separated(at, b->buf + (0 .. b->len - 1)) &&
             \separated(n, b->buf + (0 .. b->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> *at <= b->len && *n < b->len - *at &&
                             b->buf[*at + *n] == 0;
 */
int bl_btf_name(const struct bl_btf *b, uint32_t off, size_t *at, size_t *n);

/* Id of the first type of kind `kind` named name[0 .. nlen-1], in one pass
 * over the type section (records after the match are not examined). */
/*@ requires bl_btf_valid(b);
    requires \valid_read(name + (0 .. nlen - 1));
    requires \valid(id) && \separated(id, b) &&
             \separated(id, b->buf + (0 .. b->len - 1));
    assigns *id;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
    ensures \result == 0 ==> *id >= 1;
 */
int bl_btf_find(const struct bl_btf *b, const uint8_t *name, size_t nlen,
		uint32_t kind, uint32_t *id);

/* Walk the whole type section once, checking every record: the number of
 * types in *nr, or -EINVAL. */
/*@ requires bl_btf_valid(b);
    requires \valid(nr) && \separated(nr, b) &&
             \separated(nr, b->buf + (0 .. b->len - 1));
    assigns *nr;
    ensures \result == 0 || \result == -EINVAL;
 */
int bl_btf_count(const struct bl_btf *b, uint32_t *nr);

/* An index of the type section, for lookups by id without a walk from the
 * start: off[k] is the offset inside the type section of type id k + 1, for
 * the *nr types (off[0 .. cap-1] is the caller's, e.g. a static arena).
 * -E2BIG when the section holds more than cap types, -EINVAL on a bad
 * record (as bl_btf_count). */
/*@ requires bl_btf_valid(b);
    requires \valid(off + (0 .. cap - 1));
    requires \valid(nr) && \separated(nr, b) && \separated(nr, off + (0 .. cap - 1)) &&
             \separated(nr, b->buf + (0 .. b->len - 1)) &&
             \separated(off + (0 .. cap - 1), b) &&
             \separated(off + (0 .. cap - 1), b->buf + (0 .. b->len - 1));
    assigns off[0 .. cap - 1], *nr;
    ensures \result == 0 || \result == -EINVAL || \result == -E2BIG;
    ensures \result == 0 ==> *nr <= cap;
 */
int bl_btf_index(const struct bl_btf *b, uint32_t *off, uint32_t cap,
		 uint32_t *nr);

/* Type id through an index bl_btf_index built on the same b: the record
 * bl_btf_next returns for it, checked as bl_btf_next checks it (an index
 * that lies gives -EINVAL, never a read outside the buffer); -ENOENT for
 * id 0 or an id past the index. */
/*@ requires bl_btf_valid(b);
    requires \valid_read(off + (0 .. nr - 1));
    requires \valid(t) && \separated(t, b) &&
             \separated(t, b->buf + (0 .. b->len - 1)) &&
             \separated(t, off + (0 .. nr - 1));
    assigns *t;
    ensures \result == 0 || \result == -EINVAL || \result == -ENOENT;
    ensures \result == 0 ==> t->id == id && t->off <= b->len &&
                             12 <= t->rec_len <= b->len - t->off;
 */
int bl_btf_type_at(const struct bl_btf *b, const uint32_t *off, uint32_t nr,
		   uint32_t id, struct bl_btf_type *t);

/* File-level helper (src/btf_vmlinux.c, uses the syscall seam; not proved):
 * the id of the type of kind `kind` named `name` in /sys/kernel/btf/vmlinux,
 * mapped with mmap(MAP_PRIVATE); when mapping fails and the caller gives a
 * buffer (buf, cap), the file is read into it instead. The mapping and the
 * fd are released on every path. Returns the id (> 0), or -errno: the
 * syscalls', -ENOENT (no such type), -EINVAL / -ENOEXEC (bad BTF), -E2BIG
 * (the file does not fit in buf). */
int bl_btf_vmlinux_find(const char *name, uint32_t kind, void *buf,
			size_t cap);

/* The same on any BTF file (tests, other paths). */
int bl_btf_file_find(const char *path, const char *name, uint32_t kind,
		     void *buf, size_t cap);

#endif

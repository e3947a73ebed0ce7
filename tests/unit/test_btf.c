/* BTF reader (src/btf.c) on a synthetic BTF blob holding one type of every
 * kind, then on lying versions of it: every lie gives -EINVAL or -ENOEXEC,
 * never a read outside the buffer. The file helper (src/btf_vmlinux.c)
 * through the fake seam: the read fallback and its faults leave no fd. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>

#include "btf.h"
#include "fake_sys.h"
#include "t.h"

#define NAME(s) (const uint8_t *)(s), strlen(s)

static _Alignas(4) uint8_t blob[4096];
static size_t blob_len;
static uint32_t types[512];
static size_t ntw; /* words used in types */
static char strs[512];
static size_t nstr;
static uint32_t nr_types;
static uint32_t off_struct; /* byte offset of the struct's record */
static uint32_t dso; /* offset of "do_sys_open" in strs */

#define HDR ((struct btf_header *)blob)

static uint32_t str(const char *s)
{
	uint32_t at = (uint32_t)nstr;

	memcpy(strs + nstr, s, strlen(s) + 1);
	nstr += strlen(s) + 1;
	return at;
}

static void ty(uint32_t name, uint32_t kind, uint32_t vlen, uint32_t st)
{
	types[ntw++] = name;
	types[ntw++] = (kind << 24) | vlen;
	types[ntw++] = st;
	nr_types++;
}

static void w(uint32_t v)
{
	types[ntw++] = v;
}

static void build(void)
{
	struct btf_header h = { 0 };

	ntw = 0;
	nstr = 0;
	nr_types = 0;
	str("");
	ty(str("int"), BTF_KIND_INT, 0, 4);			/* 1 */
	w(32);
	ty(0, BTF_KIND_PTR, 0, 1);				/* 2 */
	ty(0, BTF_KIND_ARRAY, 0, 0);				/* 3 */
	w(1); w(1); w(4);
	off_struct = (uint32_t)(ntw * 4);
	ty(str("pair"), BTF_KIND_STRUCT, 2, 8);			/* 4 */
	w(str("a")); w(1); w(0);
	w(str("b")); w(1); w(32);
	ty(str("u"), BTF_KIND_UNION, 1, 4);			/* 5 */
	w(str("x")); w(1); w(0);
	ty(str("e"), BTF_KIND_ENUM, 2, 4);			/* 6 */
	w(str("E0")); w(0); w(str("E1")); w(1);
	ty(str("fwd"), BTF_KIND_FWD, 0, 0);			/* 7 */
	ty(str("my_int"), BTF_KIND_TYPEDEF, 0, 1);		/* 8 */
	ty(0, BTF_KIND_VOLATILE, 0, 1);				/* 9 */
	ty(0, BTF_KIND_CONST, 0, 1);				/* 10 */
	ty(0, BTF_KIND_RESTRICT, 0, 2);				/* 11 */
	ty(0, BTF_KIND_FUNC_PROTO, 2, 1);			/* 12 */
	w(str("x")); w(1); w(str("y")); w(2);
	dso = str("do_sys_open");
	ty(dso, BTF_KIND_FUNC, 1, 12);				/* 13 */
	ty(str("v"), BTF_KIND_VAR, 0, 1);			/* 14 */
	w(1);
	ty(str(".data"), BTF_KIND_DATASEC, 1, 4);		/* 15 */
	w(14); w(0); w(4);
	ty(str("double"), BTF_KIND_FLOAT, 0, 8);		/* 16 */
	ty(str("tag"), BTF_KIND_DECL_TAG, 0, 13);		/* 17 */
	w(0xffffffffu);
	ty(str("user"), BTF_KIND_TYPE_TAG, 0, 2);		/* 18 */
	ty(str("e64"), BTF_KIND_ENUM64, 2, 8);			/* 19 */
	w(str("A")); w(1); w(0); w(str("B")); w(2); w(1);
	ty(str("btf_trace_sys_enter"), BTF_KIND_TYPEDEF, 0, 2);	/* 20 */
	/* A second FUNC "do_sys_open": the first one is the answer. */
	ty(dso, BTF_KIND_FUNC, 1, 12);				/* 21 */

	h.magic = BTF_MAGIC;
	h.version = BTF_VERSION;
	h.hdr_len = sizeof(h);
	h.type_off = 0;
	h.type_len = (uint32_t)(ntw * 4);
	h.str_off = h.type_len;
	h.str_len = (uint32_t)nstr;
	memset(blob, 0, sizeof(blob));
	memcpy(blob, &h, sizeof(h));
	memcpy(blob + sizeof(h), types, ntw * 4);
	memcpy(blob + sizeof(h) + ntw * 4, strs, nstr);
	blob_len = sizeof(h) + ntw * 4 + nstr;
}

static struct bl_btf B;

static int init(void)
{
	return bl_btf_init(&B, blob, blob_len);
}

static int count(void)
{
	uint32_t n = 0;
	int r = bl_btf_count(&B, &n);

	return r ? r : (int)n;
}

static void every_kind(void)
{
	uint32_t id, v;
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t;
	size_t at, n;
	int r, seen = 0;

	build();
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(count(), 21);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("int"), BTF_KIND_INT, &id), 0);
	T_ASSERT_EQ(id, 1);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("pair"), BTF_KIND_STRUCT, &id), 0);
	T_ASSERT_EQ(id, 4);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("u"), BTF_KIND_UNION, &id), 0);
	T_ASSERT_EQ(id, 5);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("e"), BTF_KIND_ENUM, &id), 0);
	T_ASSERT_EQ(id, 6);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("fwd"), BTF_KIND_FWD, &id), 0);
	T_ASSERT_EQ(id, 7);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("do_sys_open"), BTF_KIND_FUNC, &id), 0);
	T_ASSERT_EQ(id, 13);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("v"), BTF_KIND_VAR, &id), 0);
	T_ASSERT_EQ(id, 14);
	T_ASSERT_EQ(bl_btf_find(&B, NAME(".data"), BTF_KIND_DATASEC, &id), 0);
	T_ASSERT_EQ(id, 15);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("double"), BTF_KIND_FLOAT, &id), 0);
	T_ASSERT_EQ(id, 16);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("tag"), BTF_KIND_DECL_TAG, &id), 0);
	T_ASSERT_EQ(id, 17);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("user"), BTF_KIND_TYPE_TAG, &id), 0);
	T_ASSERT_EQ(id, 18);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("e64"), BTF_KIND_ENUM64, &id), 0);
	T_ASSERT_EQ(id, 19);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("btf_trace_sys_enter"),
				BTF_KIND_TYPEDEF, &id), 0);
	T_ASSERT_EQ(id, 20);
	/* Kind and the whole name must match. */
	T_ASSERT_EQ(bl_btf_find(&B, NAME("do_sys_open"), BTF_KIND_STRUCT, &id),
		    -ENOENT);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("do_sys_ope"), BTF_KIND_FUNC, &id),
		    -ENOENT);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("do_sys_openat"), BTF_KIND_FUNC, &id),
		    -ENOENT);
	/* Iteration: ids, offsets and trailing words. */
	while ((r = bl_btf_next(&B, &it, &t)) == 1) {
		seen++;
		T_ASSERT_EQ(t.id, seen);
		if (t.id == 4) {
			T_ASSERT_EQ(t.kind, BTF_KIND_STRUCT);
			T_ASSERT_EQ(t.vlen, 2);
			T_ASSERT_EQ(t.off, sizeof(struct btf_header) + off_struct);
			T_ASSERT_EQ(t.rec_len, 12 + 2 * 12);
			T_ASSERT_EQ(bl_btf_word(&B, &t, 5, &v), 0);
			T_ASSERT_EQ(v, 32); /* member b's bit offset */
			T_ASSERT_EQ(bl_btf_word(&B, &t, 6, &v), -EINVAL);
			T_ASSERT_EQ(bl_btf_name(&B, t.name_off, &at, &n), 0);
			T_ASSERT(n == 4 && memcmp(blob + at, "pair", 5) == 0);
		}
		if (t.id == 19)
			T_ASSERT_EQ(t.rec_len, 12 + 2 * 12);
		if (t.id == 12)
			T_ASSERT_EQ(t.rec_len, 12 + 2 * 8);
	}
	T_ASSERT_EQ(r, 0);
	T_ASSERT_EQ(seen, 21);
	T_ASSERT_EQ(bl_btf_name(&B, (uint32_t)nstr, &at, &n), -EINVAL);
}

static void bad_header(void)
{
	build();
	T_ASSERT_EQ(bl_btf_init(&B, blob, 23), -ENOEXEC);
	T_ASSERT_EQ(bl_btf_init(&B, blob, 0), -ENOEXEC);
	HDR->magic = 0x9feb; /* big-endian BTF */
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	HDR->version = 2;
	T_ASSERT_EQ(init(), -ENOEXEC);
	build();
	HDR->hdr_len = 16; /* shorter than the header */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->hdr_len = (uint32_t)blob_len + 1; /* past the end */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->hdr_len = 28; /* shifts both sections: strings overrun */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->type_len = (uint32_t)blob_len; /* past the end */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->type_len = 0xfffffffc; /* huge */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->type_len -= 2; /* not whole words */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->type_off = 2;
	HDR->type_len -= 4;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->str_off -= 4; /* strings overlap the types */
	HDR->str_len += 4;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->str_len += 1; /* past the end */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->str_len -= 1; /* last name unterminated */
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	HDR->str_len = 0;
	T_ASSERT_EQ(init(), -EINVAL);
	build();
	blob[sizeof(struct btf_header) + HDR->str_off] = 'x'; /* no "" at 0 */
	T_ASSERT_EQ(init(), -EINVAL);
}

static void lying_records(void)
{
	uint32_t id;
	struct btf_type *t;

	/* type_len shorter by one word: the last record runs past the end. */
	build();
	HDR->type_len -= 4;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(count(), -EINVAL);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("nothing"), BTF_KIND_FUNC, &id), -EINVAL);
	/* A match before the bad record is still found (one pass, early
	 * exit); one after it is not. */
	T_ASSERT_EQ(bl_btf_find(&B, NAME("int"), BTF_KIND_INT, &id), 0);
	/* Shorter by exactly one record: a valid, shorter section. */
	build();
	HDR->type_len -= 12;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(count(), 20);

	/* Unknown kind (20) and kind 0. */
	build();
	t = (struct btf_type *)(blob + sizeof(struct btf_header) + off_struct);
	t->info = (20u << 24) | 2;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(count(), -EINVAL);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("e64"), BTF_KIND_ENUM64, &id), -EINVAL);
	t->info = 0;
	T_ASSERT_EQ(count(), -EINVAL);
	/* A vlen that runs the members past the end of the section. */
	t->info = (BTF_KIND_STRUCT << 24) | 0xffff;
	T_ASSERT_EQ(count(), -EINVAL);
	/* A vlen that lands the walk on the wrong boundary: still bounded. */
	t->info = (BTF_KIND_STRUCT << 24) | 3;
	{
		int r = count();

		T_ASSERT(r == -EINVAL || (r > 0 && r < 21));
	}
	/* A name offset outside the string section never matches. */
	build();
	t = (struct btf_type *)(blob + sizeof(struct btf_header) + off_struct);
	t->name_off = 0xfffffff0u;
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_btf_find(&B, NAME("pair"), BTF_KIND_STRUCT, &id), -ENOENT);
	T_ASSERT_EQ(count(), 21);
}

static void iterator_lies(void)
{
	struct bl_btf_iter it = { 0, 0xffffffffu };
	struct bl_btf_type t = { 0 };
	uint32_t v;

	build();
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_btf_next(&B, &it, &t), -EINVAL); /* id would wrap */
	it.id = 0;
	it.pos = 2; /* mid-record: decoded as some record or refused */
	{
		int r = bl_btf_next(&B, &it, &t);

		T_ASSERT(r == 1 || r == -EINVAL);
	}
	it.pos = B.type_len + 100;
	T_ASSERT_EQ(bl_btf_next(&B, &it, &t), 0);
	/* A caller's forged record is re-checked against the buffer. */
	t.off = blob_len - 8;
	t.rec_len = 64;
	T_ASSERT_EQ(bl_btf_word(&B, &t, 0, &v), -EINVAL);
	t.off = UINT64_MAX - 4;
	T_ASSERT_EQ(bl_btf_word(&B, &t, 0, &v), -EINVAL);
	t.off = 24;
	t.rec_len = 8;
	T_ASSERT_EQ(bl_btf_word(&B, &t, 0, &v), -EINVAL);
	/* A forged struct bl_btf is re-checked too. */
	B.type_len = UINT64_MAX;
	it.pos = 0;
	T_ASSERT_EQ(bl_btf_next(&B, &it, &t), -EINVAL);
}

/* The index: every id gives the record the walk gives; too small an array
 * is -E2BIG; ids outside are -ENOENT; an index that lies is -EINVAL. */
static void index_by_id(void)
{
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t, u;
	uint32_t off[64], nr = 0, seen = 0;

	build();
	T_ASSERT_EQ(init(), 0);
	T_ASSERT_EQ(bl_btf_index(&B, off, 64, &nr), 0);
	T_ASSERT_EQ(nr, nr_types);
	T_ASSERT_EQ(off[0], 0);
	while (bl_btf_next(&B, &it, &t) == 1) {
		memset(&u, 0xa5, sizeof(u));
		T_ASSERT_EQ(bl_btf_type_at(&B, off, nr, t.id, &u), 0);
		T_ASSERT(u.id == t.id && u.off == t.off && u.rec_len == t.rec_len &&
			 u.kind == t.kind && u.name_off == t.name_off &&
			 u.size_type == t.size_type && u.vlen == t.vlen);
		seen++;
	}
	T_ASSERT_EQ(seen, nr_types);
	T_ASSERT_EQ(bl_btf_type_at(&B, off, nr, 0, &u), -ENOENT);
	T_ASSERT_EQ(bl_btf_type_at(&B, off, nr, nr + 1, &u), -ENOENT);
	/* one slot short */
	T_ASSERT_EQ(bl_btf_index(&B, off, nr_types - 1, &nr), -E2BIG);
	T_ASSERT_EQ(bl_btf_index(&B, off, 0, &nr), -E2BIG);
	/* entries that lie: past the section, or inside a record */
	T_ASSERT_EQ(bl_btf_index(&B, off, 64, &nr), 0);
	off[1] = HDR->type_len;
	T_ASSERT_EQ(bl_btf_type_at(&B, off, nr, 2, &u), -EINVAL);
	off[1] = 0xfffffff0U;
	T_ASSERT_EQ(bl_btf_type_at(&B, off, nr, 2, &u), -EINVAL);
	/* a record that lies: the index stops there, as bl_btf_count */
	build();
	T_ASSERT_EQ(init(), 0);
	((struct btf_type *)(blob + sizeof(struct btf_header) + off_struct))->info =
		(uint32_t)31 << 24; /* unknown kind */
	T_ASSERT_EQ(bl_btf_index(&B, off, 64, &nr), -EINVAL);
}

static void random_mutations(void)
{
	uint32_t id, n;
	int r;

	srand(4242);
	for (int round = 0; round < 20000; round++) {
		build();
		for (int k = 0; k < 1 + rand() % 4; k++)
			blob[rand() % blob_len] = (uint8_t)rand();
		r = init();
		T_ASSERT(r == 0 || r == -EINVAL || r == -ENOEXEC);
		if (r)
			continue;
		r = bl_btf_count(&B, &n);
		T_ASSERT(r == 0 || r == -EINVAL);
		if (r == 0)
			T_ASSERT(n <= blob_len / 12);
		r = bl_btf_find(&B, NAME("btf_trace_sys_enter"),
				BTF_KIND_TYPEDEF, &id);
		T_ASSERT(r == 0 || r == -EINVAL || r == -ENOENT);
		{
			uint32_t off[64], nr = 0;
			struct bl_btf_type t;

			r = bl_btf_index(&B, off, 64, &nr);
			T_ASSERT(r == 0 || r == -EINVAL || r == -E2BIG);
			for (uint32_t k = 0; r == 0 && k <= nr + 1; k++) {
				int q = bl_btf_type_at(&B, off, nr, k, &t);

				T_ASSERT(q == 0 || q == -ENOENT);
				if (q == 0)
					T_ASSERT(t.id == k && t.off + t.rec_len <= blob_len);
			}
		}
	}
}

/* ---- the file helper through the fake seam --------------------------- */

static void file_helper_faults(void)
{
	char buf[64];

	/* mmap impossible (the fake file has no size) and no buffer. */
	fake_reset();
	fake_set_file("/sys/kernel/btf/vmlinux", "not btf at all");
	T_ASSERT_EQ(bl_btf_vmlinux_find("do_sys_open", BTF_KIND_FUNC, NULL, 0),
		    -ENODATA);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* With a buffer: read fallback, then a clean parse error. */
	T_ASSERT_EQ(bl_btf_vmlinux_find("do_sys_open", BTF_KIND_FUNC, buf,
					sizeof(buf)), -ENOEXEC);
	T_ASSERT(fake_count(FK_READ, -1) >= 2);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT(memcmp(buf, "not btf at all", 14) == 0);
	/* Too small a buffer. */
	T_ASSERT_EQ(bl_btf_vmlinux_find("x", BTF_KIND_FUNC, buf, 5), -E2BIG);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* Each syscall failing in turn (no file: both opens fail). */
	fake_fail(FK_OPENAT, -1, 1, ENOENT);
	fake_fail(FK_OPENAT, -1, 2, ENOENT);
	T_ASSERT_EQ(bl_btf_vmlinux_find("x", BTF_KIND_FUNC, buf, sizeof(buf)),
		    -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), 0);
	fake_fail(FK_FSTAT, -1, 1, EIO);
	fake_fail(FK_READ, -1, 1, EINTR);
	T_ASSERT_EQ(bl_btf_vmlinux_find("x", BTF_KIND_FUNC, buf, sizeof(buf)),
		    -EINTR);
	T_ASSERT_EQ(fake_open_fds(), 0);
	fake_fail(FK_OPENAT, -1, 2, EMFILE); /* the fallback's open */
	T_ASSERT_EQ(bl_btf_vmlinux_find("x", BTF_KIND_FUNC, buf, sizeof(buf)),
		    -EMFILE);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
	T_ASSERT_EQ(bl_btf_file_find(NULL, "x", 1, buf, sizeof(buf)), -EINVAL);
}

int main(void)
{
	T_RUN(every_kind);
	T_RUN(bad_header);
	T_RUN(lying_records);
	T_RUN(iterator_lies);
	T_RUN(index_by_id);
	T_RUN(random_mutations);
	T_RUN(file_helper_faults);
	return T_EXIT_CODE();
}

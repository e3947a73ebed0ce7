/* bpf_object: the pools of objects, programs and maps, open (parse the ELF
 * in place and find programs, license, version, maps), close, and the
 * object's accessors.
 *
 * Pools: each is an array of slots plus a stack of free slot numbers, so
 * allocation and release are O(1); a slot records its own index and a
 * generation that grows at each release. Pool operations take the link
 * pool's spin lock (src/lock.c) for a few instructions, never across a
 * system call. A failed open gives back every slot it took, so the pools
 * are as before; open issues no system call (open_file: openat, fstat,
 * mmap, close, and munmap on failure).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>
#include <linux/mman.h>

#include "bpf_opts.h"
#include "link.h"
#include "object.h"
#include "sys.h"

#define BL_EM_BPF 247U
#define BL_ET_REL 1U
#define BL_SHT_PROGBITS 1U
#define BL_SHT_SYMTAB 2U
#define BL_SHT_NOBITS 8U
#define BL_SHF_EXECINSTR 4U
#define BL_STT_FUNC 2U
#define BL_STB_LOCAL 0U

/* The pools, their free stacks and bl_diag_buf are defined in
 * src/object_mem.c (their order in memory matters). */

/* ---- small helpers ------------------------------------------------------ */

/*@ requires bl_cstr((char *)s) && bl_cstr((char *)pfx);
    assigns \nothing; */
bool bl_has_prefix(const char *s, const char *pfx)
{
	size_t i = 0;

	/*@ loop invariant \forall integer j; 0 <= j < i ==>
	        pfx[j] != 0 && s[j] == pfx[j];
	    loop assigns i; */
	while (pfx[i] != '\0') {
		if (s[i] != pfx[i]) {
			return false;
		}
		i++;
	}
	return true;
}

size_t bl_strlcpy(char *dst, const char *src, size_t cap)
{
	size_t i = 0;

	if (cap == 0U) {
		return 0;
	}
	/*@ loop invariant 0 <= i < cap;
	    loop invariant src != \null ==> bl_nz{Pre}((char *)src, i);
	    loop assigns i, dst[0 .. cap - 1];
	    loop variant cap - i; */
	while ((src != NULL) && (src[i] != '\0') && ((i + 1U) < cap)) {
		dst[i] = src[i];
		i++;
	}
	dst[i] = '\0';
	return i;
}

int bl_diag(int err, const char *a, const char *b, const char *c)
{
	size_t n = 0;

	/* a and c are string literals at every call site (assumed: WP 25
	 * does not prove the NUL of a literal longer than a few bytes) */
	/*@ admit (a == \null || bl_cstr((char *)a)) &&
	          (c == \null || bl_cstr((char *)c)); */
	/*@ loop invariant 0 <= k <= 3;
	    loop invariant 0 <= n < BL_DIAG_MAX;
	    loop assigns k, n, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant 3 - k; */
	for (uint32_t k = 0; k < 3U; k++) {
		const char *s = (k == 0U) ? a : ((k == 1U) ? b : c);
		size_t i = 0;

		/*@ loop invariant 0 <= n < BL_DIAG_MAX && 0 <= i <= n;
		    loop invariant s == \null || (bl_cstr{Pre}((char *)s) &&
		        \base_addr(s) != \base_addr(&bl_diag_buf[0]));
		    loop invariant s != \null ==> bl_nz{Pre}((char *)s, i);
		    loop assigns i, n, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
		    loop variant BL_DIAG_MAX - n; */
		while ((s != NULL) && (s[i] != '\0') &&
		       ((n + 1U) < BL_DIAG_MAX)) {
			bl_diag_buf[n] = s[i];
			n++;
			i++;
		}
	}
	bl_diag_buf[n] = '\0';
	return err;
}

const char *bpflink_object_diag(void)
{
	return bl_diag_buf;
}

const char *bl_obj_str(const struct bpf_object *obj, size_t at)
{
	return (const char *)&obj->buf[at];
}

/* The name of section idx as (at, n) in the object's bytes. */
/*@ requires bl_obj_bytes(obj);
    requires \valid(at) && \valid(n) && \separated(at, n);
    requires \separated(at, obj) && \separated(n, obj);
    requires \separated(at, obj->buf + (0 .. obj->len - 1));
    requires \separated(n, obj->buf + (0 .. obj->len - 1));
    assigns *at, *n;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> bl_name_ok(obj, *at, *n);
 */
static int bl_obj_sec_name_at(const struct bpf_object *obj, uint32_t idx,
			      size_t *at, size_t *n)
{
	struct bl_elf_shdr sh;

	if ((bl_elf_shdr(&obj->elf, idx, &sh) != 0) ||
	    (bl_elf_sec_name(&obj->elf, &sh, at, n) != 0)) {
		return -EINVAL;
	}
	return 0;
}

const char *bl_obj_sec_name(const struct bpf_object *obj, uint32_t idx)
{
	size_t at;
	size_t n;

	if (bl_obj_sec_name_at(obj, idx, &at, &n) != 0) {
		return NULL;
	}
	return bl_obj_str(obj, at);
}

/* ---- pools -------------------------------------------------------------- */

/*@ requires \valid(st) && 1 <= n <= 30000 && \valid(fr + (0 .. n - 1));
    requires \separated(st, fr + (0 .. n - 1));
    assigns *st, fr[0 .. n - 1];
 */
static void bl_stack_init(struct bl_free_stack *st, uint16_t *fr, uint32_t n)
{
	if (st->ready != 0U) {
		return;
	}
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, fr[0 .. n - 1];
	    loop variant n - i; */
	for (uint32_t i = 0; i < n; i++) {
		/* the last slot is handed out first (pop takes fr[nfree - 1]):
		 * the slots a small load takes, and the stack entries it moves,
		 * sit at the ends of their arrays (src/object_mem.c) */
		fr[i] = (uint16_t)i;
	}
	st->nfree = n;
	st->ready = 1U;
}

/* A free slot number below n, or -1. The checks of nfree and of the entry
 * cannot fail on a consistent stack; they keep a corrupted one from
 * reading or handing out anything outside the pool. */
/*@ requires \valid(st) && 1 <= n <= 30000 && \valid(fr + (0 .. n - 1));
    requires \separated(st, fr + (0 .. n - 1), &bl_lock_word);
    requires \separated(fr + (0 .. n - 1), &bl_lock_word);
    assigns *st, fr[0 .. n - 1], bl_lock_word;
    ensures \result == -1 || 0 <= \result < n;
 */
static int bl_stack_pop(struct bl_free_stack *st, uint16_t *fr, uint32_t n)
{
	int idx = -1;

	bl_pool_acquire();
	bl_stack_init(st, fr, n);
	if ((st->nfree > 0U) && (st->nfree <= n)) {
		uint16_t v = fr[st->nfree - 1U];

		if (v < n) {
			st->nfree--;
			idx = (int)v;
		}
	}
	bl_pool_release();
	return idx;
}

/* Give slot idx back (a full stack, impossible when every slot is given
 * back once, is left as it is). */
/*@ requires \valid(st) && 1 <= n <= 30000 && \valid(fr + (0 .. n - 1));
    requires \separated(st, fr + (0 .. n - 1), &bl_lock_word);
    requires \separated(fr + (0 .. n - 1), &bl_lock_word);
    requires idx < n;
    assigns *st, fr[0 .. n - 1], bl_lock_word;
 */
static void bl_stack_push(struct bl_free_stack *st, uint16_t *fr, uint32_t n,
			  uint32_t idx)
{
	bl_pool_acquire();
	if (st->nfree < n) {
		fr[st->nfree] = (uint16_t)idx;
		st->nfree++;
	}
	bl_pool_release();
}

/*@ requires obj == \null || \valid_read(obj);
    assigns \nothing;
    ensures \result ==> bl_is_obj(obj);
    ensures \result <==> (obj != \null && bl_is_obj(obj) &&
                          obj->state != BL_OBJ_FREE);
 */
bool bl_obj_live(const struct bpf_object *obj)
{
	const struct bpf_object *slot;

	if ((obj == NULL) || (obj->index >= BL_N_OBJECTS)) {
		return false;
	}
	slot = &bl_objects[obj->index];
	return (obj == slot) && (obj->state != BL_OBJ_FREE);
}

/*@ requires prog == \null || \valid_read(prog);
    requires bl_lists_ok;
    assigns \nothing;
    ensures \result ==> 0 <= prog->index < BPFLINK_MAX_PROGS &&
            prog == &bl_progs[prog->index];
 */
bool bl_prog_live(const struct bpf_program *prog)
{
	const struct bpf_program *slot;

	if ((prog == NULL) || (prog->index >= BL_N_PROGS)) {
		return false;
	}
	slot = &bl_progs[prog->index];
	return (prog == slot) && (prog->state != 0U) && bl_obj_live(prog->obj);
}

/*@ requires map == \null || \valid_read(map);
    requires bl_lists_ok;
    assigns \nothing;
    ensures \result ==> 0 <= map->index < BPFLINK_MAX_MAPS &&
            map == &bl_maps[map->index];
 */
bool bl_map_live(const struct bpf_map *map)
{
	const struct bpf_map *slot;

	if ((map == NULL) || (map->index >= BL_N_MAPS)) {
		return false;
	}
	slot = &bl_maps[map->index];
	return (map == slot) && (map->state != 0U) && bl_obj_live(map->obj);
}


/* Slot i of the program pool, zeroed, as a live program of obj. */
/*@ requires 0 <= i < BPFLINK_MAX_PROGS && bl_is_obj(obj);
    assigns bl_progs[i];
    ensures bl_progs[i].index == i && bl_progs[i].state == 1 &&
            bl_progs[i].obj == obj && bl_progs[i].next == BL_NONE_IDX;
 */
static void bl_prog_init(uint32_t i, struct bpf_object *obj)
{
	static const struct bpf_program bl_prog_zero;
	struct bpf_program *p = &bl_progs[i];
	uint32_t gen = p->generation;

	*p = bl_prog_zero;
	p->index = i;
	p->generation = gen;
	p->state = 1U;
	p->obj = obj;
	p->next = BL_NONE_IDX;
	p->sec_def = BL_NONE_IDX;
	p->fd = -1;
	p->attach_prog_fd = 0;
	p->autoload = true;
	p->autoattach = true;
}

struct bpf_program *bl_prog_alloc(struct bpf_object *obj)
{
	int i = bl_stack_pop(&bl_prog_st, bl_prog_free, BL_N_PROGS);

	if (i < 0) {
		(void)bl_diag(0, "program pool full (BPFLINK_MAX_PROGS)", NULL,
			      NULL);
		return NULL;
	}
	bl_prog_init((uint32_t)i, obj);
	obj->nr_progs++;
	return &bl_progs[i];
}

/* Slot i of the map pool, zeroed, as a live map of obj. */
/*@ requires 0 <= i < BPFLINK_MAX_MAPS && bl_is_obj(obj);
    assigns bl_maps[i];
    ensures bl_maps[i].index == i && bl_maps[i].state == 1 &&
            bl_maps[i].obj == obj && bl_maps[i].next == BL_NONE_IDX &&
            bl_maps[i].inner == BL_NONE_IDX;
 */
static void bl_map_init(uint32_t i, struct bpf_object *obj)
{
	static const struct bpf_map bl_map_zero;
	struct bpf_map *m = &bl_maps[i];
	uint32_t gen = m->generation;

	*m = bl_map_zero;
	m->index = i;
	m->generation = gen;
	m->state = 1U;
	m->obj = obj;
	m->next = BL_NONE_IDX;
	m->inner = BL_NONE_IDX;
	m->fd = -1;
	m->inner_map_fd = -1;
	m->autocreate = true;
}

struct bpf_map *bl_map_alloc_inner(struct bpf_object *obj)
{
	int i = bl_stack_pop(&bl_map_st, bl_map_free, BL_N_MAPS);

	if (i < 0) {
		(void)bl_diag(0, "map pool full (BPFLINK_MAX_MAPS)", NULL,
			      NULL);
		return NULL;
	}
	bl_map_init((uint32_t)i, obj);
	return &bl_maps[i];
}

struct bpf_map *bl_map_alloc(struct bpf_object *obj)
{
	struct bpf_map *m = bl_map_alloc_inner(obj);
	uint16_t i;

	if (m == NULL) {
		return NULL;
	}
	i = (uint16_t)m->index;
	/* chain at the end: maps keep ELF order (an object has at most
	 * BL_N_MAPS maps, which bounds the walk) */
	if (obj->first_map == BL_NONE_IDX) {
		obj->first_map = (uint16_t)m->index;
	} else {
		uint16_t t = obj->first_map;

		/*@ loop invariant 0 <= s <= BL_N_MAPS;
		    loop invariant 0 <= t < BPFLINK_MAX_MAPS;
		    loop assigns s, t;
		    loop variant BL_N_MAPS - s; */
		for (uint32_t s = 0U;
		     (s < BL_N_MAPS) && (bl_maps[t].next != BL_NONE_IDX); s++) {
			t = bl_maps[t].next;
		}
		bl_maps[t].next = i;
	}
	obj->nr_maps++;
	return &bl_maps[i];
}

/*@ requires 0 <= i < BPFLINK_MAX_MAPS;
    assigns bl_maps[i].state, bl_maps[i].generation, bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word;
 */
static void bl_map_free_slot(uint16_t i)
{
	bl_maps[i].state = 0U;
	bl_maps[i].generation++;
	bl_stack_push(&bl_map_st, bl_map_free, BL_N_MAPS, i);
}

/* Give back every slot of obj (its fds already closed). The walks are
 * bounded by the pool sizes (a chain holds each slot at most once). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1],
            bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1], bl_lock_word;
    ensures bl_lists_ok;
    ensures obj->state == BL_OBJ_FREE && obj->first_prog == BL_NONE_IDX &&
            obj->first_map == BL_NONE_IDX;
    ensures obj->map_addr == \old(obj->map_addr);
 */
static void bl_obj_free_slots(struct bpf_object *obj)
{
	uint16_t i = obj->first_prog;

	/*@ loop invariant 0 <= s <= BL_N_PROGS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_PROGS) && bl_lists_ok;
	    loop invariant bl_is_obj(obj);
	    loop assigns s, i, bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
	                 bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word;
	    loop variant BL_N_PROGS - s; */
	for (uint32_t s = 0U; (s < BL_N_PROGS) && (i != BL_NONE_IDX); s++) {
		uint16_t nx = bl_progs[i].next;

		bl_progs[i].state = 0U;
		bl_progs[i].generation++;
		bl_stack_push(&bl_prog_st, bl_prog_free, BL_N_PROGS, i);
		i = nx;
	}
	i = obj->first_map;
	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS) && bl_lists_ok;
	    loop invariant bl_is_obj(obj);
	    loop assigns s, i, bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
	                 bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word;
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		uint16_t nx = bl_maps[i].next;

		if (bl_maps[i].inner != BL_NONE_IDX) {
			bl_map_free_slot(bl_maps[i].inner);
		}
		bl_map_free_slot(i);
		i = nx;
	}
	obj->first_prog = BL_NONE_IDX;
	obj->first_map = BL_NONE_IDX;
	obj->state = BL_OBJ_FREE;
	obj->generation++;
	bl_stack_push(&bl_obj_st, bl_obj_free, BL_N_OBJECTS, obj->index);
}

/* ---- open --------------------------------------------------------------- */

/*@ requires \valid(n) && \valid(dst + (0 .. cap - 1)) && *n < cap;
    requires \separated(n, dst + (0 .. cap - 1));
    assigns *n, dst[0 .. cap - 1];
    ensures *n < cap;
 */
static void bl_hex(char *dst, size_t *n, size_t cap, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	uint32_t k = 0;
	uint64_t x = v;

	/*@ loop invariant 0 <= k < 16;
	    loop assigns k, x, tmp[0 .. 15];
	    loop variant 16 - k; */
	do {
		tmp[k] = digits[x & 15U];
		k++;
		x >>= 4U;
	} while ((x != 0U) && (k < 16U));
	/*@ loop invariant 0 <= k <= 16 && *n < cap;
	    loop assigns k, *n, dst[0 .. cap - 1];
	    loop variant k; */
	while ((k > 0U) && ((*n + 1U) < cap)) {
		k--;
		dst[*n] = tmp[k];
		(*n)++;
	}
	dst[*n] = '\0';
}

/*@ requires bl_is_obj(obj);
    requires name == \null || bl_cstr((char *)name);
    requires path == \null || bl_cstr((char *)path);
    requires \separated(obj->name + (0 .. BL_OBJ_NAME_MAX - 1),
                        name + (0 .. BL_OBJ_NAME_MAX - 1));
    assigns obj->name[0 .. BL_OBJ_NAME_MAX - 1];
 */
static void bl_obj_set_name(struct bpf_object *obj, const char *name,
			    const char *path)
{
	size_t n = 0;

	if (name != NULL) {
		(void)bl_strlcpy(obj->name, name, sizeof(obj->name));
		return;
	}
	if (path != NULL) { /* basename up to the first '.' */
		size_t b = 0;
		size_t m = 0;

		/* (the bound keeps b + n below SIZE_MAX; no path is that long) */
		/*@ loop invariant 0 <= b <= i <= SIZE_MAX - BL_OBJ_NAME_MAX;
		    loop invariant bl_nz((char *)path, i);
		    loop assigns i, b; */
		for (size_t i = 0;
		     (i < (SIZE_MAX - sizeof(obj->name))) && (path[i] != '\0');
		     i++) {
			if (path[i] == '/') {
				b = i + 1U;
			}
		}
		/* measure first, then copy: the copy only writes */
		/*@ loop invariant 0 <= m < BL_OBJ_NAME_MAX;
		    loop invariant b <= SIZE_MAX - BL_OBJ_NAME_MAX;
		    loop invariant bl_nz((char *)path, b + m);
		    loop assigns m;
		    loop variant BL_OBJ_NAME_MAX - m; */
		while ((path[b + m] != '\0') && (path[b + m] != '.') &&
		       ((m + 1U) < sizeof(obj->name))) {
			m++;
		}
		/*@ loop invariant 0 <= n <= m;
		    loop assigns n, obj->name[0 .. BL_OBJ_NAME_MAX - 1];
		    loop variant m - n; */
		while (n < m) {
			obj->name[n] = path[b + n];
			n++;
		}
		obj->name[n] = '\0';
		return;
	}
	/* cppcheck-suppress misra-c2012-11.4 ; permit P5: the buffer's address is only printed */
	bl_hex(obj->name, &n, sizeof(obj->name), (uint64_t)(uintptr_t)obj->buf);
	if ((n + 1U) < sizeof(obj->name)) {
		obj->name[n] = '-';
		n++;
	}
	bl_hex(obj->name, &n, sizeof(obj->name), (uint64_t)obj->len);
}

/* Insert prog (slot pi, instructions from off in section shndx) into obj's
 * list, ordered by (section, offset). The walk is bounded by the pool
 * size. */
/*@ requires bl_lists_ok && bl_obj_bytes(obj) && pi < BPFLINK_MAX_PROGS;
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], obj->first_prog;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
 */
static void bl_prog_insert(struct bpf_object *obj, uint16_t pi,
			   uint32_t shndx, uint32_t off)
{
	uint16_t prev = BL_NONE_IDX;
	uint16_t cur = obj->first_prog;

	/*@ loop invariant 0 <= s <= BL_N_PROGS;
	    loop invariant bl_idx_ok(cur, BPFLINK_MAX_PROGS);
	    loop invariant bl_idx_ok(prev, BPFLINK_MAX_PROGS);
	    loop assigns s, prev, cur;
	    loop variant BL_N_PROGS - s; */
	for (uint32_t s = 0U; (s < BL_N_PROGS) && (cur != BL_NONE_IDX); s++) {
		const struct bpf_program *q = &bl_progs[cur];

		if ((q->shndx > shndx) ||
		    ((q->shndx == shndx) && (q->insn_off > off))) {
			break;
		}
		prev = cur;
		cur = q->next;
	}
	bl_progs[pi].next = cur;
	if (prev == BL_NONE_IDX) {
		obj->first_prog = pi;
	} else {
		bl_progs[prev].next = pi;
	}
}

/* The fields of program slot pi read from its symbol and section:
 * instructions [off, off + cnt) of section shndx, its names, and what its
 * SEC() definition sec_def (BL_NONE_IDX: none) gives. */
/* (obj, the program's object, is only named by the contract: what the
 * writes leave unchanged is proved here, where it is cheap) */
/*@ requires pi < BPFLINK_MAX_PROGS && bl_lists_ok && bl_obj_bytes(obj);
    requires sec_def == BL_NONE_IDX || sec_def < BL_SEC_DEFS_N;
    assigns bl_progs[pi].shndx, bl_progs[pi].insn_off, bl_progs[pi].insn_cnt,
            bl_progs[pi].name, bl_progs[pi].sec_name, bl_progs[pi].sec_def,
            bl_progs[pi].type, bl_progs[pi].expected_attach_type,
            bl_progs[pi].prog_flags;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
 */
static void bl_prog_fill(const struct bpf_object *obj, uint16_t pi,
			 uint32_t shndx, uint32_t off, uint32_t cnt,
			 const char *name, const char *sec, uint16_t sec_def)
{
	struct bpf_program *p = &bl_progs[pi];

	(void)obj;

	p->shndx = shndx;
	p->insn_off = off;
	p->insn_cnt = cnt;
	p->name = name;
	p->sec_name = sec;
	p->sec_def = sec_def;
	if (sec_def != BL_NONE_IDX) {
		const struct bl_sec_def *d = &bl_sec_defs[sec_def];

		p->type = d->prog_type;
		p->expected_attach_type = d->attach_type;
		if ((d->flags & BL_SEC_SLEEPABLE) != 0U) {
			p->prog_flags |= BPF_F_SLEEPABLE;
		}
		if ((d->flags & BL_SEC_XDP_FRAGS) != 0U) {
			p->prog_flags |= BPF_F_XDP_HAS_FRAGS;
		}
	}
}

/* A new program of obj, chained in (section, offset) order: instructions
 * [off, off + cnt) of section shndx, named name, in section sec. 0 or
 * -ENOSPC (pool full, diagnostic recorded). */
/*@ requires bl_lists_ok && bl_obj_bytes(obj);
    requires bl_cstr((char *)sec);
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs, obj->first_prog;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
 */
static int bl_prog_new(struct bpf_object *obj, uint32_t shndx, uint32_t off,
		       uint32_t cnt, const char *name, const char *sec)
{
	uint16_t sec_def = bl_sec_find(sec);
	struct bpf_program *p;
	uint16_t pi;

	/*@ assert \base_addr(obj) == \base_addr(&bl_objects[0]); */
	p = bl_prog_alloc(obj);
	if (p == NULL) {
		return -ENOSPC;
	}
	pi = (uint16_t)p->index;
	/*@ assert bl_is_obj(obj); */
	bl_prog_insert(obj, pi, shndx, off);
	/*@ assert bl_is_obj(obj); */
	bl_prog_fill(obj, pi, shndx, off, cnt, name, sec, sec_def);
	return 0;
}

/* One program: function symbol sym of the executable section shndx
 * (sec_size bytes), whose name is buf[sec_at .. sec_at + sec_n]. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires \valid_read(sym);
    requires bl_name_ok(obj, sec_at, sec_n);
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs, obj->first_prog;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_lists_ok;
    ensures bl_name_ok(obj, sec_at, sec_n);
 */
static int bl_obj_add_prog(struct bpf_object *obj, uint32_t shndx,
			   uint64_t sec_size, size_t sec_at, size_t sec_n,
			   const struct bl_elf_sym *sym)
{
	const char *sec = bl_obj_str(obj, sec_at);
	const char *name;
	uint64_t value = sym->value;
	uint64_t size = sym->size;
	size_t at;
	size_t n;

	(void)sec_n; /* the name's length: used by the contract (bl_name_ok) */
	if (bl_elf_sym_name(&obj->elf, obj->symtab, sym, &at, &n) != 0) {
		return bl_diag(-EINVAL, "bad symbol name in ", sec, NULL);
	}
	/*@ assert bl_name_ok(obj, at, n); */
	name = bl_obj_str(obj, at);
	if (((value % 8U) != 0U) || ((size % 8U) != 0U) || (size == 0U) ||
	    (value > sec_size) || (size > (sec_size - value))) {
		return bl_diag(-EINVAL, "program ", name,
			       ": symbol outside its section");
	}
	if ((sym->info >> 4U) == BL_STB_LOCAL) {
		return bl_diag(-EOPNOTSUPP, "program ", name,
			       " is static (as libbpf, not supported)");
	}
	return bl_prog_new(obj, shndx, (uint32_t)(value / 8U),
			   (uint32_t)(size / 8U), name, sec);
}

/* Programs of the executable section shndx (sec_size bytes): one per
 * function symbol. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires bl_name_ok(obj, sec_at, sec_n);
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs, obj->first_prog;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_lists_ok;
 */
static int bl_obj_sec_progs(struct bpf_object *obj, uint32_t shndx,
			    uint64_t sec_size, size_t sec_at, size_t sec_n)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	uint64_t nsyms;
	int err;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	nsyms = st.size / BL_ELF_SYM_SIZE;
	err = 0;
	/* (a failure ends the loop through err, so that the invariant gives
	 * the postcondition) */
	/*@ loop invariant 1 <= i;
	    loop invariant \base_addr(obj) == \base_addr(&bl_objects[0]);
	    loop invariant bl_is_obj(obj);
	    loop invariant bl_obj_bytes(obj);
	    loop invariant bl_lists_ok;
	    loop invariant bl_name_ok(obj, sec_at, sec_n);
	    loop assigns i, sym, err, bl_progs[0 .. BPFLINK_MAX_PROGS - 1],
	                 bl_prog_st, bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
	                 bl_lock_word, bl_diag_buf[0 .. BL_DIAG_MAX - 1],
	                 obj->nr_progs, obj->first_prog;
	    loop variant nsyms - i; */
	for (uint64_t i = 1; (i < nsyms) && (err == 0); i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			err = bl_diag(-EINVAL, "bad symbol table", NULL, NULL);
		} else if ((sym.shndx == shndx) &&
			   ((sym.info & 15U) == BL_STT_FUNC)) {
			err = bl_obj_add_prog(obj, shndx, sec_size, sec_at,
					      sec_n, &sym);
		} else {
			/* another section's symbol, or not a function */
		}
	}
	return err;
}

/* Note what section i (header sh, name buf[at .. at+nlen]) is. */
/*@ requires bl_obj_bytes(obj);
    requires \valid_read(sh);
    requires \separated(sh, bl_objects + (0 .. BPFLINK_MAX_OBJECTS - 1),
                        bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires sh->type != BL_SHT_NOBITS ==>
             sh->offset <= obj->len && sh->size <= obj->len - sh->offset;
    requires bl_name_ok(obj, at, nlen);
    assigns obj->symtab, obj->text_shndx, obj->maps_shndx,
            obj->legacy_maps_shndx, obj->btf_shndx, obj->btf_ext_shndx,
            obj->license, obj->kern_version,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_obj_note_sec(struct bpf_object *obj, uint32_t i,
			   const struct bl_elf_shdr *sh, size_t at, size_t nlen)
{
	const char *name = bl_obj_str(obj, at);

	(void)nlen; /* the name's length: used by the contract (bl_name_ok) */
	if (sh->type == BL_SHT_SYMTAB) {
		if (obj->symtab != 0U) {
			return bl_diag(-EINVAL, "more than one symbol table",
				       NULL, NULL);
		}
		obj->symtab = i;
	} else if (bl_streq(name, ".text")) {
		obj->text_shndx = i;
	} else if (bl_streq(name, ".maps")) {
		obj->maps_shndx = i;
	} else if (bl_streq(name, "maps")) {
		obj->legacy_maps_shndx = i;
	} else if (bl_streq(name, ".BTF")) {
		obj->btf_shndx = i;
	} else if (bl_streq(name, ".BTF.ext")) {
		obj->btf_ext_shndx = i;
	} else if (bl_streq(name, "license") && (sh->type != BL_SHT_NOBITS)) {
		/* a NOBITS section's offset is not checked against the buffer */
		uint64_t k = 0;

		/*@ loop invariant 0 <= k <= sh->size;
		    loop assigns k;
		    loop variant sh->size - k; */
		while ((k < sh->size) && (obj->buf[sh->offset + k] != 0U)) {
			k++;
		}
		if (k == sh->size) {
			return bl_diag(-EINVAL, "license is not NUL-terminated",
				       NULL, NULL);
		}
		/*@ assert bl_name_ok(obj, sh->offset, k); */
		obj->license = bl_obj_str(obj, (size_t)sh->offset);
	} else if (bl_streq(name, "version") && (sh->type != BL_SHT_NOBITS)) {
		const uint8_t *b = obj->buf;
		size_t o = (size_t)sh->offset;

		if (sh->size != 4U) {
			return bl_diag(-EINVAL, "version section is not 4 bytes",
				       NULL, NULL);
		}
		obj->kern_version =
			((uint32_t)b[o]) | (((uint32_t)b[o + 1U]) << 8U) |
			(((uint32_t)b[o + 2U]) << 16U) |
			(((uint32_t)b[o + 3U]) << 24U);
	} else {
		/* any other section: nothing to note here */
	}
	return 0;
}

/* First pass: note what every section is (bl_obj_note_sec). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns obj->symtab, obj->text_shndx, obj->maps_shndx,
            obj->legacy_maps_shndx, obj->btf_shndx, obj->btf_ext_shndx,
            obj->license, obj->kern_version,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_lists_ok;
 */
static int bl_obj_scan_secs(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	size_t at;
	size_t n;

	/*@ loop invariant 1 <= i;
	    loop invariant bl_is_obj(obj);
	    loop invariant bl_obj_bytes(obj);
	    loop invariant bl_lists_ok;
	    loop assigns i, sh, at, n, obj->symtab, obj->text_shndx,
	                 obj->maps_shndx, obj->legacy_maps_shndx, obj->btf_shndx,
	                 obj->btf_ext_shndx, obj->license, obj->kern_version,
	                 bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant obj->elf.shnum - i; */
	for (uint32_t i = 1; i < obj->elf.shnum; i++) {
		if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
			return bl_diag(-EINVAL, "section header out of bounds",
				       NULL, NULL);
		}
		if (bl_obj_sec_name_at(obj, i, &at, &n) != 0) {
			return bl_diag(-EINVAL, "bad section name", NULL, NULL);
		}
		const int err = bl_obj_note_sec(obj, i, &sh, at, n);

		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* Second pass: the programs of every executable section but .text. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs, obj->first_prog;
    ensures bl_is_obj(obj);
    ensures bl_obj_bytes(obj);
    ensures bl_lists_ok;
 */
static int bl_obj_find_progs(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	size_t at;
	size_t n;
	int err;

	/*@ loop invariant 1 <= i;
	    loop invariant bl_is_obj(obj);
	    loop invariant bl_obj_bytes(obj);
	    loop invariant bl_lists_ok;
	    loop assigns i, sh, at, n, err, bl_progs[0 .. BPFLINK_MAX_PROGS - 1],
	                 bl_prog_st, bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
	                 bl_lock_word, bl_diag_buf[0 .. BL_DIAG_MAX - 1],
	                 obj->nr_progs, obj->first_prog;
	    loop variant obj->elf.shnum - i; */
	for (uint32_t i = 1; i < obj->elf.shnum; i++) {
		if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
			return -EINVAL;
		}
		if ((sh.type != BL_SHT_PROGBITS) ||
		    ((sh.flags & BL_SHF_EXECINSTR) == 0U) ||
		    (i == obj->text_shndx) || (sh.size == 0U)) {
			continue;
		}
		if (bl_obj_sec_name_at(obj, i, &at, &n) != 0) {
			return -EINVAL; /* the first pass read every name */
		}
		err = bl_obj_sec_progs(obj, i, sh.size, at, n);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/*@ requires bl_obj_buf(obj) && bl_lists_ok;
    requires obj->symtab == 0 && obj->first_prog == BL_NONE_IDX;
    assigns obj->elf, obj->symtab, obj->text_shndx, obj->maps_shndx,
            obj->legacy_maps_shndx, obj->btf_shndx, obj->btf_ext_shndx,
            obj->license, obj->kern_version,
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs, obj->first_prog,
            obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
    ensures bl_obj_buf(obj);
 */
static int bl_obj_parse(struct bpf_object *obj)
{
	int err;

	/*@ assert \base_addr(obj) == \base_addr(&bl_objects[0]); */
	err = bl_elf_init(&obj->elf, obj->buf, obj->len);
	/*@ assert bl_is_obj(obj); */
	/*@ assert bl_obj_buf(obj); */
	/*@ assert bl_lists_ok; */
	if (err != 0) {
		return bl_diag(err,
			       (err == -ENOEXEC) ? "not an ELF64 LE file"
						 : "malformed ELF header",
			       NULL, NULL);
	}
	/*@ assert bl_is_obj(obj); */
	/*@ assert bl_obj_buf(obj); */
	/*@ assert bl_lists_ok; */
	if ((obj->elf.machine != BL_EM_BPF) || (obj->elf.type != BL_ET_REL)) {
		return bl_diag(-ENOEXEC, "not a BPF relocatable object", NULL,
			       NULL);
	}
	err = bl_obj_scan_secs(obj);
	if (err != 0) {
		return err;
	}
	if (obj->symtab == 0U) {
		return bl_diag(-EINVAL, "no symbol table", NULL, NULL);
	}
	err = bl_obj_find_progs(obj);
	if (err != 0) {
		return err;
	}
	/*@ ghost const uint8_t *gbuf = obj->buf; */
	/*@ ghost size_t glen = obj->len; */
	/*@ ghost uint32_t gidx = obj->index; */
	err = bl_obj_collect_maps(obj);
	/*@ assert obj->buf == gbuf; */
	/*@ assert obj->len == glen; */
	/*@ assert obj->index == gidx; */
	/*@ assert bl_obj_buf(obj); */
	return err;
}

/* What open takes from its caller, read once: the bytes (open_mem: the
 * caller's buffer; open_file: the mapping), and the options. */
struct bl_open_args {
	const uint8_t *buf;
	size_t len;
	void *map_addr;	      /* open_file: the mapping, unmapped at close */
	const char *path;     /* open_file: the file (the default name) */
	const char *name;     /* opts->object_name, or NULL */
	const char *pin_root; /* opts->pin_root_path, or NULL */
	char *log_buf;
	size_t log_size;
	uint32_t log_level;
	bool unsupported; /* kconfig or btf_custom_path set */
	int err;	  /* 0, or why the opts or the mapping failed */
};

/* (Passed by value: WP then keeps them as values, with no local whose
 * address is taken and released in the public functions.) */
/*@ predicate bl_args_ok{L}(struct bl_open_args a) =
      (a.buf != \null && 0 < a.len ==>
        \valid_read(a.buf + (0 .. a.len - 1)) && bl_apart(a.buf)) &&
      bl_user_str((char *)a.path) && bl_user_str((char *)a.name) &&
      bl_user_str((char *)a.pin_root);
 */

/* The opts read once (buf NULL, len 0, map_addr and path NULL: the caller
 * sets them); err 0, or -EINVAL when opts is not valid. Not proved:
 * BL_OPT's offsetofend is a cast from a null pointer to WP; its contract
 * is assumed (proofs/loader/README.md). */
/*@ requires opts == \null || \valid_read(opts);
    assigns \nothing;
    ensures \result.err == 0 || \result.err == -EINVAL;
    ensures \result.buf == \null && \result.len == 0 &&
            \result.map_addr == \null && \result.path == \null;
    ensures \result.name == \null ||
            (opts != \null && \result.name == opts->object_name);
    ensures \result.pin_root == \null ||
            (opts != \null && \result.pin_root == opts->pin_root_path);
 */
static struct bl_open_args bl_open_opts(const struct bpf_object_open_opts *opts)
{
	struct bl_open_args a;

	a.err = 0;
	if (BL_OPTS_VALID(opts, bpf_object_open_opts,
			  bpf_object_open_opts__last_field) != 0) {
		a.err = -EINVAL;
	}
	a.buf = NULL;
	a.len = 0U;
	a.map_addr = NULL;
	a.path = NULL;
	a.name = BL_OPT(opts, bpf_object_open_opts, object_name, NULL);
	a.pin_root = BL_OPT(opts, bpf_object_open_opts, pin_root_path, NULL);
	a.log_buf = BL_OPT(opts, bpf_object_open_opts, kernel_log_buf, NULL);
	a.log_size = BL_OPT(opts, bpf_object_open_opts, kernel_log_size, 0U);
	a.log_level = BL_OPT(opts, bpf_object_open_opts, kernel_log_level, 0U);
	a.unsupported =
		(BL_OPT(opts, bpf_object_open_opts, kconfig, NULL) != NULL) ||
		(BL_OPT(opts, bpf_object_open_opts, btf_custom_path, NULL) !=
		 NULL);
	return a;
}

/* The caller's object bytes (open_mem), p[0 .. len-1], read as uint8_t.
 * Assumed, as bl_obj_str: the caller's precondition speaks of the bytes
 * in the char view (a void * is a char * to WP), the parser reads them in
 * the uint8_t view, and WP's typed model keeps the two apart. */
/*@ requires 0 < len && \valid_read((char *)p + (0 .. len - 1)) &&
             bl_capart((char *)p);
    assigns \nothing;
    ensures \result != \null && \valid_read(\result + (0 .. len - 1)) &&
            bl_apart(\result);
 */
static const uint8_t *bl_obj_bytes_of(const void *p, size_t len)
{
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the caller's object bytes, read as bytes, bounded by len */
	const uint8_t *b = p;

	(void)len; /* the bytes' length: used by the contract */
	return b;
}

/* a with the file at path mapped privately (bl_file_map): err 0, map_addr
 * the mapping, buf[0 .. len-1] its bytes, path set; or err -errno. Not
 * proved (system calls through the seam; the mapping read as uint8_t, as
 * bl_obj_bytes_of): its contract is assumed (a mapping is readable for
 * its length and is none of the library's globals; an empty file is
 * -ENODATA). */
/*@ requires bl_cstr((char *)path);
    assigns bl_ghost_syscalls;
    ensures \result.err <= 0;
    ensures \result.name == a.name && \result.pin_root == a.pin_root &&
            \result.unsupported == a.unsupported && \result.path == path;
    ensures \result.err == 0 ==> (0 < \result.len && \result.buf != \null &&
            \valid_read(\result.buf + (0 .. \result.len - 1)) &&
            bl_apart(\result.buf));
 */
static struct bl_open_args bl_obj_map_file(const char *path,
					   struct bl_open_args a)
{
	struct bl_open_args r = a;
	void *addr = NULL;
	size_t len = 0U;

	r.err = bl_file_map(path, &addr, &len);
	if (r.err == 0) {
		/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the file's bytes, read as bytes, bounded by len */
		r.buf = (const uint8_t *)addr;
		r.len = len;
		r.map_addr = addr;
	}
	r.path = path;
	return r;
}

/* Slot i of the object pool, zeroed, as an open object on a's bytes with
 * a's log settings. */
/*@ requires 0 <= i < BPFLINK_MAX_OBJECTS && bl_lists_ok;
    requires 0 < a.len && \valid_read(a.buf + (0 .. a.len - 1)) &&
             bl_apart(a.buf);
    assigns bl_objects[i];
    ensures \result == &bl_objects[i] && bl_obj_buf(\result);
    ensures \result->symtab == 0 && \result->first_prog == BL_NONE_IDX;
    ensures bl_lists_ok;
 */
static struct bpf_object *bl_obj_start(uint32_t i, struct bl_open_args a)
{
	static const struct bpf_object bl_obj_zero;
	struct bpf_object *obj = &bl_objects[i];
	const uint32_t gen = obj->generation;

	*obj = bl_obj_zero;
	obj->index = i;
	obj->generation = gen;
	obj->state = BL_OBJ_OPEN;
	obj->buf = a.buf;
	obj->len = a.len;
	obj->map_addr = a.map_addr;
	obj->symtab = 0U; /* (zero already: said for the proof) */
	obj->first_prog = BL_NONE_IDX;
	obj->first_map = BL_NONE_IDX;
	obj->log_buf = a.log_buf;
	obj->log_size = a.log_size;
	obj->log_level = a.log_level;
	return obj;
}

/* The object's name (name, else from path, else from its bytes) and pin
 * root (pin_root, else /sys/fs/bpf): 0, or -ENAMETOOLONG (diagnostic
 * recorded) when the pin root does not fit. */
/*@ requires bl_obj_buf(obj);
    requires bl_lists_ok;
    requires bl_user_str((char *)name);
    requires bl_user_str((char *)path);
    requires bl_user_str((char *)pin_root);
    assigns obj->name[0 .. BL_OBJ_NAME_MAX - 1],
            obj->pin_root[0 .. BPFLINK_PIN_PATH_MAX - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_obj_buf(obj) && bl_lists_ok;
    ensures \result == 0 || \result == -ENAMETOOLONG;
 */
static int bl_obj_settings(struct bpf_object *obj, const char *name,
			   const char *path, const char *pin_root)
{
	static const char bl_pin_default[] = "/sys/fs/bpf";
	const char *root = (pin_root != NULL) ? pin_root : bl_pin_default;
	size_t pl;

	bl_obj_set_name(obj, name, path);
	pl = bl_strlcpy(obj->pin_root, root, sizeof(obj->pin_root));
	if (root[pl] != '\0') {
		return bl_diag(-ENAMETOOLONG, "pin_root_path too long "
			       "(BPFLINK_PIN_PATH_MAX)", NULL, NULL);
	}
	return 0;
}

/* The rest of open once obj's slot is set up (bl_obj_start): names,
 * then the parse. 0, or -errno (diagnostic recorded) and every slot of
 * obj given back. */
/*@ requires bl_obj_buf(obj) && bl_lists_ok;
    requires obj->symtab == 0 && obj->first_prog == BL_NONE_IDX;
    requires bl_user_str((char *)a.name);
    requires bl_user_str((char *)a.path);
    requires bl_user_str((char *)a.pin_root);
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result <= 0;
    ensures \result == 0 ==> bl_obj_buf(obj);
 */
static int bl_obj_fill(struct bpf_object *obj, struct bl_open_args a)
{
	int err = bl_obj_settings(obj, a.name, a.path, a.pin_root);

	if (err == 0) {
		(void)bl_diag(0, NULL, NULL, NULL);
		err = bl_obj_parse(obj);
	}
	if (err != 0) {
		obj->map_addr = NULL; /* the caller unmaps */
		bl_obj_free_slots(obj);
		return (err < 0) ? err : -EINVAL;
	}
	return 0;
}

/* An object slot set up on a's bytes and filled (bl_obj_start,
 * bl_obj_fill): its number, or -errno (diagnostic recorded; every slot
 * taken given back). */
/*@ requires bl_lists_ok;
    requires a.buf != \null && 0 < a.len &&
             \valid_read(a.buf + (0 .. a.len - 1)) && bl_apart(a.buf);
    requires bl_user_str((char *)a.name);
    requires bl_user_str((char *)a.path);
    requires bl_user_str((char *)a.pin_root);
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result < 0 || (\result < BPFLINK_MAX_OBJECTS &&
            bl_obj_buf(&bl_objects[\result]));
 */
static int bl_obj_make(struct bl_open_args a)
{
	struct bpf_object *obj;
	int err;
	const int i = bl_stack_pop(&bl_obj_st, bl_obj_free, BL_N_OBJECTS);

	if (i < 0) {
		return bl_diag(-ENOSPC, "object pool full (BPFLINK_MAX_OBJECTS)",
			       NULL, NULL);
	}
	obj = bl_obj_start((uint32_t)i, a);
	err = bl_obj_fill(obj, a);
	return (err != 0) ? err : i;
}

/* Open an object on a's bytes: its slot number, or -errno (diagnostic
 * recorded; every slot taken given back). */
/*@ requires bl_lists_ok && bl_args_ok(a);
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result < 0 || (\result < BPFLINK_MAX_OBJECTS &&
            bl_obj_buf(&bl_objects[\result]));
 */
static int bl_obj_open(struct bl_open_args a)
{
	/*@ assert bl_user_str((char *)a.name); */
	/*@ assert bl_user_str((char *)a.path); */
	/*@ assert bl_user_str((char *)a.pin_root); */
	if ((a.buf == NULL) || (a.len == 0U)) {
		return bl_diag(-EINVAL, "empty object", NULL, NULL);
	}
	if (a.unsupported) {
		return bl_diag(-EOPNOTSUPP,
			       "kconfig / btf_custom_path not supported", NULL,
			       NULL);
	}
	return bl_obj_make(a);
}

/* (The C contract, stated in include/bpf/libbpf_object.h: obj_buf holds
 * obj_buf_sz readable bytes, the opts' strings are C strings; none of
 * them is the library's own memory.) */
/*@ requires bl_lists_ok;
    requires obj_buf == \null || obj_buf_sz == 0 ||
             (\valid_read((char *)obj_buf + (0 .. obj_buf_sz - 1)) &&
              bl_capart((char *)obj_buf));
    requires opts == \null || (\valid_read(opts) &&
             bl_user_str((char *)opts->object_name) &&
             bl_user_str((char *)opts->pin_root_path));
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_last_err;
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || bl_obj_buf(\result);
 */
struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	struct bl_open_args a = bl_open_opts(opts);
	int r;

	if (a.err != 0) {
		(void)bl_set_error(bl_diag(a.err, "bad open opts", NULL, NULL));
		return NULL;
	}
	a.len = obj_buf_sz;
	if ((obj_buf != NULL) && (obj_buf_sz != 0U)) {
		a.buf = bl_obj_bytes_of(obj_buf, obj_buf_sz);
	}
	r = bl_obj_open(a);
	if (r < 0) {
		(void)bl_set_error(r);
		return NULL;
	}
	return &bl_objects[r];
}

/*@ requires bl_lists_ok;
    requires path == \null || bl_user_str((char *)path);
    requires opts == \null || (\valid_read(opts) &&
             bl_user_str((char *)opts->object_name) &&
             bl_user_str((char *)opts->pin_root_path));
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_last_err,
            bl_ghost_syscalls;
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || bl_obj_buf(\result);
 */
struct bpf_object *bpf_object__open_file(const char *path,
					 const struct bpf_object_open_opts *opts)
{
	struct bl_open_args a;
	int r;

	if (path == NULL) {
		(void)bl_set_error(-EINVAL);
		return NULL;
	}
	a = bl_open_opts(opts);
	if (a.err != 0) {
		(void)bl_set_error(a.err);
		return NULL;
	}
	a = bl_obj_map_file(path, a);
	if (a.err != 0) {
		(void)bl_set_error(bl_diag(a.err, "cannot map ", path, NULL));
		return NULL;
	}
	r = bl_obj_open(a);
	if (r < 0) {
		(void)bl_sys_munmap(a.map_addr, a.len);
		(void)bl_set_error(r);
		return NULL;
	}
	return &bl_objects[r];
}

/*@ requires bl_lists_ok;
    requires path == \null || bl_user_str((char *)path);
    assigns bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_last_err,
            bl_ghost_syscalls;
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || bl_obj_buf(\result);
 */
struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

/* Null-safe, and a no-op on an object already closed. Otherwise the fds,
 * links and BTF fd are released (bl_obj_release_fds: its contract is
 * assumed), the file mapping undone, and every slot given back: the
 * object's slot is free with empty chains, the pools' invariants hold. */
/*@ requires bl_lists_ok && bl_pool_inv;
    requires obj == \null || \valid_read(obj);
    assigns bl_ghost_syscalls, bl_lock_word, bl_link_lock_word,
            bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1],
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1],
            bl_objects[0 .. BPFLINK_MAX_OBJECTS - 1], bl_obj_st,
            bl_obj_free[0 .. BPFLINK_MAX_OBJECTS - 1];
    ensures bl_lists_ok && bl_pool_inv;
    behavior live:
      assumes obj != \null && bl_is_obj(obj) && obj->state != BL_OBJ_FREE;
      ensures obj->state == BL_OBJ_FREE && obj->map_addr == \null &&
              obj->first_prog == BL_NONE_IDX && obj->first_map == BL_NONE_IDX;
    behavior not_live:
      assumes !(obj != \null && bl_is_obj(obj) && obj->state != BL_OBJ_FREE);
      assigns \nothing;
    complete behaviors;
    disjoint behaviors;
 */
void bpf_object__close(struct bpf_object *obj)
{
	if (!bl_obj_live(obj)) {
		return;
	}
	bl_obj_release_fds(obj, false);
	if (obj->map_addr != NULL) {
		(void)bl_sys_munmap(obj->map_addr, obj->len);
	}
	obj->map_addr = NULL;
	bl_obj_free_slots(obj);
}

/* ---- accessors ---------------------------------------------------------- */
/* (Errors are recorded with bl_set_error and NULL returned, as bl_err_ptr
 * does: WP's typed model does not follow its void * result's conversion.) */

/*@ requires obj == \null || \valid_read(obj);
    assigns bl_last_err;
    ensures \result == \null ==> bl_last_err == -EINVAL;
    ensures \result != \null ==> bl_is_obj(obj) && \result == &obj->name[0];
 */
const char *bpf_object__name(const struct bpf_object *obj)
{
	if (!bl_obj_live(obj)) {
		(void)bl_set_error(-EINVAL);
		return NULL;
	}
	return obj->name;
}

/*@ requires obj == \null || \valid_read(obj);
    assigns bl_last_err;
    ensures \result == \null ==> bl_last_err == -EINVAL;
 */
const char *bpf_object__license(const struct bpf_object *obj)
{
	if (!bl_obj_live(obj)) {
		(void)bl_set_error(-EINVAL);
		return NULL;
	}
	return (obj->license != NULL) ? obj->license : "";
}

/*@ requires obj == \null || \valid_read(obj);
    assigns \nothing; */
unsigned int bpf_object__kversion(const struct bpf_object *obj)
{
	return bl_obj_live(obj) ? obj->kern_version : 0U;
}

/* (a and b compared as const pointers: no conversion for WP's model) */
/*@ assigns \nothing;
    ensures \result <==> a == b; */
static bool bl_same_obj(const struct bpf_object *a,
			const struct bpf_object *b)
{
	return a == b;
}

/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires prev == \null || \valid_read(prev);
    assigns \nothing;
    ensures \result == \null || (\valid(\result) &&
            \base_addr(\result) == \base_addr(&bl_progs[0]));
 */
struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prev)
{
	uint16_t i;

	if (!bl_obj_live(obj)) {
		return NULL;
	}
	if (prev == NULL) {
		i = obj->first_prog;
	} else if (bl_prog_live(prev) && bl_same_obj(prev->obj, obj)) {
		i = prev->next;
	} else {
		return NULL;
	}
	return (i == BL_NONE_IDX) ? NULL : &bl_progs[i];
}

/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires prev == \null || \valid_read(prev);
    assigns \nothing;
    ensures \result == \null || (\valid(\result) &&
            \base_addr(\result) == \base_addr(&bl_maps[0]));
 */
struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
				     const struct bpf_map *prev)
{
	uint16_t i;

	if (!bl_obj_live(obj)) {
		return NULL;
	}
	if (prev == NULL) {
		i = obj->first_map;
	} else if (bl_map_live(prev) && bl_same_obj(prev->obj, obj)) {
		i = prev->next;
	} else {
		return NULL;
	}
	return (i == BL_NONE_IDX) ? NULL : &bl_maps[i];
}

/* The slot of obj's program named name, or -EINVAL (obj not live, name
 * NULL) or -ENOENT. The walk is bpf_object__next_program's, bounded by the
 * pool size. The caller's name is bl_streq's first argument: its NUL is
 * the precondition; the stored name is a C string from open (assumed:
 * proofs/loader/README.md). */
/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires name == \null || bl_cstr((char *)name);
    assigns \nothing;
    ensures \result == -EINVAL || \result == -ENOENT ||
            0 <= \result < BPFLINK_MAX_PROGS;
 */
static int bl_find_prog(const struct bpf_object *obj, const char *name)
{
	uint16_t i;

	if (!bl_obj_live(obj) || (name == NULL)) {
		return -EINVAL;
	}
	i = obj->first_prog;
	/*@ loop invariant 0 <= s <= BL_N_PROGS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_PROGS);
	    loop assigns s, i;
	    loop variant BL_N_PROGS - s; */
	for (uint32_t s = 0U; (s < BL_N_PROGS) && (i != BL_NONE_IDX); s++) {
		if (bl_streq(name, bl_progs[i].name)) {
			return (int)i;
		}
		i = bl_progs[i].next;
	}
	return -ENOENT;
}

/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires name == \null || bl_cstr((char *)name);
    assigns bl_last_err;
    ensures \result == \null ==> (bl_last_err == -EINVAL ||
                                  bl_last_err == -ENOENT);
    ensures \result == \null || (\valid(\result) &&
            \base_addr(\result) == \base_addr(&bl_progs[0]));
 */
struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name)
{
	const int r = bl_find_prog(obj, name);

	if (r < 0) {
		(void)bl_set_error(r);
		return NULL;
	}
	return &bl_progs[r];
}

/* The slot of obj's map named name (its ELF name, else its kernel name),
 * or -EINVAL / -ENOENT, as bl_find_prog. */
/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires name == \null || bl_cstr((char *)name);
    assigns \nothing;
    ensures \result == -EINVAL || \result == -ENOENT ||
            0 <= \result < BPFLINK_MAX_MAPS;
 */
static int bl_find_map(const struct bpf_object *obj, const char *name)
{
	uint16_t i;

	if (!bl_obj_live(obj) || (name == NULL)) {
		return -EINVAL;
	}
	i = obj->first_map;
	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS);
	    loop assigns s, i;
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		const struct bpf_map *m = &bl_maps[i];

		if (((m->real_name != NULL) && bl_streq(name, m->real_name)) ||
		    bl_streq(name, m->name)) {
			return (int)i;
		}
		i = m->next;
	}
	return -ENOENT;
}

/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires name == \null || bl_cstr((char *)name);
    assigns bl_last_err;
    ensures \result == \null ==> (bl_last_err == -EINVAL ||
                                  bl_last_err == -ENOENT);
    ensures \result == \null || (\valid(\result) &&
            \base_addr(\result) == \base_addr(&bl_maps[0]));
 */
struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj,
					     const char *name)
{
	const int r = bl_find_map(obj, name);

	if (r < 0) {
		(void)bl_set_error(r);
		return NULL;
	}
	return &bl_maps[r];
}

/*@ requires bl_lists_ok;
    requires obj == \null || \valid_read(obj);
    requires name == \null || bl_cstr((char *)name);
    assigns bl_last_err;
 */
int bpf_object__find_map_fd_by_name(const struct bpf_object *obj,
				    const char *name)
{
	const int r = bl_find_map(obj, name);

	if (r < 0) {
		return bl_set_error(r);
	}
	return bl_maps[r].fd;
}

void bpflink_object_pool_stats(struct bpflink_object_pool_stats *st)
{
	if (st == NULL) {
		return;
	}
	bl_pool_acquire();
	bl_stack_init(&bl_obj_st, bl_obj_free, BL_N_OBJECTS);
	bl_stack_init(&bl_prog_st, bl_prog_free, BL_N_PROGS);
	bl_stack_init(&bl_map_st, bl_map_free, BL_N_MAPS);
	st->objects_cap = BL_N_OBJECTS;
	st->programs_cap = BL_N_PROGS;
	st->maps_cap = BL_N_MAPS;
	st->objects = BL_N_OBJECTS - bl_obj_st.nfree;
	st->programs = BL_N_PROGS - bl_prog_st.nfree;
	st->maps = BL_N_MAPS - bl_map_st.nfree;
	st->arena_insns = BPFLINK_INSN_ARENA;
	bl_pool_release();
}

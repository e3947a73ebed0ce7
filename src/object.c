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

struct bpf_object bl_objects[BPFLINK_MAX_OBJECTS];
struct bpf_program bl_progs[BPFLINK_MAX_PROGS];
struct bpf_map bl_maps[BPFLINK_MAX_MAPS];

struct bl_free_stack {
	uint32_t ready;
	uint32_t nfree;
};
static struct bl_free_stack bl_obj_st;
static struct bl_free_stack bl_prog_st;
static struct bl_free_stack bl_map_st;
static uint16_t bl_obj_free[BPFLINK_MAX_OBJECTS];
static uint16_t bl_prog_free[BPFLINK_MAX_PROGS];
static uint16_t bl_map_free[BPFLINK_MAX_MAPS];

static char bl_diag_buf[BL_DIAG_MAX];
static int bl_arena_lock_word;

/* ---- small helpers ------------------------------------------------------ */

bool bl_has_prefix(const char *s, const char *pfx)
{
	size_t i = 0;

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
	while ((src != NULL) && (src[i] != '\0') && ((i + 1U) < cap)) {
		dst[i] = src[i];
		i++;
	}
	dst[i] = '\0';
	return i;
}

int bl_diag(int err, const char *a, const char *b, const char *c)
{
	const char *parts[3] = { a, b, c };
	size_t n = 0;

	for (uint32_t k = 0; k < 3U; k++) {
		const char *s = parts[k];
		size_t i = 0;

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

const char *bl_obj_sec_name(const struct bpf_object *obj, uint32_t idx)
{
	struct bl_elf_shdr sh;
	size_t at;
	size_t n;

	if ((bl_elf_shdr(&obj->elf, idx, &sh) != 0) ||
	    (bl_elf_sec_name(&obj->elf, &sh, &at, &n) != 0)) {
		return NULL;
	}
	return bl_obj_str(obj, at);
}

void bl_obj_lock(void)
{
	for (;;) {
		if (__atomic_exchange_n(&bl_arena_lock_word, 1,
					__ATOMIC_ACQUIRE) == 0) {
			return;
		}
		while (__atomic_load_n(&bl_arena_lock_word, __ATOMIC_RELAXED) !=
		       0) {
			/* spin until the holder releases it */
		}
	}
}

void bl_obj_unlock(void)
{
	__atomic_store_n(&bl_arena_lock_word, 0, __ATOMIC_RELEASE);
}

/* ---- pools -------------------------------------------------------------- */

static void bl_stack_init(struct bl_free_stack *st, uint16_t *fr, uint32_t n)
{
	if (st->ready != 0U) {
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t slot = (n - 1U) - i; /* slot 0 is handed out first */

		fr[i] = (uint16_t)slot;
	}
	st->nfree = n;
	st->ready = 1U;
}

static int bl_stack_pop(struct bl_free_stack *st, uint16_t *fr, uint32_t n)
{
	int idx = -1;

	bl_lock_acquire();
	bl_stack_init(st, fr, n);
	if (st->nfree > 0U) {
		st->nfree--;
		idx = (int)fr[st->nfree];
	}
	bl_lock_release();
	return idx;
}

static void bl_stack_push(struct bl_free_stack *st, uint16_t *fr, uint32_t idx)
{
	bl_lock_acquire();
	fr[st->nfree] = (uint16_t)idx;
	st->nfree++;
	bl_lock_release();
}

bool bl_obj_live(const struct bpf_object *obj)
{
	return (obj != NULL) && (obj->index < BL_N_OBJECTS) &&
	       (obj == &bl_objects[obj->index]) && (obj->state != BL_OBJ_FREE);
}

bool bl_prog_live(const struct bpf_program *prog)
{
	return (prog != NULL) && (prog->index < BL_N_PROGS) &&
	       (prog == &bl_progs[prog->index]) && (prog->state != 0U) &&
	       bl_obj_live(prog->obj);
}

bool bl_map_live(const struct bpf_map *map)
{
	return (map != NULL) && (map->index < BL_N_MAPS) &&
	       (map == &bl_maps[map->index]) && (map->state != 0U) &&
	       bl_obj_live(map->obj);
}

struct bpf_program *bl_prog_alloc(struct bpf_object *obj)
{
	int i = bl_stack_pop(&bl_prog_st, bl_prog_free, BL_N_PROGS);
	struct bpf_program *p;
	uint32_t gen;

	if (i < 0) {
		(void)bl_diag(0, "program pool full (BPFLINK_MAX_PROGS)", NULL,
			      NULL);
		return NULL;
	}
	p = &bl_progs[i];
	gen = p->generation;
	__builtin_memset(p, 0, sizeof(*p));
	p->index = (uint32_t)i;
	p->generation = gen;
	p->state = 1U;
	p->obj = obj;
	p->next = BL_NONE_IDX;
	p->sec_def = BL_NONE_IDX;
	p->fd = -1;
	p->attach_prog_fd = 0;
	p->autoload = true;
	p->autoattach = true;
	obj->nr_progs++;
	return p;
}

struct bpf_map *bl_map_alloc_inner(struct bpf_object *obj)
{
	int i = bl_stack_pop(&bl_map_st, bl_map_free, BL_N_MAPS);
	struct bpf_map *m;
	uint32_t gen;

	if (i < 0) {
		(void)bl_diag(0, "map pool full (BPFLINK_MAX_MAPS)", NULL,
			      NULL);
		return NULL;
	}
	m = &bl_maps[i];
	gen = m->generation;
	__builtin_memset(m, 0, sizeof(*m));
	m->index = (uint32_t)i;
	m->generation = gen;
	m->state = 1U;
	m->obj = obj;
	m->next = BL_NONE_IDX;
	m->inner = BL_NONE_IDX;
	m->fd = -1;
	m->inner_map_fd = -1;
	m->autocreate = true;
	return m;
}

struct bpf_map *bl_map_alloc(struct bpf_object *obj)
{
	struct bpf_map *m = bl_map_alloc_inner(obj);

	if (m == NULL) {
		return NULL;
	}
	/* chain at the end: maps keep ELF order */
	if (obj->first_map == BL_NONE_IDX) {
		obj->first_map = (uint16_t)m->index;
	} else {
		struct bpf_map *t = &bl_maps[obj->first_map];

		while (t->next != BL_NONE_IDX) {
			t = &bl_maps[t->next];
		}
		t->next = (uint16_t)m->index;
	}
	obj->nr_maps++;
	return m;
}

static void bl_map_free_slot(uint16_t i)
{
	struct bpf_map *m = &bl_maps[i];

	m->state = 0U;
	m->generation++;
	bl_stack_push(&bl_map_st, bl_map_free, i);
}

/* Give back every slot of obj (its fds already closed). */
static void bl_obj_free_slots(struct bpf_object *obj)
{
	uint16_t i = obj->first_prog;

	while (i != BL_NONE_IDX) {
		struct bpf_program *p = &bl_progs[i];
		uint16_t nx = p->next;

		p->state = 0U;
		p->generation++;
		bl_stack_push(&bl_prog_st, bl_prog_free, i);
		i = nx;
	}
	i = obj->first_map;
	while (i != BL_NONE_IDX) {
		struct bpf_map *m = &bl_maps[i];
		uint16_t nx = m->next;

		if (m->inner != BL_NONE_IDX) {
			bl_map_free_slot(m->inner);
		}
		bl_map_free_slot(i);
		i = nx;
	}
	obj->first_prog = BL_NONE_IDX;
	obj->first_map = BL_NONE_IDX;
	obj->state = BL_OBJ_FREE;
	obj->generation++;
	bl_stack_push(&bl_obj_st, bl_obj_free, obj->index);
}

/* ---- open --------------------------------------------------------------- */

static void bl_hex(char *dst, size_t *n, size_t cap, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	uint32_t k = 0;
	uint64_t x = v;

	do {
		tmp[k] = digits[x & 15U];
		k++;
		x >>= 4U;
	} while ((x != 0U) && (k < 16U));
	while ((k > 0U) && ((*n + 1U) < cap)) {
		k--;
		dst[*n] = tmp[k];
		(*n)++;
	}
	dst[*n] = '\0';
}

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

		for (size_t i = 0; path[i] != '\0'; i++) {
			if (path[i] == '/') {
				b = i + 1U;
			}
		}
		while ((path[b + n] != '\0') && (path[b + n] != '.') &&
		       ((n + 1U) < sizeof(obj->name))) {
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

/* Insert prog into obj's list, ordered by (section, offset). */
static void bl_prog_insert(struct bpf_object *obj, struct bpf_program *p)
{
	uint16_t *link = &obj->first_prog;

	while (*link != BL_NONE_IDX) {
		struct bpf_program *q = &bl_progs[*link];

		if ((q->shndx > p->shndx) ||
		    ((q->shndx == p->shndx) && (q->insn_off > p->insn_off))) {
			break;
		}
		link = &q->next;
	}
	p->next = *link;
	*link = (uint16_t)p->index;
}

static int bl_obj_add_prog(struct bpf_object *obj, uint32_t shndx,
			   const struct bl_elf_shdr *sh, const char *sec,
			   const struct bl_elf_sym *sym)
{
	struct bpf_program *p;
	size_t at;
	size_t n;

	if (bl_elf_sym_name(&obj->elf, obj->symtab, sym, &at, &n) != 0) {
		return bl_diag(-EINVAL, "bad symbol name in ", sec, NULL);
	}
	if (((sym->value % 8U) != 0U) || ((sym->size % 8U) != 0U) ||
	    (sym->size == 0U) || (sym->value > sh->size) ||
	    (sym->size > (sh->size - sym->value))) {
		return bl_diag(-EINVAL, "program ", bl_obj_str(obj, at),
			       ": symbol outside its section");
	}
	if ((sym->info >> 4U) == BL_STB_LOCAL) {
		return bl_diag(-EOPNOTSUPP, "program ", bl_obj_str(obj, at),
			       " is static (as libbpf, not supported)");
	}
	p = bl_prog_alloc(obj);
	if (p == NULL) {
		return -ENOSPC;
	}
	p->shndx = shndx;
	p->insn_off = (uint32_t)(sym->value / 8U);
	p->insn_cnt = (uint32_t)(sym->size / 8U);
	p->name = bl_obj_str(obj, at);
	p->sec_name = sec;
	p->sec_def = bl_sec_find(sec);
	if (p->sec_def != BL_NONE_IDX) {
		const struct bl_sec_def *d = &bl_sec_defs[p->sec_def];

		p->type = d->prog_type;
		p->expected_attach_type = d->attach_type;
		if ((d->flags & BL_SEC_SLEEPABLE) != 0U) {
			p->prog_flags |= BPF_F_SLEEPABLE;
		}
		if ((d->flags & BL_SEC_XDP_FRAGS) != 0U) {
			p->prog_flags |= BPF_F_XDP_HAS_FRAGS;
		}
	}
	bl_prog_insert(obj, p);
	return 0;
}

/* Programs of the executable section shndx: one per function symbol. */
static int bl_obj_sec_progs(struct bpf_object *obj, uint32_t shndx,
			    const struct bl_elf_shdr *sh, const char *sec)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	uint64_t nsyms;
	int err;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	nsyms = st.size / BL_ELF_SYM_SIZE;
	for (uint64_t i = 1; i < nsyms; i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return bl_diag(-EINVAL, "bad symbol table", NULL, NULL);
		}
		if ((sym.shndx != shndx) || ((sym.info & 15U) != BL_STT_FUNC)) {
			continue;
		}
		err = bl_obj_add_prog(obj, shndx, sh, sec, &sym);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

static int bl_obj_note_sec(struct bpf_object *obj, uint32_t i,
			   const struct bl_elf_shdr *sh, const char *name)
{
	/* a NOBITS section's offset is not checked against the buffer */
	const uint8_t *b =
		(sh->type == BL_SHT_NOBITS) ? obj->buf : &obj->buf[sh->offset];

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
		uint64_t k = 0;

		while ((k < sh->size) && (b[k] != 0U)) {
			k++;
		}
		if (k == sh->size) {
			return bl_diag(-EINVAL, "license is not NUL-terminated",
				       NULL, NULL);
		}
		obj->license = (const char *)b;
	} else if (bl_streq(name, "version") && (sh->type != BL_SHT_NOBITS)) {
		if (sh->size != 4U) {
			return bl_diag(-EINVAL, "version section is not 4 bytes",
				       NULL, NULL);
		}
		obj->kern_version =
			((uint32_t)b[0]) | (((uint32_t)b[1]) << 8U) |
			(((uint32_t)b[2]) << 16U) | (((uint32_t)b[3]) << 24U);
	} else {
		/* any other section: nothing to note here */
	}
	return 0;
}

static int bl_obj_parse(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	int err = bl_elf_init(&obj->elf, obj->buf, obj->len);

	if (err != 0) {
		return bl_diag(err,
			       (err == -ENOEXEC) ? "not an ELF64 LE file"
						 : "malformed ELF header",
			       NULL, NULL);
	}
	if ((obj->elf.machine != BL_EM_BPF) || (obj->elf.type != BL_ET_REL)) {
		return bl_diag(-ENOEXEC, "not a BPF relocatable object", NULL,
			       NULL);
	}
	for (uint32_t i = 1; i < obj->elf.shnum; i++) {
		if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
			return bl_diag(-EINVAL, "section header out of bounds",
				       NULL, NULL);
		}
		const char *name = bl_obj_sec_name(obj, i);

		if (name == NULL) {
			return bl_diag(-EINVAL, "bad section name", NULL, NULL);
		}
		err = bl_obj_note_sec(obj, i, &sh, name);
		if (err != 0) {
			return err;
		}
	}
	if (obj->symtab == 0U) {
		return bl_diag(-EINVAL, "no symbol table", NULL, NULL);
	}
	for (uint32_t i = 1; i < obj->elf.shnum; i++) {
		if (bl_elf_shdr(&obj->elf, i, &sh) != 0) {
			return -EINVAL;
		}
		if ((sh.type != BL_SHT_PROGBITS) ||
		    ((sh.flags & BL_SHF_EXECINSTR) == 0U) ||
		    (i == obj->text_shndx) || (sh.size == 0U)) {
			continue;
		}
		err = bl_obj_sec_progs(obj, i, &sh, bl_obj_sec_name(obj, i));
		if (err != 0) {
			return err;
		}
	}
	return bl_obj_collect_maps(obj);
}

static struct bpf_object *bl_obj_open(const void *buf, size_t len,
				      void *map_addr, const char *path,
				      const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	const char *pin_root;
	uint32_t gen;
	int i;
	int err;

	err = BL_OPTS_VALID(opts, bpf_object_open_opts,
			    bpf_object_open_opts__last_field);
	if (err != 0) {
		return bl_err_ptr(bl_diag(err, "bad open opts", NULL, NULL));
	}
	if ((buf == NULL) || (len == 0U)) {
		return bl_err_ptr(bl_diag(-EINVAL, "empty object", NULL, NULL));
	}
	if ((BL_OPT(opts, bpf_object_open_opts, kconfig, NULL) != NULL) ||
	    (BL_OPT(opts, bpf_object_open_opts, btf_custom_path, NULL) !=
	     NULL)) {
		return bl_err_ptr(bl_diag(-EOPNOTSUPP,
					  "kconfig / btf_custom_path not supported",
					  NULL, NULL));
	}
	i = bl_stack_pop(&bl_obj_st, bl_obj_free, BL_N_OBJECTS);
	if (i < 0) {
		return bl_err_ptr(bl_diag(-ENOSPC,
					  "object pool full (BPFLINK_MAX_OBJECTS)",
					  NULL, NULL));
	}
	obj = &bl_objects[i];
	gen = obj->generation;
	__builtin_memset(obj, 0, sizeof(*obj));
	obj->index = (uint32_t)i;
	obj->generation = gen;
	obj->state = BL_OBJ_OPEN;
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the caller's object bytes, read as bytes, bounded by len */
	obj->buf = buf;
	obj->len = len;
	obj->map_addr = map_addr;
	obj->first_prog = BL_NONE_IDX;
	obj->first_map = BL_NONE_IDX;
	bl_obj_set_name(obj, BL_OPT(opts, bpf_object_open_opts, object_name,
				    NULL), path);
	pin_root = BL_OPT(opts, bpf_object_open_opts, pin_root_path, NULL);
	if (pin_root == NULL) {
		pin_root = "/sys/fs/bpf";
	}
	if ((bl_cstrlen(pin_root) + 1U) >= sizeof(obj->pin_root)) {
		err = bl_diag(-ENAMETOOLONG, "pin_root_path too long "
			      "(BPFLINK_PIN_PATH_MAX)", NULL, NULL);
	} else {
		(void)bl_strlcpy(obj->pin_root, pin_root,
				 sizeof(obj->pin_root));
	}
	obj->log_buf = BL_OPT(opts, bpf_object_open_opts, kernel_log_buf, NULL);
	obj->log_size = BL_OPT(opts, bpf_object_open_opts, kernel_log_size, 0U);
	obj->log_level =
		BL_OPT(opts, bpf_object_open_opts, kernel_log_level, 0U);
	if (err == 0) {
		(void)bl_diag(0, NULL, NULL, NULL);
		err = bl_obj_parse(obj);
	}
	if (err != 0) {
		obj->map_addr = NULL; /* the caller unmaps */
		bl_obj_free_slots(obj);
		return bl_err_ptr(err);
	}
	return obj;
}

struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	return bl_obj_open(obj_buf, obj_buf_sz, NULL, NULL, opts);
}

struct bpf_object *bpf_object__open_file(const char *path,
					 const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	void *addr;
	size_t len;
	int err;

	if (path == NULL) {
		return bl_err_ptr(-EINVAL);
	}
	err = BL_OPTS_VALID(opts, bpf_object_open_opts,
			    bpf_object_open_opts__last_field);
	if (err != 0) {
		return bl_err_ptr(err);
	}
	err = bl_file_map(path, &addr, &len);
	if (err != 0) {
		return bl_err_ptr(bl_diag(err, "cannot map ", path, NULL));
	}
	obj = bl_obj_open(addr, len, addr, path, opts);
	if (obj == NULL) {
		err = bpflink_last_error();
		(void)bl_sys_munmap(addr, len);
		return bl_err_ptr(err);
	}
	return obj;
}

struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

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

const char *bpf_object__name(const struct bpf_object *obj)
{
	return bl_obj_live(obj) ? obj->name : bl_err_ptr(-EINVAL);
}

const char *bpf_object__license(const struct bpf_object *obj)
{
	if (!bl_obj_live(obj)) {
		return bl_err_ptr(-EINVAL);
	}
	return (obj->license != NULL) ? obj->license : "";
}

unsigned int bpf_object__kversion(const struct bpf_object *obj)
{
	return bl_obj_live(obj) ? obj->kern_version : 0U;
}

struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prev)
{
	uint16_t i;

	if (!bl_obj_live(obj)) {
		return NULL;
	}
	if (prev == NULL) {
		i = obj->first_prog;
	} else if (bl_prog_live(prev) && (prev->obj == obj)) {
		i = prev->next;
	} else {
		return NULL;
	}
	return (i == BL_NONE_IDX) ? NULL : &bl_progs[i];
}

struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
				     const struct bpf_map *prev)
{
	uint16_t i;

	if (!bl_obj_live(obj)) {
		return NULL;
	}
	if (prev == NULL) {
		i = obj->first_map;
	} else if (bl_map_live(prev) && (prev->obj == obj)) {
		i = prev->next;
	} else {
		return NULL;
	}
	return (i == BL_NONE_IDX) ? NULL : &bl_maps[i];
}

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name)
{
	struct bpf_program *p;

	if (!bl_obj_live(obj) || (name == NULL)) {
		return bl_err_ptr(-EINVAL);
	}
	bpf_object__for_each_program(p, obj) {
		if (bl_streq(p->name, name)) {
			return p;
		}
	}
	return bl_err_ptr(-ENOENT);
}

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj,
					     const char *name)
{
	struct bpf_map *m;

	if (!bl_obj_live(obj) || (name == NULL)) {
		return bl_err_ptr(-EINVAL);
	}
	bpf_object__for_each_map(m, obj) {
		if (((m->real_name != NULL) && bl_streq(m->real_name, name)) ||
		    bl_streq(m->name, name)) {
			return m;
		}
	}
	return bl_err_ptr(-ENOENT);
}

int bpf_object__find_map_fd_by_name(const struct bpf_object *obj,
				    const char *name)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, name);

	return (m != NULL) ? m->fd : bpflink_last_error();
}

void bpflink_object_pool_stats(struct bpflink_object_pool_stats *st)
{
	if (st == NULL) {
		return;
	}
	bl_lock_acquire();
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
	bl_lock_release();
}

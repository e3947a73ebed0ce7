/* The object loader's internal API: objects, programs and maps in fixed
 * static pools, and the steps of open and load shared by src/object*.c,
 * src/program_attach.c.
 *
 * Invariants:
 * - an object's bytes are never copied: open_mem uses the caller's buffer
 *   in place (it must outlive the object), open_file maps the file with
 *   mmap(PROT_READ, MAP_PRIVATE) and unmaps it at close; every name a
 *   program or map reports points into those bytes (the ELF reader checked
 *   that it is NUL-terminated inside its string table) or into the slot;
 * - instructions are copied only at load, one program at a time, into a
 *   bounded static arena (BPFLINK_INSN_ARENA instructions) where they are
 *   relocated and handed to BPF_PROG_LOAD; the arena is guarded by a lock
 *   held for the whole load;
 * - programs and maps of an object are chained by slot index (next) in
 *   ELF order; a free slot has state 0; every fd is -1 when absent;
 * - a failed open leaves every pool as it was; a failed load closes every
 *   fd it made (and removes pins it made) before returning.
 */
#ifndef BPFLINK_OBJECT_H
#define BPFLINK_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpflink.h"
#include "btf.h"
#include "elf.h"
#include "link.h" /* bl_last_err (ACSL) */
#include "tracefs.h" /* bl_streq */

#ifndef BPFLINK_MAX_OBJECTS
#define BPFLINK_MAX_OBJECTS 8
#endif
#ifndef BPFLINK_MAX_PROGS
#define BPFLINK_MAX_PROGS 64
#endif
#ifndef BPFLINK_MAX_MAPS
#define BPFLINK_MAX_MAPS 64
#endif
#ifndef BPFLINK_INSN_ARENA
#define BPFLINK_INSN_ARENA 8192 /* instructions (64 KiB) */
#endif
#ifndef BPFLINK_MAX_SUBPROGS
#define BPFLINK_MAX_SUBPROGS 64 /* functions appended to one program */
#endif

#ifndef BPFLINK_MAX_SECTIONS
#define BPFLINK_MAX_SECTIONS 256 /* sections with bytes in one object */
#endif
#if BPFLINK_MAX_SECTIONS < 2 || BPFLINK_MAX_SECTIONS > 65536
#error "BPFLINK_MAX_SECTIONS must be 2..65536"
#endif

#ifndef BPFLINK_BTF_ARENA
#define BPFLINK_BTF_ARENA 131072 /* bytes: the largest .BTF loaded */
#endif
#ifndef BPFLINK_LINE_INFO
#define BPFLINK_LINE_INFO 4096 /* line_info records of one program */
#endif

#ifndef BPFLINK_KCONFIG_SIZE
#define BPFLINK_KCONFIG_SIZE 512 /* bytes: the .kconfig externs of a load */
#endif
#if BPFLINK_KCONFIG_SIZE < 8 || BPFLINK_KCONFIG_SIZE > 65536
#error "BPFLINK_KCONFIG_SIZE must be 8..65536"
#endif

#if BPFLINK_MAX_OBJECTS < 1 || BPFLINK_MAX_OBJECTS > 4096
#error "BPFLINK_MAX_OBJECTS must be 1..4096"
#endif
#if BPFLINK_MAX_PROGS < 1 || BPFLINK_MAX_PROGS > 30000
#error "BPFLINK_MAX_PROGS must be 1..30000"
#endif
#if BPFLINK_MAX_MAPS < 1 || BPFLINK_MAX_MAPS > 30000
#error "BPFLINK_MAX_MAPS must be 1..30000"
#endif
#if BPFLINK_INSN_ARENA < 2 || BPFLINK_INSN_ARENA > 1000000
#error "BPFLINK_INSN_ARENA must be 2..1000000"
#endif

#if BPFLINK_BTF_ARENA < 24 || BPFLINK_BTF_ARENA > 67108864
#error "BPFLINK_BTF_ARENA must be 24..67108864"
#endif
#if BPFLINK_LINE_INFO < 1 || BPFLINK_LINE_INFO > 1000000
#error "BPFLINK_LINE_INFO must be 1..1000000"
#endif

/* The pool sizes as unsigned values, for comparisons with slot indices. */
#define BL_N_OBJECTS ((uint32_t)BPFLINK_MAX_OBJECTS)
#define BL_N_PROGS ((uint32_t)BPFLINK_MAX_PROGS)
#define BL_N_MAPS ((uint32_t)BPFLINK_MAX_MAPS)

#define BL_NONE_IDX 0xffffu
#define BL_DIAG_MAX 160U
#define BL_OBJ_NAME_MAX 64

/* The states of an object (struct bpf_object's state). */
#define BL_OBJ_FREE 0U
#define BL_OBJ_OPEN 1U
#define BL_OBJ_LOADED 2U
#define BL_OBJ_FAILED 3U /* load failed: only close is left */

/* The kinds of map (struct bpf_map's kind). */
#define BL_MAP_BTF 1U    /* BTF-defined, in .maps */
#define BL_MAP_LEGACY 2U /* struct bpf_map_def in "maps" */
#define BL_MAP_DATA 3U   /* .data, .data.* */
#define BL_MAP_RODATA 4U /* .rodata, .rodata.*, frozen after load */
#define BL_MAP_BSS 5U    /* .bss, .bss.* */
#define BL_MAP_KCONFIG 6U /* .kconfig externs, frozen after load */

/* How bpf_program__attach attaches a program (from its SEC()). */
enum bl_auto {
	BL_AUTO_NONE = 0,
	BL_AUTO_KPROBE,
	BL_AUTO_KRETPROBE,
	BL_AUTO_UPROBE,
	BL_AUTO_URETPROBE,
	BL_AUTO_UPROBE_MULTI,
	BL_AUTO_URETPROBE_MULTI,
	BL_AUTO_KSYSCALL,
	BL_AUTO_KRETSYSCALL,
	BL_AUTO_TP,
	BL_AUTO_RAW_TP,
	BL_AUTO_TRACE,
	BL_AUTO_LSM,
	BL_AUTO_ITER,
};

/* Flags of a SEC() definition. */
#define BL_SEC_PLUS 0x01U	 /* "name" or "name/extra" */
#define BL_SEC_SLEEPABLE 0x02U
#define BL_SEC_ATTACH_BTF 0x04U /* needs attach_btf_id from vmlinux BTF */
#define BL_SEC_XDP_FRAGS 0x08U
#define BL_SEC_PREFIX 0x10U	 /* "name/..." only */

/* The number of entries of the SEC() table (src/object_sec.c): one more
 * initialiser is a compile error, one fewer a MISRA 9.3 finding. */
#define BL_SEC_DEFS_N 99U

struct bl_sec_def {
	const char *prefix;
	uint16_t prog_type;
	uint16_t attach_type;
	uint8_t flags;
	enum bl_auto autoattach;
};

/* One part (func_info or line_info) of .BTF.ext, checked: records of
 * rec bytes in blocks {sec_name_off, num_info, records}, at [off, off+len)
 * of the section's bytes; len 0 when absent. */
struct bl_ext_part {
	uint64_t off;
	uint64_t len;
	uint32_t rec;
};

struct bpf_object {
	uint32_t index;
	uint32_t generation;
	uint32_t state; /* BL_OBJ_* */
	struct bl_elf elf;
	const uint8_t *buf;
	size_t len;
	void *map_addr; /* open_file: the private mapping to unmap */
	uint32_t symtab;
	uint32_t text_shndx;
	uint32_t maps_shndx;	    /* .maps, 0 when none */
	uint32_t legacy_maps_shndx; /* maps, 0 when none */
	uint32_t btf_shndx;
	uint32_t btf_ext_shndx;
	struct bl_ext_part ext_func; /* set by bl_obj_btf_check at load */
	struct bl_ext_part ext_line;
	int btf_fd;	  /* valid when btf_loaded */
	bool btf_loaded; /* false from open (zeroed slot) */
	const char *license;
	uint32_t kern_version;
	uint16_t first_prog;
	uint16_t first_map;
	uint16_t nr_progs;
	uint16_t nr_maps;
	char *log_buf;
	size_t log_size;
	uint32_t log_level;
	char pin_root[BPFLINK_PIN_PATH_MAX];
	char name[BL_OBJ_NAME_MAX];
};

struct bpf_program {
	uint32_t index;
	uint32_t generation;
	uint32_t state; /* 0 free, 1 live */
	struct bpf_object *obj;
	uint16_t next;
	uint16_t sec_def; /* index in bl_sec_defs, BL_NONE_IDX when unknown */
	uint32_t shndx;
	uint32_t insn_off; /* first instruction inside its section */
	uint32_t insn_cnt; /* as in the ELF; after load, as loaded */
	const char *name;
	const char *sec_name;
	uint32_t type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;
	bool autoload;
	bool autoattach;
	int fd;
	struct bpf_link *link; /* made by bpf_object__attach */
	int attach_prog_fd;
	uint32_t attach_btf_id;
	const char *attach_target; /* set_attach_target's name, or NULL */
	char *log_buf;
	size_t log_size;
	uint32_t log_level;
};

struct bpf_map {
	uint32_t index;
	uint32_t generation;
	uint32_t state; /* 0 free, 1 live */
	struct bpf_object *obj;
	uint16_t next;
	uint8_t kind; /* BL_MAP_* */
	bool frozen_ro;
	uint32_t shndx;	  /* section of the definition or data */
	uint64_t sec_off; /* offset of the definition in its section */
	const char *real_name;
	char name[16]; /* the kernel's name (BPF_OBJ_NAME_LEN) */
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;
	uint32_t pinning;
	uint64_t map_extra;
	uint32_t btf_key_type_id;   /* from the definition's key / value */
	uint32_t btf_value_type_id; /* (data maps: the DATASEC, at load) */
	const void *init; /* initial value (value_size bytes) or NULL */
	int fd;
	bool reused;
	bool autocreate;
	bool pinned_by_us;
	bool made_pin_dir; /* the pin's parent directory was made by us */
	bool is_inner;	   /* a map-in-map's inner template (not chained) */
	uint16_t inner;	   /* slot of the inner template, or BL_NONE_IDX */
	int inner_map_fd;  /* bpf_map__set_inner_map_fd's (the caller's), -1 */
	uint32_t values_off; /* offset of `values` in the definition, 0: none */
	uint64_t sec_size;   /* size of the definition's symbol */
	void *mmaped;
	char pin_path[BPFLINK_PIN_PATH_MAX];
};

/* Hidden: the library is built -fPIC, and data declared elsewhere would
 * otherwise be reached through a GOT the archive does not provide. */
#ifdef __FRAMAC__
#define BL_HIDDEN /* Frama-C types the attribute into the pointer type */
#else
#define BL_HIDDEN __attribute__((visibility("hidden")))
#endif
extern BL_HIDDEN struct bpf_object bl_objects[BPFLINK_MAX_OBJECTS];
extern BL_HIDDEN struct bpf_program bl_progs[BPFLINK_MAX_PROGS];
extern BL_HIDDEN struct bpf_map bl_maps[BPFLINK_MAX_MAPS];
extern BL_HIDDEN const struct bl_sec_def bl_sec_defs[BL_SEC_DEFS_N];
/* The last diagnostic (bpflink_object_diag). */
extern BL_HIDDEN char bl_diag_buf[BL_DIAG_MAX];

/* The pools' free stacks (src/object.c): slot numbers, free ones in
 * [0, nfree), the last slot handed out first. */
struct bl_free_stack {
	uint32_t ready;
	uint32_t nfree;
};
extern BL_HIDDEN struct bl_free_stack bl_obj_st;
extern BL_HIDDEN struct bl_free_stack bl_prog_st;
extern BL_HIDDEN struct bl_free_stack bl_map_st;
extern BL_HIDDEN uint16_t bl_obj_free[BPFLINK_MAX_OBJECTS];
extern BL_HIDDEN uint16_t bl_prog_free[BPFLINK_MAX_PROGS];
extern BL_HIDDEN uint16_t bl_map_free[BPFLINK_MAX_MAPS];

/* The pools' spin lock (src/object_lock.c; the link pool has its own,
 * bl_link_lock_word): held for a few instructions around a free stack's
 * change, never across a system call. Apart from the link pool's lock so
 * that it lies on the page of the free stacks (src/object_mem.c); the
 * loader never holds it while it takes the link pool's. The proofs assume
 * mutual exclusion between a matching acquire and release. */
extern BL_HIDDEN int bl_lock_word;
#ifdef __FRAMAC__
/*@ assigns bl_lock_word; */
void bl_pool_acquire(void);
/*@ assigns bl_lock_word; */
void bl_pool_release(void);
#else
static inline void bl_pool_acquire(void)
{
	if (__atomic_exchange_n(&bl_lock_word, 1, __ATOMIC_ACQUIRE) != 0) {
		bl_spin_acquire(&bl_lock_word);
	}
}

static inline void bl_pool_release(void)
{
	__atomic_store_n(&bl_lock_word, 0, __ATOMIC_RELEASE);
}
#endif
/* The arena lock's word (bl_obj_lock, src/object_lock.c). */
extern BL_HIDDEN int bl_arena_lock_word;
/* src/object_reloc.c: the SHT_REL sections of the object being loaded, found by one walk of
 * the section headers per load (the key: the object's slot and its
 * generation, which grows at each release) instead of one walk per
 * function: their indices and targets (sh_info) in section order. n >
 * BL_RELS_N: more than that, each function walks the headers itself.
 * stop: 0, or the first section whose header the reader refuses (a walk
 * ends there with -EINVAL, as the walk over the headers does). Any n is
 * safe: the entries are read only when n <= BL_RELS_N, and a section
 * index is checked again by the reader. */
#define BL_RELS_N 32U
struct bl_rels {
	struct bpf_object *obj;
	uint32_t gen;
	uint32_t n;
	uint32_t stop;
	uint32_t sec[BL_RELS_N];
	uint32_t info[BL_RELS_N];
};
extern BL_HIDDEN struct bl_rels bl_rels;

/* The load's scratch storage, used under the arena lock (src/object_lock.c).
 * Like the pools above, defined in src/object_mem.c, whose order of the
 * definitions keeps what one small load writes on a few pages. */
/* A function copied into the instruction arena (src/object_reloc.c). */
struct bl_func {
	uint32_t shndx;
	uint32_t start; /* first instruction in its section */
	uint32_t cnt;
	uint32_t base; /* position in the arena */
};
/* The file ranges [lo[i], hi[i]) of the n sections seen so far, sorted by
 * start and pairwise disjoint; id[i] the section's index (0 for the section
 * header table). Scratch of one check (src/object_check.c). */
struct bl_ranges {
	uint64_t lo[BPFLINK_MAX_SECTIONS];
	uint64_t hi[BPFLINK_MAX_SECTIONS];
	uint16_t id[BPFLINK_MAX_SECTIONS];
	uint32_t n;
};
/* src/object_reloc.c: the instruction arena, which of its instructions are
 * relocated, the functions copied into it and the arena's use. */
extern BL_HIDDEN struct bpf_insn bl_arena[BPFLINK_INSN_ARENA];
extern BL_HIDDEN uint8_t bl_relocated[(BPFLINK_INSN_ARENA + 7) / 8];
extern BL_HIDDEN struct bl_func bl_funcs[BPFLINK_MAX_SUBPROGS];
extern BL_HIDDEN uint32_t bl_nfuncs;
extern BL_HIDDEN uint32_t bl_used;
/* src/object_btf.c: the copy of .BTF loaded, one program's func_info and
 * line_info. */
extern BL_HIDDEN uint8_t bl_btf_arena[BPFLINK_BTF_ARENA];
extern BL_HIDDEN struct bpf_func_info bl_finfo[BPFLINK_MAX_SUBPROGS];
extern BL_HIDDEN struct bpf_line_info bl_linfo[BPFLINK_LINE_INFO];
/* src/object_check.c: the sections' file ranges. */
extern BL_HIDDEN struct bl_ranges bl_rs;
/* src/object_kconfig.c: the .kconfig map's value and which of its bytes an
 * extern set. */
extern BL_HIDDEN uint8_t bl_kcfg_buf[BPFLINK_KCONFIG_SIZE];
extern BL_HIDDEN uint8_t bl_kcfg_set[(BPFLINK_KCONFIG_SIZE + 7) / 8];
/* Unused bytes that put each pool's last slots at the start of a page
 * (src/object_mem.c): BL_LEAD(size, hot) is what comes before an array of
 * size bytes starting on a page boundary so that its last hot bytes start
 * a page (1 .. BL_MEM_PAGE); the hot slots are the last BL_TOP(n, k). */
#define BL_MEM_PAGE 4096U
#define BL_LEAD(size, hot) (BL_MEM_PAGE - (((size) - (hot)) % BL_MEM_PAGE))
#define BL_TOP(n, k) (((n) < (k)) ? (n) : (k))
#define BL_PAD_OBJECTS BL_LEAD(sizeof(struct bpf_object) * BL_N_OBJECTS, \
	sizeof(struct bpf_object) * BL_TOP(BL_N_OBJECTS, 1U))
#define BL_PAD_PROGS BL_LEAD(sizeof(struct bpf_program) * BL_N_PROGS, \
	sizeof(struct bpf_program) * BL_TOP(BL_N_PROGS, 4U))
#define BL_PAD_MAPS BL_LEAD(sizeof(struct bpf_map) * BL_N_MAPS, \
	sizeof(struct bpf_map) * BL_TOP(BL_N_MAPS, 4U))
extern BL_HIDDEN uint8_t bl_pad_objects[BL_PAD_OBJECTS];
extern BL_HIDDEN uint8_t bl_pad_progs[BL_PAD_PROGS];
extern BL_HIDDEN uint8_t bl_pad_maps[BL_PAD_MAPS];

/* ---- ACSL (proofs/prove_loader.sh, proofs/loader/README.md) -----------
 * bl_cstr (tracefs.h): a C string readable up to its NUL.
 * bl_lists_ok: every chain index (next, inner, first_prog, first_map) is a slot
 *   number or BL_NONE_IDX; a live program or map belongs to an object slot.
 * bl_apart: p is in none of the loader's globals (the caller's memory);
 * bl_obj_buf / bl_obj_bytes: obj is an object slot whose bytes
 *   buf[0 .. len-1] are readable and apart from every pool; bl_obj_bytes
 *   adds that the ELF reader was initialised on them.
 * bl_name_ok: buf[at .. at+n-1] is a name and buf[at+n] its NUL (the ELF
 *   and BTF readers' postcondition).
 * bl_capart: bl_apart for a char * (or any \base_addr);
 * bl_user_str: NULL, or a caller's C string apart from the loader's globals.
 */
/*@ predicate bl_idx_ok(integer i, integer n) = i == BL_NONE_IDX || (0 <= i < n);
    predicate bl_is_obj{L}(struct bpf_object *o) =
      0 <= o->index < BPFLINK_MAX_OBJECTS && o == &bl_objects[o->index];
    predicate bl_progs_ok{L} =
      \forall integer s; 0 <= s < BPFLINK_MAX_PROGS ==>
        bl_idx_ok(bl_progs[s].next, BPFLINK_MAX_PROGS) &&
        (bl_progs[s].obj == \null || \valid_read(bl_progs[s].obj));
    predicate bl_maps_ok{L} =
      \forall integer s; 0 <= s < BPFLINK_MAX_MAPS ==>
        bl_idx_ok(bl_maps[s].next, BPFLINK_MAX_MAPS) &&
        bl_idx_ok(bl_maps[s].inner, BPFLINK_MAX_MAPS) &&
        (bl_maps[s].obj == \null || \valid_read(bl_maps[s].obj));
    predicate bl_objs_ok{L} =
      \forall integer s; 0 <= s < BPFLINK_MAX_OBJECTS ==>
        bl_idx_ok(bl_objects[s].first_prog, BPFLINK_MAX_PROGS) &&
        bl_idx_ok(bl_objects[s].first_map, BPFLINK_MAX_MAPS);
    predicate bl_lists_ok{L} = bl_progs_ok && bl_maps_ok && bl_objs_ok;
    predicate bl_apart{L}(uint8_t *p) =
      \base_addr(p) != \base_addr(&bl_diag_buf[0]) &&
      \base_addr(p) != \base_addr(&bl_objects[0]) &&
      \base_addr(p) != \base_addr(&bl_progs[0]) &&
      \base_addr(p) != \base_addr(&bl_maps[0]) &&
      \base_addr(p) != \base_addr(&bl_obj_free[0]) &&
      \base_addr(p) != \base_addr(&bl_prog_free[0]) &&
      \base_addr(p) != \base_addr(&bl_map_free[0]) &&
      \base_addr(p) != \base_addr(&bl_obj_st) &&
      \base_addr(p) != \base_addr(&bl_prog_st) &&
      \base_addr(p) != \base_addr(&bl_map_st) &&
      \base_addr(p) != \base_addr(&bl_lock_word) &&
      \base_addr(p) != \base_addr(&bl_last_err);
    predicate bl_obj_buf{L}(struct bpf_object *o) =
      bl_is_obj(o) && 0 < o->len && \valid_read(o->buf + (0 .. o->len - 1)) &&
      bl_apart(o->buf);
    predicate bl_obj_bytes{L}(struct bpf_object *o) =
      bl_obj_buf(o) && o->elf.buf == o->buf && o->elf.len == o->len;
    predicate bl_name_ok{L}(struct bpf_object *o, integer at, integer n) =
      0 <= at <= o->len && 0 <= n < o->len - at && o->buf[at + n] == 0;
    predicate bl_capart{L}(char *p) =
      \base_addr(p) != \base_addr(&bl_diag_buf[0]) &&
      \base_addr(p) != \base_addr(&bl_objects[0]) &&
      \base_addr(p) != \base_addr(&bl_progs[0]) &&
      \base_addr(p) != \base_addr(&bl_maps[0]) &&
      \base_addr(p) != \base_addr(&bl_obj_free[0]) &&
      \base_addr(p) != \base_addr(&bl_prog_free[0]) &&
      \base_addr(p) != \base_addr(&bl_map_free[0]) &&
      \base_addr(p) != \base_addr(&bl_obj_st) &&
      \base_addr(p) != \base_addr(&bl_prog_st) &&
      \base_addr(p) != \base_addr(&bl_map_st) &&
      \base_addr(p) != \base_addr(&bl_lock_word) &&
      \base_addr(p) != \base_addr(&bl_last_err);
    predicate bl_user_str{L}(char *s) =
      s == \null || (bl_cstr(s) && bl_capart(s));
*/

/* ---- src/object.c: pools and diagnostics ------------------------------- */
/* A zeroed program slot (next and sec_def BL_NONE_IDX, fd -1, autoload and
 * autoattach true) counted in obj->nr_progs but chained by the caller;
 * NULL when the pool is full (diagnostic recorded). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_progs[0 .. BPFLINK_MAX_PROGS - 1], bl_prog_st,
            bl_prog_free[0 .. BPFLINK_MAX_PROGS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_progs;
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || \valid(\result);
    ensures \result == \null ||
            (0 <= \result->index < BPFLINK_MAX_PROGS &&
             \result == &bl_progs[\result->index] &&
             \result->next == BL_NONE_IDX && \result->state == 1 &&
             \result->obj == obj);
 */
struct bpf_program *bl_prog_alloc(struct bpf_object *obj);
/* A zeroed map slot (fd -1, autocreate true) chained at the end of obj's
 * maps; NULL when the pool is full (diagnostic recorded). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || \valid(\result);
    ensures \result == \null ||
            (0 <= \result->index < BPFLINK_MAX_MAPS &&
             \result == &bl_maps[\result->index] && \result->state == 1 &&
             \result->obj == obj);
 */
struct bpf_map *bl_map_alloc(struct bpf_object *obj);
/* A map slot of obj not chained in its list (a map-in-map's inner
 * template, reached through its outer map's `inner`). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_progs_ok;
    ensures bl_maps_ok;
    ensures bl_objs_ok;
    ensures \result == \null || \valid(\result);
    ensures \result == \null ||
            (0 <= \result->index < BPFLINK_MAX_MAPS &&
             \result == &bl_maps[\result->index] && \result->state == 1 &&
             \result->obj == obj && \result->next == BL_NONE_IDX);
 */
struct bpf_map *bl_map_alloc_inner(struct bpf_object *obj);
bool bl_obj_live(const struct bpf_object *obj);
bool bl_prog_live(const struct bpf_program *prog);
bool bl_map_live(const struct bpf_map *map);
/* Record a diagnostic (bpflink_object_diag): the concatenation of a, b, c
 * (any may be NULL), truncated to BL_DIAG_MAX - 1 bytes; returns err. */
/* a and c are string literals (their NUL is assumed), b any string. */
/*@ requires a == \null || \base_addr(a) != \base_addr(&bl_diag_buf[0]);
    requires b == \null || (bl_cstr((char *)b) &&
              \base_addr(b) != \base_addr(&bl_diag_buf[0]));
    requires c == \null || \base_addr(c) != \base_addr(&bl_diag_buf[0]);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == err;
 */
int bl_diag(int err, const char *a, const char *b, const char *c);
/* Small string helpers (no libc); bl_streq is src/tracefs.c's. */
/*@ requires bl_cstr((char *)s) && bl_cstr((char *)pfx);
    assigns \nothing; */
bool bl_has_prefix(const char *s, const char *pfx);
/* Copy src (NULL: "") into dst[0 .. cap-1], truncated, NUL-terminated
 * when cap > 0: the length copied. */
/*@ requires cap == 0 || \valid(dst + (0 .. cap - 1));
    requires src == \null || bl_cstr((char *)src);
    requires \separated(dst + (0 .. cap - 1), src + (0 .. cap - 1));
    assigns dst[0 .. cap - 1];
    ensures cap == 0 ==> \result == 0;
    ensures cap > 0 ==> \result < cap && dst[\result] == 0;
    ensures cap > 0 && src != \null ==> bl_nz((char *)src, \result);
 */
size_t bl_strlcpy(char *dst, const char *src, size_t cap);
/* Name at buf[at] (NUL-terminated, checked by the reader). The one step
 * the proof assumes: the reader proved the NUL in the uint8_t view of the
 * bytes, and WP's typed memory model keeps that view apart from the char
 * view read through the result (proofs/loader/README.md). */
/*@ requires bl_obj_buf(obj);
    requires \exists integer n; bl_name_ok(obj, at, n);
    assigns \nothing;
    ensures bl_cstr((char *)\result);
    ensures \base_addr(\result) == \base_addr(obj->buf);
 */
const char *bl_obj_str(const struct bpf_object *obj, size_t at);
/* The section name of section idx, or NULL. */
/*@ requires bl_obj_bytes(obj);
    assigns \nothing;
    ensures \result == \null || (bl_cstr((char *)\result) &&
            \base_addr(\result) == \base_addr(obj->buf));
 */
const char *bl_obj_sec_name(const struct bpf_object *obj, uint32_t idx);
/* The arena lock (a spin lock; held across a load's system calls). */
void bl_obj_lock(void);
void bl_obj_unlock(void);

/* ---- src/object_sec.c: SEC() conventions ------------------------------ */
/* The index of the first definition matching sec, or BL_NONE_IDX. */
/*@ requires sec == \null || bl_cstr((char *)sec);
    assigns \nothing;
    ensures \result == BL_NONE_IDX || \result < BL_SEC_DEFS_N;
 */
uint16_t bl_sec_find(const char *sec);

/* ---- src/object_maps.c ------------------------------------------------- */
/* Create the maps of .maps, "maps" and the data sections: 0 or -errno
 * (diagnostic recorded). Called by open once programs are known. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
int bl_obj_collect_maps(struct bpf_object *obj);
/* The map whose definition / data is in section shndx at offset off
 * (legacy and BTF maps by offset; data maps by section only). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns \nothing;
    ensures \result == \null || \valid_read(\result);
 */
struct bpf_map *bl_obj_map_at(struct bpf_object *obj, uint32_t shndx,
			      uint64_t off);
/* Is name a data section (.data, .rodata, .bss, alone or followed by
 * '.'): true and its map kind in *kind. */
/*@ requires bl_cstr((char *)name) && \valid(kind);
    assigns *kind;
    ensures \result ==> name[0] != 0;
 */
bool bl_is_data_sec(const char *name, uint8_t *kind);
/* The kernel name of m: pfx[0 .. pfx_len-1] then sfx, at most 15
 * characters, any character the kernel refuses made '_'; NUL-terminated
 * and its last byte NUL. */
/*@ requires \valid(m);
    requires \valid_read(pfx + (0 .. pfx_len - 1)) &&
             \base_addr(pfx) != \base_addr(m);
    requires bl_cstr((char *)sfx) && \base_addr(sfx) != \base_addr(m);
    assigns m->name[0 .. 15];
    ensures m->name[15] == 0;
 */
void bl_map_set_kname(struct bpf_map *m, const char *pfx, size_t pfx_len,
		      const char *sfx);
/* The initial slots of map-in-map and program-array maps (.values = {
 * [i] = &x }, relocations of .maps). apply false (open): check every one
 * names a map or program of obj. apply true (load): write into every map
 * this load created: map slots when progs is false (after the maps are
 * made), program slots when true (after the programs are loaded). 0 or
 * -errno (diagnostic recorded). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
 */
int bl_obj_map_slots(struct bpf_object *obj, bool apply, bool progs);
/* Is type a map-in-map type (ARRAY_OF_MAPS, HASH_OF_MAPS)? */
/*@ assigns \nothing; */
bool bl_map_type_is_mim(uint32_t type);

/* The .kconfig externs (the ".kconfig" DATASEC of .BTF), laid out in
 * DATASEC order, each at its natural alignment. */
#define BL_KCFG_BOOL 1U
#define BL_KCFG_TRISTATE 2U /* enum libbpf_tristate: n 0, y 1, m 2 */
#define BL_KCFG_CHAR 3U
#define BL_KCFG_INT 4U
#define BL_KCFG_STR 5U /* char array */
struct bl_kcfg_ext {
	const char *name;
	uint32_t off;
	uint32_t size;
	uint8_t type; /* BL_KCFG_* */
	bool is_signed;
};
/* The extern after *pos (start with *pos = 0 and *next_off = 0): 1 and *e
 * filled, 0 at the end, -errno (diagnostic recorded) when the object's BTF
 * or the extern's type is not usable. An extern lies at or after the
 * previous *next_off, inside BPFLINK_KCONFIG_SIZE bytes. */
/*@ predicate bl_kcfg_ok{L}(struct bl_kcfg_ext *e) =
      1 <= e->size <= 0x7fffffff &&
      BL_KCFG_BOOL <= e->type <= BL_KCFG_STR &&
      (e->type != BL_KCFG_STR ==>
       (e->size == 1 || e->size == 2 || e->size == 4 || e->size == 8));
 */
/*@ requires bl_obj_bytes(obj);
    requires \valid(pos) && \valid(next_off) && \valid(e);
    requires \separated(pos, next_off) &&
             \base_addr(pos) != \base_addr(e) &&
             \base_addr(next_off) != \base_addr(e);
    requires \base_addr(pos) != \base_addr(obj->buf) &&
             \base_addr(pos) != \base_addr(&bl_objects[0]) &&
             \base_addr(pos) != \base_addr(&bl_diag_buf[0]);
    requires \base_addr(next_off) != \base_addr(obj->buf) &&
             \base_addr(next_off) != \base_addr(&bl_objects[0]) &&
             \base_addr(next_off) != \base_addr(&bl_diag_buf[0]);
    requires \base_addr(e) != \base_addr(obj->buf) &&
             \base_addr(e) != \base_addr(&bl_objects[0]) &&
             \base_addr(e) != \base_addr(&bl_diag_buf[0]);
    assigns *pos, *next_off, *e, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 1 || \result == 0 || \result < 0;
    ensures \result == 1 ==> bl_cstr((char *)e->name) &&
            \base_addr(e->name) == \base_addr(obj->buf);
    ensures \result == 1 ==> \old(*next_off) <= e->off &&
            *next_off == e->off + e->size &&
            *next_off <= BPFLINK_KCONFIG_SIZE;
    ensures \result == 1 ==> bl_kcfg_ok(e);
    ensures \result != 1 ==> *next_off == \old(*next_off);
    ensures \result != 1 ==> *pos == \old(*pos);
 */
int bl_kcfg_next(struct bpf_object *obj, uint32_t *pos, uint32_t *next_off,
		 struct bl_kcfg_ext *e);
/* ---- src/object_kconfig.c ---------------------------------------------- */
/* At open: the .kconfig map when the object has externs there (only
 * LINUX_KERNEL_VERSION and CONFIG_*; others -EOPNOTSUPP). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
 */
int bl_obj_kconfig_collect(struct bpf_object *obj);
/* At load, before the maps: the externs' values (uname, then
 * /boot/config-<release> when a CONFIG_* is used) as the .kconfig map's
 * initial value. 0 or -errno (diagnostic recorded). The values are built
 * in static buffers of src/object_kconfig.c (its contract is there). */
int bl_obj_kconfig_fill(struct bpf_object *obj);
/* An ld_imm64 on extern `name`: its .kconfig map value. 0 or -EOPNOTSUPP
 * (not a .kconfig extern). */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    requires bl_cstr((char *)name) && \valid(insn + (0 .. 1));
    assigns insn[0 .. 1], bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EOPNOTSUPP;
 */
int bl_kcfg_reloc(struct bpf_object *obj, const char *name,
		  struct bpf_insn *insn);

/* ---- src/map.c ---------------------------------------------------------- */
/* Pin m's fd at path: the parent directory made when missing (one level,
 * mode 0700, as libbpf) and checked to be on bpffs (-EINVAL if not); a
 * directory made here is removed again when the pin fails, else
 * remembered (made_pin_dir). 0 or -errno. */
int bl_map_pin_at(struct bpf_map *m, const char *path);
/* Remove the pin's parent directory if this map made it (and it is empty
 * by now): a failed load leaves no directory behind. */
void bl_map_unmake_dir(struct bpf_map *m);

/* ---- src/object_reloc.c ------------------------------------------------ */
/* Copy prog and the subprograms it calls into the arena and apply every
 * relocation; *cnt the number of instructions. 0 or -errno (diagnostic).
 * Its contract is in object_reloc.c (it names that file's arena). */
int bl_prog_relocate(struct bpf_program *prog, struct bpf_insn **insns,
		     uint32_t *cnt); /* contract: there */
/* ---- src/object_check.c ------------------------------------------------ */
/* Every entry of every SHT_REL section that applies to a program section:
 * on an instruction of that section, a symbol of the table, type
 * R_BPF_64_64 or R_BPF_64_32. 0, or -EINVAL / -EOPNOTSUPP with a
 * diagnostic naming the section. */
/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -EOPNOTSUPP;
 */
int bl_obj_check_relocs(const struct bpf_object *obj);
/* No two sections with bytes in the file (nor one and the section header
 * table) overlap: 0, -EINVAL (naming both), -E2BIG (more than
 * BPFLINK_MAX_SECTIONS sections with bytes). Uses static scratch: call it
 * under the arena lock (bl_obj_lock). Its contract is in object_check.c
 * (it names that file's scratch arrays). */
int bl_obj_check_layout(const struct bpf_object *obj); /* contract: there */

/* The first CO-RE relocation of the object (from .BTF.ext), for the
 * refusal: 0 and a diagnostic recorded when none; -EOPNOTSUPP when any. */
int bl_obj_check_core(struct bpf_object *obj);

/* The k-th function of the program last relocated, in arena order (the
 * program itself first): false past the last. */
struct bl_func_span {
	uint32_t shndx;
	uint32_t start; /* first instruction in its section */
	uint32_t cnt;
	uint32_t base; /* position in the final image */
};
/*@ requires \valid(f);
    assigns *f;
    ensures \result ==> k < BPFLINK_MAX_SUBPROGS;
 */
bool bl_prog_span(uint32_t k, struct bl_func_span *f);

/* ---- src/object_btf.c: the object's BTF in the kernel ------------------ */
/* The name at b->buf[at] (n bytes then its NUL: bl_btf_name's result) as a
 * C string. Assumed, as bl_obj_str: the reader proves the NUL in the
 * uint8_t view of the bytes, the result is read in the char view. */
/*@ requires bl_btf_valid(b);
    requires at <= b->len && n < b->len - at && b->buf[at + n] == 0;
    assigns \nothing;
    ensures bl_cstr((char *)\result);
    ensures \base_addr(\result) == \base_addr(b->buf);
 */
const char *bl_btf_str(const struct bl_btf *b, size_t at, size_t n);
/* Check .BTF and .BTF.ext (every header, part and record bound) before any
 * system call of a load: 0 or -EINVAL with a diagnostic. */
int bl_obj_btf_check(struct bpf_object *obj);
/* Copy .BTF into the BTF arena (BPFLINK_BTF_ARENA bytes), fix what clang
 * leaves to the loader (DATASEC sizes, VAR offsets), note data maps'
 * DATASEC ids, BPF_BTF_LOAD once. The kernel refusing it is no failure:
 * 0, a diagnostic kept, the load goes on without BTF. -E2BIG (arena) or
 * -EINVAL otherwise. Caller holds the load lock. */
int bl_obj_btf_load(struct bpf_object *obj);
/* btf_fd and key/value type ids for the creation of m (when loaded). */
void bl_map_btf_opts(const struct bpf_map *m, struct bpf_map_create_opts *o);
/* prog_btf_fd, func_info, line_info of the program just relocated (from
 * bl_prog_span), pointing into static buffers valid until the next call.
 * 0 or -errno (diagnostic). */
int bl_prog_btf_opts(const struct bpf_program *p,
		     struct bpf_prog_load_opts *o);
/* Close the object's BTF fd, if any. */
void bl_obj_btf_close(struct bpf_object *obj);

/* ---- src/object_load.c ------------------------------------------------- */
/* Close every fd of obj's maps and programs, unmap mmaped maps, remove
 * pins this object made when unpin is true. Its contract is assumed (load
 * and teardown code: system calls and the link core's bpf_link__destroy;
 * proofs/loader/README.md): it writes the fields of the slots that hold
 * fds, mappings, links and pin state, obj's BTF fd, the link pool (and
 * its lock, bl_link_lock_word; not the loader pools' bl_lock_word) and the
 * syscall counter; never a chain index, a slot's state or its object. */
/*@ requires bl_lists_ok && bl_pool_inv && bl_is_obj(obj);
    assigns bl_ghost_syscalls, bl_link_lock_word,
            bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1],
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1].link,
            bl_progs[0 .. BPFLINK_MAX_PROGS - 1].fd,
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1].mmaped,
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1].pinned_by_us,
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1].made_pin_dir,
            bl_maps[0 .. BPFLINK_MAX_MAPS - 1].fd,
            obj->btf_fd, obj->btf_loaded;
    ensures bl_pool_inv;
    ensures obj->btf_loaded == \false && obj->btf_fd == -1;
    exits \false;
 */
void bl_obj_release_fds(struct bpf_object *obj, bool unpin);

#endif

/* The object loader's storage: its pools (objects, programs, maps), their
 * free stacks, and the scratch arenas of a load (BTF copy, func and line
 * info, instructions, functions, section ranges, .kconfig), all defined
 * here, in this order, so that what one small load writes lies on four
 * pages instead of ten.
 *
 * Why the order matters: each page of .bss a process touches for the first
 * time costs a page fault (about 13 us on the machines measured in
 * tests/bench/README.md), which in a cold bpf_object__open_mem + load was
 * most of what bpflink added to the raw system calls. A small load writes
 * only a little of each array: one object slot, a few program and map
 * slots, the start of each arena. The pools hand out their LAST slot first
 * (bl_stack_init, src/object.c), so a pool is hot at its end; an arena is
 * used from index 0, so it is hot at its start. Each of the four pages
 * below therefore holds the hot end of one pool, then whole small arrays,
 * then the hot start of one arena (or of bl_rs, whose two hot ends fall on
 * pages 3 and 4):
 *
 *   page 1: bl_objects' last slot | free stacks, diag, arena counters,
 *           the pools' and the arena's lock words, the list of
 *           relocation sections | bl_btf_arena's first 2 kB
 *   page 2: bl_progs' last 4 slots | bl_funcs, bl_finfo, bl_relocated
 *           | bl_linfo's first 64 records
 *   page 3: bl_maps' last 4 slots | bl_rs (lo[], the start of hi[])
 *   page 4: rest of bl_rs (hi[], id[], n) | bl_arena's first 232 insns
 *
 * A pool's hot page starts on a page boundary: a pad of computed size
 * (BL_PAD_*, src/object.h) aligned to a page comes before it. Everything else follows in
 * order with 64-byte alignment, so the offsets are the same with gcc and
 * clang. The order of definitions is kept by building this file with
 * -fno-toplevel-reorder (gcc; clang keeps initialised definitions in order)
 * and -fno-data-sections (one .bss section that --gc-sections keeps or drops
 * whole), see the Makefile; tests/suites/mem_layout.sh checks the pages from
 * `nm -n` of the built library. Larger loads spill into the neighbouring
 * (cold) pages: nothing here limits what a load may use.
 */
#include <stdint.h>

#include "object.h"

#define BL_ON_PAGE __attribute__((aligned(4096)))
#define BL_ON_LINE __attribute__((aligned(64)))

/* page 1 */
uint8_t bl_pad_objects[BL_PAD_OBJECTS] BL_ON_PAGE = {0};
struct bpf_object bl_objects[BPFLINK_MAX_OBJECTS] = {0};
uint16_t bl_obj_free[BPFLINK_MAX_OBJECTS] BL_ON_LINE = {0};
uint16_t bl_prog_free[BPFLINK_MAX_PROGS] BL_ON_LINE = {0};
uint16_t bl_map_free[BPFLINK_MAX_MAPS] BL_ON_LINE = {0};
struct bl_free_stack bl_obj_st BL_ON_LINE = {0U, 0U};
struct bl_free_stack bl_prog_st BL_ON_LINE = {0U, 0U};
struct bl_free_stack bl_map_st BL_ON_LINE = {0U, 0U};
char bl_diag_buf[BL_DIAG_MAX] BL_ON_LINE = {0};
uint32_t bl_nfuncs BL_ON_LINE = 0U;
uint32_t bl_used BL_ON_LINE = 0U;
int bl_lock_word BL_ON_LINE = 0;
int bl_arena_lock_word BL_ON_LINE = 0;
struct bl_rels bl_rels BL_ON_LINE = {0};
uint8_t bl_btf_arena[BPFLINK_BTF_ARENA] BL_ON_LINE = {0};

/* page 2 */
uint8_t bl_pad_progs[BL_PAD_PROGS] BL_ON_PAGE = {0};
struct bpf_program bl_progs[BPFLINK_MAX_PROGS] = {0};
struct bl_func bl_funcs[BPFLINK_MAX_SUBPROGS] BL_ON_LINE = {0};
struct bpf_func_info bl_finfo[BPFLINK_MAX_SUBPROGS] BL_ON_LINE = {0};
uint8_t bl_relocated[(BPFLINK_INSN_ARENA + 7) / 8] BL_ON_LINE = {0};
struct bpf_line_info bl_linfo[BPFLINK_LINE_INFO] BL_ON_LINE = {0};

/* pages 3 and 4 */
uint8_t bl_pad_maps[BL_PAD_MAPS] BL_ON_PAGE = {0};
struct bpf_map bl_maps[BPFLINK_MAX_MAPS] = {0};
struct bl_ranges bl_rs BL_ON_LINE = {0};
struct bpf_insn bl_arena[BPFLINK_INSN_ARENA] BL_ON_LINE = {0};

/* used by objects with .kconfig externs only */
uint8_t bl_kcfg_set[(BPFLINK_KCONFIG_SIZE + 7) / 8] BL_ON_LINE = {0};
uint8_t bl_kcfg_buf[BPFLINK_KCONFIG_SIZE] BL_ON_LINE = {0};

/* Relocation of one program at load, in the static instruction arena:
 * the program's instructions are copied in, then every function it calls
 * (bpf-to-bpf calls, in .text or in its own section) is appended once and
 * processed in turn, the way libbpf links subprograms. Per function:
 * - ld_imm64 relocations to a map symbol (.maps, maps) become
 *   BPF_PSEUDO_MAP_FD with the map's fd;
 * - ld_imm64 relocations into .data/.rodata/.bss become
 *   BPF_PSEUDO_MAP_VALUE: fd in the first half, the offset (symbol value
 *   plus addend) in the second;
 * - calls (BPF_PSEUDO_CALL) and function addresses (BPF_PSEUDO_FUNC) get
 *   the relative offset of their target's copy;
 * - calls without a relocation (static functions of the same section) are
 *   resolved inside that section.
 * The object's SHT_REL sections are listed once per load (bl_rels), not
 * walked again for every function.
 * Extern symbols and other relocations are refused with a diagnostic. The
 * arena (BPFLINK_INSN_ARENA instructions) and the table of appended
 * functions (BPFLINK_MAX_SUBPROGS) are bounded: -E2BIG names the limit.
 * The caller holds the arena lock (bl_obj_lock).
 * Frama-C WP proves with -wp-rte the functions listed for object_reloc in
 * proofs/prove_loader.sh (proofs/loader/README.md says which are not).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "object.h"

#define BL_SHT_REL 9U
#define BL_SHT_NOBITS 8U
#define BL_STT_FUNC 2U
#define BL_STT_SECTION 3U
#define BL_R_BPF_64_64 1U
#define BL_R_BPF_64_32 10U
#define BL_LD_IMM64 ((uint8_t)BPF_LD | (uint8_t)BPF_IMM | (uint8_t)BPF_DW)
#define BL_CALL ((uint8_t)BPF_JMP | (uint8_t)BPF_CALL)
#define BL_ARENA_N ((uint32_t)BPFLINK_INSN_ARENA)
#define BL_FUNCS_N ((uint32_t)BPFLINK_MAX_SUBPROGS)

/* struct bl_func, and bl_arena, bl_relocated, bl_funcs, bl_nfuncs, bl_used:
 * src/object.h, defined in src/object_mem.c */

/* struct bl_rels and bl_rels (the object's SHT_REL sections, listed once
 * per load): src/object.h, defined in src/object_mem.c */

/* The table of appended functions: each one's copy lies inside the used
 * part of the arena. */
/*@ predicate bl_funcs_ok{L} =
      bl_nfuncs <= BPFLINK_MAX_SUBPROGS && bl_used <= BPFLINK_INSN_ARENA &&
      \forall integer k; 0 <= k < bl_nfuncs ==>
        bl_funcs[k].base + bl_funcs[k].cnt <= bl_used;
    predicate bl_reloc_apart{L}(struct bpf_object *o) =
      \separated(o, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                 bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                 bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                 &bl_used) &&
      \separated(o->buf + (0 .. o->len - 1),
                 bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                 bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                 bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                 &bl_used);
 */

/* v in decimal, NUL-terminated, in b[0 .. 10]. */
/*@ requires \valid(b + (0 .. 10));
    assigns b[0 .. 10];
    ensures bl_cstr(b);
 */
static void bl_fmt_u32(char *b, uint32_t v)
{
	static const char digits[] = "0123456789";
	char t[11];
	uint32_t rest = v;
	uint32_t k = 0U;
	uint32_t n = 0U;

	/*@ loop invariant 0 <= k < 10;
	    loop assigns k, rest, t[0 .. 10];
	    loop variant 10 - k; */
	do {
		t[k] = digits[rest % 10U];
		k++;
		rest /= 10U;
	} while ((rest != 0U) && (k < 10U)); /* 10 digits at most */
	/*@ loop invariant 0 <= k <= 10 && n + k <= 10;
	    loop assigns k, n, b[0 .. 10];
	    loop variant k; */
	while (k != 0U) {
		k--;
		b[n] = t[k];
		n++;
	}
	b[n] = '\0';
	//@ assert n <= 10 && b[n] == 0;
}

/* The little-endian 32-bit word at p[off]. */
/*@ requires off <= 0xfffffffffffffffc;
    requires \valid_read(p + (off .. off + 3));
    assigns \nothing; */
static uint32_t bl_le32(const uint8_t *p, uint64_t off)
{
	return (uint32_t)p[off] | ((uint32_t)p[off + 1U] << 8U) |
	       ((uint32_t)p[off + 2U] << 16U) | ((uint32_t)p[off + 3U] << 24U);
}

/* Instruction at of the arena from its 8 bytes in the object (BPF
 * objects are little-endian, as the ELF reader): code, dst_reg (low
 * nibble), src_reg, off, imm. */
/*@ requires at < BPFLINK_INSN_ARENA;
    requires \valid_read(src + (0 .. 7));
    assigns bl_arena[at];
 */
static void bl_insn_get(uint32_t at, const uint8_t *src)
{
	uint32_t off = (uint32_t)src[2] + ((uint32_t)src[3] * 256U);
	uint32_t imm = bl_le32(src, 4U);

	bl_arena[at].code = src[0];
	bl_arena[at].dst_reg = (uint8_t)(src[1] & 0xfU);
	bl_arena[at].src_reg = (uint8_t)((uint32_t)src[1] >> 4U);
	/* two's complement: the bits as the signed fields hold them */
	bl_arena[at].off = (int16_t)((off >= 0x8000U) ?
				     ((int32_t)off - 0x10000) : (int32_t)off);
	if (imm >= 0x80000000U) {
		uint32_t neg = 0xffffffffU - imm;

		bl_arena[at].imm = -(int32_t)neg - 1;
	} else {
		bl_arena[at].imm = (int32_t)imm;
	}
}

/*@ requires bl_obj_bytes(obj) && bl_funcs_ok && bl_reloc_apart(obj);
    requires \valid(base) && \separated(base, obj,
                bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1),
                obj->buf + (0 .. obj->len - 1));
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            *base, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_funcs_ok;
    ensures \result == 0 || \result == -E2BIG || \result == -EINVAL;
 */
static int bl_append(struct bpf_object *obj, uint32_t shndx, uint32_t start,
		     uint32_t cnt, uint32_t *base)
{
	struct bl_elf_shdr sh;
	uint64_t from;

	if (bl_nfuncs >= BL_FUNCS_N) {
		return bl_diag(-E2BIG, "too many subprograms for one program "
			       "(BPFLINK_MAX_SUBPROGS)", NULL, NULL);
	}
	if (cnt > (BL_ARENA_N - bl_used)) {
		return bl_diag(-E2BIG, "program and subprograms do not fit the "
			       "instruction arena (BPFLINK_INSN_ARENA)", NULL, NULL);
	}
	if ((bl_elf_shdr(&obj->elf, shndx, &sh) != 0) ||
	    (sh.type == BL_SHT_NOBITS) || (((uint64_t)start * 8U) > sh.size) ||
	    (((uint64_t)cnt * 8U) > (sh.size - ((uint64_t)start * 8U)))) {
		return bl_diag(-EINVAL, "function outside its section", NULL, NULL);
	}
	from = sh.offset + ((uint64_t)start * 8U);
	/*@ loop invariant 0 <= i <= cnt;
	    loop assigns i, bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
	                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1];
	    loop variant cnt - i; */
	for (uint32_t i = 0U; i < cnt; i++) {
		uint32_t bit = bl_used + i;

		bl_insn_get(bit, &obj->buf[from + ((uint64_t)i * 8U)]);
		bl_relocated[bit / 8U] &= (uint8_t) ~(1U << (bit % 8U));
	}
	bl_funcs[bl_nfuncs].shndx = shndx;
	bl_funcs[bl_nfuncs].start = start;
	bl_funcs[bl_nfuncs].cnt = cnt;
	bl_funcs[bl_nfuncs].base = bl_used;
	bl_nfuncs++;
	*base = bl_used;
	bl_used += cnt;
	return 0;
}

/* The arena position of instruction x of section shndx when a function
 * appended already holds it. */
/*@ requires bl_funcs_ok;
    requires \valid(pos) && \separated(pos,
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used);
    assigns *pos;
 */
static bool bl_func_at(uint32_t shndx, uint64_t x, uint32_t *pos)
{
	/*@ loop invariant 0 <= k <= bl_nfuncs;
	    loop assigns k;
	    loop variant bl_nfuncs - k; */
	for (uint32_t k = 0U; k < bl_nfuncs; k++) {
		const struct bl_func *f = &bl_funcs[k];

		if ((f->shndx == shndx) && (x >= f->start) &&
		    (x < ((uint64_t)f->start + f->cnt))) {
			*pos = f->base + (uint32_t)(x - f->start);
			return true;
		}
	}
	return false;
}

/* Arena position of instruction x of section shndx, appending the function
 * that holds it when it is not there yet. */
/*@ requires bl_obj_bytes(obj) && bl_funcs_ok && bl_reloc_apart(obj);
    requires \valid(pos) && \separated(pos, obj,
                bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1),
                obj->buf + (0 .. obj->len - 1));
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], *pos;
    ensures bl_funcs_ok;
    ensures \result == 0 || \result == -E2BIG || \result == -EINVAL;
 */
static int bl_target(struct bpf_object *obj, uint32_t shndx, uint64_t x,
		     uint32_t *pos)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	uint64_t nsyms;
	uint32_t base = 0U;
	int err;

	if (bl_func_at(shndx, x, pos)) {
		return 0;
	}
	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	nsyms = st.size / BL_ELF_SYM_SIZE;
	/*@ loop invariant 1 <= i;
	    loop assigns i, sym;
	    loop variant nsyms - i; */
	for (uint64_t i = 1U; i < nsyms; i++) {
		if (bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) !=
		    0) {
			return -EINVAL;
		}
		if ((sym.shndx != shndx) || ((sym.info & 15U) != BL_STT_FUNC) ||
		    ((sym.value % 8U) != 0U) || ((sym.size % 8U) != 0U) ||
		    (x < (sym.value / 8U)) ||
		    (x >= ((sym.value + sym.size) / 8U))) {
			continue;
		}
		if (((sym.size / 8U) > UINT32_MAX) ||
		    ((sym.value / 8U) > UINT32_MAX)) {
			return -EINVAL;
		}
		err = bl_append(obj, shndx, (uint32_t)(sym.value / 8U),
				(uint32_t)(sym.size / 8U), &base);
		if (err != 0) {
			return err;
		}
		*pos = base + (uint32_t)(x - (sym.value / 8U));
		return 0;
	}
	return bl_diag(-EINVAL, "call target is not inside a function of ",
		       bl_obj_sec_name(obj, shndx), NULL);
}

/*@ requires bl_obj_bytes(obj) && bl_funcs_ok && bl_reloc_apart(obj);
    requires at < BPFLINK_INSN_ARENA;
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_funcs_ok;
    ensures \result == 0 || \result == -E2BIG || \result == -EINVAL;
 */
static int bl_call_to(struct bpf_object *obj, uint32_t at, uint32_t shndx,
		      int64_t x)
{
	uint32_t pos = 0U;
	int err;

	if (x < 0) {
		return bl_diag(-EINVAL, "call before its section", NULL, NULL);
	}
	err = bl_target(obj, shndx, (uint64_t)x, &pos);
	if (err != 0) {
		return err;
	}
	bl_arena[at].imm = (int32_t)((int64_t)pos - (int64_t)at - 1);
	return 0;
}

/* The fd of map m, named sym in the diagnostics. */
/*@ requires m == \null || \valid_read(m);
    requires bl_cstr((char *)sym) &&
             \base_addr(sym) != \base_addr(&bl_diag_buf[0]);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result < 0 ==> \result == -EINVAL;
 */
static int bl_map_fd_of(const struct bpf_map *m, const char *sym)
{
	if (m == NULL) {
		return bl_diag(-EINVAL, "relocation to an unknown map: ", sym, NULL);
	}
	if (m->fd < 0) {
		return bl_diag(-EINVAL, "relocation to map ", sym,
			       " which is not created (autocreate off)");
	}
	return m->fd;
}

/* The name of a relocation's symbol or section when it has none. */
static const char bl_noname[2] = "?";

/* The name of symbol sym for a diagnostic: its name in the string table,
 * or "?" when it has none. Made where a diagnostic needs it (the name is
 * then a fact of the call just made, not carried through the writes of a
 * relocation). */
/*@ requires bl_obj_bytes(obj) && \valid_read(sym);
    assigns \nothing;
    ensures bl_cstr((char *)\result);
    ensures \base_addr(\result) != \base_addr(&bl_diag_buf[0]);
 */
static const char *bl_sym_name(const struct bpf_object *obj,
			       const struct bl_elf_sym *sym)
{
	size_t sat;
	size_t sn;

	if ((bl_elf_sym_name(&obj->elf, obj->symtab, sym, &sat, &sn) == 0) &&
	    (sn > 0U)) {
		//@ assert bl_name_ok(obj, sat, sn);
		return bl_obj_str(obj, sat);
	}
	return bl_noname;
}

/* The relocation's symbol is the caller's: apart from the globals written. */
/*@ predicate bl_sym_apart{L}(struct bl_elf_sym *s, struct bpf_object *o) =
      \separated(s, o, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                 bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                 bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                 &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1),
                 o->buf + (0 .. o->len - 1));
 */

/* An extern symbol (section 0) at instruction at: a .kconfig ld_imm64
 * (at + 1 < end, the end of its function's copy), else refused. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_reloc_apart(obj);
    requires at < end <= BPFLINK_INSN_ARENA;
    requires \valid_read(sym) && bl_sym_apart(sym, obj);
    assigns bl_arena[at .. end - 1], bl_relocated[at / 8],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_reloc_ext(struct bpf_object *obj, uint32_t at, uint32_t end,
			const struct bl_elf_sym *sym)
{
	if ((bl_arena[at].code == BL_LD_IMM64) && ((at + 1U) < end) &&
	    (bl_kcfg_reloc(obj, bl_sym_name(obj, sym), &bl_arena[at]) == 0)) {
		bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
		return 0;
	}
	return bl_diag(-EOPNOTSUPP, "extern symbol not supported (only "
		       ".kconfig LINUX_KERNEL_VERSION and CONFIG_*): ",
		       bl_sym_name(obj, sym), NULL);
}

/* An ld_imm64 at bl_arena[at .. at + 1] on a symbol of .maps or "maps":
 * BPF_PSEUDO_MAP_FD with the map's fd. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_reloc_apart(obj);
    requires at + 1 < BPFLINK_INSN_ARENA;
    requires \valid_read(sym) && bl_sym_apart(sym, obj);
    assigns bl_arena[at], bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_reloc_map(struct bpf_object *obj, uint32_t at,
			const struct bl_elf_sym *sym)
{
	struct bpf_map *m = bl_obj_map_at(obj, sym->shndx, sym->value);
	int fd;

	if ((m == NULL) && ((sym->info & 15U) == BL_STT_SECTION) &&
	    (bl_arena[at].imm >= 0)) {
		m = bl_obj_map_at(obj, sym->shndx,
				  sym->value + (uint64_t)bl_arena[at].imm);
	}
	fd = bl_map_fd_of(m, bl_sym_name(obj, sym));
	if (fd < 0) {
		return fd;
	}
	bl_arena[at].src_reg = BPF_PSEUDO_MAP_FD;
	bl_arena[at].imm = fd;
	return 0;
}

/* An ld_imm64 at bl_arena[at .. at + 1] on a symbol of a data section
 * (.data, .rodata, .bss): BPF_PSEUDO_MAP_VALUE, the map's fd, then the
 * offset (symbol value plus addend). Other sections are refused. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_reloc_apart(obj);
    requires at + 1 < BPFLINK_INSN_ARENA;
    requires \valid_read(sym) && bl_sym_apart(sym, obj);
    assigns bl_arena[at .. at + 1], bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_reloc_data(struct bpf_object *obj, uint32_t at,
			 const struct bl_elf_sym *sym)
{
	const char *sec = bl_obj_sec_name(obj, sym->shndx);
	uint8_t kind;
	int fd;

	if ((sec == NULL) || !bl_is_data_sec(sec, &kind)) {
		return bl_diag(-EOPNOTSUPP, "relocation into unsupported section ",
			       (sec != NULL) ? sec : bl_noname, NULL);
	}
	fd = bl_map_fd_of(bl_obj_map_at(obj, sym->shndx, 0U),
			  bl_sym_name(obj, sym));
	if (fd < 0) {
		return fd;
	}
	if ((sym->value > (uint64_t)INT32_MAX) ||
	    (((int64_t)bl_arena[at].imm + (int64_t)sym->value) > INT32_MAX)) {
		return bl_diag(-EINVAL, "data offset too large: ",
			       bl_sym_name(obj, sym), NULL);
	}
	bl_arena[at].src_reg = BPF_PSEUDO_MAP_VALUE;
	bl_arena[at + 1U].imm = bl_arena[at].imm + (int32_t)sym->value;
	bl_arena[at].imm = fd;
	return 0;
}

/* Relocation r of function f (its copy at f->base): the symbol's kind
 * picks extern, call, function address, map or data. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_funcs_ok &&
             bl_reloc_apart(obj);
    requires \valid_read(f) && \valid_read(r);
    requires f->base + f->cnt <= BPFLINK_INSN_ARENA;
    requires f->start <= r->offset / 8 < f->start + f->cnt;
    requires \separated(f, obj, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires \separated(r, obj, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_funcs_ok;
 */
static int bl_reloc_one(struct bpf_object *obj, const struct bl_func *f,
			const struct bl_elf_rel *r)
{
	struct bl_elf_sym sym;
	uint32_t at;
	uint32_t end;

	at = f->base + (uint32_t)((r->offset / 8U) - f->start);
	end = f->base + f->cnt;
	if (bl_elf_sym(&obj->elf, obj->symtab, r->sym, &sym) != 0) {
		return bl_diag(-EINVAL, "relocation symbol out of range", NULL, NULL);
	}
	/* what the calls below need, kept by the write of sym (a local) */
	//@ assert bl_lists_ok;
	//@ assert bl_obj_bytes(obj);
	if (sym.shndx == 0U) {
		return bl_reloc_ext(obj, at, end, &sym);
	}
	if (sym.shndx >= obj->elf.shnum) {
		return bl_diag(-EINVAL, "relocation symbol in a special section: ",
			       bl_sym_name(obj, &sym), NULL);
	}
	if ((bl_arena[at].code == BL_CALL) &&
	    (bl_arena[at].src_reg == (uint8_t)BPF_PSEUDO_CALL)) {
		uint64_t start = sym.value / 8U;

		bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
		return bl_call_to(obj, at, sym.shndx,
				  (int64_t)start + (int64_t)bl_arena[at].imm + 1);
	}
	if ((bl_arena[at].code != BL_LD_IMM64) || ((at + 1U) >= end)) {
		return bl_diag(-EINVAL, "relocation on an instruction that is not "
			       "ld_imm64 or call: ", bl_sym_name(obj, &sym), NULL);
	}
	bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
	if (bl_arena[at].src_reg == (uint8_t)BPF_PSEUDO_FUNC) {
		int64_t x;

		if (sym.value > (uint64_t)INT32_MAX) {
			return bl_diag(-EINVAL, "function offset too large: ",
				       bl_sym_name(obj, &sym), NULL);
		}
		x = ((int64_t)sym.value + (int64_t)bl_arena[at].imm) / 8;
		bl_arena[at].imm = 0;
		return bl_call_to(obj, at, sym.shndx, x);
	}
	if ((sym.shndx == obj->maps_shndx) ||
	    (sym.shndx == obj->legacy_maps_shndx)) {
		return bl_reloc_map(obj, at, &sym);
	}
	return bl_reloc_data(obj, at, &sym);
}

/* The relocations of SHT_REL section s (header *sh, targeting f's
 * section) that lie inside function f. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_funcs_ok &&
             bl_reloc_apart(obj);
    requires \valid_read(f) && \valid_read(sh);
    requires f->base + f->cnt <= BPFLINK_INSN_ARENA;
    requires \separated(f, obj, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires \separated(sh, obj, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_funcs_ok;
 */
static int bl_reloc_sec(struct bpf_object *obj, const struct bl_func *f,
			uint32_t s, const struct bl_elf_shdr *sh)
{
	struct bl_elf_rel r;
	int err;

	if (sh->link != obj->symtab) {
		return bl_diag(-EINVAL, "relocations not against the symbol "
			       "table", NULL, NULL);
	}
	/*@ loop invariant bl_funcs_ok;
	    loop assigns i, r, err,
	                 bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
	                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
	                 bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs,
	                 bl_used, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant sh->size / BL_ELF_REL_SIZE - i; */
	for (uint64_t i = 0U; i < (sh->size / BL_ELF_REL_SIZE); i++) {
		if (bl_elf_rel(&obj->elf, s, (uint32_t)i, &r) != 0) {
			return bl_diag(-EINVAL, "bad relocation entry", NULL, NULL);
		}
		if (((r.offset % 8U) != 0U) || ((r.offset / 8U) < f->start) ||
		    ((r.offset / 8U) >= ((uint64_t)f->start + f->cnt))) {
			continue;
		}
		if ((r.type != BL_R_BPF_64_64) && (r.type != BL_R_BPF_64_32)) {
			return bl_diag(-EOPNOTSUPP, "unsupported relocation type in ",
				       bl_obj_sec_name(obj, f->shndx), NULL);
		}
		err = bl_reloc_one(obj, f, &r);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* Relocations of function f: from every SHT_REL section targeting its
 * section (in section order, from bl_rels or, when it overflowed, from
 * the headers), those inside its range; then its calls without a
 * relocation. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok && bl_funcs_ok &&
             bl_reloc_apart(obj);
    requires k < bl_nfuncs;
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures bl_funcs_ok;
 */
static int bl_reloc_func(struct bpf_object *obj, uint32_t k)
{
	struct bl_func f = bl_funcs[k];
	struct bl_elf_shdr sh;
	int err;

	//@ assert f.base + f.cnt <= BPFLINK_INSN_ARENA;
	if (bl_rels.n <= BL_RELS_N) {
		/*@ loop invariant 0 <= j <= bl_rels.n && bl_funcs_ok;
		    loop assigns j, sh, err,
		                 bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
		                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
		                 bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs,
		                 bl_used, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
		    loop variant bl_rels.n - j; */
		for (uint32_t j = 0U; j < bl_rels.n; j++) {
			if (bl_rels.info[j] != f.shndx) {
				continue;
			}
			if (bl_elf_shdr(&obj->elf, bl_rels.sec[j], &sh) != 0) {
				return -EINVAL;
			}
			err = bl_reloc_sec(obj, &f, bl_rels.sec[j], &sh);
			if (err != 0) {
				return err;
			}
		}
		if (bl_rels.stop != 0U) {
			return -EINVAL;
		}
	} else {
		/*@ loop invariant 1 <= s <= 65536 && bl_funcs_ok;
		    loop assigns s, sh, err,
		                 bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
		                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
		                 bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs,
		                 bl_used, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
		    loop variant 65536 - s; */
		for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
			if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
				return -EINVAL;
			}
			if ((sh.type != BL_SHT_REL) || (sh.info != f.shndx)) {
				continue;
			}
			err = bl_reloc_sec(obj, &f, s, &sh);
			if (err != 0) {
				return err;
			}
		}
	}
	/* calls inside the same section, resolved by clang */
	/*@ loop invariant 0 <= i <= f.cnt && bl_funcs_ok;
	    loop assigns i, err,
	                 bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
	                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
	                 bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs,
	                 bl_used, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant f.cnt - i; */
	for (uint32_t i = 0U; i < f.cnt; i++) {
		uint32_t at = f.base + i;

		if ((bl_arena[at].code != BL_CALL) ||
		    (bl_arena[at].src_reg != (uint8_t)BPF_PSEUDO_CALL) ||
		    ((bl_relocated[at / 8U] & (1U << (at % 8U))) != 0U)) {
			continue;
		}
		err = bl_call_to(obj, at, f.shndx,
				 (int64_t)f.start + (int64_t)i +
					 (int64_t)bl_arena[at].imm + 1);
		if (err != 0) {
			return err;
		}
	}
	return 0;
}

/* Fill bl_rels for obj: one walk of its section headers. */
/*@ requires bl_obj_bytes(obj);
    assigns bl_rels;
 */
static void bl_rels_find(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;

	bl_rels.obj = obj;
	bl_rels.gen = obj->generation;
	bl_rels.n = 0U;
	bl_rels.stop = 0U;
	/*@ loop invariant 1 <= s <= 65536 && bl_rels.n <= BL_RELS_N + 1;
	    loop assigns s, sh, bl_rels.n, bl_rels.stop,
	                 bl_rels.sec[0 .. BL_RELS_N - 1],
	                 bl_rels.info[0 .. BL_RELS_N - 1];
	    loop variant 65536 - s; */
	for (uint32_t s = 1U; (s < obj->elf.shnum) && (bl_rels.stop == 0U) &&
			      (bl_rels.n <= BL_RELS_N); s++) {
		if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
			bl_rels.stop = s;
		} else if (sh.type == BL_SHT_REL) {
			if (bl_rels.n < BL_RELS_N) {
				bl_rels.sec[bl_rels.n] = s;
				bl_rels.info[bl_rels.n] = sh.info;
			}
			bl_rels.n++;
		} else {
			/* not a relocation section */
		}
	}
}

/* Its contract is here (it names this file's arena and table); object.h
 * declares it. */
/*@ requires \valid_read(prog) && bl_lists_ok;
    requires bl_obj_bytes(prog->obj) && bl_reloc_apart(prog->obj);
    requires \separated(prog, &bl_rels, bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires \valid(insns) && \valid(cnt) && \separated(insns, cnt);
    requires \separated(insns, prog, prog->obj, &bl_rels,
                bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    requires \separated(cnt, prog, prog->obj, &bl_rels,
                bl_arena + (0 .. BPFLINK_INSN_ARENA - 1),
                bl_relocated + (0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1),
                bl_funcs + (0 .. BPFLINK_MAX_SUBPROGS - 1), &bl_nfuncs,
                &bl_used, bl_diag_buf + (0 .. BL_DIAG_MAX - 1));
    assigns bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
            bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
            bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs, bl_used,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_rels, *insns, *cnt;
    ensures bl_funcs_ok;
    ensures \result == 0 ==> *insns == &bl_arena[0] && *cnt == bl_used &&
                             *cnt <= BPFLINK_INSN_ARENA;
 */
int bl_prog_relocate(struct bpf_program *prog, struct bpf_insn **insns,
		     uint32_t *cnt)
{
	struct bpf_object *obj = prog->obj;
	uint32_t base;
	int err;

	if ((bl_rels.obj != obj) || (bl_rels.gen != obj->generation)) {
		bl_rels_find(obj);
	}
	bl_nfuncs = 0U;
	bl_used = 0U;
	err = bl_append(obj, prog->shndx, prog->insn_off, prog->insn_cnt, &base);
	/*@ loop invariant 0 <= k <= BPFLINK_MAX_SUBPROGS && bl_funcs_ok;
	    loop invariant bl_lists_ok && bl_obj_bytes(obj);
	    loop assigns k, err, bl_arena[0 .. BPFLINK_INSN_ARENA - 1],
	                 bl_relocated[0 .. (BPFLINK_INSN_ARENA + 7) / 8 - 1],
	                 bl_funcs[0 .. BPFLINK_MAX_SUBPROGS - 1], bl_nfuncs,
	                 bl_used, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_MAX_SUBPROGS - k; */
	for (uint32_t k = 0U; (err == 0) && (k < bl_nfuncs); k++) {
		err = bl_reloc_func(obj, k);
	}
	if (err != 0) {
		return err;
	}
	*insns = bl_arena;
	*cnt = bl_used;
	return 0;
}

bool bl_prog_span(uint32_t k, struct bl_func_span *f)
{
	if ((k >= bl_nfuncs) || (k >= BL_FUNCS_N)) {
		return false;
	}
	f->shndx = bl_funcs[k].shndx;
	f->start = bl_funcs[k].start;
	f->cnt = bl_funcs[k].cnt;
	f->base = bl_funcs[k].base;
	return true;
}

/* ---- CO-RE: refused, the first relocation named ------------------------ */

/* Append s to msg[0 .. *m - 1] (at most BL_DIAG_MAX - 1 bytes in all). */
/*@ requires \valid(m) && *m < BL_DIAG_MAX;
    requires \valid(msg + (0 .. BL_DIAG_MAX - 1));
    requires \separated(m, msg + (0 .. BL_DIAG_MAX - 1));
    requires bl_cstr((char *)s);
    requires \base_addr(s) != \base_addr(msg) && \base_addr(s) != \base_addr(m);
    assigns *m, msg[0 .. BL_DIAG_MAX - 1];
    ensures *m < BL_DIAG_MAX;
 */
static void bl_cat(char *msg, size_t *m, const char *s)
{
	size_t i = 0U;

	/*@ loop invariant 0 <= *m < BL_DIAG_MAX && 0 <= i <= *m;
	    loop invariant bl_cstr{Pre}((char *)s) && bl_nz{Pre}((char *)s, i);
	    loop assigns i, *m, msg[0 .. BL_DIAG_MAX - 1];
	    loop variant BL_DIAG_MAX - *m; */
	while ((s[i] != '\0') && ((*m + 1U) < BL_DIAG_MAX)) {
		msg[*m] = s[i];
		*m += 1U;
		i++;
	}
}

/* The same for a string literal (its NUL assumed, as in bl_diag: WP 25
 * does not prove the NUL of a literal longer than a few bytes). */
/*@ requires \valid(m) && *m < BL_DIAG_MAX;
    requires \valid(msg + (0 .. BL_DIAG_MAX - 1));
    requires \separated(m, msg + (0 .. BL_DIAG_MAX - 1));
    requires \base_addr(s) != \base_addr(msg) && \base_addr(s) != \base_addr(m);
    assigns *m, msg[0 .. BL_DIAG_MAX - 1];
    ensures *m < BL_DIAG_MAX;
 */
static void bl_cat_lit(char *msg, size_t *m, const char *s)
{
	//@ admit bl_cstr((char *)s);
	bl_cat(msg, m, s);
}

/* v in decimal appended to msg[0 .. *m - 1]. */
/*@ requires \valid(m) && *m < BL_DIAG_MAX;
    requires \valid(msg + (0 .. BL_DIAG_MAX - 1));
    requires \separated(m, msg + (0 .. BL_DIAG_MAX - 1));
    assigns *m, msg[0 .. BL_DIAG_MAX - 1];
    ensures *m < BL_DIAG_MAX;
 */
static void bl_cat_u32(char *msg, size_t *m, uint32_t v)
{
	char num[12];

	bl_fmt_u32(num, v);
	bl_cat(msg, m, num);
}

/* A name (s), or "?" for none, appended to msg[0 .. *m - 1]. */
/*@ requires \valid(m) && *m < BL_DIAG_MAX;
    requires \valid(msg + (0 .. BL_DIAG_MAX - 1));
    requires \separated(m, msg + (0 .. BL_DIAG_MAX - 1));
    requires s == \null || (bl_cstr((char *)s) &&
             \base_addr(s) != \base_addr(msg) && \base_addr(s) != \base_addr(m));
    assigns *m, msg[0 .. BL_DIAG_MAX - 1];
    ensures *m < BL_DIAG_MAX;
 */
static void bl_cat_name(char *msg, size_t *m, const char *s)
{
	if (s != NULL) {
		bl_cat(msg, m, s);
	} else {
		bl_cat_lit(msg, m, "?");
	}
}

/* The refusal of a CO-RE relocation, named by its section, instruction,
 * kind, type id and access string. */
/*@ requires sec == \null || (bl_cstr((char *)sec) &&
             \base_addr(sec) != \base_addr(&bl_diag_buf[0]));
    requires acc == \null || (bl_cstr((char *)acc) &&
             \base_addr(acc) != \base_addr(&bl_diag_buf[0]));
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == -EOPNOTSUPP;
 */
static int bl_core_diag(const char *sec, const char *acc, uint32_t insn,
			uint32_t kind, uint32_t type_id)
{
	char msg[BL_DIAG_MAX];
	size_t m = 0U;

	bl_cat_lit(msg, &m, "CO-RE relocation not supported: section ");
	bl_cat_name(msg, &m, sec);
	bl_cat_lit(msg, &m, ", insn ");
	bl_cat_u32(msg, &m, insn);
	bl_cat_lit(msg, &m, ", kind ");
	bl_cat_u32(msg, &m, kind);
	bl_cat_lit(msg, &m, ", type id ");
	bl_cat_u32(msg, &m, type_id);
	bl_cat_lit(msg, &m, ", access ");
	bl_cat_name(msg, &m, acc);
	msg[m] = '\0';
	return bl_diag(-EOPNOTSUPP, NULL, msg, NULL);
}

/* The string at offset off of the object's .BTF, or NULL. */
/*@ requires bl_obj_bytes(obj);
    assigns \nothing;
    ensures \result == \null || bl_cstr((char *)\result);
    ensures \result == \null ||
            \base_addr(\result) != \base_addr(&bl_diag_buf[0]);
 */
static const char *bl_core_name(const struct bpf_object *obj, uint32_t off)
{
	struct bl_elf_shdr bsh;
	struct bl_btf b;
	size_t at;
	size_t n;

	if ((obj->btf_shndx != 0U) &&
	    (bl_elf_shdr(&obj->elf, obj->btf_shndx, &bsh) == 0) &&
	    (bsh.type != BL_SHT_NOBITS) &&
	    (bl_btf_init(&b, &obj->buf[bsh.offset], bsh.size) == 0) &&
	    (bl_btf_name(&b, off, &at, &n) == 0)) {
		return bl_btf_str(&b, at, n);
	}
	return NULL;
}

/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result == 0 || \result == -EINVAL || \result == -EOPNOTSUPP;
 */
int bl_obj_check_core(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	const uint8_t *p;
	const uint8_t *rel;
	uint64_t hdr;
	uint64_t off;
	uint64_t len;
	uint64_t pos;
	uint32_t rec;

	if ((obj->btf_ext_shndx == 0U) ||
	    (bl_elf_shdr(&obj->elf, obj->btf_ext_shndx, &sh) != 0) ||
	    (sh.type == BL_SHT_NOBITS) || (sh.size < 8U)) {
		return 0;
	}
	p = &obj->buf[sh.offset];
	hdr = bl_le32(p, 4U);
	if ((p[0] != 0x9fU) || (p[1] != 0xebU) || (hdr < 32U) ||
	    (hdr > sh.size)) {
		return 0; /* no core_relo part */
	}
	off = bl_le32(p, 24U);
	len = bl_le32(p, 28U);
	if (len == 0U) {
		return 0;
	}
	if ((off > (sh.size - hdr)) || (len > ((sh.size - hdr) - off)) ||
	    (len < 4U)) {
		return bl_diag(-EINVAL, "bad .BTF.ext core_relo bounds", NULL, NULL);
	}
	rel = &p[hdr + off];
	rec = bl_le32(rel, 0U);
	pos = 4U;
	if (rec < 16U) {
		return bl_diag(-EINVAL, "bad .BTF.ext core_relo record size", NULL,
			       NULL);
	}
	/*@ loop invariant 4 <= pos <= len;
	    loop assigns pos;
	    loop variant len - pos; */
	while ((len - pos) >= 8U) {
		uint32_t nsec = bl_le32(rel, pos + 4U);

		if (nsec == 0U) {
			pos += 8U;
			continue;
		}
		if ((len - pos) < (8U + 16U)) {
			break;
		}
		return bl_core_diag(bl_core_name(obj, bl_le32(rel, pos)),
				    bl_core_name(obj, bl_le32(rel, pos + 16U)),
				    bl_le32(rel, pos + 8U) / 8U,
				    bl_le32(rel, pos + 20U),
				    bl_le32(rel, pos + 12U));
	}
	return 0;
}

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
 * Extern symbols and other relocations are refused with a diagnostic. The
 * arena (BPFLINK_INSN_ARENA instructions) and the table of appended
 * functions (BPFLINK_MAX_SUBPROGS) are bounded: -E2BIG names the limit.
 * The caller holds the arena lock (bl_obj_lock).
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

struct bl_func {
	uint32_t shndx;
	uint32_t start; /* first instruction in its section */
	uint32_t cnt;
	uint32_t base; /* position in the arena */
};

static struct bpf_insn bl_arena[BPFLINK_INSN_ARENA];
static uint8_t bl_relocated[(BPFLINK_INSN_ARENA + 7) / 8];
static struct bl_func bl_funcs[BPFLINK_MAX_SUBPROGS];
static uint32_t bl_nfuncs;
static uint32_t bl_used;

static void bl_fmt_u32(char *b, uint32_t v)
{
	static const char digits[] = "0123456789";
	char t[11];
	uint32_t rest = v;
	uint32_t k = 0U;
	uint32_t n = 0U;

	do {
		t[k] = digits[rest % 10U];
		k++;
		rest /= 10U;
	} while (rest != 0U);
	while (k != 0U) {
		k--;
		b[n] = t[k];
		n++;
	}
	b[n] = '\0';
}

static int bl_append(struct bpf_object *obj, uint32_t shndx, uint32_t start,
		     uint32_t cnt, uint32_t *base)
{
	struct bl_elf_shdr sh;

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
	__builtin_memcpy(&bl_arena[bl_used],
			 &obj->buf[sh.offset + ((uint64_t)start * 8U)],
			 (size_t)cnt * 8U);
	for (uint32_t i = 0U; i < cnt; i++) {
		uint32_t bit = bl_used + i;

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

/* Arena position of instruction x of section shndx, appending the function
 * that holds it when it is not there yet. */
static int bl_target(struct bpf_object *obj, uint32_t shndx, uint64_t x,
		     uint32_t *pos)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	uint64_t nsyms;
	uint32_t base = 0U;
	int err;

	for (uint32_t k = 0U; k < bl_nfuncs; k++) {
		const struct bl_func *f = &bl_funcs[k];

		if ((f->shndx == shndx) && (x >= f->start) &&
		    (x < ((uint64_t)f->start + f->cnt))) {
			*pos = f->base + (uint32_t)(x - f->start);
			return 0;
		}
	}
	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return -EINVAL;
	}
	nsyms = st.size / BL_ELF_SYM_SIZE;
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

static int bl_map_fd_of(struct bpf_map *m, const char *sym)
{
	if (m == NULL) {
		return bl_diag(-EINVAL, "relocation to an unknown map: ", sym, NULL);
	}
	if (m->fd < 0) {
		return bl_diag(-EINVAL, "relocation to map ", m->real_name,
			       " which is not created (autocreate off)");
	}
	return m->fd;
}

static int bl_reloc_one(struct bpf_object *obj, const struct bl_func *f,
			const struct bl_elf_rel *r)
{
	struct bl_elf_sym sym;
	struct bpf_insn *insn;
	const char *sname = "?";
	uint32_t at;
	uint8_t kind;
	size_t sat;
	size_t sn;
	int fd;

	at = f->base + (uint32_t)((r->offset / 8U) - f->start);
	insn = &bl_arena[at];
	if (bl_elf_sym(&obj->elf, obj->symtab, r->sym, &sym) != 0) {
		return bl_diag(-EINVAL, "relocation symbol out of range", NULL, NULL);
	}
	if ((bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &sat, &sn) == 0) &&
	    (sn > 0U)) {
		sname = bl_obj_str(obj, sat);
	}
	if (sym.shndx == 0U) {
		if ((insn->code == BL_LD_IMM64) && ((at + 1U) < (f->base + f->cnt)) &&
		    (bl_kcfg_reloc(obj, sname, insn) == 0)) {
			bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
			return 0;
		}
		return bl_diag(-EOPNOTSUPP, "extern symbol not supported (only "
			       ".kconfig LINUX_KERNEL_VERSION and CONFIG_*): ",
			       sname, NULL);
	}
	if (sym.shndx >= obj->elf.shnum) {
		return bl_diag(-EINVAL, "relocation symbol in a special section: ",
			       sname, NULL);
	}
	if ((insn->code == BL_CALL) &&
	    (insn->src_reg == (uint8_t)BPF_PSEUDO_CALL)) {
		uint64_t start = sym.value / 8U;

		bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
		return bl_call_to(obj, at, sym.shndx,
				  (int64_t)start + (int64_t)insn->imm + 1);
	}
	if ((insn->code != BL_LD_IMM64) || ((at + 1U) >= (f->base + f->cnt))) {
		return bl_diag(-EINVAL, "relocation on an instruction that is not "
			       "ld_imm64 or call: ", sname, NULL);
	}
	bl_relocated[at / 8U] |= (uint8_t)(1U << (at % 8U));
	if (insn->src_reg == (uint8_t)BPF_PSEUDO_FUNC) {
		int64_t x = ((int64_t)sym.value + (int64_t)insn->imm) / 8;

		insn->imm = 0;
		return bl_call_to(obj, at, sym.shndx, x);
	}
	if ((sym.shndx == obj->maps_shndx) ||
	    (sym.shndx == obj->legacy_maps_shndx)) {
		struct bpf_map *m = bl_obj_map_at(obj, sym.shndx, sym.value);

		if ((m == NULL) && ((sym.info & 15U) == BL_STT_SECTION) &&
		    (insn->imm >= 0)) {
			m = bl_obj_map_at(obj, sym.shndx, sym.value + (uint64_t)insn->imm);
		}
		fd = bl_map_fd_of(m, sname);
		if (fd < 0) {
			return fd;
		}
		insn->src_reg = BPF_PSEUDO_MAP_FD;
		insn->imm = fd;
		return 0;
	}
	{
		const char *sec = bl_obj_sec_name(obj, sym.shndx);

		if ((sec == NULL) || !bl_is_data_sec(sec, &kind)) {
			return bl_diag(-EOPNOTSUPP,
				       "relocation into unsupported section ",
				       (sec != NULL) ? sec : "?", NULL);
		}
	}
	fd = bl_map_fd_of(bl_obj_map_at(obj, sym.shndx, 0U), sname);
	if (fd < 0) {
		return fd;
	}
	if (sym.value > (uint64_t)INT32_MAX) {
		return bl_diag(-EINVAL, "data offset too large: ", sname, NULL);
	}
	insn->src_reg = BPF_PSEUDO_MAP_VALUE;
	insn[1].imm = insn->imm + (int32_t)sym.value;
	insn->imm = fd;
	return 0;
}

/* Relocations of function f: from every SHT_REL section targeting its
 * section, those inside its range. */
static int bl_reloc_func(struct bpf_object *obj, uint32_t k)
{
	struct bl_func f = bl_funcs[k];
	struct bl_elf_shdr sh;
	struct bl_elf_rel r;
	int err;

	for (uint32_t s = 1U; s < obj->elf.shnum; s++) {
		if (bl_elf_shdr(&obj->elf, s, &sh) != 0) {
			return -EINVAL;
		}
		if ((sh.type != BL_SHT_REL) || (sh.info != f.shndx)) {
			continue;
		}
		if (sh.link != obj->symtab) {
			return bl_diag(-EINVAL, "relocations not against the symbol "
				       "table", NULL, NULL);
		}
		for (uint64_t i = 0U; i < (sh.size / BL_ELF_REL_SIZE); i++) {
			if (bl_elf_rel(&obj->elf, s, (uint32_t)i, &r) != 0) {
				return bl_diag(-EINVAL, "bad relocation entry", NULL,
					       NULL);
			}
			if (((r.offset % 8U) != 0U) ||
			    ((r.offset / 8U) < f.start) ||
			    ((r.offset / 8U) >= ((uint64_t)f.start + f.cnt))) {
				continue;
			}
			if ((r.type != BL_R_BPF_64_64) &&
			    (r.type != BL_R_BPF_64_32)) {
				return bl_diag(-EOPNOTSUPP, "unsupported relocation "
					       "type in ", bl_obj_sec_name(obj, f.shndx),
					       NULL);
			}
			err = bl_reloc_one(obj, &f, &r);
			if (err != 0) {
				return err;
			}
		}
	}
	/* calls inside the same section, resolved by clang */
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

int bl_prog_relocate(struct bpf_program *prog, struct bpf_insn **insns,
		     uint32_t *cnt)
{
	uint32_t base;
	int err;

	bl_nfuncs = 0U;
	bl_used = 0U;
	err = bl_append(prog->obj, prog->shndx, prog->insn_off, prog->insn_cnt,
			&base);
	for (uint32_t k = 0U; (err == 0) && (k < bl_nfuncs); k++) {
		err = bl_reloc_func(prog->obj, k);
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
	if (k >= bl_nfuncs) {
		return false;
	}
	f->shndx = bl_funcs[k].shndx;
	f->start = bl_funcs[k].start;
	f->cnt = bl_funcs[k].cnt;
	f->base = bl_funcs[k].base;
	return true;
}

/* ---- CO-RE: refused, the first relocation named ------------------------ */

/* The little-endian 32-bit word at p[off]. */
static uint32_t bl_le32(const uint8_t *p, uint64_t off)
{
	return (uint32_t)p[off] | ((uint32_t)p[off + 1U] << 8U) |
	       ((uint32_t)p[off + 2U] << 16U) | ((uint32_t)p[off + 3U] << 24U);
}

int bl_obj_check_core(struct bpf_object *obj)
{
	struct bl_elf_shdr sh;
	struct bl_elf_shdr bsh;
	struct bl_btf b;
	const uint8_t *p;
	const uint8_t *rel;
	uint64_t hdr;
	uint64_t off;
	uint64_t len;
	uint64_t pos;
	uint32_t rec;
	char num[3][12];
	const char *sec = "?";
	const char *acc = "?";
	size_t at;
	size_t n;

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
	while ((pos + 8U) <= len) {
		uint32_t nsec = bl_le32(rel, pos + 4U);
		uint32_t insn_off;
		uint32_t type_id;
		uint32_t kind;

		if (nsec == 0U) {
			pos += 8U;
			continue;
		}
		if ((pos + 8U + 16U) > len) {
			break;
		}
		insn_off = bl_le32(rel, pos + 8U);
		type_id = bl_le32(rel, pos + 12U);
		kind = bl_le32(rel, pos + 20U);
		if ((obj->btf_shndx != 0U) &&
		    (bl_elf_shdr(&obj->elf, obj->btf_shndx, &bsh) == 0) &&
		    (bsh.type != BL_SHT_NOBITS) &&
		    (bl_btf_init(&b, &obj->buf[bsh.offset], bsh.size) == 0)) {
			if (bl_btf_name(&b, bl_le32(rel, pos), &at, &n) == 0) {
				sec = (const char *)&b.buf[at];
			}
			if (bl_btf_name(&b, bl_le32(rel, pos + 16U), &at, &n) ==
			    0) {
				acc = (const char *)&b.buf[at];
			}
		}
		bl_fmt_u32(num[0], insn_off / 8U);
		bl_fmt_u32(num[1], kind);
		bl_fmt_u32(num[2], type_id);
		{
			char msg[BL_DIAG_MAX];
			const char *parts[] = {
				"CO-RE relocation not supported: section ", sec,
				", insn ", num[0], ", kind ", num[1], ", type id ",
				num[2], ", access ", acc,
			};
			size_t m = 0U;

			for (uint32_t k = 0U;
			     k < (sizeof(parts) / sizeof(parts[0])); k++) {
				for (size_t i = 0U; (parts[k][i] != '\0') &&
						    ((m + 1U) < sizeof(msg));
				     i++) {
					msg[m] = parts[k][i];
					m++;
				}
			}
			msg[m] = '\0';
			return bl_diag(-EOPNOTSUPP, msg, NULL, NULL);
		}
	}
	return 0;
}

/* libFuzzer target for the ELF reader (src/elf.c): parse, then walk every
 * section, name, symbol, relocation and program header, look symbols up and
 * translate addresses, exactly as uprobe attach and the object loader do.
 * A .BTF section found on the way goes through the BTF reader too.
 * Built with -fsanitize=fuzzer,address,undefined (tests/fuzz/fuzz.mk);
 * libFuzzer's buffer has the input's exact size, so ASan flags any read
 * past it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "btf.h"
#include "elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

#define NAME(s) (const uint8_t *)(s), (sizeof(s) - 1)

static void touch(const struct bl_elf *e, size_t at, size_t n)
{
	/* Every byte of a returned name, and its NUL, is inside the file. */
	if (at > e->len || n >= e->len - at || e->buf[at + n] != 0)
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		sink += e->buf[at + i];
}

static void btf_walk(const uint8_t *buf, size_t len)
{
	struct bl_btf b;
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t;
	uint32_t v, id;

	if (bl_btf_init(&b, buf, len) != 0)
		return;
	(void)bl_btf_count(&b, &v);
	(void)bl_btf_find(&b, NAME("int"), 1, &id);
	while (bl_btf_next(&b, &it, &t) == 1)
		for (uint32_t w = 0; bl_btf_word(&b, &t, w, &v) == 0; w++)
			sink += v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_elf e;
	struct bl_elf_shdr sh;
	struct bl_elf_phdr ph;
	struct bl_elf_sym s;
	struct bl_elf_rel r;
	uint64_t off;
	uint32_t i, j, idx;
	size_t at, n;

	if (bl_elf_init(&e, data, size) != 0)
		return 0;
	for (i = 0; i < e.shnum; i++) {
		if (bl_elf_shdr(&e, i, &sh) != 0)
			continue;
		if (sh.type != 8 && (sh.offset > size || sh.size > size - sh.offset))
			__builtin_trap();
		if (bl_elf_sec_name(&e, &sh, &at, &n) == 0) {
			touch(&e, at, n);
			if (n == 4 && memcmp(data + at, ".BTF", 4) == 0 &&
			    sh.type != 8)
				btf_walk(data + sh.offset, sh.size);
		}
		for (j = 0; j < 4096 && bl_elf_sym(&e, i, j, &s) == 0; j++) {
			if (bl_elf_sym_name(&e, i, &s, &at, &n) == 0) {
				touch(&e, at, n);
				if (j < 64 && n > 0 &&
				    bl_elf_find_func(&e, data + at, n, &s) == 0)
					sink += s.value;
			}
		}
		for (j = 0; j < 4096 && bl_elf_rel(&e, i, j, &r) == 0; j++)
			sink += r.offset + r.sym + r.type + (uint64_t)r.addend;
		if (sh.type == 3 && sh.size > 0)
			for (j = 0; j < 64; j++)
				if (bl_elf_str(&e, i, j, &at, &n) == 0)
					touch(&e, at, n);
	}
	for (i = 0; i < e.phnum; i++) {
		if (bl_elf_phdr(&e, i, &ph) != 0)
			continue;
		if (ph.offset > size || ph.filesz > size - ph.offset)
			__builtin_trap();
		if (bl_elf_vaddr_to_off(&e, ph.vaddr, &off) == 0 && off >= size)
			__builtin_trap();
	}
	if (bl_elf_vaddr_to_off(&e, e.entry, &off) == 0 && off >= size)
		__builtin_trap();
	if (bl_elf_func_offset(&e, NAME("main"), &off) == 0 && off >= size)
		__builtin_trap();
	(void)bl_elf_find_sec(&e, NAME(".text"), &idx);
	(void)bl_elf_find_sec(&e, NAME(".symtab"), &idx);
	return 0;
}

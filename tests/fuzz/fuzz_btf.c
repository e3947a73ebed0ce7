/* libFuzzer target for the BTF reader (src/btf.c): parse the header, walk
 * every record (and every trailing word of each), read names, and look up
 * types by name and kind as tracing attach and the object loader do.
 * Built with -fsanitize=fuzzer,address,undefined (tests/fuzz/fuzz.mk). */
#include <stddef.h>
#include <stdint.h>

#include "btf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

#define NAME(s) (const uint8_t *)(s), (sizeof(s) - 1)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_btf b;
	struct bl_btf_iter it = { 0, 0 };
	struct bl_btf_type t;
	uint32_t v, id, nr = 0, seen = 0;
	size_t at, n;
	int r;

	if (bl_btf_init(&b, data, size) != 0)
		return 0;
	r = bl_btf_count(&b, &nr);
	while ((r = bl_btf_next(&b, &it, &t)) == 1) {
		seen++;
		if (t.off > size || t.rec_len > size - t.off || t.id != seen)
			__builtin_trap();
		for (uint32_t w = 0; bl_btf_word(&b, &t, w, &v) == 0; w++)
			sink += v;
		if (bl_btf_name(&b, t.name_off, &at, &n) == 0) {
			if (at > size || n >= size - at || data[at + n] != 0)
				__builtin_trap();
			/* Every named type is found again by its name and kind,
			 * at its own id or an earlier one of the same name. */
			if (bl_btf_find(&b, data + at, n, t.kind, &id) != 0 ||
			    id > t.id)
				__builtin_trap();
		}
	}
	/* count and a full walk agree. */
	if (r == 0 && bl_btf_count(&b, &nr) == 0 && nr != seen)
		__builtin_trap();
	(void)bl_btf_find(&b, NAME("do_sys_open"), 12, &id);
	(void)bl_btf_find(&b, NAME("btf_trace_sys_enter"), 8, &id);
	return 0;
}

/* libFuzzer target over bpf_object__open_mem (and, when it opens, the whole
 * load over the fake syscall seam, so relocation and map parsing see the
 * mutated bytes too), then close. Checks after every input: no fake fd
 * left open, no double close, every pool back to where it started.
 * Seeded with the objects tests/bpf/ builds (tests/fuzz/object.mk). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bpflink.h"
#include "fake_sys.h"

static struct bpflink_object_pool_stats before;
static int ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpflink_object_pool_stats after;
	struct bpf_object *obj;
	struct bpf_program *p;
	struct bpf_map *m;
	size_t sum = 0;

	if (!ready) {
		bpflink_object_pool_stats(&before);
		ready = 1;
	}
	fake_reset();
	obj = bpf_object__open_mem(data, size, NULL);
	if (obj) {
		bpf_object__for_each_program(p, obj)
			sum += bpf_program__insn_cnt(p) + (size_t)bpf_program__type(p);
		bpf_object__for_each_map(m, obj)
			sum += bpf_map__value_size(m) + bpf_map__key_size(m);
		(void)bpf_object__load(obj);
		bpf_object__close(obj);
	}
	(void)sum;
	bpflink_object_pool_stats(&after);
	if (fake_open_fds() != 0 || fake_double_closes != 0 ||
	    after.objects != before.objects ||
	    after.programs != before.programs || after.maps != before.maps)
		abort();
	return 0;
}

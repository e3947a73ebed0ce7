/* One text summary of an opened-and-loaded object, written with the API
 * names bpflink and libbpf share, so the same code compiles against either
 * library's headers (tests/bpf/libbpf_dump.c with Debian's libbpf,
 * tests/kernel/object_diff.c with bpflink): one line per program and per
 * map, then the load verdict. */
#ifndef BPFLINK_TEST_DUMP_H
#define BPFLINK_TEST_DUMP_H

#include <stdio.h>

static void dump_object(struct bpf_object *obj, int load_err, FILE *f)
{
	struct bpf_program *p;
	struct bpf_map *m;

	bpf_object__for_each_program(p, obj)
		fprintf(f, "prog %s sec=%s type=%d eat=%d insns=%zu loaded=%d\n",
			bpf_program__name(p), bpf_program__section_name(p),
			(int)bpf_program__type(p),
			(int)bpf_program__expected_attach_type(p),
			bpf_program__insn_cnt(p), bpf_program__fd(p) >= 0);
	bpf_object__for_each_map(m, obj)
		fprintf(f, "map %s type=%d key=%u value=%u max=%u flags=0x%x\n",
			bpf_map__name(m), (int)bpf_map__type(m),
			bpf_map__key_size(m), bpf_map__value_size(m),
			bpf_map__max_entries(m), bpf_map__map_flags(m));
	fprintf(f, "load %s\n", load_err ? "fail" : "ok");
}

#endif

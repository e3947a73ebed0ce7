/* One text summary of an opened-and-loaded object, written with the API
 * names bpflink and libbpf share, so the same code compiles against either
 * library's headers (tests/bpf/libbpf_dump.c with Debian's libbpf,
 * tests/kernel/object_diff.c with bpflink): one line per program and per
 * map, with what the kernel reports of their BTF (a program's func_info and
 * line_info counts, a map's key/value type ids), then the load verdict. */
#ifndef BPFLINK_TEST_DUMP_H
#define BPFLINK_TEST_DUMP_H

#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>

/* What the kernel holds of a loaded program or map (zeros when not
 * loaded): BTF or not, func/line info counts, map key/value type ids. */
static void dump_prog_btf(int fd, FILE *f)
{
	struct bpf_prog_info pi;
	__u32 len = sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	if (fd >= 0)
		(void)bpf_obj_get_info_by_fd(fd, &pi, &len);
	fprintf(f, " btf=%d finfo=%u linfo=%u", pi.btf_id != 0,
		pi.nr_func_info, pi.nr_line_info);
}

static void dump_map_btf(int fd, FILE *f)
{
	struct bpf_map_info mi;
	__u32 len = sizeof(mi);

	memset(&mi, 0, sizeof(mi));
	if (fd >= 0)
		(void)bpf_obj_get_info_by_fd(fd, &mi, &len);
	fprintf(f, " btf=%d key_type=%u value_type=%u", mi.btf_id != 0,
		mi.btf_key_type_id, mi.btf_value_type_id);
}

static void dump_object(struct bpf_object *obj, int load_err, FILE *f)
{
	struct bpf_program *p;
	struct bpf_map *m;

	bpf_object__for_each_program(p, obj) {
		fprintf(f, "prog %s sec=%s type=%d eat=%d insns=%zu loaded=%d",
			bpf_program__name(p), bpf_program__section_name(p),
			(int)bpf_program__type(p),
			(int)bpf_program__expected_attach_type(p),
			bpf_program__insn_cnt(p), bpf_program__fd(p) >= 0);
		dump_prog_btf(bpf_program__fd(p), f);
		fprintf(f, "\n");
	}
	bpf_object__for_each_map(m, obj) {
		fprintf(f, "map %s type=%d key=%u value=%u max=%u flags=0x%x",
			bpf_map__name(m), (int)bpf_map__type(m),
			bpf_map__key_size(m), bpf_map__value_size(m),
			bpf_map__max_entries(m), bpf_map__map_flags(m));
		dump_map_btf(bpf_map__fd(m), f);
		fprintf(f, "\n");
	}
	fprintf(f, "load %s\n", load_err ? "fail" : "ok");
}

#endif

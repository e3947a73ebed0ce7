/* The libbpf side of the differential test: open and load PATH with
 * Debian's libbpf (libbpf-dev) and print dump_object's summary, or
 * "open fail" when libbpf refuses the object. Its own process, so that
 * libbpf's symbols never meet bpflink's. */
#include <bpf/libbpf.h>
#include <stdio.h>

#include "dump.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: libbpf_dump OBJ\n");
		return 2;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		printf("open fail\n");
		return 0;
	}
	err = bpf_object__load(obj);
	dump_object(obj, err, stdout);
	bpf_object__close(obj);
	return 0;
}

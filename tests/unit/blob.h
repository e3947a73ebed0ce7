/* The BPF objects tests/bpf/bpf.mk builds, read whole into memory for the
 * object unit tests (found next to the test binary: ../bpf/NAME.bpf.o). */
#ifndef BL_TEST_BLOB_H
#define BL_TEST_BLOB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "exe.h"

struct blob {
	unsigned char *p;
	size_t n;
};

/* NAME.bpf.o's bytes (malloc'd; never freed: the tests keep them to the
 * end), or { NULL, 0 } when it is missing or unreadable. */
static struct blob load_blob(const char *name)
{
	char exe[512], path[700];
	struct blob b = { NULL, 0 };
	FILE *f;

	if (t_exe_dir(exe, sizeof(exe)) != 0)
		return b;
	snprintf(path, sizeof(path), "%s/../bpf/%s.bpf.o", exe, name);
	f = fopen(path, "rb");
	if (!f)
		return b;
	fseek(f, 0, SEEK_END);
	b.n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	b.p = malloc(b.n);
	if (fread(b.p, 1, b.n, f) != b.n)
		b.n = 0;
	fclose(f);
	return b;
}

#endif

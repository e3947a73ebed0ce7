/* The directory of the running test binary (the objects tests/bpf/bpf.mk
 * builds are found relative to it). */
#ifndef BL_TEST_EXE_H
#define BL_TEST_EXE_H

#include <string.h>
#include <unistd.h>

/* Writes the directory into dir (n bytes); 0, or -1 with dir empty. */
static int t_exe_dir(char *dir, size_t n)
{
	ssize_t k = readlink("/proc/self/exe", dir, n - 1);
	char *slash;

	if (k <= 0) {
		dir[0] = '\0';
		return -1;
	}
	dir[k] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return 0;
}

#endif

/* The ELF file helper on real files with the real syscall seam: a function
 * of this binary (.symtab) and one of the C library (.dynsym) resolve to the
 * file offsets that /proc/self/maps implies for their loaded addresses; bad
 * files give clean errors; no fd or mapping is left behind. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf.h"
#include "t.h"
#include "fds.h"

__attribute__((noinline, used)) int t_kelf_target(int x);
__attribute__((noinline, used)) int t_kelf_target(int x)
{
	return x + 42;
}

static int count_maps(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

/* Offset in its file of a loaded address, and that file's path. */
static long maps_offset(const void *addr, char *path, size_t cap)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long a = (unsigned long)addr, lo, hi, off;
	long r = -1;
	int pos;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %n", &lo, &hi, &off,
			   &pos) != 3)
			continue;
		if (a >= lo && a < hi) {
			snprintf(path, cap, "%s", line + pos);
			path[strcspn(path, "\n")] = '\0';
			r = (long)(a - lo + off);
			break;
		}
	}
	fclose(f);
	return r;
}

static void own_function(void)
{
	char path[256];
	uint64_t off = 0;
	long want = maps_offset((const void *)t_kelf_target, path, sizeof(path));
	int fds = t_open_fds(), maps = count_maps();

	T_ASSERT(want > 0);
	T_ASSERT_EQ(bl_elf_file_sym_offset("/proc/self/exe", "t_kelf_target",
					   &off), 0);
	T_ASSERT_EQ(off, want);
	off = 0;
	T_ASSERT_EQ(bl_elf_file_sym_offset(path, "t_kelf_target", &off), 0);
	T_ASSERT_EQ(off, want);
	T_ASSERT_EQ(t_kelf_target(0), 42);
	T_ASSERT_EQ(t_open_fds(), fds);
	T_ASSERT_EQ(count_maps(), maps);
}

static void libc_function(void)
{
	char path[256];
	uint64_t off = 0;
	long want = maps_offset((const void *)getpid, path, sizeof(path));
	int fds = t_open_fds();

	if (want < 0 || path[0] != '/')
		T_SKIP("getpid is not in a mapped shared library here");
	T_ASSERT_EQ(bl_elf_file_sym_offset(path, "getpid", &off), 0);
	T_ASSERT_EQ(off, want);
	T_ASSERT_EQ(bl_elf_file_sym_offset(path, "no_such_symbol_bpflink", &off),
		    -ENOENT);
	T_ASSERT_EQ(t_open_fds(), fds);
}

static void bad_files(void)
{
	char tmp[] = "/tmp/bpflink-elf-XXXXXX";
	uint64_t off;
	int fd, fds = t_open_fds(), maps = count_maps();

	T_ASSERT_EQ(bl_elf_file_sym_offset("/nonexistent/bpflink", "f", &off),
		    -ENOENT);
	/* A directory: open works, mapping it does not (or its size is 0,
	 * as on some filesystems). */
	{
		int r = bl_elf_file_sym_offset("/", "f", &off);

		T_ASSERT(r == -ENODEV || r == -ENODATA);
	}
	/* /proc files report size 0: nothing to map. */
	T_ASSERT_EQ(bl_elf_file_sym_offset("/proc/self/cmdline", "f", &off),
		    -ENODATA);
	fd = mkstemp(tmp);
	T_ASSERT(fd >= 0);
	T_ASSERT(write(fd, "#!/bin/sh\nexit 0\n", 17) == 17);
	close(fd);
	T_ASSERT_EQ(bl_elf_file_sym_offset(tmp, "f", &off), -ENOEXEC);
	unlink(tmp);
	T_ASSERT_EQ(t_open_fds(), fds);
	T_ASSERT_EQ(count_maps(), maps);
}

int main(void)
{
	T_RUN(own_function);
	T_RUN(libc_function);
	T_RUN(bad_files);
	return T_EXIT_CODE();
}

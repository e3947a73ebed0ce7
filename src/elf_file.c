/* File-level side of the ELF reader: open, map, parse, release. Uses the
 * syscall seam (src/sys.h); the parsing itself is src/elf.c (proved). Every
 * path releases what it took: the fd is closed as soon as the mapping
 * exists (or failed), the mapping before returning. */
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <asm/stat.h>

#include "elf.h"
#include "sys.h"

/* A single read() asks for at most this much (the seam's bound). */
#define BL_READ_CHUNK 0x40000000u

size_t bl_cstrlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

int bl_file_map(const char *path, void **map, size_t *len)
{
	struct stat st;
	void *addr = NULL;
	int fd;
	int r;

	fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY, 0);
	if (fd < 0) {
		return fd;
	}
	r = bl_sys_fstat(fd, &st);
	if ((r == 0) && (st.st_size <= 0)) {
		r = -ENODATA;
	}
	if (r == 0) {
		r = bl_sys_mmap(&addr, (size_t)st.st_size, PROT_READ,
				MAP_PRIVATE, fd, 0);
	}
	(void)bl_sys_close(fd); /* a mapping outlives its fd */
	if (r != 0) {
		return r;
	}
	*map = addr;
	*len = (size_t)st.st_size;
	return 0;
}

int bl_file_read(const char *path, void *buf, size_t cap, size_t *len)
{
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the caller's buffer, written as bytes, bounded by cap */
	uint8_t *p = buf;
	size_t got = 0;
	uint8_t extra;
	long n = 0;
	int done = 0;
	int fd;

	fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY, 0);
	if (fd < 0) {
		return fd;
	}
	/* Until the end of the file (n == 0), an error (n < 0) or a full
	 * buffer. */
	while (done == 0) {
		size_t want = cap - got;

		if (want == 0U) {
			/* Full: the file fits only if nothing is left. */
			n = bl_sys_read(fd, &extra, 1);
			if (n > 0) {
				n = -E2BIG;
			}
			done = 1;
		} else {
			if (want > BL_READ_CHUNK) {
				want = BL_READ_CHUNK;
			}
			n = bl_sys_read(fd, &p[got], want);
			if (n <= 0) {
				done = 1;
			} else {
				got += (size_t)n;
			}
		}
	}
	(void)bl_sys_close(fd);
	if (n < 0) {
		return (int)n;
	}
	*len = got;
	return 0;
}

int bl_elf_file_sym_offset(const char *path, const char *sym, uint64_t *off)
{
	struct bl_elf e;
	void *map;
	size_t len;
	int r;

	if ((path == NULL) || (sym == NULL) || (off == NULL)) {
		return -EINVAL;
	}
	r = bl_file_map(path, &map, &len);
	if (r != 0) {
		return r;
	}
	r = bl_elf_init(&e, map, len);
	if (r == 0) {
		r = bl_elf_func_offset(&e, (const uint8_t *)sym, bl_cstrlen(sym),
				       off);
	}
	(void)bl_sys_munmap(map, len);
	return r;
}

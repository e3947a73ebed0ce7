/* The four memory functions compilers emit calls to, for programs without
 * a libc. Byte loops on purpose: small and obviously right; the library
 * copies little. -fno-builtin on this file (Makefile) keeps the compiler
 * from turning the loops back into calls to themselves.
 *
 * Defining these reserved names is this file's purpose: MISRA deviation D4
 * in tests/lint/MISRA.md. The parameters carry no `restrict` (MISRA rule
 * 8.14); top-level qualifiers of parameters do not change a function's
 * type, so the prototypes stay compatible with the C library's. */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	size_t i;

	for (i = 0U; i < n; i++) {
		d[i] = s[i];
	}
	return dst;
}

/* Copies forward when the destination starts below the source, backward
 * otherwise, so overlapping ranges are safe both ways. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	size_t i;

	if (d < s) {
		for (i = 0U; i < n; i++) {
			d[i] = s[i];
		}
	} else {
		i = n;
		while (i > 0U) {
			i--;
			d[i] = s[i];
		}
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char b = (unsigned char)c;
	size_t i;

	for (i = 0U; i < n; i++) {
		d[i] = b;
	}
	return dst;
}

/* The difference of the first differing bytes, or 0. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a;
	const unsigned char *y = b;
	int r = 0;
	size_t i = 0U;

	while ((r == 0) && (i < n)) {
		r = (int)x[i] - (int)y[i];
		i++;
	}
	return r;
}

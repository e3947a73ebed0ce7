/* Runtime helpers usable with or without a libc: process exit, strings,
 * environment, number parsing. Output goes through src/sys.c only. */
#include <linux/errno.h>

#include "bpflink_rt.h"
#include "sys.h"

char **bpflink_environ;

void bpflink_exit(int code)
{
	bl_sys_exit_group(code);
}

size_t bpflink_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

int bpflink_streq(const char *a, const char *b)
{
	size_t i = 0;

	if (a == NULL || b == NULL)
		return a == b;
	while (a[i] != '\0' && a[i] == b[i])
		i++;
	return a[i] == b[i];
}

const char *bpflink_getenv(const char *name)
{
	size_t n;
	char **e;

	if (bpflink_environ == NULL || name == NULL)
		return NULL;
	n = bpflink_strlen(name);
	for (e = bpflink_environ; *e != NULL; e++) {
		size_t i = 0;

		while (i < n && (*e)[i] == name[i])
			i++;
		if (i == n && (*e)[n] == '=')
			return *e + n + 1;
	}
	return NULL;
}

int bpflink_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (s == NULL || out == NULL || s[0] == '\0')
		return -EINVAL;
	for (; s[i] != '\0'; i++) {
		unsigned int d = (unsigned int)(unsigned char)s[i] - '0';

		if (d > 9U)
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10U)
			return -ERANGE;
		v = v * 10U + d;
	}
	*out = v;
	return 0;
}

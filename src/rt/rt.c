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
	size_t n = 0U;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

int bpflink_streq(const char *a, const char *b)
{
	int eq = 0;

	if ((a == NULL) || (b == NULL)) {
		if (a == b) {
			eq = 1;
		}
	} else {
		size_t i = 0U;

		while ((a[i] != '\0') && (a[i] == b[i])) {
			i++;
		}
		if (a[i] == b[i]) {
			eq = 1;
		}
	}
	return eq;
}

const char *bpflink_getenv(const char *name)
{
	const char *val = NULL;

	if ((bpflink_environ != NULL) && (name != NULL)) {
		size_t n = bpflink_strlen(name);
		size_t k = 0U;

		while ((val == NULL) && (bpflink_environ[k] != NULL)) {
			const char *e = bpflink_environ[k];
			size_t i = 0U;

			/* stops at the end of e too: e[i] == '\0' != name[i] */
			while ((i < n) && (e[i] == name[i])) {
				i++;
			}
			if ((i == n) && (e[n] == '=')) {
				val = &e[n + 1U];
			}
			k++;
		}
	}
	return val;
}

int bpflink_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0U;
	size_t i = 0U;
	int err = 0;

	if ((s == NULL) || (out == NULL)) {
		err = -EINVAL;
	} else if (s[0] == '\0') {
		err = -EINVAL;
	} else {
		while ((err == 0) && (s[i] != '\0')) {
			const char c = s[i];

			if ((c < '0') || (c > '9')) {
				err = -EINVAL;
			} else {
				uint64_t d = (uint64_t)c - (uint64_t)'0';

				if (v > ((UINT64_MAX - d) / 10U)) {
					err = -ERANGE;
				} else {
					v = (v * 10U) + d;
					i++;
				}
			}
		}
		if (err == 0) {
			*out = v;
		}
	}
	return err;
}

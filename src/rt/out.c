/* Output helpers over write(2): strings and numbers, no formatting engine. */
#include <linux/errno.h>

#include "bpflink_rt.h"
#include "sys.h"

int bpflink_out_mem(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		long r = bl_sys_write(fd, c, n);

		if (r == -EINTR)
			continue;
		if (r < 0)
			return (int)r;
		if (r == 0)
			return -EIO;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int bpflink_out_str(int fd, const char *s)
{
	return bpflink_out_mem(fd, s, bpflink_strlen(s));
}

int bpflink_out_char(int fd, char c)
{
	return bpflink_out_mem(fd, &c, 1);
}

/* Copy the n reversed characters of tmp into buf, most significant first,
 * keeping the leading ones when buf is too small. */
static size_t bl_fmt_reverse(char *buf, size_t cap, const char *tmp, size_t n)
{
	size_t out = n, i;

	if (cap == 0)
		return 0;
	if (out > cap - 1)
		out = cap - 1;
	for (i = 0; i < out; i++)
		buf[i] = tmp[n - 1 - i];
	buf[out] = '\0';
	return out;
}

size_t bpflink_fmt_u64(char *buf, size_t cap, uint64_t v)
{
	char tmp[20];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + (v % 10U));
		v /= 10U;
	} while (v != 0U);
	return bl_fmt_reverse(buf, cap, tmp, n);
}

size_t bpflink_fmt_hex(char *buf, size_t cap, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18];
	size_t n = 0;

	do {
		tmp[n++] = digits[v & 15U];
		v >>= 4;
	} while (v != 0U);
	tmp[n++] = 'x';
	tmp[n++] = '0';
	return bl_fmt_reverse(buf, cap, tmp, n);
}

int bpflink_out_u64(int fd, uint64_t v)
{
	char b[24];

	return bpflink_out_mem(fd, b, bpflink_fmt_u64(b, sizeof(b), v));
}

int bpflink_out_i64(int fd, int64_t v)
{
	if (v < 0) {
		int r = bpflink_out_char(fd, '-');

		if (r < 0)
			return r;
		return bpflink_out_u64(fd, (uint64_t)0 - (uint64_t)v);
	}
	return bpflink_out_u64(fd, (uint64_t)v);
}

int bpflink_out_hex(int fd, uint64_t v)
{
	char b[24];

	return bpflink_out_mem(fd, b, bpflink_fmt_hex(b, sizeof(b), v));
}

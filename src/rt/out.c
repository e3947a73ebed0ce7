/* Output helpers over write(2): strings and numbers, no formatting engine. */
#include <linux/errno.h>

#include "bpflink_rt.h"
#include "sys.h"

/* Writes all n bytes, resuming after short writes and EINTR. */
int bpflink_out_mem(int fd, const void *p, size_t n)
{
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): a byte view of the caller's buffer */
	const unsigned char *c = p;
	size_t off = 0U;
	int err = 0;

	while ((err == 0) && (off < n)) {
		long r = bl_sys_write(fd, &c[off], n - off);

		if (r > 0) {
			off += (size_t)r;
		} else if (r == 0) {
			err = -EIO;
		} else if (r != -EINTR) {
			err = (int)r;
		} else {
			/* interrupted before anything was written: try again */
		}
	}
	return err;
}

int bpflink_out_str(int fd, const char *s)
{
	return bpflink_out_mem(fd, s, bpflink_strlen(s));
}

int bpflink_out_char(int fd, char c)
{
	return bpflink_out_mem(fd, &c, 1U);
}

/* Copy the n reversed characters of tmp into buf, most significant first,
 * keeping the leading ones when buf is too small. */
static size_t bl_fmt_reverse(char *buf, size_t cap, const char *tmp, size_t n)
{
	size_t out = 0U;

	if (cap > 0U) {
		size_t i;

		out = n;
		if (out > (cap - 1U)) {
			out = cap - 1U;
		}
		for (i = 0U; i < out; i++) {
			buf[i] = tmp[(n - 1U) - i];
		}
		buf[out] = '\0';
	}
	return out;
}

size_t bpflink_fmt_u64(char *buf, size_t cap, uint64_t v)
{
	char tmp[20];
	uint64_t x = v;
	size_t n = 0U;

	do {
		tmp[n] = (char)('0' + (x % 10U));
		n++;
		x /= 10U;
	} while (x != 0U);
	return bl_fmt_reverse(buf, cap, tmp, n);
}

size_t bpflink_fmt_hex(char *buf, size_t cap, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18];
	uint64_t x = v;
	size_t n = 0U;

	do {
		tmp[n] = digits[x & 15U];
		n++;
		x >>= 4U;
	} while (x != 0U);
	tmp[n] = 'x';
	tmp[n + 1U] = '0';
	return bl_fmt_reverse(buf, cap, tmp, n + 2U);
}

int bpflink_out_u64(int fd, uint64_t v)
{
	char b[24];

	return bpflink_out_mem(fd, b, bpflink_fmt_u64(b, sizeof(b), v));
}

int bpflink_out_i64(int fd, int64_t v)
{
	int r;

	if (v < 0) {
		r = bpflink_out_char(fd, '-');
		if (r == 0) {
			r = bpflink_out_u64(fd, (uint64_t)0 - (uint64_t)v);
		}
	} else {
		r = bpflink_out_u64(fd, (uint64_t)v);
	}
	return r;
}

int bpflink_out_hex(int fd, uint64_t v)
{
	char b[24];

	return bpflink_out_mem(fd, b, bpflink_fmt_hex(b, sizeof(b), v));
}

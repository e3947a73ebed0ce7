/* Minimal test harness usable with no libc (bpflink's runtime), musl or
 * glibc. One line per test on stdout:
 *     [OK] name        [FAIL] name: file:line: what       [SKIPPED] name: why
 * tests/run.sh counts those lines. A test is a `static void f(void)` that
 * uses T_ASSERT / T_SKIP and returns; T_RUN(f) runs and reports it. */
#ifndef BPFLINK_T_H
#define BPFLINK_T_H

#include "bpflink_rt.h"

/* Unit tests link a fake syscall seam, so they print through libc's
 * write(2) (T_HOSTED); everything else prints through bpflink's seam. */
#ifdef T_HOSTED
#include <unistd.h>
static inline void t_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t r = write(1, s, n);

		if (r <= 0)
			return;
		s += r;
		n -= (size_t)r;
	}
}
#else
static inline void t_write(const char *s, size_t n)
{
	(void)bpflink_out_mem(1, s, n);
}
#endif

static inline void t_puts(const char *s)
{
	t_write(s, bpflink_strlen(s));
}

static inline void t_putn(long long v)
{
	char b[24];
	size_t n;

	if (v < 0) {
		t_write("-", 1);
		n = bpflink_fmt_u64(b, sizeof(b), (uint64_t)0 - (uint64_t)v);
	} else {
		n = bpflink_fmt_u64(b, sizeof(b), (uint64_t)v);
	}
	t_write(b, n);
}

static int t_state; /* 0 ok, 1 failed, 2 skipped */
static int t_nfail;

static inline void t_line(const char *tag, const char *name, const char *a,
			  long num, const char *b)
{
	t_puts(tag);
	t_puts(name);
	if (a) {
		t_puts(": ");
		t_puts(a);
	}
	if (num >= 0) {
		t_puts(":");
		t_putn(num);
	}
	if (b) {
		t_puts(": ");
		t_puts(b);
	}
	t_puts("\n");
}

static const char *t_cur_name = "";

#define T_ASSERT(cond)                                                       \
	do {                                                                 \
		if (!(cond)) {                                               \
			t_line("[FAIL] ", t_cur_name, __FILE__, __LINE__,    \
			       #cond);                                       \
			t_state = 1;                                         \
			return;                                              \
		}                                                            \
	} while (0)

/* Assert with a value printed on failure (for return codes). */
#define T_ASSERT_EQ(a, b)                                                    \
	do {                                                                 \
		long long t_a_ = (long long)(a), t_b_ = (long long)(b);      \
		if (t_a_ != t_b_) {                                          \
			t_line("[FAIL] ", t_cur_name, __FILE__, __LINE__,    \
			       #a " == " #b);                                \
			t_puts("    got ");                                  \
			t_putn(t_a_);                                        \
			t_puts(", expected ");                               \
			t_putn(t_b_);                                        \
			t_puts("\n");                                        \
			t_state = 1;                                         \
			return;                                              \
		}                                                            \
	} while (0)

#define T_SKIP(why)                                                          \
	do {                                                                 \
		t_line("[SKIPPED] ", t_cur_name, why, -1, NULL);             \
		t_state = 2;                                                 \
		return;                                                      \
	} while (0)

#define T_RUN(fn)                                                            \
	do {                                                                 \
		t_cur_name = #fn;                                            \
		t_state = 0;                                                 \
		fn();                                                        \
		if (t_state == 0)                                            \
			t_line("[OK] ", #fn, NULL, -1, NULL);                \
		else if (t_state == 1)                                       \
			t_nfail++;                                           \
	} while (0)

#define T_EXIT_CODE() (t_nfail ? 1 : 0)

#endif

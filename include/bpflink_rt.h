/* bpflink's runtime for programs built with no C library at all.
 *
 * A program linked with build/bl_crt0.o, build/libbpflink_rt.a and
 * build/libbpflink_nolibc.a (-nostdlib -static) starts in
 *     int main(int argc, char **argv, char **envp);
 * and exits with main's return value. libbpflink_nolibc.a supplies
 * memcpy/memset/memmove/memcmp (what compilers emit calls to); link it only
 * when no libc is present. The output helpers below (libbpflink_rt.a) use
 * only bpflink's syscall seam, so they also work beside a libc.
 * None of these touch errno; write errors are ignored (output is best effort).
 */
#ifndef BPFLINK_RT_H
#define BPFLINK_RT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The memory functions (libbpflink_nolibc.a without a libc; the libc's own
 * otherwise). Declared here so that no-libc programs need no string.h. */
void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Environment block of the running program (NULL before main with a libc). */
extern char **bpflink_environ;

/* Exit the whole process at once (exit_group), without libc's atexit. */
void bpflink_exit(int code) __attribute__((noreturn));

/* Length of a NUL-terminated string. */
size_t bpflink_strlen(const char *s);
/* 1 when both strings are equal, else 0; NULL equals only NULL. */
int bpflink_streq(const char *a, const char *b);
/* Value of environment variable NAME, or NULL. */
const char *bpflink_getenv(const char *name);
/* Parse a decimal unsigned number filling the whole string; -EINVAL or
 * -ERANGE (kernel values) on failure, 0 on success. */
int bpflink_parse_u64(const char *s, uint64_t *out);

/* Write helpers: return 0, or -errno of the first failing write. */
int bpflink_out_str(int fd, const char *s);
int bpflink_out_mem(int fd, const void *p, size_t n);
int bpflink_out_u64(int fd, uint64_t v);
int bpflink_out_i64(int fd, int64_t v);
int bpflink_out_hex(int fd, uint64_t v); /* "0x" and lowercase digits */
int bpflink_out_char(int fd, char c);

/* Format into a caller's buffer (always NUL-terminated when cap > 0).
 * Return the length written, not counting the NUL. */
size_t bpflink_fmt_u64(char *buf, size_t cap, uint64_t v);
size_t bpflink_fmt_hex(char *buf, size_t cap, uint64_t v);

#ifdef __cplusplus
}
#endif

#endif

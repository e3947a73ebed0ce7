/* libbpf-style opts structs (first field `size_t sz`), read the way
 * libbpf's OPTS_VALID / OPTS_GET / OPTS_SET do:
 * - NULL opts is valid and every field reads as its default;
 * - a field that does not fit in opts->sz reads as its default and is not
 *   written;
 * - an sz below sizeof(size_t), or a larger sz whose bytes past the last
 *   known field are not all zero, is invalid (-EINVAL).
 * For the library's internal use (src/bpf*.c, attach code).
 */
#ifndef BPFLINK_BPF_OPTS_H
#define BPFLINK_BPF_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf/libbpf_common.h" /* offsetofend */

/* 0, or -EINVAL when opts is not valid; KNOWN is the end of the last
 * field this build knows. */
int bl_opts_check(const void *opts, size_t known);
/* True when opts is NULL or its bytes [off, opts->sz) are all zero. */
bool bl_opts_zero_from(const void *opts, size_t off);

/* 0, or -EINVAL when OPTS (a struct TYPE *) is not valid; LAST is the last
 * field this build knows, given as the public header's TYPE__last_field
 * macro (expanded before it reaches offsetofend):
 *   BL_OPTS_VALID(opts, bpf_tcx_opts, bpf_tcx_opts__last_field) */
#define BL_OPTS_VALID(OPTS, TYPE, LAST)                                      \
	bl_opts_check((OPTS), offsetofend(struct TYPE, LAST))

/* The field's value, or DFLT when absent. */
#define BL_OPT(OPTS, TYPE, FIELD, DFLT)                                      \
	((((OPTS) != NULL) && ((OPTS)->sz >= offsetofend(struct TYPE, FIELD))) \
		 ? (OPTS)->FIELD                                             \
		 : (DFLT))

/* Store an output field when it fits. */
#define BL_OPT_SET(OPTS, TYPE, FIELD, VAL)                                   \
	do {                                                                 \
		if (((OPTS) != NULL) &&                                      \
		    ((OPTS)->sz >= offsetofend(struct TYPE, FIELD))) {       \
			(OPTS)->FIELD = (VAL);                               \
		}                                                            \
	} while (false)

/* True when opts holds nothing past FIELD (NULL opts included). */
#define BL_OPTS_ZEROED(OPTS, TYPE, FIELD)                                    \
	bl_opts_zero_from((OPTS), offsetofend(struct TYPE, FIELD))

/* A user pointer as the kernel's __u64. */
static inline uint64_t bl_ptr(const void *p)
{
	/* cppcheck-suppress misra-c2012-11.6 ; permit P1 (tests/lint/MISRA.md): bpf_attr carries user pointers in __u64 fields; the one helper that converts them */
	return (uint64_t)(uintptr_t)p;
}

#endif

/* Shared macros of bpflink's libbpf-named headers (libbpf has a header of
 * the same name and purpose). */
#ifndef BPFLINK_LIBBPF_COMMON_H
#define BPFLINK_LIBBPF_COMMON_H

#include <stddef.h>

#ifndef LIBBPF_API
#define LIBBPF_API __attribute__((visibility("default")))
#endif

/* Declare and initialise an opts struct: sz is set to the size the caller
 * was compiled with, every other field is zero unless named. bpflink reads
 * only the fields that fit in sz, and refuses (-EINVAL) a larger sz whose
 * extra bytes are not zero, as libbpf does. */
#define LIBBPF_OPTS(TYPE, NAME, ...)                                         \
	struct TYPE NAME = { .sz = sizeof(struct TYPE), __VA_ARGS__ }
#define DECLARE_LIBBPF_OPTS LIBBPF_OPTS

/* The size of opts up to and including FIELD. The member's size is taken
 * from a compound literal inside sizeof (never evaluated) rather than from
 * ((TYPE *)0)->FIELD, which would convert an integer to a pointer (MISRA
 * rule 11.4). The cast of offsetof's size_t to size_t is for cppcheck,
 * which does not know offsetof's type and would see mixed signedness in
 * every comparison with an opts size (rule 10.4). TYPE is a type name and
 * FIELD a member name: neither can stand in parentheses (MISRA permit P4,
 * tests/lint/MISRA.md). */
/* cppcheck-suppress misra-c2012-20.7 ; permit P4: TYPE and FIELD are a type name and a member name */
#define offsetofend(TYPE, FIELD) ((size_t)offsetof(TYPE, FIELD) + sizeof(((TYPE){0}).FIELD))

#endif

/* bpf_object, bpf_program and bpf_map: loading clang's BPF ELF objects,
 * and the libbpf-named bpf_program__attach_* wrappers over the fd-based
 * attach layer. Included by <bpf/libbpf.h>; not meant to be included on
 * its own. */
#ifndef BPFLINK_LIBBPF_OBJECT_H
#define BPFLINK_LIBBPF_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_object;
struct bpf_program;
struct bpf_map;
struct bpf_link;

#ifdef __cplusplus
}
#endif

#endif

/* Attach to tracing hooks: tracepoint, raw tracepoint, perf event, uprobe, uprobe_multi, kprobe, BTF-typed tracing (fentry/fexit/fmod_ret/lsm/tp_btf), iterators.
 *
 * libbpf's opts structs for these hooks (first field sz), and bpflink's
 * fd-based attach functions (bpflink_attach_*) that the libbpf-named
 * bpf_program__attach_* wrappers sit on once struct bpf_program exists.
 * Included by <bpf/libbpf.h>; not meant to be included on its own. */
#ifndef BPFLINK_LIBBPF_ATTACH_TRACE_H
#define BPFLINK_LIBBPF_ATTACH_TRACE_H

#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_link;

#ifdef __cplusplus
}
#endif

#endif

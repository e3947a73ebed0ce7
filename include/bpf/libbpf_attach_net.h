/* Attach to cgroup and network hooks: cgroup, XDP, tcx, netkit, netfilter, netns, sockmap.
 *
 * libbpf's opts structs for these hooks (first field sz), and bpflink's
 * fd-based attach functions (bpflink_attach_*) that the libbpf-named
 * bpf_program__attach_* wrappers sit on once struct bpf_program exists.
 * Included by <bpf/libbpf.h>; not meant to be included on its own. */
#ifndef BPFLINK_LIBBPF_ATTACH_NET_H
#define BPFLINK_LIBBPF_ATTACH_NET_H

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

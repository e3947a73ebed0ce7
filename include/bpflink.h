/* bpflink's own API, beside the libbpf-named headers: pool settings and
 * statistics, link introspection, diagnostics, and the fd-based attach
 * layer that the libbpf-named bpf_program__attach_* wrappers sit on. */
#ifndef BPFLINK_H
#define BPFLINK_H

#include <stdint.h>

#include "bpf/libbpf.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef BPFLINK_MAX_LINKS
#define BPFLINK_MAX_LINKS 64
#endif
#ifndef BPFLINK_PIN_PATH_MAX
#define BPFLINK_PIN_PATH_MAX 256
#endif

/* The error (negative errno) of the last bpflink call that returned NULL;
 * the same value libbpf_get_error(NULL) gives. */
int bpflink_last_error(void);

struct bpflink_pool_stats {
	uint32_t capacity;   /* slots in the pool (BPFLINK_MAX_LINKS) */
	uint32_t in_use;     /* live links now */
	uint32_t high_water; /* most live links at once since start */
	uint32_t exhausted;  /* allocations refused because the pool was full */
};
/* Statistics of the link pool. No system call. */
void bpflink_link_pool_stats(struct bpflink_pool_stats *st);

struct bpflink_link_info {
	uint32_t type;    /* enum bpf_link_type */
	uint32_t id;      /* the kernel's link id */
	uint32_t prog_id; /* the attached program's id */
};
/* The kernel's view of a link (BPF_OBJ_GET_INFO_BY_FD). 1 system call.
 * -EINVAL for NULL or destroyed links, -EOPNOTSUPP for links without a
 * kernel link object (perf events attached by ioctl). */
int bpflink_link_get_info(const struct bpf_link *link,
			  struct bpflink_link_info *info);

/* Iterate the system's links by id: 0 and *next_id set, or -ENOENT after
 * the last one. Start with start_id 0. 1 system call. */
int bpflink_link_next_id(uint32_t start_id, uint32_t *next_id);

/* Replace the link's program by the program PROG_FD (BPF_LINK_UPDATE),
 * as bpf_link__update_program does for a struct bpf_program. */
int bpflink_link_update_prog_fd(struct bpf_link *link, int prog_fd);

/* ---- fd-based attach layer (libbpf's bpf_program__attach_* sit on it) --- */

/* Attach the raw tracepoint program PROG_FD to TP_NAME
 * (BPF_RAW_TRACEPOINT_OPEN). cookie is passed where non-zero (Linux 6.10+).
 * NULL on failure. 1 system call; destroy: 1. */
struct bpf_link *bpflink_attach_raw_tracepoint(int prog_fd,
					       const char *tp_name,
					       uint64_t cookie);

#ifdef __cplusplus
}
#endif

#endif

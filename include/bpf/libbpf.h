/* bpflink: libbpf's bpf_link API (and, as they land, bpf_program__attach_*
 * and bpf_object__*), by libbpf's names and semantics.
 *
 * Differences from libbpf, all deliberate:
 * - Links live in a fixed static pool (BPFLINK_MAX_LINKS slots, default 64,
 *   set at build time: `make MAX_LINKS=N`). When it is full, attach calls
 *   return NULL with -ENOSPC as the error, having issued no system call.
 * - Pointer-returning calls return NULL on failure; the reason is kept by
 *   the library (not in errno, which bpflink never touches): read it with
 *   libbpf_get_error(NULL) or bpflink_last_error() right after the call.
 *   It is one value for the process: with several threads, read it before
 *   another thread makes a failing call.
 * - bpf_link__destroy on a link that was already destroyed returns 0 and
 *   issues no system call, as long as its slot has not been handed to a
 *   new link since (a slot is reused only after every other free slot).
 *   libbpf frees the memory, so a second destroy there is undefined.
 * - Pin paths are kept by the library, one static buffer per pool slot, at
 *   most BPFLINK_PIN_PATH_MAX - 1 bytes (default 255); longer paths give
 *   -ENAMETOOLONG.
 * - Until the object loader lands, attach functions that take a program
 *   take its fd: see bpflink.h. bpf_link__update_program arrives with
 *   struct bpf_program; bpflink_link_update_prog_fd does the same by fd.
 */
#ifndef BPFLINK_LIBBPF_H
#define BPFLINK_LIBBPF_H

#include <stdbool.h>
#include <stddef.h>

#include "libbpf_common.h"
#include "bpf.h"
#include "libbpf_attach_trace.h"
#include "libbpf_attach_net.h"
#include "libbpf_object.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_link;

/* The error of the last failed call that returned NULL (a negative errno),
 * when ptr is NULL; 0 for a non-NULL ptr. Costs no system call. */
LIBBPF_API long libbpf_get_error(const void *ptr);

/* Detach (unless disconnected) and release the link. NULL: returns 0,
 * does nothing. A live link is detached by kind: its link fd closed; for
 * perf-event based links the link fd, then the perf event fd; for links
 * made with the legacy attach commands, the matching detach command. The
 * slot is released even when detaching fails, and that error is returned.
 * Already destroyed: returns 0, no system call. Never unpins.
 * System calls: 1 for a kernel link, 2 for a perf-event link, 0 after
 * disconnect other than closing the fds the link owns. */
LIBBPF_API int bpf_link__destroy(struct bpf_link *link);

/* The link's fd (the kernel link fd, or the perf event fd for links made
 * by PERF_EVENT_IOC_SET_BPF), -EINVAL for NULL or a destroyed link,
 * -EOPNOTSUPP for links made with the legacy BPF_PROG_ATTACH (no fd).
 * No system call. */
LIBBPF_API int bpf_link__fd(const struct bpf_link *link);

/* Ask the kernel to detach the program while keeping the link object and
 * its fd (BPF_LINK_DETACH): 0 or -errno; the kernel's -EOPNOTSUPP passes
 * through for link types that cannot be detached this way. 1 system call. */
LIBBPF_API int bpf_link__detach(struct bpf_link *link);

/* From now on destroy releases the link's resources without detaching the
 * program (it stays attached while a pin or another fd holds the link). */
LIBBPF_API void bpf_link__disconnect(struct bpf_link *link);

/* Pin the link at PATH, which must be on a BPF filesystem (checked by its
 * magic); a missing parent directory is created (one level, mode 0700, as
 * libbpf does). Errors: -EINVAL (NULL, destroyed link, not on bpffs),
 * -EBUSY (this link is already pinned), -ENAMETOOLONG, -EEXIST (the name is
 * taken), or the kernel's. Nothing is left behind on failure. */
LIBBPF_API int bpf_link__pin(struct bpf_link *link, const char *path);

/* Remove the pin made by bpf_link__pin or remembered by bpf_link__open;
 * -EINVAL when the link is not pinned. The link stays attached. */
LIBBPF_API int bpf_link__unpin(struct bpf_link *link);

/* The pinned path, or NULL when not pinned. No system call. */
LIBBPF_API const char *bpf_link__pin_path(const struct bpf_link *link);

/* Open a pinned link (BPF_OBJ_GET), refusing objects that are not links
 * (-EINVAL). BPF_OBJ_GET_INFO_BY_FD cannot tell (on a program or map fd it
 * succeeds and fills that object's info), so bpflink asks with a
 * BPF_LINK_UPDATE that cannot change anything: the kernel refuses a
 * non-link fd with EINVAL before looking further, and a link with EBADF
 * for the program fd -1. The opened link is a plain kernel link (its kernel
 * type: bpflink_link_get_info); PATH is remembered, so bpf_link__unpin
 * works. NULL on failure. 2 system calls. */
LIBBPF_API struct bpf_link *bpf_link__open(const char *path);

#ifdef __cplusplus
}
#endif

#endif

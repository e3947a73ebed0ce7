/* The bpf_link core's internal API: the link pool, the link object, error
 * recording, and what attach files (src/attach_*.c) build links with.
 *
 * How an attach function uses it:
 *
 *     struct bpf_link *link = bl_link_alloc(BL_LINK_FD);
 *     if (!link)
 *             return NULL;             (-ENOSPC already recorded, no syscall)
 *     fd = bl_sys_bpf(...);            (whatever the hook needs)
 *     if (fd < 0) {
 *             bl_link_free(link);      (gives the slot back, no syscall)
 *             return bl_err_ptr(fd);   (records fd as the error, NULL;
 *                                       in proved code write
 *                                       bl_set_error(fd); return NULL;
 *                                       WP cannot follow void * casts)
 *     }
 *     link->fd = fd;
 *     return link;
 *
 * Allocate the slot first, so that a full pool costs no system call. Until
 * an attach function returns the link, a failure must close whatever the
 * attach opened and call bl_link_free(); once returned, only
 * bpf_link__destroy() ends it.
 *
 * Ownership per kind (what bpf_link__destroy does, in order; every fd below
 * is owned by the link and closed by destroy, disconnected or not):
 *   BL_LINK_FD           fd: a kernel link (BPF_LINK_CREATE,
 *                        BPF_RAW_TRACEPOINT_OPEN, BPF_OBJ_GET).
 *                        destroy: close(fd).                       1 syscall
 *   BL_LINK_PERF         perf_fd: a perf event; fd: the kernel link made on
 *                        it with BPF_LINK_CREATE(BPF_PERF_EVENT).
 *                        destroy: close(fd), close(perf_fd).       2 syscalls
 *   BL_LINK_PERF_IOCTL   perf_fd: a perf event whose program was set by
 *                        PERF_EVENT_IOC_SET_BPF; fd == perf_fd.
 *                        destroy: close(perf_fd).                  1 syscall
 *   BL_LINK_PROG_ATTACH  legacy BPF_PROG_ATTACH. target_fd and prog_fd are
 *                        the link's OWN fds (the attach function dups the
 *                        caller's with F_DUPFD_CLOEXEC, so a caller closing
 *                        or reusing its numbers cannot misdirect the
 *                        detach); prog_fd may be -1 when the detach needs
 *                        no program; attach_type is the attach type; fd is
 *                        -1 (bpf_link__fd gives -EOPNOTSUPP).
 *                        destroy: BPF_PROG_DETACH(target_fd, prog_fd or 0,
 *                        attach_type) unless disconnected, then
 *                        close(prog_fd) if >= 0, close(target_fd). 1-3
 *   BL_LINK_LEGACY_PROBE a perf event on a tracefs-created kprobe/uprobe
 *                        event: perf_fd, fd (== perf_fd, or a kernel link
 *                        made on it), legacy_name (the event's name) and
 *                        legacy_flags (meaning private to attach_legacy.c).
 *                        destroy: close(fd) if != perf_fd, close(perf_fd),
 *                        then bl_legacy_event_remove(link) unless
 *                        disconnected.
 * The first error of those steps is returned; every step runs regardless.
 */
#ifndef BPFLINK_LINK_H
#define BPFLINK_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf_opts.h"
#include "bpflink.h"
#include "sys.h"

#ifndef BL_LEGACY_NAME_MAX
#define BL_LEGACY_NAME_MAX 128 /* tracefs event name incl. NUL */
#endif

#if BPFLINK_MAX_LINKS < 1 || BPFLINK_MAX_LINKS > 1000000
#error "BPFLINK_MAX_LINKS must be 1..1000000"
#endif
#if BPFLINK_PIN_PATH_MAX < 2 || BPFLINK_PIN_PATH_MAX > 4096
#error "BPFLINK_PIN_PATH_MAX must be 2..4096"
#endif

/* The two sizes as unsigned constants, for comparisons with the uint32_t
 * counters and lengths that hold them (MISRA 10.4). */
#define BL_MAX_LINKS_U ((uint32_t)BPFLINK_MAX_LINKS)
#define BL_PIN_MAX_U ((uint32_t)BPFLINK_PIN_PATH_MAX)

enum bl_link_kind {
	BL_LINK_NONE = 0, /* free slot */
	BL_LINK_FD = 1,
	BL_LINK_PERF = 2,
	BL_LINK_PERF_IOCTL = 3,
	BL_LINK_PROG_ATTACH = 4,
	BL_LINK_LEGACY_PROBE = 5,
};

/* Slot states (struct bpf_link's uint32_t state), unsigned constants as
 * the field is (MISRA 10.4). */
#define BL_SLOT_FREE 0U /* never used, or destroyed */
#define BL_SLOT_LIVE 1U /* handed out by bl_link_alloc */

struct bpf_link {
	uint32_t index;      /* this slot's number in bl_links */
	uint32_t generation; /* +1 at each release (saturates), never drops */
	uint32_t state;      /* BL_SLOT_FREE or BL_SLOT_LIVE */
	uint32_t kind;       /* enum bl_link_kind */
	bool disconnected;   /* bpf_link__disconnect was called */
	int fd;              /* see the table above; -1 when none */
	int perf_fd;
	int target_fd;
	int prog_fd;
	uint32_t attach_type;
	uint32_t legacy_flags;
	uint32_t pin_len; /* 0: not pinned; else strlen(pin_path) */
	char pin_path[BPFLINK_PIN_PATH_MAX];
	char legacy_name[BL_LEGACY_NAME_MAX];
};

/* The free slots form a FIFO ring: ring[(head + k) % N] for k < nfree, in
 * release order, so a released slot is reused only after every other free
 * slot. The ring array is a permutation of the slot numbers and pos its
 * inverse (ring[pos[s]] == s), so live slots are exactly the positions
 * outside the window: no search, O(1) alloc and release. */
struct bl_pool {
	uint32_t ready; /* 1 once bl_pool_init has run */
	uint32_t head;
	uint32_t nfree;
	uint32_t high_water;
	uint32_t exhausted;
	uint32_t ring[BPFLINK_MAX_LINKS];
	uint32_t pos[BPFLINK_MAX_LINKS];
};

extern struct bpf_link bl_links[BPFLINK_MAX_LINKS];
extern struct bl_pool bl_pool;
extern int bl_lock_word; /* src/lock.c */
extern int bl_last_err;  /* src/error.c */

/*@ logic integer BL_N = BPFLINK_MAX_LINKS;
    logic integer BL_PIN_MAX = BPFLINK_PIN_PATH_MAX;

    // (ring position p is in the free window of nfree positions from head,
    //  wrapping around the end: p or p + N in [head, head + nfree))
    predicate bl_in_window{L}(integer p) =
      (bl_pool.head <= p < bl_pool.head + bl_pool.nfree) ||
      (bl_pool.head <= p + BL_N < bl_pool.head + bl_pool.nfree);

    // the stored pin path matches the pinned state
    predicate bl_pin_ok{L}(struct bpf_link *l) =
      (l->pin_len == 0 && l->pin_path[0] == 0) ||
      (0 < l->pin_len < BL_PIN_MAX && l->pin_path[l->pin_len] == 0 &&
       (\forall integer j; 0 <= j < l->pin_len ==> l->pin_path[j] != 0));
    predicate bl_pinned{L}(struct bpf_link *l) = l->pin_len > 0;

    predicate bl_slots_index{L} =
      \forall integer s; 0 <= s < BL_N ==> bl_links[s].index == s;
    predicate bl_slots_state{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE || bl_links[s].state == BL_SLOT_LIVE);
    predicate bl_slots_window{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE <==> bl_in_window(bl_pool.pos[s]));
    predicate bl_slots_pin{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE ==> bl_links[s].pin_len == 0) &&
        bl_pin_ok(&bl_links[s]);
    predicate bl_slots_ok{L} =
      bl_slots_index && bl_slots_state && bl_slots_window && bl_slots_pin;

    predicate bl_ring_ok{L} =
      (\forall integer k; 0 <= k < BL_N ==>
         bl_pool.ring[k] < BL_N && bl_pool.pos[bl_pool.ring[k]] == k) &&
      (\forall integer s; 0 <= s < BL_N ==>
         bl_pool.pos[s] < BL_N && bl_pool.ring[bl_pool.pos[s]] == s);

    // The pool invariant: a ring window of free slots over a permutation,
    // per-slot state agreeing with the window (so no slot is both free and
    // live, and nfree counts the free ones), statistics in range.
    predicate bl_pool_inv{L} =
      bl_pool.ready == 1 ==>
        (bl_pool.head < BL_N && bl_pool.nfree <= BL_N &&
         BL_N - bl_pool.nfree <= bl_pool.high_water <= BL_N &&
         bl_ring_ok && bl_slots_ok);

    predicate bl_is_slot{L}(struct bpf_link *l) =
      bl_pool.ready == 1 && \valid(l) && l->index < BL_N &&
      l == &bl_links[l->index];

    predicate bl_gens_grow{L1, L2} =
      \forall integer s; 0 <= s < BL_N ==>
        \at(bl_links[s].generation, L1) <= \at(bl_links[s].generation, L2);

    predicate bl_slot_same{L1, L2}(integer s) =
      \at(bl_links[s].state, L1) == \at(bl_links[s].state, L2) &&
      \at(bl_links[s].generation, L1) == \at(bl_links[s].generation, L2) &&
      \at(bl_links[s].kind, L1) == \at(bl_links[s].kind, L2) &&
      \at(bl_links[s].fd, L1) == \at(bl_links[s].fd, L2) &&
      \at(bl_links[s].perf_fd, L1) == \at(bl_links[s].perf_fd, L2) &&
      \at(bl_links[s].pin_len, L1) == \at(bl_links[s].pin_len, L2) &&
      \at(bl_links[s].disconnected, L1) == \at(bl_links[s].disconnected, L2);

    // Nothing observable about the pool changed between L1 and L2.
    predicate bl_pool_unchanged{L1, L2} =
      \at(bl_pool.ready, L1) == \at(bl_pool.ready, L2) &&
      \at(bl_pool.head, L1) == \at(bl_pool.head, L2) &&
      \at(bl_pool.nfree, L1) == \at(bl_pool.nfree, L2) &&
      \at(bl_pool.high_water, L1) == \at(bl_pool.high_water, L2) &&
      \at(bl_pool.exhausted, L1) == \at(bl_pool.exhausted, L2) &&
      (\forall integer s; 0 <= s < BL_N ==> bl_slot_same{L1, L2}(s));
*/

/* ---- errors (src/error.c) ---------------------------------------------- */

/* Record ERR (a negative errno) as the last error; returns ERR. */
/*@ assigns bl_last_err;
    ensures bl_last_err == err && \result == err; */
int bl_set_error(int err);

/* Record ERR and return NULL: `return bl_err_ptr(-EINVAL);`. */
/*@ assigns bl_last_err;
    ensures bl_last_err == err && \result == \null; */
void *bl_err_ptr(int err);

/* ---- the lock (src/lock.c, compiler atomics, not given to Frama-C) ----- */

/* Acquire / release the pool's spin lock. The proofs assume mutual
 * exclusion between a matching acquire and release. */
/*@ assigns bl_lock_word; */
void bl_lock_acquire(void);
/*@ assigns bl_lock_word; */
void bl_lock_release(void);

/*@ requires \valid(p);
    assigns *p;
    ensures *p == v; */
void bl_atomic_store_int(int *p, int v);
/*@ requires \valid_read(p);
    assigns \nothing;
    ensures \result == *p; */
int bl_atomic_load_int(const int *p);

/* ---- the pool (src/pool.c) --------------------------------------------- */

/* A free slot, made live with KIND and every fd -1, not pinned, not
 * disconnected; or NULL with -ENOSPC recorded (and the exhausted count
 * raised) when every slot is live. No system call. */
/*@ requires bl_pool_inv;
    requires BL_LINK_NONE < kind <= BL_LINK_LEGACY_PROBE;
    assigns bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_lock_word,
            bl_last_err;
    ensures bl_pool_inv && bl_pool.ready == 1;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
    behavior full:
      assumes bl_pool.ready == 1 && bl_pool.nfree == 0;
      ensures \result == \null && bl_last_err == -28;
      ensures bl_pool.nfree == 0;
    behavior ok:
      assumes bl_pool.ready != 1 || bl_pool.nfree > 0;
      ensures bl_is_slot(\result);
      ensures \result->state == BL_SLOT_LIVE && \result->kind == kind;
      ensures \result->fd == -1 && \result->perf_fd == -1;
      ensures \result->pin_len == 0 && !\result->disconnected;
      ensures \old(bl_pool.ready) == 1 ==>
              bl_pool.nfree == \old(bl_pool.nfree) - 1;
    complete behaviors;
    disjoint behaviors; */
struct bpf_link *bl_link_alloc(enum bl_link_kind kind);

/* Give back a live slot without any system call: for attach functions whose
 * attach failed before the link was returned (after closing what they
 * opened), and for destroy. The generation grows; the slot goes to the end
 * of the free ring. */
/*@ requires bl_pool_inv && bl_is_slot(link);
    requires link->state == BL_SLOT_LIVE;
    assigns bl_pool.head, bl_pool.nfree, bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_pool.pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_lock_word;
    ensures bl_pool_inv && bl_is_slot(link);
    ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
    ensures bl_pool.nfree == \old(bl_pool.nfree) + 1;
    ensures link->generation >= \old(link->generation);
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls); */
void bl_link_free(struct bpf_link *link);


/* ---- per-command bpf(2) attributes and typed views of bl_sys_bpf -------- */

/* Per-command bpf(2) attributes: only the fields used, sized exactly. */
struct bl_la_prog_detach {
	uint32_t target_fd;
	uint32_t attach_bpf_fd;
	uint32_t attach_type;
	uint32_t attach_flags;
};
struct bl_la_link_fd {
	uint32_t link_fd;
};
struct bl_la_link_update {
	uint32_t link_fd;
	uint32_t new_prog_fd;
	uint32_t flags;
	uint32_t old_prog_fd;
};
struct bl_la_info {
	uint32_t bpf_fd;
	uint32_t info_len;
	uint64_t info;
};
struct bl_la_next_id {
	uint32_t start_id;
	uint32_t next_id;
	uint32_t open_flags;
};
/* The head of struct bpf_link_info, all bpflink asks the kernel for. */
struct bl_link_info_head {
	uint32_t type;
	uint32_t id;
	uint32_t prog_id;
};

struct bl_la_obj {
	uint64_t pathname;
	uint32_t bpf_fd;
	uint32_t file_flags;
};
/* raw_tracepoint attributes; cookie is Linux 6.10+ and is passed (size 24)
 * only when non-zero, so older kernels keep working without one. */
struct bl_la_raw_tp {
	uint64_t name;
	uint32_t prog_fd;
	uint32_t pad;
	uint64_t cookie;
};

/* A user pointer as an attr's __u64 field: bl_ptr (bpf_opts.h), the one
 * conversion (permit P1), with the contract the proofs call it by. */
/*@ assigns \nothing; */
static inline uint64_t bl_lk_ptr(const void *p)
{
	return bl_ptr(p);
}

/* The same for bl_link_info_by_fd's info buffer: typed, so that the proofs
 * see no conversion of a struct pointer at the call. */
/*@ assigns \nothing; */
static inline uint64_t bl_lk_info_ptr(const struct bl_link_info_head *h)
{
	return bl_ptr(h);
}

/* bl_sys_bpf with a typed attr: the same call (and, for the proofs, the
 * same contract as bl_sys_bpf in sys.h, with the bytes it may write stated
 * on the attr's own type, since WP cannot follow a struct as char[]). */
#ifdef __FRAMAC__
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_prog_detach);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_prog_detach(int cmd, struct bl_la_prog_detach *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_link_fd);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_link_fd(int cmd, struct bl_la_link_fd *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_link_update);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_link_update(int cmd, struct bl_la_link_update *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_info);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_info(int cmd, struct bl_la_info *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_next_id);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_next_id(int cmd, struct bl_la_next_id *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_obj);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_obj(int cmd, struct bl_la_obj *a, unsigned int size);
/*@ requires \valid(a);
    requires size <= sizeof(struct bl_la_raw_tp);
    assigns bl_ghost_syscalls, *a;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1;
    ensures -4095 <= \result; */
int bl_lk_bpf_raw_tp(int cmd, struct bl_la_raw_tp *a, unsigned int size);
#else
static inline int bl_lk_bpf_prog_detach(int cmd, struct bl_la_prog_detach *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_link_fd(int cmd, struct bl_la_link_fd *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_link_update(int cmd, struct bl_la_link_update *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_info(int cmd, struct bl_la_info *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_next_id(int cmd, struct bl_la_next_id *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_obj(int cmd, struct bl_la_obj *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
static inline int bl_lk_bpf_raw_tp(int cmd, struct bl_la_raw_tp *a,
				  unsigned int size)
{
	return bl_sys_bpf(cmd, a, size);
}
#endif

/* ---- link internals shared by link.c and link_pin.c -------------------- */

/* The fd of the kernel link object, or -EOPNOTSUPP (-95) when the link
 * has none (a perf event attached by ioctl, a legacy BPF_PROG_ATTACH). */
/*@ requires \valid_read(link);
    assigns \nothing;
    ensures \result >= 0 || \result == -95; */
int bl_kernel_link_fd(const struct bpf_link *link);

/* BPF_OBJ_GET_INFO_BY_FD on FD, reading the head of struct bpf_link_info
 * (on a non-link fd the kernel fills another info struct: see
 * bpf_link__open for how links are told apart). */
/*@ requires \valid(out);
    assigns bl_ghost_syscalls, *out;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
int bl_link_info_by_fd(int fd, struct bpflink_link_info *out);

/* Remove the tracefs event of a BL_LINK_LEGACY_PROBE link (its perf fds
 * already closed): 0 or -errno. Provided by src/attach_legacy.c. */
/*@ requires \valid_read(link);
    assigns bl_ghost_syscalls;
    ensures bl_ghost_syscalls >= \old(bl_ghost_syscalls);
    ensures -4095 <= \result <= 0; */
int bl_legacy_event_remove(const struct bpf_link *link);

/* The kernel wrote *H through the info pointer of BPF_OBJ_GET_INFO_BY_FD:
 * for the proofs, where the seam's contract only covers the attr itself.
 * Nothing in the library. */
#ifdef __FRAMAC__
/*@ requires \valid(h);
    assigns *h; */
void bl_kernel_wrote_info(struct bl_link_info_head *h);
#define BL_KERNEL_WROTE_INFO(h) bl_kernel_wrote_info(h)
#else
#define BL_KERNEL_WROTE_INFO(h) ((void)0)
#endif

#endif

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

/* The hot part of a link: what attach, destroy, alloc and free touch, in
 * one 64-byte cache line (the slot is 64-byte aligned and sized). An all-zero slot
 * (.bss) is a free, never-used one: state FREE, kind NONE, not pinned.
 * bl_link_alloc sets every other field a live link relies on. */
#ifdef __FRAMAC__
#define BL_CACHE_LINE /* Frama-C 25 does not parse _Alignas; layout only */
#else
#define BL_CACHE_LINE __attribute__((aligned(64)))
#endif
struct bpf_link {
	BL_CACHE_LINE uint32_t kind; /* enum bl_link_kind; NONE (0) when free */
	uint32_t state;      /* BL_SLOT_FREE (0) or BL_SLOT_LIVE */
	uint32_t pin_len;    /* 0: not pinned; else the length of the pin path */
	int fd;              /* see the table above; -1 when none */
	int perf_fd;
	int target_fd;
	int prog_fd;
	bool disconnected;   /* bpf_link__disconnect was called */
	uint32_t index;      /* this slot's number in bl_links (set at alloc) */
	uint32_t generation; /* +1 at each release (saturates), never drops */
	uint32_t attach_type;
	uint32_t legacy_flags;
};

/* The cold part, by slot number: touched only when pinning (pin_path,
 * bl_link_pin_path) or by a legacy probe (legacy_name). */
struct bl_link_cold {
	char pin_path[BPFLINK_PIN_PATH_MAX];
	char legacy_name[BL_LEGACY_NAME_MAX];
};

/* The free slots form a FIFO ring: the slots at positions head, head + 1,
 * ... (wrapping) for BPFLINK_MAX_LINKS - nused positions, in release order,
 * so a released slot is reused only after every other free slot (never-
 * used ones first, in slot order). A ring entry holds slot + 1; 0 means
 * "the slot numbered like the position", so the all-zero .bss is the valid
 * empty pool (every slot free, in order) and no pass initialises it. */
struct bl_pool {
	uint32_t head;
	uint32_t nused;      /* live slots */
	uint32_t high_water;
	uint32_t exhausted;
	uint32_t ring[BPFLINK_MAX_LINKS];
};

/* The library's own globals are hidden: addressed directly, not through
 * the GOT, by the -fPIC objects of the archive. */
#ifdef __FRAMAC__
#define BL_LINK_HIDDEN
#else
#define BL_LINK_HIDDEN __attribute__((visibility("hidden")))
#endif
extern struct bpf_link bl_links[BPFLINK_MAX_LINKS] BL_LINK_HIDDEN;
extern struct bl_link_cold bl_link_cold[BPFLINK_MAX_LINKS] BL_LINK_HIDDEN;
extern struct bl_pool bl_pool BL_LINK_HIDDEN;
extern int bl_link_lock_word BL_LINK_HIDDEN; /* src/lock.c */
extern int bl_last_err BL_LINK_HIDDEN;  /* src/error.c */

/* The proofs' view of the ring as a permutation (ghost, not compiled):
 * bl_g_ring holds every slot number once, the free window first, and
 * bl_g_pos is its inverse; both encoded as the ring (0: identity). The
 * real ring agrees with bl_g_ring inside the free window, which is all
 * the library reads. */
/*@ ghost extern uint32_t bl_g_ring[BPFLINK_MAX_LINKS]; */
/*@ ghost extern uint32_t bl_g_pos[BPFLINK_MAX_LINKS]; */

/*@ logic integer BL_N = BPFLINK_MAX_LINKS;
    logic integer BL_PIN_MAX = BPFLINK_PIN_PATH_MAX;

    // an encoded ring entry: 0 stands for D, else the value - 1
    logic integer bl_dec(integer v, integer d) = (v == 0) ? d : v - 1;
    logic integer bl_nfree{L} = BL_N - bl_pool.nused;
    logic integer bl_gring{L}(integer k) = bl_dec(bl_g_ring[k], k);
    logic integer bl_gpos{L}(integer s) = bl_dec(bl_g_pos[s], s);
    logic integer bl_rring{L}(integer k) = bl_dec(bl_pool.ring[k], k);

    // (ring position p is in the free window of nfree positions from head,
    //  wrapping around the end: p or p + N in [head, head + nfree))
    predicate bl_in_window{L}(integer p) =
      (bl_pool.head <= p < bl_pool.head + bl_nfree) ||
      (bl_pool.head <= p + BL_N < bl_pool.head + bl_nfree);

    // the stored pin path of slot s matches its pinned state
    predicate bl_pin_ok{L}(integer s) =
      bl_links[s].pin_len == 0 ||
      (0 < bl_links[s].pin_len < BL_PIN_MAX &&
       bl_link_cold[s].pin_path[bl_links[s].pin_len] == 0 &&
       (\forall integer j; 0 <= j < bl_links[s].pin_len ==>
          bl_link_cold[s].pin_path[j] != 0));
    predicate bl_pinned{L}(struct bpf_link *l) = l->pin_len > 0;

    predicate bl_slots_index{L} =
      \forall integer s; 0 <= s < BL_N ==>
        bl_links[s].state == BL_SLOT_LIVE ==> bl_links[s].index == s;
    predicate bl_slots_state{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE || bl_links[s].state == BL_SLOT_LIVE);
    predicate bl_slots_window{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE <==> bl_in_window(bl_gpos(s)));
    predicate bl_slots_pin{L} =
      \forall integer s; 0 <= s < BL_N ==>
        (bl_links[s].state == BL_SLOT_FREE ==> bl_links[s].pin_len == 0) &&
        bl_pin_ok(s);
    predicate bl_slots_ok{L} =
      bl_slots_index && bl_slots_state && bl_slots_window && bl_slots_pin;

    predicate bl_ring_ok{L} =
      (\forall integer k; 0 <= k < BL_N ==>
         0 <= bl_gring(k) < BL_N && bl_gpos(bl_gring(k)) == k) &&
      (\forall integer s; 0 <= s < BL_N ==>
         0 <= bl_gpos(s) < BL_N && bl_gring(bl_gpos(s)) == s);
    predicate bl_ring_real{L} =
      \forall integer k; 0 <= k < BL_N ==> bl_in_window(k) ==>
        bl_rring(k) == bl_gring(k);

    // The pool invariant: a ring window of free slots over a permutation,
    // the real ring agreeing with it in the window, per-slot state
    // agreeing with the window (so no slot is both free and live, and
    // nused counts the live ones), statistics in range. The all-zero
    // state satisfies it (harness_zero_pool).
    predicate bl_pool_inv{L} =
      bl_pool.head < BL_N && bl_pool.nused <= BL_N &&
      bl_pool.nused <= bl_pool.high_water <= BL_N &&
      bl_ring_ok && bl_ring_real && bl_slots_ok;

    predicate bl_is_slot{L}(struct bpf_link *l) =
      \valid(l) && l->index < BL_N && l == &bl_links[l->index];

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
      \at(bl_pool.head, L1) == \at(bl_pool.head, L2) &&
      \at(bl_pool.nused, L1) == \at(bl_pool.nused, L2) &&
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
 * exclusion between a matching acquire and release. The fast paths are
 * inline (one exchange; one release store); a contended acquire spins in
 * bl_lock_spin (src/lock.c). */
#ifdef __FRAMAC__
/*@ assigns bl_link_lock_word; */
bool bl_lock_try(void);
/*@ assigns bl_link_lock_word; */
void bl_lock_spin(void);
/*@ assigns bl_link_lock_word; */
void bl_lock_acquire(void);
/*@ assigns bl_link_lock_word; */
void bl_lock_release(void);
#else
void bl_spin_acquire(int *word);
void bl_lock_spin(void);

/* One attempt: true when the lock was free and is now held. */
static inline bool bl_lock_try(void)
{
	return __atomic_exchange_n(&bl_link_lock_word, 1, __ATOMIC_ACQUIRE) == 0;
}

static inline void bl_lock_acquire(void)
{
	if (!bl_lock_try()) {
		bl_lock_spin();
	}
}

static inline void bl_lock_release(void)
{
	__atomic_store_n(&bl_link_lock_word, 0, __ATOMIC_RELEASE);
}
#endif

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
    assigns bl_pool, bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1],
            bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
    behavior full:
      assumes bl_pool.nused == BL_N;
      ensures \result == \null && bl_last_err == -28;
      ensures bl_pool.nused == BL_N;
    behavior ok:
      assumes bl_pool.nused < BL_N;
      ensures bl_is_slot(\result);
      ensures \result->state == BL_SLOT_LIVE && \result->kind == kind;
      ensures \result->fd == -1 && \result->perf_fd == -1;
      ensures \result->pin_len == 0 && !\result->disconnected;
      ensures bl_pool.nused == \old(bl_pool.nused) + 1;
    complete behaviors;
    disjoint behaviors; */
struct bpf_link *bl_link_alloc(enum bl_link_kind kind);

/* Give back a live slot without any system call: for attach functions whose
 * attach failed before the link was returned (after closing what they
 * opened), and for destroy. The generation grows; the slot goes to the end
 * of the free ring. */
/*@ requires bl_pool_inv && bl_is_slot(link);
    requires link->state == BL_SLOT_LIVE;
    assigns bl_pool.nused, bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures bl_pool_inv && bl_is_slot(link);
    ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
    ensures bl_pool.nused == \old(bl_pool.nused) - 1;
    ensures link->generation >= \old(link->generation);
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls); */
void bl_link_free(struct bpf_link *link);

/* The halves of bl_link_alloc / bl_link_free (src/pool.c): take and put
 * run with the lock held and release it; the contended paths (the lock
 * was busy: src/pool_slow.c, a file of its own so that the compiler keeps
 * them out of the fast paths, which then save no register) wait for the
 * lock, then take or put. Not for other callers. */
/*@ requires bl_pool_inv;
    requires BL_LINK_NONE < kind <= BL_LINK_LEGACY_PROBE;
    assigns bl_pool, bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1],
            bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
    behavior full:
      assumes bl_pool.nused == BL_N;
      ensures \result == \null && bl_last_err == -28;
      ensures bl_pool.nused == BL_N;
    behavior ok:
      assumes bl_pool.nused < BL_N;
      ensures bl_is_slot(\result);
      ensures \result->state == BL_SLOT_LIVE && \result->kind == kind;
      ensures \result->fd == -1 && \result->perf_fd == -1;
      ensures \result->pin_len == 0 && !\result->disconnected;
      ensures bl_pool.nused == \old(bl_pool.nused) + 1;
    complete behaviors;
    disjoint behaviors; */
struct bpf_link *bl_pool_take(enum bl_link_kind kind);

/*@ requires bl_pool_inv && bl_is_slot(link);
    requires link->state == BL_SLOT_LIVE;
    assigns bl_pool.nused, bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures bl_pool_inv && bl_is_slot(link);
    ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
    ensures bl_pool.nused == \old(bl_pool.nused) - 1;
    ensures link->generation >= \old(link->generation);
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls); */
void bl_pool_put(struct bpf_link *link);

/*@ requires bl_pool_inv;
    requires BL_LINK_NONE < kind <= BL_LINK_LEGACY_PROBE;
    assigns bl_pool, bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1],
            bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
    behavior full:
      assumes bl_pool.nused == BL_N;
      ensures \result == \null && bl_last_err == -28;
      ensures bl_pool.nused == BL_N;
    behavior ok:
      assumes bl_pool.nused < BL_N;
      ensures bl_is_slot(\result);
      ensures \result->state == BL_SLOT_LIVE && \result->kind == kind;
      ensures \result->fd == -1 && \result->perf_fd == -1;
      ensures \result->pin_len == 0 && !\result->disconnected;
      ensures bl_pool.nused == \old(bl_pool.nused) + 1;
    complete behaviors;
    disjoint behaviors; */
struct bpf_link *bl_alloc_contended(enum bl_link_kind kind);
/*@ requires bl_pool_inv && bl_is_slot(link);
    requires link->state == BL_SLOT_LIVE;
    assigns bl_pool.nused, bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures bl_pool_inv && bl_is_slot(link);
    ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
    ensures bl_pool.nused == \old(bl_pool.nused) - 1;
    ensures link->generation >= \old(link->generation);
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls); */
void bl_free_contended(struct bpf_link *link);

/* Destroy of every kind but BL_LINK_FD (src/link.c), out of line. */
int bl_link_destroy_other(struct bpf_link *link);

/* The link's legacy probe event name buffer (BL_LEGACY_NAME_MAX bytes),
 * in the cold table: for src/attach_legacy.c. */
/*@ requires \valid_read(link) && link->index < BL_N;
    assigns \nothing;
    ensures \result == &bl_link_cold[link->index].legacy_name[0]; */
char *bl_link_legacy_name(const struct bpf_link *link);

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
	return bl_sys_bpf_fd(cmd, a, size);
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

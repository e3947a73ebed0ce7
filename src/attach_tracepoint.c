/* bpflink_attach_tracepoint: perf_event_open(PERF_TYPE_TRACEPOINT, id) +
 * BPF_LINK_CREATE(BPF_PERF_EVENT), with the PERF_EVENT_IOC_SET_BPF fallback
 * (tracefs.h); the id read from tracefs once and cached.
 *
 * The id cache: BPFLINK_TP_ID_CACHE entries of (category, name) -> id,
 * replaced round-robin, guarded by the pool's spin lock (no system call
 * inside). An entry keeps the two strings' bytes back to back in key[]
 * with their lengths. A lookup compares the caller's strings in place
 * against the entries, starting with the one that matched or was stored
 * last, so repeated attaches to one tracepoint cost one comparison of its
 * bytes: no key is built, nothing is copied, nothing is hashed, and a
 * string is read only up to its first byte that differs (never past its
 * NUL). Ids of static tracepoints never change while the kernel runs;
 * dynamic events ("kprobes", "uprobes" categories) are never cached, and a
 * cached id that perf_event_open refuses (-ENOENT / -EINVAL) is dropped and
 * read again once. */
#include <linux/errno.h>
#include <linux/perf_event.h>

#include "bpf_opts.h"
#include "tracefs.h"

#ifndef BPFLINK_TP_ID_CACHE
#define BPFLINK_TP_ID_CACHE 16
#endif
/* category and name bytes of one entry (no NULs); longer pairs are not
 * cached */
#define BL_TP_KEY_MAX 96U

#if BPFLINK_TP_ID_CACHE < 1 || BPFLINK_TP_ID_CACHE > 4096
#error "BPFLINK_TP_ID_CACHE must be 1..4096"
#endif
/* The entry count as an unsigned value (the build may give it without U). */
#define BL_TP_N ((uint32_t)BPFLINK_TP_ID_CACHE)

struct bl_tp_entry {
	uint32_t id;       /* 0: empty */
	uint32_t cat_len;  /* key[0 .. cat_len - 1]: the category */
	uint32_t name_len; /* key[cat_len ..]: the name */
	char key[BL_TP_KEY_MAX];
};

static struct bl_tp_entry bl_tp_cache[BPFLINK_TP_ID_CACHE];
static uint32_t bl_tp_next; /* next slot to replace */
static uint32_t bl_tp_mru;  /* where a lookup starts */

/* S equals the LEN bytes of K (none of them NUL) followed by NUL. Stops at
 * the first byte that differs: as K has no NUL before LEN, every byte of S
 * read after an equal one is still inside S. Four bytes a round, one
 * compare each (the lengths are known on one side only: no strlen of S
 * first). */
static inline bool bl_tp_eq(const char *s, const char *k, uint32_t len)
{
	size_t n = len;
	size_t i = 0U;

	while ((i + 4U) <= n) {
		if ((s[i] != k[i]) || (s[i + 1U] != k[i + 1U]) ||
		    (s[i + 2U] != k[i + 2U]) || (s[i + 3U] != k[i + 3U])) {
			return false;
		}
		i += 4U;
	}
	while (i < n) {
		if (s[i] != k[i]) {
			return false;
		}
		i++;
	}
	return s[n] == '\0';
}

static bool bl_tp_match(const struct bl_tp_entry *e, const char *cat,
			const char *name)
{
	return (e->id != 0U) && bl_tp_eq(cat, e->key, e->cat_len) &&
	       bl_tp_eq(name, &e->key[e->cat_len], e->name_len);
}

/* The slot holding (cat, name), or BL_TP_N. Under the lock. */
static uint32_t bl_tp_find(const char *cat, const char *name)
{
	uint32_t i = bl_tp_mru;

	for (uint32_t k = 0U; k < BL_TP_N; k++) {
		if (bl_tp_match(&bl_tp_cache[i], cat, name)) {
			return i;
		}
		i++;
		if (i == BL_TP_N) {
			i = 0U;
		}
	}
	return BL_TP_N;
}

/* The cached id of (cat, name), or 0. The entry that matched last is
 * tried first, without the loop. */
static uint32_t bl_tp_lookup(const char *cat, const char *name)
{
	uint32_t id = 0U;
	uint32_t i;

	bl_lock_acquire();
	i = bl_tp_mru;
	if (!bl_tp_match(&bl_tp_cache[i], cat, name)) {
		i = bl_tp_find(cat, name);
	}
	if (i < BL_TP_N) {
		id = bl_tp_cache[i].id;
		bl_tp_mru = i;
	}
	bl_lock_release();
	return id;
}

/* The length of S when below MAX, else MAX. */
static uint32_t bl_tp_len(const char *s, uint32_t max)
{
	uint32_t n = 0U;

	while ((n < max) && (s[n] != '\0')) {
		n++;
	}
	return n;
}

/* (cat, name) may be cached: not a dynamic event category. */
static bool bl_tp_cacheable(const char *cat)
{
	return !bl_streq(cat, "kprobes") && !bl_streq(cat, "uprobes");
}

/* Store (cat, name) -> id; id 0 removes the pair. Pairs too long for an
 * entry are not stored. */
static void bl_tp_store(const char *cat, const char *name, uint32_t id)
{
	uint32_t cl = bl_tp_len(cat, BL_TP_KEY_MAX);
	uint32_t nl = bl_tp_len(name, BL_TP_KEY_MAX);
	uint32_t slot;

	if ((cl + nl) > BL_TP_KEY_MAX) {
		return;
	}
	bl_lock_acquire();
	slot = bl_tp_find(cat, name);
	if ((slot == BL_TP_N) && (id != 0U)) {
		slot = bl_tp_next;
		bl_tp_next++;
		if (bl_tp_next == BL_TP_N) {
			bl_tp_next = 0U;
		}
	}
	if (slot < BL_TP_N) {
		struct bl_tp_entry *e = &bl_tp_cache[slot];

		e->id = 0U;
		if (id != 0U) {
			for (uint32_t i = 0U; i < cl; i++) {
				e->key[i] = cat[i];
			}
			for (uint32_t i = 0U; i < nl; i++) {
				e->key[cl + i] = name[i];
			}
			e->cat_len = cl;
			e->name_len = nl;
			e->id = id;
			bl_tp_mru = slot;
		}
	}
	bl_lock_release();
}

void bpflink_tracepoint_cache_clear(void)
{
	bl_lock_acquire();
	for (uint32_t i = 0U; i < BL_TP_N; i++) {
		bl_tp_cache[i].id = 0U;
	}
	bl_tp_next = 0U;
	bl_tp_mru = 0U;
	bl_lock_release();
}

struct bpf_link *bpflink_attach_tracepoint(int prog_fd, const char *tp_category,
					   const char *tp_name,
					   const struct bpf_tracepoint_opts *opts)
{
	struct bpf_link *link;
	uint64_t cookie;
	uint32_t id;
	bool cached;
	int pfd;
	int fd;
	int err;

	if ((prog_fd < 0) || (tp_category == NULL) || (tp_name == NULL) ||
	    (tp_category[0] == '\0') || (tp_name[0] == '\0') ||
	    ((opts != NULL) &&
	     (BL_OPTS_VALID(opts, bpf_tracepoint_opts,
			    bpf_tracepoint_opts__last_field) != 0))) {
		return bl_err_ptr(-EINVAL);
	}
	cookie = BL_OPT(opts, bpf_tracepoint_opts, bpf_cookie, 0U);
	link = bl_link_alloc(BL_LINK_PERF);
	if (link == NULL) {
		return NULL;
	}
	/* a dynamic event is never stored, so never found */
	id = bl_tp_lookup(tp_category, tp_name);
	cached = (id != 0U);
	for (;;) {
		if (id == 0U) {
			err = bl_tracefs_event_id(tp_category, tp_name, &id);
			if ((err == 0) && (id == 0U)) {
				err = -EINVAL;
			}
			if (err != 0) {
				bl_link_free(link);
				return bl_err_ptr(err);
			}
		}
		pfd = bl_perf_open(PERF_TYPE_TRACEPOINT, id, 0U, 0U, -1);
		if ((pfd >= 0) || !cached ||
		    ((pfd != -ENOENT) && (pfd != -EINVAL))) {
			break;
		}
		/* a stale cached id: forget it, read the id again once */
		bl_tp_store(tp_category, tp_name, 0U);
		cached = false;
		id = 0U;
	}
	if (pfd < 0) {
		bl_link_free(link);
		return bl_err_ptr(pfd);
	}
	fd = bl_perf_attach_fd(prog_fd, pfd, cookie, false, false);
	if (fd < 0) {
		(void)bl_sys_close(pfd);
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	if (!cached && bl_tp_cacheable(tp_category)) {
		bl_tp_store(tp_category, tp_name, id);
	}
	bl_perf_link_set(link, pfd, fd);
	return link;
}

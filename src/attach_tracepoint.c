/* bpflink_attach_tracepoint: perf_event_open(PERF_TYPE_TRACEPOINT, id) +
 * BPF_LINK_CREATE(BPF_PERF_EVENT), with the PERF_EVENT_IOC_SET_BPF fallback
 * (tracefs.h); the id read from tracefs once and cached.
 *
 * The id cache: BPFLINK_TP_ID_CACHE entries of "category/name" -> id,
 * replaced round-robin, guarded by the pool's spin lock (lookups and
 * inserts copy a few bytes, no system call inside). Ids of static
 * tracepoints never change while the kernel runs; dynamic events
 * ("kprobes", "uprobes" categories) are never cached, and a cached id that
 * perf_event_open refuses (-ENOENT / -EINVAL) is dropped and read again
 * once. */
#include <linux/errno.h>
#include <linux/perf_event.h>

#include "bpf_opts.h"
#include "tracefs.h"

#ifndef BPFLINK_TP_ID_CACHE
#define BPFLINK_TP_ID_CACHE 16
#endif
#define BL_TP_KEY_MAX 96U /* "category/name" incl. NUL; longer: not cached */

#if BPFLINK_TP_ID_CACHE < 1 || BPFLINK_TP_ID_CACHE > 4096
#error "BPFLINK_TP_ID_CACHE must be 1..4096"
#endif
/* The entry count as an unsigned value (the build may give it without U). */
#define BL_TP_N ((uint32_t)BPFLINK_TP_ID_CACHE)

struct bl_tp_entry {
	uint32_t id; /* 0: empty */
	char key[BL_TP_KEY_MAX];
};

static struct bl_tp_entry bl_tp_cache[BPFLINK_TP_ID_CACHE];
static uint32_t bl_tp_next;

/* "cat/name" into key: true when it fits and may be cached. */
static bool bl_tp_key(char key[BL_TP_KEY_MAX], const char *cat,
		      const char *name)
{
	struct bl_sbuf sb;

	if (bl_streq(cat, "kprobes") || bl_streq(cat, "uprobes")) {
		return false;
	}
	bl_sb_init(&sb, key, BL_TP_KEY_MAX);
	bl_sb_str(&sb, cat);
	bl_sb_str(&sb, "/");
	bl_sb_str(&sb, name);
	return bl_sb_done(&sb) == 0;
}

static uint32_t bl_tp_lookup(const char *key)
{
	uint32_t id = 0U;

	bl_lock_acquire();
	for (uint32_t i = 0U; i < BL_TP_N; i++) {
		if ((bl_tp_cache[i].id != 0U) &&
		    bl_streq(bl_tp_cache[i].key, key)) {
			id = bl_tp_cache[i].id;
			break;
		}
	}
	bl_lock_release();
	return id;
}

/* Store (key, id); id 0 removes key. */
static void bl_tp_store(const char *key, uint32_t id)
{
	uint32_t slot = BL_TP_N;

	bl_lock_acquire();
	for (uint32_t i = 0U; i < BL_TP_N; i++) {
		if ((bl_tp_cache[i].id != 0U) &&
		    bl_streq(bl_tp_cache[i].key, key)) {
			slot = i;
		}
	}
	if ((slot == BL_TP_N) && (id != 0U)) {
		slot = bl_tp_next;
		bl_tp_next = (bl_tp_next + 1U) % BL_TP_N;
	}
	if (slot < BL_TP_N) {
		bl_tp_cache[slot].id = 0U;
		if (id != 0U) {
			size_t i = 0U;

			while ((i < (BL_TP_KEY_MAX - 1U)) && (key[i] != '\0')) {
				bl_tp_cache[slot].key[i] = key[i];
				i++;
			}
			bl_tp_cache[slot].key[i] = '\0';
			bl_tp_cache[slot].id = id;
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
	bl_lock_release();
}

struct bpf_link *bpflink_attach_tracepoint(int prog_fd, const char *tp_category,
					   const char *tp_name,
					   const struct bpf_tracepoint_opts *opts)
{
	char key[BL_TP_KEY_MAX];
	struct bpf_link *link;
	uint64_t cookie;
	uint32_t id;
	bool cacheable;
	bool cached;
	int pfd;
	int fd;
	int err;

	if ((prog_fd < 0) || (tp_category == NULL) || (tp_name == NULL) ||
	    (tp_category[0] == '\0') || (tp_name[0] == '\0') ||
	    (BL_OPTS_VALID(opts, bpf_tracepoint_opts,
			   bpf_tracepoint_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	cookie = BL_OPT(opts, bpf_tracepoint_opts, bpf_cookie, 0U);
	link = bl_link_alloc(BL_LINK_PERF);
	if (link == NULL) {
		return NULL;
	}
	cacheable = bl_tp_key(key, tp_category, tp_name);
	id = cacheable ? bl_tp_lookup(key) : 0U;
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
		bl_tp_store(key, 0U);
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
	if (cacheable && !cached) {
		bl_tp_store(key, id);
	}
	bl_perf_link_set(link, pfd, fd);
	return link;
}

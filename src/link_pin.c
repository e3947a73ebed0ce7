/* Pinning links in bpffs and opening pinned links. The pin path lives in
 * the slot's cold part (bl_link_cold, bounded), touched only here; pin_len
 * > 0 exactly when the link is pinned by (or was opened from) that path:
 * predicate bl_pin_ok in link.h. */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <asm/statfs.h>

#include "link.h"

/* bpffs's f_type (BPF_FS_MAGIC of linux/magic.h), an unsigned constant. */
#define BL_BPF_FS_MAGIC 0xcafe4a11U

/*@ predicate bl_str_readable(char *s, integer n) =
      \forall integer i; 0 <= i < n ==>
        (\forall integer j; 0 <= j < i ==> s[j] != 0) ==> \valid_read(s + i);
*/

/* Copy the string SRC into DST (BPFLINK_PIN_PATH_MAX bytes): its length,
 * or BPFLINK_PIN_PATH_MAX when it does not fit (DST then unterminated). */
/*@ requires bl_str_readable((char *)src, BL_PIN_MAX);
    requires \valid(dst + (0 .. BPFLINK_PIN_PATH_MAX - 1));
    requires \separated(dst + (0 .. BPFLINK_PIN_PATH_MAX - 1),
                        src + (0 .. BPFLINK_PIN_PATH_MAX - 1));
    assigns dst[0 .. BPFLINK_PIN_PATH_MAX - 1];
    ensures 0 <= \result <= BL_PIN_MAX;
    ensures \result < BL_PIN_MAX ==> dst[\result] == 0;
    ensures \forall integer j; 0 <= j < \result ==> dst[j] != 0;
    ensures \forall integer j; 0 <= j < \result && j < BL_PIN_MAX ==>
            dst[j] == src[j]; */
static uint32_t bl_copy_path(char *dst, const char *src)
{
	uint32_t i;

	/*@ loop invariant 0 <= i <= BL_PIN_MAX;
	    loop invariant \forall integer j; 0 <= j < i ==> src[j] != 0;
	    loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
	    loop assigns i, dst[0 .. BPFLINK_PIN_PATH_MAX - 1];
	    loop variant BL_PIN_MAX - i; */
	for (i = 0U; i < BL_PIN_MAX_U; i++) {
		char c = src[i];

		dst[i] = c;
		if (c == '\0') {
			return i;
		}
	}
	return BL_PIN_MAX_U;
}

/* Position of the last '/' in s[0 .. n-1], or -1. */
/*@ requires 0 <= n <= BL_PIN_MAX;
    requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures -1 <= \result < n; */
static int bl_last_slash(const char *s, uint32_t n)
{
	int k = -1;
	uint32_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant -1 <= k < i;
	    loop assigns i, k;
	    loop variant n - i; */
	for (i = 0U; i < n; i++) {
		if (s[i] == '/') {
			k = (int)i;
		}
	}
	return k;
}

/* Is the directory DIR on a BPF filesystem? 0, -EINVAL, or statfs's error. */
/*@ requires \valid_read(dir);
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
static int bl_check_bpffs(const char *dir)
{
	struct statfs st;
	int r;

	st.f_type = 0;
	r = bl_sys_statfs(dir, &st);
	if (r < 0) {
		return r;
	}
	return ((uint64_t)st.f_type == (uint64_t)BL_BPF_FS_MAGIC) ? 0 : -EINVAL;
}

/* Store the validated path SRC (n bytes, no NUL inside, NUL at n) as the
 * link's pin path: the one place a pin path is recorded. */
/*@ requires bl_pool_inv && bl_is_slot(link) && link->state == BL_SLOT_LIVE;
    requires 0 < n < BL_PIN_MAX;
    requires \valid_read(src + (0 .. n));
    requires \forall integer j; 0 <= j < n ==> src[j] != 0;
    requires src[n] == 0;
    requires \separated(src + (0 .. n), bl_links + (0 .. BPFLINK_MAX_LINKS - 1),
                        bl_link_cold + (0 .. BPFLINK_MAX_LINKS - 1));
    assigns bl_link_cold[link->index].pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1],
            link->pin_len;
    ensures bl_pool_inv;
    ensures link->pin_len == n && bl_pinned(link) && bl_pin_ok(link->index); */
static void bl_pin_record(struct bpf_link *link, const char *src, uint32_t n)
{
	const uint32_t s = link->index;
	char *dst = bl_link_cold[s].pin_path;
	uint32_t i;

	/*@ loop invariant 0 <= i <= n + 1;
	    loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
	    loop assigns i, bl_link_cold[s].pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1];
	    loop variant n + 1 - i; */
	for (i = 0U; i <= n; i++) {
		dst[i] = src[i];
	}
	bl_links[s].pin_len = n;
	//@ assert bl_pin_ok(s);
	/*@ assert others: \forall integer t; 0 <= t < BL_N && t != s ==>
	      bl_links[t].pin_len == \at(bl_links[t].pin_len, Pre) &&
	      bl_links[t].state == \at(bl_links[t].state, Pre) &&
	      (\forall integer j; 0 <= j < BL_PIN_MAX ==>
	         bl_link_cold[t].pin_path[j] ==
	           \at(bl_link_cold[t].pin_path[j], Pre)); */
	/*@ assert others_ok: \forall integer t; 0 <= t < BL_N && t != s ==>
	      bl_pin_ok(t); */
	//@ assert bl_slots_pin;
	//@ assert bl_slots_index;
	//@ assert bl_slots_state;
	//@ assert bl_slots_window;
}

/*@ requires bl_pool_inv;
    requires link == \null || bl_is_slot(link);
    requires path == \null || bl_str_readable((char *)path, BL_PIN_MAX);
    requires path == \null || link == \null ||
             \separated(link, path + (0 .. BPFLINK_PIN_PATH_MAX - 1));
    assigns bl_ghost_syscalls,
            bl_link_cold[link->index].pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1],
            link->pin_len;
    ensures bl_pool_inv;
    ensures -4095 <= \result <= 0;
    ensures link != \null && \result == 0 ==> bl_pinned(link);
    ensures link != \null && \result != 0 ==>
            link->pin_len == \old(link->pin_len);
    ensures link != \null && \old(bl_pinned(link)) ==> \result == -EBUSY ||
            \result == -EINVAL; */
int bpf_link__pin(struct bpf_link *link, const char *path)
{
	char dir[BPFLINK_PIN_PATH_MAX];
	const char *parent;
	struct bl_la_obj a;
	uint32_t n;
	int fd;
	int k;
	int r;
	bool made_dir = false;

	if ((link == NULL) || (path == NULL) ||
	    (link->state != BL_SLOT_LIVE)) {
		return -EINVAL;
	}
	if (link->pin_len != 0U) {
		return -EBUSY;
	}
	fd = bl_kernel_link_fd(link);
	if (fd < 0) {
		return -EINVAL;
	}
	n = bl_copy_path(dir, path);
	if (n >= BL_PIN_MAX_U) {
		return -ENAMETOOLONG;
	}
	if (n == 0U) {
		return -EINVAL;
	}
	/* the parent directory: created (one level, 0700) as libbpf does,
	 * and removed again if the pin fails */
	k = bl_last_slash(dir, n);
	if (k > 0) {
		dir[k] = '\0';
		parent = dir;
		r = bl_sys_mkdirat(AT_FDCWD, dir, 0x1c0U); /* mode 0700 */
		if (r == 0) {
			made_dir = true;
		} else if (r != -EEXIST) {
			return r;
		} else {
			/* EEXIST: the directory is there already, not ours */
		}
	} else {
		parent = (k == 0) ? "/" : ".";
	}
	r = bl_check_bpffs(parent);
	if (k > 0) {
		dir[k] = '/'; /* dir is the whole path again */
	}
	if (r == 0) {
		a.pathname = bl_lk_ptr(path);
		a.bpf_fd = (uint32_t)fd;
		a.file_flags = 0U;
		r = bl_lk_bpf_obj(BPF_OBJ_PIN, &a, (unsigned int)sizeof(a));
	}
	if (r < 0) {
		if (made_dir && (k > 0)) {
			dir[k] = '\0';
			(void)bl_sys_unlinkat(AT_FDCWD, dir, AT_REMOVEDIR);
		}
		return r;
	}
	bl_pin_record(link, dir, n);
	return 0;
}

/*@ requires bl_pool_inv;
    requires link == \null || bl_is_slot(link);
    assigns bl_ghost_syscalls, link->pin_len;
    ensures bl_pool_inv;
    ensures -4095 <= \result <= 0;
    ensures link != \null && \result == 0 ==> !bl_pinned(link);
    ensures link != \null && \result != 0 ==>
            link->pin_len == \old(link->pin_len);
    ensures link != \null && !\old(bl_pinned(link)) ==> \result == -EINVAL &&
            bl_ghost_syscalls == \old(bl_ghost_syscalls); */
int bpf_link__unpin(struct bpf_link *link)
{
	int r;

	if ((link == NULL) || (link->state != BL_SLOT_LIVE) ||
	    (link->pin_len == 0U)) {
		return -EINVAL;
	}
	r = bl_sys_unlinkat(AT_FDCWD, bl_link_cold[link->index].pin_path, 0);
	if (r < 0) {
		return r;
	}
	link->pin_len = 0U;
	return 0;
}

/*@ requires link == \null || bl_is_slot(link);
    requires link != \null ==> bl_pin_ok(link->index);
    assigns \nothing;
    ensures link == \null || link->state != BL_SLOT_LIVE ==> \result == \null;
    ensures link != \null && link->state == BL_SLOT_LIVE ==>
            (\result == \null <==> !bl_pinned(link)); */
const char *bpf_link__pin_path(const struct bpf_link *link)
{
	if ((link == NULL) || (link->state != BL_SLOT_LIVE) ||
	    (link->pin_len == 0U)) {
		return NULL;
	}
	return bl_link_cold[link->index].pin_path;
}

/* Is FD a BPF link? A BPF_LINK_UPDATE that cannot change anything: the
 * kernel resolves the link fd first and refuses a non-link with EINVAL;
 * for a link it then fails on the invalid program (or map) fd -1 (EBADF). */
/*@ assigns bl_ghost_syscalls;
    ensures \result == 0 || \result == -EINVAL;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
static int bl_fd_is_link(int fd)
{
	struct bl_la_link_update a;
	int r;

	a.link_fd = (uint32_t)fd;
	a.new_prog_fd = 0xffffffffU;
	a.flags = 0U;
	a.old_prog_fd = 0U;
	r = bl_lk_bpf_link_update(BPF_LINK_UPDATE, &a, (unsigned int)sizeof(a));
	return (r == -EINVAL) ? -EINVAL : 0;
}

/*@ requires bl_pool_inv;
    requires path == \null || bl_str_readable((char *)path, BL_PIN_MAX);
    assigns bl_ghost_syscalls, bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1],
            bl_link_cold[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures \result == \null || (bl_is_slot(\result) &&
            \result->state == BL_SLOT_LIVE && bl_pinned(\result)); */
struct bpf_link *bpf_link__open(const char *path)
{
	char buf[BPFLINK_PIN_PATH_MAX];
	struct bpf_link *link;
	struct bl_la_obj a;
	uint32_t n;
	int fd;
	int r;

	if (path == NULL) {
		(void)bl_set_error(-EINVAL);
		return NULL;
	}
	n = bl_copy_path(buf, path);
	if ((n == 0U) || (n >= BL_PIN_MAX_U)) {
		(void)bl_set_error((n == 0U) ? -EINVAL : -ENAMETOOLONG);
		return NULL;
	}
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	a.pathname = bl_lk_ptr(buf);
	a.bpf_fd = 0U;
	a.file_flags = 0U;
	fd = bl_lk_bpf_obj(BPF_OBJ_GET, &a, (unsigned int)sizeof(a));
	r = (fd < 0) ? fd : bl_fd_is_link(fd);
	if (r < 0) {
		if (fd >= 0) {
			(void)bl_sys_close(fd);
		}
		bl_link_free(link);
		(void)bl_set_error(r);
		return NULL;
	}
	link->fd = fd;
	bl_pin_record(link, buf, n);
	return link;
}

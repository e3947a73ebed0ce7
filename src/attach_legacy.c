/* Legacy kprobe/uprobe attach through tracefs probe events, for kernels
 * without the kprobe/uprobe PMU (or when PROBE_ATTACH_MODE_LEGACY asks):
 *
 *   1. open <tracefs>/uprobe_events (kprobe_events) read-write, at
 *      /sys/kernel/tracing, else /sys/kernel/debug/tracing; read it and
 *      remove ("-:GROUP/NAME") every "bpflink_<pid>_<n>" event whose pid no
 *      longer exists (kill(pid, 0) == -ESRCH): events a bpflink process left
 *      when it died. An event still in use (a pinned link) refuses with
 *      -EBUSY and stays;
 *   2. write "p:uprobes/bpflink_<pid>_<n> PATH:0xOFF[(0xREF)]" ("r:" for a
 *      return probe; kprobes: "p:kprobes/NAME FUNC+OFF"), <pid> the
 *      creating process, <n> a per-process counter;
 *   3. read its id from <tracefs>/events/GROUP/NAME/id, perf_event_open
 *      (PERF_TYPE_TRACEPOINT), attach (perf link, else ioctl).
 * A failure after step 2 removes the event again. The link is a
 * BL_LINK_LEGACY_PROBE: legacy_name holds NAME, legacy_flags the group and
 * the tracefs root; destroy closes the fds, then bl_legacy_event_remove
 * writes "-:GROUP/NAME" (unless disconnected).
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/perf_event.h>

#include "tracefs.h"

#define BL_LEG_KPROBE 1U /* legacy_flags: kprobe_events (else uprobe_events) */
#define BL_LEG_DEBUGFS 2U /* legacy_flags: under /sys/kernel/debug/tracing */

#define BL_LEG_STALE_MAX 8 /* stale events removed per attach */
#define BL_LEG_NAME 48U /* "bpflink_<pid>_<n>" incl. NUL */
#define BL_LEG_PREFIX "bpflink_"

static const char *bl_leg_group(bool kprobe)
{
	return kprobe ? "kprobes" : "uprobes";
}

static enum bl_tracefs_root bl_leg_root(uint32_t flags)
{
	return ((flags & BL_LEG_DEBUGFS) != 0U) ? BL_TRACEFS_DEBUG
						: BL_TRACEFS_SYS;
}

/* Open <root>/{k,u}probe_events with FLAGS. */
static int bl_leg_open(enum bl_tracefs_root root, bool kprobe, int flags)
{
	char path[BL_TRACEFS_PATH_MAX];
	int err = bl_tracefs_path(path, sizeof(path), root,
				  kprobe ? "kprobe_events" : "uprobe_events",
				  NULL, NULL);

	if (err != 0) {
		return err;
	}
	return bl_sys_openat(AT_FDCWD, path, flags, 0U);
}

/* Write "-:GROUP/NAME" to the events file FD. */
static int bl_leg_write_remove(int fd, bool kprobe, const char *name)
{
	char cmd[BL_LEG_NAME + 16U];
	struct bl_sbuf sb;
	long r;

	bl_sb_init(&sb, cmd, sizeof(cmd));
	bl_sb_str(&sb, "-:");
	bl_sb_str(&sb, bl_leg_group(kprobe));
	bl_sb_str(&sb, "/");
	bl_sb_str(&sb, name);
	if (bl_sb_done(&sb) != 0) {
		return bl_sb_done(&sb);
	}
	r = bl_sys_write(fd, cmd, sb.n);
	return (r < 0) ? (int)r : 0;
}

/* "bpflink_<pid>_<n>": the pid, or -1 when NAME is not one of ours. */
static long bl_leg_name_pid(const char *name)
{
	const char *pfx = BL_LEG_PREFIX;
	long pid = 0;
	size_t i = 0U;
	size_t d = 0U;

	while (pfx[i] != '\0') {
		if (name[i] != pfx[i]) {
			return -1;
		}
		i++;
	}
	while ((name[i] >= '0') && (name[i] <= '9') && (d < 10U)) {
		pid = (pid * 10) + ((long)name[i] - (long)'0');
		i++;
		d++;
	}
	if ((d == 0U) || (name[i] != '_') || (pid <= 0) || (pid > 0x7fffffff)) {
		return -1;
	}
	i++;
	d = 0U;
	while ((name[i] >= '0') && (name[i] <= '9')) {
		i++;
		d++;
	}
	return ((d != 0U) && (name[i] == '\0')) ? pid : -1;
}

struct bl_leg_scan {
	char tok[BL_LEG_NAME + 24U]; /* first token of the current line */
	size_t n;
	bool skipping; /* past the first token of the line */
	bool too_long;
	int nstale;
	char stale[BL_LEG_STALE_MAX][BL_LEG_NAME];
};

/* First token complete: "p:GROUP/NAME" -> maybe a stale event. */
static void bl_leg_token(struct bl_leg_scan *s, bool kprobe, int self)
{
	const char *group = bl_leg_group(kprobe);
	const char *t = s->tok;
	size_t i = 2U; /* past "p:" */
	size_t k = 0U;
	long pid;

	if (s->too_long || (s->nstale >= BL_LEG_STALE_MAX) || (t[0] == '\0') ||
	    (t[1] != ':')) {
		return;
	}
	while (group[k] != '\0') {
		if (t[i] != group[k]) {
			return;
		}
		i++;
		k++;
	}
	if (t[i] != '/') {
		return;
	}
	i++;
	pid = bl_leg_name_pid(&t[i]);
	if ((pid < 0) || (pid == self)) {
		return;
	}
	if (bl_sys_kill((int)pid, 0) != -ESRCH) {
		return; /* alive (or not ours to judge) */
	}
	k = 0U;
	while ((k < (BL_LEG_NAME - 1U)) && (t[i + k] != '\0')) {
		s->stale[s->nstale][k] = t[i + k];
		k++;
	}
	s->stale[s->nstale][k] = '\0';
	s->nstale++;
}

static void bl_leg_feed(struct bl_leg_scan *s, const char *buf, long n,
			bool kprobe, int self)
{
	for (long i = 0; i < n; i++) {
		char c = buf[i];

		if ((c == '\n') || (!s->skipping && (c == ' '))) {
			if (!s->skipping) {
				s->tok[s->n] = '\0';
				bl_leg_token(s, kprobe, self);
			}
			s->skipping = (c != '\n');
			if (c == '\n') {
				s->n = 0U;
				s->too_long = false;
			}
			continue;
		}
		if (s->skipping) {
			continue;
		}
		if (s->n < (sizeof(s->tok) - 1U)) {
			s->tok[s->n] = c;
			s->n++;
		} else {
			s->too_long = true;
		}
	}
}

/* Step 1: read the events file FD, remove the stale events found. */
static int bl_leg_remove_stale(int fd, bool kprobe, int self)
{
	struct bl_leg_scan s;
	char buf[256];

	s.n = 0U;
	s.skipping = false;
	s.too_long = false;
	s.nstale = 0;
	for (;;) {
		long n = bl_sys_read(fd, buf, sizeof(buf));

		if (n < 0) {
			return (int)n;
		}
		if (n == 0) {
			break;
		}
		bl_leg_feed(&s, buf, n, kprobe, self);
	}
	if ((s.n != 0U) && !s.skipping) { /* last line without '\n' */
		s.tok[s.n] = '\0';
		bl_leg_token(&s, kprobe, self);
	}
	for (int i = 0; i < s.nstale; i++) {
		(void)bl_leg_write_remove(fd, kprobe, s.stale[i]); /* best effort */
	}
	return 0;
}

/* Step 2's command for event NAME. */
static int bl_leg_cmd(char *cmd, size_t cap, const struct bl_probe *p,
		      const char *name, size_t *len)
{
	struct bl_sbuf sb;

	bl_sb_init(&sb, cmd, cap);
	bl_sb_str(&sb, p->retprobe ? "r:" : "p:");
	bl_sb_str(&sb, bl_leg_group(p->kprobe));
	bl_sb_str(&sb, "/");
	bl_sb_str(&sb, name);
	bl_sb_str(&sb, " ");
	bl_sb_str(&sb, p->target);
	if (p->kprobe) {
		bl_sb_str(&sb, "+");
		bl_sb_u64(&sb, p->offset);
	} else {
		bl_sb_str(&sb, ":");
		bl_sb_hex(&sb, p->offset);
		if (p->ref_ctr != 0U) {
			bl_sb_str(&sb, "(");
			bl_sb_hex(&sb, p->ref_ctr);
			bl_sb_str(&sb, ")");
		}
	}
	*len = sb.n;
	return bl_sb_done(&sb);
}

static void bl_leg_name(char name[BL_LEG_NAME], int pid)
{
	static uint32_t counter; /* this process's events, under the lock */
	struct bl_sbuf sb;
	uint32_t n;

	bl_lock_acquire();
	n = counter;
	counter++;
	bl_lock_release();
	bl_sb_init(&sb, name, BL_LEG_NAME);
	bl_sb_str(&sb, BL_LEG_PREFIX);
	bl_sb_u64(&sb, (uint64_t)pid);
	bl_sb_str(&sb, "_");
	bl_sb_u64(&sb, n);
}

/* Steps 1 and 2: the event exists on return 0, named NAME, under *flags'
 * root. */
static int bl_leg_create(const struct bl_probe *p, char name[BL_LEG_NAME],
			 uint32_t *flags)
{
	char cmd[BL_TRACEFS_PATH_MAX];
	enum bl_tracefs_root root = BL_TRACEFS_SYS;
	size_t len;
	long w = -EEXIST;
	int fd;
	int self;
	int err;
	int tries = 0;

	fd = bl_leg_open(root, p->kprobe, O_RDWR);
	if (fd == -ENOENT) {
		root = BL_TRACEFS_DEBUG;
		fd = bl_leg_open(root, p->kprobe, O_RDWR);
	}
	if (fd < 0) {
		return fd;
	}
	*flags = (p->kprobe ? BL_LEG_KPROBE : 0U) |
		 ((root == BL_TRACEFS_DEBUG) ? BL_LEG_DEBUGFS : 0U);
	self = bl_sys_getpid();
	err = (self < 0) ? self : bl_leg_remove_stale(fd, p->kprobe, self);
	/* a name left by an earlier process with our pid: take the next */
	while ((err == 0) && (w == -EEXIST) && (tries < 4)) {
		bl_leg_name(name, self);
		err = bl_leg_cmd(cmd, sizeof(cmd), p, name, &len);
		if (err == 0) {
			w = bl_sys_write(fd, cmd, len);
		}
		tries++;
	}
	if ((err == 0) && (w < 0)) {
		err = (int)w;
	}
	(void)bl_sys_close(fd);
	return err;
}

static int bl_leg_remove(uint32_t flags, const char *name)
{
	bool kprobe = ((flags & BL_LEG_KPROBE) != 0U);
	int fd = bl_leg_open(bl_leg_root(flags), kprobe, O_WRONLY | O_APPEND);
	int err;
	int r;

	if (fd < 0) {
		return fd;
	}
	err = bl_leg_write_remove(fd, kprobe, name);
	r = bl_sys_close(fd);
	return (err != 0) ? err : r;
}

int bl_legacy_event_remove(const struct bpf_link *link)
{
	return bl_leg_remove(link->legacy_flags, bl_link_legacy_name(link));
}

/* The target must not break the command's syntax. */
static bool bl_leg_target_ok(const char *t)
{
	if (t[0] == '\0') {
		return false;
	}
	for (size_t i = 0U; t[i] != '\0'; i++) {
		if ((t[i] == ' ') || (t[i] == '\t') || (t[i] == '\n') ||
		    (t[i] == '(') || (t[i] == ')')) {
			return false;
		}
	}
	return true;
}

struct bpf_link *bl_legacy_attach(int prog_fd, const struct bl_probe *p)
{
	char name[BL_LEG_NAME];
	struct bpf_link *link;
	char *lname;
	uint32_t flags = 0U;
	uint32_t id = 0U;
	int err;
	int pfd = -1;
	int fd = -1;

	if (!bl_leg_target_ok(p->target)) {
		return bl_err_ptr(-EINVAL);
	}
	link = bl_link_alloc(BL_LINK_LEGACY_PROBE);
	if (link == NULL) {
		return NULL;
	}
	err = bl_leg_create(p, name, &flags);
	if (err != 0) {
		bl_link_free(link);
		return bl_err_ptr(err);
	}
	err = bl_tracefs_event_id_at(bl_leg_root(flags), bl_leg_group(p->kprobe),
				     name, &id);
	if (err == 0) {
		pfd = bl_perf_open(PERF_TYPE_TRACEPOINT, id, 0U, 0U,
				   p->kprobe ? -1 : p->pid);
		err = (pfd < 0) ? pfd : 0;
	}
	if (err == 0) {
		fd = bl_perf_attach_fd(prog_fd, pfd, p->cookie, false, false);
		err = (fd < 0) ? fd : 0;
	}
	if (err != 0) {
		if (pfd >= 0) {
			(void)bl_sys_close(pfd);
		}
		(void)bl_leg_remove(flags, name);
		bl_link_free(link);
		return bl_err_ptr(err);
	}
	lname = bl_link_legacy_name(link);
	for (size_t i = 0U;
	     (i < BL_LEG_NAME) && (i < (size_t)BL_LEGACY_NAME_MAX); i++) {
		lname[i] = name[i];
		if (name[i] == '\0') {
			break;
		}
	}
	link->legacy_flags = flags;
	bl_perf_link_set(link, pfd, fd);
	return link;
}

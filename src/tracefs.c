/* Small-file reading, tracefs paths and probe PMU discovery for the
 * tracing attach family (see tracefs.h). */
#include <linux/errno.h>
#include <linux/fcntl.h>

#include "tracefs.h"

/* ---- bounded strings ---------------------------------------------------- */

bool bl_streq(const char *a, const char *b)
{
	size_t i = 0U;

	while ((a[i] != '\0') && (a[i] == b[i])) {
		i++;
	}
	return a[i] == b[i];
}

void bl_sb_init(struct bl_sbuf *b, char *s, size_t cap)
{
	b->s = s;
	b->cap = cap;
	b->n = 0U;
	if (cap != 0U) {
		b->err = 0;
		s[0] = '\0';
	} else {
		b->err = -ENAMETOOLONG;
	}
}

static void bl_sb_ch(struct bl_sbuf *b, char c)
{
	if (b->err != 0) {
		return;
	}
	if ((b->n + 1U) >= b->cap) {
		b->err = -ENAMETOOLONG;
		return;
	}
	b->s[b->n] = c;
	b->n++;
	b->s[b->n] = '\0';
}

void bl_sb_str(struct bl_sbuf *b, const char *str)
{
	for (size_t i = 0U; (str[i] != '\0') && (b->err == 0); i++) {
		bl_sb_ch(b, str[i]);
	}
}

/* BASE is 10 or 16. */
static void bl_sb_num(struct bl_sbuf *b, uint64_t v, unsigned int base)
{
	static const char digit[] = "0123456789abcdef";
	char d[20];
	size_t n = 0U;
	uint64_t rest = v;

	do {
		d[n] = digit[rest % base];
		n++;
		rest /= base;
	} while ((rest != 0U) && (n < sizeof(d)));
	while (n > 0U) {
		n--;
		bl_sb_ch(b, d[n]);
	}
}

void bl_sb_u64(struct bl_sbuf *b, uint64_t v)
{
	bl_sb_num(b, v, 10U);
}

void bl_sb_hex(struct bl_sbuf *b, uint64_t v)
{
	bl_sb_str(b, "0x");
	bl_sb_num(b, v, 16U);
}

int bl_sb_done(const struct bl_sbuf *b)
{
	return b->err;
}

/* ---- small files -------------------------------------------------------- */

int bl_read_small(const char *path, char *buf, size_t cap)
{
	long n;
	int fd;

	if (cap < 2U) {
		return -EINVAL;
	}
	fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY, 0U);
	if (fd < 0) {
		return fd;
	}
	n = bl_sys_read(fd, buf, cap - 1U);
	/* the fd is released whatever close says; what was read stands */
	(void)bl_sys_close(fd);
	if (n < 0) {
		return (int)n;
	}
	buf[n] = '\0';
	return (int)n;
}

int bl_read_num(const char *path, const char *prefix, uint64_t *out)
{
	char buf[64];
	uint64_t v = 0;
	size_t i = 0U;
	size_t digits = 0U;
	int n = bl_read_small(path, buf, sizeof(buf));

	if (n < 0) {
		return n;
	}
	if (prefix != NULL) {
		while (prefix[i] != '\0') {
			if (buf[i] != prefix[i]) {
				return -EINVAL;
			}
			i++;
		}
	}
	while ((buf[i] >= '0') && (buf[i] <= '9')) {
		uint64_t d = (uint64_t)buf[i] - (uint64_t)'0';

		if (v > ((UINT64_MAX - 9U) / 10U)) {
			return -EINVAL;
		}
		v = (v * 10U) + d;
		i++;
		digits++;
	}
	/* a number alone on its line: "12\n" or "config:0\n" (not "0-7") */
	if ((digits == 0U) || ((buf[i] != '\n') && (buf[i] != '\0'))) {
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* ---- tracefs ------------------------------------------------------------ */

static const char *bl_tracefs_dir(enum bl_tracefs_root root)
{
	switch (root) {
	case BL_TRACEFS_DEBUG:
		return "/sys/kernel/debug/tracing";
	case BL_TRACEFS_SYS:
	default:
		return "/sys/kernel/tracing";
	}
}

int bl_tracefs_path(char *buf, size_t cap, enum bl_tracefs_root root,
		    const char *a, const char *b, const char *c)
{
	struct bl_sbuf sb;
	const char *part[3] = { a, b, c };

	bl_sb_init(&sb, buf, cap);
	bl_sb_str(&sb, bl_tracefs_dir(root));
	for (size_t i = 0U; (i < 3U) && (part[i] != NULL); i++) {
		bl_sb_str(&sb, "/");
		bl_sb_str(&sb, part[i]);
	}
	return bl_sb_done(&sb);
}

int bl_tracefs_event_id_at(enum bl_tracefs_root root, const char *cat,
			   const char *name, uint32_t *id)
{
	char path[BL_TRACEFS_PATH_MAX];
	struct bl_sbuf sb;
	uint64_t v;
	int err;

	bl_sb_init(&sb, path, sizeof(path));
	bl_sb_str(&sb, bl_tracefs_dir(root));
	bl_sb_str(&sb, "/events/");
	bl_sb_str(&sb, cat);
	bl_sb_str(&sb, "/");
	bl_sb_str(&sb, name);
	bl_sb_str(&sb, "/id");
	err = bl_sb_done(&sb);
	if (err != 0) {
		return err;
	}
	err = bl_read_num(path, NULL, &v);
	if (err != 0) {
		return err;
	}
	if (v > UINT32_MAX) {
		return -EINVAL;
	}
	*id = (uint32_t)v;
	return 0;
}

int bl_tracefs_event_id(const char *cat, const char *name, uint32_t *id)
{
	int err = bl_tracefs_event_id_at(BL_TRACEFS_SYS, cat, name, id);

	if (err == -ENOENT) {
		err = bl_tracefs_event_id_at(BL_TRACEFS_DEBUG, cat, name, id);
	}
	return err;
}

/* ---- probe PMUs --------------------------------------------------------- */

/* value + 1 once read; 0 while unknown. [pmu][0] type, [pmu][1] bit. */
static int bl_pmu_cache[2][2];

static int bl_pmu_read(enum bl_pmu pmu, int what)
{
	const char *dir = (pmu == BL_PMU_KPROBE)
				  ? "/sys/bus/event_source/devices/kprobe/"
				  : "/sys/bus/event_source/devices/uprobe/";
	char path[96];
	struct bl_sbuf sb;
	uint64_t v;
	int cached = bl_atomic_load_int(&bl_pmu_cache[pmu][what]);
	int err;

	if (cached > 0) {
		return cached - 1;
	}
	bl_sb_init(&sb, path, sizeof(path));
	bl_sb_str(&sb, dir);
	bl_sb_str(&sb, (what != 0) ? "format/retprobe" : "type");
	err = bl_sb_done(&sb);
	if (err != 0) {
		return err;
	}
	err = bl_read_num(path, (what != 0) ? "config:" : NULL, &v);
	if (err != 0) {
		return err;
	}
	if (v > ((what != 0) ? 63U : 0x7ffffffeU)) {
		return -EINVAL;
	}
	bl_atomic_store_int(&bl_pmu_cache[pmu][what], (int)v + 1);
	return (int)v;
}

int bl_pmu_type(enum bl_pmu pmu)
{
	return bl_pmu_read(pmu, 0);
}

int bl_pmu_retprobe_bit(enum bl_pmu pmu)
{
	return bl_pmu_read(pmu, 1);
}

void bl_pmu_cache_reset(void)
{
	for (int p = 0; p < 2; p++) {
		for (int w = 0; w < 2; w++) {
			bl_atomic_store_int(&bl_pmu_cache[p][w], 0);
		}
	}
}

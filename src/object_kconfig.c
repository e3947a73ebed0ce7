/* .kconfig externs (`extern int LINUX_KERNEL_VERSION __kconfig;`,
 * `extern bool CONFIG_X __kconfig __weak;`), as libbpf gives them:
 * - at open, the externs of the ".kconfig" DATASEC of .BTF make one more
 *   internal map, "<obj>.kconfig" (1-entry array, read-only to programs,
 *   frozen), each extern at its natural alignment in DATASEC order; only
 *   LINUX_KERNEL_VERSION and CONFIG_* are known (others -EOPNOTSUPP);
 * - at load, before the maps, the values: LINUX_KERNEL_VERSION from
 *   uname's release (a.b.c as KERNEL_VERSION(a, b, min(c, 255))), CONFIG_*
 *   from /boot/config-<release>, read in chunks (plain text; the kernel's
 *   own /proc/config.gz would need inflate: refused with a diagnostic), as
 *   libbpf parses it: y / n / m, numbers (decimal, 0x hex, octal) and
 *   "strings"; an extern not in the file is 0 when __weak, else -ESRCH;
 * - ld_imm64 relocations to an extern become BPF_PSEUDO_MAP_VALUE into
 *   that map.
 * The values are built in a static buffer (BPFLINK_KCONFIG_SIZE bytes)
 * under the load lock.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/utsname.h>

#include "object.h"
#include "sys.h"

#define BL_STB_WEAK 2U
#define BL_KCFG_LINE 256U
#define BL_KCFG_N ((uint32_t)BPFLINK_KCONFIG_SIZE)

/* bl_kcfg_buf, bl_kcfg_set (which bytes an extern set): src/object_mem.c */

static struct bpf_map *bl_kcfg_map(struct bpf_object *obj)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj) {
		if (m->kind == BL_MAP_KCONFIG) {
			return m;
		}
	}
	return NULL;
}

int bl_obj_kconfig_collect(struct bpf_object *obj)
{
	struct bl_kcfg_ext e;
	struct bpf_map *m;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	size_t n = bl_cstrlen(obj->name);
	int r;

	for (;;) {
		r = bl_kcfg_next(obj, &pos, &end, &e);
		if (r <= 0) {
			break;
		}
		if (!bl_has_prefix(e.name, "CONFIG_") &&
		    !bl_streq(e.name, "LINUX_KERNEL_VERSION")) {
			return bl_diag(-EOPNOTSUPP, "extern ", e.name,
				       ": only LINUX_KERNEL_VERSION and CONFIG_* "
				       ".kconfig externs are supported");
		}
		if (bl_streq(e.name, "LINUX_KERNEL_VERSION") &&
		    ((e.type != BL_KCFG_INT) || (e.size != 4U))) {
			return bl_diag(-EINVAL, "extern LINUX_KERNEL_VERSION is "
				       "not a 32-bit integer", NULL, NULL);
		}
	}
	if ((r < 0) || (pos == 0U)) {
		return r;
	}
	m = bl_map_alloc(obj);
	if (m == NULL) {
		return -ENOSPC;
	}
	m->kind = BL_MAP_KCONFIG;
	m->shndx = UINT32_MAX; /* no section of its own */
	m->real_name = ".kconfig";
	m->type = BPF_MAP_TYPE_ARRAY;
	m->key_size = 4U;
	m->value_size = end;
	m->max_entries = 1U;
	m->map_flags = BPF_F_MMAPABLE | BPF_F_RDONLY_PROG;
	m->frozen_ro = true;
	/* libbpf's name: up to 7 characters of the object's, then .kconfig */
	bl_map_set_kname(m, obj->name, (n < 7U) ? n : 7U, ".kconfig");
	return 0;
}

/* The value of the digit ch (0-9, a-f, A-F), 16 when it is none. */
static uint32_t bl_digit(char ch)
{
	uint32_t c = (uint32_t)(uint8_t)ch;
	uint32_t d = 16U;

	if ((c >= 48U) && (c <= 57U)) {
		d = c - 48U;
	} else if ((c >= 97U) && (c <= 102U)) {
		d = c - 87U;
	} else if ((c >= 65U) && (c <= 70U)) {
		d = c - 55U;
	} else {
		/* not a digit */
	}
	return d;
}

/* KERNEL_VERSION(a, b, c) of a release "a.b.c...". */
static uint32_t bl_kcfg_version(const char *rel)
{
	uint32_t v[3] = { 0U, 0U, 0U };
	uint32_t k = 0U;

	for (size_t i = 0U; (rel[i] != '\0') && (k < 3U); i++) {
		char ch = rel[i];
		uint32_t d = bl_digit(ch);

		if (d < 10U) {
			if (v[k] < 100000U) {
				v[k] = (v[k] * 10U) + d;
			}
		} else if (ch == '.') {
			k++;
		} else {
			k = 3U;
		}
	}
	if (v[2] > 255U) {
		v[2] = 255U;
	}
	{
		uint32_t hi = (v[0] & 0xffffU) << 16U;
		uint32_t mid = (v[1] & 0xffU) << 8U;

		return hi + mid + v[2];
	}
}

static void bl_kcfg_put(uint32_t off, uint32_t size, uint64_t v)
{
	for (uint32_t i = 0U; i < size; i++) {
		uint64_t sh = 8U * (uint64_t)i;

		bl_kcfg_buf[off + i] = (uint8_t)((v >> sh) & 0xffU);
	}
}

/* A number as libbpf reads one (strtoull, base 0); false if not one. */
static bool bl_kcfg_num(const char *s, uint64_t *v, bool *neg)
{
	uint64_t base = 10U;
	uint64_t x = 0U;
	size_t i = 0U;
	size_t digits = 0U;

	*neg = s[0] == '-';
	if (*neg) {
		i = 1U;
	}
	if ((s[i] == '0') && ((s[i + 1U] == 'x') || (s[i + 1U] == 'X'))) {
		base = 16U;
		i += 2U;
	} else if (s[i] == '0') {
		base = 8U;
	} else {
		/* decimal */
	}
	for (; s[i] != '\0'; i++) {
		uint64_t d = bl_digit(s[i]);

		if ((d >= base) || (x > ((UINT64_MAX - d) / base))) {
			return false;
		}
		x = (x * base) + d;
		digits++;
	}
	*v = *neg ? (uint64_t)(~x + 1U) : x;
	return digits > 0U;
}

/* The value `val` of the config line for extern e. */
static int bl_kcfg_value(const struct bl_kcfg_ext *e, const char *val)
{
	uint64_t v = 0U;
	bool neg = false;
	bool tri = (val[0] != '\0') && (val[1] == '\0') &&
		   ((val[0] == 'y') || (val[0] == 'n') || (val[0] == 'm'));

	if (e->type == BL_KCFG_STR) {
		size_t i = 1U;
		uint32_t k = 0U;

		if (val[0] != '"') {
			return -EINVAL;
		}
		while ((val[i] != '\0') && (val[i] != '"') && ((k + 1U) < e->size)) {
			bl_kcfg_buf[e->off + k] = (uint8_t)val[i];
			k++;
			i++;
		}
		return 0; /* the rest stays 0: NUL-terminated */
	}
	if (tri) {
		if (e->type == BL_KCFG_CHAR) {
			v = (uint64_t)(uint8_t)val[0];
		} else if ((e->type == BL_KCFG_BOOL) && (val[0] != 'm')) {
			if (val[0] == 'y') {
				v = 1U;
			}
		} else if (e->type == BL_KCFG_TRISTATE) {
			if (val[0] == 'y') {
				v = 1U;
			} else if (val[0] == 'm') {
				v = 2U;
			} else {
				/* n: 0 */
			}
		} else {
			return -EINVAL;
		}
	} else if ((e->type != BL_KCFG_INT) || !bl_kcfg_num(val, &v, &neg) ||
		   (neg && !e->is_signed)) {
		return -EINVAL;
	} else {
		/* an integer, stored in e->size bytes (little-endian) */
	}
	bl_kcfg_put(e->off, e->size, v);
	return 0;
}

/* One line of the config file: "CONFIG_NAME=value" sets every extern of
 * that name; other lines (comments, "# CONFIG_X is not set") are skipped,
 * as libbpf does. */
static int bl_kcfg_line(struct bpf_object *obj, char *line)
{
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	uint32_t idx = 0U;
	size_t eq = 0U;

	if (!bl_has_prefix(line, "CONFIG_")) {
		return 0;
	}
	while ((line[eq] != '\0') && (line[eq] != '=')) {
		eq++;
	}
	if (line[eq] != '=') {
		return 0;
	}
	line[eq] = '\0';
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (bl_streq(e.name, line)) {
			int err = bl_kcfg_value(&e, &line[eq + 1U]);

			if (err != 0) {
				return bl_diag(err, "extern ", e.name,
					       ": its /boot/config value does not "
					       "fit its type");
			}
			bl_kcfg_set[idx / 8U] |= (uint8_t)(1U << (idx % 8U));
		}
		idx++;
	}
	return 0;
}

/* Read path line by line (lines longer than BL_KCFG_LINE are skipped). */
static int bl_kcfg_file(struct bpf_object *obj, const char *path)
{
	char chunk[512];
	char line[BL_KCFG_LINE];
	size_t n = 0U;
	long k = 1;
	bool skip = false;
	int err = 0;
	int fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0U);

	if (fd < 0) {
		return bl_diag(fd, "cannot open ", path,
			       " for CONFIG_* externs (/proc/config.gz would "
			       "need inflate: not supported)");
	}
	while ((err == 0) && (k > 0)) {
		k = bl_sys_read(fd, chunk, sizeof(chunk));
		if (k < 0) {
			err = bl_diag((int)k, "cannot read ", path, NULL);
		}
		for (long i = 0; (i < k) && (err == 0); i++) {
			char ch = chunk[i];

			if (ch != '\n') {
				if ((n + 1U) < sizeof(line)) {
					line[n] = ch;
					n++;
				} else {
					skip = true;
				}
				continue;
			}
			line[n] = '\0';
			if (!skip) {
				err = bl_kcfg_line(obj, line);
			}
			n = 0U;
			skip = false;
		}
	}
	if ((err == 0) && (n > 0U) && !skip) { /* a last line without '\n' */
		line[n] = '\0';
		err = bl_kcfg_line(obj, line);
	}
	(void)bl_sys_close(fd);
	return err;
}

/* Is the extern symbol `name` weak? */
static bool bl_kcfg_weak(const struct bpf_object *obj, const char *name)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	size_t at;
	size_t n;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return false;
	}
	for (uint64_t i = 1U; i < (st.size / BL_ELF_SYM_SIZE); i++) {
		if ((bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) == 0) &&
		    (sym.shndx == 0U) &&
		    (bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &at, &n) == 0) &&
		    bl_streq(bl_obj_str(obj, at), name)) {
			return (sym.info >> 4U) == BL_STB_WEAK;
		}
	}
	return false;
}

int bl_obj_kconfig_fill(struct bpf_object *obj)
{
	struct new_utsname u;
	struct bl_kcfg_ext e;
	struct bpf_map *m = bl_kcfg_map(obj);
	char path[16U + sizeof(u.release)];
	uint32_t pos = 0U;
	uint32_t end = 0U;
	uint32_t idx = 0U;
	bool configs = false;
	int err;

	if (m == NULL) {
		return 0;
	}
	if (m->value_size > BL_KCFG_N) {
		return bl_diag(-E2BIG, ".kconfig map larger than "
			       "BPFLINK_KCONFIG_SIZE", NULL, NULL);
	}
	__builtin_memset(bl_kcfg_buf, 0, sizeof(bl_kcfg_buf));
	__builtin_memset(bl_kcfg_set, 0, sizeof(bl_kcfg_set));
	err = bl_sys_uname(&u);
	if (err != 0) {
		return bl_diag(err, "uname failed (LINUX_KERNEL_VERSION)", NULL,
			       NULL);
	}
	u.release[sizeof(u.release) - 1U] = '\0';
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (bl_streq(e.name, "LINUX_KERNEL_VERSION")) {
			bl_kcfg_put(e.off, 4U, bl_kcfg_version(u.release));
			bl_kcfg_set[idx / 8U] |= (uint8_t)(1U << (idx % 8U));
		} else {
			configs = true;
		}
		idx++;
	}
	if (configs) {
		size_t n = bl_strlcpy(path, "/boot/config-", sizeof(path));

		(void)bl_strlcpy(&path[n], u.release, sizeof(path) - n);
		err = bl_kcfg_file(obj, path);
		if (err != 0) {
			return err;
		}
	}
	pos = 0U;
	end = 0U;
	idx = 0U;
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (((bl_kcfg_set[idx / 8U] & (1U << (idx % 8U))) == 0U) &&
		    !bl_kcfg_weak(obj, e.name)) {
			return bl_diag(-ESRCH, "extern ", e.name,
				       ": not in /boot/config (and not __weak)");
		}
		idx++;
	}
	m->init = bl_kcfg_buf;
	return 0;
}

int bl_kcfg_reloc(struct bpf_object *obj, const char *name,
		  struct bpf_insn *insn)
{
	struct bpf_map *m = bl_kcfg_map(obj);
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;

	if ((m == NULL) || (m->fd < 0)) {
		return -EOPNOTSUPP;
	}
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (bl_streq(e.name, name)) {
			insn[0].src_reg = BPF_PSEUDO_MAP_VALUE;
			insn[0].imm = m->fd;
			insn[1].imm = (int32_t)e.off;
			return 0;
		}
	}
	return -EOPNOTSUPP;
}

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
/* The size of struct new_utsname's release (its last byte made NUL). */
#define BL_UTS_N ((size_t)__NEW_UTS_LEN + 1U)

/* bl_kcfg_buf, bl_kcfg_set (which bytes an extern set): src/object_mem.c */

/* The .kconfig map of obj (walked along obj's chain, at most the pool
 * size), or NULL. */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns \nothing;
    ensures \result == \null ||
            (\valid(\result) && \base_addr(\result) == \base_addr(&bl_maps[0]));
 */
static struct bpf_map *bl_kcfg_map(const struct bpf_object *obj)
{
	uint16_t i = obj->first_map;

	/*@ loop invariant 0 <= s <= BL_N_MAPS;
	    loop invariant bl_idx_ok(i, BPFLINK_MAX_MAPS);
	    loop assigns s, i;
	    loop variant BL_N_MAPS - s; */
	for (uint32_t s = 0U; (s < BL_N_MAPS) && (i != BL_NONE_IDX); s++) {
		struct bpf_map *m = &bl_maps[i];

		if (m->kind == BL_MAP_KCONFIG) {
			return m;
		}
		i = m->next;
	}
	return NULL;
}

/* The fields of the .kconfig map (value_size bytes), m just allocated. */
/*@ requires bl_lists_ok && 0 <= mi < BPFLINK_MAX_MAPS;
    assigns bl_maps[mi].kind, bl_maps[mi].shndx, bl_maps[mi].real_name,
            bl_maps[mi].type, bl_maps[mi].key_size, bl_maps[mi].value_size,
            bl_maps[mi].max_entries, bl_maps[mi].map_flags,
            bl_maps[mi].frozen_ro;
    ensures bl_lists_ok;
 */
static void bl_kcfg_map_fill(uint32_t mi, uint32_t value_size)
{
	bl_maps[mi].kind = BL_MAP_KCONFIG;
	bl_maps[mi].shndx = UINT32_MAX; /* no section of its own */
	bl_maps[mi].real_name = ".kconfig";
	bl_maps[mi].type = BPF_MAP_TYPE_ARRAY;
	bl_maps[mi].key_size = 4U;
	bl_maps[mi].value_size = value_size;
	bl_maps[mi].max_entries = 1U;
	bl_maps[mi].map_flags = BPF_F_MMAPABLE | BPF_F_RDONLY_PROG;
	bl_maps[mi].frozen_ro = true;
}

/* "CONFIG_" (as bl_has_prefix(s, "CONFIG_"), without the literal). */
/*@ requires bl_cstr((char *)s);
    assigns \nothing;
 */
static bool bl_kcfg_is_config(const char *s)
{
	/* "CONFIG_" */
	static const uint8_t pfx[7] = { 0x43U, 0x4fU, 0x4eU, 0x46U, 0x49U,
					0x47U, 0x5fU };
	bool ok = true;

	/*@ loop invariant 0 <= k <= 7 && (ok ==> bl_nz((char *)s, k));
	    loop assigns k, ok;
	    loop variant 7 - k; */
	for (uint32_t k = 0U; ok && (k < 7U); k++) {
		ok = (uint8_t)s[k] == pfx[k];
	}
	return ok;
}

/* The kernel name of map slot mi: up to 7 characters of the object's
 * name, then .kconfig (libbpf's). */
/*@ requires bl_lists_ok && bl_is_obj(obj) && 0 <= mi < BPFLINK_MAX_MAPS;
    assigns bl_maps[mi].name[0 .. 15];
    ensures bl_lists_ok;
 */
static void bl_kcfg_kname(const struct bpf_object *obj, uint32_t mi)
{
	/* the suffix: an array, not a literal (WP knows its NUL) */
	static const char bl_kcfg_sfx[9] = ".kconfig";
	const char *nm = obj->name;
	size_t n = 0U;

	/*@ loop invariant n <= 7;
	    loop assigns n;
	    loop variant 7 - n; */
	while ((n < 7U) && (nm[n] != '\0')) {
		n++;
	}
	/*@ assert bl_kcfg_sfx[8] == 0; */
	/*@ assert \forall integer i; bl_nz((char *)&bl_kcfg_sfx[0], i) ==> i <= 8; */
	bl_map_set_kname(&bl_maps[mi], obj->name, n, bl_kcfg_sfx);
}

/* The .kconfig map (value_size bytes), chained at the end of obj's maps:
 * 0, or -ENOSPC (pool full). */
/*@ requires bl_lists_ok && bl_is_obj(obj);
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1], bl_map_st,
            bl_map_free[0 .. BPFLINK_MAX_MAPS - 1], bl_lock_word,
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], obj->nr_maps, obj->first_map;
    ensures bl_lists_ok;
    ensures \result == 0 || \result == -ENOSPC;
 */
static int bl_kcfg_new(struct bpf_object *obj, uint32_t value_size)
{
	struct bpf_map *m;

	/*@ assert \base_addr(obj) == \base_addr(&bl_objects[0]); */
	m = bl_map_alloc(obj);
	if (m == NULL) {
		return -ENOSPC;
	}
	bl_kcfg_map_fill(m->index, value_size);
	bl_kcfg_kname(obj, m->index);
	return 0;
}

/* The externs checked (only LINUX_KERNEL_VERSION, a 32-bit integer, and
 * CONFIG_*): the bytes they take (0: none), or -errno (diagnostic). */
/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
    ensures \result <= BPFLINK_KCONFIG_SIZE;
 */
static int bl_kcfg_check(struct bpf_object *obj)
{
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	int r;

	/*@ loop invariant end <= BPFLINK_KCONFIG_SIZE;
	    loop assigns r, pos, end, e, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_KCONFIG_SIZE - end; */
	for (;;) {
		r = bl_kcfg_next(obj, &pos, &end, &e);
		if (r <= 0) {
			break;
		}
		if (!bl_kcfg_is_config(e.name) &&
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
	/* no extern: pos and end 0; each extern takes at least one byte */
	return (r < 0) ? r : (int)end;
}

int bl_obj_kconfig_collect(struct bpf_object *obj)
{
	int r = bl_kcfg_check(obj);

	if (r <= 0) {
		return r;
	}
	return bl_kcfg_new(obj, (uint32_t)r);
}

/* The value of the digit ch (0-9, a-f, A-F), 16 when it is none. */
/*@ assigns \nothing;
    ensures \result <= 16;
 */
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

/* KERNEL_VERSION(a, b, c) of a release "a.b.c..." (rel[0 .. cap-1]). */
/*@ requires \valid_read(rel + (0 .. cap - 1));
    assigns \nothing;
 */
static uint32_t bl_kcfg_version(const char *rel, size_t cap)
{
	uint32_t v[3] = { 0U, 0U, 0U };
	uint32_t k = 0U;

	/*@ loop invariant 0 <= i <= cap && 0 <= k <= 3;
	    loop invariant v[0] < 1000000 && v[1] < 1000000 && v[2] < 1000000;
	    loop assigns i, k, v[0 .. 2];
	    loop variant cap - i; */
	for (size_t i = 0U; (i < cap) && (rel[i] != '\0') && (k < 3U); i++) {
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

/* v in bl_kcfg_buf[off .. off + size - 1], little-endian. */
/*@ requires size <= 8 && off + size <= BPFLINK_KCONFIG_SIZE;
    assigns bl_kcfg_buf[off .. off + size - 1];
 */
static void bl_kcfg_put(uint32_t off, uint32_t size, uint64_t v)
{
	/*@ loop invariant 0 <= i <= size;
	    loop assigns i, bl_kcfg_buf[off .. off + size - 1];
	    loop variant size - i; */
	for (uint32_t i = 0U; i < size; i++) {
		uint64_t sh = 8U * (uint64_t)i;

		bl_kcfg_buf[off + i] = (uint8_t)((v >> sh) & 0xffU);
	}
}

/* A number as libbpf reads one (strtoull, base 0) from s[0 .. len-1]
 * (s[len] its NUL); false if not one. */
/*@ requires \valid_read(s + (0 .. len)) && s[len] == 0;
    requires \valid(v) && \valid(neg) && \separated(v, neg);
    requires \separated(v, s + (0 .. len)) && \separated(neg, s + (0 .. len));
    assigns *v, *neg;
 */
static bool bl_kcfg_num(const char *s, size_t len, uint64_t *v, bool *neg)
{
	uint64_t base = 10U;
	uint64_t x = 0U;
	size_t i = 0U;
	size_t digits = 0U;
	bool minus = s[0] == '-';

	(void)len; /* where the NUL is: used by the contract */
	if (minus) {
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
	/*@ loop invariant i <= len && digits <= i;
	    loop invariant base == 8 || base == 10 || base == 16;
	    loop assigns i, x, digits;
	    loop variant len - i; */
	for (; s[i] != '\0'; i++) {
		uint64_t d = bl_digit(s[i]);

		if ((d >= base) || (x > ((UINT64_MAX - d) / base))) {
			*neg = minus;
			return false;
		}
		x = (x * base) + d;
		digits++;
	}
	*neg = minus;
	*v = minus ? (uint64_t)(~x + 1U) : x;
	return digits > 0U;
}

/* The value val[0 .. len-1] (val[len] its NUL) of the config line for
 * extern e. */
/*@ requires \valid_read(e) && bl_kcfg_ok(e) &&
             e->off + e->size <= BPFLINK_KCONFIG_SIZE;
    requires \valid_read(val + (0 .. len)) && val[len] == 0;
    requires \base_addr(val) != \base_addr(&bl_kcfg_buf[0]);
    requires \base_addr(e) != \base_addr(&bl_kcfg_buf[0]);
    assigns bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1];
    ensures \result == 0 || \result == -EINVAL;
 */
static int bl_kcfg_value(const struct bl_kcfg_ext *e, const char *val,
			 size_t len)
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
		/*@ loop invariant 1 <= i <= len && i == k + 1;
		    loop invariant k + 1 <= e->size;
		    loop assigns i, k, bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1];
		    loop variant len - i; */
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
	} else if ((e->type != BL_KCFG_INT) ||
		   !bl_kcfg_num(val, len, &v, &neg) || (neg && !e->is_signed)) {
		return -EINVAL;
	} else {
		/* an integer, stored in e->size bytes (little-endian) */
	}
	bl_kcfg_put(e->off, e->size, v);
	return 0;
}

/* One line of the config file, line[0 .. n-1] (line[n] its NUL):
 * "CONFIG_NAME=value" sets every extern of that name; other lines
 * (comments, "# CONFIG_X is not set") are skipped, as libbpf does. */
/*@ requires bl_obj_bytes(obj);
    requires n < BL_KCFG_LINE && \valid(line + (0 .. n)) && line[n] == 0;
    requires \base_addr(line) != \base_addr(obj->buf) &&
             \base_addr(line) != \base_addr(&bl_objects[0]) &&
             \base_addr(line) != \base_addr(&bl_diag_buf[0]) &&
             \base_addr(line) != \base_addr(&bl_kcfg_buf[0]) &&
             \base_addr(line) != \base_addr(&bl_kcfg_set[0]);
    assigns line[0 .. n], bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_kcfg_line(struct bpf_object *obj, char *line, size_t n)
{
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	uint32_t idx = 0U;
	size_t eq = 0U;

	/*@ assert bl_cstr(line); */
	if (!bl_kcfg_is_config(line)) {
		return 0;
	}
	/*@ loop invariant eq <= n;
	    loop assigns eq;
	    loop variant n - eq; */
	while ((line[eq] != '\0') && (line[eq] != '=')) {
		eq++;
	}
	if (line[eq] != '=') {
		return 0;
	}
	line[eq] = '\0';
	/*@ loop invariant end <= BPFLINK_KCONFIG_SIZE && idx <= end;
	    loop invariant eq < n && line[n] == 0;
	    loop assigns pos, end, idx, e,
	                 bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
	                 bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
	                 bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_KCONFIG_SIZE - end; */
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (bl_streq(e.name, line)) {
			int err = bl_kcfg_value(&e, &line[eq + 1U], n - (eq + 1U));

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

/* Read path line by line (lines longer than BL_KCFG_LINE are skipped).
 * The file's bytes are any bytes: a line is cut at BL_KCFG_LINE - 1
 * characters (the rest of it skipped); no variant (a file may not end). */
/*@ requires bl_obj_bytes(obj);
    requires bl_cstr((char *)path) &&
             \base_addr(path) != \base_addr(&bl_diag_buf[0]);
    assigns bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
 */
static int bl_kcfg_file(struct bpf_object *obj, const char *path)
{
	char chunk[512];
	char line[BL_KCFG_LINE];
	size_t n = 0U;
	long k = 1;
	bool skip = false;
	int err = 0;
	int fd;

	/*@ assert bl_nz((char *)path, 0); */
	/*@ assert \valid_read(path + 0); */
	fd = bl_sys_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0U);
	if (fd < 0) {
		return bl_diag(fd, "cannot open ", path,
			       " for CONFIG_* externs (/proc/config.gz would "
			       "need inflate: not supported)");
	}
	/*@ loop invariant n < BL_KCFG_LINE;
	    loop assigns k, n, skip, err, chunk[0 .. 511],
	                 line[0 .. BL_KCFG_LINE - 1],
	                 bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
	                 bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
	                 bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
	 */
	while ((err == 0) && (k > 0)) {
		k = bl_sys_read(fd, chunk, sizeof(chunk));
		if (k < 0) {
			err = bl_diag((int)k, "cannot read ", path, NULL);
		}
		/*@ loop invariant 0 <= i && n < BL_KCFG_LINE;
		    loop invariant k >= 0 ==> i <= k;
		    loop assigns i, n, skip, err, line[0 .. BL_KCFG_LINE - 1],
		                 bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
		                 bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
		                 bl_diag_buf[0 .. BL_DIAG_MAX - 1];
		    loop variant k - i; */
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
				err = bl_kcfg_line(obj, line, n);
			}
			n = 0U;
			skip = false;
		}
	}
	if ((err == 0) && (n > 0U) && !skip) { /* a last line without '\n' */
		line[n] = '\0';
		err = bl_kcfg_line(obj, line, n);
	}
	(void)bl_sys_close(fd);
	return err;
}

/* Is the extern symbol `name` weak? */
/*@ requires bl_obj_bytes(obj) && bl_cstr((char *)name);
    assigns \nothing;
 */
static bool bl_kcfg_weak(const struct bpf_object *obj, const char *name)
{
	struct bl_elf_shdr st;
	struct bl_elf_sym sym;
	size_t at;
	size_t n;

	if (bl_elf_shdr(&obj->elf, obj->symtab, &st) != 0) {
		return false;
	}
	/*@ loop invariant 1 <= i;
	    loop assigns i, sym, at, n;
	    loop variant st.size / BL_ELF_SYM_SIZE - i; */
	for (uint64_t i = 1U; i < (st.size / BL_ELF_SYM_SIZE); i++) {
		if ((bl_elf_sym(&obj->elf, obj->symtab, (uint32_t)i, &sym) == 0) &&
		    (sym.shndx == 0U) &&
		    (bl_elf_sym_name(&obj->elf, obj->symtab, &sym, &at, &n) == 0)) {
			/*@ assert bl_name_ok(obj, at, n); */
			if (bl_streq(bl_obj_str(obj, at), name)) {
				return (sym.info >> 4U) == BL_STB_WEAK;
			}
		}
	}
	return false;
}

/* Every byte of the value and every "set" bit cleared. */
/*@ assigns bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1];
 */
static void bl_kcfg_clear(void)
{
	/*@ loop invariant 0 <= i <= BL_KCFG_N;
	    loop assigns i, bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1];
	    loop variant BL_KCFG_N - i; */
	for (uint32_t i = 0U; i < BL_KCFG_N; i++) {
		bl_kcfg_buf[i] = 0U;
	}
	/*@ loop invariant 0 <= i <= (BL_KCFG_N + 7) / 8;
	    loop assigns i, bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1];
	    loop variant (BL_KCFG_N + 7) / 8 - i; */
	for (uint32_t i = 0U; i < ((BL_KCFG_N + 7U) / 8U); i++) {
		bl_kcfg_set[i] = 0U;
	}
}

/* LINUX_KERNEL_VERSION from the release rel[0 .. cap-1] into every extern
 * of that name; true when a CONFIG_* extern is used. */
/*@ requires bl_obj_bytes(obj);
    requires \valid_read(rel + (0 .. cap - 1));
    requires \base_addr(rel) != \base_addr(&bl_kcfg_buf[0]) &&
             \base_addr(rel) != \base_addr(&bl_kcfg_set[0]) &&
             \base_addr(rel) != \base_addr(&bl_diag_buf[0]) &&
             \base_addr(rel) != \base_addr(&bl_objects[0]);
    assigns bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static bool bl_kcfg_kver(struct bpf_object *obj, const char *rel, size_t cap)
{
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	uint32_t idx = 0U;
	bool configs = false;

	/*@ loop invariant end <= BPFLINK_KCONFIG_SIZE && idx <= end;
	    loop assigns pos, end, idx, e, configs,
	                 bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
	                 bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
	                 bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_KCONFIG_SIZE - end; */
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (bl_streq(e.name, "LINUX_KERNEL_VERSION")) {
			if (e.size == 4U) { /* always: checked at open */
				bl_kcfg_put(e.off, 4U,
					    bl_kcfg_version(rel, cap));
				bl_kcfg_set[idx / 8U] |=
					(uint8_t)(1U << (idx % 8U));
			}
		} else {
			configs = true;
		}
		idx++;
	}
	return configs;
}

/* The CONFIG_* externs from /boot/config-<rel> (rel a release array,
 * NUL-terminated at rel[BL_UTS_N - 1]). */
/*@ requires bl_obj_bytes(obj);
    requires \valid_read(rel + (0 .. BL_UTS_N - 1)) && rel[BL_UTS_N - 1] == 0;
    requires \base_addr(rel) != \base_addr(&bl_diag_buf[0]);
    assigns bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
 */
static int bl_kcfg_config(struct bpf_object *obj, const char *rel)
{
	static const char pfx[] = "/boot/config-";
	char path[16U + BL_UTS_N];
	size_t n;

	/*@ assert bl_cstr((char *)rel); */
	n = bl_strlcpy(path, pfx, sizeof(path));
	(void)bl_strlcpy(&path[n], rel, sizeof(path) - n);
	/*@ assert bl_cstr((char *)path); */
	return bl_kcfg_file(obj, path);
}

/* Every extern set by uname or the config file, or __weak: 0, or -ESRCH
 * (diagnostic) for the first one that is not. */
/*@ requires bl_obj_bytes(obj);
    assigns bl_diag_buf[0 .. BL_DIAG_MAX - 1];
 */
static int bl_kcfg_missing(struct bpf_object *obj)
{
	struct bl_kcfg_ext e;
	uint32_t pos = 0U;
	uint32_t end = 0U;
	uint32_t idx = 0U;

	/*@ loop invariant end <= BPFLINK_KCONFIG_SIZE && idx <= end;
	    loop assigns pos, end, idx, e, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_KCONFIG_SIZE - end; */
	while (bl_kcfg_next(obj, &pos, &end, &e) == 1) {
		if (((bl_kcfg_set[idx / 8U] & (1U << (idx % 8U))) == 0U) &&
		    !bl_kcfg_weak(obj, e.name)) {
			return bl_diag(-ESRCH, "extern ", e.name,
				       ": not in /boot/config (and not __weak)");
		}
		idx++;
	}
	return 0;
}

/* The .kconfig map's initial value: the static buffer. Not proved (a
 * uint8_t array stored as `const void *`: a cast WP's typed model
 * refuses); its contract is assumed. */
/*@ requires \valid(m);
    assigns m->init;
 */
static void bl_kcfg_publish(struct bpf_map *m)
{
	m->init = bl_kcfg_buf;
}

/* The steps, in order: the buffers cleared, uname, LINUX_KERNEL_VERSION,
 * the config file when a CONFIG_* is used, every extern found, the map's
 * initial value. */
/*@ requires bl_obj_bytes(obj) && bl_lists_ok;
    assigns bl_maps[0 .. BPFLINK_MAX_MAPS - 1],
            bl_kcfg_buf[0 .. BPFLINK_KCONFIG_SIZE - 1],
            bl_kcfg_set[0 .. ((BPFLINK_KCONFIG_SIZE + 7) / 8) - 1],
            bl_diag_buf[0 .. BL_DIAG_MAX - 1], bl_ghost_syscalls;
 */
int bl_obj_kconfig_fill(struct bpf_object *obj)
{
	struct new_utsname u;
	struct bpf_map *m = bl_kcfg_map(obj);
	int err;

	if (m == NULL) {
		return 0;
	}
	if (m->value_size > BL_KCFG_N) {
		return bl_diag(-E2BIG, ".kconfig map larger than "
			       "BPFLINK_KCONFIG_SIZE", NULL, NULL);
	}
	bl_kcfg_clear();
	err = bl_sys_uname(&u);
	if (err != 0) {
		return bl_diag(err, "uname failed (LINUX_KERNEL_VERSION)", NULL,
			       NULL);
	}
	u.release[BL_UTS_N - 1U] = '\0';
	if (bl_kcfg_kver(obj, u.release, BL_UTS_N)) {
		err = bl_kcfg_config(obj, u.release);
		if (err != 0) {
			return err;
		}
	}
	err = bl_kcfg_missing(obj);
	if (err != 0) {
		return err;
	}
	bl_kcfg_publish(m);
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
	/*@ loop invariant end <= BPFLINK_KCONFIG_SIZE;
	    loop assigns pos, end, e, bl_diag_buf[0 .. BL_DIAG_MAX - 1];
	    loop variant BPFLINK_KCONFIG_SIZE - end; */
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

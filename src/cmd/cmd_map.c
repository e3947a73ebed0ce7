/* bpflink map dump PATH: every entry of a pinned map.
 *
 * Text: with keys and values of 1, 2, 4 or 8 bytes, one "key: value" line
 * of little-endian unsigned numbers; a value that is a NUL-terminated
 * printable string (a comm) is shown as one; anything else as hex bytes as
 * bpftool prints them. JSON: bpftool's form, [{"key":["0x..",...],
 * "value":["0x..",...]},...], whatever the sizes. Per-CPU maps are
 * refused (-EOPNOTSUPP). Keys are at most 256 bytes, values 4096.
 */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf/bpf.h"
#include "bpflink_rt.h"
#include "cmd.h"
#include "sys.h"

#define KEY_CAP 256U
#define VAL_CAP 4096U

static bool is_num_size(uint32_t n)
{
	return (n == 1U) || (n == 2U) || (n == 4U) || (n == 8U);
}

static uint64_t le_num(const unsigned char *b, uint32_t n)
{
	uint64_t v = 0U;
	uint32_t i = n;

	while (i > 0U) {
		i--;
		v = (v << 8U) | (uint64_t)b[i];
	}
	return v;
}

/* A NUL-terminated string of printable bytes, NUL-padded to n. */
static bool is_text(const unsigned char *b, uint32_t n)
{
	uint32_t i = 0U;
	bool ok;

	while ((i < n) && (b[i] >= 0x20U) && (b[i] < 0x7fU)) {
		i++;
	}
	ok = (i > 0U) && (i < n);
	while (ok && (i < n)) {
		ok = (b[i] == 0U);
		i++;
	}
	return ok;
}

static void hex_bytes(const unsigned char *b, uint32_t n, bool json)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t i;

	for (i = 0U; i < n; i++) {
		if (json) {
			out_s((i > 0U) ? ",\"0x" : "\"0x");
		} else if (i > 0U) {
			out_c(' ');
		} else {
			/* no separator before the first byte */
		}
		out_c(hex[(b[i] >> 4U) & 0xfU]);
		out_c(hex[b[i] & 0xfU]);
		if (json) {
			out_c('"');
		}
	}
}

static void print_entry(const unsigned char *k, uint32_t ks,
			const unsigned char *v, uint32_t vs, bool json,
			bool first)
{
	if (json) {
		out_s(first ? "{\"key\":[" : ",{\"key\":[");
		hex_bytes(k, ks, true);
		out_s("],\"value\":[");
		hex_bytes(v, vs, true);
		out_s("]}");
	} else {
		if (is_num_size(ks)) {
			out_u(le_num(k, ks));
		} else {
			hex_bytes(k, ks, false);
		}
		out_s(": ");
		if (is_num_size(vs)) {
			out_u(le_num(v, vs));
		} else if (is_text(v, vs)) {
			out_s((const char *)v);
		} else {
			hex_bytes(v, vs, false);
		}
		out_c('\n');
	}
}

static int dump(int fd, uint32_t ks, uint32_t vs, bool json, uint32_t *n)
{
	static unsigned char key[KEY_CAP];
	static unsigned char next[KEY_CAP];
	static unsigned char val[VAL_CAP];
	int r = bpf_map_get_next_key(fd, NULL, next);

	while (r == 0) {
		(void)memcpy(key, next, ks);
		r = bpf_map_lookup_elem(fd, key, val);
		if (r == 0) {
			print_entry(key, ks, val, vs, json, *n == 0U);
			*n = *n + 1U;
		} else if (r == -ENOENT) {
			r = 0; /* deleted meanwhile */
		} else {
			/* r is the error */
		}
		if (r == 0) {
			r = bpf_map_get_next_key(fd, key, next);
		}
	}
	return (r == -ENOENT) ? 0 : r;
}

/* BPF_OBJ_GET_INFO_BY_FD answers for any BPF fd: the pin is a map when
 * the map with the id it reported has exactly the same info. */
static bool same_map(const struct bpf_map_info *mi)
{
	struct bpf_map_info again;
	uint32_t len = (uint32_t)sizeof(again);
	int fd = bpf_map_get_fd_by_id(mi->id);
	bool same = false;

	if (fd >= 0) {
		(void)memset(&again, 0, sizeof(again));
		if (bpf_map_get_info_by_fd(fd, &again, &len) == 0) {
			same = (again.type == mi->type) &&
			       (again.key_size == mi->key_size) &&
			       (again.value_size == mi->value_size) &&
			       (again.max_entries == mi->max_entries) &&
			       (again.map_flags == mi->map_flags) &&
			       cmd_streq(again.name, mi->name);
		}
		(void)bl_sys_close(fd);
	}
	return same;
}

int cmd_map(const struct cmd_args *a)
{
	const char *verb = (a->argc > 0) ? a->argv[0] : "";
	struct bpf_map_info mi;
	uint32_t len = (uint32_t)sizeof(mi);
	uint32_t n = 0U;
	int fd;
	int r;

	if ((a->argc < 2) || cmd_is_help(verb) || cmd_is_help(a->argv[1])) {
		out_s("Usage: bpflink [-j] map dump PATH\n"
		      "Print every entry of the map pinned at PATH: numbers "
		      "for keys and values of\n"
		      "1, 2, 4 or 8 bytes, strings, else hex bytes (-j: "
		      "bpftool's hex form).\n");
		return (a->argc < 2) && !cmd_is_help(verb) ? CMD_USAGE : CMD_OK;
	}
	if (!cmd_streq(verb, "dump")) {
		return cmd_usage_err("map", "unknown command", verb);
	}
	if (a->argc > 2) {
		return cmd_usage_err("map", "extra argument", a->argv[2]);
	}
	fd = bpf_obj_get(a->argv[1]);
	if (fd < 0) {
		return cmd_fail("map dump", "no pinned map at", a->argv[1], fd);
	}
	(void)memset(&mi, 0, sizeof(mi));
	r = bpf_map_get_info_by_fd(fd, &mi, &len);
	if (r != 0) {
		(void)bl_sys_close(fd);
		return cmd_fail("map dump", "not a map:", a->argv[1], r);
	}
	if (!same_map(&mi)) {
		(void)bl_sys_close(fd);
		return cmd_fail("map dump", "not a map:", a->argv[1], -EINVAL);
	}
	if ((mi.type == (uint32_t)BPF_MAP_TYPE_PERCPU_HASH) ||
	    (mi.type == (uint32_t)BPF_MAP_TYPE_PERCPU_ARRAY) ||
	    (mi.type == (uint32_t)BPF_MAP_TYPE_LRU_PERCPU_HASH) ||
	    (mi.key_size > KEY_CAP) || (mi.value_size > VAL_CAP)) {
		(void)bl_sys_close(fd);
		return cmd_fail("map dump", "per-CPU or too large map",
				a->argv[1], -EOPNOTSUPP);
	}
	if (a->json) {
		out_c('[');
	}
	r = dump(fd, mi.key_size, mi.value_size, a->json, &n);
	(void)bl_sys_close(fd);
	if (a->json) {
		out_s("]\n");
	}
	if (r != 0) {
		return cmd_fail("map dump", "cannot read map", a->argv[1], r);
	}
	if (!a->json) {
		out_s("bpflink: ");
		out_u(n);
		out_s(" entries in map ");
		out_s(mi.name);
		out_c('\n');
	}
	return CMD_OK;
}

/* bpflink_attach_uprobe_multi: one BPF_LINK_CREATE(BPF_TRACE_UPROBE_MULTI)
 * (Linux 6.6) for up to BPFLINK_UPROBE_MULTI_MAX uprobes of one binary.
 * Offsets given by the caller pass straight to the kernel; symbol names
 * are resolved to file offsets with the ELF reader (the binary mapped once)
 * into an array on the stack (8 bytes per probe); a pattern with '*' or '?'
 * takes every defined function whose name matches, from .symtab and
 * .dynsym, each offset once. */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf_opts.h"
#include "compat.h"
#include "elf.h"
#include "tracefs.h"

#if BPFLINK_UPROBE_MULTI_MAX < 1 || BPFLINK_UPROBE_MULTI_MAX > 4096
#error "BPFLINK_UPROBE_MULTI_MAX must be 1..4096"
#endif

/* The limit as an unsigned value (the build may give it without U). */
#define BL_UM_MAX ((size_t)BPFLINK_UPROBE_MULTI_MAX)

#define BL_SHT_SYMTAB 2U
#define BL_SHT_DYNSYM 11U
#define BL_STT_FUNC 2U

/* libbpf's glob: '*' matches any run, '?' one character. */
static bool bl_glob(const uint8_t *s, size_t n, const char *p)
{
	size_t si = 0U;
	size_t pi = 0U;
	size_t star_p = 0U;
	size_t star_s = 0U;
	bool star = false;

	while (si < n) {
		if (p[pi] == '*') {
			star = true;
			pi++;
			star_p = pi;
			star_s = si;
		} else if ((p[pi] != '\0') &&
			   ((p[pi] == '?') || ((uint8_t)p[pi] == s[si]))) {
			pi++;
			si++;
		} else if (star) {
			pi = star_p;
			star_s++;
			si = star_s;
		} else {
			return false;
		}
	}
	while (p[pi] == '*') {
		pi++;
	}
	return p[pi] == '\0';
}

static bool bl_has_glob(const char *s)
{
	for (size_t i = 0U; s[i] != '\0'; i++) {
		if ((s[i] == '*') || (s[i] == '?')) {
			return true;
		}
	}
	return false;
}

/* Append OFF unless already there (a function in both .symtab and
 * .dynsym is one probe). */
static int bl_um_add(unsigned long *offs, size_t *cnt, uint64_t off)
{
	for (size_t i = 0U; i < *cnt; i++) {
		if (offs[i] == (unsigned long)off) {
			return 0;
		}
	}
	if (*cnt >= BL_UM_MAX) {
		return -E2BIG;
	}
	offs[*cnt] = (unsigned long)off;
	(*cnt)++;
	return 0;
}

/* Every defined function whose name matches PAT. */
static int bl_um_glob(const struct bl_elf *e, const char *pat,
		      unsigned long *offs, size_t *cnt)
{
	struct bl_elf_shdr sh;
	struct bl_elf_sym sym;
	uint64_t off;
	size_t at;
	size_t n;
	int err;

	for (uint32_t sec = 0U; sec < e->shnum; sec++) {
		if ((bl_elf_shdr(e, sec, &sh) != 0) ||
		    ((sh.type != BL_SHT_SYMTAB) &&
		     (sh.type != BL_SHT_DYNSYM))) {
			continue;
		}
		for (uint64_t i = 0U; i < (sh.size / BL_ELF_SYM_SIZE); i++) {
			if (bl_elf_sym(e, sec, (uint32_t)i, &sym) != 0) {
				break;
			}
			if (((sym.info & 0xfU) != BL_STT_FUNC) ||
			    (sym.shndx == 0U) ||
			    (bl_elf_sym_name(e, sec, &sym, &at, &n) != 0) ||
			    (n == 0U) || !bl_glob(&e->buf[at], n, pat)) {
				continue;
			}
			err = bl_elf_func_offset(e, &e->buf[at], n, &off);
			if (err == 0) {
				err = bl_um_add(offs, cnt, off);
			}
			if (err != 0) {
				return err;
			}
		}
	}
	return (*cnt != 0U) ? 0 : -ENOENT;
}

/* The file offset of function NAME into *OFFS. */
static int bl_um_name(const struct bl_elf *e, const char *name,
		      unsigned long *offs)
{
	uint64_t off;
	int err = bl_elf_func_offset(e, (const uint8_t *)name, bl_cstrlen(name),
				     &off);

	if (err == 0) {
		*offs = (unsigned long)off;
	}
	return err;
}

/* Resolve names (syms, or the pattern) in the ELF file PATH, mapped once,
 * into offs: the count, or -errno. */
static int bl_um_resolve(const char *path, const char *pattern,
			 const char *const *syms, size_t cnt,
			 unsigned long *offs)
{
	struct bl_elf e;
	size_t len;
	size_t got = 0U;
	void *map;
	int err;

	if (pattern == NULL) {
		for (size_t i = 0U; i < cnt; i++) {
			if ((syms[i] == NULL) || (syms[i][0] == '\0')) {
				return -EINVAL;
			}
		}
	}
	err = bl_file_map(path, &map, &len);
	if (err != 0) {
		return err;
	}
	err = bl_elf_init(&e, map, len);
	if (err == 0) {
		if (pattern == NULL) {
			for (size_t i = 0U; i < cnt; i++) {
				err = bl_um_name(&e, syms[i], &offs[i]);
				if (err != 0) {
					break;
				}
			}
			got = cnt;
		} else if (bl_has_glob(pattern)) {
			err = bl_um_glob(&e, pattern, offs, &got);
		} else {
			err = bl_um_name(&e, pattern, &offs[0]); /* one name */
			got = 1U;
		}
	}
	(void)bl_sys_munmap(map, len);
	return (err != 0) ? err : (int)got;
}

struct bpf_link *bpflink_attach_uprobe_multi(int prog_fd, int pid,
					     const char *binary_path,
					     const char *func_pattern,
					     const struct bpf_uprobe_multi_opts *opts)
{
	unsigned long offs[BPFLINK_UPROBE_MULTI_MAX];
	struct bl_attr_link_create a;
	const unsigned long *offsets;
	const char **syms;
	struct bpf_link *link;
	size_t cnt;
	int target = pid;
	int fd;

	if ((prog_fd < 0) || (pid < -1) || (binary_path == NULL) ||
	    (binary_path[0] == '\0') ||
	    (BL_OPTS_VALID(opts, bpf_uprobe_multi_opts,
			   bpf_uprobe_multi_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	syms = BL_OPT(opts, bpf_uprobe_multi_opts, syms, NULL);
	offsets = BL_OPT(opts, bpf_uprobe_multi_opts, offsets, NULL);
	cnt = BL_OPT(opts, bpf_uprobe_multi_opts, cnt, 0U);
	if (func_pattern != NULL) {
		/* as libbpf: a pattern excludes every array */
		if ((func_pattern[0] == '\0') || (syms != NULL) ||
		    (offsets != NULL) || (cnt != 0U) ||
		    (BL_OPT(opts, bpf_uprobe_multi_opts, ref_ctr_offsets,
			    NULL) != NULL) ||
		    (BL_OPT(opts, bpf_uprobe_multi_opts, cookies, NULL) !=
		     NULL)) {
			return bl_err_ptr(-EINVAL);
		}
	} else if ((cnt == 0U) || ((syms == NULL) == (offsets == NULL))) {
		return bl_err_ptr(-EINVAL);
	} else {
		/* cnt names (syms) or cnt offsets: checked below */
	}
	if (cnt > BL_UM_MAX) {
		return bl_err_ptr(-E2BIG);
	}
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	if (offsets == NULL) {
		int n = bl_um_resolve(binary_path, func_pattern,
				      (const char *const *)syms, cnt, offs);

		if (n < 0) {
			bl_link_free(link);
			return bl_err_ptr(n);
		}
		cnt = (size_t)n;
		offsets = offs;
	}
	if (target == 0) {
		target = bl_sys_getpid(); /* 0 is "any process" to the kernel */
	}
	if (target < -1) {
		bl_link_free(link);
		return bl_err_ptr(target);
	}
	__builtin_memset(&a, 0, sizeof(a));
	a.prog_fd = (__u32)prog_fd;
	a.attach_type = BL_BPF_TRACE_UPROBE_MULTI;
	a.uprobe_multi.path = bl_ptr(binary_path);
	a.uprobe_multi.offsets = bl_ptr(offsets);
	a.uprobe_multi.ref_ctr_offsets = bl_ptr(
		BL_OPT(opts, bpf_uprobe_multi_opts, ref_ctr_offsets, NULL));
	a.uprobe_multi.cookies =
		bl_ptr(BL_OPT(opts, bpf_uprobe_multi_opts, cookies, NULL));
	a.uprobe_multi.cnt = (__u32)cnt;
	a.uprobe_multi.flags = BL_OPT(opts, bpf_uprobe_multi_opts, retprobe,
				      false) ? BL_BPF_F_UPROBE_MULTI_RETURN : 0U;
	a.uprobe_multi.pid = (target > 0) ? (__u32)target : 0U;
	fd = bl_sys_bpf(BPF_LINK_CREATE, &a, (unsigned int)sizeof(a));
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	link->fd = fd;
	return link;
}

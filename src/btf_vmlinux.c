/* File-level side of the BTF reader: find a type id in a BTF file, above
 * all /sys/kernel/btf/vmlinux, mapped privately (Linux maps sysfs BTF since
 * 6.16) or, when that fails, read into a buffer the caller provides. Uses
 * the syscall seam; the parsing is src/btf.c (proved). The mapping and the
 * fd are released on every path. */
#include <stddef.h>
#include <stdint.h>
#include <linux/errno.h>

#include "btf.h"
#include "elf.h" /* bl_file_map, bl_file_read, bl_cstrlen */
#include "sys.h"

#define BL_VMLINUX_BTF "/sys/kernel/btf/vmlinux"

/* The id (> 0) of kind/name in buf[0 .. len-1], or -errno. */
static int bl_btf_mem_find(const void *buf, size_t len, const char *name,
			   uint32_t kind)
{
	struct bl_btf b;
	uint32_t id;
	int r;

	r = bl_btf_init(&b, buf, len);
	if (r != 0) {
		return r;
	}
	r = bl_btf_find(&b, (const uint8_t *)name, bl_cstrlen(name), kind, &id);
	if (r != 0) {
		return r;
	}
	if (id > 0x7fffffffu) {
		return -EINVAL;
	}
	return (int)id;
}

int bl_btf_file_find(const char *path, const char *name, uint32_t kind,
		     void *buf, size_t cap)
{
	void *map;
	size_t len;
	int r;

	if ((path == NULL) || (name == NULL)) {
		return -EINVAL;
	}
	r = bl_file_map(path, &map, &len);
	if (r == 0) {
		r = bl_btf_mem_find(map, len, name, kind);
		(void)bl_sys_munmap(map, len);
		return r;
	}
	if ((buf == NULL) || (cap == 0U)) {
		return r;
	}
	r = bl_file_read(path, buf, cap, &len);
	if (r != 0) {
		return r;
	}
	return bl_btf_mem_find(buf, len, name, kind);
}

int bl_btf_vmlinux_find(const char *name, uint32_t kind, void *buf,
			size_t cap)
{
	return bl_btf_file_find(BL_VMLINUX_BTF, name, kind, buf, cap);
}

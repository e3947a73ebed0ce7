/* uprobe / uretprobe: the uprobe PMU (perf_event_attr config1 = path,
 * config2 = file offset, ref_ctr_offset in config's upper 32 bits, the
 * retprobe bit from sysfs), else legacy tracefs events in uprobe_events
 * (attach_legacy.c). A function name is resolved to its file offset by the
 * ELF reader (src/elf.h: .symtab and .dynsym, address to offset through
 * the program headers). */
#include <linux/errno.h>

#include "bpf_opts.h"
#include "elf.h"
#include "tracefs.h"

struct bpf_link *bpflink_attach_uprobe(int prog_fd, int pid,
				       const char *binary_path,
				       size_t func_offset,
				       const struct bpf_uprobe_opts *opts)
{
	const char *func;
	struct bl_probe p;
	uint64_t base = 0U;

	if ((prog_fd < 0) || (pid < -1) || (binary_path == NULL) ||
	    (binary_path[0] == '\0') ||
	    (BL_OPTS_VALID(opts, bpf_uprobe_opts,
			   bpf_uprobe_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	func = BL_OPT(opts, bpf_uprobe_opts, func_name, NULL);
	if ((func != NULL) && (func[0] != '\0')) {
		int err = bl_elf_file_sym_offset(binary_path, func, &base);

		if (err != 0) {
			return bl_err_ptr(err);
		}
	}
	if (func_offset > (UINT64_MAX - base)) {
		return bl_err_ptr(-EINVAL);
	}
	p.kprobe = false;
	p.retprobe = BL_OPT(opts, bpf_uprobe_opts, retprobe, false);
	p.target = binary_path;
	p.offset = base + func_offset;
	p.ref_ctr = BL_OPT(opts, bpf_uprobe_opts, ref_ctr_offset, 0U);
	if (p.ref_ctr > UINT32_MAX) {
		return bl_err_ptr(-EINVAL); /* config's upper 32 bits */
	}
	p.pid = pid;
	p.cookie = BL_OPT(opts, bpf_uprobe_opts, bpf_cookie, 0U);
	p.mode = (int)BL_OPT(opts, bpf_uprobe_opts, attach_mode,
			     PROBE_ATTACH_MODE_DEFAULT);
	return bl_probe_attach(prog_fd, &p);
}

/* kprobe / kretprobe / ksyscall: the kprobe PMU
 * (/sys/bus/event_source/devices/kprobe/), else legacy tracefs events in
 * kprobe_events (attach_legacy.c). A kernel without CONFIG_KPROBES has
 * neither: -ENOENT, nothing left behind. */
#include <linux/errno.h>

#include "bpf_opts.h"
#include "tracefs.h"

#if defined(__x86_64__)
#define BL_SYSCALL_PREFIX "__x64_sys_"
#elif defined(__aarch64__)
#define BL_SYSCALL_PREFIX "__arm64_sys_"
#else
#define BL_SYSCALL_PREFIX "sys_"
#endif

#define BL_KSYM_MAX 128 /* KSYM_NAME_LEN of Linux 6.1+ is 512; ours is
			 * enough for syscall handlers */

struct bpf_link *bpflink_attach_kprobe(int prog_fd, const char *func_name,
				       const struct bpf_kprobe_opts *opts)
{
	struct bl_probe p;

	if ((prog_fd < 0) || (func_name == NULL) || (func_name[0] == '\0') ||
	    (BL_OPTS_VALID(opts, bpf_kprobe_opts,
			   bpf_kprobe_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	p.kprobe = true;
	p.retprobe = BL_OPT(opts, bpf_kprobe_opts, retprobe, false);
	p.target = func_name;
	p.offset = BL_OPT(opts, bpf_kprobe_opts, offset, 0U);
	p.ref_ctr = 0U;
	p.pid = -1;
	p.cookie = BL_OPT(opts, bpf_kprobe_opts, bpf_cookie, 0U);
	p.mode = (int)BL_OPT(opts, bpf_kprobe_opts, attach_mode,
			     PROBE_ATTACH_MODE_DEFAULT);
	return bl_probe_attach(prog_fd, &p);
}

struct bpf_link *bpflink_attach_ksyscall(int prog_fd, const char *syscall_name,
					 const struct bpf_ksyscall_opts *opts)
{
	char name[BL_KSYM_MAX];
	struct bl_sbuf sb;
	int err;
	LIBBPF_OPTS(bpf_kprobe_opts, kopts);

	if ((prog_fd < 0) || (syscall_name == NULL) ||
	    (syscall_name[0] == '\0') ||
	    (BL_OPTS_VALID(opts, bpf_ksyscall_opts,
			   bpf_ksyscall_opts__last_field) != 0)) {
		return bl_err_ptr(-EINVAL);
	}
	bl_sb_init(&sb, name, sizeof(name));
	bl_sb_str(&sb, BL_SYSCALL_PREFIX);
	bl_sb_str(&sb, syscall_name);
	err = bl_sb_done(&sb);
	if (err != 0) {
		return bl_err_ptr(err);
	}
	kopts.bpf_cookie = BL_OPT(opts, bpf_ksyscall_opts, bpf_cookie, 0U);
	kopts.retprobe = BL_OPT(opts, bpf_ksyscall_opts, retprobe, false);
	return bpflink_attach_kprobe(prog_fd, name, &kopts);
}

/* .kconfig externs, for the loader's tests: LINUX_KERNEL_VERSION and
 * CONFIG_BL_* values the tests write into a /boot/config-<release> of
 * their own (a private tmpfs on /boot, or the fake seam's file), one weak
 * extern absent from it. kcfg_copy copies them into .bss on this process's
 * getppid() (target_pid, .rodata). */
#include "bpf_helpers.h"

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_BL_NUM __kconfig;
extern _Bool CONFIG_BL_BOOL __kconfig;
extern enum libbpf_tristate CONFIG_BL_TRI __kconfig;
extern char CONFIG_BL_STR[8] __kconfig;
extern long long CONFIG_BL_HEX __kconfig;
extern int CONFIG_BL_ABSENT __kconfig __weak;

const volatile int target_pid = 0;

struct {
	__u32 version;
	int num;
	int tri;
	int absent;
	long long hex;
	char str[8];
	_Bool b;
} out;

SEC("raw_tp/sys_enter") int kcfg_copy(struct bl_raw_sys_enter *ctx)
{
	if ((int)(bpf_get_current_pid_tgid() >> 32) != target_pid ||
	    ctx->id != 110) /* __NR_getppid on x86_64 */
		return 0;
	out.version = LINUX_KERNEL_VERSION;
	out.num = CONFIG_BL_NUM;
	out.b = CONFIG_BL_BOOL;
	out.tri = CONFIG_BL_TRI;
	out.hex = CONFIG_BL_HEX;
	out.absent = CONFIG_BL_ABSENT;
	__builtin_memcpy(out.str, CONFIG_BL_STR, sizeof(out.str));
	return 0;
}

char _license[] SEC("license") = "GPL";

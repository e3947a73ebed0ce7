/* A CO-RE field access (preserve_access_index): bpflink refuses it at
 * load with -EOPNOTSUPP and names the relocation. */
#include "bpf_helpers.h"

struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

SEC("raw_tp/sys_enter") int core_prog(void *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	int tgid = 0;

	(void)ctx;
	bpf_probe_read_kernel(&tgid, sizeof(tgid), &t->tgid);
	return tgid == 1;
}

char _license[] SEC("license") = "GPL";

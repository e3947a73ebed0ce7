/* bpf_program accessors and the setters that apply before load. Setters
 * after load give -EBUSY, as libbpf's do. No system call here. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "link.h"
#include "object.h"

static bool bl_prog_settable(const struct bpf_program *p)
{
	return bl_prog_live(p) && (p->obj->state == BL_OBJ_OPEN);
}

const char *bpf_program__name(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->name : bl_err_ptr(-EINVAL);
}

const char *bpf_program__section_name(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->sec_name : bl_err_ptr(-EINVAL);
}

int bpf_program__fd(const struct bpf_program *prog)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	return (prog->fd >= 0) ? prog->fd : -ENOENT;
}

enum bpf_prog_type bpf_program__type(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? (enum bpf_prog_type)prog->type
				  : BPF_PROG_TYPE_UNSPEC;
}

enum bpf_attach_type
bpf_program__expected_attach_type(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? (enum bpf_attach_type)prog->expected_attach_type
				  : (enum bpf_attach_type)0;
}

__u32 bpf_program__flags(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->prog_flags : 0U;
}

bool bpf_program__autoload(const struct bpf_program *prog)
{
	return bl_prog_live(prog) && prog->autoload;
}

bool bpf_program__autoattach(const struct bpf_program *prog)
{
	return bl_prog_live(prog) && prog->autoattach;
}

size_t bpf_program__insn_cnt(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->insn_cnt : 0U;
}

int bpf_program__set_autoload(struct bpf_program *prog, bool autoload)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->autoload = autoload;
	return 0;
}

void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach)
{
	if (bl_prog_live(prog)) {
		prog->autoattach = autoattach;
	}
}

int bpf_program__set_type(struct bpf_program *prog, enum bpf_prog_type type)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->type = (uint32_t)type;
	return 0;
}

int bpf_program__set_expected_attach_type(struct bpf_program *prog,
					  enum bpf_attach_type type)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->expected_attach_type = (uint32_t)type;
	return 0;
}

int bpf_program__set_flags(struct bpf_program *prog, __u32 flags)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->prog_flags = flags;
	return 0;
}

int bpf_program__set_attach_target(struct bpf_program *prog,
				   int attach_prog_fd,
				   const char *attach_func_name)
{
	if (!bl_prog_live(prog) || (attach_prog_fd < 0) ||
	    ((attach_prog_fd == 0) && (attach_func_name == NULL))) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->attach_prog_fd = attach_prog_fd;
	prog->attach_target = attach_func_name;
	prog->attach_btf_id = 0;
	return 0;
}

int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf,
			     size_t log_size)
{
	if (!bl_prog_live(prog) || ((log_size != 0U) && (log_buf == NULL)) ||
	    ((log_buf != NULL) && (log_size == 0U)) ||
	    (log_size > UINT32_MAX)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->log_buf = log_buf;
	prog->log_size = log_size;
	return 0;
}

const char *bpf_program__log_buf(const struct bpf_program *prog,
				 size_t *log_size)
{
	if (!bl_prog_live(prog)) {
		return NULL;
	}
	if (log_size != NULL) {
		*log_size = prog->log_size;
	}
	return prog->log_buf;
}

int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level)
{
	if (!bl_prog_live(prog)) {
		return -EINVAL;
	}
	if (!bl_prog_settable(prog)) {
		return -EBUSY;
	}
	prog->log_level = log_level;
	return 0;
}

__u32 bpf_program__log_level(const struct bpf_program *prog)
{
	return bl_prog_live(prog) ? prog->log_level : 0U;
}

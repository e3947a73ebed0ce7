/* libbpf's low-level calls, part 1: opts handling, maps, program and BTF
 * loading (with the verifier-log retry), pinning, ids, info, test runs.
 * Links and attachment are in src/bpf_link.c. See include/bpf/bpf.h for
 * the contract of each call and the attr size it sends.
 */
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf/bpf.h"
#include "bpf_opts.h"
#include "compat.h"
#include "sys.h"

/* ---- opts -------------------------------------------------------------- */

/* opts->sz, the first field of every opts struct, read from its bytes. */
static size_t bl_opts_sz(const unsigned char *bytes)
{
	size_t sz;

	__builtin_memcpy(&sz, bytes, sizeof(sz));
	return sz;
}

int bl_opts_check(const void *opts, size_t known)
{
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the opts struct read as bytes (its sz, then its unknown tail) */
	const unsigned char *bytes = opts;

	if (bytes == NULL) {
		return 0;
	}
	if (bl_opts_sz(bytes) < sizeof(size_t)) {
		return -EINVAL;
	}
	return bl_opts_zero_from(opts, known) ? 0 : -EINVAL;
}

bool bl_opts_zero_from(const void *opts, size_t off)
{
	/* cppcheck-suppress misra-c2012-11.5 ; permit P2 (tests/lint/MISRA.md): the opts struct read as bytes, bounded by its sz */
	const unsigned char *bytes = opts;
	size_t sz;

	if (bytes == NULL) {
		return true;
	}
	sz = bl_opts_sz(bytes);
	for (size_t i = off; i < sz; i++) {
		if (bytes[i] != 0U) {
			return false;
		}
	}
	return true;
}

/* Copy NAME (may be NULL) into a BPF_OBJ_NAME_LEN buffer, truncating. */
static void bl_obj_name(char dst[BPF_OBJ_NAME_LEN], const char *name)
{
	size_t i = 0U;

	while ((name != NULL) && (i < (BPF_OBJ_NAME_LEN - 1U)) &&
	       (name[i] != '\0')) {
		dst[i] = name[i];
		i++;
	}
}

/* ---- maps -------------------------------------------------------------- */

int bpf_map_create(enum bpf_map_type map_type, const char *map_name,
		   __u32 key_size, __u32 value_size, __u32 max_entries,
		   const struct bpf_map_create_opts *opts)
{
	const size_t sz = offsetofend(struct bl_attr_map_create, map_token_fd);
	struct bl_attr_map_create attr;
	__u32 token;
	int err = BL_OPTS_VALID(opts, bpf_map_create_opts,
				bpf_map_create_opts__last_field);

	if (err != 0) {
		return err;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.map_type = (__u32)map_type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	bl_obj_name(attr.map_name, map_name);
	attr.btf_fd = BL_OPT(opts, bpf_map_create_opts, btf_fd, 0U);
	attr.btf_key_type_id =
		BL_OPT(opts, bpf_map_create_opts, btf_key_type_id, 0U);
	attr.btf_value_type_id =
		BL_OPT(opts, bpf_map_create_opts, btf_value_type_id, 0U);
	attr.btf_vmlinux_value_type_id = BL_OPT(opts, bpf_map_create_opts,
						btf_vmlinux_value_type_id, 0U);
	attr.inner_map_fd = BL_OPT(opts, bpf_map_create_opts, inner_map_fd, 0U);
	attr.map_flags = BL_OPT(opts, bpf_map_create_opts, map_flags, 0U);
	attr.map_extra = BL_OPT(opts, bpf_map_create_opts, map_extra, 0U);
	attr.numa_node = BL_OPT(opts, bpf_map_create_opts, numa_node, 0U);
	attr.map_ifindex = BL_OPT(opts, bpf_map_create_opts, map_ifindex, 0U);
	attr.value_type_btf_obj_fd =
		BL_OPT(opts, bpf_map_create_opts, value_type_btf_obj_fd, 0);
	token = BL_OPT(opts, bpf_map_create_opts, token_fd, 0U);
	if (token != 0U) {
		attr.map_token_fd = (__s32)token;
		attr.map_flags |= BL_BPF_F_TOKEN_FD;
	}
	return bl_sys_bpf(BPF_MAP_CREATE, &attr, (unsigned int)sz);
}

static int bl_map_elem(int cmd, int fd, const void *key, const void *value,
		       __u64 flags)
{
	const size_t sz = offsetofend(union bpf_attr, flags);
	union bpf_attr attr;

	if (fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sz);
	attr.map_fd = (__u32)fd;
	attr.key = bl_ptr(key);
	attr.value = bl_ptr(value);
	attr.flags = flags;
	return bl_sys_bpf(cmd, &attr, (unsigned int)sz);
}

int bpf_map_update_elem(int fd, const void *key, const void *value,
			__u64 flags)
{
	if (value == NULL) {
		return -EINVAL;
	}
	return bl_map_elem(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return bpf_map_lookup_elem_flags(fd, key, value, 0U);
}

int bpf_map_lookup_elem_flags(int fd, const void *key, void *value,
			      __u64 flags)
{
	if (value == NULL) {
		return -EINVAL;
	}
	return bl_map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, flags);
}

int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value)
{
	return bpf_map_lookup_and_delete_elem_flags(fd, key, value, 0U);
}

int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value,
					 __u64 flags)
{
	if (value == NULL) {
		return -EINVAL;
	}
	return bl_map_elem(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value,
			   flags);
}

int bpf_map_delete_elem(int fd, const void *key)
{
	return bpf_map_delete_elem_flags(fd, key, 0U);
}

int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags)
{
	if (key == NULL) {
		return -EINVAL;
	}
	return bl_map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, flags);
}

int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	if (next_key == NULL) {
		return -EINVAL;
	}
	/* next_key shares its slot with value */
	return bl_map_elem(BPF_MAP_GET_NEXT_KEY, fd, key, next_key, 0U);
}

int bpf_map_freeze(int fd)
{
	const size_t sz = offsetofend(union bpf_attr, map_fd);
	union bpf_attr attr;

	if (fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sz);
	attr.map_fd = (__u32)fd;
	return bl_sys_bpf(BPF_MAP_FREEZE, &attr, (unsigned int)sz);
}

/* ---- programs ---------------------------------------------------------- */

#define BL_PROG_LOAD_ATTEMPTS 5

/* BPF_PROG_LOAD, ATTEMPTS times at most while the kernel says -EAGAIN. */
static int bl_prog_load_call(struct bl_attr_prog_load *attr, int attempts)
{
	const size_t sz = offsetofend(struct bl_attr_prog_load, prog_token_fd);
	int left = attempts;
	bool again;
	int fd;

	do {
		fd = bl_sys_bpf(BPF_PROG_LOAD, attr, (unsigned int)sz);
		left--;
		again = (fd == -EAGAIN) && (left > 0);
	} while (again);
	return fd;
}

/* The log arguments agree: buffer and size together, a level needs both. */
static bool bl_log_args_ok(const char *buf, __u32 size, __u32 level)
{
	if ((buf == NULL) != (size == 0U)) {
		return false;
	}
	return (level == 0U) || (buf != NULL);
}

int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name,
		  const char *license, const struct bpf_insn *insns,
		  size_t insn_cnt, struct bpf_prog_load_opts *opts)
{
	struct bl_attr_prog_load attr;
	enum bpf_attach_type expected;
	char *log_buf;
	__u32 log_size;
	__u32 log_level;
	__u32 token;
	int attempts;
	int fd;
	int err = BL_OPTS_VALID(opts, bpf_prog_load_opts,
				bpf_prog_load_opts__last_field);

	if (err != 0) {
		return err;
	}
	if ((insns == NULL) || (insn_cnt == 0U) || (insn_cnt > UINT32_MAX) ||
	    (license == NULL)) {
		return -EINVAL;
	}
	attempts = BL_OPT(opts, bpf_prog_load_opts, attempts, 0);
	if (attempts < 0) {
		return -EINVAL;
	}
	if (attempts == 0) {
		attempts = BL_PROG_LOAD_ATTEMPTS;
	}
	log_buf = BL_OPT(opts, bpf_prog_load_opts, log_buf, NULL);
	log_size = BL_OPT(opts, bpf_prog_load_opts, log_size, 0U);
	log_level = BL_OPT(opts, bpf_prog_load_opts, log_level, 0U);
	if (!bl_log_args_ok(log_buf, log_size, log_level)) {
		return -EINVAL;
	}

	__builtin_memset(&attr, 0, sizeof(attr));
	attr.prog_type = (__u32)prog_type;
	attr.insn_cnt = (__u32)insn_cnt;
	attr.insns = bl_ptr(insns);
	attr.license = bl_ptr(license);
	bl_obj_name(attr.prog_name, prog_name);
	expected = BL_OPT(opts, bpf_prog_load_opts, expected_attach_type,
			  BPF_CGROUP_INET_INGRESS /* 0 */);
	attr.expected_attach_type = (__u32)expected;
	attr.prog_btf_fd = BL_OPT(opts, bpf_prog_load_opts, prog_btf_fd, 0U);
	attr.prog_flags = BL_OPT(opts, bpf_prog_load_opts, prog_flags, 0U);
	attr.prog_ifindex = BL_OPT(opts, bpf_prog_load_opts, prog_ifindex, 0U);
	attr.kern_version = BL_OPT(opts, bpf_prog_load_opts, kern_version, 0U);
	attr.attach_btf_id =
		BL_OPT(opts, bpf_prog_load_opts, attach_btf_id, 0U);
	attr.attach_prog_fd =
		BL_OPT(opts, bpf_prog_load_opts, attach_prog_fd, 0U);
	if (attr.attach_prog_fd == 0U) { /* one slot, as in the kernel */
		attr.attach_prog_fd =
			BL_OPT(opts, bpf_prog_load_opts, attach_btf_obj_fd, 0U);
	}
	attr.fd_array = bl_ptr(BL_OPT(opts, bpf_prog_load_opts, fd_array, NULL));
	attr.func_info = bl_ptr(BL_OPT(opts, bpf_prog_load_opts, func_info, NULL));
	attr.func_info_cnt =
		BL_OPT(opts, bpf_prog_load_opts, func_info_cnt, 0U);
	attr.func_info_rec_size =
		BL_OPT(opts, bpf_prog_load_opts, func_info_rec_size, 0U);
	attr.line_info = bl_ptr(BL_OPT(opts, bpf_prog_load_opts, line_info, NULL));
	attr.line_info_cnt =
		BL_OPT(opts, bpf_prog_load_opts, line_info_cnt, 0U);
	attr.line_info_rec_size =
		BL_OPT(opts, bpf_prog_load_opts, line_info_rec_size, 0U);
	token = BL_OPT(opts, bpf_prog_load_opts, token_fd, 0U);
	if (token != 0U) {
		attr.prog_token_fd = (__s32)token;
		attr.prog_flags |= BL_BPF_F_TOKEN_FD;
	}
	if (log_level != 0U) {
		attr.log_buf = bl_ptr(log_buf);
		attr.log_size = log_size;
		attr.log_level = log_level;
	}

	fd = bl_prog_load_call(&attr, attempts);
	BL_OPT_SET(opts, bpf_prog_load_opts, log_true_size, attr.log_true_size);
	if ((fd >= 0) || (log_level != 0U) || (log_buf == NULL)) {
		return fd;
	}

	/* Failed without a log: load again with one, so the verifier's
	 * message reaches the caller's buffer. */
	attr.log_buf = bl_ptr(log_buf);
	attr.log_size = log_size;
	attr.log_level = 1U;
	attr.log_true_size = 0U;
	fd = bl_prog_load_call(&attr, attempts);
	BL_OPT_SET(opts, bpf_prog_load_opts, log_true_size, attr.log_true_size);
	return fd;
}

int bpf_btf_load(const void *btf_data, size_t btf_size,
		 struct bpf_btf_load_opts *opts)
{
	const size_t sz = offsetofend(struct bl_attr_btf_load, btf_token_fd);
	struct bl_attr_btf_load attr;
	char *log_buf;
	__u32 log_size;
	__u32 log_level;
	__u32 token;
	int fd;
	int err = BL_OPTS_VALID(opts, bpf_btf_load_opts,
				bpf_btf_load_opts__last_field);

	if (err != 0) {
		return err;
	}
	if ((btf_data == NULL) || (btf_size == 0U) || (btf_size > UINT32_MAX)) {
		return -EINVAL;
	}
	log_buf = BL_OPT(opts, bpf_btf_load_opts, log_buf, NULL);
	log_size = BL_OPT(opts, bpf_btf_load_opts, log_size, 0U);
	log_level = BL_OPT(opts, bpf_btf_load_opts, log_level, 0U);
	if (!bl_log_args_ok(log_buf, log_size, log_level)) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.btf = bl_ptr(btf_data);
	attr.btf_size = (__u32)btf_size;
	attr.btf_flags = BL_OPT(opts, bpf_btf_load_opts, btf_flags, 0U);
	token = BL_OPT(opts, bpf_btf_load_opts, token_fd, 0U);
	if (token != 0U) {
		attr.btf_token_fd = (__s32)token;
		attr.btf_flags |= BL_BPF_F_TOKEN_FD;
	}
	if (log_level != 0U) {
		attr.btf_log_buf = bl_ptr(log_buf);
		attr.btf_log_size = log_size;
		attr.btf_log_level = log_level;
	}
	fd = bl_sys_bpf(BPF_BTF_LOAD, &attr, (unsigned int)sz);
	BL_OPT_SET(opts, bpf_btf_load_opts, log_true_size, attr.btf_log_true_size);
	if ((fd >= 0) || (log_level != 0U) || (log_buf == NULL)) {
		return fd;
	}
	attr.btf_log_buf = bl_ptr(log_buf);
	attr.btf_log_size = log_size;
	attr.btf_log_level = 1U;
	attr.btf_log_true_size = 0U;
	fd = bl_sys_bpf(BPF_BTF_LOAD, &attr, (unsigned int)sz);
	BL_OPT_SET(opts, bpf_btf_load_opts, log_true_size, attr.btf_log_true_size);
	return fd;
}

/* ---- pinning ----------------------------------------------------------- */

static int bl_obj(int cmd, int fd, const char *pathname, __u32 file_flags,
		  int path_fd)
{
	const size_t sz = offsetofend(struct bl_attr_obj, path_fd);
	struct bl_attr_obj attr;

	if (pathname == NULL) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sizeof(attr));
	attr.pathname = bl_ptr(pathname);
	attr.bpf_fd = (__u32)fd;
	attr.file_flags = file_flags;
	attr.path_fd = path_fd;
	return bl_sys_bpf(cmd, &attr, (unsigned int)sz);
}

int bpf_obj_pin(int fd, const char *pathname)
{
	return bpf_obj_pin_opts(fd, pathname, NULL);
}

int bpf_obj_pin_opts(int fd, const char *pathname,
		     const struct bpf_obj_pin_opts *opts)
{
	int err = BL_OPTS_VALID(opts, bpf_obj_pin_opts,
				bpf_obj_pin_opts__last_field);

	if (err != 0) {
		return err;
	}
	if (fd < 0) {
		return -EBADF;
	}
	return bl_obj(BPF_OBJ_PIN, fd, pathname,
		      BL_OPT(opts, bpf_obj_pin_opts, file_flags, 0U),
		      BL_OPT(opts, bpf_obj_pin_opts, path_fd, 0));
}

int bpf_obj_get(const char *pathname)
{
	return bpf_obj_get_opts(pathname, NULL);
}

int bpf_obj_get_opts(const char *pathname, const struct bpf_obj_get_opts *opts)
{
	int err = BL_OPTS_VALID(opts, bpf_obj_get_opts,
				bpf_obj_get_opts__last_field);

	if (err != 0) {
		return err;
	}
	return bl_obj(BPF_OBJ_GET, 0, pathname,
		      BL_OPT(opts, bpf_obj_get_opts, file_flags, 0U),
		      BL_OPT(opts, bpf_obj_get_opts, path_fd, 0));
}

/* ---- ids, fds and info ------------------------------------------------- */

static int bl_next_id(int cmd, __u32 start_id, __u32 *next_id)
{
	const size_t sz = offsetofend(union bpf_attr, open_flags);
	union bpf_attr attr;
	int err;

	if (next_id == NULL) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sz);
	attr.start_id = start_id;
	err = bl_sys_bpf(cmd, &attr, (unsigned int)sz);
	if (err == 0) {
		*next_id = attr.next_id;
	}
	return err;
}

int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bl_next_id(BPF_PROG_GET_NEXT_ID, start_id, next_id);
}

int bpf_map_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bl_next_id(BPF_MAP_GET_NEXT_ID, start_id, next_id);
}

int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bl_next_id(BPF_BTF_GET_NEXT_ID, start_id, next_id);
}

int bpf_link_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bl_next_id(BPF_LINK_GET_NEXT_ID, start_id, next_id);
}

static int bl_fd_by_id(int cmd, __u32 id,
		       const struct bpf_get_fd_by_id_opts *opts)
{
	const size_t sz = offsetofend(union bpf_attr, open_flags);
	union bpf_attr attr;
	int err = BL_OPTS_VALID(opts, bpf_get_fd_by_id_opts,
				bpf_get_fd_by_id_opts__last_field);

	if (err != 0) {
		return err;
	}
	__builtin_memset(&attr, 0, sz);
	attr.start_id = id; /* prog_id, map_id, btf_id, link_id */
	attr.open_flags = BL_OPT(opts, bpf_get_fd_by_id_opts, open_flags, 0U);
	return bl_sys_bpf(cmd, &attr, (unsigned int)sz);
}

int bpf_prog_get_fd_by_id(__u32 id)
{
	return bl_fd_by_id(BPF_PROG_GET_FD_BY_ID, id, NULL);
}

int bpf_prog_get_fd_by_id_opts(__u32 id,
			       const struct bpf_get_fd_by_id_opts *opts)
{
	return bl_fd_by_id(BPF_PROG_GET_FD_BY_ID, id, opts);
}

int bpf_map_get_fd_by_id(__u32 id)
{
	return bl_fd_by_id(BPF_MAP_GET_FD_BY_ID, id, NULL);
}

int bpf_map_get_fd_by_id_opts(__u32 id,
			      const struct bpf_get_fd_by_id_opts *opts)
{
	return bl_fd_by_id(BPF_MAP_GET_FD_BY_ID, id, opts);
}

int bpf_btf_get_fd_by_id(__u32 id)
{
	return bl_fd_by_id(BPF_BTF_GET_FD_BY_ID, id, NULL);
}

int bpf_btf_get_fd_by_id_opts(__u32 id,
			      const struct bpf_get_fd_by_id_opts *opts)
{
	return bl_fd_by_id(BPF_BTF_GET_FD_BY_ID, id, opts);
}

int bpf_link_get_fd_by_id(__u32 id)
{
	return bl_fd_by_id(BPF_LINK_GET_FD_BY_ID, id, NULL);
}

int bpf_link_get_fd_by_id_opts(__u32 id,
			       const struct bpf_get_fd_by_id_opts *opts)
{
	return bl_fd_by_id(BPF_LINK_GET_FD_BY_ID, id, opts);
}

int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len)
{
	const size_t sz = offsetofend(union bpf_attr, info);
	union bpf_attr attr;
	int err;

	if (bpf_fd < 0) {
		return -EBADF;
	}
	if ((info == NULL) || (info_len == NULL) || (*info_len == 0U)) {
		return -EINVAL;
	}
	__builtin_memset(&attr, 0, sz);
	attr.info.bpf_fd = (__u32)bpf_fd;
	attr.info.info_len = *info_len;
	attr.info.info = bl_ptr(info);
	err = bl_sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, (unsigned int)sz);
	if (err == 0) {
		*info_len = attr.info.info_len;
	}
	return err;
}

int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info,
			    __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(prog_fd, info, info_len);
}

int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info,
			   __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(map_fd, info, info_len);
}

int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info,
			   __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(btf_fd, info, info_len);
}

int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info,
			    __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(link_fd, info, info_len);
}

/* ---- test run ---------------------------------------------------------- */

int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts)
{
	const size_t sz = offsetofend(union bpf_attr, test.batch_size);
	union bpf_attr attr;
	int ret;
	int err = BL_OPTS_VALID(opts, bpf_test_run_opts,
				bpf_test_run_opts__last_field);

	if (err != 0) {
		return err;
	}
	if (prog_fd < 0) {
		return -EBADF;
	}
	__builtin_memset(&attr, 0, sz);
	attr.test.prog_fd = (__u32)prog_fd;
	attr.test.data_in = bl_ptr(BL_OPT(opts, bpf_test_run_opts, data_in, NULL));
	attr.test.data_out = bl_ptr(BL_OPT(opts, bpf_test_run_opts, data_out, NULL));
	attr.test.data_size_in =
		BL_OPT(opts, bpf_test_run_opts, data_size_in, 0U);
	attr.test.data_size_out =
		BL_OPT(opts, bpf_test_run_opts, data_size_out, 0U);
	attr.test.ctx_in = bl_ptr(BL_OPT(opts, bpf_test_run_opts, ctx_in, NULL));
	attr.test.ctx_out = bl_ptr(BL_OPT(opts, bpf_test_run_opts, ctx_out, NULL));
	attr.test.ctx_size_in =
		BL_OPT(opts, bpf_test_run_opts, ctx_size_in, 0U);
	attr.test.ctx_size_out =
		BL_OPT(opts, bpf_test_run_opts, ctx_size_out, 0U);
	attr.test.repeat = (__u32)BL_OPT(opts, bpf_test_run_opts, repeat, 0);
	attr.test.flags = BL_OPT(opts, bpf_test_run_opts, flags, 0U);
	attr.test.cpu = BL_OPT(opts, bpf_test_run_opts, cpu, 0U);
	attr.test.batch_size = BL_OPT(opts, bpf_test_run_opts, batch_size, 0U);
	ret = bl_sys_bpf(BPF_PROG_TEST_RUN, &attr, (unsigned int)sz);
	BL_OPT_SET(opts, bpf_test_run_opts, data_size_out, attr.test.data_size_out);
	BL_OPT_SET(opts, bpf_test_run_opts, ctx_size_out, attr.test.ctx_size_out);
	BL_OPT_SET(opts, bpf_test_run_opts, duration, attr.test.duration);
	BL_OPT_SET(opts, bpf_test_run_opts, retval, attr.test.retval);
	return ret;
}

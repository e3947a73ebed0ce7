/* bpf_object__load: maps first (create, initial value, freeze, pin), then
 * every program with autoload (relocate in the arena, BPF_PROG_LOAD).
 * Nothing is probed: the only system calls are the object's own. Any
 * failure closes every fd made so far, removes the pins this load made,
 * and leaves the object FAILED (only close is left), as libbpf does.
 *
 * System calls of a cold load: 1 BPF_BTF_LOAD when the object has .BTF
 * (src/object_btf.c; +1 with the caller's log buffer when refused), per
 * created map 1 (BPF_MAP_CREATE), +1 BPF_MAP_UPDATE_ELEM for .data/.rodata
 * with a non-zero initial value, +1 BPF_MAP_FREEZE for .rodata, +3 to pin
 * (mkdirat of the parent directory, statfs, BPF_OBJ_PIN; or BPF_OBJ_GET +
 * BPF_OBJ_GET_INFO_BY_FD when a pin is reused); per map-in-map +2 (the
 * inner template's BPF_MAP_CREATE and close); per `values` slot 1
 * BPF_MAP_UPDATE_ELEM (map slots once every map exists, program slots
 * once every program is loaded); per program 1 BPF_PROG_LOAD (+ the vmlinux BTF lookup for fentry/tp_btf/lsm/iter:
 * openat, fstat, mmap, close, munmap).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>

#include "btf.h"
#include "link.h"
#include "object.h"
#include "sys.h"

#define BL_K_TYPEDEF 8
#define BL_K_FUNC 12

void bl_obj_release_fds(struct bpf_object *obj, bool unpin)
{
	struct bpf_program *p;
	struct bpf_map *m;

	bpf_object__for_each_program(p, obj) {
		if (p->link != NULL) {
			(void)bpf_link__destroy(p->link);
			p->link = NULL;
		}
		if (p->fd >= 0) {
			(void)bl_sys_close(p->fd);
		}
		p->fd = -1;
	}
	bpf_object__for_each_map(m, obj) {
		if (m->mmaped != NULL) {
			(void)bl_sys_munmap(m->mmaped, m->value_size);
		}
		m->mmaped = NULL;
		if (unpin && m->pinned_by_us) {
			(void)bl_sys_unlinkat(AT_FDCWD, m->pin_path, 0);
		}
		m->pinned_by_us = false;
		if (m->fd >= 0) {
			(void)bl_sys_close(m->fd);
		}
		m->fd = -1;
	}
	/* once every pin is gone: the directories this load made for them */
	bpf_object__for_each_map(m, obj) {
		if (unpin) {
			bl_map_unmake_dir(m);
		}
		m->made_pin_dir = false;
	}
	bl_obj_btf_close(obj);
}

static bool bl_all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0U; i < n; i++) {
		if (p[i] != 0U) {
			return false;
		}
	}
	return true;
}

/* An existing pin is reused when its definition matches (libbpf's rule). */
static int bl_map_reuse_pin(struct bpf_map *m)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int fd = bpf_obj_get(m->pin_path);
	int err;

	if (fd < 0) {
		return fd;
	}
	__builtin_memset(&info, 0, sizeof(info));
	err = bpf_map_get_info_by_fd(fd, &info, &len);
	if ((err == 0) &&
	    ((info.type != m->type) || (info.key_size != m->key_size) ||
	     (info.value_size != m->value_size) ||
	     (info.max_entries != m->max_entries) ||
	     (info.map_flags != m->map_flags))) {
		err = bl_diag(-EINVAL, "map ", m->real_name,
			      ": pinned map has another definition");
	}
	if (err != 0) {
		(void)bl_sys_close(fd);
		return err;
	}
	m->fd = fd;
	m->reused = true;
	return 0;
}

/* A map-in-map's inner_map_fd in *tmpl: the caller's
 * (bpf_map__set_inner_map_fd), or a template map created from the inner
 * definition (the caller closes it once the outer map exists, as libbpf
 * does); -1 for other maps. */
static int bl_map_inner_template(const struct bpf_map *m, int *tmpl)
{
	LIBBPF_OPTS(bpf_map_create_opts, o);
	const struct bpf_map *in;
	int fd;

	*tmpl = -1;
	if (!bl_map_type_is_mim(m->type)) {
		return 0;
	}
	if (m->inner_map_fd >= 0) {
		*tmpl = m->inner_map_fd;
		return 0;
	}
	if (m->inner == BL_NONE_IDX) {
		return bl_diag(-EINVAL, "map ", m->real_name,
			       ": map-in-map without an inner map definition "
			       "(__array values) or bpf_map__set_inner_map_fd");
	}
	in = &bl_maps[m->inner];
	o.map_flags = in->map_flags;
	o.numa_node = in->numa_node;
	o.map_extra = in->map_extra;
	bl_map_btf_opts(in, &o);
	fd = bpf_map_create((enum bpf_map_type)in->type, in->name, in->key_size,
			    in->value_size, in->max_entries, &o);
	if (fd < 0) {
		return bl_diag(fd, "map ", m->real_name,
			       ": BPF_MAP_CREATE of the inner map template failed");
	}
	*tmpl = fd;
	return 0;
}

static int bl_map_create_one(struct bpf_map *m)
{
	LIBBPF_OPTS(bpf_map_create_opts, o);
	const char *pin = m->pin_path;
	uint32_t zero = 0U;
	int tmpl;
	int fd;
	int err;

	if (!m->autocreate || (m->fd >= 0)) {
		return 0;
	}
	if (pin[0] != '\0') {
		err = bl_map_reuse_pin(m);
		if (err != -ENOENT) {
			return (err == 0) ? 0
					  : bl_diag(err, "map ", m->real_name,
						    ": opening its pin failed");
		}
	}
	err = bl_map_inner_template(m, &tmpl);
	if (err != 0) {
		return err;
	}
	o.map_flags = m->map_flags;
	o.numa_node = m->numa_node;
	o.map_extra = m->map_extra;
	bl_map_btf_opts(m, &o);
	o.inner_map_fd = (tmpl >= 0) ? (__u32)tmpl : 0U;
	fd = bpf_map_create((enum bpf_map_type)m->type, m->name, m->key_size,
			    m->value_size, m->max_entries, &o);
	if ((tmpl >= 0) && (tmpl != m->inner_map_fd)) {
		(void)bl_sys_close(tmpl); /* the template has served */
	}
	if (fd < 0) {
		return bl_diag(fd, "map ", m->real_name, ": BPF_MAP_CREATE failed");
	}
	m->fd = fd;
	if ((m->kind >= BL_MAP_DATA) && (m->init != NULL) &&
	    !bl_all_zero(m->init, m->value_size)) {
		err = bpf_map_update_elem(fd, &zero, m->init, 0U);
		if (err != 0) {
			return bl_diag(err, "map ", m->real_name,
				       ": setting the initial value failed");
		}
	}
	if (m->frozen_ro) {
		err = bpf_map_freeze(fd);
		if (err != 0) {
			return bl_diag(err, "map ", m->real_name, ": freeze failed");
		}
	}
	if (pin[0] != '\0') {
		err = bl_map_pin_at(m, m->pin_path);
		if (err != 0) {
			return bl_diag(err, "map ", m->real_name, ": pin failed");
		}
		m->pinned_by_us = true;
	}
	return 0;
}

/* attach_btf_id of fentry/fexit/fmod_ret/tp_btf/lsm/iter programs from
 * the kernel's BTF. */
static int bl_prog_btf_target(struct bpf_program *p)
{
	const struct bl_sec_def *d;
	const char *target = p->attach_target;
	const char *pfx = "";
	char name[128];
	uint32_t kind = BL_K_FUNC;
	size_t n;
	size_t len;
	int id;

	if ((p->attach_btf_id != 0U) || (p->sec_def == BL_NONE_IDX)) {
		return 0;
	}
	d = &bl_sec_defs[p->sec_def];
	if (((d->flags & BL_SEC_ATTACH_BTF) == 0U) && (target == NULL)) {
		return 0;
	}
	if (p->attach_prog_fd > 0) {
		return bl_diag(-EOPNOTSUPP, "program ", p->name,
			       ": attach to a BPF program (freplace) not supported");
	}
	if (target == NULL) {
		const char *sec = p->sec_name;
		size_t i = 0U;

		while ((sec[i] != '\0') && (sec[i] != '/')) {
			i++;
		}
		if (sec[i] == '\0') {
			return bl_diag(-EINVAL, "program ", p->name,
				       ": no attach target in its section name");
		}
		target = &sec[i + 1U];
	}
	if (p->expected_attach_type == (uint32_t)BPF_TRACE_RAW_TP) {
		pfx = "btf_trace_";
		kind = BL_K_TYPEDEF;
	} else if ((p->expected_attach_type == (uint32_t)BPF_LSM_MAC) ||
		   (p->expected_attach_type == (uint32_t)BPF_LSM_CGROUP)) {
		pfx = "bpf_lsm_";
	} else if (p->expected_attach_type == (uint32_t)BPF_TRACE_ITER) {
		pfx = "bpf_iter_";
	} else {
		/* fentry/fexit/fmod_ret and named targets: the function */
	}
	n = bl_strlcpy(name, pfx, sizeof(name));
	len = bl_strlcpy(&name[n], target, sizeof(name) - n);
	if ((len + n + 1U) >= sizeof(name)) {
		return bl_diag(-ENAMETOOLONG, "program ", p->name,
			       ": attach target name too long");
	}
	id = bl_btf_vmlinux_find(name, kind, NULL, 0);
	if (id < 0) {
		return bl_diag(id, "program ", p->name,
			       ": attach target not found in vmlinux BTF");
	}
	p->attach_btf_id = (uint32_t)id;
	return 0;
}

static int bl_prog_load_one(struct bpf_program *p)
{
	struct bpf_object *obj = p->obj;
	LIBBPF_OPTS(bpf_prog_load_opts, o);
	struct bpf_insn *insns;
	uint32_t cnt;
	size_t log_size;
	int fd;
	int err;

	err = bl_prog_btf_target(p);
	if (err != 0) {
		return err;
	}
	err = bl_prog_relocate(p, &insns, &cnt);
	if (err != 0) {
		return err;
	}
	err = bl_prog_btf_opts(p, &o);
	if (err != 0) {
		return err;
	}
	o.expected_attach_type = (enum bpf_attach_type)p->expected_attach_type;
	o.prog_flags = p->prog_flags;
	o.kern_version = obj->kern_version;
	o.attach_btf_id = p->attach_btf_id;
	o.log_buf = (p->log_buf != NULL) ? p->log_buf : obj->log_buf;
	log_size = (p->log_buf != NULL) ? p->log_size : obj->log_size;
	o.log_size = (__u32)log_size;
	o.log_level = (p->log_level != 0U) ? p->log_level : obj->log_level;
	if ((o.log_buf == NULL) || (o.log_size == 0U)) {
		o.log_buf = NULL;
		o.log_size = 0U;
		o.log_level = 0U;
	}
	fd = bpf_prog_load((enum bpf_prog_type)p->type, p->name,
			   (obj->license != NULL) ? obj->license : "", insns,
			   cnt, &o);
	if (fd < 0) {
		return bl_diag(fd, "program ", p->name, ": BPF_PROG_LOAD failed");
	}
	p->fd = fd;
	p->insn_cnt = cnt;
	return 0;
}

int bpf_object__load(struct bpf_object *obj)
{
	struct bpf_program *p;
	struct bpf_map *m;
	int err = 0;

	if (!bl_obj_live(obj)) {
		return -EINVAL;
	}
	if (obj->state != BL_OBJ_OPEN) {
		return bl_diag(-EINVAL, "object already loaded (or its load "
			       "failed)", NULL, NULL);
	}
	(void)bl_diag(0, NULL, NULL, NULL);
	bpf_object__for_each_program(p, obj) {
		if (p->autoload &&
		    (p->type == (uint32_t)BPF_PROG_TYPE_UNSPEC)) {
			err = bl_diag(-EINVAL, "program ", p->name,
				      ": unknown section name, no program type");
		}
	}
	if (err == 0) {
		err = bl_obj_btf_check(obj);
	}
	if (err == 0) {
		err = bl_obj_check_relocs(obj);
	}
	if (err == 0) {
		err = bl_obj_check_core(obj);
	}
	if (err != 0) {
		obj->state = BL_OBJ_FAILED;
		return err;
	}
	bl_obj_lock();
	err = bl_obj_check_layout(obj);
	if (err == 0) {
		err = bl_obj_btf_load(obj);
	}
	if (err == 0) {
		err = bl_obj_kconfig_fill(obj);
	}
	bpf_object__for_each_map(m, obj) {
		if (err != 0) {
			break;
		}
		err = bl_map_create_one(m);
	}
	if (err == 0) {
		err = bl_obj_map_slots(obj, true, false);
	}
	if (err == 0) {
		bpf_object__for_each_program(p, obj) {
			if (!p->autoload) {
				continue;
			}
			err = bl_prog_load_one(p);
			if (err != 0) {
				break;
			}
		}
	}
	if (err == 0) {
		err = bl_obj_map_slots(obj, true, true);
	}
	bl_obj_unlock();
	if (err != 0) {
		bl_obj_release_fds(obj, true);
		obj->state = BL_OBJ_FAILED;
		return err;
	}
	obj->state = BL_OBJ_LOADED;
	return 0;
}

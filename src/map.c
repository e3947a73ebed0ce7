/* bpf_map accessors, setters before load, element access, pinning and the
 * skeleton-like view of global data (bpf_map__initial_value). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <asm/statfs.h>

#include "link.h"
#include "object.h"
#include "sys.h"

/* bpffs's f_type (BPF_FS_MAGIC of linux/magic.h). */
#define BL_BPF_FS_MAGIC 0xcafe4a11U

static bool bl_map_settable(const struct bpf_map *m)
{
	return bl_map_live(m) && (m->obj->state == BL_OBJ_OPEN);
}

/* The map has a pin path (set_pin_path, or pinning from the object). */
static bool bl_map_has_pin_path(const struct bpf_map *m)
{
	const char *pin = m->pin_path;

	return pin[0] != '\0';
}

/* A setter's checks: -EINVAL for a dead map, -EBUSY once loaded, else 0. */
static int bl_map_set_check(const struct bpf_map *map)
{
	if (!bl_map_live(map)) {
		return -EINVAL;
	}
	if (!bl_map_settable(map)) {
		return -EBUSY;
	}
	return 0;
}

/* As libbpf: a map defined in .maps or "maps" by its full symbol name, a
 * data map by the kernel's name ("<obj>.rodata"); the kernel gets at most
 * BPF_OBJ_NAME_LEN - 1 bytes of either. */
const char *bpf_map__name(const struct bpf_map *map)
{
	if (!bl_map_live(map)) {
		return bl_err_ptr(-EINVAL);
	}
	return (((map->kind == BL_MAP_BTF) || (map->kind == BL_MAP_LEGACY)) &&
		(map->real_name != NULL))
		       ? map->real_name
		       : map->name;
}

int bpf_map__fd(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->fd : -EINVAL;
}

enum bpf_map_type bpf_map__type(const struct bpf_map *map)
{
	return bl_map_live(map) ? (enum bpf_map_type)map->type
				: BPF_MAP_TYPE_UNSPEC;
}

__u32 bpf_map__key_size(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->key_size : 0U;
}

__u32 bpf_map__value_size(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->value_size : 0U;
}

__u32 bpf_map__max_entries(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->max_entries : 0U;
}

__u32 bpf_map__map_flags(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->map_flags : 0U;
}

__u32 bpf_map__numa_node(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->numa_node : 0U;
}

__u64 bpf_map__map_extra(const struct bpf_map *map)
{
	return bl_map_live(map) ? map->map_extra : 0U;
}

bool bpf_map__is_internal(const struct bpf_map *map)
{
	return bl_map_live(map) && (map->kind >= BL_MAP_DATA);
}

bool bpf_map__autocreate(const struct bpf_map *map)
{
	return bl_map_live(map) && map->autocreate;
}

int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type)
{
	if (!bl_map_live(map)) {
		return -EINVAL;
	}
	if (!bl_map_settable(map)) {
		return -EBUSY;
	}
	map->type = (uint32_t)type;
	return 0;
}

int bpf_map__set_key_size(struct bpf_map *map, __u32 key_size)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->key_size = key_size;
	}
	return err;
}

int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->max_entries = max_entries;
	}
	return err;
}

int bpf_map__set_map_flags(struct bpf_map *map, __u32 map_flags)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->map_flags = map_flags;
	}
	return err;
}

int bpf_map__set_numa_node(struct bpf_map *map, __u32 numa_node)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->numa_node = numa_node;
	}
	return err;
}

int bpf_map__set_map_extra(struct bpf_map *map, __u64 map_extra)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->map_extra = map_extra;
	}
	return err;
}

int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate)
{
	int err = bl_map_set_check(map);

	if (err == 0) {
		map->autocreate = autocreate;
	}
	return err;
}

/* Global data keeps its section's bytes as the initial value: a new size
 * drops them (libbpf resizes its copy; bpflink has none), so the value
 * starts zeroed unless set_initial_value gives new bytes. */
int bpf_map__set_value_size(struct bpf_map *map, __u32 size)
{
	if (!bl_map_live(map) || (size == 0U)) {
		return -EINVAL;
	}
	if (!bl_map_settable(map)) {
		return -EBUSY;
	}
	if ((map->kind >= BL_MAP_DATA) && (size != map->value_size)) {
		map->init = NULL;
	}
	map->value_size = size;
	return 0;
}

int bpf_map__set_initial_value(struct bpf_map *map, const void *data,
			       size_t size)
{
	if (!bl_map_live(map) || (data == NULL) || (size != map->value_size) ||
	    (map->kind < BL_MAP_DATA)) {
		return -EINVAL;
	}
	if (!bl_map_settable(map)) {
		return -EBUSY;
	}
	map->init = data;
	return 0;
}

void *bpf_map__initial_value(struct bpf_map *map, size_t *psize)
{
	size_t len;
	int err;
	int prot;

	if (!bl_map_live(map) || (map->kind < BL_MAP_DATA)) {
		return bl_err_ptr(-EINVAL);
	}
	if (psize != NULL) {
		*psize = map->value_size;
	}
	if ((map->obj->state != BL_OBJ_LOADED) || (map->fd < 0)) {
		return (void *)(uintptr_t)map->init; /* read-only before load */
	}
	if (map->mmaped != NULL) {
		return map->mmaped;
	}
	len = ((size_t)map->value_size + 4095u) & ~(size_t)4095u;
	prot = PROT_READ | (map->frozen_ro ? 0 : PROT_WRITE);
	err = bl_sys_mmap(&map->mmaped, len, prot, MAP_SHARED, map->fd, 0);
	if (err != 0) {
		map->mmaped = NULL;
		return bl_err_ptr(err);
	}
	return map->mmaped;
}

int bpf_map__set_pin_path(struct bpf_map *map, const char *path)
{
	if (!bl_map_live(map)) {
		return -EINVAL;
	}
	if (path == NULL) {
		map->pin_path[0] = '\0';
		return 0;
	}
	if ((bl_cstrlen(path) + 1U) > sizeof(map->pin_path)) {
		return bl_diag(-ENAMETOOLONG, "pin path too long "
			       "(BPFLINK_PIN_PATH_MAX)", NULL, NULL);
	}
	(void)bl_strlcpy(map->pin_path, path, sizeof(map->pin_path));
	return 0;
}

/* path's parent directory into dir (BPFLINK_PIN_PATH_MAX bytes): its
 * length (0 when path has no '/' but at its start: "/" or "." then). */
static size_t bl_pin_parent(char *dir, const char *path)
{
	size_t n = bl_strlcpy(dir, path, BPFLINK_PIN_PATH_MAX);
	size_t k = 0U;

	for (size_t i = 0U; i < n; i++) {
		if (dir[i] == '/') {
			k = i;
		}
	}
	dir[k] = '\0';
	return k;
}

static int bl_on_bpffs(const char *dir)
{
	struct statfs st;
	int r;

	st.f_type = 0;
	r = bl_sys_statfs(dir, &st);
	if (r < 0) {
		return r;
	}
	return ((uint64_t)st.f_type == (uint64_t)BL_BPF_FS_MAGIC) ? 0 : -EINVAL;
}

int bl_map_pin_at(struct bpf_map *m, const char *path)
{
	char dir[BPFLINK_PIN_PATH_MAX];
	size_t k = bl_pin_parent(dir, path);
	bool made = false;
	int r = 0;

	if (k > 0U) { /* one level, mode 0700, as libbpf's make_parent_dir */
		r = bl_sys_mkdirat(AT_FDCWD, dir, 0x1c0U);
		made = r == 0;
		r = (r == -EEXIST) ? 0 : r;
	}
	if (r == 0) {
		r = bl_on_bpffs((k > 0U) ? dir : ((path[0] == '/') ? "/" : "."));
	}
	if (r == 0) {
		r = bpf_obj_pin(m->fd, path);
	}
	if ((r != 0) && made) {
		(void)bl_sys_unlinkat(AT_FDCWD, dir, AT_REMOVEDIR);
	}
	if ((r == 0) && made) {
		m->made_pin_dir = true;
	}
	return r;
}

void bl_map_unmake_dir(struct bpf_map *m)
{
	char dir[BPFLINK_PIN_PATH_MAX];

	if (m->made_pin_dir && (bl_pin_parent(dir, m->pin_path) > 0U)) {
		(void)bl_sys_unlinkat(AT_FDCWD, dir, AT_REMOVEDIR);
	}
	m->made_pin_dir = false;
}

const char *bpf_map__pin_path(const struct bpf_map *map)
{
	return (bl_map_live(map) && bl_map_has_pin_path(map)) ? map->pin_path
							      : NULL;
}

bool bpf_map__is_pinned(const struct bpf_map *map)
{
	return bl_map_live(map) && map->pinned_by_us;
}

int bpf_map__pin(struct bpf_map *map, const char *path)
{
	int err;

	if (!bl_map_live(map) || (map->fd < 0)) {
		return -EINVAL;
	}
	if ((path != NULL) &&
	    ((bl_cstrlen(path) + 1U) > sizeof(map->pin_path))) {
		return bl_diag(-ENAMETOOLONG, "pin path too long "
			       "(BPFLINK_PIN_PATH_MAX)", NULL, NULL);
	}
	if ((path == NULL) && !bl_map_has_pin_path(map)) {
		return -EINVAL;
	}
	if (map->pinned_by_us) {
		return ((path == NULL) || bl_streq(path, map->pin_path))
			       ? 0
			       : -EBUSY;
	}
	err = bl_map_pin_at(map, (path != NULL) ? path : map->pin_path);
	if (err != 0) {
		return err;
	}
	if (path != NULL) {
		(void)bl_strlcpy(map->pin_path, path, sizeof(map->pin_path));
	}
	map->pinned_by_us = true;
	return 0;
}

int bpf_map__unpin(struct bpf_map *map, const char *path)
{
	const char *p;
	int err;

	if (!bl_map_live(map)) {
		return -EINVAL;
	}
	p = (path != NULL) ? path : map->pin_path;
	if (p[0] == '\0') {
		return -EINVAL;
	}
	err = bl_sys_unlinkat(AT_FDCWD, p, 0);
	if (err != 0) {
		return err;
	}
	if (bl_streq(p, map->pin_path)) {
		map->pinned_by_us = false;
	}
	return 0;
}

struct bpf_map *bpf_map__inner_map(struct bpf_map *map)
{
	if (!bl_map_settable(map) || (map->inner == BL_NONE_IDX) ||
	    (map->inner_map_fd >= 0)) {
		return NULL;
	}
	return &bl_maps[map->inner];
}

int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd)
{
	int err = bl_map_set_check(map);

	if (err != 0) {
		return err;
	}
	if (!bl_map_type_is_mim(map->type) || (map->inner_map_fd >= 0) ||
	    (fd < 0)) {
		return -EINVAL;
	}
	map->inner_map_fd = fd;
	return 0;
}

int bpf_map__reuse_fd(struct bpf_map *map, int fd)
{
	int nfd;

	if (!bl_map_live(map) || (fd < 0)) {
		return -EINVAL;
	}
	if (!bl_map_settable(map)) {
		return -EBUSY;
	}
	nfd = bl_sys_fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (nfd < 0) {
		return nfd;
	}
	if (map->fd >= 0) {
		(void)bl_sys_close(map->fd);
	}
	map->fd = nfd;
	map->reused = true;
	return 0;
}

static int bl_map_elem_ok(const struct bpf_map *map, size_t key_sz,
			  size_t value_sz, bool value)
{
	if (!bl_map_live(map) || (map->fd < 0)) {
		return -EINVAL;
	}
	if (key_sz != map->key_size) {
		return -EINVAL;
	}
	if (value && (value_sz != map->value_size)) {
		switch (map->type) { /* per-CPU values: a multiple */
		case BPF_MAP_TYPE_PERCPU_ARRAY: case BPF_MAP_TYPE_PERCPU_HASH:
		case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE: {
			size_t per = ((size_t)map->value_size + 7u) & ~(size_t)7u;

			return ((per != 0U) && ((value_sz % per) == 0U))
				       ? 0
				       : -EINVAL;
		}
		default:
			return -EINVAL;
		}
	}
	return 0;
}

int bpf_map__lookup_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, void *value, size_t value_sz,
			 __u64 flags)
{
	int err = bl_map_elem_ok(map, key_sz, value_sz, true);

	return (err != 0)
		       ? err
		       : bpf_map_lookup_elem_flags(map->fd, key, value, flags);
}

int bpf_map__update_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, const void *value, size_t value_sz,
			 __u64 flags)
{
	int err = bl_map_elem_ok(map, key_sz, value_sz, true);

	return (err != 0) ? err
			  : bpf_map_update_elem(map->fd, key, value, flags);
}

int bpf_map__delete_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, __u64 flags)
{
	int err = bl_map_elem_ok(map, key_sz, 0, false);

	return (err != 0) ? err
			  : bpf_map_delete_elem_flags(map->fd, key, flags);
}

int bpf_map__get_next_key(const struct bpf_map *map, const void *cur_key,
			  void *next_key, size_t key_sz)
{
	int err = bl_map_elem_ok(map, key_sz, 0, false);

	return (err != 0) ? err
			  : bpf_map_get_next_key(map->fd, cur_key, next_key);
}

/* bpffs refuses a name holding '.' (EPERM: such names are kept for its
 * own files), and data maps are named "<obj>.rodata": as libbpf, the path
 * bpf_object__pin_maps / unpin_maps build for a map under a directory,
 * "<path>/<map name>", has every '.' replaced by '_'. */
static int bl_pin_maps_path(char *buf, size_t cap, const char *path,
			    const struct bpf_map *m)
{
	const char *name = bpf_map__name(m);
	size_t n = bl_strlcpy(buf, path, cap);
	size_t i = 0;

	if ((n + 1U + bl_cstrlen(name) + 1U) > cap) {
		return bl_diag(-ENAMETOOLONG, "pin path too long "
			       "(BPFLINK_PIN_PATH_MAX)", NULL, NULL);
	}
	buf[n] = '/';
	(void)bl_strlcpy(&buf[n + 1U], name, cap - (n + 1U));
	while (buf[i] != '\0') {
		if (buf[i] == '.') {
			buf[i] = '_';
		}
		i++;
	}
	return 0;
}

int bpf_object__pin_maps(struct bpf_object *obj, const char *path)
{
	struct bpf_map *m;
	char buf[BPFLINK_PIN_PATH_MAX];
	int err;

	if (!bl_obj_live(obj) || (obj->state != BL_OBJ_LOADED)) {
		return -EINVAL;
	}
	bpf_object__for_each_map(m, obj) {
		if (m->fd < 0) {
			continue;
		}
		if (path != NULL) {
			err = bl_pin_maps_path(buf, sizeof(buf), path, m);
			if (err == 0) {
				err = bpf_map__pin(m, buf);
			}
		} else {
			err = bl_map_has_pin_path(m) ? bpf_map__pin(m, NULL)
						     : 0;
		}
		if (err != 0) {
			/* as libbpf: undo the pins made so far */
			(void)bpf_object__unpin_maps(obj, NULL);
			return err;
		}
	}
	return 0;
}

/* With a path, as libbpf: "<path>/<map name>" ('.' made '_') is unlinked
 * for every map, pinned by this process or not (an agent removes the pins
 * a previous run made); the first failure is returned. Without: the maps
 * pinned by this object are unpinned. */
int bpf_object__unpin_maps(struct bpf_object *obj, const char *path)
{
	struct bpf_map *m;
	char buf[BPFLINK_PIN_PATH_MAX];
	int err = 0;

	if (!bl_obj_live(obj)) {
		return -EINVAL;
	}
	bpf_object__for_each_map(m, obj) {
		if (path != NULL) {
			err = bl_pin_maps_path(buf, sizeof(buf), path, m);
			if (err == 0) {
				err = bpf_map__unpin(m, buf);
			}
			if (err != 0) {
				return err;
			}
		} else if (m->pinned_by_us &&
			   (bpf_map__unpin(m, NULL) != 0) && (err == 0)) {
			err = -EIO;
		} else {
			/* not pinned by this object */
		}
	}
	return err;
}

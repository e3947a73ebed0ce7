/* bpf_object, bpf_program and bpf_map: loading clang's BPF ELF objects
 * (clang -O2 -g -target bpf), and the libbpf-named bpf_program__attach_*
 * wrappers over the fd-based attach layer. Included by <bpf/libbpf.h>; not
 * meant to be included on its own.
 *
 * Differences from libbpf, all deliberate:
 * - Objects, programs and maps live in fixed static pools:
 *   BPFLINK_MAX_OBJECTS (8), BPFLINK_MAX_PROGS (64), BPFLINK_MAX_MAPS (64)
 *   slots, set at build time (-D). Instructions are copied only while a
 *   program is loaded, into a static arena of BPFLINK_INSN_ARENA (8192)
 *   instructions shared by all objects (a program and the subprograms it
 *   calls must fit). Exhaustion gives -ENOSPC (pools) or -E2BIG (arena),
 *   with bpflink_object_diag() naming the limit.
 * - The object's bytes are used in place, never copied:
 *   bpf_object__open_mem's buffer must stay valid and unchanged until
 *   bpf_object__close; bpf_object__open_file maps the file privately.
 *   Names returned by bpf_program__name, bpf_map__name, ... point into
 *   those bytes or into the object's slots, valid until close.
 *   bpf_map__set_initial_value keeps the caller's pointer (no copy): keep
 *   the data valid until bpf_object__load.
 * - bpf_map__initial_value: before load, the section's bytes (read only:
 *   write them through bpf_map__set_initial_value); after load, the map's
 *   memory mapped shared (one mmap on first call), writable for .data and
 *   .bss, read-only for the frozen .rodata, as libbpf's skeletons see it.
 * - No feature probes: bpf_object__load issues only the object's own
 *   system calls: per map BPF_MAP_CREATE (+ BPF_MAP_UPDATE_ELEM for data
 *   with a non-zero initial value, + BPF_MAP_FREEZE for .rodata, + pinning),
 *   per program one BPF_PROG_LOAD (a second one with a log level of 1 when
 *   it fails, a log buffer was given and no log level was asked for), and
 *   one BPF_BTF_LOAD first when the object has .BTF.
 * - The object's .BTF is loaded as libbpf loads it: copied into a static
 *   arena of BPFLINK_BTF_ARENA (131072) bytes (a larger .BTF: -E2BIG, the
 *   limit named), DATASEC sizes and variable offsets filled in, hidden
 *   functions and variables made static; maps are created with their
 *   key/value type ids (data maps: their DATASEC), programs with
 *   func_info and line_info from .BTF.ext (BPFLINK_LINE_INFO (4096)
 *   records at most per program). When the kernel refuses the BTF the
 *   load goes on without it (bpflink_object_diag() says so, the kernel's
 *   BTF log goes to the log buffer given at open, else the first
 *   program's). A .BTF or .BTF.ext that is not well formed (a header,
 *   part, record size or count outside the section) fails the load with
 *   -EINVAL before any system call. Data maps are mmapable only when
 *   their DATASEC holds a non-static variable (libbpf's rule; known from
 *   load on).
 * - CO-RE relocations (.BTF.ext core_relo) are not applied: an object
 *   that carries them is refused at load with -EOPNOTSUPP, and
 *   bpflink_object_diag() names the first one. So are extern symbols
 *   other than the .kconfig LINUX_KERNEL_VERSION and CONFIG_* (ksyms,
 *   LINUX_HAS_*).
 * - .kconfig externs: LINUX_KERNEL_VERSION from uname's release, CONFIG_*
 *   from /boot/config-<release> (plain text, libbpf's syntax; the
 *   compressed /proc/config.gz is not read: such a load fails with -ENOENT
 *   and a diagnostic). They live in the internal map "<obj>.kconfig"
 *   (frozen); a missing non-__weak CONFIG_* fails with -ESRCH. Their values
 *   are built in a static buffer of BPFLINK_KCONFIG_SIZE (512) bytes
 *   (-E2BIG at open beyond, naming the limit). A load with externs adds
 *   uname, and openat + read + close of the config file when a CONFIG_* is
 *   used.
 * - Map-in-map (ARRAY_OF_MAPS, HASH_OF_MAPS with `__array(values, struct
 *   inner)`) and program arrays: `.values = { [i] = &x }` slots are
 *   written after the maps (map slots) or the programs (program slots)
 *   exist, into maps this load created (not reused pins, as libbpf); an
 *   inner definition with its own `values` is refused (-EOPNOTSUPP).
 * - bpf_program__attach on programs without auto-attach (xdp, tc, cgroup,
 *   ...) gives -EOPNOTSUPP, as libbpf does; bpf_object__attach skips them.
 * - No errno: int calls return -errno, pointer calls NULL with the error
 *   kept for libbpf_get_error(NULL).
 */
#ifndef BPFLINK_LIBBPF_OBJECT_H
#define BPFLINK_LIBBPF_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

#include "libbpf_common.h"
#include "libbpf_attach_trace.h"
#include "libbpf_attach_net.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_object;
struct bpf_program;
struct bpf_map;
struct bpf_link;

struct bpf_object_open_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	/* object name: default the file name up to its first '.', or
	 * "<addr>-<size>" in hex for open_mem */
	const char *object_name;
	bool relaxed_maps;	    /* accepted, ignored */
	const char *pin_root_path; /* maps with LIBBPF_PIN_BY_NAME: default
				    * /sys/fs/bpf */
	__u32 :32;
	const char *kconfig; /* must be NULL: .kconfig values come from
			      * /boot/config-<release> */
	const char *btf_custom_path; /* must be NULL */
	/* verifier log for every program without its own buffer */
	char *kernel_log_buf;
	size_t kernel_log_size;
	__u32 kernel_log_level;
	size_t :0;
};
#define bpf_object_open_opts__last_field kernel_log_level

/* libbpf's pinning values for BTF-defined maps. */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,
};

/* ---- objects ------------------------------------------------------------ */

/* Parse the ELF object in obj_buf[0 .. obj_buf_sz-1] (used in place: keep
 * it until close). The buffer must be readable for obj_buf_sz bytes, and
 * opts' strings (object_name, pin_root_path; and open_file's path) NULL or
 * NUL-terminated; none of them may be the library's own memory (the proof's
 * precondition, proofs/loader/README.md). NULL on failure: -ENOEXEC (not an ELF BPF object),
 * -EINVAL (malformed; bpflink_object_diag() says where), -ENOSPC (a pool
 * is full), -EOPNOTSUPP (a feature bpflink does not have). No system call. */
LIBBPF_API struct bpf_object *
bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
		     const struct bpf_object_open_opts *opts);
/* Map PATH privately and parse it: openat, fstat, mmap, close. */
LIBBPF_API struct bpf_object *bpf_object__open_file(
	const char *path, const struct bpf_object_open_opts *opts);
LIBBPF_API struct bpf_object *bpf_object__open(const char *path);

/* Create the maps and load every program whose autoload is set. Before
 * its first system call it checks the whole object: every relocation of a
 * program section on an instruction of it, against an existing symbol, of
 * a BPF type; no two sections (nor a section and the section header
 * table) sharing a byte; at most BPFLINK_MAX_SECTIONS (256) sections with
 * bytes (libbpf refuses the first kind at open). On failure every fd made
 * is closed and pins made are removed; the object can only be closed.
 * -EINVAL when already loaded. */
LIBBPF_API int bpf_object__load(struct bpf_object *obj);
/* Close every fd, unmap, release the slots. NULL-safe, idempotent while
 * the slot is not reused. Links are not destroyed (as in libbpf). */
LIBBPF_API void bpf_object__close(struct bpf_object *obj);

LIBBPF_API const char *bpf_object__name(const struct bpf_object *obj);
/* The fd of the object's BTF in the kernel after load (closed by
 * bpf_object__close), or -1: no .BTF, not loaded, or the kernel refused it
 * (the load then goes on without BTF, as libbpf's). */
LIBBPF_API int bpf_object__btf_fd(const struct bpf_object *obj);
LIBBPF_API const char *bpf_object__license(const struct bpf_object *obj);
LIBBPF_API unsigned int bpf_object__kversion(const struct bpf_object *obj);

LIBBPF_API struct bpf_program *
bpf_object__find_program_by_name(const struct bpf_object *obj,
				 const char *name);
LIBBPF_API struct bpf_map *
bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name);
LIBBPF_API int bpf_object__find_map_fd_by_name(const struct bpf_object *obj,
					       const char *name);
/* Iteration in ELF order: prev NULL gives the first. */
LIBBPF_API struct bpf_program *
bpf_object__next_program(const struct bpf_object *obj,
			 struct bpf_program *prev);
LIBBPF_API struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
						const struct bpf_map *prev);

#define bpf_object__for_each_program(pos, obj)                               \
	for ((pos) = bpf_object__next_program((obj), NULL); (pos) != NULL;  \
	     (pos) = bpf_object__next_program((obj), (pos)))
#define bpf_object__for_each_map(pos, obj)                                   \
	for ((pos) = bpf_object__next_map((obj), NULL); (pos) != NULL;      \
	     (pos) = bpf_object__next_map((obj), (pos)))

/* Pin every created map, as libbpf: with a path under "path/<map name>"
 * with every '.' of it made '_' (bpffs refuses names holding '.'; data
 * maps are named "<obj>.rodata"), without it each map that has a pin path
 * at it. On a failure the maps pinned so far are unpinned (as libbpf)
 * and the error is returned.
 * Unpin: with a path, "path/<map name>" ('.' made '_') is unlinked for
 * every map whoever pinned it, stopping at the first failure (e.g.
 * -ENOENT); without, the maps this object pinned. */
LIBBPF_API int bpf_object__pin_maps(struct bpf_object *obj, const char *path);
LIBBPF_API int bpf_object__unpin_maps(struct bpf_object *obj,
				      const char *path);

/* ---- programs ----------------------------------------------------------- */

LIBBPF_API const char *bpf_program__name(const struct bpf_program *prog);
LIBBPF_API const char *
bpf_program__section_name(const struct bpf_program *prog);
/* The program's fd after load; -EINVAL (NULL), -ENOENT (not loaded). */
LIBBPF_API int bpf_program__fd(const struct bpf_program *prog);
LIBBPF_API enum bpf_prog_type bpf_program__type(const struct bpf_program *prog);
LIBBPF_API enum bpf_attach_type
bpf_program__expected_attach_type(const struct bpf_program *prog);
LIBBPF_API __u32 bpf_program__flags(const struct bpf_program *prog);
LIBBPF_API bool bpf_program__autoload(const struct bpf_program *prog);
LIBBPF_API bool bpf_program__autoattach(const struct bpf_program *prog);
/* Instructions: as in the ELF before load, as loaded (subprograms
 * appended) after. */
LIBBPF_API size_t bpf_program__insn_cnt(const struct bpf_program *prog);

/* Setters: before load only (-EBUSY after). */
LIBBPF_API int bpf_program__set_autoload(struct bpf_program *prog,
					 bool autoload);
LIBBPF_API void bpf_program__set_autoattach(struct bpf_program *prog,
					    bool autoattach);
LIBBPF_API int bpf_program__set_type(struct bpf_program *prog,
				     enum bpf_prog_type type);
LIBBPF_API int
bpf_program__set_expected_attach_type(struct bpf_program *prog,
				      enum bpf_attach_type type);
LIBBPF_API int bpf_program__set_flags(struct bpf_program *prog, __u32 flags);
/* Target of a BTF-attached program (fentry, tp_btf, lsm, iter, freplace):
 * attach_func_name is kept by pointer (keep it until load). With
 * attach_prog_fd > 0 the target is a function of that BPF program (not
 * supported: -EOPNOTSUPP at load). */
LIBBPF_API int bpf_program__set_attach_target(struct bpf_program *prog,
					      int attach_prog_fd,
					      const char *attach_func_name);
/* The verifier log goes to log_buf[0 .. log_size-1] (the library never
 * prints). level 0 with a buffer: the log is asked for only on failure. */
LIBBPF_API int bpf_program__set_log_buf(struct bpf_program *prog,
					char *log_buf, size_t log_size);
LIBBPF_API const char *bpf_program__log_buf(const struct bpf_program *prog,
					    size_t *log_size);
LIBBPF_API int bpf_program__set_log_level(struct bpf_program *prog,
					  __u32 log_level);
LIBBPF_API __u32 bpf_program__log_level(const struct bpf_program *prog);

/* ---- maps --------------------------------------------------------------- */

/* As libbpf: a map of .maps or "maps" by its full symbol name, a data map
 * as the kernel names it ("<obj name>.rodata", at most 15 bytes). */
LIBBPF_API const char *bpf_map__name(const struct bpf_map *map);
/* The map's fd after load (or reuse_fd); -EINVAL for NULL, -1 before. */
LIBBPF_API int bpf_map__fd(const struct bpf_map *map);
LIBBPF_API enum bpf_map_type bpf_map__type(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__key_size(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__value_size(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__max_entries(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__map_flags(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__numa_node(const struct bpf_map *map);
LIBBPF_API __u64 bpf_map__map_extra(const struct bpf_map *map);
LIBBPF_API bool bpf_map__is_internal(const struct bpf_map *map);
/* BTF type ids the map is created with (0: none): a BTF-defined map's
 * __type(key, ...) / __type(value, ...); a data map's value is the
 * DATASEC of its section (known after load). */
LIBBPF_API __u32 bpf_map__btf_key_type_id(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__btf_value_type_id(const struct bpf_map *map);
LIBBPF_API bool bpf_map__autocreate(const struct bpf_map *map);

/* Setters: before load only (-EBUSY after). */
LIBBPF_API int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type);
LIBBPF_API int bpf_map__set_key_size(struct bpf_map *map, __u32 size);
LIBBPF_API int bpf_map__set_value_size(struct bpf_map *map, __u32 size);
LIBBPF_API int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries);
LIBBPF_API int bpf_map__set_map_flags(struct bpf_map *map, __u32 flags);
LIBBPF_API int bpf_map__set_numa_node(struct bpf_map *map, __u32 numa_node);
LIBBPF_API int bpf_map__set_map_extra(struct bpf_map *map, __u64 map_extra);
LIBBPF_API int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate);
/* data[0 .. size-1] becomes the initial value (size must be the value
 * size; the pointer is kept, not the bytes: keep them until load). */
LIBBPF_API int bpf_map__set_initial_value(struct bpf_map *map,
					  const void *data, size_t size);
LIBBPF_API void *bpf_map__initial_value(struct bpf_map *map, size_t *psize);
/* Pin path (copied, at most BPFLINK_PIN_PATH_MAX - 1 bytes, else
 * -ENAMETOOLONG with a diagnostic). At load an existing pin there is
 * reused (after checking it is compatible: -EINVAL if not), else the new
 * map is pinned there. NULL clears it. Pinning (at load, bpf_map__pin,
 * bpf_object__pin_maps) makes the path's parent directory when it is
 * missing (one level, mode 0700, as libbpf; e.g. the pin_root_path of
 * LIBBPF_PIN_BY_NAME maps) and refuses a directory not on bpffs (-EINVAL);
 * a failed load removes the pins and the directories it made, a
 * successful one leaves them (unpin does not remove directories). */
LIBBPF_API int bpf_map__set_pin_path(struct bpf_map *map, const char *path);
LIBBPF_API const char *bpf_map__pin_path(const struct bpf_map *map);
LIBBPF_API bool bpf_map__is_pinned(const struct bpf_map *map);
LIBBPF_API int bpf_map__pin(struct bpf_map *map, const char *path);
LIBBPF_API int bpf_map__unpin(struct bpf_map *map, const char *path);
/* A map-in-map's inner map template, made from `__array(values, struct
 * inner_def)` (named "<outer>.inner", kernel name truncated to 15
 * characters): adjust its definition before load with the setters; the
 * load creates it only to give the outer map its inner_map_fd and closes
 * it at once. NULL for other maps, after load, and once set_inner_map_fd
 * replaced it (as libbpf). Its slot is the object's until close. */
LIBBPF_API struct bpf_map *bpf_map__inner_map(struct bpf_map *map);
/* Create the map-in-map map with fd (a map of the inner kind) as its
 * inner_map_fd instead of a template: before load, once; fd stays the
 * caller's (not dup'ed, not closed). -EINVAL: not a map-in-map, fd < 0, set
 * already; -EBUSY after load. */
LIBBPF_API int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd);
/* Use fd (dup'ed, close-on-exec) instead of creating the map. */
LIBBPF_API int bpf_map__reuse_fd(struct bpf_map *map, int fd);

/* Element access after load; key_sz and value_sz must match the map's
 * (-EINVAL), as in libbpf (per-CPU maps: value_sz covers every CPU). */
LIBBPF_API int bpf_map__lookup_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    void *value, size_t value_sz, __u64 flags);
LIBBPF_API int bpf_map__update_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    const void *value, size_t value_sz,
				    __u64 flags);
LIBBPF_API int bpf_map__delete_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    __u64 flags);
LIBBPF_API int bpf_map__get_next_key(const struct bpf_map *map,
				     const void *cur_key, void *next_key,
				     size_t key_sz);

/* ---- attach ------------------------------------------------------------- */

/* Attach by the program's SEC() as libbpf's auto-attach does: kprobe/,
 * kretprobe/, ksyscall/, kretsyscall/, uprobe/PATH:FUNC[+OFF], uretprobe/,
 * uprobe.multi/PATH:PATTERN, tracepoint/ and tp/CAT/NAME, raw_tp/ and
 * raw_tracepoint/NAME, tp_btf/, fentry/, fexit/, fmod_ret/, lsm/, iter/.
 * Others: NULL with -EOPNOTSUPP. */
LIBBPF_API struct bpf_link *bpf_program__attach(const struct bpf_program *prog);

LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event(const struct bpf_program *prog, int pfd);
LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
				    const struct bpf_perf_event_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe(const struct bpf_program *prog, bool retprobe,
			   const char *func_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
				const char *func_name,
				const struct bpf_kprobe_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_ksyscall(const struct bpf_program *prog,
			     const char *syscall_name,
			     const struct bpf_ksyscall_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe(const struct bpf_program *prog, bool retprobe,
			   int pid, const char *binary_path,
			   size_t func_offset);
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_opts(const struct bpf_program *prog, int pid,
				const char *binary_path, size_t func_offset,
				const struct bpf_uprobe_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_multi(const struct bpf_program *prog, int pid,
				 const char *binary_path,
				 const char *func_pattern,
				 const struct bpf_uprobe_multi_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint(const struct bpf_program *prog,
			       const char *tp_category, const char *tp_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint_opts(const struct bpf_program *prog,
				    const char *tp_category,
				    const char *tp_name,
				    const struct bpf_tracepoint_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
				   const char *tp_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog,
					const char *tp_name,
					struct bpf_raw_tracepoint_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_trace(const struct bpf_program *prog);
LIBBPF_API struct bpf_link *
bpf_program__attach_trace_opts(const struct bpf_program *prog,
			       const struct bpf_trace_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_lsm(const struct bpf_program *prog);
LIBBPF_API struct bpf_link *
bpf_program__attach_iter(const struct bpf_program *prog,
			 const struct bpf_iter_attach_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_cgroup(const struct bpf_program *prog, int cgroup_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_netns(const struct bpf_program *prog, int netns_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_sockmap(const struct bpf_program *prog, int map_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex);
LIBBPF_API struct bpf_link *
bpf_program__attach_tcx(const struct bpf_program *prog, int ifindex,
			const struct bpf_tcx_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_netkit(const struct bpf_program *prog, int ifindex,
			   const struct bpf_netkit_opts *opts);
LIBBPF_API struct bpf_link *
bpf_program__attach_netfilter(const struct bpf_program *prog,
			      const struct bpf_netfilter_opts *opts);

/* Replace the link's program (BPF_LINK_UPDATE). 1 system call. */
LIBBPF_API int bpf_link__update_program(struct bpf_link *link,
					struct bpf_program *prog);

/* ---- skeleton-like helpers (bpflink) ------------------------------------ */

/* Attach every loaded program with auto-attach (bpf_program__attach), as
 * a skeleton's __attach does, skipping programs not loaded, with
 * autoattach off, or whose SEC() has no auto-attach. Each link is kept by
 * its program (bpflink_program_link). On a failure the links made by this
 * call are destroyed and the error returned. Not in libbpf (bpflink). */
LIBBPF_API int bpf_object__attach(struct bpf_object *obj);
/* Destroy every link bpf_object__attach made. NULL-safe. */
LIBBPF_API void bpf_object__detach(struct bpf_object *obj);
/* The link bpf_object__attach made for prog, or NULL. */
LIBBPF_API struct bpf_link *bpflink_program_link(const struct bpf_program *prog);

/* The last diagnostic of open / load (a short sentence naming what was
 * refused or malformed, the limit hit, ...), "" when none. One value for
 * the process, as libbpf_get_error. */
LIBBPF_API const char *bpflink_object_diag(void);

struct bpflink_object_pool_stats {
	uint32_t objects;
	uint32_t objects_cap;
	uint32_t programs;
	uint32_t programs_cap;
	uint32_t maps;
	uint32_t maps_cap;
	uint32_t arena_insns; /* BPFLINK_INSN_ARENA */
};
/* Slots in use and capacities. No system call. */
LIBBPF_API void bpflink_object_pool_stats(struct bpflink_object_pool_stats *st);

#ifdef __cplusplus
}
#endif

#endif

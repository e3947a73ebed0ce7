/* Minimal BPF-side definitions for the test programs (clang -target bpf),
 * with no vmlinux.h and no libbpf-dev headers: the SEC() and map-definition
 * macros (libbpf's BTF encoding: __uint(name, N) is `int (*name)[N]`,
 * __type(name, T) is `T *name`), the few UAPI constants used, and the
 * helpers as pointers to their numbers. */
#ifndef BPFLINK_TEST_BPF_HELPERS_H
#define BPFLINK_TEST_BPF_HELPERS_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int __s32;
typedef long long __s64;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define __noinline __attribute__((noinline))
#define __kconfig __attribute__((section(".kconfig")))
#define __weak __attribute__((weak))

enum libbpf_tristate { TRI_NO = 0, TRI_YES = 1, TRI_MODULE = 2 };

enum {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_HASH_OF_MAPS = 13,
};
enum { BPF_ANY = 0, BPF_NOEXIST = 1 };
enum { BPF_F_NO_PREALLOC = 1 };
enum { LIBBPF_PIN_NONE = 0, LIBBPF_PIN_BY_NAME = 1 };
enum { XDP_ABORTED = 0, XDP_DROP = 1, XDP_PASS = 2 };

/* struct bpf_map_def of the legacy "maps" section */
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

/* raw_tp/sys_enter context: { struct pt_regs *regs; long id; } */
struct bl_raw_sys_enter {
	__u64 regs;
	__u64 id;
};

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key,
				   const void *value, __u64 flags) = (void *)2;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size,
				     const void *src) = (void *)113;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static __u64 (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_tail_call)(void *ctx, void *prog_array, __u32 index) =
	(void *)12;

#endif

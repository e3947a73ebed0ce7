/* The object's BTF in the kernel (src/object_btf.c), on the objects that
 * tests/bpf/bpf.mk builds with -g (found next to this binary: ../bpf/):
 * - every program loads with BTF: btf_id != 0, nr_func_info == the number
 *   of functions in its image (main + appended subprograms), line info;
 * - BTF-defined maps carry btf_id and their key/value type ids, data maps
 *   the DATASEC of their section as value type;
 * - the BTF fd is open after load and closed by bpf_object__close (the
 *   process's open fds counted before and after);
 * - a hidden (__hidden) subprogram loads, checked in its caller's context;
 * - a BTF the kernel refuses: the object loads without it, the caller's
 *   log buffer gets the kernel's BTF log.
 * Unprivileged: SKIPPED. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "exe.h"
#include "fds.h"
#include "kt.h"
#include "bpflink.h"

static char objdir[512];

static const char *obj_path(const char *name)
{
	static char p[700];

	snprintf(p, sizeof(p), "%s/../bpf/%s.bpf.o", objdir, name);
	return p;
}

static struct bpf_object *load(const char *name)
{
	struct bpf_object *obj = bpf_object__open_file(obj_path(name), NULL);
	int err;

	if (!obj)
		return NULL;
	err = bpf_object__load(obj);
	if (err) {
		t_puts(bpflink_object_diag());
		t_puts("\n");
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

static void prog_info(struct bpf_object *obj, const char *name,
		      struct bpf_prog_info *info)
{
	struct bpf_program *p = bpf_object__find_program_by_name(obj, name);
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	T_ASSERT(p != NULL);
	T_ASSERT_EQ(bpf_prog_get_info_by_fd(bpf_program__fd(p), info, &len), 0);
}

static void map_info(struct bpf_object *obj, const char *name,
		     struct bpf_map_info *info)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, name);
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	T_ASSERT(m != NULL);
	T_ASSERT_EQ(bpf_map_get_info_by_fd(bpf_map__fd(m), info, &len), 0);
	T_ASSERT_EQ(info->btf_key_type_id, bpf_map__btf_key_type_id(m));
	T_ASSERT_EQ(info->btf_value_type_id, bpf_map__btf_value_type_id(m));
}

/* obj_three: 3 programs of one function each; one BTF map, .rodata, .bss */
static void three_progs_and_maps(void)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	const char *names[] = { "three_a", "three_b", "three_c" };
	struct bpf_object *obj;
	__u32 btf_id;
	int fds0;

	KT_NEED_BPF();
	fds0 = t_open_fds();
	obj = load("obj_three");
	T_ASSERT(obj != NULL);
	T_ASSERT(bpf_object__btf_fd(obj) >= 3);
	T_ASSERT_EQ(t_open_fds(), fds0 + 1 + 3 + 3); /* BTF, maps, progs */
	prog_info(obj, "three_a", &pi);
	btf_id = pi.btf_id;
	for (unsigned i = 0; i < 3; i++) {
		prog_info(obj, names[i], &pi);
		T_ASSERT(pi.btf_id != 0);
		T_ASSERT_EQ(pi.btf_id, btf_id); /* one BTF for the object */
		T_ASSERT_EQ(pi.nr_func_info, 1);
		T_ASSERT(pi.nr_line_info > 0);
	}
	map_info(obj, "hits", &mi);
	T_ASSERT_EQ(mi.btf_id, btf_id);
	T_ASSERT(mi.btf_key_type_id != 0 && mi.btf_value_type_id != 0);
	map_info(obj, "obj_thre.rodata", &mi);
	T_ASSERT_EQ(mi.btf_id, btf_id);
	T_ASSERT_EQ(mi.btf_key_type_id, 0);
	T_ASSERT(mi.btf_value_type_id != 0);
	map_info(obj, "obj_thre.bss", &mi);
	T_ASSERT(mi.btf_value_type_id != 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

/* obj_maps: count_enter calls a static .text subprogram and a global one,
 * tp_getppid one; xdp_pass none. */
static void subprograms_func_info(void)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	struct bpf_object *obj;
	int fds0;

	KT_NEED_BPF();
	fds0 = t_open_fds();
	obj = load("obj_maps");
	T_ASSERT(obj != NULL);
	prog_info(obj, "count_enter", &pi);
	T_ASSERT(pi.btf_id != 0);
	T_ASSERT_EQ(pi.nr_func_info, 3);
	T_ASSERT(pi.nr_line_info > 3);
	prog_info(obj, "tp_getppid", &pi);
	T_ASSERT_EQ(pi.nr_func_info, 2);
	prog_info(obj, "xdp_pass", &pi);
	T_ASSERT_EQ(pi.nr_func_info, 1);
	T_ASSERT(pi.nr_line_info > 0);
	map_info(obj, "counters", &mi);
	T_ASSERT(mi.btf_id != 0);
	T_ASSERT(mi.btf_key_type_id != 0 && mi.btf_value_type_id != 0);
	map_info(obj, "by_nr", &mi); /* key_size/value_size: no types */
	T_ASSERT_EQ(mi.btf_key_type_id, 0);
	T_ASSERT_EQ(mi.btf_value_type_id, 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

/* A hidden global subprogram: its BTF made static (libbpf's rule), the
 * verifier checks it in its caller's context and the program loads; its
 * .data (a hidden variable only) is not mmapable, as libbpf makes it. */
static void hidden_subprogram(void)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	struct bpf_object *obj;
	int fds0;

	KT_NEED_BPF();
	fds0 = t_open_fds();
	obj = load("obj_hidden");
	T_ASSERT(obj != NULL);
	prog_info(obj, "hidden_main", &pi);
	T_ASSERT(pi.btf_id != 0);
	T_ASSERT_EQ(pi.nr_func_info, 2);
	map_info(obj, "obj_hidd.data", &mi);
	T_ASSERT(mi.btf_value_type_id != 0);
	T_ASSERT_EQ(mi.map_flags & BPF_F_MMAPABLE, 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

/* Every test object that loads, loads with BTF, and leaves no fd. */
static void every_object_with_btf(void)
{
	const char *names[] = { "obj_basic", "obj_legacy" };

	KT_NEED_BPF();
	for (unsigned k = 0; k < 2; k++) {
		int fds0 = t_open_fds();
		struct bpf_object *obj = load(names[k]);
		struct bpf_program *p;

		T_ASSERT(obj != NULL);
		T_ASSERT(bpf_object__btf_fd(obj) >= 3);
		bpf_object__for_each_program(p, obj) {
			struct bpf_prog_info pi;
			__u32 len = sizeof(pi);

			memset(&pi, 0, sizeof(pi));
			T_ASSERT_EQ(bpf_prog_get_info_by_fd(bpf_program__fd(p),
							    &pi, &len), 0);
			T_ASSERT(pi.btf_id != 0);
			T_ASSERT(pi.nr_func_info >= 1);
			T_ASSERT(pi.nr_line_info > 0);
		}
		bpf_object__close(obj);
		T_ASSERT_EQ(t_open_fds(), fds0);
	}
}

/* The kernel refuses the BTF (a FUNC's linkage made invalid: the object's
 * reader has no opinion on it, the kernel does): the object loads without
 * BTF, the caller's log buffer holds the kernel's BTF log, the diagnostic
 * says so, nothing is left open. */
static void refused_btf_loads_without(void)
{
	static char log[65536];
	LIBBPF_OPTS(bpf_object_open_opts, o, .kernel_log_buf = log,
		    .kernel_log_size = sizeof(log));
	struct bpf_prog_info pi;
	struct bpf_object *obj;
	unsigned char *img;
	size_t n;
	FILE *f = fopen(obj_path("obj_three"), "rb");
	int fds0, patched = 0;

	KT_NEED_BPF();
	T_ASSERT(f != NULL);
	fseek(f, 0, SEEK_END);
	n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	img = malloc(n);
	T_ASSERT(img && fread(img, 1, n, f) == n);
	fclose(f);
	/* the first FUNC record of .BTF: info's vlen (its linkage) := 7 */
	for (size_t i = 0; i + 24 <= n && !patched; i++) {
		uint32_t hdr, toff, tlen, pos;

		if (img[i] != 0x9f || img[i + 1] != 0xeb || img[i + 2] != 1 ||
		    memcmp(&img[i + 4], "\x18\0\0\0", 4) != 0)
			continue;
		memcpy(&hdr, &img[i + 4], 4);
		memcpy(&toff, &img[i + 8], 4);
		memcpy(&tlen, &img[i + 12], 4);
		if (i + hdr + toff + tlen > n)
			continue;
		/* obj_three's types: PTR, INT, ARRAY, ... FUNC 'three_a' is
		 * the first kind-12 record; walk fixed-size kinds only */
		for (pos = 0; pos + 12 <= tlen;) {
			unsigned char *t = &img[i + hdr + toff + pos];
			uint32_t info, kind, vlen, extra;

			memcpy(&info, t + 4, 4);
			kind = (info >> 24) & 0x1f;
			vlen = info & 0xffff;
			if (kind == 12) {
				info = (info & ~0xffffu) | 7;
				memcpy(t + 4, &info, 4);
				patched = 1;
				break;
			}
			extra = kind == 1 ? 4 : kind == 3 ? 12 :
				kind == 4 || kind == 5 ? 12 * vlen :
				kind == 6 ? 8 * vlen : kind == 13 ? 8 * vlen :
				kind == 14 ? 4 : kind == 15 ? 12 * vlen : 0;
			pos += 12 + extra;
		}
	}
	T_ASSERT(patched);
	fds0 = t_open_fds();
	memset(log, 0, sizeof(log));
	obj = bpf_object__open_mem(img, n, &o);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT_EQ(bpf_object__btf_fd(obj), -1);
	T_ASSERT(strstr(bpflink_object_diag(), "BTF") != NULL);
	T_ASSERT(strstr(log, "Invalid func linkage") != NULL); /* the kernel's */
	prog_info(obj, "three_a", &pi);
	T_ASSERT_EQ(pi.btf_id, 0);
	T_ASSERT_EQ(pi.nr_func_info, 0);
	T_ASSERT_EQ(t_open_fds(), fds0 + 3 + 3); /* maps, progs: no BTF */
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
	free(img);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	(void)t_exe_dir(objdir, sizeof(objdir));
	T_RUN(three_progs_and_maps);
	T_RUN(subprograms_func_info);
	T_RUN(hidden_subprogram);
	T_RUN(every_object_with_btf);
	T_RUN(refused_btf_loads_without);
	return T_EXIT_CODE();
}

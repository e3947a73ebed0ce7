/* The BTF reader on the running kernel's /sys/kernel/btf/vmlinux: ids found
 * by bpflink (mapped, and read into a buffer) equal the ids bpftool prints
 * for the same names and kinds; the one-pass walk is timed (printed, never
 * asserted); no fd is left open. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/btf.h>

#include "btf.h"
#include "elf.h"
#include "sys.h"
#include "t.h"
#include "fds.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

struct want {
	const char *kind_name;
	uint32_t kind;
	const char *name;
	long bpftool_id; /* filled from bpftool's dump */
};

static struct want wants[] = {
	{ "FUNC", BTF_KIND_FUNC, "do_sys_open", 0 },
	{ "FUNC", BTF_KIND_FUNC, "vfs_read", 0 },
	{ "TYPEDEF", BTF_KIND_TYPEDEF, "btf_trace_sys_enter", 0 },
	{ "TYPEDEF", BTF_KIND_TYPEDEF, "btf_trace_sched_switch", 0 },
	{ "STRUCT", BTF_KIND_STRUCT, "task_struct", 0 },
	{ "INT", BTF_KIND_INT, "int", 0 },
	{ "DATASEC", BTF_KIND_DATASEC, ".data..percpu", 0 },
	{ "FLOAT", BTF_KIND_FLOAT, "double", 0 },
	{ "DECL_TAG", BTF_KIND_DECL_TAG, "bpf_kfunc", 0 },
};
#define NWANT (sizeof(wants) / sizeof(wants[0]))

static int have_vmlinux(void)
{
	return access(VMLINUX, R_OK) == 0;
}

/* First "[id] KIND 'name'" line of bpftool's dump for each wanted type. */
static const char *bpftool_ids(void)
{
	static char line[4096];
	FILE *p;
	size_t found = 0;

	if (system("command -v bpftool >/dev/null 2>&1") != 0)
		return "bpftool not installed (Debian package bpftool)";
	p = popen("bpftool btf dump file " VMLINUX " 2>/dev/null", "r");
	if (!p)
		return "cannot run bpftool";
	while (fgets(line, sizeof(line), p)) {
		char kind[32], name[256];
		long id;

		if (line[0] != '[' ||
		    sscanf(line, "[%ld] %31s '%255[^']'", &id, kind, name) != 3)
			continue;
		for (size_t i = 0; i < NWANT; i++) {
			if (wants[i].bpftool_id == 0 &&
			    strcmp(kind, wants[i].kind_name) == 0 &&
			    strcmp(name, wants[i].name) == 0) {
				wants[i].bpftool_id = id;
				found++;
			}
		}
	}
	if (pclose(p) != 0 && found == 0)
		return "bpftool btf dump failed";
	return NULL;
}

static void ids_match_bpftool(void)
{
	const char *why;
	int fds = t_open_fds(), checked = 0;

	if (!have_vmlinux())
		T_SKIP("no " VMLINUX " (kernel without CONFIG_DEBUG_INFO_BTF)");
	why = bpftool_ids();
	if (why)
		T_SKIP(why);
	for (size_t i = 0; i < NWANT; i++) {
		int id = bl_btf_vmlinux_find(wants[i].name, wants[i].kind, NULL, 0);

		if (wants[i].bpftool_id == 0) {
			/* bpftool has no such type here: neither have we. */
			T_ASSERT_EQ(id, -ENOENT);
			continue;
		}
		if (id != wants[i].bpftool_id) {
			t_puts("    ");
			t_puts(wants[i].name);
			t_puts("\n");
		}
		T_ASSERT_EQ(id, wants[i].bpftool_id);
		checked++;
	}
	T_ASSERT(checked >= 5);
	T_ASSERT_EQ(bl_btf_vmlinux_find("no_such_function_bpflink", BTF_KIND_FUNC,
					NULL, 0), -ENOENT);
	/* A FUNC name asked as a STRUCT is not found. */
	T_ASSERT_EQ(bl_btf_vmlinux_find("do_sys_open", BTF_KIND_STRUCT, NULL, 0),
		    -ENOENT);
	T_ASSERT_EQ(t_open_fds(), fds);
}

/* The read() fallback into the caller's buffer finds the same ids. */
static void read_fallback_same_ids(void)
{
	struct stat st;
	size_t len = 0;
	uint8_t *buf;
	struct bl_btf b;
	uint32_t id;
	int fds = t_open_fds();

	if (!have_vmlinux())
		T_SKIP("no " VMLINUX);
	T_ASSERT(stat(VMLINUX, &st) == 0 && st.st_size > 0);
	buf = malloc((size_t)st.st_size + 1);
	T_ASSERT(buf != NULL);
	T_ASSERT_EQ(bl_file_read(VMLINUX, buf, (size_t)st.st_size, &len), 0);
	T_ASSERT_EQ(len, st.st_size);
	T_ASSERT_EQ(bl_btf_init(&b, buf, len), 0);
	for (size_t i = 0; i < NWANT; i++) {
		int mapped = bl_btf_vmlinux_find(wants[i].name, wants[i].kind,
						 NULL, 0);
		int r = bl_btf_find(&b, (const uint8_t *)wants[i].name,
				    strlen(wants[i].name), wants[i].kind, &id);

		if (mapped < 0) {
			T_ASSERT_EQ(r, mapped);
			continue;
		}
		T_ASSERT_EQ(r, 0);
		T_ASSERT_EQ(id, mapped);
	}
	/* One byte short of the file: -E2BIG, not a truncated parse. */
	T_ASSERT_EQ(bl_file_read(VMLINUX, buf, (size_t)st.st_size - 1, &len),
		    -E2BIG);
	free(buf);
	T_ASSERT_EQ(t_open_fds(), fds);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The whole type section in one pass: every record checked. */
static void one_pass_walk(void)
{
	void *map;
	size_t len;
	struct bl_btf b;
	uint32_t nr = 0, id;
	double t0, t1, t2;
	char msg[160];
	int fds = t_open_fds();

	if (!have_vmlinux())
		T_SKIP("no " VMLINUX);
	T_ASSERT_EQ(bl_file_map(VMLINUX, &map, &len), 0);
	T_ASSERT_EQ(bl_btf_init(&b, map, len), 0);
	t0 = now_ms();
	T_ASSERT_EQ(bl_btf_count(&b, &nr), 0);
	t1 = now_ms();
	/* A name near the end costs about one pass too. */
	T_ASSERT_EQ(bl_btf_find(&b, (const uint8_t *)"do_sys_open", 11,
				BTF_KIND_FUNC, &id), 0);
	t2 = now_ms();
	T_ASSERT(nr > 1000);
	T_ASSERT(id >= 1 && id <= nr);
	snprintf(msg, sizeof(msg),
		 "    vmlinux BTF: %zu bytes, %u types; one pass %.3f ms, "
		 "find do_sys_open (id %u) %.3f ms\n",
		 len, nr, t1 - t0, id, t2 - t1);
	t_puts(msg);
	T_ASSERT_EQ(bl_sys_munmap(map, len), 0);
	T_ASSERT_EQ(t_open_fds(), fds);
}

int main(void)
{
	T_RUN(ids_match_bpftool);
	T_RUN(read_fallback_same_ids);
	T_RUN(one_pass_walk);
	return T_EXIT_CODE();
}

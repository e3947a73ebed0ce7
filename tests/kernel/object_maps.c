/* The object loader's map features against the running kernel, on objects
 * that tests/bpf/bpf.mk builds (../bpf/ next to this binary):
 * - obj_mim: map-in-map and program-array slots. The inner template is
 *   seen before load and gone after (its fd closed: only the object's own
 *   maps and programs stay open); the outer maps' slots hold the inner
 *   maps (their ids read back from user space); a known number of
 *   getppid() calls moves inner_a's counter (through outer) and inner_b's
 *   (through the tail-called program and outer_hash), read through the
 *   inner maps' own fds; after destroy both stop. Again with
 *   bpf_map__set_inner_map_fd instead of the template (the caller's fd
 *   left open).
 * - obj_pin: pinning by name under a pin root whose last directory is
 *   missing (made, 0700, as libbpf), reused by a second object; a pin root
 *   two levels missing fails (nothing made); a root not on bpffs fails and
 *   the directory made for it is removed; bpf_map__pin and
 *   bpf_object__pin_maps make the parent directory too.
 * - obj_three: bpf_object__pin_maps(path) pins the data maps with '.' made
 *   '_' (bpffs refuses '.'), bpf_object__unpin_maps(path) from another
 *   object removes them.
 * - obj_kconfig: .kconfig externs from a /boot/config-<release> written
 *   on a private tmpfs over /boot: the program sees LINUX_KERNEL_VERSION
 *   (from uname) and every CONFIG_BL_* value, the weak absent one as 0; no
 *   file, a strong extern missing, a value of the wrong kind: the load
 *   fails with a diagnostic and no fd left.
 * bpffs and tmpfs are mounted in a private mount namespace, directories are
 * removed at the end. Unprivileged: SKIPPED. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "t.h"
#include "exe.h"
#include "fds.h"
#include "kt.h"
#include "bpflink.h"

#define PINDIR "/sys/fs/bpf"

static int bpffs_ok, boot_ok;
static char objdir[512];

static const char *obj_path(const char *name)
{
	static char p[700];

	snprintf(p, sizeof(p), "%s/../bpf/%s.bpf.o", objdir, name);
	return p;
}

static unsigned long long counter(int fd)
{
	uint32_t k = 0;
	uint64_t v = 0;

	if (bpf_map_lookup_elem(fd, &k, &v))
		return ~0ull;
	return v;
}

static unsigned map_id(int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(fd, &info, &len))
		return 0;
	return info.id;
}

static void getppids(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static struct bpf_object *open_mim(void)
{
	struct bpf_object *obj = bpf_object__open_file(obj_path("obj_mim"), NULL);
	struct bpf_map *ro;
	static int pid[1];

	if (!obj)
		return NULL;
	pid[0] = getpid();
	ro = bpf_object__find_map_by_name(obj, ".rodata");
	if (!ro || bpf_map__set_initial_value(ro, pid, sizeof(pid))) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

/* Load obj_mim, check the slots, count through both paths, destroy. */
static void run_mim(struct bpf_object *obj, int fds0, int extra_fds)
{
	struct bpf_map *a, *b, *outer, *outer_hash;
	struct bpf_link *l;
	uint32_t k;
	uint32_t id = 0;
	const int N = 40;

	a = bpf_object__find_map_by_name(obj, "inner_a");
	b = bpf_object__find_map_by_name(obj, "inner_b");
	outer = bpf_object__find_map_by_name(obj, "outer");
	outer_hash = bpf_object__find_map_by_name(obj, "outer_hash");
	T_ASSERT(a && b && outer && outer_hash);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	T_ASSERT(bpf_map__inner_map(outer) == NULL); /* gone, as libbpf */
	/* 6 maps (inner_a, inner_b, outer, outer_hash, jmp, .rodata), 2
	 * programs and the object's BTF: the templates were closed */
	T_ASSERT_EQ(t_open_fds(), fds0 + 9 + extra_fds);
	k = 0;
	T_ASSERT_EQ(bpf_map_lookup_elem(bpf_map__fd(outer), &k, &id), 0);
	T_ASSERT(id != 0);
	T_ASSERT_EQ(id, map_id(bpf_map__fd(a)));
	k = 1;
	T_ASSERT_EQ(bpf_map_lookup_elem(bpf_map__fd(outer), &k, &id), -ENOENT);
	k = 3;
	T_ASSERT_EQ(bpf_map_lookup_elem(bpf_map__fd(outer_hash), &k, &id), 0);
	T_ASSERT_EQ(id, map_id(bpf_map__fd(b)));

	l = bpf_program__attach(bpf_object__find_program_by_name(obj, "mim_enter"));
	T_ASSERT(l != NULL);
	getppids(N);
	T_ASSERT_EQ(counter(bpf_map__fd(a)), N);
	T_ASSERT_EQ(counter(bpf_map__fd(b)), N); /* tail call, hash of maps */
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	getppids(N);
	T_ASSERT_EQ(counter(bpf_map__fd(a)), N);
	T_ASSERT_EQ(counter(bpf_map__fd(b)), N);
}

static void test_map_in_map(void)
{
	struct bpf_object *obj;
	struct bpf_map *outer, *in;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	obj = open_mim();
	T_ASSERT(obj != NULL);
	outer = bpf_object__find_map_by_name(obj, "outer");
	T_ASSERT(outer != NULL);
	T_ASSERT_EQ(bpf_map__type(outer), BPF_MAP_TYPE_ARRAY_OF_MAPS);
	T_ASSERT_EQ(bpf_map__value_size(outer), 4);
	in = bpf_map__inner_map(outer);
	T_ASSERT(in != NULL);
	T_ASSERT(strcmp(bpf_map__name(in), "outer.inner") == 0);
	T_ASSERT_EQ(bpf_map__type(in), BPF_MAP_TYPE_ARRAY);
	T_ASSERT_EQ(bpf_map__value_size(in), 8);
	T_ASSERT_EQ(bpf_map__max_entries(in), 1);
	run_mim(obj, fds0, 0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_set_inner_map_fd(void)
{
	struct bpf_object *obj;
	struct bpf_map *outer, *outer_hash;
	int fds0 = t_open_fds(), fd;

	KT_NEED_BPF();
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_tmpl", 4, 8, 1, NULL);
	T_ASSERT(fd >= 3);
	obj = open_mim();
	T_ASSERT(obj != NULL);
	outer = bpf_object__find_map_by_name(obj, "outer");
	outer_hash = bpf_object__find_map_by_name(obj, "outer_hash");
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, fd), 0);
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(outer, fd), -EINVAL); /* once */
	T_ASSERT(bpf_map__inner_map(outer) == NULL);
	T_ASSERT(bpf_map__inner_map(outer_hash) != NULL);
	T_ASSERT_EQ(bpf_map__set_inner_map_fd(
			    bpf_object__find_map_by_name(obj, "inner_a"), fd),
		    -EINVAL); /* not a map-in-map */
	run_mim(obj, fds0, 1);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0 + 1); /* the caller's fd stays */
	T_ASSERT_EQ(close(fd), 0);
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

static struct bpf_object *open_pin(const char *root)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .pin_root_path = root);

	return bpf_object__open_file(obj_path("obj_pin"), &o);
}

static void test_pin_root_made(void)
{
	char root[128], pin[160];
	struct bpf_object *a, *b;
	struct bpf_map *ma, *mb;
	struct stat st;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	if (!bpffs_ok)
		T_SKIP("no private bpffs (not root or no mount namespace)");
	snprintf(root, sizeof(root), PINDIR "/blroot_%d", getpid());
	snprintf(pin, sizeof(pin), "%s/pinned_cnt", root);
	T_ASSERT(!exists(root));
	a = open_pin(root);
	b = open_pin(root);
	T_ASSERT(a && b);
	ma = bpf_object__find_map_by_name(a, "pinned_cnt");
	mb = bpf_object__find_map_by_name(b, "pinned_cnt");
	T_ASSERT(strcmp(bpf_map__pin_path(ma), pin) == 0);
	T_ASSERT(bpf_map__pin_path(bpf_object__find_map_by_name(a, "plain_cnt")) == NULL);
	T_ASSERT_EQ(bpf_object__load(a), 0);
	T_ASSERT(is_dir(root));
	T_ASSERT_EQ(stat(root, &st), 0);
	T_ASSERT_EQ(st.st_mode & 0777, 0700);
	T_ASSERT(exists(pin));
	T_ASSERT(bpf_map__is_pinned(ma));
	T_ASSERT_EQ(bpf_object__load(b), 0); /* the pin is reused */
	T_ASSERT(!bpf_map__is_pinned(mb));
	T_ASSERT_EQ(map_id(bpf_map__fd(ma)), map_id(bpf_map__fd(mb)));
	bpf_object__close(b);
	T_ASSERT_EQ(bpf_object__unpin_maps(a, NULL), 0);
	T_ASSERT(!exists(pin));
	bpf_object__close(a);
	T_ASSERT_EQ(rmdir(root), 0); /* libbpf leaves the directory too */
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_pin_root_failures(void)
{
	char root[128], tmp[128];
	struct bpf_object *obj;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	if (!bpffs_ok)
		T_SKIP("no private bpffs (not root or no mount namespace)");
	/* two levels missing: mkdir of the parent fails, nothing is made */
	snprintf(root, sizeof(root), PINDIR "/blmiss_%d/deeper", getpid());
	obj = open_pin(root);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), -ENOENT);
	T_ASSERT(strstr(bpflink_object_diag(), "pinned_cnt") != NULL);
	T_ASSERT_EQ(t_open_fds(), fds0);
	bpf_object__close(obj);
	snprintf(root, sizeof(root), PINDIR "/blmiss_%d", getpid());
	T_ASSERT(!exists(root));
	/* not bpffs: -EINVAL, the directory made for the pin removed again */
	snprintf(tmp, sizeof(tmp), "/tmp/blpin_%d", getpid());
	obj = open_pin(tmp);
	T_ASSERT(obj != NULL);
	T_ASSERT_EQ(bpf_object__load(obj), -EINVAL);
	T_ASSERT(!exists(tmp));
	T_ASSERT_EQ(t_open_fds(), fds0);
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static void test_pin_calls_make_dir(void)
{
	char dir[128], path[160], pm[128], pm_path[192];
	struct bpf_object *obj;
	struct bpf_map *m;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	if (!bpffs_ok)
		T_SKIP("no private bpffs (not root or no mount namespace)");
	snprintf(dir, sizeof(dir), PINDIR "/bldir_%d", getpid());
	snprintf(path, sizeof(path), "%s/plain", dir);
	snprintf(pm, sizeof(pm), PINDIR "/blpm_%d", getpid());
	snprintf(pm_path, sizeof(pm_path), "%s/pinned_cnt", pm);
	obj = open_pin(PINDIR);
	T_ASSERT(obj != NULL);
	m = bpf_object__find_map_by_name(obj, "pinned_cnt");
	T_ASSERT_EQ(bpf_map__set_pin_path(m, NULL), 0); /* no pin at load */
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	m = bpf_object__find_map_by_name(obj, "plain_cnt");
	T_ASSERT_EQ(bpf_map__pin(m, path), 0);
	T_ASSERT(is_dir(dir) && exists(path));
	T_ASSERT_EQ(bpf_map__unpin(m, NULL), 0);
	T_ASSERT(!exists(path));
	T_ASSERT_EQ(bpf_object__pin_maps(obj, pm), 0);
	T_ASSERT(exists(pm_path));
	T_ASSERT_EQ(bpf_object__unpin_maps(obj, pm), 0);
	T_ASSERT(!exists(pm_path));
	bpf_object__close(obj);
	T_ASSERT_EQ(rmdir(dir), 0);
	T_ASSERT_EQ(rmdir(pm), 0);
	T_ASSERT_EQ(t_open_fds(), fds0);
}

static int write_config(const char *text)
{
	struct utsname u;
	char path[128];
	FILE *f;

	if (uname(&u))
		return -1;
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	if (!text)
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int kcfg_load(int expect_err, const char *diag)
{
	struct bpf_object *obj;
	int fds0 = t_open_fds(), err;

	obj = bpf_object__open_file(obj_path("obj_kconfig"), NULL);
	if (!obj)
		return -1;
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	if (err != expect_err || !strstr(bpflink_object_diag(), diag))
		return -2;
	return t_open_fds() == fds0 ? 0 : -3;
}



/* bpf_object__pin_maps with a path on an object with data maps: bpffs
 * refuses names holding '.', so "obj_thre.rodata" is pinned as
 * "obj_thre_rodata" (as libbpf). A second object (a later run of an agent)
 * removes the pins with bpf_object__unpin_maps(path) although it pinned
 * nothing itself; a third call finds nothing to remove (-ENOENT). */
static void test_pin_maps_data(void)
{
	char dir[128], ro[200], bss[200], hits[200];
	struct bpf_object *a, *b;
	int fds0 = t_open_fds();

	KT_NEED_BPF();
	if (!bpffs_ok)
		T_SKIP("no private bpffs (not root or no mount namespace)");
	snprintf(dir, sizeof(dir), PINDIR "/bldata_%d", getpid());
	snprintf(ro, sizeof(ro), "%s/obj_thre_rodata", dir);
	snprintf(bss, sizeof(bss), "%s/obj_thre_bss", dir);
	snprintf(hits, sizeof(hits), "%s/hits", dir);
	T_ASSERT_EQ(mkdir(dir, 0700), 0);
	a = bpf_object__open_file(obj_path("obj_three"), NULL);
	T_ASSERT(a != NULL);
	T_ASSERT_EQ(bpf_object__load(a), 0);
	T_ASSERT_EQ(bpf_object__pin_maps(a, dir), 0);
	T_ASSERT(exists(ro) && exists(bss) && exists(hits));
	T_ASSERT(bpf_map__is_pinned(bpf_object__find_map_by_name(a,
					"obj_thre.rodata")));
	bpf_object__close(a); /* the pins stay */
	T_ASSERT(exists(ro) && exists(bss) && exists(hits));

	b = bpf_object__open_file(obj_path("obj_three"), NULL);
	T_ASSERT(b != NULL);
	T_ASSERT_EQ(bpf_object__unpin_maps(b, dir), 0);
	T_ASSERT(!exists(ro) && !exists(bss) && !exists(hits));
	T_ASSERT_EQ(bpf_object__unpin_maps(b, dir), -ENOENT);
	bpf_object__close(b);
	T_ASSERT_EQ(rmdir(dir), 0);
	T_ASSERT_EQ(t_open_fds(), fds0);
}
static void test_kconfig(void)
{
	static const char cfg[] =
		"# comment\n"
		"CONFIG_BL_NUM=-42\n"
		"# CONFIG_BL_OTHER is not set\n"
		"CONFIG_BL_BOOL=y\n"
		"CONFIG_BL_TRI=m\n"
		"CONFIG_BL_STR=\"abcdefghij\"\n"
		"CONFIG_BL_HEX=0x123456789a\n";
	struct {
		uint32_t version;
		int num, tri, absent;
		long long hex;
		char str[8];
		_Bool b;
	} *out;
	struct bpf_object *obj;
	struct bpf_map *ro, *bss;
	struct bpf_link *l;
	struct utsname u;
	unsigned a = 0, b = 0, c = 0;
	int fds0 = t_open_fds(), pid[1] = { getpid() };
	size_t sz = 0;

	KT_NEED_BPF();
	if (!boot_ok)
		T_SKIP("no private tmpfs on /boot (not root or no mount namespace)");
	T_ASSERT_EQ(write_config(cfg), 0);
	obj = bpf_object__open_file(obj_path("obj_kconfig"), NULL);
	T_ASSERT(obj != NULL);
	T_ASSERT(bpf_object__find_map_by_name(obj, ".kconfig") != NULL);
	T_ASSERT(bpf_map__is_internal(bpf_object__find_map_by_name(obj, ".kconfig")));
	ro = bpf_object__find_map_by_name(obj, ".rodata");
	bss = bpf_object__find_map_by_name(obj, ".bss");
	T_ASSERT(ro && bss);
	T_ASSERT_EQ(bpf_map__set_initial_value(ro, pid, sizeof(pid)), 0);
	T_ASSERT_EQ(bpf_object__load(obj), 0);
	l = bpf_program__attach(bpf_object__find_program_by_name(obj, "kcfg_copy"));
	T_ASSERT(l != NULL);
	getppids(1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	out = bpf_map__initial_value(bss, &sz);
	T_ASSERT(out != NULL && sz >= sizeof(*out));
	T_ASSERT_EQ(uname(&u), 0);
	T_ASSERT(sscanf(u.release, "%u.%u.%u", &a, &b, &c) == 3);
	T_ASSERT_EQ(out->version, (a << 16) + (b << 8) + (c > 255 ? 255 : c));
	T_ASSERT_EQ(out->num, -42);
	T_ASSERT_EQ(out->b, 1);
	T_ASSERT_EQ(out->tri, 2); /* TRI_MODULE */
	T_ASSERT_EQ(out->hex, 0x123456789aLL);
	T_ASSERT(memcmp(out->str, "abcdefg", 8) == 0); /* cut, NUL-ended */
	T_ASSERT_EQ(out->absent, 0); /* weak */
	bpf_object__close(obj);
	T_ASSERT_EQ(t_open_fds(), fds0);

	/* a strong extern missing, a value of the wrong kind, no file */
	T_ASSERT_EQ(write_config("CONFIG_BL_BOOL=y\nCONFIG_BL_TRI=n\n"
				 "CONFIG_BL_STR=\"x\"\nCONFIG_BL_HEX=1\n"), 0);
	T_ASSERT_EQ(kcfg_load(-ESRCH, "CONFIG_BL_NUM"), 0);
	T_ASSERT_EQ(write_config("CONFIG_BL_NUM=1\nCONFIG_BL_BOOL=m\n"), 0);
	T_ASSERT_EQ(kcfg_load(-EINVAL, "CONFIG_BL_BOOL"), 0);
	T_ASSERT_EQ(write_config(NULL), 0);
	T_ASSERT_EQ(kcfg_load(-ENOENT, "config.gz"), 0);
}

static void setup_ns(void)
{
	(void)t_exe_dir(objdir, sizeof(objdir));
	if (geteuid() != 0 || unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return;
	if (mount("bpf", PINDIR, "bpf", 0, NULL) == 0)
		bpffs_ok = 1;
	if (mount("tmpfs", "/boot", "tmpfs", 0, "size=64k") == 0)
		boot_ok = 1;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setup_ns();
	T_RUN(test_map_in_map);
	T_RUN(test_set_inner_map_fd);
	T_RUN(test_pin_root_made);
	T_RUN(test_pin_root_failures);
	T_RUN(test_pin_calls_make_dir);
	T_RUN(test_pin_maps_data);
	T_RUN(test_kconfig);
	if (bpffs_ok)
		umount(PINDIR);
	if (boot_ok)
		umount("/boot");
	return T_EXIT_CODE();
}

/* bpflink load OBJ.o [--pin DIR] [--prog NAME]... [--map-pin DIR]
 *                    [--cgroup PATH] [--dev IFNAME]
 *
 * Opens and loads the object (only the named programs with --prog),
 * attaches every auto-attachable program (cgroup programs on --cgroup,
 * xdp and tc programs on --dev; the named ones must all attach), pins each
 * link at DIR/<program name> (DIR defaults to /sys/fs/bpf/<object name>)
 * and every map at MAPDIR/<map name> with --map-pin, reads each pin back,
 * and exits 0 leaving the links attached through their pins. It mounts
 * bpffs on /sys/fs/bpf when a pin directory is below it and tracefs on
 * /sys/kernel/tracing when a tracepoint program needs it (sysfs on /sys
 * first when missing), and says so. On any failure: one line on stderr
 * (the verifier's log after it when the kernel refused a program), every
 * pin made removed, every link destroyed, exit 1.
 */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>

#include "bpf/bpf.h"
#include "bpf/libbpf.h"
#include "bpflink.h"
#include "bpflink_rt.h"
#include "cmd.h"
#include "sys.h"

#define LOAD_MAX_NAMED 16U
#define LOAD_MAX_PROGS 64U
#define LOAD_LOG_CAP 32768U
#define LOAD_BPFFS "/sys/fs/bpf"
#define LOAD_TRACEFS "/sys/kernel/tracing"

struct load_opts {
	const char *obj;
	const char *pin_dir;
	const char *map_dir;
	const char *cgroup;
	const char *dev;
	const char *named[LOAD_MAX_NAMED];
	uint32_t n_named;
};

/* One attached program: its link, kernel link id and type, and whether
 * its pin (DIR/<program name>, rebuilt when needed) was made. */
struct load_done {
	struct bpf_program *prog;
	struct bpf_link *link;
	uint32_t id;
	uint32_t type;
	bool pinned;
};

/* The scalars first: a load resets only those (start_state), so the arrays
 * behind them are written before they are read, and a load touches only
 * the pages of the entries it uses (peak RSS). */
struct load_state {
	struct bpf_object *obj;
	uint32_t n_done;
	uint32_t n_maps;
	bool made_pin_dir;
	bool made_map_dir;
	int cg_fd;
	int ifindex;
	char pin_dir[CMD_PATH_MAX];
	char map_dir[CMD_PATH_MAX];
	struct load_done done[LOAD_MAX_PROGS];
	struct bpf_map *pinned_maps[LOAD_MAX_PROGS];
};

static void load_help(void)
{
	out_s("Usage: bpflink load OBJ.o [--pin DIR] [--prog NAME]... "
	      "[--map-pin DIR]\n"
	      "                   [--cgroup PATH] [--dev IFNAME] [-j]\n"
	      "Load a BPF ELF object (clang -O2 -g -target bpf), attach "
	      "every auto-attachable\n"
	      "program (or only the --prog ones; cgroup programs on "
	      "--cgroup, xdp/tc on --dev),\n"
	      "pin each link at DIR/<program> (default "
	      "/sys/fs/bpf/<object>) and each map at\n"
	      "MAPDIR/<map> (--map-pin), then exit 0 with the links "
	      "attached. Mounts bpffs on\n"
	      "/sys/fs/bpf and tracefs on /sys/kernel/tracing when needed. "
	      "On failure nothing\n"
	      "stays attached or pinned. Undo with: bpflink unpin DIR\n");
}

static int parse_load(const struct cmd_args *a, struct load_opts *o)
{
	int i = 0;
	int rc = CMD_OK;

	while ((i < a->argc) && (rc == CMD_OK)) {
		const char *s = a->argv[i];
		const char *v = ((i + 1) < a->argc) ? a->argv[i + 1] : NULL;
		bool takes = true;

		if (cmd_is_help(s)) {
			load_help();
			return -1;
		}
		if (cmd_streq(s, "-j")) {
			takes = false;
		} else if ((s[0] != '-') && (o->obj == NULL)) {
			o->obj = s;
			takes = false;
		} else if (v == NULL) {
			rc = cmd_usage_err("load", "bad or incomplete option", s);
		} else if (cmd_streq(s, "--pin")) {
			o->pin_dir = v;
		} else if (cmd_streq(s, "--map-pin")) {
			o->map_dir = v;
		} else if (cmd_streq(s, "--cgroup")) {
			o->cgroup = v;
		} else if (cmd_streq(s, "--dev")) {
			o->dev = v;
		} else if (cmd_streq(s, "--prog")) {
			if (o->n_named >= LOAD_MAX_NAMED) {
				rc = cmd_usage_err("load", "too many --prog", v);
			} else {
				o->named[o->n_named] = v;
				o->n_named++;
			}
		} else {
			rc = cmd_usage_err("load", "unknown option", s);
		}
		i++;
		if (takes) {
			i++;
		}
	}
	if ((rc == CMD_OK) && (o->obj == NULL)) {
		rc = cmd_usage_err("load", "missing OBJ.o", NULL);
	}
	return rc;
}

static bool is_named(const struct load_opts *o, const char *name)
{
	bool found = false;
	uint32_t i;

	for (i = 0U; i < o->n_named; i++) {
		if (cmd_streq(o->named[i], name)) {
			found = true;
		}
	}
	return found;
}

static bool starts_with(const char *s, const char *p)
{
	size_t i = 0U;

	while ((p[i] != '\0') && (s[i] == p[i])) {
		i++;
	}
	return p[i] == '\0';
}

enum load_hook { HOOK_AUTO, HOOK_CGROUP, HOOK_XDP, HOOK_TC };

static enum load_hook hook_of(const struct bpf_program *p)
{
	enum load_hook h;

	switch (bpf_program__type(p)) {
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_SOCK_OPS:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		h = HOOK_CGROUP;
		break;
	case BPF_PROG_TYPE_XDP:
		h = HOOK_XDP;
		break;
	case BPF_PROG_TYPE_SCHED_CLS:
		h = HOOK_TC;
		break;
	default:
		h = HOOK_AUTO;
		break;
	}
	return h;
}

/* The pin path of an attached program: DIR/<program name>. */
static int pin_path(const struct load_state *st, const struct load_done *d,
		    char *buf)
{
	return cmd_join(buf, CMD_PATH_MAX, st->pin_dir,
			bpf_program__name(d->prog));
}

/* Undo everything: pins, links, pin directories made, the object. */
static void rollback(struct load_state *st)
{
	char pin[CMD_PATH_MAX];
	uint32_t i;

	for (i = 0U; i < st->n_done; i++) {
		if (st->done[i].pinned &&
		    (pin_path(st, &st->done[i], pin) == 0)) {
			(void)bl_sys_unlinkat(AT_FDCWD, pin, 0);
		}
		(void)bpf_link__destroy(st->done[i].link);
	}
	for (i = 0U; i < st->n_maps; i++) {
		(void)bpf_map__unpin(st->pinned_maps[i], NULL);
	}
	if (st->made_map_dir) {
		(void)bl_sys_unlinkat(AT_FDCWD, st->map_dir, AT_REMOVEDIR);
	}
	if (st->made_pin_dir) {
		(void)bl_sys_unlinkat(AT_FDCWD, st->pin_dir, AT_REMOVEDIR);
	}
	bpf_object__close(st->obj);
	if (st->cg_fd >= 0) {
		(void)bl_sys_close(st->cg_fd);
	}
}

/* mkdir DIR (bpffs mounted first when it is below /sys/fs/bpf). */
static int prepare_dir(const char *dir, bool *made)
{
	int r = 0;

	if (cmd_below(dir, LOAD_BPFFS)) {
		r = cmd_ensure_mount(LOAD_BPFFS, "bpf", (uint64_t)CMD_BPFFS_MAGIC);
	}
	if (r == 0) {
		r = bl_sys_mkdirat(AT_FDCWD, dir, 0700U);
		if (r == 0) {
			*made = true;
		} else if (r == -EEXIST) {
			r = 0;
		} else {
			/* r is the error */
		}
	}
	return r;
}

/* Select the programs (--prog), mount tracefs when a tracepoint needs it. */
static int select_progs(const struct load_opts *o, struct bpf_object *obj)
{
	struct bpf_program *p = NULL;
	bool need_tracefs = false;
	uint32_t i;

	for (i = 0U; i < o->n_named; i++) {
		if (bpf_object__find_program_by_name(obj, o->named[i]) ==
		    NULL) {
			return cmd_usage_err("load", "no program named",
					     o->named[i]);
		}
	}
	p = bpf_object__next_program(obj, p);
	while (p != NULL) {
		const char *sec = bpf_program__section_name(p);

		if ((o->n_named > 0U) &&
		    !is_named(o, bpf_program__name(p))) {
			(void)bpf_program__set_autoload(p, false);
		} else if (starts_with(sec, "tp/") ||
			   starts_with(sec, "tracepoint/")) {
			need_tracefs = true;
		} else {
			/* no file system needed */
		}
		p = bpf_object__next_program(obj, p);
	}
	if (need_tracefs) {
		int r = cmd_ensure_mount(LOAD_TRACEFS, "tracefs",
				     (uint64_t)CMD_TRACEFS_MAGIC);
		if (r != 0) {
			return cmd_fail("load", "cannot mount tracefs on",
					LOAD_TRACEFS, r);
		}
	}
	return CMD_OK;
}

/* Attach one program; NULL with *skip set when it is not attachable and
 * was not named. */
static struct bpf_link *attach_one(const struct load_opts *o,
				   const struct load_state *st,
				   const struct bpf_program *p, bool *skip)
{
	struct bpf_link *l = NULL;
	bool named = is_named(o, bpf_program__name(p));

	*skip = false;
	switch (hook_of(p)) {
	case HOOK_CGROUP:
		if (st->cg_fd >= 0) {
			l = bpf_program__attach_cgroup(p, st->cg_fd);
		} else {
			*skip = !named;
		}
		break;
	case HOOK_XDP:
		if (st->ifindex > 0) {
			l = bpf_program__attach_xdp(p, st->ifindex);
		} else {
			*skip = !named;
		}
		break;
	case HOOK_TC:
		if (st->ifindex > 0) {
			l = bpf_program__attach_tcx(p, st->ifindex, NULL);
		} else {
			*skip = !named;
		}
		break;
	case HOOK_AUTO:
	default:
		if (!named && !bpf_program__autoattach(p)) {
			*skip = true;
		} else {
			l = bpf_program__attach(p);
			if ((l == NULL) && !named &&
			    (bpflink_last_error() == -EOPNOTSUPP)) {
				*skip = true;
			}
		}
		break;
	}
	return l;
}

/* Pin the link at DIR/<prog> and read the pin back. */
static int pin_one(struct load_state *st, struct load_done *d)
{
	struct bpflink_link_info li;
	struct bpf_link_info ki;
	char pin[CMD_PATH_MAX];
	uint32_t len = (uint32_t)sizeof(ki);
	int fd;
	int r = pin_path(st, d, pin);

	if (r == 0) {
		r = bpflink_link_get_info(d->link, &li);
	}
	if (r == 0) {
		d->id = li.id;
		d->type = li.type;
		r = bpf_link__pin(d->link, pin);
	}
	if (r != 0) {
		return r;
	}
	d->pinned = true;
	fd = bpf_obj_get(pin);
	if (fd < 0) {
		return fd;
	}
	(void)memset(&ki, 0, sizeof(ki));
	r = bpf_link_get_info_by_fd(fd, &ki, &len);
	(void)bl_sys_close(fd);
	if ((r == 0) && (ki.id != d->id)) {
		r = -EINVAL;
	}
	return r;
}

static int attach_all(const struct load_opts *o, struct load_state *st)
{
	struct bpf_program *p = NULL;

	p = bpf_object__next_program(st->obj, p);
	while (p != NULL) {
		if ((bpf_program__fd(p) >= 0) && (st->n_done < LOAD_MAX_PROGS)) {
			bool skip = false;
			struct bpf_link *l = attach_one(o, st, p, &skip);
			struct load_done *d = &st->done[st->n_done];

			if (l == NULL) {
				if (!skip) {
					return cmd_fail("load", "cannot attach "
						"program", bpf_program__name(p),
						bpflink_last_error());
				}
			} else {
				int r;

				d->prog = p;
				d->link = l;
				d->pinned = false;

				st->n_done++;
				r = pin_one(st, d);
				if (r != 0) {
					return cmd_fail("load", "cannot pin the "
						"link of program",
						bpf_program__name(p), r);
				}
			}
		}
		p = bpf_object__next_program(st->obj, p);
	}
	if (st->n_done == 0U) {
		return cmd_fail("load", "no program to attach in", o->obj,
				-ENOENT);
	}
	return CMD_OK;
}

/* The pin name of map m: its name with every '.' made '_' (bpffs refuses
 * names holding '.', and data maps are named "<obj>.rodata"), as libbpf's
 * bpf_object__pin_maps and bpftool name them. */
static void pin_name(char *buf, size_t cap, const struct bpf_map *m)
{
	const char *name = bpf_map__name(m);
	size_t i = 0U;

	while ((name[i] != '\0') && ((i + 1U) < cap)) {
		buf[i] = (name[i] == '.') ? '_' : name[i];
		i++;
	}
	buf[i] = '\0';
}

static int pin_maps(struct load_state *st)
{
	struct bpf_map *m = NULL;
	char path[CMD_PATH_MAX];
	char name[CMD_PATH_MAX];

	m = bpf_object__next_map(st->obj, m);
	while ((m != NULL) && (st->n_maps < LOAD_MAX_PROGS)) {
		int r;

		pin_name(name, sizeof(name), m);
		r = cmd_join(path, sizeof(path), st->map_dir, name);
		if ((r == 0) && !bpf_map__is_pinned(m)) {
			r = bpf_map__pin(m, path);
			if (r == 0) {
				st->pinned_maps[st->n_maps] = m;
				st->n_maps++;
			}
		}
		if (r != 0) {
			return cmd_fail("load", "cannot pin map", bpf_map__name(m),
					r);
		}
		m = bpf_object__next_map(st->obj, m);
	}
	return CMD_OK;
}

static void report(const struct load_opts *o, const struct load_state *st,
		   bool json)
{
	uint32_t i;

	if (json) {
		out_s("{\"object\":");
		out_js(bpf_object__name(st->obj));
		out_s(",\"pin_dir\":");
		out_js(st->pin_dir);
		out_s(",\"links\":[");
	}
	for (i = 0U; i < st->n_done; i++) {
		const struct load_done *d = &st->done[i];
		char pin[CMD_PATH_MAX];

		(void)pin_path(st, d, pin); /* it fitted when pinned */
		if (json) {
			out_s((i > 0U) ? ",{\"prog\":" : "{\"prog\":");
			out_js(bpf_program__name(d->prog));
			out_s(",\"id\":");
			out_u(d->id);
			out_s(",\"type\":");
			out_js(cmd_link_type_name(d->type));
			out_s(",\"pinned\":");
			out_js(pin);
			out_c('}');
		} else {
			out_s("bpflink: attached ");
			out_s(bpf_program__name(d->prog));
			out_s(" (");
			out_s(bpf_program__section_name(d->prog));
			out_s("): ");
			out_s(cmd_link_type_name(d->type));
			out_s(" link ");
			out_u(d->id);
			out_s(", pinned at ");
			out_s(pin);
			out_c('\n');
		}
	}
	if (json) {
		out_s("],\"maps\":[");
	}
	for (i = 0U; i < st->n_maps; i++) {
		if (json) {
			out_s((i > 0U) ? ",{\"name\":" : "{\"name\":");
			out_js(bpf_map__name(st->pinned_maps[i]));
			out_s(",\"pinned\":");
			out_js(bpf_map__pin_path(st->pinned_maps[i]));
			out_c('}');
		} else {
			out_s("bpflink: pinned map ");
			out_s(bpf_map__name(st->pinned_maps[i]));
			out_s(" at ");
			out_s(bpf_map__pin_path(st->pinned_maps[i]));
			out_c('\n');
		}
	}
	if (json) {
		out_s("]}\n");
	} else {
		out_s("bpflink: loaded ");
		out_s(o->obj);
		out_s(": ");
		out_u(st->n_done);
		out_s(" link(s) attached and pinned under ");
		out_s(st->pin_dir);
		out_c('\n');
	}
}

static int open_targets(const struct load_opts *o, struct load_state *st)
{
	if (o->cgroup != NULL) {
		st->cg_fd = bl_sys_openat(AT_FDCWD, o->cgroup,
					  O_RDONLY | O_DIRECTORY, 0U);
		if (st->cg_fd < 0) {
			return cmd_fail("load", "cannot open cgroup", o->cgroup,
					st->cg_fd);
		}
	}
	if (o->dev != NULL) {
		st->ifindex = bpflink_if_nametoindex(o->dev);
		if (st->ifindex < 0) {
			return cmd_fail("load", "no network device", o->dev,
					st->ifindex);
		}
	}
	return CMD_OK;
}

static char g_vlog[LOAD_LOG_CAP]; /* the verifier's log on a refusal */

static int load_object(const struct load_opts *o, struct load_state *st)
{
	int r = select_progs(o, st->obj);

	if (r == CMD_OK) {
		r = bpf_object__load(st->obj);
		if (r != 0) {
			const char *diag = bpflink_object_diag();

			(void)cmd_fail("load", "the kernel refused",
				       (diag[0] != '\0') ? diag : o->obj, r);
			if (g_vlog[0] != '\0') {
				err_s("verifier log:\n");
				err_s(g_vlog);
				err_s("\n");
			}
			r = CMD_FAIL;
		}
	}
	return r;
}

static int load_attach_pin(const struct load_opts *o, struct load_state *st,
			   bool json)
{
	int r;

	if (o->pin_dir != NULL) {
		r = cmd_join(st->pin_dir, sizeof(st->pin_dir), o->pin_dir, "");
	} else {
		r = cmd_join(st->pin_dir, sizeof(st->pin_dir), LOAD_BPFFS,
			     bpf_object__name(st->obj));
	}
	if ((r == 0) && (o->map_dir != NULL)) {
		r = cmd_join(st->map_dir, sizeof(st->map_dir), o->map_dir, "");
	}
	if (r != 0) {
		return cmd_fail("load", "pin directory too long", NULL, r);
	}
	r = load_object(o, st);
	if (r != CMD_OK) {
		return r;
	}
	r = prepare_dir(st->pin_dir, &st->made_pin_dir);
	if (r != 0) {
		return cmd_fail("load", "cannot make pin directory", st->pin_dir,
				r);
	}
	if (o->map_dir != NULL) {
		r = prepare_dir(st->map_dir, &st->made_map_dir);
		if (r != 0) {
			return cmd_fail("load", "cannot make map pin directory",
					st->map_dir, r);
		}
	}
	r = attach_all(o, st);
	if ((r == CMD_OK) && (o->map_dir != NULL)) {
		r = pin_maps(st);
	}
	if (r == CMD_OK) {
		report(o, st, json);
	}
	return r;
}

int cmd_load(const struct cmd_args *a)
{
	static struct load_state st;
	struct load_opts o;
	struct bpf_object_open_opts oo;
	int r;

	(void)memset(&o, 0, sizeof(o));
	st.obj = NULL;
	st.n_done = 0U;
	st.n_maps = 0U;
	st.made_pin_dir = false;
	st.made_map_dir = false;
	st.cg_fd = -1;
	st.ifindex = 0;
	st.pin_dir[0] = '\0';
	st.map_dir[0] = '\0';
	r = parse_load(a, &o);
	if (r != CMD_OK) {
		return (r < 0) ? CMD_OK : r;
	}
	r = open_targets(&o, &st);
	if (r == CMD_OK) {
		(void)memset(&oo, 0, sizeof(oo));
		oo.sz = sizeof(oo);
		oo.kernel_log_buf = g_vlog;
		oo.kernel_log_size = sizeof(g_vlog);
		oo.pin_root_path = o.map_dir;
		st.obj = bpf_object__open_file(o.obj, &oo);
		if (st.obj == NULL) {
			r = cmd_fail("load", "cannot open", o.obj,
				     bpflink_last_error());
		}
	}
	if (r == CMD_OK) {
		r = load_attach_pin(&o, &st, a->json);
	}
	if (r != CMD_OK) {
		rollback(&st);
	} else if (st.cg_fd >= 0) {
		(void)bl_sys_close(st.cg_fd);
	} else {
		/* links stay attached through their pins; exit closes fds */
	}
	return r;
}

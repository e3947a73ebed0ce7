/* bpflink link list | show ID|PATH | detach ID|PATH | pin ID|PATH PATH,
 * and bpflink unpin PATH|DIR.
 *
 * Links are read with BPF_OBJ_GET_INFO_BY_FD into the 6.18 layout of
 * struct bpf_link_info (src/compat.h: Debian's 6.1 headers lack most link
 * types), so the output has the kernel's fields under their UAPI names:
 * id, type, prog_id, then the attach target of each type (tp_name,
 * attach_type, cgroup_id, target_name, netns_ino, ifindex, event_type and
 * the probed name, pf/hooknum/priority/flags, path, map_id...). unpin removes a pin, or every pin below a directory on bpffs
 * and the directories (at most 16 levels deep); it refuses paths that are
 * not on bpffs.
 */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>

#include "bpf/bpf.h"
#include "bpf_opts.h"
#include "bpflink_rt.h"
#include "cmd.h"
#include "compat.h"
#include "sys.h"

#define NAME_CAP 512U
#define DENTS_CAP 2048U

const char *cmd_link_type_name(uint32_t type)
{
	static const char *const names[] = {
		"unspec",     "raw_tracepoint", "tracing",	"cgroup",
		"iter",	      "netns",		"xdp",		"perf_event",
		"kprobe_multi", "struct_ops",	"netfilter",	"tcx",
		"uprobe_multi", "netkit",	"sockmap",
	};
	const char *s = "unknown";

	if (type < (uint32_t)(sizeof(names) / sizeof(names[0]))) {
		s = names[type];
	}
	return s;
}

static void field_name(bool json, const char *name)
{
	if (json) {
		out_s(",\"");
		out_s(name);
		out_s("\":");
	} else {
		out_s("  ");
		out_s(name);
		out_c(' ');
	}
}

static void field(bool json, const char *name, uint64_t v)
{
	field_name(json, name);
	out_u(v);
}

static void field_i(bool json, const char *name, int32_t v)
{
	field_name(json, name);
	if (v < 0) {
		out_c('-');
		out_u((uint64_t)(-(int64_t)v));
	} else {
		out_u((uint64_t)v);
	}
}

static void field_s(bool json, const char *name, const char *v)
{
	field_name(json, name);
	if (json) {
		out_js(v);
	} else {
		out_s((v[0] != '\0') ? v : "-");
	}
}

static const char *perf_event_name(uint32_t t)
{
	static const char *const names[] = {
		"unspec", "uprobe", "uretprobe", "kprobe", "kretprobe",
		"tracepoint", "event",
	};
	const char *s = "unknown";

	if (t < (uint32_t)(sizeof(names) / sizeof(names[0]))) {
		s = names[t];
	}
	return s;
}

/* The link's info, asked a second time with BUF for the name the kernel
 * reports (tracepoint, iterator target, probed function or file) when it
 * has one. A failure of the second call (a name longer than BUF) leaves
 * the first answer and an empty name. */
static int link_info(int fd, struct bl_link_info *li, char *buf, uint32_t cap)
{
	struct bl_link_info again;
	uint32_t len = (uint32_t)sizeof(*li);
	bool ask = true;
	int r;

	(void)memset(li, 0, sizeof(*li));
	buf[0] = '\0';
	r = bpf_obj_get_info_by_fd(fd, li, &len);
	if (r != 0) {
		return r;
	}
	(void)memset(&again, 0, sizeof(again));
	switch (li->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		again.raw_tracepoint.tp_name = bl_ptr(buf);
		again.raw_tracepoint.tp_name_len = cap;
		break;
	case BPF_LINK_TYPE_ITER:
		again.iter.target_name = bl_ptr(buf);
		again.iter.target_name_len = cap;
		break;
	case BL_BPF_LINK_TYPE_PERF_EVENT:
		if (li->perf_event.type != BL_BPF_PERF_EVENT_EVENT) {
			again.perf_event.name = bl_ptr(buf);
			again.perf_event.name_len = cap;
		} else {
			ask = false;
		}
		break;
	case BL_BPF_LINK_TYPE_UPROBE_MULTI:
		again.uprobe_multi.path = bl_ptr(buf);
		again.uprobe_multi.path_size = cap;
		break;
	default:
		ask = false;
		break;
	}
	if (ask) {
		len = (uint32_t)sizeof(again);
		if (bpf_obj_get_info_by_fd(fd, &again, &len) == 0) {
			*li = again;
		} else {
			buf[0] = '\0';
		}
	}
	buf[cap - 1U] = '\0';
	return 0;
}

static void perf_event_fields(const struct bl_link_info *li, const char *name,
			      bool json)
{
	uint32_t t = li->perf_event.type;

	if (t == 0U) {
		return; /* a kernel before 6.6 says nothing more */
	}
	field_s(json, "event_type", perf_event_name(t));
	switch (t) {
	case BL_BPF_PERF_EVENT_TRACEPOINT:
		field_s(json, "tp_name", name);
		break;
	case BL_BPF_PERF_EVENT_KPROBE:
	case BL_BPF_PERF_EVENT_KRETPROBE:
		field_s(json, "func_name", name);
		field(json, "offset", li->perf_event.offset);
		field(json, "addr", li->perf_event.addr);
		field(json, "missed", li->perf_event.missed);
		break;
	case BL_BPF_PERF_EVENT_UPROBE:
	case BL_BPF_PERF_EVENT_URETPROBE:
		field_s(json, "file_name", name);
		field(json, "offset", li->perf_event.offset);
		break;
	case BL_BPF_PERF_EVENT_EVENT:
		field(json, "perf_type", li->perf_event.name_len);
		field(json, "config", li->perf_event.name);
		break;
	default:
		/* nothing more the kernel reports */
		break;
	}
}

/* The attach target of each link type, as the kernel reports it. */
static void target_fields(const struct bl_link_info *li, const char *name,
			  bool json)
{
	switch (li->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		field_s(json, "tp_name", name);
		break;
	case BPF_LINK_TYPE_TRACING:
		field(json, "attach_type", li->tracing.attach_type);
		field(json, "target_obj_id", li->tracing.target_obj_id);
		field(json, "target_btf_id", li->tracing.target_btf_id);
		break;
	case BPF_LINK_TYPE_CGROUP:
		field(json, "cgroup_id", li->cgroup.cgroup_id);
		field(json, "attach_type", li->cgroup.attach_type);
		break;
	case BPF_LINK_TYPE_ITER:
		field_s(json, "target_name", name);
		if (li->iter.map_id != 0U) {
			field(json, "map_id", li->iter.map_id);
		}
		break;
	case BPF_LINK_TYPE_NETNS:
		field(json, "netns_ino", li->netns.netns_ino);
		field(json, "attach_type", li->netns.attach_type);
		break;
	case BPF_LINK_TYPE_XDP:
		field(json, "ifindex", li->xdp.ifindex);
		break;
	case BL_BPF_LINK_TYPE_PERF_EVENT:
		perf_event_fields(li, name, json);
		break;
	case BL_BPF_LINK_TYPE_KPROBE_MULTI:
		field(json, "func_cnt", li->kprobe_multi.count);
		field_s(json, "kind", ((li->kprobe_multi.flags & 1U) != 0U)
					      ? "kretprobe" : "kprobe");
		field(json, "missed", li->kprobe_multi.missed);
		break;
	case BL_BPF_LINK_TYPE_STRUCT_OPS:
		field(json, "map_id", li->struct_ops.map_id);
		break;
	case BL_BPF_LINK_TYPE_NETFILTER:
		field(json, "pf", li->netfilter.pf);
		field(json, "hooknum", li->netfilter.hooknum);
		field_i(json, "priority", li->netfilter.priority);
		field(json, "flags", li->netfilter.flags);
		break;
	case BL_BPF_LINK_TYPE_TCX:
	case BL_BPF_LINK_TYPE_NETKIT:
		field(json, "ifindex", li->tcx.ifindex);
		field(json, "attach_type", li->tcx.attach_type);
		break;
	case BL_BPF_LINK_TYPE_UPROBE_MULTI:
		field_s(json, "path", name);
		field(json, "func_cnt", li->uprobe_multi.count);
		field_s(json, "kind", ((li->uprobe_multi.flags &
					BL_BPF_F_UPROBE_MULTI_RETURN) != 0U)
					      ? "uretprobe" : "uprobe");
		field(json, "pid", li->uprobe_multi.pid);
		break;
	case BL_BPF_LINK_TYPE_SOCKMAP:
		field(json, "map_id", li->sockmap.map_id);
		field(json, "attach_type", li->sockmap.attach_type);
		break;
	default:
		/* a link type newer than bpflink: id, type, prog_id only */
		break;
	}
}

/* One link, by fd: one line (text) or one JSON object. */
static int print_link(int fd, bool json, bool first)
{
	static char name[NAME_CAP];
	struct bl_link_info li;
	int r = link_info(fd, &li, name, (uint32_t)sizeof(name));

	if (r != 0) {
		return r;
	}
	if (json && !first) {
		out_c(',');
	}
	if (json) {
		out_s("{\"id\":");
		out_u(li.id);
		out_s(",\"type\":");
		out_js(cmd_link_type_name(li.type));
	} else {
		out_u(li.id);
		out_s(": ");
		out_s(cmd_link_type_name(li.type));
	}
	field(json, "prog_id", li.prog_id);
	target_fields(&li, name, json);
	out_s(json ? "}" : "\n");
	return 0;
}

static int link_list(bool json)
{
	uint32_t id = 0U;
	uint32_t next = 0U;
	bool first = true;
	int r = bpf_link_get_next_id(id, &next);

	if (json) {
		out_c('[');
	}
	while (r == 0) {
		int fd = bpf_link_get_fd_by_id(next);

		id = next;
		if (fd >= 0) { /* a link may go away meanwhile: skip it */
			if (print_link(fd, json, first) == 0) {
				first = false;
			}
			(void)bl_sys_close(fd);
		}
		r = bpf_link_get_next_id(id, &next);
	}
	if (json) {
		out_s("]\n");
	}
	if (r == -ENOENT) {
		r = CMD_OK;
	} else {
		r = cmd_fail("link list", "BPF_LINK_GET_NEXT_ID failed", NULL,
			     r);
	}
	return r;
}

static void link_help(void)
{
	out_s("Usage: bpflink [-j] link list\n"
	      "       bpflink [-j] link show ID|PATH\n"
	      "       bpflink link detach ID|PATH\n"
	      "       bpflink link pin ID|PATH PATH\n"
	      "List the system's links (id, type, prog_id and the target "
	      "the kernel reports),\n"
	      "show one, detach one (a pin of it stays, defunct: remove it "
	      "with bpflink unpin)\n"
	      "or pin one on bpffs. ID is a link id, PATH a pinned link.\n");
}

int cmd_link(const struct cmd_args *a)
{
	const char *verb = (a->argc > 0) ? a->argv[0] : "";
	const char *spec = (a->argc > 1) ? a->argv[1] : NULL;
	int fd;
	int r = CMD_OK;

	if ((a->argc == 0) || cmd_is_help(verb) ||
	    ((spec != NULL) && cmd_is_help(spec))) {
		link_help();
		return (a->argc == 0) ? CMD_USAGE : CMD_OK;
	}
	if (cmd_streq(verb, "list")) {
		return (a->argc == 1) ? link_list(a->json)
				      : cmd_usage_err("link", "extra argument",
						      a->argv[1]);
	}
	if (!cmd_streq(verb, "show") && !cmd_streq(verb, "detach") &&
	    !cmd_streq(verb, "pin")) {
		return cmd_usage_err("link", "unknown command", verb);
	}
	if ((spec == NULL) || (a->argc > (cmd_streq(verb, "pin") ? 3 : 2)) ||
	    (cmd_streq(verb, "pin") && (a->argc < 3))) {
		return cmd_usage_err("link", "wrong arguments for", verb);
	}
	fd = cmd_open_link(spec);
	if (fd < 0) {
		return cmd_fail("link", "no link", spec, fd);
	}
	if (cmd_streq(verb, "show")) {
		r = print_link(fd, a->json, true);
		if (r != 0) {
			r = cmd_fail("link show", "cannot read link", spec, r);
		} else if (a->json) {
			out_c('\n');
		} else {
			/* the line ends with its own newline */
		}
	} else if (cmd_streq(verb, "detach")) {
		r = bpf_link_detach(fd);
		if (r != 0) {
			r = cmd_fail("link detach", "cannot detach link", spec,
				     r);
		} else if (!a->json) {
			out_s("bpflink: detached link ");
			out_s(spec);
			out_c('\n');
		} else {
			out_s("{\"detached\":");
			out_js(spec);
			out_s("}\n");
		}
	} else {
		r = bpf_obj_pin(fd, a->argv[2]);
		if (r != 0) {
			r = cmd_fail("link pin", "cannot pin at", a->argv[2], r);
		} else if (!a->json) {
			out_s("bpflink: pinned link ");
			out_s(spec);
			out_s(" at ");
			out_s(a->argv[2]);
			out_c('\n');
		} else {
			out_s("{\"pinned\":");
			out_js(a->argv[2]);
			out_s("}\n");
		}
	}
	(void)bl_sys_close(fd);
	return r;
}

/* ---- unpin -------------------------------------------------------------- */

/* Remove every entry of the directory DIR: 0 when it is empty, 1 with the
 * name of a non-empty subdirectory in SUB (to be emptied first), or
 * -errno. */
static int unpin_entries(const char *dir, bool json, uint32_t *count,
			 char *sub)
{
	static unsigned char buf[DENTS_CAP];
	char name[CMD_PATH_MAX];
	int dfd = bl_sys_openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0U);
	long n;
	int r = 0;

	if (dfd < 0) {
		return dfd;
	}
	n = bl_sys_getdents64(dfd, buf, sizeof(buf));
	while ((n > 0) && (r == 0)) {
		size_t off = 0U;

		while ((off + 19U) < (size_t)n) {
			/* d_reclen: 16 bits at 16, little-endian (x86_64,
			 * aarch64); d_name at 19 */
			size_t reclen = (size_t)buf[off + 16U] |
					((size_t)buf[off + 17U] << 8U);
			size_t i = 0U;

			while (((off + 19U + i) < (size_t)n) &&
			       (buf[off + 19U + i] != 0U) &&
			       (i < (CMD_PATH_MAX - 1U))) {
				name[i] = (char)buf[off + 19U + i];
				i++;
			}
			name[i] = '\0';
			if (!cmd_streq(name, ".") && !cmd_streq(name, "..") &&
			    (r == 0)) {
				r = bl_sys_unlinkat(dfd, name, 0);
				if (r == -EISDIR) {
					r = bl_sys_unlinkat(dfd, name,
							    AT_REMOVEDIR);
					if (r == -ENOTEMPTY) {
						(void)cmd_join(sub,
							       CMD_PATH_MAX,
							       name, "");
						r = 1;
					}
				}
				if (r == 0) {
					if (json) {
						out_s((*count > 0U) ? "," : "");
						out_js(name);
					} else {
						out_s("bpflink: unpinned ");
						out_s(dir);
						out_c('/');
						out_s(name);
						out_c('\n');
					}
					*count = *count + 1U;
				}
			}
			if (reclen == 0U) {
				r = -EINVAL;
				off = (size_t)n;
			} else {
				off += reclen;
			}
		}
		if (r == 0) {
			/* entries removed: read from the start again */
			n = bl_sys_getdents64(dfd, buf, sizeof(buf));
		}
	}
	(void)bl_sys_close(dfd);
	if ((r == 0) && (n < 0)) {
		r = (int)n;
	}
	return r;
}

#define UNPIN_DEPTH 16U

/* Empty and remove DIR and its subdirectories, without recursion: a
 * non-empty subdirectory is entered, emptied and removed, then its parent
 * is read again. */
static int unpin_tree(const char *dir, bool json, uint32_t *count)
{
	static char cur[CMD_PATH_MAX];
	static char next[CMD_PATH_MAX];
	static char sub[CMD_PATH_MAX];
	uint32_t depth = 0U;
	bool done = false;
	int r = cmd_join(cur, sizeof(cur), dir, "");

	while ((r == 0) && !done) {
		int e = unpin_entries(cur, json, count, sub);

		if (e == 1) {
			r = cmd_join(next, sizeof(next), cur, sub);
			if ((r == 0) && (depth >= UNPIN_DEPTH)) {
				r = -ELOOP;
			}
			if (r == 0) {
				(void)cmd_join(cur, sizeof(cur), next, "");
				depth++;
			}
		} else if (e < 0) {
			r = e;
		} else {
			r = bl_sys_unlinkat(AT_FDCWD, cur, AT_REMOVEDIR);
			if ((r == 0) && (depth == 0U)) {
				done = true;
			} else if (r == 0) {
				size_t i = bpflink_strlen(cur);

				while ((i > 0U) && (cur[i - 1U] != '/')) {
					i--;
				}
				if (i > 0U) {
					cur[i - 1U] = '\0';
				}
				depth--;
			} else {
				/* r is the error */
			}
		}
	}
	return r;
}

int cmd_unpin(const struct cmd_args *a)
{
	const char *path = (a->argc > 0) ? a->argv[0] : NULL;
	uint64_t magic = 0U;
	uint32_t count = 0U;
	bool dir = false;
	int r;

	if ((path == NULL) || cmd_is_help(path)) {
		out_s("Usage: bpflink [-j] unpin PATH|DIR\n"
		      "Remove a pin on bpffs, or every pin below the directory "
		      "DIR and DIR itself.\n"
		      "Links and maps go away with their last pin or fd.\n");
		return (path == NULL) ? CMD_USAGE : CMD_OK;
	}
	if (a->argc > 1) {
		return cmd_usage_err("unpin", "extra argument", a->argv[1]);
	}
	r = cmd_fs_magic(path, &magic);
	if (r != 0) {
		return cmd_fail("unpin", "cannot find", path, r);
	}
	if (magic != (uint64_t)CMD_BPFFS_MAGIC) {
		return cmd_fail("unpin", "not on bpffs:", path, -EXDEV);
	}
	if (a->json) {
		out_s("{\"unpinned\":[");
	}
	r = bl_sys_unlinkat(AT_FDCWD, path, 0);
	if (r == 0) {
		if (a->json) {
			out_js(path);
		} else {
			out_s("bpflink: unpinned ");
			out_s(path);
			out_c('\n');
		}
	} else if (r == -EISDIR) {
		dir = true;
		r = unpin_tree(path, a->json, &count);
	} else {
		/* r is the error */
	}
	if (a->json) {
		out_s("]}\n");
	}
	if (r != 0) {
		return cmd_fail("unpin", "cannot remove", path, r);
	}
	if (!a->json && dir) {
		out_s("bpflink: removed ");
		out_s(path);
		out_c('\n');
	}
	return CMD_OK;
}

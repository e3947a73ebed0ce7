/* The bpflink command-line tool: what its subcommand files share.
 *
 * src/cmd/bpflink.c   main, option parsing, lists of commands ("," between
 *                     them), the final exec or PID 1's power-off, dispatch
 *                     (a switch on an enum), output and error helpers,
 *                     mounting bpffs/tracefs/sysfs
 * src/cmd/cmd_load.c  bpflink load
 * src/cmd/cmd_link.c  bpflink link list|show|detach|pin, bpflink unpin
 * src/cmd/cmd_map.c   bpflink map dump
 *
 * Exit status of every command: 0 done, 1 failed (one line on stderr says
 * why), 2 usage error. Output goes to fd 1 and errors to fd 2; when those
 * are closed (an initramfs /init), both go to /dev/console.
 */
#ifndef BPFLINK_CMD_H
#define BPFLINK_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CMD_OK 0
#define CMD_FAIL 1
#define CMD_USAGE 2

#define CMD_PATH_MAX 256U

/* File system magics (<linux/magic.h>, with the U MISRA wants). */
#define CMD_BPFFS_MAGIC 0xcafe4a11U
#define CMD_TRACEFS_MAGIC 0x74726163U
#define CMD_SYSFS_MAGIC 0x62656572U

/* The arguments after the subcommand's name. */
struct cmd_args {
	int argc;
	char *const *argv;
	bool json;
};

/* ---- output (bpflink.c) ------------------------------------------------- */
void out_s(const char *s);
void out_u(uint64_t v);
void out_c(char c);
/* A JSON string literal, escaped. */
void out_js(const char *s);
void err_s(const char *s);
/* "bpflink: CMD: WHAT[ ARG]: ENAME (-N)\n" on stderr; returns CMD_FAIL. */
int cmd_fail(const char *cmd, const char *what, const char *arg, int err);
/* "bpflink: CMD: WHAT[ ARG]\n" on stderr; returns CMD_USAGE. */
int cmd_usage_err(const char *cmd, const char *what, const char *arg);
const char *cmd_errname(int err);
/* bpftool's name of a link type ("raw_tracepoint", ...) (cmd_link.c). */
const char *cmd_link_type_name(uint32_t type);

/* ---- helpers (bpflink.c) ------------------------------------------------ */
bool cmd_streq(const char *a, const char *b);
bool cmd_is_help(const char *s);
/* A with B appended after a '/' into BUF: 0 or -ENAMETOOLONG. */
int cmd_join(char *buf, size_t cap, const char *a, const char *b);
/* 1 when PATH is DIR or below it (textually), else 0. */
bool cmd_below(const char *path, const char *dir);
/* The file system magic of PATH, or -errno. */
int cmd_fs_magic(const char *path, uint64_t *magic);
/* Make sure DIR is a mount of FSTYPE (magic MAGIC): mount sysfs on /sys
 * first when DIR is below /sys and /sys is not sysfs, then FSTYPE on DIR,
 * saying so on stdout. 0 or -errno. */
int cmd_ensure_mount(const char *dir, const char *fstype, uint64_t magic);
/* Open a link given as a decimal id or a bpffs path: fd or -errno. */
int cmd_open_link(const char *spec);

/* ---- subcommands --------------------------------------------------------- */
int cmd_load(const struct cmd_args *a);
int cmd_link(const struct cmd_args *a);
int cmd_unpin(const struct cmd_args *a);
int cmd_map(const struct cmd_args *a);

#endif

/* For kernel tests built with a libc: how many fds the process has open,
 * read from /proc/self/fd (the directory's own fd not counted); -1 when
 * /proc is not there. Tests compare it before and after to see leaks. */
#ifndef BPFLINK_T_FDS_H
#define BPFLINK_T_FDS_H

#include <dirent.h>

static inline int t_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;
}

#endif

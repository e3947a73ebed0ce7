/* Interface name to ifindex without libc: ioctl SIOCGIFINDEX on an
 * AF_UNIX datagram socket (any socket family reaches the device ioctls;
 * AF_UNIX exists even where IPv4 is compiled out). 3 system calls. */
#include <linux/errno.h>

#include "compat.h"
#include "net.h"

/* <linux/socket.h> / <sys/socket.h> values, the same on x86_64 and
 * aarch64 (the architectures bpflink builds for). */
#define BL_AF_UNIX 1
#define BL_SOCK_DGRAM 2
#define BL_IFNAMSIZ 16U

/* struct ifreq of <linux/if.h>, which pulls in libc headers: the name,
 * then a 24-byte union (its largest member, struct ifmap, on LP64) whose
 * first bytes are ifr_ifindex for SIOCGIFINDEX. */
struct bl_ifreq {
	char name[BL_IFNAMSIZ];
	unsigned char data[24];
};
_Static_assert(sizeof(struct bl_ifreq) == 40U, "struct ifreq is 40 bytes");

int bpflink_if_nametoindex(const char *name)
{
	struct bl_ifreq req;
	size_t n = 0U;
	int fd;
	int r;
	int idx;

	if (name == NULL) {
		return -EINVAL;
	}
	while ((n < BL_IFNAMSIZ) && (name[n] != '\0')) {
		n++;
	}
	if ((n == 0U) || (n >= BL_IFNAMSIZ)) {
		return -ENODEV;
	}
	__builtin_memset(&req, 0, sizeof(req));
	__builtin_memcpy(req.name, name, n);
	fd = bl_sys_socket(BL_AF_UNIX, BL_SOCK_DGRAM, 0);
	if (fd < 0) {
		return fd;
	}
	r = bl_sys_ioctl_ptr(fd, BL_SIOCGIFINDEX, &req);
	(void)bl_sys_close(fd);
	if (r < 0) {
		return r;
	}
	__builtin_memcpy(&idx, req.data, sizeof(idx));
	return (idx > 0) ? idx : -ENODEV;
}

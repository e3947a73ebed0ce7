/* Cgroup and network hooks against the running kernel (issue 5).
 *
 * The process first moves into a network namespace of its own (A) and
 * forks a peer in a second one (B); a veth pair v0 (A, 10.5.0.1) - v1 (B,
 * 10.5.0.2) joins them, with IPv6 off and permanent neighbour entries so
 * that no packet but the test's own crosses it. The peer echoes UDP
 * datagrams. Workloads: N UDP round trips from an unconnected socket in A
 * (N packets out of v0, N into v0, N local deliveries, N socket lookups),
 * N socket() calls (cgroup), N sendmsg() on a TCP socket in a sockmap.
 *
 * Each hook: two counting programs (map slots 0 and 1) are loaded; the
 * first is attached with bpflink, counts the workload; the link is updated
 * to the second (only the second counts; where the kernel refuses, its
 * -EOPNOTSUPP is seen), detached (nothing counts), destroyed (its link id
 * is gone); attached again and destroyed without detach (nothing counts).
 * Each test ends with as many fds open and pool slots used as it began.
 *
 * Also: tcx and cgroup ordering (BPF_F_BEFORE / AFTER by link fd or prog
 * id, expected_revision -ESTALE) read back with BPF_PROG_QUERY; the cgroup
 * BPF_PROG_ATTACH link for real; bad input (unknown interface, program of
 * the wrong type, cgroup path not on cgroup2, netns fd that is not a
 * netns); netkit fails cleanly where the kernel lacks it.
 * Unprivileged: SKIPPED. The cgroup test creates and removes a child of
 * /sys/fs/cgroup/unified and moves the process in and back out.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "bpflink.h"
#include "bpflink_insn.h"
#include "t.h"
#include "kt.h"

/* Kernel ABI newer than the 6.1 UAPI headers (values of src/compat.h,
 * which cannot be included beside glibc's <fcntl.h>). */
#define BL_BPF_NETFILTER 45
#define BL_BPF_TCX_INGRESS 46
#define BL_BPF_TCX_EGRESS 47
#define BL_BPF_NETKIT_PRIMARY 54
#define BL_BPF_LINK_TYPE_NETFILTER 10
#define BL_BPF_LINK_TYPE_TCX 11
#define BL_BPF_LINK_TYPE_SOCKMAP 14
#define BL_BPF_PROG_TYPE_NETFILTER 32
#define BL_BPF_F_BEFORE (1U << 3)
#define BL_BPF_F_AFTER (1U << 4)
#define BL_BPF_F_LINK (1U << 13)

#define N 20
#define PEER_PORT 7777
#define CG_ROOT "/sys/fs/cgroup/unified"

static const char *net_skip; /* why network tests cannot run, or NULL */
static pid_t peer_pid = -1;
static int v0_ifindex;
static int peer_ctl[2] = { -1, -1 };

/* ---- helpers ----------------------------------------------------------- */

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1; /* the DIR's own fd */
}

static uint32_t pool_in_use(void)
{
	struct bpflink_pool_stats st;

	bpflink_link_pool_stats(&st);
	return st.in_use;
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = write(fd, s, strlen(s));
	r = r < 0 ? -errno : 0;
	close(fd);
	return (int)r;
}

/* A program that adds 1 to slot KEY of the array MAP_FD and returns RET. */
static int load_counter(enum bpf_prog_type type, int eat, int map_fd,
			int key, int ret)
{
	struct bpf_insn insns[] = {
		BPFLINK_ST_MEM(BPF_W, BPF_REG_10, -4, key),
		BPFLINK_MOV64_REG(BPF_REG_2, BPF_REG_10),
		BPFLINK_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		BPFLINK_LD_MAP_FD(BPF_REG_1, map_fd),
		BPFLINK_CALL_HELPER(BPF_FUNC_map_lookup_elem),
		BPFLINK_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2),
		BPFLINK_MOV64_IMM(BPF_REG_1, 1),
		BPFLINK_ATOMIC_ADD(BPF_DW, BPF_REG_0, BPF_REG_1, 0),
		BPFLINK_MOV64_IMM(BPF_REG_0, ret),
		BPFLINK_EXIT_INSN(),
	};
	static char log[8192];
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = eat,
		    .log_buf = log, .log_size = sizeof(log));
	int fd;

	log[0] = 0;
	fd = bpf_prog_load(type, "bl_net_count", "GPL", insns,
			   sizeof(insns) / sizeof(insns[0]), &o);
	if (fd < 0 && log[0])
		fprintf(stderr, "verifier: %s\n", log);
	return fd;
}

static long long slot(int map_fd, uint32_t key)
{
	uint64_t v = 0;
	int err = bpf_map_lookup_elem(map_fd, &key, &v);

	return err ? err : (long long)v;
}

static void zero_slots(int map_fd)
{
	uint64_t z = 0;

	for (uint32_t k = 0; k < 2; k++)
		(void)bpf_map_update_elem(map_fd, &k, &z, BPF_ANY);
}

static uint32_t prog_id(int prog_fd)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return 0;
	return info.id;
}

/* BPF_PROG_QUERY with the 6.6 layout (revision), for tcx and cgroups. */
struct q_attr {
	uint32_t target;
	uint32_t attach_type;
	uint32_t query_flags;
	uint32_t attach_flags;
	uint64_t prog_ids;
	uint32_t count;
	uint32_t pad;
	uint64_t prog_attach_flags;
	uint64_t link_ids;
	uint64_t link_attach_flags;
	uint64_t revision;
};

static int query(int target, int type, uint32_t *ids, uint32_t *cnt,
		 uint64_t *revision)
{
	struct q_attr q;
	int r;

	memset(&q, 0, sizeof(q));
	q.target = (uint32_t)target;
	q.attach_type = (uint32_t)type;
	q.prog_ids = (uint64_t)(uintptr_t)ids;
	q.count = *cnt;
	r = (int)syscall(__NR_bpf, BPF_PROG_QUERY, &q, sizeof(q));
	if (r < 0)
		return -errno;
	*cnt = q.count;
	if (revision)
		*revision = q.revision;
	return 0;
}

/* After destroy, the kernel link with id ID is gone. */
static int link_id_gone(uint32_t id)
{
	for (int i = 0; i < 100; i++) {
		int fd = bpf_link_get_fd_by_id(id);

		if (fd == -ENOENT)
			return 1;
		if (fd >= 0)
			close(fd);
		usleep(1000);
	}
	return 0;
}

/* ---- the two namespaces ------------------------------------------------ */

static void peer_main(int ready_w, int go_r)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(PEER_PORT) };
	char buf[64], c = 'r';
	int s;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWNET) ||
	    write_file("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1") ||
	    write(ready_w, &c, 1) != 1 || read(go_r, &c, 1) != 1 || c != 'c')
		_exit(1);
	if (sh("ip link set lo up && ip addr add 10.5.0.2/24 dev v1 && "
	       "ip link set v1 up && ip neigh replace 10.5.0.1 lladdr "
	       "02:00:00:00:05:01 dev v1 nud permanent"))
		_exit(2);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	inet_pton(AF_INET, "10.5.0.2", &a.sin_addr);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)))
		_exit(3);
	c = 'g';
	if (write(ready_w, &c, 1) != 1)
		_exit(4);
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(s, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fl);

		if (n == 1 && buf[0] == 'q')
			_exit(0);
		if (n > 0)
			(void)sendto(s, buf, (size_t)n, 0,
				     (struct sockaddr *)&from, fl);
	}
}

static void net_setup(void)
{
	int ready[2], go[2];
	char c = 0;

	if (geteuid() != 0 || kt_bpf_probe() != 0) {
		net_skip = "needs root with BPF";
		return;
	}
	if (unshare(CLONE_NEWNET)) {
		net_skip = "unshare(CLONE_NEWNET) failed";
		return;
	}
	if (write_file("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1") ||
	    sh("ip link set lo up") || pipe2(ready, O_CLOEXEC) ||
	    pipe2(go, O_CLOEXEC)) {
		net_skip = "namespace setup failed";
		return;
	}
	peer_pid = fork();
	if (peer_pid == 0) {
		peer_main(ready[1], go[0]);
		_exit(9);
	}
	close(ready[1]);
	close(go[0]);
	peer_ctl[0] = ready[0];
	peer_ctl[1] = go[1];
	if (peer_pid < 0 || read(ready[0], &c, 1) != 1 || c != 'r' ||
	    sh("ip link add v0 address 02:00:00:00:05:01 type veth peer name "
	       "v1 address 02:00:00:00:05:02 netns %d", (int)peer_pid) ||
	    sh("ip addr add 10.5.0.1/24 dev v0 && ip link set v0 up && "
	       "ip neigh replace 10.5.0.2 lladdr 02:00:00:00:05:02 dev v0 "
	       "nud permanent")) {
		net_skip = "veth setup failed (ip link add type veth)";
		return;
	}
	c = 'c';
	if (write(go[1], &c, 1) != 1 || read(ready[0], &c, 1) != 1 ||
	    c != 'g') {
		net_skip = "peer namespace setup failed";
		return;
	}
	v0_ifindex = bpflink_if_nametoindex("v0");
	if (v0_ifindex <= 0)
		net_skip = "v0 has no ifindex";
}

static void net_teardown(void)
{
	if (peer_pid > 0) {
		int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		struct sockaddr_in a = { .sin_family = AF_INET,
					 .sin_port = htons(PEER_PORT) };

		inet_pton(AF_INET, "10.5.0.2", &a.sin_addr);
		if (s >= 0) {
			(void)sendto(s, "q", 1, 0, (struct sockaddr *)&a,
				     sizeof(a));
			close(s);
		}
		kill(peer_pid, SIGKILL);
		waitpid(peer_pid, NULL, 0);
	}
	(void)sh("ip link del v0 2>/dev/null");
	if (peer_ctl[0] >= 0)
		close(peer_ctl[0]);
	if (peer_ctl[1] >= 0)
		close(peer_ctl[1]);
}

/* N UDP round trips from an unconnected socket (so that every received
 * datagram takes the full socket lookup, sk_lookup included): the number
 * of replies. */
static int udp_roundtrips(int n)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(PEER_PORT) };
	struct timeval tv = { .tv_sec = 1 };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), got = 0;
	char b[8];

	if (s < 0)
		return -errno;
	inet_pton(AF_INET, "10.5.0.2", &a.sin_addr);
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (int i = 0; i < n; i++) {
		if (sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)) != 1)
			break;
		if (recv(s, b, sizeof(b), 0) == 1)
			got++;
	}
	close(s);
	return got;
}

/* ---- the generic hook test --------------------------------------------- */

enum hook {
	H_XDP, H_TCX_INGRESS, H_TCX_EGRESS, H_NETFILTER, H_SK_LOOKUP,
	H_FLOW_DISSECTOR,
};

struct hook_case {
	enum hook h;
	enum bpf_prog_type type;
	int eat;
	int ret;
	int link_type; /* bpf_link_type the kernel reports */
	int update_ok; /* 0: the kernel says -EOPNOTSUPP */
	int exact;     /* the workload fires it exactly N times */
};

static int netns_fd = -1;

static struct bpf_link *hook_attach(const struct hook_case *c, int prog)
{
	switch (c->h) {
	case H_XDP:
		return bpflink_attach_xdp(prog, v0_ifindex, 0);
	case H_TCX_INGRESS:
		return bpflink_attach_tcx(prog, v0_ifindex, BL_BPF_TCX_INGRESS,
					  NULL);
	case H_TCX_EGRESS:
		return bpflink_attach_tcx(prog, v0_ifindex, BL_BPF_TCX_EGRESS,
					  NULL);
	case H_NETFILTER: {
		LIBBPF_OPTS(bpf_netfilter_opts, o, .pf = 2 /* NFPROTO_IPV4 */,
			    .hooknum = 1 /* NF_INET_LOCAL_IN */,
			    .priority = -100);
		return bpflink_attach_netfilter(prog, &o);
	}
	case H_SK_LOOKUP:
		return bpflink_attach_netns(prog, netns_fd, BPF_SK_LOOKUP);
	case H_FLOW_DISSECTOR:
		return bpflink_attach_netns(prog, netns_fd, BPF_FLOW_DISSECTOR);
	}
	return NULL;
}

struct res {
	int map, p1, p2;
	struct bpf_link *link;
};

static void res_init(struct res *r)
{
	r->map = r->p1 = r->p2 = -1;
	r->link = NULL;
}

static void res_free(struct res *r)
{
	bpf_link__destroy(r->link);
	if (r->p1 >= 0)
		close(r->p1);
	if (r->p2 >= 0)
		close(r->p2);
	if (r->map >= 0)
		close(r->map);
	res_init(r);
}

#define T_COUNT(c, v, exact)                                                 \
	do {                                                                 \
		if (exact)                                                   \
			T_ASSERT_EQ((c), (v));                               \
		else                                                         \
			T_ASSERT((c) >= (v));                                \
	} while (0)

static void hook_body(const struct hook_case *c, struct res *r)
{
	struct bpflink_link_info info;
	uint32_t id1, id2, lid;
	long long a, b;

	r->map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_net_cnt", 4, 8, 2,
				NULL);
	T_ASSERT(r->map >= 3);
	r->p1 = load_counter(c->type, c->eat, r->map, 0, c->ret);
	r->p2 = load_counter(c->type, c->eat, r->map, 1, c->ret);
	T_ASSERT(r->p1 >= 3 && r->p2 >= 3);
	id1 = prog_id(r->p1);
	id2 = prog_id(r->p2);

	/* attached: the first program counts */
	r->link = hook_attach(c, r->p1);
	if (!r->link)
		t_putn(bpflink_last_error());
	T_ASSERT(r->link != NULL);
	T_ASSERT(bpf_link__fd(r->link) >= 3);
	T_ASSERT_EQ(bpflink_link_get_info(r->link, &info), 0);
	T_ASSERT_EQ(info.type, c->link_type);
	T_ASSERT_EQ(info.prog_id, id1);
	lid = info.id;
	T_ASSERT_EQ(udp_roundtrips(N), N);
	a = slot(r->map, 0);
	T_COUNT(a, N, c->exact);
	T_ASSERT_EQ(slot(r->map, 1), 0);

	/* updated: only the second counts (or the kernel refuses) */
	zero_slots(r->map);
	if (c->update_ok) {
		T_ASSERT_EQ(bpflink_link_update_prog_fd(r->link, r->p2), 0);
		T_ASSERT_EQ(bpflink_link_get_info(r->link, &info), 0);
		T_ASSERT_EQ(info.prog_id, id2);
		T_ASSERT_EQ(udp_roundtrips(N), N);
		T_ASSERT_EQ(slot(r->map, 0), 0);
		b = slot(r->map, 1);
		T_COUNT(b, N, c->exact);
	} else {
		T_ASSERT_EQ(bpflink_link_update_prog_fd(r->link, r->p2),
			    -EOPNOTSUPP);
		T_ASSERT_EQ(udp_roundtrips(N), N);
		T_COUNT(slot(r->map, 0), N, c->exact);
		T_ASSERT_EQ(slot(r->map, 1), 0);
	}

	/* detached: nothing counts, the link object lives on */
	T_ASSERT_EQ(bpf_link__detach(r->link), 0);
	zero_slots(r->map);
	T_ASSERT_EQ(udp_roundtrips(N), N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
	T_ASSERT_EQ(slot(r->map, 1), 0);
	T_ASSERT(bpf_link__fd(r->link) >= 3);

	/* destroyed: the kernel link is gone */
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	T_ASSERT(link_id_gone(lid));

	/* attached again, destroyed without detach: nothing counts after */
	r->link = hook_attach(c, r->p1);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(udp_roundtrips(N), N);
	T_COUNT(slot(r->map, 0), N, c->exact);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	zero_slots(r->map);
	T_ASSERT_EQ(udp_roundtrips(N), N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
}

static void run_hook(const struct hook_case *c)
{
	struct res r;
	int fds = open_fds();
	uint32_t used = pool_in_use();

	if (net_skip)
		T_SKIP(net_skip);
	res_init(&r);
	hook_body(c, &r);
	res_free(&r);
	if (t_state)
		return;
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
}

static void test_xdp(void)
{
	static const struct hook_case c = {
		H_XDP, BPF_PROG_TYPE_XDP, 0, 2 /* XDP_PASS */,
		BPF_LINK_TYPE_XDP, 1, 1,
	};
	run_hook(&c);
}

static void test_tcx_ingress(void)
{
	static const struct hook_case c = {
		H_TCX_INGRESS, BPF_PROG_TYPE_SCHED_CLS, 0, -1 /* TCX_NEXT */,
		BL_BPF_LINK_TYPE_TCX, 1, 1,
	};
	run_hook(&c);
}

static void test_tcx_egress(void)
{
	static const struct hook_case c = {
		H_TCX_EGRESS, BPF_PROG_TYPE_SCHED_CLS, 0, -1 /* TCX_NEXT */,
		BL_BPF_LINK_TYPE_TCX, 1, 1,
	};
	run_hook(&c);
}

static void test_netfilter(void)
{
	static const struct hook_case c = {
		H_NETFILTER, BL_BPF_PROG_TYPE_NETFILTER, BL_BPF_NETFILTER,
		1 /* NF_ACCEPT */, BL_BPF_LINK_TYPE_NETFILTER, 0, 1,
	};
	run_hook(&c);
}

static void test_netns_sk_lookup(void)
{
	static const struct hook_case c = {
		H_SK_LOOKUP, BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP,
		1 /* SK_PASS */, BPF_LINK_TYPE_NETNS, 1, 1,
	};
	run_hook(&c);
}

static void test_netns_flow_dissector(void)
{
	static const struct hook_case c = {
		H_FLOW_DISSECTOR, BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR,
		BPF_FLOW_DISSECTOR_CONTINUE, BPF_LINK_TYPE_NETNS, 1, 1,
	};

	if (net_skip)
		T_SKIP(net_skip);
	/* RPS on v0 makes the receive path dissect every packet; sysfs shows
	 * this namespace's devices only when mounted from inside it. */
	if (sh("unshare -m sh -c 'mount -t sysfs none /sys && "
	       "echo 1 > /sys/class/net/v0/queues/rx-0/rps_cpus'"))
		T_SKIP("cannot enable RPS on v0 (sysfs in a private mount "
		       "namespace)");
	run_hook(&c);
}

/* ---- tcx ordering ------------------------------------------------------ */

static void tcx_order_body(struct res *r, struct bpf_link **l2,
			   struct bpf_link **l3, int *p3)
{
	uint32_t ids[4], cnt = 4, id1, id2, id3;
	uint64_t rev = 0;
	r->map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_net_cnt", 4, 8, 2,
				NULL);
	T_ASSERT(r->map >= 3);
	r->p1 = load_counter(BPF_PROG_TYPE_SCHED_CLS, 0, r->map, 0, -1);
	r->p2 = load_counter(BPF_PROG_TYPE_SCHED_CLS, 0, r->map, 1, -1);
	T_ASSERT(r->p1 >= 3 && r->p2 >= 3);
	id1 = prog_id(r->p1);
	id2 = prog_id(r->p2);
	r->link = bpflink_attach_tcx(r->p1, v0_ifindex, BL_BPF_TCX_EGRESS,
				     NULL);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(query(v0_ifindex, BL_BPF_TCX_EGRESS, ids, &cnt, &rev), 0);
	T_ASSERT_EQ(cnt, 1);
	/* a stale expected_revision is refused, nothing attached */
	{
		LIBBPF_OPTS(bpf_tcx_opts, o, .expected_revision = rev + 7);
		T_ASSERT(bpflink_attach_tcx(r->p2, v0_ifindex,
					    BL_BPF_TCX_EGRESS, &o) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -ESTALE);
	}
	/* before the first link, named by its fd, at the current revision */
	{
		LIBBPF_OPTS(bpf_tcx_opts, o,
			    .flags = BL_BPF_F_BEFORE | BL_BPF_F_LINK,
			    .relative_fd = (uint32_t)bpf_link__fd(r->link),
			    .expected_revision = rev);
		*l2 = bpflink_attach_tcx(r->p2, v0_ifindex, BL_BPF_TCX_EGRESS,
					 &o);
		T_ASSERT(*l2 != NULL);
	}
	cnt = 4;
	T_ASSERT_EQ(query(v0_ifindex, BL_BPF_TCX_EGRESS, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 2);
	T_ASSERT_EQ(ids[0], id2);
	T_ASSERT_EQ(ids[1], id1);
	/* after program id1 (by id): order p2, p1, p3 */
	{
		LIBBPF_OPTS(bpf_tcx_opts, o, .flags = BL_BPF_F_AFTER,
			    .relative_id = id1);
		/* the same program twice: the kernel's -EEXIST */
		T_ASSERT(bpflink_attach_tcx(r->p2, v0_ifindex,
					    BL_BPF_TCX_EGRESS, &o) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -EEXIST);
		*p3 = load_counter(BPF_PROG_TYPE_SCHED_CLS, 0, r->map, 1, -1);
		T_ASSERT(*p3 >= 3);
		id3 = prog_id(*p3);
		*l3 = bpflink_attach_tcx(*p3, v0_ifindex, BL_BPF_TCX_EGRESS,
					 &o);
		T_ASSERT(*l3 != NULL);
	}
	cnt = 4;
	T_ASSERT_EQ(query(v0_ifindex, BL_BPF_TCX_EGRESS, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 3);
	T_ASSERT_EQ(ids[0], id2);
	T_ASSERT_EQ(ids[1], id1);
	T_ASSERT_EQ(ids[2], id3);
	/* all run (TCX_NEXT): p1 into slot 0, p2 and p3 into slot 1 */
	T_ASSERT_EQ(udp_roundtrips(N), N);
	T_ASSERT_EQ(slot(r->map, 0), N);
	T_ASSERT_EQ(slot(r->map, 1), 2 * N);
	T_ASSERT_EQ(bpf_link__destroy(*l3), 0);
	*l3 = NULL;
	cnt = 4;
	T_ASSERT_EQ(query(v0_ifindex, BL_BPF_TCX_EGRESS, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 2);
}

static void test_tcx_ordering(void)
{
	struct bpf_link *l2 = NULL, *l3 = NULL;
	uint32_t ids[4], cnt = 4;
	struct res r;
	int p3 = -1;
	int fds = open_fds();
	uint32_t used = pool_in_use();

	if (net_skip)
		T_SKIP(net_skip);
	res_init(&r);
	tcx_order_body(&r, &l2, &l3, &p3);
	bpf_link__destroy(l3);
	bpf_link__destroy(l2);
	if (p3 >= 0)
		close(p3);
	res_free(&r);
	if (t_state)
		return;
	T_ASSERT_EQ(query(v0_ifindex, BL_BPF_TCX_EGRESS, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 0);
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
}

/* ---- netkit ------------------------------------------------------------ */

static void test_netkit(void)
{
	int fds = open_fds(), p;
	uint32_t used = pool_in_use();
	struct bpf_link *l;
	int err;

	if (net_skip)
		T_SKIP(net_skip);
	{
		struct bpf_insn ins[] = { BPFLINK_MOV64_IMM(BPF_REG_0, 0),
					  BPFLINK_EXIT_INSN() };
		p = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "bl_nk", "GPL", ins,
				  2, NULL);
	}
	T_ASSERT(p >= 3);
	if (sh("ip link add nk0 type netkit 2>/dev/null") == 0) {
		int nk = bpflink_if_nametoindex("nk0");

		l = bpflink_attach_netkit(p, nk, BL_BPF_NETKIT_PRIMARY, NULL);
		err = bpflink_last_error();
		bpf_link__destroy(l);
		(void)sh("ip link del nk0");
		close(p);
		T_ASSERT(l != NULL || err == 0);
		T_ASSERT_EQ(open_fds(), fds);
		return;
	}
	/* no netkit device here: on a veth the attach fails cleanly */
	l = bpflink_attach_netkit(p, v0_ifindex, BL_BPF_NETKIT_PRIMARY, NULL);
	err = bpflink_last_error();
	close(p);
	T_ASSERT(l == NULL);
	T_ASSERT(err == -EINVAL || err == -ENXIO);
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
	T_SKIP("kernel without CONFIG_NETKIT (ip link add type netkit fails); "
	       "bpflink_attach_netkit fails cleanly with the kernel's -EINVAL");
}

/* ---- sockmap ----------------------------------------------------------- */

struct tcp_pair {
	int lsn, cli, srv;
};

static int tcp_pair_open(struct tcp_pair *t)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);

	t->cli = t->srv = -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	t->lsn = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (t->lsn < 0 || bind(t->lsn, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(t->lsn, 1) ||
	    getsockname(t->lsn, (struct sockaddr *)&a, &al))
		return -1;
	t->cli = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (t->cli < 0 || connect(t->cli, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	t->srv = accept4(t->lsn, NULL, NULL, SOCK_CLOEXEC);
	return t->srv < 0 ? -1 : 0;
}

static void tcp_pair_close(struct tcp_pair *t)
{
	if (t->cli >= 0)
		close(t->cli);
	if (t->srv >= 0)
		close(t->srv);
	if (t->lsn >= 0)
		close(t->lsn);
}

/* N sendmsg calls from the client, all read by the server. */
static int tcp_sends(struct tcp_pair *t, int n)
{
	char b[64];
	int got = 0;

	for (int i = 0; i < n; i++)
		if (send(t->cli, "y", 1, 0) != 1)
			return -1;
	while (got < n) {
		ssize_t r = recv(t->srv, b, sizeof(b), 0);

		if (r <= 0)
			return -1;
		got += (int)r;
	}
	return got;
}

static int sockmap_add(int map, int fd)
{
	uint32_t k = 0, v = (uint32_t)fd;

	return bpf_map_update_elem(map, &k, &v, BPF_ANY);
}

static int sockmap_del(int map)
{
	uint32_t k = 0;

	return bpf_map_delete_elem(map, &k);
}

static void sockmap_body(struct res *r, int *smap, struct tcp_pair *t)
{
	struct bpflink_link_info info;
	uint32_t lid;

	r->map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_net_cnt", 4, 8, 2,
				NULL);
	*smap = bpf_map_create(BPF_MAP_TYPE_SOCKMAP, "bl_net_smap", 4, 4, 1,
			       NULL);
	T_ASSERT(r->map >= 3 && *smap >= 3);
	r->p1 = load_counter(BPF_PROG_TYPE_SK_MSG, 0, r->map, 0, 1);
	r->p2 = load_counter(BPF_PROG_TYPE_SK_MSG, 0, r->map, 1, 1);
	T_ASSERT(r->p1 >= 3 && r->p2 >= 3);
	T_ASSERT_EQ(tcp_pair_open(t), 0);

	r->link = bpflink_attach_sockmap(r->p1, *smap, BPF_SK_MSG_VERDICT);
	if (!r->link && bpflink_last_error() == -EINVAL)
		T_SKIP("kernel without sockmap links (< 6.10)");
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(bpflink_link_get_info(r->link, &info), 0);
	T_ASSERT_EQ(info.type, BL_BPF_LINK_TYPE_SOCKMAP);
	lid = info.id;
	T_ASSERT_EQ(sockmap_add(*smap, t->cli), 0);
	T_ASSERT_EQ(tcp_sends(t, N), N);
	T_ASSERT_EQ(slot(r->map, 0), N);
	T_ASSERT_EQ(slot(r->map, 1), 0);

	/* updated: sockets added from now on run the second program (a
	 * socket keeps the programs it was added with) */
	zero_slots(r->map);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(r->link, r->p2), 0);
	T_ASSERT_EQ(sockmap_del(*smap), 0);
	T_ASSERT_EQ(sockmap_add(*smap, t->cli), 0);
	T_ASSERT_EQ(tcp_sends(t, N), N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
	T_ASSERT_EQ(slot(r->map, 1), N);

	/* detached: a socket added now runs no program */
	zero_slots(r->map);
	T_ASSERT_EQ(bpf_link__detach(r->link), 0);
	T_ASSERT_EQ(sockmap_del(*smap), 0);
	T_ASSERT_EQ(sockmap_add(*smap, t->cli), 0);
	T_ASSERT_EQ(tcp_sends(t, N), N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
	T_ASSERT_EQ(slot(r->map, 1), 0);
	T_ASSERT_EQ(sockmap_del(*smap), 0);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	T_ASSERT(link_id_gone(lid));

	/* destroyed without detach: the map has no program any more */
	r->link = bpflink_attach_sockmap(r->p1, *smap, BPF_SK_MSG_VERDICT);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	T_ASSERT_EQ(sockmap_add(*smap, t->cli), 0);
	T_ASSERT_EQ(tcp_sends(t, N), N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
	T_ASSERT_EQ(sockmap_del(*smap), 0);

	/* a map of another type: the kernel's -EINVAL */
	T_ASSERT(bpflink_attach_sockmap(r->p1, r->map, BPF_SK_MSG_VERDICT) ==
		 NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
}

static void test_sockmap(void)
{
	struct tcp_pair t = { -1, -1, -1 };
	int fds = open_fds(), smap = -1;
	uint32_t used = pool_in_use();
	struct res r;

	if (net_skip)
		T_SKIP(net_skip);
	res_init(&r);
	sockmap_body(&r, &smap, &t);
	tcp_pair_close(&t);
	if (smap >= 0)
		close(smap);
	res_free(&r);
	if (t_state)
		return;
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
}

/* ---- cgroup ------------------------------------------------------------ */

static char cg_path[256], cg_orig[512];
static int cg_moved;
static struct bpf_link *cg_l2;

/* The unified-hierarchy path of this process ("0::/..." in /proc/self/cgroup). */
static int cg_self(char *out, size_t n)
{
	char line[256];
	FILE *f = fopen("/proc/self/cgroup", "re");
	int ok = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3) == 0) {
			line[strcspn(line, "\n")] = 0;
			snprintf(out, n, "%s%s/cgroup.procs", CG_ROOT,
				 strcmp(line + 3, "/") ? line + 3 : "");
			ok = 0;
		}
	}
	fclose(f);
	return ok;
}

static void cg_leave(void)
{
	char p[300];

	if (cg_moved) {
		(void)write_file(cg_orig, "0");
		cg_moved = 0;
	}
	if (cg_path[0]) {
		snprintf(p, sizeof(p), "%s", cg_path);
		(void)rmdir(p);
		cg_path[0] = 0;
	}
}

/* N inet socket() calls (each runs the cgroup's sock_create programs). */
static void sock_creates(int n)
{
	for (int i = 0; i < n; i++) {
		int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

		if (s >= 0)
			close(s);
	}
}

static void cgroup_body(struct res *r, int *cg)
{
	struct bpflink_link_info info;
	char procs[300];
	uint32_t ids[4], cnt, id1, id2, lid;
	uint64_t rev = 0;
	const int t = BPF_CGROUP_INET_SOCK_CREATE;

	T_ASSERT_EQ(cg_self(cg_orig, sizeof(cg_orig)), 0);
	snprintf(cg_path, sizeof(cg_path), "%s/bpflink_net_%d", CG_ROOT,
		 (int)getpid());
	T_ASSERT_EQ(mkdir(cg_path, 0755), 0);
	*cg = bpflink_cgroup_open(cg_path);
	T_ASSERT(*cg >= 3);
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cg_path);
	T_ASSERT_EQ(write_file(procs, "0"), 0);
	cg_moved = 1;

	r->map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_net_cnt", 4, 8, 2,
				NULL);
	T_ASSERT(r->map >= 3);
	r->p1 = load_counter(BPF_PROG_TYPE_CGROUP_SOCK, t, r->map, 0, 1);
	r->p2 = load_counter(BPF_PROG_TYPE_CGROUP_SOCK, t, r->map, 1, 1);
	T_ASSERT(r->p1 >= 3 && r->p2 >= 3);
	id1 = prog_id(r->p1);
	id2 = prog_id(r->p2);

	/* link: counts this process's socket() calls */
	r->link = bpflink_attach_cgroup(r->p1, *cg, t, NULL);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(bpflink_link_get_info(r->link, &info), 0);
	T_ASSERT_EQ(info.type, BPF_LINK_TYPE_CGROUP);
	lid = info.id;
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 0), N);
	zero_slots(r->map);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(r->link, r->p2), 0);
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 0), 0);
	T_ASSERT_EQ(slot(r->map, 1), N);

	/* ordering (Linux 6.16): p1 before the link's program p2 */
	cnt = 4;
	T_ASSERT_EQ(query(*cg, t, ids, &cnt, &rev), 0);
	T_ASSERT_EQ(cnt, 1);
	{
		/* a program attached by a link is named as that link
		 * (BPF_F_LINK); naming its program gives -EINVAL */
		LIBBPF_OPTS(bpf_cgroup_opts, byprog, .flags = BL_BPF_F_BEFORE,
			    .relative_id = id2);
		LIBBPF_OPTS(bpf_cgroup_opts, o,
			    .flags = BL_BPF_F_BEFORE | BL_BPF_F_LINK,
			    .relative_id = lid, .expected_revision = rev);
		LIBBPF_OPTS(bpf_cgroup_opts, stale,
			    .expected_revision = rev + 9);

		T_ASSERT(bpflink_attach_cgroup(r->p1, *cg, t, &stale) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -ESTALE);
		T_ASSERT(bpflink_attach_cgroup(r->p1, *cg, t, &byprog) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
		cg_l2 = bpflink_attach_cgroup(r->p1, *cg, t, &o);
		T_ASSERT(cg_l2 != NULL);
	}
	cnt = 4;
	T_ASSERT_EQ(query(*cg, t, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 2);
	T_ASSERT_EQ(ids[0], id1);
	T_ASSERT_EQ(ids[1], id2);
	T_ASSERT_EQ(bpf_link__destroy(cg_l2), 0);
	cg_l2 = NULL;

	/* detach, destroy */
	zero_slots(r->map);
	T_ASSERT_EQ(bpf_link__detach(r->link), 0);
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 1), 0);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	T_ASSERT(link_id_gone(lid));
	r->link = bpflink_attach_cgroup(r->p1, *cg, t, NULL);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 0), 0);

	/* the BPF_PROG_ATTACH link (the fallback path), for real */
	r->link = bpflink_attach_cgroup_legacy(r->p1, *cg, t);
	T_ASSERT(r->link != NULL);
	T_ASSERT_EQ(bpf_link__fd(r->link), -EOPNOTSUPP);
	T_ASSERT_EQ(bpf_link__detach(r->link), -EOPNOTSUPP);
	T_ASSERT_EQ(bpflink_link_update_prog_fd(r->link, r->p2), -EOPNOTSUPP);
	cnt = 4;
	T_ASSERT_EQ(query(*cg, t, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 1);
	T_ASSERT_EQ(ids[0], id1);
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 0), N);
	T_ASSERT_EQ(bpf_link__destroy(r->link), 0);
	r->link = NULL;
	cnt = 4;
	T_ASSERT_EQ(query(*cg, t, ids, &cnt, NULL), 0);
	T_ASSERT_EQ(cnt, 0);
	sock_creates(N);
	T_ASSERT_EQ(slot(r->map, 0), N);

	/* a program of another type: the kernel's -EINVAL (the fallback
	 * is tried and fails the same way; nothing stays attached) */
	{
		int xp = load_counter(BPF_PROG_TYPE_XDP, 0, r->map, 0, 2);

		T_ASSERT(xp >= 3);
		T_ASSERT(bpflink_attach_cgroup(xp, *cg, t, NULL) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
		close(xp);
		cnt = 4;
		T_ASSERT_EQ(query(*cg, t, ids, &cnt, NULL), 0);
		T_ASSERT_EQ(cnt, 0);
	}
}

static void test_cgroup(void)
{
	int fds = open_fds(), cg = -1;
	uint32_t used = pool_in_use();
	struct res r;

	if (geteuid() != 0 || kt_bpf_probe() != 0)
		T_SKIP("needs root with BPF");
	if (access(CG_ROOT "/cgroup.procs", W_OK))
		T_SKIP("no cgroup2 hierarchy at " CG_ROOT);
	res_init(&r);
	cgroup_body(&r, &cg);
	bpf_link__destroy(cg_l2);
	cg_l2 = NULL;
	res_free(&r);
	if (cg >= 0)
		close(cg);
	cg_leave();
	if (t_state)
		return;
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
}

/* ---- bad input --------------------------------------------------------- */

static void test_bad_input(void)
{
	int fds = open_fds(), map, xp, tp, mnt, fd;
	uint32_t used = pool_in_use();

	/* unknown interface */
	T_ASSERT_EQ(bpflink_if_nametoindex("bl_nosuch0"), -ENODEV);
	T_ASSERT_EQ(bpflink_if_nametoindex("lo"), 1);
	/* a cgroup path not on cgroup2 (the v1 tmpfs above it), a file */
	T_ASSERT_EQ(bpflink_cgroup_open("/proc"), -EINVAL);
	if (access(CG_ROOT, F_OK) == 0) {
		T_ASSERT_EQ(bpflink_cgroup_open(CG_ROOT "/cgroup.procs"),
			    -ENOTDIR);
		fd = bpflink_cgroup_open(CG_ROOT);
		T_ASSERT(fd >= 3);
		close(fd);
	}
	T_ASSERT_EQ(bpflink_cgroup_open("/nonexistent/cg"), -ENOENT);
	if (net_skip)
		T_SKIP(net_skip);

	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "bl_net_cnt", 4, 8, 2, NULL);
	xp = load_counter(BPF_PROG_TYPE_XDP, 0, map, 0, 2);
	tp = load_counter(BPF_PROG_TYPE_SCHED_CLS, 0, map, 0, 0);
	T_ASSERT(map >= 3 && xp >= 3 && tp >= 3);
	/* a program that does not fit the hook: the kernel's -EINVAL */
	T_ASSERT(bpflink_attach_tcx(xp, v0_ifindex, BL_BPF_TCX_INGRESS,
				    NULL) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
	T_ASSERT(bpflink_attach_xdp(tp, v0_ifindex, 0) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
	T_ASSERT(bpflink_attach_netns(xp, netns_fd, BPF_SK_LOOKUP) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL); /* netns fine, prog not */
	{
		LIBBPF_OPTS(bpf_netfilter_opts, o, .pf = 2, .hooknum = 1);
		T_ASSERT(bpflink_attach_netfilter(tp, &o) == NULL);
		T_ASSERT_EQ(bpflink_last_error(), -EINVAL);
	}
	/* netfilter: no protocol family; the reserved priority INT_MIN */
	{
		int nf = load_counter(BL_BPF_PROG_TYPE_NETFILTER,
				      BL_BPF_NETFILTER, map, 0, 1);
		LIBBPF_OPTS(bpf_netfilter_opts, o, .pf = 2, .hooknum = 1,
			    .priority = -2147483647 - 1);
		int e1, e2;

		T_ASSERT(nf >= 3);
		T_ASSERT(bpflink_attach_netfilter(nf, NULL) == NULL);
		e1 = bpflink_last_error();
		T_ASSERT(bpflink_attach_netfilter(nf, &o) == NULL);
		e2 = bpflink_last_error();
		close(nf);
		T_ASSERT_EQ(e1, -EAFNOSUPPORT);
		T_ASSERT_EQ(e2, -ERANGE);
	}
	/* a netns fd that is not a netns: a mount namespace, a plain file */
	mnt = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	T_ASSERT(mnt >= 3);
	{
		int sk = load_counter(BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP,
				      map, 0, 1);
		int e1, e2;

		T_ASSERT(sk >= 3);
		T_ASSERT(bpflink_attach_netns(sk, mnt, BPF_SK_LOOKUP) == NULL);
		e1 = bpflink_last_error();
		fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
		T_ASSERT(bpflink_attach_netns(sk, fd, BPF_SK_LOOKUP) == NULL);
		e2 = bpflink_last_error();
		close(fd);
		close(sk);
		T_ASSERT_EQ(e1, -ENOTTY);
		T_ASSERT_EQ(e2, -ENOTTY);
	}
	close(mnt);
	/* an ifindex with no device */
	T_ASSERT(bpflink_attach_tcx(tp, 99999, BL_BPF_TCX_INGRESS, NULL) ==
		 NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENODEV);
	T_ASSERT(bpflink_attach_xdp(xp, 99999, 0) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -EINVAL); /* XDP's answer */
	/* a second XDP link on the same device: the kernel's -EBUSY */
	{
		struct bpf_link *x1 = bpflink_attach_xdp(xp, v0_ifindex, 0);
		struct bpf_link *x2 = bpflink_attach_xdp(xp, v0_ifindex, 0);
		int e = bpflink_last_error();

		bpf_link__destroy(x2);
		bpf_link__destroy(x1);
		T_ASSERT(x1 != NULL);
		T_ASSERT(x2 == NULL);
		T_ASSERT_EQ(e, -EBUSY);
	}
	close(xp);
	close(tp);
	close(map);
	T_ASSERT_EQ(open_fds(), fds);
	T_ASSERT_EQ(pool_in_use(), used);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	T_RUN(test_cgroup); /* before the process leaves the first netns */
	net_setup();
	if (!net_skip) {
		netns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (netns_fd < 0)
			net_skip = "cannot open /proc/self/ns/net";
	}
	T_RUN(test_xdp);
	T_RUN(test_tcx_ingress);
	T_RUN(test_tcx_egress);
	T_RUN(test_tcx_ordering);
	T_RUN(test_netkit);
	T_RUN(test_netfilter);
	T_RUN(test_netns_sk_lookup);
	T_RUN(test_netns_flow_dissector);
	T_RUN(test_sockmap);
	T_RUN(test_bad_input);
	if (netns_fd >= 0)
		close(netns_fd);
	net_teardown();
	return T_EXIT_CODE();
}

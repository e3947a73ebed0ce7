/* The link pool needs no initialisation: in a fresh process (this test's
 * first check runs before any pool call) the all-zero .bss already reports
 * the full capacity and nothing in use; a slot is written only when first
 * handed out; never-used slots come out in slot order, released ones after
 * them, first released first reused (FIFO); a full pool refuses with
 * -ENOSPC and no system call. Uses bl_link_alloc / bl_link_free directly
 * (no system call), and raw_tp attach through the fake seam. */
#include <errno.h>
#include <string.h>

#include "fake_sys.h"
#include "link.h"
#include "t.h"

/* Bounds of this test's own tables; larger pools skip the full cycles. */
#define T_MAX_SLOTS 65536

static struct bpflink_pool_stats stats(void)
{
	struct bpflink_pool_stats s;

	bpflink_link_pool_stats(&s);
	return s;
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

/* Must run first: nothing has touched the pool yet. */
static void test_fresh_process(void)
{
	struct bpflink_pool_stats s;
	struct bpf_link *a, *b;

	/* no init pass ran, and none is needed */
	T_ASSERT(all_zero(&bl_pool, sizeof(bl_pool)));
	T_ASSERT(all_zero(bl_links, sizeof(bl_links)));
	s = stats();
	T_ASSERT_EQ(s.capacity, BPFLINK_MAX_LINKS);
	T_ASSERT_EQ(s.in_use, 0);
	T_ASSERT_EQ(s.high_water, 0);
	T_ASSERT_EQ(s.exhausted, 0);
	/* statistics wrote nothing either */
	T_ASSERT(all_zero(&bl_pool, sizeof(bl_pool)));

	/* the first allocation writes its slot only */
	fake_reset();
	a = bl_link_alloc(BL_LINK_FD);
	T_ASSERT(a == &bl_links[0]);
	T_ASSERT_EQ(a->index, 0);
	T_ASSERT_EQ(a->state, BL_SLOT_LIVE);
	T_ASSERT_EQ(a->fd, -1);
	T_ASSERT_EQ(a->perf_fd, -1);
	T_ASSERT_EQ(a->pin_len, 0);
	T_ASSERT(bpf_link__pin_path(a) == NULL);
	T_ASSERT(all_zero(&bl_links[1], sizeof(bl_links) - sizeof(bl_links[0])));
	T_ASSERT(all_zero(bl_link_cold, sizeof(bl_link_cold)));
	s = stats();
	T_ASSERT_EQ(s.in_use, 1);
	T_ASSERT_EQ(s.high_water, 1);
	if (BPFLINK_MAX_LINKS > 1) {
		/* never-used slots first, in slot order: not the one released */
		bl_link_free(a);
		b = bl_link_alloc(BL_LINK_PERF);
		T_ASSERT(b == &bl_links[1]);
		T_ASSERT_EQ(b->kind, BL_LINK_PERF);
		bl_link_free(b);
	} else {
		bl_link_free(a);
	}
	T_ASSERT_EQ(fake_total(), 0);
	s = stats();
	T_ASSERT_EQ(s.in_use, 0);
	T_ASSERT_EQ(s.capacity, BPFLINK_MAX_LINKS);
}

/* Fill the pool, release in a scrambled order, take everything again: the
 * slots come back in release order. */
static void test_fifo_order(void)
{
	static struct bpf_link *held[T_MAX_SLOTS];
	static uint32_t order[T_MAX_SLOTS];
	struct bpflink_pool_stats s = stats();
	uint32_t n = s.capacity, i;

	if (n > T_MAX_SLOTS)
		T_SKIP("pool larger than the test's tables");
	T_ASSERT_EQ(s.in_use, 0);
	for (i = 0; i < n; i++) {
		held[i] = bl_link_alloc(BL_LINK_FD);
		T_ASSERT(held[i] != NULL);
	}
	T_ASSERT(bl_link_alloc(BL_LINK_FD) == NULL);
	/* release odd positions backwards, then even ones forwards */
	uint32_t k = 0;
	for (i = n; i-- > 0;)
		if (i % 2 == 1)
			order[k++] = held[i]->index;
	for (i = 0; i < n; i++)
		if (i % 2 == 0)
			order[k++] = held[i]->index;
	T_ASSERT_EQ(k, n);
	for (i = 0; i < n; i++)
		bl_link_free(&bl_links[order[i]]);
	T_ASSERT_EQ(stats().in_use, 0);
	for (i = 0; i < n; i++) {
		struct bpf_link *l = bl_link_alloc(BL_LINK_FD);

		T_ASSERT(l != NULL);
		T_ASSERT_EQ(l->index, order[i]);
		held[i] = l;
	}
	for (i = 0; i < n; i++)
		bl_link_free(held[i]);
	T_ASSERT_EQ(stats().in_use, 0);
}

/* A full pool: NULL, -ENOSPC, the exhausted count moves, no system call;
 * one release makes exactly that slot available. */
static void test_exhaustion(void)
{
	static struct bpf_link *held[T_MAX_SLOTS];
	struct bpflink_pool_stats s = stats(), t;
	uint32_t n = s.capacity, i;
	struct bpf_link *l;

	if (n > T_MAX_SLOTS)
		T_SKIP("pool larger than the test's tables");
	for (i = 0; i < n; i++)
		held[i] = bl_link_alloc(BL_LINK_FD);
	fake_reset();
	T_ASSERT(bl_link_alloc(BL_LINK_FD) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENOSPC);
	T_ASSERT(bpflink_attach_raw_tracepoint(fake_new_fd(), "x", 0) == NULL);
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOSPC);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 0);
	t = stats();
	T_ASSERT_EQ(t.in_use, n);
	T_ASSERT_EQ(t.high_water, n);
	T_ASSERT_EQ(t.exhausted, s.exhausted + 2);
	bl_link_free(held[n / 2]);
	l = bl_link_alloc(BL_LINK_FD);
	T_ASSERT(l == held[n / 2]);
	T_ASSERT(bl_link_alloc(BL_LINK_FD) == NULL);
	T_ASSERT_EQ(stats().exhausted, s.exhausted + 3);
	for (i = 0; i < n; i++)
		bl_link_free(held[i]);
	T_ASSERT_EQ(stats().in_use, 0);
}

/* A released slot keeps its number and a larger generation; a destroyed
 * link handle stays a no-op. */
static void test_release_state(void)
{
	struct bpf_link *l;
	uint32_t gen, idx;

	fake_reset();
	l = bpflink_attach_raw_tracepoint(fake_new_fd(), "sys_enter", 0);
	T_ASSERT(l != NULL);
	idx = l->index;
	gen = l->generation;
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	T_ASSERT_EQ(l->state, BL_SLOT_FREE);
	T_ASSERT_EQ(l->index, idx);
	T_ASSERT_EQ(l->generation, gen + 1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 1);
	T_ASSERT_EQ(fake_open_fds(), 1); /* only the program fd */
}

int main(void)
{
	T_RUN(test_fresh_process);
	T_RUN(test_fifo_order);
	T_RUN(test_exhaustion);
	T_RUN(test_release_state);
	return T_EXIT_CODE();
}

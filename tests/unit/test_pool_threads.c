/* Pool operations from several threads at once: every slot handed out is
 * owned by exactly one thread (no doubled slot), and when all threads are
 * done every slot can be taken again (no lost slot). Uses bl_link_alloc /
 * bl_link_free directly: they make no system call, so the (single-
 * threaded) fake seam is not involved. */
#include <pthread.h>
#include <errno.h>

#include "fake_sys.h"
#include "link.h"
#include "t.h"

#define NTHREADS 4
#define ROUNDS 20000
#define HOLD 8

/* Built without the library's MAX_LINKS setting: sized generously and
 * checked against the pool's capacity. */
#define T_MAX_SLOTS 65536
static int owner[T_MAX_SLOTS];
static int doubled, bad;

static void *worker(void *arg)
{
	int me = (int)(long)arg + 1;
	struct bpf_link *held[HOLD];
	int n = 0;

	for (int r = 0; r < ROUNDS; r++) {
		if (n < HOLD && (r % 3 != 2)) {
			struct bpf_link *l = bl_link_alloc(BL_LINK_FD);

			if (!l)
				continue; /* full: others hold the slots */
			if (l->state != BL_SLOT_LIVE || l->index >= T_MAX_SLOTS)
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
			if (__atomic_exchange_n(&owner[l->index], me,
						__ATOMIC_ACQ_REL) != 0)
				__atomic_add_fetch(&doubled, 1, __ATOMIC_RELAXED);
			held[n++] = l;
		} else if (n > 0) {
			struct bpf_link *l = held[--n];

			if (__atomic_exchange_n(&owner[l->index], 0,
						__ATOMIC_ACQ_REL) != me)
				__atomic_add_fetch(&doubled, 1, __ATOMIC_RELAXED);
			bl_link_free(l);
		}
	}
	while (n > 0) {
		struct bpf_link *l = held[--n];

		__atomic_store_n(&owner[l->index], 0, __ATOMIC_RELEASE);
		bl_link_free(l);
	}
	return NULL;
}

static void test_threads_no_lost_or_doubled_slot(void)
{
	static struct bpf_link *all[T_MAX_SLOTS];
	struct bpflink_pool_stats st;
	pthread_t th[NTHREADS];
	uint32_t i;

	bpflink_link_pool_stats(&st);
	if (st.capacity > T_MAX_SLOTS)
		T_SKIP("pool larger than the test's ownership table");
	fake_reset();
	for (long t = 0; t < NTHREADS; t++)
		T_ASSERT(pthread_create(&th[t], NULL, worker, (void *)t) == 0);
	for (int t = 0; t < NTHREADS; t++)
		pthread_join(th[t], NULL);
	T_ASSERT_EQ(doubled, 0);
	T_ASSERT_EQ(bad, 0);
	bpflink_link_pool_stats(&st);
	T_ASSERT_EQ(st.in_use, 0);
	T_ASSERT(st.high_water <= st.capacity);
	/* every slot can be taken again, each exactly once */
	for (i = 0; i < st.capacity; i++) {
		all[i] = bl_link_alloc(BL_LINK_FD);
		T_ASSERT(all[i] != NULL);
		T_ASSERT_EQ(owner[all[i]->index], 0);
		owner[all[i]->index] = -1;
	}
	T_ASSERT(bl_link_alloc(BL_LINK_FD) == NULL);
	T_ASSERT_EQ(bpflink_last_error(), -ENOSPC);
	for (i = 0; i < st.capacity; i++)
		bl_link_free(all[i]);
	T_ASSERT_EQ(fake_total(), 0);
}

int main(void)
{
	T_RUN(test_threads_no_lost_or_doubled_slot);
	return T_EXIT_CODE();
}

/* The loader's pools from several threads at once: bpf_object__open_mem
 * and bpf_object__close (no system call: the single-threaded fake seam is
 * not involved) racing on the object, program and map pools, whose free
 * stacks share one spin lock (bl_lock_word, src/object.h). Every slot
 * handed out is owned by exactly one thread at a time (no doubled slot),
 * and when all threads are done every pool is empty again (no lost slot)
 * and can be filled to its capacity. */
#include <errno.h>
#include <pthread.h>

#include "bpflink.h"
#include "fake_sys.h"
#include "object.h"
#include "t.h"
#include "blob.h"

#define NTHREADS 4
#ifndef ROUNDS
#define ROUNDS 20000
#endif
#define HOLD 2

static struct blob b_three;
static int obj_owner[BPFLINK_MAX_OBJECTS];
static int prog_owner[BPFLINK_MAX_PROGS];
static int map_owner[BPFLINK_MAX_MAPS];
static int doubled, bad, opened;
static pthread_barrier_t go; /* all threads start together */

/* Claim (me) or release (0) slot idx of a pool of cap slots in owner[]:
 * counts a slot out of range, or found owned by another thread. */
static void claim(int *owner, long idx, long cap, int me)
{
	int prev;

	if (idx < 0 || idx >= cap) {
		__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
		return;
	}
	prev = __atomic_exchange_n(&owner[idx], me, __ATOMIC_ACQ_REL);
	if (me ? prev != 0 : prev == 0)
		__atomic_add_fetch(&doubled, 1, __ATOMIC_RELAXED);
}

/* Claim (me) or release (0) every slot of obj. */
static void own(struct bpf_object *obj, int me)
{
	struct bpf_program *p = NULL;
	struct bpf_map *m = NULL;

	claim(obj_owner, obj - bl_objects, BPFLINK_MAX_OBJECTS, me);
	while ((p = bpf_object__next_program(obj, p)) != NULL)
		claim(prog_owner, p - bl_progs, BPFLINK_MAX_PROGS, me);
	while ((m = bpf_object__next_map(obj, m)) != NULL)
		claim(map_owner, m - bl_maps, BPFLINK_MAX_MAPS, me);
}

static void *worker(void *arg)
{
	int me = (int)(long)arg + 1;
	struct bpf_object *held[HOLD];
	int n = 0;

	pthread_barrier_wait(&go);
	for (int r = 0; r < ROUNDS; r++) {
		if (n < HOLD && (r % 3 != 2)) {
			struct bpf_object *o =
				bpf_object__open_mem(b_three.p, b_three.n, NULL);

			if (!o)
				continue; /* a pool is full: others hold slots */
			own(o, me);
			__atomic_add_fetch(&opened, 1, __ATOMIC_RELAXED);
			held[n++] = o;
		} else if (n > 0) {
			struct bpf_object *o = held[--n];

			own(o, 0);
			bpf_object__close(o);
		}
	}
	while (n > 0) {
		struct bpf_object *o = held[--n];

		own(o, 0);
		bpf_object__close(o);
	}
	return NULL;
}

static void test_threads_open_close(void)
{
	static struct bpf_object *all[BPFLINK_MAX_OBJECTS + 1];
	struct bpflink_object_pool_stats st;
	pthread_t th[NTHREADS];
	uint32_t i, k;

	if (!b_three.p)
		T_SKIP("obj_three.bpf.o not built");
	fake_reset();
	T_ASSERT(pthread_barrier_init(&go, NULL, NTHREADS) == 0);
	for (long t = 0; t < NTHREADS; t++)
		T_ASSERT(pthread_create(&th[t], NULL, worker, (void *)t) == 0);
	for (int t = 0; t < NTHREADS; t++)
		pthread_join(th[t], NULL);
	T_ASSERT_EQ(doubled, 0);
	T_ASSERT_EQ(bad, 0);
	T_ASSERT(opened >= ROUNDS); /* the pools were really raced on */
	bpflink_object_pool_stats(&st);
	T_ASSERT_EQ(st.objects, 0);
	T_ASSERT_EQ(st.programs, 0);
	T_ASSERT_EQ(st.maps, 0);
	/* no slot lost: the pools fill again up to what the first full one
	 * allows, each slot handed out once */
	for (k = 0; k <= BPFLINK_MAX_OBJECTS; k++) {
		all[k] = bpf_object__open_mem(b_three.p, b_three.n, NULL);
		if (!all[k])
			break;
		own(all[k], -1);
	}
	T_ASSERT_EQ(doubled, 0);
	bpflink_object_pool_stats(&st);
	T_ASSERT(k >= 1 && k <= BPFLINK_MAX_OBJECTS);
	T_ASSERT_EQ(bpflink_last_error(), -ENOSPC); /* full, not broken */
	T_ASSERT_EQ(st.objects, k);
	for (i = 0; i < k; i++) {
		own(all[i], 0);
		bpf_object__close(all[i]);
	}
	bpflink_object_pool_stats(&st);
	T_ASSERT_EQ(st.objects, 0);
	T_ASSERT_EQ(fake_total(), 0);
}

int main(void)
{
	b_three = load_blob("obj_three");
	T_RUN(test_threads_open_close);
	return T_EXIT_CODE();
}

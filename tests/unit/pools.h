/* The object loader's pool counts, for the object unit tests' "every pool
 * as it was" assertions. */
#ifndef BL_TEST_POOLS_H
#define BL_TEST_POOLS_H

#include "bpflink.h"

static struct bpflink_object_pool_stats pools(void)
{
	struct bpflink_object_pool_stats st;

	bpflink_object_pool_stats(&st);
	return st;
}

static int same_pools(struct bpflink_object_pool_stats a,
		      struct bpflink_object_pool_stats b)
{
	return a.objects == b.objects && a.programs == b.programs &&
	       a.maps == b.maps;
}

#endif

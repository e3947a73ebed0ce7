/* The last error of a call that returned NULL (libbpf_get_error's model):
 * one value for the process, stored atomically so that threads racing on
 * it are not undefined behaviour (see include/bpf/libbpf.h). */
#include "link.h"

int bl_last_err;

int bl_set_error(int err)
{
	bl_atomic_store_int(&bl_last_err, err);
	return err;
}

void *bl_err_ptr(int err)
{
	(void)bl_set_error(err);
	return NULL;
}

/*@ assigns \nothing;
    ensures ptr != \null ==> \result == 0;
    ensures ptr == \null ==> \result == bl_last_err; */
long libbpf_get_error(const void *ptr)
{
	if (ptr != NULL) {
		return 0;
	}
	return bl_atomic_load_int(&bl_last_err);
}

/*@ assigns \nothing;
    ensures \result == bl_last_err; */
int bpflink_last_error(void)
{
	return bl_atomic_load_int(&bl_last_err);
}

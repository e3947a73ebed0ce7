/* Source of the fuzz seeds (tests/fuzz/mkseeds.sh): built as a relocatable
 * object, a shared object and, with -DSEED_BPF, a BPF object carrying .BTF,
 * .maps, global data and relocations. */
#ifdef SEED_BPF
#define SEC(n) __attribute__((section(n), used))
typedef unsigned int u32;
typedef unsigned long long u64;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
	int (*type)[2];		/* BPF_MAP_TYPE_ARRAY */
	int (*max_entries)[4];
	u32 *key;
	u64 *value;
} counts SEC(".maps");

u64 hits;
const volatile u32 step = 1;
char LICENSE[] SEC("license") = "GPL";

static __attribute__((noinline)) u64 bump(u64 *v)
{
	*v += step;
	return *v;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	u32 k = 0;
	u64 *v = bpf_map_lookup_elem(&counts, &k);

	(void)ctx;
	if (v)
		bump(v);
	hits++;
	return 0;
}
#else
int seed_global = 3;
static int seed_local;

int seed_func(int x)
{
	seed_local += x;
	return x + seed_global + seed_local;
}

__attribute__((weak)) int seed_weak(int x)
{
	return seed_func(x) * 2;
}
#endif

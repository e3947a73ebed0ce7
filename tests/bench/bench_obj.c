/* Object open + load + close of progs.bpf.o (three programs, no maps, no
 * BTF) from memory:
 *   libbpf  bpf_object__open_mem + bpf_object__load + bpf_object__close
 *           (Debian's libbpf 1.1.2, libbpf.so.1)
 *   floor   the same kernel work by hand: walk the ELF section headers,
 *           take the license and each executable section (raw_tp/... ->
 *           BPF_PROG_TYPE_RAW_TRACEPOINT, tp/... -> TRACEPOINT) with its
 *           function symbol's name, one BPF_PROG_LOAD each (syscall(2)),
 *           then close them
 *   bpflink not yet: needs bpf_object (issue 6)
 *
 *   bench_obj run METHOD SKIP N   SKIP cycles, then N with callgrind
 *                                 collecting (--collect-atstart=no); prints
 *                                 "cycle I CPU_NS WALL_NS" for every cycle
 *                                 (cycle 0 is the cold one: first in the
 *                                 process)
 */
#include "bench.h"

#include <elf.h>
#include <bpf/libbpf.h>
#include <valgrind/callgrind.h>

BENCH_EMBED(progs_obj, BENCH_PROGS_OBJ);

#define FLOOR_MAX_PROGS 16

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0;
}

static void die(const char *what, long err)
{
	fprintf(stderr, "bench_obj: %s failed: %ld\n", what, err);
	exit(2);
}

static void cycle_libbpf(void)
{
	struct bpf_object *obj = bpf_object__open_mem(
		progs_obj_start, (size_t)(progs_obj_end - progs_obj_start), NULL);

	if (!obj)
		die("bpf_object__open_mem", -errno);
	if (bpf_object__load(obj))
		die("bpf_object__load", -errno);
	bpf_object__close(obj);
}

/* The floor's loader: trusts its own object (bounds checked only where a
 * bad object would make it read outside the buffer). */
static void cycle_floor(void)
{
	const unsigned char *b = progs_obj_start;
	size_t len = (size_t)(progs_obj_end - progs_obj_start);
	const Elf64_Ehdr *eh = (const void *)b;
	const Elf64_Shdr *sh, *symtab = NULL;
	const char *shstr, *license = NULL;
	int fds[FLOOR_MAX_PROGS], n = 0;

	if (len < sizeof(*eh) || eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len)
		die("floor: ELF header", -EINVAL);
	sh = (const void *)(b + eh->e_shoff);
	shstr = (const char *)b + sh[eh->e_shstrndx].sh_offset;
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type == SHT_SYMTAB)
			symtab = &sh[i];
		else if (!strcmp(shstr + sh[i].sh_name, "license"))
			license = (const char *)b + sh[i].sh_offset;
	}
	if (!symtab || !license)
		die("floor: no symtab or license", -EINVAL);
	for (int i = 0; i < eh->e_shnum && n < FLOOR_MAX_PROGS; i++) {
		const char *sec = shstr + sh[i].sh_name;
		const Elf64_Sym *sym = (const void *)(b + symtab->sh_offset);
		const char *str = (const char *)b + sh[symtab->sh_link].sh_offset;
		size_t nsym = symtab->sh_size / sizeof(*sym);
		union bpf_attr a;
		int type;

		if (!(sh[i].sh_flags & SHF_EXECINSTR) || !sh[i].sh_size)
			continue;
		if (!strncmp(sec, "raw_tp/", 7))
			type = BPF_PROG_TYPE_RAW_TRACEPOINT;
		else if (!strncmp(sec, "tp/", 3))
			type = BPF_PROG_TYPE_TRACEPOINT;
		else
			continue;
		memset(&a, 0, sizeof(a));
		for (size_t k = 0; k < nsym; k++)
			if (sym[k].st_shndx == i &&
			    ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC) {
				strncpy(a.prog_name, str + sym[k].st_name,
					sizeof(a.prog_name) - 1);
				break;
			}
		a.prog_type = (unsigned int)type;
		a.insns = (uint64_t)(uintptr_t)(b + sh[i].sh_offset);
		a.insn_cnt = (unsigned int)(sh[i].sh_size / sizeof(struct bpf_insn));
		a.license = (uint64_t)(uintptr_t)license;
		fds[n] = floor_bpf(BPF_PROG_LOAD, &a, sizeof(a));
		if (fds[n] < 0)
			die("floor: BPF_PROG_LOAD", -errno);
		n++;
	}
	if (n != 3)
		die("floor: expected 3 programs", n);
	while (n > 0)
		floor_close(fds[--n]);
}

int main(int argc, char **argv)
{
	void (*cycle)(void);
	int skip, n;

	if (argc != 5 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: bench_obj run libbpf|floor SKIP N\n");
		return 2;
	}
	if (!strcmp(argv[2], "libbpf")) {
		libbpf_set_print(quiet);
		cycle = cycle_libbpf;
	} else if (!strcmp(argv[2], "floor")) {
		cycle = cycle_floor;
	} else {
		fprintf(stderr, "bench_obj: %s: not yet measured: needs bpf_object (issue 6)\n",
			argv[2]);
		return 3;
	}
	/* printed in every run, so that stdio's own system calls are the same
	 * whatever N is (the syscall counts are differences between runs) */
	printf("# bench_obj %s\n", argv[2]);
	skip = atoi(argv[3]);
	n = atoi(argv[4]);
	uint64_t *cpu = calloc((size_t)(skip + n) + 1, 8);
	uint64_t *wall = calloc((size_t)(skip + n) + 1, 8);

	for (int i = 0; i < skip + n; i++) {
		uint64_t c0 = bench_ns(CLOCK_PROCESS_CPUTIME_ID);
		uint64_t w0 = bench_ns(CLOCK_MONOTONIC);

		if (i >= skip)
			CALLGRIND_TOGGLE_COLLECT;
		cycle();
		if (i >= skip)
			CALLGRIND_TOGGLE_COLLECT;
		wall[i] = bench_ns(CLOCK_MONOTONIC) - w0;
		cpu[i] = bench_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	for (int i = 0; i < skip + n; i++)
		printf("cycle %d %llu %llu\n", i, (unsigned long long)cpu[i],
		       (unsigned long long)wall[i]);
	return 0;
}

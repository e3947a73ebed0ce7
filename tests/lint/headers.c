/* Lint-only translation unit (never built into the library): includes every
 * public header, so that cppcheck, gcc -fanalyzer and clang --analyze check
 * the headers that no library file includes, and check that each one
 * compiles on its own. */
#include "bpf/libbpf_common.h"
#include "bpf/libbpf.h"
#include "bpf/bpf.h"
#include "bpflink.h"
#include "bpflink_rt.h"
#include "bpflink_insn.h"

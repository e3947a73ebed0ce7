/* Macros that build BPF instructions (struct bpf_insn initialisers), so
 * programs can be written in C before (or without) an ELF object:
 *
 *     struct bpf_insn prog[] = {
 *         BPFLINK_MOV64_IMM(BPF_REG_0, 0),
 *         BPFLINK_EXIT_INSN(),
 *     };
 *
 * Each macro is one instruction, except BPFLINK_LD_IMM64 / _LD_MAP_FD /
 * _LD_MAP_VALUE, which are two (the 64-bit immediate spans two slots).
 * Jump offsets count instructions after the jump. */
#ifndef BPFLINK_INSN_H
#define BPFLINK_INSN_H

#include <linux/bpf.h>

#define BPFLINK_RAW_INSN(CODE, DST, SRC, OFF, IMM)                           \
	((struct bpf_insn){ .code = (CODE), .dst_reg = (DST), .src_reg = (SRC), \
			    .off = (OFF), .imm = (IMM) })

/* ALU: dst op= src / dst op= imm, 64-bit (ALU64) or 32-bit (ALU). */
#define BPFLINK_ALU64_REG(OP, DST, SRC)                                      \
	BPFLINK_RAW_INSN(BPF_ALU64 | BPF_OP(OP) | BPF_X, DST, SRC, 0, 0)
#define BPFLINK_ALU64_IMM(OP, DST, IMM)                                      \
	BPFLINK_RAW_INSN(BPF_ALU64 | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)
#define BPFLINK_ALU32_REG(OP, DST, SRC)                                      \
	BPFLINK_RAW_INSN(BPF_ALU | BPF_OP(OP) | BPF_X, DST, SRC, 0, 0)
#define BPFLINK_ALU32_IMM(OP, DST, IMM)                                      \
	BPFLINK_RAW_INSN(BPF_ALU | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)

/* Moves. */
#define BPFLINK_MOV64_REG(DST, SRC) BPFLINK_ALU64_REG(BPF_MOV, DST, SRC)
#define BPFLINK_MOV64_IMM(DST, IMM) BPFLINK_ALU64_IMM(BPF_MOV, DST, IMM)
#define BPFLINK_MOV32_REG(DST, SRC) BPFLINK_ALU32_REG(BPF_MOV, DST, SRC)
#define BPFLINK_MOV32_IMM(DST, IMM) BPFLINK_ALU32_IMM(BPF_MOV, DST, IMM)

/* 64-bit immediate load (two instructions). SRC selects the meaning of
 * IMM: 0 plain value, BPF_PSEUDO_MAP_FD a map fd, BPF_PSEUDO_MAP_VALUE a
 * map fd plus an offset into its value (OFF2). */
#define BPFLINK_LD_IMM64_RAW(DST, SRC, IMM, IMM2)                            \
	BPFLINK_RAW_INSN(BPF_LD | BPF_DW | BPF_IMM, DST, SRC, 0,             \
			 (__s32)(__u32)(IMM)),                               \
	BPFLINK_RAW_INSN(0, 0, 0, 0, (__s32)(IMM2))
#define BPFLINK_LD_IMM64(DST, IMM)                                           \
	BPFLINK_LD_IMM64_RAW(DST, 0, (__u64)(IMM) & 0xffffffffULL,           \
			     (__u64)(IMM) >> 32)
#define BPFLINK_LD_MAP_FD(DST, MAP_FD)                                       \
	BPFLINK_LD_IMM64_RAW(DST, BPF_PSEUDO_MAP_FD, MAP_FD, 0)
#define BPFLINK_LD_MAP_VALUE(DST, MAP_FD, OFF2)                              \
	BPFLINK_LD_IMM64_RAW(DST, BPF_PSEUDO_MAP_VALUE, MAP_FD, OFF2)

/* Memory: dst = *(SIZE *)(src + off); *(SIZE *)(dst + off) = src / imm.
 * SIZE is BPF_B, BPF_H, BPF_W or BPF_DW. */
#define BPFLINK_LDX_MEM(SIZE, DST, SRC, OFF)                                 \
	BPFLINK_RAW_INSN(BPF_LDX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPFLINK_STX_MEM(SIZE, DST, SRC, OFF)                                 \
	BPFLINK_RAW_INSN(BPF_STX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPFLINK_ST_MEM(SIZE, DST, OFF, IMM)                                  \
	BPFLINK_RAW_INSN(BPF_ST | BPF_SIZE(SIZE) | BPF_MEM, DST, 0, OFF, IMM)

/* Atomic *(SIZE *)(dst + off) += src, SIZE BPF_W or BPF_DW. */
#define BPFLINK_ATOMIC_ADD(SIZE, DST, SRC, OFF)                              \
	BPFLINK_RAW_INSN(BPF_STX | BPF_SIZE(SIZE) | BPF_ATOMIC, DST, SRC,   \
			 OFF, BPF_ADD)

/* Jumps: if (dst OP src/imm) goto pc + 1 + off. JMP32 compares 32 bits. */
#define BPFLINK_JMP_REG(OP, DST, SRC, OFF)                                   \
	BPFLINK_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_X, DST, SRC, OFF, 0)
#define BPFLINK_JMP_IMM(OP, DST, IMM, OFF)                                   \
	BPFLINK_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_K, DST, 0, OFF, IMM)
#define BPFLINK_JMP32_REG(OP, DST, SRC, OFF)                                 \
	BPFLINK_RAW_INSN(BPF_JMP32 | BPF_OP(OP) | BPF_X, DST, SRC, OFF, 0)
#define BPFLINK_JMP32_IMM(OP, DST, IMM, OFF)                                 \
	BPFLINK_RAW_INSN(BPF_JMP32 | BPF_OP(OP) | BPF_K, DST, 0, OFF, IMM)
#define BPFLINK_JA(OFF) BPFLINK_RAW_INSN(BPF_JMP | BPF_JA, 0, 0, OFF, 0)

/* Helper call (IMM = BPF_FUNC_*) and program exit (returns r0). */
#define BPFLINK_CALL_HELPER(FUNC)                                            \
	BPFLINK_RAW_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, FUNC)
#define BPFLINK_EXIT_INSN() BPFLINK_RAW_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#endif

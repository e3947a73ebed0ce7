#!/usr/bin/env bash
# Proves the bounded ELF and BTF readers (src/elf.c, src/btf.c) with
# Frama-C WP and the runtime-error annotations (-wp-rte): no out-of-bounds
# access and no overflow for any input bytes, plus every contract of
# src/elf.h and src/btf.h. See proofs/readers/README.md.
#
# Fails unless, for each module:
#   - frama-c ran cleanly and no warning of the kinds that hide unproved
#     code was printed (missing calls/assigns, unsupported constructs, casts);
#   - every goal is proved, smoke tests included (-wp-smoke-tests: no
#     precondition or loop invariant is vacuous);
#   - no function has fewer goals than proofs/readers/ledger.txt records
#     (a dropped contract cannot pass). `--update` rewrites the ledger.
#
# Env: WP_TIMEOUT (10), WP_PAR (2), READERS (elf btf), WP_CACHE (update).
# The work is done by proofs/wp_modules.sh.
name=prove_readers
area=readers
modules=${READERS:-elf btf}
cpp_args="-Isrc"
. "$(dirname "$0")/wp_modules.sh"

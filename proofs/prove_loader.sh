#!/usr/bin/env bash
# Proves the object loader's parsing of untrusted ELF (src/object.c, the
# functions listed below; src/object_sec.c) with Frama-C WP and the
# runtime-error annotations (-wp-rte): no out-of-bounds access and no
# overflow for any input bytes, valid slot indices in every chain, strings
# read only up to their NUL. See proofs/loader/README.md (what is proved,
# what is assumed, what is not proved yet).
#
# Fails unless, for each module:
#   - frama-c ran cleanly and no warning of the kinds that hide unproved
#     code was printed (missing calls/assigns, unsupported constructs, casts);
#   - every goal is proved, smoke tests included (-wp-smoke-tests: no
#     precondition or loop invariant is vacuous);
#   - no function has fewer goals than proofs/loader/ledger.txt records
#     (a dropped contract cannot pass). `--update` rewrites the ledger.
#
# Env: WP_TIMEOUT (10), WP_PAR (2), MODULES (object object_sec), WP_CACHE (update).
# The work is done by proofs/wp_modules.sh.
name=prove_loader
area=loader
modules=${MODULES:-object object_sec}
cpp_args="-Iinclude -Isrc -DLIBBPF_API="
# The functions proved per module (all of object_sec.c). Not listed, and
# why: proofs/loader/README.md.
fcts_object="bl_has_prefix,bl_strlcpy,bl_diag,bl_obj_sec_name_at,bl_obj_sec_name,bl_stack_init,bl_stack_pop,bl_stack_push,bl_obj_live,bl_prog_live,bl_map_live,bl_prog_init,bl_map_init,bl_prog_alloc,bl_map_alloc,bl_map_alloc_inner,bl_map_free_slot,bl_obj_free_slots,bl_hex,bl_obj_set_name,bl_prog_insert"
fcts_object_sec="bl_sec_match,bl_sec_find"
# -wp-literals (object): the contents of string literals are known.
# -wp-no-init-const (object_sec): the 99 initialisers of the SEC() table
# would be in every goal's context; no goal needs them.
flags_object="-wp-literals"
flags_object_sec="-wp-no-init-const"

# Called only by functions not proved here (open_file, close, the opts
# check of open), so they need no contract.
no_spec_ok="bl_file_map|bl_obj_release_fds|bl_opts_check|bpflink_last_error"
. "$(dirname "$0")/wp_modules.sh"

#!/usr/bin/env bash
# Proves the object loader's parsing of untrusted ELF (src/object.c and
# src/object_maps.c, the functions listed below; src/object_sec.c) with
# Frama-C WP and the runtime-error annotations (-wp-rte): no out-of-bounds
# access and no overflow for any input bytes, valid slot indices in every
# chain, strings read only up to their NUL. See proofs/loader/README.md
# (what is proved, what is assumed, what is not proved yet).
#
# Fails unless, for each module:
#   - frama-c ran cleanly and no warning of the kinds that hide unproved
#     code was printed (missing calls/assigns, unsupported constructs, casts);
#   - every goal is proved, smoke tests included (-wp-smoke-tests: no
#     precondition or loop invariant is vacuous);
#   - no function has fewer goals than proofs/loader/ledger.txt records
#     (a dropped contract cannot pass). `--update` rewrites the ledger.
#
# Env: WP_TIMEOUT (10), WP_PAR (2), MODULES (object object_sec object_btf
# object_reloc object_check object_maps object_kconfig), WP_CACHE (update).
# The work is done by proofs/wp_modules.sh.
name=prove_loader
area=loader
modules=${MODULES:-object object_sec object_btf object_reloc object_check object_maps object_kconfig}
cpp_args="-Iinclude -Isrc -DLIBBPF_API="
# The functions proved per module (all of object_sec.c). Not listed, and
# why: proofs/loader/README.md.
fcts_object="bl_has_prefix,bl_strlcpy,bl_diag,bl_obj_sec_name_at,bl_obj_sec_name,bl_stack_init,bl_stack_pop,bl_stack_push,bl_obj_live,bl_prog_live,bl_map_live,bl_prog_init,bl_map_init,bl_prog_alloc,bl_map_alloc,bl_map_alloc_inner,bl_map_free_slot,bl_obj_free_slots,bl_hex,bl_obj_set_name,bl_prog_insert,bl_prog_fill,bl_prog_new,bl_obj_note_sec,bl_obj_scan_secs,bl_obj_find_progs,bl_obj_parse,bl_obj_add_prog,bl_obj_sec_progs,bl_same_obj,bpf_object__name,bpf_object__license,bpf_object__kversion,bpf_object__next_program,bpf_object__next_map,bl_find_prog,bpf_object__find_program_by_name,bl_find_map,bpf_object__find_map_by_name,bpf_object__find_map_fd_by_name,bl_obj_start,bl_obj_fill,bl_obj_settings,bl_obj_make,bl_obj_open,bpf_object__open_mem,bpf_object__open_file,bpf_object__open,bpf_object__close"
fcts_object_sec="bl_sec_match,bl_sec_find"
fcts_object_reloc="bl_fmt_u32,bl_le32,bl_insn_get,bl_append,bl_target,bl_call_to,bl_map_fd_of,bl_prog_span,bl_cat,bl_cat_lit,bl_cat_u32,bl_core_diag,bl_core_name,bl_obj_check_core,bl_func_at,bl_cat_name,bl_reloc_func,bl_sym_name,bl_reloc_ext,bl_reloc_map,bl_reloc_data,bl_reloc_one,bl_prog_relocate,bl_reloc_sec,bl_rels_find"
fcts_object_btf="bl_ext32,bl_wr32,bl_sec_bytes,bl_obj_btf,bl_ext_part_check,bl_obj_btf_check,bl_type_by_id,bl_named_sym,bl_sym_hidden,bl_sort_vsi,bl_layout_datasec,bl_sec_named,bl_data_maps,bl_fix_var,bl_fix_datasec,bl_fix_func,bl_data_no_datasec,bl_ext_collect,bl_prog_btf_opts,bl_ext_put,bl_ext_parts,bl_info_opts"
fcts_object_check="bl_check_rel,bl_check_rel_sec,bl_obj_check_relocs,bl_overlap,bl_range_add,bl_obj_check_layout"
fcts_object_maps="bl_strnlen,bl_btf_keep,bl_btf_step,bl_btf_again,bl_btf_at,bl_btf_cur_init,bl_cur_str,bl_btf_skip_mods,bl_map_type_is_mim,bl_map_set_kname,bl_map_pin_by_name,bl_sym_off,bl_def_word,bl_sec_syms,bl_sec_is,bl_is_data_sec,bl_kcfg_size_ok,bl_btf_size,bl_cur_ptr,bl_cur_nelems,bl_cur_size,bl_map_uint,bl_map_kv,bl_map_member,bl_cur_flex_elem,bl_cur_kind_id,bl_cur_values,bl_map_values_at,bl_map_values,bl_cur_struct,bl_map_from_btf"
fcts_object_maps="$fcts_object_maps,bl_obj_map_at,bl_map_holding,bl_prog_at,bl_map_dname,bl_map_slot,bl_obj_map_slots,bl_kcfg_type,bl_kcfg_align,bl_kcfg_at,bl_kcfg_next"
fcts_object_maps="$fcts_object_maps,bl_bm_word,bl_bm_name,bl_bm_bad,bl_bm_values,bl_bm_member,bl_map_field,bl_bm_inner_fill,bl_bm_alloc_inner,bl_bm_inner_new,bl_bm_inner_check,bl_map_inner_def" # pbtf
fcts_object_maps="$fcts_object_maps,bl_slot_set" # pclose
fcts_object_maps="$fcts_object_maps,bl_lm_kname,bl_lm_fill,bl_lm_words,bl_lm_sym,bl_lm_syms,bl_legacy_maps,bl_lm_pfx,bl_lm_data_fill,bl_data_map,bl_lm_data_sec,bl_lm_data_maps,bl_map_slot_check,bl_maps_rel_sec,bl_obj_map_check,bl_lm_tail,bl_obj_collect_maps" # pleg
fcts_object_kconfig="bl_kcfg_map,bl_kcfg_map_fill,bl_kcfg_is_config,bl_kcfg_kname,bl_kcfg_new,bl_kcfg_check,bl_obj_kconfig_collect,bl_digit,bl_kcfg_version,bl_kcfg_put,bl_kcfg_num,bl_kcfg_value,bl_kcfg_line,bl_kcfg_file,bl_kcfg_weak,bl_kcfg_reloc,bl_kcfg_clear,bl_kcfg_kver,bl_kcfg_missing,bl_obj_kconfig_fill"
# -wp-literals (object): the contents of string literals are known.
# -wp-no-init-const (object_sec): the 99 initialisers of the SEC() table
# would be in every goal's context; no goal needs them.
flags_object="-wp-literals"
flags_object_sec="-wp-no-init-const"
flags_object_reloc="-wp-literals"
# -wp-literals (object_maps): the prefixes of bl_is_data_sec are literals.
flags_object_maps="-wp-literals"
# -wp-literals (object_kconfig): "CONFIG_", ".kconfig" and the other
# literals whose NUL the calls need.
flags_object_kconfig="-wp-literals"

# Called only by functions not proved here (object.c: the open adapters bl_open_opts / bl_obj_map_file, whose contracts are
# assumed; object_btf.c: bl_obj_btf_load, bl_btf_log and the
# public accessors; object_maps.c: the map update of bl_slot_update, an
# adapter whose contract is assumed), so they need no contract.
no_spec_ok="bl_file_map|bl_opts_check|bpflink_last_error|bpf_object__next_program|__builtin_memcpy|bpf_btf_load|bl_obj_live|bl_map_live|bpf_map_update_elem|bpf_object__next_map"
. "$(dirname "$0")/wp_modules.sh"

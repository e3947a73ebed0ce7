#!/usr/bin/env bash
# The loader's storage layout (src/object_mem.c): what one small load writes
# lies on four pages. Checked from `nm -nS` of the built library (one .bss
# section aligned to a page, so offsets in it keep their page) and of a
# program linked with it, for every build present (gcc, clang, aarch64):
#   page 1: bl_objects' last slot, the free stacks, bl_diag_buf, bl_nfuncs,
#           bl_used, the pools' and the arena's lock words, bl_rels, the
#           first 2 KiB of bl_btf_arena;
#   page 2: bl_progs' last 4 slots, bl_funcs, bl_finfo, bl_relocated, the
#           first 64 records (1 KiB) of bl_linfo;
#   pages 3-4: bl_maps' last 4 slots, all of bl_rs, the first 128
#           instructions (1 KiB) of bl_arena.
# A compiler or Makefile change that reorders, scatters or pads the
# definitions differently fails here (the layout before object_mem.c did:
# ten pages, pools handing out slot 0 first).
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."

# Pool sizes (slots) of the default build, from src/object.h.
max() { sed -n "s/^#define $1 \([0-9]*\).*/\1/p" src/object.h | head -n 1; }
NOBJ=$(max BPFLINK_MAX_OBJECTS)
NPROG=$(max BPFLINK_MAX_PROGS)
NMAP=$(max BPFLINK_MAX_MAPS)

# The hot ranges: group symbol from to, where from/to are byte offsets in the
# symbol, "all" is the whole symbol and "top K N" its last K of N slots.
ranges="1 bl_objects top 1 $NOBJ
1 bl_obj_free all
1 bl_prog_free all
1 bl_map_free all
1 bl_obj_st all
1 bl_prog_st all
1 bl_map_st all
1 bl_diag_buf all
1 bl_nfuncs all
1 bl_used all
1 bl_lock_word all
1 bl_arena_lock_word all
1 bl_rels all
1 bl_btf_arena 0 2048
2 bl_progs top 4 $NPROG
2 bl_funcs all
2 bl_finfo all
2 bl_relocated all
2 bl_linfo 0 1024
3 bl_maps top 4 $NMAP
3 bl_rs all
3 bl_arena 0 1024"

# check LABEL FILE: [OK] when the ranges lie on the pages above.
check() {
	local label=$1 file=$2 out
	if [ ! -f "$file" ]; then
		return
	fi
	# In the relocatable library every symbol must be in one section, and
	# that section aligned to a page, for the offsets to mean pages.
	if [ "${3:-}" = lib ]; then
		out=$(readelf -sW "$file" 2>/dev/null | awk '$8 ~ /^bl_(objects|progs|maps|btf_arena|linfo|arena|rs)$/ {print $7}' | sort -u)
		if [ "$(echo "$out" | wc -w)" -ne 1 ]; then
			echo "[FAIL] layout $label: the pools and arenas are in sections $(echo $out), not one"
			return
		fi
		al=$(readelf -SW "$file" | sed -n "s/^ *\[ *$out\] .* \([0-9][0-9]*\)\$/\1/p" | head -n 1)
		if [ "$al" != 4096 ]; then
			echo "[FAIL] layout $label: section $out aligned to ${al:-?}, not to a page"
			return
		fi
	fi
	out=$(nm -nS --defined-only "$file" 2>/dev/null | awk -v ranges="$ranges" '
		function hex(h,   i, v) { v = 0; h = tolower(h)
			for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
			return v }
		NF == 4 { addr[$4] = hex($1); size[$4] = hex($2) }
		END {
			n = split(ranges, line, "\n"); bad = 0
			for (i = 1; i <= n; i++) {
				split(line[i], f, " "); g = f[1]; s = f[2]
				if (!(s in addr)) { print "missing symbol " s; bad = 1; continue }
				if (f[3] == "all") { lo = 0; hi = size[s] }
				else if (f[3] == "top") { slot = size[s] / f[5]; lo = size[s] - f[4] * slot; hi = size[s] }
				else { lo = f[3]; hi = f[4] }
				p0 = int((addr[s] + lo) / 4096); p1 = int((addr[s] + hi - 1) / 4096)
				if (!(g in min) || p0 < min[g]) min[g] = p0
				if (!(g in max) || p1 > max[g]) max[g] = p1
				pages = pages sprintf(" %s[%d..%d):%x", s, lo, hi, p0) (p1 != p0 ? sprintf("-%x", p1) : "")
			}
			span["1"] = 0; span["2"] = 0; span["3"] = 1; total = 0
			for (g in min) {
				if (max[g] - min[g] != span[g]) {
					printf "group %s covers %d pages, not %d;", g, max[g] - min[g] + 1, span[g] + 1
					bad = 1
				}
				total += max[g] - min[g] + 1
				for (h in min) if (h < g && max[h] >= min[g] && min[h] <= max[g]) { printf "groups %s and %s overlap;", h, g; bad = 1 }
			}
			printf "%s pages spanned by the groups;%s\n", total, pages
			exit bad
		}')
	if [ $? -eq 0 ]; then
		echo "  ${out%%;*}"
		echo "[OK] layout $label: a small load's writes on 4 pages"
	else
		echo "$out" | tr ';' '\n' | sed 's/^/  /'
		echo "[FAIL] layout $label"
	fi
}

# The code of a load is in .text.hot.* sections (Makefile: HOT_OBJ), and in a
# linked program they come first: the functions of one load lie within the
# first 64 KiB of .text (one fault-around window of the kernel's default).
hot_fns="bpf_object__open_mem bpf_object__load bpf_object__close bl_elf_shdr bl_btf_next bl_prog_relocate bl_obj_collect_maps bpf_prog_load bl_sys_bpf bl_streq"
check_text() {
	local label=$1 file=$2 kind=$3 miss="" f lo hi
	[ -f "$file" ] || return
	if [ "$kind" = lib ]; then
		for f in $hot_fns; do
			readelf -SW "$file" | grep -q " \.text\.hot\.$f " || miss="$miss $f"
		done
		if [ -n "$miss" ]; then
			echo "[FAIL] hot text $label: not in a .text.hot section:$miss"
		else
			echo "[OK] hot text $label: the load's functions are in .text.hot sections"
		fi
		return
	fi
	read -r lo hi <<EOF2
$(nm "$file" | awk -v fns="$hot_fns" 'BEGIN { n = split(fns, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
	($3 in want) { v = 0; h = tolower($1); for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
		if (lo == "" || v < lo) lo = v; if (v > hi) hi = v; c++ }
	END { if (c == 0) print "0 999999999"; else printf "%d %d\n", lo, hi }')
EOF2
	start=$(readelf -SW "$file" | awk '$2 == ".text" { print $4 }')
	start=$((16#${start:-0}))
	if [ "$lo" -ge "$start" ] && [ $((hi - start)) -lt 65536 ]; then
		echo "[OK] hot text $label: the load's functions within the first $(((hi - start) / 1024)) KiB of .text"
	else
		echo "[FAIL] hot text $label: the load's functions reach $(((hi - start) / 1024)) KiB into .text"
	fi
}

found=0
for b in "$BUILD" ${LAYOUT_EXTRA:-build/clang build/aarch64}; do
	[ -f "$b/libbpflink.a" ] || continue
	found=1
	check "$b/libbpflink.a" "$b/libbpflink.a" lib
	# a program linked with it (--gc-sections, no libc), when built
	check "$b/tests/kernel/object_load" "$b/tests/kernel/object_load"
	check_text "$b/libbpflink.a" "$b/libbpflink.a" lib
	check_text "$b/tests/kernel/object_load" "$b/tests/kernel/object_load" prog
done
if [ "$found" -eq 0 ]; then
	echo "[SKIPPED] layout: no $BUILD/libbpflink.a (run make first)"
fi

#!/bin/sh
# Writes the fuzz seed corpora into $1/elf and $1/btf, generated from
# tests/fuzz/seed_prog.c and the running kernel's BTF (nothing binary is
# committed). Missing tools only mean fewer seeds.
set -u
out=$1
cc=${FUZZ_CC:-clang}
src=$(dirname "$0")/seed_prog.c
mkdir -p "$out/elf" "$out/btf"
$cc -O1 -c "$src" -o "$out/elf/rel.o" 2>/dev/null
$cc -O1 -fPIC -shared -nostdlib -Wl,-z,max-page-size=0x40 \
	-Wl,-z,noseparate-code "$src" -o "$out/elf/dyn.so" 2>/dev/null &&
	strip -s "$out/elf/dyn.so" -o "$out/elf/dyn-stripped.so" 2>/dev/null
$cc -O2 -g -target bpf -DSEED_BPF -c "$src" -o "$out/elf/bpf.o" 2>/dev/null &&
	llvm-objcopy --dump-section .BTF="$out/btf/obj.btf" "$out/elf/bpf.o" \
		2>/dev/null
# The first records of vmlinux BTF with the names they use: a valid,
# small BTF of real-world kinds.
if [ -r /sys/kernel/btf/vmlinux ] && command -v python3 >/dev/null; then
	python3 - "$out/btf/vmlinux-slice.btf" <<'PY'
import struct, sys
raw = open("/sys/kernel/btf/vmlinux", "rb").read()
magic, ver, flags, hl, toff, tlen, soff, slen = struct.unpack_from("<HBBIIIII", raw)
types = raw[hl + toff: hl + toff + tlen]
strs = raw[hl + soff: hl + soff + slen]
extra = {1: 4, 3: 12, 14: 4, 17: 4}
per = {4: 12, 5: 12, 15: 12, 19: 12, 6: 8, 13: 8}
pos, n, maxname = 0, 0, 0
while pos < len(types) and n < 120:
    name, info, _ = struct.unpack_from("<III", types, pos)
    kind, vlen = (info >> 24) & 0x1f, info & 0xffff
    size = 12 + extra.get(kind, 0) + per.get(kind, 0) * vlen
    if kind in (4, 5, 19, 6, 13):  # member / enumerator / param names
        step = per[kind]
        for i in range(vlen):
            maxname = max(maxname, struct.unpack_from("<I", types, pos + 12 + i * step)[0])
    maxname = max(maxname, name)
    pos += size
    n += 1
end = strs.index(b"\0", maxname) + 1
t, s = types[:pos], strs[:end]
hdr = struct.pack("<HBBIIIII", magic, ver, flags, 24, 0, len(t), len(t), len(s))
open(sys.argv[1], "wb").write(hdr + t + s)
PY
fi
ls "$out/elf" "$out/btf" >/dev/null

#!/usr/bin/env python3
"""Write a cpio archive in the kernel's "newc" format (initramfs).

usage: mkcpio.py OUT.cpio ENTRY...
ENTRY: dir:NAME[:MODE]  or  file:NAME:HOSTPATH[:MODE]   (MODE octal)
Each entry is a 110-byte ASCII header ("070701" and 13 fields of 8 hex
digits), the NUL-terminated name padded to 4 bytes, the data padded to 4
bytes; the archive ends with the entry "TRAILER!!!".
"""
import sys


def entry(ino, mode, name, data=b""):
    nb = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 2 if (mode & 0o170000) == 0o040000 else 1,
              0, len(data), 0, 0, 0, 0, len(nb), 0]
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
    out = hdr + nb
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def main():
    out = bytearray()
    ino = 1
    for spec in sys.argv[2:]:
        parts = spec.split(":")
        if parts[0] == "dir":
            mode = int(parts[2], 8) if len(parts) > 2 else 0o755
            out += entry(ino, 0o040000 | mode, parts[1])
        elif parts[0] == "file":
            mode = int(parts[3], 8) if len(parts) > 3 else 0o644
            with open(parts[2], "rb") as f:
                out += entry(ino, 0o100000 | mode, parts[1], f.read())
        else:
            sys.exit("mkcpio: bad entry " + spec)
        ino += 1
    out += entry(0, 0, "TRAILER!!!")
    with open(sys.argv[1], "wb") as f:
        f.write(out)


main()

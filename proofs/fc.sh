#!/bin/sh
# frama-c with the project's settings; extra args passed through.
exec frama-c -machdep gcc_x86_64 -c11 -pp-annot \
  -cpp-extra-args="-Iinclude -Isrc -I/usr/include -I/usr/include/x86_64-linux-gnu -DBPFLINK_MAX_LINKS=${MAX_LINKS:-64} -DLIBBPF_API= -nostdinc -I$(frama-c -print-share-path)/libc" \
  "$@"

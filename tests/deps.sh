#!/usr/bin/env bash
# Installs the Debian packages the build and the checks use, only those
# that are missing. Needs root (apt-get); without it, says what is missing
# and carries on (the checks that need a missing tool report SKIPPED or fail
# with its name).
set -u
pkgs=(
	# the library, with gcc and with clang (-Werror both)
	make gcc clang llvm
	# glibc test variant, kernel UAPI headers, musl-gcc -static variant
	libc6-dev linux-libc-dev musl-tools
	# aarch64 cross build (brings its UAPI headers) and qemu-user to run it
	gcc-aarch64-linux-gnu qemu-user-static
	# make prove
	frama-c-base why3 z3 cvc4
	# make lint: cppcheck with its MISRA addon, clang's scan-build
	cppcheck python3 clang-tools
	# libFuzzer runtime for the fuzz targets
	libclang-rt-14-dev
	# interop tests (links pinned by bpftool), network namespaces, unshare
	bpftool iproute2 util-linux
	# the PID-1 test: boot the tool as /init of an initramfs under qemu
	qemu-system-x86 linux-image-amd64
	# the libbpf side of benchmarks and differential tests
	libbpf-dev libelf-dev zlib1g-dev
	# instruction and syscall counts
	valgrind strace
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
why3_conf() { # WP needs a why3 configuration that lists the provers
	[ -f "$HOME/.why3.conf" ] || ! command -v why3 >/dev/null ||
		why3 config detect >/dev/null 2>&1 || true
}
[ ${#missing[@]} -eq 0 ] && { why3_conf; echo "deps: all ${#pkgs[@]} packages present"; exit 0; }
if [ "$(id -u)" != 0 ]; then
	echo "deps: not root, cannot install: ${missing[*]}" >&2
	echo "deps: run 'sudo make deps' (or install them by hand); carrying on" >&2
	exit 0
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/bpflink-deps.log 2>&1; then
	apt-get update >>/tmp/bpflink-deps.log 2>&1
	apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/bpflink-deps.log 2>&1 || {
		tail -n 20 /tmp/bpflink-deps.log >&2
		echo "deps: apt-get failed (log: /tmp/bpflink-deps.log)" >&2
		exit 1
	}
fi
why3_conf
echo "deps: installed ${#missing[@]} packages"

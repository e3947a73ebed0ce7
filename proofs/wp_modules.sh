# Shared driver of proofs/prove_readers.sh and proofs/prove_loader.sh (sourced
# by them, never run on its own): proves each module src/$m.c of $modules with
# Frama-C WP and the runtime-error annotations (-wp-rte), and fails unless,
# for each module:
#   - frama-c ran cleanly and no warning of the kinds that hide unproved
#     code was printed (missing calls/assigns, unsupported constructs, casts);
#   - every goal is proved, smoke tests included (-wp-smoke-tests: no
#     precondition or loop invariant is vacuous);
#   - no function has fewer goals than proofs/$area/ledger.txt records
#     (a dropped contract cannot pass). `--update` rewrites the ledger.
# The caller sets: name (its script name, for messages), area (proofs/$area,
# build/proofs/$area), modules, cpp_args; optionally fcts_<module> (functions
# to prove, comma-separated; default all), flags_<module> (extra WP flags),
# no_spec_ok (a regex of functions that need no contract).
# Env: WP_TIMEOUT (10), WP_PAR (2), WP_CACHE (update).
set -u
cd "$(dirname "$0")/.." || exit 2
update=0
[ "${1:-}" = --update ] && update=1
ledger=proofs/$area/ledger.txt
out=${BUILD:-build}/proofs/$area
mkdir -p "$out" || exit 2

command -v frama-c >/dev/null || { echo "$name: frama-c missing (apt-get install frama-c-base why3 z3 cvc4)"; exit 1; }
[ -f "$HOME/.why3.conf" ] || why3 config detect >/dev/null 2>&1

# The kernel UAPI headers only (no libc), as the real build sees them.
uapi=$out/uapi
mkdir -p "$uapi"
asm=/usr/include/$(uname -m)-linux-gnu/asm
ln -sfn /usr/include/linux "$uapi/linux"
ln -sfn /usr/include/asm-generic "$uapi/asm-generic"
ln -sfn "$asm" "$uapi/asm"

# Prover results are cached by goal text (build/, never committed): an
# unchanged goal is not re-run. WP_CACHE=rebuild runs every prover again.
cache=$PWD/$out/wp-cache
mkdir -p "$cache"

fail=0
start=$(date +%s)
for m in $modules; do
	t0=$(date +%s)
	log=$out/$m.log json=$out/$m.json
	rm -f "$json"
	# z3-ce is left out: its model printer crashes Frama-C 25 on smoke
	# goals (which are meant to fail); plain z3 and cvc4 prove every goal.
	# Per module, optional: the functions to prove (default: all) and
	# extra WP flags.
	fcts=$(eval echo "\${fcts_$m:-}")
	flags=$(eval echo "\${flags_$m:-}")
	frama-c -machdep gcc_x86_64 -c11 -pp-annot \
		-cpp-extra-args="$cpp_args -I$uapi" "src/$m.c" \
		-wp -wp-rte $flags ${fcts:+-wp-fct "$fcts"} \
		-wp-prover cvc4,z3 -wp-par "${WP_PAR:-2}" \
		-wp-timeout "${WP_TIMEOUT:-10}" \
		-wp-smoke-tests -wp-no-smoke-dead-code -wp-no-smoke-dead-call \
		-wp-smoke-timeout 1 \
		-wp-cache "${WP_CACHE:-update}" -wp-cache-dir "$cache" \
		-wp-report-json "$json" >"$log" 2>&1
	rc=$?
	t1=$(date +%s)
	if [ $rc -ne 0 ] || [ ! -s "$json" ]; then
		tail -n 20 "$log"
		echo "[FAIL] prove $m: frama-c exited $rc (log $log)"
		fail=1
		continue
	fi
	# Functions the caller says need no contract (called only by functions
	# not proved here): their "Neither code nor specification" is no gate.
	if [ -n "${no_spec_ok:-}" ]; then
		sed -i -E "/Neither code nor specification for function ($no_spec_ok),/d" "$log"
	fi
	if grep -E "Missing 'calls'|not yet implemented|Missing assigns|Cast with incompatible|Unexpected error|Neither code nor|No goal generated|Failure|Timeout|Unknown" "$log" | grep -v "Smoke-test.*Passed" | grep -q .; then
		grep -E "Missing 'calls'|not yet implemented|Missing assigns|Cast with incompatible|Unexpected error|Neither code nor|No goal generated|Failure|Timeout|Unknown" "$log" | head -20
		echo "[FAIL] prove $m: warnings or unproved goals (log $log)"
		fail=1
	fi
	if grep "Smoke-test" "$log" | grep -v "\[Passed\]" | grep -q .; then
		grep "Smoke-test" "$log" | grep -v "\[Passed\]" | head
		echo "[FAIL] prove $m: a smoke test failed (vacuous contract or dead call)"
		fail=1
	fi
	python3 - "$m" "$json" "$ledger" "$update" "$((t1 - t0))" "$name" <<'PY' || fail=1
import json, sys, os
mod, path, ledger, update, secs, name = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5], sys.argv[6]
d = json.load(open(path))
g = d["wp:global"]["wp:main"]
per = {}
for fn, props in d.get("wp:functions", {}).items():
    t = v = 0
    for p in props.values():
        m = p.get("wp:main", {})
        t += m.get("total", 0)
        v += m.get("valid", 0)
    per[fn] = (t, v)
ok = g["valid"] == g["total"]
old = {}
if os.path.exists(ledger):
    for line in open(ledger):
        f = line.split()
        if len(f) == 3 and not line.startswith("#"):
            old[(f[0], f[1])] = int(f[2])
for (m, fn), n in sorted(old.items()):
    if m != mod or update:
        continue
    have = per.get(fn, (0, 0))[0]
    if have < n:
        print(f"[FAIL] prove {mod}: {fn} has {have} goals, ledger says {n}")
        ok = False
for fn, (t, v) in sorted(per.items()):
    if v != t:
        print(f"  unproved: {fn} {v}/{t}")
print(("[OK]" if ok else "[FAIL]") + f" prove {mod}: {g['valid']}/{g['total']} goals proved in {secs} s")
if update and g["valid"] == g["total"]:
    keep = [l for l in (open(ledger).read().splitlines() if os.path.exists(ledger) else [])
            if l and not l.startswith("#") and l.split()[0] != mod]
    keep += [f"{mod} {fn} {t}" for fn, (t, v) in sorted(per.items())]
    with open(ledger, "w") as f:
        f.write("# goals proved per function (module function goals), smoke tests included;\n"
                f"# proofs/{name}.sh fails when a count drops. Update: --update\n")
        f.write("\n".join(sorted(keep)) + "\n")
sys.exit(0 if ok else 1)
PY
done
echo "$name: $(( $(date +%s) - start )) s"
exit $fail

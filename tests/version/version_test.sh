#!/usr/bin/env bash
# The version is set once, in CMakeLists.txt's project(): the command, the C API and the Python
# module all report that version.
# Usage: version_test.sh PROJECT_VERSION TENET_BINARY LIBVERSION_PROBE [PYTHON PYTHONPATH]
set -u
want="$1"
tenet="$2"
probe="$3"
python="${4:-}"
pythonpath="${5:-}"
failures=0

same() {   # same WHAT GOT EXPECTED
    if [ "$2" == "$3" ]; then
        echo "ok   $1: $2"
    else
        echo "FAIL $1: '$2', expected '$3'"
        failures=$((failures + 1))
    fi
}

IFS=. read -r major minor patch <<<"$want"
same "tenet --version" "$("$tenet" --version)" "tenet $want"
same "tenet version" "$("$tenet" version)" "tenet $want"
same "tenet_libversion, tenet_libversion_number" "$("$probe")" "$want $((major * 1000000 + minor * 1000 + patch))"
if [ -n "$python" ]; then
    same "tenet.__version__, tenet.version" \
        "$(PYTHONPATH="$pythonpath" "$python" -c 'import tenet; print(tenet.__version__, tenet.version)')" "$want $want"
else
    echo "skip the Python module: not built"
fi
[ "$failures" -eq 0 ]

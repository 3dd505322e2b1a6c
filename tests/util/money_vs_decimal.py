#!/usr/bin/env python3
"""Checks Tenet's money arithmetic against Python's decimal module.

Runs tenet_money_ops (tests/util/money_ops.cpp), which prints random money operations with
Tenet's results, and recomputes each with decimal (exact: every operand and every tie is a
finite decimal, and a quotient is computed to 80 digits, far finer than any rounding boundary
it could be near). Where Tenet says "overflow", the exact result, reduced, must not fit a
64-bit fraction (checked with fractions.Fraction). Exit 1 and the first mismatches otherwise.

Usage: money_vs_decimal.py TENET_MONEY_OPS [COUNT]
"""
import decimal
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

decimal.getcontext().prec = 80
decimal.getcontext().traps[decimal.Inexact] = False
decimal.getcontext().traps[decimal.Rounded] = False

INT64 = 2**63
MODES = {"down": decimal.ROUND_FLOOR, "up": decimal.ROUND_CEILING,
         "half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN}


def fits(value):
    f = Fraction(value)
    return -INT64 <= f.numerator < INT64 and f.denominator < INT64


def text(value, places=2):
    """The exact decimal text with at least `places` decimals, as Tenet writes it."""
    if value == 0:
        value = abs(value)
    s = format(value, "f")
    if "." in s:
        whole, frac = s.split(".")
        frac = frac.rstrip("0")
    else:
        whole, frac = s, ""
    frac = frac.ljust(places, "0")
    return whole + ("." + frac if frac else "")


def cents(s):
    return Decimal(int(s)) / 100


def rounded(q, mode, places):
    return q.quantize(Decimal(1).scaleb(-places), rounding=MODES[mode])


def expected(fields):
    op = fields[0]
    if op == "text":
        value = Decimal(fields[1])
        return text(value) if fits(value) else "overflow"
    a = cents(fields[1])
    if op == "cmp":
        b = cents(fields[2])
        return str((a > b) - (a < b))
    if op in ("add", "sub", "mulint", "mulpct"):
        if op == "add":
            value = a + cents(fields[2])
        elif op == "sub":
            value = a - cents(fields[2])
        elif op == "mulint":
            value = a * int(fields[2])
        else:
            value = a * Decimal(int(fields[2])) / 10000
        return text(value) if fits(value) else "overflow"
    mode = fields[3]
    if op == "divint":
        divisor, exact_divisor, places = Decimal(int(fields[2])), Fraction(int(fields[2])), 2
    elif op == "divpct":
        divisor, exact_divisor, places = Decimal(int(fields[2])) / 10000, Fraction(int(fields[2]), 10000), 2
    else:
        divisor, exact_divisor, places = cents(fields[2]), Fraction(int(fields[2]), 100), 4
    if divisor == 0:
        return "divzero"
    exact = Fraction(int(fields[1]), 100) / exact_divisor
    if not fits(exact):
        return "overflow"
    value = rounded(a / divisor, mode, places)
    return text(value, places) if fits(value) else "overflow"


def main():
    tool = sys.argv[1]
    count = sys.argv[2] if len(sys.argv) > 2 else "1000000"
    out = subprocess.run([tool, count], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    if len(lines) != int(count):
        print(f"expected {count} operations, got {len(lines)}")
        return 1
    mismatches = 0
    kinds = {}
    for line in lines:
        fields = line.split()
        kinds[fields[0]] = kinds.get(fields[0], 0) + 1
        got = fields[-1]
        want = expected(fields)
        if got != want:
            mismatches += 1
            if mismatches <= 20:
                print(f"MISMATCH: {line}  (decimal says {want})")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    print(f"{len(lines)} operations ({summary}); {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

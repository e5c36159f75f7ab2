#!/usr/bin/python3
"""Records what Hydra's `now` resolver prints: datetime(...).strftime(pattern) (Hydra calls
datetime.now().strftime, a naive local time), for every directive glibc's strftime supports, with the E/O
modifiers and the GNU flags and widths, at fixed dates chosen for the edge cases (week-numbering year
boundaries, 12 AM/PM, one-digit days, leap day 366, years below 1000).

Run with the system Python in the C locale (its strftime is glibc's):
    LC_ALL=C TZ=UTC /usr/bin/python3 scripts/config-resolver/record-strftime.py \
        > packages/config-resolver/test/fixtures/strftime/python-strftime.json
"""
import json
import platform
import sys
from datetime import datetime

# Microseconds are whole milliseconds: a JavaScript Date holds no more.
DATES = [
    (2025, 1, 2, 3, 4, 5, 6000),
    (2024, 12, 30, 0, 0, 0, 0),
    (2024, 12, 31, 12, 30, 59, 999000),
    (2021, 1, 1, 23, 59, 59, 123000),
    (2021, 1, 3, 11, 5, 9, 500000),
    (2020, 2, 29, 13, 0, 0, 1000),
    (2027, 1, 1, 0, 0, 1, 0),
    (2026, 12, 1, 23, 23, 34, 0),
    (1999, 7, 4, 9, 8, 7, 60000),
    (2000, 1, 1, 12, 0, 0, 0),
    (1970, 1, 1, 0, 0, 0, 0),
    (999, 3, 9, 4, 5, 6, 0),
    (45, 6, 7, 8, 9, 10, 0),
    (9999, 12, 31, 23, 59, 59, 999000),
]

LETTERS = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ"
E_LETTERS = "cCxXyY"
O_LETTERS = "deHImMSuUVwWy"
FLAGS = "-_0^#"

PATTERNS = (
    [f"%{c}" for c in LETTERS]
    + ["%%", "%f"]
    + [f"%E{c}" for c in E_LETTERS]
    + [f"%O{c}" for c in O_LETTERS]
    + [f"%{flag}{c}" for flag in FLAGS for c in LETTERS if c not in "nt"]
    + [f"%{width}{c}" for width in ("1", "3", "10") for c in "aBdeHjmYyGsz"]
    + ["%-10d", "%_3H", "%^10a", "%#10Z", "%010Y", "%-Ey", "%_OH", "%^Ec"]
    # literals, an unknown directive, a lone % at the end, Hydra's own default patterns
    + ["plain text", "%Q", "%E", "%Ez", "%5", "100%", "%Y-%m-%d", "%H-%M-%S", "%Y-%m-%d_%H-%M-%S"]
)


def main() -> None:
    rows = []
    for date in DATES:
        d = datetime(*date)
        out = {}
        for pattern in PATTERNS:
            try:
                out[pattern] = d.strftime(pattern)
            except ValueError as error:
                out[pattern] = {"error": str(error)}
        rows.append({"date": list(date), "out": out})
    json.dump(
        {
            "generator": "scripts/config-resolver/record-strftime.py",
            "python": platform.python_version(),
            "libc": "-".join(platform.libc_ver()),
            "rows": rows,
        },
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

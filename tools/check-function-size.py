#!/usr/bin/env python3
"""Fails if a function in the given folders is longer than the limit (default 80 lines).

A function is a definition whose signature starts at column 0 (free functions, out-of-class
members) or at column 4 (members defined in a class); it ends at the closing brace at the same
indentation. Lambdas and local classes count toward the function that holds them.

    tools/check-function-size.py [--max N] DIR...
"""
import argparse
import pathlib
import re
import sys

SIGNATURE = re.compile(r"^( {0}| {4})(?!(?:if|for|while|switch|return|namespace|class|struct|enum|union)\b)"
                       r"[A-Za-z_\[][^;{}]*\)\s*(?:const\s*)?(?:noexcept\s*)?(?:override\s*)?"
                       r"(?::[^;{}]*)?\{\s*$")


def functions(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "(" not in line or line.lstrip().startswith(("//", "#", "*")):
            i += 1
            continue
        # A signature may span lines: join up to 6 lines that end in `{`.
        for span in range(1, 7):
            if i + span > len(lines):
                break
            text = " ".join(x.strip() if k else x for k, x in enumerate(lines[i:i + span]))
            if lines[i + span - 1].rstrip().endswith(";"):
                break
            m = SIGNATURE.match(text)
            if m:
                indent = m.group(1)
                close = indent + "}"
                j = i + span
                while j < len(lines) and not (lines[j].startswith(close) and
                                              lines[j][len(close):].strip() in ("", ";")):
                    j += 1
                name = re.search(r"([~\w:]+)\s*\(", text)
                yield (name.group(1) if name else "?"), i + 1, j - i + 1
                i = j
                break
            if lines[i + span - 1].rstrip().endswith("{"):
                break
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=80)
    parser.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    too_long = []
    for d in args.dirs:
        for path in sorted(pathlib.Path(d).rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            for name, line, length in functions(path):
                if length > args.max:
                    too_long.append(f"{path}:{line}: {name} is {length} lines (at most {args.max})")
    for t in too_long:
        print(t)
    if too_long:
        print(f"check-function-size: {len(too_long)} function(s) over {args.max} lines",
              file=sys.stderr)
        return 1
    print(f"check-function-size: no function over {args.max} lines in {' '.join(args.dirs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Checks that a PNG screenshot is not blank and shows the given colours, without PIL.

Usage: /usr/bin/python3 png_colours.py FILE.png MIN_COLOURS RRGGBB...

Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's --screenshot writes) with
zlib and NumPy, then prints "PASS: N colours, all of ..." when the image has at least
MIN_COLOURS distinct colours and every RRGGBB appears in some pixel; else "FAIL: ..." and exit 1.
"""

import struct
import sys
import zlib

import numpy as np


def chunks(data):
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        yield kind, data[at + 8:at + 8 + length]
        at += 12 + length


def unfilter_row(kind, row, prior, bpp):
    out = row.astype(np.int32)
    if kind == 1:  # Sub
        for x in range(bpp, len(out)):
            out[x] = (out[x] + out[x - bpp]) & 0xFF
    elif kind == 2:  # Up
        out = (out + prior) & 0xFF
    elif kind == 3:  # Average
        for x in range(len(out)):
            left = out[x - bpp] if x >= bpp else 0
            out[x] = (out[x] + ((left + int(prior[x])) >> 1)) & 0xFF
    elif kind == 4:  # Paeth
        for x in range(len(out)):
            a = int(out[x - bpp]) if x >= bpp else 0
            b = int(prior[x])
            c = int(prior[x - bpp]) if x >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out[x] = (out[x] + pred) & 0xFF
    return out


def pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    idat = b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8)
    stride = width * bpp + 1
    rows = raw.reshape(height, stride)
    prior = np.zeros(width * bpp, dtype=np.int32)
    image = np.empty((height, width * bpp), dtype=np.uint8)
    for y in range(height):
        prior = unfilter_row(int(rows[y, 0]), rows[y, 1:], prior, bpp)
        image[y] = prior
    rgb = image.reshape(height, width, bpp)[:, :, :3].astype(np.uint32)
    return (rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2]


def main():
    path, least, wanted = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    present = set(np.unique(pixels(path)).tolist())
    missing = [w for w in wanted if int(w, 16) not in present]
    if len(present) < least or missing:
        print(f"FAIL: {path}: {len(present)} colours (want {least}+), missing {missing}")
        sys.exit(1)
    print(f"PASS: {path}: {len(present)} colours, all of {' '.join(wanted)}")


main()

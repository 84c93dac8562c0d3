#!/usr/bin/env python3
"""Regenerates assets/fonts/NotoSansSC-Subset.otf.

The subset holds GB2312 (every simplified character in common use), ASCII, CJK and
full-width punctuation, and every character of the UI strings and the demo content, so
Chinese renders the same on every OS and in tests. Rarer characters fall back to the
system's fonts at run time.

Needs: fonttools (`pip install fonttools`) and Debian's fonts-noto-cjk (the .ttc's face
index 2 is Noto Sans CJK SC). Run from the repository root:
    python3 scripts/make_font_subset.py
"""
import pathlib
import subprocess
import sys

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SC = 2
OUT = pathlib.Path("assets/fonts/NotoSansSC-Subset.otf")
TEXT_SOURCES = [pathlib.Path("assets/locales"), pathlib.Path("assets/demo")]


def gb2312_chars():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    chars = gb2312_chars()
    chars.update(chr(c) for c in range(0x20, 0x7F))
    ranges = [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2000, 0x206F), (0x2190, 0x21FF),
              (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x00A0, 0x00FF)]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    for root in TEXT_SOURCES:
        for f in sorted(root.rglob("*")):
            if f.is_file():
                chars.update(f.read_text(encoding="utf-8"))
    chars = {c for c in chars if c.isprintable()}
    text_file = pathlib.Path("target-font-chars.txt")
    text_file.write_text("".join(sorted(chars)), encoding="utf-8")
    try:
        subprocess.run(
            ["pyftsubset", SOURCE, f"--font-number={FACE_SC}", f"--text-file={text_file}",
             f"--output-file={OUT}", "--layout-features=*", "--no-hinting",
             "--desubroutinize", "--name-IDs=*", "--name-languages=*"],
            check=True)
    finally:
        text_file.unlink(missing_ok=True)
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(chars)} characters requested")


if __name__ == "__main__":
    sys.exit(main())

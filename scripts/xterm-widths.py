#!/usr/bin/env python3
"""Check yuedu's character widths against the terminal this runs in.

For each line `HEX<TAB>narrow<TAB>wide` of the file given (from
`cargo run --example widths`), print the character at column 1, ask the terminal
where the cursor is (DSR, ESC [ 6 n) and compare the column it moved by with the
width yuedu expects for MODE ("narrow" or "wide"). Writes a report to OUT.

    xterm -cjk_width -e scripts/xterm-widths.py /tmp/widths.tsv wide /tmp/report.txt
"""
import os, sys, termios, tty

table, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
column = 1 if mode == "narrow" else 2
rows = [line.split("\t") for line in open(table, encoding="utf-8").read().splitlines()]
fd = os.open("/dev/tty", os.O_RDWR)
saved = termios.tcgetattr(fd)
tty.setraw(fd)
bad, checked = [], 0
try:
    for hexcode, narrow, wide in rows:
        expect = int(narrow if mode == "narrow" else wide)
        c = chr(int(hexcode, 16))
        os.write(fd, ("\r\x1b[2K" + c + "\x1b[6n").encode("utf-8"))
        answer = b""
        while not answer.endswith(b"R"):
            answer += os.read(fd, 1)
        col = int(answer.split(b";")[-1][:-1])
        checked += 1
        if col - 1 != expect:
            bad.append(f"U+{hexcode} {c} yuedu {expect} terminal {col - 1}")
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
with open(out, "w", encoding="utf-8") as f:
    f.write(f"{mode}: {checked} characters checked, {len(bad)} differ\n")
    f.write("\n".join(bad) + "\n")

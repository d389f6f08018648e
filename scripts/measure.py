#!/usr/bin/env python3
"""Whole-process figures for issue 12, medians of N runs on this machine.

  scripts/measure.py first-frame FILE [N]   time to the first frame: yuedu and less
  scripts/measure.py resize FILE [N]        a resize to the new frame: yuedu and less
  scripts/measure.py dump FILE [N]          `yuedu dump` against the textwrap process
  scripts/measure.py memory FILE            peak RSS of `yuedu dump`
  scripts/measure.py memory-reader FILE [N] peak RSS (VmHWM) of the reader once the book is loaded

The first frame is timed in a pseudo-terminal (100x30) from the start of the process
to the last byte of its first screenful (then 10 ms of quiet: a frame is written in one burst, and the next one, when the rest of a large book arrives, comes later); `less` is timed the
same way on the same file. Build first: `cargo build --release --examples`.
"""
import os, pty, select, statistics, subprocess, sys, time, signal, resource

YUEDU = "target/release/yuedu"
TEXTWRAP = "target/release/examples/textwrap_dump"


def spawn(argv):
    """`argv` in a fresh 100x30 pseudo-terminal: (pid, fd of the terminal side)."""
    import fcntl, struct, termios
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LESSCHARSET="utf-8")
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


def burst_end(fd, start, quiet=0.01, timeout=10.0):
    """Seconds from `start` to the last byte written before `quiet` seconds of
    silence: the end of one screenful (a frame is written in one burst, and the
    next one, when the rest of a large book arrives, comes later). A cursor
    position request (the ambiguous-width probe) is answered at once, as a
    terminal would: column 3, narrow."""
    last = None
    while time.perf_counter() - start < timeout:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if last is not None:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;3R")
        last = time.perf_counter() - start
    return last


def stop(pid, fd):
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)


def first_frame(argv):
    """Seconds from fork to the end of the first screenful (the same rule for
    every program, since each draws its own way: yuedu moves the cursor between
    wide characters, less writes lines)."""
    start = time.perf_counter()
    pid, fd = spawn(argv)
    last = burst_end(fd, start)
    stop(pid, fd)
    return last


def resize(argv):
    """Seconds from a window size change (TIOCSWINSZ + SIGWINCH, as a terminal
    does) to the end of the redrawn screen; the program has loaded everything
    (2 s) before."""
    import fcntl, struct, termios
    pid, fd = spawn(argv)
    burst_end(fd, time.perf_counter(), quiet=2.0, timeout=2.0)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 77, 0, 0))
    start = time.perf_counter()
    os.kill(pid, signal.SIGWINCH)
    last = burst_end(fd, start)
    stop(pid, fd)
    return last


def reader_peak(argv, settle=2.0):
    """VmHWM in bytes of the reader `settle` seconds after its start: by then the
    background thread has parsed the whole book and the reader shows it (the
    peak of a large book is that hand-over, not the first frame)."""
    pid, fd = spawn(argv)
    burst_end(fd, time.perf_counter(), quiet=settle, timeout=settle)
    with open(f"/proc/{pid}/status") as status:
        hwm = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    stop(pid, fd)
    return hwm * 1024


def median(runs, f):
    values = [v for v in (f() for _ in range(runs)) if v is not None]
    return statistics.median(values) if values else None


def main():
    what, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    if what in ("first-frame", "resize", "memory-reader"):
        # No configuration or reading memory from the machine.
        home = "/tmp/yuedu-measure-home"
        os.makedirs(home, exist_ok=True)
        os.environ["HOME"] = home
        os.environ["XDG_CONFIG_HOME"] = home
    if what == "first-frame":
        y = median(runs, lambda: first_frame([YUEDU, path, "--no-state", "--ambiguous", "narrow"]))
        l = median(runs, lambda: first_frame(["less", path]))
        print(f"first frame of {path}: yuedu {y*1000:.1f} ms, less {l*1000:.1f} ms, ratio {y/l:.2f}")
    elif what == "resize":
        y = median(runs, lambda: resize([YUEDU, path, "--no-state", "--ambiguous", "narrow"]))
        l = median(runs, lambda: resize(["less", path]))
        print(f"resize 100 -> 77 columns, {path}: yuedu {y*1000:.1f} ms, less {l*1000:.1f} ms")
    elif what == "dump":
        def timed(argv):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
            return time.perf_counter() - start
        y = median(runs, lambda: timed([YUEDU, "dump", path, "--width", "80"]))
        t = median(runs, lambda: timed([TEXTWRAP, path, "80"]))
        print(f"dump of {path}: yuedu {y*1000:.1f} ms, textwrap {t*1000:.1f} ms, ratio {y/t:.3f}")
    elif what == "memory-reader":
        size = os.path.getsize(path)
        peaks = [reader_peak([YUEDU, path, "--no-state", "--ambiguous", "narrow"]) for _ in range(runs)]
        peak = statistics.median(peaks)
        print(f"reader on {path}: peak {peak/2**20:.1f} MiB (median of {runs}; "
              f"{min(peaks)/2**20:.1f}..{max(peaks)/2**20:.1f}) for {size/2**20:.2f} MiB of text "
              f"(budget 3x + 8 MiB = {(3*size + 8*2**20)/2**20:.2f} MiB)")
    elif what == "memory":
        size = os.path.getsize(path)
        out = subprocess.run(["/usr/bin/time", "-f", "%M", YUEDU, "dump", path, "--width", "80"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = int(out.stderr.strip().splitlines()[-1]) * 1024
        print(f"dump of {path}: peak {peak/2**20:.1f} MiB for {size/2**20:.1f} MiB of text "
              f"(budget 3x + 8 MiB = {(3*size + 8*2**20)/2**20:.1f} MiB)")


if __name__ == "__main__":
    main()

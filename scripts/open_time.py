#!/usr/bin/env python3
"""Whole-process TUI open time: `flashpoint DIR` from exec to the last byte of its first frame
on a 200x60 pty (the frame is taken as done after 0.4 s without output; the bytes that arrive
after `q` are reported as `late` and are the terminal's restore, 79 bytes), with the process's
CPU seconds at that moment.

    python3 scripts/open_time.py N DIR label=BIN:CACHE_DIR [label=BIN:CACHE_DIR ...]

runs each binary N times, alternating them, with FLASHPOINT_CACHE=CACHE_DIR (fill each cache
first: a cache is only valid for the binary that wrote it), and prints the median, range and
mean CPU per label."""
import os, pty, sys, time, select, fcntl, termios, struct, signal, statistics

def one(binary, cache, d, cols=200, rows=60):
    env = dict(os.environ, FLASHPOINT_CACHE=cache, TERM="xterm-256color")
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(binary, [binary, d], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    buf = b""; alt = None; last = None; total = 0; cpu = float("nan")
    while True:
        r, _, _ = select.select([fd], [], [], 0.4 if alt is not None else 30)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.perf_counter()
        buf += chunk
        if alt is None and b"\x1b[?1049h" in buf:
            alt = now
        if alt is not None:
            last = now
            try:
                f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                cpu = (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
            except Exception:
                pass
    if os.environ.get("KILL9"): os.kill(pid, 9)
    else: os.write(fd, b"q")
    # Keep reading until the program exits: output after the quiet period means the frame was
    # not finished when the timer stopped (flagged, never a deadlock on a full pty).
    late = 0
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        late += len(chunk)
    os.waitpid(pid, 0)
    one.late = late
    os.close(fd)
    one.cpu = cpu
    return (last - t0) if last else float("nan"), buf

if __name__ == "__main__":
    n = int(sys.argv[1]); d = sys.argv[2]
    cfgs = [a.split("=", 1) for a in sys.argv[3:]]
    res = {lab: [] for lab, _ in cfgs}
    cpus = {lab: [] for lab, _ in cfgs}
    for i in range(n):
        for lab, spec in cfgs:
            b, c = spec.split(":")
            t, _ = one(b, c, d)
            res[lab].append(t)
            cpus[lab].append(one.cpu)
            print(f"{i} {lab} {t:.3f} late {one.late} cpu {one.cpu:.2f} load {open('/proc/loadavg').read().split()[0]}", flush=True)
    for lab, ts in res.items():
        print(f"{lab}: n={len(ts)} median {statistics.median(ts):.3f} min {min(ts):.3f} max {max(ts):.3f} under1s {sum(t<1 for t in ts)}/{len(ts)} cpu mean {statistics.mean(cpus[lab]):.3f}  all: {' '.join(f'{t:.2f}' for t in ts)}")

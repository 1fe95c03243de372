#!/usr/bin/env python3
"""Small helpers for bench/faults/run.sh (standard library only).

  helpers.py freeport                      print a free loopback TCP port
  helpers.py hold PORT_FILE                accept connections and never answer (a probe target that hangs);
                                           writes its port to PORT_FILE, runs until killed
  helpers.py stall PORT SECONDS            open /ws with a tiny receive buffer, read the 101, then never read;
                                           prints "closed-by-server after N s" or "still-open" after SECONDS
  helpers.py wsfault PORT SECONDS          case (h): one client that stops reading, three that read, and a flood
                                           of 32 KB sections through POST /api/sections; prints a JSON summary
  helpers.py bomb CSV_LINE MB OUT.zip NAME one CSV entry of MB megabytes of the same line, deflated (a ZIP bomb)
  helpers.py body KEY                      the POST /api/downloads body for a Binance Vision key
  helpers.py indexcheck DATADIR            compares archive-index.json with the files under archives/ (SHA-256
                                           included); prints a one-line summary, exits 1 when they disagree
"""
import hashlib
import base64
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.request
import zipfile


def freeport():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def hold(port_file):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    with open(port_file, "w") as f:
        f.write(str(server.getsockname()[1]))
    held = []
    while True:
        conn, _ = server.accept()
        held.append(conn)  # kept open, never read, never answered


def ws_connect(port, rcvbuf=None):
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (port, key)).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            raise RuntimeError("server closed the upgrade")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise RuntimeError("no upgrade: " + head.decode(errors="replace"))
    return sock


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError()
        buf += chunk
    return buf


def read_frame(sock):
    """One complete message from the server (unmasked frames, continuation frames joined)."""
    payload = b""
    while True:
        b0, b1 = read_exact(sock, 2)
        opcode = b0 & 0x0F
        length = b1 & 0x7F
        if length == 126:
            length = struct.unpack(">H", read_exact(sock, 2))[0]
        elif length == 127:
            length = struct.unpack(">Q", read_exact(sock, 8))[0]
        data = read_exact(sock, length)
        if opcode == 8:
            raise EOFError()
        if opcode in (9, 10):
            continue
        payload += data
        if b0 & 0x80:
            return payload


def reader(port, seconds, out):
    sock = ws_connect(port)
    sock.settimeout(seconds + 5)
    end = time.time() + seconds
    times = []
    types = {}
    try:
        while time.time() < end:
            msg = json.loads(read_frame(sock))
            times.append(time.time())
            types[msg.get("type")] = types.get(msg.get("type"), 0) + 1
    except (EOFError, OSError) as e:
        out["error"] = repr(e)
    finally:
        sock.close()
    out.update(frames=len(times), types=types, times=times)


def longest_gap_ms(times, start, end):
    """The longest wait between two frames (or a window edge and a frame) within [start, end]."""
    inside = [start] + [t for t in times if start <= t <= end] + [end]
    return round(max(b - a for a, b in zip(inside, inside[1:])) * 1000)


def stall(port, seconds):
    """Never reads for SECONDS, then drains: did the server close the connection meanwhile?"""
    sock = ws_connect(port, rcvbuf=4096)
    time.sleep(seconds)
    sock.settimeout(3)
    buffered = 0
    deadline = time.time() + 5
    try:
        while time.time() < deadline:
            chunk = sock.recv(1 << 16)
            if not chunk:
                return "closed-by-server (%d bytes were left unread)" % buffered
            buffered += len(chunk)
        return "still-open (%d bytes read after the stall, still coming)" % buffered
    except socket.timeout:
        return "still-open (%d bytes read after the stall)" % buffered
    except OSError as e:
        return "closed-by-server (%s after %d bytes)" % (e.__class__.__name__, buffered)
    finally:
        sock.close()


def clients(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=5) as r:
        health = json.loads(r.read())
    for check in health.get("checks", []):
        if check.get("id") == "web":
            return check.get("data", {}).get("clients")
    return None


def flood(port, sections, seconds):
    filler = "x" * 32000
    sent = 0
    deadline = time.time() + seconds
    for i in range(sections):
        body = json.dumps({"section": "flood-%d" % (i % 20), "title": "Flood",
                           "metrics": [{"label": "payload", "value": filler + str(i),
                                        "status": "good" if i % 2 else "warning"}]}).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/api/sections" % port, data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            urllib.request.urlopen(req, timeout=5).read()
            sent += 1
        except Exception:
            pass
        time.sleep(max(0.0, (deadline - time.time()) / max(1, sections - i)))
    return sent


def wsfault(port, seconds):
    before = clients(port)
    stall_result = {}
    stalled = threading.Thread(target=lambda: stall_result.update(result=stall(port, seconds)))
    stalled.start()
    time.sleep(1)
    outs = [{} for _ in range(3)]
    readers = [threading.Thread(target=reader, args=(port, seconds - 2, out)) for out in outs]
    for t in readers:
        t.start()
    flood_result = {}
    flooding = threading.Thread(target=lambda: flood_result.update(sent=flood(port, 600, seconds - 6)))
    started = time.time()
    flooding.start()
    flooding_ended = [None]
    # The web server's own count: 4 while everyone is there, 3 once it let the stalled client go.
    peak, dropped_after = 0, None
    while any(t.is_alive() for t in readers):
        if flooding_ended[0] is None and not flooding.is_alive():
            flooding_ended[0] = time.time()
        n = clients(port)
        peak = max(peak, n or 0)
        if dropped_after is None and peak >= 4 and n == 3:
            dropped_after = round(time.time() - started, 1)
        time.sleep(0.25)
    for t in readers:
        t.join()
    stalled.join()
    # While sections change every few ms, every push interval carries an update: gaps are measured over the flood
    # only (outside it, updates come when something changes, about once a second).
    flood_end = flooding_ended[0] or time.time()
    for out in outs:
        out["maxGapMs"] = longest_gap_ms(out.pop("times", []), started + 0.5, flood_end)
    print(json.dumps({"clientsBefore": before, "clientsPeak": peak, "stalledDroppedAfterS": dropped_after,
                      "clientsAfter": clients(port), "sectionsPosted": flood_result.get("sent"),
                      "stalled": stall_result.get("result"), "readers": outs}))


def bomb(line, megabytes, out, name):
    line = (line.rstrip("\n") + "\n").encode()
    repeat = megabytes * 1024 * 1024 // len(line)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open(name, "w", force_zip64=True) as entry:
            block = line * 1000
            for _ in range(repeat // 1000):
                entry.write(block)


def body(key):
    parts = key.split("/")
    market = parts[1] if parts[1] == "spot" else parts[2]
    rest = parts[2:] if parts[1] == "spot" else parts[3:]
    period, data_type, symbol = rest[0], rest[1], rest[2]
    file = rest[-1][:-len(".zip")]
    date = file.split("-", 2)[2]
    b = {"market": market, "period": period, "dataType": data_type, "symbol": symbol, "date": date}
    if data_type == "klines":
        b["interval"] = rest[3]
    print(json.dumps(b))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def indexcheck(data_dir):
    index_file = os.path.join(data_dir, "archive-index.json")
    archives = os.path.join(data_dir, "archives")
    try:
        with open(index_file) as f:
            entries = {e["key"]: e for e in json.load(f)["entries"]}
    except FileNotFoundError:
        entries = {}
    files = {}
    for folder, _, names in os.walk(archives):
        for name in names:
            full = os.path.join(folder, name)
            files[os.path.relpath(full, archives)] = full
    problems = []
    for key in sorted(set(entries) - set(files)):
        problems.append("indexed but no file: " + key)
    for key in sorted(set(files) - set(entries)):
        problems.append("file not indexed: " + key)
    for key in sorted(set(entries) & set(files)):
        if sha256(files[key]) != entries[key]["sha256"] or os.path.getsize(files[key]) != entries[key]["bytes"]:
            problems.append("sha256 or size differs: " + key)
    print("index entries=%d files=%d problems=%d%s" % (len(entries), len(files), len(problems),
                                                       (" (" + "; ".join(problems[:3]) + ")") if problems else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "freeport":
        freeport()
    elif cmd == "hold":
        hold(args[0])
    elif cmd == "stall":
        print(stall(int(args[0]), float(args[1])))
    elif cmd == "wsfault":
        wsfault(int(args[0]), float(args[1]))
    elif cmd == "bomb":
        bomb(args[0], int(args[1]), args[2], args[3])
    elif cmd == "body":
        body(args[0])
    elif cmd == "indexcheck":
        indexcheck(args[0])
    else:
        sys.exit(__doc__)

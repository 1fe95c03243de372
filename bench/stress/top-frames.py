#!/usr/bin/env python3
"""Where a stress run's event loops spend their time, from a JFR recording (bench/stress/run.sh with PROFILE=1, or
any java -XX:StartFlightRecording=...,settings=profile). Prints the top frames by own samples and the share of
samples under each part of the request path. Usage: top-frames.py FILE.jfr [THREAD_NAME_PART=eventloop]"""
import collections
import json
import subprocess
import sys

PARTS = {
    "pool lease (HttpClientImpl.request -> requestConnection)": "SharedHttpClientConnectionGroup.requestConnection",
    "request on a pinned connection": "UnpooledHttpClientConnection.request",
    "HTTP encoding (Netty)": "HttpObjectEncoder",
    "HTTP decoding (Netty)": "HttpObjectDecoder",
    "response end callbacks": "HttpClientResponseImpl.handleEnd",
    "histograms (HdrHistogram)": "HdrHistogram",
    "Micrometer meters": "micrometer",
    "event bus": "eventbus",
    "JSON": "io.vertx.core.json",
    "open-model schedule (ScheduledLoad.tick)": "ScheduledLoad.tick",
    "socket write": "SocketChannelImpl.write",
    "socket read": "SocketChannelImpl.read",
}


def main():
    path = sys.argv[1]
    thread = sys.argv[2] if len(sys.argv) > 2 else "eventloop"
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    own = collections.Counter()
    under = collections.Counter()
    samples = 0
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        if thread not in (values["sampledThread"]["javaName"] or "") or not values["stackTrace"]:
            continue
        frames = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
                  for f in values["stackTrace"]["frames"]]
        if not frames:
            continue
        samples += 1
        own[frames[0]] += 1
        for part, needle in PARTS.items():
            if any(needle in f for f in frames):
                under[part] += 1
    print(f"{samples} samples on threads named *{thread}*")
    print("top frames (own samples):")
    for frame, n in own.most_common(15):
        print(f"  {100 * n / samples:5.1f} %  {frame}")
    print("under each part of the path (inclusive):")
    for part, n in under.most_common():
        print(f"  {100 * n / samples:5.1f} %  {part}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the hottest top frames, the
hottest Tongxin frames (first io.tongxin frame of each stack) and inclusive shares by layer.
Usage: bench/jfr-top.py recording.jfr [N]"""
import collections, re, subprocess, sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                      capture_output=True, text=True, check=True).stdout
stacks = []
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(.*\)\s+line:", event, re.M)
    if frames:
        stacks.append(frames)
total = len(stacks)
top = collections.Counter(s[0] for s in stacks)
ours = collections.Counter(next((f for f in s if f.startswith("io.tongxin.")), "(no Tongxin frame)") for s in stacks)
layers = collections.OrderedDict([
    ("Hibernate ORM", "org.hibernate."), ("PostgreSQL JDBC driver", "org.postgresql."),
    ("Agroal pool", "io.agroal."), ("Narayana JTA", "com.arjuna."), ("Jackson", "com.fasterxml."),
    ("Qute templates", "io.quarkus.qute."), ("Vert.x / Netty HTTP", "io.netty."),
    ("crypto (javax.crypto / sun.security)", "com.sun.crypto."), ("RE2J", "com.google.re2j."),
    ("Tongxin dialogue", "io.tongxin.dialogue."), ("Tongxin opinion", "io.tongxin.opinion."),
    ("Tongxin directory", "io.tongxin.directory."), ("Tongxin inbox", "io.tongxin.inbox."),
    ("Tongxin outbox", "io.tongxin.outbox.")])
print(f"JFR {path}: {total} CPU samples")
print("inclusive share by layer (a sample counts once per layer on its stack):")
for name, prefix in layers.items():
    k = sum(1 for s in stacks if any(f.startswith(prefix) for f in s))
    print(f"  {100.0 * k / max(total, 1):5.1f}%  {name}")
print(f"top {n} frames (self):")
for f, k in top.most_common(n):
    print(f"  {100.0 * k / max(total, 1):5.1f}%  {f}")
print(f"top {n} Tongxin frames (the first io.tongxin frame of each sample):")
for f, k in ours.most_common(n):
    print(f"  {100.0 * k / max(total, 1):5.1f}%  {f}")

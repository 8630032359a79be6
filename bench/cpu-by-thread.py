#!/usr/bin/env python3
"""CPU by thread group, once a second (bench/report-load.sh CPU_BY_THREAD=1; session 10).

Usage: cpu-by-thread.py SECONDS. Prints a header, then for every second with at least 0.3 s of CPU
used: the ms of CPU (user + system, from /proc/<pid>/task/<tid>/stat) spent in that second by the
service JVM's threads grouped by name (accept = Quarkus executor threads, eventloop = Vert.x, inbox =
inbox workers, outbox = outbox senders, jit = C1/C2 compiler threads, gc, other), by every PostgreSQL
process (pg), and by the load generator's JVM (gen:*). Loopback bench only; reads /proc, changes nothing.
"""
import os, sys, time, collections
HZ = os.sysconf('SC_CLK_TCK')
def cat(pid, comm, cmd):
    if cmd.startswith('postgres'):
        return 'pg'
    jvm = 'gen' if 'tongxin-bench.jar' in cmd else ('svc' if 'quarkus-run.jar' in cmd else None)
    if jvm is None:
        return None
    for p, n in (('C2 Comp','jit'),('C1 Comp','jit'),('executor-thre','accept'),('vert.x-eventlo','eventloop'),
                 ('inbox-worker','inbox'),('outbox-sender','outbox'),('GC Thr','gc'),('G1 ','gc')):
        if comm.startswith(p):
            return jvm + ':' + n
    return jvm + ':other'
def snap():
    out = collections.Counter()
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f'/proc/{pid}/cmdline','rb').read().replace(b'\0', b' ').decode(errors='replace')
            if not (cmd.startswith('postgres') or cmd.startswith('java')):
                continue
            for tid in os.listdir(f'/proc/{pid}/task'):
                st = open(f'/proc/{pid}/task/{tid}/stat').read()
                comm = st[st.index('(')+1:st.rindex(')')]
                f = st[st.rindex(')')+2:].split()
                c = cat(pid, comm, cmd)
                if c:
                    out[(c, pid, tid)] = int(f[11]) + int(f[12])
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return out
dur = float(sys.argv[1])
prev = snap(); end = time.time() + dur
cats = ['svc:accept','svc:eventloop','svc:inbox','svc:outbox','svc:jit','svc:gc','svc:other','pg','gen:other','gen:jit','gen:gc','gen:eventloop','gen:accept']
print('time ' + ' '.join(cats), flush=True)
while time.time() < end:
    time.sleep(1)
    cur = snap()
    d = collections.Counter()
    for k, v in cur.items():
        d[k[0]] += v - prev.get(k, 0)
    prev = cur
    tot = sum(d.values())
    if tot * 1000 / HZ < 300:
        continue  # idle seconds left out
    print(time.strftime('%H:%M:%S') + ' ' + ' '.join(str(int(d[c] * 1000 / HZ)) for c in cats) + f' | total {int(tot*1000/HZ)}', flush=True)

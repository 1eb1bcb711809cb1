"""A test pipeline for the docker target: it speaks the pipeline contract (job.json in, progress lines
on stdout, result.json beside the outputs) and reports what it finds inside its container. Not a
stand-in for a model: it checks the container the target makes. params.mode says what to do."""
import json
import os
import signal
import socket
import sys
import time

JOB = os.environ.get("BMAD_JOB_DIR", "/job")
OUT = os.environ.get("BMAD_OUTPUTS_DIR", "/outputs")


def result(value, code=0):
    tmp = os.path.join(OUT, ".result.json.tmp")
    with open(tmp, "w") as f:
        json.dump(value, f)
    os.rename(tmp, os.path.join(OUT, "result.json"))
    sys.exit(code)


def emit(line):
    print(json.dumps(line), flush=True)


def writable(path):
    try:
        with open(os.path.join(path, ".probe"), "w") as f:
            f.write("x")
        os.remove(os.path.join(path, ".probe"))
        return True
    except OSError:
        return False


def network():
    found = {"interfaces": sorted(os.listdir("/sys/class/net"))}
    for name, addr in (("tcp", ("10.0.0.1", 80)), ("dns", ("1.1.1.1", 53))):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(2)
        try:
            s.connect(addr)
            found[name] = "connected"
        except OSError as e:
            found[name] = e.strerror or str(e)
        finally:
            s.close()
    return found


def first(*paths):
    for p in paths:
        try:
            with open(p) as f:
                return f.read().strip()
        except OSError:
            pass
    return None


def limits():
    """The container's cgroup limits (v2 names, else v1's): memory bytes, pids, CPUs."""
    cpu = first("/sys/fs/cgroup/cpu.max")
    if cpu:
        quota, period = cpu.split()
    else:
        quota, period = first("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), first("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
    return {
        "memory": int(first("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")),
        "pids": int(first("/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max")),
        "cpus": int(quota) / int(period),
    }


def inspect(job):
    report = {
        "uid": os.getuid(),
        "gid": os.getgid(),
        "writable": {p: writable(p) for p in ("/job", "/inputs", "/models", "/outputs", "/tmp", "/", "/usr")},
        "job_key": job["key"],
        "inputs": sorted(os.listdir("/inputs")),
        "network": network(),
        "limits": limits(),
        "no_new_privs": [l.split()[1] for l in open("/proc/self/status") if l.startswith("NoNewPrivs")][0],
        "cap_eff": [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")][0],
    }
    with open(os.path.join(OUT, "probe.json"), "w") as f:
        json.dump(report, f)
    result({"ok": True, "outputs": [{"name": "probe.json", "role": "report", "mime": "application/json"}]})


def steps(job, count, delay):
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    for i in range(count):
        if stopping:
            result({"ok": False, "error": {"code": "INTERRUPTED", "message": "stopped by SIGTERM"}}, 143)
        emit({"type": "progress", "value": i + 1, "max": count, "stage": "step"})
        time.sleep(delay)
    with open(os.path.join(OUT, "done.txt"), "w") as f:
        f.write(job["key"])
    result({"ok": True, "outputs": [{"name": "done.txt", "role": "report", "mime": "text/plain"}]})


def chatty(job):
    print("plain text on stdout", flush=True)
    print("to stderr", file=sys.stderr, flush=True)
    emit({"type": "log", "level": "info", "message": "hello from the container"})
    emit({"type": "progress", "value": 1, "max": 2})
    print('{"type":"progress","value":"not a number"}', flush=True)
    emit({"type": "progress", "value": 2, "max": 2, "stage": "done"})
    steps(job, 0, 0)


def main():
    with open(os.path.join(JOB, "job.json")) as f:
        job = json.load(f)
    mode = job["params"].get("mode")
    if mode == "inspect":
        inspect(job)
    elif mode == "steps":
        steps(job, int(job["params"].get("count", 5)), float(job["params"].get("delay", 0.05)))
    elif mode == "chatty":
        chatty(job)
    elif mode == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        emit({"type": "progress", "value": 0, "max": 1})
        time.sleep(600)
    elif mode == "oom":
        emit({"type": "progress", "value": 0, "max": 1})
        hog = []
        while True:
            hog.append(b"\x01" * (64 * 1024 * 1024))
    elif mode == "no-result":
        print("giving up without a result", file=sys.stderr, flush=True)
        sys.exit(3)
    else:
        result({"ok": False, "error": {"code": "BAD_PARAMS", "message": "unknown mode %r" % mode}}, 2)


main()

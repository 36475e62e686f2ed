#!/usr/bin/env python3
"""tcc against its peers on the seed workloads, in one run on one machine.

    python3 bench/run.py [--threads 1,all] [--only logreg,mlp,...]
                         [--json bench-results.json] [--venv DIR]
    python3 bench/run.py --smoke --json out.json    (tests: tiny sizes,
                                                     tcc and NumPy, no network)

Creates a virtual environment (bench/.venv unless --venv) and installs the
peers into it with pip: NumPy, PyTensor (Theano's successor, C backend),
PyTorch (CPU, eager), JAX (CPU, jit) and numexpr; a peer pip cannot install
is reported as missing, with pip's reason. Then, for each thread count:
measures this machine's limits (bench/limits.c: copy and triad bandwidth at
each workload's size, OpenBLAS dgemm/sgemm), times tcc's model libraries
through the C ABI (bench/tcc_timer.c) and each peer from Python, checks
every peer's first results against NumPy's, and prints a table of times and
ratios (tcc / peer, below 1 is tcc ahead) beside the limit and the target.
Build tcc first (scripts/build.sh tcc). Models are compiled with
--march=host, as a user tuning for this machine would (--portable: without).
Times are the best of several repeats of many calls; run on an idle machine.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)

PEERS = ["numpy", "pytensor", "torch", "jax", "numexpr"]
PIP_NAMES = {"numpy": "numpy", "pytensor": "pytensor", "torch": "torch",
             "jax": "jax[cpu]", "numexpr": "numexpr"}

# The targets at one thread: seconds per call, or a factor of the
# limit (for the elementwise power: the time of a plain copy).
TARGETS = {"logreg": 75e-6, "mlp": 3.0e-3, "mlp_f32": 1.4e-3,
           "pow": ("limit", 1.15), "trig": 45e-3, "scalar": 1e-6,
           "compile_logreg": 0.5, "compile_mlp": 1.0}


def thread_env(threads):
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "NUMEXPR_NUM_THREADS"):
        env[var] = str(threads)
    if threads == 1:
        env["XLA_FLAGS"] = ("--xla_cpu_multi_thread_eigen=false "
                            "intra_op_parallelism_threads=1")
    env["TCC_BENCH_THREADS"] = str(threads)
    return env


# --- Timing ----------------------------------------------------------------


def best_of(fn, budget=0.05, repeats=5):
    """Seconds per call: best of `repeats` runs of enough calls to take
    about `budget` seconds each (the first call, a warm-up, is not timed)."""
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-9)
    calls = max(1, min(100000, int(budget / once)))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def time_tcc(timer, library, function, outputs, paths, env, budget):
    def run(calls, repeats):
        out = subprocess.run([timer, library, function, str(outputs),
                              str(calls), str(repeats)] + paths, env=env,
                             check=True, capture_output=True, text=True)
        return json.loads(out.stdout)["best_s"]
    once = run(1, 1)
    return run(max(1, min(1000000, int(budget / max(once, 1e-9)))), 5)


# --- Setup -------------------------------------------------------------------


def venv_python(venv):
    return os.path.join(venv, "bin", "python")


def setup_venv(venv, peers):
    """Installs what is missing; returns {peer: reason} for peers that
    could not be installed."""
    if not os.path.exists(venv_python(venv)):
        print("creating %s" % venv, flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    python = venv_python(venv)
    missing = {}
    for peer in ["numpy"] + [p for p in peers if p != "numpy"]:
        module = peer
        if subprocess.run([python, "-c", "import " + module],
                          capture_output=True).returncode == 0:
            continue
        print("pip install %s" % PIP_NAMES[peer], flush=True)
        out = subprocess.run([python, "-m", "pip", "install", "-q",
                              PIP_NAMES[peer]], capture_output=True,
                             text=True)
        if out.returncode != 0:
            lines = (out.stderr or out.stdout).strip().splitlines()
            missing[peer] = "pip install %s failed: %s" % (
                PIP_NAMES[peer], lines[-1] if lines else "?")
    return missing


def build_tools(work):
    cc = shutil.which("cc") or "cc"
    timer = os.path.join(work, "tcc_timer")
    limits = os.path.join(work, "limits")
    subprocess.check_call([cc, "-O2", "-std=c11", "-I",
                           os.path.join(ROOT, "runtime", "include"),
                           os.path.join(BENCH, "tcc_timer.c"), "-o", timer,
                           "-ldl"])
    subprocess.check_call([cc, "-O3", "-march=native", "-fopenmp",
                           os.path.join(BENCH, "limits.c"), "-o", limits,
                           "-lopenblas"])
    return timer, limits


def compile_model(tcc, workload, out, flags):
    cmd = [tcc, workload.model, "-o", out] + workload.flags + flags
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.check_call(cmd)
        best = min(best, time.perf_counter() - start)
    return best


# --- The worker: peers, in a process with the thread settings ---------------


def worker(args):
    import numpy as np
    from workloads import Unavailable, all_workloads
    threads = int(os.environ.get("TCC_BENCH_THREADS", "1"))
    results = {}
    # First, while PyTensor's compile directory is still empty.
    if threads == 1 and "pytensor" in args.peers and not args.smoke:
        results["compile"] = pytensor_compile_times(args)
    for workload, makers in all_workloads():
        if args.only and workload.name not in args.only:
            continue
        inputs, state = load_inputs(args.work, workload)
        reference = None
        times, problems = {}, {}
        for peer in ["numpy"] + [p for p in args.peers if p != "numpy"]:
            if peer not in makers:
                problems[peer] = "n/a"
                continue
            try:
                if peer == "torch":
                    import torch
                    torch.set_num_threads(threads)
                if peer == "numexpr":
                    import numexpr
                    numexpr.set_num_threads(threads)
                fn = makers[peer](workload, inputs, state)
                first = fn()
            except (ImportError, Unavailable) as e:
                problems[peer] = "missing: %s" % e
                continue
            first = tuple(first) if isinstance(first, (tuple, list)) \
                else (first,)
            if reference is None:
                reference = first
            else:
                rtol = 1e-4 if workload.dtype == np.float32 else 1e-7
                why = compare(first, reference, rtol)
                if why:
                    problems[peer] = why
            # A fresh instance, so the timed calls start from the same state.
            fn = makers[peer](workload, inputs, state)
            times[peer] = best_of(fn, args.budget)
        results[workload.name] = {"times": times, "problems": problems}

    # A file, not stdout: peers print warnings there.
    with open(os.path.join(args.work, "peers-%d.json" % threads), "w") as f:
        json.dump(results, f)


def compare(got, want, rtol):
    """Why results differ from NumPy's, or None."""
    import numpy as np
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g, dtype=np.float64)
        w = np.asarray(w, dtype=np.float64)
        if g.shape != w.shape:
            return "wrong results: output %d has shape %s, NumPy's %s" % (
                i, g.shape, w.shape)
        bad = ~np.isclose(g, w, rtol=rtol, atol=rtol)
        if bad.any():
            return ("wrong results: output %d differs from NumPy's in %d of "
                    "%d values (%d not finite)" % (
                        i, bad.sum(), bad.size, (~np.isfinite(g[bad])).sum()))
    return None


def pytensor_compile_times(args):
    """PyTensor's compile of the two models, each in a fresh process with
    a cold cache (an empty compile directory), as the seed measured
    Theano's."""
    out, problems = {}, {}
    for name in ("logreg", "mlp"):
        if args.only and name not in args.only:
            continue
        env = dict(os.environ, PYTENSOR_FLAGS="base_compiledir=" +
                   os.path.join(args.work, "pytensor-compile-" + name))
        result = os.path.join(args.work, "compile-%s.json" % name)
        run = subprocess.run([sys.executable, os.path.abspath(__file__),
                              "--compile-peer", name, "--work", args.work],
                             env=env, stdout=subprocess.DEVNULL)
        if run.returncode != 0 or not os.path.exists(result):
            problems["pytensor"] = "compiling the %s failed" % name
            continue
        with open(result) as f:
            out["compile_" + name] = json.load(f)
    return {"times": out, "problems": problems}


def compile_peer(args):
    """One PyTensor compile (in its own process, see above)."""
    from workloads import all_workloads
    for workload, makers in all_workloads():
        if workload.name != args.compile_peer:
            continue
        inputs, state = load_inputs(args.work, workload)
        start = time.perf_counter()
        makers["pytensor"](workload, inputs, state)
        seconds = time.perf_counter() - start
        with open(os.path.join(args.work, "compile-%s.json"
                               % workload.name), "w") as f:
            json.dump(seconds, f)


def load_inputs(work, workload):
    """The inputs and initial state the driver saved for `workload`."""
    import numpy as np
    data = np.load(os.path.join(work, workload.name + ".npz"))
    count = sum(1 for k in data.files if k.startswith("input"))
    inputs = [data["input%d" % i] for i in range(count)]
    state = {k[6:]: data[k] for k in data.files if k.startswith("state_")}
    return inputs, state


# --- The driver ---------------------------------------------------------------


def measure_limits(limits, env, sizes):
    out = {}
    for size in sorted(set(sizes)):
        text = subprocess.run([limits, str(size)], env=env,
                              check=True, capture_output=True,
                              text=True).stdout
        out[size] = json.loads(text)
    return out


def limit_of(workload, inputs, limits):
    machine = limits.get(limit_size(workload, inputs))
    return workload.limit(inputs, machine) if machine else None


def limit_size(workload, inputs):
    return max(workload.bytes(inputs), 4096)


def format_time(s):
    if s is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return "%.3g %s" % (s / scale, unit)
    return "%.3g ns" % (s / 1e-9)


def print_table(rows, peers, threads):
    print("\n%d thread%s (ratio = tcc / peer; below 1: tcc is faster)"
          % (threads, "" if threads == 1 else "s"))
    header = ["workload", "limit", "tcc", "target"] + peers
    table = [header]
    for row in rows:
        cells = [row["title"], format_time(row.get("limit_s")),
                 format_time(row["times"].get("tcc"))
                 + (" WRONG" if "tcc" in row["problems"] else "")]
        target = row.get("target_s")
        met = row.get("target_met")
        cells.append("-" if target is None else "%s %s" % (
            format_time(target), "met" if met else "NOT met"))
        for peer in peers:
            t = row["times"].get(peer)
            problem = row["problems"].get(peer)
            if t is None:
                cells.append(problem or "-")
            else:
                ratio = row["ratios"].get(peer)
                cells.append("%s (%.2fx)%s" % (
                    format_time(t), ratio, " WRONG" if problem else "")
                    if ratio is not None else format_time(t))
        table.append(cells)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    for row in rows:
        for peer, why in sorted(row["problems"].items()):
            if why.startswith("wrong"):
                print("  %s, %s: %s" % (row["title"], peer, why))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes, tcc and NumPy only, no venv")
    parser.add_argument("--threads", default="1,all")
    parser.add_argument("--only", default="",
                        help="comma-separated workload names")
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--json", default=None, help="write results here")
    parser.add_argument("--venv", default=os.path.join(BENCH, ".venv"))
    parser.add_argument("--tcc", default=os.path.join(ROOT, "build", "bin",
                                                      "tcc"))
    parser.add_argument("--portable", action="store_true",
                        help="compile without --march=host")
    parser.add_argument("--budget", type=float, default=0.1,
                        help="seconds per timed repeat")
    parser.add_argument("--worker", action="store_true",
                        help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--compile-peer", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.only = [w for w in args.only.split(",") if w]
    args.peers = [p for p in args.peers.split(",") if p]
    if args.smoke:
        args.peers = ["numpy"]
        args.budget = min(args.budget, 0.005)
    if args.worker:
        return worker(args)
    if args.compile_peer:
        return compile_peer(args)

    missing = {}
    python = sys.executable
    if not args.smoke:
        missing = setup_venv(args.venv, args.peers)
        python = venv_python(args.venv)
        if os.path.realpath(sys.executable) != os.path.realpath(python) and \
                "TCC_BENCH_REEXEC" not in os.environ:
            # Run the rest where NumPy and the peers are.
            os.environ["TCC_BENCH_REEXEC"] = "1"
            os.execv(python, [python] + sys.argv)
    import numpy as np
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import tcc as tcc_loader
    from workloads import all_workloads

    work = tempfile.mkdtemp(prefix="tcc-bench-")
    timer, limits = build_tools(work)
    flags = [] if args.portable else ["--march=host"]
    cores = os.cpu_count() or 1
    thread_counts = sorted({cores if t == "all" else int(t)
                            for t in args.threads.split(",")})
    if args.smoke:
        thread_counts = [1]

    # Compile, check tcc's first results against NumPy's, save the inputs.
    prepared = []
    compile_times = {}
    for workload, makers in all_workloads():
        if args.only and workload.name not in args.only:
            continue
        library = os.path.join(work, workload.name + ".so")
        seconds = compile_model(args.tcc, workload, library, flags)
        if workload.name in ("logreg", "mlp"):
            compile_times["compile_" + workload.name] = seconds
        inputs = workload.inputs(args.smoke)
        model = tcc_loader.load(library)
        state = workload.state(model)
        want = makers["numpy"](workload, inputs, state)()
        got = getattr(model, workload.function)(*inputs)
        want = want if isinstance(want, tuple) else (want,)
        got = got if isinstance(got, tuple) else (got,)
        rtol = 1e-4 if workload.dtype == np.float32 else 1e-9
        tcc_problem = compare(got, want, rtol)
        paths = []
        arrays = {}
        for i, a in enumerate(inputs):
            paths.append(os.path.join(work, "%s_input%d.npy" % (
                workload.name, i)))
            np.save(paths[-1], a)
            arrays["input%d" % i] = a
        arrays.update({"state_" + k: v for k, v in state.items()})
        np.savez(os.path.join(work, workload.name + ".npz"), **arrays)
        outputs = len(got)
        prepared.append((workload, inputs, library, paths, outputs,
                         tcc_problem))

    report = {"machine": {"cpu": cpu_name(), "cores": cores,
                          "python": platform.python_version(),
                          "tcc_flags": flags},
              "missing": missing, "runs": []}
    status = 0
    for threads in thread_counts:
        env = thread_env(threads)
        # A cold cache for PyTensor, whose compile times the table shows.
        env["PYTENSOR_FLAGS"] = "base_compiledir=" + os.path.join(
            work, "pytensor-%d" % threads)
        lims = measure_limits(limits, env, [limit_size(w, i)
                                            for w, i, *_ in prepared])
        subprocess.run(
            [python, os.path.abspath(__file__), "--worker", "--work", work,
             "--peers", ",".join(args.peers), "--budget", str(args.budget),
             "--only", ",".join(args.only)] + (["--smoke"] if args.smoke
                                               else []),
            env=env, check=True)
        with open(os.path.join(work, "peers-%d.json" % threads)) as f:
            peer_results = json.load(f)
        rows = []
        for workload, inputs, library, paths, outputs, tcc_problem in prepared:
            res = peer_results[workload.name]
            times = dict(res["times"])
            problems = dict(res["problems"])
            for peer, why in missing.items():
                problems.setdefault(peer, "missing (%s)" % why)
            times["tcc"] = time_tcc(timer, library, workload.function,
                                    outputs, paths, env, args.budget)
            if tcc_problem:
                problems["tcc"] = tcc_problem
                status = 1
            limit = limit_of(workload, inputs, lims)
            rows.append(make_row(workload.name, workload.title, times,
                                 problems, limit, threads, args.smoke))
        if threads == 1:
            compiled = peer_results.get("compile", {})
            times = dict(compiled.get("times", {}))
            for name, title in (("compile_logreg", "compile: logistic "
                                 "regression"), ("compile_mlp",
                                                 "compile: MLP")):
                if name not in compile_times:
                    continue
                rows.append(make_row(
                    name, title, {"tcc": compile_times[name],
                                  "pytensor": times.get(name)},
                    compiled.get("problems", {}), None, threads, args.smoke))
        print_table(rows, [p for p in args.peers], threads)
        report["runs"].append({"threads": threads,
                               "limits": {str(k): v for k, v in lims.items()},
                               "rows": rows})
    if missing:
        print("\nmissing peers: " + "; ".join(
            "%s: %s" % kv for kv in missing.items()))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    return status


def make_row(name, title, times, problems, limit, threads, smoke):
    times = {k: v for k, v in times.items() if v is not None}
    row = {"workload": name, "title": title, "threads": threads,
           "times": times, "problems": problems, "limit_s": limit,
           "ratios": {p: times["tcc"] / t for p, t in times.items()
                      if p != "tcc" and "tcc" in times and t > 0}}
    target = TARGETS.get(name)
    if threads == 1 and not smoke and target is not None:
        if isinstance(target, tuple):
            target = None if limit is None else limit * target[1]
        if target is not None:
            row["target_s"] = target
            row["target_met"] = times.get("tcc", float("inf")) <= target
    return row


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    sys.exit(main())

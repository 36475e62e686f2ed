"""Driven by profile.th: checks a --profile model's report.

check-run PROFILED.json PLAIN.json: `tcc run --json` with and without
--profile; api MODEL.so PLAIN.so: the Python API; exit MODEL.so: calls f
twice and exits without asking for the report; check-exit FILE.json: the
report it left.
"""
import json
import sys

import numpy as np

X = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


def check_function(f, calls):
    """The invariants of one function's entry; returns the kernels never
    called."""
    assert f["calls"] == calls, f
    assert 0 <= f["kernel_time_s"] <= f["generated_code_time_s"] <= f["time_s"], f
    kernels = f["kernels"]
    times = [k["time_s"] for k in kernels]
    assert times == sorted(times, reverse=True), "kernels not by time"
    assert abs(sum(times) - f["kernel_time_s"]) < 1e-6 + 1e-6 * f["time_s"]
    for k in kernels:
        assert k["calls"] in (0, f["calls"] - f["failed_calls"]), k
        assert k["locs"] and all(":" in loc for loc in k["locs"]), k
    if calls:
        dot = [k for k in kernels if k["ops"] == "dot"]
        assert len(dot) == 1 and dot[0]["kind"] == "matmul", kernels
        assert dot[0]["locs"][0].endswith("profile.th:57:12"), dot[0]
        # The product is 2x2 float64: 32 bytes a call, at least.
        assert dot[0]["allocated_bytes"] >= 32 * dot[0]["calls"], dot[0]
        # The cumsum result (2x3 float64) is returned, so live at the end.
        assert f["peak_bytes"] >= 48, f
        assert f["allocated_bytes"] >= f["peak_bytes"] * (calls - f["failed_calls"])
    return sorted({op for k in kernels if k["calls"] == 0
                   for op in k["ops"].split(", ")})


def check_run(profiled_path, plain_path):
    with open(profiled_path) as f:
        profiled = json.load(f)
    with open(plain_path) as f:
        plain = json.load(f)
    profile = profiled.pop("profile")
    assert profiled == plain, (profiled, plain)
    print("same outputs and shared variables as without --profile")
    assert profile["model"] == "profile"
    functions = profile["functions"]
    assert [f["name"] for f in functions] == ["f", "g"], functions
    f, g = functions
    not_called = check_function(f, 4)
    print(f"f: {f['calls']} calls, {f['failed_calls']} failed, "
          f"not called: {', '.join(not_called)}")
    check_function(g, 0)
    print(f"g: {g['calls']} calls")


def api(path, plain_path):
    import tcc
    m = tcc.load(path)
    m.f(X)
    try:
        m.f([1.0, 2.0])  # a vector for a matrix: fails, and is counted
    except tcc.Error:
        pass
    p = m.profile()
    f = next(f for f in p["functions"] if f["name"] == "f")
    check_function(f, 2)
    print(f"f: {f['calls']} calls, {f['failed_calls']} failed")
    report = m.profile_report()
    print("report:", next(line for line in report.splitlines()
                          if line.startswith("Function")).split(" (")[0])
    m.profile_reset()
    f = next(f for f in m.profile()["functions"] if f["name"] == "f")
    assert all(k["calls"] == 0 for k in f["kernels"])
    print(f"after reset: {f['calls']} calls")
    try:
        tcc.load(plain_path).profile()
    except tcc.Error as e:
        print(type(e).__name__, e)


def at_exit(path):
    import tcc
    m = tcc.load(path)
    for _ in range(2):
        m.f(np.array(X))


def check_exit(path):
    with open(path) as f:
        profile = json.load(f)
    f = next(f for f in profile["functions"] if f["name"] == "f")
    check_function(f, 2)
    print(f"f: {f['calls']} calls at exit")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "check-run":
        check_run(sys.argv[2], sys.argv[3])
    elif mode == "api":
        api(sys.argv[2], sys.argv[3])
    elif mode == "exit":
        at_exit(sys.argv[2])
    else:
        check_exit(sys.argv[2])

"""Checks bench/run.py --smoke's JSON: every workload timed for tcc and
NumPy, no wrong results, limits measured and plausible."""
import json
import sys

report = json.load(open(sys.argv[1]))
assert report["missing"] == {}, report["missing"]
(run,) = report["runs"]
assert run["threads"] == 1
names = [row["workload"] for row in run["rows"]]
assert names == ["logreg", "mlp", "mlp_f32", "convnet", "rnn", "pow", "trig", "scalar",
                 "compile_logreg", "compile_mlp"], names
for row in run["rows"]:
    assert row["problems"] == {}, (row["workload"], row["problems"])
    assert 0 < row["times"]["tcc"] < 60, row
    if not row["workload"].startswith("compile"):
        assert 0 < row["times"]["numpy"] < 60, row
        assert abs(row["ratios"]["numpy"] * row["times"]["numpy"]
                   - row["times"]["tcc"]) <= 1e-9 * row["times"]["tcc"], row
    # A limit wherever one is defined, and nothing beats it by much (the
    # limits are measured, so allow for noise).
    if row["workload"] in ("logreg", "mlp", "mlp_f32", "pow", "trig"):
        assert row["limit_s"] > 0, row
        assert row["times"]["tcc"] > 0.2 * row["limit_s"], row
for limits in run["limits"].values():
    assert limits["copy_gbs"] > 0.1 and limits["dgemm_gflops"] > 0.1, limits
print("ok")

# A save that fails while writing (here the process's file-size limit,
# RLIMIT_FSIZE, which applies to root too) raises, leaves the previous
# checkpoint byte for byte as it was and no temporary file behind, and
# changes no shared variable; the old checkpoint still loads.
# RUN: rm -rf %t.dir && mkdir -p %t.dir
# RUN: %tcc %S/Inputs/checkpoint_model.th -o %t.dir/model.so
# RUN: %python %s %t.dir/model.so %t.dir | FileCheck %s
# CHECK: saved: 3.0
# CHECK-NEXT: Error status=4: tcc_shared_save: cannot write '{{.*}}ck.npz': File too large
# CHECK-NEXT: old checkpoint intact: True
# CHECK-NEXT: files: ['ck.npz', 'model.so']
# CHECK-NEXT: state unchanged: 5.0
# CHECK-NEXT: loaded: 3.0
import os
import resource
import signal
import sys

import tcc

model = tcc.load(sys.argv[1])
directory = sys.argv[2]
path = os.path.join(directory, "ck.npz")
for _ in range(3):
    model.step(1.0)
model.save(path)
print("saved:", model.w.get_value()[0, 0])
with open(path, "rb") as f:
    before = f.read()

model.step(2.0)
# Writes past the limit fail with EFBIG instead of killing the process.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
try:
    model.save(path)
except tcc.Error as e:
    print(f"Error status={e.status}: {e}")
else:
    print("NO ERROR")
finally:
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

with open(path, "rb") as f:
    print("old checkpoint intact:", f.read() == before)
print("files:", sorted(os.listdir(directory)))
print("state unchanged:", model.w.get_value()[0, 0])
model.load_state(path)
print("loaded:", model.w.get_value()[0, 0])

# A model compiled for CUDA loads on a machine without a GPU (the driver is
# loaded with dlopen only when needed): its calls fail with status 8
# (TCC_ERROR_DEVICE) and a message saying why, without changing any shared
# variable; the shared variables can still be read, set and saved.
# REQUIRES: cuda-toolkit
# UNSUPPORTED: cuda-device
# RUN: rm -rf %t.dir && mkdir -p %t.dir
# RUN: %tcc %S/../CodeGen/Inputs/cuda_model.th --device=cuda -o %t.dir/model.so
# RUN: %python %s %t.dir/model.so %t.dir | FileCheck %s
# CHECK: device: cuda 0
# CHECK-NEXT: DeviceUnavailable status=8: f: {{.*(CUDA driver|GPU).*}}
# CHECK-NEXT: DeviceUnavailable status=8: step: {{.*(CUDA driver|GPU).*}}
# CHECK-NEXT: w unchanged: [0.5, -1.0, 2.0]
# CHECK-NEXT: w set: [1.0, 2.0, 3.0]
# CHECK-NEXT: saved and loaded: [1.0, 2.0, 3.0]
# The same from the command line, with exit status 1.
# RUN: not %tcc run --device=cuda %S/../CodeGen/Inputs/cuda_model.th f --arg 'x=[[1]]' --arg 'y=[1]' 2>&1 | FileCheck --check-prefix=CLI %s
# RUN: env TCC_DEVICE=cuda3 not %tcc run --device=cuda %S/../CodeGen/Inputs/cuda_model.th f --arg 'x=[[1]]' --arg 'y=[1]' 2>&1 | FileCheck --check-prefix=CLI %s
# CLI: tcc run: error: f: {{.*(CUDA driver|GPU).*}}
import os
import sys

import numpy

import tcc

model = tcc.load(sys.argv[1])
print("device:", model.manifest["device"], model.manifest["cuda_device"])
for call in (lambda: model.f(numpy.ones((2, 3)), numpy.ones(2)),
             lambda: model.step(numpy.ones((2, 3)))):
    try:
        call()
        print("no error")
    except tcc.Error as e:
        print(f"{type(e).__name__} status={e.status}: {e}")
print("w unchanged:", model.w.get_value().tolist())
model.w.set_value(numpy.array([1.0, 2.0, 3.0]))
print("w set:", model.w.get_value().tolist())
path = os.path.join(sys.argv[2], "ck.npz")
model.save(path)
model.w.set_value(numpy.zeros(3))
model.load_state(path)
print("saved and loaded:", model.w.get_value().tolist())

"""ctypes bindings for the C API of a model library (runtime/include/tcc/tcc.h).

Only this module knows the C layout; the rest of the package works with
NumPy arrays.
"""
import ctypes
import os

import numpy as np

MAX_RANK = 8
# An input whose rank is USE_DEFAULT takes the input's default value.
USE_DEFAULT = -1

# Indexed by tcc_dtype; the codes are part of the ABI.
DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "float32", "float64", "complex64", "complex128")
DTYPE_CODES = {name: code for code, name in enumerate(DTYPES)}


class Error(Exception):
    """A call into a model library failed; the message is the library's.

    `status` is the C status code (1 argument, 2 not found, 3 memory, 4 I/O,
    5 internal, 6 index, 7 value).
    """

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class IndexOutOfBounds(Error, IndexError):
    """An index the model read at run time was out of bounds (status 6);
    an IndexError, as NumPy and Theano raise."""


class InvalidValue(Error, ValueError):
    """A value the model read at run time is outside an op's domain (status
    7: a binomial p outside [0, 1], a random state of the wrong length); a
    ValueError, as NumPy raises."""


class DeviceUnavailable(Error, RuntimeError):
    """The model's GPU cannot be used (status 8): no CUDA driver, no such
    device, or a CUDA call that failed."""


STATUS_INDEX = 6
STATUS_VALUE = 7
STATUS_DEVICE = 8


class TccArray(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("dtype", ctypes.c_int32),
        ("rank", ctypes.c_int32),
        ("shape", ctypes.c_int64 * MAX_RANK),
        ("strides", ctypes.c_int64 * MAX_RANK),
        ("owner", ctypes.c_void_p),
    ]


_ArrayPtr = ctypes.POINTER(TccArray)


class Library:
    """An opened model library with typed entry points."""

    def __init__(self, path):
        # An absolute path, or dlopen would search the library path instead
        # of the current directory.
        self.path = os.path.abspath(os.fspath(path))
        self._dll = ctypes.CDLL(self.path)
        d = self._dll
        self._proto(d.tcc_manifest, ctypes.c_char_p)
        self._proto(d.tcc_last_error, ctypes.c_char_p)
        self._proto(d.tcc_call, ctypes.c_int, ctypes.c_char_p, _ArrayPtr,
                    ctypes.c_int32, _ArrayPtr, ctypes.c_int32)
        self._proto(d.tcc_shared_get, ctypes.c_int, ctypes.c_char_p, _ArrayPtr)
        self._proto(d.tcc_shared_set, ctypes.c_int, ctypes.c_char_p, _ArrayPtr)
        self._proto(d.tcc_shared_reset, ctypes.c_int)
        self._proto(d.tcc_shared_save, ctypes.c_int, ctypes.c_char_p)
        self._proto(d.tcc_shared_load, ctypes.c_int, ctypes.c_char_p)
        self._proto(d.tcc_array_release, None, _ArrayPtr)
        self._proto(d.tcc_profile_report, ctypes.c_int, ctypes.c_int32,
                    ctypes.POINTER(ctypes.c_void_p))
        self._proto(d.tcc_profile_reset, ctypes.c_int)
        self._proto(d.tcc_string_release, None, ctypes.c_void_p)

    @staticmethod
    def _proto(fn, restype, *argtypes):
        fn.restype = restype
        fn.argtypes = list(argtypes)

    def _check(self, status):
        if status != 0:
            # ctypes releases the GIL around the call but stays on this OS
            # thread, so the thread-local message is this call's.
            message = self._dll.tcc_last_error().decode("utf-8", "replace")
            kind = {STATUS_INDEX: IndexOutOfBounds,
                    STATUS_VALUE: InvalidValue,
                    STATUS_DEVICE: DeviceUnavailable}.get(status, Error)
            raise kind(message, status)

    def manifest(self):
        return self._dll.tcc_manifest().decode("utf-8")

    def call(self, name, inputs, num_outputs):
        """Calls function `name` with TccArray inputs; returns NumPy arrays."""
        ins = (TccArray * max(len(inputs), 1))(*inputs)
        outs = (TccArray * max(num_outputs, 1))()
        self._check(self._dll.tcc_call(name.encode("utf-8"), ins, len(inputs),
                                       outs, num_outputs))
        return [self.adopt(outs[i]) for i in range(num_outputs)]

    def shared_get(self, name):
        out = TccArray()
        self._check(self._dll.tcc_shared_get(name.encode("utf-8"),
                                              ctypes.byref(out)))
        return self.adopt(out)

    def shared_set(self, name, value):
        array, keep = to_tcc(value)
        self._check(self._dll.tcc_shared_set(name.encode("utf-8"),
                                              ctypes.byref(array)))
        del keep

    def shared_reset(self):
        self._check(self._dll.tcc_shared_reset())

    def profile_report(self, json_format):
        """The --profile report (TCC_PROFILE_JSON or _TEXT) as a str."""
        report = ctypes.c_void_p()
        self._check(self._dll.tcc_profile_report(1 if json_format else 0,
                                                  ctypes.byref(report)))
        try:
            return ctypes.string_at(report.value).decode("utf-8", "replace")
        finally:
            self._dll.tcc_string_release(report)

    def profile_reset(self):
        self._check(self._dll.tcc_profile_reset())

    def save(self, path):
        self._check(self._dll.tcc_shared_save(os.fsencode(path)))

    def load(self, path):
        self._check(self._dll.tcc_shared_load(os.fsencode(path)))

    def release(self, owner):
        self._dll.tcc_array_release(ctypes.byref(TccArray(owner=owner)))

    def adopt(self, array):
        """A NumPy array over a result the runtime owns, released with it."""
        return np.asarray(_OwnedResult(self, array))


class _OwnedResult:
    """Exposes an owned tcc_array to NumPy without copying.

    np.asarray keeps this object as the array's base, so the runtime buffer
    is released (tcc_array_release) exactly when the last view of it dies.
    """

    __slots__ = ("__array_interface__", "_lib", "_owner")

    def __init__(self, lib, array):
        shape = tuple(array.shape[i] for i in range(array.rank))
        strides = tuple(array.strides[i] for i in range(array.rank))
        self._lib = lib
        self._owner = array.owner
        self.__array_interface__ = {
            "version": 3,
            "shape": shape,
            "typestr": np.dtype(DTYPES[array.dtype]).str,
            "data": (array.data, False),
            "strides": strides,
        }

    def __del__(self):
        if self._owner:
            self._lib.release(self._owner)
            self._owner = None


def to_tcc(a):
    """A TccArray view of NumPy array `a` (of one of the tcc dtypes, native
    byte order). Returns it with the object to keep alive during the call."""
    array = TccArray()
    array.data = a.ctypes.data
    array.dtype = DTYPE_CODES[a.dtype.name]
    array.rank = a.ndim
    if a.ndim > MAX_RANK:
        # Let the runtime report the rank mismatch with its usual message.
        return array, a
    for i in range(a.ndim):
        array.shape[i] = a.shape[i]
        array.strides[i] = a.strides[i]
    return array, a


def default_marker():
    """An input that asks for the input's default value."""
    array = TccArray()
    array.rank = USE_DEFAULT
    return array

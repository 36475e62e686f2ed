"""Model, Function and SharedVariable: a model library seen from Python."""
import json

from . import _docs, _lib
from ._convert import convert

_MISSING = object()


class Function:
    """A compiled Theano function: `f(x, y)`, `f(x, lr=0.1)`.

    Returns one array for one output and a tuple for several (or none);
    0-d results are 0-d arrays. help(f) describes the compiled function. Inputs are converted as Theano converts them
    (see tcc._convert); shapes are checked by the library, which raises
    tcc.Error on a mismatch.
    """

    def __init__(self, model, spec):
        self._model = model
        self._lib = model._lib
        self.name = spec["name"]
        self.inputs = [i["name"] for i in spec["inputs"]]
        self.outputs = [o["name"] for o in spec["outputs"]]
        self._input_specs = spec["inputs"]
        self._num_outputs = len(spec["outputs"])
        self._allow_downcast = spec.get("allow_input_downcast", False)
        # Per instance, so that help() and inspect see this function.
        self.__name__ = self.__qualname__ = self.name
        self.__doc__ = _docs.function_doc(spec, model.name,
                                          model.manifest["shared"])
        self.__signature__ = _docs.function_signature(spec)

    def __repr__(self):
        args = ", ".join(
            name + ("=..." if spec.get("default") is not None else "")
            for name, spec in zip(self.inputs, self._input_specs))
        return f"<tcc function {self.name}({args})>"

    def _bind(self, args, kwargs):
        """Positional and keyword arguments, by input position."""
        n = len(self.inputs)
        if len(args) > n:
            raise TypeError(f"{self.name}() takes {n} argument"
                            f"{'' if n == 1 else 's'} but {len(args)} were given")
        values = list(args) + [_MISSING] * (n - len(args))
        for key, value in kwargs.items():
            if key not in self.inputs:
                raise TypeError(f"{self.name}() got an unexpected keyword "
                                f"argument '{key}'")
            i = self.inputs.index(key)
            if values[i] is not _MISSING:
                raise TypeError(f"{self.name}() got multiple values for "
                                f"argument '{key}'")
            values[i] = value
        for i, value in enumerate(values):
            if value is _MISSING and self._input_specs[i].get("default") is None:
                raise TypeError(f"{self.name}() missing argument {i} "
                                f"('{self.inputs[i]}')")
        return values

    def __call__(self, *args, **kwargs):
        values = self._bind(args, kwargs)
        # Leave out the trailing inputs that take their defaults; mark the
        # others so the runtime substitutes them.
        while values and values[-1] is _MISSING:
            values.pop()
        arrays, keep = [], []
        for i, value in enumerate(values):
            if value is _MISSING:
                arrays.append(_lib.default_marker())
                continue
            spec = self._input_specs[i]
            what = f"{self.name}: argument {i} ('{spec['name']}')"
            a = convert(value, spec["dtype"], self._model.floatX, what,
                        self._allow_downcast)
            array, alive = _lib.to_tcc(a)
            arrays.append(array)
            keep.append(alive)
        results = self._lib.call(self.name, arrays, self._num_outputs)
        del keep
        if self._num_outputs == 1:
            return results[0]
        return tuple(results)


class SharedVariable:
    """A shared variable of the model, with Theano's accessors."""

    def __init__(self, model, spec):
        self._model = model
        self._lib = model._lib
        self.name = spec["name"]
        self.dtype = spec["dtype"]
        self.broadcastable = tuple(spec["broadcastable"])
        self.ndim = len(self.broadcastable)
        self.__doc__ = _docs.shared_doc(spec)

    def __repr__(self):
        return f"<tcc shared variable {self.name}: {self.dtype}, ndim {self.ndim}>"

    def get_value(self, borrow=False, return_internal_type=False):
        """A copy of the current value (borrow is accepted for Theano
        compatibility; the value is always a fresh array)."""
        return self._lib.shared_get(self.name)

    def set_value(self, value, borrow=False):
        """Stores a copy of `value`, converted as Theano converts it."""
        a = convert(value, self.dtype, self._model.floatX,
                    f"{self.name}.set_value")
        self._lib.shared_set(self.name, a)


class Model:
    """A loaded model library: `m.train(x, y)`, `m.w.get_value()`.

    Functions and shared variables are attributes named as in the model
    (`m['name']` also works, and is the way to reach one whose name is also
    a method of Model). A library is loaded once per process, so two Model
    objects for the same file share their shared variables.
    """

    def __init__(self, path):
        self._lib = _lib.Library(path)
        self.path = self._lib.path
        self.manifest = json.loads(self._lib.manifest())
        self.name = self.manifest.get("model", "")
        self.floatX = self.manifest.get("floatX", "float64")
        self.functions = {f["name"]: Function(self, f)
                          for f in self.manifest["functions"]}
        self.shared = {s["name"]: SharedVariable(self, s)
                       for s in self.manifest["shared"]}
        self.__doc__ = _docs.model_doc(self.manifest)

    def __repr__(self):
        return f"<tcc model {self.name!r} from {self.path}>"

    def __getitem__(self, name):
        if name in self.functions:
            return self.functions[name]
        if name in self.shared:
            return self.shared[name]
        raise KeyError(name)

    def __getattr__(self, name):
        # Only called when normal lookup fails, so methods take precedence.
        if name.startswith("__") or name in ("functions", "shared"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"model {self.name!r} has no function or shared variable "
                f"named {name!r}") from None

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.functions)
                      | set(self.shared))

    def save(self, path):
        """Saves all shared variables to an .npz file (atomically)."""
        self._lib.save(path)

    def load_state(self, path):
        """Restores all shared variables from an .npz file; nothing changes
        if any array does not fit."""
        self._lib.load(path)

    def reset(self):
        """Restores every shared variable to its compiled-in value."""
        self._lib.shared_reset()

    def profile(self):
        """The profile of a model compiled with --profile, as a dict: per
        function its calls, time, peak memory and kernels by time (each
        with calls, time, bytes allocated and source lines). Asking for it
        stops the report the library would print at exit. Raises tcc.Error
        for a model compiled without --profile."""
        return json.loads(self._lib.profile_report(json_format=True))

    def profile_report(self):
        """The profile as Theano-style text, slowest kernels first."""
        return self._lib.profile_report(json_format=False)

    def profile_reset(self):
        """Zeroes the profile's counters."""
        self._lib.profile_reset()

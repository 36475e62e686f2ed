"""Converting Python values to a function's input types, as Theano does.

This follows theano.tensor.TensorType.filter(value, strict=False,
allow_downcast=None), which is what a compiled Theano function applies to
its inputs and what SharedVariable.set_value applies:

- a NumPy array is accepted if its dtype converts to the input's dtype
  without loss (numpy.can_cast(..., 'safe')), else TypeError;
- a Python float is accepted for a floatX input (Theano's one downcast);
- anything else (Python scalars, lists, NumPy scalars) is converted and
  accepted only if the converted value equals the original exactly, except
  that a complex value never converts to a real dtype (the C runtime decides
  by dtype alone, and complex -> real is a downcast there);
- with allow_downcast (theano.function's allow_input_downcast=True), any
  numeric value is converted, as numpy's astype converts it (complex to real
  keeps the real part).
"""
import warnings

import numpy as np


def convert(value, dtype, floatx, what, allow_downcast=None):
    """`value` as a NumPy array of `dtype`; `what` names it in errors.
    `allow_downcast` is a function input's allow_input_downcast (None for
    set_value, which has no such option)."""
    target = np.dtype(dtype)
    if allow_downcast:
        try:
            original = np.asarray(value)
        except Exception as e:
            raise TypeError(f"{what} must be {dtype}, got {_short(value)}: {e}")
        if original.dtype.kind not in "biufc":
            raise TypeError(f"{what} must be {dtype}, got {_short(value)}")
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return original.astype(target, copy=False)
    if isinstance(value, np.ndarray):
        if value.dtype == target:
            return value
        if np.can_cast(value.dtype, target, "safe"):
            return value.astype(target)
        raise TypeError(
            f"{what} must be {dtype}, got an array of {value.dtype}, which "
            f"cannot be converted to {dtype} without loss of precision"
            + _downcast_hint(allow_downcast))

    if type(value) is float and dtype == floatx:
        return np.asarray(value, dtype=target)

    try:
        original = np.asarray(value)
    except Exception as e:  # ragged lists and the like
        raise TypeError(f"{what} must be {dtype}, got {_short(value)}: {e}")
    if original.dtype.kind not in "biufc":
        raise TypeError(f"{what} must be {dtype}, got {_short(value)}")
    if original.dtype.kind == "c" and target.kind != "c":
        raise TypeError(
            f"{what} must be {dtype}, got {_short(value)}, which is complex "
            f"and cannot be converted to {dtype} without loss of precision"
            + _downcast_hint(allow_downcast))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        converted = original.astype(target)
        exact = np.array_equal(original, converted,
                               equal_nan=original.dtype.kind in "fc")
    if not exact:
        raise TypeError(
            f"{what} must be {dtype}, and {_short(value)} cannot be "
            f"converted to {dtype} exactly")
    return converted


def _downcast_hint(allow_downcast):
    """How to convert anyway, for a function input (not for set_value)."""
    if allow_downcast is None:
        return ""
    return (" (allow_input_downcast=True in theano.function converts it "
            "anyway)")


def _short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

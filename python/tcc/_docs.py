"""Docstrings and signatures of a model's functions, from its manifest.

help(m.train) and inspect.signature(m.train) describe the compiled function
the way the generated C header does: inputs and outputs with dtypes and
shapes (`?` a run-time size, `1` a broadcastable one), defaults, updates and
the line of the program that defined it.
"""
import inspect


class _Default:
    """Stands for an input's default value in signatures: `lr=...`."""

    def __repr__(self):
        return "..."


DEFAULT = _Default()


def shape_pattern(broadcastable):
    dims = ["1" if b else "?" for b in broadcastable]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _describe(spec):
    kind = "scalar" if not spec["broadcastable"] else "array, shape " + \
        shape_pattern(spec["broadcastable"])
    return f"{spec['name']} : {spec['dtype']} {kind}"


def function_signature(spec):
    """Positional-or-keyword parameters named as the inputs; defaults `...`."""
    return inspect.Signature([
        inspect.Parameter(
            i["name"] if i["name"].isidentifier() else f"input{n}",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=DEFAULT if i.get("default") is not None
            else inspect.Parameter.empty)
        for n, i in enumerate(spec["inputs"])])


def function_doc(spec, model, shared):
    inputs, outputs = spec["inputs"], spec["outputs"]
    head = (f"{spec['name']}({', '.join(i['name'] for i in inputs)}) -> "
            + (outputs[0]["name"] if len(outputs) == 1 else
               "(" + ", ".join(o["name"] for o in outputs) + ")"))
    where = f" ({spec['loc']})" if spec.get("loc") else ""
    lines = [head, "",
             f"Theano function {spec['name']!r} of model {model!r}{where}."]
    if inputs:
        lines += ["", "Parameters", "----------"]
        for i in inputs:
            lines.append(_describe(i) + (", optional (the function's default)"
                                         if i.get("default") is not None
                                         else ""))
    lines += ["", "Returns", "-------"]
    if not outputs:
        lines.append("() : the function has no outputs")
    elif len(outputs) > 1:
        lines.append(f"tuple of {len(outputs)} NumPy arrays:")
    lines += [_describe(o) for o in outputs]
    updated = [shared[k]["name"] for k in spec.get("updates", [])]
    if updated:
        lines += ["", "Updates " + ", ".join(updated) +
                  " after the call, only if it succeeds."]
    lines += ["", "Inputs are converted as Theano converts them; a failed call "
              "raises tcc.Error", "with the library's message."]
    return "\n".join(lines)


def shared_doc(spec):
    return (f"Shared variable {spec['name']!r}: {spec['dtype']}, compiled with "
            f"shape {tuple(spec['shape'])}.\n\nget_value() returns a copy; "
            "set_value(a) checks the dtype, rank and\nbroadcastable "
            "dimensions before storing a copy.")


def model_doc(manifest):
    lines = [f"Model {manifest.get('model', '')!r} compiled by tcc from "
             f"{manifest.get('source', '?')}.", "", "Functions:"]
    for f in manifest["functions"]:
        sig = function_signature(f)
        lines.append(f"    {f['name']}{sig}")
    if manifest["shared"]:
        lines += ["", "Shared variables:"]
        for s in manifest["shared"]:
            lines.append(f"    {s['name']} : {s['dtype']}, shape "
                         f"{tuple(s['shape'])}")
    lines += ["", "help(model.<function>) describes one function."]
    return "\n".join(lines)

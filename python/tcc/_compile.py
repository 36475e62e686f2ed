"""tcc.compile: a .th program to a loaded model, through the tcc compiler.

Libraries are cached (like Theano's compiledir) under $TCC_CACHE_DIR, else
$XDG_CACHE_HOME/tcc or ~/.cache/tcc, keyed by the program's text, the
options, the flags in effect (TCC_FLAGS, ~/.tccrc, TCC_OPTIONS) and the
compiler itself, so a second compile of an unchanged program only loads the
library.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ._model import Model


class CompileError(Exception):
    """tcc rejected the program; the message is its diagnostics
    (`file:line:col: error: ...` with the source line and a caret)."""

    def __init__(self, message, returncode=1):
        super().__init__(message)
        self.returncode = returncode


def find_tcc(tcc=None):
    """The tcc executable: `tcc`, $TCC, tcc on PATH, or the build tree's
    (build/bin/tcc beside this package's source checkout)."""
    candidates = [tcc, os.environ.get("TCC"), shutil.which("tcc"),
                  Path(__file__).resolve().parents[2] / "build" / "bin" / "tcc"]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.fspath(c)
    raise CompileError("cannot find the tcc compiler: pass tcc=PATH, set $TCC, "
                       "or put tcc on PATH")


def _cache_dir(cache_dir):
    if cache_dir:
        return Path(cache_dir)
    if os.environ.get("TCC_CACHE_DIR"):
        return Path(os.environ["TCC_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tcc"


def _options(floatX, optimizer, opt_level, device, flags):
    args = []
    if floatX is not None:
        args.append(f"--floatX={floatX}")
    if optimizer is not None:
        args.append(f"--optimizer={optimizer}")
    if opt_level is not None:
        args.append(f"-O{int(opt_level)}")
    if device is not None:
        args.append(f"--device={device}")
    return args + [str(f) for f in flags]


def compile(source, output=None, *, floatX=None, optimizer=None,
            opt_level=None, device=None, flags=(), tcc=None, cache_dir=None):
    """Compiles the .th program at `source` with tcc and loads it.

        m = tcc.compile("model.th", floatX="float32")
        m.train(X, y)

    floatX, optimizer ("fast_run", "fast_compile", "None"), opt_level (0-3)
    and device ("cpu") are tcc's options of the same names; `flags` adds
    any other tcc command-line options. TCC_FLAGS and ~/.tccrc apply as for
    the command line. The library goes to `output` when given, else to the
    cache (see the module's doc). Raises tcc.CompileError with tcc's
    diagnostics when the program is wrong.
    """
    source = Path(source)
    try:
        text = source.read_bytes()
    except OSError as e:
        raise CompileError(f"cannot read {source}: {e.strerror}") from None
    compiler = find_tcc(tcc)
    args = _options(floatX, optimizer, opt_level, device, flags)
    if output is None:
        output = _cached_path(compiler, source, text, args, cache_dir)
        if output.exists():
            return Model(output)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the destination and renamed: concurrent compiles of the
    # same program never load a half-written library.
    fd, tmp = tempfile.mkstemp(prefix=".tcc-", suffix=".so", dir=output.parent)
    os.close(fd)
    try:
        done = subprocess.run([compiler, os.fspath(source), *args, "-o", tmp],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise CompileError(done.stderr.rstrip() or
                               f"tcc exited with status {done.returncode}",
                               done.returncode)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Model(output)


def _cached_path(compiler, source, text, args, cache_dir):
    key = hashlib.sha256()
    stat = os.stat(compiler)
    for part in (text, os.fsencode(os.path.abspath(source)),
                 "\0".join(args).encode(), os.fsencode(compiler),
                 f"{stat.st_size}:{stat.st_mtime_ns}".encode(),
                 os.environ.get("TCC_OPTIONS", "").encode(),
                 _config(compiler, args)):
        key.update(part)
        key.update(b"\0")
    name = "".join(c if c.isalnum() else "_" for c in source.stem)
    return _cache_dir(cache_dir) / f"{name}-{key.hexdigest()[:16]}.so"


def _config(compiler, args):
    """The settings tcc will use (TCC_FLAGS, ~/.tccrc, the options)."""
    done = subprocess.run([compiler, "--print-config", *args],
                          capture_output=True)
    return done.stdout

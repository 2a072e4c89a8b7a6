"""Run report notebooks fast: a papermill engine that executes cells in a forked process.

Why: a Jupyter kernel per notebook re-imports pandas, matplotlib, seaborn and scipy
(about 4 s each on a 2-core machine) and each ``papermill``/``nbconvert`` process
re-imports itself (about 4 s more). :func:`run_jobs` imports all of that **once**, in the
parent process, then forks one child per notebook run (two at a time, one per core).
Each child is a fresh copy of a parent that has imported libraries and run no notebook
code, so every run is still clean and top to bottom; the child executes the cells with
papermill (parameters injected as usual) on the ``inprocess`` engine below, an IPython
shell inside the child instead of a kernel behind ZeroMQ.

The engine follows papermill's engine API (``papermill.engines.Engine``): it records
each cell's outputs in order (stdout/stderr streams, ``display()`` data, the value of a
last expression, and errors with their traceback), so papermill's own error handling
(``PapermillExecutionError`` naming the cell) works as with a kernel. JupyterLab
(``make lab``) and the nbval tests still use the real ``nec-analysis`` kernel, and
``tests/test_engine.py`` checks that both give the same outputs.

A figure left open at the end of a cell is an error: every chart must go through
``charts.show(fig, alt)`` so that it reaches the page with alt text.

Failures: :func:`execute` turns papermill's error into :class:`NotebookFailed` naming the
notebook, the cell (counted as the notebook's own code cells, not papermill's injected
parameters cell) and its source. The class lives here, in an importable module, so that a
child process can send it to the parent (an exception class defined in ``__main__`` cannot
be unpickled, and the IPython shell even replaces ``__main__``); :func:`run_jobs` also turns
any exception that still cannot be pickled into a :class:`JobFailed` carrying its text.
A notebook that runs longer than its ``timeout`` (seconds, whole notebook) fails the same way.
"""

from __future__ import annotations

import functools
import gc
import io
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ENGINE_NAME = "inprocess"
KERNEL = "nec-analysis"
#: Seconds a whole notebook may run before it fails (``--timeout`` / ``NOTEBOOK_TIMEOUT``).
DEFAULT_TIMEOUT = 600.0


class NotebookFailed(RuntimeError):
    """A notebook raised or timed out: the message names the notebook, the cell and its source."""


class JobFailed(RuntimeError):
    """A job's exception that could not be sent from its process: its type and text."""


class NotebookTimeout(Exception):
    """Raised inside a cell when the notebook's time is up."""

# Libraries the notebooks use, imported once in the parent before forking.
PRELOAD = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot",
    "IPython.core.interactiveshell", "IPython.display", "papermill", "nbformat", "jupytext",
    "nbconvert", "jinja2", "nec_analysis.analysis", "nec_analysis.charts", "nec_analysis.geography",
    "nec_analysis.charts.maps", "nec_analysis.notebook", "nec_analysis.site.build",
    # what each job would otherwise import for itself: the shell's magics, completer and history
    # (sqlite3), the SVG and PNG canvases, the CSV writer of the downloads, the candidates' records
    "IPython.core.magics", "IPython.core.completer", "IPython.core.completerlib", "IPython.core.oinspect",
    "IPython.core.application", "IPython.core.logger", "sqlite3", "bdb", "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg", "pandas.io.formats.csvs", "pandas.core.reshape.reshape",
)
#: Packages whose every module is imported with :data:`PRELOAD` (the notebooks import them lazily).
PRELOAD_PACKAGES = ("nec_analysis.analysis", "nec_analysis.words", "nec_analysis.charts")
#: Libraries only some notebooks import (lazily, where they use them): scipy, for the rank
#: correlation of nominations and votes and the co-nomination clusters, and seaborn, for the
#: co-nomination heatmap of a year with nominations by local party. One year's build leaves them
#: to the jobs that need them (which then import them while the other core runs other pages,
#: instead of every page waiting for the parent to import them); a build of several years
#: imports them once, in the parent.
PRELOAD_SHARED = ("scipy.stats", "scipy.cluster.hierarchy", "seaborn")


def _on_alarm(_signum, _frame):
    raise NotebookTimeout("the notebook ran past its time limit")


def _shell_class():
    """An InteractiveShell whose display, last-expression and traceback output go to a sink."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from nbformat.v4 import new_output
    from traitlets import Any as AnyTrait
    from traitlets import Type

    class Publisher(DisplayPublisher):
        sink = AnyTrait()

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            self.sink.append(new_output("display_data", data=data, metadata=metadata or {}))

        def clear_output(self, wait=False):
            self.sink.clear()

    class Hook(DisplayHook):
        sink = AnyTrait()

        def start_displayhook(self):
            self._data: dict[str, Any] = {}
            self._meta: dict[str, Any] = {}

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            self._data, self._meta = format_dict, md_dict or {}

        def finish_displayhook(self):
            self.sink.append(new_output("execute_result", data=self._data, metadata=self._meta,
                                        execution_count=self.shell.execution_count))

    class Shell(InteractiveShell):
        display_pub_class = Type(Publisher)
        displayhook_class = Type(Hook)

        def _showtraceback(self, etype, evalue, stb):
            self.sink.append(new_output("error", ename=getattr(etype, "__name__", str(etype)),
                                        evalue=str(evalue), traceback=list(stb)))

        def showsyntaxerror(self, filename=None, running_compiled_code=False):
            etype, value, _ = sys.exc_info()
            self.sink.append(new_output("error", ename=getattr(etype, "__name__", "SyntaxError"),
                                        evalue=str(value), traceback=[f"{etype.__name__}: {value}"]))

    return Shell


class _Outputs(list):
    """A cell's outputs; consecutive writes to one stream merge into one output."""

    def stream(self, name: str, text: str) -> None:
        from nbformat.v4 import new_output

        if self and self[-1].get("output_type") == "stream" and self[-1].get("name") == name:
            self[-1]["text"] += text
        else:
            self.append(new_output("stream", name=name, text=text))


class _Stream(io.TextIOBase):
    def __init__(self, outputs: _Outputs, name: str):
        self._outputs, self.name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self._outputs.stream(self.name, text)
        return len(text)


def _engine_class():
    from papermill.engines import Engine

    class InProcessEngine(Engine):
        """papermill engine: run each code cell in an IPython shell in this process."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, execution_timeout=None, **kwargs):
            import matplotlib.pyplot as plt

            deadline = time.monotonic() + execution_timeout if execution_timeout else None
            previous = signal.signal(signal.SIGALRM, _on_alarm) if deadline else None
            try:
                return cls._run_cells(nb_man, plt, deadline)
            finally:
                if deadline:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)

        @classmethod
        def _run_cells(cls, nb_man, plt, deadline: float | None):
            shell_cls = _shell_class()
            # no history database: a report needs none, and parallel jobs would share one file
            shell = shell_cls.instance(config=_no_history())
            shell.sink = sink = _Outputs()
            shell.display_pub.sink = sink
            shell.displayhook.sink = sink
            for index, cell in enumerate(nb_man.nb.cells):
                if cell.cell_type != "code":
                    continue
                nb_man.cell_start(cell, index)
                sink.clear()
                cell.execution_count = shell.execution_count
                saved = sys.stdout, sys.stderr
                sys.stdout, sys.stderr = _Stream(sink, "stdout"), _Stream(sink, "stderr")
                if deadline:  # the time left for the whole notebook
                    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001))
                try:
                    result = shell.run_cell(cell.source, store_history=True)
                finally:
                    if deadline:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                    sys.stdout, sys.stderr = saved
                failed = not result.success
                if not failed and plt.get_fignums():
                    plt.close("all")
                    sink.append(_error("UnshownFigureError",
                                       "a matplotlib figure was left open: show every chart with "
                                       "charts.show(fig, alt) so that it reaches the page with alt text"))
                    failed = True
                cell.outputs = list(sink)
                if failed:
                    nb_man.cell_exception(cell, cell_index=index)
                    nb_man.cell_complete(cell, cell_index=index)
                    return nb_man.nb  # papermill raises PapermillExecutionError for this cell
                nb_man.cell_complete(cell, cell_index=index)
            return nb_man.nb

    return InProcessEngine


def _no_history():
    from traitlets.config import Config

    return Config({"HistoryManager": {"enabled": False}})


def read_notebook(path: Path):
    """The notebook at ``path`` (jupytext), parsed once per version of the file in a process
    (the parent parses every notebook before forking); each call gets its own copy."""
    import copy

    path = Path(path)
    return copy.deepcopy(_read_notebook(path.resolve(), path.stat().st_mtime_ns))


@functools.cache
def _read_notebook(path: Path, _mtime_ns: int):
    import jupytext

    return jupytext.read(path)


def _error(ename: str, evalue: str):
    from nbformat.v4 import new_output

    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def register() -> str:
    """Register the ``inprocess`` engine with papermill; its name."""
    from papermill.engines import papermill_engines

    papermill_engines.register(ENGINE_NAME, _engine_class())
    return ENGINE_NAME


def preload(modules: Iterable[str] = PRELOAD, also: Iterable[str] = ()) -> None:
    """Import the notebooks' libraries now (in the parent), with the non-interactive backend,
    and make what every page job makes alike (nbconvert's exporter with its templates compiled,
    the Jinja2 page templates, the notebooks' titles) so that each forked child inherits it."""
    import importlib

    os.environ.setdefault("MPLBACKEND", "Agg")
    import pkgutil

    for name in (*modules, *also):
        importlib.import_module(name)
    for package in PRELOAD_PACKAGES:
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
            importlib.import_module(info.name)
    register()
    from . import pages, render

    render.warm()
    _warm_fonts()
    for nb in pages.notebook_paths():
        pages.notebook_title(nb)
        read_notebook(nb)


def _warm_fonts() -> None:
    """Draw a throwaway figure with text to SVG and PNG (default settings, restored after), so
    that the fonts are found and loaded once here rather than in every job's first chart."""
    import matplotlib.pyplot as plt

    with plt.rc_context():
        fig, ax = plt.subplots(figsize=(2, 1))
        try:
            ax.set_title("Warm 1,234")
            for fmt in ("svg", "png"):
                fig.savefig(io.BytesIO(), format=fmt)
        finally:
            plt.close(fig)


def _call(job: tuple[int, tuple[Callable[..., Any], tuple, dict]]) -> tuple[int, bool, Any, float]:
    """(index, ok, result or exception, seconds the job took)."""
    index, (func, args, kwargs) = job
    start = time.monotonic()
    try:
        return index, True, func(*args, **kwargs), time.monotonic() - start
    except Exception as err:  # reported by the parent, with the job that raised it
        return index, False, sendable(err), time.monotonic() - start


def sendable(err: BaseException) -> BaseException:
    """``err`` if it survives pickling (to reach the parent process), else a :class:`JobFailed`."""
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:
        name = type(err).__name__
        return JobFailed(str(err) if isinstance(err, NotebookFailed) or name == "NotebookFailed"
                         else f"{name}: {err}")


def _tmp_for(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".tmp-{dest.stem}-", suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    return Path(name)


def execute(notebook: Path, out_ipynb: Path, parameters: dict[str, object], *, cwd: Path | None = None,
            engine: str | None = ENGINE_NAME, timeout: float | None = DEFAULT_TIMEOUT,
            label: str = "") -> Path:
    """Run ``notebook`` (jupytext .py) with papermill and ``parameters``; the executed .ipynb.

    ``engine``: papermill's engine name; ``None`` runs a Jupyter kernel (``nec-analysis``; its
    ``timeout`` is then per cell), ``"inprocess"`` runs the cells in this process with
    ``timeout`` seconds for the whole notebook. A failure raises :class:`NotebookFailed`
    naming the notebook (and ``label``, e.g. the year), the cell and its source, and leaves
    no ``out_ipynb``.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    if engine == ENGINE_NAME:
        register()
    notebook = Path(notebook)
    nb = read_notebook(notebook)
    tmp = _tmp_for(Path(out_ipynb))
    what = f"{notebook.name}{f' ({label})' if label else ''}"
    try:
        # request_save_on_cell_execute=False: written once at the end, not after every cell
        pm.execute_notebook(nb, str(tmp), parameters=parameters, kernel_name=KERNEL, progress_bar=False,
                            cwd=str(cwd) if cwd else None, log_output=False, engine_name=engine,
                            execution_timeout=timeout or None, request_save_on_cell_execute=False)
    except PapermillExecutionError as err:
        tmp.unlink(missing_ok=True)
        raise NotebookFailed(failure_message(what, nb, err.cell_index, err.ename, err.evalue, err.source)) from None
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if type(err).__name__ in ("TimeoutError", "CellTimeoutError"):  # the kernel engine's timeout
            raise NotebookFailed(f"{what}: a cell ran past the {timeout:g} s time limit: {err}") from None
        raise
    os.replace(tmp, out_ipynb)
    return Path(out_ipynb)


def failure_message(what: str, nb, cell_index: int, ename: str, evalue: str, source: str) -> str:
    """'20-compare-slates.py (year 2014) failed in code cell 3 of 7: KeyError: ... + the source'.

    ``cell_index`` is papermill's, which counts its injected parameters cell; the message
    counts the notebook's own code cells, as a reader of the .py file sees them.
    """
    code = [c for c in nb.cells if c.cell_type == "code"]
    stripped = str(source).strip()
    number = next((i + 1 for i, c in enumerate(code) if c.source.strip() == stripped), None)
    where = f"code cell {number} of {len(code)}" if number else f"cell {cell_index}"
    if ename == "NotebookTimeout":
        ename, evalue = "NotebookTimeout", f"{evalue} (stopped in this cell)"
    lines = str(source).splitlines()
    src = "\n".join("      " + ln for ln in lines[:12]) + ("\n      ..." if len(lines) > 12 else "")
    return f"{what} failed in {where}: {ename}: {evalue}\n    cell source:\n{src}"


class Started:
    """A job running in a child forked by :func:`start`; :meth:`result` waits for its end."""

    def __init__(self, process: Any, conn: Any):
        self._process, self._conn = process, conn

    def result(self) -> tuple[bool, Any]:
        """``(ok, result or exception)``, as :func:`run_jobs` gives it."""
        try:
            _, ok, value = self._conn.recv()
        except EOFError:
            ok, value = False, None
        self._conn.close()
        self._process.join()
        if value is None and not ok:
            value = JobFailed(f"the process ended without a result (exit code {self._process.exitcode})")
        return ok, value


def _send(conn: Any, job: tuple[Callable[..., Any], tuple, dict]) -> None:
    index, ok, value, _ = _call((0, job))
    try:
        conn.send((index, ok, value))
    except Exception as err:  # a result that cannot be pickled
        conn.send((index, False, sendable(err)))
    conn.close()


def start(job: tuple[Callable[..., Any], tuple, dict]) -> Started:
    """Fork a child now to run ``(func, args, kwargs)``; the caller carries on meanwhile.

    The site build starts the cross-year pages this way before it imports the notebook
    machinery (papermill, nbconvert, IPython), so that the two run on both cores at once.
    """
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_send, args=(send, job))
    process.start()
    send.close()
    return Started(process, receive)


def run_jobs(jobs: list[tuple[Callable[..., Any], tuple, dict]], workers: int | None = None,
             on_result: Callable[[int, bool, Any], None] | None = None,
             also_preload: Iterable[str] = (), expected: list[float] | None = None,
             seconds: list[float] | None = None) -> list[tuple[bool, Any]]:
    """Run each ``(func, args, kwargs)`` in its own forked child, ``workers`` at a time.

    Returns ``(ok, result or exception)`` per job, in order; ``on_result(index, ok, value)``
    is called as each job ends (for progress). Each child runs one job and exits
    (``maxtasksperchild=1``), so no state passes from one notebook run to the next, and
    none reaches the calling process. ``also_preload``: modules to import before forking
    beside :data:`PRELOAD` (e.g. :data:`PRELOAD_SHARED` when many jobs import them).
    ``expected``: the seconds each job is expected to take; the longest start first, so that
    no long job is left to run alone at the end (jobs expected alike keep their order).
    ``seconds``: a list the seconds each job took are written to, in order.
    """
    if not jobs:
        return []
    preload(also=also_preload)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[tuple[bool, Any]] = [(False, None)] * len(jobs)
    order = sorted(range(len(jobs)), key=lambda i: -(expected[i] if expected else 0.0))
    if seconds is not None:
        seconds[:] = [0.0] * len(jobs)
    ctx = multiprocessing.get_context("fork")
    # What the parent made is never collected in a child (gc.freeze): a child's full collection would
    # otherwise walk, and so copy, every object the parent imported (0.3 s in a job importing scipy).
    gc.freeze()
    try:
        with ctx.Pool(workers, maxtasksperchild=1) as pool:
            for index, ok, value, took in pool.imap_unordered(_call, [(i, jobs[i]) for i in order], chunksize=1):
                results[index] = (ok, value)
                if seconds is not None:
                    seconds[index] = took
                if on_result:
                    on_result(index, ok, value)
    finally:
        gc.unfreeze()
    return results

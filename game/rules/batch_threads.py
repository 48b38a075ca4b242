"""Running a batch kernel over several threads: the calling thread and helper threads that wait on
a plain queue, each taking blocks of games from a shared counter. Machinery beside game.rules.step."""

from __future__ import annotations

import os
import threading
from queue import SimpleQueue

import numpy as np

from game.rules.jit import direct
from game.rules.kernel_tables import KernelInfo, kernel_tables
from game.rules.step_memory import work
from game.rules.tables import Rules


def set_threads(n: int) -> None:
    """Use up to n threads for large batches (default: one per core). Results do not depend on it."""
    global _THREADS
    _THREADS = max(1, int(n))


_THREADS = os.cpu_count() or 1
_GAMES_PER_THREAD = 192    # a second thread from 384 games on: below that its hand-over costs about what it saves


def run_split(kernel_fn, rules: Rules, b: int, args: tuple, info: KernelInfo) -> None:
    """Run a batch kernel, kernel_fn(tables, *args, info, scratch, queue, worker), over b games on up
    to _THREADS threads (one per _GAMES_PER_THREAD games): the calling thread and helpers.

    The kernels release the GIL and share out the batch a block of BLOCK games
    at a time (an atomic counter: a thread that starts late or runs slow simply
    takes fewer blocks); each game touches only its own rows of the state and
    its worker's rows of the scratch arrays, so which thread plays which block
    changes nothing in the results. An exception in any thread is raised here,
    once every thread has stopped touching the arrays.
    """
    t = kernel_tables(rules)
    workers = max(1, min(_THREADS, b // _GAMES_PER_THREAD))
    w = work(rules, workers)
    queue = np.zeros(1, np.int64)           # the next block to take
    run = rules._kernel.get(kernel_fn)      # kernel_fn for these argument types: the callers build them
    if run is None:                         # with the same dtypes, dimensions and layout every time
        run = rules._kernel[kernel_fn] = direct(kernel_fn, (t, *args, info, w, queue, 0))
    if workers == 1:
        run(t, *args, info, w, queue, 0)
        return
    jobs = _helpers(workers - 1)
    done = SimpleQueue()                    # one report per helper job: None, or the exception it raised
    for k in range(1, workers):
        jobs.put((run, (t, *args, info, w, queue, k), done))
    failed = None
    try:
        run(t, *args, info, w, queue, 0)
    finally:
        for _ in range(1, workers):
            failed = done.get() or failed
    if failed is not None:
        raise failed


_HELPERS = {"pid": None, "jobs": None, "count": 0}      # this process's helper threads and their job queue
_HELPERS_LOCK = threading.Lock()


def _helpers(n: int) -> SimpleQueue:
    """The job queue of the helper threads, at least n of them waiting on it: started on first use
    (and again in a forked child, which inherits the queue but not the threads). A job is
    (fn, args, done): the helper runs fn(*args), then puts None or the exception into done.
    Plain C queues: the hand-over costs a few microseconds of Python, not a thread pool's futures."""
    with _HELPERS_LOCK:
        if _HELPERS["pid"] != os.getpid():
            _HELPERS.update(pid=os.getpid(), jobs=SimpleQueue(), count=0)
        while _HELPERS["count"] < n:
            _HELPERS["count"] += 1
            threading.Thread(target=_helper, args=(_HELPERS["jobs"],), daemon=True,
                             name=f"rules-{_HELPERS['count']}").start()
        return _HELPERS["jobs"]


def _helper(jobs: SimpleQueue) -> None:
    while True:
        fn, args, done = jobs.get()
        try:
            fn(*args)
        except BaseException as exc:        # reported to the caller, who raises it
            done.put(exc)
        else:
            done.put(None)
        del fn, args, done                  # the arrays are freed when the caller lets go of them

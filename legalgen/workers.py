"""Forked worker processes that leave Ctrl-C to the command and never outlive it.

Loading records (:mod:`legalgen.records.corpus`) and rendering documents (:mod:`legalgen.build`) fork
workers. The terminal sends Ctrl-C to the whole process group, so a worker must ignore it and let the
command decide (exit 130, earlier outputs left as they were); a worker must also die with the command,
even when the command is killed.

A forked child starts with its parent's signal handlers — Python's, which raise ``KeyboardInterrupt`` —
until it sets its own. A Ctrl-C in that window used to end a worker with a traceback on standard error
instead of the one line "interrupted". So the parent forks with Ctrl-C and SIGTERM held
(:func:`interrupts_held`); the worker starts by :func:`become_worker`, which sets its dispositions before
it takes signals again — a Ctrl-C held across the fork is then dropped in the worker and delivered to the
parent when its hold ends.

    >>> import signal
    >>> with interrupts_held():
    ...     signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    True
    >>> signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    False
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

#: The signals a command decides on and a worker must not act on before it is ready.
INTERRUPTS = (signal.SIGINT, signal.SIGTERM)

_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM in this thread while the body runs (fork workers inside it); a signal that
    arrives meanwhile is delivered when the body ends."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def become_worker(parent: int) -> None:
    """The first thing a forked worker does: ignore Ctrl-C (the parent decides), die of SIGTERM, die with
    its ``parent`` even if that is killed (Linux ``PR_SET_PDEATHSIG``), then take signals again."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes  # only in a worker: every command imports this module, few fork

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)

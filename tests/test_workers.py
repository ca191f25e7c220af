"""Forked workers and Ctrl-C: a Ctrl-C that arrives while a worker is being forked is the command's to
handle, never a traceback from the worker (the race behind a rare failure of the interrupted-build test)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from legalgen.workers import become_worker, interrupts_held


@pytest.fixture(autouse=True)
def python_handles_ctrl_c() -> Iterator[None]:
    """Python's own Ctrl-C handler (KeyboardInterrupt), as in a command started from a terminal: a test
    run started in the background (``make test &``, some CI runners) inherits Ctrl-C ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _fork_and_interrupt_before_the_worker_is_ready(hold: bool) -> int:
    """Fork a worker that is sent Ctrl-C before it has set its own handlers; its exit status."""
    parent = os.getpid()
    hold_or_not = interrupts_held() if hold else _nothing()
    with hold_or_not:
        pid = os.fork()
        if pid == 0:  # the worker, still with the parent's handlers
            try:
                os.kill(os.getpid(), signal.SIGINT)  # the terminal's Ctrl-C reaches the whole group
                become_worker(parent)
            except KeyboardInterrupt:
                os._exit(13)
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_ctrl_c_during_the_fork_is_dropped_by_the_worker() -> None:
    assert _fork_and_interrupt_before_the_worker_is_ready(hold=True) == 0
    # without the hold, the worker dies of the parent's KeyboardInterrupt: what the hold prevents
    assert _fork_and_interrupt_before_the_worker_is_ready(hold=False) == 13


def test_a_ctrl_c_held_while_forking_reaches_the_parent_when_the_hold_ends() -> None:
    reached = []
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        reached.append("after the kill, inside the hold")
    assert reached == ["after the kill, inside the hold"]


def test_a_worker_still_dies_of_sigterm() -> None:
    parent = os.getpid()
    with interrupts_held():
        pid = os.fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGTERM)  # held until the worker takes signals again
            become_worker(parent)
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == -signal.SIGTERM

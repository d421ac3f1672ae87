"""Steps: deferred to the loop only inside an IPython kernel."""

from __future__ import annotations

import asyncio
import sys
import threading
import types

from cnnslicer_widgets.widgets._idle import Steps


def _run():
    async def main():
        done: list[str] = []
        steps = Steps()
        steps.add("a", lambda: done.append("a"))
        steps.add("b", lambda: done.append("b"))
        at_once = list(done)
        await asyncio.sleep(0.3)
        return at_once, done, steps.deferred

    out: list = []  # a thread of its own: a loop may already run in this one (playwright's)
    thread = threading.Thread(target=lambda: out.append(asyncio.run(main())))
    thread.start()
    thread.join(30)
    return out[0]


def test_steps_run_at_once_under_a_loop_that_is_no_kernel(monkeypatch):
    """Another library's running loop (playwright's sync API keeps one) is no kernel:
    the results are there when the call returns."""
    monkeypatch.delitem(sys.modules, "ipykernel.kernelapp", raising=False)
    at_once, done, deferred = _run()
    assert at_once == ["a", "b"] and done == ["a", "b"] and not deferred


def test_steps_wait_for_the_kernels_loop(monkeypatch):
    app = types.SimpleNamespace(initialized=lambda: True)
    monkeypatch.setitem(sys.modules, "ipykernel.kernelapp", types.SimpleNamespace(IPKernelApp=app))
    at_once, done, deferred = _run()
    assert deferred and at_once == [] and done == ["a", "b"]


def test_an_urgent_step_goes_before_other_queues(monkeypatch):
    """The layer view's refining of the matrix on screen runs before the other views' work."""
    app = types.SimpleNamespace(initialized=lambda: True)
    monkeypatch.setitem(sys.modules, "ipykernel.kernelapp", types.SimpleNamespace(IPKernelApp=app))

    async def main():
        done: list[str] = []
        other, front = Steps(), Steps()
        for k in "abc":
            other.add(k, lambda k=k: done.append(k))
        front.add("r1", lambda: (done.append("r1"), front.add("r2", lambda: done.append("r2"), urgent=True)),
                  urgent=True)  # fmt: skip
        await asyncio.sleep(0.5)
        return done

    out: list = []
    thread = threading.Thread(target=lambda: out.append(asyncio.run(main())))
    thread.start()
    thread.join(30)
    assert out[0][:2] == ["r1", "r2"] and sorted(out[0][2:]) == ["a", "b", "c"], out

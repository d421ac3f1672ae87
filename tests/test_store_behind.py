"""WriteBehind: calls run in order on one thread, at most ``limit`` bytes wait, the first
error stops the queue and is raised (the same object) by the next call."""

from __future__ import annotations

import threading

import pytest

from cnnslicer_widgets.store import StoreWriteError
from cnnslicer_widgets.store.behind import WriteBehind


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "cnnslicer-write-behind"]


def test_calls_run_in_order_on_one_thread_that_ends_when_idle():
    q = WriteBehind(limit=1 << 20)
    seen: list[tuple[int, str]] = []
    for i in range(200):
        q.submit(lambda i=i: seen.append((i, threading.current_thread().name)), nbytes=10)
    q.wait()
    assert [i for i, _ in seen] == list(range(200))
    assert {name for _, name in seen} == {"cnnslicer-write-behind"}
    assert q.pending == 0
    q.close()
    assert _threads() == []  # no thread left behind: an interpreter may exit


def test_limit_zero_runs_in_the_callers_thread():
    q = WriteBehind(limit=0)
    seen: list[str] = []
    q.submit(lambda: seen.append(threading.current_thread().name), nbytes=1 << 30)
    assert seen == [threading.current_thread().name]


def test_backpressure_keeps_the_queue_under_its_limit():
    q = WriteBehind(limit=100)
    gate, most = threading.Event(), []

    def job():
        gate.wait()
        most.append(q.pending)

    q.submit(job, nbytes=60)
    q.submit(job, nbytes=40)  # 100 queued: at the limit, accepted
    waiter = threading.Thread(target=lambda: q.submit(job, nbytes=50))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and q.pending == 100  # the third waits for room
    gate.set()
    waiter.join(10)
    q.wait()
    assert not waiter.is_alive() and max(most) <= 100 and q.pending == 0
    big = WriteBehind(limit=10)
    big.submit(job, nbytes=500)  # larger than the limit: waits for an empty queue only
    big.wait()


def test_the_first_error_stops_the_queue_and_is_raised_by_the_next_call():
    q = WriteBehind(limit=1 << 20)
    err = StoreWriteError("writing epoch 1 failed", errno=5, strerror="Input/output error")
    gate, ran = threading.Event(), []

    def fail():
        gate.wait()
        raise err

    q.submit(fail)
    q.submit(ran.append, "after")  # queued behind the failure: never runs
    gate.set()
    with pytest.raises(StoreWriteError) as got:
        q.wait()
    assert got.value is err and ran == [] and q.failed
    with pytest.raises(StoreWriteError):
        q.submit(ran.append, "later")
    assert ran == []
    q.close()  # raised before: close does not raise it again
    q.close(quiet=True)


def test_close_raises_an_error_nobody_saw_unless_quiet():
    q = WriteBehind(limit=1 << 20)
    q.submit(int, "not a number")
    with pytest.raises(ValueError, match="invalid literal"):
        q.close()
    quiet = WriteBehind(limit=1 << 20)
    quiet.submit(int, "not a number")
    quiet.close(quiet=True)
    assert quiet.failed and _threads() == []

"""Settings as a value: the keyword form and ``settings=`` mean the same; ``workers=1``
never starts a pool; a cancel check stops a run between parts."""

from __future__ import annotations

import dataclasses
import pickle
import threading

import pytest
from test_engine_rules import scenario
from worlds import admin_unit, world

import asn_scheduler.engine.parallel as parallel
from asn_scheduler.engine import Cancelled, Settings, solve
from asn_scheduler.engine.settings import DEFAULT, given


def agency(units: int = 3, size: int = 5):
    made = [admin_unit(chr(ord("A") + i), size, start=i * 100) for i in range(units)]
    return world([s for _, staff in made for s in staff], [u for u, _ in made])


def test_given_replaces_only_the_options_given():
    base = Settings(time_limit=30, use_q0_bound=False)
    got = given(base, time_limit=None, seed=4, workers=None)
    assert got == dataclasses.replace(base, seed=4)
    assert given(None) is DEFAULT
    assert pickle.loads(pickle.dumps(got)) == got  # travels to part processes


@pytest.mark.parametrize("bad", [{"time_limit": 0}, {"effort": -1.0}, {"workers": 0}])
def test_settings_refuse_values_that_mean_nothing(bad):
    with pytest.raises(ValueError):
        Settings(**bad)


def test_keywords_and_settings_give_the_same_roster():
    p = agency()
    by_keywords = solve(p, scenario(), time_limit=10, seed=2, workers=1)
    by_value = solve(p, scenario(), settings=Settings(time_limit=10, seed=2, workers=1))
    assert by_keywords.roster == by_value.roster
    assert by_keywords.seed == by_value.seed == 2


def test_one_worker_runs_in_this_process_even_for_big_jobs(monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    r = solve(agency(), scenario(), settings=Settings(time_limit=10, workers=1,
                                                      pool_min_cells=0))
    assert r.status.has_roster and len(r.parts) == 3


def test_a_set_event_cancels_before_any_part():
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        solve(agency(), scenario(), settings=Settings(time_limit=10, workers=1), cancel=stop)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cancel_callable_is_asked_between_parts(workers):
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first part runs, then the run stops

    events = []
    cfg = Settings(time_limit=10, workers=workers, pool_min_cells=0)
    with pytest.raises(Cancelled):
        solve(agency(), scenario(), settings=cfg, cancel=cancel, progress=events.append)
    assert not any(e.stage == "check" for e in events)  # no roster was assembled

"""The compiled core's plumbing: its dice are the numpy dice, and its cache follows its sources."""

from __future__ import annotations

import os

import numpy as np

from game.rules import rng
from game.rules.jit import cache_dir


def test_the_compiled_draws_are_the_numpy_draws():
    """Policies draw with numpy (rng.uniforms_at), the kernels one number at a time: the same hash, bit for bit."""
    keys = rng.game_keys(5, 40)
    turns = (np.arange(40) % 41).astype(np.int16)
    cols = np.arange(9)
    for stream in (1, 2, 7):
        bits = rng.random_bits(keys, turns, stream, cols)
        units = rng.uniforms_at(keys, turns, stream, cols)
        for g in range(40):
            row = rng.row_seed(keys[g], turns[g], stream)
            for c in cols:
                assert rng.bits_at(row, c) == bits[g, c]
                assert rng.unit_of(rng.bits_at(row, c)) == units[g, c]
                hi, lo = rng.pair_of(bits[g, c])
                assert hi == np.float32(bits[g, c] >> 16) / 65536 and lo == np.float32(bits[g, c] & 0xFFFF) / 65536


def test_normals_agree_to_float32_rounding():
    u = np.linspace(0, 1, 1001, dtype=np.float32)
    vectorised = rng.normals_from(u)
    one_by_one = np.array([rng.normal_of(x) for x in u], np.float32)
    np.testing.assert_allclose(one_by_one, vectorised, rtol=1e-6, atol=1e-6)


def test_the_kernel_cache_is_keyed_by_the_rules_sources(tmp_path, monkeypatch):
    """numba checks only an entry point's own file; a change in any rules file must mean a fresh cache."""
    monkeypatch.setenv("SPACERACE_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "rules"
    src.mkdir()
    (src / "a.py").write_text("x = 1\n")
    (src / "b.py").write_text("y = 2\n")
    first = cache_dir(src)
    assert first.parent == tmp_path / "cache" / "kernels"
    assert cache_dir(src) == first
    (src / "b.py").write_text("y = 3\n")
    assert cache_dir(src) != first


def test_the_compiled_step_refuses_shapes_it_was_not_made_for():
    """The kernels do not check indices, so step checks shapes first: a clear error, never a crash."""
    import pytest

    from game.rules import Orders, init, step
    from game.scenario import load

    historical, n1 = load("historical").rules, load("soviet_n1_works").rules
    state = init(historical, rng.game_keys(1, 3))
    if n1.n_events != historical.n_events:
        with pytest.raises(ValueError, match="state.ev_last"):
            step(n1, state, Orders.empty(n1, 3))
    with pytest.raises(ValueError, match="orders.funding"):
        step(historical, state, Orders.empty(historical, 2))
    with pytest.raises(ValueError, match="orders.launch"):
        step(historical, state, Orders.empty(historical, 3).replace(launch=np.full((3, 2, 1), -1, np.int16)))
    after, _ = step(historical, state, Orders.empty(historical, 3))
    assert (after.turn == 1).all()
    # a state in these rules' block layout (made by step) skips the checks; another scenario's is checked
    if n1.n_events != historical.n_events:
        with pytest.raises(ValueError, match="state.ev_last"):
            step(n1, after, Orders.empty(n1, 3))
    with pytest.raises(ValueError, match="orders.funding"):
        step(historical, after, Orders.empty(historical, 2))
    again, _ = step(historical, after, Orders.empty(historical, 3))
    assert (again.turn == 2).all()


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_folder(tmp_path):
    from game.rules.jit import _writable

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = _writable(blocker / "kernels" / "abc123")
    assert folder.name == "abc123" and folder.is_dir() and not str(folder).startswith(str(blocker))
    assert _writable(tmp_path / "ok") == tmp_path / "ok"


def test_compiling_in_another_process_loads_or_reports_why_not(tmp_path):
    """A window's first start compiles in a separate process (game/commands/play.py); its failure reaches
    the window as a message."""
    import pytest

    from game.commands.common import compile_core_apart

    compile_core_apart("historical")   # compiled by this session's warm-up: the other process only loads
    with pytest.raises(RuntimeError, match="could not compile the rules engine: .*no-such-scenario"):
        compile_core_apart(str(tmp_path / "no-such-scenario"))


def test_a_failure_in_a_helper_thread_is_raised_to_the_caller_after_every_thread_stopped():
    """run_split hands part of a large batch to helper threads: an exception there reaches the caller,
    only once the calling thread's own part is done, and the helpers keep serving later steps."""
    import importlib
    import threading

    import pytest

    from game.rules import Orders, init, set_threads, step
    from game.scenario import load

    split = importlib.import_module("game.rules.batch_threads")
    from game.rules.step_memory import new_info
    rules = load("historical").rules
    finished = []

    def kernel(t, info, w, queue, worker):
        if worker == 1:
            raise RuntimeError(f"helper {threading.current_thread().name} failed")
        finished.append(worker)

    set_threads(2)
    try:
        with pytest.raises(RuntimeError, match="helper rules-"):
            split.run_split(kernel, rules, 2 * split._GAMES_PER_THREAD, (), new_info(2))
        assert finished == [0]
        state = init(rules, rng.game_keys(3, 2 * split._GAMES_PER_THREAD))
        after, _ = step(rules, state, Orders.empty(rules, state.batch))
        assert (after.turn == 1).all()
    finally:
        set_threads(os.cpu_count() or 1)

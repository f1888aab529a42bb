"""core/workers.py: the forked map tells a progress bar of the items done, as they are."""

from __future__ import annotations

from showcase.core.workers import can_fork, map_on_cores


def _square(n: int) -> int:
    return n * n


def test_map_on_cores_keeps_the_order_and_counts_every_item_once():
    for jobs, minimum in ((1, None), (2, 2)):  # here, then in forked workers where this process may fork
        ticks: list[int] = []
        items = list(range(50))
        assert map_on_cores(_square, items, jobs, minimum=minimum, tick=ticks.append) == [n * n for n in items]
        assert sum(ticks) == len(items) and all(t > 0 for t in ticks)
        if jobs == 2 and can_fork():
            assert len(ticks) < len(items)  # a tick per chunk from the workers

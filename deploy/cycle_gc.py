"""Keeping Python's cycle collector off the large, acyclic heaps of builds and deploys.

A 10,000-page site's manifest is about a million small strings, tuples and entries, none of
them cyclic; its plan and state are hundreds of thousands more. Each full collection traverses
every one of them (0.4 s for a worker's heap), and the allocations of a build or a deploy
trigger several: time spent for no garbage. So a build freezes what lives through it
(``freezing``, ``lasting``): collections then traverse only what rendering makes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection at all meanwhile (for work that makes no cyclic garbage worth freeing
    early); what it leaves is collected afterwards, as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def freezing() -> Iterator[None]:
    """Everything alive on entry, and what ``lasting`` blocks inside make, is frozen: left out
    of collections until the end of the block."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def lasting() -> Iterator[None]:
    """The block makes objects that live on (a manifest read, a plan): no collection while
    it runs, and they are frozen when it ends, before a collection would traverse them all
    only to find them alive. Use inside ``freezing``."""
    with paused():
        yield
        gc.freeze()

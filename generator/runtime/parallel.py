"""Run an expensive per-text function once per distinct input: from the cache, else on a process pool.

``map_cached(func, texts, key)`` is what a stage calls. The surrounding build chooses, with
``runtime(...)``, where the cache lives, how many processes to use and whether to show a progress
bar; outside a build the defaults are an in-memory cache, one process and no bar, so the pure stages
stay pure in tests. The pool's results are the serial results: the same function on the same
inputs, returned in input order, and every value goes through the same JSON round trip as a cached
one, so a hit, a serial miss and a parallel miss are indistinguishable.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from generator.runtime.cache import Cache, encode, entry_key

T = TypeVar("T")

# Imported once by the pool's server process, so that its workers start ready (the stages' modules
# and the models they read, generator/runtime/warm.py).
PRELOAD = ("generator.runtime.warm",)
# Texts looked up, computed and stored at once: bounds the memory of values in flight.
CHUNK = 5000
# Below this many texts to compute, starting worker processes costs more than it saves.
MIN_PARALLEL = 64


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Runtime:
    cache: Cache = field(default_factory=lambda: Cache(None))
    jobs: int = 1
    progress: bool = False
    # label (the function's name) -> [values reused from the cache, values computed]
    counts: dict[str, list[int]] = field(default_factory=dict)
    # One pool for the whole build, started when first needed: every stage's workers are the same.
    _pool: ProcessPoolExecutor | None = None
    # What one stage's workers found on the way and a later stage's workers may reuse (``imap_cached``'s
    # ``extra`` and ``side``, ``map_cached``'s ``before``): label -> text -> value; never cached.
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _context() -> Any:
    """Workers come from a fresh server process, not forked from this one: a fork would start each
    worker as a copy of a parent holding the whole catalogue (and count it in its memory); these
    start with only the stages' modules and models loaded (``PRELOAD``)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD))
        return context
    return multiprocessing.get_context()  # Windows: spawn, the only method there


def prestart(jobs: int | None, texts: int) -> None:
    """Start the pool's server process now, when a build of about ``texts`` abstracts on ``jobs``
    processes will use a pool: it imports the stages and loads their models on another core while
    this process imports the rest, and the workers fork from it ready when the first stage needs them."""
    if (jobs if jobs and jobs > 0 else default_jobs()) <= 1 or texts < MIN_PARALLEL:
        return
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


_current: ContextVar[Runtime | None] = ContextVar("generator_runtime", default=None)


def current() -> Runtime:
    found = _current.get()
    if found is None:
        found = Runtime()
        _current.set(found)
    return found


@contextmanager
def runtime(
    cache_dir: Path | None = None, *, jobs: int | None = None, progress: bool = False
) -> Iterator[Runtime]:
    """Settings for every ``map_cached`` call inside the block."""
    state = Runtime(Cache(cache_dir), jobs if jobs and jobs > 0 else default_jobs(), progress)
    token = _current.set(state)
    try:
        yield state
    finally:
        state.close()
        _current.reset(token)


def map_cached(
    func: Callable[[str], Any],
    texts: Sequence[str],
    key: str,
    *,
    before: Callable[[Any], None] | None = None,
    hints: Sequence[Any] | None = None,
) -> list[Any]:
    """``[func(t) for t in texts]``, reading and filling the cache; ``key`` fingerprints ``func``.

    ``func`` must be a module-level function (it is sent to worker processes) returning JSON-able data.
    With ``before`` (module-level too) and ``hints`` (one per text), the process that computes a
    text's value first calls ``before(hint)``: a hint may only prime a memo of that process (what
    another stage's worker already worked out), never change a value; it is not part of the key.
    """
    return list(imap_cached(func, texts, key, before=before, hints=hints))


def imap_cached(
    func: Callable[[str], Any],
    texts: Sequence[str],
    key: str,
    computed: Callable[[list[str], list[Any]], None] | None = None,
    *,
    extra: Callable[[str], Any] | None = None,
    before: Callable[[Any], None] | None = None,
    hints: Sequence[Any] | None = None,
) -> Iterator[Any]:
    """``map_cached``, one value at a time: ``CHUNK`` texts are looked up, computed and stored at
    once, so a caller that keeps a compact form of each value never holds every value at once.
    ``computed(texts, values)`` is told of the values computed (not read from the cache), as a hit
    would give them, once each chunk's are stored. With ``extra`` (module-level), the process that
    computes a text's value also computes ``extra(text)`` right after it (with what ``func`` left in
    that process's memos), and the value is noted, not cached, at ``notes[extra.__name__][text]`` of
    the build's runtime, for a later stage's ``hints``."""
    if extra is not None and before is not None:
        raise ValueError("a stage either notes extras or is primed by hints, not both")
    state = current()
    label = getattr(func, "__name__", "items")
    counts = state.counts.setdefault(label, [0, 0])
    bar = tqdm(
        total=len(texts),
        desc=label,
        unit="text",
        file=sys.stderr,
        disable=None if state.progress else True,  # None: shown only on a terminal
        leave=False,
    )
    with bar:
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            keys = [entry_key(key, text) for text in chunk]
            known = state.cache.get_many(keys)
            todo: dict[str, str] = {}
            todo_hints: dict[str, Any] = {}
            for i, (k, text) in enumerate(zip(keys, chunk, strict=True), start):
                if k not in known and k not in todo:
                    todo[k] = text
                    if hints is not None:
                        todo_hints[k] = hints[i]
            counts[0] += len(set(keys)) - len(todo)
            counts[1] += len(todo)
            bar.update(len(chunk) - len(todo))
            if todo:
                task: Callable[..., Any] = func
                args: list[Sequence[Any]] = [list(todo.values())]
                if before is not None and hints is not None:
                    task = partial(_primed, func, before)
                    args.append(list(todo_hints.values()))
                elif extra is not None:
                    task = partial(_with_extra, func, extra)
                fresh = _compute(task, args, state, bar)
                if extra is not None:
                    noted = state.notes.setdefault(extra.__name__, {})
                    noted.update(zip(todo.values(), (found for _value, found in fresh), strict=True))
                    fresh = [value for value, _found in fresh]
                known.update(_stored(state.cache, todo, fresh))
                if computed is not None:
                    computed(list(todo.values()), [known[k] for k in todo])
            yield from (known[k] for k in keys)


def cached(
    idents: Sequence[str],
    key: str,
    label: str,
    compute: Callable[[list[int]], list[Any]],
    *,
    forked: bool = False,
) -> list[Any]:
    """``list(icached(...))``."""
    return list(icached(idents, key, label, compute, forked=forked))


def icached(
    idents: Sequence[str],
    key: str,
    label: str,
    compute: Callable[[list[int]], list[Any]],
    *,
    forked: bool = False,
) -> Iterator[Any]:
    """``compute(indices)``'s values for every ident, one at a time, reading and filling the cache:
    for values computed in this process, in batches (a digest of a value's inputs, or its text, is
    its ident), for the indices of the idents the cache does not hold, ``CHUNK`` idents at a time.
    ``key`` fingerprints the computation; values are JSON-able and go through the same JSON round
    trip as cached ones. With ``forked``, ``compute`` is pure (a value depends on its index only, it
    reads no cache and starts no pool) and is run in batches on the build's ``jobs`` forked copies
    of this process, which inherit what it reads (``ahead``)."""
    state = current()
    counts = state.counts.setdefault(label, [0, 0])
    for start in range(0, len(idents), CHUNK):
        keys = [entry_key(key, ident) for ident in idents[start : start + CHUNK]]
        known = state.cache.get_many(keys)
        todo: dict[str, int] = {}
        for i, k in enumerate(keys, start):
            if k not in known:
                todo.setdefault(k, i)
        counts[0] += len(set(keys)) - len(todo)
        counts[1] += len(todo)
        if todo:
            indices = list(todo.values())
            fresh = _forked_compute(compute, indices, state.jobs) if forked else compute(indices)
            known.update(_stored(state.cache, todo, fresh))
        yield from (known[k] for k in keys)


def _stored(store: Cache, keys: Iterable[str], values: list[Any]) -> dict[str, Any]:
    """Store fresh values under their keys and return them as a cache hit would: each encoded once,
    and decoded from that encoding."""
    encoded = {k: encode(v) for k, v in zip(keys, values, strict=True)}
    store.put_encoded(encoded)
    return {k: json.loads(text) for k, text in encoded.items()}


# The thunks ``ahead`` and ``cached(..., forked=True)`` compute, as their forked children inherit
# them (set only while the children start).
_THUNKS: Sequence[Callable[[], Any]] = ()


def _call_text(index: int) -> str | None:
    value = _THUNKS[index]()
    return value if isinstance(value, str) else None


def _call_value(index: int) -> Any:
    return _THUNKS[index]()


def _can_fork(jobs: int, count: int) -> bool:
    """Fork is the safe way to start these processes on Linux only; not worth it for a few thunks,
    and never from a forked child itself."""
    return jobs > 1 and count >= MIN_PARALLEL and sys.platform.startswith("linux") and not _in_child


_in_child = False


def _child_start() -> None:
    global _in_child
    _in_child = True


def _forked(thunks: Sequence[Callable[[], Any]], jobs: int, call: Callable[[int], Any]) -> Iterator[Any]:
    global _THUNKS
    _THUNKS = thunks
    try:
        chunksize = max(1, min(32, len(thunks) // (jobs * 8)))
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_child_start) as pool:
            _THUNKS = ()  # the children have their copy
            yield from pool.imap(call, range(len(thunks)), chunksize=chunksize)
    finally:
        _THUNKS = ()


def ahead(thunks: Sequence[Callable[[], object]], jobs: int) -> Iterator[str | None]:
    """Each thunk's value, in order, computed ahead on ``jobs`` forked copies of this process: a
    string as it is, any other value None (the caller calls that thunk itself, e.g. a file written
    in pieces). The children inherit the thunks and everything they read (the finished catalogue,
    the templates), so nothing but the strings crosses a pipe. Serially (every value None) where
    fork is not the safe way to start a process (not Linux), on one job, or for few thunks."""
    if not _can_fork(jobs, len(thunks)):
        yield from (None for _ in thunks)
        return
    yield from _forked(thunks, jobs, _call_text)


def forked_map(compute: Callable[[list[int]], list[Any]], count: int) -> list[Any]:
    """``compute(list(range(count)))``, in batches on the current build's forked copies of this
    process (``compute`` pure, as ``cached(..., forked=True)`` asks: a value depends on its index
    only, it reads no cache and starts no pool); no cache, values pickled back as they are. Serial
    outside a build, on one job, for few indices or where fork is not safe."""
    return _forked_compute(compute, list(range(count)), current().jobs)


def _forked_compute(compute: Callable[[list[int]], list[Any]], todo: list[int], jobs: int) -> list[Any]:
    """``compute(todo)``, in batches on forked copies of this process (see ``cached``)."""
    if not _can_fork(jobs, len(todo)):
        return compute(todo)
    size = max(1, len(todo) // (jobs * 8))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    out: list[Any] = []
    for values in _forked([partial(compute, batch) for batch in batches], jobs, _call_value):
        out.extend(values)
    return out


def _primed(func: Callable[[str], Any], before: Callable[[Any], None], text: str, hint: Any) -> Any:
    """``func(text)``, after ``before(hint)`` primed this process's memos."""
    if hint is not None:
        before(hint)
    return func(text)


def _with_extra(func: Callable[[str], Any], extra: Callable[[str], Any], text: str) -> tuple[Any, Any]:
    """``func(text)`` and then ``extra(text)``, in the same process."""
    value = func(text)
    return value, extra(text)


def _compute(func: Callable[..., Any], args: list[Sequence[Any]], state: Runtime, bar: tqdm) -> list[Any]:  # type: ignore[type-arg]
    """``[func(*a) for a in zip(*args)]`` (``args[0]``: the texts), in this process or on the pool."""
    texts = args[0]
    jobs = min(state.jobs, len(texts))
    out = []
    if jobs <= 1 or len(texts) < MIN_PARALLEL:
        for one in zip(*args, strict=True):
            out.append(func(*one))
            bar.update()
        return out
    # Small chunks keep the bar moving and the cores balanced; large enough to amortise pickling.
    chunksize = max(1, min(64, len(texts) // (jobs * 16)))
    for value in state.pool().map(func, *args, chunksize=chunksize):
        out.append(value)
        bar.update()
    return out

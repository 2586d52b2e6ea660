"""The library API: extract quantities from strings, files and directories."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

from . import claims, documents, units
from .documents import Document
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED, detect_language, lexicon
from .model import Extraction
from .store import Database, discover, load

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

    from .checking import DocumentReport, Report
    from .config import Configuration, FileSettings
    from .diffing import DiffReport
    from .settings import Settings
    from .suppression import Baseline, Directives

T = TypeVar("T")
A = TypeVar("A")


def load_claims(directory: str | None = None, *, strict: bool = True) -> Database:
    """The reference claims database: ``directory``, else the one :func:`discover` finds.

    With ``strict`` (the default) a database with problems raises
    :class:`BattclaimsError` listing them; ``battclaims claims validate`` shows them.
    """
    root, _why = discover(directory)
    return load(root, strict=strict)


def extract(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    path: str | None = None,
    html: bool | None = None,
    database: Database | None = None,
) -> Extraction:
    """Every claim in ``text``.

    ``lang`` (``"fr"`` or ``"en"``) overrides the language the text declares
    or that is detected; ``published`` overrides its publication date;
    ``path`` only labels the result (and, ending in .html, makes it read as
    HTML unless ``html`` says otherwise); ``database`` (see
    :func:`battclaims.load_claims`) adds its entities and metrics to the
    package's own.
    """
    return extract_document(documents.parse(text, path, html), lang=lang, published=published,
                            database=database)


def extract_document(
    document: Document,
    *,
    lang: str | None = None,
    published: str | None = None,
    database: Database | None = None,
) -> Extraction:
    """Every claim in a :class:`~battclaims.documents.Document` already read."""
    code = lang or document.lang
    if code is not None and code not in SUPPORTED:
        if lang is not None:
            raise BattclaimsError(f"unknown language {lang!r} (supported: {', '.join(SUPPORTED)})")
        code = None  # a language the document declares but we do not read: detect
    code = code or detect_language(document.view)
    published = published or document.published
    return Extraction(
        path=document.path,
        lang=code,
        published=published,
        title=document.title,
        url=document.url,
        claims=tuple(claims.extract_claims(
            document, lexicon(code), published,
            entities=database.entity_index(code) if database else None,
            metrics=database.metric_vocabulary() if database else None,
        )),
    )


def extract_file(
    path: str,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    database: Database | None = None,
    stdin_filename: str | None = None,
) -> Extraction:
    """Every claim in the file at ``path`` (``"-"`` reads ``stdin``, named
    ``stdin_filename`` if given: its suffix says how to read it)."""
    return extract_document(documents.read(path, encoding, stdin, stdin_filename), lang=lang,
                            database=database)


class InternalError(InputError):
    """An unexpected failure on one file: reported like an input error (exit 2) so that
    the run goes on with the next file. ``BATTCLAIMS_DEBUG=1`` raises it instead."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(path, f"internal error ({type(error).__name__}: {error}); "
                               "please report it with the file")


def _guarded(path: str, work: Callable[[], T]) -> T | InputError:
    """``work()``, with an input error or any unexpected exception as a result."""
    try:
        return work()
    except InputError as err:
        return err
    except BattclaimsError:
        raise
    except (Exception, RecursionError) as err:  # the boundary: one file, one error
        if os.environ.get("BATTCLAIMS_DEBUG"):
            raise
        return InternalError(path, err)


# --- many files: in order, on several processes -----------------------------------------

WINDOW = 4
"""Batches handed to each worker process ahead of the one whose results are awaited:
enough to keep every worker busy, few enough that the results waiting for their turn
stay few (results come back in the input order, each as soon as those before are out)."""

BATCH = 4
"""Files handed to a worker at once, after the first ``WINDOW`` per worker (one by one,
so that a small folder is shared evenly): fewer hand-outs, less of the main process's
time spent on them (about a millisecond each)."""


WARM_UP = {"fr": "La start-up Tiamat produira 5 GWh par an à Amiens dès 2025.",
           "en": "Northvolt will build a 60 GWh plant in Heide, Germany, by 2026."}
"""Extracted before the worker processes are forked, so that what extraction loads on
first use (lexicons, indexes, data files, modules) is loaded once and shared."""


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, where known), at least 1."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        count = counted()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, count or 1)


def _start_method() -> str:
    """``fork`` where it is safe (Linux and other POSIX but macOS): the workers inherit the
    loaded database, lexicons and modules and start at once. Elsewhere ``spawn``: each
    worker imports battclaims and is given the work (database included) pickled, once."""
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class _Work(Generic[A, T]):
    """What is done to each file of a run: all of it in this process (``__call__``), or
    ``remote`` in a worker process and then ``finish`` here. Pickled for the workers
    (with the ``spawn`` start method) without standard input, only ever read here."""

    stdin: IO[bytes] | None = None

    def __call__(self, path: str, arg: A) -> T | InputError:  # pragma: no cover
        raise NotImplementedError

    def prepare(self, arg: A) -> None:
        """Load here what every worker needs (``arg``: the first file's), before they are
        forked: they share it (copy-on-write) instead of each loading its own."""

    def remote(self, path: str, arg: A) -> Any:
        return self(path, arg)

    def finish(self, path: str, arg: A, value: Any) -> T | InputError:
        return value  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "stdin": None}


class _Extracting(_Work[str | None, Extraction]):
    """Extract one file (``arg``: its language, None for its own or detection)."""

    def __init__(self, encoding: str | None, stdin: IO[bytes] | None,
                 database: Database | None, stdin_filename: str | None) -> None:
        self.encoding = encoding
        self.stdin = stdin
        self.database = database
        self.stdin_filename = stdin_filename

    def prepare(self, arg: str | None) -> None:
        for code in SUPPORTED:
            extract_document(documents.parse(WARM_UP.get(code, WARM_UP["en"])), lang=code,
                             database=self.database)

    def __call__(self, path: str, arg: str | None) -> Extraction | InputError:
        return _guarded(path, lambda: extract_file(
            path, lang=arg, encoding=self.encoding, stdin=self.stdin, database=self.database,
            stdin_filename=self.stdin_filename))

    def finish(self, path: str, arg: str | None, value: Any) -> Extraction | InputError:
        if isinstance(value, Extraction):
            units.learn(claim.unit for claim in value.claims)
        return value  # type: ignore[no-any-return]


class _Checking(_Work["FileSettings | None", "DocumentReport"]):
    """Check one file (``arg``: its settings from the configuration, if any). A worker
    checks and reads the suppression comments; the baseline is applied here, in order,
    as it would be in one process (an entry accepts one finding, once per run)."""

    def __init__(self, database: Database, settings: Settings | None, lang: str | None,
                 encoding: str | None, stdin: IO[bytes] | None, stdin_filename: str | None,
                 baseline: Baseline | None) -> None:
        self.database = database
        self.settings = settings
        self.lang = lang
        self.encoding = encoding
        self.stdin = stdin
        self.stdin_filename = stdin_filename
        self.baseline = baseline
        self.checkers: dict[Any, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**super().__getstate__(), "checkers": {}, "baseline": None}

    def prepare(self, arg: FileSettings | None) -> None:
        from .settings import Settings as _Settings

        _Extracting(None, None, self.database, None).prepare(None)
        self.checker(arg.settings if arg else self.settings or _Settings())

    def checker(self, chosen: Settings) -> Any:
        from .checking import Checker

        key = (chosen.tolerance, chosen.duplicate_similarity, chosen.fail_on,
               tuple(sorted(chosen.severity.items())))
        if key not in self.checkers:
            self.checkers[key] = Checker(self.database, chosen)
        return self.checkers[key]

    def unsuppressed(self, path: str, file: FileSettings | None
                     ) -> tuple[DocumentReport, Directives]:
        from .settings import Settings as _Settings
        from .suppression import directives

        document = documents.read(path, self.encoding, self.stdin, self.stdin_filename)
        code = self.lang or (file.lang if file else None)
        extraction = extract_document(document, lang=code, database=self.database)
        chosen = file.settings if file else self.settings or _Settings()
        return self.checker(chosen).check(extraction), directives(document)

    def suppressed(self, path: str, report: DocumentReport, found: Directives
                   ) -> DocumentReport | InputError:
        from .suppression import suppress

        return _guarded(path, lambda: suppress(report, found, self.baseline))

    def __call__(self, path: str, arg: FileSettings | None) -> DocumentReport | InputError:
        checked = _guarded(path, lambda: self.unsuppressed(path, arg))
        return checked if isinstance(checked, InputError) else self.suppressed(path, *checked)

    def remote(self, path: str, arg: FileSettings | None) -> Any:
        return _guarded(path, lambda: self.unsuppressed(path, arg))

    def finish(self, path: str, arg: FileSettings | None, value: Any
               ) -> DocumentReport | InputError:
        if isinstance(value, InputError):
            return value
        units.learn(claim.unit for claim in value[0].extraction.claims)
        return self.suppressed(path, *value)


class _Sent:
    """An input error on its way back from a worker process: the error's class and
    fields (an :class:`InputError` is not rebuilt from its ``args``, as unpickling does)."""

    def __init__(self, error: InputError) -> None:
        self.kind = type(error)
        self.fields = dict(error.__dict__)

    def error(self) -> InputError:
        error = self.kind.__new__(self.kind)
        error.__dict__.update(self.fields)
        error.args = (str(error),)
        return error


_WORK: _Work[Any, Any] | None = None
"""In a worker process: the run's work, given once when the worker starts."""


def _start_worker(work: _Work[Any, Any]) -> None:
    global _WORK
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the main process stops the pool
    database = getattr(work, "database", None)
    if database is not None:  # spawned: the units of its references, as where it was read
        units.learn(reference.unit for reference in database.claims)
    _WORK = work


def _remote(files: list[tuple[str, Any]]) -> list[Any]:
    """In a worker: the work on a batch of files, each result ready to be sent back."""
    assert _WORK is not None
    values = [_WORK.remote(path, arg) for path, arg in files]
    return [_Sent(value) if isinstance(value, InputError) else value for value in values]


Walk = Callable[["documents.Skipped | None"], Iterator[tuple[str, A]]]
"""The files of a run, each with what its work needs, in order; told of what it skips."""


def _in_order(walk: Walk[A], work: _Work[A, T], jobs: int | None = 1,
             skipped: documents.Skipped | None = None) -> Iterator[T | InputError]:
    """``work`` on each file ``walk`` gives (telling ``skipped`` what it leaves out), one
    result or input error per file, in order, each as soon as it and those before it are
    done.

    ``jobs`` (None: :func:`usable_cores`) processes do the work when there are two files
    or more: a pool of worker processes (no more than the files), each set up once,
    is handed each file in turn, a few ahead (:data:`WINDOW`); standard input is read
    here. The results, and what ``skipped`` is told (at the same points of the
    sequence), are the same as in one process. ``jobs=1`` is the work in this process,
    file after file.
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise BattclaimsError(f"jobs must be a whole number, 1 or more, not {jobs!r}")
    count = usable_cores() if jobs is None else jobs
    if count == 1:
        return (work(path, arg) for path, arg in walk(skipped))
    return _parallel(walk, work, count, skipped)


Told = list[tuple[str, str]]
"""What a walk skipped (path, why), kept to be told at its place in the sequence."""


def _parallel(walk: Walk[A], work: _Work[A, T], jobs: int,
              skipped: documents.Skipped | None) -> Iterator[T | InputError]:
    told: Told = []
    walked = walk(None if skipped is None else lambda path, why: told.append((path, why)))
    failed: list[Exception] = []

    def walk_on() -> tuple[str, A, Told] | None:
        """The next file, with what the walk skipped just before it; None at the end,
        or when the walk fails (raised after the results of the files before)."""
        try:
            item = next(walked, None)
        except Exception as err:
            failed.append(err)
            return None
        if item is None:
            return None
        before = told[:]
        told.clear()
        return (*item, before)

    def tell(what: Told) -> None:
        for path, why in what:
            if skipped is not None:
                skipped(path, why)

    ahead: list[tuple[str, A, Told]] = []  # the first files, to size the pool
    while sum(path != "-" for path, _, _ in ahead) < jobs:
        item = walk_on()
        if item is None:
            break
        ahead.append(item)
    workers = sum(path != "-" for path, _, _ in ahead)
    if workers < 2:  # one file (the walk is over): no pool, start-up stays one process's
        for path, arg, before in ahead:
            tell(before)
            yield work(path, arg)
    else:
        yield from _pooled(ahead, walk_on, work, workers, tell)
    tell(told)
    if failed:
        raise failed[0]


def _pooled(ahead: list[tuple[str, A, Told]], walk_on: Callable[[], tuple[str, A, Told] | None],
            work: _Work[A, T], workers: int, tell: Callable[[Told], None]
            ) -> Iterator[T | InputError]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from contextlib import suppress

    method = _start_method()
    if method == "fork":
        with suppress(Exception):  # only a warm-up: each file meets any failure itself
            work.prepare(next(arg for path, arg, _ in ahead if path != "-"))
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(work,))
    queue: deque[tuple[list[tuple[str, A, Told]], Future[Any] | None]] = deque()  # in order
    batch: list[tuple[str, A, Told]] = []
    handed = 0  # files handed out so far
    # BATTCLAIMS_DEBUG=1: one file at a time, so that an error raised stops the run right
    # after the results of the files before it, as in one process
    size = 1 if os.environ.get("BATTCLAIMS_DEBUG") else BATCH

    def hand_out() -> None:
        if batch:
            queue.append((batch[:], pool.submit(_remote, [(p, a) for p, a, _ in batch])))
            batch.clear()

    def add(path: str, arg: A, before: Told) -> None:
        nonlocal handed
        if path == "-":  # standard input: read here, at its turn
            hand_out()
            queue.append(([(path, arg, before)], None))
            return
        batch.append((path, arg, before))
        handed += 1
        if len(batch) >= (size if handed > WINDOW * workers else 1):
            hand_out()

    def results() -> Iterator[T | InputError]:
        files, future = queue.popleft()
        if future is None:
            path, arg, before = files[0]
            tell(before)
            yield work(path, arg)
            return
        try:
            values = future.result()
        except BrokenProcessPool:
            raise BattclaimsError(f"{files[0][0]}: a worker process ended abruptly (killed, "
                                  "or out of memory?) on it or a file after it; read the "
                                  "files in one process (jobs 1) to find which") from None
        for (path, arg, before), value in zip(files, values, strict=True):
            tell(before)
            yield work.finish(path, arg, value.error() if isinstance(value, _Sent) else value)

    try:
        for first in ahead:
            add(*first)
        while (item := walk_on()) is not None:
            add(*item)
            while len(queue) >= WINDOW * workers:
                yield from results()
        hand_out()
        while queue:
            yield from results()
    except BaseException:  # an error, Ctrl-C, or the reader stopped: stop the workers now
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: the files not started are dropped, the workers terminated
    (they ignore Ctrl-C, so that only this process reports it)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()
    if manager is not None:  # done before the interpreter's exit wakes it (a race before 3.12)
        manager.join(timeout=5)


def extract_paths(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    database: Database | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
    jobs: int | None = 1,
) -> Iterator[Extraction | InputError]:
    """Extract from files and directories, one result or error per file, in order.

    A file that cannot be read yields its :class:`InputError` (an unexpected failure
    too) and the others are still processed, as a batch job over an archive needs.
    ``configuration`` (see :class:`battclaims.config.Configuration`) gives each file's
    language and excludes files. ``jobs`` processes read the files (None: one per usable
    core, see :func:`usable_cores`), with the same results in the same order as one.
    """
    work = _Extracting(encoding, stdin, database, stdin_filename)

    def walk(told: documents.Skipped | None) -> Iterator[tuple[str, str | None]]:
        for path, settings in selected(paths, configuration, stdin_filename,
                                       follow_symlinks=follow_symlinks, skipped=told):
            yield path, lang or (settings.lang if settings else None)

    return _in_order(walk, work, jobs, skipped)


def selected(paths: Iterable[str], configuration: Configuration | None = None,
             stdin_filename: str | None = None, *, follow_symlinks: bool = False,
             skipped: documents.Skipped | None = None
             ) -> Iterator[tuple[str, FileSettings | None]]:
    """The files to read (folders walked, see :func:`battclaims.documents.expand` for
    symbolic links and ``skipped``), each with its settings from ``configuration``,
    without those it excludes."""
    for path in documents.expand(paths, follow_symlinks=follow_symlinks, skipped=skipped):
        if configuration is None:
            yield path, None
            continue
        settings = configuration.for_path(stdin_filename if path == "-" and stdin_filename
                                          else path)
        if not settings.excluded:
            yield path, settings


def check_documents(
    paths: Iterable[str],
    database: Database,
    settings: Settings | None = None,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    baseline: Baseline | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
    jobs: int | None = 1,
) -> Iterator[DocumentReport | InputError]:
    """Check documents (files, directories, ``-``) against ``database``, one report or
    input error per file, in order, as they are read (for streaming output).

    Each file is checked with ``settings``, or with its own from ``configuration``
    (the nearest configuration file, its per-file overrides); findings that a comment
    in the document or the ``baseline`` accepts are moved to the report's
    ``suppressed``. ``jobs`` processes check the files (None: one per usable core, see
    :func:`usable_cores`), with the same reports in the same order as one.
    """
    work = _Checking(database, settings, lang, encoding, stdin, stdin_filename, baseline)

    def walk(told: documents.Skipped | None) -> Iterator[tuple[str, FileSettings | None]]:
        return selected(paths, configuration, stdin_filename, follow_symlinks=follow_symlinks,
                        skipped=told)

    return _in_order(walk, work, jobs, skipped)


def check(
    paths: str | Iterable[str],
    *,
    database: Database | None = None,
    settings: Settings | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    configuration: Configuration | None = None,
    baseline: Baseline | None = None,
    jobs: int | None = 1,
) -> Report:
    """Check drafts against the reference database (default: the one
    :func:`load_claims` finds): every claim gets a verdict with its evidence
    (``jobs``: see :func:`check_documents`).

    >>> report = battclaims.check("draft.md")            # doctest: +SKIP
    >>> report.return_code, [f.verdict for d in report.documents for f in d.findings]
    """
    from .checking import Report
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    database = database if database is not None else load_claims()
    report = Report(settings)
    for result in check_documents([paths] if isinstance(paths, str) else paths, database,
                                  settings, lang=lang, encoding=encoding,
                                  configuration=configuration, baseline=baseline, jobs=jobs):
        report.add(result)
    return report


def diff(
    a: str,
    b: str,
    *,
    database: Database | None = None,
    settings: Settings | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
    jobs: int | None = 1,
) -> DiffReport:
    """Compare the claims of two texts (files, or folders of files): which state the same
    facts and agree, which conflict, which look alike but are different facts, which are
    only on one side. ``database`` lends its entities (names, relations) and metrics;
    ``configuration`` gives each file's language and excludes files (the comparison's
    ``settings`` are one for the whole diff). ``jobs`` processes read the files of both
    sides (None: one per usable core), with the same result."""
    from .diffing import diff as pair_claims
    from .matching import Matcher
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    database = database if database is not None else load_claims()
    sides: list[list[Extraction]] = [[], []]
    errors: list[InputError] = []
    side_of: deque[int] = deque()  # the side of each file walked, in order

    def walk(told: documents.Skipped | None) -> Iterator[tuple[str, str | None]]:
        for side, path in enumerate((a, b)):
            for file, chosen in selected([path], configuration, stdin_filename,
                                         follow_symlinks=follow_symlinks, skipped=told):
                side_of.append(side)
                yield file, lang or (chosen.lang if chosen else None)

    work = _Extracting(encoding, stdin, database, stdin_filename)
    for result in _in_order(walk, work, jobs, skipped):
        side = side_of.popleft()
        if isinstance(result, InputError):
            errors.append(result)
        else:
            sides[side].append(result)
    report = pair_claims(a, sides[0], b, sides[1], settings,
                         Matcher(database.entities, settings.tolerance))
    report.errors = errors
    return report

"""Product logins against the identity provider's people (ID001-ID009).

The directory (EXPECTED) is read into a compact index while the product's export
(CONFIGURED) is scanned for what needs no directory (address syntax, mail domains,
dates): for a large export in a helper process, on the other CPU. The logins are
then matched against the index in the export's order. Each login gets one ID001
result (known or not) or an ID006 fail (not an address), plus a result of any
other check it does not pass; people of the directory without a login get an
ID007 hint; each distinct mail domain is looked up once (ID009).

Without a product (``profile=None``) every sign-on rule of the bundled profiles
applies (``ALL_RULES``): nothing that one of the products rejects passes unnoticed.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from array import array
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain, compress, count, islice, repeat
from operator import is_not
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol, cast

from emailsec_check.catalogue import identities as cat
from emailsec_check.errors import InputError
from emailsec_check.model import CheckInfo, Result, Status, failed, hinted, passed, skipped
from emailsec_check.profiles import Profile, SignOn
from emailsec_check.rules.email import (
    mask_address,
    syntax_problem,
    valid_domain,
    valid_local_part,
)
from emailsec_check.sources.identities import (
    DISABLED,
    MICROSOFT_NAMES_MISSING,
    NO_GIVEN_NAME,
    NO_SURNAME,
    STATE_PENDING,
    ConfiguredExport,
    Directory,
    open_configured,
    read_expected,
    read_since,
)

if TYPE_CHECKING:
    from emailsec_check.net.dns import DnsOutcome

#: The rules that apply when no product is named: all of them, 7 days to activate.
ALL_RULES = SignOn(
    service="single sign-on",
    microsoft_names_required=True,
    one_address_per_user=True,
    login_is_primary_address=True,
    activation_days=7,
)

#: Microsoft 365's inbound mail hosts (Exchange Online Protection, and with DANE).
MICROSOFT_MX = (".mail.protection.outlook.com", ".mx.microsoft")
#: A cell starting so is run as a formula by a spreadsheet that opens the report.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class MxResolver(Protocol):
    """What the checks need of ``net.dns.Resolver`` (tests hand in fakes)."""

    async def mx(self, domain: str) -> DnsOutcome: ...


@dataclass(frozen=True)
class IdentityOptions:
    """How to check: ``redact`` masks addresses; ``now`` is when activation ages are taken."""

    redact: bool = False
    #: DNS look-ups in flight at once.
    concurrency: int = 20
    now: Optional[datetime] = None


async def check_identities(
    configured: Path,
    expected: Path,
    profile: Optional[Profile],
    resolver: Optional[MxResolver],
    options: IdentityOptions = IdentityOptions(),
) -> list[Result]:
    """Every result for CONFIGURED against EXPECTED; ``resolver=None`` looks nothing up.

    Raises ``InputError`` when either file cannot be used.
    """
    rules = profile.sign_on if profile is not None else ALL_RULES
    with _collector_paused():
        helper = _Helper.start(configured, rules.activation_days, options.redact)
        try:
            directory = read_expected(expected)
            logins = helper.logins() if helper is not None else None
        finally:
            if helper is not None:
                helper.close()
        if logins is None:
            logins = read_logins(configured, rules.activation_days, options.redact)
        matcher = _Matcher(directory, logins, profile, options)
        results = matcher.run()
        results.extend(matcher.unconfigured())
    results.extend(await mail_domains(logins.domains, resolver, options))
    return results


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a million results are built.

    Nothing built here forms reference cycles, but every collection would walk all
    of it again; afterwards the results are frozen (left out of later collections)
    as they live until the report is written.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- addresses


def cell_safe(text: str) -> str:
    """A subject a spreadsheet will show, not run: a leading = + - @ gets a quote."""
    return "'" + text if text.startswith(FORMULA_START) else text


class _Unfrozen:
    """``Result``'s very layout, without the frozen ``__setattr__``.

    The per-login results are made without the constructor's checks (a pass has
    no hint to check, the others always come with one): filled in as one of these,
    with plain slot stores, then turned into the ``Result`` they are by setting
    ``__class__`` (the layouts are the same, so Python allows it). A million logins
    take a quarter of the time they would through ``Result(...)``.
    """

    __slots__ = Result.__slots__
    check: CheckInfo
    subject: str
    status: Status
    message: str
    hint: Optional[str]
    data: Mapping[str, Any]


_new = object.__new__


def quick_pass(check: CheckInfo, subject: str, message: str, data: dict[str, Any]) -> Result:
    """The same ``Result`` as ``passed(check, subject, message, **data)``, made faster."""
    return _made(check, subject, Status.PASS, message, None, data)


def _made(
    check: CheckInfo,
    subject: str,
    status: Status,
    message: str,
    hint: Optional[str],
    data: dict[str, Any],
) -> Result:
    result = _new(_Unfrozen)
    result.check = check
    result.subject = subject
    result.status = status
    result.message = message
    result.hint = hint
    result.data = data
    result.__class__ = Result  # type: ignore[assignment]
    return cast(Result, result)


def _failed(check: CheckInfo, subject: str, message: str, hint: str, **data: Any) -> Result:
    return _made(check, subject, Status.FAIL, message, hint, data)


def _hinted(check: CheckInfo, subject: str, message: str, hint: str, **data: Any) -> Result:
    return _made(check, subject, Status.HINT, message, hint, data)


# --------------------------------------------------------------------------- scanning


@dataclass
class Logins:
    """The product's rows, read and checked for address syntax: all that needs no directory.

    Row n is ``texts[n]`` (the login as given, without surrounding spaces),
    ``subjects[n]`` and ``emails[n]`` (as reported: masked with ``redact``),
    ``addresses[n]`` (the cell as given) and ``lines[n]`` (0: none); ``invalid``
    holds the rows that are not addresses. The lists share their strings, and
    pickling (to hand them from a helper process) sends little more than the texts.
    """

    source: str
    path: Path
    date_name: str
    texts: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    lines: array[int] = field(default_factory=lambda: array("q"))
    invalid: set[int] = field(default_factory=set)
    #: Rows of accounts not activated yet: row -> (date cell or None, TOML/JSON item).
    pending: dict[int, tuple[Optional[str], Optional[str]]] = field(default_factory=dict)
    #: Mail domain -> [logins using it, the first of them as given (masked with redact)].
    domains: dict[str, list[Any]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        texts = self.texts
        blob = "\n".join(texts)
        if blob.count("\n") == max(0, len(texts) - 1):  # no text holds a line break
            state["texts"] = (len(texts), blob)
        state["subjects"] = _differences(self.subjects, texts)
        state["addresses"] = _differences(self.addresses, texts)
        # The addresses themselves unless redacted (None), and then mostly masks.
        state["emails"] = None if self.emails is self.addresses else self.emails
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        texts = state["texts"]
        if isinstance(texts, tuple):
            length, blob = texts
            state["texts"] = texts = blob.split("\n") if length else []
        state["subjects"] = _patched(texts, state["subjects"])
        state["addresses"] = _patched(texts, state["addresses"])
        if state["emails"] is None:
            state["emails"] = state["addresses"]
        self.__dict__.update(state)


def _differences(values: list[str], texts: list[str]) -> dict[int, str] | list[str]:
    """Where ``values`` is not ``texts`` (by identity: the scan shares equal strings)."""
    rows = list(compress(count(), map(is_not, values, texts)))
    if len(rows) > len(values) // 4:
        return values
    return {index: values[index] for index in rows}


def _patched(texts: list[str], differences: dict[int, str] | list[str]) -> list[str]:
    if isinstance(differences, list):
        return differences
    if not differences:
        return texts  # one list for both: they are only read
    values = list(texts)
    for index, value in differences.items():
        values[index] = value
    return values


def scan_logins(export: ConfiguredExport, activation_days: int, redact: bool) -> Logins:
    """One pass over the product's rows, lean: a million of them are a normal day.

    The common row (a plain address at a domain seen before) costs a few string
    operations and a dict look-up; everything else goes to the slow path.
    """
    logins = Logins(export.path.name, export.path, export.date_name)
    texts, subjects = logins.texts, logins.subjects
    addresses = logins.addresses
    emails = logins.emails
    if not redact:
        logins.emails = emails = addresses  # one list: the address as given
    texts_append, subjects_append = texts.append, subjects.append
    invalid_add = logins.invalid.add
    addresses_append, emails_append = addresses.append, emails.append
    lines_append = logins.lines.append
    pending = logins.pending
    domains = logins.domains
    domains_get = domains.get
    bad_domains: set[str] = set()
    column = export.column
    status_column = export.status_column
    date_column = export.date_column
    states = export.states
    width = export.width
    line = export.line
    key = export.key
    activation_on = status_column >= 0 and activation_days > 0
    pending_state = STATE_PENDING
    with export.reading():
        for row in export.rows:
            try:
                address = row[column]
                status = row[status_column]  # row[-1] when there is no status column
            except IndexError:  # a short row (or a blank line): pad it
                row = row + [""] * (width - len(row))
                address = row[column]
                status = row[status_column]
            text = address.strip()
            low = text.lower()
            at = low.rfind("@")
            domain = low[at + 1 :]
            subject = text
            tally = domains_get(domain)
            if tally is None or not (
                0 < at <= 64
                and len(low) <= 254
                and low[:at].replace(".", "a").isalnum()
                and low[0] != "."
                and low[at - 1] != "."
                and ".." not in low
            ):
                # The slow path: a new domain, unusual characters, or not an address.
                if not any(row):
                    continue  # a blank line, or a spreadsheet's empty trailing rows
                if not _usable(low, at, domain, domains, bad_domains):
                    invalid_add(len(texts))
                    texts_append(text)
                    subjects_append(text)
                    addresses_append(address)
                    if redact:
                        emails_append(address)
                    lines_append(line() or 0)
                    continue
                subject = cell_safe(text)
                tally = domains_get(domain)
                if tally is None:
                    tally = domains[domain] = [0, mask_address(address) if redact else address]
            tally[0] += 1
            texts_append(text)
            addresses_append(address)
            if redact:
                subjects_append(mask_address(text))
                emails_append(mask_address(address))
            else:
                subjects_append(subject)
            lines_append(line() or 0)
            if activation_on and states[status] == pending_state:
                pending[len(texts) - 1] = (row[date_column] if date_column >= 0 else None, key())
    return logins


def _usable(low: str, at: int, domain: str, domains: Mapping[str, Any], bad: set[str]) -> bool:
    """The slow path of the syntax check: unusual characters, or a domain seen first."""
    if not 0 < at <= 64 or len(low) > 254 or domain in bad:
        return False
    if domain not in domains and not valid_domain(domain):
        bad.add(domain)
        return False
    return valid_local_part(low[:at])


def read_logins(path: Path, activation_days: int, redact: bool) -> Logins:
    """``scan_logins`` of the product export at ``path``; ``InputError`` if unusable."""
    with open_configured(path) as export:
        return scan_logins(export, activation_days, redact)


# --------------------------------------------------------------------------- a second process

#: From this size on, the product export is read in a second process while this one
#: reads the directory (a smaller one is read before a process has started).
HELPER_FROM_BYTES = 8 << 20
#: What the second process runs ({root}: the folder holding the package).
_HELPER_CODE = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from emailsec_check.checks.identities import _helper_main; _helper_main()"
)
#: What the child writes on stdout once its file is complete.
_READY = b"!"


class _Helper:
    """``read_logins`` in a child process, on the machine's other CPU.

    The child gets its arguments on its command line, writes the ``Logins`` (or the
    ``InputError``) pickled to a temporary file (all of it at once: a pipe would
    hold it back a few kilobytes at a time until this process reads) and then says
    so with one byte on stdout. Whatever else happens to it (it cannot start, dies,
    leaves no whole file) only means that the export is read here after all; its
    stderr goes nowhere, so it prints nothing.
    """

    def __init__(self, process: subprocess.Popen[bytes], handover: Path) -> None:
        self.process = process
        self.handover = handover

    @classmethod
    def start(cls, path: Path, activation_days: int, redact: bool) -> Optional[_Helper]:
        """A helper reading ``path``, or None when one would not pay off or cannot start."""
        try:
            size = path.stat().st_size if path.is_file() else 0
        except OSError:
            return None
        if size < HELPER_FROM_BYTES or _cpus() < 2 or not sys.executable:
            return None
        if getattr(sys, "frozen", False):  # a bundled executable runs no "-c" code
            return None
        try:
            descriptor, name = tempfile.mkstemp(prefix="emailsec-check-", suffix=".pickle")
        except OSError:
            return None
        os.close(descriptor)
        handover = Path(name)
        root = str(Path(__file__).resolve().parents[2])
        command = [sys.executable, "-c", _HELPER_CODE.format(root=root)]
        command += [str(path), str(activation_days), "redact" if redact else "plain", name]
        try:
            process = subprocess.Popen(  # noqa: S603 - this Python, our code, the user's path
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, ValueError):
            handover.unlink()
            return None
        return cls(process, handover)

    def logins(self) -> Optional[Logins]:
        """What the child read; None if it did not; raises the ``InputError`` it met."""
        stream = self.process.stdout
        assert stream is not None
        try:
            if stream.read(1) != _READY:
                return None
            kind, value = pickle.loads(self.handover.read_bytes())  # noqa: S301 - our child's
        except Exception:  # anything at all: read the export here instead
            return None
        if kind == "error":
            message, path, line, key = value
            raise InputError(message, path=path, line=line, key=key)
        return value if isinstance(value, Logins) else None

    def close(self) -> None:
        """Stop the child (done, or no longer needed), wait for it, remove its file."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        with contextlib.suppress(OSError):
            self.handover.unlink()


def _helper_main() -> None:
    """The child's side of ``_Helper``."""
    gc.disable()
    path, days, redact, handover = sys.argv[1:]
    try:
        logins = read_logins(Path(path), int(days), redact == "redact")
        payload: tuple[str, Any] = ("logins", logins)
    except InputError as error:
        payload = ("error", (error.message, error.path, error.line, error.key))
    with Path(handover).open("wb") as stream:
        pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(_READY)
    sys.stdout.buffer.flush()


def _cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- matching

#: From this many logins on (on Linux, with no other thread running), a forked copy
#: of this process looks up the identities of the last three quarters of them
#: while this one matches the first quarter.
FORK_FROM_LOGINS = 100_000


def _identities(primary: dict[str, int], texts: list[str]) -> Generator[Iterable[int], None, None]:
    """Each login's identity number by its sign-in address (-1: none), in two parts."""
    start = len(texts) // 4 if len(texts) >= FORK_FROM_LOGINS else len(texts)
    forked = _ForkedLookups.start(primary, texts, start) if start < len(texts) else None
    try:
        yield map(primary.get, map(str.lower, islice(texts, start)), repeat(-1))
        numbers = forked.numbers() if forked is not None else None
        if numbers is not None:
            yield numbers
        else:  # no copy, or it failed: look them up here
            yield map(primary.get, map(str.lower, islice(texts, start, None)), repeat(-1))
    finally:
        if forked is not None:
            forked.close()


class _ForkedLookups:
    """A forked copy of this process (it shares the directory for free) doing look-ups.

    It writes the numbers into memory shared with this process and leaves at once
    with ``os._exit`` (a forked copy must not run this process's exit handlers or
    flush its buffers). If it cannot start, or fails, the look-ups are made here.
    """

    def __init__(self, pid: int, shared: mmap.mmap) -> None:
        self.pid = pid
        self.shared = shared
        self.waited = False

    @classmethod
    def start(
        cls, primary: dict[str, int], texts: list[str], start: int
    ) -> Optional[_ForkedLookups]:
        if not sys.platform.startswith("linux") or not _single_threaded():
            return None
        try:
            shared = mmap.mmap(-1, 8 * (len(texts) - start))
            pid = os.fork()
        except (OSError, ValueError):
            return None
        if pid == 0:  # the copy
            code = 1
            try:
                found = map(primary.get, map(str.lower, islice(texts, start, None)), repeat(-1))
                memoryview(shared).cast("q")[:] = array("q", found)
                code = 0
            finally:
                os._exit(code)
        return cls(pid, shared)

    def numbers(self) -> Optional[memoryview]:
        """Wait for the copy; its numbers, or None if it did not finish them."""
        self.waited = True
        try:
            _pid, status = os.waitpid(self.pid, 0)
        except OSError:  # reaped elsewhere (SIGCHLD ignored): its work cannot be trusted
            return None
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        return memoryview(self.shared).cast("q")

    def close(self) -> None:
        """Stop the copy if it still runs (the matching stopped early)."""
        if not self.waited:
            self.waited = True
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)


def _single_threaded() -> bool:
    """Whether this process runs one thread only (forking with others can deadlock)."""
    if threading.active_count() > 1:
        return False
    try:  # threads that Python did not start count too: the 20th field of stat
        with open("/proc/self/stat", encoding="ascii") as stream:  # noqa: PTH123
            fields = stream.read().rpartition(")")[2].split()
        return int(fields[17]) == 1
    except (OSError, ValueError, IndexError):
        return False


_KNOWN_MESSAGE = "known to the identity provider"


class _Matcher:
    """The product's logins against the directory, keeping only small per-row state."""

    def __init__(
        self,
        directory: Directory,
        logins: Logins,
        profile: Optional[Profile],
        options: IdentityOptions,
    ) -> None:
        self.directory = directory
        self.logins = logins
        self.rules = profile.sign_on if profile is not None else ALL_RULES
        self.product = profile.name if profile is not None else "the product"
        self.options = options
        self.now = options.now or datetime.now(timezone.utc)
        self.show: Callable[[str], str] = mask_address if options.redact else _same
        #: The first login (as given) of each identity, by identity number.
        self.claimed: list[Optional[str]] = [None] * len(directory)
        #: Identities whose first login was already reported as one of several.
        self.reported: set[int] = set()
        self.pending_without_date = 0
        self.dates: dict[str, Optional[datetime]] = {}
        self.results: list[Result] = []
        self.source = directory.path.name

    def run(self) -> list[Result]:
        """Every login's results, in the order of the export."""
        results = self.results
        append = results.append
        directory = self.directory
        secondary_get = directory.secondary.get
        addresses = directory.addresses
        flags = directory.flags
        claimed = self.claimed
        rules = self.rules
        names_mask = (
            MICROSOFT_NAMES_MISSING
            if rules.microsoft_names_required and directory.names_known
            else 0
        )
        logins = self.logins
        lines = logins.lines
        pending = logins.pending
        known = cat.KNOWN
        known_message = _KNOWN_MESSAGE
        passed_status = Status.PASS
        new, unfrozen, result_class = _new, _Unfrozen, Result
        invalid = logins.invalid
        texts = logins.texts
        # Each login's identity by its sign-in address, looked up in C (map), three
        # quarters of them by a forked copy of this process while it matches the rest.
        with contextlib.closing(_identities(directory.primary, texts)) as parts:
            rows = zip(
                count(),
                chain.from_iterable(parts),
                texts,
                logins.subjects,
                logins.emails,
                logins.addresses,
            )
            for index, number, text, subject, email, address in rows:
                if index in invalid:
                    append(self._syntax(address, text, lines[index] or None))
                    continue
                if number >= 0:
                    # quick_pass(known, subject, known_message, {"email": email}), inlined:
                    # this runs a million times.
                    result = new(unfrozen)
                    result.check = known
                    result.subject = subject
                    result.status = passed_status
                    result.message = known_message
                    result.hint = None
                    result.data = {"email": email}
                    result.__class__ = result_class  # type: ignore[assignment]
                    append(result)  # type: ignore[arg-type]
                    if addresses[number] != text:
                        line = lines[index] or None
                        append(self._letter_case(subject, email, line, addresses[number]))
                else:
                    low = text.lower()
                    number = secondary_get(low)
                    if number is None:
                        append(self._unknown(subject, email, lines[index] or None, low))
                        continue
                    self._secondary(subject, email, lines[index] or None, low, number)
                if flags[number] & names_mask:
                    append(self._names(subject, email, lines[index] or None, flags[number]))
                first = claimed[number]
                if first is None:
                    claimed[number] = address
                else:
                    self._several(subject, email, lines[index] or None, number, first, address)
                if index in pending:
                    line = lines[index] or None
                    self._activation(subject, email, line, self._since(pending[index], line))
        if self.pending_without_date:
            append(self._no_dates())
        return results

    def _since(
        self, cell: tuple[Optional[str], Optional[str]], line: Optional[int]
    ) -> Optional[datetime]:
        """The created/invited date of a pending account (each distinct cell read once)."""
        text, key = cell
        if text is None:
            return None
        if text not in self.dates:
            logins = self.logins
            when = read_since(text, logins.path, logins.date_name, line, key)
            if len(self.dates) < 10_000:
                self.dates[text] = when
            return when
        return self.dates[text]

    # Everything below runs only for rows with something to say.

    def _syntax(self, address: str, text: str, line: Optional[int]) -> Result:
        problem = syntax_problem(text) or "is not a usable address"
        if text:
            subject = cell_safe(self.show(text))
        else:
            subject = f"(empty login, line {line})" if line else "(empty login)"
        return _failed(
            cat.SYNTAX,
            subject,
            f"not a valid email address: it {problem}",
            f"Correct this login in {self.product}: copy the address from the directory, not "
            "from a spreadsheet cell. Nobody can sign in or receive the activation mail with "
            "it as it is.",
            email=self.show(address) if address.strip() else address,
            line=line,
        )

    def _unknown(self, subject: str, email: str, line: Optional[int], low: str) -> Result:
        if "#ext#" in low:
            message = (
                f"not in {self.source}: this is a guest's #EXT# directory name, not an address"
            )
        else:
            message = f"no identity in {self.source} has this address"
        return _failed(
            cat.KNOWN,
            subject,
            message,
            f"Find who this login belongs to. If the person is in the directory, change the "
            f"login in {self.product} to their address there; if they left, remove the "
            "account. Then run 'emailsec-check identities' again.",
            email=email,
            line=line,
        )

    def _secondary(
        self, subject: str, email: str, line: Optional[int], low: str, number: int
    ) -> None:
        """An alias: ID001 passes (the person is known), ID003 does not."""
        sign_in = self.show(self.directory.addresses[number])
        if "#ext#" in low:
            what = "a guest's #EXT# directory name"
        else:
            what = "a secondary address (alias, other mail or user principal name)"
        self.results.append(
            quick_pass(
                cat.KNOWN, subject, f"known to the identity provider as {what}", {"email": email}
            )
        )
        message = f"{what} of the person whose sign-in address is {sign_in}"
        hint = (
            f"Change the login in {self.product} to {sign_in}, the person's primary address "
            "in the directory, or create the account again with it."
        )
        if self.rules.login_is_primary_address:
            self.results.append(
                _failed(cat.PRIMARY, subject, message, hint, email=email, line=line)
            )
        else:
            self.results.append(
                _hinted(
                    cat.PRIMARY,
                    subject,
                    f"{message}; {self.product} accepts it, but the directory knows the "
                    "person by the other",
                    hint,
                    email=email,
                    line=line,
                )
            )

    def _letter_case(self, subject: str, email: str, line: Optional[int], written: str) -> Result:
        shown = self.show(written)
        return _hinted(
            cat.LETTER_CASE,
            subject,
            f"differs from the directory's {shown} in letter case only",
            f"Write the login as the directory does ({shown}) in {self.product}, so a service "
            "that compares addresses exactly still finds the account.",
            email=email,
            line=line,
        )

    def _names(self, subject: str, email: str, line: Optional[int], bits: int) -> Result:
        missing = [
            name
            for bit, name in ((NO_GIVEN_NAME, "first name"), (NO_SURNAME, "last name"))
            if bits & bit
        ]
        what = " and ".join(missing)
        return _failed(
            cat.NAMES,
            subject,
            f"the Microsoft account has no {what}: signing in with Microsoft to Cisco Security "
            "Cloud Sign On ends in '400 Bad Request' (required properties are missing)",
            f"Fill in the {what} of this user in the Microsoft Entra admin center (Users > the "
            "user > Edit properties) or the Microsoft 365 admin center (Active users > the user "
            "> Manage contact information), then sign in again.",
            email=email,
            line=line,
        )

    def _several(
        self, subject: str, email: str, line: Optional[int], number: int, first: str, address: str
    ) -> None:
        append = self.results.append
        fail = self.rules.one_address_per_user
        make = _failed if fail else _hinted
        first_shown = self.show(first)
        if first.strip() == address.strip():
            append(
                _hinted(
                    cat.ONE_LOGIN,
                    subject,
                    "listed more than once in the product export",
                    f"Check {self.product} for two accounts with this address and keep one; if "
                    "the export repeats the row, nothing needs to change.",
                    email=email,
                    line=line,
                )
            )
            return
        sign_in = self.show(self.directory.addresses[number])
        rule = (
            f"{self.product} allows one address per person"
            if fail
            else f"{self.product} allows it, but only one of them will match the directory"
        )
        hint = (
            f"Keep one account for this person, with {sign_in} (the address they sign in "
            f"with), and remove the other in {self.product}'s user management."
        )
        if number not in self.reported:
            self.reported.add(number)
            first_subject = cell_safe(first_shown.strip())
            append(
                make(
                    cat.ONE_LOGIN,
                    first_subject,
                    f"one of several logins of the same person ({sign_in}); also "
                    f"{self.show(address.strip())}; {rule}",
                    hint,
                    email=first_shown,
                    line=None,
                )
            )
        append(
            make(
                cat.ONE_LOGIN,
                subject,
                f"the same person ({sign_in}) already has the login "
                f"{self.show(first.strip())}; {rule}",
                hint,
                email=email,
                line=line,
            )
        )

    def _activation(
        self, subject: str, email: str, line: Optional[int], since: Optional[datetime]
    ) -> None:
        if since is None:
            self.pending_without_date += 1
            return
        self.results.append(self._activation_result(subject, email, line, since))

    def _activation_result(
        self, subject: str, email: str, line: Optional[int], since: datetime
    ) -> Result:
        days = self.rules.activation_days
        age = (self.now - since).total_seconds() / 86400
        when = since.strftime("%Y-%m-%d")
        if age > days:
            return _failed(
                cat.ACTIVATION,
                subject,
                f"still not activated {int(age)} days after {when}; activation must happen "
                f"within {days} days",
                "Open a Cisco TAC case asking for a new activation link for this address (or "
                f"for the record to be removed), then activate within {days} days; look for "
                "the mail in spam and, on Microsoft 365, in Outlook's Other tab.",
                email=email,
                line=line,
            )
        left = max(0, int(days - age))
        return passed(
            cat.ACTIVATION,
            subject,
            f"not activated yet: created {when}, {left} of {days} days left to activate",
            email=email,
            line=line,
        )

    def _no_dates(self) -> Result:
        count = self.pending_without_date
        return skipped(
            cat.ACTIVATION,
            self.logins.source,
            f"{count:,} account(s) not activated yet, but the export gives no created or "
            "invited date for them, so their age cannot be told",
            email=None,
            accounts=count,
        )

    def unconfigured(self) -> list[Result]:
        """ID007 for each enabled identity no login resolved to; ID005 skips without names."""
        results: list[Result] = []
        directory = self.directory
        if (
            self.rules.microsoft_names_required
            and not directory.names_known
            and directory.kind == "entra"
        ):
            results.append(
                skipped(
                    cat.NAMES,
                    directory.path.name,
                    "the export has no first name (givenName) and last name (surname) columns, "
                    "so missing names cannot be found; download the users again with them",
                    email=None,
                )
            )
        flags = directory.flags
        addresses = directory.addresses
        show = self.show
        unclaimed = [number for number, first in enumerate(self.claimed) if first is None]
        for number in unclaimed:
            if flags[number] & DISABLED:
                continue
            address = addresses[number]
            results.append(
                _hinted(
                    cat.UNCONFIGURED,
                    cell_safe(show(address)),
                    f"in {self.source}, but no login in the product export resolves to it",
                    f"If this person needs {self.product}, create the account with this "
                    "address; if not, leave them out of the expected list.",
                    email=show(address),
                )
            )
        return results


def _same(text: str) -> str:
    return text


# --------------------------------------------------------------------------- mail domains


async def mail_domains(
    domains: Mapping[str, Sequence[Any]],
    resolver: Optional[MxResolver],
    options: IdentityOptions,
) -> list[Result]:
    """ID009 for each mail domain (``domain -> [logins, first login]``), one look-up each."""
    import asyncio

    if not domains:
        return []
    if resolver is None:
        return [
            skipped(
                cat.MAIL_DOMAIN,
                f"{len(domains):,} mail domain(s)",
                "DNS look-ups are turned off (--no-dns): whether the logins' domains receive "
                "mail was not checked",
                email=None,
                domains=len(domains),
            )
        ]
    limit = asyncio.Semaphore(max(1, options.concurrency))

    async def one(domain: str) -> Result:
        async with limit:
            outcome = await resolver.mx(domain)
        count, example = domains[domain]
        return domain_result(domain, outcome, count, example)

    return list(await asyncio.gather(*(one(domain) for domain in sorted(domains))))


def domain_result(domain: str, outcome: DnsOutcome, count: int, example: str) -> Result:
    """What one MX answer means for the logins at ``domain`` (``example`` is the first)."""
    from emailsec_check.net.dns import DnsKind

    users = f"{count:,} login(s) use it, e.g. {example}" if count > 1 else f"used by {example}"
    data = {"email": example, "domain": domain, "logins": count}
    lost = "activation, password-reset and credentials mails sent to these logins cannot arrive"
    if outcome.kind is DnsKind.NXDOMAIN:
        return failed(
            cat.MAIL_DOMAIN,
            domain,
            f"the domain does not exist (NXDOMAIN); {users}",
            f"Check the spelling of the domain in these logins: {lost}.",
            **data,
        )
    if not outcome.kind.is_answer:
        return skipped(cat.MAIL_DOMAIN, domain, f"could not check: {outcome.detail}", **data)
    exchanges = [record.exchange for record in outcome.mx]
    if not exchanges:
        return failed(
            cat.MAIL_DOMAIN,
            domain,
            f"the domain has no MX record, so no mail server accepts its mail; {users}",
            f"Ask whoever runs {domain} to publish MX records, or give these users an address "
            f"at a domain that receives mail: {lost}.",
            **data,
        )
    if "" in exchanges:
        return failed(
            cat.MAIL_DOMAIN,
            domain,
            f"the domain publishes a null MX (it accepts no mail at all); {users}",
            f"Give these users an address at a domain that receives mail: {lost}.",
            **data,
        )
    shown = ", ".join(exchanges[:2])
    if len(exchanges) > 2:
        shown += f" and {len(exchanges) - 2} more"
    if any(exchange.endswith(MICROSOFT_MX) for exchange in exchanges):
        return hinted(
            cat.MAIL_DOMAIN,
            domain,
            f"mail goes to Microsoft 365 ({shown}); {users}",
            "When an activation or credentials mail seems missing, look in Outlook's Other tab "
            "of the Focused Inbox and in Junk Email; an Exchange Online admin can release it "
            "from quarantine and allow the sender.",
            **data,
        )
    return passed(cat.MAIL_DOMAIN, domain, f"mail goes to {shown}; {users}", **data)

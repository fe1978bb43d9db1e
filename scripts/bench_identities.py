"""How fast ``emailsec-check identities`` is at the scale of a large tenant.

Generates N expected identities (an Entra ID "Download users" CSV: byte-order mark,
CRLF, guests, aliases, missing surnames) and N product logins (mostly matching, with
unknown logins, aliases, letter-case differences, invalid addresses and overdue
activations) at a few hundred ``.example`` domains, serves their MX records from
the loopback DNS server of the tests, then prints:

- the baseline: a plain ``csv.reader`` pass over both files;
- the check: ``emailsec-check identities ... --format json --output FILE``, run in a
  subprocess (one process: the check starts no other) so its wall time, CPU time and
  peak memory (``ru_maxrss`` from ``wait4``) are its own, start-up included;
- the ratio, against the goal of at most 3 times the baseline and under 1 GB.

The machine should be otherwise idle: the CPU times are printed as well, as they
suffer less from other work on the machine than the wall times do.

    python scripts/bench_identities.py --repeat 3      # 1,000,000 rows each, 3 runs
    python scripts/bench_identities.py --rows 20000    # a quick run
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.servers.dns_server import Entry, dns_server  # noqa: E402 - needs the repo on the path

GOAL_RATIO = 3.0
GOAL_RSS_MB = 1024

ENTRA_HEADER = (
    "id,displayName,userPrincipalName,userType,givenName,surname,mail,accountEnabled,"
    "jobTitle,department,officeLocation,mobilePhone,proxyAddresses"
)
CONFIGURED_HEADER = "Email,Name,Role,Status,Invited"


def generate(folder: Path, rows: int, domain_count: int, seed: int) -> tuple[Path, Path, list[str]]:
    """Write expected.csv and configured.csv; return them and the mail domains used."""
    rnd = random.Random(seed)
    domains = [f"org{number:03d}.example" for number in range(domain_count)]
    expected = folder / "expected.csv"
    configured = folder / "configured.csv"
    with (
        expected.open("w", encoding="utf-8-sig", newline="") as out_e,
        configured.open("w", encoding="utf-8", newline="") as out_c,
    ):
        out_e.write(ENTRA_HEADER + "\r\n")
        out_c.write(CONFIGURED_HEADER + "\n")
        for number in range(rows):
            domain = domains[number % domain_count]
            given, surname = f"given{number}", f"surname{number}"
            mail = f"{given}.{surname}@{domain}"
            upn = mail
            kind = "Member"
            proxies = ""
            roll = rnd.random()
            if roll < 0.01:  # a guest, known by its #EXT# directory name
                home = f"home{number % 50}.example"
                mail = f"{given}@{home}"
                upn = f"{given}_{home}#EXT#@{domain}"
                kind = "Guest"
            elif roll < 0.06:  # an alias besides the primary address
                proxies = f"SMTP:{mail};smtp:{given}@{domain}"
            if rnd.random() < 0.02:
                surname = ""
            enabled = "False" if rnd.random() < 0.01 else "True"
            out_e.write(
                f"{number:08x}-5c1f-4b57-9e0a-1a2b3c4d5e6f,{given} {surname},{upn},{kind},"
                f"{given},{surname},{mail},{enabled},Analyst,Security,HQ,+1 555 0100,"
                f"{proxies}\r\n"
            )
            login = mail
            roll = rnd.random()
            if roll < 0.03:
                continue  # no account in the product: an ID007 hint
            if roll < 0.04:
                login = f"left{number}@{domain}"  # nobody in the directory
            elif roll < 0.045 and proxies:
                login = f"{given}@{domain}"  # the alias, not the primary
            elif roll < 0.05:
                login = mail.capitalize()  # differs from the directory in letter case
            elif roll < 0.052:
                login = f"{given} {surname}@{domain}"  # not an address
            status, invited = "Active", "2025-06-01"
            if rnd.random() < 0.01:
                status, invited = "Pending", rnd.choice(["2026-02-27", "2025-12-01"])
            out_c.write(f"{login},{given} {surname},Analyst,{status},{invited}\n")
    return expected, configured, domains


def zone(domains: list[str]) -> dict[str, Entry]:
    """MX records for the bench's domains: most ordinary, some Microsoft 365, a few broken."""
    records: dict[str, Entry] = {}
    for number, domain in enumerate(domains):
        if number % 10 == 1:
            mx = f"0 {domain.replace('.', '-')}.mail.protection.outlook.com."
            records[domain] = {"MX": [mx]}
        elif number == 7:
            records[domain] = {"MX": ["0 ."]}  # null MX
        elif number == 9:
            records[domain] = {"A": ["192.0.2.9"]}  # no MX
        elif number == 13:
            records[domain] = "nxdomain"
        else:
            records[domain] = {"MX": [f"10 mx1.{domain}.", f"20 mx2.{domain}."]}
    for number in range(50):
        records[f"home{number}.example"] = {"MX": [f"10 mx.home{number}.example."]}
    # The vendors' own domains, which the check asks for once to trust an NXDOMAIN.
    for vendor in ("cisco.com", "mimecast.com"):
        records[vendor] = {"MX": [f"10 mx.{vendor}."]}
    return records


BASELINE = """
import csv, sys, time
start = time.perf_counter()
rows = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        for row in csv.reader(stream):
            rows += 1
print(time.perf_counter() - start, rows)
"""


def measure(command: list[str]) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak RSS in MiB, exit status, stdout and CPU seconds of one child."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    assert child.stdout is not None and child.stderr is not None
    out = child.stdout.read()
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{command[:4]} failed ({child.returncode}): {err.strip()}")
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / scale, child.returncode, out, cpu


def _each(values: Iterable[float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


def summary_of(report: Path) -> str:
    """The summary counts from the head of the JSON report (without loading all of it)."""
    with report.open(encoding="utf-8") as stream:
        head = stream.read(4096)
    found = re.search(r'"summary": \{([^}]*)\}', head)
    return " ".join(found.group(1).split()) if found else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in each file")
    parser.add_argument("--domains", type=int, default=300, help="distinct mail domains")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the median counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the files and report here and keep them")
    args = parser.parse_args()
    if args.rows < 1 or args.domains < 14:
        parser.error("--rows must be at least 1 and --domains at least 14")

    with tempfile.TemporaryDirectory(prefix="bench-identities-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        expected, configured, domains = generate(folder, args.rows, args.domains, args.seed)
        sizes = sum(path.stat().st_size for path in (expected, configured)) / 1e6
        print(
            f"generated {args.rows:,} expected and {args.rows:,} configured rows "
            f"({sizes:,.0f} MB, {len(domains)} domains) in {time.perf_counter() - started:.1f} s"
        )
        report = folder / "report.json"
        with dns_server(zone(domains)) as server:
            command = [
                sys.executable, "-m", "emailsec_check", "identities",
                str(configured), str(expected),
                "--format", "json", "--output", str(report),
                "--nameserver", server.address, "--timeout", "5", "--as-of", "2026-03-01",
            ]  # fmt: skip
            baselines: list[float] = []
            baseline_cpu: list[float] = []
            runs = []
            # Alternated, so that a busy spell of a shared machine hits both alike.
            for _ in range(args.repeat):
                plain = measure([sys.executable, "-c", BASELINE, str(expected), str(configured)])
                baselines.append(plain[0])
                baseline_cpu.append(plain[4])
                runs.append(measure(command))
            queries = sum(server.queries.values())
        baseline = statistics.median(baselines)
        seconds = statistics.median(run[0] for run in runs)
        peak = statistics.median(run[1] for run in runs)
        ratio = seconds / baseline
        cpu_ratio = statistics.median(run[4] for run in runs) / statistics.median(baseline_cpu)
        if args.repeat > 1:
            print(f"runs      baseline {_each(baselines)} s; check {_each(r[0] for r in runs)} s")
            print(f"peaks     {_each(r[1] for r in runs)} MiB")
        print(f"baseline  csv.reader over both files: {baseline:6.2f} s (median)")
        print(
            f"check     identities --format json:   {seconds:6.2f} s (median)  "
            f"peak RSS {peak:,.0f} MiB  exit {runs[0][2]}  DNS queries {queries // args.repeat}"
        )
        print(f"report    {report.stat().st_size / 1e6:,.0f} MB, {summary_of(report)}")
        print(f"cpu       {cpu_ratio:.2f} x the baseline's CPU time (user + system, medians)")
        verdict = "met" if ratio <= GOAL_RATIO and peak < GOAL_RSS_MB else "NOT met"
        print(
            f"ratio     {ratio:.2f} x baseline (goal <= {GOAL_RATIO} x, < {GOAL_RSS_MB} MiB): "
            f"{verdict}"
        )


if __name__ == "__main__":
    main()

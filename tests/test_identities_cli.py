"""``emailsec-check identities`` as a user runs it: reports in every format, --redact,
formula-safe cells, exit statuses, and input files left exactly as they were."""

from __future__ import annotations

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from emailsec_check.options import OutputFormat
from tests.conftest import Cli

DATA = Path(__file__).parent / "data" / "identities"
PRODUCT = DATA / "product-users.csv"
ENTRA = DATA / "entra-users.csv"
FORMATS = [fmt.value for fmt in OutputFormat]


def identities(cli: Cli, *args: str | Path) -> tuple[int, str, str]:
    result = cli("identities", PRODUCT, ENTRA, "--no-dns", "--as-of", "2026-03-01", *args)
    return result.code, result.out, result.err


def test_text_report_of_the_sample(cli: Cli) -> None:
    code, out, err = identities(cli)
    assert code == 1 and not err
    for line in (
        "[✓] ID001 jane.doe@acme.example: known to the identity provider",
        "[!] ID004 jane.doe@acme.example: differs from the directory's Jane.Doe@acme.example",
        "[✗] ID005 bob@acme.example: the Microsoft account has no last name",
        "[✗] ID001 nobody@acme.example: no identity in entra-users.csv has this address",
        "[✗] ID003 frank.upn@acme.example:",
        "[✓] ID008 pat@mail.test: not activated yet: created 2026-02-27",
        "[✗] ID008 eve@acme.example: still not activated 28 days after 2026-02-01",
        "[!] ID007 entra-users.csv: 1 enabled identity in entra-users.csv has no login",
    ):
        assert line in out
    assert "carl@acme.example" not in out  # disabled in the directory: needs no account
    listed = cli("identities", PRODUCT, ENTRA, "--no-dns", "--as-of", "2026-03-01", "--coverage")
    assert "[!] ID007 dana@acme.example: in entra-users.csv, but no login" in listed.out
    assert "4 fail, 1 skip (problems found, " in out


def test_product_rules(cli: Cli) -> None:
    code, out, _ = identities(cli, "--product", "mimecast", "-q")
    assert code == 1
    assert "ID005" not in out and "ID008" not in out  # not Mimecast's rules
    assert "Mimecast Secure Messaging" in out
    code, out, err = identities(cli, "--product", "nope")
    assert code == 2 and not out
    assert err.startswith("emailsec-check: error: unknown product 'nope'")


def test_thousands_of_passes_fold_in_text_but_not_in_json(cli: Cli, tmp_path: Path) -> None:
    logins = [f"user{n}@acme.example" for n in range(120)]
    (tmp_path / "p.csv").write_text("Login\n" + "\n".join(logins) + "\n")
    (tmp_path / "e.csv").write_text("email,provider\n" + "\n".join(f"{a},Okta" for a in logins))
    text = cli("identities", tmp_path / "p.csv", tmp_path / "e.csv", "--no-dns")
    assert text.code == 0
    assert "ID001 Login belongs to an expected identity: 120 passed" in text.out
    assert "user7@acme.example" not in text.out
    data = cli("identities", tmp_path / "p.csv", tmp_path / "e.csv", "--no-dns", "-f", "json")
    items = json.loads(data.out)["results"]
    assert [item["data"]["email"] for item in items if item["id"] == "ID001"] == logins


def test_strict_counts_hints(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("Email\nA@acme.example\n")
    (tmp_path / "e.csv").write_text("email,provider\na@acme.example,Okta\n")
    args = ("identities", tmp_path / "p.csv", tmp_path / "e.csv", "--no-dns")
    assert cli(*args).code == 0  # a letter-case hint only
    assert cli(*args, "--strict").code == 1


SECRETS = ("jane", "jd@", "bob@", "nobody", "eve@", "frank", "dana", "pat@", "hyperlink")


@pytest.mark.parametrize("fmt", FORMATS)
def test_redact_in_every_format(cli: Cli, fmt: str) -> None:
    code, out, err = identities(cli, "--redact", "--format", fmt)
    assert code == (2 if fmt == "nagios" else 1) and not err  # Nagios: 2 is CRITICAL
    for secret in SECRETS:
        assert secret not in out.lower(), (fmt, secret)
    if fmt != "prometheus":  # metrics carry no addresses at all
        assert "n***@acme.example#" in out.replace("\\*", "*")  # Markdown escapes the stars


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_well_formed(cli: Cli, fmt: str) -> None:
    code, out, _ = identities(cli, "--format", fmt)
    assert code == (2 if fmt == "nagios" else 1)
    if fmt == "json":
        document = json.loads(out)
        emails = {item["data"]["email"] for item in document["results"]}
        assert "nobody@acme.example" in emails
        assert all(item["area"] == "identities" for item in document["results"])
    elif fmt == "junit":
        assert ET.fromstring(out).tag == "testsuites"


def test_formula_cells_are_never_written_to_run(cli: Cli, tmp_path: Path) -> None:
    product = tmp_path / "product.csv"
    product.write_text("Email\n=1+2@acme.example\n+x@acme.example\n@cmd@acme.example\n")
    args = ("identities", product, ENTRA, "--no-dns")
    markdown = cli(*args, "-f", "markdown").out
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    for row in rows:
        for cell in row.strip("|").split("|"):
            assert not cell.strip().startswith(("=", "+", "-", "@")), row
    assert "'=1+2@acme.example" in markdown and "'@cmd@acme.example" in markdown
    # JSON is data, not a spreadsheet: subjects and data.email exactly as given.
    document = json.loads(cli(*args, "-f", "json").out)
    assert {"=1+2@acme.example", "+x@acme.example", "@cmd@acme.example"} <= {
        item["subject"] for item in document["results"]
    }
    assert {"=1+2@acme.example", "+x@acme.example", "@cmd@acme.example"} <= {
        item["data"]["email"] for item in document["results"]
    }
    # The directory's formula-looking names and titles are never written anywhere.
    for fmt in FORMATS:
        out = cli("identities", PRODUCT, ENTRA, "--no-dns", "-f", fmt).out
        assert "HYPERLINK" not in out and "@Eve" not in out and "+Boss" not in out


def test_input_files_are_left_unchanged(cli: Cli, tmp_path: Path) -> None:
    copies = [shutil.copy2(path, tmp_path / path.name) for path in (PRODUCT, ENTRA)]
    before = [(Path(p).read_bytes(), Path(p).stat().st_mtime_ns) for p in copies]
    digest = [hashlib.sha256(data).hexdigest() for data, _ in before]
    for fmt in FORMATS:
        report = tmp_path / f"report.{fmt}"
        result = cli("identities", *copies, "--no-dns", "-f", fmt, "-o", report)
        assert result.code == (2 if fmt == "nagios" else 1), result.err
        assert report.stat().st_size > 0 and not result.out
    after = [(Path(p).read_bytes(), Path(p).stat().st_mtime_ns) for p in copies]
    assert after == before
    assert [hashlib.sha256(data).hexdigest() for data, _ in after] == digest
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"Name,Role\nJo,Admin\n", ":1: no column with login email addresses"),
        (b'Email\n"a@acme.example\nb@acme.example\n', ":2: broken CSV quoting"),
        (b"Email\nm\xfcller@acme.example\n", ":2: not UTF-8 text"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(
    cli: Cli, tmp_path: Path, content: bytes, where: str
) -> None:
    product = tmp_path / "product.csv"
    product.write_bytes(content)
    result = cli("identities", product, ENTRA, "--no-dns")
    assert result.code == 2 and not result.out
    assert result.err == f"emailsec-check: error: {product}{where}" + result.err.split(where, 1)[1]
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_bad_options_exit_2(cli: Cli) -> None:
    result = cli("identities", PRODUCT, ENTRA, "--as-of", "soon")
    assert result.code == 2 and "--as-of 'soon'" in result.err
    result = cli("identities", PRODUCT, ENTRA, "--nameserver", "not a server!")
    assert result.code == 2 and "--nameserver" in result.err
    result = cli("identities", PRODUCT, Path("missing.csv"), "--no-dns")
    assert result.code == 2 and "missing.csv: expected identities file not found" in result.err


def test_columns_named_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    product = tmp_path / "product.csv"
    product.write_text("Name,User Email Address\nAl,al@acme.example\n")
    people = tmp_path / "people.csv"
    people.write_text("Person,Work Mail,provider\nAl,al@acme.example,Okta\n")
    args = ("identities", product, people, "--no-dns")
    result = cli(*args, "--login-column", "User Email Address", "--expected-column", "work mail")
    assert result.code == 0, result.err
    assert "[✓] ID001 al@acme.example: known to the identity provider" in result.out
    result = cli(*args, "--login-column", "User Emial Address", "--expected-column", "Work Mail")
    assert result.code == 2 and not result.out
    assert result.err.startswith(f"emailsec-check: error: {product}:1: --login-column ")
    assert "did you mean 'User Email Address'?" in result.err
    assert "the header has: Name, User Email Address" in result.err
    assert cli(*args).code == 2  # no known login column: name it


def test_a_leaver_with_a_login_fails_id010(cli: Cli, tmp_path: Path) -> None:
    product = tmp_path / "product.csv"
    product.write_text("Email\nleaver@acme.example\njane.doe@acme.example\nother@acme.example\n")
    result = cli("identities", product, DATA / "entra-download.csv", "--no-dns")
    assert result.code == 1, result.err
    assert "[✗] ID010 leaver@acme.example: the account in entra-download.csv is disabled" in (
        result.out
    )
    # The real download lists no aliases: an unknown login may be one, said once.
    assert "[–] ID001 other@acme.example:" in result.out
    assert result.out.count("ID003 entra-download.csv") == 1

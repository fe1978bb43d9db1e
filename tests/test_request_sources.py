"""Reading support requests: the plain form, TOML, JSON, telling the kind, and junk files."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from emailsec_check.errors import InputError
from emailsec_check.profiles import ProfileSet, RequestKind, load_profiles
from emailsec_check.sources.request.document import MAX_REQUEST_BYTES, Form, RequestDocument
from emailsec_check.sources.request.kinds import match_fields, resolve_kind
from emailsec_check.sources.request.reading import parse_request, read_request

DATA = Path(__file__).parent / "data" / "requests"
GLO = "cisco-glo-licensing"
MIMECAST = "mimecast-secure-messaging-support"


@pytest.fixture(scope="module")
def known() -> ProfileSet:
    return load_profiles(environ={})


def parse(text: str, known: ProfileSet, suffix: str = ".txt") -> RequestDocument:
    return parse_request(text.encode(), "req" + suffix, suffix=suffix, kinds=known.request_kinds())


def kind(known: ProfileSet, kind_id: str) -> RequestKind:
    return next(k for k in known.request_kinds() if k.id == kind_id)


def fields(doc: RequestDocument, known: ProfileSet, kind_id: str = GLO) -> dict[str, str]:
    """field id -> value of the first entry that names it."""
    matched = match_fields(doc, kind(known, kind_id))
    return {key: entries[0].value or "" for key, entries in matched.fields.items() if entries}


# --------------------------------------------------------------------------- plain form


def test_plain_form_as_the_vendor_shows_it(known: ProfileSet) -> None:
    doc = read_request(DATA / "glo-licensing.txt", known.request_kinds())
    assert doc.form is Form.TEXT
    got = fields(doc, known)
    assert got["web_order_id"] == "98765432"
    assert got["customer_email"] == "jane.doe@acme.example"
    assert got["details"].splitlines()[0].startswith("Applied the renewal licence")
    assert len(got["details"].splitlines()) == 3


@pytest.mark.parametrize(
    "label",
    [
        "Cisco Web Order ID #",
        "cisco web order id",
        "CISCO   WEB-ORDER-ID",
        "Cisco_Web_Order_ID",
        "  - Cisco Web Order ID #",
        "1. Cisco Web Order ID #",
        "**Cisco Web Order ID #**",
        "Order number",  # an alias from the profile
        "Sales order number",  # an alias inside a longer label
        "web_order_id",  # the field id
    ],
)
def test_labels_match_loosely(known: ProfileSet, label: str) -> None:
    doc = parse(f"{label}: 98765432\nCisco.com ID: jdoe\n", known)
    assert fields(doc, known)["web_order_id"] == "98765432"


def test_long_vendor_phrasing_matches_the_field(known: ProfileSet) -> None:
    doc = parse(
        "The date / time of the logon attempt used to access the portal: 2026-11-20 14:05 UTC\n"
        "The URL used to access the Secure Messaging Portal: https://login-eu.mimecast.com/\n"
        "Your web browser information and version: Firefox 128.0\n",
        known,
    )
    got = fields(doc, known, MIMECAST)
    assert got == {
        "attempt_time": "2026-11-20 14:05 UTC",
        "portal_url": "https://login-eu.mimecast.com/",
        "browser": "Firefox 128.0",
    }


def test_full_width_colon_and_markdown_bold_value(known: ProfileSet) -> None:
    doc = parse("**Cisco.com ID:** jdoe\nProduct Name：Cisco Secure Endpoint\n", known)
    assert fields(doc, known) == {"cisco_com_id": "jdoe", "product_name": "Cisco Secure Endpoint"}


def test_values_go_on_over_following_lines(known: ProfileSet) -> None:
    doc = parse(
        "Issue/Request Details: first line\n"
        "second line, straight after\n"
        "\n"
        "   an indented line after a blank one\n"
        "    Error: this colon is inside the value\n"
        "Cisco.com ID: jdoe\n",
        known,
    )
    assert fields(doc, known)["details"] == (
        "first line\nsecond line, straight after\n\nan indented line after a blank one\n"
        "Error: this colon is inside the value"
    )
    assert fields(doc, known)["cisco_com_id"] == "jdoe"


def test_value_may_start_on_the_next_line(known: ProfileSet) -> None:
    doc = parse("Cisco.com ID:\n\njdoe\nProduct Name: Cisco Secure Endpoint\n", known)
    assert fields(doc, known)["cisco_com_id"] == "jdoe"


def test_long_sentence_with_a_colon_stays_in_the_value(known: ProfileSet) -> None:
    doc = parse(
        "Issue/Request Details: Applied the licence.\n"
        "After that the console showed this message: order already claimed\n",
        known,
    )
    assert "order already claimed" in fields(doc, known)["details"]
    assert [entry.label for entry in doc.entries] == ["Issue/Request Details"]


def test_short_unknown_label_is_kept_as_an_entry(known: ProfileSet) -> None:
    doc = parse("Cisco.com ID: jdoe\nPhone: +1 555 0100\n", known)
    matched = match_fields(doc, kind(known, GLO))
    assert [(entry.label, entry.value) for entry, _near in matched.unknown] == [
        ("Phone", "+1 555 0100")
    ]


def test_text_after_a_blank_line_is_stray_not_dropped(known: ProfileSet) -> None:
    doc = parse("Cisco.com ID: jdoe\n\nThanks, Jane\n", known)
    assert fields(doc, known)["cisco_com_id"] == "jdoe"
    assert [(s.line, s.text) for s in doc.stray] == [(3, "Thanks, Jane")]


def test_notes_kind_line_and_uniform_indentation(known: ProfileSet) -> None:
    doc = parse(
        "# a note\n  kind: cisco-glo-licensing\n  Cisco.com ID: jdoe\n  Product Name: FireAMP\n",
        known,
    )
    assert doc.kind == GLO and doc.kind_line == 2
    assert fields(doc, known) == {"cisco_com_id": "jdoe", "product_name": "FireAMP"}


def test_bare_url_line_is_not_a_label(known: ProfileSet) -> None:
    doc = parse("URL used:\nhttps://login-eu.mimecast.com/\n", known)
    assert fields(doc, known, MIMECAST)["portal_url"] == "https://login-eu.mimecast.com/"


def test_windows_line_ends_and_byte_order_mark(known: ProfileSet) -> None:
    data = "\ufeffCisco.com ID: jdoe\r\nProduct Name: FireAMP\r\n".encode()
    doc = parse_request(data, "req.txt", kinds=known.request_kinds())
    assert fields(doc, known) == {"cisco_com_id": "jdoe", "product_name": "FireAMP"}


def test_utf16_with_byte_order_mark_is_read(known: ProfileSet) -> None:
    doc = parse_request("Cisco.com ID: jdoe\n".encode("utf-16"), "req.txt")
    assert doc.entries[0].value == "jdoe"


# --------------------------------------------------------------------------- TOML and JSON


def test_toml_form(known: ProfileSet) -> None:
    doc = read_request(DATA / "glo-licensing.toml")
    assert doc.form is Form.TOML and doc.kind == GLO
    got = fields(doc, known)
    assert got["web_order_id"] == "98765432"  # an integer in TOML
    assert got["end_customer"] == "Acme Ltd"  # the label as a quoted key
    lines = {entry.label: entry.line for entry in doc.entries}
    assert lines["web_order_id"] == 8


def test_toml_datetime_value_keeps_its_offset(known: ProfileSet) -> None:
    doc = read_request(DATA / "mimecast-logon.toml")
    assert fields(doc, known, MIMECAST)["attempt_time"] == "2026-11-20T14:05:00+01:00"


def test_json_form(known: ProfileSet) -> None:
    doc = read_request(DATA / "glo-licensing.json")
    assert doc.form is Form.JSON and doc.kind == GLO
    assert fields(doc, known)["web_order_id"] == "98765432"
    assert {entry.label: entry.line for entry in doc.entries}["Cisco Web Order ID #"] == 6


def test_json_values_that_are_not_text(known: ProfileSet) -> None:
    doc = parse(
        json.dumps({"Cisco.com ID": None, "email": ["a@b.example"], "name": {"x": 1}, "pn": True}),
        known,
        ".json",
    )
    problems = {entry.label: (entry.value, entry.problem) for entry in doc.entries}
    assert problems == {
        "Cisco.com ID": ("", ""),
        "email": (None, "a list, not text"),
        "name": (None, "a table, not text"),
        "pn": (None, "true/false, not text"),
    }


def test_json_repeated_keys_are_all_kept(known: ProfileSet) -> None:
    doc = parse('{"email": "a@acme.example", "email": "b@acme.example"}', known, ".json")
    assert [entry.value for entry in doc.entries] == ["a@acme.example", "b@acme.example"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ('{"Cisco.com ID": "jdoe"}', Form.JSON),
        ('# note\ncisco_com_id = "jdoe"\n', Form.TOML),
        ("Cisco.com ID: jdoe\n", Form.TEXT),
    ],
)
def test_form_is_sniffed_without_a_suffix(known: ProfileSet, text: str, form: Form) -> None:
    assert parse(text, known, "").form is form


# --------------------------------------------------------------------------- kinds


def test_kind_named_in_the_file(known: ProfileSet) -> None:
    doc = parse(
        "kind: Mimecast Secure Messaging support escalation\nemail: a@acme.example\n", known
    )
    chosen, how = resolve_kind(doc, known)
    assert chosen.id == MIMECAST and how == "named in the file"


def test_kind_by_option_and_by_product(known: ProfileSet) -> None:
    doc = parse("email: a@acme.example\n", known)
    assert resolve_kind(doc, known, GLO)[0].id == GLO
    assert resolve_kind(doc, known, "mimecast")[0].id == MIMECAST  # a product with one kind


def test_kind_recognised_from_fields(known: ProfileSet) -> None:
    doc = parse("email: a@acme.example\nBrowser: Firefox 128\n", known)
    assert resolve_kind(doc, known)[0].id == MIMECAST
    doc = parse("email: a@acme.example\nOrder number: 123\n", known)
    assert resolve_kind(doc, known)[0].id == GLO


@pytest.mark.parametrize(
    "text",
    ["email: a@acme.example\n", "Favourite colour: blue\n"],
    ids=["shared-field-only", "no-known-field"],
)
def test_kind_that_cannot_be_told_lists_the_kinds(known: ProfileSet, text: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_kind(parse(text, known), known)
    message = str(caught.value)
    assert "cannot tell which kind" in message
    assert GLO in message and MIMECAST in message and "--kind" in message


def test_unknown_kind_lists_the_kinds(known: ProfileSet) -> None:
    with pytest.raises(InputError) as caught:
        resolve_kind(parse("kind: printer-repair\nemail: a@acme.example\n", known), known)
    assert caught.value.line == 1 and GLO in str(caught.value)
    with pytest.raises(InputError, match="--kind: unknown request kind"):
        resolve_kind(parse("email: a@acme.example\n", known), known, "printer-repair")


def test_file_and_option_disagreeing_is_an_error(known: ProfileSet) -> None:
    doc = parse(f"kind: {GLO}\nemail: a@acme.example\n", known)
    with pytest.raises(InputError, match="--kind says"):
        resolve_kind(doc, known, MIMECAST)


# --------------------------------------------------------------------------- junk


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "empty", None),
        (b"  \n\t\n# only a note\n", "empty", None),
        (b"Cisco.com ID: jdoe\n\x00\x01\x02binary", "binary", 2),
        (b"Cisco.com ID: jdoe\nProduct Name: caf\xe9\n", "not UTF-8 text (byte 0xe9)", 2),
        (b"Cisco.com ID: jdoe\n\x1b[2J\n", "control character U+001B", 2),
        (b"\xff\xfeC\x00i\x00\xd8", "UTF-16", None),
    ],
    ids=["empty", "blank-and-notes", "binary", "latin-1", "escape-sequence", "broken-utf16"],
)
def test_junk_bytes_are_refused_with_where(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(InputError) as caught:
        parse_request(data, "junk.txt")
    assert message in str(caught.value)
    assert caught.value.path == "junk.txt" and caught.value.line == line


@pytest.mark.parametrize(
    ("text", "suffix", "message", "line"),
    [
        ('kind = "x"\nemail = \n', ".toml", "not valid TOML", 2),
        ("cisco_com_id = 'a'\ncisco_com_id = 'b'\n", ".toml", "not valid TOML", 2),
        ('{"email": "a@acme.example",\n}', ".json", "not valid JSON", 2),
        ('["a", "b"]', ".json", "one object", 1),
        ("[" * 100_000, ".json", "nested more than 32 levels deep", 1),
        ("a." * 20_000 + "a = 1\n", ".toml", "nested more than 32 levels deep", 1),
        ('{"kind": 3}', ".json", "kind: must be the id of a request kind", 1),
    ],
    ids=[
        "toml-syntax",
        "toml-repeated-key",
        "json-syntax",
        "json-array",
        "json-deep",
        "toml-dotted-deep",
        "kind-type",
    ],
)
def test_broken_toml_and_json_are_refused(
    text: str, suffix: str, message: str, line: int | None
) -> None:
    with pytest.raises(InputError) as caught:
        parse_request(text.encode(), "junk" + suffix, suffix=suffix)
    assert message in str(caught.value)
    assert caught.value.line == line


def test_enormous_file_is_refused_after_reading_the_cap_only(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Cisco.com ID: jdoe\n" * (MAX_REQUEST_BYTES // 10))
    with pytest.raises(InputError, match="larger than 1 MiB"):
        read_request(path)


def test_standard_input_is_the_stream_given(known: ProfileSet) -> None:
    stream = io.BytesIO((DATA / "glo-licensing.txt").read_bytes())
    doc = read_request("-", known.request_kinds(), stdin=stream)
    assert doc.source == "<stdin>" and fields(doc, known)["cisco_com_id"] == "jdoe-acme"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_request(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_request(tmp_path)


def test_random_bytes_never_escape_as_another_error(known: ProfileSet) -> None:
    """Fuzz: random bytes, and valid requests with random bytes spliced in, parse or InputError."""
    from emailsec_check.checks.request import assess_request
    from emailsec_check.rules.hosts import HostRules

    rng = random.Random(20261122)
    rules = HostRules(known)
    seeds = [(path.read_bytes(), path.suffix) for path in sorted(DATA.glob("*.*"))]
    # Mutations are mostly text (so they reach the checks), now and then a byte that is not.
    units = [bytes([c]) for c in b"\t\n\n\r :::#==\"'{}[]<>@@./-+,;\\aZ09"]
    units += ["é".encode(), "\u202e".encode(), "\u3000".encode(), b"\xff", b"\x00"]
    samples: list[tuple[bytes, str]] = []
    for _ in range(300):
        samples.append((rng.randbytes(rng.randrange(0, 400)), rng.choice(["", ".toml", ".json"])))
    for _ in range(1500):
        seed, suffix = rng.choice(seeds)
        base = bytearray(seed)
        for _ in range(rng.randrange(1, 6)):
            at = rng.randrange(0, len(base) + 1)
            chunk = b"".join(rng.choice(units) for _ in range(rng.randrange(1, 8)))
            base[at : at + rng.randrange(0, 4)] = chunk
        samples.append((bytes(base), suffix if rng.random() < 0.8 else ""))
    assessed = 0
    for data, suffix in samples:
        try:
            doc = parse_request(data, "fuzz" + suffix, suffix=suffix, kinds=known.request_kinds())
            for chosen in known.request_kinds():
                assessment = assess_request(doc, chosen, rules)
                assessment.rendered()
            assessed += 1
            resolve_kind(doc, known)
        except InputError:
            continue
    assert assessed > 300  # the mutations did reach the checks, not only the reader

"""Region names in profiles: ids, aliases and status components, as an admin types them."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from emailsec_check.errors import InputError
from emailsec_check.profiles import ProfileSet, load_profile_file, load_profiles

ENDPOINT = "cisco-secure-endpoint"
SETD = "cisco-secure-email-threat-defense"
MIMECAST = "mimecast-secure-messaging"


def _bundled() -> ProfileSet:
    return load_profiles((), environ={})


@pytest.mark.parametrize(
    ("product", "name", "region"),
    [
        (ENDPOINT, "europe", "europe"),
        (ENDPOINT, "EU", "europe"),
        (ENDPOINT, "emea", "europe"),
        (ENDPOINT, " Europe ", "europe"),
        (ENDPOINT, "us", "americas"),
        (ENDPOINT, "NA", "americas"),
        (ENDPOINT, "north-america", "americas"),
        (ENDPOINT, "amer", "americas"),
        (ENDPOINT, "apac", "apjc"),
        (ENDPOINT, "asia-pacific", "apjc"),
        (SETD, "us", "north-america"),
        (SETD, "americas", "north-america"),
        (SETD, "eu", "europe"),
        (SETD, "de", "europe"),
        (SETD, "in", "india"),
        (SETD, "ae", "uae"),
        (MIMECAST, "eu", "eu"),
        (MIMECAST, "Europe", "eu"),
        (MIMECAST, "emea", "eu"),
        (MIMECAST, "uk", "eu"),
        (MIMECAST, "americas", "us"),
        (MIMECAST, "jer", "offshore"),
        (MIMECAST, "South-Africa", "za"),
    ],
)
def test_a_region_is_found_by_id_or_alias_in_any_case(product: str, name: str, region: str) -> None:
    found = _bundled().require(product).find_region(name)
    assert found is not None and found.id == region


def test_one_name_finds_the_region_of_every_product_that_has_it() -> None:
    found = _bundled().find_regions("eu")
    assert {product: region.id for product, region in found.items()} == {
        ENDPOINT: "europe",
        SETD: "europe",
        MIMECAST: "eu",
    }
    assert _bundled().find_regions("mars") == {}


def test_an_unknown_region_is_not_found() -> None:
    assert _bundled().require(ENDPOINT).find_region("mars") is None


def test_secure_endpoint_has_its_statuspage_and_regional_components() -> None:
    endpoint = _bundled().require(ENDPOINT)
    page = endpoint.status_page
    assert page is not None
    assert (page.url, page.platform, page.confidence) == (
        "https://status.amp.cisco.com",
        "statuspage",
        "3rd",
    )
    assert "p5n46sppww3j" in page.note
    assert not any("no public status page" in note.lower() for note in endpoint.notes)
    components = {region.id: region.status_components for region in endpoint.regions}
    assert components == {
        "americas": ("* (North America)",),
        "europe": ("* (Europe)",),
        "apjc": ("* (APJC)",),
    }


def test_vendor_domains_are_loaded() -> None:
    known = _bundled()
    assert known.require(ENDPOINT).vendor_domains == ("cisco.com",)
    assert "mimecast.com" in known.require(MIMECAST).vendor_domains


BASE = """\
id = "acme-cloud"
name = "ACME Cloud"

[[regions]]
id = "one"
name = "Region one"
aliases = ["first", "uno"]
console_hosts = ["console.one.acme.example"]

[[regions]]
id = "two"
name = "Region two"
aliases = ["second"]
console_hosts = ["console.two.acme.example"]
"""


def _load_error(tmp_path: Path, text: str) -> InputError:
    path = tmp_path / "acme-cloud.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile_file(path)
    error: InputError = caught.value
    assert error.path == str(path)
    return error


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def test_an_alias_used_by_two_regions_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = BASE.replace('aliases = ["second"]', 'aliases = ["second", "Uno"]')
    error = _load_error(tmp_path, text)
    assert error.line == _line(text, '"Uno"')
    assert "'uno' already names region 'one'" in str(error)


def test_an_alias_that_is_another_regions_id_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace('aliases = ["first", "uno"]', 'aliases = ["first", "two"]')
    error = _load_error(tmp_path, text)
    assert error.line == _line(text, 'id = "two"')
    assert "already names region 'one'" in str(error)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('aliases = ["first", "first"]', "listed twice"),
        ('aliases = ["north america"]', "letters, digits"),
        ('aliases = "first"', "list of strings"),
        ('status_components = ["*"]', "bare '*'"),
        ('status_components = [""]', "not be empty"),
    ],
)
def test_bad_region_names_are_errors_at_their_line(tmp_path: Path, line: str, words: str) -> None:
    text = BASE.replace('aliases = ["first", "uno"]', line)
    error = _load_error(tmp_path, text)
    assert error.line == _line(text, line)
    assert words in str(error)


def test_status_components_and_aliases_are_loaded(tmp_path: Path) -> None:
    path = tmp_path / "acme-cloud.toml"
    path.write_text(
        BASE.replace('aliases = ["second"]', 'aliases = ["Second"]\nstatus_components = ["EU *"]'),
        encoding="utf-8",
    )
    profile = load_profile_file(path)
    two = profile.find_region("SECOND")
    assert two is not None
    assert (two.aliases, two.status_components) == (("second",), ("EU *",))
    assert profile.region_names() == ["one", "first", "uno", "two", "second"]


def test_a_host_may_carry_its_own_confidence(tmp_path: Path) -> None:
    path = tmp_path / "acme-cloud.toml"
    text = BASE.replace(
        'aliases = ["second"]',
        'aliases = ["second"]\nhost_confidence = { "console.two.acme.example" = "uncertain" }',
    )
    path.write_text(text, encoding="utf-8")
    two = load_profile_file(path).find_region("two")
    assert two is not None
    assert two.host_confidence("console.two.acme.example") == "uncertain"
    assert two.host_uncertain("console.two.acme.example")
    endpoint = _bundled().require(ENDPOINT).find_region("europe")
    assert endpoint is not None
    assert endpoint.host_confidence("api.eu.amp.cisco.com") == "3rd"
    assert endpoint.host_confidence("console.eu.amp.cisco.com") == "seed"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('host_confidence = { "console.one.acme.example" = "sure" }', "must be one of"),
        ('host_confidence = { "other.acme.example" = "doc" }', "is not one of the region's"),
    ],
)
def test_bad_host_confidence_is_an_error_at_its_line(tmp_path: Path, line: str, words: str) -> None:
    line = line.replace("console.one", "console.two")
    text = BASE.replace('aliases = ["second"]', 'aliases = ["second"]\n' + line)
    error = _load_error(tmp_path, text)
    assert error.line == _line(text, "host_confidence")
    assert words in str(error)


def _host_table_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_host_table", Path(__file__).parent.parent / "scripts" / "gen_host_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_host_table_is_generated_from_the_profiles() -> None:
    script = _host_table_script()
    text = script.table(list(_bundled()))
    for profile in _bundled():
        for region in profile.regions:
            for host, _kind in region.hosts():
                assert f"`{host}` [{region.host_confidence(host)}]" in text
    assert "`status.amp.cisco.com` [3rd]" in text
    assert script.main(["--check"]) == 0, "paste python scripts/gen_host_table.py into README"

"""Profiles: the bundled ones load anywhere, every broken file is named with key and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from emailsec_check import tomlcompat
from emailsec_check.errors import InputError
from emailsec_check.profiles import (
    ENV_PROFILES,
    ProfileSet,
    bundled_dir,
    load_profile_file,
    load_profiles,
)
from emailsec_check.profiles import load as profiles_load
from tests.conftest import REPO, BuiltWheel, Cli

DATA = Path(__file__).parent / "data" / "profiles"
BUNDLED_IDS = [
    "cisco-secure-email-threat-defense",
    "cisco-secure-endpoint",
    "mimecast-secure-messaging",
]


def _bundled() -> ProfileSet:
    return load_profiles((), environ={})


# --------------------------------------------------------------------------- bundled


def test_bundled_profiles_load() -> None:
    known = _bundled()
    assert [profile.id for profile in known] == BUNDLED_IDS
    for profile in known:
        assert Path(profile.source).parent == REPO / "profiles"


def test_contract_region_ids_of_the_seed_products() -> None:
    known = _bundled()
    endpoint = known.require("cisco-secure-endpoint")
    assert [region.id for region in endpoint.regions] == ["americas", "europe", "apjc"]
    setd = known.require("cisco-secure-email-threat-defense")
    assert [region.id for region in setd.regions][:3] == ["north-america", "europe", "apjc"]
    assert known.require("mimecast-secure-messaging").regions


def test_every_bundled_host_is_a_host_name_and_has_one_owner() -> None:
    known = _bundled()
    owners: dict[str, str] = {}
    for profile in known:
        for region in profile.regions:
            for host, _role in region.hosts():
                assert host not in owners, host
                owners[host] = f"{profile.id}/{region.id}"
    assert set(owners) <= set(known.hosts)


def test_profiles_found_by_alias_in_any_case() -> None:
    known = _bundled()
    assert known.require("AMP").id == "cisco-secure-endpoint"
    assert known.require(" Mimecast ").id == "mimecast-secure-messaging"
    assert known.get("nothing") is None
    with pytest.raises(InputError, match="unknown product 'nothing'"):
        known.require("nothing")


def test_checkout_folder_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "emailsec_check"
    package.mkdir()
    monkeypatch.setattr(profiles_load, "__file__", str(package / "profiles" / "load.py"))
    assert bundled_dir() == tmp_path / "profiles"
    (package / "_profiles").mkdir()
    assert bundled_dir() == package / "_profiles"


def test_wheel_carries_the_profiles_inside_the_package() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        pyproject = tomlcompat.loads(handle.read().decode("utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force == {
        "profiles": "emailsec_check/_profiles",
        "completions": "emailsec_check/_completions",
    }


def _run_in_wheel(script: str, folder: Path, built_wheel: BuiltWheel) -> str:
    """What ``python -c script`` prints with only the built wheel's package importable."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(built_wheel.site)},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def test_profiles_load_from_a_built_wheel(tmp_path: Path, built_wheel: BuiltWheel) -> None:
    for profile_id in BUNDLED_IDS:
        assert f"emailsec_check/_profiles/{profile_id}.toml" in built_wheel.names
    script = (
        "import json, emailsec_check.profiles as p;"
        "print(json.dumps([str(p.bundled_dir()), [x.id for x in p.load_profiles((), {})]]))"
    )
    folder, ids = json.loads(_run_in_wheel(script, tmp_path, built_wheel))
    assert folder == str(built_wheel.site / "emailsec_check" / "_profiles")
    assert ids == BUNDLED_IDS


def test_a_built_wheel_loads_the_bundled_profiles_without_parsing_toml(
    tmp_path: Path, built_wheel: BuiltWheel
) -> None:
    assert "emailsec_check/profiles/built.py" in built_wheel.names
    script = (
        "import sys, emailsec_check.profiles as p; p.load_profiles((), {});"
        "print(sorted(m for m in sys.modules if m.startswith(('tomllib', 'tomli', 'json'))))"
    )
    # The profile cache served every bundled file: no TOML parser, not even JSON's.
    assert _run_in_wheel(script, tmp_path, built_wheel).strip() == "[]"


# --------------------------------------------------------------------------- the cache


def test_the_cache_holds_every_bundled_profile_as_the_loader_builds_it_now() -> None:
    from emailsec_check.profiles.built import BUILT

    folder = profiles_load.bundled_dir()
    assert sorted(BUILT) == sorted(path.name for path in folder.glob("*.toml"))
    for name, (key, profile) in BUILT.items():
        text = (folder / name).read_text(encoding="utf-8")
        assert key == profiles_load.cache_key(text), (
            f"the profile cache is out of date for {name}: run scripts/gen_profile_cache.py"
        )
        fresh = load_profile_file(folder / name)  # parsed and validated from its TOML
        assert profile.replace(source=fresh.source) == fresh


def test_a_cached_profile_names_the_file_it_was_read_from() -> None:
    endpoint = _bundled().require("cisco-secure-endpoint")
    assert endpoint.source == str(profiles_load.bundled_dir() / "cisco-secure-endpoint.toml")


def _cache_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Make the loader read its cache from a module holding ``text``."""
    (tmp_path / "cache_under_test.py").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "cache_under_test", raising=False)
    monkeypatch.setattr(profiles_load, "BUILT_MODULE", "cache_under_test")


def _poisoned(key_of: str) -> str:
    """A cache whose entry for the Secure Endpoint profile names the product "Poisoned"."""
    return (
        "from emailsec_check.profiles.built import BUILT as REAL\n"
        "NAME = 'cisco-secure-endpoint.toml'\n"
        f"BUILT = {{NAME: ({profiles_load.cache_key(key_of)}, "
        "REAL[NAME][1].replace(name='Poisoned'))}\n"
    )


def test_a_stale_cache_entry_is_parsed_from_the_toml_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cache_module(tmp_path, monkeypatch, _poisoned(key_of="an older text of the file"))
    assert _bundled().require("cisco-secure-endpoint").name == "Cisco Secure Endpoint"


def test_a_current_cache_entry_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (profiles_load.bundled_dir() / "cisco-secure-endpoint.toml").read_text("utf-8")
    _cache_module(tmp_path, monkeypatch, _poisoned(key_of=text))
    assert _bundled().require("cisco-secure-endpoint").name == "Poisoned"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BUILT = 7\n",
        "BUILT = [1, 2]\n",
        "BUILT = {\n",
        "import no_such_module\n",
        "BUILT = {'cisco-secure-endpoint.toml': 5}\n",
        "BUILT = {'cisco-secure-endpoint.toml': (1, 2, 3)}\n",
        # Written for records that have changed since: it fails as it loads.
        (
            "from emailsec_check.profiles.model import Profile\n"
            "BUILT = {'cisco-secure-endpoint.toml': (1, Profile(id='x', no_such_field=1))}\n"
        ),
    ],
)
def test_an_unusable_cache_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    _cache_module(tmp_path, monkeypatch, text)
    assert [profile.id for profile in _bundled()] == BUNDLED_IDS


def test_a_missing_cache_only_costs_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles_load, "BUILT_MODULE", "emailsec_check.profiles.no_such_cache")
    assert [profile.id for profile in _bundled()] == BUNDLED_IDS


def test_a_profiles_folder_that_cannot_be_listed_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_iterdir = Path.iterdir

    def refuse(folder: Path) -> Iterator[Path]:
        if folder == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(folder)

    monkeypatch.setattr(Path, "iterdir", refuse)
    with pytest.raises(InputError, match="cannot list the profiles folder: Permission denied"):
        load_profiles([str(tmp_path)], environ={})


# --------------------------------------------------------------------------- adding and replacing


def test_minimal_contract_profile_is_valid() -> None:
    profile = load_profile_file(DATA / "minimal" / "cisco-secure-endpoint.toml")
    assert profile.name == "Cisco Secure Endpoint"
    assert profile.status_page is not None
    assert profile.status_page.url == "https://status.example.com"
    assert profile.status_page.platform == "auto"  # probed to find out
    [region] = profile.regions
    assert (region.id, region.name, region.console_hosts) == (
        "europe",
        "Europe",
        ("console.eu.amp.cisco.com",),
    )
    assert profile.requests == () and profile.known_hosts == ()


def test_profiles_dir_replaces_a_bundled_profile() -> None:
    known = load_profiles([str(DATA / "minimal")], environ={})
    endpoint = known.require("cisco-secure-endpoint")
    assert [region.id for region in endpoint.regions] == ["europe"]
    assert endpoint.source == str(DATA / "minimal" / "cisco-secure-endpoint.toml")
    assert "console.amp.cisco.com" not in known.hosts  # the bundled one's hosts are gone
    assert len(known) == 3


def test_profiles_dir_adds_a_profile() -> None:
    known = load_profiles([str(DATA / "private")], environ={})
    assert known.require("acme").id == "acme-private-cloud"
    assert known.hosts["console.acme.example"].region is not None
    assert len(known) == 4


def test_environment_adds_folders_and_profiles_dir_wins(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "cisco-secure-endpoint.toml").write_text(
        (DATA / "minimal" / "cisco-secure-endpoint.toml")
        .read_text()
        .replace('name = "Europe"', 'name = "Europe (from the flag)"')
    )
    environ = {ENV_PROFILES: os.pathsep.join([str(DATA / "private"), str(DATA / "minimal"), ""])}
    known = load_profiles((), environ=environ)
    assert len(known) == 4
    assert known.require("cisco-secure-endpoint").regions[0].name == "Europe"
    known = load_profiles([str(other)], environ=environ)
    assert known.require("cisco-secure-endpoint").regions[0].name == "Europe (from the flag)"


def test_missing_profiles_folder_says_who_named_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not found \(named by --profiles-dir\)") as error:
        load_profiles([str(tmp_path / "nowhere")], environ={})
    assert error.value.path == str(tmp_path / "nowhere")
    with pytest.raises(InputError, match=rf"not found \(named by {ENV_PROFILES}\)"):
        load_profiles([], environ={ENV_PROFILES: str(tmp_path / "gone")})


# --------------------------------------------------------------------------- validation

VALID = """\
id = "acme-cloud"
name = "ACME Cloud"

[status_page]
url = "https://status.acme.example"

[[regions]]
id = "one"
name = "Region one"
console_hosts = ["console.one.acme.example"]

[[regions]]
id = "two"
name = "Region two"
console_hosts = ["console.two.acme.example"]

[[requests]]
id = "acme-case"
name = "ACME case"

[[requests.fields]]
id = "order"
label = "Order number"
kind = "order_number"

[[requests.fields]]
id = "email"
label = "Email"
kind = "email"
"""


def _write(folder: Path, text: str, name: str = "acme-cloud") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_profile_file(path)
    error: InputError = caught.value
    assert error.path == str(path)
    assert "\n" not in str(error)
    return error


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def test_valid_fixture_is_valid(tmp_path: Path) -> None:
    profile = load_profile_file(_write(tmp_path, VALID))
    assert [region.id for region in profile.regions] == ["one", "two"]
    assert [field.id for field in profile.requests[0].fields] == ["order", "email"]
    assert profile.requests[0].profile_id == "acme-cloud"


@pytest.mark.parametrize(
    ("change", "key", "needle", "words"),
    [
        # unknown keys, at the top and in a region
        (
            ('name = "ACME Cloud"', 'name = "ACME Cloud"\ncolour = "blue"'),
            "colour",
            "colour",
            "unknown key",
        ),
        (
            ('name = "Region two"', 'name = "Region two"\nconsol_hosts = ["x.acme.example"]'),
            "regions[1].consol_hosts",
            "consol_hosts",
            "unknown key",
        ),
        # wrong types
        (('name = "ACME Cloud"', "name = 3"), "name", "name = 3", "must be a string"),
        (('name = "Region two"', "name = 2"), "regions[1].name", "name = 2", "must be a string"),
        (
            (
                'console_hosts = ["console.two.acme.example"]',
                'console_hosts = "console.two.acme.example"',
            ),
            "regions[1].console_hosts",
            'console_hosts = "console.two',
            "list of strings",
        ),
        (('kind = "email"', "kind = true"), "requests[0].fields[1].kind", "kind = true", "string"),
        (
            ('kind = "email"', 'kind = "telepathy"'),
            "requests[0].fields[1].kind",
            "telepathy",
            "one of",
        ),
        # a host that is not one
        (
            (
                'console_hosts = ["console.two.acme.example"]',
                'console_hosts = ["https://two.acme.example/"]',
            ),
            "regions[1].console_hosts",
            "https://two",
            "is not a host name",
        ),
        (
            ('url = "https://status.acme.example"', 'url = "status.acme.example"'),
            "status_page.url",
            'url = "status',
            "not an http(s) URL",
        ),
    ],
)
def test_errors_name_file_key_and_line(
    tmp_path: Path, change: tuple[str, str], key: str, needle: str, words: str
) -> None:
    old, new = change
    text = VALID.replace(old, new)
    assert text != VALID
    error = _error(_write(tmp_path, text))
    assert error.key == key
    assert words in error.message
    assert error.line == _line(text, needle)
    assert str(error).startswith(f"{tmp_path / 'acme-cloud.toml'}:{error.line}: {key}: ")


def test_missing_key_points_at_its_table(tmp_path: Path) -> None:
    text = VALID.replace('name = "Region two"\n', "")
    error = _error(_write(tmp_path, text))
    assert error.key == "regions[1].name"
    assert "missing" in error.message
    assert error.line == _line(text, "[[regions]]", 2)

    text = VALID.replace('name = "ACME Cloud"\n', "")
    error = _error(_write(tmp_path, text))
    assert error.key == "name"
    assert "missing" in error.message


@pytest.mark.parametrize(
    ("old", "copy", "key"),
    [
        ('id = "two"', 'id = "one"', "regions[1].id"),
        ('id = "email"', 'id = "order"', "requests[0].fields[1].id"),
    ],
)
def test_duplicate_ids_point_at_the_copy(tmp_path: Path, old: str, copy: str, key: str) -> None:
    text = VALID.replace(old, copy)
    error = _error(_write(tmp_path, text))
    assert "duplicate id " + copy.split(" = ")[1].replace('"', "'") in error.message
    assert error.key == key
    assert error.line == _line(text, copy, 2)


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, VALID, name="acme"))
    assert error.key == "id"
    assert error.line == 1
    assert "acme.toml" in error.message


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    text = VALID.replace('name = "Region two"', 'name = "Region two')
    error = _error(_write(tmp_path, text))
    assert "not valid TOML" in error.message
    assert error.line == _line(text, 'name = "Region two')


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "acme-cloud.toml"
    path.write_bytes(VALID.replace("ACME Cloud", "ACME Cl\xf6ud").encode("latin-1"))
    error = _error(path)
    assert "not UTF-8" in error.message


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "acme-cloud.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_profile_file(path).id == "acme-cloud"


def test_host_in_two_regions_across_two_profiles(tmp_path: Path) -> None:
    _write(tmp_path, VALID)
    other = VALID.replace('id = "acme-cloud"', 'id = "acme-other"').replace(
        "acme-case", "acme-other-case"
    )
    other = other.replace("console.one.acme.example", "console.uno.acme.example")
    other_path = _write(tmp_path, other, name="acme-other")
    with pytest.raises(InputError) as caught:
        load_profiles([str(tmp_path)], environ={})
    error = caught.value
    assert "console.two.acme.example" in error.message
    assert "acme-cloud region two" in error.message and "acme-other region two" in error.message
    assert error.path == str(other_path)
    assert error.line == _line(other, "console.two.acme.example")


def test_a_bundled_host_claimed_by_a_new_profile(tmp_path: Path) -> None:
    text = VALID.replace("console.one.acme.example", "console.eu.amp.cisco.com")
    _write(tmp_path, text)
    with pytest.raises(InputError, match=r"console\.eu\.amp\.cisco\.com"):
        load_profiles([str(tmp_path)], environ={})


def test_request_kind_defined_by_two_profiles(tmp_path: Path) -> None:
    _write(tmp_path, VALID)
    other = VALID.replace('id = "acme-cloud"', 'id = "acme-other"')
    other = other.replace("console.one", "console.uno").replace("console.two", "console.dos")
    _write(tmp_path, other, name="acme-other")
    with pytest.raises(InputError, match="request kind 'acme-case'"):
        load_profiles([str(tmp_path)], environ={})


def test_oversized_and_unreadable_files(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID + "#" * (1024 * 1024))
    assert "larger than" in _error(path).message
    folder = tmp_path / "as-a-folder.toml"
    folder.mkdir()
    assert "cannot read" in _error(folder).message


# --------------------------------------------------------------------------- the command


def test_profiles_command_lists_them(cli: Cli) -> None:
    result = cli("profiles")
    assert result.code == 0
    for profile_id in BUNDLED_IDS:
        assert f"{profile_id}\n" in result.out
    assert "americas, europe, apjc" in result.out


def test_profiles_command_json(cli: Cli) -> None:
    result = cli("profiles", "--json")
    assert result.code == 0
    listing = json.loads(result.out)
    assert [item["id"] for item in listing] == BUNDLED_IDS
    assert listing[1]["regions"] == ["americas", "europe", "apjc"]
    assert "cisco-glo-licensing" in listing[1]["requests"]


def test_profiles_command_one_in_full(cli: Cli) -> None:
    result = cli("profiles", "amp")
    assert result.code == 0
    assert result.out.startswith("Cisco Secure Endpoint (cisco-secure-endpoint)\n")
    assert "console         console.eu.amp.cisco.com [seed]" in result.out
    assert "request kind cisco-glo-licensing" in result.out


def test_profiles_command_one_as_json(cli: Cli) -> None:
    result = cli("profiles", "cisco-secure-endpoint", "--json")
    assert result.code == 0
    profile = json.loads(result.out)
    assert profile["id"] == "cisco-secure-endpoint"
    assert profile["regions"][1]["console_hosts"] == ["console.eu.amp.cisco.com"]


def test_profiles_command_with_your_own_folder(cli: Cli) -> None:
    result = cli("profiles", "--profiles-dir", DATA / "private")
    assert "acme-private-cloud" in result.out
    result = cli("profiles", "acme", env={ENV_PROFILES: str(DATA / "private")})
    assert result.code == 0
    assert "Run by ACME IT" in result.out


def test_profiles_command_with_a_broken_folder(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path, VALID.replace('name = "ACME Cloud"', "name = 3"))
    result = cli("profiles", "--profiles-dir", tmp_path)
    assert result.code == 2
    assert result.err == (
        f"emailsec-check: error: {tmp_path / 'acme-cloud.toml'}:2: name: must be a string, "
        "not a number\n"
    )

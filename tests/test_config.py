"""The run config: found in the documented order, validated with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from emailsec_check.errors import InputError
from emailsec_check.sources.config import find_config, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    config = write(
        tmp_path / "conf" / "emailsec-check.toml",
        """
[settings]
timeout = 3
deadline = 30
nameservers = ["127.0.0.1:5353"]
ignore = ["ID007"]

[status]
products = ["cisco-secure-email-threat-defense"]

[[datacenter]]
url = "https://console.eu.amp.cisco.com/"
expect = "europe"

[[identities]]
configured = "exports/users.csv"
expected = "exports/entra.csv"
product = "setd"
dns = false

[[requests]]
file = "requests/glo.txt"
""",
    )
    loaded = load_config(config)
    assert loaded.timeout == 3.0
    assert loaded.deadline == 30.0
    assert loaded.nameservers == ("127.0.0.1:5353",)
    assert loaded.status_products == ("cisco-secure-email-threat-defense",)
    assert loaded.datacenter[0].expect == "europe"
    entry = loaded.identities[0]
    assert entry.configured == tmp_path / "conf" / "exports" / "users.csv"
    assert entry.dns is False
    assert loaded.requests[0].file == tmp_path / "conf" / "requests" / "glo.txt"
    assert loaded.ignore == ("ID007",)


def test_empty_config_means_defaults(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "c.toml", ""))
    assert loaded.status_products is None
    assert loaded.deadline is None  # the command's default applies


def test_a_config_without_status_checks_no_status_page(tmp_path: Path) -> None:
    only_urls = write(
        tmp_path / "c.toml", "[[datacenter]]\nurl = 'https://console.amp.cisco.com/'\n"
    )
    assert load_config(only_urls).status_enabled is False
    with_status = write(tmp_path / "s.toml", "[status]\n")
    assert load_config(with_status).status_enabled is True


def test_every_block_may_carry_a_name_and_entra_is_a_source(tmp_path: Path) -> None:
    config = write(
        tmp_path / "c.toml",
        """
[settings]
fail_on_skip = true
state = "state/last.json"

[status]
name = "Vendor pages"
regions = ["europe"]

[[datacenter]]
name = "EU console"
url = "https://console.eu.amp.cisco.com/"

[[identities]]
name = "Admins"
configured = "admins.csv"
expected = "entra:group/Security Admins"
coverage = true
login_column = "User Email Address"
as_of = "2026-11-20"

[[requests]]
name = "GLO ticket"
file = "glo.txt"
""",
    )
    loaded = load_config(config)
    assert loaded.fail_on_skip is True
    assert loaded.state == tmp_path / "state" / "last.json"
    assert (loaded.status_name, loaded.status_regions) == ("Vendor pages", ("europe",))
    assert loaded.datacenter[0].name == "EU console"
    entry = loaded.identities[0]
    assert entry.name == "Admins" and entry.coverage and entry.login_column == "User Email Address"
    assert entry.expected == "entra:group/Security Admins"  # not a path next to the config
    assert str(entry.as_of) == "2026-11-20"
    assert loaded.requests[0].name == "GLO ticket"
    assert loaded.input_files() == [tmp_path / "admins.csv", tmp_path / "glo.txt"]


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("[settings]\ntimeout = 'soon'\n", "settings.timeout", 2),
        ("[settings]\ntimout = 3\n", "settings.timout", 2),
        ("\n\n[[datacenter]]\nexpect = 'europe'\n", "datacenter[0].url", 3),
        ("[[identities]]\nconfigured = 'a.csv'\n", "identities[0].expected", 1),
        ("colour = true\n", "colour", 1),
        ("[status]\nproducts = 'setd'\n", "status.products", 2),
        ("[settings]\ndeadline = -1\n", "settings.deadline", 2),
        ("[settings]\nnameservers = ['192.0.2.1:70000']\n", "settings.nameservers", 2),
        ("[settings]\nnameservers = ['not a server!']\n", "settings.nameservers", 2),
        ("\n[settings]\nproxy = 'ftp://proxy.acme.example'\n", "settings.proxy", 3),
        (
            "[[identities]]\nconfigured = 'a.csv'\nexpected = 'b.csv'\nas_of = 'yesterday'\n",
            "identities[0].as_of",
            4,
        ),
        (
            "[[identities]]\nconfigured = 'a.csv'\nexpected = 'b.csv'\nas_of = '20/11/2026'\n",
            "identities[0].as_of",
            4,
        ),
    ],
)
def test_errors_name_file_line_and_key(tmp_path: Path, text: str, key: str, line: int) -> None:
    config = write(tmp_path / "bad.toml", text)
    with pytest.raises(InputError) as caught:
        load_config(config)
    message = str(caught.value)
    assert message.startswith(f"{config}:{line}: {key}: "), message


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    config = write(tmp_path / "bad.toml", "[settings]\ntimeout = 3\nnameservers = [\n")
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert str(caught.value).startswith(f"{config}:")
    assert "not valid TOML" in str(caught.value)


def test_found_in_the_documented_order(tmp_path: Path) -> None:
    xdg = write(tmp_path / "xdg" / "emailsec-check" / "config.toml", "")
    local = write(tmp_path / "cwd" / "emailsec-check.toml", "")
    named = write(tmp_path / "env.toml", "")
    given = write(tmp_path / "given.toml", "")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "EMAILSEC_CHECK_CONFIG": str(named)}
    cwd = tmp_path / "cwd"
    assert find_config(given, env, cwd) == given
    assert find_config(None, env, cwd) == named
    del env["EMAILSEC_CHECK_CONFIG"]
    assert find_config(None, env, cwd) == local
    assert find_config(None, env, tmp_path) == xdg
    assert find_config(None, {"HOME": str(tmp_path / "nohome")}, tmp_path) is None


def test_a_missing_named_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        find_config(tmp_path / "nope.toml", {}, tmp_path)
    with pytest.raises(InputError, match="EMAILSEC_CHECK_CONFIG"):
        find_config(None, {"EMAILSEC_CHECK_CONFIG": str(tmp_path / "nope.toml")}, tmp_path)


def test_a_config_that_is_not_a_file_says_what_it_is(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    found = find_config(fifo)
    assert found == fifo  # named, so it is read, and reading says what it is
    with pytest.raises(InputError, match="pipe"):
        load_config(fifo)
    with pytest.raises(InputError, match="not found"):
        find_config(tmp_path / "missing.toml")

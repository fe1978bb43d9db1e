"""User files: only regular files are read, always with a byte cap, and text must be
UTF-8 (or UTF-16 with a byte-order mark). Anything else is exit 2 naming the path, at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.sources.files import (
    decode_user_text,
    open_user_file,
    read_user_bytes,
    read_user_text,
    text_encoding,
)
from emailsec_check.tomltable import read_toml_file

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")

#: Long enough for a slow machine to start Python; a hang would take forever.
PATIENCE = 60


def cli_process(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, so a hang is a test failure, not a stuck run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAILSEC_CHECK")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "emailsec_check", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        check=False,
    )


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = tmp_path / "listening.toml"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError as error:  # a very long temporary folder
        server.close()
        pytest.skip(f"cannot bind a Unix socket: {error}")
    server.listen(1)
    try:
        yield path
    finally:
        server.close()


# --------------------------------------------------------------------------- reading bytes


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"email\nann@example.com\n")
    assert read_user_bytes(path) == b"email\nann@example.com\n"


def test_the_byte_cap_is_enforced_and_named(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 2049)
    with pytest.raises(InputError, match="larger than 2 KiB") as caught:
        read_user_bytes(path, what="profile", max_bytes=2048)
    assert caught.value.path == str(path)
    assert read_user_bytes(path, max_bytes=2049) == b"#" * 2049


@needs_fifo
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "configured.csv"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"pipe \(FIFO\)") as caught:
        read_user_bytes(fifo, what="identities file")
    assert caught.value.path == str(fifo)
    assert time.monotonic() - start < PATIENCE


@needs_dev_zero
def test_a_device_is_refused_not_read_forever() -> None:
    with pytest.raises(InputError, match="device") as caught:
        read_user_bytes("/dev/zero", what="profile")
    assert caught.value.path == "/dev/zero"


def test_a_socket_is_refused_by_name(unix_socket: Path) -> None:
    with pytest.raises(InputError, match="socket") as caught:
        read_user_bytes(unix_socket, what="config file")
    assert caught.value.path == str(unix_socket)


def test_a_folder_and_a_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        open_user_file(tmp_path, what="request file")
    with pytest.raises(InputError, match="not found") as caught:
        open_user_file(tmp_path / "nowhere.toml", what="request file")
    assert caught.value.path == str(tmp_path / "nowhere.toml")


def test_a_name_too_long_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="too long"):
        read_user_bytes(tmp_path / ("x" * 300 + ".toml"))


# --------------------------------------------------------------------------- decoding text


def test_utf8_with_and_without_a_byte_order_mark() -> None:
    assert decode_user_text("Zoë\n".encode(), "a.csv") == "Zoë\n"
    assert decode_user_text(b"\xef\xbb\xbf" + "Zoë\n".encode(), "a.csv") == "Zoë\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_text(codec: str) -> None:
    text = "email\nzoë@example.com\n"
    data = text.encode(codec)
    if codec != "utf-16":
        data = ("\ufeff" + text).encode(codec)
    assert decode_user_text(data, "people.csv") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_gets_a_clear_error(codec: str) -> None:
    data = "email,provider\nann@example.com,Okta\n".encode(codec)
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark") as caught:
        decode_user_text(data, "people.csv", what="identities file")
    assert caught.value.path == "people.csv"
    assert "save it as UTF-8" in caught.value.message


def test_binary_and_foreign_encodings_name_the_line() -> None:
    with pytest.raises(InputError, match="binary data") as caught:
        decode_user_text(b"one\ntwo\nthree\x00\n", "x.toml")
    assert caught.value.line == 3
    with pytest.raises(InputError, match="not UTF-8 text") as caught:
        decode_user_text("one\nZo\u00eb\n".encode("latin-1"), "x.toml")
    assert caught.value.line == 2
    with pytest.raises(InputError, match="UTF-32"):
        decode_user_text("text".encode("utf-32"), "x.toml")


def test_read_user_text_reads_and_decodes(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("email\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16") as caught:
        read_user_text(path)
    assert caught.value.path == str(path)


@given(st.binary(max_size=4096))
def test_any_bytes_decode_or_raise_an_input_error(data: bytes) -> None:
    try:
        text = decode_user_text(data, "any.txt")
    except InputError as error:
        assert error.path == "any.txt"
    else:
        assert "\x00" not in text


@given(st.text(max_size=400).filter(lambda s: "\x00" not in s))
def test_any_text_saved_as_utf8_reads_back(text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be saved
        return
    expected = text[1:] if text.startswith("\ufeff") else text
    assert decode_user_text(data, "any.txt") == expected


# --------------------------------------------------------------------------- TOML files


@needs_fifo
def test_read_toml_file_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.toml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="pipe") as caught:
        read_toml_file(fifo, what="profile")
    assert caught.value.path == str(fifo)


@needs_dev_zero
def test_read_toml_file_refuses_a_device() -> None:
    with pytest.raises(InputError, match="device"):
        read_toml_file(Path("/dev/zero"), what="config file")


def test_read_toml_file_refuses_a_socket(unix_socket: Path) -> None:
    with pytest.raises(InputError, match="socket"):
        read_toml_file(unix_socket, what="config file")


def test_read_toml_file_refuses_bomless_utf16(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("[settings]\ntimeout = 5\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_toml_file(path, what="config file")


def test_read_toml_file_reads_utf16_with_a_mark(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("[settings]\ntimeout = 5\n".encode("utf-16"))
    data, _ = read_toml_file(path, what="config file")
    assert data == {"settings": {"timeout": 5}}


# --------------------------------------------------------------------------- the command line


@needs_fifo
def test_run_with_a_fifo_config_exits_2_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")
    done = cli_process("run", "fifo.toml", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "fifo.toml" in done.stderr
    assert "Traceback" not in done.stderr


@needs_fifo
def test_profiles_folder_with_a_fifo_exits_2_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    os.mkfifo(folder / "x.toml")
    done = cli_process("profiles", "--profiles-dir", folder, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "x.toml" in done.stderr
    assert "pipe" in done.stderr


@needs_dev_zero
def test_run_with_dev_zero_as_config_exits_2(tmp_path: Path) -> None:
    done = cli_process("run", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "/dev/zero" in done.stderr


def test_streaming_readers_get_the_same_encoding_rule() -> None:
    assert text_encoding(b"email\n", "a.csv") == "utf-8"
    assert text_encoding(b"\xef\xbb\xbfemail\n", "a.csv") == "utf-8"  # the reader skips it
    assert text_encoding("email\n".encode("utf-16"), "a.csv") == "utf-16"
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark") as caught:
        text_encoding("email,provider\n".encode("utf-16-be"), "a.csv", what="identities file")
    assert caught.value.message.startswith("identities file")
    with pytest.raises(InputError, match="UTF-32"):
        text_encoding("email".encode("utf-32"), "a.csv")


@pytest.mark.parametrize(("cap", "expected"), [(600, "600"), (10, "larger than 10 bytes")])
def test_dash_reads_standard_input_with_the_cap(tmp_path: Path, cap: int, expected: str) -> None:
    data = tmp_path / "input.csv"
    data.write_bytes(b"email\n" * 100)
    code = (
        "from emailsec_check.errors import InputError\n"
        "from emailsec_check.sources.files import read_user_bytes\n"
        "try:\n"
        f"    print(len(read_user_bytes('-', max_bytes={cap})))\n"
        "except InputError as error:\n"
        "    print(error)\n"
    )
    with data.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-c", code], stdin=stdin, capture_output=True, text=True,
            timeout=PATIENCE, check=False,
        )  # fmt: skip
    assert expected in done.stdout, done.stderr


def test_closed_standard_input_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="no standard input") as caught:
        read_user_bytes("-", what="request file")
    assert caught.value.path == "<stdin>"

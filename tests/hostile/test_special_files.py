"""Issue 7, items 8 and 11: only regular files are read, nothing blocks, and a file or
folder that cannot be read is one clear line while the other inputs are still used."""

from __future__ import annotations

import errno
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from hostile_inputs import ARTICLE, write

from briefer.cli import main
from briefer.errors import InputError
from briefer.ingest import expand_inputs, load_sources, read_document


def read_within(path: Path, seconds: float = 10.0) -> InputError:
    """read_document(path) in a thread: it must raise InputError, and not block."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(read_document(path))
        except BaseException as e:  # handed to the test thread
            outcome.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        if path.is_fifo():  # unblock the reader so the thread can end
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        pytest.fail(f"reading {path} blocked for {seconds} s")
    (result,) = outcome
    assert isinstance(result, InputError), result
    return result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    assert read_within(fifo).reason == "is a named pipe (FIFO), not a file"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this platform")
def test_socket_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        assert read_within(path).reason == "is a socket, not a file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused() -> None:
    assert read_within(Path("/dev/zero")).reason == "is a device, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_inside_a_folder_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    os.mkfifo(tmp_path / "b.txt")
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / "~$lock.docx", b"\x00lock")
    assert expand_inputs([tmp_path]).files == (tmp_path / "a.txt",)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_on_the_command_line_is_one_line(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    code = main(["draft", str(fifo), "-o", str(tmp_path / "b.docx")])
    _, err = capsys.readouterr()
    assert code == 2 and time.perf_counter() - t0 < 10
    assert err.strip().splitlines() == [f"briefer: {fifo}: is a named pipe (FIFO), not a file"]


# -- permission denied (simulated: the tests may run as root, who may read anything) ---------


@pytest.fixture
def locked(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    """A folder that cannot be listed and a file that cannot be opened, next to a good file."""
    folder = tmp_path / "locked"
    folder.mkdir()
    write(folder / "inside.txt", ARTICLE)
    secret = write(tmp_path / "secret.txt", ARTICLE)
    good = write(tmp_path / "good.txt", ARTICLE)
    real_scandir, real_open = os.scandir, os.open

    def scandir(path=".", *a):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path, *a)

    def open_(path, *a, **kw):
        if Path(path) == secret:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    if os.geteuid() != 0:  # a real lock where the OS enforces it
        folder.chmod(0)
        secret.chmod(0)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    yield {"folder": folder, "secret": secret, "good": good}
    folder.chmod(0o755)
    secret.chmod(0o644)


def test_unreadable_file_is_one_clear_reason(locked: dict[str, Path]) -> None:
    assert read_within(locked["secret"]).reason == "cannot read (permission denied)"


def test_unreadable_folder_and_file_are_warnings_and_the_good_file_is_used(locked: dict[str, Path]) -> None:
    sources, warnings = load_sources([locked["folder"], locked["secret"], locked["good"]])
    assert [s.path for s in sources if s.usable] == [str(locked["good"])]
    messages = [w.message for w in warnings]
    assert f"{locked['folder']}: cannot open folder (permission denied) (skipped)" in messages
    assert f"{locked['secret']}: cannot read (permission denied) (skipped)" in messages


def test_cli_draft_with_an_unreadable_folder_still_drafts(locked: dict[str, Path], tmp_path: Path, capsys) -> None:
    out = tmp_path / "b.json"
    code = main(["draft", str(locked["folder"]), str(locked["good"]), "--extractive", "--json", str(out), "-q"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert f"warning: {locked['folder']}: cannot open folder (permission denied)" in err
    assert out.exists()


def test_cli_draft_with_only_unreadable_inputs_exits_2_with_one_line_each(locked: dict[str, Path], capsys) -> None:
    code = main(["draft", str(locked["folder"]), str(locked["secret"])])
    _, err = capsys.readouterr()
    assert code == 2
    assert sorted(err.strip().splitlines()) == sorted(
        [
            f"briefer: {locked['secret']}: cannot read (permission denied)",
            f"briefer: {locked['folder']}: cannot open folder (permission denied)",
        ]
    )


def test_cli_sources_with_an_unreadable_folder_has_no_traceback(locked: dict[str, Path], capsys) -> None:
    code = main(["sources", str(locked["folder"]), str(locked["good"])])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    assert "cannot open folder (permission denied)" in err
    assert "good.txt" not in err and "Leaders agree to keep talking" in out

"""scripts/install-system-deps, run with fake `apt-get`, `id` and `python3` commands and the
checked paths under a temp dir (KEPATUHAN_TEST_DEPS_ROOT): it never calls the real apt-get."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "install-system-deps"
BASH = shutil.which("bash") or "/bin/bash"

# What the script checks for each package, relative to its root (python3-venv: a marker that
# the fake python3 looks for, standing in for Debian's ensurepip).
PATHS = {
    "python3-venv": "venv-installed",
    "fonts-dejavu-core": "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "chromium": "usr/bin/chromium",
    "chromium-driver": "usr/bin/chromedriver",
    "libatomic1": "usr/lib/aarch64-linux-gnu/libatomic.so.1",  # any multiarch folder will do
    "postgresql": "usr/lib/postgresql/15/bin/initdb",  # any major version will do
    "poppler-utils": "usr/bin/pdftoppm",
    "nginx": "usr/sbin/nginx",
}
PACKAGES = list(PATHS)

# Records its arguments; `install` creates the packages' files unless FAKE_APT_NOOP is set.
FAKE_APT_GET = f"""#!{sys.executable}
import json, os, sys
from pathlib import Path
with open(os.environ["FAKE_APT_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
paths = json.loads(os.environ["FAKE_APT_PATHS"])
if sys.argv[1] == "install" and not os.environ.get("FAKE_APT_NOOP"):
    for name in sys.argv[2:]:
        if not name.startswith("-"):
            path = Path(os.environ["KEPATUHAN_TEST_DEPS_ROOT"], paths[name])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o755)
"""
# Imports ensurepip and venv only once python3-venv is "installed".
FAKE_PYTHON = f"""#!{sys.executable}
import os, sys
from pathlib import Path
assert sys.argv[1:] == ["-c", "import ensurepip, venv"], sys.argv
sys.exit(0 if Path(os.environ["KEPATUHAN_TEST_DEPS_ROOT"], "venv-installed").exists() else 1)
"""
FAKE_ID = f"""#!{sys.executable}
import os, sys
assert sys.argv[1:] == ["-u"], sys.argv
print(os.environ["FAKE_UID"])
"""


@dataclass
class Machine:
    root: Path
    bin: Path
    log: Path

    def install(self, *packages: str) -> None:
        for package in packages:
            path = self.root / PATHS[package]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o755)

    def run(
        self, *args: str, uid: int = 0, apt_get: bool = True, apt_noop: bool = False
    ) -> subprocess.CompletedProcess[str]:
        fake_apt = self.bin / "apt-get"
        if apt_get:
            fake_apt.write_text(FAKE_APT_GET)
            fake_apt.chmod(0o755)
        else:
            fake_apt.unlink(missing_ok=True)
        env = {
            # Only the fakes: the script must need nothing else, and never finds the real apt-get.
            "PATH": str(self.bin),
            "HOME": str(self.root),
            "KEPATUHAN_TEST_DEPS_ROOT": str(self.root),
            "FAKE_UID": str(uid),
            "FAKE_APT_LOG": str(self.log),
            "FAKE_APT_PATHS": json.dumps(PATHS),
        }
        if apt_noop:
            env["FAKE_APT_NOOP"] = "1"
        return subprocess.run(
            [BASH, str(SCRIPT), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def apt_calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for name, text in (("id", FAKE_ID), ("python3", FAKE_PYTHON)):
        fake = fake_bin / name
        fake.write_text(text)
        fake.chmod(0o755)
    return Machine(root=tmp_path / "root", bin=fake_bin, log=tmp_path / "apt-get.log")


def installed_by(calls: list[list[str]]) -> list[str]:
    """The packages of the one `apt-get install`, after exactly one `apt-get update`."""
    assert [call[0] for call in calls] == ["update", "install"], calls
    return [arg for arg in calls[1][1:] if not arg.startswith("-")]


def test_script_is_executable_bash_with_strict_mode():
    assert os.access(SCRIPT, os.X_OK)
    text = SCRIPT.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text


@pytest.mark.parametrize("uid", [0, 1000])
def test_everything_present_installs_nothing_and_exits_0(machine, uid):
    machine.install(*PACKAGES)
    result = machine.run(uid=uid)
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls() == []
    assert result.stderr == ""


def test_everything_present_needs_no_apt_get(machine):
    machine.install(*PACKAGES)
    result = machine.run(uid=1000, apt_get=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing",
    [
        ["chromium"],
        ["chromium", "chromium-driver"],
        ["fonts-dejavu-core", "chromium-driver"],
        ["postgresql"],
    ],
)
def test_as_root_installs_exactly_the_missing_packages(machine, missing):
    machine.install(*(p for p in PACKAGES if p not in missing))
    result = machine.run(uid=0)
    assert result.returncode == 0, result.stderr
    assert installed_by(machine.apt_calls()) == missing


def test_any_postgresql_major_version_will_do(machine):
    """The test server runs from the newest /usr/lib/postgresql/<version>/bin there is."""
    machine.install(*(p for p in PACKAGES if p != "postgresql"))
    initdb = machine.root / "usr/lib/postgresql/17/bin/initdb"
    initdb.parent.mkdir(parents=True)
    initdb.touch(mode=0o755)
    result = machine.run(uid=1000, apt_get=False)
    assert result.returncode == 0, result.stderr


def test_postgresql_is_for_the_tests_only(machine):
    machine.install("python3-venv", "fonts-dejavu-core")
    result = machine.run("run", uid=1000, apt_get=False)
    assert result.returncode == 0, result.stderr


def test_second_run_installs_nothing(machine):
    machine.install("fonts-dejavu-core")
    assert machine.run(uid=0).returncode == 0
    assert installed_by(machine.apt_calls()) == [
        "python3-venv",
        "chromium",
        "chromium-driver",
        "libatomic1",
        "postgresql",
        "poppler-utils",
        "nginx",
    ]
    machine.log.unlink()
    second = machine.run(uid=0)
    assert second.returncode == 0, second.stderr
    assert machine.apt_calls() == []


def test_on_a_bare_machine_installs_every_package(machine):
    result = machine.run(uid=0)
    assert result.returncode == 0, result.stderr
    assert installed_by(machine.apt_calls()) == PACKAGES


def test_not_root_names_the_packages_and_the_command(machine):
    machine.install("python3-venv", "chromium-driver")
    result = machine.run(uid=1000)
    assert result.returncode != 0
    assert machine.apt_calls() == []
    message = result.stderr
    assert "not running as root" in message
    assert "apt-get install -y fonts-dejavu-core chromium" in message
    assert "chromium-driver" not in message
    assert str(machine.root / PATHS["chromium"]) in message
    assert len(message.strip().splitlines()) == 1  # one paragraph


def test_no_apt_get_says_so_and_names_the_packages(machine):
    machine.install("python3-venv", "chromium", "chromium-driver")
    result = machine.run(uid=0, apt_get=False)
    assert result.returncode != 0
    message = result.stderr
    assert "no apt-get" in message
    assert "fonts-dejavu-core" in message
    assert "apt-get install -y fonts-dejavu-core" in message
    assert len(message.strip().splitlines()) == 1


def test_fails_when_the_install_leaves_a_path_missing(machine):
    machine.install(
        "python3-venv",
        "chromium-driver",
        "fonts-dejavu-core",
        "libatomic1",
        "postgresql",
        "poppler-utils",
        "nginx",
    )
    result = machine.run(uid=0, apt_noop=True)
    assert result.returncode != 0
    assert installed_by(machine.apt_calls()) == ["chromium"]
    assert str(machine.root / PATHS["chromium"]) in result.stderr


def test_run_needs_a_python_that_makes_virtualenvs_and_the_fonts(machine):
    """`make run` on a bare Debian: python3 without python3-venv cannot build the venv, and
    the organisers' files (slides, certificates) embed DejaVu."""
    result = machine.run("run", uid=0)
    assert result.returncode == 0, result.stderr
    assert installed_by(machine.apt_calls()) == ["python3-venv", "fonts-dejavu-core"]
    machine.log.unlink()
    assert machine.run("run", uid=1000, apt_get=False).returncode == 0
    assert machine.apt_calls() == []


def test_missing_venv_is_named_as_such(machine):
    machine.install("chromium", "chromium-driver", "fonts-dejavu-core")
    result = machine.run("run", uid=1000)
    assert result.returncode != 0
    assert "apt-get install -y python3-venv" in result.stderr
    assert "venv for python3" in result.stderr


def test_an_unknown_group_is_a_usage_error(machine):
    result = machine.run("deploy")
    assert result.returncode == 2
    assert "usage" in result.stderr

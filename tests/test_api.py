"""The Python API as a think tank's script meets it: ``import legalgen``, its names, their examples, its version."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import legalgen
from tests.conftest import ROOT


def test_one_version_number_for_the_command_the_package_and_the_distribution() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    done = subprocess.run([Path(sys.executable).with_name("legalgen"), "--version"], capture_output=True, text=True)
    assert done.stdout == f"legalgen, version {legalgen.__version__}\n"
    assert importlib.metadata.version("legalgen") == legalgen.__version__

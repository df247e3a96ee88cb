"""Build hook: ship ``models/`` (rules, gazetteer, lexicon, trained models) inside the package.

The rule data and models live at the top of the repository, where they are edited and
where their recipes are. A regular install (``pip install .``, a wheel built with
``python -m build``) copies them into ``extract/models/`` so the installed package reads
them from itself (``extract/resources.py``), whatever the current folder. An editable
install copies nothing: it reads the checkout's ``models/``. Everything else is in
``setup.cfg``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: Not shipped: training corpora and outputs (git-ignored), caches, hidden files.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "corpus", "training", "logs")


class BuildPyWithModels(build_py):
    """``build_py`` that also copies ``models/`` to ``<build>/extract/models/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        src, dst = HERE / "models", Path(self.build_lib) / "extract" / "models"
        if not src.is_dir():
            raise SystemExit(f"models/ is missing from {HERE}: the package cannot run without it")
        if dst.exists():
            shutil.rmtree(dst)
        shutil.copytree(src, dst, ignore=IGNORE)


setup(cmdclass={"build_py": BuildPyWithModels})

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
#: Optional models left out of the MIT package: the UD tagger is CC BY-NC-SA 4.0 (PDB), the
#: feature NER is 63 MB and does not improve the tables; both are used from a checkout (README, Models).
OPTIONAL_MODELS = {Path("ud_pl"): {"model"}, Path("nkjp_pl"): {"ner_model"}}


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
        def ignore(folder: str, names: list[str]) -> set[str]:
            return set(IGNORE(folder, names)) | OPTIONAL_MODELS.get(Path(folder).relative_to(src), set())

        shutil.copytree(src, dst, ignore=ignore)


setup(cmdclass={"build_py": BuildPyWithModels})

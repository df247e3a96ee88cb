"""Assemble the wizyty spaCy pipeline from ``config.cfg``.

The rule components are built from the config; a statistical layer (the project's own
NKJP-trained model, or ``pl_core_news_sm/md/lg`` when installed and chosen) is sourced in
front of them when available, so its NER/tagger feed Morfeusz disambiguation and the
people/institution rules.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import load_config

from . import extensions  # noqa: F401
from .components import (  # noqa: F401 - importing registers the factories
    morphology,
    ner_supplement,
    sentences,
    tokenizer,
)
from .dates import factory as _dates  # noqa: F401
from .institutions import factory as _institutions  # noqa: F401
from .places import factory as _places  # noqa: F401
from .people import factory as _people  # noqa: F401
from .topics import factory as _topics  # noqa: F401
from .visit import factory as _visit  # noqa: F401
from .components import ud_tagger  # noqa: F401 - registers wizyty_ud_tagger (optional)
from .reading import DEFAULT_MAX_BYTES
from .resources import model_path

log = logging.getLogger(__name__)
DEFAULT_CONFIG = Path(__file__).with_name("config.cfg")


class ModelNotAvailable(RuntimeError):
    """An explicitly requested statistical model cannot be found or loaded."""


def statistical_source(name: str) -> Path | str | None:
    """Where a statistical model is loaded from: a folder under the package's ``models/``
    ("models/nkjp_pl/model"), an absolute folder, or an installed spaCy package
    ("pl_core_news_sm"); None when there is no such model. Never the current folder."""
    path = model_path(name)
    if path.exists():
        return path
    if spacy.util.is_package(name):
        return name
    return None


def _load_statistical(name: str, required: bool = False) -> Language | None:
    if not name:
        return None
    source = statistical_source(name)
    try:
        if source is None:
            raise OSError("no such folder under models/ and no installed spaCy package of that name")
        return spacy.load(source)
    except (OSError, IOError, ValueError) as err:
        if required:
            raise ModelNotAvailable(f"statistical model {name!r} cannot be loaded: {err}") from None
        log.warning("statistical model %r not available (%s); using rules only", name, err)
        return None


def _add_ud_tagger(nlp: Language, model: str) -> None:
    """The UD tagger right after the Morfeusz step (it re-chooses its readings)."""
    path = ud_tagger.resolve_model(model)
    if not (path / "meta.json").exists():
        log.warning("UD tagger %r not available; Morfeusz readings by frequency", model)
        return
    where = {"after": "wizyty_morfeusz"} if "wizyty_morfeusz" in nlp.pipe_names else {"first": True}
    nlp.add_pipe("wizyty_ud_tagger", config={"model": str(model)}, **where)


def build_pipeline(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None,
                   statistical: bool = True, require_model: bool = False) -> Language:
    """The pipeline of ``config_path`` (default: the package's config.cfg) with overrides;
    ``require_model``: a statistical model that cannot load is an error, not rules only."""
    config = load_config(config_path or DEFAULT_CONFIG, overrides=overrides or {}, interpolate=False)
    wizyty_cfg = dict(config.get("wizyty", {}))
    spacy_cfg = config.copy()
    spacy_cfg.pop("wizyty", None)
    nlp = spacy.util.load_model_from_config(spacy_cfg, auto_fill=True, validate=True)
    stat = (_load_statistical(wizyty_cfg.get("statistical_model", ""), required=require_model)
            if statistical else None)
    if stat is not None:
        wanted = list(wizyty_cfg.get("statistical_components", []))
        first = nlp.pipe_names[0] if nlp.pipe_names else None
        sourced = []
        for comp in stat.pipe_names:
            if comp in wanted:
                nlp.add_pipe(comp, source=stat, before=first)
                sourced.append(comp)
        # keep the sourced order: each add_pipe inserted before the first rule component
        nlp.meta["wizyty_statistical"] = {"model": wizyty_cfg.get("statistical_model"),
                                          "components": sourced}
    ud_model = wizyty_cfg.get("ud_tagger", "") if statistical else ""
    if ud_model:  # optional (CC BY-NC-SA model): models/ud_pl/MODEL_CARD.md
        _add_ud_tagger(nlp, ud_model)
    nlp.meta["name"] = "wizyty"
    # reports up to the reader's size limit (the rule components are linear in length)
    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_BYTES + 1)
    return nlp


@lru_cache(maxsize=4)
def _cached(config_path: str | None, statistical: bool) -> Language:
    return build_pipeline(config_path, statistical=statistical)


def load_pipeline(config_path: str | Path | None = None, statistical: bool = True) -> Language:
    """The wizyty ``Language`` (cached per config: loading takes a second or two)."""
    return _cached(str(config_path) if config_path else None, statistical)

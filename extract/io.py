"""Moved to :mod:`extract.reading` (formats, encodings, doc ids); kept for old imports."""
from .reading import (  # noqa: F401
    DEFAULT_MAX_BYTES,
    InputError,
    Report,
    collect_inputs,
    decode_bytes,
    read_report,
    read_text_input,
)

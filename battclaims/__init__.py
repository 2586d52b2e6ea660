"""battclaims: find, normalise and check the figures in news about batteries and EVs.

The library works without the command line::

    >>> import battclaims
    >>> doc = battclaims.extract("ACC équipera 500 000 véhicules par an.")
    >>> [(q.value, q.unit) for q in doc.quantities]
    [(500000.0, 'vehicle / year')]
"""

from . import collector

with collector.paused():  # the package's modules make objects, no garbage
    from .api import (
        check,
        diff,
        extract,
        extract_document,
        extract_file,
        extract_paths,
        load_claims,
    )
    from .errors import BattclaimsError, InputError
    from .model import Claim, Extraction, TimeSpan

__all__ = [
    "BattclaimsError",
    "Claim",
    "Extraction",
    "InputError",
    "TimeSpan",
    "check",
    "diff",
    "extract",
    "extract_document",
    "extract_file",
    "extract_paths",
    "load_claims",
]
__version__ = "0.1.0.dev0"

"""Annual assurance report suite for a Local Safeguarding Children Partnership.

The package holds every computation, chart and rule; the notebooks under
``notebooks/`` tell the story by calling it. See ``README.md`` and ``docs/``.
"""

__version__ = "0.1.0"

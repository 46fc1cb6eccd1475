"""The synthetic data of the fictional Northbrook partnership: the demo and the tests' data.

Not part of the runtime: the ``safeguarding_assurance`` package never imports it (an
import-linter contract holds that). ``assurance-demo-data`` writes ``data/demo``.
"""

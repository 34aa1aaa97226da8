"""Shared test set-up: a deterministic hypothesis profile (strategies live in strategies.py)."""

import matplotlib
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # unit tests draw off-screen; the ipympl path has its own tests

# Same examples on every run and every machine: CI must not flake on a lucky draw.
settings.register_profile(
    "nnlib", derandomize=True, deadline=None, max_examples=60,
    suppress_health_check=[HealthCheck.filter_too_much],
)
settings.load_profile("nnlib")


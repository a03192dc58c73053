"""Reproducible training scripts that build ``models/`` from ``../shared/data``.

Run ``python -m training.sentiment`` or ``python -m training.complaint`` (or ``qa train``).
The datasets are read in place and never copied into the repository (licences).
"""

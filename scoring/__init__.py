"""Kepatuhan scoring library: the Ombudsman RI assessment rules, data import and computation.

Pure Python and pandas; never imports Streamlit. Pages and the CLI read through this package.
"""

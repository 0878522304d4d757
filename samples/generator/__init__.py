"""Synthetic letter-of-authorization generator for odzysk (see samples/README.md)."""

"""Clients of the services outside: the public registries (KRS, CEIDG, the VAT white list) with parsers
from their JSON, the application's admin API, and PyPI for the dependency audit. The only package that
talks HTTP."""

"""Clients for the public registries (KRS, CEIDG, the VAT white list) and parsers from their JSON."""

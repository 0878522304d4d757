"""Carrying out an approved case through the application's admin API, once, and telling the tenant."""

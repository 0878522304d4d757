"""What the desk keeps: the tables and their migrations, the database, files by hash, named leases and
the hash-chained audit log."""

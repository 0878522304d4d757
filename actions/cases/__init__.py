"""The life of a case: created from a mail or a file, read once, decided on by operators under the
policy, claimed by one worker at a time, and reconciled when a worker died on it."""

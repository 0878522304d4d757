"""Developer tools beside the wiring: accuracy against a truth file, forgery scenarios, benchmarks and
the list of what we ship."""

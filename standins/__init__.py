"""Local stand-ins for the outside world (the public registries, the application), served over HTTP on
127.0.0.1 in their real formats: for tests and the demo, never for production."""

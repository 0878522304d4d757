"""Which files a command line names."""
from pathlib import Path

# Files in a folder that describe a sample set rather than being letters.
_METADATA_SUFFIXES = {".json", ".jsonl", ".md", ".txt", ".py", ".toml"}


def expand(arguments: list[str]) -> tuple[list[str], list[str]]:
    """Files named, and the files inside folders named (sorted, without sample-set metadata); and the
    arguments that name nothing."""
    paths, missing = [], []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            paths += [str(p) for p in sorted(path.iterdir())
                      if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in _METADATA_SUFFIXES]
        elif path.is_file():
            paths.append(argument)
        else:
            missing.append(argument)
    return paths, missing

"""OdpisPelny (the full KRS extract) reduced to the shape of OdpisAktualny.

In the full extract every value is a list of versions, each tagged with the entry that brought it in
(nrWpisuWprow) and, once replaced or removed, the entry that struck it (nrWpisuWykr):

    "nazwa": [{"nazwa": "X", "nrWpisuWprow": "1", "nrWpisuWykr": "5"}, {"nazwa": "Y", "nrWpisuWprow": "5"}]

`entered` tells from which entry a person (or any part of the tree) has stood as it stands now.

The current state keeps, for each value, the newest version without nrWpisuWykr, unwrapped ("Y"); a value
with no such version is gone, and so is a person whose every value is gone (a board member who left)."""
FROM, STRUCK = "nrWpisuWprow", "nrWpisuWykr"
_GONE = object()


def current_state(node):
    """The values of an OdpisPelny tree (any part of it) that are still in force."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in (FROM, STRUCK):
                continue
            value = _field(key, value)
            if value is not _GONE:
                out[key] = value
        return out
    if isinstance(node, list):
        items = (current_state(item) for item in node)
        return [item for item in items if item != {}]
    return node


def is_versions(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and FROM in v for v in value)


def _field(key: str, value):
    if value == [] or value == {}:
        return _GONE
    if not is_versions(value):
        return current_state(value)
    alive = [v for v in value if STRUCK not in v]
    if not alive:
        return _GONE
    newest = max(alive, key=_entry_number)
    inner = {k: v for k, v in newest.items() if k not in (FROM, STRUCK)}
    if set(inner) == {key}:
        return current_state(inner[key])
    return current_state(inner)


def _entry_number(version: dict) -> int:
    try:
        return int(version.get(FROM) or 0)
    except (TypeError, ValueError):
        return 0


def entered(node) -> int | None:
    """The earliest entry among the versions still in force in this part of the tree: for a board
    member, the entry that brought them in (a later change of function or name keeps the older values of
    the other fields in force). None when nothing in it is in force or numbered."""
    numbers = [_entry_number(v) for v in _alive_versions(node)]
    numbers = [n for n in numbers if n > 0]
    return min(numbers) if numbers else None


def _alive_versions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if is_versions(value):
                yield from (v for v in value if STRUCK not in v)
            elif key not in (FROM, STRUCK):
                yield from _alive_versions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _alive_versions(item)

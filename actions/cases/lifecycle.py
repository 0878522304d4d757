"""The life of a case as a table: which state may follow which, and the one `transition` that moves a
case. A move the table does not hold is a bug of ours (a worker acting on a case that changed under it,
a new code path that forgot a state), so it raises instead of writing a state nobody planned for.

A case is born `received` (a letter to read) or, for a mail with nothing to read, `checked` with the
verdict reject (actions/cases/creation.py). The claim that starts an execution moves approved to
executing in SQL, as a compare-and-set (actions/cases/claims.py), and checks that move against this
table too."""
from types import MappingProxyType

from actions.store.tables import APPROVED, CHECKED, EXECUTED, EXECUTING, FAILED, RECEIVED, REJECTED, Case

BORN_AS = frozenset({RECEIVED, CHECKED})

ALLOWED = MappingProxyType({
    # read and recorded; or quarantined (the file kept killing its reader), or the reading failed for good
    RECEIVED: frozenset({CHECKED, FAILED}),
    # approved by enough operators, or rejected by one; failed when a job on it failed for good
    CHECKED: frozenset({APPROVED, REJECTED, FAILED}),
    # the execution starts; the approvals lapsed (back to the desk); an operator still rejects it; failed
    APPROVED: frozenset({EXECUTING, CHECKED, REJECTED, FAILED}),
    # done through the application; the approvals lapsed before the call (back to the desk); refused or failed
    EXECUTING: frozenset({EXECUTED, CHECKED, FAILED}),
    # a person looked at a failed case and closes it
    FAILED: frozenset({REJECTED}),
    EXECUTED: frozenset(),
    REJECTED: frozenset(),
})


class IllegalTransition(RuntimeError):
    """A move between two states that the table does not allow: a fault of our code, not of the case."""

    def __init__(self, case_id: str, from_state: str, to_state: str):
        allowed = ", ".join(sorted(ALLOWED.get(from_state, ()))) or "nothing"
        super().__init__(f"case {case_id}: {from_state} -> {to_state} is not a move of a case's life "
                         f"(from {from_state} it may go to {allowed})")
        self.case_id, self.from_state, self.to_state = case_id, from_state, to_state


def may_move(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED.get(from_state, frozenset())


def require_moves(from_states: tuple[str, ...], to_state: str, case_id: str = "?") -> None:
    """Every one of `from_states` may move to `to_state` (a claim that changes the state in SQL)."""
    for from_state in from_states:
        if not may_move(from_state, to_state):
            raise IllegalTransition(case_id, from_state, to_state)


def transition(case: Case, to_state: str) -> None:
    """Move the case to `to_state`, or raise IllegalTransition if its life does not go that way."""
    if not may_move(case.state, to_state):
        raise IllegalTransition(case.id, case.state, to_state)
    case.state = to_state

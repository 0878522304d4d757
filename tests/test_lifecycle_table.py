"""The table of a case's life (actions/cases/lifecycle.py): the moves it allows, the ones it refuses, and
that the code moves cases only through it."""
import ast
import itertools
from pathlib import Path

import pytest

from actions.cases.lifecycle import ALLOWED, BORN_AS, IllegalTransition, may_move, require_moves, transition
from actions.store.tables import (
    APPROVED,
    CHECKED,
    END_STATES,
    EXECUTED,
    EXECUTING,
    FAILED,
    OPEN_STATES,
    RECEIVED,
    REJECTED,
    Case,
)

ROOT = Path(__file__).resolve().parent.parent
MOVES = {
    (RECEIVED, CHECKED), (RECEIVED, FAILED),
    (CHECKED, APPROVED), (CHECKED, REJECTED), (CHECKED, FAILED),
    (APPROVED, EXECUTING), (APPROVED, CHECKED), (APPROVED, REJECTED), (APPROVED, FAILED),
    (EXECUTING, EXECUTED), (EXECUTING, CHECKED), (EXECUTING, FAILED),
    (FAILED, REJECTED),
}
STATES = (*OPEN_STATES, *END_STATES)


def test_the_table_holds_exactly_the_moves_of_a_case_s_life():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == MOVES
    assert set(ALLOWED) == set(STATES)


def test_executed_and_rejected_are_the_end_and_every_state_is_reachable():
    assert ALLOWED[EXECUTED] == ALLOWED[REJECTED] == frozenset()
    reached, frontier = set(BORN_AS), set(BORN_AS)
    while frontier:
        frontier = {b for a in frontier for b in ALLOWED[a]} - reached
        reached |= frontier
    assert reached == set(STATES)


def test_every_open_case_can_still_end():
    for state in STATES:
        seen, frontier = {state}, {state}
        while frontier:
            frontier = {b for a in frontier for b in ALLOWED[a]} - seen
            seen |= frontier
        assert seen & {EXECUTED, REJECTED}, state


@pytest.mark.parametrize("move", sorted(MOVES))
def test_an_allowed_move_sets_the_state(move):
    case = Case(id="c-1", state=move[0])
    transition(case, move[1])
    assert case.state == move[1]


@pytest.mark.parametrize("move", sorted(set(itertools.product(STATES, repeat=2)) - MOVES))
def test_any_other_move_is_refused_and_leaves_the_case_as_it_was(move):
    case = Case(id="c-1", state=move[0])
    with pytest.raises(IllegalTransition, match=f"case c-1: {move[0]} -> {move[1]} is not a move") as refused:
        transition(case, move[1])
    assert case.state == move[0]
    assert (refused.value.from_state, refused.value.to_state) == move


def test_the_refusal_says_where_the_case_could_go():
    with pytest.raises(IllegalTransition, match=r"from executing it may go to checked, executed, failed"):
        transition(Case(id="c-2", state=EXECUTING), APPROVED)
    with pytest.raises(IllegalTransition, match=r"from executed it may go to nothing"):
        transition(Case(id="c-3", state=EXECUTED), CHECKED)


def test_an_unknown_state_is_refused():
    assert not may_move(CHECKED, "archived") and not may_move("archived", CHECKED)


def test_a_claim_that_moves_several_states_needs_each_move():
    require_moves((APPROVED,), EXECUTING)
    with pytest.raises(IllegalTransition, match="received -> executing"):
        require_moves((APPROVED, RECEIVED), EXECUTING)


def test_no_code_outside_the_lifecycle_sets_a_case_s_state_itself():
    """`case.state = ...` (alone or in a tuple) only in lifecycle.py; execution rows have states of their
    own (`row.state`) and are not cases."""
    writers = []
    for package in ("actions", "odzysk"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "lifecycle.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.Assign, ast.AugAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        for element in (target.elts if isinstance(target, ast.Tuple) else [target]):
                            if (isinstance(element, ast.Attribute) and element.attr == "state"
                                    and isinstance(element.value, ast.Name) and element.value.id == "case"):
                                writers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not writers, writers

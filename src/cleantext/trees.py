"""Gradient-boosted trees evaluated in pure Python: the inference half of a fitted scorer.

A model is a dict ``{"base": float, "trees": [[feature, threshold, left, right, value], ...]}``
written by a ``bench/fit_*.py`` script from scikit-learn's ``HistGradientBoostingClassifier``
(binary): each tree is five parallel lists over its nodes, a leaf has ``left == -1``, and a
sample goes left when ``x[feature] <= threshold``. The score is ``base`` plus one leaf value per
tree, a log-odds.

>>> tree = [[0, 0, 0], [0.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, -2.0, 3.0]]  # a split, two leaves
>>> m = {"base": -1.0, "trees": [tree]}
>>> round(sigmoid(log_odds(m, [1.0])), 3)   # x[0] > 0.5: right leaf, -1 + 3
0.881
"""

from __future__ import annotations

import collections
import math
import operator
from collections.abc import Callable, Sequence
from typing import Any


def log_odds(model: dict[str, Any], x: Sequence[float]) -> float:
    """The model's raw score (log-odds) for one feature row."""
    total = float(model["base"])
    for feat, thr, left, right, value in model["trees"]:
        i = 0
        while left[i] >= 0:
            i = left[i] if x[feat[i]] <= thr[i] else right[i]
        total += value[i]
    return total


def compiled(model: dict[str, Any], exprs: Sequence[str] | None = None, state: str = "",
             scope: dict[str, Any] | None = None) -> Callable[[Any], float]:
    """A function computing :func:`log_odds` of ``model``, its trees turned into nested ``if``s.

    Interpreting node lists costs a loop step per node; the generated code costs one comparison,
    several times faster (each feature the trees read is read once, into a local). Trees whose nodes
    make the same split share its comparison: the nodes are emitted in groups, each tree's leaf value
    set in a local of its own, and the sum made at the end in the trees' order, the additions of
    :func:`log_odds` (so the same float). The source is made from the model's numbers only (``repr``
    of floats and ints), so it is exactly the model, with the same ``<=`` ties.

    >>> tree = [[0, 0, 0], [0.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, -2.0, 3.0]]
    >>> f = compiled({"base": -1.0, "trees": [tree]})
    >>> f([1.0]), f([0.5]) == log_odds({"base": -1.0, "trees": [tree]}, [0.5])
    (2.0, True)

    With ``exprs`` the function reads no feature row: it is given a tuple unpacked into the names of
    ``state`` (comma-separated), and feature ``i`` is the value of the Python expression ``exprs[i]``
    over them (``scope``: what the expressions call); only the features the trees read are computed,
    each once, before the first tree.

    >>> g = compiled({"base": -1.0, "trees": [tree]}, ["a / b"], "a, b")
    >>> g((2.0, 4)), g((3.0, 2))
    (-3.0, 2.0)
    """
    # the features the trees read, each read once into a local (a comparison then costs no subscript)
    used = sorted({int(feat[i]) for feat, _, left, _, _ in model["trees"]
                   for i in range(len(left)) if left[i] >= 0})
    lines = ["def f(x):"]
    if exprs is not None:
        lines.append(f"    {state}, = x")
        lines.extend(f"    x{i} = {exprs[i]}" for i in used)
    elif used:  # (one C call fetches them all: ``_get`` is ``itemgetter(*used)``, a tuple when two or more)
        lines.append(f"    {', '.join(f'x{i}' for i in used)}{',' if len(used) > 1 else ''} = _get(x)")
    # Trees whose current nodes split alike (same feature, same threshold) share one comparison: the
    # nodes are emitted in groups (each node once), each tree's leaf value goes to its own local, and
    # the sum is made at the end in the trees' order (the same additions, so the same float).
    ts = model["trees"]

    def emit(at: list[tuple[int, int]], depth: int) -> None:
        pad = "    " * depth
        rest = []
        for k, i in at:
            if ts[k][2][i] < 0:
                lines.append(f"{pad}v{k} = {float(ts[k][4][i])!r}")
            else:
                rest.append((k, i))
        while rest:
            # the split most of the remaining nodes make (ties: the first tree's), then the others
            keys = [(int(ts[k][0][i]), _num(ts[k][1][i])) for k, i in rest]
            counts = collections.Counter(keys)
            key = max(keys, key=counts.__getitem__)  # (the first of the most common)
            group = [ki for ki, sp in zip(rest, keys, strict=True) if sp == key]
            rest = [ki for ki, sp in zip(rest, keys, strict=True) if sp != key]
            lines.append(f"{pad}if x{key[0]} <= {key[1]}:")
            emit([(k, ts[k][2][i]) for k, i in group], depth + 1)
            lines.append(f"{pad}else:")
            emit([(k, ts[k][3][i]) for k, i in group], depth + 1)

    emit([(k, 0) for k in range(len(ts))], 1)
    lines.append(f"    return {' + '.join([repr(float(model['base'])), *(f'v{k}' for k in range(len(ts)))])}")
    env: dict[str, Any] = dict(scope or {})
    if used and exprs is None:
        env["_get"] = operator.itemgetter(*used)
    exec(compile("\n".join(lines), "<cleantext.trees>", "exec"), env)  # noqa: S102 - numbers, given expressions
    return env["f"]


def _num(v: float) -> str:
    v = float(v)
    return repr(v) if math.isfinite(v) else f"float({str(v)!r})"


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), without overflow."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


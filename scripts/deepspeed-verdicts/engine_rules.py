"""Start-up checks DeepSpeed makes where the recorder cannot call the code (it needs tensors).

Each rule cites the file and function it comes from and the text DeepSpeed raises; `check` applies a
rule only when that text is in that file at the tag being recorded, so a rule's versions come from the
source itself. The predicates read the DeepSpeedConfig object DeepSpeed built, never the raw dict.
"""
import os

RULES = []


def rule(file, function, needle, exc_type=AssertionError):

    def register(predicate):
        RULES.append({"file": file, "function": function, "needle": needle, "type": exc_type, "when": predicate})
        return predicate

    return register


_SOURCE_CACHE = {}


def present(tree, file, needle):
    path = os.path.join(tree, file)
    if path not in _SOURCE_CACHE:
        _SOURCE_CACHE[path] = open(path).read() if os.path.exists(path) else ""
    return needle in _SOURCE_CACHE[path]


def check(tree, cfg, config, case):
    for r in RULES:
        if present(tree, r["file"], r["needle"]):
            message = r["when"](cfg, config)
            if message:
                raise r["type"](message)

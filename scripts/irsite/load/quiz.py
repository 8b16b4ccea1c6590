"""Self-check questions: ``content/quiz/<page-slug>.yaml``, one file for each topic page."""

from __future__ import annotations

from pathlib import Path

from ..model import Option, Question
from ..problems import Problem
from .fields import Checker
from .read import LineDict, load_yaml_file

QUIZ_DIR = "content/quiz"
KINDS = {"single": (3, 5), "multiple": (3, 6), "truefalse": (0, 0)}   # kind -> (fewest, most) options
QUESTION_KEYS = {"id": True, "type": True, "prompt": True, "options": False, "answer": False,
                 "if_true": False, "if_false": False, "explanation": True}
OPTION_KEYS = {"text": True, "correct": False, "feedback": True}


Texts = list[tuple[str, str, int]]   # (what, text, line) of each text of a question, for the link checks


def read_quiz(root: Path, path: Path, problems: list[Problem]) -> list[tuple[Question, Texts]]:
    """The file's questions, each with its texts."""
    shown = path.relative_to(root).as_posix()
    check = Checker(shown, problems)
    data = load_yaml_file(path, shown, problems)
    data = check.mapping(data, 1, "a question file") if data is not None else None
    if data is None:
        return []
    check.keys(data, {"questions": True}, "the question file")
    out: list[tuple[Question, Texts]] = []
    seen: dict[str, int] = {}
    for i, item in check.items(data, "questions", "question", "- id: …"):
        what = f"question '{item.get('id', i + 1)}'"
        qid = check.record(item, QUESTION_KEYS, what, "question id")
        if qid in seen:
            check.add(item.line_of("id"), f"duplicate question id '{qid}' (also on line {seen[qid]})",
                      "ids are permanent within the page; give the new question its own id")
        seen.setdefault(qid, item.line_of("id"))
        kind = check.text(item, "type", what)
        if kind and kind not in KINDS:
            check.add(item.line_of("type"), f"unknown type '{kind}' of {what}", f"use one of: {', '.join(KINDS)}")
        texts: Texts = []
        options = _true_false(check, item, what, texts) if kind == "truefalse" else _options(check, item, what, kind, texts)
        question = Question(qid, kind, check.text(item, "prompt", what), options,
                            check.text(item, "explanation", what), item.line)
        for key in ("prompt", "explanation"):
            check.safe(getattr(question, key), item.line_of(key), f"'{key}' of {what}")
            texts.append((f"'{key}' of {what}", getattr(question, key), item.line_of(key)))
        out.append((question, texts))
    return out


def _true_false(check: Checker, item: LineDict, what: str, texts: Texts) -> list[Option]:
    for key in ("answer", "if_true", "if_false"):
        if key not in item:
            check.add(item.line, f"true/false {what} has no '{key}'",
                      "give 'answer: true' or 'answer: false', and the feedback 'if_true:' and 'if_false:'")
    if "options" in item:
        check.add(item.line_of("options"), f"true/false {what} has 'options'",
                  "a true/false question has 'answer', 'if_true' and 'if_false' instead")
    answer = str(item.get("answer", "")).strip().lower()
    if "answer" in item and answer not in ("true", "false"):
        check.add(item.line_of("answer"), f"'answer' of {what} must be true or false", "write answer: true or answer: false")
    options = []
    for key, label in (("if_true", "True"), ("if_false", "False")):
        feedback = check.text(item, key, what, required=key in item)
        check.safe(feedback, item.line_of(key), f"'{key}' of {what}")
        texts.append((f"'{key}' of {what}", feedback, item.line_of(key)))
        options.append(Option(label, answer == label.lower(), feedback))
    return options


def _options(check: Checker, item: LineDict, what: str, kind: str, texts: Texts) -> list[Option]:
    for key in ("answer", "if_true", "if_false"):
        if key in item:
            check.add(item.line_of(key), f"'{key}' belongs to true/false questions, not to {what}",
                      "give each option 'correct: true' where it is right, and 'feedback:'")
    options = []
    for i, opt in check.items(item, "options", "option", "- text: …"):
        owhat = f"option {i + 1} of {what}"
        check.keys(opt, OPTION_KEYS, owhat)
        correct = str(opt.get("correct", "false")).strip().lower()
        if correct not in ("true", "false"):
            check.add(opt.line_of("correct"), f"'correct' of {owhat} must be true or false", "write correct: true, or leave it out")
        option = Option(check.text(opt, "text", owhat), correct == "true", check.text(opt, "feedback", owhat))
        for key in ("text", "feedback"):
            check.safe(getattr(option, key), opt.line_of(key), f"'{key}' of {owhat}")
            texts.append((f"'{key}' of {owhat}", getattr(option, key), opt.line_of(key)))
        options.append(option)
    fewest, most = KINDS.get(kind, (0, 99))
    right = sum(o.correct for o in options)
    line = item.line_of("options")
    if "options" not in item:
        check.add(item.line, f"{what} has no 'options'", "list the choices under 'options:', each with 'text:' and 'feedback:'")
    elif not fewest <= len(options) <= most:
        check.add(line, f"{what} has {len(options)} options", f"a {kind}-answer question has {fewest} to {most}")
    elif kind == "single" and right != 1:
        check.add(line, f"single-answer {what} has {right} correct options",
                  "mark exactly one option 'correct: true' (or make it type: multiple)")
    elif kind == "multiple" and not 0 < right < len(options):
        check.add(line, f"multiple-answer {what} has {right} correct options of {len(options)}",
                  "mark at least one option correct and leave at least one wrong")
    return options

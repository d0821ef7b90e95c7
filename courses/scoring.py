"""Quiz scoring and the public (key-free) view of questions.

Question ids are the StreamField block ids; choice ids are their positions.
Nothing here returns the key unless asked for the result of a submission.
"""

from dataclasses import dataclass, field


@dataclass
class QuestionResult:
    question_id: str
    correct: bool
    chosen: list[str]
    correct_choices: list[str]
    explanation: str


@dataclass
class ScoreResult:
    percent: int
    results: list[QuestionResult] = field(default_factory=list)

    @property
    def stored_answers(self) -> dict[str, list[str]]:
        return {r.question_id: r.chosen for r in self.results}


def _key(block) -> list[str]:
    if block.block_type == "true_false":
        return ["true" if block.value["answer"] else "false"]
    return [
        str(i) for i, choice in enumerate(block.value["choices"]) if choice["correct"]
    ]


def _choices(block) -> list[tuple[str, str]]:
    if block.block_type == "true_false":
        return [("true", "O"), ("false", "X")]
    return [(str(i), choice["text"]) for i, choice in enumerate(block.value["choices"])]


def quiz_questions_public(questions) -> list[dict]:
    """What the browser may see before submission: no key, no explanation."""
    public = []
    for number, block in enumerate(questions, start=1):
        public.append(
            {
                "id": block.id,
                "number": number,
                "kind": block.block_type,
                "multiple": block.block_type == "multiple_choice",
                "text": block.value["question"],
                "choices": _choices(block),
            }
        )
    return public


def score_answers(*, questions, answers: dict[str, list[str]]) -> ScoreResult:
    """All-or-nothing per question; the percentage is rounded down."""
    results = []
    for block in questions:
        valid = {choice_id for choice_id, _ in _choices(block)}
        chosen = sorted({a for a in answers.get(block.id, []) if a in valid})
        key = _key(block)
        results.append(
            QuestionResult(
                question_id=block.id,
                correct=chosen == sorted(key),
                chosen=chosen,
                correct_choices=key,
                explanation=block.value.get("explanation", ""),
            )
        )
    total = len(results)
    right = sum(1 for r in results if r.correct)
    percent = (right * 100) // total if total else 0
    return ScoreResult(percent=percent, results=results)


def quiz_result_review(
    *, questions, stored_answers: dict[str, list[str]]
) -> list[dict]:
    """After submission: each question with the learner's answer, the right one
    and the explanation."""
    result = score_answers(questions=questions, answers=stored_answers)
    by_id = {r.question_id: r for r in result.results}
    review = []
    for item in quiz_questions_public(questions):
        r = by_id[item["id"]]
        item.update(
            correct=r.correct,
            chosen=r.chosen,
            correct_choices=r.correct_choices,
            explanation=r.explanation,
        )
        review.append(item)
    return review


def answer_key_as_answers(quiz) -> dict[str, list[str]]:
    """The right answers in the form a learner submits them (demo data, tests)."""
    answers = {}
    for block in quiz.questions:
        if block.block_type == "true_false":
            answers[block.id] = ["true" if block.value["answer"] else "false"]
        else:
            answers[block.id] = [
                str(i) for i, c in enumerate(block.value["choices"]) if c["correct"]
            ]
    return answers

import numpy as np
import pytest

from nnlib import exercises

ALL = exercises.ids()


def test_there_are_exercises_for_the_notebooks():
    assert len(ALL) == len(set(ALL)) >= 3
    assert all(i[:2].isdigit() and i[2] == "." for i in ALL)


@pytest.mark.parametrize("exercise_id", ALL)
def test_right_answer_is_accepted(exercise_id, capsys):
    exercise = exercises._get(exercise_id)
    assert exercises.check(exercise_id, exercise.reference) is True
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("exercise_id", ALL)
def test_typical_wrong_answer_is_rejected_with_the_failing_case(exercise_id, capsys):
    exercise = exercises._get(exercise_id)
    assert exercises.check(exercise_id, exercise.wrong) is False
    out = capsys.readouterr().out
    assert "not yet" in out and "expected" in out and "got" in out
    assert "hint(" in out


@pytest.mark.parametrize("exercise_id", ALL)
def test_solution_text_is_right(exercise_id, capsys):
    # The printed solution, run as code, must pass its own check.
    exercise = exercises._get(exercise_id)
    namespace = {"np": np}
    exec(exercise.solution, namespace)
    names = [n for n in namespace if n not in ("np", "__builtins__")]
    answer = namespace[names[-1]]
    assert exercises.check(exercise_id, answer) is True
    exercises.solution(exercise_id)
    exercises.hint(exercise_id)
    out = capsys.readouterr().out
    assert exercise.solution in out and exercise.hint in out


def test_unanswered_is_friendly(capsys):
    assert exercises.check("01.triple", None) is False
    assert "not answered yet" in capsys.readouterr().out


def test_a_learners_exception_is_explained_not_raised(capsys):
    def outputs(X, w):
        return X * undefined_name  # noqa: F821  (the learner's bug)

    assert exercises.check("01.outputs", outputs) is False
    out = capsys.readouterr().out
    assert "raised NameError" in out and "undefined_name" in out and "for input" in out


def test_value_versus_function_mix_ups_are_explained(capsys):
    assert exercises.check("01.outputs", 3.0) is False
    assert "should be a function" in capsys.readouterr().out
    assert exercises.check("01.triple", lambda: 3.0) is False
    assert "should be a value" in capsys.readouterr().out


def test_unknown_id_names_the_choices():
    with pytest.raises(ValueError, match="01.triple"):
        exercises.check("01.nope", 1.0)


def test_an_in_place_answer_cannot_spoil_the_reference_cases(capsys):
    def outputs(X, w):
        X *= w          # modifies its input: a common NumPy slip
        return X

    assert exercises.check("01.outputs", outputs) is True
    assert exercises.check("01.outputs", exercises._get("01.outputs").reference) is True
    capsys.readouterr()


def test_numpy_scalars_print_like_numbers(capsys):
    assert exercises.check("01.triple", np.float64(2.5)) is False
    assert "got 2.5." in capsys.readouterr().out

"""Every kind of error the code can raise is documented at its type URI."""

import exam_api.app  # noqa: F401 (imports every feature, and so every Problem class)
from exam_api.problems import PROBLEM_TYPE_BASE, Problem, problem_types


def all_problem_classes(cls=Problem):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_problem_classes(sub)


def test_every_problem_class_says_what_it_means():
    for cls in all_problem_classes():
        assert cls.slug and cls.title and cls.meaning, cls.__name__


def test_each_slug_names_one_kind_of_problem():
    slugs = [cls.slug for cls in all_problem_classes()]
    assert len(slugs) == len(set(slugs))


def test_the_catalog_lists_every_class_with_its_status():
    listed = {problem["slug"]: problem for problem in problem_types()}
    for cls in all_problem_classes():
        assert listed[cls.slug]["status"] == int(cls.status)
        assert listed[cls.slug]["type"] == f"{PROBLEM_TYPE_BASE}/{cls.slug}"

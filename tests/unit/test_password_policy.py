"""The password policy (NIST SP 800-63B-4): length after NFKC, and no common password."""

import pytest

from exam_api.users import password_policy
from exam_api.users.passwords import hash_password, verify_password


def test_a_long_uncommon_password_is_accepted():
    assert password_policy.problems("pale ferry at noon") == []


@pytest.mark.parametrize("password", ["eleven char", "x" * 257], ids=["11", "257"])
def test_a_password_out_of_12_to_256_characters_is_refused(password):
    assert password_policy.problems(password)


@pytest.mark.parametrize("password", ["x" * 12, "x" * 256], ids=["12", "256"])
def test_12_and_256_characters_are_the_bounds(password):
    assert not any("characters" in problem for problem in password_policy.problems(password))


@pytest.mark.parametrize("password", ["password1234", "123456789012", "qwertyuiopasdf"])
def test_a_common_password_is_refused(password):
    assert password_policy.problems(password) == ["This is one of the most common passwords; choose another."]


def test_length_is_counted_after_nfkc_normalisation():
    """U+FB03 (the 'ffi' ligature) is three characters once normalised."""
    assert password_policy.problems("ﬃ" * 4) == []


def test_a_password_matches_its_nfkc_form():
    assert verify_password(hash_password("ﬃ café noon ride"), "ffi café noon ride")

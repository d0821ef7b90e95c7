import pytest

from lms.masking import identifier_mask, name_mask, staff_number_mask
from lms.money import won_format


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("홍길동", "홍*동"),
        ("김철", "김*"),
        ("남궁민수", "남**수"),
        ("이", "이"),
        ("", ""),
        (" 박서준 ", "박*준"),
    ],
)
def test_name_mask(name, masked):
    assert name_mask(name) == masked


def test_staff_number_mask_hides_the_middle():
    assert staff_number_mask("P2019001") == "P2****01"
    assert "2019" not in staff_number_mask("P2019001")


def test_short_identifier_keeps_one_character():
    assert identifier_mask("1234") == "1***"
    assert identifier_mask("") == ""


def test_won_format_in_korean():
    from django.utils import translation

    with translation.override("ko"):
        assert won_format(1234000) == "1,234,000원"
    assert won_format(None) == ""

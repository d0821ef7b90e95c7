"""The shared pattern for wide tables: ``{% scroll_table %}`` puts a table in a
focusable scroll region named by its caption, with a cue to slide sideways."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

TABLE = '<table><caption id="cap">Figures</caption><tr><td>1</td></tr></table>'


def render(source: str, **context) -> str:
    with translation.override("ko"):
        return Template("{% load lms_tables %}" + source).render(Context(context))


def test_the_table_sits_in_a_named_focusable_region_with_a_cue():
    html = render('{% scroll_table "cap" %}' + TABLE + "{% endscroll_table %}")
    assert (
        '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="cap">'
        in html
    )
    assert (
        '<p class="table-scroll__cue">' in html and "옆으로 밀어 표 전체 보기" in html
    )
    assert html.index("table-scroll__cue") < html.index("<table>")
    assert TABLE in html  # the table itself is not escaped or changed


def test_the_caption_id_may_come_from_the_context_and_is_escaped():
    html = render(
        "{% scroll_table caption_id %}" + TABLE + "{% endscroll_table %}",
        caption_id='x" onclick="y',
    )
    assert 'aria-labelledby="x&quot; onclick=&quot;y"' in html


def test_the_caption_id_is_required():
    with pytest.raises(TemplateSyntaxError, match="the id of the table's caption"):
        render("{% scroll_table %}" + TABLE + "{% endscroll_table %}")

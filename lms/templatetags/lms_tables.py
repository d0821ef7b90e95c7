"""The ``{% scroll_table %}`` block: a table too wide for a phone (or for the
admin beside its menu) scrolls sideways inside its own region, never the page.

    {% load lms_tables %}
    {% scroll_table "compliance-caption" %}<table>…<caption id="compliance-caption">…</table>{% endscroll_table %}

The region is focusable (keyboard users scroll it with the arrow keys) and
named by the table's caption; a cue ("← slide sideways to see more →") shows
while the table does not fit (``lms/static/lms/css/tables.css``). Record lists
that a phone should show as cards use the other pattern there, ``table--stack``.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

TEMPLATE = "lms/includes/table_scroll.html"


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, labelledby):
        self.nodelist = nodelist
        self.labelledby = labelledby

    def render(self, context):
        table = self.nodelist.render(context)
        region = context.template.engine.get_template(TEMPLATE)
        return region.render(
            context.new(
                {
                    "labelledby": self.labelledby.resolve(context),
                    "table": mark_safe(table),  # noqa: S308 - rendered by the template engine
                }
            )
        )


@register.tag
def scroll_table(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes one argument: the id of the table's caption"
        )
    nodelist = parser.parse(("endscroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, parser.compile_filter(bits[1]))

"""Pages of a list that never count the list.

Django's Paginator counts every row to say "page 3 of 412": on an archive that grows, the count
costs more than the page. A page here reads one row more than it shows, to know whether there is
a next one, and says "Page 3" with Newer and Older links (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

# A page number past this is not a page anyone reaches by following links.
LAST_PAGE = 10_000


class Page:
    def __init__(
        self, object_list: list[Any], number: int, has_next: bool, per_page: int = 0
    ) -> None:
        self.object_list = object_list
        self.number = number
        self._has_next = has_next
        self.per_page = per_page
        # No paginator, no count: templates say "Page N", never "of M".
        self.paginator = None

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        """The place of the page's first row in the whole list (1 on the first page)."""
        return (self.number - 1) * self.per_page + 1


def page_number(value: object) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), LAST_PAGE)


def page_of(rows: Sequence[Any] | Any, number: object, per_page: int) -> Page:
    """Page `number` (as typed in the address: anything odd is page 1) of `rows`, a queryset
    in a stable order, reading `per_page + 1` rows."""
    current = page_number(number)
    start = (current - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    return Page(found[:per_page], current, len(found) > per_page, per_page)

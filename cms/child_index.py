"""Index pages whose own page just lists their visible children (/policy-topics/, /people/)."""

from __future__ import annotations

from typing import Any, ClassVar

from cms import keys
from cms.deps import depend
from cms.visibility import visible


class ChildIndexMixin:
    """Puts the page's visible children, in tree order, in the context as ``children_name``.

    A type that shapes them (people grouped by affiliation) overrides ``list_children``.
    """

    children_name: ClassVar[str] = "children"

    def list_children(self) -> Any:
        # A child published, hidden or moved re-renders the index (``deploy.export.state``).
        depend(keys.children(self.pk))
        return list(visible(self.get_children()).specific())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[self.children_name] = self.list_children()
        return context

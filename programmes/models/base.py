"""Derived search text and Vietnamese sort keys kept beside the displayed text."""

from typing import Any

from django.db import models

from programmes.text import fold, sort_key


class SearchableMixin(models.Model):
    """Keeps a folded search text and a Vietnamese sort key beside the displayed text.

    They are derived data, not business rules, so they are refreshed on every save: admin
    edits and services alike keep them right.
    """

    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(" ".join(part for part in self.searchable_parts() if part))
        self.sort_key = sort_key(self.sortable_text())[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_key"}
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[str]:
        raise NotImplementedError

    def sortable_text(self) -> str:
        raise NotImplementedError


# Bodies ---------------------------------------------------------------------------------------

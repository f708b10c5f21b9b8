"""Bodies (cơ quan, đơn vị), their history of renames, merges and splits, and accounts."""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from programmes.models.base import SearchableMixin


class BodyKind(models.TextChoices):
    PROVINCE = "province", _("Province or city")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PARTY_BOARD = "party_board", _("Party board or office")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    DEPARTMENT = "department", _("Department")
    POLICE = "police", _("Police")
    MILITARY = "military", _("Military command")
    FRONT = "front", _("Fatherland Front and mass organisation")
    LOCAL = "local", _("Local committee")
    CENTRAL = "central", _("Central ministry or agency")


class BodyQuerySet(TreeQuerySet):
    def visible_to(self, user: "User") -> "BodyQuerySet":
        """Every signed-in account reads the registry of bodies (a body's page shows its own
        reports only through ``tracking``'s report rules)."""
        return self if user.is_authenticated else self.none()

    def active_on(self, day: date) -> "BodyQuerySet":
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=day),
            Q(active_to__isnull=True) | Q(active_to__gt=day),
        )


class Body(SearchableMixin, TreeNode):
    """A body (cơ quan, đơn vị): a node in the tree of a province's organisations.

    Bodies are renamed, merged and split; those changes are recorded as ``BodyEvent`` rows and
    a merged body points at its ``successor``, so its history stays readable.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(
        _("active until"), null=True, blank=True, help_text=_("The first day it no longer exists.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = BodyQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gt=models.F("active_from")),
                name="body_active_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:body-detail", args=[self.pk])

    def searchable_parts(self) -> list[str]:
        return [self.name, self.short_name]

    def sortable_text(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def name_on(self, day: date) -> str:
        """The name the body had on ``day`` (renames are kept as events)."""
        later = [e for e in self.events.all() if e.kind == BodyEvent.Kind.RENAME and e.on > day]
        return min(later, key=lambda e: e.on).old_name if later else self.name

    def current(self) -> "Body":
        """Follow merges to the body that carries this one's work today."""
        body: Body = self
        seen: set[int] = set()
        while body.successor is not None and body.pk not in seen:
            seen.add(body.pk)
            body = body.successor
        return body


class BodyEvent(models.Model):
    """A rename, merge or split of a body, with its date: the body's readable history."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Renamed")
        MERGE = "merge", _("Merged into")
        SPLIT = "split", _("Split into")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date"))
    related = models.ForeignKey(
        Body,
        verbose_name=_("related body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("body change")
        verbose_name_plural = _("body changes")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.body} – {self.get_kind_display()} ({self.on:%d/%m/%Y})"


# Accounts -------------------------------------------------------------------------------------


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official")
    HEAD = "head", _("Head of body")
    LEADER = "leader", _("Provincial leader")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """An account. Officials and heads belong to a body; their work is scoped to it."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICIAL)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    wants_digest = models.BooleanField(
        _("weekly digest by email"),
        default=True,
        help_text=_(
            "Deadline reminders are always sent; only the weekly digest can be turned off."
        ),
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["official", "head"]) | Q(body__isnull=False),
                name="user_body_required_for_body_roles",
                violation_error_message=_("Officials and heads of bodies must belong to a body."),
            ),
        ]

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    # The role checks, used by views, access rules and templates alike.

    @property
    def is_leader(self) -> bool:
        """Provincial leaders and admins: they read every report and the leaders' pages
        (overview, lists, targets, documents) and manage programmes and their task lists;
        they write no reports."""
        return self.is_active and (self.role in (Role.LEADER, Role.ADMIN) or self.is_superuser)

    @property
    def is_admin(self) -> bool:
        """Administrators manage accounts (the province's account list from Excel)."""
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def reports_for_body(self) -> bool:
        """Officials and heads write their own body's reports."""
        return self.role in (Role.OFFICIAL, Role.HEAD) and self.body_id is not None

    @property
    def is_head(self) -> bool:
        """A head of body confirms or returns their body's reports."""
        return self.role == Role.HEAD and self.body_id is not None

    @property
    def needs_second_factor(self) -> bool:
        """Leaders read everything, admins change everything: both sign in with a TOTP code
        (accounts/views.py), and so does anyone else who may open the Django admin."""
        return self.role in {Role.LEADER, Role.ADMIN} or self.is_staff or self.is_superuser

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django ends every session whose stored hash no longer matches. Mixing in whether the
        # account needs a second factor ends an official's sessions when they are made a
        # leader or admin: they sign in again, this time with a code. Accounts that need none
        # keep Django's own hash, so their sessions are untouched.
        if not self.needs_second_factor:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        return salted_hmac(
            "programmes.User.get_session_auth_hash.second_factor",
            self.password,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def __str__(self) -> str:
        return self.get_full_name()


# Programmes -----------------------------------------------------------------------------------

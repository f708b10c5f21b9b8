"""The plan: bodies, accounts, programmes, goals, targets, the task tree and its assignments.

One module per part; everything is imported from ``programmes.models`` as before.
"""

from programmes.models.base import (
    SearchableMixin,
)
from programmes.models.bodies import (
    Body,
    BodyEvent,
    BodyKind,
    BodyQuerySet,
    Role,
    User,
)
from programmes.models.drafts import (
    SavedDraft,
)
from programmes.models.imports import (
    ImportBatch,
)
from programmes.models.programmes import (
    Goal,
    Programme,
    ProgrammeQuerySet,
    ProgressWeighting,
    ReportingPeriod,
    UnreportedTasks,
    default_reporting_periods,
    reports_by,
)
from programmes.models.targets import (
    Comparator,
    Target,
    TargetMilestone,
)
from programmes.models.tasks import (
    WORK_KINDS,
    Assignment,
    AssignmentQuerySet,
    AssignmentRole,
    Task,
    TaskKind,
    TaskQuerySet,
    tree_key,
)

__all__ = [
    "Assignment",
    "AssignmentQuerySet",
    "AssignmentRole",
    "Body",
    "BodyEvent",
    "BodyKind",
    "BodyQuerySet",
    "Comparator",
    "Goal",
    "ImportBatch",
    "Programme",
    "ProgrammeQuerySet",
    "ProgressWeighting",
    "ReportingPeriod",
    "Role",
    "SavedDraft",
    "SearchableMixin",
    "Target",
    "TargetMilestone",
    "Task",
    "TaskKind",
    "TaskQuerySet",
    "UnreportedTasks",
    "WORK_KINDS",
    "User",
    "default_reporting_periods",
    "reports_by",
    "tree_key",
]

"""The permission matrix: every URL name of the project, every role.

Each URL name has a row saying who gets in (200 or a redirect that is not to the sign-in page);
every other signed-in role is refused (403 or 404) and an anonymous visitor is sent to sign in,
unless the row says the page is public. ``test_every_url_name_is_in_the_matrix`` fails when a
URL name is added without a row here.
"""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from programmes.models import AssignmentRole, ImportBatch, Role
from proposals.models import Proposal
from tests.factories import BodyFactory, UserFactory, period_of
from tracking import services
from tracking.periods import span_containing
from tracking.services import ReportData

pytestmark = pytest.mark.django_db

SIGNED_IN = {"official", "head", "leader", "admin", "outsider", "outsider_head"}
LEADERS = {"leader", "admin"}
LEAD_BODY = {"official", "head"}
READERS = LEAD_BODY | LEADERS
PUBLIC = "public"


@dataclass(frozen=True)
class Row:
    allowed: frozenset[str] | str  # the roles that get in, or PUBLIC
    method: str = "get"


def row(allowed: set[str] | str, method: str = "get") -> Row:
    return Row(allowed if isinstance(allowed, str) else frozenset(allowed), method)


MATRIX: dict[str, Row] = {
    "home": row(PUBLIC),
    "login": row(PUBLIC),
    "logout": row(PUBLIC, "post"),
    "set_language": row(PUBLIC, "post"),
    "health": row(PUBLIC),
    "admin-login": row(PUBLIC),
    # Signing in and resetting a password: reached before signing in; the second-factor pages
    # act only on the sign-in waiting in the session (accounts/access.py), never on an id.
    "accounts:second-factor": row(PUBLIC),
    "accounts:second-factor-setup": row(PUBLIC),
    "accounts:password-reset": row(PUBLIC),
    "accounts:password-reset-done": row(PUBLIC),
    "accounts:password-reset-confirm": row(PUBLIC),
    "accounts:password-reset-complete": row(PUBLIC),
    "programmes:programme-list": row(SIGNED_IN),
    "programmes:programme-detail": row(SIGNED_IN),
    "programmes:body-list": row(SIGNED_IN),
    "programmes:body-detail": row(SIGNED_IN),
    "programmes:import-template": row(SIGNED_IN),
    "programmes:programme-export": row(SIGNED_IN),
    "programmes:import-upload": row(LEADERS),
    "programmes:import-preview": row(LEADERS),
    "programmes:import-apply": row(LEADERS, "post"),
    "programmes:import-progress": row(LEADERS),
    "programmes:text-import": row(LEADERS),
    "tracking:my-tasks": row(SIGNED_IN),
    "tracking:task-detail": row(SIGNED_IN),
    "tracking:task-timeline": row(SIGNED_IN),
    "tracking:report-start": row(LEAD_BODY, "post"),
    "tracking:subtask-create": row(LEAD_BODY, "post"),
    "tracking:report-detail": row(READERS),
    "tracking:report-edit": row(LEAD_BODY),
    "tracking:evidence-add": row(LEAD_BODY, "post"),
    "tracking:evidence-download": row(READERS),
    "tracking:evidence-remove": row(LEAD_BODY, "post"),
    "tracking:report-confirm": row({"head"}, "post"),
    "tracking:report-return": row({"head"}, "post"),
    "tracking:review-queue": row(SIGNED_IN),
    # A unit's page: its own head, and leaders for any body; another body's head gets 404.
    "tracking:unit": row({"head"} | LEADERS),
    "tracking:unit-confirm": row({"head"}, "post"),
    "tracking:notifications": row(SIGNED_IN),
    "tracking:overview": row(LEADERS),
    "tracking:task-list": row(LEADERS),
    "tracking:programme-progress": row(LEADERS),
    "tracking:programme-targets": row(LEADERS),
    "tracking:target-detail": row(LEADERS),
    "tracking:midterm-report": row(LEADERS),
    "tracking:readings-import": row(LEADERS),
    "tracking:search": row(SIGNED_IN),
    "tracking:report-list": row(LEADERS),
    # The lists' Excel exports, guarded as their pages: an official or a head exports their
    # own body's inbox and queue (an outsider's are empty), leaders the leaders' pages.
    "tracking:programme-progress-export": row(LEADERS),
    "tracking:overview-bodies-export": row(LEADERS),
    "tracking:body-list-export": row(SIGNED_IN),
    "tracking:my-tasks-export": row(SIGNED_IN),
    "tracking:review-queue-export": row(SIGNED_IN),
    "tracking:search-export": row(SIGNED_IN),
    # The register of proposals: the queue for leaders and heads (a head's holds what is
    # addressed to the body); a proposal for its body, the addressed body and leaders; the
    # fixture's proposal is addressed to the Thường trực/UBND, so leaders answer it.
    "proposals:queue": row(LEADERS | {"head", "outsider_head"}),
    "proposals:export": row(LEADERS | {"head", "outsider_head"}),
    "proposals:detail": row(READERS),
    "proposals:act": row(LEADERS, "post"),
    "proposals:readdress": row(LEADERS, "post"),
    "league:table": row(LEADERS),
    "league:export": row(LEADERS),
}


def url_names() -> set[str]:
    """Every named URL of the project, namespaced; Django's admin has its own permissions."""
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_name_is_in_the_matrix():
    assert url_names() - set(MATRIX) == set(), "add a row to MATRIX for each new URL name"
    assert set(MATRIX) - url_names() == set(), "remove the rows of URL names that are gone"


def words() -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=50,
        completed_on=None,
        blocked=False,
        results="Đã triển khai.",
        difficulties="",
        proposals="",
        readings={},
    )


@pytest.fixture
def people(official, head, leader, admin_user):
    outsider_body = BodyFactory(name="Sở Y tế")
    return {
        "anonymous": None,
        "official": official,
        "head": head,
        "leader": leader,
        "admin": admin_user,
        "outsider": UserFactory(body=outsider_body),
        "outsider_head": UserFactory(role=Role.HEAD, body=outsider_body),
    }


@pytest.fixture
def objects(task, official, leader, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(date(2023, 9, 1)):  # Q3/2023 is owed then
        draft = services.report_start(task=task, period=period_of("quarter", 2023, 3), by=official)
        draft = services.report_save(report=draft, by=official, data=words(), version=1)
    evidence = [
        services.evidence_add(
            report=draft,
            by=official,
            upload=SimpleUploadedFile(f"bao-cao-{n}.pdf", b"%PDF-1.4 noi dung", "application/pdf"),
        )
        for n in range(2)
    ]
    with time_machine.travel(date(2023, 6, 20)):  # Q2/2023 is owed then
        report = services.report_start(task=task, period=period_of("quarter", 2023, 2), by=official)
        report = services.report_save(report=report, by=official, data=words(), version=1)
        report = services.report_submit(report=report, by=official, version=report.version)
    batch = ImportBatch.objects.create(
        programme=task.programme, created_by=leader, file_name="ds.xlsx", reading={}
    )
    proposal = Proposal.objects.create(
        report=report,
        number=1,
        task=task,
        body=report.body,
        text="Đề nghị bổ sung kinh phí",
        due_on=report.period.due_on,
    )
    return {
        "task": task,
        "draft": draft,
        "evidence": evidence,
        "report": report,
        "batch": batch,
        "proposal": proposal,
        "target": target_with_a_path(task),
    }


def target_with_a_path(task):
    """A target of the task's programme with a baseline and a milestone (its own page)."""
    from tests.factories import TargetFactory

    target = TargetFactory(
        programme=task.programme, task=task, baseline_value=10, baseline_year=2020, target_year=2030
    )
    target.milestones.create(year=2025, value=20)
    return target


def request_for(name: str, o: dict, role: str) -> tuple[str, dict]:
    """The request for ``name``; removing evidence removes a file of the role's own (the
    official's first, the head's second), so that each allowed role finds one to remove."""
    task, report, programme = o["task"], o["report"], o["task"].programme
    slug = programme.slug
    args: dict[str, list] = {
        "programmes:programme-detail": [slug],
        "programmes:body-detail": [report.body_id],
        "programmes:import-upload": [slug],
        "programmes:programme-export": [slug],
        "programmes:import-preview": [slug, o["batch"].pk],
        "programmes:import-apply": [slug, o["batch"].pk],
        "programmes:import-progress": [slug, o["batch"].pk],
        "programmes:text-import": [slug],
        "tracking:task-detail": [task.pk],
        "tracking:task-timeline": [task.pk],
        "tracking:report-start": [task.pk],
        "tracking:subtask-create": [task.pk],
        "tracking:report-detail": [report.pk],
        "tracking:report-edit": [report.pk],
        "tracking:evidence-add": [o["draft"].pk],
        "tracking:evidence-download": [o["evidence"][0].pk],
        "tracking:evidence-remove": [o["evidence"][role == "head"].pk],
        "tracking:report-confirm": [report.pk],
        "tracking:report-return": [report.pk],
        "tracking:task-list": ["qua-han"],
        "tracking:unit": [report.body_id],
        "tracking:unit-confirm": [report.body_id],
        "tracking:programme-progress": [slug],
        "tracking:programme-targets": [slug],
        "tracking:target-detail": [slug, o["target"].pk],
        "tracking:programme-progress-export": [slug],
        "tracking:midterm-report": [slug],
        "tracking:readings-import": [slug],
        "accounts:password-reset-confirm": ["MQ", "khong-hop-le"],
        "proposals:detail": [o["proposal"].pk],
        "proposals:act": [o["proposal"].pk],
        "proposals:readdress": [o["proposal"].pk],
    }
    owed = span_containing("quarter", timezone.localdate())  # the quarter owed today
    data = {
        "set_language": {"language": "vi", "next": "/"},
        "tracking:report-start": {"kind": "quarter", "year": owed.year, "number": owed.number},
        "tracking:subtask-create": {"title": "Việc con"},
        "tracking:report-confirm": {"version": report.version},
        "tracking:report-return": {"version": report.version, "comment": "Bổ sung"},
        "tracking:unit-confirm": {"bao_cao": f"{report.pk}:{report.version}"},
        "proposals:act": {"action": "take_up"},
    }
    url = reverse(name, args=args.get(name, []))
    if name == "tracking:search-export":  # words to find: without them it sends to the page
        url += "?q=nhiem+vu"
    return url, data.get(name, {})


ROLES = ["anonymous", "official", "head", "leader", "admin", "outsider", "outsider_head"]


def expected(entry: Row, role: str) -> str:
    if entry.allowed == PUBLIC:
        return "public"
    if role == "anonymous":
        return "login"
    return "in" if role in entry.allowed else "refused"


def outcome(response) -> str:
    if response.status_code == 302 and "/dang-nhap/" in response.url:
        return "login"
    if response.status_code in (403, 404):
        return "refused"
    return "in" if response.status_code in (200, 302) else str(response.status_code)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, people, objects, name):
    """Each role in turn, on a fresh client; a POST that gets in is the last request made,
    so that it changes nothing the other roles' requests depend on."""
    entry = MATRIX[name]
    found, wanted = {}, {}
    order = sorted(ROLES, key=lambda role: expected(entry, role) == "in")
    for role in order:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        url, data = request_for(name, objects, role)
        response = getattr(client, entry.method)(url, data)
        wanted[role] = expected(entry, role)
        found[role] = outcome(response)
        if wanted[role] == "public":
            found[role] = "public" if response.status_code in (200, 302, 503) else found[role]
    assert found == wanted


def test_the_guard_sees_a_url_name_missing_from_the_matrix(settings):
    """A project with one more URL name than the matrix knows is caught by the guard."""
    settings.ROOT_URLCONF = "tests.tracking.urls_with_an_unlisted_page"
    assert url_names() - set(MATRIX) == {"unlisted-page"}
    assert "unlisted-page" not in MATRIX


# The query budget: every page read with GET, as each role that may read it, counts the same
# queries with a little data and with more of it.
GET_PAGES = sorted(
    name
    for name, entry in MATRIX.items()
    if entry.method == "get"
    and entry.allowed != PUBLIC
    and name
    not in (
        "programmes:import-template",
        "tracking:evidence-download",
        "proposals:export",
        "league:export",
    )
)


def grow(task, department, official, head, n: int) -> None:
    """More of everything a page may list: tasks, assignments, confirmed reports and the
    proposals they raise (two each)."""
    from tests.factories import AssignmentFactory, TaskFactory

    data = words()
    data.proposals = "Đề nghị bổ sung kinh phí\nĐề nghị giao đất"

    for i in range(n):
        extra = TaskFactory(programme=task.programme, title=f"Nhiệm vụ thêm {n}-{i}")
        AssignmentFactory(task=extra, body=department, role=AssignmentRole.LEAD)
        owed = span_containing("quarter", timezone.localdate())  # the quarter owed today
        report = services.report_start(
            task=extra, period=period_of("quarter", owed.year, owed.number), by=official
        )
        report = services.report_save(report=report, by=official, data=data, version=1)
        report = services.report_submit(report=report, by=official, version=report.version)
        if i % 2:
            services.report_confirm(report=report, by=head, version=report.version)


READERS_OF_PAGES = [
    (name, role)
    for name in GET_PAGES
    for role in ("leader", "official", "head")
    if role in MATRIX[name].allowed
]


@pytest.mark.parametrize(("name", "role"), READERS_OF_PAGES)
def test_query_budget_does_not_grow_with_the_data(client, people, objects, department, name, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people[role])
    url, _data = request_for(name, objects, role)
    if name == "tracking:report-edit":  # the form of a report still being written
        url = reverse(name, args=[objects["draft"].pk])
    grow(objects["task"], department, people["official"], people["head"], n=2)

    def queries() -> int:
        client.get(url)  # warm whatever is cached per person
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    grow(objects["task"], department, people["official"], people["head"], n=5)
    assert queries() == few

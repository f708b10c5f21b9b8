"""The forms the text importer must read, one at a time (issue 13: what the importer must read)."""

from datetime import date
from decimal import Decimal

import pytest

from programmes.deadlines import parse_deadline
from programmes.models import Body, BodyKind, Comparator, Target
from programmes.seeding import seed_load
from programmes.text_import import draft_from_text
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def titles(draft, kind=None):
    return [t.title for t in draft.tasks if kind is None or t.kind == kind]


def targets(draft):
    return [(t.name, t.comparator, t.value, t.value_max, t.unit, t.horizon) for t in draft.targets]


# Structure ---------------------------------------------------------------------------------------


def test_numbering_run_into_one_paragraph_is_split():
    draft = draft_from_text(
        "Chương trình gồm các nội dung sau: I. MỤC ĐÍCH, YÊU CẦU 1. Quán triệt sâu sắc Nghị "
        "quyết. 2. Xác định rõ trách nhiệm. II. NHIỆM VỤ, GIẢI PHÁP 1. Đẩy mạnh cải cách hành "
        "chính. 2. Phát triển hạ tầng giao thông. 3. Nâng cao chất lượng nguồn nhân lực."
    )
    assert draft.purpose == ["Quán triệt sâu sắc Nghị quyết", "Xác định rõ trách nhiệm"]
    assert [(t.number, t.kind) for t in draft.tasks] == [
        ("1.", "group"),
        ("2.", "group"),
        ("3.", "group"),
    ]
    assert draft.tasks[1].title == "Phát triển hạ tầng giao thông"


def test_letter_sections_are_not_roman_numerals_and_plan_sections_are_not_tasks():
    draft = draft_from_text(
        "A. MỤC TIÊU\n"
        "Đến năm 2030, tỉnh trở thành tỉnh phát triển khá.\n"
        "B. NHIỆM VỤ, GIẢI PHÁP\n"
        "I. Về kinh tế\n"
        "1. Thu hút đầu tư vào các khu công nghiệp.\n"
        "2. Phát triển du lịch.\n"
        "II. Về xã hội\n"
        "1. Nâng cao chất lượng giáo dục.\n"
        "C. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ngành theo chức năng, nhiệm vụ xây dựng kế hoạch thực hiện.\n"
        "D. KINH PHÍ\n"
        "Kinh phí thực hiện từ nguồn ngân sách tỉnh."
    )
    assert [(t.number, t.depth, t.kind) for t in draft.tasks] == [
        ("I.", 0, "group"),
        ("1.", 1, "task"),
        ("2.", 1, "task"),
        ("II.", 0, "group"),
        ("1.", 1, "task"),
        ("", 0, "task"),  # the organisation section's assignment, a task of its own
    ]
    assert draft.tasks[-1].title.startswith("Các sở, ngành theo chức năng")
    assert [g.horizon for g in draft.goals] == [2030]
    assert not any("Kinh phí" in t for t in titles(draft))


def test_long_section_titles_and_sections_named_by_their_subject():
    draft = draft_from_text(
        "I. MỤC ĐÍCH, YÊU CẦU CỦA CHƯƠNG TRÌNH\n"
        "1. Quán triệt đầy đủ nội dung Nghị quyết.\n"
        "II. NHỮNG NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI\n"
        "1. Về phát triển kinh tế\n"
        "a) Thu hút đầu tư.\n"
        "b) Phát triển du lịch.\n"
        "III. VỀ XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ\n"
        "1. Nâng cao chất lượng tổ chức cơ sở đảng.\n"
        "IV. TỔ CHỨC THỰC HIỆN CHƯƠNG TRÌNH\n"
        "Ban Tuyên giáo Tỉnh ủy chủ trì hướng dẫn, tuyên truyền."
    )
    assert [(t.number, t.depth, t.kind) for t in draft.tasks] == [
        ("1.", 0, "group"),
        ("a)", 1, "task"),
        ("b)", 1, "task"),
        ("III.", 0, "group"),
        ("1.", 1, "task"),
        ("", 0, "task"),
    ]
    assert draft.purpose == ["Quán triệt đầy đủ nội dung Nghị quyết"]
    assert draft.tasks[-1].lead_name == "Ban Tuyên giáo Tỉnh ủy"


def test_roman_numerals_up_to_twenty_and_dotted_numbers_keep_their_depth():
    text = "\n".join(
        [f"{roman}. Nhóm nhiệm vụ {n}" for n, roman in enumerate(["XVIII", "XIX", "XX"], 18)]
        + [
            "1.1. Nhiệm vụ một",
            "1.2. Nhiệm vụ hai",
            "a) Việc thứ nhất",
            "b) Việc thứ hai",
            "- Ý một",
            "+ Ý hai",
        ]
    )
    draft = draft_from_text(text)
    assert [(t.number, t.depth) for t in draft.tasks] == [
        ("XVIII.", 0),
        ("XIX.", 0),
        ("XX.", 0),
        ("1.1.", 1),
        ("1.2.", 1),
        ("a)", 2),
        ("b)", 2),
        ("-", 3),
        ("+", 4),
    ]


def test_a_heading_without_a_full_stop_does_not_swallow_the_next_paragraph():
    draft = draft_from_text(
        "1. Về phát triển kinh tế\n"
        "Tập trung thu hút đầu tư vào các khu công nghiệp.\n"
        "2. Về văn hóa - xã hội\n"
        "Nâng cao chất lượng giáo dục, y tế."
    )
    assert [(t.title, t.depth, t.kind) for t in draft.tasks] == [
        ("Về phát triển kinh tế", 0, "group"),
        ("Tập trung thu hút đầu tư vào các khu công nghiệp", 1, "task"),
        ("Về văn hóa - xã hội", 0, "group"),
        ("Nâng cao chất lượng giáo dục, y tế", 1, "task"),
    ]


def test_groups_announced_without_a_colon_are_counted():
    text = (
        "Chương trình đề ra 4 nhóm nhiệm vụ trọng tâm\n"
        "1. Cơ cấu lại nền kinh tế.\n2. Phát triển hạ tầng.\n3. Phát triển nguồn nhân lực."
    )
    draft = draft_from_text(text)
    assert titles(draft, "group") == [
        "Cơ cấu lại nền kinh tế",
        "Phát triển hạ tầng",
        "Phát triển nguồn nhân lực",
    ]
    assert draft.warnings == ["Văn bản nêu 4 nhóm nhiệm vụ nhưng tìm thấy 3."]


# Assignments -------------------------------------------------------------------------------------


def test_an_assignment_in_prose_gives_a_task_with_its_lead_coordinators_and_deadline():
    draft = draft_from_text(
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng, UBND các huyện tham mưu UBND tỉnh "
        "ban hành quy định về quản lý tài sản công; hoàn thành trước ngày 15/8/2024."
    )
    [task] = draft.tasks
    assert task.lead_name == "Sở Tài chính"
    assert task.coordinating_names == ["Sở Xây dựng"]
    assert task.deadline == "15/8/2024"
    assert task.title.startswith("Sở Tài chính chủ trì")
    roles = {b.name: b.role for b in draft.bodies}
    assert roles == {"Sở Tài chính": "lead", "Sở Xây dựng": "coordinating", "UBND tỉnh": ""}


def test_the_organisation_section_puts_its_assignments_on_the_tasks_it_names():
    draft = draft_from_text(
        "II. NHIỆM VỤ\n"
        "1. Rà soát quy hoạch đô thị.\n"
        "2. Cải cách thủ tục hành chính.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Xây dựng chủ trì thực hiện nhiệm vụ tại mục 1 phần II; "
        "hoàn thành trong quý III/2024.\n"
        "2. Sở Nội vụ chủ trì nhiệm vụ 2, phối hợp với Sở Tư pháp.\n"
        "3. Văn phòng UBND tỉnh theo dõi, đôn đốc, báo cáo UBND tỉnh hằng quý."
    )
    assert [(t.title, t.lead_name, t.coordinating_names, t.deadline) for t in draft.tasks] == [
        ("Rà soát quy hoạch đô thị", "Sở Xây dựng", [], "trong quý III/2024"),
        ("Cải cách thủ tục hành chính", "Sở Nội vụ", ["Sở Tư pháp"], ""),
        (
            "Văn phòng UBND tỉnh theo dõi, đôn đốc, báo cáo UBND tỉnh hằng quý",
            "Văn phòng UBND tỉnh",
            [],
            "hằng quý",
        ),
    ]


def test_a_task_table_pasted_with_tabs_or_bars_is_read_through_its_header():
    text = (
        "PHỤ LỤC: DANH MỤC NHIỆM VỤ\n"
        "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
        "I\tNhóm nhiệm vụ về thể chế\t\t\t\n"
        "1\tXây dựng đề án vị trí việc làm\tSở Nội vụ\tSở Tài chính, Sở Tư pháp\tQuý II/2024\n"
        "2\tRà soát thủ tục hành chính\tVăn phòng UBND tỉnh\tCác sở, ngành\tThường xuyên\n"
    )
    draft = draft_from_text(text)
    assert [
        (t.number, t.kind, t.depth, t.title, t.lead_name, t.coordinating_names, t.deadline)
        for t in draft.tasks
    ] == [
        ("I", "group", 0, "Nhóm nhiệm vụ về thể chế", "", [], ""),
        (
            "1",
            "task",
            1,
            "Xây dựng đề án vị trí việc làm",
            "Sở Nội vụ",
            ["Sở Tài chính", "Sở Tư pháp"],
            "Quý II/2024",
        ),
        (
            "2",
            "task",
            1,
            "Rà soát thủ tục hành chính",
            "Văn phòng UBND tỉnh",
            ["Các sở, ngành"],
            "Thường xuyên",
        ),
    ]
    roles = {b.name: b.role for b in draft.bodies}
    assert roles == {
        "Sở Nội vụ": "lead",
        "Sở Tài chính": "coordinating",
        "Sở Tư pháp": "coordinating",
        "Văn phòng UBND tỉnh": "lead",
    }


# Targets -----------------------------------------------------------------------------------------


def test_targets_with_every_comparator_and_compound_units():
    draft = draft_from_text(
        "Các chỉ tiêu chủ yếu đến năm 2025: Thu nhập bình quân đầu người: 75 triệu đồng/người/năm; "
        "tốc độ tăng trưởng GRDP đạt 12%; kinh tế số tối thiểu 25% GRDP; thu ngân sách trên "
        "40.000 tỷ đồng; tỷ lệ hộ nghèo dưới 1,5%; tăng trưởng 8,0-8,5%; tỷ lệ đô thị hóa 45% "
        "trở lên; tỷ lệ thất nghiệp không quá 3%; có thêm 120 doanh nghiệp."
    )
    assert targets(draft) == [
        ("Thu nhập bình quân đầu người", "eq", Decimal("75"), None, "triệu đồng/người/năm", "2025"),
        ("Tốc độ tăng trưởng GRDP", "eq", Decimal("12"), None, "%", "2025"),
        ("Kinh tế số", "gte", Decimal("25"), None, "% GRDP", "2025"),
        ("Thu ngân sách", "gt", Decimal("40000"), None, "tỷ đồng", "2025"),
        ("Tỷ lệ hộ nghèo", "lt", Decimal("1.5"), None, "%", "2025"),
        ("Tăng trưởng", "range", Decimal("8.0"), Decimal("8.5"), "%", "2025"),
        ("Tỷ lệ đô thị hóa", "gte", Decimal("45"), None, "%", "2025"),
        ("Tỷ lệ thất nghiệp", "lte", Decimal("3"), None, "%", "2025"),
        ("Doanh nghiệp", "eq", Decimal("120"), None, "doanh nghiệp", "2025"),
    ]


def test_a_horizon_per_target_sub_targets_and_counts_in_brackets():
    draft = draft_from_text(
        "GRDP tăng bình quân 8%/năm giai đoạn 2026-2030; tỷ lệ xã đạt chuẩn nông thôn mới nâng cao "
        "đến năm 2025 đạt 30% (12 xã), trong đó xã nông thôn mới kiểu mẫu đạt 10%. Năm 2025, tỷ lệ "
        "che phủ rừng đạt 52%. Tỷ lệ lao động qua đào tạo tăng bình quân hằng năm 2%."
    )
    assert [(t.name, t.value, t.horizon, t.parent, t.note) for t in draft.targets] == [
        ("GRDP", Decimal("8"), "2026-2030", "", ""),
        ("Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao", Decimal("30"), "2025", "", "12 xã"),
        (
            "Xã nông thôn mới kiểu mẫu",
            Decimal("10"),
            "2025",
            "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao",
            "",
        ),
        ("Tỷ lệ che phủ rừng", Decimal("52"), "2025", "", ""),
        ("Tỷ lệ lao động qua đào tạo", Decimal("2"), "hằng năm", "", ""),
    ]


def test_a_number_cut_off_at_the_end_gives_no_target():
    draft = draft_from_text("Tỷ lệ che phủ rừng đạt 45%; tốc độ tăng trưởng kinh tế đạt 8")
    assert targets(draft) == [("Tỷ lệ che phủ rừng", "eq", Decimal("45"), None, "%", "")]


def test_strict_comparators_are_met_strictly():
    programme = ProgrammeFactory()

    def target(comparator, planned):
        return Target(programme=programme, name="x", comparator=comparator, planned_value=planned)

    assert target(Comparator.MORE_THAN, Decimal("10")).is_met_by(Decimal("10.1"))
    assert not target(Comparator.MORE_THAN, Decimal("10")).is_met_by(Decimal("10"))
    assert target(Comparator.LESS_THAN, Decimal("1.5")).is_met_by(Decimal("1.4"))
    assert not target(Comparator.LESS_THAN, Decimal("1.5")).is_met_by(Decimal("1.5"))
    assert target(Comparator.AT_LEAST, Decimal("10")).is_met_by(Decimal("10"))
    assert target(Comparator.AT_MOST, Decimal("3")).is_met_by(Decimal("3"))


# Goals and the document --------------------------------------------------------------------------


def test_goals_by_horizon_two_horizons_in_one_sentence_and_an_ellipsis():
    draft = draft_from_text(
        "Đến năm 2030, tỉnh là tỉnh phát triển khá, đến năm 2045 là tỉnh phát triển, thu nhập "
        "cao… Tầm nhìn đến năm 2050, tỉnh là trung tâm du lịch của vùng."
    )
    assert [(g.horizon, g.text) for g in draft.goals] == [
        (2030, "Đến năm 2030, tỉnh là tỉnh phát triển khá."),
        (2045, "Đến năm 2045 là tỉnh phát triển, thu nhập cao…."),
        (2050, "Tầm nhìn đến năm 2050, tỉnh là trung tâm du lịch của vùng."),
    ]


def test_a_one_year_plan_and_a_term_give_the_draft_its_horizon():
    assert (
        draft_from_text("KẾ HOẠCH\nTHỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023").horizon
        == "2023"
    )
    text = (
        "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII, "
        "nhiệm kỳ 2025-2030"
    )
    assert draft_from_text(text).horizon == "2025-2030"


def test_the_document_its_code_and_the_documents_it_cites():
    draft = draft_from_text(
        "TỈNH ỦY BÌNH PHƯỚC\n*\nSố 125-CTr/TU\nBình Phước, ngày 15 tháng 6 năm 2025\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:\n"
        "1. Sở Khoa học và Công nghệ chủ trì xây dựng đề án; hoàn thành trong tháng 6/2025."
    )
    document = draft.document
    assert (document.code, document.kind, document.issued_on) == (
        "125-CTr/TU",
        "programme",
        date(2025, 6, 15),
    )
    assert document.issuer == "Ban Thường vụ Tỉnh ủy"
    [cited] = draft.cited
    assert (cited.code, cited.kind, cited.issued_on, cited.issuer) == (
        "57-NQ/TW",
        "resolution",
        date(2024, 12, 22),
        "Bộ Chính trị",
    )
    assert [t.deadline for t in draft.tasks] == ["trong tháng 6/2025"]


def test_a_cited_document_already_saved_is_linked():
    programme = ProgrammeFactory(code="17-CTr/TU")
    draft = draft_from_text("Thực hiện Chương trình hành động số 17-CTr/TU của Tỉnh ủy, …")
    assert [c.programme_id for c in draft.cited] == [programme.pk]


# Bodies ------------------------------------------------------------------------------------------


def test_short_names_resolve_in_the_texts_own_province_and_unknown_bodies_are_offered():
    seed_load()
    draft = draft_from_text(
        "Tỉnh ủy Bình Phước ban hành kế hoạch. Giao Sở Tài chính chủ trì, phối hợp với Sở Ngoại vụ "
        "và UBND tỉnh Bình Dương triển khai."
    )
    bodies = {b.name: b.body_id for b in draft.bodies}
    finance = Body.objects.get(code="bp-so-tc")
    assert bodies["Sở Tài chính tỉnh Bình Phước"] == finance.pk
    assert bodies["Sở Ngoại vụ"] is None  # not registered: offered for creation
    assert bodies["Ủy ban nhân dân tỉnh Bình Dương"] == Body.objects.get(code="bd-ubnd").pk
    assert Body.objects.filter(kind=BodyKind.PROVINCE).count() == 2


def test_a_province_written_with_the_old_tone_placement_is_found_and_peace_is_not_a_province():
    assert draft_from_text("UBND tỉnh Khánh Hoà ban hành kế hoạch giữ gìn hòa bình.").province == (
        "Khánh Hòa"
    )
    assert draft_from_text("Tỉnh uỷ ban hành chương trình vì hòa bình.").province == ""


# Deadlines in prose ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "deadline", "due"),
    [
        (
            "Sở Y tế chủ trì tổ chức tập huấn, hoàn thành trước ngày 15/8/2024.",
            "15/8/2024",
            date(2024, 8, 15),
        ),
        (
            "Giao Sở Nội vụ chủ trì rà soát, hoàn thành trong tháng 6/2023.",
            "tháng 6/2023",
            date(2023, 6, 30),
        ),
        (
            "Giao Sở Tư pháp chủ trì, báo cáo UBND tỉnh trước 10.3.2024.",
            "10.3.2024",
            date(2024, 3, 10),
        ),
        (
            "Giao Sở Xây dựng chủ trì triển khai trong quý III và IV/2026.",
            "quý III và IV/2026",
            date(2026, 12, 31),
        ),
        (
            "Giao Sở Tài chính chủ trì, hoàn thành năm 2021 và các năm tiếp theo.",
            "năm 2021 và các năm tiếp theo",
            None,
        ),
    ],
)
def test_deadlines_in_prose(sentence, deadline, due):
    [task] = draft_from_text(sentence).tasks
    assert task.deadline == deadline
    assert parse_deadline(task.deadline).due == due


def test_a_qualitative_deadline_is_kept_as_written():
    [task] = draft_from_text("Giao Sở Tài chính chủ trì triển khai ngay từ đầu năm.").tasks
    assert task.deadline == "ngay từ đầu năm"


# A whole programme, as a Tỉnh ủy issues one ---------------------------------------------------

PROGRAMME = """TỈNH ỦY QUẢNG NAM
*
Số 15-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Nam, ngày 10 tháng 3 năm 2021
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XXII, nhiệm kỳ 2020 - 2025
-----
I. MỤC TIÊU TỔNG QUÁT
Đến năm 2025, Quảng Nam trở thành tỉnh khá của cả nước; đến năm 2030 là tỉnh phát triển.
II. CÁC CHỈ TIÊU CHỦ YẾU
1. Về kinh tế
- Tốc độ tăng trưởng GRDP bình quân 7-7,5%/năm.
- GRDP bình quân đầu người đến năm 2025 đạt 4.000 USD.
III. NHIỆM VỤ, GIẢI PHÁP
1. Tập trung phát triển kinh tế nhanh và bền vững
a) Đẩy mạnh thu hút đầu tư vào khu kinh tế mở Chu Lai.
b) Phát triển du lịch thành ngành kinh tế mũi nhọn.
2. Xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh
IV. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Dân vận Tỉnh ủy hướng dẫn học tập, quán \
triệt; hoàn thành trong quý II/2021.
2. Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh xây dựng kế hoạch thực hiện nhiệm vụ tại mục 1 \
phần III, hoàn thành trước ngày 30/6/2021.
"""


def test_a_party_action_programme_is_read_whole():
    draft = draft_from_text(PROGRAMME)
    document = draft.document
    assert (document.code, document.kind, document.issuer, document.issued_on) == (
        "15-CTr/TU",
        "programme",
        "Tỉnh ủy",
        date(2021, 3, 10),
    )
    assert (draft.province, draft.horizon) == ("Quảng Nam", "2020-2025")
    assert [g.horizon for g in draft.goals] == [2025, 2030]
    assert [(t.name, t.comparator, t.horizon) for t in draft.targets] == [
        ("Tốc độ tăng trưởng GRDP", "range", "2025"),
        ("GRDP bình quân đầu người", "eq", "2025"),
    ]
    assert [(t.number, t.depth, t.kind, t.lead_name, t.deadline) for t in draft.tasks] == [
        ("1.", 0, "group", "Ban cán sự đảng UBND tỉnh", "trước ngày 30/6/2021"),
        ("a)", 1, "task", "", ""),
        ("b)", 1, "task", "", ""),
        ("2.", 0, "group", "", ""),
        ("1.", 0, "task", "Ban Tuyên giáo Tỉnh ủy", "trong quý II/2021"),
    ]
    assert draft.tasks[-1].coordinating_names == ["Ban Dân vận Tỉnh ủy"]
    assert {b.name: b.role for b in draft.bodies}["Tỉnh ủy"] == ""


# Forms found in the eleventh round of unseen texts ----------------------------------------------


def roles(draft):
    return {b.name: b.role for b in draft.bodies}


def test_the_body_a_person_asks_to_act_leads():
    draft = draft_from_text(
        "Chủ tịch UBND tỉnh Hồ Văn Mừng yêu cầu Sở Nội vụ hoàn thiện kế hoạch triển khai công "
        "tác bầu cử, sớm ký ban hành. Ông Mừng giao Sở Tài chính điều chỉnh dự toán."
    )
    assert roles(draft) == {"UBND tỉnh": "", "Sở Nội vụ": "lead", "Sở Tài chính": "lead"}
    assert [t.lead_name for t in draft.tasks] == ["Sở Nội vụ", "Sở Tài chính"]


def test_bodies_given_work_together_coordinate_and_none_leads():
    draft = draft_from_text(
        "Thường trực Thành ủy Hà Nội giao Văn phòng Thành ủy, Văn phòng HĐND TP, Văn phòng UBND "
        "TP Hà Nội phối hợp theo dõi, đôn đốc việc xây dựng dự thảo các chương trình."
    )
    assert draft.province == "Hà Nội"
    assert roles(draft) == {
        "Thường trực Thành ủy": "",
        "Văn phòng Thành ủy": "coordinating",
        "Văn phòng HĐND thành phố": "coordinating",
        "Văn phòng UBND thành phố": "coordinating",
    }


def test_departments_abbreviated_with_a_hyphen_and_a_shared_level():
    draft = draft_from_text(
        "Tại TP.HCM, đề án nhánh Kinh tế đô thị do Sở KH-ĐT chủ trì, Văn hóa đô thị do Sở VH-TT "
        "chủ trì, Hạ tầng đô thị do Sở QH-KT chủ trì. Bảo đảm sự chỉ đạo thống nhất của HĐND, "
        "UBND Thành phố; Ủy ban MTTQ và các tổ chức chính trị - xã hội thành phố tham gia giám sát."
    )
    assert draft.province == "Hồ Chí Minh"
    assert roles(draft) == {
        "Sở Kế hoạch và Đầu tư": "lead",
        "Sở Văn hóa và Thể thao": "lead",
        "Sở Quy hoạch - Kiến trúc": "lead",
        "HĐND thành phố": "",
        "UBND thành phố": "",
        "Ủy ban MTTQ Việt Nam thành phố": "",
    }


def test_a_place_name_is_its_words_in_capitals():
    draft = draft_from_text("Huyện ủy Chơn Thành đốc thúc các xã; Thành ủy Hà Nội đã có công văn.")
    assert [b.name for b in draft.bodies] == ["Huyện ủy Chơn Thành", "Thành ủy"]


def test_an_estimate_of_what_is_striven_for_is_a_target_and_a_span_is_no_goal():
    draft = draft_from_text(
        "HĐND TP Cần Thơ thông qua điều chỉnh quy hoạch thành phố thời kỳ 2021-2030, tầm nhìn đến "
        "năm 2050. Phấn đấu đến 2030 tổng thu ngân sách ước đạt 57.000 tỷ đồng; tuổi thọ trung "
        "bình tính từ lúc sinh đạt khoảng 75,5 tuổi. Năm 2025 thu ngân sách ước đạt 30.000 tỷ "
        "đồng."
    )
    assert draft.goals == []
    assert targets(draft) == [
        ("Tổng thu ngân sách", "eq", Decimal("57000"), None, "tỷ đồng", "2030"),
        ("Tuổi thọ trung bình tính từ lúc sinh", "eq", Decimal("75.5"), None, "tuổi", "2030"),
    ]


def test_a_listing_of_a_targets_parts_wrapped_over_lines():
    draft = draft_from_text(
        "I. QUAN ĐIỂM,\nMỤC TIÊU, YÊU CẦU\n2. Mục tiêu\nGiai đoạn 2021-2025, toàn tỉnh\n"
        "trồng được 41,2 triệu cây xanh, trong đó: 10 triệu cây xanh trồng phân tán;\n"
        "31,2 triệu cây xanh trồng rừng tập trung; nhằm bảo vệ môi trường sinh thái.\n"
    )
    assert draft.tasks == []
    assert [(t.name, t.value, t.unit, t.horizon, t.parent) for t in draft.targets] == [
        ("Toàn tỉnh trồng", Decimal("41.2"), "triệu cây", "2021-2025", ""),
        ("Cây xanh trồng phân tán", Decimal("10"), "triệu cây", "2021-2025", "Toàn tỉnh trồng"),
        (
            "Cây xanh trồng rừng tập trung",
            Decimal("31.2"),
            "triệu cây",
            "2021-2025",
            "Toàn tỉnh trồng",
        ),
    ]


def test_those_given_the_work_listed_up_to_semicolons_and_a_deadline_asked_for_after():
    draft = draft_from_text(
        "Sau khi xem xét, Uỷ ban nhân dân tỉnh có ý kiến chỉ đạo như sau:\n"
        "Giao các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố; Các Ban QLDA chuyên ngành "
        "tỉnh báo cáo tình hình giải ngân kế hoạch đầu tư công năm 2019. Yêu cầu gửi báo cáo về "
        "Sở Kế hoạch và Đầu tư trước ngày 23/5/2019.\n"
        "Giao Sở Kế hoạch và Đầu tư chủ trì phối hợp với các đơn vị liên quan tổng hợp chung báo "
        "cáo. Yêu cầu hoàn thiện gửi Văn phòng Uỷ ban nhân dân trước ngày 24/5/2019."
    )
    assert [(t.title[:30], t.lead_name, t.deadline) for t in draft.tasks] == [
        ("Các sở, ngành tỉnh; Uỷ ban nhâ", "", "23/5/2019"),
        ("Sở Kế hoạch và Đầu tư chủ trì ", "Sở Kế hoạch và Đầu tư", "24/5/2019"),
    ]
    assert "Văn phòng UBND tỉnh" in [b.name for b in draft.bodies]


def test_what_a_term_is_estimated_to_reach_is_no_target():
    draft = draft_from_text(
        "Riêng GRDP/người trừ dầu thô và khí đốt ước năm 2025 đạt chỉ tiêu Đại hội VII đề ra là "
        "10.370USD/người/năm. Cơ cấu kinh tế tiếp tục chuyển dịch đúng hướng; ước năm 2025: Công "
        "nghiệp - xây dựng chiếm 55,08%; Dịch vụ chiếm 28,16%."
    )
    assert draft.targets == []


def test_the_committees_of_the_council_are_bodies():
    draft = draft_from_text(
        "Xét Tờ trình số 281/TTr-UBND ngày 04 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh; Báo cáo "
        "thẩm tra số 921/BC-KTNS ngày 11 tháng 12 năm 2024 của Ban Kinh tế - Ngân sách Hội đồng "
        "nhân dân tỉnh;"
    )
    assert [b.name for b in draft.bodies] == ["UBND tỉnh", "Ban Kinh tế - Ngân sách HĐND tỉnh"]


def test_a_city_under_the_centre_heads_its_page_with_the_committee_alone():
    draft = draft_from_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 101/KH-UBND | Cần Thơ, ngày 02 tháng 10 năm 2025 |\nKẾ HOẠCH\n"
        "CẢI THIỆN CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA THÀNH PHỐ CẦN THƠ GIAI ĐOẠN 2025 - 2030\n"
        "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH\n"
        "Theo kết quả công bố năm 2024, cụ thể như sau:\n"
        "a) PAR INDEX: Đạt 89,13%, hạng 22/63 (tăng 20 bậc).\n"
        "b) PAPI: Đạt 40,44 điểm, hạng 59/61 (giảm 06 bậc).\n"
    )
    assert draft.document.issuer == "UBND thành phố"
    assert [b.name for b in draft.bodies] == ["UBND thành phố"]
    assert draft.tasks == [] and draft.targets == []


def test_a_score_in_points_is_a_target():
    draft = draft_from_text("Năm 2023, phấn đấu điểm số PCI đạt trên 68,5 điểm.")
    assert targets(draft) == [("Điểm số PCI", "gt", Decimal("68.5"), None, "điểm", "2023")]


def test_a_body_named_with_its_office_before_it_leads_and_a_budgets_year_sets_no_deadline():
    draft = draft_from_text(
        "UBND tỉnh giao Sở Văn hoá, Thể thao và Du lịch - Cơ quan thường trực Ban Tổ chức các hoạt "
        "động kỷ niệm (Ban Tổ chức) chủ trì, phối hợp các ngành rà soát kịch bản chương trình.\n"
        "UBND tỉnh yêu cầu: Ban Dân tộc chủ trì, phối hợp với đơn vị liên quan xây dựng kế hoạch "
        "(dự toán kinh phí hàng năm) và tổ chức triển khai Đề án. Định kỳ hàng năm tổng hợp, báo "
        "cáo Ủy ban Dân tộc, UBND tỉnh theo quy định (trước ngày 20/11)."
    )
    assert {b.name: b.role for b in draft.bodies} == {
        "UBND tỉnh": "",
        "Sở Văn hóa, Thể thao và Du lịch": "lead",
        "Ban Dân tộc tỉnh": "lead",
    }
    assert [t.deadline for t in draft.tasks] == ["", "", "Định kỳ hàng năm"]


def test_bodies_heading_a_sentence_together_all_lead():
    draft = draft_from_text(
        "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức vận động, phát huy vai "
        "trò của người có uy tín theo chức năng, nhiệm vụ được giao."
    )
    assert {b.name: b.role for b in draft.bodies} == {
        "Bộ Chỉ huy Quân sự tỉnh": "lead",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh": "lead",
    }
    assert [t.lead_name for t in draft.tasks] == ["Bộ Chỉ huy Quân sự tỉnh"]


def test_a_range_of_two_percentages_and_a_million_billion_dong():
    draft = draft_from_text(
        "Thống nhất 29 chỉ tiêu chủ yếu: phấn đấu đến năm 2030, tổng sản phẩm trên địa bàn đạt "
        "trên 1,2 triệu tỷ đồng; tốc độ tăng thu ngân sách bình quân 10%-12%/năm. Quy mô GRDP "
        "theo giá hiện hành 589.730 tỷ đồng."
    )
    assert [(t.comparator, t.value, t.value_max, t.unit) for t in draft.targets] == [
        ("gt", Decimal("1.2"), None, "triệu tỷ đồng"),
        ("range", Decimal("10"), Decimal("12"), "%/năm"),
        ("eq", Decimal("589730"), None, "tỷ đồng"),
    ]


def test_a_page_closing_with_the_letter_it_gives_and_an_aim_is_no_task():
    draft = draft_from_text(
        "UBND tỉnh có ý kiến như sau:\nGiao Sở Tài nguyên và Môi trường chủ trì nghiên cứu, đề "
        "xuất UBND tỉnh xem xét; hoàn thành trước ngày 10/12/2023./.\n"
        "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)"
    )
    assert draft.document.code == "6202/UBND-KT"
    aim = draft_from_text(
        "Trong nhiệm kỳ 2025-2030, Thanh Hóa đặt mục tiêu xây dựng Đảng trong sạch, vững mạnh; "
        "duy trì tốc độ tăng trưởng kinh tế hằng năm ở mức hai con số."
    )
    assert aim.tasks == []


def test_a_year_is_no_value():
    draft = draft_from_text(
        "Năm 2024  huyện Tân Thạnh phấn đấu hoàn thành nhiệm vụ xây dựng huyện nông thôn mới. "
        "Đảng ủy Quân sự tỉnh chủ trì tham mưu xây dựng văn bản chỉ đạo."
    )
    assert draft.targets == []
    assert {b.name: b.role for b in draft.bodies} == {"Đảng ủy Quân sự tỉnh": "lead"}

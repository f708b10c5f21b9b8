"""A programme's text, as published, turned into a draft to edit before saving.

The reader works on what officials publish: Tỉnh ủy action programmes, UBND plans
("Mục đích, yêu cầu" / "Nhiệm vụ" / "Tổ chức thực hiện"), congress resolutions and their
target lists, dispatches that assign tasks with deadlines, and news summaries of them. It finds

- the document itself: its code, kind, issuer and date, the province it is about, its horizon
  (a term "nhiệm kỳ 2025-2030" or a year), and the documents it implements or cites;
- the structure: letter sections (A. B.), Roman (I–XX), "1.", "1.1.", "a)", "-", "+", also when
  several are run into one paragraph; sections that are not tasks (purpose, goals, organisation,
  funding) are read as what they are, never as task groups;
- tasks assigned in prose ("Giao Sở X chủ trì, phối hợp với Sở Y …; hoàn thành trước ngày …");
- goals by horizon and quantified targets with comparator, value, compound unit and horizon;
- the bodies named, resolved in the text's own province, with their role (lead, coordinating).

Nothing here writes: the draft is shown in the browser, edited, then saved.
"""

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.documents import DocumentCodeError, DocumentKind, parse_document_code
from programmes.models import Body, BodyKind, Programme
from programmes.text import fold

# Data classes -----------------------------------------------------------------------------------


@dataclass
class DraftGoal:
    horizon: int | None
    text: str


@dataclass
class DraftTask:
    number: str
    title: str
    depth: int
    kind: str = "task"
    deadline: str = ""
    lead_id: int | None = None
    coordinating_ids: list[int] = field(default_factory=list)
    lead_name: str = ""  # as read, also when the body is not registered
    coordinating_names: list[str] = field(default_factory=list)


@dataclass
class DraftTarget:
    name: str
    value: Decimal
    unit: str
    comparator: str = "eq"  # eq, gte, gt, lte, lt or range (see programmes.models.Comparator)
    value_max: Decimal | None = None
    horizon: str = ""  # as read: "2030", "2026-2030"
    target_year: int | None = None
    parent: str = ""  # the target this one details ("…; trong đó …")
    note: str = ""  # what the text adds in brackets ("(12 xã)")


@dataclass
class DraftBody:
    body_id: int | None  # None: not in the registry, offered for creation
    name: str
    role: str = ""  # "lead", "coordinating" or "" when the text does not say
    written: str = ""  # the first form the text uses


@dataclass
class DraftDocument:
    code: str = ""
    kind: str = ""
    issuer: str = ""
    issued_on: date | None = None
    programme_id: int | None = None  # a programme already saved with this code


@dataclass
class Draft:
    goals: list[DraftGoal] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    bodies: list[DraftBody] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    document: DraftDocument = field(default_factory=DraftDocument)
    cited: list[DraftDocument] = field(default_factory=list)
    province: str = ""
    horizon: str = ""  # "2025-2030" for a term, "2024" for a one-year plan
    purpose: list[str] = field(default_factory=list)
    # items of the goals and funding sections, as written: never tasks, also not in prose
    set_apart: list[str] = field(default_factory=list)


# Vocabulary -------------------------------------------------------------------------------------

# Cities directly under the centre: their bodies are "… thành phố" and their party committee the
# "Thành ủy".
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}

PROVINCES = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Huế",
]

# Departments (sở) as written in full and in the usual abbreviations, folded.
DEPARTMENTS: list[tuple[str, str]] = [
    (
        "Lao động - Thương binh và Xã hội",
        r"lao dong\s*[-,–]?\s*thuong binh va xa hoi|ld\s*-?\s*tb\s*[&-]\s*xh|ldtbxh",
    ),
    (
        "Văn hóa, Thể thao và Du lịch",
        r"van hoa,?\s*the thao va du lich|vhtt\s*&\s*dl|vh\s*-\s*tt\s*[&-]\s*dl|vhttdl",
    ),
    (
        "Nông nghiệp và Phát triển nông thôn",
        r"nong nghiep va phat trien nong thon|nn\s*[&-]\s*ptnt|nnptnt",
    ),
    ("Nông nghiệp và Môi trường", r"nong nghiep va moi truong|nn\s*&\s*mt"),
    ("Tài nguyên và Môi trường", r"tai nguyen va moi truong|tn\s*[&-]\s*mt|tnmt"),
    ("Kế hoạch và Đầu tư", r"ke hoach\s*(?:va|&)\s*dau tu|kh\s*[&-]\s*dt|khdt"),
    ("Thông tin và Truyền thông", r"thong tin va truyen thong|tt\s*[&-]\s*tt|tttt"),
    ("Khoa học và Công nghệ", r"khoa hoc va cong nghe|kh\s*[&-]\s*cn|khcn"),
    ("Giáo dục và Đào tạo", r"giao duc va dao tao|gd\s*[&-]\s*dt|gddt"),
    ("Giao thông vận tải", r"giao thong van tai|gtvt"),
    ("Văn hóa và Thể thao", r"van hoa va the thao|vh\s*-\s*tt(?!\s*[&-]\s*dl)"),
    ("Dân tộc và Tôn giáo", r"dan toc va ton giao"),
    ("Quy hoạch - Kiến trúc", r"quy hoach\s*-\s*kien truc|qh\s*-\s*kt"),
    ("Công Thương", r"cong thuong"),
    ("Tài chính", r"tai chinh"),
    ("Xây dựng", r"xay dung"),
    ("Nội vụ", r"noi vu"),
    ("Tư pháp", r"tu phap"),
    ("Ngoại vụ", r"ngoai vu"),
    ("Du lịch", r"du lich"),
    ("Y tế", r"y te"),
]

_UBND = r"(?:ubnd|uy ban nhan dan)"
_HDND = r"(?:hdnd|hoi dong nhan dan)"
# Provincial bodies other than departments: (name, folded pattern), most specific first.
NAMED_BODIES: list[tuple[str, str]] = [
    ("Ban Chấp hành Đảng bộ tỉnh", r"(?:ban chap hanh|bch)\s+dang bo\s+tinh"),
    ("Ban Thường vụ Tỉnh ủy", r"(?:ban thuong vu|btv)\s+tinh uy"),
    ("Ban Thường vụ Đảng ủy UBND tỉnh", rf"(?:ban thuong vu|btv)\s+dang uy\s+{_UBND}\s+tinh"),
    ("Thường trực Tỉnh ủy", r"(?<!bi thu )thuong truc\s+tinh uy"),
    ("Ủy ban Kiểm tra Tỉnh ủy", r"(?:uy ban kiem tra|ubkt)\s+tinh uy"),
    ("Văn phòng Tỉnh ủy", r"van phong\s+tinh uy"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", r"ban tuyen giao va dan van\s+tinh uy"),
    ("Ban Tổ chức Tỉnh ủy", r"ban to chuc\s+tinh uy"),
    ("Ban Tuyên giáo Tỉnh ủy", r"ban tuyen giao\s+tinh uy"),
    ("Ban Dân vận Tỉnh ủy", r"ban dan van\s+tinh uy"),
    ("Ban Nội chính Tỉnh ủy", r"ban noi chinh\s+tinh uy"),
    ("Đảng đoàn HĐND tỉnh", rf"dang doan\s+{_HDND}\s+tinh"),
    ("Ban cán sự đảng UBND tỉnh", rf"ban can su dang\s+{_UBND}\s+tinh"),
    ("Đảng ủy UBND tỉnh", rf"dang uy\s+{_UBND}\s+tinh"),
    ("Thường trực HĐND tỉnh", rf"thuong truc\s+{_HDND}\s+tinh"),
    # the committees of the council: "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh"
    ("Ban Kinh tế - Ngân sách HĐND tỉnh", rf"ban kinh te\s*-\s*ngan sach\s+{_HDND}\s+tinh"),
    ("Ban Văn hóa - Xã hội HĐND tỉnh", rf"ban van hoa\s*-\s*xa hoi\s+{_HDND}\s+tinh"),
    ("Ban Pháp chế HĐND tỉnh", rf"ban phap che\s+{_HDND}\s+tinh"),
    ("Ban Dân tộc HĐND tỉnh", rf"ban dan toc\s+{_HDND}\s+tinh"),
    ("Văn phòng HĐND và UBND tỉnh", rf"van phong\s+{_HDND}\s*(?:-|&|va)\s*{_UBND}\s+tinh"),
    ("Văn phòng UBND tỉnh", rf"van phong\s+{_UBND}\s+tinh"),
    ("Văn phòng HĐND tỉnh", rf"van phong\s+{_HDND}\s+tinh"),
    # "gửi Văn phòng Uỷ ban nhân dân trước ngày …": the office of the text's own committee
    ("Văn phòng UBND tỉnh", rf"van phong\s+{_UBND}(?=\s*[.,;:)]|\s+truoc\b)"),
    (
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        rf"van phong doan (?:dbqh|dai bieu quoc hoi) va {_HDND}\s+tinh",
    ),
    ("Đoàn ĐBQH tỉnh", r"doan (?:dbqh|dai bieu quoc hoi)\s+tinh"),
    (
        "UBND thành phố",
        rf"(?<!cac huyen, )(?<!cac huyen, thi xa, )(?<!cac quan, ){_UBND}\s+(?:tp\b\.?|thanh pho)"
        r"(?!\s+(?:truc thuoc|thuoc))",
    ),
    (
        "Ủy ban MTTQ Việt Nam tỉnh",
        r"(?:uy ban\s+|ub)?(?:mttq|mat tran to quoc)(?:\s+viet nam)?\s+tinh",
    ),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", r"bo chi huy bo doi bien phong\s+tinh"),
    ("Bộ Chỉ huy Quân sự tỉnh", r"(?:bo chi huy quan su|bchqs)\s+tinh"),
    ("Công an tỉnh", r"cong an\s+tinh"),
    ("Đảng ủy Quân sự tỉnh", r"dang uy quan su\s+tinh"),
    ("Đảng ủy Công an tỉnh", r"dang uy cong an\s+tinh"),
    # the province's ethnic affairs board; the "Ủy ban Dân tộc" is the national committee
    ("Ban Dân tộc tỉnh", r"(?<!uy )(?<!ub )ban dan toc(?:\s+tinh)?(?!\s+(?:hdnd|hoi dong))"),
    ("Ủy ban Bầu cử tỉnh", r"uy ban bau cu\s+tinh"),
    ("Liên minh Hợp tác xã tỉnh", r"lien minh hop tac xa\s+tinh"),
    ("Liên đoàn Lao động tỉnh", r"lien doan lao dong\s+tinh"),
    ("Hội Liên hiệp Phụ nữ tỉnh", r"hoi lien hiep phu nu\s+tinh"),
    ("Hội Nông dân tỉnh", r"hoi nong dan\s+tinh"),
    ("Hội Cựu chiến binh tỉnh", r"hoi cuu chien binh\s+tinh"),
    ("Ban Vì sự tiến bộ phụ nữ tỉnh", r"ban vi su tien bo (?:cua )?phu nu\s+tinh"),
    ("Ban Quản lý các khu công nghiệp tỉnh", r"ban quan ly cac khu cong nghiep\s+tinh"),
    ("Ban Dân tộc tỉnh", r"ban dan toc\s+tinh"),
    ("Thanh tra tỉnh", r"thanh tra\s+tinh"),
    ("Viện Kiểm sát nhân dân tỉnh", r"vien kiem sat nhan dan\s+tinh"),
    ("Tòa án nhân dân tỉnh", r"toa an nhan dan\s+tinh"),
    ("Trường Chính trị tỉnh", r"truong chinh tri\s+tinh"),
    ("Đảng ủy các cơ quan Đảng tỉnh", r"dang uy cac co quan dang\s+tinh"),
    ("Đảng ủy Khối các cơ quan tỉnh", r"dang uy khoi cac co quan\s+tinh"),
    ("Đảng ủy Khối doanh nghiệp tỉnh", r"dang uy khoi doanh nghiep\s+tinh"),
    ("Cục Thuế tỉnh", r"cuc thue\s+tinh"),
    ("Cục Thống kê tỉnh", r"cuc thong ke\s+tinh"),
    ("Kho bạc Nhà nước tỉnh", r"kho bac nha nuoc\s+tinh"),
    ("Đài Phát thanh và Truyền hình tỉnh", r"dai phat thanh va truyen hinh\s+tinh"),
    ("Tỉnh đoàn", r"tinh doan\b"),
    ("Tỉnh ủy", r"tinh uy"),
    ("UBND tỉnh", rf"{_UBND}\s+tinh"),
    ("HĐND tỉnh", rf"{_HDND}\s+tinh"),
]


def _city_twins(bodies: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A city directly under the centre (Đà Nẵng, Hải Phòng, …) has the same bodies under
    "thành phố" and "Thành ủy": "Ban Thường vụ Thành ủy", "HĐND thành phố", "Thành đoàn"."""
    names = {name for name, _ in bodies}
    twins = []
    for name, pattern in bodies:
        twin = name.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn")
        twin = twin.replace("tỉnh", "thành phố")
        if twin in names or twin == name:
            continue
        twin_pattern = pattern.replace("tinh uy", "thanh uy").replace("tinh doan", "thanh doan")
        twin_pattern = twin_pattern.replace(r"\s+tinh", r"\s+(?:thanh pho|tp\b\.?)")
        twins.append((twin, twin_pattern))
    return twins


NAMED_BODIES += _city_twins(NAMED_BODIES)

# Titles of people: a body named in a leader's title is named, but the leader's actions
# ("Bí thư Tỉnh ủy chủ trì phiên họp") give the body no task role.
_LEADER_TITLE = re.compile(
    r"(?:bi thu|chu tich|pho chu tich|uy vien|truong ban|pho truong ban|truong doan|thanh vien)"
    r"(?:\s+thuong truc)?\s*$"
)
_KIND_WORDS: list[tuple[str, str]] = [
    ("chuong trinh hanh dong", DocumentKind.PROGRAMME),
    ("chuong trinh", DocumentKind.PROGRAMME),
    ("ke hoach", DocumentKind.PLAN),
    ("nghi quyet", DocumentKind.RESOLUTION),
    ("ket luan", DocumentKind.CONCLUSION),
    ("chi thi", DocumentKind.DIRECTIVE),
    ("quyet dinh", DocumentKind.DECISION),
    ("bao cao", DocumentKind.REPORT),
    ("huong dan", DocumentKind.GUIDANCE),
    ("cong van", DocumentKind.OTHER),
]

# Section headings of a plan that are not tasks.
_SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "purpose",
        re.compile(r"^(?:muc dich(?:,| va)?\s*(?:yeu cau)?|yeu cau|quan diem(?:, muc dich)?)$"),
    ),
    (
        "goals",
        re.compile(
            r"^(?:(?:cac\s+)?(?:muc tieu|chi tieu)"
            r"(?:[ ,]+(?:va\s+)?(?:chi tieu|muc tieu|nhiem vu))?"
            r"(?:\s+(?:chu yeu|cu the|tong quat|phat trien))*(?:\s+den nam \d{4})?)$"
        ),
    ),
    (
        "tasks",
        re.compile(
            r"^(?:cac\s+|nhung\s+)?(?:nhom\s+)?(?:nhiem vu|giai phap|noi dung)"
            r"(?:[ ,]+(?:va\s+)?(?:nhiem vu|giai phap|noi dung))*"
            r"(?:\s+(?:chu yeu|trong tam|cu the|thuc hien|chu yeu can tap trung thuc hien))*$"
        ),
    ),
    (
        "organisation",
        re.compile(
            r"^(?:to chuc thuc hien|phan cong(?: nhiem vu)?(?: thuc hien)?|trach nhiem thuc hien)$"
        ),
    ),
    ("funding", re.compile(r"^kinh phi(?: thuc hien)?$")),
]

# Verbs that end an enumeration of coordinating bodies ("phối hợp với Sở Y, Sở Z tham mưu …").
_ACTION = (
    r"tham muu|co trach nhiem|chiu trach nhiem|to chuc|thuc hien|trien khai|xay dung|huong dan|"
    r"danh gia|ra soat|bao cao|trinh|theo doi|giai trinh|nghien cuu|de xuat|kiem tra|tong hop|"
    r"ban hanh|hoan thanh|cap nhat|chi dao|don doc|tuyen truyen|quan triet|bo tri|tham dinh|"
    r"lap|soan thao|cu the hoa|xu ly|giai quyet|day manh|tang cuong|nang cao|de |nham |theo "
)

# Patterns ---------------------------------------------------------------------------------------

_LETTERS = r"A-Za-zĐđÀ-ỹ&"
CODE = re.compile(
    rf"(?<![\w/])(\d{{1,5}}[a-z]?(?:\s?-\s?[{_LETTERS}][{_LETTERS}0-9]*\s?/\s?[{_LETTERS}][{_LETTERS}0-9]*"
    rf"(?:-[{_LETTERS}][{_LETTERS}0-9]*)?"
    rf"|\s?/\s?(?:\d{{4}}\s?/\s?)?[{_LETTERS}][{_LETTERS}0-9.]*(?:/[{_LETTERS}][{_LETTERS}0-9]*)?"
    rf"(?:\s?-\s?[{_LETTERS}][{_LETTERS}0-9]*)*))"
    rf"(?![\w/])"
)
ROMAN = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{0,3})$")
ITEM = re.compile(
    r"^\s*((?:[IVX]{1,5}|[A-H]|[J-U]|\d{1,3}(?:\.\d{1,2}){0,3})[.\-/](?=\s)|\d{1,3}(?:\.\d{1,2}){1,3}(?=\s)"
    r"|[a-zđ]\)|[a-zđ]\.(?=\s)|[-+•*–](?=\s))\s*(\S.*)$"
)
HORIZON = re.compile(r"(?:tầm nhìn\s+)?(?:đến|tới)\s+(?:năm\s+)?(20\d\d)", re.IGNORECASE)
LISTED = re.compile(
    r"(\d+)\s+(nhiệm vụ|nhóm nhiệm vụ|giải pháp|nhóm giải pháp)[^:.;]*?(?:gồm|là|sau đây|như sau)"
    r"\s*:?\s*",
    re.I,
)
BREAKTHROUGH = re.compile(r"(\d+)\s+đột phá chiến lược\s+(?:về|là|gồm)?\s*:?\s*(.+)$", re.I)
CONNECTORS = re.compile(r"\.\s+(?:Bên cạnh đó|Đồng thời|Ngoài ra|Cùng với đó),\s*", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?…;])\s+(?=[A-ZĐÀ-Ỹ“\"(])|(?<=[.!?…])\s+(?=\d+\.\s)")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT = (
    r"%\s*/\s*năm|%\s*(?:GRDP|GDP)\b|%|"
    r"(?:nghìn tỷ|ngàn tỷ|triệu tỷ|tỷ|triệu|nghìn|ngàn)\s+(?:đồng|USD)"
    r"(?:\s*/\s*(?:người|ha|năm)){0,2}|"
    r"USD(?:\s*/\s*(?:người|năm)){0,2}|"
    r"triệu\s+(?:lượt\s+)?(?:khách(?:\s+du\s+lịch)?|lượt|người|tấn|cây)|(?:nghìn|ngàn)\s+(?:tấn|người|ha|lượt|cây)|"
    r"[a-zà-ỹ]+(?:\s[a-zà-ỹ]+)?\s*/\s*(?:1\s+)?(?:vạn|1\.000|nghìn|100\.000)\s+dân|bác sĩ|"
    r"(?:doanh nghiệp|hợp tác xã|lượt khách|lượt|km2|km|ha|tấn|MW|giường|xã|phường|huyện|thôn|bản|"
    r"trường|lao động|hộ|sản phẩm|đô thị|cụm công nghiệp|khu công nghiệp|đảng viên|"
    r"tổ chức cơ sở đảng|người)(?:\s*/\s*(?:năm|người))?|tuổi|điểm(?!\s+(?:du lịch|đến|đón))|"
    r"lần(?!\s+(?:đọc|thứ|xem))"
)
VALUE = re.compile(
    # "10 - 10,5%/năm", and "10%-12%/năm" when both values are percentages
    rf"(?<![\d/.,])(?P<low>{_NUMBER})(?:\s*(?P<pct>%)?\s*(?:[-–]|đến)\s*(?P<high>{_NUMBER}))?"
    rf"\s*(?(pct)(?=%))(?P<unit>{_UNIT})"
    rf"(?![\w/])(?!\s*/\s*\d)",
    re.IGNORECASE,
)
_BASE_YEAR = re.compile(
    r"(?:theo\s+)?giá\s+(?:so sánh|cố định|hiện hành|thực tế)(?:\s+năm\s+\d{4})?|"
    r"so với\s+(?:năm\s+\d{4}|cùng kỳ(?:\s+năm\s+\d{4})?)|năm gốc\s+\d{4}",
    re.IGNORECASE,
)
_TARGET_HORIZON = re.compile(
    r"(?:(?:giai đoạn|thời kỳ|nhiệm kỳ|5 năm)\s*\(?(?P<from>\d{4})\s*[-–]\s*(?P<to>\d{4})\)?)"
    r"|(?:(?:đến|tới|vào|trong)\s+(?:cuối\s+)?năm\s+(?P<by>\d{4}))|(?:(?:đến|tới)\s+(?P<by2>20\d\d))"
    r"|(?:(?<![\d/])năm\s+(?P<year>\d{4}))",
    re.IGNORECASE,
)
_ACTUAL_OF_PLAN = re.compile(
    r"\d[\d.,]*\s*%\s*/\s*\d|\d{1,3}(?:\.\d{3})+\s*/\s*\d|\d+\s*/\s*\d+\s+chỉ tiêu"
)
_RESULT = re.compile(
    r"\bđã\s+(?!đề ra|thông qua|xác định|nêu|ban hành|đặt ra|được (?:thông qua|phê duyệt))"
    r"|^Sau \d+ năm\b|"
    r"\bđược kéo\b|"
    r"\b(?:ước\s+(?:đạt|tính|thực hiện|tăng|giảm|cả năm|năm\s+\d{4})|dự ước|"
    r"đã\s+(?:đạt|thực hiện|hoàn thành)|đạt được|"
    r"nhiệm kỳ qua|vừa qua|so với cùng kỳ|năm qua|thực hiện được)\b"
    # who came to a meeting: "triệu tập 438 đại biểu, đại diện cho trên 182.000 đảng viên"
    r"|\b(?:triệu tập|tham dự|có mặt|đại diện cho)\b"
    # a score published with its rank: "PAR INDEX: Đạt 89,13%, hạng 22/63 (tăng 20 bậc)"
    r"|\bhạng\s+\d+\s*/\s*\d+|\b(?:tăng|giảm)\s+\d+\s+bậc\b",
    re.IGNORECASE,
)


# Text helpers -----------------------------------------------------------------------------------


def _fold_chars(text: str) -> str:
    """``fold`` keeping one character per character, so positions match the original."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base.lower() if len(base) == 1 else char.lower())
    return "".join(out)


def _capitalised(text: str) -> str:
    text = text.strip(" .;:,")
    return text[:1].upper() + text[1:] if text else text


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _clean_code(code: str) -> str:
    return re.sub(r"\s*([/-])\s*", r"\1", code.strip().rstrip("."))


def _code_key(code: str) -> str:
    return fold(_clean_code(code)).upper()


_STRONG_START = re.compile(
    r"^(?:Điều\s+\d+|Căn cứ|Theo đề nghị|Xét đề nghị|QUYẾT ĐỊNH|QUYẾT NGHỊ|Nơi nhận|CHƯƠNG\s+[IVX]+"
    r"|Số\s*:|[^\d,]{2,40},\s*ngày\s+\d)"
)
_CONTINUES = re.compile(
    r"(?:\b(?:số|ngày|của|và|với|về|tại|theo|các|cho|năm|tháng)|[,(-])\s*$", re.I
)


def _paragraphs(text: str) -> list[str]:
    """Lines joined back into paragraphs where a page or a PDF wrapped them.

    A line continues the previous one when that one ends mid-sentence and is not a heading;
    a heading (a numbered or capitalised line without a full stop) keeps the paragraph after it
    apart, unless it ends on a word that needs more ("… số", "… phối hợp với").
    """
    raw = [line.strip().strip("|").strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    blank = True
    for line in raw:
        if not line or re.fullmatch(r"[-_=*.\s|—–]+", line):
            blank = True
            continue
        if paragraphs and _continues(paragraphs[-1], line, blank):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        blank = False
    return [_split_inline(p) for p in paragraphs]


def _continues(previous: str, line: str, blank: bool) -> bool:
    """Whether ``line`` goes on with ``previous`` (a wrapped line) or starts a paragraph."""
    item = ITEM.match(line)
    dash = item is not None and item.group(1).strip()[:1] in "-+•*–"
    ends = previous.rstrip()[-1:] in '.;:!?…"”'
    if re.fullmatch(r"(?:Điều|Khoản|Mục|Chương|Phần)", previous.strip()):
        return True  # "Điều\n1. Ban hành …": an article's number wrapped onto the next line
    if previous.rstrip().endswith(";") and not item and re.match(r"^\d[\d.,]*\s*[a-zà-ỹ%]", line):
        return True  # "… trong đó: 10 triệu cây phân tán;\n31,2 triệu cây …": a value, no number
    if ends or (_is_caps(line) and not _is_upper(previous)):
        return False
    if _is_caps(previous) and not re.search(r"[^\W\d_]", line):
        return True  # "… GIAI ĐOẠN\n2017-2021": the end of a title in capitals
    if line[:1].islower() and not item:
        return True
    if blank:
        return False
    if _is_caps(previous):
        return _is_caps(line) and not item
    if _STRONG_START.match(line) or (item and not dash) or re.match(r"^Số\s*:?\s*\S", previous):
        return False
    heading = bool(ITEM.match(previous)) and len(previous) < 90
    if heading and not _CONTINUES.search(previous):
        return False
    return not dash or bool(_CONTINUES.search(previous)) or not ITEM.match(previous)


_INLINE = re.compile(
    r"(?<=[.;:!?])\s+(?=(?:[IVX]{1,5}|[A-H]|\d{1,2}(?:\.\d{1,2}){0,3})[.\-]\s+[A-ZĐÀ-Ỹ])"
    r"|(?<=[;:])\s+(?=[a-zđ]\)\s)"
    # after a heading in capitals, which has no full stop: "I. MỤC ĐÍCH, YÊU CẦU 1. Quán triệt"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})\.\s+[A-ZĐÀ-Ỹ][a-zà-ỹ])"
)


def _split_inline(paragraph: str) -> str:
    """Numbering run into one paragraph ("I. … 1. … 2. … II. …") put back on lines, and what
    follows a preamble's "… như sau:" on a line of its own."""
    paragraph = re.sub(r"(?<=như sau:)\s+(?=\S)", "\n", paragraph)
    return _INLINE.sub("\n", paragraph)


def _sentences(text: str) -> list[str]:
    result = []
    for paragraph in text.split("\n"):
        result += [s.strip() for s in SENTENCE.split(paragraph) if s.strip()]
    return result


# The document itself ----------------------------------------------------------------------------


def _province(lines: list[str]) -> str:
    """The province the text is about: the one it names most, in its first lines above all.

    Names are compared without their marks but with their capitals, so that "Khánh Hoà" and
    "Khánh Hòa" are one province while "hòa bình" (peace) is not Hòa Bình.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        stripped = _unmarked(re.sub(r"^[^()]{0,40}\((?:TTXVN|VNA|GLO|QBĐT|PV)[^)]*\)", "", line))
        for name in PROVINCES:
            found = [
                match
                for written in (name, name.upper())
                for match in re.finditer(
                    rf"(?<![\w]){_spaced(_unmarked(written))}(?![\w])", stripped
                )
            ]
            if found and not (name == "Huế" and "Thua Thien Hue" in stripped.title()):
                weight = 3 if index < 12 else 1
                counts[name] += weight * len(found)
                first_seen.setdefault(name, (index, min(m.start() for m in found)))
        # "TP.HCM", "TPHCM", "TP. HCM": Hồ Chí Minh City as the press writes it
        if aliases := re.findall(r"(?<![\w])TP\.?\s?HCM(?![\w])", line):
            counts["Hồ Chí Minh"] += (3 if index < 12 else 1) * len(aliases)
            first_seen.setdefault("Hồ Chí Minh", (index, line.find(aliases[0])))
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], -first_seen[name][0], -first_seen[name][1]))


def _unmarked(text: str) -> str:
    """The text without its marks, capitals kept: "Khánh Hoà" → "Khanh Hoa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(name: str) -> str:
    """A pattern for a name whatever the spacing and dashes it is written with."""
    return re.escape(name).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*")


def _kind_of(words: str) -> str:
    folded = fold(words)
    for word, kind in _KIND_WORDS:
        if folded.startswith(word):
            return kind
    return ""


def _date_in(text: str) -> date | None:
    match = re.search(
        r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text, re.I
    ) or re.search(r"(?:^|[Nn]gày\s+)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if not match:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


_ISSUED = re.compile(
    r"(?P<issuer>[^,.;:]{3,80}?)\s+(?:đã\s+|vừa\s+)?(?:ban hành|xây dựng)\s+"
    r"(?P<kind>Chương trình hành động|Chương trình|Kế hoạch|Nghị quyết|Chỉ thị|Quyết định|Công văn|"
    r"Kết luận|Hướng dẫn|chương trình|kế hoạch|nghị quyết)"
    r"(?P<rest>[^.;]*)",
)


def _header(lines: list[str], draft: Draft) -> None:
    """The document's own code, kind, issuer and date: from its header, from its preamble
    ("… ban hành Chương trình … như sau:"), or from the first lines of a page that reports it."""
    doc = draft.document
    head = lines[:14]
    _header_lines(head, doc, draft.province)
    _issuing_sentences(lines, doc)
    first = lines[0] if lines else ""
    # "Khoản 2 Điều 1 Quyết định 1486/QĐ-TTg …": a page quoting the document it is part of.
    titled = re.match(
        r"^(?:(?:Khoản|Điều|Mục)\s+\d+\s+)*(Quyết định|Nghị quyết|Chỉ thị|Kế hoạch|Chương trình)"
        r"\s+(?:số\s+)?(\S+)",
        first,
    )
    if titled and not doc.code and (code := CODE.match(titled.group(2))):
        doc.code = _clean_code(code.group(1))
        doc.kind = doc.kind or _kind_of(titled.group(1))
    # "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)" closing a page: the letter it gives
    for line in lines[-2:] if not doc.code else []:
        source = re.match(r"^\(?\s*Theo\s+(Công văn|Văn bản|Thông báo)\s+số\s+(\S+)", line)
        if source and (code := CODE.match(source.group(2))):
            doc.code = _clean_code(code.group(1))
    if not doc.kind:
        doc.kind = _kind_of(re.sub(r"^(?:Toàn văn|Nội dung)\s+", "", first, flags=re.I))
    if doc.code and not doc.kind:
        try:
            doc.kind = parse_document_code(doc.code).document_kind
        except DocumentCodeError:
            doc.kind = DocumentKind.OTHER


def _header_lines(head: list[str], doc: DraftDocument, province: str = "") -> None:
    """ "Số: 123/KH-UBND", the title in capitals ("KẾ HOẠCH"), "Bình Phước, ngày 15 tháng 6 năm
    2023", and the issuer heading the page ("ỦY BAN NHÂN DÂN TỈNH …", "TỈNH ỦY …")."""
    for index, line in enumerate(head):
        if match := re.match(r"^Số\s*:?\s*(.*)$", line):
            written = match.group(1) or (head[index + 1] if index + 1 < len(head) else "")
            if code := CODE.search(written):
                doc.code = _clean_code(code.group(1))
                break
    capitals = [line for line in head if _is_caps(line)]
    doc.kind = next((kind for line in capitals if (kind := _kind_of(line))), "")
    place_date = r"(?:^|\|)\s*[^\d,|]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    doc.issued_on = next(
        (day for line in head if re.search(place_date, line) and (day := _date_in(line))), None
    )
    for line in capitals:
        folded = fold(line)
        if re.search(rf"(?:^|\s){_UBND}\s+thanh pho\b", folded):
            doc.issuer = "UBND thành phố"
            return
    for line in capitals:
        folded = fold(line)
        mentions = _mentions(line)
        if mentions and mentions[0].start == 0:
            doc.issuer = mentions[0].name
            return
        # "ỦY BAN NHÂN DÂN" alone heads the page of a city under the centre as well.
        level = "thành phố" if province in CITIES else "tỉnh"
        if folded.startswith(("uy ban nhan dan", "ubnd")):
            doc.issuer = f"UBND {level}"
            return
        if folded.startswith(("hoi dong nhan dan", "hdnd")):
            doc.issuer = f"HĐND {level}"
            return


def _issuing_sentences(lines: list[str], doc: DraftDocument) -> None:
    """ "Tỉnh ủy ban hành Nghị quyết số 23-NQ/TU …" in a page's first lines gives the code and
    date; the preamble "… Ban Thường vụ Tỉnh ủy ban hành chương trình … như sau:" the issuer."""
    opening = " ".join(lines[:3])
    preamble = next(
        (
            s
            for s in _sentences("\n".join(lines[:25]))
            if re.search(r"như sau\s*:?$|\bsau(?: đây)?\s*:$", s)
        ),
        "",
    )
    for sentence, own in ((preamble, True), *((s, False) for s in _sentences(opening))):
        match = _ISSUED.search(sentence) if sentence else None
        if not match:
            continue
        issuer = _body_name(match.group("issuer"))
        if issuer and (own or not doc.issuer):
            doc.issuer = issuer
        if not doc.kind:
            doc.kind = _kind_of(match.group("kind"))
        code = CODE.match(re.sub(r"^\s*(?:số\s*:?\s*)?", "", match.group("rest")))
        if code and not doc.code and not own:
            doc.code = _clean_code(code.group(1))
            doc.issued_on = doc.issued_on or _date_in(sentence)


def _cited(text: str, draft: Draft) -> None:
    own = _code_key(draft.document.code) if draft.document.code else ""
    seen = {own}
    for match in CODE.finditer(text):
        code = _clean_code(match.group(1))
        key = _code_key(code)
        if key in seen or not re.search(r"[A-ZĐ]{2}", code):
            continue
        try:
            kind = parse_document_code(code).document_kind
        except DocumentCodeError:
            kind = DocumentKind.OTHER  # "01/QCPH/UBND-UBMTTQ": kept as written
        seen.add(key)
        after = text[match.end() : match.end() + 120]
        issued = None
        if day := re.match(r"\s*,?\s*(?:ngày\s+\d|ngày\s*\d)", after):
            issued = _date_in(after[day.start() : day.start() + 40])
        issuer = ""
        if by := re.search(
            r"^[^;.]*?\bcủa\s+([^,;.(]+?)(?:\s+(?:về|khóa|khoá|ban hành)\b|[,;.(]|$)", after
        ):
            issuer = by.group(1).strip()
        draft.cited.append(DraftDocument(code=code, kind=kind, issuer=issuer, issued_on=issued))
    codes = [c.code for c in draft.cited] + ([draft.document.code] if draft.document.code else [])
    known = (
        dict(Programme.objects.filter(code__in=codes).values_list("code", "pk")) if codes else {}
    )
    for citation in draft.cited:
        citation.programme_id = known.get(citation.code)
    draft.document.programme_id = known.get(draft.document.code)


def _horizon(lines: list[str]) -> str:
    head = " ".join(lines[:14])
    if match := re.search(r"nhiệm kỳ\s*\(?(\d{4})\s*[-–]\s*(\d{4})", head, re.I):
        return f"{match.group(1)}-{match.group(2)}"
    if match := re.search(
        r"(?<!Sau )(?:giai đoạn|thời kỳ|5 năm|kế hoạch)\s*\(?(\d{4})\s*[-–]\s*(\d{4})",
        " ".join(lines[:4]),
        re.I,
    ):
        return f"{match.group(1)}-{match.group(2)}"
    title = " ".join(line for line in lines[:14] if _is_caps(line)) or " ".join(lines[:2])
    if match := re.search(
        r"(?:giai đoạn|thời kỳ|5 năm)\s*\(?(\d{4})\s*[-–]\s*(\d{4})", title, re.I
    ):
        return f"{match.group(1)}-{match.group(2)}"
    if match := re.search(r"(?<!đến )(?<!tới )năm\s+(\d{4})(?!\s*[-–]\s*\d)", title, re.I):
        return match.group(1)
    return ""


# Structure --------------------------------------------------------------------------------------


def _marker_type(number: str, previous_letter: str) -> str:
    raw = number.rstrip(".-/")
    if raw in "-+•*–":
        return {"+": "plus", "•": "dash", "*": "dash", "–": "dash"}.get(raw, "dash")
    if raw.endswith(")") or (len(raw) == 1 and raw.islower()):
        return "alpha"
    if re.fullmatch(r"\d+", raw):
        return "arabic"
    if re.fullmatch(r"\d+(?:\.\d+)+", raw):
        return "arabic" + "." * raw.count(".")
    if len(raw) == 1 and raw not in "IVX":
        return "letter"
    if raw in "IVX" and previous_letter and ord(raw) == ord(previous_letter) + 1:
        return "letter"
    if ROMAN.fullmatch(raw):
        return "roman"
    return "letter"


# A section heading is often longer than its kind: "I. MỤC TIÊU, CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ
# YẾU", "II. NHỮNG NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI". A heading with no full stop that
# opens with the kind's words is that section; for tasks only in capitals, since a group of tasks
# may well be called "Giải pháp phát triển du lịch". ("NỘI DUNG CHỦ YẾU CỦA KẾ HOẠCH …" names its
# subject: a group of its own.)
_SECTION_OPENINGS: list[tuple[str, re.Pattern[str], bool]] = [
    ("purpose", re.compile(r"^(?:muc dich|yeu cau)\b"), False),
    # "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH", "CĂN CỨ XÂY DỰNG KẾ HOẠCH": the reasons, no tasks
    (
        "purpose",
        re.compile(r"^(?:su can thiet|can cu (?:xay dung|ban hanh)|co so (?:phap ly|xay dung))\b"),
        False,
    ),
    ("goals", re.compile(r"^(?:cac\s+)?(?:muc tieu|chi tieu)\b"), False),
    ("organisation", re.compile(r"^(?:to chuc thuc hien|phan cong)\b"), False),
    ("funding", re.compile(r"^kinh phi\b"), False),
    ("tasks", re.compile(r"^(?:cac\s+|nhung\s+)?(?:nhom\s+)?(?:nhiem vu|giai phap)\b"), True),
]


def _section_kind(title: str) -> str:
    folded = fold(title).strip(" .:;")
    # "QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU": a heading made of the words of sections that hold no task
    parts = re.split(r"\s*(?:,|\bva\b)\s*", folded)
    if len(parts) > 1 and set(parts) <= {
        "quan diem",
        "muc dich",
        "yeu cau",
        "muc tieu",
        "chi tieu",
    }:
        return "goals" if {"muc tieu", "chi tieu"} & set(parts) else "purpose"
    for kind, pattern in _SECTION_KINDS:
        if pattern.match(folded):
            return kind
    heading = not title.rstrip().endswith((".", ";")) and len(title.split()) <= 16
    for kind, pattern, capitals_only in _SECTION_OPENINGS:
        if heading and pattern.match(folded) and (_is_caps(title) or not capitals_only):
            return kind
    return ""


@dataclass
class _Item:
    number: str
    title: str
    depth: int
    type: str
    section: str = ""
    lift: int = 0


def _items(paragraphs: list[str]) -> list[_Item]:
    """Numbered and bulleted lines with their depth from the order marker types appear in.

    A paragraph with no number after a heading (a numbered line with no full stop) belongs to
    that heading, one level below it.
    """
    items: list[_Item] = []
    stack: list[str] = []
    previous_letter = ""
    heading: _Item | None = None
    for line in "\n".join(paragraphs).split("\n"):
        if re.match(r"^(?:Nơi nhận|TM\.|T/M|KT\.|\./\.)", line):
            break
        match = ITEM.match(line)
        if not match:
            if heading is not None and not _is_caps(line):
                items.append(
                    _Item(number="", title=line.strip(), depth=heading.depth + 1, type="para")
                )
            continue
        number, body = match.groups()
        kind = _marker_type(number, previous_letter)
        if kind == "letter":
            previous_letter = number.rstrip(".-/")
        if kind in stack:
            depth = stack.index(kind)
            del stack[depth + 1 :]
        else:
            stack.append(kind)
            depth = len(stack) - 1
        item = _Item(number=number.strip(), title=body.strip(), depth=depth, type=kind)
        items.append(item)
        ends = body.rstrip()[-1:] in ".;!?…"
        bullet = kind in ("dash", "plus")
        heading = item if not ends and not bullet and len(body) < 200 else None
    return items


# "- 1Nghị định 63/2010/NĐ-CP về …": a list of the documents a text rests on, not tasks.
_REFERENCE_ITEM = re.compile(
    r"^\d*\s*(?:Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Kế hoạch|Công văn|Kết luận"
    r"|Chương trình|Hướng dẫn)\s+(?:số\s+)?\d+[^\s]*/"
)
_REFERENCE = re.compile(
    r"(?:nhiệm vụ|nội dung|mục|điểm|khoản|tiết)\s+(?:số\s+)?((?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])"
    r"(?:\s*(?:,|và)\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ]))*)\b"
)


def _structure(paragraphs: list[str], draft: Draft) -> tuple[list[DraftTask], list[DraftTask]]:
    """Task groups and tasks, and the organisation section's assignments.

    Purpose, goals and funding sections are set apart: their items are never tasks.
    """
    items = [
        i
        for i in _items(paragraphs)
        if not re.match(r"^Điều\s+\d", i.title) and not _REFERENCE_ITEM.match(i.title)
    ]
    if not items:
        return [], []
    # The section an item belongs to: the nearest heading above it that names a section kind.
    open_sections: list[tuple[int, str]] = []
    for item in items:
        while open_sections and open_sections[-1][0] >= item.depth:
            open_sections.pop()
        kind = _section_kind(item.title) if item.type != "para" else ""
        # The tasks section's own heading is left out: its items move up one level.
        item.lift = sum(1 for _depth, open_kind in open_sections if open_kind == "tasks")
        if kind:
            item.section = "heading:" + kind
            open_sections.append((item.depth, kind))
        else:
            item.section = open_sections[-1][1] if open_sections else ""
    for item in items:
        if item.section == "purpose":
            draft.purpose.append(_capitalised(item.title))
        elif item.section in ("goals", "funding"):
            draft.set_apart.append(_capitalised(item.title))
    # Everything but purpose, goals, organisation and funding: a tasks section's items, and
    # sections the text names by their subject ("II. VỀ PHÁT TRIỂN KINH TẾ").
    task_items = [i for i in items if i.section in ("tasks", "")]
    # A target list ("- Tỷ lệ đô thị hóa: 33,5%") is not a list of tasks.
    task_items = [i for i in task_items if not _is_target_line(i.title)]
    organisation = [
        DraftTask(number=i.number, title=i.title, depth=0)
        for i in items
        if i.section == "organisation" and not _is_target_line(i.title)
    ]
    if not task_items:
        return [], organisation
    base = min(i.depth - i.lift for i in task_items)
    tasks = [
        DraftTask(number=i.number, title=i.title, depth=i.depth - i.lift - base, kind="task")
        for i in task_items
    ]
    top = [t for t in tasks if t.depth == 0]
    nested = len(top) < len(tasks)
    for item, task in zip(task_items, tasks, strict=True):
        if task.depth == 0 and (item.type in ("letter", "roman") or nested or len(top) >= 3):
            task.kind = "group"
    return tasks, organisation


def _attach(tasks: list[DraftTask], organisation: list[DraftTask]) -> list[DraftTask]:
    """Assignments of the organisation section put on the tasks they name ("nhiệm vụ tại
    mục 2"); the others stay as tasks of their own."""
    by_number = {t.number.rstrip(".-/)"): t for t in tasks if t.number}
    kept = []
    for assignment in organisation:
        named = []
        for match in _REFERENCE.finditer(assignment.title):
            named += [
                by_number[n] for n in re.split(r"\s*(?:,|và)\s*", match.group(1)) if n in by_number
            ]
        if not named:
            kept.append(assignment)
            continue
        for task in named:
            task.lead_id = task.lead_id or assignment.lead_id
            task.lead_name = task.lead_name or assignment.lead_name
            for body_id in assignment.coordinating_ids:
                if body_id not in task.coordinating_ids:
                    task.coordinating_ids.append(body_id)
            for name in assignment.coordinating_names:
                if name not in task.coordinating_names:
                    task.coordinating_names.append(name)
            task.deadline = task.deadline or assignment.deadline
    return tasks + kept


def _is_target_line(title: str) -> bool:
    """A line that states targets and nothing else: "Tỷ lệ che phủ rừng 59,2%"."""
    values = list(VALUE.finditer(title))
    if not values:
        return False
    rest = VALUE.sub("", title)
    words = len(re.findall(r"\w+", rest))
    return words <= 14 * len(values) and not re.search(
        r"\b(?:chủ trì|phối hợp|tham mưu|triển khai)\b", title, re.I
    )


def _listed(text: str) -> tuple[list[DraftTask], list[str]]:
    """Tasks listed in a sentence: "Tỉnh đưa ra 6 nhiệm vụ … gồm: A; B; …"."""
    warnings: list[str] = []
    flat = " ".join(text.split())
    match = LISTED.search(flat)
    if not match:
        return [], warnings
    expected = int(match.group(1))
    rest = CONNECTORS.sub("; ", flat[match.end() :])
    end = re.search(r"\.\s+[A-ZĐ][^;]*?(?:đặt ra|đề ra|yêu cầu)", rest)
    if end:
        rest = rest[: end.start()]
    rest = re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", rest)[0] if ";" not in rest[:400] else rest
    items = [item.strip(" .") for item in rest.split(";") if item.strip(" .")]
    if len(items) < 2:
        return [], warnings
    tasks = []
    for index, item in enumerate(items[:expected], start=1):
        task = DraftTask(number=f"{index}.", title=item, depth=0)
        tasks.append(task)
        found = BREAKTHROUGH.search(item)
        if found:
            count = int(found.group(1))
            parts = [
                p.strip(" .") for p in re.split(r",\s*|\s+và\s+", found.group(2)) if p.strip(" .")
            ]
            for part in parts[:count]:
                tasks.append(DraftTask(number="-", title=part, depth=1, kind="breakthrough"))
            if len(parts) != count:
                warnings.append(
                    _(
                        "The text announces %(count)s strategic breakthroughs "
                        "but %(found)s were found."
                    )
                    % {"count": count, "found": len(parts)}
                )
    if len(items) != expected:
        warnings.append(
            _("The text announces %(count)s tasks but %(found)s were found.")
            % {"count": expected, "found": len(items)}
        )
    return tasks, warnings


_ANNOUNCED = re.compile(
    r"\b(\d{1,2})\s+(?:nhóm nhiệm vụ|nhóm giải pháp|nhiệm vụ(?:,| và)? giải pháp"
    r"|nhiệm vụ trọng tâm)\b",
    re.IGNORECASE,
)


def _announced(text: str, tasks: list[DraftTask]) -> list[str]:
    """ "4 nhóm nhiệm vụ …" (with or without a colon) followed by its numbered groups: the
    count the text gives is checked against the groups found."""
    groups = [t for t in tasks if t.kind == "group" and t.depth == 0]
    match = _ANNOUNCED.search(text)
    if not match or not groups or int(match.group(1)) == len(groups):
        return []
    return [
        _("The text announces %(count)s groups of tasks but %(found)s were found.")
        % {"count": match.group(1), "found": len(groups)}
    ]


# Tasks assigned in prose ------------------------------------------------------------------------

_ASSIGN = re.compile(
    r"\b(?:giao|chủ trì|yêu cầu|đề nghị|có trách nhiệm|chịu trách nhiệm)\b", re.IGNORECASE
)
# A deadline makes a sentence a task only with an action to take by then.
_TIMED_ACTION = re.compile(
    r"\b(?:báo cáo|trình|hoàn thành|gửi|tổng hợp|tham mưu|xây dựng|ban hành|tổ chức|rà soát)\b"
    r".*(?:(?:trước|chậm nhất)\s+(?:\d+\s+giờ,?\s+)?(?:ngày\s+)?\d|\btrong\s+(?:quý|tháng)\s+[\dIV]"
    r"|\bđịnh kỳ\b|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)\b)"
    r"|(?:\bđịnh kỳ\b|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)\b)"
    r".*\b(?:báo cáo|trình|tổng hợp|đánh giá)\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(
    r"\b(?:đã|vừa|nhận được|đang)\b"
    r"|^(?:Căn cứ|Thực hiện|Theo đề nghị|Theo báo cáo|Xét|Tác giả|Ảnh)\b"
    r"|^Ban hành\b|ban hành[^.]*như sau|chủ trì\s+(?:phiên|hội nghị|cuộc|buổi)",
    re.IGNORECASE,
)
_MAY_ASSIGN = re.compile(r"^(?:Sau khi|Để|Giao|Yêu cầu|Đề nghị)\b")
_FOLLOW_UP = re.compile(
    r"^(?:Yêu cầu\s+(?:hoàn thiện,?\s+)?(?=gửi|báo cáo|trình|hoàn thành))?"
    r"(?:Báo cáo|Trình|Hoàn thành|Gửi|Thời hạn|Thời gian)\b",
    re.IGNORECASE,
)


def _prose_tasks(paragraphs: list[str]) -> list[DraftTask]:
    """Sentences that assign work: "Giao Sở X chủ trì …; hoàn thành trước ngày 15/8/2024"."""
    tasks: list[DraftTask] = []
    for paragraph in paragraphs:
        heading = ITEM.match(paragraph)
        if _is_caps(paragraph) or (heading and _section_kind(heading.group(2))):
            continue
        carried = ""
        for sentence in _sentences(paragraph):
            # "Giao các sở, ngành tỉnh; UBND các huyện; Các Ban QLDA … báo cáo …": those given
            # the work, listed up to ";", and the work itself are one sentence.
            if (
                sentence.endswith(";")
                and (carried or re.match(r"^Giao\b", sentence))
                and len(sentence) < 90
                and not re.search(_ACTION, _fold_chars(sentence.removeprefix("Giao")))
            ):
                carried = f"{carried} {sentence}".strip()
                continue
            sentence = f"{carried} {sentence}".strip()
            carried = ""
            body = re.sub(r"^Điều\s+\d+\.\s*", "", sentence)
            deadline = _deadline_in(body)
            if tasks and _FOLLOW_UP.match(body) and deadline and not tasks[-1].deadline:
                tasks[-1].deadline = deadline
                continue
            if not (_ASSIGN.search(body) or _TIMED_ACTION.search(body)):
                continue
            if _NARRATIVE.search(body) and not _MAY_ASSIGN.match(body):
                continue
            if re.search(r"chịu trách nhiệm thi hành|có hiệu lực", body, re.I):
                continue
            # "Thanh Hóa đặt mục tiêu … duy trì tăng trưởng hằng năm": an aim, no one's task
            if re.search(r"\b(?:đặt|đề ra|xác định)\s+mục tiêu\b", body) and not _ASSIGN.search(
                body
            ):
                continue
            title = _task_title(body)
            if len(title) < 12:
                continue
            tasks.append(DraftTask(number="", title=title, depth=0, deadline=deadline))
    return tasks


def _task_title(sentence: str) -> str:
    sentence = re.sub(r"^[-+•–*]\s+", "", sentence)
    title = re.sub(
        r"^(?:Sau khi xem xét,\s*)?.*?\b(?:có ý kiến chỉ đạo|chỉ đạo như sau)\s*:\s*", "", sentence
    )
    title = re.sub(r"^Giao\s+", "", title)
    return _capitalised(title)


_DEADLINE_PHRASES = [
    re.compile(
        r"(?:trước|chậm nhất(?: là)?|hạn chót)\s+(?:\d{1,2}\s*giờ(?:\s*\d{1,2})?,?\s*)?"
        r"(?:ngày\s+)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})",
        re.I,
    ),
    re.compile(
        r"(?:trước|chậm nhất(?: là)?)\s+ngày\s+(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", re.I
    ),
    re.compile(
        r"\b(?:trong|trước|hoàn thành(?: trong)?|vào)\s+((?:quý|Quý)\s+[IV\d]+"
        r"(?:\s*(?:và|,|-)\s*[IV\d]+)?\s*(?:[/-]|\s+năm)\s*(?:năm\s+)?\d{4})",
        re.I,
    ),
    re.compile(
        r"\b(?:trong|trước|hoàn thành(?: trong)?|vào)\s+"
        r"(tháng\s+\d{1,2}\s*[/-]\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4})",
        re.I,
    ),
    re.compile(
        r"(?:thời hạn|hoàn thành)\s*:?\s*((?:trong\s+)?năm\s+\d{4}(?:\s+và các năm tiếp theo)?)",
        re.I,
    ),
    re.compile(
        r"\b(\d{1,2}\s*[/.]\s*\d{1,2}(?:\s*(?:và|,)\s*(?:ngày\s+)?\d{1,2}\s*[/.]\s*\d{1,2})*\s+(?:hằng|hàng)\s+năm)",
        re.I,
    ),
    re.compile(r"\b(định kỳ\s+(?:hằng\s+|hàng\s+)?(?:6 tháng|quý|tháng|năm))", re.I),
    # "hằng năm" alone, but not a budget's year ("(dự toán kinh phí hàng năm)")
    re.compile(
        r"(?<!kinh phí )(?<!dự toán )(?<!ngân sách )"
        r"\b((?:hằng|hàng)\s+(?:năm|quý|tháng))\b(?![^()]*\))",
        re.I,
    ),
    re.compile(r"\b((?:từ\s+)?năm\s+\d{4}\s+và\s+các\s+năm\s+tiếp\s+theo)", re.I),
    re.compile(r"(?:thời hạn|thời gian(?: thực hiện)?|tiến độ)\s*:\s*(thường xuyên)", re.I),
    re.compile(r"\b(?:thực hiện|triển khai)\s+(thường xuyên)\s*[.;)]?\s*$", re.I),
]
# Deadlines that name no date ("ngay từ đầu năm") are kept as written for the user to settle.
_QUALITATIVE = re.compile(r"\b(ngay từ đầu năm(?:\s+\d{4})?|ngay sau khi [^,;.]{3,60})", re.I)


def _deadline_in(text: str) -> str:
    """The first deadline a sentence sets, as written, when ``parse_deadline`` reads it."""
    for pattern in _DEADLINE_PHRASES:
        for match in pattern.finditer(text):
            written = match.group(1).strip()
            if re.search(r"(?:hằng|hàng)\s+năm$", written) and re.match(r"\d", written):
                written = "hằng năm"
            try:
                if parse_deadline(written):
                    return written
            except DeadlineError:
                continue
    if qualitative := _QUALITATIVE.search(text):
        return qualitative.group(1)
    return ""


def _item_deadline(task: DraftTask) -> None:
    """A deadline at the end of an item, after "thời hạn", in brackets, or in its prose."""
    match = re.search(
        r"(?:thời hạn|hoàn thành)\s*:?\s*([^;)]+?)\s*\)?\.?$|\(([^()]+)\)\.?$", task.title, re.I
    )
    if match:
        candidate = (match.group(1) or match.group(2)).strip()
        try:
            if parse_deadline(candidate):
                task.deadline = candidate
                return
        except DeadlineError:
            pass
    task.deadline = _deadline_in(task.title)


_REVIEW = re.compile(
    r"(?:tổ chức\s+)?(?:sơ kết|tổng kết|kiểm điểm|đánh giá)[^,;.]{0,40}?"
    r"(?:vào\s+|trong\s+)?(?P<when>năm\s+\d{4}|hằng năm|hàng năm)",
    re.IGNORECASE,
)


def _reviews(tasks: list[DraftTask]) -> list[DraftTask]:
    """A task that names several reviews with their own times ("sơ kết hằng năm, sơ kết giữa
    kỳ vào năm 2008 và tổng kết vào năm 2010") gets one sub-task per review."""
    result: list[DraftTask] = []
    for task in tasks:
        result.append(task)
        reviews = list(_REVIEW.finditer(task.title)) if task.kind == "task" else []
        if len({fold(r.group("when")) for r in reviews}) < 2:
            continue
        for review in reviews:
            result.append(
                DraftTask(
                    number="-",
                    title=_capitalised(review.group(0)),
                    depth=task.depth + 1,
                    deadline=review.group("when"),
                    lead_id=task.lead_id,
                    lead_name=task.lead_name,
                )
            )
    return result


# Tables of tasks --------------------------------------------------------------------------------

_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("lead", re.compile(r"chu tri")),
    ("coordinating", re.compile(r"phoi hop")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("number", re.compile(r"^(?:stt|tt|so tt)$")),
    ("title", re.compile(r"nhiem vu|noi dung|cong viec|ten de an|giai phap")),
    ("product", re.compile(r"san pham|ket qua")),
]


def _cells(line: str) -> list[str]:
    line = line.strip(" \r")
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if line.count("|") >= 2:
        return [c.strip() for c in line.strip("|").split("|")]
    return []


def _table_tasks(text: str) -> list[DraftTask]:
    """Rows of a task table pasted from Word or a web page (cells split by tabs or "|"), read
    through its header row: "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"."""
    tasks: list[DraftTask] = []
    columns: dict[str, int] = {}
    for line in text.split("\n"):
        cells = _cells(line)
        if len(cells) < 3:
            continue
        folded = [fold(c) for c in cells]
        if "lead" not in columns and any("chu tri" in f for f in folded):
            columns = {}
            for index, heading in enumerate(folded):
                for name, pattern in _COLUMNS:
                    if name not in columns and pattern.search(heading):
                        columns[name] = index
                        break
            continue
        if "lead" not in columns or "title" not in columns:
            continue

        row = {name: cells[index] for name, index in columns.items() if index < len(cells)}

        def cell(name: str, row: dict[str, str] = row) -> str:
            return row.get(name, "")

        title = cell("title")
        if not title:
            continue
        number = cell("number")
        group = bool(re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", number)) and not cell("lead")
        deadline = cell("deadline")
        try:
            deadline = deadline if parse_deadline(deadline) else ""
        except DeadlineError:
            deadline = _deadline_in(deadline) or deadline
        task = DraftTask(
            number=number,
            title=title,
            depth=0 if group or not any(t.kind == "group" for t in tasks) else 1,
            kind="group" if group else "task",
            deadline=deadline,
        )
        # The bodies are read by _assign from the task's own words: put them there as roles.
        lead, coordinating = cell("lead"), cell("coordinating")
        task.lead_name = lead
        task.coordinating_names = [coordinating] if coordinating else []
        tasks.append(task)
    return tasks


# Goals ------------------------------------------------------------------------------------------


def _goals(paragraphs: list[str]) -> list[DraftGoal]:
    goals = []
    for paragraph in paragraphs:
        if _is_caps(paragraph):
            continue
        for sentence in _sentences(paragraph):
            match = HORIZON.search(sentence)
            if (
                not match
                or CODE.search(sentence)
                or re.match(r"^(?:Thực hiện|Căn cứ|Triển khai)\b", sentence)
            ):
                continue
            if re.search(r"\bban hành\b", sentence, re.I) or VALUE.search(sentence):
                continue
            if re.search(
                r"mục tiêu|phấn đấu|trở thành|tầm nhìn|đến\s+(?:năm\s+)?20|\bl[àa]\b",
                sentence,
                re.I,
            ) and not re.search(r"nhiệm kỳ\s+\d{4}\s*[-–]\s*" + match.group(1), sentence):
                goals.append(DraftGoal(int(match.group(1)), sentence))
    # A sentence with two horizons ("…, đến năm 2045 là …", "Và đến năm 2045 …") is split.
    result = []
    for goal in goals:
        parts = re.split(
            r"(?:\.\s*(?:Và\s+)?|[,;]\s+(?:và\s+)?)(?=(?:đến|tầm nhìn đến)\s+(?:năm\s+)?20\d\d)",
            goal.text,
            flags=re.I,
        )
        for part in parts:
            found = HORIZON.search(part)
            if found:
                part = re.sub(r"^.*?mục tiêu(?: tổng quát)?(?: là)?\s*:?\s*", "", part, flags=re.I)
                part = re.sub(r"^(?:và|Và)\s+", "", part)
                if re.fullmatch(r"\s*tầm nhìn đến\s+(?:năm\s+)?20\d\d\s*[.;,]?\s*", part, re.I):
                    continue  # "…thời kỳ 2021-2030, tầm nhìn đến năm 2050": a span, no goal
                result.append(DraftGoal(int(found.group(1)), _capitalised(part) + "."))
    seen, unique = set(), []
    for goal in result:
        if (goal.horizon, goal.text) not in seen:
            seen.add((goal.horizon, goal.text))
            unique.append(goal)
    return unique


# Targets ----------------------------------------------------------------------------------------

_CMP_BEFORE = [
    (
        re.compile(
            r"(?:từ|ở mức)?\s*(?:tối thiểu|ít nhất|không dưới|không thấp hơn)\s*(?:là\s*)?$", re.I
        ),
        "gte",
    ),
    (re.compile(r"(?:tối đa|không quá|không vượt quá|không cao hơn)\s*(?:là\s*)?$", re.I), "lte"),
    (re.compile(r"(?:trên|hơn|vượt)\s*$", re.I), "gt"),
    (re.compile(r"(?:dưới|chưa đến|thấp hơn)\s*$", re.I), "lt"),
]
_NAME_TAIL = re.compile(
    r"(?:\s*(?:phấn đấu|ước|đạt|bằng|là|khoảng|chiếm|của|duy trì|ở mức|tăng|giảm(?! nghèo)|"
    r"tối thiểu|ít nhất|không dưới|tối đa|không quá|trên|dưới|hơn|từ|còn|xuống|lên|được|có|"
    r"trung bình|bình quân|mỗi năm|hằng năm|hàng năm|cho|thêm|:|,))+\s*$",
    re.IGNORECASE,
)
_NAME_HEAD = re.compile(
    r"^(?:[-+•–]\s*)?(?:(?:và|với|trong đó|phấn đấu|cụ thể(?: như)?|gồm|bao gồm|đồng thời|"
    r"riêng|còn|đạt|để)\b[\s,:]*)+",
    re.IGNORECASE,
)


def _decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _horizon_text(match: re.Match[str]) -> str:
    if match.group("from") and fold(match.group(0)).startswith("nhiem ky"):
        return match.group("to")  # a term's targets are due at its end
    if match.group("from"):
        return f"{match.group('from')}-{match.group('to')}"
    return match.group("by") or match.group("by2") or match.group("year")


def _targets(paragraphs: list[str], default_horizon: str) -> list[DraftTarget]:
    targets: list[DraftTarget] = []
    lines = [line for paragraph in paragraphs for line in paragraph.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        sentences = _target_sentences(line)
        for position, sentence in enumerate(sentences):
            # The page may stop mid-word ("- 100% thủ tục hành ch"): its last words name nothing.
            cut = index == len(lines) - 1 and position == len(sentences) - 1
            cut = cut and not re.search(r"[.;!?…:)”\"]\s*$", sentence)
            targets += _sentence_targets(sentence, default_horizon, cut=cut)
    # A headline often repeats a target of the text ("GDP bình quân đạt 8.500 USD/người vào năm
    # 2030"): the same value, comparator and horizon under a shorter name is one target.
    unique: list[DraftTarget] = []
    for target in targets:
        twin = next((t for t in unique if _same_target(t, target)), None)
        if twin is None:
            unique.append(target)
        else:
            # Keep the fuller statement: the one with a horizon, then the longer name and unit.
            best = max((twin, target), key=lambda t: (bool(t.horizon), len(t.name), len(t.unit)))
            best.horizon = best.horizon or twin.horizon or target.horizon
            unique[unique.index(twin)] = best
    return unique


def _same_target(a: DraftTarget, b: DraftTarget) -> bool:
    """The same target stated twice, as a headline and in the text."""
    units = sorted((fold(a.unit).replace(" ", ""), fold(b.unit).replace(" ", "")), key=len)
    names = sorted((fold(a.name), fold(b.name)), key=len)
    words = [set(n.split()) for n in names]
    overlap = len(words[0] & words[1]) / max(1, len(words[0] | words[1]))
    # Names that only share words are one target when one of them reads like a headline: no
    # horizon of its own, or a shorter unit ("lao động" for "lao động/năm").
    headline = not a.horizon or not b.horizon or units[0] != units[1]
    return (
        (a.value, a.value_max, a.comparator) == (b.value, b.value_max, b.comparator)
        and (a.horizon == b.horizon or not a.horizon or not b.horizon)
        and units[1].startswith(units[0])
        and (names[0] in names[1] or (headline and overlap >= 0.5))
    )


def _target_sentences(paragraph: str) -> list[str]:
    # Sentences end at ". " before a capital; list items at ";" are read inside the sentence.
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])", paragraph) if s.strip()]


def _sentence_targets(
    sentence: str, default_horizon: str, *, cut: bool = False
) -> list[DraftTarget]:
    if any(_is_result(sentence, m) for m in _RESULT.finditer(sentence)) or (
        CODE.search(sentence) and not re.search(r"chỉ tiêu|mục tiêu", sentence, re.I)
    ):
        return []
    if _ACTUAL_OF_PLAN.search(sentence) or _is_caps(sentence):
        return []  # "45.799/36.875 tỷ đồng", "83,2%/50%" are results; a title states no target
    sentence = re.sub(r"(\d)\s*/\s*%", r"\1%", sentence)  # "2/%/năm": a slip of the pen
    # Brackets hold conversions and counts ("(khoảng hơn 224 triệu đồng)", "(12 xã)"): no target.
    named = re.sub(r"\([^()]*\)", _blank_values, sentence)
    # A base year ("giá so sánh năm 2010") stays in the name but is never a horizon.
    clean = _BASE_YEAR.sub(lambda m: " " * len(m.group(0)), named)
    # "Năm 2024 huyện Tân Thạnh …": a year is no value
    matches = [
        m
        for m in VALUE.finditer(clean)
        if not _is_qualifier(clean, m)
        and not (
            re.fullmatch(r"(?:19|20)\d\d", m.group("low"))
            and re.search(r"\bnăm\s*$", clean[: m.start()], re.I)
        )
    ]
    # "- 100% đơn vị … thực hiện …": a line that opens with its value states a target.
    opens_with_value = (
        bool(re.match(r"^\s*(?:[-+•–]\s*)?$", clean[: matches[0].start()])) if matches else False
    )
    if not matches or not (opens_with_value or _target_context(sentence)):
        return []
    sentence_horizon = _sentence_horizon(clean[: matches[0].start()])
    found: list[DraftTarget] = []
    previous_end = 0
    listing = ""
    for index, match in enumerate(matches):
        gap = clean[previous_end : match.start()]
        after_end = matches[index + 1].start() if index + 1 < len(matches) else len(clean)
        after = clean[match.end() : after_end]
        low, high = _decimal(match.group("low")), _decimal(match.group("high") or "")
        if low is None:
            previous_end = match.end()
            continue
        comparator = _comparator(gap, after)
        if match.group("high") and high is not None:
            comparator = "range"
        name_part = _name_span(named[previous_end : match.start()])
        horizon_part = _name_span(gap)
        last_clause = re.split(r";", gap)[-1]
        parent = found[-1].name if found and re.search(r"\btrong đó\b", last_clause, re.I) else ""
        # "41,2 triệu cây, trong đó: 10 triệu cây …; 31,2 triệu cây …": a listing of its parts
        if re.search(r"[.!?]", gap):
            listing = ""
        elif parent and re.search(r"\btrong đó\s*:", last_clause, re.I):
            listing = parent
        elif not parent and listing and ";" in gap:
            parent = listing
        after_clause = re.split(r"[;,.]|\s+và\s+", after, maxsplit=1)[0]
        own = list(_TARGET_HORIZON.finditer(horizon_part)) + list(
            _TARGET_HORIZON.finditer(after_clause)
        )
        horizon = _horizon_text(own[0]) if own else ""
        for found_horizon in own:
            name_part = name_part.replace(found_horizon.group(0), " ")
        unit = re.sub(r"\s+", " ", match.group("unit")).replace(" /", "/").replace("/ ", "/")
        name = _target_name(name_part)
        lead_in = re.search(
            r"\b(?:phấn đấu|mục tiêu(?: là)?|đề ra|có|thêm|thu hút)\s*(?:đạt\s*)?$",
            named[previous_end : match.start()],
            re.I,
        )
        consumed = 0
        # "72 xã đạt 19 tiêu chí nông thôn mới", "phấn đấu 100% người lao động … được hỗ trợ":
        # the value comes first and the words after it name the target.
        tail = re.split(r"[;.]", after, maxsplit=1)[0].rstrip(" ,…")
        tail = "" if re.fullmatch(r"\s*(?:và|hoặc|,)?\s*", tail) else tail
        if (
            tail.strip()
            and re.match(r"^\s*[a-zà-ỹA-ZĐ]", tail)
            and (not name or lead_in)
            and not re.match(
                r"^\s*(?:trở|so|theo|tổng|của|trong|vào|đến|tới|năm|thời|giai|mỗi|hằng|hàng|bình)",
                tail,
                re.I,
            )
        ):
            consumed = len(tail)
            if cut and match.end() + consumed >= len(clean.rstrip()):
                break
            words = tail.strip()
            # "10 triệu cây xanh trồng phân tán": the count's multiplier is no part of the name
            counted = re.sub(r"^(?:triệu|nghìn|ngàn)\s+(?!đồng|USD)", "", unit)
            name = _capitalised(words if unit.startswith("%") else f"{counted} {words}")
        if not name and own:
            name = _capitalised(own[0].group(0))
        if not name:
            name = _capitalised(unit)
        # "giảm 1 - 1,5% hằng năm", "tăng bình quân hằng năm 2%": a yearly target; in the name
        # ("thu nhập bình quân đầu người hàng năm tăng 1,5 lần") it is only a word of the name.
        yearly = re.match(r"\s*(?:hằng|hàng|mỗi)\s+năm\b", after_clause, re.I) or re.search(
            r"\b(?:tăng|giảm|đạt)\b[^;,]*\b(?:hằng|hàng|mỗi)\s+năm\s*$", last_clause, re.I
        )
        if not horizon and parent:
            horizon = found[-1].horizon
        if not horizon and yearly:
            horizon = "hằng năm"
        if not horizon:
            horizon = sentence_horizon or default_horizon
        note = ""
        if bracket := re.match(r"\s*\(([^()]*)\)", sentence[match.end() : match.end() + 60]):
            note = bracket.group(1)
        found.append(
            DraftTarget(
                name=name,
                value=low,
                unit=unit,
                comparator=comparator,
                value_max=high if comparator == "range" else None,
                horizon=horizon,
                target_year=int(horizon[-4:]) if re.search(r"\d{4}$", horizon) else None,
                parent=parent,
                note=note,
            )
        )
        previous_end = match.end() + consumed
    return found


def _is_result(sentence: str, match: re.Match[str]) -> bool:
    """A result reported, except an estimate of what is striven for: "phấn đấu đến 2030 tổng thu
    ngân sách ước đạt 57.000 tỷ đồng"."""
    if not match.group(0).lower().startswith("ước"):
        return True
    clause = re.split(r"[;.]", sentence[: match.start()])[-1]
    return not re.search(r"\b(?:phấn đấu|mục tiêu)\b", clause, re.I)


def _is_qualifier(text: str, match: re.Match[str]) -> bool:
    """A number that narrows a target's name rather than setting one: "trẻ em dưới 16 tuổi",
    "các xã có tỷ lệ hộ nghèo cao trên 25% giảm từ 4%"."""
    unit = fold(match.group("unit"))
    before = fold(text[max(0, match.start() - 70) : match.start()])
    if unit == "tuoi" and "tuoi tho" not in before:
        return True
    following = VALUE.search(text, match.end())
    if not following:
        return False
    between = text[match.end() : following.start()]
    return (
        not re.search(r"[,;.:]", between)
        and len(between.split()) <= 6
        and bool(re.search(r"\b(?:giảm|tăng|đạt|xuống|lên|còn|chiếm)\b", between, re.I))
    )


def _comparator(gap: str, after: str) -> str:
    if re.match(r"\s*trở lên", after):
        return "gte"
    if re.match(r"\s*trở xuống", after):
        return "lte"
    for pattern, comparator in _CMP_BEFORE:
        if pattern.search(gap):
            return comparator
    return "eq"


def _sentence_horizon(lead: str) -> str:
    """A horizon set for the whole sentence before its first value: "Đến năm 2025, …"."""
    if head := re.match(
        r"^\s*(?:[^,:;]{0,40}?)(?:đến|tới)\s+(?:cuối\s+)?năm\s+(\d{4})\s*[,:]?", lead, re.I
    ):
        return head.group(1)
    if head := re.search(
        r"(?:năm|5 năm|giai đoạn|thời kỳ)\s+(\d{4}(?:\s*[-–]\s*\d{4})?)\s*[,:]", lead, re.I
    ):
        return re.sub(r"\s*[-–]\s*", "-", head.group(1))
    return ""


def _blank_values(bracket: re.Match[str]) -> str:
    text = bracket.group(0)
    return text if not VALUE.search(text) else "⟨" + " " * (len(text) - 2) + "⟩"


def _name_span(gap: str) -> str:
    """The part of the text before a value that names it."""
    part = _NAME_TAIL.sub("", gap)
    part = re.split(r";|\.\s", part)[-1]
    if ":" in part:
        part = part.rsplit(":", 1)[-1]
    return re.split(r"\btrong đó\b", part, flags=re.I)[-1]


def _target_context(sentence: str) -> bool:
    return bool(
        re.search(
            r"chỉ tiêu|mục tiêu|phấn đấu|đạt|đến năm|tỷ lệ|tỷ trọng|tốc độ|bình quân|trên|dưới|"
            r"quy mô|"
            r"tối thiểu|tối đa|ít nhất|không quá|trở lên|chiếm|duy trì|:\s*(?:trên|dưới)?\s*\d",
            sentence,
            re.I,
        )
    )


def _target_name(text: str) -> str:
    name = _NAME_TAIL.sub("", " ".join(text.split()))
    if re.search(r"\b(?:đặt mục tiêu|mục tiêu|phấn đấu|chỉ tiêu|đề ra)\b\s+\S", name, re.I):
        name = re.sub(
            r"^.*\b(?:đặt mục tiêu|mục tiêu|phấn đấu|chỉ tiêu|đề ra)\b\s*", "", name, flags=re.I
        )
    name = re.sub(r"^\s*(?:về\s+[^,]{1,40},\s*)", "", name, flags=re.I)
    name = re.sub(r"\s*[,;]\s*\)", ")", name)
    name = re.sub(r"\(\s*[,;]?\s*\)|⟨\s*⟩", "", name)
    for _pass in range(3):
        name = _NAME_TAIL.sub("", name)
        name = _NAME_HEAD.sub("", name)
        name = name.strip(" ,;:.-–⟨⟩")
    return _capitalised(name)


# Bodies -----------------------------------------------------------------------------------------


def _province_pattern() -> str:
    names = sorted({fold(p) for p in PROVINCES}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*") for n in names)


_PROV = _province_pattern()
_DEPT_ALTERNATION = "|".join(f"(?:{pattern})" for _, pattern in DEPARTMENTS)
_SUFFIX = rf"(?:\s+(?:(?:tinh|thanh pho|tp\.?)\s+)?(?P<prov>{_PROV}))?"


def _department_name(folded: str) -> str:
    for name, pattern in DEPARTMENTS:
        if re.fullmatch(pattern, folded.strip()):
            return name
    return ""


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # canonical, without province: "Sở Tài chính", "UBND tỉnh"
    province: str  # folded province named with it, or ""
    written: str


def _mentions(text: str, lined: str = "") -> list[_Mention]:
    """Bodies named in ``text``; ``lined`` is the same text with its line breaks, so that a place
    name never runs on into the next line."""
    folded = _fold_chars(text)
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, name: str, province: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append(_Mention(start, end, name, province, text[start:end]))

    # "các Sở: Lao động - Thương binh và Xã hội, Nội vụ, Tài chính, …": one name per department.
    for listing in re.finditer(
        r"\b(?:cac\s+)?so\s*:\s*|\bcac so\s+(?=" + _DEPT_ALTERNATION + ")", folded
    ):
        if text[listing.start() : listing.end()].strip()[:1] not in "cCS":
            continue
        position = listing.end()
        while True:
            dept = re.match(rf"({_DEPT_ALTERNATION})\b", folded[position:])
            if not dept:
                break
            name = _department_name(dept.group(1))
            add(position, position + dept.end(), f"Sở {name}", "")
            position += dept.end()
            sep = re.match(r"\s*(?:,|;|\bva\b)\s*", folded[position:])
            if not sep:
                break
            position += sep.end()
    # "HĐND-UBND tỉnh", "HĐND và UBND tỉnh": two bodies sharing "tỉnh" (but the joint office
    # "Văn phòng HĐND và UBND tỉnh" is one).
    for level, written in (("tỉnh", r"tinh\b"), ("thành phố", r"(?:thanh pho\b|tp\b\.?)")):
        for match in re.finditer(
            rf"(?<!van phong )(?<!thuong truc )\b({_HDND})\s*(?:-|&|va|,)\s*({_UBND})\s+{written}"
            rf"{_SUFFIX}",
            folded,
        ):
            add(match.start(1), match.end(1), f"HĐND {level}", match.group("prov") or "")
            add(match.start(2), match.end(), f"UBND {level}", match.group("prov") or "")
        # "Ủy ban MTTQ và các tổ chức chính trị - xã hội tỉnh": the front of the province.
        for match in re.finditer(
            r"\b((?:uy ban\s+|ub)?(?:mttq|mat tran to quoc)(?:\s+viet nam)?)\s+va\s+cac\s+"
            r"(?:to chuc chinh tri\s*-\s*xa hoi|doan the(?:\s+chinh tri\s*-\s*xa hoi)?)\s+"
            + written,
            folded,
        ):
            add(match.start(1), match.end(1), f"Ủy ban MTTQ Việt Nam {level}", "")
    for match in re.finditer(rf"\bso\s+({_DEPT_ALTERNATION})\b{_SUFFIX}", folded):
        if text[match.start()] != "S":  # "số" (number) folds like "sở"
            continue
        name = _department_name(match.group(1))
        add(match.start(), match.end(), f"Sở {name}", match.group("prov") or "")
    # Bodies of a commune or a district, named by their place: "UBND xã Đăk Ngọk", "Huyện ủy
    # Chơn Thành", "Phòng Nội vụ", "Văn phòng - Thống kê xã".
    for match in _LOCAL.finditer(lined or text):
        kind = match.group("kind") or match.group("kind2")
        kind = {
            "ủy ban nhân dân": "UBND",
            "uỷ ban nhân dân": "UBND",
            "hội đồng nhân dân": "HĐND",
        }.get(kind.lower(), kind)
        group = "place" if match.group("place") else "place2"
        # A place name is its words in capitals: "Thành ủy Hà Nội đốc thúc" names Hà Nội.
        words = list(re.finditer(r"\S+", match.group(group)))
        kept = list(itertools.takewhile(lambda w: w.group(0)[0].isupper(), words))
        if not kept:
            continue
        place = match.group(group)[: kept[-1].end()]
        if fold(place) in _PROVINCE_KEYS:
            continue  # "Thành ủy Đà Nẵng", "UBND thành phố Hải Phòng": the province's own
        parts = (kind, match.group("level"), place)
        end = match.start(group) + len(place)
        add(match.start(), end, " ".join(part for part in parts if part), "")
    # The longest name first: "Văn phòng UBND TP" is the office, not the committee.
    named = [
        (match, name)
        for name, pattern in NAMED_BODIES
        for match in re.finditer(rf"\b(?:{pattern}){_SUFFIX}(?![\w])", folded)
    ]
    for match, name in sorted(named, key=lambda pair: pair[0].start() - pair[0].end()):
        if name.startswith("Thành") and text[match.start()].islower():
            continue  # "các huyện ủy, thành ủy": the cities of a province, no one body
        add(match.start(), match.end(), name, match.group("prov") or "")
    for match in re.finditer(
        rf"\bphong\s+({_DEPT_ALTERNATION})\b(?!\s+thuoc\s+(?:ubnd|uy ban nhan dan)\s+cap)", folded
    ):
        # "phòng, chống" is no office; "Phòng Nội vụ thuộc UBND cấp huyện" is a kind of office
        if text[match.start()] == "P":
            add(match.start(), match.end(), f"Phòng {_department_name(match.group(1))}", "")
    for match in re.finditer(r"\bvan phong\s*-\s*thong ke\s+(?:xa|phuong)\b", folded):
        add(match.start(), match.end(), text[match.start() : match.end()], "")
    return sorted(found, key=lambda m: m.start)


_PLACE = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:[ \t]+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
_PROVINCE_KEYS = {fold(p) for p in PROVINCES}
_LOCAL = re.compile(
    r"(?<![\wÀ-ỹ])(?P<kind>UBND|HĐND|[ỦUủu][ỷy] ban nhân dân|Hội đồng nhân dân)\s+"
    r"(?P<level>xã|phường|thị trấn|huyện|quận|thị xã|thành phố)\s+(?P<place>" + _PLACE + r")"
    r"|(?<![\wÀ-ỹ])(?P<kind2>Huyện [ủu][ỷy]|Thị [ủu][ỷy]|Thành [ủu][ỷy]"
    r"|Đảng [ủu][ỷy] (?:xã|phường|thị trấn))"
    r"\s+(?P<place2>" + _PLACE + r")"
)


def _role(folded: str, mention: _Mention) -> str:
    """ "X chủ trì", "chủ trì: X" → lead; "phối hợp (với) X, Y" up to the next action, or
    "X … phối hợp" → coordinating. A leader's title before X ("Bí thư Tỉnh ủy chủ trì phiên
    họp") gives the body no role: the person chairs, the body leads nothing."""
    before = folded[max(0, mention.start - 160) : mention.start]
    after = folded[mention.end : mention.end + 40]
    if _LEADER_TITLE.search(before):
        return ""
    if re.match(
        r"\s*(?:\([^)]*\)\s*)?,?\s*(?:lam\s+)?(?:co quan\s+)?chu tri\b"
        r"(?!\s*(?:phien|hoi nghi|cuoc|buoi))",
        after,
    ):
        return "lead"
    if re.search(r"(?:co quan\s+)?chu tri\s*:\s*$", before):
        return "lead"
    # "Sở X - Cơ quan thường trực Ban Tổ chức … (Ban Tổ chức) chủ trì": X, named with its office
    if re.match(
        r"\s*-\s*co quan thuong truc[^;.,:]{0,120}?\s(?:\([^)]*\)\s*)?chu tri\b",
        folded[mention.end : mention.end + 170],
    ):
        return "lead"
    span = re.search(r"phoi hop(?:\s+voi)?\s*:?\s*((?:(?!" + _ACTION + r")[^;.])*)$", before)
    # "phối hợp với Sở Y, UBND các huyện …" names partners; "quy chế phối hợp công tác giữa X
    # và Y" names a relation, not a role.
    if span and not re.search(r"\b(?:giua|cong tac|trong|ve|cua|quy che)\b", span.group(1)):
        return "coordinating"
    if re.match(r"\s*(?:va\s+[^;.]*?)?phoi hop\b", after) and not re.search(r"chu tri", after[:30]):
        return "coordinating"
    # "giao Văn phòng Thành ủy, Văn phòng HĐND TP, Văn phòng UBND TP phối hợp theo dõi": the
    # bodies given the work together, none of them leading.
    listed = folded[mention.end : mention.end + 120]
    if re.search(
        r"\b(?:giao|yeu cau|de nghi)\s+(?:(?:(?!" + _ACTION + r")[^;.:])*,\s*)?$", before
    ) and re.match(
        r"\s*,(?:(?!" + _ACTION + r"|chu tri)[^;.:]){0,100}?\bphoi hop\b(?!\s+voi)", listed
    ):
        return "coordinating"
    # "ông Hoan giao Sở Nội vụ điều chỉnh …", "yêu cầu Sở Nội vụ hoàn thiện kế hoạch …": the
    # body asked to act leads.
    if re.search(r"\b(?:giao|yeu cau)\s*(?:cho\s+)?$", before) and re.match(
        r"\s*(?:" + _ACTION + r"|dieu chinh|hoan thien|lap\b|khan truong)", after
    ):
        return "lead"
    return ""


_Registry = tuple[dict[tuple[str, str], tuple[int, str]], dict[str, list[tuple[int, str, str]]]]


def _registry() -> _Registry:
    """Registered bodies by (folded canonical name, folded province) and by name alone."""
    rows = list(Body.objects.values_list("pk", "name", "kind", "parent_id", "active_to"))
    by_pk = {pk: (name, kind, parent) for pk, name, kind, parent, _active_to in rows}

    def province_of(pk: int) -> str:
        seen = 0
        while pk and seen < 20:
            name, kind, parent = by_pk[pk]
            if kind == BodyKind.PROVINCE:
                return fold(name).removeprefix("tinh ").removeprefix("thanh pho ")
            pk, seen = parent, seen + 1
        return ""

    exact: dict[tuple[str, str], tuple[int, str]] = {}
    loose: dict[str, list[tuple[int, str, str]]] = {}
    for pk, name, kind, _parent, active_to in rows:
        if kind == BodyKind.PROVINCE or active_to is not None:
            continue
        prov = province_of(pk)
        key = _body_key(name, prov)
        exact.setdefault((key, prov), (pk, name))
        loose.setdefault(key, []).append((pk, name, prov))
    return exact, loose


def _body_key(name: str, province: str = "") -> str:
    key = fold(name)
    key = re.sub(r"\buy ban nhan dan\b", "ubnd", key)
    key = re.sub(r"\bhoi dong nhan dan\b", "hdnd", key)
    key = re.sub(r"\bmat tran to quoc\b", "mttq", key)
    key = re.sub(r"\bban chap hanh\b", "bch", key)
    key = re.sub(r"\bban thuong vu\b", "btv", key)
    key = re.sub(r"\s*-\s*", " - ", key)
    if province:
        key = re.sub(rf"\s+(?:tinh\s+)?{re.escape(province)}$", "", key)
    return " ".join(key.split())


def _resolve(
    mention: _Mention, text_province: str, exact: dict, loose: dict
) -> tuple[int | None, str]:
    province = mention.province or fold(text_province)
    key = _body_key(mention.name)
    if province:
        hit = exact.get((key, province)) or exact.get((key.removesuffix(" tinh"), province))
        if hit:
            return hit
        generic = exact.get((key, "")) or exact.get((key.removesuffix(" tinh"), ""))
        if generic:
            return generic
        # Not registered: offered under the name the text uses, with the province when it is
        # another province's body.
        other = mention.province and mention.province != fold(text_province)
        return None, _with_province(mention.name, mention.province) if other else mention.name
    candidates = loose.get(key, []) + (
        loose.get(key.removesuffix(" tinh"), []) if key.endswith(" tinh") else []
    )
    if len(candidates) == 1:
        pk, name, _province = candidates[0]
        return pk, name
    return None, mention.name


def _with_province(name: str, province_folded: str) -> str:
    if not province_folded:
        return name
    proper = next(
        (p for p in PROVINCES if fold(p) == " ".join(province_folded.split())), province_folded
    )
    if name.endswith(("tỉnh", "Tỉnh ủy")):
        return f"{name} {proper}"
    return f"{name} tỉnh {proper}"


def _body_name(written: str) -> str:
    mentions = _mentions(written)
    return mentions[0].name if mentions else ""


def _bodies(text: str, draft: Draft, registry: "_Registry") -> None:
    """The bodies named, resolved in the text's province, with the best role each is given."""
    flat = text.replace("\n", " ")
    folded = _fold_chars(flat)
    exact, loose = registry
    issuer_spans = [
        (m.start(), m.end())
        for m in re.finditer(r"[^.;]{0,80}?\s(?:da\s+|vua\s+)?ban hanh\b", folded)
    ]
    found: dict[str, DraftBody] = {}
    for mention in _mentions(flat, text):
        body_id, name = _resolve(mention, draft.province, exact, loose)
        role = _role(folded, mention)
        if any(a <= mention.start < b and b - mention.end < 30 for a, b in issuer_spans):
            role = ""
        key = str(body_id) if body_id else _body_key(name)
        current = found.get(key)
        rank = {"lead": 2, "coordinating": 1, "": 0}
        if current is None:
            found[key] = DraftBody(body_id, name, role, mention.written)
        elif rank[role] > rank[current.role]:
            current.role = role
    draft.bodies = list(found.values())


def _assign(tasks: list[DraftTask], draft: Draft, registry: "_Registry") -> None:
    """Each task's lead and coordinating bodies from its own words."""
    exact, loose = registry
    index = {(b.body_id, _body_key(b.name)): b for b in draft.bodies}
    for task in tasks:
        text = task.title
        folded = _fold_chars(text)
        mentions = _mentions(text)
        lead: tuple[int | None, str] | None = None
        coordinating: list[tuple[int | None, str]] = []
        joint: list[tuple[int | None, str]] = []
        for position, mention in enumerate(mentions):
            role = _role(folded, mention)
            resolved = _resolve(mention, draft.province, exact, loose)
            # "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức …": the bodies
            # heading the sentence together all carry out its work.
            if (
                lead is not None
                and not role
                and len(joint) == position - 1
                and re.fullmatch(
                    r"\s*(?:,|va)\s*", folded[mentions[position - 1].end : mention.start]
                )
                and re.match(r"\s*(?:-|:|\(|,)?\s*[a-z]", folded[mention.end :])
                and not re.match(_REQUESTS, folded[mention.end :])
            ):
                joint.append(resolved)
                continue
            if role == "lead" and lead is None:
                lead = resolved
            elif role == "coordinating":
                coordinating.append(resolved)
            elif (
                position == 0
                and lead is None
                # "Sở X tổng hợp …", "Giao Giám đốc Sở X hướng dẫn …": the one who acts leads
                and re.match(
                    r"^\s*(?:(?:pho\s+)?giam doc|thu truong)?\s*$", folded[: mention.start]
                )
                and re.match(r"\s*(?:-|:|\(|,)?\s*[a-z]", folded[mention.end :])
                and not re.match(_REQUESTS, folded[mention.end :])
                and not _LEADER_TITLE.search(folded[: mention.start])
            ):
                lead = resolved
        if lead:
            task.lead_id, task.lead_name = lead
            for each in [lead, *joint]:
                body = index.get((each[0], _body_key(each[1])))
                if body and not body.role:
                    body.role = "lead"
        for body_id, name in coordinating:
            if body_id and body_id not in task.coordinating_ids:
                task.coordinating_ids.append(body_id)
            if name not in task.coordinating_names:
                task.coordinating_names.append(name)


def _assign_cells(tasks: list[DraftTask], draft: Draft, registry: "_Registry") -> None:
    """A task table names its lead and coordinating bodies in their own cells."""
    exact, loose = registry
    index = {(b.body_id, _body_key(b.name)): b for b in draft.bodies}
    rank = {"lead": 2, "coordinating": 1, "": 0}
    for task in tasks:
        written_lead, written_coordinating = task.lead_name, task.coordinating_names
        task.coordinating_names = []
        for role, written in [("lead", written_lead)] + [
            ("coordinating", c) for c in written_coordinating
        ]:
            mentions = _mentions(written)
            if not mentions:
                if role == "lead":
                    task.lead_name = written  # "Các sở, ngành": kept as written
                else:
                    task.coordinating_names.append(written)
                continue
            for mention in mentions[:1] if role == "lead" else mentions:
                body_id, name = _resolve(mention, draft.province, exact, loose)
                if role == "lead":
                    task.lead_id, task.lead_name = body_id, name
                else:
                    if body_id and body_id not in task.coordinating_ids:
                        task.coordinating_ids.append(body_id)
                    task.coordinating_names.append(name)
                body = index.get((body_id, _body_key(name)))
                if body and rank[role] > rank[body.role]:
                    body.role = role


_REQUESTS = (
    r"\s*(?:\w+\s+){0,2}?(?:cung\s+)?"
    r"(?:de nghi|yeu cau|giao|chi dao|ban hanh|quyet dinh|thong qua)\b"
)


# The whole reading ------------------------------------------------------------------------------


def draft_from_text(text: str) -> Draft:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\xa0", " ")
    paragraphs = _paragraphs(text)
    lines = [line for p in paragraphs for line in p.split("\n") if line.strip()]
    draft = Draft()
    draft.province = _province(lines)
    _header(lines, draft)
    _cited(text, draft)
    draft.horizon = _horizon(lines)
    draft.goals = _goals(paragraphs)
    structured, organisation = _structure(paragraphs, draft)
    listed, warnings = _listed(text)
    tasks = structured if len(structured) >= len(listed) else listed
    if tasks is listed:
        draft.warnings += warnings
    else:
        draft.warnings += _announced(text, tasks)
    table = _table_tasks(text)
    if not tasks and not organisation and not table:
        skip = set(draft.purpose) | set(draft.set_apart)
        tasks = _prose_tasks([p for p in paragraphs if _capitalised(_item_text(p)) not in skip])
    for task in tasks + organisation:
        if task.kind != "breakthrough":
            task.title = _capitalised(task.title)
        else:
            task.title = task.title.strip(" .")
        if not task.deadline:
            _item_deadline(task)
    end_year = draft.horizon[-4:] if draft.horizon else ""
    draft.targets = _targets(paragraphs, end_year)
    registry = _registry()
    _bodies(text, draft, registry)
    _issuer_body(draft, registry)
    _assign(tasks + organisation, draft, registry)
    _assign_cells(table, draft, registry)
    draft.tasks = _reviews(_attach(tasks, organisation)) + table
    return draft


def _issuer_body(draft: Draft, registry: "_Registry") -> None:
    """The issuer heading the page ("ỦY BAN NHÂN DÂN" alone) is a body the text names."""
    issuer = draft.document.issuer
    if not issuer or any(_body_key(b.name) == _body_key(issuer) for b in draft.bodies):
        return
    mention = _Mention(0, 0, issuer, "", issuer)
    body_id, name = _resolve(mention, draft.province, *registry)
    if not any(b.body_id == body_id and body_id for b in draft.bodies):
        draft.bodies.insert(0, DraftBody(body_id, name, "", issuer))


def _item_text(paragraph: str) -> str:
    match = ITEM.match(paragraph)
    return match.group(2) if match else paragraph
